//! Drawing: each pane in its own file, all of them functions of `&App` that do no IO.
//! This file lays out the frame: header, tabs, the pane, the status bar and overlays.

mod account;
mod brief;
mod help;
mod portfolio;
mod renewals;
mod stakeholders;
mod status;
mod tasks;
mod team;
mod today;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Mode};
use super::pane::Pane;
use crate::domain::Money;

/// The smallest terminal the cockpit draws into; below it, a message says so.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 12;

/// Draws the whole screen. Returns how many list rows the pane has room for, so the
/// app can page by screenfuls.
pub fn draw(frame: &mut Frame, app: &App) -> usize {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
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
    frame.render_widget(tab_line(app), tabs);
    let rows = match app.pane {
        Pane::Today => today::draw(frame, body, app),
        Pane::Portfolio => portfolio::draw(frame, body, app),
        Pane::Renewals => renewals::draw(frame, body, app),
        Pane::Stakeholders => stakeholders::draw(frame, body, app),
        Pane::Tasks => tasks::draw(frame, body, app),
        Pane::Team => team::draw(frame, body, app),
    };
    frame.render_widget(status::line(app), status_bar);
    match app.mode {
        Mode::Help => help::draw(frame, body, app),
        Mode::Account => account::draw(frame, body, app),
        Mode::Prompt if app.prompt_return == Mode::Account => account::draw(frame, body, app),
        Mode::Brief => brief::draw(frame, body, app),
        Mode::Prompt if app.prompt_return == Mode::Brief => brief::draw(frame, body, app),
        Mode::Prompt | Mode::Browse | Mode::Filter => {}
    }
    rows
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "This terminal is {}x{}; csm needs at least {MIN_WIDTH}x{MIN_HEIGHT}. Enlarge it, or press q to quit.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn header_line(app: &App, width: u16) -> Line<'static> {
    let t = &app.theme;
    let list = &app.portfolio;
    let mut left = vec![
        Span::styled(" csm", t.title()),
        Span::raw(format!(
            " · {} accounts{} · {} ARR · {}",
            list.active_count,
            match list.len() - list.active_count {
                0 => String::new(),
                churned => format!(" (+{churned} churned)"),
            },
            Money::usd(list.total_arr_cents).short(),
            app.today.format("%Y-%m-%d")
        )),
    ];
    if app.label.demo {
        left.push(Span::raw(" · "));
        left.push(Span::styled("DEMO", t.warn()));
    } else {
        left.push(Span::styled(format!(" · {}", app.label.name), t.dim()));
    }
    let help = format!(
        "{} help ",
        app.keymap.first_key(super::action::Action::ToggleHelp)
    );
    let used: usize = left.iter().map(|s| s.width()).sum();
    let pad = (width as usize).saturating_sub(used + help.len());
    if pad > 0 {
        left.push(Span::raw(" ".repeat(pad)));
        left.push(Span::styled(help, t.dim()));
    }
    Line::from(left)
}

fn tab_line(app: &App) -> Line<'static> {
    let t = &app.theme;
    let mut spans = vec![Span::raw(" ")];
    for pane in Pane::ALL {
        let key = app.keymap.first_key(super::action::Action::GoTo(pane));
        let style = if pane == app.pane {
            t.tab_active()
        } else {
            t.tab()
        };
        spans.push(Span::styled(format!(" {key} {} ", pane.title()), style));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

/// A rectangle centred in `area`, at most `width` x `height`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
