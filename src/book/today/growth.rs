//! Gathering the queue's growth items: the onboarding accounts behind their program, the
//! open opportunities closing by the month's end, the reference asks whose answer is due
//! and the churned customers due a win-back try, each kept to the scope's accounts.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use rusqlite::params;

use super::rows::{QueueAccount, Within};
use crate::book::sql::{money, opt_date, term};
use crate::book::{Book, BookError};
use crate::domain::advocacy::AdvocacyRules;
use crate::domain::churn::{ChurnRules, Standing, win_back};
use crate::domain::expansion::{Deal, ExpansionRules};
use crate::domain::onboarding::{OnboardingRules, program_for, progress};
use crate::domain::playbook::Playbook;
use crate::domain::today::{
    Item, ItemAccount, News, ask_item, closing_item, month_end, onboarding_item, win_back_item,
};

/// What the growth items are judged by: the onboarding programs and the config's rules.
#[derive(Debug, Clone, Default)]
pub struct GrowthRules {
    pub programs: Arc<[Playbook]>,
    pub onboarding: OnboardingRules,
    pub expansion: ExpansionRules,
    pub advocacy: AdvocacyRules,
    pub churn: ChurnRules,
}

/// A win-back due longer ago than this is left to `csm win-back`: the queue holds the
/// fresh ones.
const WIN_BACK_DAYS: i64 = 60;

impl Book {
    pub(super) fn growth_items(
        &self,
        rules: &GrowthRules,
        within: Within<'_>,
        accounts: &HashMap<i64, QueueAccount>,
        news: &News,
        sink: &mut impl FnMut(Item, Option<NaiveDate>),
    ) -> Result<(), BookError> {
        let today = news.today;
        let mine = |id: i64| {
            accounts
                .get(&id)
                .filter(|a| within.owner.is_none_or(|o| a.owner.as_deref() == Some(o)))
                .map(|a| &a.account)
        };
        if !rules.programs.is_empty() {
            let share = rules.onboarding.first_value_active_share;
            for j in self.journeys_of(within.owner, within.ids, share)? {
                let (Some(account), Some(pb)) =
                    (mine(j.account_id), program_for(&rules.programs, j.segment))
                else {
                    continue;
                };
                if let Some(item) = progress(&j, pb, &rules.onboarding, today)
                    .and_then(|p| onboarding_item(account, &p, news))
                {
                    sink(item, None);
                }
            }
        }
        for deal in self.deals_closing_by(month_end(today), within)? {
            if let Some(account) = mine(deal.account_id)
                && let Some(item) = closing_item(account, &deal, &rules.expansion, news)
            {
                sink(item, None);
            }
        }
        let by = today + Duration::days(i64::from(rules.advocacy.due_within_days));
        for ask in self.asks_due(within.owner, by)? {
            let (Some(account), Some(due)) = (mine(ask.account_id), ask.due_on) else {
                continue;
            };
            if within
                .ids
                .is_none_or(|(a, b)| (a..=b).contains(&ask.account_id))
            {
                sink(
                    ask_item(account, ask.id, &ask.contact, ask.kind.label(), due, news),
                    None,
                );
            }
        }
        let churned = self.churned_within(within.owner, within.ids)?;
        for w in win_back(&churned, &rules.churn, today) {
            let fresh = w
                .try_on
                .is_some_and(|on| (today - on).num_days() <= WIN_BACK_DAYS);
            if w.standing != Standing::Due || !fresh {
                continue;
            }
            let c = w.customer;
            let account = ItemAccount {
                id: c.account_id,
                name: c.name.clone(),
                segment: c.segment,
                arr: c.arr_lost,
            };
            if let Some(item) = win_back_item(&account, &w, news) {
                sink(item, None);
            }
        }
        Ok(())
    }

    /// The open opportunities of the accounts within, closing by `by` (or past it).
    fn deals_closing_by(&self, by: NaiveDate, within: Within<'_>) -> Result<Vec<Deal>, BookError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT o.id, o.account_id, a.name, o.kind, o.title, o.arr_cents, o.currency,
                    o.stage, o.expected_close_on, o.probability
             FROM opportunities o JOIN accounts a ON a.id = o.account_id
             WHERE o.stage IN ('identified', 'qualified', 'proposed')
               AND o.expected_close_on <= ?1 AND a.churned_on IS NULL {}",
            within.accounts_sql("o.account_id")
        ))?;
        let rows = stmt.query_map(params![by.to_string()], |r| {
            Ok(Deal {
                id: r.get(0)?,
                account_id: r.get(1)?,
                account: r.get(2)?,
                owner: None,
                kind: term(r, 3)?,
                title: r.get(4)?,
                arr: money(r, 5, 6)?,
                stage: term(r, 7)?,
                close_on: opt_date(r, 8)?,
                closed_on: None,
                probability: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
