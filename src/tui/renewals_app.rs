//! What the keys do on the Renewals pane: move through the renewals, narrow them by
//! window and owner, open the account, tick the next motion step (or untick the last),
//! and set the forecast or the outcome through a form. Every write is committed before the status bar says so.

use super::action::Action;
use super::app::{App, Mode};
use super::prompt::{Prompt, PromptKind, RenewalContext};
use super::renewal_forms::forecast_text;
use super::renewal_list::RenewalList;
use crate::book::renewals::Renewal;

impl App {
    /// Reads the renewals from the book (freezing this month's forecasts first, once).
    pub(super) fn load_renewals(&mut self) {
        let Some(book) = self.book.as_mut() else {
            return;
        };
        if let Err(e) = book.freeze_forecasts(self.today) {
            self.message = Some(format!("could not freeze this month's forecasts: {e}"));
        }
        self.reload_renewals();
    }

    /// Reads the renewals again, keeping the selection and the filters.
    pub(super) fn reload_renewals(&mut self) {
        let Some(book) = self.book.as_ref() else {
            return;
        };
        match book.renewals(&self.rules, self.today) {
            Ok(rows) => match self.renewals.as_mut() {
                Some(list) => list.replace(rows, self.viewport),
                None => self.renewals = Some(RenewalList::new(rows)),
            },
            Err(e) => self.message = Some(format!("could not read the renewals: {e}")),
        }
    }

    /// Handles a key on the Renewals pane; None for keys it leaves to the rest of the app.
    pub(super) fn update_renewals(&mut self, action: Action) -> Option<bool> {
        let viewport = self.viewport;
        let page = viewport.max(1) as isize;
        let list = self.renewals.as_mut()?;
        match action {
            Action::MoveDown => list.move_by(1, viewport),
            Action::MoveUp => list.move_by(-1, viewport),
            Action::Top => list.select(0, viewport),
            Action::Bottom => list.select(usize::MAX, viewport),
            Action::HalfPageDown => list.move_by(page / 2, viewport),
            Action::HalfPageUp => list.move_by(-page / 2, viewport),
            Action::PageDown | Action::ScrollDown => list.move_by(page, viewport),
            Action::PageUp | Action::ScrollUp => list.move_by(-page, viewport),
            Action::SelectVisibleRow(row) => list.select(list.offset() + row, viewport),
            Action::CycleWindow => list.cycle_window(viewport),
            Action::CycleOwner => list.cycle_owner(viewport),
            Action::Back if list.is_narrowed() => list.clear_filters(viewport),
            Action::Open => {
                let id = list.selected()?.account_id;
                self.open_account(id);
            }
            Action::MarkStep => self.mark_next_step(),
            Action::UnmarkStep => self.untick_last_step(),
            Action::SetForecast | Action::SetOutcome => self.start_renewal_form(action),
            _ => return None,
        }
        Some(true)
    }

    fn mark_next_step(&mut self) {
        let Some(r) = self.renewals.as_ref().and_then(|l| l.selected()) else {
            return;
        };
        let (Some(contract), Some(motion)) = (r.contract_id, r.motion.as_ref()) else {
            self.message = Some(format!("{} has no open renewal", r.account));
            return;
        };
        let Some(step) = motion.next_step() else {
            self.message = Some(match motion.stage {
                Some(_) => format!("{}: every step due so far is done", r.account),
                None => format!("{}: the motion starts 120 days out", r.account),
            });
            return;
        };
        let account = r.account.clone();
        let stamp = self.stamp();
        let today = self.today;
        let Some(book) = self.book.as_mut() else {
            return;
        };
        self.message = Some(match book.mark_step(&stamp, contract, step, today) {
            Ok(_) => format!("{account}: {} done", step.label()),
            Err(e) => format!("Not saved: {e}"),
        });
        self.load_renewals();
        self.today_changed();
    }

    fn untick_last_step(&mut self) {
        let Some(r) = self.renewals.as_ref().and_then(|l| l.selected()) else {
            return;
        };
        let Some(contract) = r.contract_id else {
            self.message = Some(format!("{} has no open renewal", r.account));
            return;
        };
        let account = r.account.clone();
        let stamp = self.stamp();
        let Some(book) = self.book.as_mut() else {
            return;
        };
        self.message = Some(match book.untick_last_step(&stamp, contract) {
            Ok(Some(step)) => format!("{account}: {} undone", step.label()),
            Ok(None) => format!("{account}: no step is ticked"),
            Err(e) => format!("Not saved: {e}"),
        });
        self.load_renewals();
        self.today_changed();
    }

    fn start_renewal_form(&mut self, action: Action) {
        let Some(r) = self.renewals.as_ref().and_then(|l| l.selected()).cloned() else {
            return;
        };
        self.renewal_form(&r, action);
    }

    /// Opens the forecast (`SetForecast`) or outcome form for `r`.
    pub(super) fn renewal_form(&mut self, r: &Renewal, action: Action) {
        let (Some(contract), Some(renewal_on)) = (r.contract_id, r.renewal_on) else {
            self.message = Some(format!("{} has no open renewal", r.account));
            return;
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
        let kind = if action == Action::SetForecast {
            PromptKind::Forecast
        } else {
            PromptKind::Outcome
        };
        if kind == PromptKind::Forecast && r.forecast.is_none() {
            self.message = Some(format!("Suggested: {}", r.suggestion.why));
        }
        self.prompt = Some(Prompt::for_renewal(kind, context));
        self.prompt_return = Mode::Browse;
        self.mode = Mode::Prompt;
    }

    /// Writes a completed forecast or outcome form to the book.
    pub(super) fn submit_renewal(&mut self, prompt: &Prompt) {
        let Some(r) = prompt.renewal.clone() else {
            return;
        };
        let stamp = self.stamp();
        let today = self.today;
        let Some(book) = self.book.as_mut() else {
            return;
        };
        let result = match prompt.kind {
            PromptKind::Forecast => prompt.forecast_answer().map(|f| {
                book.set_forecast(&stamp, r.contract, &f).map(|_| {
                    format!(
                        "{}: forecast {} {} at {}",
                        r.account,
                        f.category.label(),
                        f.confidence.label(),
                        f.arr.short()
                    )
                })
            }),
            PromptKind::Outcome => prompt.outcome_answers(today).map(|o| {
                book.record_outcome(&stamp, r.contract, &o).map(|next| {
                    let then = if next.is_some() {
                        ", next term opened"
                    } else {
                        ""
                    };
                    format!("{}: {} on {}{then}", r.account, o.kind.label(), o.on)
                })
            }),
            _ => None,
        };
        self.message = Some(match result {
            Some(Ok(done)) => done,
            Some(Err(e)) => format!("Not saved: {e}"),
            None => "Not saved: the form was incomplete".into(),
        });
        self.load_renewals();
        self.today_changed();
        if let Err(e) = self.reload_portfolio() {
            self.message = Some(format!("could not read the portfolio: {e}"));
        }
    }
}
