//! The health lab on a demo book: its backtest for given weights is the one `csm health
//! --backtest` gives once those weights are in the config, and a save writes them there
//! with a note of what was tried.

mod common;

use std::path::Path;

use common::csm;
use serde_json::Value;

fn demo(dir: &Path) -> std::path::PathBuf {
    common::demo_book(dir, 120, 3)
}

fn json_of(cmd: &mut assert_cmd::Command) -> Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn the_labs_backtest_for_given_weights_is_the_backtests_under_those_weights() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path());
    let lab = json_of(
        csm(dir.path())
            .args([
                "health",
                "lab",
                "--weights",
                "usage=60,adoption=20,support=10,engagement=10",
            ])
            .args(["--rule", "escalation_at=p2", "--json", "--db"])
            .arg(&book),
    );
    let config = dir.path().join("tried.toml");
    std::fs::write(
        &config,
        "[health.weights]\nusage = 60\nadoption = 20\nsupport = 10\nengagement = 10\n\
         [health.caps]\nescalation_at = \"p2\"\n",
    )
    .unwrap();
    let backtest = json_of(
        csm(dir.path())
            .args(["health", "--backtest", "--json", "--config"])
            .arg(&config)
            .arg("--db")
            .arg(&book),
    );
    let tried = &lab["trying"]["backtest"];
    assert!(backtest["auc"].is_number(), "{backtest}");
    assert_eq!(tried["auc"], backtest["auc"]);
    assert_eq!(tried["contracts"], backtest["contracts"]);
    assert_eq!(tried["green_churned"], backtest["green_churned"]);
    // And the rules in force are the default backtest's.
    let standard = json_of(
        csm(dir.path())
            .args(["health", "--backtest", "--json", "--db"])
            .arg(&book),
    );
    assert_eq!(lab["in_force"]["backtest"]["auc"], standard["auc"]);
}

#[test]
fn a_save_writes_the_rules_tried_with_a_note_and_the_backtest_then_uses_them() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path());
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[user]\nname = \"Ana Ruiz\"  # signs my changes\n").unwrap();
    let lab = json_of(
        csm(dir.path())
            .args([
                "health",
                "lab",
                "--weights",
                "usage=50,support=10",
                "--rule",
                "champion_left=off",
            ])
            .args(["--save", "--json", "--config"])
            .arg(&config)
            .arg("--db")
            .arg(&book),
    );
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(
        text.contains("name = \"Ana Ruiz\"  # signs my changes"),
        "{text}"
    );
    assert!(
        text.contains("# saved by csm health lab on 2026-03-01: weights 40/30/20/10 → 50/30/10/10"),
        "{text}"
    );
    assert!(text.contains("champion_left_days = 0"), "{text}");
    let backtest = json_of(
        csm(dir.path())
            .args(["health", "--backtest", "--json", "--config"])
            .arg(&config)
            .arg("--db")
            .arg(&book),
    );
    assert_eq!(lab["trying"]["backtest"]["auc"], backtest["auc"]);
    // Weights that do not add up are refused before anything is written.
    let out = csm(dir.path())
        .args([
            "health",
            "lab",
            "--weights",
            "usage=90",
            "--save",
            "--config",
        ])
        .arg(&config)
        .arg("--db")
        .arg(&book)
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("must add up to 100"));
    assert_eq!(std::fs::read_to_string(&config).unwrap(), text);
}

#[test]
fn the_search_says_where_it_cut_the_history_and_how_the_proposal_did_after() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path());
    let lab = json_of(
        csm(dir.path())
            .args(["health", "lab", "--search", "--json", "--db"])
            .arg(&book),
    );
    let search = &lab["search"];
    let split = &search["split"];
    assert!(split["held_out"].as_u64().unwrap() > 0, "{search}");
    let total = split["searched"].as_u64().unwrap() + split["held_out"].as_u64().unwrap();
    let ended = lab["in_force"]["backtest"]["contracts"].as_u64().unwrap()
        + lab["in_force"]["backtest"]["unscored"].as_u64().unwrap();
    assert_eq!(total, ended);
    assert!(search["held_out"]["proposed"]["auc"].is_number());
}
