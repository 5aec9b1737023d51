//! The win-back list: customers who left, with why, when, and when to try them again.
//! A reason's `win_back_days` after the churn the account is worth a call; one touched
//! since then has been tried. Due ones come first (largest ARR lost first), then the
//! ones coming up (soonest first), then those tried, then those not worth a try.

use chrono::{Duration, NaiveDate};

use super::{ChurnReason, ChurnRules};
use crate::domain::Money;
use crate::domain::vocab::Segment;

/// A customer who left, as the book holds them.
#[derive(Debug, Clone, PartialEq)]
pub struct Churned {
    pub account_id: i64,
    pub name: String,
    pub owner: Option<String>,
    pub segment: Segment,
    pub churned_on: NaiveDate,
    /// The ARR of the term that churned.
    pub arr_lost: Money,
    /// What was said of why, as said.
    pub said: Option<String>,
    /// What the customer said, in a note.
    pub note: Option<String>,
    /// The last call, email, meeting, QBR or note.
    pub last_contact: Option<NaiveDate>,
}

/// Where a customer stands on the win-back list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    /// The day to try has come and nobody has.
    Due,
    /// The day to try is ahead.
    Coming,
    /// Touched on or after the day to try.
    Tried,
    /// The reason is not worth a try.
    Never,
}

impl Standing {
    /// One word, for a column: due, coming, tried, never.
    pub fn word(self) -> &'static str {
        match self {
            Standing::Never => "never",
            other => other.label(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Standing::Due => "due",
            Standing::Coming => "coming",
            Standing::Tried => "tried",
            Standing::Never => "not worth a try",
        }
    }
}

/// One customer on the win-back list.
#[derive(Debug, Clone, PartialEq)]
pub struct WinBack<'a> {
    pub customer: &'a Churned,
    /// The reason what was said is read as; None when nothing was said.
    pub reason: Option<&'a ChurnReason>,
    /// When to try again; None when the reason is not worth a try.
    pub try_on: Option<NaiveDate>,
    pub standing: Standing,
}

impl WinBack<'_> {
    /// The reason's name, "not given" when nothing was said.
    pub fn reason_name(&self) -> &str {
        self.reason.map_or("not given", |r| r.name.as_str())
    }
}

/// Every churned customer on the list, in the order to work it on `today`. A customer
/// whose reason was not given is tried on the "other" reason's days.
pub fn win_back<'a>(
    churned: &'a [Churned],
    rules: &'a ChurnRules,
    today: NaiveDate,
) -> Vec<WinBack<'a>> {
    let mut list: Vec<WinBack<'a>> = churned
        .iter()
        .map(|c| {
            let reason = c.said.as_deref().and_then(|s| rules.reason_of(s));
            let days = reason
                .or_else(|| rules.named("other"))
                .map_or(0, |r| r.win_back_days);
            let try_on = (days > 0).then(|| c.churned_on + Duration::days(i64::from(days)));
            let standing = match try_on {
                None => Standing::Never,
                Some(on) if c.last_contact.is_some_and(|l| l >= on) => Standing::Tried,
                Some(on) if on <= today => Standing::Due,
                Some(_) => Standing::Coming,
            };
            WinBack {
                customer: c,
                reason,
                try_on,
                standing,
            }
        })
        .collect();
    list.sort_by(|a, b| {
        let key = |w: &WinBack| {
            let soon = match w.standing {
                Standing::Coming => w.try_on,
                _ => None,
            };
            (
                w.standing,
                soon,
                std::cmp::Reverse(w.customer.arr_lost.cents),
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| a.customer.name.cmp(&b.customer.name))
    });
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn churned(name: &str, on: &str, k: i64, said: Option<&str>, last: Option<&str>) -> Churned {
        Churned {
            account_id: 0,
            name: name.into(),
            owner: None,
            segment: Segment::MidMarket,
            churned_on: d(on),
            arr_lost: Money::usd(k * 100_000),
            said: said.map(String::from),
            note: None,
            last_contact: last.map(d),
        }
    }

    #[test]
    fn due_first_then_coming_then_tried_then_not_worth_a_try() {
        let today = d("2026-03-01");
        let rules = ChurnRules::default();
        let customers = [
            // Price: 270 days after 2025-05-01 is 2026-01-26, due; nobody called since.
            churned("Small due", "2025-05-01", 20, Some("too expensive"), None),
            churned(
                "Big due",
                "2025-04-01",
                90,
                Some("price"),
                Some("2025-04-01"),
            ),
            // Champion left: 90 days after 2026-01-15 is 2026-04-15, ahead.
            churned("Coming", "2026-01-15", 50, Some("champion left"), None),
            // Budget: 365 days after 2025-01-10 is 2026-01-10; touched on 2026-02-01.
            churned(
                "Tried",
                "2025-01-10",
                70,
                Some("budget"),
                Some("2026-02-01"),
            ),
            churned(
                "Bought",
                "2025-06-01",
                400,
                Some("acquired by Initech"),
                None,
            ),
        ];
        let list = win_back(&customers, &rules, today);
        let seen: Vec<(&str, Standing, Option<NaiveDate>)> = list
            .iter()
            .map(|w| (w.customer.name.as_str(), w.standing, w.try_on))
            .collect();
        assert_eq!(
            seen,
            [
                ("Big due", Standing::Due, Some(d("2025-12-27"))),
                ("Small due", Standing::Due, Some(d("2026-01-26"))),
                ("Coming", Standing::Coming, Some(d("2026-04-15"))),
                ("Tried", Standing::Tried, Some(d("2026-01-10"))),
                ("Bought", Standing::Never, None),
            ]
        );
        assert_eq!(list[0].reason_name(), "price");
    }

    #[test]
    fn a_churn_without_a_reason_is_tried_on_the_other_reasons_days() {
        let rules = ChurnRules::default();
        let customers = [churned("Quiet", "2025-06-01", 10, None, None)];
        let list = win_back(&customers, &rules, d("2026-03-01"));
        assert_eq!(list[0].reason_name(), "not given");
        assert_eq!(list[0].try_on, Some(d("2025-11-28")));
        assert_eq!(list[0].standing, Standing::Due);
    }
}
