//! The lab scores a moment exactly as the score does, splits the history by when
//! contracts ended, searches only the earlier part, and counts today's band moves.

use chrono::Duration;

use super::*;
use crate::domain::health::fixtures::{Account, ago, today};
use crate::domain::health::{Caps, Explain, Weights, assess_as};
use crate::domain::vocab::TicketPriority;

fn moment_of(account: &Account, rules: &HealthRules) -> Moment {
    let e = account.evidence();
    let a = assess_as(&e, rules, today(), Explain::ScoresOnly);
    Moment {
        account: "a".into(),
        segment: e.segment,
        as_of: today(),
        points: a.components.each_ref().map(|c| c.score),
        triggers: Triggers::of(&e, today()),
    }
}

#[test]
fn a_moment_scores_as_the_score_itself_does_under_any_weights_and_caps() {
    let mut gone = Account::healthy();
    gone.people[0].left_on = Some(ago(10));
    let mut thin = Account::healthy();
    thin.tickets.clear();
    thin.surveys.clear();
    let mut escalated = Account::healthy();
    escalated
        .tickets
        .push(crate::domain::health::fixtures::escalation(
            TicketPriority::P1,
            5,
            None,
        ));
    let weightings = [
        Weights::default(),
        Weights {
            usage: 70,
            adoption: 20,
            support: 10,
            engagement: 0,
        },
        Weights {
            usage: 10,
            adoption: 10,
            support: 70,
            engagement: 10,
        },
    ];
    let cap_sets = [
        Caps::NONE,
        Caps::default(),
        Caps {
            escalation_at: Some(TicketPriority::P1),
            ..Caps::default()
        },
    ];
    for account in [Account::healthy(), gone, thin, escalated, Account::empty()] {
        let moment = moment_of(&account, &HealthRules::default());
        for weights in weightings {
            for caps in cap_sets {
                let rules = HealthRules {
                    weights,
                    caps,
                    ..HealthRules::default()
                };
                let a = assess_as(&account.evidence(), &rules, today(), Explain::ScoresOnly);
                let lab = moment.score(&rules);
                assert_eq!(lab.map(|(s, _)| s), a.score, "{weights:?} {caps:?}");
                assert_eq!(lab.map(|(_, b)| b), a.band, "{weights:?} {caps:?}");
            }
        }
    }
}

/// A contract ended `days` before today, its moment scoring these points.
fn ended(days: i64, points: [u8; 4], churned: bool) -> Ended {
    Ended {
        moment: Moment {
            account: format!("ended {days}"),
            segment: crate::domain::vocab::Segment::Smb,
            as_of: ago(days + 90),
            points: points.map(Some),
            triggers: Triggers::default(),
        },
        ended_on: ago(days),
        churned,
    }
}

#[test]
fn the_history_is_split_by_when_contracts_ended_and_a_day_stays_together() {
    // Ten contracts on nine days; two end 30 days ago, where 70% of them falls.
    let mut history: Vec<Ended> = (0..9)
        .map(|k| ended(100 - 10 * k, [50; 4], k % 3 == 1))
        .collect();
    history.push(ended(30, [50; 4], false));
    let split = split(&history).unwrap();
    assert_eq!(split.held_out_from, ago(30));
    assert_eq!((split.searched, split.held_out), (7, 3));
    let held: Vec<_> = history.iter().filter(|e| split.holds_out(e)).collect();
    assert_eq!(held.len(), 3, "both contracts of the cut day are held out");
    assert!(held.iter().all(|e| e.ended_on >= ago(30)));
    // A part without a churn cannot judge anything.
    let calm: Vec<Ended> = (0..10).map(|k| ended(100 - k, [50; 4], k < 2)).collect();
    assert_eq!(split_of(&calm), None);
}

fn split_of(history: &[Ended]) -> Option<Split> {
    split(history)
}

/// Forty contracts, one in four churned. Usage tells churn apart only roughly;
/// adoption points the wrong way (churned customers had used every key feature);
/// support tells churn apart cleanly, and in the later part, when `support_flips`,
/// exactly the wrong way round.
fn history(support_flips: bool) -> Lab {
    let mut ended_ = Vec::new();
    for k in 0..40i64 {
        let later = k >= 28;
        let churned = k % 4 == 0;
        let usage = if churned {
            30 + (k * 7) % 31
        } else {
            40 + (k * 5) % 31
        } as u8;
        let adoption = if churned { 100 } else { 0 };
        let support = match (churned, later && support_flips) {
            (true, false) | (false, true) => 10,
            (false, false) | (true, true) => 90,
        };
        ended_.push(ended(400 - 10 * k, [usage, adoption, support, 50], churned));
    }
    Lab {
        horizon_days: 90,
        ended: ended_,
        active: Vec::new(),
        before_history: 0,
    }
}

#[test]
fn the_search_learns_on_the_earlier_contracts_and_is_judged_on_the_later() {
    let lab = history(false);
    let base = HealthRules::default();
    let p = search(&lab, &base).unwrap();
    assert_eq!(p.split.searched + p.split.held_out, 40);
    assert_eq!((p.split.searched, p.split.held_out), (28, 12));
    assert!(p.tried >= 286 * 5);
    assert!(
        p.weights.adoption < 30,
        "adoption misleads: {:?}",
        p.weights
    );
    // The numbers shown are the backtests of each part, and nothing else.
    let (earlier, later): (Vec<Ended>, Vec<Ended>) = lab
        .ended
        .iter()
        .cloned()
        .partition(|e| !p.split.holds_out(e));
    assert_eq!(
        p.searched.proposed,
        backtest_of(&earlier, &p.rules(&base), 90)
    );
    assert_eq!(
        p.held_out.proposed,
        backtest_of(&later, &p.rules(&base), 90)
    );
    assert_eq!(p.held_out.in_force, backtest_of(&later, &base, 90));
    assert_eq!(p.held_out.proposed.auc, Some(1.0));
    assert!(p.held_out.in_force.auc.unwrap() < 0.6);
    assert!(p.holds_up());
}

#[test]
fn a_proposal_that_fits_only_the_past_is_shown_not_to_hold_up() {
    let lab = history(true);
    let p = search(&lab, &HealthRules::default()).unwrap();
    assert!(
        p.weights.support > 20,
        "the earlier part rewards support: {:?}",
        p.weights
    );
    assert_eq!(p.searched.proposed.auc, Some(1.0));
    assert!(p.held_out.proposed.auc.unwrap() < 0.5);
    assert!(!p.holds_up());
}

#[test]
fn today_counts_the_accounts_that_change_band_and_the_arr_at_risk_both_ways() {
    let mut gone = Account::healthy();
    gone.people[0].left_on = Some(ago(10));
    let mut gone_later = Account::healthy();
    gone_later.people[0].left_on = Some(ago(10));
    let active = |account: &Account, id, arr, days| Active {
        id,
        moment: moment_of(account, &HealthRules::default()),
        arr,
        renewal_in_days: Some(days),
    };
    let lab = Lab {
        horizon_days: 90,
        ended: Vec::new(),
        active: vec![
            active(&gone, 1, 100_000.0, 30),
            active(&gone_later, 2, 50_000.0, 300),
            active(&Account::healthy(), 3, 10_000.0, 30),
        ],
        before_history: 0,
    };
    let in_force = HealthRules::default();
    let without = HealthRules {
        caps: Caps::NONE,
        ..HealthRules::default()
    };
    let t = try_rules(&lab, &without, &in_force);
    assert_eq!(t.standing.accounts, 3);
    assert_eq!(
        t.standing.changed, 2,
        "both gone champions go back to green"
    );
    assert_eq!(t.standing.moves.len(), 1);
    let m = &t.standing.moves[0];
    assert_eq!(
        (m.from, m.to, m.accounts),
        (Some(HealthBand::Yellow), Some(HealthBand::Green), 2)
    );
    assert_eq!(m.arr, 150_000.0);
    // Yellow renewing in 30 days is at risk; yellow in 300 days is not.
    assert_eq!(t.standing.arr_at_risk_before, 100_000.0);
    assert_eq!(t.standing.arr_at_risk, 0.0);
    let _ = Duration::days(1);
}
