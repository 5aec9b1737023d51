//! Reading the answers of the success-plan forms: which goal (by its number in the
//! brief), a number, a status (or nothing, to keep it), and a baseline with a target.

use crate::domain::vocab::GoalStatus;

/// The goal numbered `answer` (1-based) of `count`.
pub fn goal_number(answer: &str, count: usize) -> Result<usize, String> {
    match answer.trim().parse::<usize>() {
        Ok(n) if (1..=count).contains(&n) => Ok(n),
        _ if count == 0 => Err("there is no goal yet to update".into()),
        _ => Err(format!("a goal's number, 1 to {count}")),
    }
}

/// A number such as 21, 51.9 or 12,5.
pub fn number(answer: &str) -> Result<f64, String> {
    let t = answer.trim().trim_end_matches('%');
    let t = if t.contains('.') {
        t.replace(',', "")
    } else {
        t.replace(',', ".")
    };
    t.parse::<f64>()
        .map_err(|_| format!("`{}` is not a number", answer.trim()))
}

/// A goal status, or None (an empty answer keeps the one it has).
pub fn status(answer: &str) -> Result<Option<GoalStatus>, String> {
    let a = answer.trim();
    if a.is_empty() {
        return Ok(None);
    }
    a.replace([' ', '-'], "_")
        .parse::<GoalStatus>()
        .map(Some)
        .map_err(|_| "not_started, on_track, at_risk, achieved or missed (Enter keeps it)".into())
}

/// A baseline and a target, written "30 14" or "30, 14" or "30 -> 14".
pub fn baseline_target(answer: &str) -> Result<(f64, f64), String> {
    let parts: Vec<&str> = answer
        .split(|c: char| c.is_whitespace() || c == ';' || c == '>' || c == '/')
        .map(|p| p.trim_matches(|c| c == ',' || c == '-'))
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [b, t] => Ok((number(b)?, number(t)?)),
        _ => Err("two numbers: where it starts and the target, e.g. 30 14".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_read_as_people_type_them() {
        assert_eq!(goal_number("2", 3), Ok(2));
        assert!(goal_number("4", 3).is_err());
        assert!(goal_number("1", 0).unwrap_err().contains("no goal yet"));
        assert_eq!(number("12,5"), Ok(12.5));
        assert_eq!(number("51.9%"), Ok(51.9));
        assert_eq!(status(""), Ok(None));
        assert_eq!(status("on track"), Ok(Some(GoalStatus::OnTrack)));
        assert!(status("done-ish").is_err());
        assert_eq!(baseline_target("30 14"), Ok((30.0, 14.0)));
        assert_eq!(baseline_target("30, 14"), Ok((30.0, 14.0)));
        assert_eq!(baseline_target("2 -> 25"), Ok((2.0, 25.0)));
        assert!(baseline_target("30").is_err());
    }
}
