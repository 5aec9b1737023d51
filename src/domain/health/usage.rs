//! Product usage and feature adoption, both read from the weekly usage. Usage is the
//! share of licensed seats active lately and which way it is heading against the weeks
//! before; adoption is how many of the product's key features the account has taken up.

use chrono::NaiveDate;

use super::assess::{Explain, Part, days};
use super::evidence::Evidence;
use super::rules::Windows;
use crate::domain::records::UsageWeek;

/// Weeks starting in `(from, to]`, from usage in date order.
fn weeks_in(usage: &[UsageWeek], from: NaiveDate, to: NaiveDate) -> &[UsageWeek] {
    let start = usage.partition_point(|u| u.week_start <= from);
    let end = usage.partition_point(|u| u.week_start <= to).max(start);
    &usage[start..end]
}

/// The weeks of the recent window, `(as_of - usage_days, as_of]`.
pub(super) fn recent_weeks<'a>(e: &Evidence<'a>, w: &Windows, as_of: NaiveDate) -> &'a [UsageWeek] {
    weeks_in(e.usage, as_of - days(w.usage_days), as_of)
}

/// The weeks of the window before it, which the recent one is compared with.
pub(super) fn prior_weeks<'a>(e: &Evidence<'a>, w: &Windows, as_of: NaiveDate) -> &'a [UsageWeek] {
    let recent_from = as_of - days(w.usage_days);
    weeks_in(e.usage, recent_from - days(w.usage_prior_days), recent_from)
}

/// Mean active users a week; None without weeks.
pub(super) fn mean_active(weeks: &[UsageWeek]) -> Option<f64> {
    let total: i64 = weeks.iter().map(|u| u.active_users).sum();
    (!weeks.is_empty()).then(|| total as f64 / weeks.len() as f64)
}

/// A change as whole percent: -0.412 is -41.
pub(super) fn whole_percent(change: f64) -> i64 {
    (change * 100.0).round() as i64
}

/// Why usage is not judged yet: the customer started less than a usage window ago.
fn too_new(e: &Evidence, w: &Windows, as_of: NaiveDate, explain: Explain) -> Option<String> {
    let days = (as_of - e.started_on?).num_days();
    (days >= 0 && days < i64::from(w.usage_days)).then(|| {
        explain.say(|| {
            format!(
                "started {days} days ago: usage counts from day {}",
                w.usage_days
            )
        })
    })
}

/// Usage points, and the change in mean active users against the prior window (None
/// without prior usage to compare with).
pub(super) fn usage(
    e: &Evidence,
    w: &Windows,
    as_of: NaiveDate,
    explain: Explain,
) -> (Part, Option<f64>) {
    if let Some(why) = too_new(e, w, as_of, explain) {
        return (Part::missing(why), None);
    }
    let recent = recent_weeks(e, w, as_of);
    let Some(active) = mean_active(recent) else {
        let why = explain.say(|| format!("no usage data in the last {} days", w.usage_days));
        return (Part::missing(why), None);
    };
    let change = mean_active(prior_weeks(e, w, as_of))
        .filter(|prior| *prior > 0.0)
        .map(|prior| active / prior - 1.0);
    let seats = recent.iter().map(|u| u.licensed_seats).sum::<i64>() as f64 / recent.len() as f64;
    if seats <= 0.0 {
        let why = explain.say(|| format!("no licensed seats in the last {} days", w.usage_days));
        return (Part::missing(why), change);
    }
    let level = 100.0 * (active / seats / w.usage_target).min(1.0);
    let direction = change.map_or(0.0, |c| (c * 50.0).clamp(-25.0, 10.0));
    let prior_days = w.usage_prior_days;
    let heading = match change.map(whole_percent) {
        None => explain.say(|| format!("no usage in the prior {prior_days} days to compare")),
        Some(-5..=5) => explain.say(|| format!("steady vs the prior {prior_days} days")),
        Some(pct) if pct < 0 => {
            explain.say(|| format!("down {}% vs the prior {prior_days} days", -pct))
        }
        Some(pct) => explain.say(|| format!("up {pct}% vs the prior {prior_days} days")),
    };
    let facts = vec![
        explain.say(|| {
            format!(
                "{} of {} seats active, last {} days",
                active.round(),
                seats.round(),
                w.usage_days
            )
        }),
        heading,
    ];
    (Part::scored(level + direction, facts), change)
}

/// Adoption points: the most key features in use in any recent week, against the
/// catalog's key features.
pub(super) fn adoption(e: &Evidence, w: &Windows, as_of: NaiveDate, explain: Explain) -> Part {
    if let Some(why) = too_new(e, w, as_of, explain) {
        return Part::missing(why);
    }
    if e.key_features == 0 {
        return Part::missing(explain.say(|| "the product catalog marks no key features".into()));
    }
    let recent = recent_weeks(e, w, as_of);
    let Some(used) = recent.iter().map(|u| u.key_features_used).max() else {
        return Part::missing(
            explain.say(|| format!("no usage data in the last {} days", w.usage_days)),
        );
    };
    let used = used.clamp(0, i64::from(e.key_features));
    let share = used as f64 / f64::from(e.key_features);
    Part::scored(
        100.0 * (share / w.adoption_target).min(1.0),
        vec![explain.say(|| format!("{used} of {} key features in use", e.key_features))],
    )
}

#[cfg(test)]
mod tests {
    use super::super::ComponentKind::{Adoption, Usage};
    use super::super::fixtures::*;
    use chrono::Duration;

    #[test]
    fn seats_active_at_the_target_earn_full_points_and_say_how_many() {
        let account = Account::healthy();
        assert_eq!(
            account.score_of(Usage),
            Some(100),
            "40 of 50 is the 80% target"
        );
        assert_eq!(
            account.facts_of(Usage),
            [
                "40 of 50 seats active, last 30 days",
                "steady vs the prior 60 days"
            ]
        );
    }

    #[test]
    fn falling_usage_loses_its_level_and_up_to_25_more_points() {
        let mut account = Account::healthy();
        account.usage = weeks(40, 20, 8);
        // 20 of 50 is half the target (50), and a 50% fall costs the most (25).
        assert_eq!(account.score_of(Usage), Some(25));
        assert_eq!(account.facts_of(Usage)[1], "down 50% vs the prior 60 days");
        let a = account.assess();
        assert_eq!(a.usage_change, Some(-0.5));
    }

    #[test]
    fn growth_earns_at_most_10_points_and_a_5_percent_wobble_reads_steady() {
        let mut account = Account::healthy();
        account.usage = weeks(20, 30, 8);
        // 30 of 50 is 75% of the target; up 50% would be 25 points, capped at 10.
        assert_eq!(account.score_of(Usage), Some(85));
        assert_eq!(account.facts_of(Usage)[1], "up 50% vs the prior 60 days");
        account.usage = weeks(40, 39, 8);
        // 97.5 for the level, less 1.25 for a 2.5% dip.
        assert_eq!(account.score_of(Usage), Some(96));
        assert_eq!(account.facts_of(Usage)[1], "steady vs the prior 60 days");
    }

    #[test]
    fn a_new_account_without_prior_weeks_is_scored_on_its_level_alone() {
        let mut account = Account::healthy();
        account.usage = weeks(0, 30, 8).split_off(8);
        assert_eq!(account.score_of(Usage), Some(75));
        assert_eq!(
            account.facts_of(Usage)[1],
            "no usage in the prior 60 days to compare"
        );
        assert_eq!(account.assess().usage_change, None);
    }

    #[test]
    fn without_recent_weeks_usage_and_adoption_are_missing_not_zero() {
        let mut account = Account::healthy();
        account.usage.truncate(8); // the eight prior weeks only
        let a = account.assess();
        for kind in [Usage, Adoption] {
            assert_eq!(a.component(kind).score, None);
            assert_eq!(
                a.component(kind).facts,
                ["no usage data in the last 30 days"]
            );
        }
        assert_eq!(a.usage_change, None);
    }

    #[test]
    fn a_week_starting_30_days_back_is_prior_and_weeks_after_the_day_do_not_count() {
        let mut account = Account::healthy();
        account.usage = weeks(40, 40, 8);
        account.usage[7].week_start = ago(30); // the last prior week, moved to the edge
        account.usage[7].active_users = 0;
        // The prior mean drops to 35, so recent 40 is up 14% (+7, capped at 100).
        assert_eq!(account.facts_of(Usage)[1], "up 14% vs the prior 60 days");
        account.usage = weeks(40, 40, 8);
        let mut tomorrow = account.usage[11];
        tomorrow.week_start = today() + Duration::days(1);
        tomorrow.active_users = 0;
        tomorrow.key_features_used = 0;
        account.usage.push(tomorrow);
        assert_eq!(account.assess(), Account::healthy().assess());
    }

    #[test]
    fn usage_without_licensed_seats_is_missing_rather_than_zero() {
        let mut account = Account::healthy();
        for week in &mut account.usage {
            week.licensed_seats = 0;
        }
        assert_eq!(account.score_of(Usage), None);
        assert_eq!(
            account.facts_of(Usage),
            ["no licensed seats in the last 30 days"]
        );
    }

    #[test]
    fn adoption_counts_the_best_recent_week_against_the_key_features() {
        let mut account = Account::healthy();
        account.key_features = 11;
        account.usage = weeks(40, 40, 7);
        account.usage[9].key_features_used = 5;
        // 7 of 11 is 64%, 80% of the 80% target.
        assert_eq!(account.score_of(Adoption), Some(80));
        assert_eq!(account.facts_of(Adoption), ["7 of 11 key features in use"]);
        account.usage = weeks(40, 40, 12); // more than the catalog has: all of them
        assert_eq!(account.facts_of(Adoption), ["11 of 11 key features in use"]);
        assert_eq!(account.score_of(Adoption), Some(100));
    }

    #[test]
    fn a_catalog_without_key_features_leaves_adoption_missing() {
        let mut account = Account::healthy();
        account.key_features = 0;
        assert_eq!(account.score_of(Adoption), None);
        assert_eq!(
            account.facts_of(Adoption),
            ["the product catalog marks no key features"]
        );
    }
}
