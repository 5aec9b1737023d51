//! The people and the risks. Internally: coverage gaps, the advocacy ladder, each
//! contact's role, sentiment and last touch, and each risk signal with the playbook work
//! under way (or late). For the customer: who we work with, and each risk said as a plan
//! we carry out together, with nothing of sentiment, gaps or signals in it.

use super::{Section, count, days_ago};
use crate::domain::health::SignalKind;
use crate::report::qbr::Brief;

/// A risk as the customer hears it: what we will do about it, together; None for a risk
/// that is ours to handle (a renewal at risk is the renewal section's business).
fn plan(kind: SignalKind) -> Option<&'static str> {
    Some(match kind {
        SignalKind::UsageDrop => {
            "Adoption: we will look at where usage has slowed and agree together how to bring more of your team back to it."
        }
        SignalKind::ChampionLeft => {
            "Continuity: we will meet whoever now leads the work on your side and carry the plan forward together."
        }
        SignalKind::EscalationOpen => {
            "Support: we will walk through the open escalation and agree together how and when it closes."
        }
        SignalKind::NpsDetractor => {
            "Your feedback: we will go through what we heard in the latest survey and agree together what changes."
        }
        SignalKind::ChampionQuiet => {
            "Working rhythm: we will agree together a regular check-in that suits your team."
        }
        SignalKind::NoExecSponsor => {
            "Sponsorship: we will agree together who sponsors the work on your side, and review it with them each quarter."
        }
        SignalKind::NegativeBuyer => {
            "Value: we will review together the value delivered so far with whoever owns the budget."
        }
        SignalKind::SingleThreaded => {
            "Reach: we will meet more of your team together, so the plan does not rest on one person."
        }
        SignalKind::RenewalAtRisk => return None,
    })
}

impl Brief {
    pub(super) fn stakeholders(&self) -> Section {
        if self.people.is_empty() {
            return Section::said(
                "Stakeholders",
                vec!["No contacts on record: name the executive sponsor, economic buyer and champion (csm import contacts).".into()],
            );
        }
        let mut lines: Vec<String> = if self.gaps.is_empty() {
            vec!["No coverage gap.".into()]
        } else {
            self.gaps
                .iter()
                .map(|g| format!("Gap: {}", g.reason))
                .collect()
        };
        let ladder: Vec<String> = self
            .advocacy
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(t, n)| count(*n, t.label(), &format!("{}s", t.label())))
            .collect();
        lines.push(if ladder.is_empty() {
            "Advocacy: nobody on the ladder yet.".into()
        } else {
            format!("Advocacy: {}.", ladder.join(", "))
        });
        let rows = self
            .people
            .iter()
            .filter(|p| p.present(self.today))
            .map(|p| {
                vec![
                    p.name.clone(),
                    p.title.clone().unwrap_or_default(),
                    p.role.label().to_string(),
                    p.sentiment.label().to_string(),
                    p.days_since_touch(self.today)
                        .map_or("never".into(), days_ago),
                ]
            })
            .collect();
        Section {
            title: "Stakeholders",
            lines,
            table: Some((
                vec!["Name", "Title", "Role", "Sentiment", "Last touch"],
                rows,
            )),
            ..Section::default()
        }
    }

    /// The customer's people by name and title.
    pub(super) fn team(&self) -> Section {
        let rows: Vec<Vec<String>> = self
            .people
            .iter()
            .filter(|p| p.present(self.today))
            .map(|p| vec![p.name.clone(), p.title.clone().unwrap_or_default()])
            .collect();
        if rows.is_empty() {
            return Section::said(
                "Who we work with",
                vec!["We will agree together who takes part in the reviews from your side.".into()],
            );
        }
        Section {
            title: "Who we work with",
            table: Some((vec!["Name", "Title"], rows)),
            ..Section::default()
        }
    }

    pub(super) fn risks(&self) -> Section {
        let signals = self
            .health
            .as_ref()
            .map(|h| h.signals.clone())
            .unwrap_or_default();
        if signals.is_empty() {
            return Section::said(
                "Risks and mitigation",
                vec!["No risk signal standing.".into()],
            );
        }
        let mut lines: Vec<String> = signals
            .iter()
            .map(|s| format!("Risk: {}", s.reason))
            .collect();
        let plays: Vec<_> = self.tasks.iter().filter(|t| t.playbook.is_some()).collect();
        if plays.is_empty() {
            lines.push("No mitigation under way: no playbook task is open on the account.".into());
        }
        for t in plays {
            let play = t.playbook.as_deref().unwrap_or("");
            lines.push(if t.due_on < self.today {
                format!("Late: {} (was due {}, {play})", t.title, t.due_on)
            } else {
                format!("Under way: {} (due {}, {play})", t.title, t.due_on)
            });
        }
        Section::said("Risks and mitigation", lines)
    }

    /// The risks as plans for the customer.
    pub(super) fn plans(&self) -> Section {
        let mut kinds: Vec<SignalKind> = self
            .health
            .as_ref()
            .map(|h| h.signals.iter().map(|s| s.kind).collect())
            .unwrap_or_default();
        kinds.dedup();
        let mut lines: Vec<String> = kinds
            .into_iter()
            .filter_map(plan)
            .map(String::from)
            .collect();
        if lines.is_empty() {
            lines.push("We will keep the plan and the regular reviews going together.".into());
        }
        Section::said("What we will work on together", lines)
    }
}
