//! What counts as news on a day: what happened since the CSM last looked, and never
//! less than the last `news_days`, so a signal raised over a long weekend still shows.

use chrono::{Duration, NaiveDate};

use super::TodayRules;

/// The stretch of days the queue treats as news, and the day the CSM last looked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct News {
    /// The first day of news: the day they last looked, or `news_days` back if sooner.
    pub from: NaiveDate,
    pub today: NaiveDate,
    /// The day they last looked (None: never): what happened since is marked new.
    pub last_looked: Option<NaiveDate>,
}

impl News {
    /// The news on `today` for a CSM who last looked on `last_looked`.
    pub fn new(rules: &TodayRules, last_looked: Option<NaiveDate>, today: NaiveDate) -> News {
        let floor = today - Duration::days(i64::from(rules.news_days));
        News {
            from: last_looked.map_or(floor, |l| l.min(floor)),
            today,
            last_looked,
        }
    }

    /// Whether something that happened on `day` is still news: from the first day of
    /// news up to today, never later.
    pub fn covers(&self, day: NaiveDate) -> bool {
        day >= self.from && day <= self.today
    }

    /// Whether it happened since the CSM last looked (never, if they never looked).
    pub fn is_new(&self, day: NaiveDate) -> bool {
        self.last_looked.is_some_and(|l| day >= l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    #[test]
    fn news_reaches_back_news_days_or_to_the_last_look_if_that_is_older() {
        let rules = TodayRules {
            news_days: 14,
            ..TodayRules::default()
        };
        let today = day(20);
        assert_eq!(News::new(&rules, None, today).from, day(6));
        assert_eq!(News::new(&rules, Some(day(18)), today).from, day(6));
        assert_eq!(News::new(&rules, Some(day(2)), today).from, day(2));
    }

    #[test]
    fn news_covers_its_days_up_to_today_and_marks_new_what_came_since_the_last_look() {
        let news = News::new(&TodayRules::default(), Some(day(18)), day(20));
        assert!(news.covers(day(6)) && news.covers(day(20)));
        assert!(!news.covers(day(5)), "before the news window");
        assert!(!news.covers(day(21)), "after today");
        assert!(news.is_new(day(18)) && !news.is_new(day(17)));
        let never = News::new(&TodayRules::default(), None, day(20));
        assert!(!never.is_new(day(20)), "nothing is new to who never looked");
    }
}
