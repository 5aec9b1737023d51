//! The growth half of the lifecycle in the queue: an onboarding behind its program (a
//! milestone or a phase past its day, first value late), an expansion opportunity
//! closing this month (or past its close date), a reference ask whose answer is due,
//! and a churned customer due a win-back try.

use chrono::{Datelike, NaiveDate};

use super::{Class, Item, ItemAccount, ItemKind, News, Subject};
use crate::domain::churn::WinBack;
use crate::domain::expansion::{Deal, ExpansionRules};
use crate::domain::onboarding::{FirstValue, Progress, Stuck};

/// The last day of `today`'s month.
pub fn month_end(today: NaiveDate) -> NaiveDate {
    let (y, m) = if today.month() == 12 {
        (today.year() + 1, 1)
    } else {
        (today.year(), today.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(today)
}

/// The item for an onboarding behind its program: a milestone past its day (the
/// earliest), a late phase or first value late; None when it is on track.
pub fn onboarding_item(account: &ItemAccount, p: &Progress, news: &News) -> Option<Item> {
    let today = news.today;
    let late = p
        .milestones
        .iter()
        .filter(|m| m.late(today))
        .min_by_key(|m| m.due_on);
    let value_late = matches!(p.first_value, FirstValue::Late { .. });
    if late.is_none() && !value_late && p.stuck.is_empty() {
        return None;
    }
    // The late milestone's days are the item's own deadline, told before these words.
    let mut parts = vec![match late {
        Some(m) => format!("{} (day {} of {})", m.title, p.day, p.days),
        None => format!("day {} of {}", p.day, p.days),
    }];
    parts.extend(
        p.stuck
            .iter()
            .filter(|s| late.is_none() || !matches!(s, Stuck::LatePhase { .. }))
            .map(Stuck::words),
    );
    if let FirstValue::Late { days, .. } = p.first_value {
        parts.push(format!("first value {days}d late"));
    }
    let behind = p.days_behind();
    let severity = match behind {
        0..=7 => 1,
        8..=21 => 2,
        _ => 3,
    };
    Some(Item {
        due: late.map(|m| m.due_on),
        severity,
        class: if behind > 21 && !p.stuck.is_empty() {
            Class::Risk
        } else {
            Class::Routine
        },
        fingerprint: format!("{}:{}", p.done(), late.map_or("", |m| m.key.as_str())),
        new: late.is_some_and(|m| news.is_new(m.due_on)),
        ..account.item(
            ItemKind::Growth,
            Subject::Onboarding,
            parts.join(", "),
            match late {
                Some(m) => format!("unblock: {}", m.title),
                None => "get them to first value".into(),
            },
        )
    })
}

/// The item for an open opportunity closing by the end of this month, or past its date.
pub fn closing_item(
    account: &ItemAccount,
    d: &Deal,
    rules: &ExpansionRules,
    news: &News,
) -> Option<Item> {
    let today = news.today;
    let on = d
        .close_on
        .filter(|on| d.is_open() && *on <= month_end(today))?;
    Some(Item {
        due: Some(on),
        severity: if on < today { 2 } else { 1 },
        fingerprint: format!("{}:{on}", d.stage.as_str()),
        new: news.is_new(on),
        ..account.item(
            ItemKind::Growth,
            Subject::Opportunity(d.id),
            format!(
                "{}, {} ({}, {}%), {} {}",
                d.title,
                d.arr.short(),
                d.stage.label(),
                d.chance(rules),
                if on < today { "was to close" } else { "closes" },
                on.format("%m-%d")
            ),
            "move it on with the AE: next stage, won or lost".into(),
        )
    })
}

/// The item for a reference ask whose answer is due.
pub fn ask_item(
    account: &ItemAccount,
    ask: i64,
    contact: &str,
    kind: &str,
    due: NaiveDate,
    news: &News,
) -> Item {
    Item {
        due: Some(due),
        severity: if due < news.today { 2 } else { 1 },
        fingerprint: due.to_string(),
        new: news.is_new(due),
        ..account.item(
            ItemKind::Growth,
            Subject::ReferenceAsk(ask),
            format!(
                "{contact}'s answer to a {kind} ask, due {}",
                due.format("%m-%d")
            ),
            "get their answer, then record it on Advocacy".into(),
        )
    }
}

/// The item for a churned customer due a win-back try.
pub fn win_back_item(account: &ItemAccount, w: &WinBack<'_>, news: &News) -> Option<Item> {
    let on = w.try_on?;
    Some(Item {
        due: Some(on),
        fingerprint: format!(
            "{on}:{}",
            w.customer
                .last_contact
                .map_or(String::new(), |d| d.to_string())
        ),
        new: news.is_new(on),
        ..account.item(
            ItemKind::Growth,
            Subject::WinBack,
            format!(
                "churned {} ({}), worth a try again since {}",
                w.customer.churned_on,
                w.reason_name(),
                on.format("%m-%d")
            ),
            "reach out with what changed since they left".into(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;
    use crate::domain::money::Currency;
    use crate::domain::today::TodayRules;
    use crate::domain::today::account::acme;
    use crate::domain::vocab::{OpportunityKind, OpportunityStage, Segment};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn news() -> News {
        News::new(
            &TodayRules::default(),
            Some(d("2026-02-28")),
            d("2026-03-10"),
        )
    }

    fn deal(close: &str, stage: OpportunityStage) -> Deal {
        Deal {
            id: 5,
            account_id: 1,
            account: "Acme".into(),
            owner: None,
            kind: OpportunityKind::Seats,
            title: "Add 25 seats".into(),
            arr: Money::new(2_400_000, Currency::USD),
            stage,
            close_on: Some(d(close)),
            closed_on: None,
            probability: None,
        }
    }

    #[test]
    fn a_deal_closing_this_month_or_overdue_is_an_item_and_one_next_month_is_not() {
        let a = acme(Segment::Enterprise);
        let rules = ExpansionRules::default();
        let item = closing_item(
            &a,
            &deal("2026-03-28", OpportunityStage::Proposed),
            &rules,
            &news(),
        )
        .unwrap();
        assert_eq!(
            item.what,
            "Add 25 seats, $24K (proposed, 60%), closes 03-28"
        );
        assert_eq!(item.subject, Subject::Opportunity(5));
        let late = closing_item(
            &a,
            &deal("2026-03-02", OpportunityStage::Qualified),
            &rules,
            &news(),
        )
        .unwrap();
        assert!(late.what.ends_with("was to close 03-02"), "{}", late.what);
        assert_eq!(late.severity, 2);
        assert!(
            closing_item(
                &a,
                &deal("2026-04-01", OpportunityStage::Proposed),
                &rules,
                &news()
            )
            .is_none()
        );
        assert!(
            closing_item(
                &a,
                &deal("2026-03-20", OpportunityStage::Won),
                &rules,
                &news()
            )
            .is_none()
        );
        assert_eq!(month_end(d("2026-12-05")), d("2026-12-31"));
        assert_eq!(month_end(d("2028-02-10")), d("2028-02-29"));
    }
}
