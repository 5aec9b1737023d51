//! How an undo names a row to a person: "task \"Call Maya\"", "contact \"Maya Chen\"",
//! "renewal step \"risk review\"", from the table and the row's own columns.

use serde_json::{Map, Value};

use crate::domain::renewal::Step;

/// A table's rows in a person's words: one, and many.
pub(super) fn noun(table: &str) -> (&'static str, &'static str) {
    match table {
        "accounts" => ("account", "accounts"),
        "contracts" => ("renewal", "renewals"),
        "contacts" => ("contact", "contacts"),
        "interactions" => ("touch", "touches"),
        "tasks" => ("task", "tasks"),
        "health_overrides" => ("health override", "health overrides"),
        "goals" => ("goal", "goals"),
        "opportunities" => ("opportunity", "opportunities"),
        "arr_changes" => ("ARR change", "ARR changes"),
        "team_members" => ("team member", "team members"),
        "renewal_steps" => ("renewal step", "renewal steps"),
        "today_dismissals" => ("item put away from Today", "items put away from Today"),
        "survey_responses" => ("survey answer", "survey answers"),
        "tickets" => ("ticket", "tickets"),
        "forecast_freezes" => ("frozen forecast", "frozen forecasts"),
        "playbook_runs" => ("playbook run", "playbook runs"),
        _ => ("record", "records"),
    }
}

/// The row's own name, when it has one: a task's title, a contact's name.
fn label(table: &str, row: &Map<String, Value>) -> Option<String> {
    let text = |field: &str| {
        row.get(field)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    match table {
        "tasks" | "goals" | "opportunities" => text("title"),
        "accounts" | "contacts" | "team_members" => text("name"),
        "interactions" => text("summary").or_else(|| text("kind")),
        "health_overrides" => text("reason"),
        "renewal_steps" => {
            text("step").map(|s| Step::parse(&s).map_or(s, |step| step.label().to_string()))
        }
        _ => None,
    }
}

/// "task \"Call Maya\"", or the noun alone for a row without a name.
pub(super) fn named(table: &str, row: Option<&Map<String, Value>>) -> String {
    let (one, _) = noun(table);
    match row.and_then(|r| label(table, r)) {
        Some(name) => format!("{one} \"{name}\""),
        None => one.to_string(),
    }
}

/// "1 touch" or "3 touches".
pub(super) fn count(table: &str, n: i64) -> String {
    let (one, many) = noun(table);
    format!("{n} {}", if n == 1 { one } else { many })
}
