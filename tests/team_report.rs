//! `csm team --format html --out FILE`: the manager's weekly team report, one file with
//! nothing fetched from the network, that says what the cockpit says.

mod common;

use common::csm;
use serde_json::Value;

fn demo(dir: &std::path::Path) -> std::path::PathBuf {
    common::demo_book(dir, 90, 3)
}

#[test]
fn the_report_is_one_file_with_every_section_and_no_network_reference() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = dir.path().join("team.html");
    let run = csm(dir.path())
        .arg("--db")
        .arg(&db)
        .args(["--today", "2026-03-01", "team", "--format", "html", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("http"), "nothing fetched, nothing linked");
    assert!(!html.contains("<script") && !html.contains("<link"));
    for heading in [
        "<h1>Team report, week of 2026-02-23</h1>",
        "<h2>The team</h2>",
        "<h2>Forecast review</h2>",
        "<h2>Retention per quarter</h2>",
        "<h2>Forecast against actual per month</h2>",
        "<h2>Forecast calls, the 6 months before this one</h2>",
        "<h2>ARR by health band per week</h2>",
        "<h2>ARR at risk per week</h2>",
        "<h2>Workload, the last 8 weeks</h2>",
    ] {
        assert!(html.contains(heading), "{heading}");
    }
    assert_eq!(html.matches("<svg").count(), 4, "four pictures");
    assert!(html.contains("@media print"));

    // It says what csm team --forecast says: the same expected GRR, the same moves.
    let json = csm(dir.path())
        .arg("--db")
        .arg(&db)
        .args(["--today", "2026-03-01", "team", "--forecast", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    for q in v["quarters"].as_array().unwrap() {
        let team = q["rows"].as_array().unwrap().last().unwrap();
        let grr = team["grr"].as_f64().unwrap() * 100.0;
        let heading = format!(
            "<h3>{}: {} renewals,",
            q["quarter"].as_str().unwrap(),
            team["due"]["count"]
        );
        assert!(html.contains(&heading), "{heading}");
        assert!(html.contains(&format!("expected GRR {grr:.1}%")), "{grr}");
        let moved = team["since_last_week"]["words"].as_str().unwrap();
        assert!(
            html.contains(&format!("Since the review of 2026-02-22: {moved}")),
            "{moved}"
        );
    }
    // Every CSM has a line in the team's table and the workload.
    let team = csm(dir.path())
        .arg("--db")
        .arg(&db)
        .args(["--today", "2026-03-01", "team", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&team.stdout).unwrap();
    for row in v["rows"].as_array().unwrap() {
        let name = row["name"].as_str().unwrap();
        assert!(
            html.matches(&format!("<td>{name}</td>")).count() >= 3,
            "{name}"
        );
    }
}

#[test]
fn the_report_never_overwrites_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = dir.path().join("team.html");
    std::fs::write(&out, "the last report").unwrap();
    let run = csm(dir.path())
        .arg("--db")
        .arg(&db)
        .args(["--today", "2026-03-01", "team", "--format", "html", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("never overwrites"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the last report");
}
