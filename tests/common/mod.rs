//! A small hand-made book of business shared by the integration tests: a dozen accounts
//! whose renewals fall in every window around the pinned `today`.

#![allow(dead_code)]

use chrono::NaiveDate;
use csm_cockpit::book::load::Loader;
use csm_cockpit::book::{Book, Stamp};
use csm_cockpit::domain::Money;
use csm_cockpit::domain::records::*;
use csm_cockpit::domain::vocab::*;

pub fn today() -> NaiveDate {
    date("2026-03-01")
}

pub fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn stamp() -> Stamp {
    Stamp {
        actor: "test".into(),
        at: today().and_hms_opt(0, 0, 0).unwrap(),
    }
}

/// Name, segment, owner, ARR in dollars, days from today to renewal, industry, region.
type SampleAccount = (
    &'static str,
    Segment,
    &'static str,
    i64,
    Option<i64>,
    &'static str,
    &'static str,
);

const ACCOUNTS: &[SampleAccount] = &[
    (
        "Northwind Traders",
        Segment::Enterprise,
        "tm-dana",
        1_240_000,
        Some(28),
        "Logistics",
        "NA",
    ),
    (
        "Globex Logistics",
        Segment::Enterprise,
        "tm-mia",
        980_000,
        Some(74),
        "Logistics",
        "EMEA",
    ),
    (
        "Initech Health",
        Segment::MidMarket,
        "tm-dana",
        410_000,
        Some(112),
        "Healthcare",
        "NA",
    ),
    (
        "Hooli Analytics",
        Segment::MidMarket,
        "tm-mia",
        220_000,
        Some(12),
        "Software",
        "NA",
    ),
    (
        "Umbrella Pharma",
        Segment::Enterprise,
        "tm-dana",
        1_850_000,
        Some(-6),
        "Pharma",
        "EMEA",
    ),
    (
        "Stark Outfitters",
        Segment::Smb,
        "tm-mia",
        18_500,
        Some(45),
        "Retail",
        "APAC",
    ),
    (
        "Wayne Foundry",
        Segment::Smb,
        "tm-dana",
        12_000,
        Some(200),
        "Manufacturing",
        "NA",
    ),
    (
        "Acme Anvils",
        Segment::SelfServe,
        "tm-mia",
        1_200,
        Some(95),
        "Manufacturing",
        "LATAM",
    ),
    (
        "Cyberdyne Robotics",
        Segment::MidMarket,
        "tm-dana",
        96_000,
        None,
        "Software",
        "APAC",
    ),
    (
        "Soylent Foods",
        Segment::Smb,
        "tm-mia",
        24_000,
        Some(0),
        "Food",
        "NA",
    ),
    (
        "Tyrell Replicants",
        Segment::Enterprise,
        "tm-dana",
        2_300_000,
        Some(365),
        "Biotech",
        "APAC",
    ),
    (
        "Wonka Confections",
        Segment::MidMarket,
        "tm-mia",
        64_000,
        Some(31),
        "Food",
        "EMEA",
    ),
    (
        "Initrode Paper",
        Segment::Smb,
        "tm-dana",
        9_000,
        None,
        "Manufacturing",
        "NA",
    ),
];

pub fn bundles() -> Vec<AccountBundle> {
    ACCOUNTS
        .iter()
        .enumerate()
        .map(|(i, (name, segment, owner, arr, days, industry, region))| {
            let arr = Money::usd(arr * 100);
            let mut b = AccountBundle::new(Account {
                external_id: format!("acc-{i}"),
                name: name.to_string(),
                segment: *segment,
                owner: Some(owner.to_string()),
                industry: Some(industry.to_string()),
                region: Some(region.to_string()),
                lifecycle_stage: LifecycleStage::Adoption,
                arr,
                licensed_seats: Some(100),
                started_on: Some(date("2024-01-15")),
                went_live_on: Some(date("2024-03-01")),
                churned_on: (*name == "Initrode Paper").then(|| date("2025-12-01")),
            });
            if let Some(days) = days {
                let ends_on = today() + chrono::Duration::days(*days);
                b.contracts.push(Contract {
                    external_id: format!("con-{i}"),
                    starts_on: ends_on - chrono::Duration::days(365),
                    ends_on,
                    arr,
                    forecast: None,
                    outcome: None,
                });
            }
            b
        })
        .collect()
}

pub fn team() -> Vec<TeamMember> {
    let member = |id: &str, name: &str, role, manager: Option<&str>| TeamMember {
        external_id: id.into(),
        name: name.into(),
        email: None,
        role,
        manager: manager.map(String::from),
    };
    vec![
        member("tm-lee", "Jordan Lee", TeamRole::Manager, None),
        member("tm-dana", "Dana Okafor", TeamRole::Csm, Some("tm-lee")),
        member("tm-mia", "Mia Reyes", TeamRole::Csm, Some("tm-lee")),
    ]
}

/// The sample book, in memory.
pub fn sample_book() -> Book {
    let mut book = Book::open_in_memory().unwrap();
    book.write(&stamp(), |change| {
        let mut loader = Loader::new(change);
        loader.team(&team())?;
        for b in bundles() {
            loader.bundle(&b)?;
        }
        loader.finish("sample book")
    })
    .unwrap();
    book
}
