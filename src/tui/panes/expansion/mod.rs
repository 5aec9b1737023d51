//! The Expansion pane, the growth half of a CSM's book: the open opportunities most
//! worth working first (ARR x chance x timing) with the weighted pipeline by quarter,
//! and beneath them the accounts that look ready to grow. `n` turns a signal into an
//! opportunity, `a` moves one to its next stage, `w` wins it (its ARR joins the
//! contract from today) and `x` loses it, each a journaled change; Enter opens the
//! account. The pipeline is read on a connection of its own and read again after a
//! change.

mod keys;
mod list;
mod view;

pub use keys::keys;
pub use list::{ExpansionList, Pipeline, Row};

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Room;
use crate::book::Book;
use crate::book::expansion::NewOpportunity;
use crate::domain::expansion::{Deal, ExpansionRules, Signal, largest_first, signals};
use crate::domain::metrics::{Grain, Period};
use crate::domain::vocab::OpportunityStage;
use crate::tui::action::Action;
use crate::tui::context::{Ask, Ctx};
use crate::tui::events::{Event, read_beside, read_on_the_side};
use crate::tui::keys::Context;
use crate::tui::overlays::forms::{Form, OpportunityForm, OpportunityStart, Submission};

#[derive(Default)]
pub struct ExpansionRoom {
    pub list: Option<ExpansionList>,
    /// The deals are being read in the background.
    pub reading: bool,
    /// The signals are being read, behind the screen.
    pub reading_signals: bool,
    /// A change came while the signals were being read: they are read once more after.
    signals_again: bool,
    /// The signals are to be read once no other pane is reading.
    pub signals_wanted: bool,
    /// Numbers the reads of each: only the latest one asked for is taken.
    read: u64,
    signals_read: u64,
}

/// Marks a read of the signals, numbered apart from the deals' reads.
const SIGNALS: u64 = 1 << 63;

/// What a background read found: the deals, or the signals.
pub enum Found {
    Deals(Vec<Deal>),
    Signals(Vec<Signal>),
}

/// The most signals kept per CSM: the largest, what a person works through; the rest
/// are in `csm expansion --json`.
pub const SIGNALS_PER_OWNER: usize = 300;

/// The signals of the book as of `today`, the largest suggested ARR first, at most
/// [`SIGNALS_PER_OWNER`] per CSM.
fn read_signals(
    book: &Book,
    rules: &ExpansionRules,
    today: chrono::NaiveDate,
) -> Result<Vec<Signal>, String> {
    let mut all: Vec<Signal> = Vec::new();
    book.each_growth(None, today, rules.recent_days, |g| {
        all.extend(signals(&g, rules))
    })
    .map_err(|e| e.to_string())?;
    largest_first(&mut all);
    let mut kept: std::collections::HashMap<Option<std::sync::Arc<str>>, usize> =
        std::collections::HashMap::new();
    all.retain(|s| {
        let n = kept.entry(s.owner.clone()).or_default();
        *n += 1;
        *n <= SIGNALS_PER_OWNER
    });
    all.shrink_to_fit();
    Ok(all)
}

impl ExpansionRoom {
    /// Reads the deals, then (with `signals`) the signals behind the screen. The first
    /// time the deals are read at once (one pass over the open opportunities, what the
    /// screen waits for); later on a connection of its own when the loop runs, what is
    /// shown staying usable meanwhile.
    pub fn load(&mut self, cx: &mut Ctx, signals: bool) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        self.read += 1;
        let read = self.read;
        let quarter = Period::holding(Grain::Quarter, cx.today).start;
        let work = move |b: &Book| {
            b.pipeline_deals(quarter)
                .map(Found::Deals)
                .map_err(|e| e.to_string())
        };
        if self.list.is_none() {
            let found = work(book);
            self.take(read, found, cx);
        } else {
            let event = move |found| Event::Expansion(read, found);
            match read_beside(book, cx.events.as_ref(), work, event) {
                Some(found) => self.take(read, found, cx),
                None => self.reading = true,
            }
        }
        // With a loop, the signals wait until no other pane is reading (the app starts
        // them): their read would slow the one a person waits for.
        if signals && cx.events.is_none() {
            self.load_signals(cx);
        } else if signals {
            self.signals_wanted = true;
        }
    }

    /// Starts the signals' read if it waits for the other panes' reads to land.
    pub fn read_waiting_signals(&mut self, cx: &mut Ctx) {
        if std::mem::take(&mut self.signals_wanted) {
            self.load_signals(cx);
        }
    }

    /// Reads the signals behind the screen; one read at a time, a change meanwhile
    /// followed by one more once it lands.
    fn load_signals(&mut self, cx: &mut Ctx) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        if self.reading_signals {
            self.signals_again = true;
            return;
        }
        self.signals_read += 1;
        let read = self.signals_read | SIGNALS;
        let (rules, today) = (cx.expansion.clone(), cx.today);
        let work = move |b: &Book| read_signals(b, &rules, today).map(Found::Signals);
        let event = move |found| Event::Expansion(read, found);
        match read_on_the_side(book, cx.events.as_ref(), work, event, true) {
            Some(found) => self.take(read, found, cx),
            None => self.reading_signals = true,
        }
    }

    /// Takes a read, if it is the latest of its kind asked for, keeping the owner, the
    /// words and the row; the first time, on the user's own pipeline if they have one.
    pub fn take(&mut self, read: u64, found: Result<Found, String>, cx: &mut Ctx) {
        let is_signals = read & SIGNALS != 0;
        let latest = if is_signals {
            self.signals_read | SIGNALS
        } else {
            self.read
        };
        if read != latest {
            return;
        }
        if is_signals {
            self.reading_signals = false;
            if std::mem::take(&mut self.signals_again) {
                self.load_signals(cx);
            }
        } else {
            self.reading = false;
        }
        let (rules, today, viewport) = (&cx.expansion, cx.today, cx.viewport);
        let found = match found {
            Ok(found) => found,
            Err(e) => {
                let what = if is_signals {
                    "the signals to grow"
                } else {
                    "the pipeline"
                };
                cx.say(format!("could not read {what}: {e}"));
                return;
            }
        };
        match (self.list.as_mut(), found) {
            (Some(list), Found::Deals(deals)) => list.replace_deals(deals, viewport, rules, today),
            (Some(list), Found::Signals(signals)) => {
                list.replace_signals(signals, viewport, rules, today)
            }
            (None, Found::Deals(deals)) => {
                let mine = cx.me.clone().filter(|me| {
                    deals
                        .iter()
                        .any(|d| d.owner.as_deref() == Some(me.as_str()))
                });
                let pipeline = Pipeline {
                    deals,
                    ..Pipeline::default()
                };
                self.list = Some(ExpansionList::new(pipeline, mine, rules, today));
            }
            // The signals before the deals: kept until the deals come.
            (None, Found::Signals(signals)) => {
                let pipeline = Pipeline {
                    signals,
                    signals_read: true,
                    ..Pipeline::default()
                };
                self.list = Some(ExpansionList::new(pipeline, None, rules, today));
            }
        }
    }

    /// Reads back the one deal a write changed, the rest of the list as it was.
    fn read_back(&mut self, id: i64, cx: &mut Ctx) {
        let (Some(book), Some(list)) = (cx.book.as_ref(), self.list.as_mut()) else {
            return;
        };
        match book.deal(id) {
            Ok(Some(deal)) => list.update_deal(deal, cx.viewport, &cx.expansion, cx.today),
            Ok(None) => {}
            Err(e) => cx.say(format!("could not read the opportunity back: {e}")),
        }
    }

    /// The next owner with rows in the pipeline, then everyone's.
    fn next_owner(&mut self, cx: &mut Ctx) {
        let Some(list) = self.list.as_mut() else {
            return;
        };
        let mut owners: Vec<String> = list
            .pipeline
            .deals
            .iter()
            .filter_map(|d| d.owner.clone())
            .chain(
                list.pipeline
                    .signals
                    .iter()
                    .filter_map(|s| s.owner.as_deref().map(String::from)),
            )
            .collect();
        owners.sort();
        owners.dedup();
        let next = match list.owner() {
            None => owners.first().cloned(),
            Some(now) => owners
                .iter()
                .position(|o| o == now)
                .and_then(|i| owners.get(i + 1).cloned()),
        };
        list.show_owner(next, cx.viewport, &cx.expansion, cx.today);
    }

    /// The form for a new opportunity: from the selected signal, with its suggestion;
    /// on a deal, another on the same account.
    fn start_form(&mut self, cx: &mut Ctx) {
        let Some(list) = self.list.as_ref() else {
            return;
        };
        let start = match (list.selected_signal(), list.selected_deal()) {
            (Some(s), _) => OpportunityStart {
                account: (s.account_id, s.account.to_string()),
                kind: Some(s.suggests),
                title: s.title.clone(),
                arr: s.arr,
                signal: Some(s.kind.as_str().to_string()),
            },
            (None, Some(d)) => OpportunityStart {
                account: (d.account_id, d.account.clone()),
                kind: None,
                title: "Expansion".into(),
                arr: d.arr,
                signal: None,
            },
            (None, None) => return,
        };
        cx.ask(Ask::Form(Form::new(OpportunityForm::new(start))));
    }

    /// Moves the selected deal: to its next open stage, or won or lost, today.
    fn move_deal(&mut self, action: Action, cx: &mut Ctx) {
        let Some(d) = self.list.as_ref().and_then(|l| l.selected_deal()) else {
            cx.say("Pick an opportunity in the pipeline first");
            return;
        };
        let (id, title, arr, account, kind) = (d.id, d.title.clone(), d.arr, d.account_id, d.kind);
        let stage = match (action, d.stage.next()) {
            (Action::WinDeal, _) => OpportunityStage::Won,
            (Action::LoseDeal, _) => OpportunityStage::Lost,
            (_, Some(next)) => next,
            (_, None) => {
                let (won, lost) = (
                    cx.key(Context::Expansion, Action::WinDeal),
                    cx.key(Context::Expansion, Action::LoseDeal),
                );
                cx.say(format!(
                    "{title} is proposed: {won} when it is won, {lost} if lost"
                ));
                return;
            }
        };
        let (stamp, today) = (cx.stamp(), cx.today);
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        let result = book
            .move_opportunity(&stamp, id, stage, today)
            .map(|_| match stage {
                OpportunityStage::Won => format!(
                    "Won: {title}; {} joins the contract from {today}",
                    arr.short()
                ),
                other => format!("{title}: {}", other.label()),
            })
            .map_err(|e| e.to_string());
        if cx.said_write(result) {
            // A win quiets its kind's signals at the account; the deal is read back.
            if let (OpportunityStage::Won, Some(list)) = (stage, self.list.as_mut()) {
                list.answered(account, kind, cx.viewport, &cx.expansion, cx.today);
            }
            self.read_back(id, cx);
        }
    }
}

impl Room for ExpansionRoom {
    fn context(&self) -> Context {
        Context::Expansion
    }

    fn handle(&mut self, action: Action, cx: &mut Ctx) -> bool {
        let Some(list) = self.list.as_mut() else {
            return false;
        };
        let len = list.len();
        if list.cursor.apply(action, len, cx.viewport) {
            list.keep_in_view(cx.viewport);
            return true;
        }
        match action {
            Action::Open => match list.selected_account() {
                Some((id, _)) => cx.ask(Ask::OpenAccount(id)),
                None => return false,
            },
            Action::Back if !list.text().is_empty() => {
                list.narrow("", cx.viewport, &cx.expansion, cx.today)
            }
            Action::NextOwner => self.next_owner(cx),
            Action::OpenOpportunity => self.start_form(cx),
            Action::AdvanceDeal | Action::WinDeal | Action::LoseDeal => self.move_deal(action, cx),
            _ => return false,
        }
        true
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Ctx) -> usize {
        view::draw(frame, area, self, cx)
    }

    fn submit(&mut self, form: Submission, cx: &mut Ctx) {
        let Submission::Opportunity {
            account: (account_id, name),
            kind,
            title,
            arr,
            close_on,
            signal,
        } = form
        else {
            return;
        };
        let (stamp, today) = (cx.stamp(), cx.today);
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        let new = NewOpportunity {
            account_id,
            kind,
            title: title.clone(),
            arr,
            close_on: Some(close_on),
            signal,
        };
        let opened = book.open_opportunity(&stamp, &new, today);
        let id = opened.as_ref().ok().copied();
        let result = opened
            .map(|_| {
                format!(
                    "Opened at {name}: {title}, {}, to close by {close_on}",
                    arr.short()
                )
            })
            .map_err(|e| e.to_string());
        if cx.said_write(result) {
            // The new opportunity answers its signals at the account.
            if let Some(list) = self.list.as_mut() {
                list.answered(account_id, kind, cx.viewport, &cx.expansion, cx.today);
            }
            if let Some(id) = id {
                self.read_back(id, cx);
            }
        }
    }

    fn show(&mut self, cx: &mut Ctx, stale: bool) {
        if (self.list.is_none() && !self.reading) || stale {
            self.load(cx, true);
        }
    }

    /// After an undo or a change elsewhere: the deals again. The signals (weekly usage,
    /// tickets, surveys) are read again when the pane is next shown.
    fn reload(&mut self, cx: &mut Ctx) {
        if self.list.is_some() {
            let message = cx.message.clone();
            self.load(cx, false);
            cx.message = message;
        }
    }

    fn narrow(&mut self, text: &str, cx: &Ctx) -> bool {
        if let Some(list) = self.list.as_mut() {
            list.narrow(text, cx.viewport, &cx.expansion, cx.today);
        }
        true
    }

    fn narrowed(&self) -> Option<(String, usize)> {
        self.list.as_ref().map(|l| (l.text().to_string(), l.len()))
    }
}
