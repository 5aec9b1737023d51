//! QBR prep, opened from an account's detail: the prep checklist (goals refreshed this
//! quarter, stakeholders covered, the renewal on track, the QBR held, the brief written),
//! each ticked only on the book's facts; a preview of last quarter's brief to scroll
//! through, internal or the customer's version; the success plan's goals to update or
//! add; a key to write the brief on screen beside the book (in `briefs/`), noted on the
//! timeline as prepared (a note, not a touch), and one to log the QBR as held (a QBR
//! touch, dated today), each committed before the status bar says so.

mod keys;
mod view;
mod write;

pub use keys::keys;

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Room;
use crate::report::qbr::{Audience, Brief, markdown, parse_period};
use crate::tui::action::Action;
use crate::tui::context::{Ask, Ctx};
use crate::tui::keys::Context;
use crate::tui::overlays::forms::{AddGoalForm, Form, GoalUpdateForm, Submission};

/// The QBR prep view's state.
pub struct QbrRoom {
    pub brief: Brief,
    /// Which version is on screen, and written by the write key.
    pub audience: Audience,
    /// The brief as Markdown for `audience`, a line each.
    pub lines: Vec<String>,
    pub scroll: usize,
    /// The versions written, and where: this session's, or found beside the book.
    pub written: Vec<(Audience, PathBuf)>,
}

impl QbrRoom {
    /// The prep checklist: each check, whether the facts say it holds, and why.
    pub fn checklist(&self, cx: &Ctx) -> Vec<(bool, String)> {
        let mut checks = self.brief.checks();
        checks.push(match self.brief.held_on() {
            Some(on) => (true, format!("QBR held on {on}.")),
            None => (
                false,
                format!(
                    "QBR not held yet{}: {} logs it once it is.",
                    self.brief
                        .facts
                        .last_qbr
                        .map_or(String::new(), |d| format!(" (the last one was on {d})")),
                    cx.key(Context::Qbr, Action::QbrHeld)
                ),
            ),
        });
        let written: Vec<String> = self
            .written
            .iter()
            .map(|(a, path)| format!("the {} version to {}", a.as_str(), path.display()))
            .collect();
        let on_screen = self.written.iter().any(|(a, _)| *a == self.audience);
        checks.push(if written.is_empty() {
            (
                false,
                format!(
                    "Brief not written yet: {} writes the {} version ({} switches).",
                    cx.key(Context::Qbr, Action::WriteBrief),
                    self.audience.as_str(),
                    cx.key(Context::Qbr, Action::SwitchAudience)
                ),
            )
        } else {
            (on_screen, format!("Brief written: {}.", written.join("; ")))
        });
        checks
    }

    /// Gathers last quarter's brief for an account; None, said why, when it cannot.
    pub fn open(account: i64, cx: &mut Ctx) -> Option<QbrRoom> {
        let book = cx.book.as_ref()?;
        let period = match parse_period("last-quarter", cx.today) {
            Ok(p) => p,
            Err(e) => {
                cx.say(e);
                return None;
            }
        };
        let growth = cx.growth_rules();
        match Brief::gather(
            book,
            &cx.rules,
            &cx.coverage,
            &growth,
            account,
            period,
            cx.today,
        ) {
            Ok(Some(brief)) => {
                let audience = Audience::Internal;
                let mut room = QbrRoom {
                    lines: Vec::new(),
                    brief,
                    audience,
                    scroll: 0,
                    written: Vec::new(),
                };
                room.render();
                room.written = room.found_beside_the_book(cx);
                Some(room)
            }
            Ok(None) => {
                cx.say("the account is gone from the book");
                None
            }
            Err(e) => {
                cx.say(format!("could not read the account: {e}"));
                None
            }
        }
    }

    /// The brief on screen, in the version asked.
    fn render(&mut self) {
        self.lines = markdown(&self.brief, self.audience)
            .lines()
            .map(str::to_string)
            .collect();
    }

    /// Reads the brief again after a change, keeping the version, scroll and files.
    fn regather(&mut self, cx: &mut Ctx) {
        if let Some(mut again) = QbrRoom::open(self.brief.facts.account.id, cx) {
            again.scroll = self.scroll;
            again.audience = self.audience;
            for w in self.written.drain(..) {
                if !again.written.contains(&w) {
                    again.written.push(w);
                }
            }
            again.render();
            *self = again;
        }
    }

    fn switch_audience(&mut self, cx: &mut Ctx) {
        self.audience = self.audience.other();
        self.render();
        self.scroll = 0;
        cx.say(match self.audience {
            Audience::Internal => "The internal brief: everything, for the team",
            Audience::Customer => {
                "The customer's brief: no internal asks, forecasts or health; risks as plans"
            }
        });
    }

    fn start_goal_form(&mut self, action: Action, cx: &mut Ctx) {
        let goals = self.brief.facts.goals.len();
        if action == Action::UpdateGoal && goals == 0 {
            cx.say(format!(
                "No goal yet: {} adds one",
                cx.key(Context::Qbr, Action::AddGoal)
            ));
            return;
        }
        cx.ask(Ask::Form(if action == Action::UpdateGoal {
            Form::new(GoalUpdateForm::new(goals))
        } else {
            Form::new(AddGoalForm::new(self.brief.facts.account.id))
        }));
    }
}

impl Room for QbrRoom {
    fn context(&self) -> Context {
        Context::Qbr
    }

    fn handle(&mut self, action: Action, cx: &mut Ctx) -> bool {
        let page = cx.viewport.max(1);
        // Wrapped rows can outnumber lines: let the scroll run past them a little.
        let last = self.lines.len() * 2;
        match action {
            Action::Down | Action::ScrollDown => self.scroll = (self.scroll + 1).min(last),
            Action::Up | Action::ScrollUp => self.scroll = self.scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => self.scroll = (self.scroll + page).min(last),
            Action::PageUp | Action::HalfPageUp => self.scroll = self.scroll.saturating_sub(page),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = last,
            Action::WriteBrief => self.write_brief(cx),
            Action::SwitchAudience => self.switch_audience(cx),
            Action::QbrHeld => self.start_held_form(cx),
            Action::UpdateGoal | Action::AddGoal => self.start_goal_form(action, cx),
            _ => return false,
        }
        true
    }

    fn reload(&mut self, cx: &mut Ctx) {
        let message = cx.message.clone();
        self.regather(cx);
        cx.message = message;
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Ctx) -> usize {
        view::draw(frame, area, self, cx);
        area.height.max(1) as usize
    }

    fn submit(&mut self, form: Submission, cx: &mut Ctx) {
        if let Submission::Touch {
            contact, summary, ..
        } = form
        {
            self.log_held(contact, summary, cx);
            return;
        }
        let goals: Vec<i64> = self.brief.facts.goals.iter().map(|g| g.id).collect();
        let (stamp, today) = (cx.stamp(), cx.today);
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        let result = match form {
            Submission::GoalUpdate { goal, now, status } => match goals.get(goal) {
                Some(id) => book
                    .update_goal(&stamp, *id, now, status, today)
                    .map(|title| format!("Goal updated: {title} now {now}"))
                    .map_err(|e| e.to_string()),
                None => Err("that goal is gone".into()),
            },
            Submission::AddGoal(goal) => book
                .add_goal(&stamp, &goal, today)
                .map(|_| format!("Goal added: {}", goal.title.trim()))
                .map_err(|e| e.to_string()),
            _ => return,
        };
        if cx.said_write(result) {
            let message = cx.message.clone();
            self.regather(cx);
            cx.message = message;
        }
    }
}
