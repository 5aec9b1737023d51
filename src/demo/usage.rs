//! Two years of weekly product usage for a demo account, following its profile's shape
//! with week-to-week noise: active users within licensed seats, sessions, key features.

use chrono::{Datelike, Duration, NaiveDate};
use fastrand::Rng;

use super::names::key_feature_count;
use super::profile::Profile;
use crate::domain::records::UsageWeek;

/// How far back usage goes.
const HISTORY_WEEKS: i64 = 104;

/// The Monday on or before a day.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(day.weekday().num_days_from_monday() as i64)
}

/// Fills `out` with the account's completed weeks, oldest first.
pub fn weeks(profile: &Profile, rng: &mut Rng, out: &mut Vec<UsageWeek>) {
    out.clear();
    let this_week = monday_of(profile.today);
    let first = (this_week - Duration::weeks(HISTORY_WEEKS)).max(monday_of(profile.started_on));
    let last = match profile.churned_on() {
        Some(on) => monday_of(on).min(this_week),
        None => this_week,
    };
    let key_features = key_feature_count();
    let mut week = first;
    // The current week is not over: only completed weeks are reported.
    while week < last {
        let u = (profile.utilisation(week) * (0.93 + rng.f64() * 0.14)).clamp(0.0, 1.0);
        let active_users = ((profile.seats as f64) * u).round() as i64;
        let sessions = active_users * rng.i64(3..=12);
        let adoption = (0.25 + 0.85 * u).min(1.0);
        let key_features_used = ((key_features as f64) * adoption)
            .round()
            .clamp(0.0, key_features as f64) as i64;
        out.push(UsageWeek {
            week_start: week,
            active_users: active_users.min(profile.seats),
            licensed_seats: profile.seats,
            sessions,
            key_features_used: if active_users == 0 {
                0
            } else {
                key_features_used
            },
        });
        week += Duration::weeks(1);
    }
}
