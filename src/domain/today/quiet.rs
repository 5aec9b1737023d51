//! Accounts gone quiet in the queue: one past its segment's touch cadence is an item,
//! graver when it has gone more than twice the cadence or was never touched.

use chrono::{Duration, NaiveDate};

use super::{Item, ItemAccount, ItemKind, News, Subject, TodayRules};

/// The item for `account`, last touched on `last` (None: never), if it has gone past its
/// segment's cadence.
pub fn quiet_item(
    account: &ItemAccount,
    last: Option<NaiveDate>,
    rules: &TodayRules,
    news: &News,
) -> Option<Item> {
    let today = news.today;
    let cadence = rules.past_cadence(account.segment, last, today)?;
    let days = last.map(|d| (today - d).num_days());
    let what = match days {
        Some(d) => format!(
            "last touch {d} days ago ({}: every {cadence} days)",
            account.segment.label().to_lowercase()
        ),
        None => "never touched".into(),
    };
    let severity = if days.is_none_or(|d| d > 2 * i64::from(cadence)) {
        2
    } else {
        1
    };
    let lapsed_on = last.map(|d| d + Duration::days(i64::from(cadence) + 1));
    Some(Item {
        severity,
        fingerprint: last.map_or("never".into(), |d| d.to_string()),
        new: lapsed_on.is_some_and(|d| news.is_new(d)),
        ..account.item(
            ItemKind::NoTouch,
            Subject::Quiet,
            what,
            "reach out, then log the touch".into(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::today::account::acme;
    use crate::domain::vocab::Segment;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    fn ago(days: i64) -> Option<NaiveDate> {
        Some(today() - Duration::days(days))
    }

    /// The item for an enterprise account (every 30 days) last touched `last`, for a
    /// CSM who last looked yesterday.
    fn quiet(segment: Segment, last: Option<NaiveDate>) -> Option<Item> {
        let rules = TodayRules::default();
        let news = News::new(&rules, ago(1), today());
        quiet_item(&acme(segment), last, &rules, &news)
    }

    #[test]
    fn an_account_past_its_cadence_is_an_item_graver_past_twice_the_cadence() {
        assert!(
            quiet(Segment::Enterprise, ago(30)).is_none(),
            "on its cadence"
        );
        let late = quiet(Segment::Enterprise, ago(31)).unwrap();
        assert_eq!(
            late.what,
            "last touch 31 days ago (enterprise: every 30 days)"
        );
        assert_eq!(late.todo, "reach out, then log the touch");
        assert_eq!(late.severity, 1);
        assert_eq!(late.fingerprint, (today() - Duration::days(31)).to_string());
        assert!(
            late.new,
            "it went past its cadence yesterday, when last looked"
        );
        assert_eq!(quiet(Segment::Enterprise, ago(60)).unwrap().severity, 1);
        let very = quiet(Segment::Enterprise, ago(61)).unwrap();
        assert_eq!(very.severity, 2);
        assert!(!very.new, "past its cadence before the last look");
        let never = quiet(Segment::Enterprise, None).unwrap();
        assert_eq!((never.what.as_str(), never.severity), ("never touched", 2));
        assert_eq!(never.fingerprint, "never");
        assert!(
            quiet(Segment::SelfServe, None).is_none(),
            "held to no cadence"
        );
    }
}
