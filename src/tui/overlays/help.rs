//! The help overlay: the keys of where the keyboard is first, then the ones that work
//! everywhere, each with what it does, read from the keymap; the pane keys share one row.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Cell, Clear, Row, Table};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keys::{Context, Key};
use crate::tui::pane::Pane;
use crate::tui::views::centered;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.cx.theme;
    let keys = &app.cx.keys;
    let context = app.top_room().context();
    let row = |keys: &[Key], description: &'static str| {
        let keys = keys
            .iter()
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join(" ");
        Row::new([
            Cell::from(Span::styled(keys, t.key())),
            Cell::from(description),
        ])
    };
    let heading = |title: &str| {
        Row::new([
            Cell::from(""),
            Cell::from(Span::styled(title.to_string(), t.title())),
        ])
    };
    // This place's keys first, then the ones that work everywhere.
    let mut rows: Vec<Row> = Vec::new();
    if !keys.bindings(context).is_empty() {
        rows.push(heading(context.title()));
        rows.extend(
            keys.bindings(context)
                .iter()
                .map(|b| row(&b.keys, b.description)),
        );
    }
    rows.push(heading(Context::Global.title()));
    // The pane keys share one row: their digits, in tab order.
    let global = keys.bindings(Context::Global);
    let panes: Vec<String> = global
        .iter()
        .filter(|b| matches!(b.action, Action::GoTo(_)))
        .filter_map(|b| b.keys.first().map(|k| k.to_string()))
        .collect();
    rows.extend(
        global
            .iter()
            .filter(|b| !matches!(b.action, Action::GoTo(_)))
            .map(|b| row(&b.keys, b.description)),
    );
    rows.push(Row::new([
        Cell::from(Span::styled(key_run(&panes), t.key())),
        Cell::from(if Pane::ALL.len() == panes.len() {
            "Show a pane, in tab order"
        } else {
            "Show a pane"
        }),
    ]));
    // Two reminders, when two columns have room for them (the status bar says both
    // while they matter).
    let room = 2 * usize::from(area.height.saturating_sub(2));
    if rows.len() + 2 <= room {
        rows.push(Row::new([
            Cell::from(Span::styled("Ctrl-c", t.key())),
            Cell::from("Quit, from anywhere"),
        ]));
        rows.push(Row::new([
            Cell::from(Span::styled("Filtering", t.header())),
            Cell::from("Enter keeps, Esc clears"),
        ]));
    }
    // One column when it fits, else two side by side.
    let columns: u16 = if rows.len() as u16 + 2 <= area.height {
        1
    } else {
        2
    };
    let per_column = rows.len().div_ceil(columns as usize);
    let popup = centered(area, 74 * columns, per_column as u16 + 2);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.title())
        .title(Span::styled(" Keys (any key closes) ", t.title()));
    frame.render_widget(Clear, popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let halves = Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns as usize])
        .spacing(1)
        .split(inner);
    let mut rows = rows.into_iter();
    for area in halves.iter() {
        let chunk: Vec<Row> = rows.by_ref().take(per_column).collect();
        frame.render_widget(
            Table::new(chunk, [Constraint::Length(9), Constraint::Min(10)]),
            *area,
        );
    }
}

/// Keys as a run ("1-6") when they are consecutive characters, else one after another.
fn key_run(keys: &[String]) -> String {
    let chars: Vec<char> = keys.iter().filter_map(|k| k.chars().next()).collect();
    let run = keys.len() > 2
        && keys.iter().all(|k| k.chars().count() == 1)
        && chars.windows(2).all(|w| w[1] as u32 == w[0] as u32 + 1);
    match (run, keys.first(), keys.last()) {
        (true, Some(first), Some(last)) => format!("{first}-{last}"),
        _ => keys.join(" "),
    }
}
