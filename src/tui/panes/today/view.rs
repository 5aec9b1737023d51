//! The Today pane: the morning queue, one row per account, most pressing first (saves,
//! then risks, then routine work), the backlog last under its heading. A row says why the
//! account is here (its lead item: when, what) and names the rest after it; an opened
//! account shows its items under it; the flat view lists every item. On a wide screen
//! each line says what to do; the selected item's next move and keys sit under the list.
//! The title counts the accounts left, the ARR they cover, and what clearing them takes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::TodayRoom;
use super::list::{Entry, TodayList};
use crate::domain::Money;
use crate::domain::today::{Class, Item, ItemKind};
use crate::text::{clip, count, minutes};
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keys::Context;
use crate::tui::widgets::theme::Theme;

/// The Why of an item without its ARR (the row shows it): on a narrow screen, where
/// there is no Do column, a task names the task instead of its play.
fn why(item: &Item, wide: bool) -> String {
    let reason = item.reason.as_str();
    let reason = reason
        .strip_prefix(&item.arr.short())
        .map_or(reason, str::trim_start);
    match reason.strip_suffix(item.what.as_str()) {
        Some(head) if !wide && item.kind == ItemKind::Task => format!("{head}{}", item.todo),
        _ => reason.to_string(),
    }
}

/// "about 1h40 to clear".
fn to_clear(m: u32) -> String {
    match m {
        0 => "nothing to clear".into(),
        m => format!("about {} to clear", minutes(m)),
    }
}

fn class_style(t: &Theme, class: Class) -> Style {
    match class {
        Class::Save => t.bad(),
        Class::Risk => t.warn(),
        Class::Routine => Style::default(),
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
    let mut title = if room.first_rows {
        // Counts of a part of the book would mislead: none until the whole is read.
        format!(" Today · {whose} · the first accounts' rows, reading the rest…")
    } else {
        format!(
            " Today · {whose} · {} account{} · {} at stake · {}",
            q.accounts,
            if q.accounts == 1 { "" } else { "s" },
            Money::usd(q.arr_cents).short(),
            to_clear(q.minutes),
        )
    };
    if q.backlog > 0 && !room.first_rows {
        title.push_str(&format!(" · backlog {}", q.backlog));
    }
    if room.reading && !room.first_rows {
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

    let summary_line = if room.first_rows {
        Line::styled(
            "More rows may rank above these as the rest of the book is read.",
            t.dim(),
        )
    } else {
        facts(list, room, cx)
    };
    frame.render_widget(Paragraph::new(summary_line), summary);

    let rows = body.height.max(1) as usize;
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
        return rows;
    }
    let wide = inner.width >= 110;
    let account_width = if wide { 22 } else { 16 };
    // New and rank, priority, the opened marker, account, ARR.
    let lead = 5 + 7 + 2 + account_width + 1 + 8;
    let text = (inner.width as usize).saturating_sub(lead);
    let why_width = if wide {
        text - (text / 3).min(32)
    } else {
        text
    }
    .max(10);
    let todo_width = text.saturating_sub(why_width + 1);
    let mut head = format!(
        "{:<5}{:>6}   {:<account_width$} {:>7} {:<why_width$}",
        "  #",
        "Pri",
        "Account",
        "ARR",
        if list.flat {
            "Why"
        } else {
            "Why (most pressing first)"
        }
    );
    if wide {
        head.push_str(" Do");
    }
    frame.render_widget(Paragraph::new(head).style(t.header()), headings);

    // One line's cells: new, rank, priority, marker, account, ARR, label, why, do.
    struct Cells {
        rank: String,
        marker: &'static str,
        account: String,
        arr: String,
        label: String,
        why: String,
    }
    let widths = (account_width, why_width, todo_width, wide);
    impl Cells {
        fn spans(
            self,
            item: &Item,
            t: &Theme,
            (account_width, why_width, todo_width, wide): (usize, usize, usize, bool),
        ) -> Vec<Span<'static>> {
            let why_room = why_width.saturating_sub(self.label.chars().count());
            let todo = if wide {
                format!(" {}", clip(&item.todo, todo_width))
            } else {
                String::new()
            };
            vec![
                Span::styled(if item.new { " •" } else { "  " }, t.key()),
                Span::raw(self.rank),
                Span::styled(
                    format!("{:>6.0} ", item.priority),
                    class_style(t, item.class),
                ),
                Span::styled(format!("{} ", self.marker), t.key()),
                Span::raw(format!("{:<account_width$} {:>7} ", self.account, self.arr)),
                Span::styled(self.label, class_style(t, item.class)),
                Span::raw(format!("{:<why_room$}", clip(&self.why, why_room))),
                Span::styled(todo, t.dim()),
            ]
        }
    }
    let line_of = |at: usize, entry: Entry| -> Line {
        let rows_ = &q.rows;
        let spans = match entry {
            Entry::Backlog => {
                let words = format!(
                    "── backlog: owed over {} days, nothing new ",
                    cx.today_rules.backlog_days
                );
                let fill = (inner.width as usize).saturating_sub(words.chars().count());
                return Line::styled(format!("{words}{}", "─".repeat(fill)), t.dim());
            }
            Entry::Row(r) => {
                let row = &rows_[r];
                let marker = match (row.items.len() > 1, list.is_open(row.account_id)) {
                    (false, _) => " ",
                    (true, false) => "▸",
                    (true, true) => "▾",
                };
                let mut why = why(row.head(), wide);
                if let Some(more) = row.more() {
                    why = format!("{why} · {more}");
                }
                Cells {
                    rank: format!("{:>3}", r + 1),
                    marker,
                    account: clip(&row.account, account_width),
                    arr: row.arr.short(),
                    label: String::new(),
                    why,
                }
                .spans(row.head(), t, widths)
            }
            Entry::Item(r, i) => {
                let row = &rows_[r];
                let item = &row.items[i];
                // Flat, each item says its account; under an opened row, its class.
                let (rank, account, arr, label) = if list.flat {
                    let account = clip(&row.account, account_width);
                    (
                        format!("{:>3}", at + 1),
                        account,
                        row.arr.short(),
                        String::new(),
                    )
                } else {
                    let label = format!("{:<8}", item.class.label());
                    ("   ".into(), String::new(), String::new(), label)
                };
                Cells {
                    rank,
                    marker: " ",
                    account,
                    arr,
                    label,
                    why: why(item, wide),
                }
                .spans(item, t, widths)
            }
        };
        let line = Line::from(spans);
        if at == list.cursor.selected {
            line.style(t.selected())
        } else {
            line
        }
    };
    let lines: Vec<Line> = list
        .entries()
        .iter()
        .enumerate()
        .skip(list.cursor.offset)
        .take(rows)
        .map(|(at, e)| line_of(at, *e))
        .collect();
    frame.render_widget(Paragraph::new(lines), body);

    if let Some(item) = list.selected() {
        let width = detail.width as usize;
        let mut keys = super::item_keys(item, &cx.keys);
        // Enter on an account of several items opens them in place.
        if let Some(Entry::Row(r)) = list.entry()
            && q.rows[r].items.len() > 1
            && !list.is_open(q.rows[r].account_id)
        {
            keys[0] = format!(
                "{}/{} its items",
                cx.key(Context::Today, Action::Open),
                cx.key(Context::Today, Action::Expand)
            );
        }
        let lines = vec![
            Line::from(vec![
                Span::styled("→ ", t.key()),
                Span::raw(clip(
                    &format!("{}: {}", item.account, item.todo),
                    width.saturating_sub(2),
                )),
            ]),
            Line::styled(clip(&keys.join(" · "), width), t.dim()),
        ];
        frame.render_widget(Paragraph::new(lines), detail);
    }
    rows
}

/// The line over the list: how many saves, risks and routine accounts, the kinds of
/// item, what is new since the last look, and what is put away.
fn facts<'a>(list: &TodayList, room: &TodayRoom, cx: &Ctx) -> Line<'a> {
    let t = &cx.theme;
    let q = &list.queue;
    let mut by_class = [0usize; 3];
    for row in q.rows.iter().filter(|r| !r.backlog) {
        by_class[row.head().class as usize] += 1;
    }
    let classes: Vec<String> = [
        (Class::Save, "save"),
        (Class::Risk, "risk"),
        (Class::Routine, "routine"),
    ]
    .into_iter()
    .filter(|(c, _)| by_class[*c as usize] > 0)
    .map(|(c, word)| format!("{word} {}", by_class[c as usize]))
    .collect();
    let kinds: Vec<String> = [
        (ItemKind::Task, "tasks"),
        (ItemKind::Renewal, "renewals"),
        (ItemKind::Signal, "signals"),
        (ItemKind::NoTouch, "quiet"),
        (ItemKind::OverrideExpiring, "overrides ending"),
        (ItemKind::Growth, "growth"),
    ]
    .into_iter()
    .filter_map(|(kind, word)| match q.count(kind) {
        0 => None,
        n => Some(format!("{word} {n}")),
    })
    .collect();
    let new = q
        .rows
        .iter()
        .flat_map(|r| &r.items)
        .filter(|i| i.new)
        .count();
    let mut facts = vec![
        Span::raw(
            classes
                .into_iter()
                .chain([format!(
                    "{}: {}",
                    count(q.total, "item", "items"),
                    kinds.join(" · ")
                )])
                .collect::<Vec<_>>()
                .join(" · "),
        ),
        Span::styled(
            match room.scope.last_looked {
                Some(d) => format!(" · • {new} new since {}", d.format("%m-%d")),
                None => " · first look".into(),
            },
            t.key(),
        ),
    ];
    if q.accounts > q.rows.len() {
        facts.push(Span::styled(
            format!(" · the first {} accounts listed", q.rows.len()),
            t.dim(),
        ));
    }
    if q.put_away > 0 {
        facts.push(Span::styled(format!(" · {} put away", q.put_away), t.dim()));
    }
    if list.flat {
        facts.push(Span::styled(" · flat", t.dim()));
    }
    Line::from(facts)
}
