//! Churn and contraction by reason: each customer's loss in a period, with what was said
//! of why, summed under the reason it is read as.

use std::sync::Arc;

use serde::Serialize;

use super::ChurnRules;

/// What one customer lost in a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    pub account_id: i64,
    /// Left altogether (else shrank).
    pub churned: bool,
    pub arr_cents: i64,
    /// What the file or the person said of why, as said.
    pub said: Option<Arc<str>>,
}

/// The losses read as one reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ByReason {
    /// The reason's name, or "not given".
    pub reason: String,
    pub churned: usize,
    pub churned_arr_cents: i64,
    pub contracted: usize,
    pub contraction_arr_cents: i64,
}

impl ByReason {
    pub fn lost_arr_cents(&self) -> i64 {
        self.churned_arr_cents + self.contraction_arr_cents
    }
}

/// The losses summed by reason, the reason that cost the most ARR first and "not given"
/// last.
pub fn by_reason(losses: &[Loss], rules: &ChurnRules) -> Vec<ByReason> {
    let mut out: Vec<ByReason> = Vec::new();
    for loss in losses {
        let reason = loss
            .said
            .as_deref()
            .and_then(|said| rules.reason_of(said))
            .map_or("not given", |r| r.name.as_str());
        let at = match out.iter().position(|b| b.reason == reason) {
            Some(at) => at,
            None => {
                out.push(ByReason {
                    reason: reason.to_string(),
                    ..ByReason::default()
                });
                out.len() - 1
            }
        };
        let b = &mut out[at];
        if loss.churned {
            b.churned += 1;
            b.churned_arr_cents += loss.arr_cents;
        } else {
            b.contracted += 1;
            b.contraction_arr_cents += loss.arr_cents;
        }
    }
    out.sort_by_key(|b| {
        (
            b.reason == "not given",
            std::cmp::Reverse(b.lost_arr_cents()),
        )
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loss(churned: bool, k: i64, said: Option<&str>) -> Loss {
        Loss {
            account_id: 1,
            churned,
            arr_cents: k * 100_000,
            said: said.map(Arc::from),
        }
    }

    #[test]
    fn losses_add_up_under_the_reason_they_are_read_as() {
        let losses = [
            loss(true, 100, Some("Too expensive")),
            loss(false, 20, Some("price")),
            loss(true, 300, Some("Moved to a competitor")),
            loss(true, 50, None),
            loss(false, 10, Some("budget cuts")),
        ];
        let by = by_reason(&losses, &ChurnRules::default());
        let rows: Vec<(&str, usize, i64, usize, i64)> = by
            .iter()
            .map(|b| {
                (
                    b.reason.as_str(),
                    b.churned,
                    b.churned_arr_cents / 100_000,
                    b.contracted,
                    b.contraction_arr_cents / 100_000,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("competitor", 1, 300, 0, 0),
                ("price", 1, 100, 1, 20),
                ("budget", 0, 0, 1, 10),
                ("not given", 1, 50, 0, 0),
            ]
        );
    }
}
