//! The Tasks pane: open tasks soonest due first, from playbooks and people. Its keys
//! narrow them by owner, playbook or typed words, open the account, mark one done,
//! snooze it with a day and a reason, give it to someone else, or add one to the same
//! account. Every write is committed before the status bar says so. The list holds a
//! small key of every open task and reads whole rows only for those on screen; a write
//! re-reads the tasks it changed, as the journal tells them.

mod follow;
mod keys;
mod list;
mod view;
mod window;

pub use keys::keys;
pub use list::{Listed, TaskList};

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Room;
use crate::book::tasks::NewTask;
use crate::domain::vocab::Priority;
use crate::tui::action::Action;
use crate::tui::context::{Ask, Ctx};
use crate::tui::events::{Event, read_aside};
use crate::tui::keys::Context;
use crate::tui::overlays::forms::{AddTaskForm, Form, ReassignForm, SnoozeForm, Submission};

/// Tasks read first, at once, when the pane opens: a screen and more, whatever the
/// size of the book; the rest follows from the background.
const FIRST_ROWS: usize = 200;

#[derive(Default)]
pub struct TasksRoom {
    /// Read from the book the first time the pane is shown.
    pub list: Option<TaskList>,
    /// Every open task's key is being read in the background.
    pub reading: bool,
    /// Numbers the whole reads: only the latest one asked for is taken.
    read: u64,
}

impl TasksRoom {
    /// Reads the open tasks from the book the first time (the first ones at once, the
    /// user's own when the pane starts on them, and every one after); after that,
    /// re-reads those the journal says changed (`silent_is_news`: see
    /// `TaskList::follow`).
    fn load(&mut self, cx: &mut Ctx, silent_is_news: bool) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        let read = match self.list.as_mut() {
            // A change the journal may not hold, while every key is read behind the
            // screen: that read lands with it (and `take` follows the journal).
            Some(_) if self.reading && silent_is_news => Ok(()),
            Some(list) => list.follow(book, cx.today, silent_is_news),
            None => {
                let me = cx.me.as_deref();
                let first =
                    TaskList::read_first(book, cx.today, me, FIRST_ROWS).and_then(
                        |list| match list.index.keys.is_empty() && me.is_some() {
                            // Nothing of the user's: the pane starts on everyone's.
                            true => TaskList::read_first(book, cx.today, None, FIRST_ROWS),
                            false => Ok(list),
                        },
                    );
                first.map(|mut list| {
                    list.show_owner(me);
                    self.list = Some(list);
                })
            }
        };
        match read {
            Ok(()) => self.fill(cx),
            Err(e) => cx.say(format!("could not read the tasks: {e}")),
        }
        if self.list.as_ref().is_some_and(TaskList::is_partial) && !self.reading {
            self.read_whole(cx);
        }
    }

    /// Reads every open task's key: on a connection of its own when the book is a file
    /// and the loop is running (the first tasks stay usable meanwhile), else at once.
    fn read_whole(&mut self, cx: &mut Ctx) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        self.read += 1;
        let (read, today) = (self.read, cx.today);
        let work = move |book: &crate::book::Book| {
            TaskList::read(book, today)
                .map(Box::new)
                .map_err(|e| e.to_string())
        };
        match read_aside(book, cx.events.as_ref(), work, move |list| {
            Event::Tasks(read, list)
        }) {
            Some(list) => self.take(read, list, cx),
            None => self.reading = true,
        }
    }

    /// Takes every open task's key, if from the latest read asked for, keeping the
    /// filters and the task selected, and follows what changed while it was read.
    pub fn take(&mut self, read: u64, whole: Result<Box<TaskList>, String>, cx: &mut Ctx) {
        if read != self.read {
            return;
        }
        self.reading = false;
        let (Some(list), Some(book)) = (self.list.as_mut(), cx.book.as_ref()) else {
            return;
        };
        match whole {
            Ok(whole) => {
                let whole = *whole;
                list.replace(whole.index, whole.today, whole.seen, false);
                let text = list.text().to_string();
                let followed = list.follow(book, cx.today, false);
                if let Err(e) = followed {
                    cx.say(format!("could not read the tasks: {e}"));
                }
                if !text.is_empty() {
                    self.narrow(&text, cx);
                }
                self.fill(cx);
            }
            Err(e) => cx.say(format!("could not read the tasks: {e}")),
        }
    }

    /// Reads the rows the screen may show, when the cursor or the list moved off them.
    fn fill(&mut self, cx: &mut Ctx) {
        if let Err(e) = fill(self.list.as_mut(), cx) {
            cx.say(format!("could not read the tasks: {e}"));
        }
    }

    /// What an action other than moving does; whether it changed anything.
    fn act(&mut self, action: Action, cx: &mut Ctx) -> bool {
        let Some(list) = self.list.as_mut() else {
            return false;
        };
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
        self.load(cx, false);
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
        let moved = match action {
            Action::ScrollDown => {
                list.cursor.move_by(3, list.shown(), cx.viewport);
                true
            }
            Action::ScrollUp => {
                list.cursor.move_by(-3, list.shown(), cx.viewport);
                true
            }
            other => list.apply(other, cx.viewport),
        };
        let changed = moved || self.act(action, cx);
        if changed {
            self.fill(cx);
        }
        changed
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
        self.load(cx, false);
        cx.message = message;
    }

    fn show(&mut self, cx: &mut Ctx, stale: bool) {
        if self.list.is_none() || stale {
            self.load(cx, true);
        }
    }

    fn reload(&mut self, cx: &mut Ctx) {
        if self.list.is_some() {
            let message = cx.message.clone();
            self.load(cx, true);
            cx.message = message;
        }
    }

    fn narrow(&mut self, text: &str, cx: &Ctx) -> bool {
        let (Some(list), Some(book)) = (self.list.as_mut(), cx.book.as_ref()) else {
            return true;
        };
        let lowered = text.to_lowercase();
        // The titles, read once, and the accounts the text names; what cannot be read
        // narrows nothing in.
        let named = if lowered.is_empty() {
            Vec::new()
        } else {
            let _ = list.read_titles(book);
            book.accounts_named(&lowered).unwrap_or_default()
        };
        list.set_text(text, named);
        // A row that cannot be read is drawn from what the list holds.
        let _ = list.fill(book, cx.viewport);
        true
    }

    fn narrowed(&self) -> Option<(String, usize)> {
        self.list
            .as_ref()
            .map(|l| (l.text().to_string(), l.shown()))
    }
}

/// Reads the rows the screen may show into `list`, if there is one.
fn fill(list: Option<&mut TaskList>, cx: &Ctx) -> Result<(), crate::book::BookError> {
    match (list, cx.book.as_ref()) {
        (Some(list), Some(book)) => list.fill(book, cx.viewport),
        _ => Ok(()),
    }
}
