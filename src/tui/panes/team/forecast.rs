//! The Team pane's forecast review, beneath the team's table: this quarter's and next
//! quarter's renewals per CSM and for the team (due, commit, likely, at risk, churn, no
//! forecast) with the expected GRR and NRR, each one's move since the review a week back
//! (GRR wk, in points) and the team's workings and moves. At 80 columns the
//! likely and churn columns give way; the team's line leads each quarter, so a short
//! pane shows this quarter's team figures first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::book::forecast_review::QuarterReview;
use crate::domain::Money;
use crate::domain::renewal::Rollup;
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

fn row_text(r: &Rollup, q: &QuarterReview, wide: bool) -> String {
    let name = clip(r.owner.as_deref().unwrap_or("Team"), 13);
    let week = q
        .moved_of(r.owner.as_deref())
        .map_or("—".into(), |m| m.grr_words());
    if wide {
        format!(
            "{:<14}{:>12}{:>12}{:>12}{:>12}{:>11}{:>14}{:>8}{:>8}{:>9}",
            name,
            cell(r.due),
            cell(r.commit),
            cell(r.likely),
            cell(r.at_risk),
            cell(r.churn),
            cell(r.no_forecast),
            pct(r.grr()),
            pct(r.nrr()),
            week
        )
    } else {
        format!(
            "{:<12}{:>11}{:>11}{:>11}{:>12}{:>7}{:>7}{:>7}",
            clip(&name, 11),
            cell(r.due),
            cell(r.commit),
            cell(r.at_risk),
            cell(r.no_forecast),
            pct(r.grr()),
            pct(r.nrr()),
            week
        )
    }
}

/// Draws both quarters, one under the other, as many lines as fit.
pub fn draw(frame: &mut Frame, area: Rect, quarters: &[QuarterReview; 2], wide: bool, t: &Theme) {
    let mut lines: Vec<Line> = Vec::new();
    for q in quarters {
        let Some(team) = q.rows.last() else { continue };
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
            format!(
                "Forecast {} · {} due · GRR {} NRR {} · no forecast {}",
                q.quarter.name(),
                cell(team.due),
                pct(team.grr()),
                pct(team.nrr()),
                cell(team.no_forecast)
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
            lines.push(Line::styled(row_text(r, q, wide), style));
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
