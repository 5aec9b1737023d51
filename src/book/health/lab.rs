//! What the health lab tries rules on, gathered from the book once: every ended
//! contract's account as it stood some days before the end, and every active account
//! today, each as its components' points and the facts a hard rule could act on.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::backtest::for_each_ended;
use super::evidence::{AccountEvidence, Span, for_each_account};
use crate::book::{Book, BookError};
use crate::domain::health::lab::{Active, Ended, Lab, Moment};
use crate::domain::health::{Explain, HealthRules, Triggers, assess_as};

impl Book {
    /// The lab's history and today's accounts, scored by the components and windows of
    /// `rules` (weights, bands and caps are the lab's to vary).
    pub fn health_lab(
        &self,
        rules: &HealthRules,
        horizon_days: u32,
        today: NaiveDate,
    ) -> Result<Lab, BookError> {
        let mut ended = Vec::new();
        let before_history = for_each_ended(
            self,
            rules,
            horizon_days,
            |account, ended_on, churned, as_of| {
                ended.push(Ended {
                    moment: moment(account, rules, as_of),
                    ended_on,
                    churned,
                });
            },
        )?;
        let mut arr: HashMap<i64, i64> = HashMap::new();
        let mut stmt = self
            .conn()
            .prepare("SELECT id, arr_cents FROM accounts WHERE churned_on IS NULL")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            arr.insert(r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0));
        }
        let mut active = Vec::new();
        let span = Span {
            from: today,
            to: today,
            touch_history: false,
        };
        for_each_account(self.conn(), rules, span, None, |account| {
            let Some(cents) = arr.get(&account.id) else {
                return Ok(());
            };
            active.push(Active {
                id: account.id,
                moment: moment(account, rules, today),
                arr: *cents as f64 / 100.0,
                renewal_in_days: account.renewal_on.map(|on| (on - today).num_days()),
            });
            Ok(())
        })?;
        Ok(Lab {
            horizon_days,
            ended,
            active,
            before_history,
        })
    }
}

/// The account on `as_of`: its components' points under `rules`, and its cap facts.
fn moment(account: &AccountEvidence, rules: &HealthRules, as_of: NaiveDate) -> Moment {
    let evidence = account.evidence();
    let a = assess_as(&evidence, rules, as_of, Explain::ScoresOnly);
    Moment {
        account: account.name.clone(),
        segment: account.segment,
        as_of,
        points: a.components.each_ref().map(|c| c.score),
        triggers: Triggers::of(&evidence, as_of),
    }
}
