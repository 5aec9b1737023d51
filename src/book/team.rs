//! The team view's figures, one row per CSM and a team total: the book they carry and
//! its health by ARR, the ARR at risk, renewals in each window, the quarter's forecast
//! gross retention, and who is falling behind (late tasks, accounts gone quiet past
//! their cadence, overrides standing for more than 14 days).

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::sql::{opt_date, term};
use super::{Book, BookError};
use crate::domain::health::{HealthRules, at_risk};
use crate::domain::metrics::{Grain, Period, Retention};
use crate::domain::renewal::Window;
use crate::domain::today::TodayRules;
use crate::domain::vocab::{HealthBand, Segment, TeamRole};

/// Overrides standing this long are worth a manager's question.
pub const OLD_OVERRIDE_DAYS: i64 = 14;

/// One CSM's figures (or the team's, in the total row).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamRow {
    /// None for the team total.
    pub owner_id: Option<i64>,
    pub name: String,
    pub accounts: usize,
    pub arr_cents: i64,
    /// ARR by band: green, yellow, red; and not yet scored.
    pub green_cents: i64,
    pub yellow_cents: i64,
    pub red_cents: i64,
    pub unscored_cents: i64,
    /// Red ARR, and yellow renewing within 90 days.
    pub at_risk_cents: i64,
    /// Renewals overdue and in the 30, 60, 90 and 120-day windows: count and ARR.
    pub renewals: [(usize, i64); 5],
    /// The quarter's forecast gross retention, and its inputs: ARR at the quarter's
    /// start, lost so far, and the loss the forecasts of the quarter's open renewals expect.
    pub forecast_grr: Option<f64>,
    pub quarter_start_cents: i64,
    pub lost_so_far_cents: i64,
    pub forecast_loss_cents: i64,
    pub late_tasks: usize,
    pub quiet_accounts: usize,
    pub old_overrides: usize,
}

impl TeamRow {
    fn add(&mut self, o: &TeamRow) {
        self.accounts += o.accounts;
        self.arr_cents += o.arr_cents;
        self.green_cents += o.green_cents;
        self.yellow_cents += o.yellow_cents;
        self.red_cents += o.red_cents;
        self.unscored_cents += o.unscored_cents;
        self.at_risk_cents += o.at_risk_cents;
        for (a, b) in self.renewals.iter_mut().zip(o.renewals) {
            a.0 += b.0;
            a.1 += b.1;
        }
        self.quarter_start_cents += o.quarter_start_cents;
        self.lost_so_far_cents += o.lost_so_far_cents;
        self.forecast_loss_cents += o.forecast_loss_cents;
        self.late_tasks += o.late_tasks;
        self.quiet_accounts += o.quiet_accounts;
        self.old_overrides += o.old_overrides;
    }

    fn settle(&mut self) {
        let s = self.quarter_start_cents;
        self.forecast_grr = (s > 0)
            .then(|| (s - self.lost_so_far_cents - self.forecast_loss_cents) as f64 / s as f64);
    }
}

impl Book {
    /// A row per CSM (everyone who owns an account, or is a CSM), then the team total.
    pub fn team(
        &self,
        today_rules: &TodayRules,
        rules: &HealthRules,
        today: NaiveDate,
    ) -> Result<Vec<TeamRow>, BookError> {
        let members = self.team_members()?;
        let mut rows: HashMap<i64, TeamRow> = HashMap::new();
        let overrides = self.active_overrides(today)?;
        let touched = self.last_touches(today)?;
        let mut owner_of: HashMap<i64, i64> = HashMap::new();
        // Each account's owner, ARR, segment, band and next renewal: what the rows sum,
        // read without the rest of what the Portfolio shows.
        let mut stmt = self.conn().prepare(
            "SELECT a.id, a.owner_id, a.churned_on IS NOT NULL, a.arr_cents, a.segment, h.band,
                    (SELECT c.ends_on FROM contracts c
                     WHERE c.account_id = a.id AND c.outcome IS NULL ORDER BY c.ends_on LIMIT 1)
             FROM accounts a LEFT JOIN account_health h ON h.account_id = a.id
             WHERE a.owner_id IS NOT NULL",
        )?;
        let mut accounts = stmt.query([])?;
        while let Some(row) = accounts.next()? {
            let id: i64 = row.get(0)?;
            let owner: i64 = row.get(1)?;
            // A customer who left still counts against their CSM's quarter.
            owner_of.insert(id, owner);
            if row.get::<_, bool>(2)? {
                continue;
            }
            let arr_cents: i64 = row.get::<_, Option<i64>>(3)?.unwrap_or(0);
            let segment: Segment = term(row, 4)?;
            let stored: Option<HealthBand> = row
                .get::<_, Option<String>>(5)?
                .and_then(|b| b.parse().ok());
            let renewal_on = opt_date(row, 6)?;
            let r = rows.entry(owner).or_default();
            r.accounts += 1;
            r.arr_cents += arr_cents;
            let band = overrides.get(&id).and_then(|o| o.band).or(stored);
            let days = renewal_on.map(|d| (d - today).num_days());
            match band {
                Some(HealthBand::Green) => r.green_cents += arr_cents,
                Some(HealthBand::Yellow) => r.yellow_cents += arr_cents,
                Some(HealthBand::Red) => r.red_cents += arr_cents,
                None => r.unscored_cents += arr_cents,
            }
            if at_risk(band, days) {
                r.at_risk_cents += arr_cents;
            }
            if today_rules
                .past_cadence(segment, touched.get(&id).copied(), today)
                .is_some()
            {
                r.quiet_accounts += 1;
            }
            if overrides
                .get(&id)
                .is_some_and(|o| (today - o.set_on).num_days() > OLD_OVERRIDE_DAYS)
            {
                r.old_overrides += 1;
            }
        }
        // Renewals by window, and the quarter's forecast losses.
        let quarter = Period::holding(Grain::Quarter, today);
        let facts = self.metric_facts(None)?;
        let paying_at_start: HashMap<i64, i64> = facts
            .customers
            .iter()
            .map(|c| (c.account_id, c.arr_on(quarter.start)))
            .collect();
        let horizon = (today + Duration::days(120)).max(quarter.end);
        self.each_renewal(rules, today, Some(horizon), |r| {
            let Some(owner) = owner_of.get(&r.account_id) else {
                return;
            };
            let row = rows.entry(*owner).or_default();
            let lane = match r.window {
                Some(Window::Overdue) => Some(0),
                Some(Window::Days30) => Some(1),
                Some(Window::Days60) => Some(2),
                Some(Window::Days90) => Some(3),
                Some(Window::Days120) => Some(4),
                _ => None,
            };
            if let Some(i) = lane {
                row.renewals[i].0 += 1;
                row.renewals[i].1 += r.arr.cents;
            }
            let due_this_quarter = r
                .renewal_on
                .is_some_and(|d| d >= today && quarter.contains(d));
            if due_this_quarter && paying_at_start.get(&r.account_id).is_some_and(|a| *a > 0) {
                let expected = r
                    .forecast
                    .as_ref()
                    .map_or(r.suggestion.arr.cents, |f| f.arr.cents);
                row.forecast_loss_cents += (r.arr.cents - expected).max(0);
            }
        })?;
        for c in &facts.customers {
            let Some(owner) = owner_of.get(&c.account_id) else {
                continue;
            };
            let r = Retention::over(std::iter::once(c), quarter, today);
            let row = rows.entry(*owner).or_default();
            row.quarter_start_cents += r.starting_arr;
            row.lost_so_far_cents += r.churned_arr + r.contraction_arr;
        }
        // Late tasks by who owns them.
        let mut stmt = self.conn().prepare(
            "SELECT owner_id, count(*) FROM tasks
             WHERE owner_id IS NOT NULL AND due_on < ?1
               AND (status = 'open' OR (status = 'snoozed' AND snoozed_until <= ?1))
             GROUP BY owner_id",
        )?;
        let late = stmt.query_map([today.to_string()], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?;
        for l in late {
            let (owner, n) = l?;
            rows.entry(owner).or_default().late_tasks += n as usize;
        }
        let carrying: Vec<i64> = rows
            .iter()
            .filter(|(_, r)| r.accounts > 0)
            .map(|(id, _)| *id)
            .collect();
        let mut out: Vec<TeamRow> = members
            .iter()
            .filter(|m| m.role == TeamRole::Csm || carrying.contains(&m.id))
            .map(|m| {
                let mut row = rows.remove(&m.id).unwrap_or_default();
                row.owner_id = Some(m.id);
                row.name = m.name.clone();
                row.settle();
                row
            })
            .collect();
        out.sort_by(|a, b| b.arr_cents.cmp(&a.arr_cents).then(a.name.cmp(&b.name)));
        let mut total = TeamRow {
            name: "Team".into(),
            ..TeamRow::default()
        };
        for r in &out {
            total.add(r);
        }
        total.settle();
        out.push(total);
        Ok(out)
    }
}

/// How the forecast GRR was worked out.
pub fn grr_workings(r: &TeamRow) -> String {
    format!(
        "({} - lost {} - forecast loss {}) / {} = {}",
        crate::domain::Money::usd(r.quarter_start_cents).short(),
        crate::domain::Money::usd(r.lost_so_far_cents).short(),
        crate::domain::Money::usd(r.forecast_loss_cents).short(),
        crate::domain::Money::usd(r.quarter_start_cents).short(),
        r.forecast_grr
            .map_or("n/a".into(), |g| format!("{:.1}%", g * 100.0))
    )
}

/// A renewal window's count and ARR as the team view shows it ("3·$1.2M", "·" for none).
pub fn lane_text((n, cents): (usize, i64)) -> String {
    if n == 0 {
        "·".into()
    } else {
        format!("{n}·{}", crate::domain::Money::usd(cents).short())
    }
}

/// [`lane_text`] in at most `width - 1` characters, so that a column of them always
/// keeps a space between cells: big books' counts drop the ARR's decimals ("397·$46M"),
/// then the ARR ("397").
pub fn lane_cell(lane: (usize, i64), width: usize) -> String {
    let fits = |t: &String| t.chars().count() < width;
    let text = lane_text(lane);
    if fits(&text) {
        return text;
    }
    let mut whole = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '.' {
            while chars.peek().is_some_and(|d| d.is_ascii_digit()) {
                chars.next();
            }
        } else {
            whole.push(c);
        }
    }
    if fits(&whole) {
        whole
    } else {
        lane.0.to_string()
    }
}

/// The forecast GRR as a percentage, "—" without customers at the quarter's start.
pub fn grr_text(r: &TeamRow) -> String {
    r.forecast_grr
        .map_or("—".into(), |g| format!("{:.1}%", g * 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lane_cell_always_leaves_a_space_before_the_next() {
        assert_eq!(lane_cell((3, 12_000_000), 10), "3·$120K");
        // 397 renewals, $46.4M: ten characters would touch the next column.
        assert_eq!(lane_cell((397, 4_640_000_000), 10), "397·$46M");
        assert_eq!(lane_cell((12_345, 4_640_000_000), 10), "12345");
    }
}
