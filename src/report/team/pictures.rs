//! The team report's pictures, as inline SVG with a line of figures under each: GRR and
//! NRR per quarter against the targets, each month's forecast against what came in,
//! ARR by health band and at risk per week, and each CSM's last weeks as a table.

use std::fmt::Write;

use crate::domain::Money;
use crate::domain::trends::{Trends, forecast_workings};
use crate::report::html::esc;
use crate::report::svg::{Series, bars, lines};

const BLUE: &str = "#2f6fde";
const PURPLE: &str = "#8a4fd1";
const GREEN: &str = "#2e9e5b";
const YELLOW: &str = "#d9a400";
const RED: &str = "#d2413a";
const GREY: &str = "#9aa3b2";

/// How many of the latest weeks the workload table shows.
const WORKLOAD_WEEKS: usize = 8;

fn millions(cents: i64) -> f64 {
    cents as f64 / 100.0 / 1_000_000.0
}

fn money_axis(v: f64) -> String {
    Money::usd((v * 100.0 * 1_000_000.0).round() as i64).short()
}

fn section(title: &str, chart: &str, note: &str) -> String {
    format!(
        "<section><h2>{}</h2>{chart}<p class=\"sub\">{}</p></section>",
        esc(title),
        esc(note)
    )
}

pub fn retention(t: &Trends) -> String {
    let labels: Vec<String> = t.retention.iter().map(|q| q.quarter.clone()).collect();
    let n = labels.len();
    let chart = lines(
        "GRR and NRR per quarter against their targets",
        &labels,
        &[
            Series::new("GRR", BLUE, t.retention.iter().map(|q| q.grr).collect()),
            Series::new("NRR", PURPLE, t.retention.iter().map(|q| q.nrr).collect()),
            Series::new(
                format!("GRR target {:.0}%", t.targets.grr_target),
                BLUE,
                vec![Some(t.targets.grr_target); n],
            )
            .dashed(),
            Series::new(
                format!("NRR target {:.0}%", t.targets.nrr_target),
                PURPLE,
                vec![Some(t.targets.nrr_target); n],
            )
            .dashed(),
        ],
        false,
        &|v| format!("{v:.0}%"),
    );
    let note = t.retention.last().map_or(String::new(), |q| q.workings());
    section("Retention per quarter", &chart, &note)
}

pub fn forecast(t: &Trends) -> String {
    let labels: Vec<String> = t.forecast.iter().map(|a| a.period.clone()).collect();
    let k = |c: i64| Some(c as f64 / 100.0 / 1_000.0);
    let chart = bars(
        "Each month's forecast against what came in",
        &labels,
        &[
            Series::new(
                "forecast of the renewals closed",
                BLUE,
                t.forecast.iter().map(|a| k(a.forecast_arr_cents)).collect(),
            ),
            Series::new(
                "what they came in at",
                GREEN,
                t.forecast.iter().map(|a| k(a.actual_arr_cents)).collect(),
            ),
        ],
        &|v| Money::usd((v * 100.0 * 1_000.0).round() as i64).short(),
    );
    let note = t.forecast.iter().rev().find(|a| a.closed > 0).map_or(
        "No month has outcomes against its forecast yet.".into(),
        forecast_workings,
    );
    section("Forecast against actual per month", &chart, &note)
}

pub fn bands(t: &Trends) -> String {
    let labels: Vec<String> = t.bands.iter().map(|b| b.week.label()).collect();
    let line = |f: &dyn Fn(&crate::domain::trends::BandWeek) -> i64| {
        t.bands
            .iter()
            .map(|b| Some(millions(f(b))))
            .collect::<Vec<_>>()
    };
    let chart = lines(
        "ARR by health band per week",
        &labels,
        &[
            Series::new("green", GREEN, line(&|b| b.green_cents)),
            Series::new("yellow", YELLOW, line(&|b| b.yellow_cents)),
            Series::new("red", RED, line(&|b| b.red_cents)),
            Series::new("unscored", GREY, line(&|b| b.unscored_cents)).dashed(),
        ],
        true,
        &money_axis,
    );
    let risk = bars(
        "ARR at risk per week",
        &labels,
        &[Series::new(
            "at risk: red, and yellow renewing within 90 days",
            RED,
            line(&|b| b.at_risk_cents()),
        )],
        &money_axis,
    );
    let note = t.bands.last().map_or(String::new(), |b| b.workings());
    format!(
        "{}{}",
        section("ARR by health band per week", &chart, ""),
        section("ARR at risk per week", &risk, &note)
    )
}

/// Each CSM's last weeks: touches, tasks closed, accounts gone quiet.
pub fn workload(t: &Trends) -> String {
    let Some(team) = t.workload.last() else {
        return String::new();
    };
    let from = team.weeks.len().saturating_sub(WORKLOAD_WEEKS);
    let mut out = format!(
        "<section><h2>Workload, the last {} weeks</h2><table><thead><tr><th>CSM</th>",
        team.weeks.len() - from
    );
    for w in &team.weeks[from..] {
        let _ = write!(out, "<th class=\"n\">{}</th>", esc(&w.week.label()));
    }
    out.push_str("</tr></thead><tbody>");
    for (i, row) in t.workload.iter().enumerate() {
        let class = if i + 1 == t.workload.len() {
            " class=\"total\""
        } else {
            ""
        };
        let _ = write!(out, "<tr{class}><td>{}</td>", esc(&row.owner));
        for w in row.weeks.iter().skip(from) {
            let _ = write!(
                out,
                "<td class=\"n\">{} · {} · {}</td>",
                w.touches, w.tasks_done, w.quiet
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table><p class=\"sub\">Each week: touches logged · tasks closed · accounts past their touch cadence at the week's end.</p></section>");
    out
}
