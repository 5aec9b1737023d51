//! A small hand-made book of business shared by the integration tests: a dozen accounts
//! whose renewals fall in every window around the pinned `today`.

#![allow(dead_code)]

use chrono::NaiveDate;
use csm_cockpit::book::load::Loader;
use csm_cockpit::book::{Book, Stamp};
use csm_cockpit::domain::Money;
use csm_cockpit::domain::health::HealthRules;
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
            story(name, &mut b);
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

/// How each sample account is doing: active users of 100 seats in the prior 60 days
/// and the last 30, key features in use (of 10), days since the champion's last touch
/// (None: the champion left 20 days ago), an open P1 escalation, the latest NPS.
type Story = (&'static str, i64, i64, i64, Option<i64>, bool, i64);

const STORIES: &[Story] = &[
    ("Northwind Traders", 70, 38, 5, Some(52), false, 6),
    ("Globex Logistics", 60, 55, 6, None, false, 7),
    ("Initech Health", 65, 60, 7, Some(20), true, 8),
    ("Hooli Analytics", 85, 88, 9, Some(5), false, 10),
    ("Umbrella Pharma", 50, 42, 4, Some(80), true, 3),
    ("Stark Outfitters", 75, 78, 8, Some(10), false, 9),
    ("Wayne Foundry", 80, 82, 8, Some(12), false, 9),
    ("Acme Anvils", 40, 45, 3, Some(30), false, 7),
    ("Cyberdyne Robotics", 55, 50, 6, Some(40), false, 8),
    ("Soylent Foods", 72, 70, 7, Some(15), false, 9),
    ("Tyrell Replicants", 90, 92, 10, Some(3), false, 10),
    ("Wonka Confections", 60, 30, 4, Some(60), false, 5),
];

/// Usage, people, a ticket and an NPS answer that tell the account's story.
fn story(name: &str, b: &mut AccountBundle) {
    let Some(&(_, prior, recent, features, champion, escalated, nps)) =
        STORIES.iter().find(|s| s.0 == name)
    else {
        return;
    };
    for weeks_ago in (0..13).rev() {
        let active = if weeks_ago < 5 { recent } else { prior };
        b.usage.push(UsageWeek {
            week_start: today() - chrono::Duration::weeks(weeks_ago),
            active_users: active,
            licensed_seats: 100,
            sessions: active * 5,
            key_features_used: features,
        });
    }
    let slug = name.split(' ').next().unwrap_or(name).to_lowercase();
    let person = |id: &str, who: &str, role, touched: Option<i64>, left: Option<i64>| Contact {
        external_id: format!("{slug}-{id}"),
        name: who.into(),
        title: None,
        email: None,
        role,
        sentiment: Sentiment::Neutral,
        influence: Influence::High,
        reports_to: None,
        last_touch_on: touched.map(|d| today() - chrono::Duration::days(d)),
        last_touch_kind: touched.map(|_| InteractionKind::Call),
        left_on: left.map(|d| today() - chrono::Duration::days(d)),
        advocacy: None,
        referenceable: false,
        last_reference_on: None,
    };
    b.contacts.push(person(
        "sponsor",
        "Maya Chen",
        ContactRole::ExecutiveSponsor,
        Some(40),
        None,
    ));
    b.contacts.push(match champion {
        Some(days) => person(
            "champion",
            "Ravi Patel",
            ContactRole::Champion,
            Some(days),
            None,
        ),
        None => person(
            "champion",
            "Ravi Patel",
            ContactRole::Champion,
            Some(30),
            Some(20),
        ),
    });
    b.tickets.push(Ticket {
        external_id: format!("{slug}-t1"),
        subject: "Export fails".into(),
        priority: if escalated {
            TicketPriority::P1
        } else {
            TicketPriority::P3
        },
        escalated,
        opened_on: today() - chrono::Duration::days(12),
        closed_on: (!escalated).then(|| today() - chrono::Duration::days(9)),
        csat: (!escalated).then_some(4),
    });
    b.surveys.push(SurveyResponse {
        external_id: format!("{slug}-nps"),
        kind: SurveyKind::Nps,
        score: nps,
        responded_on: today() - chrono::Duration::days(45),
        respondent: Some(format!("{slug}-sponsor")),
        comment: None,
    });
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

/// Ten key features.
pub fn features() -> Vec<Feature> {
    (1..=10)
        .map(|i| Feature {
            external_id: format!("f-{i}"),
            name: format!("Feature {i}"),
            is_key: true,
        })
        .collect()
}

/// The sample book, in memory.
pub fn sample_book() -> Book {
    fill(Book::open_in_memory().unwrap())
}

/// Writes the sample book into `book` and recomputes its health as of `today`.
pub fn fill(mut book: Book) -> Book {
    book.write(&stamp(), |change| {
        let mut loader = Loader::new(change);
        loader.team(&team())?;
        loader.features(&features())?;
        for b in bundles() {
            loader.bundle(&b)?;
        }
        loader.finish("sample book")
    })
    .unwrap();
    book.recompute_health(&HealthRules::default(), &[today()])
        .unwrap();
    book
}

/// The cockpit on `book` as of `today()`, drawn once at `width` x `height`.
pub fn cockpit_on(book: Book, width: u16, height: u16) -> csm_cockpit::tui::headless::Headless {
    let app = csm_cockpit::tui::app::App::load(
        book,
        today(),
        csm_cockpit::tui::keys::Keymap::defaults(),
        HealthRules::default(),
    )
    .unwrap();
    let mut c = csm_cockpit::tui::headless::Headless::new(app, width, height);
    c.app.start_today(None);
    c.draw();
    c
}

/// `csm` kept away from the person's own config and data: everything under `dir`.
pub fn csm(dir: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("csm").unwrap();
    cmd.env_remove("CSM_DB")
        .env_remove("CSM_TODAY")
        .env_remove("CSM_CONFIG")
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("HOME", dir);
    cmd
}

/// A demo book of `accounts` accounts and `csms` CSMs as of `today()`, written by `csm
/// demo` to `dir/demo.db`.
pub fn demo_book(dir: &std::path::Path, accounts: usize, csms: usize) -> std::path::PathBuf {
    let path = dir.join("demo.db");
    csm(dir)
        .args(["demo", "--accounts", &accounts.to_string()])
        .args(["--csms", &csms.to_string(), "--today", "2026-03-01", "--db"])
        .arg(&path)
        .assert()
        .success();
    path
}
