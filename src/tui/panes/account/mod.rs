//! An account's detail, opened over any pane: its health explained, its contract,
//! people, latest touches and open tasks. Its keys override the health score or band,
//! clear the override, log a touch, and open QBR prep. Every write is committed before
//! the status bar says so, and the detail is read again.

mod detail;
mod keys;
mod view;

pub use detail::AccountDetail;
pub use keys::keys;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Room;
use crate::book::account::NewTouch;
use crate::book::health::OverrideRequest;
use crate::book::portfolio::PortfolioAccount;
use crate::tui::action::Action;
use crate::tui::context::{Ask, Ctx};
use crate::tui::keys::Context;
use crate::tui::overlays::forms::{Form, OverrideForm, Submission, TouchForm};

pub struct AccountRoom {
    /// The account as the portfolio lists it, for the heading.
    pub account: PortfolioAccount,
    /// What the book holds of it; None until read (or when the read failed).
    pub detail: Option<AccountDetail>,
}

impl AccountRoom {
    /// Opens an account, read fresh from the book.
    pub fn open(account: PortfolioAccount, cx: &mut Ctx) -> AccountRoom {
        let mut room = AccountRoom {
            account,
            detail: None,
        };
        room.reread(cx);
        room
    }

    fn reread(&mut self, cx: &mut Ctx) {
        if let Some(book) = &cx.book {
            let growth = cx.growth_rules();
            match AccountDetail::load(book, &cx.rules, &growth, self.account.id, cx.today) {
                Ok(detail) => self.detail = Some(detail),
                Err(e) => cx.say(format!("could not read the account: {e}")),
            }
        }
    }

    /// Opens a form about the account, or says why not.
    pub fn start_form(&mut self, action: Action, cx: &mut Ctx) {
        let Some(detail) = &self.detail else {
            return;
        };
        if detail.health.is_none() {
            cx.say("a churned account has no health to override or touch");
            return;
        }
        match action {
            Action::OverrideHealth => cx.ask(Ask::Form(Form::new(OverrideForm::default()))),
            Action::LogTouch => cx.ask(Ask::Form(Form::new(TouchForm::new(
                detail.overview.people.clone(),
            )))),
            _ => {}
        }
    }

    fn clear_override(&mut self, cx: &mut Ctx) {
        let (stamp, today, account) = (cx.stamp(), cx.today, self.account.id);
        let cleared = match &mut cx.book {
            Some(book) => book.clear_override(&stamp, account, today),
            None => Ok(false),
        };
        match cleared {
            Ok(true) => cx.said_write(Ok("Override cleared: the computed score stands".into())),
            Ok(false) => {
                cx.say("There is no override to clear");
                false
            }
            Err(e) => {
                cx.say(format!("Not cleared: {e}"));
                false
            }
        };
        self.reread(cx);
    }
}

impl Room for AccountRoom {
    fn context(&self) -> Context {
        Context::Account
    }

    fn handle(&mut self, action: Action, cx: &mut Ctx) -> bool {
        match action {
            Action::OverrideHealth | Action::LogTouch => self.start_form(action, cx),
            Action::ClearOverride => self.clear_override(cx),
            Action::QbrPrep => cx.ask(Ask::QbrPrep(self.account.id)),
            _ => return false,
        }
        true
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Ctx) -> usize {
        view::draw(frame, area, self, cx);
        area.height.max(1) as usize
    }

    fn submit(&mut self, form: Submission, cx: &mut Ctx) {
        let (stamp, today, rules, account) =
            (cx.stamp(), cx.today, cx.rules.clone(), self.account.id);
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        let result = match form {
            Submission::Override {
                score,
                band,
                reason,
                expires_on,
            } => {
                let request = OverrideRequest {
                    score,
                    band,
                    reason,
                    expires_on,
                };
                let what = score
                    .map(|s| s.to_string())
                    .or(band.map(|b| b.as_str().to_string()))
                    .unwrap_or_default();
                book.set_override(&stamp, account, &request, today)
                    .map(|_| format!("Override saved: {what} until {expires_on}"))
            }
            Submission::Touch {
                kind,
                contact,
                summary,
            } => {
                let touch = NewTouch {
                    contact,
                    kind,
                    on: today,
                    summary,
                };
                book.log_touch(&stamp, account, &touch)
                    .and_then(|_| book.recompute_account_health(&rules, account, today))
                    .map(|_| format!("Logged: {} on {today}", kind.label()))
            }
            _ => return,
        };
        cx.said_write(result.map_err(|e| e.to_string()));
        self.reread(cx);
    }

    fn reload(&mut self, cx: &mut Ctx) {
        self.reread(cx);
    }
}
