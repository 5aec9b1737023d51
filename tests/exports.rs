//! Exports as real systems write them (CRMs, billing systems, product analytics, support
//! desks; fixtures in their shape, with rows of our own) imported with no map: accounts
//! without a segment, subscriptions, events keyed by a subscription, tickets without a
//! subject, a whole folder in one command; grouped problems and one-line refusals.

mod common;

use std::path::{Path, PathBuf};

use common::csm;

const TODAY: &str = "2026-11-30";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/exports")
        .join(name)
}

/// `csm --db BOOK --today TODAY import ARGS...`: its output, or its error.
fn import(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = csm(dir)
        .args([
            "--db",
            dir.join("book.db").to_str().unwrap(),
            "--today",
            TODAY,
        ])
        .arg("import")
        .args(args)
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    if out.status.success() {
        Ok(text(&out.stdout) + &text(&out.stderr))
    } else {
        Err(text(&out.stderr))
    }
}

fn query(dir: &Path, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(dir.join("book.db")).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        Ok((0..n)
            .map(|i| match r.get_ref(i).unwrap() {
                rusqlite::types::ValueRef::Null => "-".to_string(),
                rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                rusqlite::types::ValueRef::Real(v) => v.to_string(),
                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                rusqlite::types::ValueRef::Blob(_) => "<blob>".into(),
            })
            .collect::<Vec<_>>()
            .join("|"))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// An accounts file naming each distinct value of `column` in `file` as an account: a
/// billing system's or a desk's customers, made accounts of the book.
fn accounts_for(dir: &Path, file: &Path, column: &str) -> PathBuf {
    let mut reader = csv::Reader::from_path(file).unwrap();
    let at = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == column)
        .unwrap();
    let mut ids: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[at].to_string())
        .collect();
    ids.sort();
    ids.dedup();
    let mut text = String::from("id,name,segment\n");
    for (i, id) in ids.iter().enumerate() {
        text.push_str(&format!("{id},Customer {i},smb\n"));
    }
    let out = dir.join(format!("accounts-for-{column}.csv"));
    std::fs::write(&out, text).unwrap();
    out
}

#[test]
fn crm_accounts_without_a_segment_are_tiered_and_tiered_again_by_their_contracts_arr() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for file in [
        "salesforce_accounts.csv",
        "hubspot_companies.csv",
        "churnzero_accounts.csv",
    ] {
        let out = import(d, &["accounts", path(&fixture(file))]).unwrap();
        assert!(out.contains("segmented"), "{file}: {out}");
        assert!(out.contains("imported:"), "{file}: {out}");
    }
    // Windows-1252 read as such, Owner.Name preferred to OwnerId.
    assert_eq!(
        query(
            d,
            "SELECT a.name, t.name FROM accounts a JOIN team_members t ON t.id = a.owner_id
             WHERE a.name LIKE 'Caf%'"
        ),
        ["Café Lumière Roasters|Ravi Menon"]
    );
    // Without ARR yet, self-serve until contracts bring it; then by the ARR bands.
    assert_eq!(
        query(
            d,
            "SELECT DISTINCT segment FROM accounts WHERE arr_cents = 0"
        ),
        ["self_serve"]
    );
    assert_eq!(
        query(d, "SELECT DISTINCT segment_by FROM accounts"),
        ["arr"]
    );
    // ChurnZero's contract amount is ARR: the bands tier it at once.
    assert_eq!(
        query(
            d,
            "SELECT segment FROM accounts WHERE name = 'Quillstone Legal LLP'"
        ),
        ["mid_market"]
    );
    let saas = tempfile::tempdir().unwrap();
    let s = saas.path();
    import(s, &["accounts", path(&fixture("saas/accounts.csv"))]).unwrap();
    let out = import(s, &["contracts", path(&fixture("saas/subscriptions.csv"))]).unwrap();
    assert!(
        out.contains("tiered again by the ARR of their contracts"),
        "{out}"
    );
    assert_eq!(
        query(
            s,
            "SELECT name, segment, arr_cents FROM accounts WHERE name IN
             ('Quillstone Legal LLP', 'Pine Harbor Logistics', 'Northpine Schools Cooperative')
             ORDER BY name"
        ),
        [
            // 9,000 a month: $108K, at or above the $100K enterprise bound.
            "Northpine Schools Cooperative|enterprise|10800000",
            // Two subscriptions add up: (1,800 + 250) x 12.
            "Pine Harbor Logistics|smb|2460000",
            "Quillstone Legal LLP|mid_market|7200000",
        ]
    );
}

#[test]
fn segments_follow_the_configs_bands_by_employees_and_a_plan_tier_word() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let config = d.join("config.toml");
    std::fs::write(
        &config,
        "[segments]\nby = \"employees\"\nmid_market = 200\n",
    )
    .unwrap();
    let file = d.join("companies.csv");
    std::fs::write(
        &file,
        "Id,Name,NumberOfEmployees,Plan\n1,Big Co,5000,\n2,Mid Co,240,\n3,Small Co,40,\n4,Tiny Co,3,\n5,Pro Co,9000,Pro\n",
    )
    .unwrap();
    let out = csm(d)
        .args(["--db", path(&d.join("book.db")), "--config", path(&config)])
        .args(["import", "accounts", path(&file)])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("4 by their employees"), "{said}");
    assert!(said.contains("1 by their plan tier"), "{said}");
    assert_eq!(
        query(
            d,
            "SELECT name, segment, segment_by FROM accounts ORDER BY external_id"
        ),
        [
            "Big Co|enterprise|employees",
            "Mid Co|mid_market|employees",
            "Small Co|smb|employees",
            "Tiny Co|self_serve|employees",
            "Pro Co|smb|plan",
        ]
    );
}

#[test]
fn billing_subscriptions_read_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import(d, &["accounts", path(&fixture("saas/accounts.csv"))]).unwrap();
    let out = import(d, &["contracts", path(&fixture("saas/subscriptions.csv"))]).unwrap();
    assert!(
        out.contains("1 row: trial subscriptions left out of revenue"),
        "{out}"
    );
    assert!(out.contains("3 rows: open-ended"), "{out}");
    // A trial is not a contract; it is kept aside for its usage.
    assert_eq!(
        query(
            d,
            "SELECT count(*) FROM contracts WHERE external_id = 'sub_CLB0001ai'"
        ),
        ["0"]
    );
    assert_eq!(
        query(d, "SELECT external_id FROM trials"),
        ["sub_CLB0001ai"]
    );
    // A canceled subscription is a churned outcome on the day it ended, and an account
    // whose every term churned has churned.
    assert_eq!(
        query(
            d,
            "SELECT c.ends_on, c.outcome, c.outcome_on, c.outcome_arr_cents, a.churned_on
             FROM contracts c JOIN accounts a ON a.id = c.account_id
             WHERE c.external_id = 'sub_MFO0001ad'"
        ),
        ["2026-08-15|churned|2026-08-15|0|2026-08-15"]
    );
    // An open-ended monthly subscription renews on its next monthly anniversary; a
    // yearly one with an end date keeps it; MRR counts twelve times.
    assert_eq!(
        query(
            d,
            "SELECT external_id, starts_on, ends_on, arr_cents FROM contracts
             WHERE external_id IN ('sub_PHL0002ab', 'sub_PHL0001aa', 'sub_BFA0001ae')
             ORDER BY external_id"
        ),
        [
            "sub_BFA0001ae|2025-01-15|2026-12-15|278400",
            "sub_PHL0001aa|2024-07-01|2027-06-30|2160000",
            "sub_PHL0002ab|2025-10-01|2026-12-01|300000",
        ]
    );
    // Seats come with the subscriptions' quantities.
    assert_eq!(
        query(
            d,
            "SELECT licensed_seats FROM accounts WHERE name = 'Pine Harbor Logistics'"
        ),
        ["50"]
    );
}

#[test]
fn stripe_and_chargebee_subscriptions_import_once_their_customers_are_accounts() {
    for (file, customer, canceled, trial) in [
        (
            "stripe_subscriptions.csv",
            "customer",
            "canceled",
            "trialing",
        ),
        (
            "chargebee_subscriptions.csv",
            "Customer Id",
            "cancelled",
            "in_trial",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let accounts = accounts_for(d, &fixture(file), customer);
        import(d, &["accounts", path(&accounts)]).unwrap();
        let out = import(d, &["contracts", path(&fixture(file))]).unwrap();
        assert!(
            out.contains("trial subscriptions left out"),
            "{file}: {out}"
        );
        assert!(out.contains("a churned outcome"), "{file}: {out}");
        let rows = csv::Reader::from_path(fixture(file))
            .unwrap()
            .records()
            .count();
        let trials = csv::Reader::from_path(fixture(file))
            .unwrap()
            .records()
            .filter(|r| r.as_ref().unwrap().iter().any(|c| c == trial))
            .count();
        let kept: usize = query(d, "SELECT count(*) FROM contracts")[0]
            .parse()
            .unwrap();
        assert_eq!(kept, rows - trials, "{file}: every row but the trials");
        let churned: usize = query(
            d,
            "SELECT count(*) FROM contracts WHERE outcome = 'churned' AND outcome_arr_cents = 0",
        )[0]
        .parse()
        .unwrap();
        let canceled_rows = csv::Reader::from_path(fixture(file))
            .unwrap()
            .records()
            .filter(|r| r.as_ref().unwrap().iter().any(|c| c == canceled))
            .count();
        assert_eq!(churned, canceled_rows, "{file}");
    }
}

#[test]
fn product_events_keyed_by_a_subscription_count_toward_its_account() {
    for events in [
        "saas/events.csv",
        "amplitude_events.csv",
        "segment_events.csv",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        import(d, &["accounts", path(&fixture("saas/accounts.csv"))]).unwrap();
        import(d, &["contracts", path(&fixture("saas/subscriptions.csv"))]).unwrap();
        let out = import(d, &["usage", path(&fixture(events))]).unwrap();
        assert!(out.contains("usage events from"), "{events}: {out}");
        assert!(out.contains("keyed by a subscription"), "{events}: {out}");
        let weeks: i64 = query(d, "SELECT count(*) FROM usage_weeks")[0]
            .parse()
            .unwrap();
        assert!(weeks > 0, "{events}");
        // Every week is a Monday's, on an account (never a subscription).
        assert_eq!(
            query(
                d,
                "SELECT count(*) FROM usage_weeks WHERE strftime('%w', week_start) <> '1'"
            ),
            ["0"]
        );
    }
}

#[test]
fn support_desk_tickets_without_a_subject_read_ratings_and_escalations() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = fixture("zendesk_tickets.csv");
    import(
        d,
        &["accounts", path(&accounts_for(d, &file, "organization_id"))],
    )
    .unwrap();
    let out = import(d, &["tickets", path(&file)]).unwrap();
    assert!(out.contains("no subject: `no subject` used"), "{out}");
    assert!(out.contains("opened_on        <- created_at"), "{out}");
    assert_eq!(
        query(d, "SELECT DISTINCT subject FROM tickets"),
        ["no subject"]
    );
    assert_eq!(
        query(
            d,
            "SELECT external_id, priority, escalated, coalesce(csat, '-') FROM tickets
             WHERE external_id IN ('48211', '48230') ORDER BY external_id"
        ),
        ["48211|p2|0|5", "48230|p1|1|-"]
    );
    let freshdesk = tempfile::tempdir().unwrap();
    let f = freshdesk.path();
    let file = fixture("freshdesk_tickets.csv");
    import(f, &["accounts", path(&accounts_for(f, &file, "Ticket ID"))]).ok();
    // Freshdesk names the company: accounts by those names.
    let mut names = String::from("id,name,segment\n");
    let mut reader = csv::Reader::from_path(&file).unwrap();
    let at = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "Company Name")
        .unwrap();
    let mut seen = Vec::new();
    for r in reader.records() {
        let name = r.unwrap()[at].to_string();
        if !seen.contains(&name) {
            names.push_str(&format!("c{},{name},smb\n", seen.len()));
            seen.push(name);
        }
    }
    let companies = f.join("companies.csv");
    std::fs::write(&companies, names).unwrap();
    import(f, &["accounts", path(&companies)]).unwrap();
    let out = import(f, &["tickets", path(&file)]).unwrap();
    assert!(out.contains("imported:"), "{out}");
}

#[test]
fn a_five_table_folder_imports_in_one_command_and_the_backtest_runs_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let dry = import(d, &[path(&fixture("saas")), "--dry-run"]).unwrap();
    assert!(dry.contains("nothing was written"), "{dry}");
    assert!(!d.join("book.db").exists() || query(d, "SELECT count(*) FROM accounts") == ["0"]);
    let out = import(d, &[path(&fixture("saas"))]).unwrap();
    for (file, kind) in [
        ("accounts.csv", "accounts"),
        ("subscriptions.csv", "contracts"),
        ("events.csv", "usage"),
        ("tickets.csv", "tickets"),
        ("nps.csv", "surveys"),
    ] {
        assert!(
            out.contains(&format!("{file} -> {kind}: ")),
            "{file}: {out}"
        );
    }
    // In dependency order: accounts first, whatever the files' names.
    let order: Vec<usize> = [
        "accounts from",
        "contracts from",
        "usage events from",
        "tickets from",
        "surveys from",
    ]
    .iter()
    .map(|w| out.find(w).unwrap_or_else(|| panic!("{w}: {out}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
    assert!(
        out.contains("week by week"),
        "a first import scores a year of history: {out}"
    );
    assert_eq!(query(d, "SELECT count(*) FROM accounts"), ["8"]);
    let backtest = csm(d)
        .args(["--db", path(&d.join("book.db")), "--today", TODAY])
        .args(["health", "--backtest", "--json"])
        .output()
        .unwrap();
    assert!(
        backtest.status.success(),
        "{}",
        String::from_utf8_lossy(&backtest.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&backtest.stdout).unwrap();
    assert!(json.is_object(), "{json}");
}

#[test]
fn a_folder_is_imported_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let folder = d.join("exports");
    std::fs::create_dir(&folder).unwrap();
    for f in ["accounts.csv", "subscriptions.csv", "tickets.csv"] {
        std::fs::copy(fixture(&format!("saas/{f}")), folder.join(f)).unwrap();
    }
    let tickets = std::fs::read_to_string(folder.join("tickets.csv")).unwrap();
    let broken = tickets.replacen("2026-10-21T09:10:00Z", "someday", 1);
    std::fs::write(folder.join("tickets.csv"), broken).unwrap();
    let err = import(d, &[path(&folder)]).unwrap_err();
    assert!(err.contains("`someday`: expected a date"), "{err}");
    assert!(
        err.contains("a folder is imported whole or not at all"),
        "{err}"
    );
    assert_eq!(query(d, "SELECT count(*) FROM accounts"), ["0"]);
}

#[test]
fn many_rows_with_one_problem_are_one_line_with_their_ranges_and_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut text = String::from("id,customer,status,mrr,start_date\n");
    for i in 0..60 {
        text.push_str(&format!("sub_{i},cus_unknown_{i},active,100,2025-01-01\n"));
    }
    let file = d.join("subs.csv");
    std::fs::write(&file, &text).unwrap();
    let err = import(d, &["contracts", path(&file)]).unwrap_err();
    let mapping = err.find("columns:").expect("the mapping comes first");
    let problems = err.find("problems:").expect("then the problems");
    assert!(mapping < problems, "{err}");
    let grouped: Vec<&str> = err.lines().filter(|l| l.contains("rows (lines")).collect();
    assert!(
        grouped
            .iter()
            .any(|l| l.contains("60 rows (lines 2-61, column 2 `customer`")),
        "{err}"
    );
    assert!(
        err.contains("import accounts first"),
        "the fix is named: {err}"
    );
    assert!(
        err.lines().count() < 25,
        "grouped, not one line a row: {err}"
    );
    // A problem of its own is told at its line and column.
    std::fs::write(&file, text + "sub_x,cus_x,active,100,2025-02-30\n").unwrap();
    let err = import(d, &["contracts", path(&file)]).unwrap_err();
    assert!(
        err.contains(":62:5: `2025-02-30`: expected a real calendar day"),
        "{err}"
    );
    for internal in ["#0", "insert", "SQLITE", "rusqlite"] {
        assert!(!err.contains(internal), "{internal}: {err}");
    }
}

#[test]
fn a_file_that_is_not_text_csm_reads_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = "id,name,segment\n1,Acme,smb\n";
    let mut utf32 = vec![0xFE, 0xFF];
    for c in text.chars() {
        utf32.extend((c as u32).to_be_bytes());
    }
    let mut utf32le = vec![0xFF, 0xFE, 0, 0];
    for c in text.chars() {
        utf32le.extend((c as u32).to_le_bytes());
    }
    for (name, bytes, says) in [
        ("a.csv", utf32, "UTF-32"),
        ("b.csv", utf32le, "UTF-32"),
        ("c.csv", b"PK\x03\x04\x14\x00\x06\x00rest".to_vec(), "zip"),
    ] {
        let file = d.join(name);
        std::fs::write(&file, bytes).unwrap();
        let err = import(d, &["accounts", path(&file)]).unwrap_err();
        let said: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(said.len(), 1, "{name}: {err}");
        assert!(said[0].contains(says), "{name}: {err}");
    }
}

#[test]
fn a_suggested_map_spells_out_every_guess_and_imports_once_edited() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("billing.csv");
    std::fs::write(
        &file,
        "Sub Ref,Client Code,Monthly Fee,Began,Coupon\nS1,A1,100,2025-03-01,X\n",
    )
    .unwrap();
    import(d, &["contracts", path(&file)]).unwrap_err();
    let map = d.join("billing.toml");
    import(
        d,
        &[
            "--suggest-map",
            "contracts",
            path(&file),
            "--out",
            path(&map),
        ],
    )
    .unwrap();
    let text = std::fs::read_to_string(&map).unwrap();
    assert!(text.contains("# account = \"\"  # REQUIRED"), "{text}");
    assert!(text.contains("#   Client Code"), "{text}");
    // The person fills in what csm could not guess.
    let edited = text
        .replace(
            "# account = \"\"  # REQUIRED",
            "account = \"Client Code\" #",
        )
        .replace("# starts_on = \"\"  # REQUIRED", "starts_on = \"Began\" #")
        .replace("# mrr = \"\"", "mrr = \"Monthly Fee\" #")
        .replace("# external_id = \"\"", "external_id = \"Sub Ref\" #");
    std::fs::write(&map, edited).unwrap();
    std::fs::write(d.join("a.csv"), "id,name,segment\nA1,Acme,smb\n").unwrap();
    import(d, &["accounts", path(&d.join("a.csv"))]).unwrap();
    let out = import(d, &["contracts", path(&file), "--map", path(&map)]).unwrap();
    assert!(out.contains("imported: 1 new"), "{out}");
    assert_eq!(
        query(d, "SELECT external_id, arr_cents FROM contracts"),
        ["S1|120000"]
    );
}

#[test]
fn a_file_of_churn_events_marks_its_accounts_and_their_renewals() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import(d, &["accounts", path(&fixture("saas/accounts.csv"))]).unwrap();
    import(d, &["contracts", path(&fixture("saas/subscriptions.csv"))]).unwrap();
    let file = d.join("churn.csv");
    std::fs::write(
        &file,
        "account_id,churn_date,churn_reason,feedback\n001A00000TDG005AAA,2026-11-20,Budget cuts,Froze all spend\n",
    )
    .unwrap();
    let out = import(d, &[path(&file)]).unwrap();
    assert!(out.contains("read as churn"), "{out}");
    assert_eq!(
        query(
            d,
            "SELECT a.churned_on, c.outcome, c.outcome_on, c.outcome_reason, c.outcome_note
             FROM accounts a JOIN contracts c ON c.account_id = a.id
             WHERE a.external_id = '001A00000TDG005AAA'"
        ),
        ["2026-11-20|churned|2026-11-20|Budget cuts|Froze all spend"]
    );
}

#[test]
fn a_billing_dashboards_export_reads_its_utc_times_and_per_period_amounts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("acc.csv"), "Id,Name\ncus_1,Acme\ncus_2,Globex\n").unwrap();
    import(d, &["accounts", path(&d.join("acc.csv"))]).unwrap();
    let file = d.join("subscriptions.csv");
    std::fs::write(
        &file,
        "id,Customer ID,Plan,Quantity,Interval,Amount,Status,Start (UTC),Current Period End (UTC),Ended At (UTC)\n\
         sub_a,cus_1,Pro,5,month,$49.00,active,2025-01-04 10:00,2026-12-04 10:00,\n\
         sub_b,cus_2,Business,1,year,\"$5,400.00\",canceled,2024-03-01 09:00,2026-03-01 09:00,2026-03-01 09:00\n",
    )
    .unwrap();
    let out = import(d, &[path(&file)]).unwrap();
    assert!(out.contains("read as contracts"), "{out}");
    assert!(out.contains("starts_on        <- Start (UTC)"), "{out}");
    assert_eq!(
        query(
            d,
            "SELECT external_id, ends_on, arr_cents, coalesce(outcome, '-') FROM contracts ORDER BY external_id"
        ),
        // $49 a seat a month for 5 seats; a year's plan at its price.
        [
            "sub_a|2026-12-04|294000|-",
            "sub_b|2026-03-01|540000|churned"
        ]
    );
}

#[test]
fn dated_rows_with_a_feature_and_a_count_read_as_events_whatever_their_headers_say() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import(d, &["accounts", path(&fixture("saas/accounts.csv"))]).unwrap();
    import(d, &["contracts", path(&fixture("saas/subscriptions.csv"))]).unwrap();
    let events = std::fs::read_to_string(fixture("saas/events.csv")).unwrap();
    let (_, rows) = events.split_once('\n').unwrap();
    let odd = d.join("odd.csv");
    std::fs::write(&odd, format!("when,sub,who,what,n\n{rows}")).unwrap();
    let out = import(d, &["usage", path(&odd)]).unwrap();
    assert!(
        out.contains("read as events by what the columns hold"),
        "{out}"
    );
    assert!(out.contains("account          <- sub"), "{out}");
    assert!(out.contains("occurred_on      <- when"), "{out}");
    let weeks: i64 = query(d, "SELECT count(*) FROM usage_weeks")[0]
        .parse()
        .unwrap();
    assert!(weeks > 0);
}
