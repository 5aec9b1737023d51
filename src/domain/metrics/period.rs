//! Reporting periods: a month, a quarter or a year, named as people name them
//! ("2026-03", "2026-Q1", "2026"), and the last N of them up to a day.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// How long a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Grain {
    Month,
    Quarter,
    Year,
}

/// A period: its first day, and the first day after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub grain: Grain,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).expect("the first of a month")
}

impl Period {
    /// The period of `grain` that holds `day`.
    pub fn holding(grain: Grain, day: NaiveDate) -> Period {
        let (y, m) = (day.year(), day.month());
        let (start, months) = match grain {
            Grain::Month => (first_of(y, m), 1),
            Grain::Quarter => (first_of(y, (m - 1) / 3 * 3 + 1), 3),
            Grain::Year => (first_of(y, 1), 12),
        };
        let end = start
            .checked_add_months(chrono::Months::new(months))
            .expect("a later month");
        Period { grain, start, end }
    }

    /// The period before this one.
    pub fn previous(self) -> Period {
        Period::holding(self.grain, self.start.pred_opt().expect("a day before"))
    }

    /// The last `n` periods up to the one holding `day`, oldest first.
    pub fn last(grain: Grain, day: NaiveDate, n: usize) -> Vec<Period> {
        let mut out = vec![Period::holding(grain, day)];
        while out.len() < n {
            let before = out[out.len() - 1].previous();
            out.push(before);
        }
        out.reverse();
        out
    }

    /// "2026-03", "2026-Q1" or "2026".
    pub fn name(self) -> String {
        match self.grain {
            Grain::Month => self.start.format("%Y-%m").to_string(),
            Grain::Quarter => format!(
                "{}-Q{}",
                self.start.year(),
                (self.start.month() - 1) / 3 + 1
            ),
            Grain::Year => self.start.year().to_string(),
        }
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.start <= day && day < self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn periods_hold_their_days_and_count_back() {
        let q = Period::holding(Grain::Quarter, d("2026-05-17"));
        assert_eq!(
            (q.start, q.end, q.name()),
            (d("2026-04-01"), d("2026-07-01"), "2026-Q2".into())
        );
        let names: Vec<String> = Period::last(Grain::Quarter, d("2026-05-17"), 3)
            .iter()
            .map(|p| p.name())
            .collect();
        assert_eq!(names, ["2025-Q4", "2026-Q1", "2026-Q2"]);
        assert_eq!(
            Period::holding(Grain::Month, d("2026-12-31")).end,
            d("2027-01-01")
        );
        assert_eq!(Period::holding(Grain::Year, d("2026-12-31")).name(), "2026");
    }
}
