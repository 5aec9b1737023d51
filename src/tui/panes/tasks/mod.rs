//! The Tasks pane: open tasks soonest due first, from playbooks and people. Its keys
//! narrow them by owner, playbook or typed words, open the account, mark one done,
//! snooze it with a day and a reason, give it to someone else, or add one to the same
//! account. Every write is committed before the status bar says so.

mod keys;
mod list;
mod view;

pub use keys::keys;
pub use list::TaskList;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Room;
use crate::book::tasks::NewTask;
use crate::domain::vocab::Priority;
use crate::tui::action::Action;
use crate::tui::context::{Ask, Ctx};
use crate::tui::keys::Context;
use crate::tui::overlays::forms::{AddTaskForm, Form, ReassignForm, SnoozeForm, Submission};

#[derive(Default)]
pub struct TasksRoom {
    /// Read from the book the first time the pane is shown.
    pub list: Option<TaskList>,
}

impl TasksRoom {
    /// Reads the open tasks from the book.
    fn load(&mut self, cx: &mut Ctx) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        match book.open_tasks(cx.today) {
            Ok(rows) => match self.list.as_mut() {
                Some(list) => list.replace(rows),
                None => {
                    let mut list = TaskList::new(rows);
                    list.show_owner(cx.me.as_deref());
                    self.list = Some(list);
                }
            },
            Err(e) => cx.say(format!("could not read the tasks: {e}")),
        }
    }

    fn mark_done(&mut self, cx: &mut Ctx) {
        let Some(t) = self.list.as_ref().and_then(|l| l.selected()) else {
            return;
        };
        let (id, title) = (t.id, t.title.clone());
        let (stamp, today) = (cx.stamp(), cx.today);
        let touch = cx.key(Context::Tasks, Action::LogTouch);
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        let result = book
            .finish_task(&stamp, id, today)
            .map(|ripple| match ripple.and_then(|r| r.words()) {
                Some(also) => format!("Done: {title}; {also} ({touch} logs the touch)"),
                None => format!("Done: {title} ({touch} logs the touch)"),
            })
            .map_err(|e| e.to_string());
        cx.said_write(result);
        self.load(cx);
    }

    fn start_form(&mut self, action: Action, cx: &mut Ctx) {
        let Some(t) = self.list.as_ref().and_then(|l| l.selected()) else {
            return;
        };
        let task = (t.id, t.title.clone());
        let form = match action {
            Action::AddTask => match (t.account_id, &t.account) {
                (Some(id), Some(name)) => Form::new(AddTaskForm::new((id, name.clone()))),
                _ => {
                    cx.say("this task has no account to add to");
                    return;
                }
            },
            Action::Reassign => Form::new(ReassignForm(task)),
            _ => Form::new(SnoozeForm::task(task)),
        };
        cx.ask(Ask::Form(form));
    }
}

impl Room for TasksRoom {
    fn context(&self) -> Context {
        Context::Tasks
    }

    fn handle(&mut self, action: Action, cx: &mut Ctx) -> bool {
        let Some(list) = self.list.as_mut() else {
            return false;
        };
        // The view scrolls itself around the group headings: the wheel moves the cursor.
        let action = match action {
            Action::ScrollDown => {
                list.cursor.move_by(3, list.shown(), cx.viewport);
                return true;
            }
            Action::ScrollUp => {
                list.cursor.move_by(-3, list.shown(), cx.viewport);
                return true;
            }
            other => other,
        };
        if list.apply(action, cx.viewport) {
            return true;
        }
        match action {
            Action::NextOwner => list.cycle_owner(),
            Action::NextPlaybook => list.cycle_playbook(),
            Action::Back if list.is_narrowed() => list.clear_filters(),
            Action::Open | Action::LogTouch => {
                let Some(id) = list.selected().and_then(|t| t.account_id) else {
                    return false;
                };
                // Logging from a task logs the interaction it was about: the account
                // opens with the form.
                cx.ask(if action == Action::Open {
                    Ask::OpenAccount(id)
                } else {
                    Ask::LogTouchAt(id)
                });
            }
            Action::MarkDone => self.mark_done(cx),
            Action::Snooze | Action::Reassign | Action::AddTask => self.start_form(action, cx),
            _ => return false,
        }
        true
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Ctx) -> usize {
        view::draw(frame, area, self, cx)
    }

    fn submit(&mut self, form: Submission, cx: &mut Ctx) {
        let (stamp, today) = (cx.stamp(), cx.today);
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        let result = match form {
            Submission::Snooze {
                task: Some((id, title)),
                until,
                why,
            } => book
                .snooze_task(&stamp, id, until, &why, today)
                .map(|_| format!("Snoozed until {until}: {title}")),
            Submission::Reassign {
                task: (id, title),
                to,
            } => book
                .team_member_named(&to)
                .and_then(|m| book.reassign_task(&stamp, id, m.id))
                .map(|who| format!("Given to {who}: {title}")),
            Submission::AddTask {
                account: (id, name),
                title,
                due_on,
            } => {
                let task = NewTask {
                    account: id,
                    title,
                    due_on,
                    priority: Priority::Medium,
                    playbook: None,
                };
                book.add_task(&stamp, &task, today)
                    .map(|_| format!("Added to {name}, due {due_on}"))
            }
            _ => return,
        };
        cx.said_write(result.map_err(|e| e.to_string()));
        let message = cx.message.clone();
        self.load(cx);
        cx.message = message;
    }

    fn show(&mut self, cx: &mut Ctx, stale: bool) {
        if self.list.is_none() || stale {
            self.load(cx);
        }
    }

    fn reload(&mut self, cx: &mut Ctx) {
        if self.list.is_some() {
            let message = cx.message.clone();
            self.load(cx);
            cx.message = message;
        }
    }

    fn narrow(&mut self, text: &str, _cx: &Ctx) -> bool {
        if let Some(list) = self.list.as_mut() {
            list.set_text(text);
        }
        true
    }

    fn narrowed(&self) -> Option<(String, usize)> {
        self.list
            .as_ref()
            .map(|l| (l.text().to_string(), l.shown()))
    }
}
