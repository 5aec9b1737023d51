//! Drawing the frame: header, tabs, the pane (each room draws itself, in its folder),
//! the room open over it, the status bar and the overlays (help, palette). Functions of
//! `&App` that do no IO.

mod status;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::action::Action;
use super::app::{App, Layer};
use super::keys::Context;
use super::pane::Pane;
use super::panes::Room;
use crate::domain::Money;

/// The smallest terminal the cockpit draws into; below it, a message says so.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 12;

/// Draws the whole screen. Returns how many list rows the pane has room for, so the
/// app can page by screenfuls.
pub fn draw(frame: &mut Frame, app: &App) -> usize {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, &app.cx.keys.key(Context::Global, Action::Quit));
        return 1;
    }
    let [header, tabs, body, status_bar] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(header_line(app, header.width), header);
    frame.render_widget(tab_line(app, tabs.width), tabs);
    let cx = &app.cx;
    let mut rows = app.panes.room(app.pane).draw(frame, body, cx);
    // The topmost room open over the pane covers it.
    if let Some(layer) = app
        .stack
        .iter()
        .rev()
        .find(|l| matches!(l, Layer::Account(_) | Layer::Qbr(_)))
    {
        rows = match layer {
            Layer::Account(room) => room.draw(frame, body, cx),
            Layer::Qbr(room) => room.draw(frame, body, cx),
            _ => rows,
        };
    }
    frame.render_widget(status::line(app), status_bar);
    match app.stack.last() {
        Some(Layer::Help) => super::overlays::help::draw(frame, body, app),
        Some(Layer::Conflicts(view)) => super::overlays::conflicts::draw(frame, body, view, app),
        Some(Layer::Palette(p)) => super::overlays::palette::view::draw(frame, body, p, app),
        _ => {}
    }
    rows
}

fn too_small(frame: &mut Frame, area: Rect, quit: &str) {
    let text = format!(
        "This terminal is {}x{}; csm needs at least {MIN_WIDTH}x{MIN_HEIGHT}. Enlarge it, or press {quit} to quit.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn header_line(app: &App, width: u16) -> Line<'static> {
    let t = &app.cx.theme;
    let list = &app.panes.portfolio.list;
    let book = if app.panes.portfolio.loaded {
        format!(
            "{} accounts{} · {} ARR",
            list.active_count,
            match list.len() - list.active_count {
                0 => String::new(),
                churned => format!(" (+{churned} churned)"),
            },
            Money::usd(list.total_arr_cents).short(),
        )
    } else if app.panes.portfolio.reading {
        "reading the accounts…".to_string()
    } else {
        "the accounts could not be read".to_string()
    };
    let mut left = vec![
        Span::styled(" csm", t.title()),
        Span::raw(format!(" · {book} · {}", app.cx.today.format("%Y-%m-%d"))),
    ];
    if app.cx.label.demo {
        left.push(Span::raw(" · "));
        left.push(Span::styled("DEMO", t.warn()));
    } else {
        left.push(Span::styled(format!(" · {}", app.cx.label.name), t.dim()));
    }
    let keys = &app.cx.keys;
    let used: usize = left.iter().map(|s| s.width()).sum();
    let help = format!("{} help ", keys.key(Context::Global, Action::Help));
    let both = format!(
        "{} jump · {help}",
        keys.key(Context::Global, Action::Palette)
    );
    let help = if used + both.len() < width as usize {
        both
    } else {
        help
    };
    let pad = (width as usize).saturating_sub(used + help.len());
    if pad > 0 {
        left.push(Span::raw(" ".repeat(pad)));
        left.push(Span::styled(help, t.dim()));
    }
    Line::from(left)
}

/// The tabs, each with its key: spaced out when they fit `width`, else closer, else the
/// other panes by their short names, else cut to their first letters (the one on screen
/// always whole).
fn tab_line(app: &App, width: u16) -> Line<'static> {
    let t = &app.cx.theme;
    let tabs: Vec<(String, Pane, bool)> = Pane::ALL
        .iter()
        .map(|&pane| {
            let key = app.cx.keys.key(Context::Global, Action::GoTo(pane));
            (key, pane, pane == app.pane)
        })
        .collect();
    // How the panes not on screen are named: whole, short, or cut to so many letters.
    #[derive(Clone, Copy)]
    enum Names {
        Whole,
        Short,
        Cut(usize),
    }
    let line = |pad: &str, gap: &str, names: Names| {
        let mut spans = vec![Span::raw(" ")];
        for (key, pane, on) in &tabs {
            let title: String = match names {
                _ if *on => pane.title().to_string(),
                Names::Whole => pane.title().to_string(),
                Names::Short => pane.short().to_string(),
                Names::Cut(n) => pane.short().chars().take(n).collect(),
            };
            let style = if *on { t.tab_active() } else { t.tab() };
            spans.push(Span::styled(format!("{pad}{key} {title}{pad}"), style));
            spans.push(Span::raw(gap.to_string()));
        }
        Line::from(spans)
    };
    [
        line(" ", " ", Names::Whole),
        line("", "  ", Names::Whole),
        line("", " ", Names::Whole),
        line("", " ", Names::Short),
        line("", " ", Names::Cut(4)),
    ]
    .into_iter()
    .find(|l| l.width() <= width as usize)
    .unwrap_or_else(|| line("", " ", Names::Cut(1)))
}

/// A rectangle centred in `area`, at most `width` x `height`.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
