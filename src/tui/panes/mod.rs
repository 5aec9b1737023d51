//! The cockpit's rooms: each pane (Today, Portfolio, Renewals, Stakeholders, Tasks,
//! Team, Expansion, Onboarding, Advocacy) and the rooms opened over them (an account's detail, QBR prep) in a folder of
//! its own with its state, its view and its keys, behind one small trait.

pub mod account;
pub mod advocacy;
pub mod expansion;
pub mod onboarding;
pub mod portfolio;
pub mod qbr;
pub mod renewals;
pub mod stakeholders;
pub mod tasks;
pub mod team;
pub mod today;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::context::Ctx;
use super::keys::Context;
use super::overlays::forms::Submission;

/// A pane or a room over one.
pub trait Room {
    /// Whose keys apply: the room's context, over the global keys.
    fn context(&self) -> Context;

    /// Does what an action asks here. Returns whether anything changed; false leaves
    /// the action to the app (Esc with nothing to clear closes the room).
    fn handle(&mut self, action: Action, cx: &mut Ctx) -> bool;

    /// Draws the room; returns how many list rows it has room for.
    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Ctx) -> usize;

    /// The room is about to be shown: reads what it shows the first time, or again
    /// when the book changed since (`stale`).
    fn show(&mut self, _cx: &mut Ctx, _stale: bool) {}

    /// The screen row the list's first shown row is drawn on, for clicks; None when a
    /// click cannot tell which row it meant (rows between headings, no list).
    fn first_row(&self) -> Option<u16> {
        None
    }

    /// Writes a form this room opened, once every answer is in.
    fn submit(&mut self, _form: Submission, _cx: &mut Ctx) {}

    /// Reads what the room shows again, keeping the selection and what narrows it.
    fn reload(&mut self, _cx: &mut Ctx) {}

    /// Narrows the list to rows matching `text`; false when the room has no list.
    fn narrow(&mut self, _text: &str, _cx: &Ctx) -> bool {
        false
    }

    /// The text narrowing the list and how many rows it shows.
    fn narrowed(&self) -> Option<(String, usize)> {
        None
    }
}
