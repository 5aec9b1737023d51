//! The expansion pipeline through the book: an opportunity opened, moved stage by stage
//! (each move journaled), and a won one joining the account's contract from its day, so
//! NRR and expansion ARR see it then and not before; an undo takes the win back whole.

mod common;

use chrono::Duration;
use common::{stamp, today};
use csm_cockpit::book::Book;
use csm_cockpit::book::expansion::NewOpportunity;
use csm_cockpit::domain::Money;
use csm_cockpit::domain::expansion::{ExpansionRules, ranked};
use csm_cockpit::domain::metrics::{Grain, Period, Retention};
use csm_cockpit::domain::vocab::{OpportunityKind, OpportunityStage};

fn account(book: &Book, name: &str) -> (i64, i64) {
    let g = book.growth(None, today(), 90).unwrap();
    let g = g.iter().find(|g| &*g.account == name).unwrap();
    (g.account_id, g.arr.cents)
}

fn open_contract_arr(book: &Book, account_id: i64) -> i64 {
    let facts = book.metric_facts(None).unwrap();
    let c = facts
        .customers
        .iter()
        .find(|c| c.account_id == account_id)
        .unwrap();
    c.terms
        .iter()
        .find(|t| t.outcome.is_none())
        .unwrap()
        .arr_cents
}

#[test]
fn a_won_opportunity_grows_the_contract_from_its_day_and_undo_takes_it_back() {
    let mut book = common::sample_book();
    let (id, arr_before) = account(&book, "Globex Logistics");
    let contract_before = open_contract_arr(&book, id);
    let new = NewOpportunity {
        account_id: id,
        kind: OpportunityKind::Seats,
        title: "Add 20 seats".into(),
        arr: Money::usd(2_000_000),
        close_on: Some(today() + Duration::days(20)),
        signal: Some("seats_nearly_used".into()),
    };
    let opp = book.open_opportunity(&stamp(), &new, today()).unwrap();
    let deals = book.deals(None).unwrap();
    let rules = ExpansionRules::default();
    let mine = deals.iter().find(|d| d.id == opp).unwrap();
    assert_eq!(mine.stage, OpportunityStage::Identified);
    assert!(ranked(&deals, &rules, today()).iter().any(|d| d.id == opp));

    book.move_opportunity(&stamp(), opp, OpportunityStage::Proposed, today())
        .unwrap();
    let won_on = today() + Duration::days(10);
    book.move_opportunity(&stamp(), opp, OpportunityStage::Won, won_on)
        .unwrap();
    assert_eq!(account(&book, "Globex Logistics").1, arr_before + 2_000_000);
    assert_eq!(open_contract_arr(&book, id), contract_before + 2_000_000);

    // The customer pays the $20K from the day it was won, not before.
    let facts = book.metric_facts(None).unwrap();
    let c = facts.customers.iter().find(|c| c.account_id == id).unwrap();
    assert_eq!(c.arr_on(won_on - Duration::days(1)), contract_before);
    assert_eq!(c.arr_on(won_on), contract_before + 2_000_000);
    let quarter = Period::holding(Grain::Quarter, won_on);
    let r = Retention::over([c], quarter, won_on + Duration::days(1));
    assert_eq!(r.expansion_arr, 2_000_000, "NRR sees the expansion");

    // Won stays won: a mistaken close is taken back by an undo, whole.
    let err = book
        .move_opportunity(&stamp(), opp, OpportunityStage::Lost, won_on)
        .unwrap_err();
    assert!(err.to_string().contains("already won"), "{err}");
    book.undo_last(&stamp()).unwrap();
    assert_eq!(account(&book, "Globex Logistics").1, arr_before);
    assert_eq!(open_contract_arr(&book, id), contract_before);
    let deal = book.deal(opp).unwrap().unwrap();
    assert_eq!(deal.stage, OpportunityStage::Proposed);
}

#[test]
fn an_expansion_won_before_any_contract_began_is_refused_and_changes_nothing() {
    let mut book = common::sample_book();
    let (id, _) = account(&book, "Globex Logistics");
    let opp = book
        .open_opportunity(
            &stamp(),
            &NewOpportunity {
                account_id: id,
                kind: OpportunityKind::Upsell,
                title: "Premium support".into(),
                arr: Money::usd(500_000),
                close_on: None,
                signal: None,
            },
            today(),
        )
        .unwrap();
    // Before the first term began, there is no contract in force to join.
    let err = book
        .move_opportunity(
            &stamp(),
            opp,
            OpportunityStage::Won,
            today() - Duration::days(20 * 365),
        )
        .unwrap_err();
    assert!(err.to_string().contains("no contract in force"), "{err}");
    assert_eq!(
        book.deal(opp).unwrap().unwrap().stage,
        OpportunityStage::Identified,
        "nothing changed"
    );
}

fn csm_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    common::csm(dir)
        .arg("--db")
        .arg(dir.join("book.db"))
        .args(["--today", "2026-03-01"])
        .args(args)
        .output()
        .unwrap()
}

fn import(dir: &std::path::Path, kind: &str, csv: &str) -> std::process::Output {
    let file = dir.join(format!("{kind}.csv"));
    std::fs::write(&file, csv).unwrap();
    csm_in(dir, &["import", kind, file.to_str().unwrap()])
}

#[test]
fn a_crms_opportunity_export_is_read_with_its_own_stages_and_probabilities() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import(d, "accounts", "external_id,name\nA,Acme\nB,Birch\n");
    import(
        d,
        "contracts",
        "external_id,account,starts_on,ends_on,arr\nA1,A,2026-01-01,2027-01-01,90000\n",
    );
    // Salesforce's report headers and stages; HubSpot's probability as a share of 1.
    let out = import(
        d,
        "opportunities",
        "Opportunity ID,Account ID,Opportunity Name,Type,Amount,Stage,Probability (%),Close Date\n\
         006A1,A,Add 20 seats,Upsell,\"$24,000.00\",Negotiation/Review,75,2026-03-20\n\
         006A2,A,Analytics,Add-On,12000,Prospecting,,2026-06-30\n\
         006B1,B,Premium,Upgrade,5000,Closed Won,0.9,2026-02-15\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_slice(&csm_in(d, &["expansion", "--owner", "all", "--json"]).stdout)
            .unwrap();
    let deals: Vec<(&str, &str, &str, i64, i64)> = json["pipeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["title"].as_str().unwrap(),
                p["kind"].as_str().unwrap(),
                p["stage"].as_str().unwrap(),
                p["chance"].as_i64().unwrap(),
                p["weighted_cents"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        deals,
        [
            ("Add 20 seats", "upsell", "proposed", 75, 1_800_000),
            ("Analytics", "cross_sell", "identified", 10, 120_000),
        ]
    );
    let q1 = &json["by_quarter"][0];
    assert_eq!(
        (q1["name"].as_str(), q1["won"].as_i64()),
        (Some("2026-Q1"), Some(1))
    );

    // Rows a CRM calls what csm cannot read are refused, each with its place; nothing
    // of the file is written.
    let out = import(
        d,
        "opportunities",
        "Opportunity ID,Account ID,Opportunity Name,Type,Amount,Stage\n\
         006A3,A,Renewal,New Business,5000,Bogus\n\
         006A4,A,Seats,Seats,5000,Qualification\n",
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("opportunities.csv:2:4: `New Business`"),
        "{err}"
    );
    assert!(err.contains("opportunities.csv:2:6: `Bogus`"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    let json: serde_json::Value =
        serde_json::from_slice(&csm_in(d, &["expansion", "--owner", "all", "--json"]).stdout)
            .unwrap();
    assert_eq!(json["pipeline"].as_array().unwrap().len(), 2);
}
