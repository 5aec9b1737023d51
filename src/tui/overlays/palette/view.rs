//! The jump palette over the pane: what is typed, how many things match, and the best
//! matches with what kind of thing each is, the chosen one highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::text::clip;
use crate::tui::app::App;
use crate::tui::overlays::palette::{Palette, SHOWN};
use crate::tui::views::centered;

pub fn draw(frame: &mut Frame, area: Rect, palette: &Palette, app: &App) {
    let t = &app.cx.theme;
    let list = &app.panes.portfolio.list;
    let popup = centered(area, 72, SHOWN as u16 + 4);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.title())
        .title(Span::styled(
            " Jump to an account, pane, person or command ",
            t.title(),
        ));
    frame.render_widget(Clear, popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let width = inner.width as usize;
    let mut lines = vec![Line::from(vec![
        Span::styled("> ", t.key()),
        Span::raw(palette.query().to_string()),
        Span::styled("▏", t.key()),
        Span::styled(format!("  {} found", palette.matches()), t.dim()),
    ])];
    if palette.matches() == 0 {
        lines.push(Line::styled(
            "Nothing matches: fewer letters find more.",
            t.dim(),
        ));
    }
    for (i, entry) in palette.shown(list).enumerate() {
        let (label, detail) = entry.describe();
        let side = format!("{detail} {:>10}", entry.kind().word());
        let room = width.saturating_sub(side.chars().count() + 3);
        let label = clip(&label, room);
        let line = Line::from(vec![
            Span::raw(format!(" {label:<room$} ")),
            Span::styled(clip(&side, width.saturating_sub(room + 2)), t.dim()),
        ]);
        lines.push(if i == palette.selected {
            line.style(t.selected())
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
