//! The conflicts overlay: the fields a sync found changed both here and by someone else
//! on the team, each with your value (the one the team book kept, as the later push) and
//! theirs; `m` keeps yours, `t` puts theirs back (a new change, pushed at the next sync).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row, Table};

use crate::book::team_sync::conflicts::Conflict;
use crate::tui::app::App;
use crate::tui::views::centered;

/// The open conflicts, each with the row it is about in words, and the one picked.
pub struct ConflictsView {
    pub rows: Vec<(Conflict, String)>,
    pub selected: usize,
}

impl ConflictsView {
    pub fn down(&mut self) {
        self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1));
    }

    pub fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    pub fn picked(&self) -> Option<&Conflict> {
        self.rows.get(self.selected).map(|(c, _)| c)
    }
}

/// A value as a CSM reads it.
fn shown(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "(empty)".into(),
        other => other.to_string(),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, view: &ConflictsView, app: &App) {
    let t = &app.cx.theme;
    let box_area = centered(
        area,
        area.width.saturating_sub(6).min(110),
        area.height.saturating_sub(4),
    );
    frame.render_widget(Clear, box_area);
    let block = Block::default().borders(Borders::ALL).title(format!(
        " Conflicts ({}) · fields you and someone on the team both changed; yours won ",
        view.rows.len()
    ));
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    if view.rows.is_empty() {
        frame.render_widget(
            Paragraph::new("No conflicts: everything you changed went to the team book as it was."),
            inner,
        );
        return;
    }
    let rows: Vec<Row> = view
        .rows
        .iter()
        .enumerate()
        .map(|(i, (c, label))| {
            let style = if i == view.selected {
                t.selected()
            } else {
                ratatui::style::Style::default()
            };
            let field = if c.field == "(row)" {
                "the row".to_string()
            } else {
                c.field.replace('_', " ")
            };
            Row::new([
                Cell::from(label.clone()),
                Cell::from(field),
                Cell::from(Span::styled(shown(&c.mine), t.title())),
                Cell::from(format!(
                    "{}: {}",
                    c.their_actor.as_deref().unwrap_or("the team"),
                    shown(&c.theirs)
                )),
            ])
            .style(style)
        })
        .collect();
    let height = inner.height.saturating_sub(2);
    let table = Table::new(
        rows,
        [
            Constraint::Percentage(34),
            Constraint::Percentage(16),
            Constraint::Percentage(22),
            Constraint::Percentage(28),
        ],
    )
    .header(Row::new(["Row", "Field", "Yours (kept)", "Theirs"]).style(t.header()));
    frame.render_widget(table, Rect { height, ..inner });
    let keys = Line::from(vec![
        Span::styled("m", t.key()),
        Span::raw(" keep yours  "),
        Span::styled("t", t.key()),
        Span::raw(" put theirs back  "),
        Span::styled("j/k", t.key()),
        Span::raw(" move  "),
        Span::styled("Esc", t.key()),
        Span::raw(" close"),
    ]);
    frame.render_widget(
        Paragraph::new(keys),
        Rect {
            y: inner.bottom().saturating_sub(1),
            height: 1,
            ..inner
        },
    );
}
