//! Due tasks in the queue: an account's due tasks from one playbook are one play, the
//! first task due leading and the rest counted, so a five-step play is one line of the
//! queue, not five; graver with the highest priority among them.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Class, Item, ItemAccount, ItemKind, News, Subject};
use crate::domain::vocab::Priority;

/// An open task due by today (or a snoozed one whose day has come), as the queue
/// needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueTask {
    pub id: i64,
    pub title: String,
    pub due_on: NaiveDate,
    pub priority: Priority,
    /// The playbook that made it, if one did.
    pub playbook: Option<String>,
    pub created_on: NaiveDate,
}

/// One playbook's due tasks on one account (or one task of no playbook).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Play {
    pub account_id: i64,
    /// The task due first; the keys act on it.
    pub head: DueTask,
    /// The play's other tasks due by today.
    pub more: usize,
    /// 1-3: the highest priority among them.
    pub severity: u8,
}

/// How grave a task is, 1-3, by its priority.
pub fn task_severity(p: Priority) -> u8 {
    match p {
        Priority::High => 3,
        Priority::Medium => 2,
        Priority::Low => 1,
    }
}

/// Tasks grouped into plays as they come (soonest due first, each with an account), in
/// the order each play's first task came.
#[derive(Default)]
pub struct Plays {
    plays: Vec<Play>,
    at: HashMap<(i64, String), usize>,
}

impl Plays {
    pub fn add(&mut self, account_id: i64, task: DueTask) {
        let s = task_severity(task.priority);
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

/// The item for `play` on `account`: its first task, due on its day, saying which play
/// it is and how many more of it are due, of the class of what the play answers.
pub fn task_item(account: &ItemAccount, play: &Play, class: Class, news: &News) -> Item {
    let t = &play.head;
    let what = match (&t.playbook, play.more) {
        (Some(p), 0) => format!("{p} play"),
        (Some(p), n) => format!("{p} play, +{n} more due"),
        (None, 0) => "added by hand".into(),
        (None, n) => format!("+{n} more due"),
    };
    Item {
        due: Some(t.due_on),
        severity: play.severity,
        class,
        play: t.playbook.clone(),
        fingerprint: format!("{}|{}", t.id, t.due_on),
        new: news.is_new(t.created_on),
        ..account.item(ItemKind::Task, Subject::Task(t.id), what, t.title.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::today::TodayRules;
    use crate::domain::today::account::acme;
    use crate::domain::vocab::Segment;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn task(id: i64, due: u32, playbook: Option<&str>, priority: Priority) -> DueTask {
        DueTask {
            id,
            title: format!("task {id}"),
            due_on: day(due),
            priority,
            playbook: playbook.map(str::to_string),
            created_on: day(1),
        }
    }

    /// Groups tasks (soonest due first, each with an account) into plays.
    fn plays(tasks: impl IntoIterator<Item = (i64, DueTask)>) -> Vec<Play> {
        let mut plays = Plays::default();
        for (account, task) in tasks {
            plays.add(account, task);
        }
        plays.into_vec()
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

    #[test]
    fn a_play_says_which_playbook_and_how_many_more_are_due() {
        let news = News::new(&TodayRules::default(), Some(day(1)), day(6));
        let what = |tasks: Vec<DueTask>| {
            let play = plays(tasks.into_iter().map(|t| (1, t))).remove(0);
            task_item(&acme(Segment::Smb), &play, Class::Routine, &news)
        };
        let one = what(vec![task(1, 2, Some("usage-drop"), Priority::Low)]);
        assert_eq!(
            (one.what.as_str(), one.todo.as_str()),
            ("usage-drop play", "task 1")
        );
        assert_eq!((one.due, one.severity), (Some(day(2)), 1));
        assert_eq!(one.subject, Subject::Task(1));
        assert_eq!(one.fingerprint, "1|2026-03-02");
        assert!(one.new, "made on the day of the last look");
        let three = what(vec![
            task(1, 2, Some("usage-drop"), Priority::Low),
            task(2, 3, Some("usage-drop"), Priority::High),
            task(3, 4, Some("usage-drop"), Priority::Medium),
        ]);
        assert_eq!(three.what, "usage-drop play, +2 more due");
        assert_eq!(three.severity, 3, "the highest priority among them");
        let by_hand = what(vec![task(9, 2, None, Priority::Medium)]);
        assert_eq!(
            (by_hand.what.as_str(), by_hand.severity),
            ("added by hand", 2)
        );
    }
}
