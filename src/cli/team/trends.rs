//! `csm team --trends`: the figures the Team pane's pictures draw, as tables or JSON:
//! retention per quarter against the targets, ARR by band and at risk per week, each
//! month's frozen forecast against the outcomes, and each CSM's weeks.

use color_eyre::Result;

use crate::domain::Money;
use crate::domain::trends::Trends;
use crate::text::clip;

/// How many of the weeks the workload table shows, the latest ones.
const WORKLOAD_WEEKS: usize = 8;

/// The trends as text.
pub fn text(t: &Trends) -> String {
    let m = |c: i64| Money::usd(c).short();
    let pct = |v: Option<f64>| v.map_or("—".into(), |v| format!("{v:.1}%"));
    let mut out = format!(
        "Trends as of {}{}\n\nRetention per quarter (targets: GRR {:.0}%, NRR {:.0}%)\n{:<10} {:>9} {:>9} {:>9} {:>9} {:>7} {:>7}\n",
        t.as_of,
        t.owner
            .as_deref()
            .map_or(String::new(), |o| format!(", {o}'s book")),
        t.targets.grr_target,
        t.targets.nrr_target,
        "quarter",
        "start",
        "churn",
        "contract.",
        "expansion",
        "GRR",
        "NRR"
    );
    for q in &t.retention {
        let r = &q.retention;
        out += &format!(
            "{:<10} {:>9} {:>9} {:>9} {:>9} {:>7} {:>7}\n",
            format!("{}{}", q.quarter, if q.to_date { "*" } else { "" }),
            m(r.starting_arr),
            m(r.churned_arr),
            m(r.contraction_arr),
            m(r.expansion_arr),
            pct(q.grr),
            pct(q.nrr)
        );
    }
    out += "* so far\n\nARR by health band per week (as scored by the week's last recompute)\n";
    out += &format!(
        "{:<7} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9}\n",
        "week", "scored", "green", "yellow", "red", "unscored", "at risk"
    );
    for b in &t.bands {
        out += &format!(
            "{:<7} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9}\n",
            b.week.label(),
            b.scored_on.map_or("—".into(), |d| d.to_string()),
            m(b.green_cents),
            m(b.yellow_cents),
            m(b.red_cents),
            m(b.unscored_cents),
            m(b.at_risk_cents())
        );
    }
    out += "\nForecast against actual per month (the forecast frozen as the month began, its closed renewals)\n";
    out += &format!(
        "{:<8} {:>8} {:>7} {:>10} {:>10} {:>13}\n",
        "month", "forecast", "closed", "forecast $", "actual $", "called right"
    );
    for a in &t.forecast {
        out += &format!(
            "{:<8} {:>8} {:>7} {:>10} {:>10} {:>13}\n",
            a.period,
            a.forecast,
            a.closed,
            m(a.forecast_arr_cents),
            m(a.actual_arr_cents),
            a.hit_rate()
                .map_or("—".into(), |h| format!("{:.0}%", h * 100.0))
        );
    }
    let skip = t
        .workload
        .first()
        .map_or(0, |w| w.weeks.len().saturating_sub(WORKLOAD_WEEKS));
    out += &format!(
        "\nEach CSM's weeks, the last {WORKLOAD_WEEKS}: touches / tasks closed / accounts past their cadence\n{:<18}",
        "CSM"
    );
    if let Some(w) = t.workload.first() {
        for l in &w.weeks[skip..] {
            out += &format!(" {:>11}", l.week.label());
        }
    }
    out.push('\n');
    for w in &t.workload {
        out += &format!("{:<18}", clip(&w.owner, 18));
        for l in &w.weeks[skip..] {
            out += &format!(
                " {:>11}",
                format!("{}/{}/{}", l.touches, l.tasks_done, l.quiet)
            );
        }
        out.push('\n');
    }
    out
}

/// The trends as JSON, each point with its workings.
pub fn json(t: &Trends) -> Result<String> {
    let mut v = serde_json::to_value(t)?;
    for (i, q) in t.retention.iter().enumerate() {
        v["retention"][i]["workings"] = q.workings().into();
    }
    for (i, b) in t.bands.iter().enumerate() {
        v["bands"][i]["at_risk_cents"] = b.at_risk_cents().into();
        v["bands"][i]["workings"] = b.workings().into();
    }
    for (i, a) in t.forecast.iter().enumerate() {
        v["forecast"][i]["workings"] = crate::domain::trends::forecast_workings(a).into();
    }
    for (r, w) in t.workload.iter().enumerate() {
        for (i, l) in w.weeks.iter().enumerate() {
            v["workload"][r]["weeks"][i]["workings"] = l.workings().into();
        }
    }
    Ok(serde_json::to_string_pretty(&v)?)
}
