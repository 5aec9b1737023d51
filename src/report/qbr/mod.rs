//! The QBR brief: everything a quarterly business review needs from the book for one
//! account and period, gathered once (`Brief::gather`) and written as Markdown or as
//! one self-contained HTML file, in an internal version (for the team) or a customer
//! version (to share). Where the book lacks something, the brief says what is missing
//! instead of leaving a placeholder.

mod html;
mod markdown;
mod sections;

pub use html::html;
pub use markdown::markdown;

use chrono::NaiveDate;

use crate::book::account::OpenTask;
use crate::book::health::HealthDetail;
use crate::book::qbr::BriefFacts;
use crate::book::renewals::Renewal;
use crate::book::{Book, BookError};
use crate::domain::health::HealthRules;
use crate::domain::metrics::{Grain, Period};
use crate::domain::stakeholders::{CoverageRules, Gap, Stakeholder, advocacy_ladder, gaps};
use crate::domain::vocab::AdvocacyTier;

/// Who a brief is for: the team (every section, asks, forecasts and health as the book
/// sees them) or the customer (no internal asks, forecasts, health internals or notes;
/// risks said as plans we carry out together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    #[default]
    Internal,
    Customer,
}

impl Audience {
    /// `internal` or `customer`, as typed and as named in a file.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Internal => "internal",
            Audience::Customer => "customer",
        }
    }

    /// The other one.
    pub fn other(self) -> Audience {
        match self {
            Audience::Internal => Audience::Customer,
            Audience::Customer => Audience::Internal,
        }
    }
}

/// Which quarter a brief covers, as asked: `last-quarter`, `this-quarter` or `2026-Q1`.
pub fn parse_period(text: &str, today: NaiveDate) -> Result<Period, String> {
    let this = Period::holding(Grain::Quarter, today);
    match text.trim().to_lowercase().as_str() {
        "this-quarter" => Ok(this),
        "last-quarter" => Ok(this.previous()),
        other => {
            let (year, q) = other.split_once("-q").ok_or_else(|| {
                format!("`{text}`: expected last-quarter, this-quarter or YYYY-Qn")
            })?;
            let (year, q): (i32, u32) = match (year.parse(), q.parse()) {
                (Ok(y), Ok(q)) if (1..=4).contains(&q) => (y, q),
                _ => return Err(format!("`{text}`: expected YYYY-Qn, n from 1 to 4")),
            };
            let first = NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1)
                .ok_or_else(|| format!("`{text}` is not a quarter"))?;
            Ok(Period::holding(Grain::Quarter, first))
        }
    }
}

/// Everything one brief says.
#[derive(Debug, Clone)]
pub struct Brief {
    pub period: Period,
    pub today: NaiveDate,
    pub facts: BriefFacts,
    pub health: Option<HealthDetail>,
    pub renewal: Option<Renewal>,
    pub people: Vec<Stakeholder>,
    pub gaps: Vec<Gap>,
    pub advocacy: Vec<(AdvocacyTier, usize)>,
    pub tasks: Vec<OpenTask>,
    /// Its onboarding, pipeline, references and win-back.
    pub growth: crate::domain::growth::AccountGrowth,
    /// How the pipeline is weighed, for the growth lines.
    pub expansion_rules: crate::domain::expansion::ExpansionRules,
}

impl Brief {
    /// The day the QBR of this period was held: the last QBR on the timeline, once the
    /// period has closed.
    pub fn held_on(&self) -> Option<NaiveDate> {
        self.facts.last_qbr.filter(|d| *d >= self.period.end)
    }

    /// The brief of `account` for `period`, as the book stands on `today`; None for an
    /// account the book does not hold.
    pub fn gather(
        book: &Book,
        rules: &HealthRules,
        coverage: &CoverageRules,
        growth: &crate::book::today::GrowthRules,
        account: i64,
        period: Period,
        today: NaiveDate,
    ) -> Result<Option<Brief>, BookError> {
        let Some(facts) = book.brief_facts(account, period.start, period.end, today)? else {
            return Ok(None);
        };
        let people = book.stakeholders(account)?;
        let found = gaps(facts.account.segment, &people, coverage, today);
        Ok(Some(Brief {
            period,
            today,
            health: book.health_detail(rules, account, today)?,
            renewal: book.renewal_of(rules, today, account)?,
            advocacy: advocacy_ladder(&people),
            gaps: found,
            people,
            tasks: book.account_overview(account, 0)?.tasks,
            growth: book.account_growth(account, growth, today)?,
            expansion_rules: growth.expansion.clone(),
            facts,
        }))
    }
}
