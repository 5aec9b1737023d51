//! `csm import` on files as CRMs and product tools really write them: each quirk read
//! right, a bad file refused with every problem at its line and column and nothing
//! written, and the same file twice changing nothing.

mod common;

use std::path::{Path, PathBuf};

use common::csm;

/// Runs `csm --db BOOK --today 2026-03-01 import ARGS...`; stdout, or the failure's stderr.
fn import(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = csm(dir)
        .arg("--db")
        .arg(dir.join("book.db"))
        .args(["--today", "2026-03-01", "import"])
        .args(args)
        .output()
        .unwrap();
    if out.status.success() {
        Ok(String::from_utf8(out.stdout).unwrap())
    } else {
        Err(String::from_utf8(out.stderr).unwrap())
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn query(dir: &Path, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(dir.join("book.db")).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let rows = stmt
        .query_map([], |r| {
            let n = r.as_ref().column_count();
            Ok((0..n)
                .map(|i| match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Null => "NULL".to_string(),
                    rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                    rusqlite::types::ValueRef::Real(v) => v.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    rusqlite::types::ValueRef::Blob(_) => "blob".to_string(),
                })
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn a_salesforce_report_export_imports_with_its_footer_and_repeats_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let out = import(
        dir.path(),
        &["accounts", &fixture("salesforce_accounts.csv")],
    )
    .unwrap();
    assert!(out.contains("2 rows"), "{out}");
    assert!(out.contains("1 repeated row left out"), "{out}");
    assert!(out.contains("3-line report footer left out"), "{out}");
    assert!(
        out.contains("AnnualRevenue: the customer's own revenue"),
        "{out}"
    );
    assert!(
        out.contains("imported: 2 new, 0 updated, 0 unchanged"),
        "{out}"
    );
    assert_eq!(
        query(
            dir.path(),
            "SELECT a.name, a.segment, a.arr_cents, t.name FROM accounts a JOIN team_members t ON t.id = a.owner_id ORDER BY a.name"
        ),
        [
            "Acme Anvils, Inc.|enterprise|0|Dana Okafor",
            "Hooli|mid_market|0|New Person"
        ],
        "the customer's revenue is never taken for ARR"
    );
}

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    import(
        dir.path(),
        &["accounts", &fixture("salesforce_accounts.csv")],
    )
    .unwrap();
    import(
        dir.path(),
        &["contracts", &fixture("churnzero_contracts.csv")],
    )
    .unwrap();
    let before = query(dir.path(), "SELECT * FROM accounts ORDER BY id");
    let contracts = query(dir.path(), "SELECT * FROM contracts ORDER BY id");
    let again = import(
        dir.path(),
        &["contracts", &fixture("churnzero_contracts.csv")],
    )
    .unwrap();
    assert!(again.contains("0 new, 0 updated, 2 unchanged"), "{again}");
    let again = import(
        dir.path(),
        &["accounts", &fixture("salesforce_accounts.csv")],
    )
    .unwrap();
    assert!(again.contains("0 new, 0 updated, 2 unchanged"), "{again}");
    assert_eq!(
        query(dir.path(), "SELECT * FROM accounts ORDER BY id"),
        before
    );
    assert_eq!(
        query(dir.path(), "SELECT * FROM contracts ORDER BY id"),
        contracts
    );
    assert_eq!(
        query(
            dir.path(),
            "SELECT kind, inserted, updated, unchanged FROM imports ORDER BY id"
        ),
        [
            "accounts|2|0|0",
            "contracts|2|0|0",
            "contracts|0|0|2",
            "accounts|0|0|2"
        ],
        "each import is recorded with its counts"
    );
}

#[test]
fn churnzero_contracts_read_decimal_commas_currencies_and_us_dates() {
    let dir = tempfile::tempdir().unwrap();
    import(
        dir.path(),
        &["accounts", &fixture("salesforce_accounts.csv")],
    )
    .unwrap();
    let out = import(
        dir.path(),
        &["contracts", &fixture("churnzero_contracts.csv")],
    )
    .unwrap();
    assert!(out.contains("`;`-separated"), "{out}");
    assert_eq!(
        query(
            dir.path(),
            "SELECT starts_on, ends_on, arr_cents, currency FROM contracts ORDER BY id"
        ),
        [
            "2025-04-01|2026-03-31|1200050|EUR",
            "2025-03-15|2026-03-14|4800000|USD"
        ]
    );
    assert_eq!(
        query(dir.path(), "SELECT arr_cents FROM accounts ORDER BY name"),
        ["1200050", "4800000"],
        "an account without ARR of its own takes its term's"
    );
}

#[test]
fn a_bad_last_row_leaves_the_book_unchanged_and_every_problem_is_told() {
    let dir = tempfile::tempdir().unwrap();
    import(
        dir.path(),
        &["accounts", &fixture("salesforce_accounts.csv")],
    )
    .unwrap();
    let before = query(dir.path(), "SELECT * FROM accounts ORDER BY id");
    let file = write(
        dir.path(),
        "usage.csv",
        b"Account,Week,Active Users,Seats\n001A000001,2026-02-23,38,60\n001A000002,2026-02-23,12,20\n001A000001,2026-02-30,many,60\n",
    );
    let err = import(dir.path(), &["usage", file.to_str().unwrap()]).unwrap_err();
    let name = file.display().to_string();
    assert!(
        err.contains(&format!(
            "{name}:4:2: `2026-02-30`: expected a real calendar day"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{name}:4:3: `many`: expected a whole number")),
        "{err}"
    );
    assert!(err.contains("2 problems"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(query(dir.path(), "SELECT * FROM usage_weeks").is_empty());
    assert_eq!(
        query(dir.path(), "SELECT * FROM accounts ORDER BY id"),
        before
    );

    // An account the book does not hold is found only at writing: still nothing kept.
    let file = write(
        dir.path(),
        "usage2.csv",
        b"Account,Week,Active Users,Seats\n001A000001,2026-02-23,38,60\nnobody,2026-02-23,12,20\n",
    );
    let err = import(dir.path(), &["usage", file.to_str().unwrap()]).unwrap_err();
    assert!(
        err.contains(":3:1: `nobody`: expected an account in the book"),
        "{err}"
    );
    assert!(query(dir.path(), "SELECT * FROM usage_weeks").is_empty());
}

#[test]
fn utf16_windows_1252_and_utf8_with_a_mark_all_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Id\tName\tSegment\n1\tCafé Müller\tsmb\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let file = write(dir.path(), "utf16.txt", &utf16);
    let out = import(dir.path(), &["accounts", file.to_str().unwrap()]).unwrap();
    assert!(out.contains("UTF-16LE, tab-separated"), "{out}");
    let file = write(
        dir.path(),
        "cp1252.csv",
        b"Id|Name|Segment\n2|Caf\xe9 Noir|smb\n",
    );
    import(dir.path(), &["accounts", file.to_str().unwrap()]).unwrap();
    let file = write(
        dir.path(),
        "bom.csv",
        b"\xEF\xBB\xBFId,Name,Segment\n3,Zo\xC3\xAB,smb\n",
    );
    import(dir.path(), &["accounts", file.to_str().unwrap()]).unwrap();
    assert_eq!(
        query(dir.path(), "SELECT name FROM accounts ORDER BY external_id"),
        ["Café Müller", "Café Noir", "Zoë"]
    );
}

#[test]
fn quoted_cells_padding_blank_lines_and_dates_with_time_and_zone() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "hubspot.csv",
        b"Record ID,Company name,Segment,Customer Since\n\n  101 ,\"Globex, \"\"the\"\" Company\", enterprise , 2006-04-15T03:23:15.000Z\n\n102,\"Two\nLines\",smb,04/30/2024\n",
    );
    import(dir.path(), &["accounts", file.to_str().unwrap()]).unwrap();
    assert_eq!(
        query(
            dir.path(),
            "SELECT external_id, name, started_on FROM accounts ORDER BY external_id"
        ),
        [
            "101|Globex, \"the\" Company|2006-04-15",
            "102|Two\nLines|2024-04-30"
        ]
    );
}

#[test]
fn a_custom_map_reads_other_headers_and_translates_values() {
    let dir = tempfile::tempdir().unwrap();
    let map = write(
        dir.path(),
        "map.toml",
        b"[columns]\nexternal_id = \"Cust No\"\nsegment = \"Plan Tier\"\n\n[values.segment]\nGold = \"enterprise\"\nSilver = \"smb\"\n",
    );
    let file = write(
        dir.path(),
        "custom.csv",
        b"Cust No,Name,Plan Tier\nC-1,Initech,Gold\nC-2,Umbrella,Silver\n",
    );
    import(
        dir.path(),
        &[
            "accounts",
            file.to_str().unwrap(),
            "--map",
            map.to_str().unwrap(),
        ],
    )
    .unwrap();
    assert_eq!(
        query(
            dir.path(),
            "SELECT external_id, segment FROM accounts ORDER BY external_id"
        ),
        ["C-1|enterprise", "C-2|smb"]
    );
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = import(
        dir.path(),
        &["accounts", &fixture("salesforce_accounts.csv"), "--dry-run"],
    )
    .unwrap();
    assert!(out.contains("external_id      <- Account ID"), "{out}");
    assert!(out.contains("dry run: 2 new"), "{out}");
    assert!(out.contains("would add to the team"), "{out}");
    assert!(query(dir.path(), "SELECT * FROM accounts").is_empty());
    assert!(query(dir.path(), "SELECT * FROM team_members").is_empty());
}

#[test]
fn a_file_that_is_not_what_it_claims_gets_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 3] = [
        ("empty.csv", b"", "the file is empty"),
        (
            "image.png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "binary",
        ),
        (
            "usage.csv",
            b"Account,Week,Active Users\n1,2026-02-23,4\n",
            "looks like a usage file, not accounts",
        ),
    ];
    for (name, bytes, says) in cases {
        let file = write(dir.path(), name, bytes);
        let err = import(dir.path(), &["accounts", file.to_str().unwrap()]).unwrap_err();
        assert!(err.contains(says), "{name}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("Location:"),
            "{err}"
        );
    }
}

#[test]
fn the_template_and_the_fields_say_what_a_file_holds() {
    let dir = tempfile::tempdir().unwrap();
    let template = import(dir.path(), &["--template", "contracts"]).unwrap();
    let header = template.lines().find(|l| !l.starts_with('#')).unwrap();
    assert_eq!(
        header,
        "external_id,account,account_name,starts_on,ends_on,arr,mrr,plan_amount,quantity,billing_period,status,trial,churned,canceled_on,churn_reason,currency,forecast_category,forecast_confidence,forecast_arr,outcome,outcome_on,outcome_arr"
    );
    let fields = import(dir.path(), &["--fields", "usage"]).unwrap();
    assert!(fields.contains("active_users"), "{fields}");
    assert!(fields.contains("required"), "{fields}");
    // The accounts template, as printed, imports its example row.
    let accounts = import(dir.path(), &["--template", "accounts"]).unwrap();
    let file = write(dir.path(), "accounts.csv", accounts.as_bytes());
    let out = import(dir.path(), &["accounts", file.to_str().unwrap()]).unwrap();
    assert!(out.contains("imported: 1 new"), "{out}");
}

#[test]
fn hubspot_contacts_with_split_names_and_reporting_lines_later_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    import(
        dir.path(),
        &["accounts", &fixture("salesforce_accounts.csv")],
    )
    .unwrap();
    let file = write(
        dir.path(),
        "contacts.csv",
        b"Record ID,First Name,Last Name,Job Title,Associated Company IDs,Reports To\nc-2,Ravi,Patel,Director,001A000001,c-1\nc-1,Maya,Chen,VP Operations,001A000001,\n",
    );
    let out = import(dir.path(), &["contacts", file.to_str().unwrap()]).unwrap();
    assert!(out.contains("2 new"), "{out}");
    assert_eq!(
        query(
            dir.path(),
            "SELECT c.name, c.role, m.name FROM contacts c LEFT JOIN contacts m ON m.id = c.reports_to_id ORDER BY c.external_id"
        ),
        ["Maya Chen|end_user|NULL", "Ravi Patel|end_user|Maya Chen"]
    );
}

#[test]
fn tickets_and_surveys_check_their_ranges_and_read_desk_priorities() {
    let dir = tempfile::tempdir().unwrap();
    import(
        dir.path(),
        &["accounts", &fixture("salesforce_accounts.csv")],
    )
    .unwrap();
    let tickets = write(
        dir.path(),
        "tickets.csv",
        b"Ticket ID,Organization,Subject,Priority,Created,Solved At,Satisfaction\n1,001A000001,SSO fails,Urgent,2026-02-10,2026-02-11,5\n2,001A000002,Slow export,low,2026-02-12,,\n",
    );
    import(dir.path(), &["tickets", tickets.to_str().unwrap()]).unwrap();
    assert_eq!(
        query(
            dir.path(),
            "SELECT priority, csat FROM tickets ORDER BY external_id"
        ),
        ["p1|5", "p4|NULL"]
    );
    let surveys = write(
        dir.path(),
        "surveys.csv",
        b"Response ID,Account,Type,Score,Date\nr1,001A000001,nps,9,2026-01-15\nr2,001A000001,csat,7,2026-01-16\n",
    );
    let err = import(dir.path(), &["surveys", surveys.to_str().unwrap()]).unwrap_err();
    assert!(
        err.contains(":3:4: `7`: expected a CSAT score from 1 to 5"),
        "{err}"
    );
    assert!(query(dir.path(), "SELECT * FROM survey_responses").is_empty());
}

#[test]
fn raw_usage_events_roll_up_into_weeks() {
    let dir = tempfile::tempdir().unwrap();
    let accounts = write(
        dir.path(),
        "accounts.csv",
        b"Id,Name,Segment,Seats\nA-1,Acme,smb,40\n",
    );
    import(dir.path(), &["accounts", accounts.to_str().unwrap()]).unwrap();
    let events = write(
        dir.path(),
        "events.csv",
        b"Subscription ID,Timestamp,Event Name,Visitor ID\nA-1,2026-02-23T08:00:00Z,Dashboards,v1\nA-1,2026-02-25T17:30:00+01:00,Reports,v2\nA-1,2026-02-26,Dashboards,v1\nA-1,2026-03-02,Dashboards,v3\n",
    );
    let out = import(dir.path(), &["usage", events.to_str().unwrap()]).unwrap();
    assert!(out.starts_with("usage events from"), "{out}");
    assert!(out.contains("2 new"), "{out}");
    assert_eq!(
        query(
            dir.path(),
            "SELECT week_start, active_users, licensed_seats, sessions FROM usage_weeks ORDER BY week_start"
        ),
        ["2026-02-23|2|40|3", "2026-03-02|1|40|1"]
    );
}

#[test]
fn a_gainsight_account_export_without_ids_is_known_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "gainsight.csv",
        b"Name,ARR,CSM,Renewal Date,NPS,Segment\nInitech,\"$410,000\",Dana Okafor,2026-06-30,8,mid-market\n",
    );
    let out = import(dir.path(), &["accounts", file.to_str().unwrap()]).unwrap();
    assert!(out.contains("each account is known by its name"), "{out}");
    assert!(
        out.contains("Renewal Date: renewal dates come with contracts"),
        "{out}"
    );
    let again = import(dir.path(), &["accounts", file.to_str().unwrap()]).unwrap();
    assert!(again.contains("0 new, 0 updated, 1 unchanged"), "{again}");
    assert_eq!(
        query(dir.path(), "SELECT external_id, arr_cents FROM accounts"),
        ["Initech|41000000"]
    );
}

#[test]
fn the_same_export_imported_into_two_books_gives_the_same_rows_the_same_ids() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for dir in [a.path(), b.path()] {
        import(dir, &["accounts", &fixture("salesforce_accounts.csv")]).unwrap();
        import(dir, &["contracts", &fixture("churnzero_contracts.csv")]).unwrap();
    }
    let sql = "SELECT 'account', external_id, uid FROM accounts
               UNION ALL SELECT 'contract', external_id, uid FROM contracts
               UNION ALL SELECT 'member', external_id, uid FROM team_members ORDER BY 1, 2";
    let ids = query(a.path(), sql);
    assert!(ids.len() >= 4, "{ids:?}");
    assert!(
        ids.iter().all(|r| !r.ends_with("|NULL")),
        "every row has its id: {ids:?}"
    );
    assert_eq!(ids, query(b.path(), sql), "the same in both books");
}
