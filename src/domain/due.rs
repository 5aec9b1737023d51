//! When something is due, in the words a task list groups by.

use chrono::NaiveDate;

/// Overdue, Today, This week or Later, for something due on `due`.
pub fn due_group(due: NaiveDate, today: NaiveDate) -> &'static str {
    match (due - today).num_days() {
        ..0 => "Overdue",
        0 => "Today",
        1..=6 => "This week",
        _ => "Later",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn groups_run_from_overdue_to_later() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let at = |d: i64| due_group(today + Duration::days(d), today);
        assert_eq!(
            [at(-1), at(0), at(1), at(6), at(7)],
            ["Overdue", "Today", "This week", "This week", "Later"]
        );
    }
}
