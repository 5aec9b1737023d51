//! The Team pane's forecast review, beneath the team's table: this quarter's and next
//! quarter's renewals per CSM and for the team (due, commit, likely, at risk, churn, no
//! forecast) with the expected GRR and NRR, each one's move since the review a week back
//! (GRR wk, in points) and the team's workings and moves. At 80 columns the
//! likely and churn columns give way; the team's line leads each quarter, so a short
//! pane shows this quarter's team figures first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::book::forecast_review::QuarterReview;
use crate::domain::Money;
use crate::domain::renewal::{ForecastLane, Rollup};
use crate::text::clip;
use crate::tui::widgets::theme::Theme;

fn pct(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{:.1}%", v * 100.0))
}

/// "3 $120K", or "—".
fn cell(t: crate::domain::renewal::Tally) -> String {
    if t.count == 0 {
        "—".into()
    } else {
        format!("{} {}", t.count, Money::usd(t.arr_cents).short())
    }
}

/// The columns of a row, each with its width: the name, then the ARR due and the lanes
/// shown (wide: all five; else commit, at risk and no forecast), then GRR, NRR and the
/// week's move. Each lane's column is tagged with the cell it is.
fn columns(r: &Rollup, q: &QuarterReview, wide: bool) -> Vec<(String, usize, Option<usize>)> {
    let name = r.owner.as_deref().unwrap_or("Team");
    let lanes: &[ForecastLane] = if wide {
        &ForecastLane::ALL
    } else {
        &[
            ForecastLane::Commit,
            ForecastLane::AtRisk,
            ForecastLane::NoForecast,
        ]
    };
    let width = |lane: ForecastLane| match (wide, lane) {
        (true, ForecastLane::Churn) => 11,
        (true, ForecastLane::NoForecast) => 14,
        (true, _) => 12,
        (false, ForecastLane::NoForecast) => 12,
        (false, _) => 11,
    };
    let mut out = vec![
        (
            clip(name, if wide { 13 } else { 11 }),
            if wide { 14 } else { 12 },
            None,
        ),
        (cell(r.due), if wide { 12 } else { 11 }, Some(0)),
    ];
    for lane in lanes {
        let at = ForecastLane::ALL
            .iter()
            .position(|l| l == lane)
            .map(|i| i + 1);
        out.push((cell(r.lane(*lane)), width(*lane), at));
    }
    let week = q
        .moved_of(r.owner.as_deref())
        .map_or("—".into(), |m| m.grr_words());
    let n = if wide { 8 } else { 7 };
    out.push((pct(r.grr()), n, None));
    out.push((pct(r.nrr()), n, None));
    out.push((week, if wide { 9 } else { 7 }, None));
    out
}

/// A row as spans, the selected cell (`column` of the cells, if this is its row) in the
/// selection's style.
fn row_spans(
    r: &Rollup,
    q: &QuarterReview,
    wide: bool,
    column: Option<usize>,
    t: &Theme,
) -> Vec<Span<'static>> {
    columns(r, q, wide)
        .into_iter()
        .enumerate()
        .map(|(i, (text, width, at))| {
            let text = if i == 0 {
                format!("{text:<width$}")
            } else {
                format!("{text:>width$}")
            };
            match at {
                Some(at) if Some(at) == column => Span::styled(text, t.selected()),
                _ => Span::raw(text),
            }
        })
        .collect()
}

/// The selected cell: whose row (None: the team's), and its number (see
/// [`super::cell_of`]).
pub struct Selected<'a> {
    pub owner: Option<&'a str>,
    pub cell: usize,
}

/// Draws both quarters, one under the other, as many lines as fit.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    quarters: &[QuarterReview; 2],
    selected: &Selected,
    wide: bool,
    t: &Theme,
) {
    let mut lines: Vec<Line> = Vec::new();
    let (in_quarter, lane) = super::cell_of(selected.cell);
    let column = lane.map_or(0, |l| {
        ForecastLane::ALL.iter().position(|x| *x == l).unwrap_or(0) + 1
    });
    for (qi, q) in quarters.iter().enumerate() {
        let Some(team) = q.rows.last() else { continue };
        let mine = q.rows.iter().find(|r| r.owner.as_deref() == selected.owner);
        let chosen = (qi == in_quarter).then_some(column);
        let title = if wide {
            format!(
                "Forecast review · {} · {} renewals, {} due · expected of the ARR due: GRR {}, NRR {} · no forecast: {}",
                q.quarter.name(),
                team.due.count,
                Money::usd(team.due.arr_cents).short(),
                pct(team.grr()),
                pct(team.nrr()),
                cell(team.no_forecast)
            )
        } else {
            let tail = match (chosen, mine) {
                // The cell may be in a column that gives way at this width: say it.
                (Some(_), Some(r)) => format!(
                    "▸ {} {}",
                    lane.map_or("due", |l| l.label()),
                    cell(lane.map_or(r.due, |l| r.lane(l)))
                ),
                _ => format!("no forecast {}", cell(team.no_forecast)),
            };
            format!(
                "Forecast {} · {} due · GRR {} NRR {} · {tail}",
                q.quarter.name(),
                cell(team.due),
                pct(team.grr()),
                pct(team.nrr()),
            )
        };
        lines.push(Line::styled(title, t.title()));
        let heading = if wide {
            format!(
                "{:<14}{:>12}{:>12}{:>12}{:>12}{:>11}{:>14}{:>8}{:>8}{:>9}",
                "CSM",
                "Due",
                "Commit",
                "Likely",
                "At risk",
                "Churn",
                "No forecast",
                "GRR",
                "NRR",
                "GRR wk"
            )
        } else {
            format!(
                "{:<12}{:>11}{:>11}{:>11}{:>12}{:>7}{:>7}{:>7}",
                "CSM", "Due", "Commit", "At risk", "No forecast", "GRR", "NRR", "GRR wk"
            )
        };
        lines.push(Line::styled(heading, t.header()));
        // The team first: on a short pane it is the line that must show.
        let (team_row, csms) = q
            .rows
            .split_last()
            .map_or((None, &[][..]), |(t, c)| (Some(t), c));
        for r in team_row.into_iter().chain(csms) {
            let style = if r.owner.is_none() {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            let column = chosen.filter(|_| r.owner.as_deref() == selected.owner);
            lines.push(Line::from(row_spans(r, q, wide, column, t)).style(style));
        }
        lines.push(Line::styled(format!("  {}", team.workings()), t.dim()));
        lines.push(Line::styled(format!("  {}", q.since_words()), t.dim()));
    }
    // The workings and the week's moves wrap; the table's lines fit.
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
        area,
    );
}
