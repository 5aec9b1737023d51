//! A brief that tells the truth, on the sample book with `today` pinned to 2026-03-01:
//! the renewal is ticked on track only when its facts say so (never red health near the
//! date), a score from one answer is said as thin evidence, and the customer's version
//! carries no internal asks and says its risks as plans made together.

mod common;

use common::{bundles, features, stamp, team, today};
use csm_cockpit::book::Book;
use csm_cockpit::book::health::OverrideRequest;
use csm_cockpit::book::load::Loader;
use csm_cockpit::domain::Money;
use csm_cockpit::domain::health::HealthRules;
use csm_cockpit::domain::records::{AccountBundle, Forecast, Opportunity, SurveyResponse};
use csm_cockpit::domain::renewal::Step;
use csm_cockpit::domain::stakeholders::CoverageRules;
use csm_cockpit::domain::vocab::{
    ForecastCategory, ForecastConfidence, HealthBand, OpportunityKind, OpportunityStage, SurveyKind,
};
use csm_cockpit::report::qbr::{Audience, Brief, markdown, parse_period};

/// The sample book with each account's bundle edited first.
fn book_with(edit: impl Fn(&mut AccountBundle)) -> Book {
    let mut book = Book::open_in_memory().unwrap();
    book.write(&stamp(), |change| {
        let mut loader = Loader::new(change);
        loader.team(&team())?;
        loader.features(&features())?;
        for mut b in bundles() {
            edit(&mut b);
            loader.bundle(&b)?;
        }
        loader.finish("sample book")
    })
    .unwrap();
    book.recompute_health(&HealthRules::default(), &[today()])
        .unwrap();
    book
}

fn id(book: &Book, name: &str) -> i64 {
    book.find_account(name).unwrap().unwrap().0
}

/// This quarter's brief of `name`, as Markdown for `audience`.
fn brief(book: &Book, name: &str, audience: Audience) -> String {
    let period = parse_period("this-quarter", today()).unwrap();
    let rules = HealthRules::default();
    let b = Brief::gather(
        book,
        &rules,
        &CoverageRules::default(),
        &csm_cockpit::playbooks::Catalog::load(std::path::Path::new("no-such-dir"))
            .today_scope(None, None)
            .growth,
        id(book, name),
        period,
        today(),
    )
    .unwrap()
    .unwrap();
    markdown(&b, audience)
}

/// The forecast `category · confidence` on `name`'s renewal, and every motion step done but
/// the signature.
fn forecast_with_the_motion_done(
    book: &mut Book,
    name: &str,
    category: ForecastCategory,
    confidence: ForecastConfidence,
) {
    let account = id(book, name);
    let contract = book
        .renewal_of(&HealthRules::default(), today(), account)
        .unwrap()
        .unwrap()
        .contract_id
        .unwrap();
    let forecast = Forecast {
        category,
        confidence,
        arr: Money::usd(220_000 * 100),
    };
    book.set_forecast(&stamp(), contract, &forecast).unwrap();
    // Every step but the signature: a signed renewal is won, whatever was forecast.
    for step in Step::ALL.into_iter().filter(|s| *s != Step::ContractSigned) {
        book.mark_step(&stamp(), contract, step, today()).unwrap();
    }
}

fn checklist_line<'a>(brief: &'a str, starts: &str) -> &'a str {
    brief
        .lines()
        .find(|l| l.starts_with("- [") && l[6..].starts_with(starts))
        .unwrap_or_else(|| panic!("no `{starts}` check:\n{brief}"))
}

#[test]
fn a_red_account_renewing_in_12_days_at_risk_is_never_on_track() {
    let mut book = book_with(|_| {});
    // Hooli renews in 12 days; its motion is done, but its CSM says red and at risk.
    forecast_with_the_motion_done(
        &mut book,
        "Hooli Analytics",
        ForecastCategory::Renew,
        ForecastConfidence::AtRisk,
    );
    let request = OverrideRequest {
        score: None,
        band: Some(HealthBand::Red),
        reason: "the sponsor is leaving and budgets are frozen".into(),
        expires_on: today() + chrono::Duration::days(30),
    };
    let account = id(&book, "Hooli Analytics");
    book.set_override(&stamp(), account, &request, today())
        .unwrap();
    let text = brief(&book, "Hooli Analytics", Audience::Internal);
    assert_eq!(
        checklist_line(&text, "Renewal"),
        "- [ ] Renewal in 12 days, forecast at risk, health red: save plan needed."
    );
    assert!(!text.contains("on track"), "{text}");
}

#[test]
fn a_healthy_renewal_with_its_motion_done_is_on_track_and_says_on_what() {
    let mut book = book_with(|_| {});
    forecast_with_the_motion_done(
        &mut book,
        "Hooli Analytics",
        ForecastCategory::Renew,
        ForecastConfidence::Commit,
    );
    let text = brief(&book, "Hooli Analytics", Audience::Internal);
    let line = checklist_line(&text, "Renewal");
    assert!(
        line.starts_with(
            "- [x] Renewal on track: in 12 days, 8 of 9 motion steps done, forecast renew · commit, health "
        ) && line.ends_with(" green."),
        "{line}"
    );
}

#[test]
fn an_overdue_renewal_and_one_behind_its_motion_are_not_ticked() {
    let book = book_with(|_| {});
    // Umbrella is 6 days past its date with no outcome; Globex (74 days) has no step done.
    let umbrella = brief(&book, "Umbrella Pharma", Audience::Internal);
    let line = checklist_line(&umbrella, "Renewal");
    assert!(
        line.starts_with("- [ ] Renewal 6 days overdue with no outcome recorded"),
        "{line}"
    );
    let globex = brief(&book, "Globex Logistics", Audience::Internal);
    let line = checklist_line(&globex, "Renewal");
    assert!(
        line.starts_with("- [ ] Renewal in 74 days") && line.contains("motion behind (strategy)"),
        "{line}"
    );
}

#[test]
fn one_answer_is_thin_evidence_and_a_handful_is_a_finding() {
    let book = book_with(|_| {});
    let one = brief(&book, "Hooli Analytics", Audience::Internal);
    assert!(
        one.contains("- NPS +100 from only 1 answer (score 10): too few to read as a trend.\n"),
        "{one}"
    );
    assert!(
        one.contains("- Ticket CSAT 4.0 of 5 from only 1 rating: too few to read as a trend.\n"),
        "{one}"
    );
    assert!(one.contains("- 1 ticket opened:"), "{one}");
    assert!(
        !one.contains("1 answers") && !one.contains("1 ratings"),
        "{one}"
    );

    let many = book_with(|b| {
        if b.account.name == "Hooli Analytics" {
            for (i, score) in [9, 6, 10, 8, 9].into_iter().enumerate() {
                b.surveys.push(SurveyResponse {
                    external_id: format!("hooli-nps-{i}"),
                    kind: SurveyKind::Nps,
                    score,
                    responded_on: today() - chrono::Duration::days(20 + i as i64),
                    respondent: None,
                    comment: None,
                });
            }
        }
    });
    let text = brief(&many, "Hooli Analytics", Audience::Internal);
    // Oldest first; four promoters and one detractor of six: (4 - 1) / 6 = +50.
    assert!(
        text.contains("- NPS +50 from 6 answers (scores 10, 9, 8, 10, 6, 9).\n"),
        "{text}"
    );
    assert!(!text.contains("NPS +50 from only"), "{text}");
}

#[test]
fn the_customer_version_has_no_internal_asks_and_says_risks_as_plans() {
    let mut book = book_with(|b| {
        if b.account.name == "Northwind Traders" {
            b.opportunities.push(Opportunity {
                external_id: "nw-opp".into(),
                kind: OpportunityKind::Upsell,
                title: "Warehouse module for the EU sites".into(),
                arr: Money::usd(150_000 * 100),
                stage: OpportunityStage::Qualified,
                expected_close_on: None,
            });
        }
    });
    forecast_with_the_motion_done(
        &mut book,
        "Northwind Traders",
        ForecastCategory::Downsell,
        ForecastConfidence::AtRisk,
    );
    let internal = brief(&book, "Northwind Traders", Audience::Internal);
    let customer = brief(&book, "Northwind Traders", Audience::Customer);
    // Northwind's usage fell by nearly half: the team reads it as a risk.
    assert!(internal.contains("- Risk: usage down"), "{internal}");
    assert!(internal.contains("Warehouse module"), "{internal}");
    assert!(internal.contains("forecast downsell"), "{internal}");
    for internal_only in [
        "Warehouse module",
        "Expansion",
        "expansion",
        "forecast",
        "downsell",
        "ARR",
        "Health",
        "health",
        "Before the meeting",
        "Risk:",
        "Gap:",
        "Sentiment",
        "Advocacy",
        "playbook",
        "room for more seats",
        "save plan",
        "book of business",
    ] {
        assert!(
            !customer.contains(internal_only),
            "`{internal_only}` in the customer's brief:\n{customer}"
        );
    }
    assert!(
        customer.starts_with("# Quarterly business review: Northwind Traders\n"),
        "{customer}"
    );
    let plans: Vec<&str> = customer
        .split("## What we will work on together\n\n")
        .nth(1)
        .expect("a section of plans")
        .lines()
        .take_while(|l| l.starts_with("- "))
        .collect();
    assert!(!plans.is_empty(), "{customer}");
    for plan in &plans {
        assert!(
            plan.contains("we will") && plan.contains("together"),
            "not a plan: {plan}"
        );
    }
    assert!(
        plans.iter().any(|p| p.starts_with("- Adoption:")),
        "the usage drop as a plan: {plans:?}"
    );
}
