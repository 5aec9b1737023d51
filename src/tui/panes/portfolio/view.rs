//! The Portfolio pane: every account with its health (score in its band's colour, a
//! 26-week sparkline, the 30-day change), ARR, renewal and top risk signal, most urgent
//! first, under a line of counts and ARR per band. Rows are built only for the lines on
//! screen, so a 50,000-account book scrolls as fast as a small one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Cell, Row, Scrollbar, ScrollbarOrientation, ScrollbarState, Table,
};

use ratatui::style::Style;

use super::PortfolioRoom;
use super::PortfolioRow;
use crate::book::portfolio::PortfolioHealth;
use crate::domain::Money;
use crate::domain::vocab::HealthBand;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keys::Context;

/// The columns, widest layout first; narrow terminals drop the later ones.
#[derive(Clone, Copy, PartialEq)]
enum Column {
    Account,
    Owner,
    Segment,
    Arr,
    Health,
    Weeks,
    Change,
    Days,
    Signal,
}

fn columns(width: u16) -> &'static [Column] {
    use Column::*;
    if width >= 110 {
        &[
            Account, Owner, Segment, Arr, Health, Weeks, Change, Days, Signal,
        ]
    } else if width >= 78 {
        &[Account, Segment, Arr, Health, Change, Days, Signal]
    } else {
        &[Account, Arr, Health, Days]
    }
}

impl Column {
    fn title(self) -> &'static str {
        match self {
            Column::Account => "Account",
            Column::Owner => "Owner",
            Column::Segment => "Seg",
            Column::Arr => "ARR",
            Column::Health => "Health",
            Column::Weeks => "26 weeks",
            Column::Change => "Δ30d",
            Column::Days => "Renews",
            Column::Signal => "Top signal",
        }
    }

    fn width(self) -> Constraint {
        match self {
            Column::Account => Constraint::Length(20),
            Column::Owner => Constraint::Length(14),
            Column::Segment => Constraint::Length(3),
            Column::Arr => Constraint::Length(6),
            Column::Health => Constraint::Length(6),
            Column::Weeks => Constraint::Length(13),
            Column::Change => Constraint::Length(4),
            Column::Days => Constraint::Length(7),
            Column::Signal => Constraint::Min(10),
        }
    }

    fn right_aligned(self) -> bool {
        matches!(self, Column::Arr | Column::Change | Column::Days)
    }
}

/// Draws the pane; returns the number of account rows it has room for.
pub fn draw(frame: &mut Frame, area: Rect, pane: &PortfolioRoom, cx: &Ctx) -> usize {
    let t = &cx.theme;
    let list = &pane.list;
    let title = title(pane, cx, area.width as usize);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 || inner.width == 0 {
        return 1;
    }
    let [summary_area, inner] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    frame.render_widget(
        summary_line(pane, cx, summary_area.width as usize),
        summary_area,
    );
    let rows_room = inner.height.saturating_sub(1) as usize;

    if list.shown() == 0 {
        let message = if !pane.loaded && pane.reading {
            "Reading the accounts…".to_string()
        } else if !pane.loaded {
            "The accounts could not be read (the status bar says why).".to_string()
        } else if list.is_empty() {
            "This book has no accounts yet. `csm demo` writes a demo book to try the cockpit."
                .to_string()
        } else {
            format!(
                "No account matches \"{}\". {} clears the filter.",
                list.filter(),
                cx.key(Context::Portfolio, Action::Back)
            )
        };
        frame.render_widget(
            ratatui::widgets::Paragraph::new(message).style(t.dim()),
            inner,
        );
        return rows_room.max(1);
    }

    // Keep the cursor on screen even if the window shrank since the last key.
    let room = rows_room.max(1);
    let selected = list.selected_index();
    let mut offset = list.offset();
    if selected >= offset + room {
        offset = selected + 1 - room;
    }
    let cols = columns(inner.width);
    let signal_width = signal_width(cols, inner.width);
    let header = Row::new(cols.iter().map(|c| header_cell(*c))).style(t.header());
    let rows = list.window(offset, room).enumerate().map(|(i, r)| {
        let row = Row::new(cols.iter().map(|c| cell(*c, r, cx, signal_width)));
        match (offset + i == selected, r.account.churned_on.is_some()) {
            (true, _) => row.style(t.selected()),
            (false, true) => row.style(t.dim()),
            (false, false) => row,
        }
    });
    let table = Table::new(rows, cols.iter().map(|c| c.width()))
        .header(header)
        .column_spacing(1);
    frame.render_widget(table, inner);

    if list.shown() > room {
        let mut state = ScrollbarState::new(list.shown().saturating_sub(room)).position(offset);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(t.dim());
        let track = Rect {
            x: area.x,
            y: inner.y + 1,
            width: area.width,
            height: inner.height.saturating_sub(1),
        };
        frame.render_stateful_widget(bar, track, &mut state);
    }
    room
}

/// The title: the pane, what narrows it and its order, shortest first to go.
fn title(pane: &PortfolioRoom, cx: &Ctx, width: usize) -> Line<'static> {
    let t = &cx.theme;
    let list = &pane.list;
    let f = list.facets();
    let owner = f
        .owner
        .and_then(|o| list.owner_name(o))
        .unwrap_or("all")
        .to_string();
    let segment = f.segment.map_or("all", |s| s.short());
    let band = f.band.map_or("all", |b| b.as_str());
    let mut parts = vec![format!("owner {owner} · segment {segment} · band {band}")];
    if !list.filter().is_empty() {
        parts.push(format!(
            "\"{}\" {} of {}, {}",
            list.filter(),
            list.shown(),
            list.len(),
            Money::usd(list.shown_arr_cents()).short()
        ));
    }
    parts.push(format!("by {}", list.sort().label()));
    // Drop what fits least, keeping the filter (the person is typing it).
    while parts.len() > 1 && 13 + parts.iter().map(|p| p.chars().count() + 3).sum::<usize>() > width
    {
        let drop = if parts.len() == 3 || list.filter().is_empty() {
            0
        } else {
            parts.len() - 1
        };
        parts.remove(drop);
    }
    let mut spans = vec![Span::styled(" Portfolio ", t.title())];
    for p in parts {
        spans.push(Span::raw(format!("· {p} ")));
    }
    Line::from(spans)
}

/// Accounts and ARR per band and the ARR at risk, then what renews soon: the shape of
/// the book (or of the filtered part of it) in one line.
fn summary_line(pane: &PortfolioRoom, cx: &Ctx, width: usize) -> Line<'static> {
    if pane.first {
        // Counts over the first accounts alone would mislead.
        let note = match pane.reading {
            true => "The most urgent accounts first; reading the rest…",
            false => "The most urgent accounts only: the rest could not be read",
        };
        return Line::from(Span::styled(note, cx.theme.dim()));
    }
    [2, 1, 0]
        .into_iter()
        .map(|detail| summary(pane, cx, detail))
        .find(|line| line.width() <= width)
        .unwrap_or_else(|| summary(pane, cx, 0))
}

/// At `detail` 2 everything, at 1 without the renewals, at 0 without the band names.
fn summary(pane: &PortfolioRoom, cx: &Ctx, detail: u8) -> Line<'static> {
    let wide = detail >= 1;
    let t = &cx.theme;
    let s = pane.list.summary();
    let mut spans = Vec::new();
    for (band, (n, cents)) in HealthBand::ALL_WORST_FIRST.iter().zip(s.by_band) {
        spans.push(Span::styled("● ", t.band(*band)));
        let label = if wide {
            format!("{} ", band.as_str())
        } else {
            String::new()
        };
        spans.push(Span::raw(format!(
            "{label}{n} · {}   ",
            Money::usd(cents).short()
        )));
    }
    if s.unscored > 0 && wide {
        spans.push(Span::styled(format!("unscored {}   ", s.unscored), t.dim()));
    }
    let active: i64 = s.by_segment.iter().map(|(_, c)| c).sum();
    let share = if active > 0 {
        s.at_risk_cents * 100 / active
    } else {
        0
    };
    spans.push(Span::styled("ARR at risk ", t.header()));
    spans.push(Span::styled(
        format!("{} ({share}%)   ", Money::usd(s.at_risk_cents).short()),
        t.bad(),
    ));
    if detail < 2 {
        return Line::from(spans);
    }
    spans.push(Span::styled("renewing ≤90d ", t.header()));
    spans.push(Span::raw(format!(
        "{} · {}",
        s.within_90.0,
        Money::usd(s.within_90.1).short()
    )));
    if s.overdue.0 > 0 {
        spans.push(Span::raw("   "));
        spans.push(Span::styled(
            format!(
                "overdue {} · {}",
                s.overdue.0,
                Money::usd(s.overdue.1).short()
            ),
            t.bad(),
        ));
    }
    Line::from(spans)
}

fn header_cell(c: Column) -> Cell<'static> {
    if c.right_aligned() {
        Cell::from(Line::from(c.title()).right_aligned())
    } else {
        Cell::from(c.title())
    }
}

fn cell<'a>(c: Column, r: PortfolioRow<'a>, cx: &Ctx, signal_width: usize) -> Cell<'a> {
    let t = &cx.theme;
    let a = &r.account;
    let health = a.health.as_ref();
    match c {
        Column::Account => Cell::from(a.name.as_str()),
        Column::Owner => Cell::from(a.owner.as_deref().unwrap_or("unassigned")),
        Column::Segment => Cell::from(a.segment.short()),
        Column::Arr => Cell::from(Line::from(a.arr.short()).right_aligned()),
        Column::Health if a.churned_on.is_some() => Cell::from(""),
        Column::Health => health_cell(health, cx),
        Column::Weeks => {
            Cell::from(sparkline(health.map_or(&[][..], |h| &h.weekly))).style(t.dim())
        }
        Column::Change => match health.and_then(|h| h.delta_30d) {
            Some(d) => {
                let style = if d <= -10 {
                    t.bad()
                } else if d < 0 {
                    t.warn()
                } else {
                    Style::default()
                };
                Cell::from(Line::from(format!("{d:+}")).right_aligned()).style(style)
            }
            None => Cell::from(""),
        },
        Column::Days if a.churned_on.is_some() => Cell::from(Line::from("churned").right_aligned()),
        Column::Days => match r.days_to_renewal {
            Some(d) => {
                let text = match d {
                    // The column holds seven characters: long-overdue renewals count weeks.
                    -99..0 => format!("{}d ago", -d),
                    -699..-99 => format!("{}w ago", -d / 7),
                    ..-699 => format!("{}y ago", -d / 365),
                    0 => "today".to_string(),
                    _ => format!("{d}d"),
                };
                Cell::from(Line::from(text).right_aligned()).style(t.days_to_renewal(d))
            }
            None => Cell::from(Line::from("none").right_aligned()).style(t.dim()),
        },
        Column::Signal => match health.and_then(|h| h.top_signal.as_deref()) {
            Some(signal) => {
                let more = health.map_or(0, |h| h.signal_count.saturating_sub(1));
                Cell::from(signal_text(signal, more, signal_width))
            }
            None => Cell::from(""),
        },
    }
}

/// What is left of the row for the top signal once the fixed columns have theirs.
fn signal_width(cols: &[Column], width: u16) -> usize {
    let fixed: u16 = cols
        .iter()
        .map(|c| match c.width() {
            Constraint::Length(n) => n,
            _ => 0,
        })
        .sum();
    let spacing = cols.len().saturating_sub(1) as u16;
    usize::from(width.saturating_sub(fixed + spacing))
}

/// The signal's reason clipped with `…` so that the count of further signals, `(+2)`,
/// always shows.
fn signal_text(signal: &str, more: u16, width: usize) -> String {
    let tail = if more > 0 {
        format!(" (+{more})")
    } else {
        String::new()
    };
    let room = width.saturating_sub(tail.chars().count());
    let mut text = crate::text::clip(signal, room);
    text.push_str(&tail);
    text
}

/// `31 ●`, the dot in the band's colour; `*` marks a CSM's override, `?` a score
/// resting on partial data.
fn health_cell<'a>(health: Option<&PortfolioHealth>, cx: &Ctx) -> Cell<'a> {
    let t = &cx.theme;
    let Some(h) = health else {
        return Cell::from("  —").style(t.dim());
    };
    let Some(score) = h.score else {
        return Cell::from("no data").style(t.dim());
    };
    let mark = if h.overridden.is_some() {
        "*"
    } else if h.low_confidence {
        "?"
    } else {
        " "
    };
    let mut spans = vec![Span::raw(format!("{score:>3}{mark}"))];
    if let Some(band) = h.band {
        spans.push(Span::styled("●", t.band(band)));
    }
    Cell::from(Line::from(spans))
}

/// Weekly scores as block heights, two weeks a character so 26 weeks fit in 13.
fn sparkline(weekly: &[Option<u8>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let mut out = String::with_capacity(13 * 3);
    let start = weekly.len() % 2;
    if start == 1 {
        out.push(bar(weekly[0], &BARS));
    }
    for pair in weekly[start..].chunks(2) {
        let scores: Vec<u8> = pair.iter().flatten().copied().collect();
        let mean = (!scores.is_empty()).then(|| {
            (scores.iter().map(|s| u32::from(*s)).sum::<u32>() / scores.len() as u32) as u8
        });
        out.push(bar(mean, &BARS));
    }
    // The latest week sits at the right edge, however short the history.
    let pad = 13usize.saturating_sub(out.chars().count());
    format!("{}{out}", " ".repeat(pad))
}

fn bar(score: Option<u8>, bars: &[char; 8]) -> char {
    match score {
        Some(s) => bars[(usize::from(s.min(100)) * 7 + 50) / 100],
        None => ' ',
    }
}
