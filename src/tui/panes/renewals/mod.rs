//! The Renewals pane: every renewal in its 120/90/60/30-day window with its motion.
//! Its keys narrow the list by window and owner, open the account, tick the next motion
//! step (or untick the last), and set the forecast or the outcome through a form. Every
//! write is committed before the status bar says so.

mod keys;
mod list;
mod view;

pub use keys::keys;
pub use list::{RenewalList, WindowFilter};

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Room;
use crate::book::renewals::Renewal;
use crate::domain::records::Forecast;
use crate::tui::action::Action;
use crate::tui::context::{Ask, Ctx};
use crate::tui::keys::Context;
use crate::tui::overlays::forms::renewal_answers::forecast_text;
use crate::tui::overlays::forms::{ForecastForm, Form, OutcomeForm, RenewalContext, Submission};

#[derive(Default)]
pub struct RenewalsRoom {
    /// Read from the book the first time the pane is shown.
    pub list: Option<RenewalList>,
}

impl RenewalsRoom {
    /// Reads the renewals from the book (freezing this month's forecasts first, once).
    fn load(&mut self, cx: &mut Ctx) {
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        if let Err(e) = book.freeze_forecasts(cx.today) {
            cx.say(format!("could not freeze this month's forecasts: {e}"));
        }
        self.reread(cx);
    }

    /// Reads the renewals again, keeping the selection and the filters.
    fn reread(&mut self, cx: &mut Ctx) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        match book.renewals(&cx.rules, cx.today) {
            Ok(rows) => match self.list.as_mut() {
                Some(list) => list.replace(rows, cx.viewport),
                None => {
                    let mut list = RenewalList::new(rows);
                    list.show_owner(cx.me.as_deref(), cx.viewport);
                    self.list = Some(list);
                }
            },
            Err(e) => cx.say(format!("could not read the renewals: {e}")),
        }
    }

    fn tick_step(&mut self, cx: &mut Ctx) {
        let Some(r) = self.list.as_ref().and_then(|l| l.selected()) else {
            return;
        };
        let (Some(contract), Some(motion)) = (r.contract_id, r.motion.as_ref()) else {
            cx.say(format!("{} has no open renewal", r.account));
            return;
        };
        let Some(step) = motion.next_step() else {
            cx.say(match motion.stage {
                Some(_) => format!("{}: every step due so far is done", r.account),
                None => format!("{}: the motion starts 120 days out", r.account),
            });
            return;
        };
        let account = r.account.clone();
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
        self.load(cx);
    }

    fn untick_step(&mut self, cx: &mut Ctx) {
        let Some(r) = self.list.as_ref().and_then(|l| l.selected()) else {
            return;
        };
        let Some(contract) = r.contract_id else {
            cx.say(format!("{} has no open renewal", r.account));
            return;
        };
        let account = r.account.clone();
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
        self.load(cx);
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
            Action::NextWindow => list.cycle_window(viewport),
            Action::NextOwner => list.cycle_owner(viewport),
            Action::Back if list.is_narrowed() => list.clear_filters(viewport),
            Action::Open => match list.selected() {
                Some(r) => cx.ask(Ask::OpenAccount(r.account_id)),
                None => return false,
            },
            Action::TickStep => self.tick_step(cx),
            Action::UntickStep => self.untick_step(cx),
            Action::SetForecast | Action::RecordOutcome => {
                if let Some(r) = list.selected().cloned()
                    && let Some(form) = renewal_form(&r, action, cx)
                {
                    cx.ask(Ask::Form(form));
                }
            }
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
        self.load(cx);
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
            self.reread(cx);
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
        Some(Form::new(OutcomeForm::new(context)))
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
