//! Whether a renewal is on track, from its facts alone. A renewal is not on track when it
//! is past its date with no outcome, when its ARR is at risk on health (red at any
//! distance, yellow within 90 days), when the forecast is churn, downsell or at risk, when
//! the motion is behind, when a forecast is due and none is set, or when there is no
//! health score to judge it by. A signed contract is on track until its date (unless
//! health is red: the new term needs a plan), and then needs its outcome recorded. The words name those facts and what is needed, so a
//! brief never ticks "on track" over a red account renewing next week.

use super::motion::{Motion, Stage};
use crate::domain::health::at_risk;
use crate::domain::records::Forecast;
use crate::domain::vocab::{ForecastCategory, ForecastConfidence, HealthBand};

/// What the verdict reads.
#[derive(Debug, Clone, Copy)]
pub struct RenewalFacts<'a> {
    /// Days until the renewal date; negative once past with no outcome recorded.
    pub days_until: i64,
    /// The health band in force (an override included); None when not scored.
    pub band: Option<HealthBand>,
    /// Its score, when there is one (an override may set the band alone).
    pub score: Option<u8>,
    /// The CSM's forecast; None when none is set.
    pub forecast: Option<&'a Forecast>,
    pub motion: &'a Motion,
}

/// The verdict and the sentence that says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    pub on_track: bool,
    pub words: String,
}

/// "Renewal in 9 days", "Renewal today", "Renewal 17 days overdue with no outcome recorded".
fn when(days: i64) -> String {
    match days {
        ..0 => format!(
            "Renewal {} day{} overdue with no outcome recorded",
            -days,
            if days == -1 { "" } else { "s" }
        ),
        0 => "Renewal today".into(),
        1 => "Renewal tomorrow".into(),
        n => format!("Renewal in {n} days"),
    }
}

/// The forecast's words when it says the renewal is in danger.
fn risky_forecast(f: &Forecast) -> Option<String> {
    use ForecastCategory::*;
    let at_risk = f.confidence == ForecastConfidence::AtRisk;
    match f.category {
        Churn | Downsell => Some(format!(
            "forecast {} · {}",
            f.category.label(),
            f.confidence.label()
        )),
        Renew | Upsell if at_risk => Some("forecast at risk".into()),
        _ => None,
    }
}

/// Whether the renewal is on track, and the facts that say so or not.
pub fn readiness(f: &RenewalFacts) -> Readiness {
    let m = f.motion;
    // Signed, the renewal is won: a forecast from before no longer counts, and what is
    // left is recording it on the day; red health still needs a plan for the new term.
    if m.signed() {
        let days = when(f.days_until).replacen("Renewal ", "", 1);
        let (on_track, words) = match f.band {
            Some(HealthBand::Red) => (
                false,
                format!(
                    "Renewal signed ({days}), health red: a recovery plan for the new term needed."
                ),
            ),
            _ if f.days_until < 0 => (
                false,
                format!(
                    "{}: contract signed, record the outcome.",
                    when(f.days_until)
                ),
            ),
            _ => (
                true,
                format!("Renewal signed: {days}, the outcome to record on the day."),
            ),
        };
        return Readiness { on_track, words };
    }
    let in_motion = m.stage.is_some();
    let band = f.band;
    let health_risk = at_risk(band, Some(f.days_until));
    let forecast_risk = f.forecast.and_then(risky_forecast);
    let mut concerns: Vec<String> = Vec::new();
    concerns.extend(forecast_risk.clone());
    if f.forecast.is_none() && in_motion {
        concerns.push("no forecast yet".into());
    }
    match band {
        Some(b) if health_risk => concerns.push(format!("health {}", b.as_str())),
        None => concerns.push("health not scored".into()),
        _ => {}
    }
    if !m.behind.is_empty() {
        let stages: Vec<&str> = m.behind.iter().map(|s| Stage::short(*s)).collect();
        concerns.push(format!("motion behind ({})", stages.join(", ")));
    }
    let overdue = f.days_until < 0;
    if concerns.is_empty() && !overdue {
        let (done, of) = m.progress();
        let motion = if in_motion {
            format!("{done} of {of} motion steps done")
        } else {
            "nothing due yet (the motion starts 120 days out)".into()
        };
        let forecast = f.forecast.map_or(String::new(), |fc| {
            format!(
                ", forecast {} · {}",
                fc.category.label(),
                fc.confidence.label()
            )
        });
        let health = match (f.score, f.band) {
            (Some(s), Some(b)) => format!(", health {s} {}", b.as_str()),
            (None, Some(b)) => format!(", health {}", b.as_str()),
            _ => String::new(),
        };
        let days = when(f.days_until).replacen("Renewal ", "", 1);
        return Readiness {
            on_track: true,
            words: format!("Renewal on track: {days}, {motion}{forecast}{health}."),
        };
    }
    let need = if health_risk || forecast_risk.is_some() {
        "save plan needed".to_string()
    } else if overdue {
        "record the outcome".into()
    } else if let Some(step) = m.next_step().filter(|_| !m.behind.is_empty()) {
        format!("next, {}", step.to_do())
    } else if f.forecast.is_none() && in_motion {
        "set a forecast".into()
    } else {
        "score the account's health (csm health) before calling it on track".into()
    };
    let mut words = when(f.days_until);
    for c in &concerns {
        words.push_str(", ");
        words.push_str(c);
    }
    Readiness {
        on_track: false,
        words: format!("{words}: {need}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;
    use crate::domain::renewal::{Step, Window};

    fn forecast(category: ForecastCategory, confidence: ForecastConfidence) -> Forecast {
        Forecast {
            category,
            confidence,
            arr: Money::usd(100_000),
        }
    }

    /// Every step but the signature: the motion done so far.
    fn unsigned() -> Vec<Step> {
        Step::ALL
            .into_iter()
            .filter(|s| *s != Step::ContractSigned)
            .collect()
    }

    fn verdict(
        days: i64,
        health: Option<(u8, HealthBand)>,
        f: Option<&Forecast>,
        done: &[Step],
    ) -> Readiness {
        let motion = Motion::of(Window::of(days), done);
        readiness(&RenewalFacts {
            days_until: days,
            band: health.map(|(_, b)| b),
            score: health.map(|(s, _)| s),
            forecast: f,
            motion: &motion,
        })
    }

    #[test]
    fn a_signed_renewal_is_on_track_till_its_date_unless_health_is_at_risk() {
        let at_risk = forecast(ForecastCategory::Downsell, ForecastConfidence::AtRisk);
        let signed = [Step::ContractSent, Step::ContractSigned];
        let r = verdict(8, Some((70, HealthBand::Yellow)), Some(&at_risk), &signed);
        assert!(r.on_track, "{}", r.words);
        assert_eq!(
            r.words,
            "Renewal signed: in 8 days, the outcome to record on the day."
        );
        let late = verdict(-3, Some((70, HealthBand::Green)), None, &signed);
        assert!(!late.on_track);
        assert!(late.words.ends_with("contract signed, record the outcome."));
        let red = verdict(8, Some((30, HealthBand::Red)), None, &signed);
        assert!(!red.on_track);
        assert!(
            red.words.contains("recovery plan for the new term"),
            "{}",
            red.words
        );
    }

    #[test]
    fn a_red_account_renewing_in_9_days_at_risk_needs_a_save_plan() {
        let at_risk = forecast(ForecastCategory::Renew, ForecastConfidence::AtRisk);
        let r = verdict(9, Some((31, HealthBand::Red)), Some(&at_risk), &unsigned());
        assert!(!r.on_track);
        assert_eq!(
            r.words,
            "Renewal in 9 days, forecast at risk, health red: save plan needed."
        );
    }

    #[test]
    fn red_health_near_renewal_is_never_on_track_even_with_the_motion_done() {
        let commit = forecast(ForecastCategory::Renew, ForecastConfidence::Commit);
        for days in [0, 30, 60, 90] {
            let r = verdict(
                days,
                Some((35, HealthBand::Red)),
                Some(&commit),
                &unsigned(),
            );
            assert!(!r.on_track, "{days} days: {}", r.words);
            assert!(r.words.contains("health red"), "{}", r.words);
        }
    }

    #[test]
    fn churn_or_downsell_forecasts_and_yellow_near_renewal_are_not_on_track() {
        let churn = forecast(ForecastCategory::Churn, ForecastConfidence::Likely);
        let r = verdict(50, Some((82, HealthBand::Green)), Some(&churn), &unsigned());
        assert_eq!(
            r.words,
            "Renewal in 50 days, forecast churn · likely: save plan needed."
        );
        let renew = forecast(ForecastCategory::Renew, ForecastConfidence::Likely);
        let r = verdict(8, Some((41, HealthBand::Yellow)), Some(&renew), &unsigned());
        assert_eq!(
            r.words,
            "Renewal in 8 days, health yellow: save plan needed."
        );
        // Yellow far from the renewal does not put it at risk.
        let r = verdict(150, Some((60, HealthBand::Yellow)), None, &[]);
        assert!(r.on_track, "{}", r.words);
    }

    #[test]
    fn an_overdue_renewal_is_never_on_track() {
        let commit = forecast(ForecastCategory::Renew, ForecastConfidence::Commit);
        let r = verdict(
            -17,
            Some((88, HealthBand::Green)),
            Some(&commit),
            &unsigned(),
        );
        assert_eq!(
            r.words,
            "Renewal 17 days overdue with no outcome recorded: record the outcome."
        );
    }

    #[test]
    fn a_motion_behind_says_what_to_catch_up_on() {
        let commit = forecast(ForecastCategory::Renew, ForecastConfidence::Commit);
        let r = verdict(50, Some((88, HealthBand::Green)), Some(&commit), &[]);
        assert_eq!(
            r.words,
            format!(
                "Renewal in 50 days, motion behind (strategy, value demo): next, {}.",
                Step::RiskReview.to_do()
            )
        );
        let r = verdict(50, Some((88, HealthBand::Green)), None, &unsigned());
        assert_eq!(
            r.words,
            "Renewal in 50 days, no forecast yet: set a forecast."
        );
    }

    #[test]
    fn a_healthy_renewal_with_its_motion_done_is_on_track_and_says_why() {
        let commit = forecast(ForecastCategory::Renew, ForecastConfidence::Commit);
        let r = verdict(
            53,
            Some((90, HealthBand::Green)),
            Some(&commit),
            &unsigned(),
        );
        assert!(r.on_track);
        assert_eq!(
            r.words,
            "Renewal on track: in 53 days, 7 of 7 motion steps done, forecast renew · commit, health 90 green."
        );
        let r = verdict(200, Some((90, HealthBand::Green)), None, &[]);
        assert_eq!(
            r.words,
            "Renewal on track: in 200 days, nothing due yet (the motion starts 120 days out), health 90 green."
        );
    }

    #[test]
    fn no_health_score_is_no_ground_for_on_track() {
        let r = verdict(200, None, None, &[]);
        assert!(!r.on_track);
        assert!(r.words.contains("health not scored"), "{}", r.words);
    }
}
