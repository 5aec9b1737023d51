//! The Metrics view's line charts: retention per quarter against its target lines, ARR
//! by health band per week, and a CSM's week (touches, tasks closed, accounts gone
//! quiet). The selected point is marked on each line, with a rule up the week it is in.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType};

use crate::domain::Money;
use crate::domain::trends::{Load, Trends};
use crate::domain::vocab::HealthBand;
use crate::tui::widgets::theme::Theme;

/// A series to draw: its name in the legend, its points and its look.
struct Series {
    name: String,
    points: Vec<(f64, f64)>,
    style: Style,
    marker: Marker,
}

impl Series {
    fn new(name: impl Into<String>, points: Vec<(f64, f64)>, style: Style, marker: Marker) -> Self {
        Series {
            name: name.into(),
            points,
            style,
            marker,
        }
    }
}

/// Labels for the x axis: the first, middle and last of `names`.
fn x_labels(names: &[String]) -> Vec<String> {
    match names.len() {
        0 => Vec::new(),
        1 => vec![names[0].clone()],
        n => vec![names[0].clone(), names[n / 2].clone(), names[n - 1].clone()],
    }
}

/// Draws `series` over `names.len()` periods, marking point `at` on each, with the
/// y axis from `lo` to `hi` labelled by `label`.
#[allow(clippy::too_many_arguments)]
fn draw_lines(
    frame: &mut Frame,
    area: Rect,
    block: Block,
    series: &[Series],
    names: &[String],
    at: Option<usize>,
    (lo, hi): (f64, f64),
    label: impl Fn(f64) -> String,
    t: &Theme,
) {
    let marks: Vec<(f64, f64)> = at.map_or(Vec::new(), |at| {
        series
            .iter()
            .filter(|s| !s.name.contains("target"))
            .filter_map(|s| s.points.iter().find(|p| p.0 == at as f64).copied())
            .collect()
    });
    let rule: Vec<(f64, f64)> = at.map_or(Vec::new(), |at| vec![(at as f64, lo), (at as f64, hi)]);
    let mut sets: Vec<Dataset> = vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(t.dim())
            .data(&rule),
    ];
    for s in series {
        sets.push(
            Dataset::default()
                .name(s.name.clone())
                .marker(s.marker)
                .graph_type(GraphType::Line)
                .style(s.style)
                .data(&s.points),
        );
    }
    sets.push(
        Dataset::default()
            .marker(Marker::Block)
            .graph_type(GraphType::Scatter)
            .style(t.point())
            .data(&marks),
    );
    let key: Vec<(String, Style)> = series
        .iter()
        .map(|s| {
            let mark = if s.marker == Marker::Dot {
                "┈"
            } else {
                "━"
            };
            (format!("{mark} {}", s.name), s.style)
        })
        .collect();
    let area = super::bars::boxed(frame, area, block, &key);
    let chart = Chart::new(sets)
        .legend_position(None)
        .x_axis(
            Axis::default()
                .bounds([0.0, names.len().saturating_sub(1).max(1) as f64])
                .labels(x_labels(names))
                .style(t.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([lo, hi])
                .labels([label(lo), label((lo + hi) / 2.0), label(hi)])
                .style(t.dim()),
        );
    frame.render_widget(chart, area);
}

/// A y range holding every value, widened to whole steps of `step`.
fn range(values: impl Iterator<Item = f64>, step: f64, floor: Option<f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::MAX, f64::MIN);
    for v in values {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo > hi {
        return (0.0, step);
    }
    let lo = floor.unwrap_or(((lo - step / 2.0) / step).floor() * step);
    let mut hi = (((hi + step / 2.0) / step).ceil() * step).max(lo + step);
    // An even number of steps, so that the middle label is a whole one too.
    if ((hi - lo) / step).round() as i64 % 2 == 1 {
        hi += step;
    }
    (lo, hi)
}

/// GRR and NRR per quarter, with the targets as flat lines.
pub fn retention(
    frame: &mut Frame,
    area: Rect,
    block: Block,
    tr: &Trends,
    at: Option<usize>,
    t: &Theme,
) {
    let names: Vec<String> = tr.retention.iter().map(|q| q.quarter.clone()).collect();
    let line = |f: fn(&crate::domain::trends::QuarterRetention) -> Option<f64>| {
        tr.retention
            .iter()
            .enumerate()
            .filter_map(|(i, q)| Some((i as f64, f(q)?)))
            .collect::<Vec<_>>()
    };
    let last = names.len().saturating_sub(1).max(1) as f64;
    let flat = |v: f64| vec![(0.0, v), (last, v)];
    let series = [
        Series::new("GRR", line(|q| q.grr), t.series(0), Marker::Braille),
        Series::new("NRR", line(|q| q.nrr), t.series(1), Marker::Braille),
        Series::new(
            format!("GRR target {:.0}%", tr.targets.grr_target),
            flat(tr.targets.grr_target),
            t.series(0).patch(t.dim()),
            Marker::Dot,
        ),
        Series::new(
            format!("NRR target {:.0}%", tr.targets.nrr_target),
            flat(tr.targets.nrr_target),
            t.series(1).patch(t.dim()),
            Marker::Dot,
        ),
    ];
    let y = range(
        series.iter().flat_map(|s| s.points.iter().map(|p| p.1)),
        5.0,
        None,
    );
    draw_lines(
        frame,
        area,
        block,
        &series,
        &names,
        at,
        y,
        |v| format!("{v:.0}%"),
        t,
    );
}

fn millions(cents: i64) -> f64 {
    cents as f64 / 100.0 / 1_000_000.0
}

/// "$1.5M" on the axis.
fn money_label(v: f64) -> String {
    Money::usd((v * 100.0 * 1_000_000.0).round() as i64).short()
}

/// Green, yellow and red ARR per week (and what no recompute scored), in $M.
pub fn bands(
    frame: &mut Frame,
    area: Rect,
    block: Block,
    tr: &Trends,
    at: Option<usize>,
    t: &Theme,
) {
    let names: Vec<String> = tr.bands.iter().map(|b| b.week.label()).collect();
    let line = |f: fn(&crate::domain::trends::BandWeek) -> i64| {
        tr.bands
            .iter()
            .enumerate()
            .map(|(i, b)| (i as f64, millions(f(b))))
            .collect::<Vec<_>>()
    };
    let series = [
        Series::new(
            "green",
            line(|b| b.green_cents),
            t.band(HealthBand::Green),
            Marker::Braille,
        ),
        Series::new(
            "yellow",
            line(|b| b.yellow_cents),
            t.band(HealthBand::Yellow),
            Marker::Braille,
        ),
        Series::new(
            "red",
            line(|b| b.red_cents),
            t.band(HealthBand::Red),
            Marker::Braille,
        ),
        Series::new("unscored", line(|b| b.unscored_cents), t.dim(), Marker::Dot),
    ];
    let y = range(
        series.iter().flat_map(|s| s.points.iter().map(|p| p.1)),
        1.0,
        Some(0.0),
    );
    draw_lines(frame, area, block, &series, &names, at, y, money_label, t);
}

/// A CSM's (or the team's) touches, tasks closed and accounts past their cadence.
pub fn workload(
    frame: &mut Frame,
    area: Rect,
    block: Block,
    weeks: &[Load],
    at: Option<usize>,
    t: &Theme,
) {
    let names: Vec<String> = weeks.iter().map(|w| w.week.label()).collect();
    let line = |f: fn(&Load) -> usize| {
        weeks
            .iter()
            .enumerate()
            .map(|(i, w)| (i as f64, f(w) as f64))
            .collect::<Vec<_>>()
    };
    let series = [
        Series::new("touches", line(|w| w.touches), t.series(0), Marker::Braille),
        Series::new(
            "tasks closed",
            line(|w| w.tasks_done),
            t.band(HealthBand::Green),
            Marker::Braille,
        ),
        Series::new(
            "gone quiet",
            line(|w| w.quiet),
            t.band(HealthBand::Red),
            Marker::Braille,
        ),
    ];
    let max = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .fold(0.0, f64::max);
    let step = if max > 50.0 { 10.0 } else { 2.0 };
    let y = range(std::iter::once(max), step, Some(0.0));
    draw_lines(
        frame,
        area,
        block,
        &series,
        &names,
        at,
        y,
        |v| format!("{v:.0}"),
        t,
    );
}
