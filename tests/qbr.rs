//! `csm qbr`: a brief for a demo account carries each section with the account's own
//! figures; an account with little on record gets a brief that says what is missing;
//! the HTML brief needs nothing from the network; `--audience customer` writes the
//! version to share.

mod common;

use std::path::Path;

use common::csm;

fn run(dir: &Path, book: &str, args: &[&str]) -> String {
    let out = csm(dir)
        .arg("--db")
        .arg(dir.join(book))
        .args(["--today", "2026-11-22"])
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

const SECTIONS: [&str; 13] = [
    "Executive summary",
    "Before the meeting",
    "Outcomes against the success plan",
    "Usage and adoption",
    "Support",
    "NPS and CSAT",
    "Stakeholders",
    "Risks and mitigation",
    "Onboarding and references",
    "Expansion opportunities",
    "Renewal timeline and motion",
    "Open asks and next steps",
    "Suggested agenda",
];

#[test]
fn a_demo_accounts_brief_has_every_section_with_its_own_figures() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run(d, "demo.db", &["demo", "--seed", "42"]);
    let health: serde_json::Value = serde_json::from_str(&run(
        d,
        "demo.db",
        &["health", "--account", "Granite Point Works", "--json"],
    ))
    .unwrap();
    let brief = run(
        d,
        "demo.db",
        &["qbr", "Granite Point Works", "--period", "2026-Q3"],
    );
    for s in SECTIONS {
        assert!(brief.contains(&format!("## {s}\n")), "no {s}:\n{brief}");
    }
    assert!(
        brief.starts_with("# QBR brief: Granite Point Works\n"),
        "{brief}"
    );
    assert!(
        brief.contains("2026-Q3 (2026-07-01 to 2026-09-30)"),
        "{brief}"
    );
    let score = health["score"].as_u64().unwrap();
    assert!(
        brief.contains(&format!("Health {score} (")),
        "the account's own score {score}:\n{brief}"
    );
    assert!(brief.contains("ARR $559K"), "{brief}");
    let renewals: serde_json::Value =
        serde_json::from_str(&run(d, "demo.db", &["renewals", "--json"])).unwrap();
    let on = renewals["renewals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["account"] == "Granite Point Works")
        .unwrap()["renewal_date"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        brief.contains(&format!("Renews on {on}")),
        "its renewal {on}:
{brief}"
    );
    assert!(
        brief.contains("| Adopt workflow automation |"),
        "its goals:\n{brief}"
    );
    assert!(brief.contains("Jonas Castillo"), "its people:\n{brief}");
    assert!(
        !brief.contains("TODO") && !brief.contains("{"),
        "no placeholder:\n{brief}"
    );
}

#[test]
fn an_account_with_little_on_record_gets_a_brief_that_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("accounts.csv");
    std::fs::write(&file, "external_id,name,segment\nN-1,Newco,smb\n").unwrap();
    run(
        d,
        "book.db",
        &["import", "accounts", file.to_str().unwrap()],
    );
    let brief = run(d, "book.db", &["qbr", "Newco"]);
    for s in SECTIONS {
        assert!(brief.contains(&format!("## {s}\n")), "no {s}:\n{brief}");
    }
    for missing in [
        "No success plan on record",
        "No usage on record for 2026-Q3",
        "No tickets opened in 2026-Q3",
        "No NPS answers in 2026-Q3",
        "No contacts on record",
        "No open contract",
        "Agree the success plan",
    ] {
        assert!(brief.contains(missing), "`{missing}` missing:\n{brief}");
    }
}

#[test]
fn the_html_brief_is_one_file_that_needs_nothing_from_the_network() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run(d, "demo.db", &["demo", "--seed", "42"]);
    let out = d.join("brief.html");
    run(
        d,
        "demo.db",
        &[
            "qbr",
            "Granite Point Works",
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("<style>") && html.contains("<svg"),
        "inline style and chart"
    );
    assert!(html.contains("@media print"), "prints well");
    for outside in [
        "http://", "https://", "<script", "<link", "src=", "@import", "url(",
    ] {
        assert!(!html.contains(outside), "`{outside}` in the brief");
    }
    assert_eq!(html.matches("<section>").count(), SECTIONS.len());
    let again = csm(d)
        .arg("--db")
        .arg(d.join("demo.db"))
        .args(["qbr", "Granite Point Works", "--format", "html", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(!again.status.success(), "never overwrites");
}

#[test]
fn the_customer_version_leaves_the_internal_sections_out_in_markdown_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run(d, "demo.db", &["demo", "--seed", "42"]);
    let args = ["qbr", "Granite Point Works", "--period", "2026-Q3"];
    let md = run(
        d,
        "demo.db",
        &[&args[..], &["--audience", "customer"]].concat(),
    );
    let html = run(
        d,
        "demo.db",
        &[&args[..], &["--audience", "customer", "--format", "html"]].concat(),
    );
    let internal = run(d, "demo.db", &args);
    assert!(
        md.starts_with("# Quarterly business review: Granite Point Works\n"),
        "{md}"
    );
    assert!(html.contains("<h1>Quarterly business review: Granite Point Works</h1>"));
    for internal_only in [
        "Before the meeting",
        "Expansion opportunities",
        "Risks and mitigation",
        "Open asks and next steps",
        "Renewal timeline and motion",
        "ARR",
        "forecast",
    ] {
        assert!(
            internal.contains(internal_only),
            "`{internal_only}` internally"
        );
        assert!(!md.contains(internal_only), "`{internal_only}`:\n{md}");
        assert!(
            !html.contains(internal_only),
            "`{internal_only}` in the HTML"
        );
    }
    for shared in [
        "Outcomes against the success plan",
        "Usage and adoption",
        "Your renewal",
    ] {
        assert!(md.contains(&format!("## {shared}\n")), "no {shared}:\n{md}");
        assert!(
            html.contains(&format!("<h2>{shared}</h2>")),
            "no {shared} in the HTML"
        );
    }
}
