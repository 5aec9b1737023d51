//! The Advocacy pane: the title's counts (people in the pool, who can be asked now, asks
//! awaiting an answer), the request in hand, a row per person (account, segment,
//! industry, tier, health, last asked, used this year, and why they fit or why not
//! now, dimmed), and the latest asks beneath, an answer due soon in warning. At 80
//! columns the segment, industry and health give way.

use chrono::{Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{AdvocacyRoom, LOG_ROWS};
use crate::book::advocacy::AskRow;
use crate::domain::advocacy::{Match, Reference};
use crate::text::clip;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keys::Context;
use crate::tui::widgets::theme::Theme;

/// Draws the pane; returns how many list rows it has room for.
pub fn draw(frame: &mut Frame, area: Rect, room: &AdvocacyRoom, cx: &Ctx) -> usize {
    let t = &cx.theme;
    let Some(list) = &room.list else {
        let reading = room.reading.then_some("Reading the reference pool…");
        crate::tui::widgets::waiting::waiting(frame, area, "Advocacy", reading, t);
        return 1;
    };
    let wide = area.width >= 112;
    let title = format!(
        " Advocacy · {} {} · {} can be asked · {} awaiting an answer{} ",
        list.pool.len(),
        if wide {
            "references in the pool"
        } else {
            "refs"
        },
        list.offered(),
        list.awaiting,
        if room.reading { " · updating…" } else { "" }
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(title, t.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let log_height = (list.log.len().min(LOG_ROWS) as u16 + 2).min(inner.height / 3);
    let [request, heading, rows, chosen, log] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(u16::from(list.selected().is_some())),
        Constraint::Length(log_height),
    ])
    .areas(inner);
    // The selected person in full: why they fit (or why not now), what their account
    // uses, when they last gave a reference.
    if let Some((r, m)) = list.selected() {
        let why = match &m.resting {
            Some(rest) => format!("not now: {}", rest.words()),
            None if m.why.is_empty() => "no particular fit".into(),
            None => m.why.join(", "),
        };
        let mut facts = vec![format!("{} at {}: {why}", r.name, r.account)];
        if !r.products.is_empty() {
            facts.push(format!("uses {}", r.products.join(", ")));
        }
        facts.push(match r.last_given {
            Some(d) => format!("last reference {d}"),
            None => "no reference given yet".into(),
        });
        frame.render_widget(
            Paragraph::new(Line::styled(
                clip(&facts.join(" · "), chosen.width as usize),
                t.dim(),
            )),
            chosen,
        );
    }
    let keys = format!(
        "Request: {} · {} new request · {} ask · {}/{} how it went",
        list.request.words(),
        cx.key(Context::Advocacy, Action::NewRequest),
        cx.key(Context::Advocacy, Action::AskReference),
        cx.key(Context::Advocacy, Action::AskGiven),
        cx.key(Context::Advocacy, Action::AskDeclined),
    );
    frame.render_widget(Paragraph::new(Line::styled(keys, t.title())), request);
    frame.render_widget(
        Paragraph::new(Line::styled(heading_text(wide), t.header())),
        heading,
    );
    let viewport = rows.height as usize;
    let mut lines = Vec::new();
    if list.is_empty() {
        lines.push(Line::styled(
            if list.pool.is_empty() {
                "Nobody has agreed to be a reference yet: on a happy contact's map, e then `reference`."
            } else {
                "Nobody in the pool matches."
            },
            t.dim(),
        ));
    }
    let selected = list.cursor.selected;
    for (i, (r, m)) in list
        .shown()
        .enumerate()
        .skip(list.cursor.offset)
        .take(viewport)
    {
        lines.push(row_line(r, m, cx.today, wide, i == selected, t));
    }
    frame.render_widget(Paragraph::new(lines), rows);
    if log.height > 0 {
        let block = Block::new()
            .borders(Borders::TOP)
            .border_style(t.border())
            .title(Span::styled(" Latest asks ", t.title()));
        let inner = block.inner(log);
        frame.render_widget(block, log);
        let lines: Vec<Line> = list
            .log
            .iter()
            .take(inner.height as usize)
            .map(|a| ask_line(a, cx.today, cx.advocacy.due_within_days, wide, t))
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
    viewport.max(1)
}

fn heading_text(wide: bool) -> String {
    if wide {
        format!(
            "  {:<18} {:<20} {:<3} {:<12} {:<10} {:>6} {:<7} {:>4}  {}",
            "Person", "Account", "Seg", "Industry", "Tier", "Health", "Asked", "Used", "Why"
        )
    } else {
        format!(
            "  {:<16} {:<16} {:<10} {:<5}  {}",
            "Person", "Account", "Tier", "Asked", "Why"
        )
    }
}

/// How long ago, in a few letters: "12d", "9mo".
fn ago(on: NaiveDate, today: NaiveDate) -> String {
    match (today - on).num_days() {
        d if d < 60 => format!("{d}d"),
        d => format!("{}mo", d / 30),
    }
}

fn row_line(
    r: &Reference,
    m: &Match,
    today: NaiveDate,
    wide: bool,
    selected: bool,
    t: &Theme,
) -> Line<'static> {
    let why = match &m.resting {
        Some(rest) => format!("not now: {}", rest.words()),
        None => m.why.join(", "),
    };
    let tier = r.tier.map_or("—", |t| t.label());
    let text = if wide {
        format!(
            "  {:<18} {:<20} {:<3} {:<12} {:<10} {:>6} {:<7} {:>4}  {}",
            clip(&r.name, 18),
            clip(&r.account, 20),
            r.segment.short(),
            clip(r.industry.as_deref().unwrap_or("—"), 12),
            tier,
            r.health.map_or("—".into(), |(s, _)| s.to_string()),
            r.last_asked
                .map_or("never".into(), |d| d.format("%Y-%m").to_string()),
            r.given_this_year,
            clip(&why, 60),
        )
    } else {
        format!(
            "  {:<16} {:<16} {:<10} {:<5}  {}",
            clip(&r.name, 16),
            clip(&r.account, 16),
            tier,
            r.last_asked.map_or("never".into(), |d| ago(d, today)),
            clip(&why, 24),
        )
    };
    let style = if m.resting.is_some() {
        t.dim()
    } else {
        Style::default()
    };
    let line = Line::styled(text, style);
    if selected {
        line.style(t.selected())
    } else {
        line
    }
}

fn ask_line(a: &AskRow, today: NaiveDate, within: u32, wide: bool, t: &Theme) -> Line<'static> {
    let due_soon = a.outcome.is_none()
        && a.due_on
            .is_some_and(|d| d <= today + Duration::days(i64::from(within)));
    let how = match (a.outcome, a.due_on) {
        (Some(o), _) => format!(
            "{} {}",
            o.label(),
            a.outcome_on
                .map_or(String::new(), |d| d.format("%m-%d").to_string())
        ),
        (None, Some(d)) => format!("awaiting, due {}", d.format("%m-%d")),
        (None, None) => "awaiting".into(),
    };
    let text = if wide {
        format!(
            "  {}  {:<20} {:<24} {:<15} {:<20} {}",
            a.asked_on.format("%m-%d"),
            clip(&a.contact, 20),
            clip(&a.account, 24),
            a.kind.label(),
            how,
            clip(&a.request, 40)
        )
    } else {
        format!(
            "  {} {:<16} {:<14} {}",
            a.asked_on.format("%m-%d"),
            clip(&a.contact, 16),
            a.kind.label(),
            how
        )
    };
    Line::styled(text, if due_soon { t.warn() } else { Style::default() })
}
