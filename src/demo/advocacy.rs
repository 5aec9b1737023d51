//! The demo's advocacy: what each account uses (a few product lines, more for larger
//! accounts), and a log of reference asks: the references the book says were given,
//! each as a given ask on its day, some declined before, and a few awaiting an answer
//! due within the next two weeks.

use chrono::{Duration, NaiveDate};
use fastrand::Rng;
use rusqlite::{Transaction, params};

use crate::book::BookError;

const PRODUCTS: &[&str] = &[
    "Analytics",
    "Workflows",
    "Integrations",
    "Reporting",
    "Mobile",
    "SSO & security",
    "API",
    "Forecasting",
];

const REQUESTS: &[&str] = &[
    "Reference call for a retail prospect in late-stage evaluation",
    "Case study for the analytics launch",
    "G2 review for the spring campaign",
    "Peer call on rolling out workflows to 500 users",
    "Reference for a security review (SSO)",
    "Call with a prospect comparing reporting tools",
];

/// Gives each account its products and logs the reference asks.
pub fn advocacy(tx: &Transaction<'_>, today: NaiveDate, seed: u64) -> Result<(), BookError> {
    let mut rng = Rng::with_seed(seed ^ 0xad70_cac7);
    let accounts: Vec<(i64, String)> = tx
        .prepare("SELECT id, segment FROM accounts ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut set = tx.prepare("UPDATE accounts SET products = ?2 WHERE id = ?1")?;
    for (id, segment) in accounts {
        let n = match segment.as_str() {
            "enterprise" => rng.usize(3..=5),
            "mid_market" => rng.usize(2..=4),
            _ => rng.usize(1..=2),
        };
        let mut mine: Vec<&str> = Vec::new();
        while mine.len() < n {
            let p = PRODUCTS[rng.usize(..PRODUCTS.len())];
            if !mine.contains(&p) {
                mine.push(p);
            }
        }
        set.execute(params![id, mine.join(", ")])?;
    }
    let people: Vec<(i64, i64, Option<String>)> = tx
        .prepare(
            "SELECT c.id, c.account_id, c.last_reference_on FROM contacts c
             JOIN accounts a ON a.id = c.account_id
             WHERE c.referenceable = 1 AND c.left_on IS NULL AND a.churned_on IS NULL
             ORDER BY c.id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut log = tx.prepare(
        "INSERT INTO reference_asks (contact_id, account_id, kind, request, asked_on, due_on,
             outcome, outcome_on, asked_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'csm demo')",
    )?;
    let kinds = ["call", "call", "review", "case_study"];
    let mut awaiting = 0;
    for (contact, account, last) in people {
        let request = REQUESTS[rng.usize(..REQUESTS.len())];
        let kind = kinds[rng.usize(..kinds.len())];
        let last: Option<NaiveDate> = last.and_then(|d| d.parse().ok());
        if let Some(on) = last {
            // Declined once before, now and then.
            if rng.f64() < 0.25 {
                let before = on - Duration::days(rng.i64(120..=300));
                let d = before.to_string();
                log.execute(params![
                    contact, account, "call", request, d, d, "declined", d
                ])?;
            }
            let asked = on - Duration::days(rng.i64(3..=10));
            log.execute(params![
                contact,
                account,
                kind,
                request,
                asked.to_string(),
                on.to_string(),
                "given",
                on.to_string()
            ])?;
        } else if awaiting < 5 && rng.f64() < 0.3 {
            awaiting += 1;
            let asked = today - Duration::days(rng.i64(1..=10));
            let due = today + Duration::days(rng.i64(1..=14));
            log.execute(params![
                contact,
                account,
                kind,
                request,
                asked.to_string(),
                due.to_string(),
                None::<String>,
                None::<String>
            ])?;
        }
    }
    Ok(())
}
