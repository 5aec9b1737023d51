//! Ticking an onboarding milestone, from the Onboarding pane: one question, which one
//! (Enter for the next, or its number in the program); a milestone ticked already is
//! refused with when.

use chrono::NaiveDate;

use super::{Questions, Submission};
use crate::domain::onboarding::MilestoneState;

pub struct MilestoneForm {
    account: (i64, String),
    playbook: String,
    milestones: Vec<MilestoneState>,
}

impl MilestoneForm {
    /// The milestones of `account`'s program, from `playbook`.
    pub fn new(
        account: (i64, String),
        playbook: String,
        milestones: Vec<MilestoneState>,
    ) -> MilestoneForm {
        MilestoneForm {
            account,
            playbook,
            milestones,
        }
    }

    fn next(&self) -> Option<usize> {
        self.milestones
            .iter()
            .enumerate()
            .filter(|(_, m)| m.done_on.is_none())
            .min_by_key(|(_, m)| m.due_on)
            .map(|(i, _)| i)
    }
}

impl Questions for MilestoneForm {
    fn question(&self) -> String {
        let next = self
            .next()
            .map(|i| format!("Enter: {}", i + 1))
            .unwrap_or_else(|| "all done".into());
        format!(
            "{}: tick which milestone? 1-{} [{next}]",
            self.account.1,
            self.milestones.len()
        )
    }

    fn answer(&mut self, text: &str, _today: NaiveDate) -> Result<Option<Submission>, String> {
        let at = if text.is_empty() {
            self.next()
                .ok_or("every milestone is done: the account can move on to adoption")?
        } else {
            let n: usize = text.parse().map_err(|_| {
                format!(
                    "`{text}`: expected a milestone's number, 1 to {}",
                    self.milestones.len()
                )
            })?;
            if n == 0 || n > self.milestones.len() {
                return Err(format!(
                    "`{text}`: expected a milestone's number, 1 to {}",
                    self.milestones.len()
                ));
            }
            n - 1
        };
        let m = &self.milestones[at];
        if let Some(on) = m.done_on {
            return Err(format!("{} was done on {on}", m.title));
        }
        let left = self
            .milestones
            .iter()
            .filter(|m| m.done_on.is_none())
            .count();
        Ok(Some(Submission::Milestone {
            account: self.account.clone(),
            playbook: self.playbook.clone(),
            milestone: m.key.clone(),
            title: m.title.clone(),
            completes_program: left == 1,
        }))
    }
}
