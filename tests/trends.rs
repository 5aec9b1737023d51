//! `csm team --trends`: the figures the pictures draw, read off a demo book.

mod common;

use common::csm;
use serde_json::Value;

fn trends(dir: &std::path::Path, db: &std::path::Path, owner: Option<&str>) -> Value {
    let mut cmd = csm(dir);
    cmd.arg("--db")
        .arg(db)
        .args(["--today", "2026-03-01", "team", "--trends", "--json"]);
    if let Some(o) = owner {
        cmd.args(["--owner", o]);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_pictures_cover_their_periods_and_each_csms_weeks_sum_to_the_teams() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_book(dir.path(), 60, 3);
    let team = trends(dir.path(), &db, None);
    let quarters = team["retention"].as_array().unwrap();
    assert_eq!(quarters.len(), 8);
    assert_eq!(quarters[7]["quarter"], "2026-Q1");
    assert_eq!(quarters[7]["to_date"], true);
    assert!(
        quarters[7]["workings"]
            .as_str()
            .unwrap()
            .starts_with("2026-Q1 so far: GRR")
    );
    let weeks = team["bands"].as_array().unwrap();
    assert_eq!(weeks.len(), 26);
    assert_eq!(weeks[25]["week"]["starts_on"], "2026-02-23");
    assert_eq!(weeks[25]["week"]["as_of"], "2026-03-01");
    let months: Vec<&str> = team["forecast"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["period"].as_str().unwrap())
        .collect();
    assert_eq!(
        (months.len(), months[0], months[11]),
        (12, "2025-04", "2026-03")
    );
    // Each CSM's weeks add up to the team's.
    let rows = team["workload"].as_array().unwrap();
    let (last, csms) = rows.split_last().unwrap();
    assert_eq!(last["owner"], "Team");
    assert_eq!(csms.len(), 3);
    for w in 0..26 {
        for field in ["touches", "tasks_done", "quiet"] {
            let sum: u64 = csms
                .iter()
                .map(|r| r["weeks"][w][field].as_u64().unwrap())
                .sum();
            assert_eq!(
                sum,
                last["weeks"][w][field].as_u64().unwrap(),
                "{field}, week {w}"
            );
        }
    }
    let touches: u64 = (0..26)
        .map(|w| last["weeks"][w]["touches"].as_u64().unwrap())
        .sum();
    assert!(touches > 0, "the demo's CSMs touch their accounts");
    // One CSM's book: only their row, and no more ARR than the team's in any week.
    let name = csms[0]["owner"].as_str().unwrap();
    let mine = trends(dir.path(), &db, Some(name));
    assert_eq!(mine["owner"], name);
    assert_eq!(mine["workload"][0]["owner"], name);
    let arr = |v: &Value, w: usize| {
        ["green_cents", "yellow_cents", "red_cents", "unscored_cents"]
            .iter()
            .map(|f| v["bands"][w][f].as_i64().unwrap())
            .sum::<i64>()
    };
    for w in 0..26 {
        assert!(arr(&mine, w) <= arr(&team, w));
    }
    assert!(arr(&mine, 25) > 0 && arr(&mine, 25) < arr(&team, 25));
}

#[test]
fn the_demos_forecast_review_says_what_moved_since_the_review_a_week_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_book(dir.path(), 120, 6);
    let out = csm(dir.path())
        .arg("--db")
        .arg(&db)
        .args(["--today", "2026-03-01", "team", "--forecast", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let q1 = &v["quarters"][0];
    assert_eq!(q1["quarter"], "2026-Q1");
    assert_eq!(q1["compared_with_review_of"], "2026-02-22");
    let rows = q1["rows"].as_array().unwrap();
    let team = rows.last().unwrap();
    // The team's move is its CSMs' moves added up, lane by lane.
    for lane in [
        "commit_cents",
        "likely_cents",
        "at_risk_cents",
        "no_forecast_cents",
    ] {
        let csms: i64 = rows[..rows.len() - 1]
            .iter()
            .map(|r| r["since_last_week"][lane].as_i64().unwrap())
            .sum();
        assert_eq!(
            team["since_last_week"][lane].as_i64().unwrap(),
            csms,
            "{lane}"
        );
    }
    let words = team["since_last_week"]["words"].as_str().unwrap();
    assert_ne!(
        words, "no change",
        "the demo's CSMs called renewals this week"
    );
    // The text says it under the team's workings.
    let text = csm(dir.path())
        .arg("--db")
        .arg(&db)
        .args(["--today", "2026-03-01", "team", "--forecast"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains(&format!("Since the review of 2026-02-22: {words}")),
        "{text}"
    );
}
