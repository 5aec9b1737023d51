//! The Renewals pane: every renewal in its 120/90/60/30-day window with its motion.
//! Its keys narrow the list by window and owner, open the account, tick the next motion
//! step (or untick the last), and set the forecast or the outcome through a form. Every
//! write is committed before the status bar says so.

mod keys;
mod list;
mod view;

pub use keys::keys;
pub use list::{Drill, RenewalList, WindowFilter};

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Room;
use crate::book::Book;
use crate::book::renewals::{Renewal, Span, TimelineRow};
use crate::domain::records::Forecast;
use crate::tui::action::Action;
use crate::tui::context::{Ask, Ctx};
use crate::tui::events::{Event, read_aside};
use crate::tui::keys::Context;
use crate::tui::overlays::forms::renewal_answers::forecast_text;
use crate::tui::overlays::forms::{ForecastForm, Form, OutcomeForm, RenewalContext, Submission};

/// Renewals read first, at once, when the pane opens: a screen and more, whatever the
/// size of the book; the rest follows from the background.
const FIRST_ROWS: usize = 200;

/// The next 120 days read whole: those renewals, those past 120 days when the pane
/// shows them, and every owner of an active account.
pub type Whole = (Vec<TimelineRow>, Option<Vec<TimelineRow>>, Vec<String>);

#[derive(Default)]
pub struct RenewalsRoom {
    /// Read from the book the first time the pane is shown.
    pub list: Option<RenewalList>,
    /// The whole next 120 days is being read in the background.
    pub reading: bool,
    /// Numbers the whole reads: only the latest one asked for is taken.
    read: u64,
    /// A write landed while a whole read was under way: read again once it is in.
    again: bool,
    /// A drill from the Team pane asked for before the whole list was in: whose, and
    /// which cell.
    pending: Option<(Option<String>, Drill)>,
}

impl RenewalsRoom {
    /// Lists the renewals behind a cell of the Team pane's forecast review, once the
    /// whole list is in: `owner`'s (None: everyone's). Esc goes back to the team.
    pub fn drill_into(&mut self, owner: Option<String>, drill: Drill, cx: &mut Ctx) {
        self.pending = Some((owner, drill));
        self.apply_pending(cx);
    }

    fn apply_pending(&mut self, cx: &mut Ctx) {
        let Some(list) = self.list.as_mut().filter(|l| !l.is_partial()) else {
            return;
        };
        if let Some((owner, drill)) = self.pending.take() {
            list.drill(owner.as_deref(), drill, cx.viewport);
            self.fetch_later(cx);
        }
    }

    /// Back from a drill: every renewal again.
    pub fn leave_drill(&mut self, viewport: usize) {
        if let Some(list) = self.list.as_mut().filter(|l| l.drilled().is_some()) {
            list.clear_filters(viewport);
        }
    }

    /// Reads the renewals from the book (freezing this month's forecasts first, once):
    /// the first ones at once, the user's own when the pane starts on them, and the
    /// whole next 120 days after.
    fn load(&mut self, cx: &mut Ctx) {
        self.freeze(cx);
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        let first = (|| {
            let owners = book.renewal_owners(cx.today)?;
            let me = cx.me.as_deref().filter(|me| owners.iter().any(|o| o == me));
            let rows = book.timeline_first(&cx.rules, cx.today, me, FIRST_ROWS)?;
            Ok::<_, crate::book::BookError>((rows, owners))
        })();
        match first {
            Ok((rows, owners)) => {
                let mut list = RenewalList::first(rows, owners);
                list.show_owner(cx.me.as_deref(), cx.viewport);
                self.list = Some(list);
                self.reread(cx);
            }
            Err(e) => cx.say(format!("could not read the renewals: {e}")),
        }
    }

    /// Keeps this month's forecasts, the first look in the month (and after a forecast
    /// is set, for a renewal due this month that had none).
    fn freeze(&mut self, cx: &mut Ctx) {
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        if let Err(e) = book.freeze_forecasts(cx.today) {
            cx.say(format!("could not freeze this month's forecasts: {e}"));
        }
    }

    /// Reads the renewals again, keeping the selection and the filters: on a connection
    /// of its own when the book is a file and the loop is running (what is shown stays
    /// usable meanwhile), else at once.
    fn reread(&mut self, cx: &mut Ctx) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        if self.reading {
            self.again = true;
            return;
        }
        let later = self.list.as_ref().is_some_and(|l| l.wants_later(cx.today));
        self.read += 1;
        let read = self.read;
        let (rules, today) = (cx.rules.clone(), cx.today);
        let work = move |book: &Book| {
            let near = book.timeline(&rules, today, Span::Near)?;
            let later = match later {
                true => Some(book.timeline(&rules, today, Span::Later)?),
                false => None,
            };
            Ok((near, later, book.renewal_owners(today)?))
        };
        let work = move |book: &Book| {
            work(book)
                .map(Box::new)
                .map_err(|e: crate::book::BookError| e.to_string())
        };
        match read_aside(book, cx.events.as_ref(), work, move |whole| {
            Event::Renewals(read, whole)
        }) {
            Some(whole) => self.take(read, whole, cx),
            None => self.reading = true,
        }
    }

    /// Takes the whole next 120 days, if from the latest read asked for, keeping the
    /// selection and the filters; reads again if a write landed meanwhile.
    pub fn take(&mut self, read: u64, whole: Result<Box<Whole>, String>, cx: &mut Ctx) {
        if read != self.read {
            return;
        }
        self.reading = false;
        match whole {
            Ok(whole) => {
                let (near, later, owners) = *whole;
                match self.list.as_mut() {
                    Some(list) => list.replace(near, later, owners, cx.viewport),
                    None => {
                        let mut list = RenewalList::new(near, owners);
                        list.show_owner(cx.me.as_deref(), cx.viewport);
                        self.list = Some(list);
                    }
                }
            }
            Err(e) => cx.say(format!("could not read the renewals: {e}")),
        }
        self.apply_pending(cx);
        if std::mem::take(&mut self.again) {
            self.reread(cx);
        }
    }

    /// Reads one account's renewal again after a write to it, replacing its row.
    fn reread_row(&mut self, account_id: i64, cx: &mut Ctx) {
        let (Some(book), Some(list)) = (cx.book.as_ref(), self.list.as_mut()) else {
            return;
        };
        match book.timeline_row(&cx.rules, cx.today, account_id) {
            Ok(row) => list.replace_row(account_id, row, cx.viewport),
            Err(e) => cx.say(format!("could not read the renewal again: {e}")),
        }
        // A whole read under way may have read the row before the write.
        self.again |= self.reading;
    }

    /// The next window (or all), reading the renewals past 120 days when it shows them
    /// and letting them go when it moves on.
    fn cycle_window(&mut self, cx: &mut Ctx) {
        let Some(list) = self.list.as_mut() else {
            return;
        };
        list.cycle_window(cx.viewport);
        self.fetch_later(cx);
    }

    /// Reads the renewals past 120 days when the list wants them, and lets them go when
    /// it no longer does.
    fn fetch_later(&mut self, cx: &mut Ctx) {
        let Some(list) = self.list.as_mut() else {
            return;
        };
        let wants = list.wants_later(cx.today);
        if wants == list.has_later() {
            return;
        }
        if !wants {
            list.set_later(None, cx.viewport);
            return;
        }
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        match book.timeline(&cx.rules, cx.today, Span::Later) {
            Ok(later) => list.set_later(Some(later), cx.viewport),
            Err(e) => cx.say(format!("could not read the renewals: {e}")),
        }
    }

    fn tick_step(&mut self, cx: &mut Ctx) {
        let Some(r) = self.list.as_ref().and_then(|l| l.selected()) else {
            return;
        };
        let motion = r.motion();
        let Some(step) = motion.next_step() else {
            cx.say(match motion.stage {
                Some(_) => format!("{}: every step due so far is done", r.account),
                None => format!("{}: the motion starts 120 days out", r.account),
            });
            return;
        };
        let (account, account_id, contract) = (r.account.clone(), r.account_id, r.contract_id);
        let (stamp, today) = (cx.stamp(), cx.today);
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        let result = book
            .tick_step(&stamp, contract, step, today)
            .map(|closed| {
                let closed = closed.unwrap_or_default();
                let also: Vec<String> = closed
                    .iter()
                    .map(|c| format!("{} ({})", c.title, c.reason))
                    .collect();
                if also.is_empty() {
                    format!("{account}: {} done", step.label())
                } else {
                    format!(
                        "{account}: {} done; closed: {}",
                        step.label(),
                        also.join("; ")
                    )
                }
            })
            .map_err(|e| e.to_string());
        cx.said_write(result);
        self.reread_row(account_id, cx);
    }

    fn untick_step(&mut self, cx: &mut Ctx) {
        let Some(r) = self.list.as_ref().and_then(|l| l.selected()) else {
            return;
        };
        let (account, account_id, contract) = (r.account.clone(), r.account_id, r.contract_id);
        let stamp = cx.stamp();
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        match book.untick_last_step(&stamp, contract) {
            Ok(Some(step)) => cx.said_write(Ok(format!("{account}: {} undone", step.label()))),
            Ok(None) => {
                cx.say(format!("{account}: no step is ticked"));
                false
            }
            Err(e) => cx.said_write(Err(e.to_string())),
        };
        self.reread_row(account_id, cx);
    }

    /// The forecast or outcome form for the selected renewal, read whole from the book.
    fn start_form(&mut self, action: Action, cx: &mut Ctx) {
        let Some(account_id) = self
            .list
            .as_ref()
            .and_then(|l| l.selected())
            .map(|r| r.account_id)
        else {
            return;
        };
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        match book.renewal_of(&cx.rules, cx.today, account_id) {
            Ok(Some(r)) => {
                if let Some(form) = renewal_form(&r, action, cx) {
                    cx.ask(Ask::Form(form));
                }
            }
            Ok(None) => {}
            Err(e) => cx.say(format!("could not read the renewal: {e}")),
        }
    }
}

impl Room for RenewalsRoom {
    fn context(&self) -> Context {
        Context::Renewals
    }

    fn handle(&mut self, action: Action, cx: &mut Ctx) -> bool {
        let viewport = cx.viewport;
        let Some(list) = self.list.as_mut() else {
            return false;
        };
        if list.apply(action, viewport) {
            return true;
        }
        match action {
            Action::NextWindow => self.cycle_window(cx),
            Action::NextOwner => list.cycle_owner(viewport),
            Action::Back if list.drilled().is_some() => cx.ask(Ask::BackToTeam),
            Action::Back if list.is_narrowed() => list.clear_filters(viewport),
            Action::Open => match list.selected() {
                Some(r) => cx.ask(Ask::OpenAccount(r.account_id)),
                None => return false,
            },
            Action::TickStep => self.tick_step(cx),
            Action::UntickStep => self.untick_step(cx),
            Action::SetForecast | Action::RecordOutcome => self.start_form(action, cx),
            _ => return false,
        }
        true
    }

    fn first_row(&self) -> Option<u16> {
        Some(7)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Ctx) -> usize {
        view::draw(frame, area, self, cx)
    }

    fn submit(&mut self, form: Submission, cx: &mut Ctx) {
        let contract = match &form {
            Submission::Forecast { renewal, .. } | Submission::Outcome { renewal, .. } => {
                renewal.contract
            }
            _ => return,
        };
        let forecast = matches!(form, Submission::Forecast { .. });
        let result = match form {
            Submission::Forecast { renewal, forecast } => write_forecast(&renewal, &forecast, cx),
            Submission::Outcome { renewal, outcome } => {
                let (stamp, today) = (cx.stamp(), cx.today);
                let Some(book) = cx.book.as_mut() else {
                    return;
                };
                book.record_outcome(&stamp, renewal.contract, &outcome, today)
                    .map(|next| {
                        let then = if next.is_some() {
                            ", next term opened"
                        } else {
                            ""
                        };
                        format!(
                            "{}: {} on {}{then}",
                            renewal.account,
                            outcome.kind.label(),
                            outcome.on
                        )
                    })
                    .map_err(|e| e.to_string())
            }
            _ => return,
        };
        cx.said_write(result);
        if forecast {
            self.freeze(cx);
        }
        let account = self.list.as_ref().and_then(|l| l.account_of(contract));
        match account {
            Some(account) => self.reread_row(account, cx),
            None => self.reread(cx),
        }
    }

    fn show(&mut self, cx: &mut Ctx, stale: bool) {
        if self.list.is_none() {
            self.load(cx);
        } else if stale {
            self.reread(cx);
        }
    }

    fn reload(&mut self, cx: &mut Ctx) {
        if self.list.is_some() {
            match cx.touched.clone().filter(|t| !t.is_empty()) {
                Some(accounts) => {
                    for account in accounts {
                        self.reread_row(account, cx);
                    }
                }
                None => self.reread(cx),
            }
        }
    }

    fn narrow(&mut self, text: &str, cx: &Ctx) -> bool {
        if let Some(list) = self.list.as_mut() {
            list.narrow(text, cx.viewport);
        }
        true
    }

    fn narrowed(&self) -> Option<(String, usize)> {
        self.list
            .as_ref()
            .map(|l| (l.text().to_string(), l.shown()))
    }
}

/// The forecast (`SetForecast`) or outcome form for a renewal; None, said why, when it
/// has no open renewal.
pub fn renewal_form(r: &Renewal, action: Action, cx: &mut Ctx) -> Option<Form> {
    let (Some(contract), Some(renewal_on)) = (r.contract_id, r.renewal_on) else {
        cx.say(format!("{} has no open renewal", r.account));
        return None;
    };
    let forecast = r
        .forecast
        .clone()
        .unwrap_or_else(|| r.suggestion.forecast());
    let context = RenewalContext {
        contract,
        account: r.account.clone(),
        arr: r.arr,
        renewal_on,
        forecast: forecast_text(&forecast),
    };
    if action == Action::SetForecast {
        if r.forecast.is_none() {
            cx.say(format!("Suggested: {}", r.suggestion.why));
        }
        Some(Form::new(ForecastForm(context)))
    } else {
        Some(Form::new(OutcomeForm::new(context, cx.churn.clone())))
    }
}

/// Writes a renewal's forecast; the note to show once it is committed.
pub fn write_forecast(
    renewal: &RenewalContext,
    f: &Forecast,
    cx: &mut Ctx,
) -> Result<String, String> {
    let stamp = cx.stamp();
    let Some(book) = cx.book.as_mut() else {
        return Err("no book is open".into());
    };
    book.set_forecast(&stamp, renewal.contract, f)
        .map(|_| {
            format!(
                "{}: forecast {} {} at {}",
                renewal.account,
                f.category.label(),
                f.confidence.label(),
                f.arr.short()
            )
        })
        .map_err(|e| e.to_string())
}
