//! The cockpit without a terminal: an `App` drawn into an in-memory backend, for the
//! benchmark and the tests, through the same keymap, update and views as the real loop.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::App;
use super::views;

pub struct Headless {
    pub app: App,
    terminal: Terminal<TestBackend>,
}

impl Headless {
    pub fn new(app: App, width: u16, height: u16) -> Headless {
        let terminal = Terminal::new(TestBackend::new(width, height))
            .expect("an in-memory terminal cannot fail");
        Headless { app, terminal }
    }

    /// Draws a frame, as the loop does after every change.
    pub fn draw(&mut self) {
        let app = &mut self.app;
        self.terminal
            .draw(|frame| app.cx.viewport = views::draw(frame, app))
            .expect("drawing into memory cannot fail");
    }

    /// Presses a key (`"j"`, `"G"`, `"ctrl-d"`, `"enter"`: as the config writes them)
    /// and draws if anything changed.
    pub fn press(&mut self, key: &str) {
        let key = super::keys::Key::parse(key).expect("a key the test or benchmark spells right");
        let mut mods = key.mods;
        if let KeyCode::Char(c) = key.code
            && c.is_ascii_uppercase()
        {
            mods |= KeyModifiers::SHIFT;
        }
        if self.app.on_key(&KeyEvent::new(key.code, mods)) {
            self.draw();
        }
    }

    /// Types text, one key per character.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            if self
                .app
                .on_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
            {
                self.draw();
            }
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        let _ = self.terminal.autoresize();
        self.draw();
    }

    pub fn buffer(&self) -> &Buffer {
        self.terminal.backend().buffer()
    }

    /// The screen as text, one line per row, trailing spaces kept.
    pub fn screen(&self) -> String {
        let buf = self.buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }
}
