//! The Metrics view's bar charts: each month's forecast against what came in (a pair
//! of bars a month), and the ARR at risk each week. The selected month or week is drawn
//! in the point's style.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph};

use crate::domain::trends::Trends;
use crate::domain::vocab::HealthBand;
use crate::tui::widgets::theme::Theme;

/// Draws a picture's box with its key on the first line inside (coloured names: what
/// each line or bar is), and returns the room left beneath the key.
pub fn boxed(frame: &mut Frame, area: Rect, block: Block, names: &[(String, Style)]) -> Rect {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [key, rest] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let mut spans = Vec::new();
    for (i, (name, style)) in names.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(name.clone(), *style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), key);
    rest
}

/// The first and last periods' names under bars that span `width` cells.
fn ends(frame: &mut Frame, area: Rect, first: &str, last: &str, width: u16, t: &Theme) {
    let gap = (width as usize).saturating_sub(first.len() + last.len());
    frame.render_widget(
        Paragraph::new(format!("{first}{}{last}", " ".repeat(gap))).style(t.dim()),
        area,
    );
}

/// Thousands of dollars, the bars' unit.
fn thousands(cents: i64) -> u64 {
    (cents.max(0) / 100 / 1_000) as u64
}

/// The widest bars that fit `groups` groups of `per` bars, a cell apart, in `width`.
fn bar_width(width: u16, groups: usize, per: usize) -> u16 {
    let groups = groups.max(1) as u16;
    let per = per.max(1) as u16;
    // Each group: its bars, and a gap after it.
    (width / groups).saturating_sub(1).max(per) / per
}

/// A bar, in the point's style when selected; its value is read on the bottom line.
fn bar(value: u64, style: Style, selected: bool, t: &Theme) -> Bar<'static> {
    Bar::default()
        .value(value)
        .text_value(String::new())
        .style(if selected { t.point() } else { style })
}

/// The month's forecast (of the renewals closed since) beside what they came in at.
pub fn forecast(
    frame: &mut Frame,
    area: Rect,
    block: Block,
    tr: &Trends,
    at: Option<usize>,
    t: &Theme,
) {
    let area = boxed(
        frame,
        area,
        block,
        &[
            ("▇ forecast of the renewals closed".into(), t.series(0)),
            ("▇ what they came in at".into(), t.band(HealthBand::Green)),
            ("($K)".into(), t.dim()),
        ],
    );
    let width = bar_width(area.width.saturating_sub(1), tr.forecast.len(), 2);
    let groups: Vec<BarGroup> = tr
        .forecast
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let selected = at == Some(i);
            // "03" for 2026-03: the month, which is what fits under a pair of bars.
            let label = a.period.rsplit('-').next().unwrap_or(&a.period).to_string();
            BarGroup::default()
                .label(ratatui::text::Line::styled(
                    label,
                    if selected { t.point() } else { t.dim() },
                ))
                .bars(&[
                    bar(thousands(a.forecast_arr_cents), t.series(0), selected, t),
                    bar(
                        thousands(a.actual_arr_cents),
                        t.band(HealthBand::Green),
                        selected,
                        t,
                    ),
                ])
        })
        .collect();
    let mut chart = BarChart::default().bar_width(width).bar_gap(0).group_gap(1);
    for g in groups {
        chart = chart.data(g);
    }
    frame.render_widget(chart, area);
}

/// Red ARR and yellow ARR renewing within 90 days, each week.
pub fn at_risk(
    frame: &mut Frame,
    area: Rect,
    block: Block,
    tr: &Trends,
    at: Option<usize>,
    t: &Theme,
) {
    let below = boxed(
        frame,
        area,
        block,
        &[(
            "▇ red, and yellow renewing within 90 days ($K)".into(),
            t.band(HealthBand::Red),
        )],
    );
    let [area, foot] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(below);
    let width = bar_width(area.width, tr.bands.len(), 1);
    if let (Some(first), Some(last)) = (tr.bands.first(), tr.bands.last()) {
        let span = (width + 1) * tr.bands.len() as u16 - 1;
        ends(
            frame,
            foot,
            &first.week.label(),
            &last.week.label(),
            span,
            t,
        );
    }
    let bars: Vec<Bar> = tr
        .bands
        .iter()
        .enumerate()
        .map(|(i, b)| {
            bar(
                thousands(b.at_risk_cents()),
                t.band(HealthBand::Red),
                at == Some(i),
                t,
            )
        })
        .collect();
    let chart = BarChart::default()
        .bar_width(width)
        .bar_gap(1)
        .data(BarGroup::default().bars(&bars));
    frame.render_widget(chart, area);
}
