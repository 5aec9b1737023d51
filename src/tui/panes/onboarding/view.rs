//! The Onboarding pane: the title's counts (accounts, late, stuck, the median days to
//! first value against the programs' target), a row per account (segment, program, day
//! against its length, the phase under way, milestones as boxes, first value, why it is
//! stuck or what is next), and the selected account's milestones beneath, each done,
//! due or late. At 80 columns the program and the next step give way.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::OnboardingRoom;
use crate::domain::onboarding::{FirstValue, Journey, MilestoneState, Progress, stuck_words};
use crate::text::clip;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keys::Context;
use crate::tui::widgets::theme::Theme;

/// Draws the pane; returns how many list rows it has room for.
pub fn draw(frame: &mut Frame, area: Rect, room: &OnboardingRoom, cx: &Ctx) -> usize {
    let t = &cx.theme;
    let today = cx.today;
    let Some(list) = &room.list else {
        let reading = room.reading.then_some("Reading who is onboarding…");
        crate::tui::widgets::waiting::waiting(frame, area, "Onboarding", reading, t);
        return 1;
    };
    let c = list.counts();
    let (n, late, stuck) = (c.accounts, c.late, c.stuck);
    let (median, target) = (c.median_days_to_value, c.target_days);
    let wide = area.width >= 112;
    let target = target.map_or(String::new(), |t| format!(" (target {t})"));
    let median = match median {
        Some(m) if wide => format!(" · median time to first value {m} days{target}"),
        Some(m) => format!(" · value in {m}d{target}"),
        None => String::new(),
    };
    let title = format!(
        " Onboarding · {}{} · {n}{} · {late} late · {stuck} stuck{median}{} ",
        if wide { "owner " } else { "" },
        list.owner().unwrap_or("all"),
        match (wide, n) {
            (false, _) => "",
            (true, 1) => " account",
            (true, _) => " accounts",
        },
        if room.reading { " · updating…" } else { "" }
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(title, t.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The selected account's milestones right under the rows: the rows take what they
    // need, at least half when the detail would want more.
    let body = inner.height.saturating_sub(2);
    let wanted = list
        .selected()
        .map_or(0, |(_, p)| p.milestones.len() as u16 + 3);
    let room_for_rows = body.saturating_sub(wanted).max(body / 2);
    let row_height = (list.len().max(1) as u16).min(room_for_rows);
    let detail_height = wanted.min(body - row_height);
    let [hint, heading, rows, detail, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(row_height),
        Constraint::Length(detail_height),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let keys = format!(
        "{}{} ticks a milestone · {} on to adoption · {} touch",
        if wide {
            "Stuck first (a late phase, no touch, no usage) · "
        } else {
            "Stuck first · "
        },
        cx.key(Context::Onboarding, Action::TickMilestone),
        cx.key(Context::Onboarding, Action::Graduate),
        cx.key(Context::Onboarding, Action::LogTouch),
    );
    frame.render_widget(Paragraph::new(Line::styled(keys, t.dim())), hint);
    frame.render_widget(
        Paragraph::new(Line::styled(heading_text(wide), t.header())),
        heading,
    );
    let viewport = room_for_rows as usize;
    let mut lines = Vec::new();
    if list.is_empty() {
        lines.push(Line::styled(
            if list.board.rows.is_empty() {
                "Nobody is onboarding: a new account starts its segment's program on its start day."
            } else {
                "No account in onboarding matches."
            },
            t.dim(),
        ));
    }
    let selected = list.cursor.selected;
    for (i, (j, p)) in list
        .shown()
        .enumerate()
        .skip(list.cursor.offset)
        .take(viewport)
    {
        lines.push(row_line(j, p, today, wide, i == selected, t));
    }
    frame.render_widget(Paragraph::new(lines), rows);
    if let Some((j, p)) = list.selected()
        && detail.height > 0
    {
        draw_detail(frame, detail, j, p, today, wide, t);
    }
    viewport.max(1)
}

fn heading_text(wide: bool) -> String {
    if wide {
        format!(
            "  {:<20} {:<3} {:>7} {:>7}  {:<13} {:<11} {:<18} {}",
            "Account", "Seg", "ARR", "Day", "Phase", "Milestones", "First value", "Stuck / next"
        )
    } else {
        format!(
            "  {:<18} {:>6} {:<12} {:<5} {:<14} {}",
            "Account", "Day", "Phase", "Done", "First value", "Stuck / next"
        )
    }
}

/// The phase under way ("complete" when every milestone is done), in its short name.
fn phase_text(p: &Progress) -> String {
    match p.current_phase() {
        None => "complete".into(),
        Some(ph) => ph
            .name
            .split(':')
            .next()
            .unwrap_or(&ph.name)
            .trim()
            .to_string(),
    }
}

/// A box per milestone, done filled, and the count: "■■□□□ 2/5".
fn boxes(p: &Progress) -> String {
    let marks: String = p
        .milestones
        .iter()
        .map(|m| if m.done_on.is_some() { '■' } else { '□' })
        .collect();
    format!("{marks} {}/{}", p.done(), p.milestones.len())
}

fn row_line(
    j: &Journey,
    p: &Progress,
    today: NaiveDate,
    wide: bool,
    selected: bool,
    t: &Theme,
) -> Line<'static> {
    let day = format!("{}/{}", p.day, p.days);
    let next = p.next_milestone();
    let why = match next {
        None if p.complete() => "complete: on to adoption".to_string(),
        _ if !p.stuck.is_empty() => stuck_words(&p.stuck),
        Some(m) if m.late(today) => {
            format!("{}d late: {}", (today - m.due_on).num_days(), m.title)
        }
        Some(m) => format!("next: {}", m.title),
        None => String::new(),
    };
    let behind = !p.stuck.is_empty() || next.is_some_and(|m| m.late(today));
    let value_style = match p.first_value {
        FirstValue::Late { .. } => t.warn(),
        _ => Style::default(),
    };
    let late_style = |late: bool| if late { t.warn() } else { Style::default() };
    let phase_late = p
        .current_phase()
        .is_some_and(|ph| ph.days_late(today).is_some());
    let over = p.day > i64::from(p.days) && !p.complete();
    let (name, phase, value, rest) = if wide {
        (20, 13, 18, 40)
    } else {
        (18, 12, 14, 24)
    };
    let mut spans = vec![Span::raw(format!("  {:<name$} ", clip(&j.name, name)))];
    if wide {
        spans.push(Span::raw(format!(
            "{:<3} {:>7} ",
            j.segment.short(),
            j.arr.short()
        )));
    }
    spans.extend([
        Span::styled(
            format!("{day:>w$}", w = if wide { 7 } else { 6 }),
            late_style(over),
        ),
        Span::raw(if wide { "  " } else { " " }),
        Span::styled(
            format!("{:<phase$}", clip(&phase_text(p), phase)),
            late_style(phase_late),
        ),
        Span::raw(if wide {
            format!(" {:<11} ", clip(&boxes(p), 11))
        } else {
            format!(" {:<5} ", format!("{}/{}", p.done(), p.milestones.len()))
        }),
        Span::styled(
            format!(
                "{:<value$}",
                clip(
                    &if wide {
                        p.first_value.words()
                    } else {
                        p.first_value.short_words()
                    },
                    value
                )
            ),
            value_style,
        ),
        Span::styled(format!(" {}", clip(&why, rest)), late_style(behind)),
    ]);
    let line = Line::from(spans);
    if selected {
        line.style(t.selected())
    } else {
        line
    }
}

/// The selected account's program and milestones, numbered as `x` asks for them.
fn draw_detail(
    frame: &mut Frame,
    area: Rect,
    j: &Journey,
    p: &Progress,
    today: NaiveDate,
    wide: bool,
    t: &Theme,
) {
    let mut lines = vec![Line::styled(
        format!(
            "{} · {} · started {} · day {} of {}{}",
            j.name,
            p.program,
            p.started_on,
            p.day,
            p.days,
            j.went_live_on
                .map_or(String::new(), |d| format!(" · live since {d}"))
        ),
        t.title(),
    )];
    let since = |on: Option<NaiveDate>, what: &str| match on {
        Some(d) => format!(
            "{what} {} ({}d ago)",
            d.format("%m-%d"),
            (today - d).num_days()
        ),
        None => format!("{what} never"),
    };
    let mut facts = vec![
        since(j.last_touch, "last touch"),
        since(j.last_active_week, "last active week"),
        format!("first value {}", p.first_value.words()),
    ];
    if !p.stuck.is_empty() {
        let why: Vec<String> = p.stuck.iter().map(|s| s.words()).collect();
        facts.push(format!("stuck: {}", why.join(", ")));
    }
    lines.push(Line::styled(
        facts.join(" · "),
        if p.stuck.is_empty() {
            t.dim()
        } else {
            t.warn()
        },
    ));
    let title_width = if wide { 64 } else { 36 };
    for (n, m) in p.milestones.iter().enumerate() {
        lines.push(milestone_line(n + 1, m, today, title_width, t));
    }
    let block = Block::new().borders(Borders::TOP).border_style(t.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), inner);
}

fn milestone_line(
    n: usize,
    m: &MilestoneState,
    today: NaiveDate,
    width: usize,
    t: &Theme,
) -> Line<'static> {
    let (mark, when, style) = match m.done_on {
        Some(on) => ("✓", format!("done {}", on.format("%m-%d")), t.dim()),
        None if m.late(today) => (
            "!",
            format!(
                "due {}, {}d late",
                m.due_on.format("%m-%d"),
                (today - m.due_on).num_days()
            ),
            t.warn(),
        ),
        None => (
            "·",
            format!("due {}", m.due_on.format("%m-%d")),
            Style::default(),
        ),
    };
    Line::styled(
        format!(
            " {n} {mark} {:<width$} {:<13} {when}",
            clip(&m.title, width),
            clip(&m.phase, 13),
        ),
        style,
    )
}
