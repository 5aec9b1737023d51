//! The Team pane: each person on the team with the size of their book, for the manager
//! reviewing who carries what.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table};

use crate::domain::Money;
use crate::tui::app::App;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) -> usize {
    let t = &app.theme;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Line::from(vec![
            Span::styled(" Team ", t.title()),
            Span::raw(format!("· {} people ", app.team.len())),
        ]));
    let total = app.portfolio.total_arr_cents.max(1);
    let header = Row::new(["Name", "Role", "Accounts", "ARR", "Share of book"]).style(t.header());
    let rows = app.team.iter().map(|m| {
        let share = m.arr_cents as f64 * 100.0 / total as f64;
        Row::new([
            Cell::from(m.name.clone()),
            Cell::from(m.role.label()),
            Cell::from(Line::from(m.accounts.to_string()).right_aligned()),
            Cell::from(Line::from(Money::usd(m.arr_cents).short()).right_aligned()),
            Cell::from(Line::from(format!("{share:.0}%")).right_aligned()),
        ])
    });
    let widths = [
        Constraint::Length(24),
        Constraint::Length(8),
        Constraint::Length(9),
        Constraint::Length(8),
        Constraint::Length(13),
        Constraint::Fill(1),
    ];
    frame.render_widget(Table::new(rows, widths).header(header).block(block), area);
    area.height.saturating_sub(3) as usize
}
