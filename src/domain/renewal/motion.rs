//! The renewal motion: what should happen in each window, as a checklist kept per
//! renewal. 120 days out, the renewal strategy; 90, the business review and value
//! demonstration; 60, proposal and negotiation; 30, contract finalization. A renewal
//! whose earlier stages are not done is behind.

use serde::Serialize;

use super::window::Window;

/// A stage of the motion, in the order they come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Strategy,
    ValueReview,
    Proposal,
    Finalization,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::Strategy,
        Stage::ValueReview,
        Stage::Proposal,
        Stage::Finalization,
    ];

    /// The stage a window calls for; none before 120 days.
    pub fn for_window(window: Window) -> Option<Stage> {
        match window {
            Window::Later => None,
            Window::Days120 => Some(Stage::Strategy),
            Window::Days90 => Some(Stage::ValueReview),
            Window::Days60 => Some(Stage::Proposal),
            Window::Days30 | Window::Overdue => Some(Stage::Finalization),
        }
    }

    /// The stored and JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Strategy => "strategy",
            Stage::ValueReview => "value_review",
            Stage::Proposal => "proposal",
            Stage::Finalization => "finalization",
        }
    }

    /// The words shown to a person.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Strategy => "renewal strategy",
            Stage::ValueReview => "business review and value demo",
            Stage::Proposal => "proposal and negotiation",
            Stage::Finalization => "contract finalization",
        }
    }

    /// A word for narrow screens.
    pub fn short(self) -> &'static str {
        match self {
            Stage::Strategy => "strategy",
            Stage::ValueReview => "value demo",
            Stage::Proposal => "negotiation",
            Stage::Finalization => "signature",
        }
    }

    /// The stage's checklist.
    pub fn steps(self) -> &'static [Step] {
        match self {
            Stage::Strategy => &[
                Step::RiskReview,
                Step::StakeholderCheck,
                Step::ExpansionHypothesis,
            ],
            Stage::ValueReview => &[Step::BusinessReview, Step::ValueShown],
            Stage::Proposal => &[Step::ProposalSent, Step::TermsAgreed],
            Stage::Finalization => &[Step::ContractSent, Step::ContractSigned],
        }
    }
}

/// One item of a stage's checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    RiskReview,
    StakeholderCheck,
    ExpansionHypothesis,
    BusinessReview,
    ValueShown,
    ProposalSent,
    TermsAgreed,
    ContractSent,
    ContractSigned,
}

impl Step {
    /// Every step, in the order the motion runs them.
    pub const ALL: [Step; 9] = [
        Step::RiskReview,
        Step::StakeholderCheck,
        Step::ExpansionHypothesis,
        Step::BusinessReview,
        Step::ValueShown,
        Step::ProposalSent,
        Step::TermsAgreed,
        Step::ContractSent,
        Step::ContractSigned,
    ];

    pub fn stage(self) -> Stage {
        match self {
            Step::RiskReview | Step::StakeholderCheck | Step::ExpansionHypothesis => {
                Stage::Strategy
            }
            Step::BusinessReview | Step::ValueShown => Stage::ValueReview,
            Step::ProposalSent | Step::TermsAgreed => Stage::Proposal,
            Step::ContractSent | Step::ContractSigned => Stage::Finalization,
        }
    }

    /// The stored and JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::RiskReview => "risk_review",
            Step::StakeholderCheck => "stakeholder_check",
            Step::ExpansionHypothesis => "expansion_hypothesis",
            Step::BusinessReview => "business_review",
            Step::ValueShown => "value_shown",
            Step::ProposalSent => "proposal_sent",
            Step::TermsAgreed => "terms_agreed",
            Step::ContractSent => "contract_sent",
            Step::ContractSigned => "contract_signed",
        }
    }

    /// The words shown to a person.
    pub fn label(self) -> &'static str {
        match self {
            Step::RiskReview => "risk review",
            Step::StakeholderCheck => "stakeholders confirmed",
            Step::ExpansionHypothesis => "expansion hypothesis",
            Step::BusinessReview => "business review held",
            Step::ValueShown => "ROI and outcomes shown",
            Step::ProposalSent => "proposal sent",
            Step::TermsAgreed => "terms agreed",
            Step::ContractSent => "contract sent",
            Step::ContractSigned => "contract signed",
        }
    }

    /// The step as something still missing ("proposal not sent").
    pub fn missing(self) -> &'static str {
        match self {
            Step::RiskReview => "no risk review",
            Step::StakeholderCheck => "stakeholders not confirmed",
            Step::ExpansionHypothesis => "no expansion hypothesis",
            Step::BusinessReview => "no business review",
            Step::ValueShown => "ROI and outcomes not shown",
            Step::ProposalSent => "proposal not sent",
            Step::TermsAgreed => "terms not agreed",
            Step::ContractSent => "contract not sent",
            Step::ContractSigned => "contract not signed",
        }
    }

    /// The step as something to do ("send the proposal").
    pub fn to_do(self) -> &'static str {
        match self {
            Step::RiskReview => "run the risk review",
            Step::StakeholderCheck => "confirm the stakeholders",
            Step::ExpansionHypothesis => "write the expansion hypothesis",
            Step::BusinessReview => "hold the business review",
            Step::ValueShown => "show the ROI and outcomes",
            Step::ProposalSent => "send the proposal",
            Step::TermsAgreed => "agree the terms",
            Step::ContractSent => "send the contract",
            Step::ContractSigned => "get the contract signed",
        }
    }

    pub fn parse(text: &str) -> Option<Step> {
        Step::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// Where a renewal's motion stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Motion {
    /// The stage the window calls for; None more than 120 days out.
    pub stage: Option<Stage>,
    /// Steps done, of every stage.
    pub done: Vec<Step>,
    /// Earlier stages with steps still open.
    pub behind: Vec<Stage>,
}

impl Motion {
    /// The motion of a renewal in `window` with `done` steps ticked.
    pub fn of(window: Window, done: &[Step]) -> Motion {
        let stage = Stage::for_window(window);
        let behind = stage.map_or_else(Vec::new, |now| {
            Stage::ALL
                .into_iter()
                .filter(|s| *s < now && s.steps().iter().any(|step| !done.contains(step)))
                .collect()
        });
        let mut done = done.to_vec();
        done.sort();
        done.dedup();
        Motion {
            stage,
            done,
            behind,
        }
    }

    /// The next step to do: the first open one of the earliest unfinished stage up to
    /// the current one; inside 30 days or overdue, the closing move (the contract sent,
    /// then signed), however much of the earlier stages was left undone.
    pub fn next_step(&self) -> Option<Step> {
        let now = self.stage?;
        let from = if now == Stage::Finalization {
            Stage::Finalization
        } else {
            Stage::Strategy
        };
        Step::ALL
            .into_iter()
            .filter(|s| s.stage() >= from && s.stage() <= now)
            .find(|s| !self.done.contains(s))
    }

    /// Whether the contract is signed.
    pub fn signed(&self) -> bool {
        self.done.contains(&Step::ContractSigned)
    }

    /// Steps of the stages before the current one left undone.
    pub fn undone_before(&self) -> usize {
        let Some(now) = self.stage else { return 0 };
        Step::ALL
            .into_iter()
            .filter(|s| s.stage() < now && !self.done.contains(s))
            .count()
    }

    /// How many steps of the stages due so far are done, of how many.
    pub fn progress(&self) -> (usize, usize) {
        let Some(now) = self.stage else {
            return (0, 0);
        };
        let due: Vec<Step> = Step::ALL.into_iter().filter(|s| s.stage() <= now).collect();
        let done = due.iter().filter(|s| self.done.contains(s)).count();
        (done, due.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_renewal_at_60_days_without_its_value_review_is_behind() {
        let done = [
            Step::RiskReview,
            Step::StakeholderCheck,
            Step::ExpansionHypothesis,
        ];
        let m = Motion::of(Window::Days60, &done);
        assert_eq!(m.stage, Some(Stage::Proposal));
        assert_eq!(m.behind, [Stage::ValueReview]);
        assert_eq!(m.next_step(), Some(Step::BusinessReview));
        assert_eq!(m.progress(), (3, 7));
    }

    #[test]
    fn the_current_stage_in_progress_is_not_behind() {
        let m = Motion::of(Window::Days120, &[]);
        assert_eq!(m.stage, Some(Stage::Strategy));
        assert!(m.behind.is_empty());
        assert_eq!(m.next_step(), Some(Step::RiskReview));
    }

    #[test]
    fn overdue_renewals_expect_every_stage_and_later_ones_none() {
        let m = Motion::of(Window::Overdue, &[Step::ContractSent]);
        assert_eq!(m.stage, Some(Stage::Finalization));
        assert_eq!(
            m.behind,
            [Stage::Strategy, Stage::ValueReview, Stage::Proposal]
        );
        assert_eq!(
            m.next_step(),
            Some(Step::ContractSigned),
            "past its date the signature comes first, not the strategy left undone"
        );
        assert_eq!((m.undone_before(), m.signed()), (7, false));
        let later = Motion::of(Window::Later, &[]);
        assert_eq!((later.stage, later.next_step()), (None, None));
        assert!(later.behind.is_empty());
    }

    #[test]
    fn a_finished_motion_has_no_next_step() {
        let m = Motion::of(Window::Days30, &Step::ALL);
        assert!(m.behind.is_empty());
        assert_eq!(m.next_step(), None);
        assert_eq!(m.progress(), (9, 9));
    }

    #[test]
    fn every_step_belongs_to_the_stage_that_lists_it() {
        for stage in Stage::ALL {
            for step in stage.steps() {
                assert_eq!(step.stage(), stage);
                assert_eq!(Step::parse(step.as_str()), Some(*step));
            }
        }
        let listed: usize = Stage::ALL.iter().map(|s| s.steps().len()).sum();
        assert_eq!(listed, Step::ALL.len());
    }
}
