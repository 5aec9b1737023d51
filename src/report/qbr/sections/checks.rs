//! "Before the meeting": the prep checks of the internal brief, each ticked only when the
//! book's facts support it: every open goal refreshed since the quarter began, current
//! contacts with no coverage gap, and a renewal the renewal rules call on track (never a
//! red account near its date, an at-risk forecast, a motion behind or an overdue date).

use super::{Section, count};
use crate::domain::renewal::{RenewalFacts, readiness};
use crate::domain::vocab::GoalStatus;
use crate::report::qbr::Brief;

impl Brief {
    /// What still needs checking before the meeting: each check, whether it holds and why.
    pub fn checks(&self) -> Vec<(bool, String)> {
        vec![
            self.goals_check(),
            self.people_check(),
            self.renewal_check(),
        ]
    }

    fn goals_check(&self) -> (bool, String) {
        let goals = &self.facts.goals;
        if goals.is_empty() {
            return (
                false,
                "Success-plan goals: none recorded. Agree two or three measurable goals in the meeting.".into(),
            );
        }
        let since = self.period.start;
        let open: Vec<_> = goals
            .iter()
            .filter(|g| g.status != GoalStatus::Achieved)
            .collect();
        let stale: Vec<&str> = open
            .iter()
            .filter(|g| g.updated_on.is_none_or(|d| d < since))
            .map(|g| g.title.as_str())
            .collect();
        match (open.len(), stale.len()) {
            (0, _) => (
                true,
                format!(
                    "Success-plan goals: {} achieved.",
                    if goals.len() == 1 {
                        "the one goal".to_string()
                    } else {
                        format!("all {}", goals.len())
                    }
                ),
            ),
            (1, 0) if goals.len() == 1 => {
                (true, format!("Success-plan goal updated since {since}."))
            }
            (1, 0) => (
                true,
                format!("Success-plan goals: the one open goal updated since {since}."),
            ),
            (n, 0) => (
                true,
                format!("Success-plan goals: all {n} open goals updated since {since}."),
            ),
            (n, s) => (
                false,
                format!(
                    "Success-plan goals: {s} of {} not updated since {since} ({}): refresh the current values.",
                    count(n, "open goal", "open goals"),
                    stale.join("; ")
                ),
            ),
        }
    }

    fn people_check(&self) -> (bool, String) {
        let current = self.people.iter().filter(|p| p.present(self.today)).count();
        if current == 0 {
            return (
                false,
                "Stakeholders: no current contact on record: name who comes to the QBR.".into(),
            );
        }
        if self.gaps.is_empty() {
            return (
                true,
                format!(
                    "Stakeholders covered: no coverage gap among {}.",
                    count(current, "current contact", "current contacts")
                ),
            );
        }
        (
            false,
            format!(
                "Stakeholders to confirm: {}.",
                self.gaps
                    .iter()
                    .map(|g| g.reason.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        )
    }

    fn renewal_check(&self) -> (bool, String) {
        let Some((r, on, motion)) = self
            .renewal
            .as_ref()
            .and_then(|r| Some((r, r.renewal_on?, r.motion.as_ref()?)))
        else {
            return (
                false,
                "Renewal: no open contract on record, so nothing to call on track: import the contract (csm import contracts).".into(),
            );
        };
        let health = self.health.as_ref().map(|h| h.effective);
        let verdict = readiness(&RenewalFacts {
            days_until: (on - self.today).num_days(),
            band: health.and_then(|h| h.band),
            score: health.and_then(|h| h.score),
            forecast: r.forecast.as_ref(),
            motion,
        });
        (verdict.on_track, verdict.words)
    }

    pub(super) fn checklist(&self) -> Section {
        Section::said(
            "Before the meeting",
            self.checks()
                .into_iter()
                .map(|(ok, what)| format!("[{}] {what}", if ok { "x" } else { " " }))
                .collect(),
        )
    }
}
