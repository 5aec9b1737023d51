//! Churn reasons and the win-back list, from a churn export through `csm win-back`: what
//! the file says is read as the config's reasons, each reason sets when to try again,
//! and a touch since then counts as the try.

mod common;

use std::path::Path;

use common::csm;
use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> String {
    let out = csm(dir)
        .arg("--db")
        .arg(dir.join("book.db"))
        .args(["--today", "2026-03-01"])
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
    run(dir, &["import", kind, file.to_str().unwrap()]);
}

#[test]
fn churned_customers_are_listed_due_first_with_the_reason_their_export_gave() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import(
        d,
        "accounts",
        "external_id,name,segment,arr\n\
         A,Acme,enterprise,90000\nB,Birch,smb,20000\nC,Cobalt,mid_market,50000\n\
         D,Dune,smb,70000\nE,Ember,smb,10000\n",
    );
    import(
        d,
        "contracts",
        "external_id,account,starts_on,ends_on,arr\n\
         A1,A,2024-04-01,2025-04-01,90000\nB1,B,2024-05-01,2025-05-01,20000\n\
         C1,C,2025-01-15,2026-01-15,50000\nD1,D,2024-01-10,2025-01-10,70000\n\
         E1,E,2024-06-01,2025-06-01,10000\n",
    );
    // Price is tried 270 days on, champion left 90, budget 365; acquired never.
    import(
        d,
        "churn",
        "account,churned_on,reason,feedback\n\
         A,2025-04-01,Too expensive,We could not justify the cost\n\
         B,2025-05-01,pricing,\n\
         C,2026-01-15,Champion left the company,\n\
         D,2025-01-10,Budget,\n\
         E,2025-06-01,Acquired by Initech,\n",
    );
    // Dune was called after its try-on day: tried.
    import(
        d,
        "interactions",
        "external_id,account,kind,occurred_on,summary\n\
         i1,D,call,2026-02-01,Asked about next year's budget\n",
    );
    let json: Value =
        serde_json::from_str(&run(d, &["win-back", "--owner", "all", "--json"])).unwrap();
    let rows: Vec<(&str, &str, &str, Option<&str>)> = json["customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["account"].as_str().unwrap(),
                c["reason"].as_str().unwrap(),
                c["standing"].as_str().unwrap(),
                c["try_on"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Acme", "price", "due", Some("2025-12-27")),
            ("Birch", "price", "due", Some("2026-01-26")),
            ("Cobalt", "champion left", "coming", Some("2026-04-15")),
            ("Dune", "budget", "tried", Some("2026-01-10")),
            ("Ember", "acquired", "not worth a try", None),
        ]
    );
    let acme = &json["customers"][0];
    assert_eq!(acme["said"], "Too expensive");
    assert_eq!(acme["note"], "We could not justify the cost");
    assert_eq!(acme["arr_lost_cents"], 9_000_000);
    let text = run(d, &["win-back", "--owner", "all"]);
    assert!(text.contains("5 churned, 2 due a try"), "{text}");
}

#[test]
fn a_config_with_its_own_reasons_reads_the_same_churns_its_way() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import(d, "accounts", "external_id,name\nA,Acme\n");
    import(
        d,
        "contracts",
        "external_id,account,starts_on,ends_on,arr\nA1,A,2024-04-01,2025-04-01,90000\n",
    );
    import(
        d,
        "churn",
        "account,churned_on,reason\nA,2025-04-01,Too expensive\n",
    );
    let config = d.join("config.toml");
    std::fs::write(
        &config,
        "[[churn.reasons]]\nname = \"commercial\"\nwords = [\"expensive\"]\nwin_back_days = 30\n",
    )
    .unwrap();
    let json: Value = serde_json::from_str(&run(
        d,
        &[
            "--config",
            config.to_str().unwrap(),
            "win-back",
            "--owner",
            "all",
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(json["customers"][0]["reason"], "commercial");
    assert_eq!(json["customers"][0]["try_on"], "2025-05-01");
}
