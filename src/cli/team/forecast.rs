//! `csm team --forecast`: this quarter's and next quarter's forecast review per CSM, and
//! how each CSM's frozen forecasts turned out, as text or JSON.

use std::io::{Write, stdout};

use color_eyre::Result;

use crate::book::forecast_review::{Calls, QuarterReview};
use crate::text::clip;

/// The forecast review, as text or JSON.
pub fn review(
    quarters: &[QuarterReview; 2],
    calls: &[Calls],
    today: chrono::NaiveDate,
    json: bool,
) -> Result<()> {
    let pct = |v: Option<f64>| v.map_or("—".into(), |v| format!("{:.1}%", v * 100.0));
    if json {
        let out: Vec<_> = quarters
            .iter()
            .map(|q| {
                let rows: Vec<_> = q
                    .rows
                    .iter()
                    .map(|r| {
                        let mut v = serde_json::to_value(r).unwrap_or_default();
                        v["grr"] = r.grr().into();
                        v["nrr"] = r.nrr().into();
                        v["workings"] = r.workings().into();
                        if let Some(m) = q.moved_of(r.owner.as_deref()) {
                            v["since_last_week"] = serde_json::to_value(m).unwrap_or_default();
                            v["since_last_week"]["words"] = m.words().into();
                        }
                        v
                    })
                    .collect();
                serde_json::json!({
                    "quarter": q.quarter.name(),
                    "compared_with_review_of": q.since,
                    "rows": rows,
                })
            })
            .collect();
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "as_of": today,
                "quarters": out,
                "calls": calls,
            }))?
        )?;
        return Ok(());
    }
    let mut text = String::new();
    for q in quarters {
        text.push_str(&format!(
            "Forecast review, {} as of {today}\n{:<18} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14} {:>7} {:>7} {:>7}\n",
            q.quarter.name(),
            "CSM",
            "due",
            "commit",
            "likely",
            "at risk",
            "churn",
            "no forecast",
            "GRR",
            "NRR",
            "GRR wk"
        ));
        for r in &q.rows {
            text.push_str(&format!(
                "{:<18} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14} {:>7} {:>7} {:>7}\n",
                clip(r.owner.as_deref().unwrap_or("Team"), 18),
                r.due.words(),
                r.commit.words(),
                r.likely.words(),
                r.at_risk.words(),
                r.churn.words(),
                r.no_forecast.words(),
                pct(r.grr()),
                pct(r.nrr()),
                q.moved_of(r.owner.as_deref())
                    .map_or("—".into(), |m| m.grr_words()),
            ));
        }
        if let Some(team) = q.rows.last() {
            text.push_str(&format!("  {}\n  {}\n\n", team.workings(), q.since_words()));
        }
    }
    text += &calls_text(calls);
    crate::cli::emit(&text)
}

/// How each CSM's frozen forecasts turned out, month by month.
pub fn calls_text(calls: &[Calls]) -> String {
    let pct = |v: Option<f64>| v.map_or("—".into(), |v| format!("{:.0}%", v * 100.0));
    let Some(team) = calls.last() else {
        return String::new();
    };
    if team.recent.closed == 0 {
        return "Forecast calls: no month before this one has a frozen forecast with its outcome yet.\n".into();
    }
    let mut text = format!(
        "Forecast calls, the {} months before this one ({} to {})\n{:<18} {:>8} {:>12} {:>9} {:>7}  CALLED RIGHT BY MONTH\n",
        team.months.len(),
        team.months.first().map_or("", |m| m.period.as_str()),
        team.months.last().map_or("", |m| m.period.as_str()),
        "CSM",
        "closed",
        "called right",
        "ARR acc.",
        "lean"
    );
    for c in calls {
        let months: Vec<String> = team
            .months
            .iter()
            .map(|t| {
                let mine = c.months.iter().find(|m| m.period == t.period);
                format!("{:>4}", pct(mine.and_then(|m| m.hit_rate())))
            })
            .collect();
        text += &format!(
            "{:<18} {:>8} {:>12} {:>9} {:>7}  {}\n",
            clip(c.owner.as_deref().unwrap_or("Team"), 18),
            c.recent.closed,
            pct(c.recent.hit_rate()),
            pct(c.recent.arr_accuracy),
            c.recent
                .lean()
                .map_or("—".into(), |l| format!("{:+.0}%", l * 100.0)),
            months.join(" ")
        );
    }
    text += "called right: renewals whose outcome was the category forecast when the month began. \
             ARR acc.: 1 - |forecast - actual| / actual. lean: forecast ARR over (+) or under (-) what came in.\n";
    text
}
