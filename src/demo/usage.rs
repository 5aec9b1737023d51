//! Two years of weekly product usage for a demo account, following its profile's health
//! with week-to-week noise: active users within the seats of the contract in force that
//! week, sessions at the account's own intensity, and key features in use.

use chrono::{Datelike, Duration, NaiveDate};
use fastrand::Rng;

use super::names::key_feature_count;
use super::profile::Profile;
use crate::domain::records::{Contract, UsageWeek};

/// How far back usage goes.
pub const HISTORY_WEEKS: i64 = 104;

/// The Monday on or before a day.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(day.weekday().num_days_from_monday() as i64)
}

/// Fills `out` with the account's completed weeks, oldest first. `contracts` are the
/// account's terms, oldest first: seats follow them through upsells and downsells.
pub fn weeks(p: &Profile, rng: &mut Rng, contracts: &[Contract], out: &mut Vec<UsageWeek>) {
    out.clear();
    let this_week = monday_of(p.today);
    let first = (this_week - Duration::weeks(HISTORY_WEEKS)).max(monday_of(p.started_on));
    // The current week is not over, and a churned customer's usage stops when it leaves.
    let end = match p.churned_on() {
        Some(on) => monday_of(on).min(this_week),
        None => this_week,
    };
    // Each account's own habits: sessions per active user, and how many of the key
    // features it has taken up when things go well.
    let key_features = key_feature_count();
    let intensity = 3.0 + rng.f64() * 9.0;
    let breadth = (key_features - rng.i64(0..=4)).max(2) as f64;
    let mut term = 0;
    let mut week = first;
    while week < end {
        while term + 1 < contracts.len() && contracts[term].ends_on <= week {
            term += 1;
        }
        let seats = contracts
            .get(term)
            .map(|c| seats_for(p, c.arr.cents))
            .unwrap_or(p.seats);
        let u = (p.utilisation(week) * (0.93 + rng.f64() * 0.14)).clamp(0.0, 1.0);
        let active_users = ((seats as f64) * u).round() as i64;
        let sessions = (active_users as f64 * intensity * (0.85 + rng.f64() * 0.3)) as i64;
        let adoption = (0.35 + 0.75 * u / p.base_utilisation.max(0.1)).min(1.0);
        let key_features_used = if active_users == 0 {
            0
        } else {
            ((breadth * adoption + rng.f64() - 0.5).round() as i64).clamp(1, key_features)
        };
        out.push(UsageWeek {
            week_start: week,
            active_users: active_users.min(seats),
            licensed_seats: seats,
            sessions,
            key_features_used,
        });
        week += Duration::weeks(1);
    }
}

/// Seats on a term worth `arr_cents`, in proportion to the current term's.
fn seats_for(p: &Profile, arr_cents: i64) -> i64 {
    if arr_cents == p.arr_cents || p.arr_cents <= 0 {
        return p.seats;
    }
    ((p.seats as i128 * arr_cents as i128 / p.arr_cents as i128) as i64).max(1)
}
