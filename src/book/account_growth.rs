//! Reading what the growth half says of one account (its onboarding, open pipeline,
//! references and, once churned, its win-back), for its detail and its QBR brief.

use chrono::NaiveDate;

use super::today::GrowthRules;
use super::{Book, BookError};
use crate::domain::advocacy::{Request, matches};
use crate::domain::churn::win_back;
use crate::domain::growth::AccountGrowth;
use crate::domain::onboarding::{program_for, progress};

impl Book {
    /// The growth facts of `account` as of `today`.
    pub fn account_growth(
        &self,
        account: i64,
        rules: &GrowthRules,
        today: NaiveDate,
    ) -> Result<AccountGrowth, BookError> {
        let onboarding = self
            .journey(account, rules.onboarding.first_value_active_share)?
            .and_then(|j| {
                let pb = program_for(&rules.programs, j.segment)?;
                progress(&j, pb, &rules.onboarding, today)
            });
        let pool = self.references_of(account, today)?;
        let found = matches(&pool, &Request::default(), &rules.advocacy, today);
        let references = found
            .into_iter()
            .map(|m| (pool[m.at].clone(), m.resting))
            .collect();
        let churned = self.churned_within(None, Some((account, account)))?;
        let win_back = win_back(&churned, &rules.churn, today)
            .first()
            .map(|w| (w.reason_name().to_string(), w.try_on, w.standing));
        Ok(AccountGrowth {
            onboarding,
            deals: self.open_deals_of(account)?,
            references,
            win_back,
        })
    }
}
