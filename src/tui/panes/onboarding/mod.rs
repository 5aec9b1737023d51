//! The Onboarding pane: every account in onboarding with its program (by segment), the
//! day of the program against its length, the phase under way, milestones done, first
//! value and what is next; the stuck (a late phase, no touch, no usage) first. Beneath,
//! the selected account's phases and milestones, each done, due or late. `x` ticks a
//! milestone (its task done with it; the last one moves the account on to adoption),
//! `g` moves a complete program on, `t` logs a touch; Enter opens the account. The board
//! is read on a connection of its own, and one account read back after a change.

mod keys;
mod list;
mod view;

pub use keys::keys;
pub use list::OnboardingList;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Room;
use crate::book::Book;
use crate::book::onboarding::Tick;
use crate::domain::onboarding::{Board, Journey, program_for, progress};
use crate::tui::action::Action;
use crate::tui::context::{Ask, Ctx};
use crate::tui::events::{Event, read_beside};
use crate::tui::keys::Context;
use crate::tui::overlays::forms::{Form, MilestoneForm, Submission};

#[derive(Default)]
pub struct OnboardingRoom {
    pub list: Option<OnboardingList>,
    /// The board is being read in the background.
    pub reading: bool,
    /// Numbers the reads: only the latest one asked for is taken.
    read: u64,
}

impl OnboardingRoom {
    /// Reads every account in onboarding: on a connection of its own when the loop runs
    /// (what is shown stays usable meanwhile), else at once.
    pub fn load(&mut self, cx: &mut Ctx) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        self.read += 1;
        let read = self.read;
        let share = cx.onboarding.first_value_active_share;
        let work = move |b: &Book| b.journeys(None, share).map_err(|e| e.to_string());
        let event = move |found| Event::Onboarding(read, found);
        match read_beside(book, cx.events.as_ref(), work, event) {
            Some(found) => self.take(read, found, cx),
            None => self.reading = true,
        }
    }

    /// Takes a read, if it is the latest asked for, keeping the owner, the words and the
    /// account selected; the first time, on the user's own accounts if they have any.
    pub fn take(&mut self, read: u64, found: Result<Vec<Journey>, String>, cx: &mut Ctx) {
        if read != self.read {
            return;
        }
        self.reading = false;
        let journeys = match found {
            Ok(j) => j,
            Err(e) => {
                cx.say(format!("could not read who is onboarding: {e}"));
                return;
            }
        };
        let board = Board::new(journeys, &cx.programs, &cx.onboarding, cx.today);
        match self.list.as_mut() {
            Some(list) => list.replace(board, cx.viewport),
            None => {
                let mine = cx.me.clone().filter(|me| {
                    board
                        .rows
                        .iter()
                        .any(|(j, _)| j.owner.as_deref() == Some(me.as_str()))
                });
                self.list = Some(OnboardingList::new(board, mine, cx.today));
            }
        }
    }

    /// Reads one account back after a change to it.
    fn read_back(&mut self, account: i64, cx: &mut Ctx) {
        let (Some(book), Some(list)) = (cx.book.as_ref(), self.list.as_mut()) else {
            return;
        };
        match book.journey(account, cx.onboarding.first_value_active_share) {
            Ok(journey) => {
                let row = journey.and_then(|j| {
                    let pb = program_for(&cx.programs, j.segment)?;
                    let p = progress(&j, pb, &cx.onboarding, cx.today)?;
                    Some((j, p))
                });
                list.update(account, row, cx.viewport);
            }
            Err(e) => cx.say(format!("could not read the account back: {e}")),
        }
    }

    fn tick_form(&mut self, cx: &mut Ctx) {
        let Some((j, p)) = self.list.as_ref().and_then(|l| l.selected()) else {
            return;
        };
        if p.complete() {
            let g = cx.key(Context::Onboarding, Action::Graduate);
            cx.say(format!(
                "{}: every milestone is done; {g} moves it on to adoption",
                j.name
            ));
            return;
        }
        let form = MilestoneForm::new(
            (j.account_id, j.name.to_string()),
            p.playbook_id.clone(),
            p.milestones.clone(),
        );
        cx.ask(Ask::Form(Form::new(form)));
    }

    fn graduate(&mut self, cx: &mut Ctx) {
        let Some((j, p)) = self.list.as_ref().and_then(|l| l.selected()) else {
            return;
        };
        let (id, name) = (j.account_id, j.name.to_string());
        let left = p.milestones.len() - p.done();
        if left > 0 {
            let x = cx.key(Context::Onboarding, Action::TickMilestone);
            cx.say(format!(
                "{name}: {left} milestone{} to go before adoption; {x} ticks one",
                if left == 1 { "" } else { "s" }
            ));
            return;
        }
        let stamp = cx.stamp();
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        let result = book
            .graduate(&stamp, id)
            .map(|_| format!("{name}: onboarding complete, on to adoption"))
            .map_err(|e| e.to_string());
        if cx.said_write(result) {
            self.read_back(id, cx);
        }
    }
}

impl Room for OnboardingRoom {
    fn context(&self) -> Context {
        Context::Onboarding
    }

    fn handle(&mut self, action: Action, cx: &mut Ctx) -> bool {
        let Some(list) = self.list.as_mut() else {
            return false;
        };
        let len = list.len();
        if list.cursor.apply(action, len, cx.viewport) {
            return true;
        }
        match action {
            Action::Open => match list.selected() {
                Some((j, _)) => cx.ask(Ask::OpenAccount(j.account_id)),
                None => return false,
            },
            Action::LogTouch => match list.selected() {
                Some((j, _)) => cx.ask(Ask::LogTouchAt(j.account_id)),
                None => return false,
            },
            Action::Back if !list.text().is_empty() => list.narrow("", cx.viewport),
            Action::NextOwner => list.next_owner(cx.viewport),
            Action::TickMilestone => self.tick_form(cx),
            Action::Graduate => self.graduate(cx),
            _ => return false,
        }
        true
    }

    fn first_row(&self) -> Option<u16> {
        Some(4)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Ctx) -> usize {
        view::draw(frame, area, self, cx)
    }

    fn submit(&mut self, form: Submission, cx: &mut Ctx) {
        let Submission::Milestone {
            account: (account_id, name),
            playbook,
            milestone,
            title,
            completes_program,
        } = form
        else {
            return;
        };
        let (stamp, today) = (cx.stamp(), cx.today);
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        let tick = Tick {
            account_id,
            playbook_id: &playbook,
            milestone: &milestone,
            title: &title,
            completes_program,
        };
        let result = book
            .tick_milestone(&stamp, &tick, today)
            .map(|ticked| match (ticked, completes_program) {
                (false, _) => format!("{name}: {title} was ticked already"),
                (true, true) => {
                    format!("{name}: {title} done; the program is complete, on to adoption")
                }
                (true, false) => format!("{name}: milestone done: {title}"),
            })
            .map_err(|e| e.to_string());
        if cx.said_write(result) {
            self.read_back(account_id, cx);
        }
    }

    fn show(&mut self, cx: &mut Ctx, stale: bool) {
        if (self.list.is_none() && !self.reading) || stale {
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
