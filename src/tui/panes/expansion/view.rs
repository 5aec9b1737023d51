//! The Expansion pane: the pipeline's totals and its weighted ARR by quarter of close,
//! then the open opportunities most worth working first (stage, chance, ARR, weighted,
//! close; a past close date in warning), then the signals to grow with what was seen and
//! the opportunity's likely ARR. At 80 columns the kind and the raw ARR give way.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::ExpansionRoom;
use super::list::ExpansionList;
use crate::domain::Money;
use crate::domain::expansion::{Deal, ExpansionRules, Signal};
use crate::text::clip;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keys::Context;
use crate::tui::widgets::theme::Theme;

/// Draws the pane; returns how many rows each half has room for.
pub fn draw(frame: &mut Frame, area: Rect, room: &ExpansionRoom, cx: &Ctx) -> usize {
    let t = &cx.theme;
    let rules = &cx.expansion;
    let Some(list) = &room.list else {
        let reading = room
            .reading
            .then_some("Reading the pipeline and the signals to grow…");
        crate::tui::widgets::waiting::waiting(frame, area, "Expansion", reading, t);
        return 1;
    };
    let totals = &list.totals;
    let title = format!(
        " Expansion · owner {} · {} open · {} ARR · {} weighted{} ",
        list.owner().unwrap_or("all"),
        totals.open,
        Money::usd(totals.arr_cents).short(),
        Money::usd(totals.weighted_cents).short(),
        if room.reading { " · updating…" } else { "" }
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(title, t.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [quarters, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let (deal_height, signal_height) = list.halves(body.height);
    let [deals_area, signals_area] = Layout::vertical([
        Constraint::Length(deal_height),
        Constraint::Length(signal_height),
    ])
    .areas(body);
    frame.render_widget(Paragraph::new(quarter_line(list)), quarters);
    let wide = inner.width >= 110;
    let deal_rows = deals_area.height.saturating_sub(2) as usize;
    let signal_rows = signals_area.height.saturating_sub(2) as usize;
    let selected = list.cursor.selected;

    let mut lines = vec![
        Line::styled(
            format!(
                "Pipeline · most worth working first{} · {} next stage · {} won",
                if wide {
                    " (ARR x chance x how soon)"
                } else {
                    ""
                },
                cx.key(Context::Expansion, Action::AdvanceDeal),
                cx.key(Context::Expansion, Action::WinDeal),
            ),
            t.title(),
        ),
        Line::styled(deal_heading(wide), t.header()),
    ];
    if list.deal_count() == 0 {
        lines.push(Line::styled(
            "No open opportunity: turn a signal below into one.",
            t.dim(),
        ));
    }
    for (i, d) in list
        .deals()
        .enumerate()
        .skip(list.deal_offset)
        .take(deal_rows)
    {
        lines.push(deal_line(d, rules, cx.today, wide, i == selected, t));
    }
    frame.render_widget(Paragraph::new(lines), deals_area);

    let mut lines = vec![
        Line::styled(
            format!(
                "Signals to grow · the largest {} per CSM · {} opens one as an opportunity",
                super::SIGNALS_PER_OWNER,
                cx.key(Context::Expansion, Action::OpenOpportunity)
            ),
            t.title(),
        ),
        Line::styled(signal_heading(wide), t.header()),
    ];
    if list.signal_count() == 0 {
        let words = match (list.pipeline.signals_read, room.reading_signals) {
            (false, true) => "Reading the signals to grow…",
            (false, false) => "The signals to grow could not be read.",
            (true, _) => "No signal to grow just now.",
        };
        lines.push(Line::styled(words, t.dim()));
    }
    let first_signal = list.deal_count();
    for (i, s) in list
        .signals()
        .enumerate()
        .skip(list.signal_offset)
        .take(signal_rows)
    {
        lines.push(signal_line(s, wide, first_signal + i == selected, t));
    }
    frame.render_widget(Paragraph::new(lines), signals_area);
    // Each half scrolls on its own rows, worked out again from the body's height.
    body.height.max(1) as usize
}

/// The weighted pipeline by quarter of close: "overdue $12K · 2026-Q1 $120K (won $80K)".
fn quarter_line(list: &ExpansionList) -> Line<'static> {
    let parts: Vec<String> = list
        .totals
        .quarters
        .iter()
        .map(|q| {
            let won = if q.won > 0 {
                format!(" (won {})", Money::usd(q.won_arr_cents).short())
            } else {
                String::new()
            };
            format!("{} {}{won}", q.name, Money::usd(q.weighted_cents).short())
        })
        .collect();
    if parts.is_empty() {
        return Line::raw("Weighted by close: nothing in the pipeline yet");
    }
    Line::raw(format!("Weighted by close: {}", parts.join(" · ")))
}

fn deal_heading(wide: bool) -> String {
    if wide {
        format!(
            "  {:<24} {:<26} {:<10} {:<10} {:>6} {:>8} {:>8}  {:<10}",
            "Account", "Opportunity", "Kind", "Stage", "Chance", "ARR", "Weighted", "Close"
        )
    } else {
        format!(
            "  {:<18} {:<18} {:<10} {:>4} {:>7}  {:<10}",
            "Account", "Opportunity", "Stage", "%", "Weighted", "Close"
        )
    }
}

fn deal_line(
    d: &Deal,
    rules: &ExpansionRules,
    today: NaiveDate,
    wide: bool,
    selected: bool,
    t: &Theme,
) -> Line<'static> {
    let weighted = d.weighted(rules).short();
    let text = if wide {
        format!(
            "  {:<24} {:<26} {:<10} {:<10} {:>5}% {:>8} {:>8}  ",
            clip(&d.account, 24),
            clip(&d.title, 26),
            d.kind.label(),
            d.stage.label(),
            d.chance(rules),
            d.arr.short(),
            weighted,
        )
    } else {
        format!(
            "  {:<18} {:<18} {:<10} {:>3}% {:>7}  ",
            clip(&d.account, 18),
            clip(&d.title, 18),
            d.stage.label(),
            d.chance(rules),
            weighted,
        )
    };
    let late = d.past_close(today);
    let close = Span::styled(
        d.close_text(today),
        if late {
            t.warn()
        } else {
            ratatui::style::Style::default()
        },
    );
    let line = Line::from(vec![Span::raw(text), close]);
    if selected {
        line.style(t.selected())
    } else {
        line
    }
}

fn signal_heading(wide: bool) -> String {
    if wide {
        format!(
            "  {:<24} {:<17} {:<52} {:<10} {:>8}",
            "Account", "Signal", "Seen", "Suggests", "About"
        )
    } else {
        format!(
            "  {:<18} {:<17} {:<28} {:>7}",
            "Account", "Signal", "Seen", "About"
        )
    }
}

fn signal_line(s: &Signal, wide: bool, selected: bool, t: &Theme) -> Line<'static> {
    let text = if wide {
        format!(
            "  {:<24} {:<17} {:<52} {:<10} {:>8}",
            clip(&s.account, 24),
            s.kind.label(),
            clip(&s.words, 52),
            s.suggests.label(),
            s.arr.short(),
        )
    } else {
        format!(
            "  {:<18} {:<17} {:<28} {:>7}",
            clip(&s.account, 18),
            s.kind.label(),
            clip(&s.words, 28),
            s.arr.short(),
        )
    };
    let line = Line::raw(text);
    if selected {
        line.style(t.selected())
    } else {
        line
    }
}
