//! The manager's weekly team report, for their own manager: one self-contained HTML file
//! (inline SVG charts, nothing fetched, prints well) with the team's table, the forecast
//! review of this quarter and the next with the week's moves, how each CSM's calls
//! turned out, and the pictures over time: retention against its targets, forecast
//! against actual, ARR by health band and at risk, and each CSM's weeks.

mod pictures;
mod tables;

use chrono::NaiveDate;

use crate::book::forecast_review::{Calls, QuarterReview};
use crate::book::team::TeamRow;
use crate::book::{Book, BookError};
use crate::domain::Money;
use crate::domain::health::HealthRules;
use crate::domain::today::TodayRules;
use crate::domain::trends::{Targets, Trends, Week};
use crate::report::html::page;

/// Everything the report says, gathered as of one day.
pub struct TeamReport {
    pub as_of: NaiveDate,
    pub rows: Vec<TeamRow>,
    pub review: [QuarterReview; 2],
    pub calls: Vec<Calls>,
    pub trends: Trends,
}

impl TeamReport {
    pub fn gather(
        book: &Book,
        rules: &HealthRules,
        today_rules: &TodayRules,
        targets: Targets,
        today: NaiveDate,
    ) -> Result<TeamReport, BookError> {
        Ok(TeamReport {
            as_of: today,
            rows: book.team(today_rules, rules, today)?,
            review: book.forecast_review(rules, today)?,
            calls: book.calls_review(today)?,
            trends: book.trends(today_rules, targets, None, today)?,
        })
    }

    /// The report as one HTML file.
    pub fn html(&self) -> String {
        let week = Week::holding(self.as_of, self.as_of);
        let title = format!("Team report, week of {}", week.starts_on);
        let sub = match self.rows.last() {
            Some(team) => format!(
                "as of {} · {} CSMs · {} accounts · {} ARR · {} at risk · from the book of business",
                self.as_of,
                self.rows.len().saturating_sub(1),
                team.accounts,
                Money::usd(team.arr_cents).short(),
                Money::usd(team.at_risk_cents).short()
            ),
            None => format!("as of {}", self.as_of),
        };
        let body = [
            tables::team(&self.rows),
            tables::review(&self.review),
            pictures::retention(&self.trends),
            pictures::forecast(&self.trends),
            tables::calls(&self.calls),
            pictures::bands(&self.trends),
            pictures::workload(&self.trends),
        ]
        .concat();
        page(&title, &sub, &body)
    }
}
