//! The help overlay: every binding with its keys and what it does, read from the keymap.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Cell, Clear, Row, Table};

use super::centered;
use crate::tui::app::App;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let mut rows: Vec<Row> = app
        .keymap
        .bindings()
        .iter()
        .map(|b| {
            let keys = b
                .keys
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
                .join(" ");
            Row::new([
                Cell::from(Span::styled(keys, t.key())),
                Cell::from(b.description),
            ])
        })
        .collect();
    rows.push(Row::new([
        Cell::from(Span::styled("Ctrl-c", t.key())),
        Cell::from("Quit, from anywhere"),
    ]));
    rows.push(Row::new([
        Cell::from(Span::styled("While filtering", t.header())),
        Cell::from("keys type; Enter keeps the filter, Esc clears it"),
    ]));
    let height = rows.len() as u16 + 2;
    let popup = centered(area, 72, height);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.title())
        .title(Span::styled(" Keys (any key closes) ", t.title()));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Table::new(rows, [Constraint::Length(16), Constraint::Min(10)]).block(block),
        popup,
    );
}
