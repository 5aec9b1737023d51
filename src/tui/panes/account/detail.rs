//! The account detail's state: the account's health explained, its contract, people,
//! latest touches and open tasks, read from the book when the detail opens and again
//! after each change made from it.

use chrono::NaiveDate;

use crate::book::account::AccountOverview;
use crate::book::health::HealthDetail;
use crate::book::today::GrowthRules;
use crate::book::{Book, BookError};
use crate::domain::growth::AccountGrowth;
use crate::domain::health::HealthRules;

/// How many touches the detail lists.
const TOUCHES: usize = 6;

/// What the detail shows of one account.
#[derive(Debug, Clone)]
pub struct AccountDetail {
    pub account: i64,
    /// None for a churned account: it has no health.
    pub health: Option<HealthDetail>,
    pub overview: AccountOverview,
    /// Its onboarding, pipeline, references and win-back.
    pub growth: AccountGrowth,
}

impl AccountDetail {
    pub fn load(
        book: &Book,
        rules: &HealthRules,
        growth: &GrowthRules,
        account: i64,
        today: NaiveDate,
    ) -> Result<AccountDetail, BookError> {
        Ok(AccountDetail {
            account,
            health: book.health_detail(rules, account, today)?,
            overview: book.account_overview(account, TOUCHES)?,
            growth: book.account_growth(account, growth, today)?,
        })
    }
}
