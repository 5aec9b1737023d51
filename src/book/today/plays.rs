//! An account's due tasks from one playbook as one play: the first task due leads and
//! the rest are counted, so a five-step play is one line of the queue, not five.

use std::collections::HashMap;

use crate::book::tasks::TaskRow;
use crate::domain::vocab::Priority;

/// One playbook's due tasks on one account (or one task of no playbook).
pub(super) struct Play {
    pub account_id: i64,
    /// The task due first; the keys act on it.
    pub head: TaskRow,
    /// The play's other tasks due by today.
    pub more: usize,
    /// 1-3: the highest priority among them.
    pub severity: u8,
}

fn severity(p: Priority) -> u8 {
    match p {
        Priority::High => 3,
        Priority::Medium => 2,
        Priority::Low => 1,
    }
}

/// Tasks grouped into plays as they come (soonest due first, each with an account), in
/// the order each play's first task came.
#[derive(Default)]
pub(super) struct Plays {
    plays: Vec<Play>,
    at: HashMap<(i64, String), usize>,
}

impl Plays {
    pub fn add(&mut self, account_id: i64, task: TaskRow) {
        let s = severity(task.priority);
        if let Some(playbook) = &task.playbook {
            if let Some(&i) = self.at.get(&(account_id, playbook.clone())) {
                let play = &mut self.plays[i];
                play.more += 1;
                play.severity = play.severity.max(s);
                return;
            }
            self.at
                .insert((account_id, playbook.clone()), self.plays.len());
        }
        self.plays.push(Play {
            account_id,
            head: task,
            more: 0,
            severity: s,
        });
    }

    pub fn into_vec(self) -> Vec<Play> {
        self.plays
    }
}

/// Groups tasks (soonest due first, each with an account) into plays.
#[cfg(test)]
fn plays(tasks: impl IntoIterator<Item = (i64, TaskRow)>) -> Vec<Play> {
    let mut plays = Plays::default();
    for (account, task) in tasks {
        plays.add(account, task);
    }
    plays.into_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vocab::TaskStatus;
    use chrono::NaiveDate;

    fn task(id: i64, due: u32, playbook: Option<&str>, priority: Priority) -> TaskRow {
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        TaskRow {
            id,
            account_id: Some(1),
            account: Some("Acme".into()),
            owner: None,
            title: format!("task {id}"),
            due_on: day(due),
            status: TaskStatus::Open,
            priority,
            playbook: playbook.map(str::to_string),
            created_on: day(1),
        }
    }

    #[test]
    fn a_playbooks_tasks_on_one_account_are_one_play_led_by_the_first_due() {
        let found = plays([
            (1, task(1, 2, Some("usage-drop"), Priority::Medium)),
            (1, task(2, 3, None, Priority::Low)),
            (1, task(3, 4, Some("usage-drop"), Priority::High)),
            (2, task(4, 4, Some("usage-drop"), Priority::Low)),
            (1, task(5, 5, None, Priority::Low)),
        ]);
        let shape: Vec<(i64, i64, usize, u8)> = found
            .iter()
            .map(|p| (p.account_id, p.head.id, p.more, p.severity))
            .collect();
        assert_eq!(
            shape,
            [(1, 1, 1, 3), (1, 2, 0, 1), (2, 4, 0, 1), (1, 5, 0, 1)]
        );
    }
}
