//! When a task settles itself: the work it completes was recorded elsewhere (the
//! renewal checklist ticked), or its reason is gone (a champion named, the account
//! live, the renewal closed...). Either way it closes, with a line that says why in a
//! CSM's words.

use chrono::{Duration, NaiveDate};

use super::facts::AccountFacts;
use super::model::{Completes, Moot};
use crate::domain::renewal::Step;
use crate::domain::vocab::{HealthBand, LifecycleStage, RenewalOutcome};

/// What a task's reason rests on, as the book stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    /// A champion still there.
    pub champion: Option<String>,
    /// An executive sponsor still there.
    pub sponsor: Option<String>,
    pub went_live_on: Option<NaiveDate>,
    pub stage: Option<LifecycleStage>,
    pub band: Option<HealthBand>,
    /// The renewal the task belongs to.
    pub renewal: Option<RenewalStanding>,
}

/// A renewal as a task sees it: its outcome, if in, and the motion steps ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenewalStanding {
    pub outcome: Option<(RenewalOutcome, NaiveDate)>,
    pub ticked: Vec<Step>,
}

impl Standing {
    /// The standing of a task about to be made for the account the engine sees.
    pub fn of(f: &AccountFacts) -> Standing {
        use crate::domain::vocab::ContactRole;
        Standing {
            champion: f.in_role(ContactRole::Champion).map(|p| p.name.clone()),
            sponsor: f
                .in_role(ContactRole::ExecutiveSponsor)
                .map(|p| p.name.clone()),
            went_live_on: f.went_live_on,
            stage: f.stage,
            band: f.band_now,
            renewal: f.renewal.map(|_| RenewalStanding {
                outcome: None,
                ticked: f.ticked.clone(),
            }),
        }
    }
}

/// How a task closed itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    /// What it completes is recorded: done.
    Done(String),
    /// Its reason is gone: closed without doing it.
    Moot(String),
}

impl Settled {
    pub fn reason(&self) -> &str {
        match self {
            Settled::Done(r) | Settled::Moot(r) => r,
        }
    }
}

/// Live this long, onboarding is over whatever the stage says.
const ONBOARDING_DAYS: i64 = 90;

/// Whether a task that completes `completes` and goes moot on `moot` settles itself,
/// and why.
pub fn settle(
    completes: &[Completes],
    moot: &[Moot],
    s: &Standing,
    today: NaiveDate,
) -> Option<Settled> {
    let renewal_steps: Vec<Step> = completes.iter().filter_map(|c| c.renewal_step()).collect();
    if let Some(r) = &s.renewal
        && !renewal_steps.is_empty()
        && r.outcome.is_none()
        && renewal_steps.iter().all(|st| r.ticked.contains(st))
    {
        let labels: Vec<&str> = renewal_steps.iter().map(|st| st.label()).collect();
        return Some(Settled::Done(format!(
            "done on the renewal checklist: {}",
            labels.join(", ")
        )));
    }
    moot.iter()
        .find_map(|m| moot_reason(*m, &renewal_steps, s, today))
        .map(Settled::Moot)
}

fn moot_reason(m: Moot, steps: &[Step], s: &Standing, today: NaiveDate) -> Option<String> {
    match m {
        Moot::ChampionNamed => s.champion.as_ref().map(|n| format!("{n} named champion")),
        Moot::SponsorNamed => s
            .sponsor
            .as_ref()
            .map(|n| format!("{n} named executive sponsor")),
        Moot::AccountLive => s
            .went_live_on
            .filter(|on| *on <= today)
            .map(|on| format!("live since {on}")),
        Moot::OnboardingOver => match (s.stage, s.went_live_on) {
            (Some(stage), _) if stage != LifecycleStage::Onboarding => Some(format!(
                "onboarding over: the account is in {}",
                stage.label().to_lowercase()
            )),
            (_, Some(on)) if on + Duration::days(ONBOARDING_DAYS) <= today => {
                Some(format!("onboarding over: live since {on}"))
            }
            _ => None,
        },
        Moot::RenewalClosed => s
            .renewal
            .as_ref()
            .and_then(|r| r.outcome)
            .map(|(kind, on)| format!("renewal {} on {on}", kind.label())),
        Moot::RenewalPastStage => {
            let stage = steps.first()?.stage();
            let later = s
                .renewal
                .as_ref()?
                .ticked
                .iter()
                .filter(|t| t.stage() > stage)
                .max()?;
            Some(format!(
                "renewal past its {} stage ({} ticked)",
                stage.short(),
                later.label()
            ))
        }
        Moot::RenewalSigned => s
            .renewal
            .as_ref()
            .filter(|r| r.ticked.contains(&Step::ContractSigned))
            .map(|_| "contract signed".into()),
        Moot::HealthGreen => {
            (s.band == Some(HealthBand::Green)).then(|| "health back to green".into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()
    }

    fn renewal(ticked: &[Step]) -> Option<RenewalStanding> {
        Some(RenewalStanding {
            outcome: None,
            ticked: ticked.to_vec(),
        })
    }

    #[test]
    fn a_task_is_done_once_every_step_it_completes_is_ticked() {
        let strategy = [
            Completes::Renewal(Step::RiskReview),
            Completes::Renewal(Step::ExpansionHypothesis),
        ];
        let mut s = Standing {
            renewal: renewal(&[Step::RiskReview]),
            ..Default::default()
        };
        assert_eq!(settle(&strategy, &[], &s, today()), None);
        s.renewal = renewal(&[Step::RiskReview, Step::ExpansionHypothesis]);
        assert_eq!(
            settle(&strategy, &[], &s, today()),
            Some(Settled::Done(
                "done on the renewal checklist: risk review, expansion hypothesis".into()
            ))
        );
    }

    #[test]
    fn each_moot_says_why_in_words() {
        let s = Standing {
            champion: Some("Jordan Lee".into()),
            went_live_on: Some(NaiveDate::from_ymd_opt(2025, 11, 20).unwrap()),
            stage: Some(LifecycleStage::Onboarding),
            renewal: renewal(&[Step::ProposalSent]),
            ..Default::default()
        };
        let why = |m: Moot, completes: &[Completes]| {
            settle(completes, &[m], &s, today()).map(|x| x.reason().to_string())
        };
        assert_eq!(
            why(Moot::ChampionNamed, &[]).as_deref(),
            Some("Jordan Lee named champion")
        );
        assert_eq!(why(Moot::SponsorNamed, &[]), None);
        assert_eq!(
            why(Moot::AccountLive, &[]).as_deref(),
            Some("live since 2025-11-20")
        );
        assert_eq!(
            why(Moot::OnboardingOver, &[]).as_deref(),
            Some("onboarding over: live since 2025-11-20"),
            "104 days live"
        );
        assert_eq!(
            why(
                Moot::RenewalPastStage,
                &[Completes::Renewal(Step::BusinessReview)]
            )
            .as_deref(),
            Some("renewal past its value demo stage (proposal sent ticked)")
        );
        assert_eq!(
            why(
                Moot::RenewalPastStage,
                &[Completes::Renewal(Step::ProposalSent)]
            ),
            Some("done on the renewal checklist: proposal sent".into()),
            "its own step ticked: done, not moot"
        );
        assert_eq!(why(Moot::RenewalSigned, &[]), None);
        assert_eq!(why(Moot::HealthGreen, &[]), None);
    }
}
