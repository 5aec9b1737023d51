//! The account detail: the health score taken apart (each component's weight, points
//! and facts, what pulls it down, any override beside the computed score), its last
//! year as a chart, then the signals, the people, the open tasks (and the last that
//! closed themselves, with why) and the latest touches, so a CSM can prepare a call or
//! a QBR from one screen.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Clear, Dataset, GraphType, Paragraph};

use super::AccountRoom;
use crate::book::account::AccountOverview;
use crate::book::health::HealthDetail;
use crate::book::portfolio::PortfolioAccount;
use crate::text::clip;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keys::Context;
use crate::tui::widgets::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, room: &AccountRoom, cx: &Ctx) {
    let account = &room.account;
    let t = &cx.theme;
    frame.render_widget(Clear, area);
    // The growth half in a line or two: onboarding, pipeline, references, win-back.
    let growth_text = room
        .detail
        .as_ref()
        .map(|d| d.growth.lines(&cx.expansion, cx.today).join(" · "))
        .unwrap_or_default();
    let growth_height = match growth_text.chars().count() {
        0 => 0,
        n if n < area.width as usize => 1,
        _ => 2,
    };
    let [head, growth, top, middle, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(growth_height),
        Constraint::Length(9),
        Constraint::Fill(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(heading(account, room, cx), head);
    frame.render_widget(
        Paragraph::new(format!(" {growth_text}"))
            .style(t.dim())
            .wrap(ratatui::widgets::Wrap { trim: true }),
        growth,
    );
    let Some(detail) = &room.detail else {
        let note = if cx.book.is_some() {
            "Reading the account…"
        } else {
            "No book is open."
        };
        frame.render_widget(Paragraph::new(note).style(t.dim()), top);
        return;
    };
    let wide = area.width >= 100;
    let [score_area, chart_area] = if wide {
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(top)
    } else {
        [top, Rect::default()]
    };
    match &detail.health {
        Some(h) => {
            frame.render_widget(breakdown(h, cx, score_area.width), score_area);
            if wide {
                draw_chart(frame, chart_area, h, cx.today, t);
            }
            let [signals_area, people_area] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(middle);
            frame.render_widget(signals(h, t), signals_area);
            frame.render_widget(people(&detail.overview, cx.today, t), people_area);
        }
        None => {
            frame.render_widget(
                Paragraph::new("This account has churned: it has no health score.")
                    .style(t.dim())
                    .block(boxed(" Health ", t)),
                score_area,
            );
            frame.render_widget(people(&detail.overview, cx.today, t), middle);
        }
    }
    let [tasks_area, touches_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(bottom);
    frame.render_widget(tasks(&detail.overview, cx.today, t), tasks_area);
    frame.render_widget(
        touches(
            &detail.overview,
            &cx.key(Context::Account, Action::LogTouch),
            t,
        ),
        touches_area,
    );
}

fn boxed<'a>(title: &'a str, t: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(title, t.title()))
}

/// `Northwind Traders · Enterprise · Dana Okafor · $1.24M ARR · renews 2026-03-29 (28 days)`
fn heading(a: &PortfolioAccount, room: &AccountRoom, cx: &Ctx) -> Line<'static> {
    let t = &cx.theme;
    let mut spans = vec![
        Span::styled(format!(" {} ", a.name), t.title()),
        Span::raw(format!(
            "· {} · {} · {} ARR",
            a.segment.label(),
            a.owner.as_deref().unwrap_or("unassigned"),
            a.arr.short()
        )),
    ];
    if let Some(left) = a.churned_on {
        spans.push(Span::styled(format!(" · churned on {left}"), t.bad()));
    } else if let Some(contract) = room
        .detail
        .as_ref()
        .and_then(|d| d.overview.contract.as_ref())
    {
        let days = (contract.ends_on - cx.today).num_days();
        let when = match days {
            ..0 => format!("{} days overdue", -days),
            0 => "today".into(),
            _ => format!("{days} days"),
        };
        spans.push(Span::styled(
            format!(" · renews {} ({when})", contract.ends_on),
            t.days_to_renewal(days),
        ));
        if let Some((category, confidence)) = contract.forecast {
            let confidence = confidence.map_or(String::new(), |c| format!(", {}", c.label()));
            spans.push(Span::raw(format!(
                " · forecast {}{confidence}",
                category.label()
            )));
        } else {
            spans.push(Span::styled(" · no forecast", t.dim()));
        }
    }
    Line::from(spans)
}

fn breakdown<'a>(h: &HealthDetail, cx: &Ctx, width: u16) -> Paragraph<'a> {
    let t = &cx.theme;
    let a = &h.assessment;
    let e = &h.effective;
    let band_style = e.band.map_or(t.dim(), |b| t.band(b));
    let mut title = vec![Span::styled(" Health ", t.title())];
    match e.score {
        Some(score) => {
            title.push(Span::styled(format!("{score} "), band_style));
            title.push(Span::styled(
                format!("● {} ", e.band.map_or("", |b| b.as_str())),
                band_style,
            ));
        }
        None => title.push(Span::styled("no data ", t.dim())),
    }
    if e.overridden {
        title.push(Span::styled(
            format!(
                "· overridden, computed {} ",
                a.score.map_or("-".to_string(), |s| s.to_string())
            ),
            t.warn(),
        ));
    } else if !a.missing.is_empty() {
        title.push(Span::styled("· low confidence ", t.warn()));
    }
    for (word, delta) in [("30d", h.trend.delta_30d), ("90d", h.trend.delta_90d)] {
        if let Some(d) = delta {
            title.push(Span::raw(format!("· {word} {d:+} ")));
        }
    }
    let facts_width = (width as usize).saturating_sub(30);
    let mut lines = Vec::new();
    for c in &a.components {
        let points = match c.score {
            Some(s) => Span::raw(format!("{s:>3}/100")),
            None => Span::styled("missing", t.warn()),
        };
        let facts = clip(&c.facts.join(" · "), facts_width);
        lines.push(Line::from(vec![
            Span::styled(format!("{:<17}", c.kind.label()), t.header()),
            Span::raw(format!("{:>3.0}% ", c.effective_weight)),
            points,
            Span::raw("  "),
            Span::raw(facts),
        ]));
    }
    if let Some(note) = a.confidence_note() {
        lines.push(Line::styled(clip(&note, width as usize - 2), t.warn()));
    }
    if let Some(note) = a.cap_note() {
        lines.push(Line::styled(clip(&note, width as usize - 2), t.warn()));
    }
    if let Some(note) = a.top_negative_note() {
        lines.push(Line::from(note));
    }
    lines.push(match &h.override_ {
        Some(o) => Line::styled(
            clip(
                &format!(
                    "Override until {} by {}: {}  ({} clears)",
                    o.expires_on,
                    o.set_by,
                    o.reason,
                    cx.key(Context::Account, Action::ClearOverride)
                ),
                width as usize - 2,
            ),
            t.warn(),
        ),
        None => Line::styled(
            "Override: none  (e sets a score or band with a reason and expiry)",
            t.dim(),
        ),
    });
    Paragraph::new(lines).block(
        Block::new()
            .borders(Borders::ALL)
            .border_style(t.border())
            .title(Line::from(title)),
    )
}

fn draw_chart(frame: &mut Frame, area: Rect, h: &HealthDetail, today: NaiveDate, t: &Theme) {
    let points: Vec<(f64, f64)> = h
        .history
        .iter()
        .map(|(d, s)| (-((today - *d).num_days() as f64), f64::from(*s)))
        .collect();
    let block = boxed(" Health, last 12 months ", t);
    if points.len() < 2 {
        frame.render_widget(
            Paragraph::new("Not enough history yet: a score is kept each day csm recomputes.")
                .style(t.dim())
                .block(block),
            area,
        );
        return;
    }
    let style = h.effective.band.map_or(Style::default(), |b| t.band(b));
    let data = [Dataset::default()
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(style)
        .data(&points)];
    let chart = Chart::new(data.to_vec())
        .block(block)
        .x_axis(
            Axis::default()
                .bounds([-365.0, 0.0])
                .labels(["12m ago", "6m", "today"])
                .style(t.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .labels(["0", "50", "100"])
                .style(t.dim()),
        );
    frame.render_widget(chart, area);
}

fn signals<'a>(h: &HealthDetail, t: &Theme) -> Paragraph<'a> {
    let lines: Vec<Line> = if h.signals.is_empty() {
        vec![Line::styled("No risk signals.", t.dim())]
    } else {
        h.signals
            .iter()
            .map(|s| {
                let since = s.since.map_or(String::new(), |d| format!("  since {d}"));
                Line::from(vec![
                    Span::styled("! ", t.bad()),
                    Span::raw(s.reason.clone()),
                    Span::styled(since, t.dim()),
                ])
            })
            .collect()
    };
    Paragraph::new(lines).block(boxed(" Signals ", t))
}

fn people<'a>(o: &AccountOverview, today: NaiveDate, t: &Theme) -> Paragraph<'a> {
    let present = o
        .people
        .iter()
        .filter(|p| p.left_on.is_none_or(|d| d > today));
    let engaged = present
        .clone()
        .filter(|p| {
            p.last_touch_on
                .is_some_and(|d| (today - d).num_days() <= 90)
        })
        .count();
    let title = format!(
        " People · {} · {engaged} touched in 90 days ",
        o.people.len()
    );
    let mut lines: Vec<Line> = o
        .people
        .iter()
        .map(|p| {
            let when = match (p.left_on, p.last_touch_on) {
                (Some(left), _) if left <= today => Span::styled(format!("left {left}"), t.bad()),
                (_, Some(d)) => {
                    let days = (today - d).num_days();
                    let style = if days > 90 {
                        t.warn()
                    } else {
                        Style::default()
                    };
                    Span::styled(format!("{days}d"), style)
                }
                (_, None) => Span::styled("never", t.warn()),
            };
            Line::from(vec![
                Span::styled(format!("{:<15}", clip(p.role.label(), 15)), t.header()),
                Span::raw(format!("{:<18}", clip(&p.name, 17))),
                Span::styled(
                    format!("{:<9}", p.sentiment.label()),
                    sentiment(p.sentiment, t),
                ),
                when,
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(
            "Nobody on record: single-threaded at best.",
            t.warn(),
        ));
    }
    Paragraph::new(lines).block(boxed_owned(title, t))
}

fn sentiment(s: crate::domain::vocab::Sentiment, t: &Theme) -> Style {
    use crate::domain::vocab::Sentiment::*;
    match s {
        Negative => t.bad(),
        Neutral | Unknown => t.dim(),
        Positive => Style::default(),
    }
}

fn tasks<'a>(o: &AccountOverview, today: NaiveDate, t: &Theme) -> Paragraph<'a> {
    let mut lines: Vec<Line> = o
        .tasks
        .iter()
        .map(|task| {
            let days = (task.due_on - today).num_days();
            let due = if days < 0 {
                Span::styled(format!("{:<9}", format!("{}d late", -days)), t.bad())
            } else {
                Span::raw(format!("{:<9}", task.due_on.format("%m-%d").to_string()))
            };
            let source = task
                .playbook
                .as_deref()
                .map_or(String::new(), |p| format!("  {p}"));
            Line::from(vec![
                due,
                Span::raw(task.title.clone()),
                Span::styled(source, t.dim()),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled("No open tasks.", t.dim()));
    }
    for c in &o.closed {
        lines.push(Line::styled(
            format!(
                "closed {}: {} ({})",
                c.on.format("%m-%d"),
                c.title,
                c.reason
            ),
            t.dim(),
        ));
    }
    Paragraph::new(lines).block(boxed_owned(format!(" Open tasks · {} ", o.tasks.len()), t))
}

fn touches<'a>(o: &AccountOverview, log: &str, t: &Theme) -> Paragraph<'a> {
    let mut lines: Vec<Line> = o
        .touches
        .iter()
        .map(|touch| {
            let with = touch
                .with
                .as_deref()
                .map_or(String::new(), |w| format!(" with {w}"));
            Line::from(vec![
                Span::styled(format!("{} ", touch.on), t.dim()),
                Span::styled(format!("{}{with}: ", touch.kind.label()), t.header()),
                Span::raw(touch.summary.clone()),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(
            format!("No touches logged ({log} logs one)."),
            t.dim(),
        ));
    }
    Paragraph::new(lines).block(boxed_owned(format!(" Latest touches · {log} logs one "), t))
}

fn boxed_owned<'a>(title: String, t: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(title, t.title()))
}
