//! Health overrides about to end in the queue: within a week of its end, an override
//! is an item, so the CSM renews it with a reason or lets the computed health return.

use chrono::Duration;

use super::{Item, ItemAccount, ItemKind, News, Subject};
use crate::domain::health::HealthOverride;

/// Overrides ending within this many days are flagged.
pub const OVERRIDE_DAYS: i64 = 7;

/// The item for `account`'s standing override, if it ends within [`OVERRIDE_DAYS`].
pub fn override_item(account: &ItemAccount, o: &HealthOverride, news: &News) -> Option<Item> {
    if (o.expires_on - news.today).num_days() > OVERRIDE_DAYS {
        return None;
    }
    Some(Item {
        due: Some(o.expires_on),
        fingerprint: o.expires_on.to_string(),
        new: news.is_new(o.expires_on - Duration::days(OVERRIDE_DAYS)),
        ..account.item(
            ItemKind::OverrideExpiring,
            Subject::Override,
            format!("override by {} ends; the computed health returns", o.set_by),
            "renew the override with a reason, or let it end".into(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::today::TodayRules;
    use crate::domain::today::account::acme;
    use crate::domain::vocab::{HealthBand, Segment};
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
    }

    fn ending_in(days: i64) -> HealthOverride {
        HealthOverride {
            score: None,
            band: Some(HealthBand::Green),
            reason: "exec sponsor confirmed the renewal".into(),
            set_by: "dana".into(),
            set_on: today() - Duration::days(20),
            expires_on: today() + Duration::days(days),
        }
    }

    fn item(days: i64) -> Option<Item> {
        let news = News::new(
            &TodayRules::default(),
            Some(today() - Duration::days(2)),
            today(),
        );
        override_item(&acme(Segment::Enterprise), &ending_in(days), &news)
    }

    #[test]
    fn an_override_ending_within_a_week_is_an_item_due_on_its_end() {
        assert!(item(8).is_none());
        let week = item(7).unwrap();
        assert_eq!(
            week.what,
            "override by dana ends; the computed health returns"
        );
        assert_eq!(week.todo, "renew the override with a reason, or let it end");
        assert_eq!(
            (week.severity, week.due),
            (1, Some(today() + Duration::days(7)))
        );
        assert!(week.new, "it came within a week today");
        assert!(
            item(6).unwrap().new,
            "within a week yesterday, after the last look"
        );
        assert!(!item(4).unwrap().new, "within a week before the last look");
    }
}
