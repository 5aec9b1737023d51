//! `csm export` and `csm backup`: what goes out comes back in the same (an export then
//! an import reproduces the book, kind by kind), formulas are
//! neutralised, calendars are well formed, and a backup is a whole book.

mod common;

use std::path::Path;

use common::csm;

fn run(dir: &Path, book: &str, args: &[&str]) -> String {
    let out = csm(dir)
        .arg("--db")
        .arg(dir.join(book))
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

#[test]
fn an_export_then_an_import_reproduces_the_book_kind_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run(d, "demo.db", &["demo", "--seed", "42"]);
    for kind in [
        "accounts",
        "contracts",
        "usage",
        "contacts",
        "tickets",
        "surveys",
        "interactions",
        "goals",
        "opportunities",
    ] {
        let exported = run(d, "demo.db", &["export", kind]);
        let file = d.join(format!("{kind}.csv"));
        std::fs::write(&file, &exported).unwrap();
        let out = run(d, "copy.db", &["import", kind, file.to_str().unwrap()]);
        assert!(out.contains("imported:"), "{out}");
        assert_eq!(
            run(d, "copy.db", &["export", kind]),
            exported,
            "{kind} came back different"
        );
    }
    // And importing the export again changes nothing.
    let out = run(
        d,
        "copy.db",
        &[
            "import",
            "contracts",
            d.join("contracts.csv").to_str().unwrap(),
        ],
    );
    assert!(out.contains(" 0 new, 0 updated,"), "{out}");
}

#[test]
fn csv_cells_that_would_run_as_formulas_are_neutralised_and_read_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("accounts.csv");
    std::fs::write(
        &file,
        "external_id,name,segment,industry\nA-1,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",smb,@risk\nA-2,Plain,smb,-\n",
    )
    .unwrap();
    run(
        d,
        "book.db",
        &["import", "accounts", file.to_str().unwrap()],
    );
    let exported = run(d, "book.db", &["export", "accounts"]);
    assert!(
        exported.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        "{exported}"
    );
    assert!(exported.contains(",'@risk,"), "{exported}");
    let again = d.join("again.csv");
    std::fs::write(&again, &exported).unwrap();
    let out = run(
        d,
        "book.db",
        &["import", "accounts", again.to_str().unwrap()],
    );
    assert!(out.contains("0 new, 0 updated, 2 unchanged"), "{out}");
}

#[test]
fn json_keeps_the_columns_in_order_with_numbers_and_nulls() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run(d, "demo.db", &["demo", "--seed", "42"]);
    let json = run(d, "demo.db", &["export", "usage", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = v.as_array().unwrap();
    assert!(rows.len() > 1000);
    assert!(rows[0]["active_users"].is_i64());
    assert!(
        json.lines()
            .nth(1)
            .unwrap()
            .trim_start()
            .starts_with("{\"account\":")
    );
}

#[test]
fn renewals_and_tasks_as_calendars_are_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run(d, "demo.db", &["demo", "--seed", "42"]);
    for (what, item) in [("renewals", "VEVENT"), ("tasks", "VTODO")] {
        let ics = run(d, "demo.db", &["export", what, "--format", "ics"]);
        assert!(
            ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
            "{what}"
        );
        assert!(ics.ends_with("END:VCALENDAR\r\n"), "{what}");
        let begins = ics.matches(&format!("BEGIN:{item}\r\n")).count();
        assert!(begins > 10, "{what}: {begins}");
        assert_eq!(begins, ics.matches(&format!("END:{item}\r\n")).count());
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{what}: a line of {} octets", line.len());
        }
        assert!(
            !ics.replace("\r\n", "").contains('\n'),
            "bare line feeds in {what}"
        );
    }
    let err = csm(d)
        .arg("--db")
        .arg(d.join("demo.db"))
        .args(["export", "accounts", "--format", "ics"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&err.stderr).contains("no calendar form"));
}

#[test]
fn a_backup_is_a_whole_book_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run(d, "demo.db", &["demo", "--seed", "42"]);
    let copy = d.join("copy.db");
    let out = run(d, "demo.db", &["backup", copy.to_str().unwrap()]);
    assert!(out.contains("backed up the book"), "{out}");
    assert_eq!(
        run(d, "copy.db", &["export", "contracts"]),
        run(d, "demo.db", &["export", "contracts"])
    );
    let again = csm(d)
        .arg("--db")
        .arg(d.join("demo.db"))
        .args(["backup", copy.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("never overwrites"));
}
