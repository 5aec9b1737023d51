//! The palette's matching and ranking.

use chrono::NaiveDate;
use nucleo_matcher::Utf32String;

use super::*;
use crate::book::portfolio::PortfolioAccount;
use crate::domain::Money;
use crate::domain::vocab::{LifecycleStage, Segment};

fn account(id: i64, name: &str, arr: i64) -> PortfolioAccount {
    PortfolioAccount {
        id,
        name: name.into(),
        segment: Segment::MidMarket,
        owner_id: None,
        owner: Some("Dana Okafor".into()),
        industry: None,
        region: None,
        lifecycle: LifecycleStage::Adoption,
        arr: Money::usd(arr),
        licensed_seats: None,
        renewal_on: None,
        churned_on: None,
        health: None,
    }
}

fn list() -> PortfolioList {
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    PortfolioList::new(
        vec![
            account(1, "Northwind Traders", 1_000),
            account(2, "Northwind Health", 9_000),
            account(3, "Globex Logistics", 5_000),
        ],
        today,
    )
}

fn palette(list: &PortfolioList, recent: &[i64]) -> Palette {
    let place = |text: &str, kind, target| Place {
        text: Utf32String::from(text),
        kind,
        target,
        detail: Box::from(""),
    };
    let places = vec![
        place("Renewals", Kind::Pane, Target::Pane(Pane::Renewals)),
        place(
            "Log a touch",
            Kind::Command,
            Target::Command(Action::LogTouch),
        ),
    ];
    let accounts = AccountIndex::over(list, [(0, "acc-000001".to_string())]);
    Palette::over(places, Rc::new(accounts), recent)
}

fn shown(p: &Palette, list: &PortfolioList) -> Vec<String> {
    p.shown(list).map(|e| e.describe().0).collect()
}

#[test]
fn equal_matches_rank_by_accounts_opened_lately_then_by_arr() {
    let list = list();
    let mut p = palette(&list, &[]);
    p.set_query("northwind");
    assert_eq!(shown(&p, &list), ["Northwind Health", "Northwind Traders"]);
    let mut p = palette(&list, &[1]);
    p.set_query("northwind");
    assert_eq!(shown(&p, &list), ["Northwind Traders", "Northwind Health"]);
}

#[test]
fn a_few_letters_in_order_find_a_name_and_an_id_finds_its_account() {
    let list = list();
    let mut p = palette(&list, &[]);
    p.set_query("glbx");
    assert_eq!(shown(&p, &list), ["Globex Logistics"]);
    assert_eq!(p.chosen(&list), Some(Target::Account(3)));
    p.set_query("acc-0000");
    assert_eq!(shown(&p, &list), ["acc-000001 · Northwind Traders"]);
    assert_eq!(p.chosen(&list), Some(Target::Account(1)));
    p.set_query("renew");
    assert_eq!(p.chosen(&list), Some(Target::Pane(Pane::Renewals)));
}

#[test]
fn narrowing_letter_by_letter_finds_what_a_fresh_search_finds_and_backspace_returns() {
    let list = list();
    let mut p = palette(&list, &[]);
    for c in "nor".chars() {
        p.type_char(c);
    }
    let three = shown(&p, &list);
    assert!(!three.is_empty());
    p.type_char('z');
    assert_eq!(p.matches(), 0);
    p.backspace();
    assert_eq!(shown(&p, &list), three);
    let mut fresh = palette(&list, &[]);
    fresh.set_query("nor");
    assert_eq!(shown(&fresh, &list), three);
}

#[test]
fn with_nothing_typed_recent_accounts_come_first_then_places_then_the_largest() {
    let list = list();
    let p = palette(&list, &[3]);
    let all = shown(&p, &list);
    assert_eq!(
        &all[..4],
        [
            "Globex Logistics",
            "Renewals",
            "Log a touch",
            "Northwind Health"
        ]
    );
}

#[test]
fn an_account_gone_from_the_portfolio_while_the_palette_is_up_is_not_offered() {
    let list = list();
    let mut p = palette(&list, &[]);
    p.set_query("northwind");
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let fewer = PortfolioList::new(vec![account(1, "Northwind Traders", 1_000)], today);
    assert_eq!(shown(&p, &fewer), ["Northwind Traders"]);
    assert_eq!(p.chosen(&fewer), Some(Target::Account(1)));
}
