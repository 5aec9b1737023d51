//! What the keys do on the Tasks pane: move through the tasks, narrow them by owner or
//! playbook, open the account, mark one done, snooze it with a day and a reason, give it
//! to someone else, or add one to the same account. Every write is committed before the
//! status bar says so.

use super::action::Action;
use super::app::{App, Mode};
use super::prompt::{Prompt, PromptKind, later_day};
use super::task_list::TaskList;
use crate::book::tasks::NewTask;
use crate::domain::vocab::Priority;

impl App {
    /// Reads the open tasks from the book.
    pub(super) fn load_tasks(&mut self) {
        let Some(book) = self.book.as_ref() else {
            return;
        };
        match book.open_tasks(self.today) {
            Ok(rows) => match self.tasks.as_mut() {
                Some(list) => list.replace(rows),
                None => self.tasks = Some(TaskList::new(rows)),
            },
            Err(e) => self.message = Some(format!("could not read the tasks: {e}")),
        }
    }

    /// Reads the tasks again if the pane has been shown (after background work).
    pub fn reload_tasks(&mut self) {
        if self.tasks.is_some() {
            let message = self.message.clone();
            self.load_tasks();
            self.message = message;
        }
    }

    /// Handles a key on the Tasks pane; None for keys it leaves to the app.
    pub(super) fn update_tasks(&mut self, action: Action) -> Option<bool> {
        let page = self.viewport.max(1) as isize;
        let list = self.tasks.as_mut()?;
        match action {
            Action::MoveDown => list.move_by(1),
            Action::MoveUp => list.move_by(-1),
            Action::Top => list.move_by(isize::MIN / 2),
            Action::Bottom => list.move_by(isize::MAX / 2),
            Action::HalfPageDown | Action::PageDown => list.move_by(page),
            Action::HalfPageUp | Action::PageUp => list.move_by(-page),
            Action::CycleOwner => list.cycle_owner(),
            Action::CyclePlaybook => list.cycle_playbook(),
            Action::StartFilter => self.mode = Mode::Filter,
            Action::Back if list.is_narrowed() => list.clear_filters(),
            Action::Open => {
                let id = list.selected()?.account_id?;
                self.open_account(id);
            }
            Action::TaskDone => self.complete_selected(),
            Action::SnoozeTask => self.start_task_form(PromptKind::SnoozeTask),
            Action::Reassign => self.start_task_form(PromptKind::Reassign),
            Action::AddContact => self.start_task_form(PromptKind::AddTask),
            // Log the interaction a task was about: the account opens with the form.
            Action::LogTouch => {
                let id = list.selected()?.account_id?;
                self.open_account(id);
                self.start_form(Action::LogTouch);
            }
            _ => return None,
        }
        Some(true)
    }

    /// Keys while typing the Tasks pane's filter (an account, or words of a title).
    pub(super) fn update_task_filter(&mut self, action: Action) -> bool {
        let Some(list) = self.tasks.as_mut() else {
            self.mode = Mode::Browse;
            return true;
        };
        let mut text = list.text().to_string();
        match action {
            Action::Quit => self.quit = true,
            Action::FilterInput(c) => text.push(c),
            Action::FilterBackspace => {
                text.pop();
            }
            Action::FilterClear => text.clear(),
            Action::FilterAccept => self.mode = Mode::Browse,
            Action::FilterCancel => {
                text.clear();
                self.mode = Mode::Browse;
            }
            Action::MoveDown => list.move_by(1),
            Action::MoveUp => list.move_by(-1),
            _ => return false,
        }
        if text != list.text() {
            list.set_text(&text);
        }
        true
    }

    fn complete_selected(&mut self) {
        let Some(t) = self.tasks.as_ref().and_then(|l| l.selected()) else {
            return;
        };
        let (id, title) = (t.id, t.title.clone());
        let stamp = self.stamp();
        let today = self.today;
        let Some(book) = self.book.as_mut() else {
            return;
        };
        self.message = Some(match book.complete_task(&stamp, id, today) {
            Ok(_) => format!("Done: {title} (t logs the touch)"),
            Err(e) => format!("Not saved: {e}"),
        });
        self.load_tasks();
        self.today_changed();
    }

    fn start_task_form(&mut self, kind: PromptKind) {
        let Some(t) = self.tasks.as_ref().and_then(|l| l.selected()) else {
            return;
        };
        let subject = if kind == PromptKind::AddTask {
            match (t.account_id, &t.account) {
                (Some(id), Some(name)) => (id, name.clone()),
                _ => {
                    self.message = Some("this task has no account to add to".into());
                    return;
                }
            }
        } else {
            (t.id, t.title.clone())
        };
        self.prompt = Some(Prompt::for_task(kind, subject));
        self.prompt_return = Mode::Browse;
        self.mode = Mode::Prompt;
    }

    /// Writes a completed task form to the book.
    pub(super) fn submit_task(&mut self, prompt: &Prompt) {
        let Some((id, name)) = prompt.task.clone() else {
            return;
        };
        let stamp = self.stamp();
        let today = self.today;
        let Some(book) = self.book.as_mut() else {
            return;
        };
        let answer = |i: usize| prompt.answers.get(i).cloned().unwrap_or_default();
        let result: Result<String, String> = match prompt.kind {
            PromptKind::SnoozeTask => later_day(&answer(0), today).and_then(|until| {
                book.snooze_task(&stamp, id, until, &answer(1), today)
                    .map(|_| format!("Snoozed until {until}: {name}"))
                    .map_err(|e| e.to_string())
            }),
            PromptKind::Reassign => book
                .team_member_named(&answer(0))
                .and_then(|m| book.reassign_task(&stamp, id, m.id))
                .map(|who| format!("Given to {who}: {name}"))
                .map_err(|e| e.to_string()),
            PromptKind::AddTask => later_day(&answer(1), today).and_then(|due| {
                let task = NewTask {
                    account: id,
                    title: answer(0),
                    due_on: due,
                    priority: Priority::Medium,
                    playbook: None,
                };
                book.add_task(&stamp, &task, today)
                    .map(|_| format!("Added to {name}, due {due}"))
                    .map_err(|e| e.to_string())
            }),
            _ => Err("the form was incomplete".into()),
        };
        self.message = Some(match result {
            Ok(done) => done,
            Err(e) => format!("Not saved: {e}"),
        });
        let message = self.message.clone();
        self.load_tasks();
        self.message = message;
        self.today_changed();
    }
}
