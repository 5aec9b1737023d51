//! What the keys do on the Today pane: move through the queue, open the account, mark a
//! task done or dismiss an item until something new happens, snooze either to a day
//! with a reason, log a touch, tick a renewal's next motion step or set its forecast,
//! and switch whose queue it is. Every write is committed before the status bar says
//! so; the item leaves the list at once and the queue is read again behind it.

use std::sync::mpsc;

use super::action::Action;
use super::app::{App, Mode};
use super::prompt::{Prompt, PromptKind, later_day};
use super::today_list::TodayList;
use crate::book::Book;
use crate::book::today::Queue;
use crate::domain::today::{Item, Subject};

/// The queue's background read: asked for, or under way.
pub enum TodayJob {
    Wanted,
    Reading(mpsc::Receiver<Result<Queue, String>>),
}

impl App {
    /// Opens whose queue it is: reads the day they last looked (what happened since is
    /// marked new), remembers today as their last look, and reads the queue.
    pub fn start_today(&mut self, owner: Option<String>) {
        if let Some(book) = self.book.as_mut() {
            self.today_scope.last_looked = book
                .last_looked(owner.as_deref(), self.today)
                .unwrap_or(None);
            if let Err(e) = book.mark_looked(owner.as_deref(), self.today) {
                self.message = Some(format!("could not remember this look: {e}"));
            }
        }
        if self.today_scope.owner != owner {
            self.today_list = None;
        }
        self.today_scope.owner = owner;
        self.refresh_today();
    }

    /// Reads the queue again: on a connection of its own when the book is a file (the
    /// list stays usable meanwhile; the read starts at the next poll, after the frame
    /// in hand is drawn), else at once.
    pub fn refresh_today(&mut self) {
        let Some(book) = self.book.as_ref() else {
            return;
        };
        if book.path().is_some() {
            self.today_job = Some(TodayJob::Wanted);
            return;
        }
        let queue = book
            .today_queue(
                &self.rules,
                &self.today_rules,
                &self.today_scope,
                self.today,
            )
            .map_err(|e| e.to_string());
        self.take_queue(queue);
    }

    /// Starts the background read a refresh asked for.
    fn start_today_read(&mut self) {
        let Some(path) = self
            .book
            .as_ref()
            .and_then(|b| b.path())
            .map(|p| p.to_path_buf())
        else {
            self.today_job = None;
            return;
        };
        let (rules, today_rules, scope, today) = (
            self.rules.clone(),
            self.today_rules.clone(),
            self.today_scope.clone(),
            self.today,
        );
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let queue = Book::open(&path)
                .and_then(|b| b.today_queue(&rules, &today_rules, &scope, today))
                .map_err(|e| e.to_string());
            let _ = tx.send(queue);
        });
        self.today_job = Some(TodayJob::Reading(rx));
    }

    /// Whether the queue is wanted or being read in the background.
    pub fn today_pending(&self) -> bool {
        self.today_job.is_some()
    }

    /// Starts a wanted read, or takes the queue read in the background if it is ready.
    /// Returns whether the queue changed.
    pub fn poll_today(&mut self) -> bool {
        let received = match &self.today_job {
            None => return false,
            Some(TodayJob::Wanted) => {
                self.start_today_read();
                return false;
            }
            Some(TodayJob::Reading(rx)) => rx.try_recv(),
        };
        match received {
            Ok(queue) => {
                self.today_job = None;
                self.take_queue(queue);
                true
            }
            Err(mpsc::TryRecvError::Empty) => false,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.today_job = None;
                true
            }
        }
    }

    /// Waits for the queue (for tests and the benchmark).
    pub fn wait_for_today(&mut self) {
        if matches!(self.today_job, Some(TodayJob::Wanted)) {
            self.start_today_read();
        }
        if let Some(TodayJob::Reading(rx)) = self.today_job.take()
            && let Ok(queue) = rx.recv()
        {
            self.take_queue(queue);
        }
    }

    fn take_queue(&mut self, queue: Result<Queue, String>) {
        match queue {
            Ok(q) => match self.today_list.as_mut() {
                Some(list) => list.replace(q),
                None => self.today_list = Some(TodayList::new(q)),
            },
            Err(e) => self.message = Some(format!("could not read today's queue: {e}")),
        }
    }

    /// Handles a key on the Today pane; None for keys it leaves to the app.
    pub(super) fn update_today(&mut self, action: Action) -> Option<bool> {
        let page = self.viewport.max(1) as isize;
        if action == Action::CycleOwner {
            self.cycle_today_owner();
            return Some(true);
        }
        let list = self.today_list.as_mut()?;
        match action {
            Action::MoveDown => list.move_by(1),
            Action::MoveUp => list.move_by(-1),
            Action::Top => list.move_by(isize::MIN / 2),
            Action::Bottom => list.move_by(isize::MAX / 2),
            Action::HalfPageDown | Action::PageDown => list.move_by(page),
            Action::HalfPageUp | Action::PageUp => list.move_by(-page),
            Action::SelectVisibleRow(row) => {
                let first = list
                    .selected
                    .saturating_sub(self.viewport.saturating_sub(1));
                list.selected = first + row;
                list.move_by(0);
            }
            Action::Open => {
                let id = list.selected()?.account_id;
                self.open_account(id);
            }
            Action::TaskDone => self.done_or_dismiss(),
            Action::SnoozeTask => self.start_snooze(),
            Action::LogTouch => {
                let id = list.selected()?.account_id;
                self.open_account(id);
                self.start_form(Action::LogTouch);
            }
            Action::SetForecast | Action::MarkStep => self.act_on_renewal(action),
            _ => return None,
        }
        Some(true)
    }

    /// `d`: a task is done; anything else is dismissed until something new happens.
    fn done_or_dismiss(&mut self) {
        let Some(item) = self.today_list.as_ref().and_then(|l| l.selected()).cloned() else {
            return;
        };
        let stamp = self.stamp();
        let today = self.today;
        let Some(book) = self.book.as_mut() else {
            return;
        };
        let result = match item.subject {
            Subject::Task(id) => book
                .complete_task(&stamp, id, today)
                .map(|_| format!("Done: {} (t logs the touch)", item.todo)),
            _ => book
                .put_away(&stamp, &item, None, "", today)
                .map(|_| format!("Dismissed until something new happens: {}", item.account)),
        };
        self.after_today_write(&item, result.map_err(|e| e.to_string()));
    }

    fn start_snooze(&mut self) {
        let Some(item) = self.today_list.as_ref().and_then(|l| l.selected()).cloned() else {
            return;
        };
        self.prompt = Some(match item.subject {
            Subject::Task(id) => Prompt::for_task(PromptKind::SnoozeTask, (id, item.todo.clone())),
            _ => Prompt::for_task(
                PromptKind::SnoozeItem,
                (item.account_id, item.account.clone()),
            ),
        });
        self.today_subject = Some(item);
        self.prompt_return = Mode::Browse;
        self.mode = Mode::Prompt;
    }

    /// Writes a completed snooze of a Today item that is not a task.
    pub(super) fn submit_today_snooze(&mut self, prompt: &Prompt) {
        let Some(item) = self.today_subject.take() else {
            return;
        };
        let stamp = self.stamp();
        let today = self.today;
        let Some(book) = self.book.as_mut() else {
            return;
        };
        let answer = |i: usize| prompt.answers.get(i).cloned().unwrap_or_default();
        let result = later_day(&answer(0), today).and_then(|until| {
            book.put_away(&stamp, &item, Some(until), &answer(1), today)
                .map(|_| {
                    format!(
                        "Snoozed until {until}, or until something new: {}",
                        item.account
                    )
                })
                .map_err(|e| e.to_string())
        });
        self.after_today_write(&item, result);
    }

    /// `x` ticks a renewal item's next motion step; `f` opens its forecast form.
    fn act_on_renewal(&mut self, action: Action) {
        let Some(item) = self.today_list.as_ref().and_then(|l| l.selected()).cloned() else {
            return;
        };
        let Subject::Renewal(contract) = item.subject else {
            self.message = Some(format!(
                "{} acts on a renewal; this is a {}",
                if action == Action::MarkStep { "x" } else { "f" },
                item.kind.as_str().replace('_', " ")
            ));
            return;
        };
        let found = self.book.as_ref().map(|b| {
            b.renewal_of(&self.rules, self.today, item.account_id)
                .map(|r| r.filter(|r| r.contract_id == Some(contract)))
        });
        let renewal = match found {
            Some(Ok(Some(r))) => r,
            Some(Err(e)) => {
                self.message = Some(format!("could not read the renewal: {e}"));
                return;
            }
            _ => {
                self.message = Some(format!("{} has no open renewal now", item.account));
                return;
            }
        };
        if action == Action::SetForecast {
            self.today_subject = Some(item);
            self.renewal_form(&renewal, Action::SetForecast);
            return;
        }
        let Some(step) = renewal.motion.as_ref().and_then(|m| m.next_step()) else {
            self.message = Some(format!(
                "{}: every step of this stage is done",
                item.account
            ));
            return;
        };
        let stamp = self.stamp();
        let today = self.today;
        let Some(book) = self.book.as_mut() else {
            return;
        };
        let result = book
            .mark_step(&stamp, contract, step, today)
            .map(|_| format!("{}: {} done", item.account, step.label()))
            .map_err(|e| e.to_string());
        self.after_today_write(&item, result);
    }

    /// Says what was saved (or why not); a saved item leaves the list, and the queue is
    /// read again.
    fn after_today_write(&mut self, item: &Item, result: Result<String, String>) {
        match result {
            Ok(done) => {
                if let Some(list) = self.today_list.as_mut() {
                    list.remove(&item.key());
                }
                self.message = Some(done);
                self.refresh_today();
                self.reload_tasks();
            }
            Err(e) => self.message = Some(format!("Not saved: {e}")),
        }
    }

    /// Reads the queue again after a write made elsewhere (a form, another pane).
    pub(super) fn today_changed(&mut self) {
        if self.today_list.is_some() {
            let message = self.message.clone();
            self.refresh_today();
            if self.message.is_none() {
                self.message = message;
            }
        }
    }

    /// `o`: the next team member's queue, then everyone's.
    fn cycle_today_owner(&mut self) {
        let Some(book) = self.book.as_ref() else {
            return;
        };
        let team: Vec<String> = book
            .team_members()
            .map(|t| t.into_iter().map(|m| m.name).collect())
            .unwrap_or_default();
        let next = match &self.today_scope.owner {
            None => team.first().cloned(),
            Some(now) => team
                .iter()
                .position(|n| n == now)
                .and_then(|i| team.get(i + 1).cloned()),
        };
        self.start_today(next);
    }
}
