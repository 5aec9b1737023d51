//! What customers say: NPS (promoters minus detractors, as points) and average CSAT
//! over a period's survey answers; time to value (start to go-live) by segment.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Period;
use crate::domain::vocab::{Segment, SurveyKind};

/// One survey answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    pub kind: SurveyKind,
    pub score: i64,
    pub on: NaiveDate,
}

/// NPS inputs: promoters (9-10), passives (7-8) and detractors (0-6) in the period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Nps {
    pub promoters: usize,
    pub passives: usize,
    pub detractors: usize,
}

/// An NPS answer of 9 or 10: someone who would recommend us.
pub fn is_promoter(score: i64) -> bool {
    score >= 9
}

impl Nps {
    pub fn over<'a>(answers: impl IntoIterator<Item = &'a Answer>, period: Period) -> Nps {
        let mut n = Nps::default();
        for a in answers
            .into_iter()
            .filter(|a| a.kind == SurveyKind::Nps && period.contains(a.on))
        {
            match a.score {
                s if is_promoter(s) => n.promoters += 1,
                7..=8 => n.passives += 1,
                _ => n.detractors += 1,
            }
        }
        n
    }

    pub fn answers(&self) -> usize {
        self.promoters + self.passives + self.detractors
    }

    /// Promoters' share minus detractors', in points (-100 to 100).
    pub fn score(&self) -> Option<f64> {
        let n = self.answers();
        (n > 0).then(|| (self.promoters as f64 - self.detractors as f64) * 100.0 / n as f64)
    }
}

/// CSAT inputs: the answers (1-5) in the period and their sum.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Csat {
    pub answers: usize,
    pub total: i64,
}

impl Csat {
    pub fn over<'a>(answers: impl IntoIterator<Item = &'a Answer>, period: Period) -> Csat {
        let mut c = Csat::default();
        for a in answers
            .into_iter()
            .filter(|a| a.kind == SurveyKind::Csat && period.contains(a.on))
        {
            c.answers += 1;
            c.total += a.score;
        }
        c
    }

    pub fn average(&self) -> Option<f64> {
        (self.answers > 0).then(|| self.total as f64 / self.answers as f64)
    }
}

/// An account's start and go-live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Launch {
    pub segment: Segment,
    pub started_on: NaiveDate,
    pub went_live_on: NaiveDate,
}

/// Time to value by segment, for the accounts that went live in the period: how many,
/// and their days from start to go-live in total.
pub fn time_to_value<'a>(
    launches: impl IntoIterator<Item = &'a Launch>,
    period: Period,
) -> BTreeMap<Segment, (usize, i64)> {
    let mut out: BTreeMap<Segment, (usize, i64)> = BTreeMap::new();
    for l in launches
        .into_iter()
        .filter(|l| period.contains(l.went_live_on))
    {
        let e = out.entry(l.segment).or_default();
        e.0 += 1;
        e.1 += (l.went_live_on - l.started_on).num_days();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::metrics::Grain;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn nps_csat_and_time_to_value_worked_out_by_hand() {
        let march = Period::holding(Grain::Month, d("2026-03-10"));
        let a = |kind, score, on: &str| Answer {
            kind,
            score,
            on: d(on),
        };
        let answers = [
            a(SurveyKind::Nps, 10, "2026-03-02"),
            a(SurveyKind::Nps, 9, "2026-03-05"),
            a(SurveyKind::Nps, 8, "2026-03-06"),
            a(SurveyKind::Nps, 3, "2026-03-07"),
            a(SurveyKind::Nps, 10, "2026-02-28"), // February: not counted
            a(SurveyKind::Csat, 4, "2026-03-03"),
            a(SurveyKind::Csat, 5, "2026-03-04"),
            a(SurveyKind::Csat, 3, "2026-03-31"),
        ];
        // 2 promoters, 1 passive, 1 detractor of 4: (2 - 1) / 4 = +25.
        let nps = Nps::over(&answers, march);
        assert_eq!((nps.promoters, nps.passives, nps.detractors), (2, 1, 1));
        assert_eq!(nps.score(), Some(25.0));
        // (4 + 5 + 3) / 3 = 4.0.
        assert_eq!(Csat::over(&answers, march).average(), Some(4.0));
        let launches = [
            Launch {
                segment: Segment::Enterprise,
                started_on: d("2026-01-01"),
                went_live_on: d("2026-03-02"),
            },
            Launch {
                segment: Segment::Enterprise,
                started_on: d("2026-02-01"),
                went_live_on: d("2026-03-03"),
            },
            Launch {
                segment: Segment::Smb,
                started_on: d("2026-03-01"),
                went_live_on: d("2026-03-08"),
            },
            Launch {
                segment: Segment::Smb,
                started_on: d("2025-12-01"),
                went_live_on: d("2026-02-08"),
            },
        ];
        let ttv = time_to_value(&launches, march);
        // Enterprise: 60 and 30 days, 45 on average; SMB: 7 days (February's left out).
        assert_eq!(ttv[&Segment::Enterprise], (2, 90));
        assert_eq!(ttv[&Segment::Smb], (1, 7));
    }
}
