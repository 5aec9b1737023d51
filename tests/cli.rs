//! The `csm` command line against books in a temporary directory.

mod common;

use std::path::Path;

use assert_cmd::Command;

use common::csm;

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn stderr_of_failure(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(!out.status.success(), "expected a failure");
    String::from_utf8(out.stderr).unwrap()
}

/// Every row of every table, in order: what `sqlite3 BOOK .dump` compares.
fn dump(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for t in tables {
        // Every column but the team-wide ids, which rows written in the cockpit get at
        // random (only imported rows' are worked out from their external ids).
        let columns: Vec<String> = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{t}') WHERE name <> 'uid'"
            ))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let n = columns.len();
        let order = if n > 1 { "1, 2" } else { "1" };
        let mut stmt = conn
            .prepare(&format!(
                "SELECT {} FROM \"{t}\" ORDER BY {order}",
                columns.join(", ")
            ))
            .unwrap();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                Ok(format!("{t}: {}", cells.join("|")))
            })
            .unwrap();
        for row in rows {
            out.push(row.unwrap());
        }
    }
    out
}

fn demo(dir: &Path, name: &str, seed: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    csm(dir)
        .args([
            "demo",
            "--accounts",
            "60",
            "--csms",
            "3",
            "--seed",
            seed,
            "--today",
            "2026-03-01",
            "--db",
        ])
        .arg(&path)
        .assert()
        .success();
    path
}

#[test]
fn the_same_seed_and_today_give_the_same_book() {
    let dir = tempfile::tempdir().unwrap();
    let a = demo(dir.path(), "a.db", "7");
    let b = demo(dir.path(), "b.db", "7");
    let c = demo(dir.path(), "c.db", "8");
    let (a, b, c) = (dump(&a), dump(&b), dump(&c));
    assert!(a.len() > 1000, "a real book: {} rows", a.len());
    assert_eq!(a, b);
    assert_ne!(a, c, "another seed, another book");
}

#[test]
fn accounts_lists_the_book_as_json_with_global_flags_after_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "demo.db", "42");
    let json = stdout(
        csm(dir.path())
            .args(["accounts", "--json", "--db"])
            .arg(&book)
            .args(["--today", "2026-03-01"]),
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let accounts = v["accounts"].as_array().unwrap();
    assert!(
        accounts.len() > 40 && accounts.len() <= 60,
        "{}",
        accounts.len()
    );
    let first = &accounts[0];
    for key in [
        "id",
        "name",
        "segment",
        "owner",
        "arr_cents",
        "currency",
        "renewal_date",
        "days_to_renewal",
    ] {
        assert!(first.get(key).is_some(), "{key}");
    }
    let days: Vec<i64> = accounts
        .iter()
        .filter_map(|a| a["days_to_renewal"].as_i64())
        .collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "next renewal first");
}

#[test]
fn check_reports_a_sound_book() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "demo.db", "42");
    let out = stdout(csm(dir.path()).arg("--db").arg(&book).arg("check"));
    assert!(out.contains("integrity  ok"), "{out}");
    assert!(out.contains("accounts"), "{out}");
}

#[test]
fn the_demo_is_journaled_as_one_import() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "demo.db", "42");
    let json = stdout(
        csm(dir.path())
            .args(["journal", "--json", "--db"])
            .arg(&book),
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["action"], "import");
    assert_eq!(entries[0]["actor"], "csm demo");
    assert!(
        entries[0]["summary"]
            .as_str()
            .unwrap()
            .contains("60 accounts")
    );
}

#[test]
fn demo_never_overwrites_a_real_book_and_asks_before_replacing_a_demo() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "demo.db", "42");
    let err = stderr_of_failure(csm(dir.path()).args(["demo", "--db"]).arg(&book));
    assert!(err.contains("pass --force to replace it"), "{err}");
    csm(dir.path())
        .args(["demo", "--force", "--accounts", "10", "--db"])
        .arg(&book)
        .assert()
        .success();

    let real = dir.path().join("real.db");
    csm(dir.path())
        .arg("--db")
        .arg(&real)
        .arg("check")
        .assert()
        .success();
    let err = stderr_of_failure(csm(dir.path()).args(["demo", "--force", "--db"]).arg(&real));
    assert!(err.contains("not a demo book"), "{err}");
}

#[test]
fn a_file_that_is_not_a_book_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "not a database").unwrap();
    let err = stderr_of_failure(csm(dir.path()).arg("--db").arg(&notes).arg("check"));
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("is not a csm book"), "{err}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "not a database");
}

#[test]
fn a_bad_config_is_refused_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("my.toml");
    std::fs::write(
        &config,
        "[health.weights]\nusage = 50\nadoption = 30\nsupport = 20\nengagement = 10\n",
    )
    .unwrap();
    let err = stderr_of_failure(csm(dir.path()).arg("config").arg("--config").arg(&config));
    assert!(err.contains("my.toml:"), "{err}");
    assert!(err.contains("add up to 110"), "{err}");

    std::fs::write(&config, "[keys]\nquit = \"j\"\n").unwrap();
    let err = stderr_of_failure(csm(dir.path()).arg("config").arg("--config").arg(&config));
    assert!(err.contains("my.toml:2:8: `j` is bound to both"), "{err}");
}

#[test]
fn config_prints_the_effective_settings() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("my.toml");
    std::fs::write(&config, "[health]\ngreen_at = 75\n").unwrap();
    let out = stdout(csm(dir.path()).arg("config").arg("--config").arg(&config));
    assert!(out.contains("green_at = 75"), "{out}");
    assert!(out.contains("usage = 40"), "{out}");
}

#[test]
fn a_date_that_is_not_iso_is_refused_with_what_was_expected() {
    let dir = tempfile::tempdir().unwrap();
    let err = stderr_of_failure(csm(dir.path()).args(["accounts", "--today", "03/01/2026"]));
    assert!(err.contains("expected YYYY-MM-DD"), "{err}");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "demo.db", "42");
    let exe = assert_cmd::cargo::cargo_bin("csm");
    let mut child = std::process::Command::new(exe)
        .args(["health", "--json", "--today", "2026-03-01", "--db"])
        .arg(&book)
        .env_remove("CSM_CONFIG")
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read the first bytes, as `| head -c 10` would, and hang up.
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
}

#[test]
fn renewals_json_places_each_renewal_in_its_window_with_motion_forecast_and_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "demo.db", "42");
    let json = stdout(
        csm(dir.path())
            .args(["renewals", "--within", "120", "--json", "--db"])
            .arg(&book),
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let renewals = v["renewals"].as_array().unwrap();
    assert!(!renewals.is_empty());
    for r in renewals {
        for key in [
            "account_id",
            "account",
            "owner",
            "renewal_date",
            "days_until",
            "window",
            "arr",
            "health",
            "forecast",
            "motion",
            "warnings",
        ] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
        let days = r["days_until"].as_i64().unwrap();
        assert!(days <= 120, "--within 120: {days}");
        let window = r["window"].as_str().unwrap();
        let expected = match days {
            ..0 => "overdue",
            0..=30 => "30",
            31..=60 => "60",
            61..=90 => "90",
            _ => "120",
        };
        assert_eq!(window, expected, "{r}");
        for key in ["stage", "done", "behind"] {
            assert!(r["motion"].get(key).is_some(), "motion.{key}");
        }
    }
    let windows = v["windows"].as_array().unwrap();
    let counted: u64 = windows.iter().map(|w| w["count"].as_u64().unwrap()).sum();
    assert_eq!(
        counted as usize,
        renewals.len(),
        "the windows count every renewal"
    );
    let owner = renewals[0]["owner"].as_str().unwrap().to_string();
    let mine = stdout(
        csm(dir.path())
            .args(["renewals", "--owner", &owner, "--json", "--db"])
            .arg(&book),
    );
    let mine: serde_json::Value = serde_json::from_str(&mine).unwrap();
    assert!(
        mine["renewals"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["owner"] == owner.as_str())
    );
}

#[test]
fn stakeholders_json_gives_each_contact_and_the_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "demo.db", "42");
    let gaps = stdout(
        csm(dir.path())
            .args(["stakeholders", "--gaps", "--json", "--db"])
            .arg(&book),
    );
    let gaps: serde_json::Value = serde_json::from_str(&gaps).unwrap();
    let accounts = gaps["accounts"].as_array().unwrap();
    assert!(!accounts.is_empty());
    let arr: Vec<i64> = accounts
        .iter()
        .map(|a| a["arr_cents"].as_i64().unwrap())
        .collect();
    assert!(arr.windows(2).all(|w| w[0] >= w[1]), "largest ARR first");
    let first = &accounts[0];
    assert!(first["gaps"][0]["kind"].is_string() && first["gaps"][0]["reason"].is_string());

    let id = first["account_id"].as_i64().unwrap().to_string();
    let map = stdout(
        csm(dir.path())
            .args(["stakeholders", &id, "--json", "--db"])
            .arg(&book),
    );
    let map: serde_json::Value = serde_json::from_str(&map).unwrap();
    assert_eq!(map["gaps"], first["gaps"], "the same gaps either way");
    for contact in map["contacts"].as_array().unwrap() {
        for key in [
            "id",
            "name",
            "title",
            "role",
            "sentiment",
            "influence",
            "reports_to",
            "last_touch",
            "left_on",
            "advocacy",
        ] {
            assert!(contact.get(key).is_some(), "{key} missing in {contact}");
        }
    }
}

#[test]
fn today_json_lists_the_queue_in_order_with_why_what_to_do_and_the_keys() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "demo.db", "42");
    let json = stdout(
        csm(dir.path())
            .args([
                "today", "--owner", "reyes", "--limit", "10", "--json", "--db",
            ])
            .arg(&book),
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["owner"], "Mia Reyes");
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 10);
    assert!(v["left"].as_u64().unwrap() >= 10);
    // Saves first, then risks, then routine work; by priority within each.
    let order: Vec<(usize, f64)> = items
        .iter()
        .map(|i| {
            let class = ["save", "risk", "routine"]
                .iter()
                .position(|c| i["class"] == *c)
                .unwrap();
            (class, i["priority"].as_f64().unwrap())
        })
        .collect();
    assert!(
        order
            .windows(2)
            .all(|w| w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 >= w[1].1)),
        "{order:?}"
    );
    // One row per account, each led by its most pressing item.
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 10);
    let accounts: std::collections::HashSet<&str> = rows
        .iter()
        .map(|r| r["account"].as_str().unwrap())
        .collect();
    assert_eq!(accounts.len(), 10, "an account has one row");
    for r in rows {
        let n = r["items"].as_array().unwrap().len();
        assert_eq!(r["more"].is_null(), n == 1, "{r}");
    }
    for i in items {
        for field in ["kind", "key", "account", "reason", "todo", "actions"] {
            assert!(!i[field].is_null(), "{field} missing in {i}");
        }
        assert!(i["reason"].as_str().unwrap().starts_with('$'), "{i}");
        assert!(
            i["actions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "enter open")
        );
    }
    let err = stderr_of_failure(
        csm(dir.path())
            .args(["today", "--owner", "nobody", "--db"])
            .arg(&book),
    );
    assert!(
        err.contains("nobody on the team is called `nobody`"),
        "{err}"
    );
}

#[test]
fn stakeholders_gaps_take_an_owner_by_part_of_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "demo.db", "42");
    let all = |args: &[&str]| -> Vec<String> {
        let out = stdout(
            csm(dir.path())
                .args(["stakeholders", "--gaps", "--json"])
                .args(args)
                .arg("--db")
                .arg(&book),
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["owner"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let everyone = all(&[]);
    let first = everyone[0].clone();
    let part = first.split(' ').next().unwrap().to_lowercase();
    let theirs = all(&["--owner", &part]);
    assert!(!theirs.is_empty() && theirs.len() < everyone.len());
    assert!(theirs.iter().all(|o| *o == first), "{theirs:?}");
    let refused = stderr_of_failure(
        csm(dir.path())
            .args(["stakeholders", "--gaps", "--owner", "nobody-here", "--db"])
            .arg(&book),
    );
    assert!(refused.contains("nobody on the team"), "{refused}");
    // Every list command reads an owner the same way.
    for command in ["accounts", "tasks", "renewals"] {
        let refused = stderr_of_failure(
            csm(dir.path())
                .args([command, "--owner", "nobody-here", "--db"])
                .arg(&book),
        );
        assert!(
            refused.contains("nobody on the team"),
            "{command}: {refused}"
        );
        let out = stdout(
            csm(dir.path())
                .args([command, "--json", "--owner", &part, "--db"])
                .arg(&book),
        );
        assert!(
            !out.contains(&format!(
                "\"owner\": \"{}",
                everyone.iter().find(|o| **o != first).unwrap()
            )),
            "{command}"
        );
    }
}

/// With `[user] name` on the team, every list command opens on that person's accounts,
/// says so, and `--owner all` shows everyone's.
#[test]
fn list_commands_default_to_my_accounts_and_owner_all_shows_everyones() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "demo.db", "42");
    let config = dir.path().join("mine.toml");
    std::fs::write(&config, "[user]\nname = \"Mia Reyes\"\n").unwrap();
    let accounts = |extra: &[&str]| -> (Vec<serde_json::Value>, String) {
        let out = csm(dir.path())
            .args(["accounts", "--json", "--db"])
            .arg(&book)
            .arg("--config")
            .arg(&config)
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (
            v["accounts"].as_array().unwrap().clone(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (mine, said) = accounts(&[]);
    assert!(!mine.is_empty());
    assert!(mine.iter().all(|a| a["owner"] == "Mia Reyes"), "only mine");
    assert!(said.contains("--owner all"), "{said}");
    let (all, _) = accounts(&["--owner", "all"]);
    assert!(all.len() > mine.len());
    assert!(all.iter().any(|a| a["owner"] != "Mia Reyes"));
    let tasks = stdout(
        csm(dir.path())
            .args(["tasks", "--json", "--db"])
            .arg(&book)
            .arg("--config")
            .arg(&config),
    );
    let tasks: serde_json::Value = serde_json::from_str(&tasks).unwrap();
    assert!(
        tasks["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["owner"] == "Mia Reyes")
    );
}
#[test]
fn playbooks_run_closes_what_the_checklist_already_did_and_tasks_closed_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "demo.db", "42");
    let run = stdout(
        csm(dir.path())
            .args(["playbooks", "run", "--today", "2026-03-01", "--db"])
            .arg(&book),
    );
    assert!(run.contains("tasks closed themselves"), "{run}");
    let json = stdout(
        csm(dir.path())
            .args(["tasks", "--closed", "--json", "--db"])
            .arg(&book),
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let closed = v["closed"].as_array().unwrap();
    assert!(!closed.is_empty());
    for c in closed {
        assert!(!c["reason"].as_str().unwrap().is_empty(), "{c}");
        assert_eq!(c["closed_on"], "2026-03-01");
    }
    assert!(
        closed.iter().any(|c| c["reason"]
            .as_str()
            .unwrap()
            .starts_with("done on the renewal checklist")),
        "{json}"
    );
    let text = stdout(
        csm(dir.path())
            .args(["tasks", "--closed", "--db"])
            .arg(&book),
    );
    assert!(
        text.ends_with(&format!("{} tasks closed themselves\n", closed.len())),
        "{text}"
    );
}

#[test]
fn playbooks_show_tells_each_steps_key_order_and_what_it_settles() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(csm(dir.path()).args(["playbooks", "show", "renewal-30"]));
    assert!(
        out.contains("completes contract_sent, contract_signed"),
        "{out}"
    );
    assert!(
        out.contains("after signature · moot on renewal_signed"),
        "{out}"
    );
    let out = stdout(csm(dir.path()).args(["playbooks", "show", "advocacy-ask"]));
    assert!(
        out.contains("unless: health red or yellow; economic buyer negative; no exec sponsor"),
        "{out}"
    );
    let err = stderr_of_failure(csm(dir.path()).args(["playbooks", "show", "nope"]));
    assert!(err.contains("no playbook `nope`"), "{err}");
}
