//! The team report's tables: a row per CSM and the team's total, the forecast review of
//! each quarter with the week's moves and the team's workings, and each CSM's calls.

use std::fmt::Write;

use crate::book::forecast_review::{CALL_MONTHS, Calls, QuarterReview};
use crate::book::team::{TeamRow, grr_text, grr_workings, lane_text};
use crate::domain::Money;
use crate::domain::renewal::Tally;
use crate::report::html::esc;

fn money(cents: i64) -> String {
    Money::usd(cents).short()
}

fn pct(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{:.1}%", v * 100.0))
}

fn tally(t: Tally) -> String {
    if t.count == 0 {
        "—".into()
    } else {
        format!("{} · {}", t.count, money(t.arr_cents))
    }
}

/// A table: its heading (a leading `#` marks a column of numbers), and its rows, the
/// last in bold when `total`.
fn table(head: &[&str], rows: &[Vec<String>], total: bool) -> String {
    let numeric: Vec<bool> = head.iter().map(|h| h.starts_with('#')).collect();
    let mut out = String::from("<table><thead><tr>");
    for h in head {
        let (class, h) = match h.strip_prefix('#') {
            Some(h) => (" class=\"n\"", h),
            None => ("", *h),
        };
        let _ = write!(out, "<th{class}>{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    for (i, r) in rows.iter().enumerate() {
        let class = if total && i + 1 == rows.len() {
            " class=\"total\""
        } else {
            ""
        };
        let _ = write!(out, "<tr{class}>");
        for (c, cell) in r.iter().enumerate() {
            let class = if numeric.get(c) == Some(&true) {
                " class=\"n\""
            } else {
                ""
            };
            let _ = write!(out, "<td{class}>{}</td>", esc(cell));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

fn share(part: i64, whole: i64) -> String {
    if whole <= 0 {
        "—".into()
    } else {
        format!("{:.0}%", part as f64 * 100.0 / whole as f64)
    }
}

/// A row per CSM and the team's total.
pub fn team(rows: &[TeamRow]) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let scored = r.green_cents + r.yellow_cents + r.red_cents;
            vec![
                r.name.clone(),
                r.accounts.to_string(),
                money(r.arr_cents),
                format!(
                    "{} / {} / {}",
                    share(r.green_cents, scored),
                    share(r.yellow_cents, scored),
                    share(r.red_cents, scored)
                ),
                money(r.at_risk_cents),
                lane_text(r.renewals[0]),
                lane_text((
                    r.renewals[1..4].iter().map(|l| l.0).sum(),
                    r.renewals[1..4].iter().map(|l| l.1).sum(),
                )),
                grr_text(r),
                r.late_tasks.to_string(),
                r.quiet_accounts.to_string(),
            ]
        })
        .collect();
    let mut out = String::from("<section><h2>The team</h2>");
    out += &table(
        &[
            "CSM",
            "#Accounts",
            "#ARR",
            "Green / yellow / red (ARR)",
            "#At risk",
            "#Overdue",
            "#Due in 90 days",
            "#Forecast GRR this quarter",
            "#Tasks late",
            "#Gone quiet",
        ],
        &body,
        true,
    );
    if let Some(total) = rows.last() {
        let _ = write!(
            out,
            "<p class=\"sub\">At risk: red accounts' ARR, and yellow ones renewing within 90 days. Forecast GRR = (ARR at the quarter's start - lost - forecast loss) / start: {}. Gone quiet: past their touch cadence.</p>",
            esc(&grr_workings(total))
        );
    }
    out.push_str("</section>");
    out
}

/// Each quarter's forecast review, with the week's moves.
pub fn review(quarters: &[QuarterReview; 2]) -> String {
    let mut out = String::from("<section><h2>Forecast review</h2>");
    for q in quarters {
        let Some(team) = q.rows.last() else { continue };
        let _ = write!(
            out,
            "<h3>{}: {} renewals, {} due, expected GRR {} and NRR {}</h3>",
            esc(&q.quarter.name()),
            team.due.count,
            money(team.due.arr_cents),
            pct(team.grr()),
            pct(team.nrr())
        );
        let (team_row, csms) = q
            .rows
            .split_last()
            .map_or((None, &[][..]), |(t, c)| (Some(t), c));
        let body: Vec<Vec<String>> = csms
            .iter()
            .chain(team_row)
            .map(|r| {
                vec![
                    r.owner.clone().unwrap_or_else(|| "Team".into()),
                    tally(r.due),
                    tally(r.commit),
                    tally(r.likely),
                    tally(r.at_risk),
                    tally(r.churn),
                    tally(r.no_forecast),
                    pct(r.grr()),
                    pct(r.nrr()),
                    q.moved_of(r.owner.as_deref())
                        .map_or("—".into(), |m| m.grr_words()),
                ]
            })
            .collect();
        out += &table(
            &[
                "CSM",
                "#Due",
                "#Commit",
                "#Likely",
                "#At risk",
                "#Churn",
                "#No forecast",
                "#GRR",
                "#NRR",
                "#GRR, week",
            ],
            &body,
            true,
        );
        let _ = write!(
            out,
            "<p class=\"sub\">{}.<br>{}</p>",
            esc(&team.workings()),
            esc(&q.since_words())
        );
    }
    out.push_str("</section>");
    out
}

/// How each CSM's frozen forecasts of the months before this one turned out.
pub fn calls(calls: &[Calls]) -> String {
    let whole = |v: Option<f64>| v.map_or("—".into(), |v| format!("{:.0}%", v * 100.0));
    let mut out =
        format!("<section><h2>Forecast calls, the {CALL_MONTHS} months before this one</h2>");
    if calls.last().is_none_or(|t| t.recent.closed == 0) {
        out +=
            "<p>No month before this one has a frozen forecast with its outcome yet.</p></section>";
        return out;
    }
    let body: Vec<Vec<String>> = calls
        .iter()
        .map(|c| {
            vec![
                c.owner.clone().unwrap_or_else(|| "Team".into()),
                c.recent.closed.to_string(),
                whole(c.recent.hit_rate()),
                whole(c.recent.arr_accuracy),
                c.recent
                    .lean()
                    .map_or("—".into(), |l| format!("{:+.0}%", l * 100.0)),
            ]
        })
        .collect();
    out += &table(
        &["CSM", "#Closed", "#Called right", "#ARR accuracy", "#Lean"],
        &body,
        true,
    );
    out += "<p class=\"sub\">Called right: the outcome was the category forecast when the month began. ARR accuracy: 1 - |forecast - actual| / actual. Lean: forecast over (+) or under (-) what came in.</p></section>";
    out
}
