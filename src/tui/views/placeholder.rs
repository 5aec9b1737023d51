//! The panes still to be built say what they will hold and what to use meanwhile,
//! instead of drawing an empty box.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::pane::Pane;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, pane: Pane) -> usize {
    let t = &app.theme;
    let portfolio = app.keymap.first_key(Action::GoTo(Pane::Portfolio));
    let sort = app.keymap.first_key(Action::CycleSort);
    let (will, meanwhile) = match pane {
        Pane::Renewals => (
            "Every renewal in its 120/90/60/30-day window, with the motion each window calls for, \
             the forecast and the ARR per window.",
            format!(
                "Meanwhile the Portfolio ({portfolio}) opens sorted by next renewal, overdue first; {sort} changes the order."
            ),
        ),
        Pane::Stakeholders => (
            "Each account's org chart: executive sponsor, economic buyer, champion and end users, \
             their sentiment and last touch, and the gaps (single-threaded, no sponsor, champion left).",
            "The book already holds the contacts; this pane is not drawn yet.".to_string(),
        ),
        Pane::Tasks => (
            "Your playbook tasks grouped as Overdue, Today, This week and Later, to work through \
             and mark done.",
            "The book already holds the tasks; this pane is not drawn yet.".to_string(),
        ),
        Pane::Portfolio | Pane::Team => ("", String::new()),
    };
    let text = vec![
        Line::from(Span::styled(
            format!("{} is coming.", pane.title()),
            t.header(),
        )),
        Line::raw(""),
        Line::raw(will),
        Line::raw(""),
        Line::from(Span::styled(meanwhile, t.dim())),
    ];
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(format!(" {} ", pane.title()), t.title()));
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(block),
        area,
    );
    1
}
