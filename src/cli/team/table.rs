//! `csm team` as text: a row per CSM and the team total, and what each column means.

use super::share;
use crate::book::team::{OLD_OVERRIDE_DAYS, TeamRow, grr_text, grr_workings, lane_text};
use crate::domain::Money;
use crate::text::clip;

/// The table, its legend beneath.
pub fn text(rows: &[TeamRow]) -> String {
    let mut text = format!(
        "{:<18} {:>5} {:>8}  {:>5} {:>5} {:>5}  {:>8}  {:>10} {:>10} {:>10} {:>10} {:>10}  {:>6}  {:>4} {:>5} {:>4}\n",
        "CSM",
        "accts",
        "ARR",
        "green",
        "yell.",
        "red",
        "at risk",
        "overdue",
        "30d",
        "60d",
        "90d",
        "120d",
        "GRR q",
        "late",
        "quiet",
        "ovr"
    );
    for r in rows {
        text.push_str(&format!(
            "{:<18} {:>5} {:>8}  {:>5} {:>5} {:>5}  {:>8}  {:>10} {:>10} {:>10} {:>10} {:>10}  {:>6}  {:>4} {:>5} {:>4}\n",
            clip(&r.name, 18),
            r.accounts,
            Money::usd(r.arr_cents).short(),
            share(r.green_cents, r.arr_cents),
            share(r.yellow_cents, r.arr_cents),
            share(r.red_cents, r.arr_cents),
            Money::usd(r.at_risk_cents).short(),
            lane_text(r.renewals[0]),
            lane_text(r.renewals[1]),
            lane_text(r.renewals[2]),
            lane_text(r.renewals[3]),
            lane_text(r.renewals[4]),
            grr_text(r),
            r.late_tasks,
            r.quiet_accounts,
            r.old_overrides,
        ));
    }
    if let Some(total) = rows.last() {
        text.push_str(&format!(
            "\ngreen/yellow/red: share of ARR by health band. at risk: red ARR, and yellow renewing within 90 days.\n\
             GRR q: this quarter's forecast gross retention = (ARR at the quarter's start - lost so far - what the open renewals' forecasts lose) / ARR at the start;\n\
             for the team: {}.\n\
             late: open tasks past due. quiet: accounts without a touch past their segment's cadence. ovr: health overrides standing over {OLD_OVERRIDE_DAYS} days.\n",
            grr_workings(total)
        ));
    }
    text
}
