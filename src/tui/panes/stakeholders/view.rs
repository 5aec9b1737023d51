//! The Stakeholders pane: every account with a coverage gap, largest ARR first; and an
//! account's map: the org chart with each person's role badge, sentiment colour and
//! days since the last touch, beside the gaps and the advocacy ladder.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use super::StakeholdersRoom;
use super::state::{AccountMap, StakeholderPane};
use crate::domain::stakeholders::advocacy_ladder;
use crate::domain::vocab::{ContactRole, Sentiment};
use crate::text::clip;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keys::Context;
use crate::tui::widgets::theme::Theme;

/// Draws the pane; returns how many rows its list has room for.
pub fn draw(frame: &mut Frame, area: Rect, room: &StakeholdersRoom, cx: &Ctx) -> usize {
    let t = &cx.theme;
    let Some(pane) = &room.pane else {
        frame.render_widget(Paragraph::new("No book is open.").style(t.dim()), area);
        return 1;
    };
    match &pane.map {
        Some(map) => draw_map(frame, area, cx, map),
        None => draw_gaps(frame, area, cx, pane, room.reading),
    }
}

fn draw_gaps(
    frame: &mut Frame,
    area: Rect,
    cx: &Ctx,
    pane: &StakeholderPane,
    reading: bool,
) -> usize {
    let t = &cx.theme;
    let counted = match (pane.is_partial(), reading) {
        // A count over the first accounts alone would mislead.
        (true, true) => "the largest with a gap, reading the rest…".to_string(),
        (true, false) => "the largest with a gap only: the rest could not be read".to_string(),
        (false, _) => format!("{} accounts with a coverage gap", pane.len()),
    };
    let title = format!(
        " Stakeholders · owner {} · {counted} · largest ARR first ",
        pane.owner().unwrap_or("all"),
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(title, t.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let room = inner.height.saturating_sub(1).max(1) as usize;
    if pane.is_empty() {
        let note = if pane.text().is_empty() {
            "Every account is covered: no gap to close.".to_string()
        } else {
            format!(
                "No account with a gap matches “{}”. {} shows them all.",
                pane.text(),
                cx.key(Context::Stakeholders, Action::Back)
            )
        };
        frame.render_widget(Paragraph::new(note).style(t.dim()), inner);
        return room;
    }
    let offset = pane.cursor.offset;
    let wide = inner.width >= 100;
    let header = Row::new(if wide {
        vec!["Account", "Owner", "Seg", "ARR", "Gaps"]
    } else {
        vec!["Account", "Seg", "ARR", "Gaps"]
    })
    .style(t.header());
    let rows = pane
        .shown()
        .enumerate()
        .skip(offset)
        .take(room)
        .map(|(i, a)| {
            let reasons: Vec<&str> = pane
                .reasons(a.account_id)
                .iter()
                .map(|g| g.reason.as_str())
                .collect();
            let mut cells = vec![Cell::from(a.account.as_str())];
            if wide {
                cells.push(Cell::from(a.owner.as_deref().unwrap_or_default()));
            }
            cells.push(Cell::from(a.segment.short()));
            cells.push(Cell::from(Line::from(a.arr.short()).right_aligned()));
            cells.push(Cell::from(format!("{} · {}", a.gaps, reasons.join("; "))).style(t.warn()));
            let row = Row::new(cells);
            if i == pane.cursor.selected {
                row.style(t.selected())
            } else {
                row
            }
        });
    let widths = if wide {
        vec![
            Constraint::Length(22),
            Constraint::Length(14),
            Constraint::Length(3),
            Constraint::Length(6),
            Constraint::Min(10),
        ]
    } else {
        vec![
            Constraint::Length(20),
            Constraint::Length(3),
            Constraint::Length(6),
            Constraint::Min(10),
        ]
    };
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        inner,
    );
    room
}

fn draw_map(frame: &mut Frame, area: Rect, cx: &Ctx, map: &AccountMap) -> usize {
    let t = &cx.theme;
    let wide = area.width >= 100;
    let [chart_area, side] = if wide {
        Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(area)
    } else {
        let [top, bottom] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(8)]).areas(area);
        [top, bottom]
    };
    let title = format!(" {} · {} · people ", map.account, map.segment.label());
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(title, t.title()));
    let inner = block.inner(chart_area);
    frame.render_widget(block, chart_area);
    let room = inner.height.max(1) as usize;
    if map.lines.is_empty() {
        frame.render_widget(
            Paragraph::new(format!(
                "Nobody on file. {} adds a contact.",
                cx.key(Context::Map, Action::AddContact)
            ))
            .style(t.dim()),
            inner,
        );
    } else {
        let offset = map.cursor.offset;
        let name_width = (inner.width as usize).saturating_sub(41).clamp(14, 40);
        let lines: Vec<Line> = map
            .lines
            .iter()
            .enumerate()
            .skip(offset)
            .take(room)
            .map(|(i, line)| {
                let p = &map.people[line.person];
                let gone = p.left_on.is_some_and(|l| l <= cx.today);
                let name = clip(&format!("{}{}", line.prefix, p.name), name_width);
                let touch = match (gone, p.days_since_touch(cx.today)) {
                    (true, _) => format!(
                        "left {}",
                        p.left_on
                            .map(|d| d.format("%m-%d").to_string())
                            .unwrap_or_default()
                    ),
                    (false, Some(d)) => format!("{d}d"),
                    (false, None) => "never".into(),
                };
                let mut spans = vec![
                    Span::raw(format!("{name:<name_width$} ")),
                    Span::styled(format!("{:<15}", badge(p.role)), role_style(p.role, t)),
                    Span::styled("● ", sentiment_style(p.sentiment, t)),
                    Span::raw(format!("{:<8} ", p.sentiment.label())),
                    Span::styled(format!("{touch:>10}"), if gone { t.bad() } else { t.dim() }),
                ];
                if gone {
                    for s in spans.iter_mut().take(1) {
                        *s = s.clone().style(t.dim());
                    }
                }
                let line = Line::from(spans);
                if i == map.cursor.selected {
                    line.style(t.selected())
                } else {
                    line
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }

    let mut gap_lines: Vec<Line> = if map.gaps.is_empty() {
        vec![Line::styled("No coverage gap.", t.dim())]
    } else {
        map.gaps
            .iter()
            .map(|g| {
                Line::from(vec![
                    Span::styled("✗ ", t.bad()),
                    Span::raw(g.reason.clone()),
                ])
            })
            .collect()
    };
    let counts: Vec<String> = advocacy_ladder(&map.people)
        .iter()
        .map(|(tier, n)| format!("{} {n}", tier.label()))
        .collect();
    let referenceable = map.people.iter().filter(|p| p.referenceable).count();
    let ladder = vec![
        Line::from(counts.join(" · ")),
        Line::styled(format!("{referenceable} referenceable"), t.dim()),
    ];
    if wide {
        let [gaps_area, ladder_area] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(5)]).areas(side);
        frame.render_widget(
            Paragraph::new(gap_lines)
                .wrap(Wrap { trim: true })
                .block(boxed(" Gaps ", t)),
            gaps_area,
        );
        frame.render_widget(
            Paragraph::new(ladder)
                .wrap(Wrap { trim: true })
                .block(boxed(" Advocacy ", t)),
            ladder_area,
        );
    } else {
        gap_lines.push(Line::styled(
            format!(
                "advocacy: {} · {referenceable} referenceable",
                counts.join(" · ")
            ),
            t.dim(),
        ));
        frame.render_widget(
            Paragraph::new(gap_lines)
                .wrap(Wrap { trim: true })
                .block(boxed(" Gaps ", t)),
            side,
        );
    }
    room
}

fn boxed<'a>(title: &'a str, t: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(title, t.title()))
}

/// The role in capitals, as a badge.
fn badge(role: ContactRole) -> String {
    role.label().to_uppercase()
}

fn role_style(role: ContactRole, t: &Theme) -> Style {
    match role {
        ContactRole::ExecutiveSponsor | ContactRole::EconomicBuyer | ContactRole::Champion => {
            t.header()
        }
        ContactRole::Detractor => t.bad(),
        _ => Style::default(),
    }
}

fn sentiment_style(s: Sentiment, t: &Theme) -> Style {
    match s {
        Sentiment::Positive => t.band(crate::domain::vocab::HealthBand::Green),
        Sentiment::Neutral => t.band(crate::domain::vocab::HealthBand::Yellow),
        Sentiment::Negative => t.bad(),
        Sentiment::Unknown => t.dim(),
    }
}
