//! Retention and customer metrics: a hand-made quarter whose answers are worked out by
//! hand below, and the demo book's figures checked against independent SQL.

mod common;

use std::path::Path;

use common::csm;

use serde_json::Value;

fn run(dir: &Path, book: &str, today: &str, args: &[&str]) -> String {
    let out = csm(dir)
        .arg("--db")
        .arg(dir.join(book))
        .args(["--today", today])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn import(dir: &Path, kind: &str, csv: &str) {
    let file = dir.join(format!("{kind}.csv"));
    std::fs::write(&file, csv).unwrap();
    run(
        dir,
        "book.db",
        "2026-03-31",
        &["import", kind, file.to_str().unwrap()],
    );
}

/// The metric named `name` of the last period.
fn metric<'a>(json: &'a Value, name: &str) -> &'a Value {
    let periods = json["periods"].as_array().unwrap();
    periods[periods.len() - 1]["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn a_quarter_worked_out_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Four customers pay on 1 January 2026: A $100K renews flat, B $200K churns in
    // February, C $50K downsells to $30K, D $150K upsells to $180K. E starts in
    // February: a new logo, outside the cohort.
    import(
        d,
        "accounts",
        "external_id,name,segment,started_on,went_live_on,churned_on\n\
         A,Alpha,enterprise,2025-03-01,2025-05-01,\n\
         B,Beta,enterprise,2025-02-10,2025-03-12,2026-02-10\n\
         C,Gamma,smb,2025-03-15,2025-03-25,\n\
         D,Delta,mid_market,2025-01-20,2025-02-19,\n\
         E,Epsilon,smb,2026-02-01,2026-02-15,\n",
    );
    import(
        d,
        "contracts",
        "external_id,account,starts_on,ends_on,arr,outcome,outcome_on,outcome_arr,churn_reason\n\
         A1,A,2025-03-01,2026-03-01,100000,renewed,2026-02-20,100000,\n\
         A2,A,2026-03-01,2027-03-01,100000,,,,\n\
         B1,B,2025-02-10,2026-02-10,200000,churned,2026-02-10,0,Switched to a competitor\n\
         C1,C,2025-03-15,2026-03-15,50000,downsold,2026-03-10,30000,Budget cuts\n\
         C2,C,2026-03-15,2027-03-15,30000,,,,\n\
         D1,D,2025-01-20,2026-01-20,150000,upsold,2026-01-18,180000,\n\
         D2,D,2026-01-20,2027-01-20,180000,,,,\n\
         E1,E,2026-02-01,2027-02-01,80000,,,,\n",
    );
    // NPS in Q1: 10, 9, 8, 3 (and a 10 in December, outside); CSAT 4, 5, 3.
    import(
        d,
        "surveys",
        "external_id,account,kind,score,responded_on\n\
         s1,A,nps,10,2026-01-05\ns2,C,nps,9,2026-02-05\ns3,D,nps,8,2026-03-06\n\
         s4,B,nps,3,2026-01-07\ns5,A,nps,10,2025-12-28\n\
         c1,A,csat,4,2026-01-03\nc2,C,csat,5,2026-02-04\nc3,D,csat,3,2026-03-30\n",
    );
    let json: Value = serde_json::from_str(&run(
        d,
        "book.db",
        "2026-03-31",
        &["metrics", "--period", "quarter", "--periods", "2", "--json"],
    ))
    .unwrap();
    assert_eq!(json["periods"][1]["period"], "2026-Q1");
    // Starting ARR = 100 + 200 + 50 + 150 = $500K; churn $200K (B); contraction $20K
    // (C); expansion $30K (D).
    // GRR = (500 - 200 - 20) / 500 = 56%.
    let grr = metric(&json, "gross revenue retention");
    assert_eq!(grr["value"], 56.0);
    assert_eq!(grr["inputs"]["starting_arr"], 500000.0);
    assert_eq!(grr["inputs"]["churned_arr"], 200000.0);
    assert_eq!(grr["inputs"]["contraction_arr"], 20000.0);
    assert_eq!(
        grr["workings"],
        "GRR = ($500K - churn $200K - contraction $20K) / $500K = 56.0%"
    );
    assert!(grr["formula"].as_str().unwrap().starts_with("GRR = "));
    // NRR = (500 - 200 - 20 + 30) / 500 = 62%.
    assert_eq!(metric(&json, "net revenue retention")["value"], 62.0);
    // Logo churn = 1 of 4 = 25%.
    assert_eq!(metric(&json, "logo churn rate")["value"], 25.0);
    assert_eq!(metric(&json, "expansion ARR")["value"], 30000.0);
    assert_eq!(metric(&json, "contraction ARR")["value"], 20000.0);
    // NPS = (2 promoters - 1 detractor) / 4 answers = +25.
    assert_eq!(metric(&json, "NPS")["value"], 25.0);
    // CSAT = (4 + 5 + 3) / 3 = 4.0.
    assert_eq!(metric(&json, "average CSAT")["value"], 4.0);
    // Time to value in Q1: only E went live (14 days, SMB).
    assert_eq!(metric(&json, "time to value, SMB")["value"], 14.0);
    assert!(metric(&json, "time to value, enterprise")["value"].is_null());
    // Churn and contraction by reason: what the file said, read as the config's
    // reasons: B's $200K under competitor, C's $20K under budget; Q1's losses are the
    // window's.
    let by = &json["periods"][1]["losses_by_reason"];
    assert_eq!(by[0]["reason"], "competitor");
    assert_eq!(
        (
            by[0]["churned"].as_i64(),
            by[0]["churned_arr_cents"].as_i64()
        ),
        (Some(1), Some(20_000_000))
    );
    assert_eq!(by[1]["reason"], "budget");
    assert_eq!(
        (
            by[1]["contracted"].as_i64(),
            by[1]["contraction_arr_cents"].as_i64()
        ),
        (Some(1), Some(2_000_000))
    );
    assert_eq!(json["losses_by_reason"], *by);
    // In Q4 2025 nobody churned: GRR 100%.
    let q4 = &json["periods"][0]["metrics"][0];
    assert_eq!(
        (q4["name"].as_str(), q4["value"].as_f64()),
        (Some("gross revenue retention"), Some(100.0))
    );
}

#[test]
fn the_demo_books_figures_match_independent_sql() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run(d, "demo.db", "2026-11-22", &["demo", "--seed", "42"]);
    let json: Value = serde_json::from_str(&run(
        d,
        "demo.db",
        "2026-11-22",
        &["metrics", "--period", "quarter", "--periods", "2", "--json"],
    ))
    .unwrap();
    // The last whole quarter: 2026-Q3.
    let q3 = &json["periods"][0];
    assert_eq!(q3["period"], "2026-Q3");
    let m = |name: &str| {
        q3["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["name"] == name)
            .unwrap()
            .clone()
    };
    let conn = rusqlite::Connection::open(d.join("demo.db")).unwrap();
    let one = |sql: &str| -> f64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let nps = one(
        "SELECT 100.0 * (sum(score >= 9) - sum(score <= 6)) / count(*) FROM survey_responses
         WHERE kind = 'nps' AND responded_on >= '2026-07-01' AND responded_on < '2026-10-01'",
    );
    assert!(
        (m("NPS")["value"].as_f64().unwrap() - nps).abs() < 1e-9,
        "NPS {nps}"
    );
    let csat = one("SELECT avg(score) FROM survey_responses
         WHERE kind = 'csat' AND responded_on >= '2026-07-01' AND responded_on < '2026-10-01'");
    assert!(
        (m("average CSAT")["value"].as_f64().unwrap() - csat).abs() < 1e-9,
        "CSAT {csat}"
    );
    let ttv = one(
        "SELECT avg(julianday(went_live_on) - julianday(started_on)) FROM accounts
         WHERE segment = 'mid_market' AND went_live_on >= '2026-07-01' AND went_live_on < '2026-10-01'",
    );
    assert!((m("time to value, mid-market")["value"].as_f64().unwrap() - ttv).abs() < 1e-9);
    // Customers lost in the quarter: the accounts whose churn day falls in it.
    let lost = one(
        "SELECT count(*) FROM accounts WHERE churned_on >= '2026-07-01' AND churned_on < '2026-10-01'",
    );
    assert_eq!(
        m("logo churn rate")["inputs"]["customers_lost"].as_f64(),
        Some(lost)
    );
    // Churned ARR: those accounts' last term's ARR.
    let churned = one(
        "SELECT coalesce(sum(c.arr_cents), 0) / 100.0 FROM contracts c JOIN accounts a ON a.id = c.account_id
         WHERE a.churned_on >= '2026-07-01' AND a.churned_on < '2026-10-01'
           AND c.ends_on = (SELECT max(ends_on) FROM contracts WHERE account_id = a.id)",
    );
    assert_eq!(
        m("gross revenue retention")["inputs"]["churned_arr"].as_f64(),
        Some(churned)
    );
}
