//! The Today pane: the morning queue, most pressing first. Each row says why the item is
//! there (ARR, when, what) and, on a wide screen, what to do; the selected item's next
//! move and keys sit under the list. The title counts what is left and the ARR it covers.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::TodayRoom;
use crate::domain::Money;
use crate::domain::today::{Item, ItemKind};
use crate::text::clip;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keys::Context;

/// The Why column: on a narrow screen, where there is no Do column, a task's line names
/// the task instead of its play.
fn why(item: &Item, wide: bool) -> String {
    match item.reason.strip_suffix(item.what.as_str()) {
        Some(head) if !wide && item.kind == ItemKind::Task => format!("{head}{}", item.todo),
        _ => item.reason.clone(),
    }
}

/// Draws the pane; returns how many rows the list has room for.
pub fn draw(frame: &mut Frame, area: Rect, room: &TodayRoom, cx: &Ctx) -> usize {
    let t = &cx.theme;
    let scope = &room.scope;
    let whose = scope.owner.as_deref().unwrap_or("whole team");
    let Some(list) = &room.list else {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(t.border())
            .title(Span::styled(format!(" Today · {whose} "), t.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let note = if cx.book.is_some() {
            "Reading today's queue…"
        } else {
            "No book is open."
        };
        frame.render_widget(Paragraph::new(note).style(t.dim()), inner);
        return inner.height.max(1) as usize;
    };
    let q = &list.queue;
    let mut title = format!(
        " Today · {whose} · {} item{} · {} at stake",
        q.total,
        if q.total == 1 { "" } else { "s" },
        Money::usd(q.arr_cents).short()
    );
    if room.reading {
        title.push_str(" · reading…");
    }
    title.push(' ');
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(title, t.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [summary, headings, body, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(2),
    ])
    .areas(inner);

    let new = list.items().filter(|(_, i)| i.new).count();
    let counts: Vec<String> = [
        (ItemKind::Task, "tasks"),
        (ItemKind::Renewal, "renewals"),
        (ItemKind::Signal, "risks"),
        (ItemKind::NoTouch, "quiet"),
        (ItemKind::OverrideExpiring, "overrides ending"),
    ]
    .into_iter()
    .filter_map(|(kind, word)| match q.count(kind) {
        0 => None,
        n => Some(format!("{word} {n}")),
    })
    .chain([format!("{} accounts", q.accounts)])
    .collect();
    let mut facts = vec![
        Span::raw(counts.join(" · ")),
        Span::styled(
            match scope.last_looked {
                Some(d) => format!(" · • {new} new since {}", d.format("%m-%d")),
                None => " · first look".into(),
            },
            t.key(),
        ),
    ];
    if q.total > q.items.len() {
        facts.push(Span::styled(
            format!(" · the first {} listed", q.items.len()),
            t.dim(),
        ));
    }
    if q.put_away > 0 {
        facts.push(Span::styled(format!(" · {} put away", q.put_away), t.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(facts)), summary);

    let room = body.height.max(1) as usize;
    if list.is_empty() {
        let note = if !list.text().is_empty() {
            format!(
                "Nothing in the queue matches “{}”. {} shows it all.",
                list.text(),
                cx.key(Context::Today, Action::Back)
            )
        } else if q.put_away > 0 {
            "Nothing left: everything else is dismissed or snoozed until something new happens."
                .into()
        } else {
            format!(
                "Nothing needs you today. {} shows another team member's queue.",
                cx.key(Context::Today, Action::NextOwner)
            )
        };
        frame.render_widget(Paragraph::new(note).style(t.dim()), body);
        return room;
    }
    let wide = inner.width >= 110;
    let account_width = if wide { 22 } else { 16 };
    let text = (inner.width as usize).saturating_sub(11 + account_width);
    let why_width = if wide { text * 11 / 20 } else { text }.max(10);
    let todo_width = text.saturating_sub(why_width + 1);
    let mut head = format!(
        "{:<5}{:>5} {:<account_width$} {:<why_width$}",
        "  #", "Pri", "Account", "Why"
    );
    if wide {
        head.push_str(" Do");
    }
    frame.render_widget(Paragraph::new(head).style(t.header()), headings);

    let lines: Vec<Line> = list
        .items()
        .enumerate()
        .skip(list.cursor.offset)
        .take(room)
        .map(|(row, (n, item))| {
            let pri_style = match item.severity {
                3 => t.bad(),
                2 => t.warn(),
                _ => Style::default(),
            };
            let mut spans = vec![
                Span::styled(if item.new { "•" } else { " " }, t.key()),
                Span::raw(format!("{:>3} ", n + 1)),
                Span::styled(format!("{:>5.0} ", item.priority), pri_style),
                Span::raw(format!(
                    "{:<account_width$} ",
                    clip(&item.account, account_width)
                )),
                Span::raw(format!("{:<why_width$}", clip(&why(item, wide), why_width))),
            ];
            if wide {
                spans.push(Span::styled(
                    format!(" {}", clip(&item.todo, todo_width)),
                    t.dim(),
                ));
            }
            let line = Line::from(spans);
            if row == list.cursor.selected {
                line.style(t.selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);

    if let Some(item) = list.selected() {
        let width = detail.width as usize;
        let lines = vec![
            Line::from(vec![
                Span::styled("→ ", t.key()),
                Span::raw(clip(&format!("{}: {}", item.account, item.todo), width - 2)),
            ]),
            Line::styled(
                clip(&super::item_keys(item.kind, &cx.keys).join(" · "), width),
                t.dim(),
            ),
        ];
        frame.render_widget(Paragraph::new(lines), detail);
    }
    room
}
