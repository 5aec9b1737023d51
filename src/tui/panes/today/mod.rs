//! The Today pane: the morning queue, one row per account, or every item in one list.
//! Its keys move through the queue, open an account's items in place or open the
//! account, mark a task done or dismiss an item until something new happens, snooze
//! either to a day with a reason, log a touch, tick a renewal's next motion step or set
//! its forecast, and switch whose queue it is. Every write is committed before the
//! status bar says so; the item leaves the list at once and the queue is read again
//! behind it, in the background when the book is a file.

mod keys;
mod list;
mod view;

pub use keys::keys;
pub use list::{Entry, TodayList};

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Room;
use crate::book::Book;
use crate::book::renewals::Renewal;
use crate::book::today::{Queue, Scope};
use crate::domain::today::{Item, ItemKind, Subject};
use crate::tui::action::Action;
use crate::tui::context::{Ask, Ctx};
use crate::tui::events::{Event, behind_the_screen, read_aside, read_on_the_side};
use crate::tui::keys::{Context, Keymap};
use crate::tui::overlays::forms::{Form, SnoozeForm, Submission};
use crate::tui::panes::renewals::renewal_form;

/// What can be done to an item of this kind from the queue, in the order shown.
pub fn item_actions(kind: ItemKind) -> &'static [(Action, &'static str)] {
    use Action as A;
    match kind {
        ItemKind::Task => &[
            (A::Open, "open"),
            (A::DoneOrDismiss, "done"),
            (A::Snooze, "snooze"),
            (A::LogTouch, "log touch"),
        ],
        ItemKind::Renewal => &[
            (A::Open, "open"),
            (A::TickStep, "step done"),
            (A::SetForecast, "forecast"),
            (A::DoneOrDismiss, "dismiss"),
            (A::Snooze, "snooze"),
            (A::LogTouch, "log touch"),
        ],
        ItemKind::Signal | ItemKind::NoTouch | ItemKind::Growth => &[
            (A::Open, "open"),
            (A::LogTouch, "log touch"),
            (A::DoneOrDismiss, "dismiss"),
            (A::Snooze, "snooze"),
        ],
        ItemKind::OverrideExpiring => &[
            (A::Open, "open"),
            (A::DoneOrDismiss, "dismiss"),
            (A::Snooze, "snooze"),
        ],
    }
}

/// Those actions on `item` with their keys as bound on Today: "d done". A renewal that
/// took its stage's task in is done with that task, not dismissed.
pub fn item_keys(item: &Item, keys: &Keymap) -> Vec<String> {
    item_actions(item.kind)
        .iter()
        .map(|(a, word)| {
            let word = match (a, item.task) {
                (Action::DoneOrDismiss, Some(_)) => "done (its task)",
                _ => word,
            };
            format!("{} {word}", keys.key(Context::Today, *a))
        })
        .collect()
}

/// A change to more accounts than this reads the queue whole.
const FOLLOW_AT_MOST: usize = 16;

pub struct TodayRoom {
    /// None until the queue has been read.
    pub list: Option<TodayList>,
    /// Whose queue, what they last saw, and the renewal playbooks' stages.
    pub scope: Scope,
    /// A read of the queue is under way in the background.
    pub reading: bool,
    /// Numbers the reads: only the latest one asked for is taken.
    read: u64,
    /// The change journal's last entry when the queue shown was read: what changed
    /// since is what a follow-up read must cover. The read under way's, and whether it
    /// reads the queue whole.
    as_of: i64,
    asked_as_of: i64,
    whole: bool,
    /// The book changed while a whole read was under way: follow it once that lands
    /// (one whole read at a time, however many writes come meanwhile).
    again: bool,
    /// What is shown is the first rows of a whole read still under way.
    pub first_rows: bool,
    /// The item a form is about.
    subject: Option<Item>,
}

impl TodayRoom {
    pub fn new() -> TodayRoom {
        TodayRoom {
            list: None,
            scope: Scope::default(),
            reading: false,
            read: 0,
            as_of: 0,
            asked_as_of: 0,
            whole: false,
            again: false,
            first_rows: false,
            subject: None,
        }
    }

    /// Opens whose queue it is: reads the day they last looked (what happened since is
    /// marked new), remembers today as their last look, and reads the queue.
    pub fn start(&mut self, owner: Option<String>, cx: &mut Ctx) {
        if let Some(book) = cx.book.as_mut() {
            self.scope.last_looked = book.last_looked(owner.as_deref(), cx.today).unwrap_or(None);
            if let Err(e) = book.mark_looked(owner.as_deref(), cx.today) {
                cx.say(format!("could not remember this look: {e}"));
            }
        }
        if self.scope.owner != owner {
            self.list = None;
            self.first_rows = false;
        }
        self.scope.owner = owner;
        self.refresh(cx);
    }

    /// Reads the queue again: on a connection of its own when the book is a file and the
    /// loop is running (the list stays usable meanwhile and the result comes back on the
    /// loop's queue), else at once.
    pub fn refresh(&mut self, cx: &mut Ctx) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        let (rules, today_rules, scope, today) = (
            cx.rules.clone(),
            cx.today_rules.clone(),
            self.scope.clone(),
            cx.today,
        );
        self.read += 1;
        let read = self.read;
        self.asked_as_of = book.last_journal_id().unwrap_or(0);
        self.whole = true;
        self.again = false;
        // A first look shows the first rows while the rest of the book is read.
        let early = self.list.is_none().then(|| cx.events.clone()).flatten();
        // The first rows are what the screen waits for: read at the loop's own
        // priority, and the rest behind the screen once they are out.
        let on_screen = early.is_some();
        let work = move |b: &Book| {
            let first_rows = |q: Queue| {
                if let Some(events) = &early {
                    let _ = events.send(Event::TodayFirstRows(read, q));
                    behind_the_screen();
                }
            };
            b.today_queue_first_rows_early(&rules, &today_rules, &scope, today, &first_rows)
                .map_err(|e| e.to_string())
        };
        let event = move |q| Event::Today(read, q);
        match read_on_the_side(book, cx.events.as_ref(), work, event, !on_screen) {
            Some(queue) => self.take(read, queue, cx),
            None => self.reading = true,
        }
    }

    /// Follows a change to the book: the accounts the journal says it touched are read
    /// again alone and put in place; anything wider (an import, many accounts, a change
    /// the journal does not hold) reads the queue whole.
    pub fn follow(&mut self, cx: &mut Ctx) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        // A whole read under way (the first, perhaps) began before this change: it is
        // followed once it lands.
        if self.reading && self.whole {
            self.again = true;
            return;
        }
        if self.list.is_none() {
            return;
        }
        let touched = book.accounts_touched_since(self.as_of).ok().flatten();
        let accounts: Vec<i64> = match touched {
            Some(set) if !set.is_empty() && set.len() <= FOLLOW_AT_MOST => {
                set.into_iter().collect()
            }
            _ => return self.refresh(cx),
        };
        let (rules, today_rules, scope, today) = (
            cx.rules.clone(),
            cx.today_rules.clone(),
            self.scope.clone(),
            cx.today,
        );
        self.read += 1;
        let read = self.read;
        self.asked_as_of = book.last_journal_id().unwrap_or(self.as_of);
        self.whole = false;
        let each = move |book: &Book| -> Result<Vec<(i64, Queue)>, String> {
            accounts
                .iter()
                .map(|&id| {
                    let scope = Scope {
                        account: Some(id),
                        ..scope.clone()
                    };
                    book.today_queue(&rules, &today_rules, &scope, today)
                        .map(|q| (id, q))
                        .map_err(|e| e.to_string())
                })
                .collect()
        };
        let event = move |fresh| Event::TodayAccounts(read, fresh);
        match read_aside(book, cx.events.as_ref(), each, event) {
            Some(fresh) => self.take_accounts(read, fresh, cx),
            None => self.reading = true,
        }
    }

    /// Takes accounts' queues read after a change, if they are the latest read asked
    /// for, each put in place of what the list held of it.
    pub fn take_accounts(
        &mut self,
        read: u64,
        fresh: Result<Vec<(i64, Queue)>, String>,
        cx: &mut Ctx,
    ) {
        if read != self.read {
            return;
        }
        self.reading = false;
        self.as_of = self.asked_as_of;
        match (fresh, self.list.as_mut()) {
            (Ok(fresh), Some(list)) => list.patch(fresh, cx.viewport),
            (Ok(_), None) => self.refresh(cx),
            (Err(e), _) => cx.say(format!("could not read today's queue: {e}")),
        }
    }

    /// Shows the first rows of a whole read under way, if it is the latest one asked for
    /// and nothing is shown yet; the list says the rest is being read.
    pub fn take_first_rows(&mut self, read: u64, queue: Queue) {
        if read == self.read && self.reading && self.list.is_none() {
            self.list = Some(TodayList::new(queue));
            self.first_rows = true;
        }
    }

    /// Takes a queue read in the background, if it is the latest one asked for (an
    /// earlier read may land later, for another owner or from before a write).
    pub fn take(&mut self, read: u64, queue: Result<Queue, String>, cx: &mut Ctx) {
        if read != self.read {
            return;
        }
        self.reading = false;
        // Over the first rows, a person who has not moved yet is shown the top of the
        // whole queue, not the line they happened to be on.
        let from_the_top = std::mem::take(&mut self.first_rows)
            && self.list.as_ref().is_some_and(|l| l.cursor.selected == 0);
        self.as_of = self.asked_as_of;
        match queue {
            Ok(q) if from_the_top => {
                let text = self.list.as_ref().map(|l| l.text().to_string());
                let mut list = TodayList::new(q);
                if let Some(text) = text.filter(|t| !t.is_empty()) {
                    list.narrow(&text, cx.viewport);
                }
                self.list = Some(list);
            }
            // The list keeps its words and its cursor.
            Ok(q) => match self.list.as_mut() {
                Some(list) => list.replace(q, cx.viewport),
                None => self.list = Some(TodayList::new(q)),
            },
            Err(e) => cx.say(format!("could not read today's queue: {e}")),
        }
        if std::mem::take(&mut self.again) {
            self.follow(cx);
        }
    }

    fn selected(&self) -> Option<Item> {
        self.list.as_ref().and_then(|l| l.selected()).cloned()
    }

    /// A task is done; anything else is dismissed until something new happens.
    fn done_or_dismiss(&mut self, cx: &mut Ctx) {
        let Some(item) = self.selected() else {
            return;
        };
        let (stamp, today) = (cx.stamp(), cx.today);
        let touch = cx.key(Context::Today, Action::LogTouch);
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        let task = match item.subject {
            Subject::Task(id) => Some(id),
            _ => item.task,
        };
        let result = match task {
            Some(id) => book
                .complete_task(&stamp, id, today)
                .map(|_| format!("Done: {} ({touch} logs the touch)", item.todo)),
            _ => book
                .put_away(&stamp, &item, None, "", today)
                .map(|_| format!("Dismissed until something new happens: {}", item.account)),
        };
        self.after_write(&item, result.map_err(|e| e.to_string()), cx);
    }

    fn start_snooze(&mut self, cx: &mut Ctx) {
        let Some(item) = self.selected() else {
            return;
        };
        let form = match item.subject {
            Subject::Task(id) => SnoozeForm::task((id, item.todo.clone())),
            _ => SnoozeForm::item(),
        };
        self.subject = Some(item);
        cx.ask(Ask::Form(Form::new(form)));
    }

    /// The renewal a renewal item is about, as the Renewals pane reads it.
    fn renewal(&self, item: &Item, action: Action, cx: &mut Ctx) -> Option<Renewal> {
        let Subject::Renewal(contract) = item.subject else {
            cx.say(format!(
                "{} acts on a renewal; this is a {}",
                cx.key(Context::Today, action),
                item.kind.as_str().replace('_', " ")
            ));
            return None;
        };
        let found = cx.book.as_ref().map(|b| {
            b.renewal_of(&cx.rules, cx.today, item.account_id)
                .map(|r| r.filter(|r| r.contract_id == Some(contract)))
        });
        match found {
            Some(Ok(Some(r))) => Some(r),
            Some(Err(e)) => {
                cx.say(format!("could not read the renewal: {e}"));
                None
            }
            _ => {
                cx.say(format!("{} has no open renewal now", item.account));
                None
            }
        }
    }

    fn set_forecast(&mut self, cx: &mut Ctx) {
        let Some(item) = self.selected() else {
            return;
        };
        if let Some(r) = self.renewal(&item, Action::SetForecast, cx)
            && let Some(form) = renewal_form(&r, Action::SetForecast, cx)
        {
            self.subject = Some(item);
            cx.ask(Ask::Form(form));
        }
    }

    fn tick_step(&mut self, cx: &mut Ctx) {
        let Some(item) = self.selected() else {
            return;
        };
        let Some(renewal) = self.renewal(&item, Action::TickStep, cx) else {
            return;
        };
        let Some(step) = renewal.motion.as_ref().and_then(|m| m.next_step()) else {
            cx.say(format!(
                "{}: every step of this stage is done",
                item.account
            ));
            return;
        };
        let (stamp, today) = (cx.stamp(), cx.today);
        let Some((book, contract)) = cx.book.as_mut().zip(renewal.contract_id) else {
            return;
        };
        let result = book
            .mark_step(&stamp, contract, step, today)
            .map(|_| format!("{}: {} done", item.account, step.label()))
            .map_err(|e| e.to_string());
        self.after_write(&item, result, cx);
    }

    /// Says what was saved (or why not); a saved item leaves the list, and the queue is
    /// read again.
    fn after_write(&mut self, item: &Item, result: Result<String, String>, cx: &mut Ctx) {
        // The app reads the queue again once the write is told (see `Ask::Wrote`).
        if cx.said_write(result)
            && let Some(list) = self.list.as_mut()
        {
            list.remove(&item.key(), cx.viewport);
        }
    }

    /// The next team member's queue, then everyone's.
    fn next_owner(&mut self, cx: &mut Ctx) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        let team: Vec<String> = book
            .team_members()
            .map(|t| t.into_iter().map(|m| m.name).collect())
            .unwrap_or_default();
        let next = match &self.scope.owner {
            None => team.first().cloned(),
            Some(now) => team
                .iter()
                .position(|n| n == now)
                .and_then(|i| team.get(i + 1).cloned()),
        };
        self.start(next, cx);
    }
}

impl Default for TodayRoom {
    fn default() -> Self {
        TodayRoom::new()
    }
}

impl Room for TodayRoom {
    fn context(&self) -> Context {
        Context::Today
    }

    fn handle(&mut self, action: Action, cx: &mut Ctx) -> bool {
        if action == Action::NextOwner {
            self.next_owner(cx);
            return true;
        }
        let Some(list) = self.list.as_mut() else {
            return false;
        };
        let len = list.len();
        if list.cursor.apply(action, len, cx.viewport) {
            let down = !matches!(
                action,
                Action::Up | Action::HalfPageUp | Action::PageUp | Action::ScrollUp
            );
            list.step_over_heading(down, cx.viewport);
            return true;
        }
        match action {
            // An account of several items opens in place; an item, or an account of one,
            // opens the account.
            Action::Open => match list.entry() {
                Some(Entry::Row(_)) if list.toggle(Some(true), cx.viewport) => {}
                _ => match list.selected() {
                    Some(item) => cx.ask(Ask::OpenAccount(item.account_id)),
                    None => return false,
                },
            },
            Action::Expand => {
                if !list.toggle(Some(true), cx.viewport) {
                    cx.say("nothing more under this line");
                }
            }
            Action::Collapse => {
                list.toggle(Some(false), cx.viewport);
            }
            Action::FlatList => {
                list.toggle_flat(cx.viewport);
                cx.say(if list.flat {
                    "Every item in one list, most pressing first"
                } else {
                    "One row per account, led by its most pressing item"
                });
            }
            Action::LogTouch => match list.selected() {
                Some(item) => cx.ask(Ask::LogTouchAt(item.account_id)),
                None => return false,
            },
            Action::DoneOrDismiss => self.done_or_dismiss(cx),
            Action::Snooze => self.start_snooze(cx),
            Action::SetForecast => self.set_forecast(cx),
            Action::TickStep => self.tick_step(cx),
            Action::Back if !list.text().is_empty() => list.narrow("", cx.viewport),
            _ => return false,
        }
        true
    }

    fn first_row(&self) -> Option<u16> {
        Some(5)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Ctx) -> usize {
        view::draw(frame, area, self, cx)
    }

    fn submit(&mut self, form: Submission, cx: &mut Ctx) {
        let Some(item) = self.subject.take() else {
            return;
        };
        let (stamp, today) = (cx.stamp(), cx.today);
        let result = match form {
            Submission::Snooze { task, until, why } => {
                let Some(book) = cx.book.as_mut() else {
                    return;
                };
                match task {
                    Some((id, title)) => book
                        .snooze_task(&stamp, id, until, &why, today)
                        .map(|_| format!("Snoozed until {until}: {title}")),
                    None => book
                        .put_away(&stamp, &item, Some(until), &why, today)
                        .map(|_| {
                            format!(
                                "Snoozed until {until}, or until something new: {}",
                                item.account
                            )
                        }),
                }
                .map_err(|e| e.to_string())
            }
            Submission::Forecast { renewal, forecast } => {
                crate::tui::panes::renewals::write_forecast(&renewal, &forecast, cx)
            }
            _ => return,
        };
        self.after_write(&item, result, cx);
    }

    fn show(&mut self, cx: &mut Ctx, stale: bool) {
        if self.list.is_none() && !self.reading {
            self.start(self.scope.owner.clone(), cx);
        } else if stale && !self.reading {
            self.follow(cx);
        }
    }

    fn reload(&mut self, cx: &mut Ctx) {
        self.follow(cx);
    }

    fn narrow(&mut self, text: &str, cx: &Ctx) -> bool {
        if let Some(list) = self.list.as_mut() {
            list.narrow(text, cx.viewport);
        }
        true
    }

    fn narrowed(&self) -> Option<(String, usize)> {
        self.list.as_ref().map(|l| (l.text().to_string(), l.len()))
    }
}
