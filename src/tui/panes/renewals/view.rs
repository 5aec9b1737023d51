//! The Renewals pane: the count and ARR of each window, a strip over the next 120 days
//! placing each renewal in time, and the renewals with health, forecast, motion progress,
//! days left and what is wrong.

use chrono::{Datelike, Duration};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use super::RenewalList;
use super::RenewalsRoom;
use crate::book::renewals::TimelineRow;
use crate::domain::Money;
use crate::domain::renewal::{Motion, Warning, WarningKind, Window};
use crate::domain::vocab::ForecastConfidence;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keys::Context;

/// Days the strip covers.
const STRIP_DAYS: i64 = 120;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Window,
    Account,
    Owner,
    Arr,
    Health,
    Forecast,
    Motion,
    Days,
    Warnings,
}

fn columns(width: u16) -> &'static [Column] {
    use Column::*;
    if width >= 110 {
        &[
            Window, Account, Owner, Arr, Health, Forecast, Motion, Days, Warnings,
        ]
    } else {
        &[Window, Account, Arr, Health, Forecast, Motion, Days]
    }
}

impl Column {
    fn title(self) -> &'static str {
        match self {
            Column::Window => "Window",
            Column::Account => "Account",
            Column::Owner => "Owner",
            Column::Arr => "ARR",
            Column::Health => "Health",
            Column::Forecast => "Forecast",
            Column::Motion => "Motion",
            Column::Days => "Days",
            Column::Warnings => "Warnings",
        }
    }

    /// Its width; `narrow` below 110 columns, where the owner and warnings go.
    fn width(self, narrow: bool) -> Constraint {
        match (self, narrow) {
            (Column::Window, _) => Constraint::Length(7),
            (Column::Account, false) => Constraint::Length(20),
            (Column::Account, true) => Constraint::Length(17),
            (Column::Owner, _) => Constraint::Length(14),
            (Column::Arr, _) => Constraint::Length(6),
            (Column::Health, _) => Constraint::Length(6),
            (Column::Forecast, false) => Constraint::Length(18),
            (Column::Forecast, true) => Constraint::Length(15),
            (Column::Motion, false) => Constraint::Length(17),
            (Column::Motion, true) => Constraint::Length(16),
            (Column::Days, _) => Constraint::Length(5),
            (Column::Warnings, _) => Constraint::Min(10),
        }
    }
}

/// Draws the pane; returns the number of renewal rows it has room for.
pub fn draw(frame: &mut Frame, area: Rect, pane: &RenewalsRoom, cx: &Ctx) -> usize {
    let t = &cx.theme;
    let Some(list) = &pane.list else {
        let note = if cx.book.is_some() {
            "Reading the renewals…"
        } else {
            "No book is open."
        };
        frame.render_widget(Paragraph::new(note).style(t.dim()), area);
        return 1;
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(title(cx, list, pane.reading, area.width as usize));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 5 || inner.width < 20 {
        return 1;
    }
    let [lanes_area, months_area, strip_area, table_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    if list.is_partial() {
        let note = "Counting each window's renewals and ARR…";
        frame.render_widget(Paragraph::new(note).style(t.dim()), lanes_area);
    } else {
        frame.render_widget(lanes(cx, list, lanes_area.width as usize), lanes_area);
        let [months, strip] = strip_lines(cx, list, inner.width as usize);
        frame.render_widget(months, months_area);
        frame.render_widget(strip, strip_area);
    }

    let room = table_area.height.saturating_sub(1).max(1) as usize;
    if list.shown() == 0 {
        let note = if list.is_narrowed() {
            format!(
                "No renewal here. {} shows the next 120 days for everyone.",
                cx.key(Context::Renewals, Action::Back)
            )
        } else {
            "No renewal in the next 120 days.".to_string()
        };
        frame.render_widget(Paragraph::new(note).style(t.dim()), table_area);
        return room;
    }
    let selected = list.selected_index();
    let mut offset = list.offset();
    if selected >= offset + room {
        offset = selected + 1 - room;
    }
    let cols = columns(table_area.width);
    let header = Row::new(cols.iter().map(|c| Cell::from(c.title()))).style(t.header());
    let narrow = table_area.width < 110;
    let rows = list.window(offset, room).enumerate().map(|(i, r)| {
        let motion = r.motion();
        let facts = Facts {
            warnings: r.warnings(&motion),
            motion,
        };
        let row = Row::new(cols.iter().map(|c| cell(*c, r, &facts, cx, narrow)));
        if offset + i == selected {
            row.style(t.selected())
        } else {
            row
        }
    });
    let table = Table::new(rows, cols.iter().map(|c| c.width(narrow)))
        .header(header)
        .column_spacing(1);
    frame.render_widget(table, table_area);
    room
}

fn title(cx: &Ctx, list: &RenewalList, reading: bool, width: usize) -> Line<'static> {
    let t = &cx.theme;
    let arr = list.listed_arr();
    let counted = match (list.is_partial(), reading) {
        // Counts over the first renewals alone would mislead.
        (true, true) => "the soonest renewals, reading the rest…".to_string(),
        (true, false) => "the soonest renewals only: the rest could not be read".to_string(),
        (false, _) => format!("{} renewals · {}", list.shown(), Money::usd(arr).short()),
    };
    let mut parts = vec![
        list.drilled()
            .map_or_else(|| list.window_filter().label(), |d| d.label.clone()),
        format!("owner {}", list.owner().unwrap_or("all")),
        counted,
    ];
    while parts.len() > 1 && 12 + parts.iter().map(|p| p.chars().count() + 3).sum::<usize>() > width
    {
        parts.remove(1);
    }
    let mut spans = vec![Span::styled(" Renewals ", t.title())];
    for p in parts {
        spans.push(Span::raw(format!("· {p} ")));
    }
    Line::from(spans)
}

/// `overdue 3 · $410K │ 30d 14 · $2.1M │ ...`, tighter when the pane is narrow.
fn lanes(cx: &Ctx, list: &RenewalList, width: usize) -> Line<'static> {
    [
        (" · ", " │ ", "overdue"),
        (" ", " │ ", "overdue"),
        (" ", "│", "late"),
    ]
    .into_iter()
    .map(|(dot, bar, late)| lanes_line(cx, list, dot, bar, late))
    .find(|line| line.width() <= width)
    .unwrap_or_else(|| lanes_line(cx, list, " ", "│", "late"))
}

fn lanes_line(cx: &Ctx, list: &RenewalList, dot: &str, bar: &str, late: &str) -> Line<'static> {
    let t = &cx.theme;
    let mut spans = Vec::new();
    for (i, lane) in list.lanes().iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(bar.to_string(), t.dim()));
        }
        let style = match lane.window {
            Window::Overdue if lane.count > 0 => t.bad(),
            Window::Days30 if lane.count > 0 => t.warn(),
            _ => Style::default(),
        };
        let name = match lane.window {
            Window::Overdue => late.to_string(),
            w => format!("{}d", w.as_str()),
        };
        spans.push(Span::styled(
            format!(
                "{name} {}{dot}{}",
                lane.count,
                Money::usd(lane.arr_cents).short()
            ),
            style,
        ));
    }
    Line::from(spans)
}

/// The month names over the strip, and the strip: a column per few days from today to
/// 120 days out, `|` at each week, `●` where renewals fall (`2`-`9` for several), and
/// the overdue count at the left.
fn strip_lines(cx: &Ctx, list: &RenewalList, width: usize) -> [Line<'static>; 2] {
    let t = &cx.theme;
    let lead = 9; // "◀ 12 due " or "today▼   "
    let cols = width.saturating_sub(lead + 1).max(10);
    let per_col = STRIP_DAYS as f64 / cols as f64;
    let mut counts = vec![0u32; cols];
    let mut overdue = 0;
    for r in list.listed() {
        match r.days_until {
            d if d < 0 => overdue += 1,
            d if d <= STRIP_DAYS => {
                let c = ((d as f64 / per_col) as usize).min(cols - 1);
                counts[c] += 1;
            }
            _ => {}
        }
    }
    // Each month's name where its first day falls, and this month's at the start if it
    // fits before the next.
    let mut months = vec![' '; cols];
    let col_of = |day: chrono::NaiveDate| (((day - cx.today).num_days() as f64) / per_col) as usize;
    let mut labels: Vec<(usize, String)> = (1..=STRIP_DAYS)
        .map(|d| cx.today + Duration::days(d))
        .filter(|d| d.day() == 1)
        .map(|d| (col_of(d), d.format("%B").to_string()))
        .collect();
    let this_month = cx.today.format("%B").to_string();
    if labels.first().is_none_or(|(c, _)| *c > this_month.len()) {
        labels.insert(0, (0, this_month));
    }
    for (c, name) in labels {
        for (i, ch) in name.chars().enumerate() {
            if let Some(slot) = months.get_mut(c + i) {
                *slot = ch;
            }
        }
    }
    let mut strip = String::with_capacity(cols * 3);
    for (c, n) in counts.iter().enumerate() {
        let first_day = (c as f64 * per_col) as i64;
        let last_day = ((c + 1) as f64 * per_col) as i64;
        let week_tick = (first_day..last_day.max(first_day + 1)).any(|d| d > 0 && d % 7 == 0);
        strip.push(match n {
            0 if week_tick => '|',
            0 => '·',
            1 => '●',
            2..=9 => char::from_digit(*n, 10).unwrap_or('●'),
            _ => '+',
        });
    }
    let head = Line::from(vec![
        Span::styled(format!("{:<lead$}", "today▼"), t.dim()),
        Span::styled(months.into_iter().collect::<String>(), t.header()),
    ]);
    let lead_text = if overdue > 0 {
        Span::styled(format!("{:<lead$}", format!("◀{overdue} due")), t.bad())
    } else {
        Span::raw(" ".repeat(lead))
    };
    [head, Line::from(vec![lead_text, Span::raw(strip)])]
}

/// What a row shows that is worked out from its facts, once per row drawn.
struct Facts {
    motion: Motion,
    warnings: Vec<Warning>,
}

fn cell<'a>(c: Column, r: &'a TimelineRow, facts: &Facts, cx: &Ctx, narrow: bool) -> Cell<'a> {
    let t = &cx.theme;
    match c {
        Column::Window => {
            let w = r.window.as_str();
            let style = match r.window {
                Window::Overdue => t.bad(),
                Window::Days30 => t.warn(),
                _ => Style::default(),
            };
            Cell::from(w).style(style)
        }
        Column::Account => Cell::from(r.account.as_str()),
        Column::Owner => Cell::from(r.owner.as_deref().unwrap_or("unassigned")),
        Column::Arr => Cell::from(Line::from(r.arr.short()).right_aligned()),
        Column::Health => match r.health.and_then(|h| Some((h.score?, h.band?))) {
            Some((score, band)) => {
                let mark = if r.overridden { "*" } else { " " };
                Cell::from(Line::from(vec![
                    Span::raw(format!("{score:>3}{mark}")),
                    Span::styled("●", t.band(band)),
                ]))
            }
            None => Cell::from("  —").style(t.dim()),
        },
        Column::Forecast => match &r.forecast {
            Some(f) => {
                let disagrees = facts
                    .warnings
                    .iter()
                    .any(|w| w.kind == WarningKind::DisagreesWithHealth);
                let text = if narrow {
                    let sure = match f.confidence {
                        ForecastConfidence::AtRisk => "risk",
                        c => c.label(),
                    };
                    format!("{} {sure}", f.category.label())
                } else {
                    format!("{} · {}", f.category.label(), f.confidence.label())
                };
                Cell::from(text).style(if disagrees {
                    t.warn()
                } else {
                    Style::default()
                })
            }
            None => Cell::from(format!("{}?", r.suggestion().category.label())).style(t.dim()),
        },
        Column::Motion => match facts.motion.stage.map(|stage| (&facts.motion, stage)) {
            Some((m, stage)) => {
                let (done, due) = m.progress();
                let filled = (done * 4).checked_div(due).unwrap_or(0);
                let bar: String = (0..4).map(|i| if i < filled { '■' } else { '□' }).collect();
                let style = if m.behind.is_empty() {
                    Style::default()
                } else {
                    t.warn()
                };
                Cell::from(format!("{bar} {}", stage.short())).style(style)
            }
            None => Cell::from("not yet").style(t.dim()),
        },
        Column::Days => Cell::from(Line::from(r.days_until.to_string()).right_aligned())
            .style(t.days_to_renewal(r.days_until)),
        Column::Warnings => {
            let text: Vec<&str> = facts.warnings.iter().map(|w| w.reason.as_str()).collect();
            Cell::from(text.join("; ")).style(t.warn())
        }
    }
}
