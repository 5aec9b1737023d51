//! When a playbook's trigger fires for an account: each event gets a key that names it
//! for good (the renewal and its window, the contact who left, the NPS answer, the week
//! health turned red), so the same event never fires twice, and a day it happened. Only
//! events within the look-back fire: a book opened for the first time does not replay
//! its past.

use chrono::{Datelike, Duration, NaiveDate};

use super::facts::AccountFacts;
use super::model::{Anchor, Trigger};
use crate::domain::vocab::{ContactRole, HealthBand};

/// One firing: a key unique to the event, and the day it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub key: String,
    pub on: NaiveDate,
}

fn rank(b: HealthBand) -> u8 {
    match b {
        HealthBand::Green => 2,
        HealthBand::Yellow => 1,
        HealthBand::Red => 0,
    }
}

/// The events of `trigger` for an account, as of `today`, within `lookback` days.
pub fn events(trigger: &Trigger, f: &AccountFacts, today: NaiveDate, lookback: u32) -> Vec<Event> {
    let recent = |on: NaiveDate| on <= today && (today - on).num_days() <= i64::from(lookback);
    let event = |key: String, on: NaiveDate| Event { key, on };
    let mut out = Vec::new();
    match trigger {
        Trigger::AccountCreated => {
            if let Some(on) = f.started_on.filter(|d| recent(*d)) {
                out.push(event("created".into(), on));
            }
        }
        Trigger::OnboardingStart => {
            if let Some(on) = f.started_on.filter(|d| recent(*d)) {
                out.push(event(format!("start:{on}"), on));
            }
        }
        Trigger::HealthBand { to } => {
            if let Some(on) = band_change(f, *to).filter(|d| recent(*d)) {
                out.push(event(format!("band:{}:{on}", to.as_str()), on));
            }
        }
        Trigger::RiskSignal { signal } => {
            // A standing condition with no day it began (no sponsor, one thread) is
            // no event: it would fire again every day. The Stakeholders pane holds it.
            for (kind, since) in &f.signals {
                if let Some(on) = *since
                    && kind == signal
                    && recent(on)
                {
                    out.push(event(format!("signal:{}:{on}", kind.as_str()), on));
                }
            }
        }
        Trigger::RenewalWindow { days } => {
            if let Some((contract, renewal_on)) = f.renewal {
                let opened = renewal_on - Duration::days(i64::from(*days));
                if recent(opened) {
                    out.push(event(format!("renewal:{contract}:{days}"), opened));
                }
            }
        }
        Trigger::ChampionLeft | Trigger::SponsorLeft => {
            let role = if *trigger == Trigger::ChampionLeft {
                ContactRole::Champion
            } else {
                ContactRole::ExecutiveSponsor
            };
            for (contact, r, on) in &f.departures {
                if *r == role && recent(*on) {
                    out.push(event(format!("left:{contact}"), *on));
                }
            }
        }
        Trigger::NpsDetractor { at_most } => {
            for (id, score, on) in &f.nps {
                if score <= at_most && recent(*on) {
                    out.push(event(format!("nps:{id}"), *on));
                }
            }
        }
        Trigger::NpsPromoter { at_least } => {
            if f.band_now == Some(HealthBand::Green) {
                for (id, score, on) in &f.nps {
                    if score >= at_least && recent(*on) {
                        out.push(event(format!("nps:{id}"), *on));
                    }
                }
            }
        }
        Trigger::SeatsAbove { pct } => {
            if let Some((active, seats)) = f.seats
                && seats > 0
                && active * 100 >= seats * i64::from(*pct)
            {
                // Once a quarter at most.
                let quarter = (today.month0() / 3) + 1;
                out.push(event(
                    format!("seats:{pct}:{}Q{quarter}", today.year()),
                    today,
                ));
            }
        }
        Trigger::Date { anchor, days } => {
            let base = match anchor {
                Anchor::Start => f.started_on,
                Anchor::GoLive => f.went_live_on,
                Anchor::Renewal => f.renewal.map(|(_, on)| on),
            };
            if let Some(on) = base.map(|b| b + Duration::days(i64::from(*days)))
                && recent(on)
            {
                let base = base.map(|b| b.to_string()).unwrap_or_default();
                out.push(event(format!("date:{base}:{days}"), on));
            }
        }
    }
    out
}

/// The week health fell into `to` from a better band, if it is there now.
fn band_change(f: &AccountFacts, to: HealthBand) -> Option<NaiveDate> {
    if f.band_now != Some(to) {
        return None;
    }
    let bands = f.bands?;
    let last_on = f.weekly_last_on?;
    let n = f.weekly.len();
    let mut since = None;
    for (i, score) in f.weekly.iter().enumerate().rev() {
        let Some(score) = score else { continue };
        let band = bands.band(*score);
        let week = last_on - Duration::weeks((n - 1 - i) as i64);
        if band == to {
            since = Some(week);
        } else if rank(band) > rank(to) {
            return since;
        } else {
            return None; // came from worse: a recovery, not a fall
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::health::{HealthRules, SignalKind};
    use crate::domain::vocab::Segment;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    fn ago(days: i64) -> NaiveDate {
        today() - Duration::days(days)
    }

    fn keys(trigger: Trigger, f: &AccountFacts) -> Vec<String> {
        events(&trigger, f, today(), 30)
            .into_iter()
            .map(|e| e.key)
            .collect()
    }

    #[test]
    fn a_start_within_the_look_back_fires_onboarding_and_an_old_one_does_not() {
        let mut f = AccountFacts {
            started_on: Some(ago(5)),
            ..Default::default()
        };
        assert_eq!(
            keys(Trigger::OnboardingStart, &f),
            [format!("start:{}", ago(5))]
        );
        assert_eq!(keys(Trigger::AccountCreated, &f), ["created"]);
        f.started_on = Some(ago(400));
        assert!(keys(Trigger::OnboardingStart, &f).is_empty());
    }

    #[test]
    fn a_renewal_window_fires_once_it_opens() {
        let f = AccountFacts {
            renewal: Some((7, today() + Duration::days(85))),
            ..Default::default()
        };
        assert_eq!(
            keys(Trigger::RenewalWindow { days: 90 }, &f),
            ["renewal:7:90"]
        );
        assert!(
            keys(Trigger::RenewalWindow { days: 60 }, &f).is_empty(),
            "not yet"
        );
        assert_eq!(
            keys(Trigger::RenewalWindow { days: 120 }, &f).len(),
            0,
            "opened 35 days ago"
        );
    }

    #[test]
    fn health_falling_to_red_fires_but_recovering_to_yellow_does_not() {
        let bands = HealthRules::default().bands_for(Segment::Enterprise);
        let mut f = AccountFacts {
            weekly: vec![Some(75), Some(72), Some(55), Some(38), Some(35)],
            weekly_last_on: Some(today()),
            bands: Some(bands),
            band_now: Some(HealthBand::Red),
            ..Default::default()
        };
        let red = keys(
            Trigger::HealthBand {
                to: HealthBand::Red,
            },
            &f,
        );
        assert_eq!(red, [format!("band:red:{}", today() - Duration::weeks(1))]);
        f.weekly = vec![Some(30), Some(35), Some(50)];
        f.band_now = Some(HealthBand::Yellow);
        assert!(
            keys(
                Trigger::HealthBand {
                    to: HealthBand::Yellow
                },
                &f
            )
            .is_empty()
        );
    }

    #[test]
    fn departures_nps_seats_signals_and_dates_fire_with_keys_of_their_own() {
        let f = AccountFacts {
            started_on: Some(ago(400)),
            went_live_on: Some(ago(31)),
            departures: vec![
                (3, ContactRole::Champion, ago(2)),
                (4, ContactRole::EndUser, ago(2)),
            ],
            nps: vec![(11, 4, ago(3)), (12, 10, ago(1))],
            seats: Some((90, 100)),
            band_now: Some(HealthBand::Green),
            signals: vec![(SignalKind::UsageDrop, Some(ago(10)))],
            ..Default::default()
        };
        assert_eq!(keys(Trigger::ChampionLeft, &f), ["left:3"]);
        assert!(keys(Trigger::SponsorLeft, &f).is_empty());
        assert_eq!(keys(Trigger::NpsDetractor { at_most: 6 }, &f), ["nps:11"]);
        assert_eq!(keys(Trigger::NpsPromoter { at_least: 9 }, &f), ["nps:12"]);
        assert_eq!(
            keys(Trigger::SeatsAbove { pct: 85 }, &f),
            ["seats:85:2026Q1"]
        );
        assert!(keys(Trigger::SeatsAbove { pct: 95 }, &f).is_empty());
        assert_eq!(
            keys(
                Trigger::RiskSignal {
                    signal: SignalKind::UsageDrop
                },
                &f
            ),
            [format!("signal:usage_drop:{}", ago(10))]
        );
        let date = Trigger::Date {
            anchor: Anchor::GoLive,
            days: 30,
        };
        assert_eq!(keys(date, &f), [format!("date:{}:30", ago(31))]);
    }
}
