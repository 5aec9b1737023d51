//! The brief's sections as structured text (a title, lines, a table, a usage series),
//! written once and rendered as Markdown or HTML, for the audience asked: the internal
//! brief has every section; the customer's leaves out the prep checklist, expansion
//! asks, internal tasks, forecasts and health internals, and says risks as plans. Every
//! figure is the account's own, counted in the right number, and a figure from too few
//! data points says so; where the book has nothing, the section says what is missing.

mod ahead;
mod checks;
mod people;
mod results;
mod summary;

use chrono::{Duration, NaiveDate};

use super::{Audience, Brief};
use crate::domain::Money;
use crate::domain::vocab::HealthBand;

/// One section of the brief.
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub title: &'static str,
    /// Sentences or bullet points, in order.
    pub lines: Vec<String>,
    pub table: Option<(Vec<&'static str>, Vec<Vec<String>>)>,
    /// Weekly active users and seats, oldest first, for a chart.
    pub series: Vec<(NaiveDate, i64, i64)>,
    /// The lines are steps in order ("1. ..."), not points.
    pub numbered: bool,
}

impl Section {
    fn said(title: &'static str, lines: Vec<String>) -> Section {
        Section {
            title,
            lines,
            ..Section::default()
        }
    }
}

fn money(m: Money) -> String {
    m.short()
}

fn num(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| {
        if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    })
}

fn band(b: Option<HealthBand>) -> &'static str {
    b.map_or("not scored", |b| b.as_str())
}

/// "1 answer", "3 answers".
pub(super) use crate::text::count;

/// "today", "1 day ago", "52 days ago".
fn days_ago(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "1 day ago".into(),
        n => format!("{n} days ago"),
    }
}

/// What a thin figure adds after itself.
const THIN: &str = "too few to read as a trend";

impl Brief {
    /// The period in words: "2026-Q3 (2026-07-01 to 2026-09-30)".
    pub fn period_words(&self) -> String {
        format!(
            "{} ({} to {})",
            self.period.name(),
            self.period.start,
            self.period.end - Duration::days(1)
        )
    }

    /// Every section for `audience`, in the order the brief reads.
    pub fn sections(&self, audience: Audience) -> Vec<Section> {
        match audience {
            Audience::Internal => vec![
                self.summary(audience),
                self.checklist(),
                self.outcomes(),
                self.usage(audience),
                self.support(),
                self.voice(audience),
                self.stakeholders(),
                self.risks(),
                self.lifecycle(),
                self.expansion(),
                self.renewal_section(),
                self.next_steps(),
                self.agenda(audience),
            ],
            Audience::Customer => vec![
                self.summary(audience),
                self.outcomes(),
                self.usage(audience),
                self.support(),
                self.voice(audience),
                self.team(),
                self.plans(),
                self.your_renewal(),
                self.agenda(audience),
            ],
        }
    }
}
