//! QBR prep over the account detail: the prep checklist on top, then the brief itself in
//! the version chosen (named in the title), wrapped to the width, to scroll through
//! before it is written.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::QbrRoom;
use crate::tui::context::Ctx;

pub fn draw(frame: &mut Frame, area: Rect, room: &QbrRoom, cx: &Ctx) {
    let t = &cx.theme;
    let view = room;
    let a = &view.brief.facts.account;
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.title())
        .title(Span::styled(
            format!(
                " QBR prep · {} · {} · {} version ",
                a.name,
                view.brief.period_words(),
                view.audience.as_str()
            ),
            t.title(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let checks = view.checklist(cx);
    // Each check takes as many rows as it wraps to, the list at most half the view.
    let width = inner.width.max(1) as usize;
    let rows: usize = checks
        .iter()
        .map(|(_, what)| (what.chars().count() + 2).div_ceil(width))
        .sum();
    let rows = rows.min(inner.height as usize / 2) as u16;
    let [top, rule, body] = Layout::vertical([
        Constraint::Length(rows),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let lines: Vec<Line> = checks
        .iter()
        .map(|(ok, what)| {
            Line::from(vec![
                if *ok {
                    Span::styled("✔ ", t.band(crate::domain::vocab::HealthBand::Green))
                } else {
                    Span::styled("☐ ", t.warn())
                },
                Span::raw(what.clone()),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), top);
    frame.render_widget(
        Paragraph::new("─".repeat(rule.width as usize)).style(t.border()),
        rule,
    );
    // The whole brief, wrapped to the width; the scroll counts rows on screen.
    let text: Vec<Line> = view
        .lines
        .iter()
        .map(|l| {
            if l.starts_with('#') {
                Line::styled(l.clone(), t.header())
            } else {
                Line::raw(l.clone())
            }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((view.scroll.min(u16::MAX as usize) as u16, 0)),
        body,
    );
}
