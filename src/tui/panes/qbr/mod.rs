//! QBR prep, opened from an account's detail: the prep checklist (goals updated this
//! quarter, stakeholders confirmed, renewal motion on track, brief written), a preview of
//! last quarter's brief to scroll through, the success plan's goals to update or add,
//! and a key to write the brief beside the book (in `briefs/`) and log the QBR on the
//! account's timeline, committed before the status bar says so.

mod keys;

pub use keys::keys;
mod view;

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Room;
use crate::book::account::NewTouch;
use crate::domain::vocab::InteractionKind;
use crate::report::qbr::{Audience, Brief, markdown, parse_period};
use crate::tui::action::Action;
use crate::tui::context::{Ask, Ctx};
use crate::tui::keys::Context;
use crate::tui::overlays::forms::{AddGoalForm, Form, GoalUpdateForm, Submission};

/// The QBR prep view's state.
pub struct QbrRoom {
    pub brief: Brief,
    /// The brief as Markdown, a line each.
    pub lines: Vec<String>,
    pub scroll: usize,
    /// Where it was written, once it was.
    pub written: Option<PathBuf>,
}

impl QbrRoom {
    /// The prep checklist: each check and whether it holds.
    pub fn checklist(&self, cx: &Ctx) -> Vec<(bool, String)> {
        let mut checks = self.brief.checks();
        checks.push(match &self.written {
            Some(path) => (true, format!("Brief written: {}", path.display())),
            None => (
                false,
                format!(
                    "Brief not written yet: {} writes it and logs the QBR.",
                    cx.key(Context::Qbr, Action::WriteBrief)
                ),
            ),
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
        match Brief::gather(book, &cx.rules, &cx.coverage, account, period, cx.today) {
            Ok(Some(brief)) => {
                let lines = markdown(&brief, Audience::Internal)
                    .lines()
                    .map(str::to_string)
                    .collect();
                Some(QbrRoom {
                    brief,
                    lines,
                    scroll: 0,
                    written: None,
                })
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

    /// Reads the brief again after a goal changed, keeping the scroll.
    fn regather(&mut self, cx: &mut Ctx) {
        if let Some(again) = QbrRoom::open(self.brief.facts.account.id, cx) {
            let (scroll, written) = (self.scroll, self.written.take());
            *self = again;
            self.scroll = scroll;
            self.written = written;
        }
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

impl QbrRoom {
    /// Writes the brief beside the book and logs the QBR on the timeline.
    fn write_brief(&mut self, cx: &mut Ctx) {
        let view = &*self;
        let dir = cx
            .book
            .as_ref()
            .and_then(|b| b.path())
            .and_then(|p| p.parent())
            .map_or_else(
                || std::env::temp_dir().join("csm-briefs"),
                |d| d.join("briefs"),
            );
        let account = &view.brief.facts.account;
        let slug: String = account
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let path = dir.join(format!("{slug}-{}.md", view.brief.period.name()));
        let text = view.lines.join("\n") + "\n";
        let (id, period) = (account.id, view.brief.period.name());
        if let Err(e) = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&path, text)) {
            cx.say(format!("Not written: {}: {e}", path.display()));
            return;
        }
        let stamp = cx.stamp();
        let (today, rules) = (cx.today, cx.rules.clone());
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        let touch = NewTouch {
            contact: None,
            kind: InteractionKind::Qbr,
            on: today,
            summary: format!("QBR brief for {period} written: {}", path.display()),
        };
        let logged = book
            .log_touch(&stamp, id, &touch)
            .and_then(|_| book.recompute_account_health(&rules, id, today));
        let logged_ok = logged.is_ok();
        let said = match logged {
            Ok(_) => format!(
                "Brief written to {}; QBR logged on the timeline",
                path.display()
            ),
            Err(e) => format!(
                "Brief written to {}, but the QBR was not logged: {e}",
                path.display()
            ),
        };
        if logged_ok {
            cx.ask(Ask::Wrote);
        }
        cx.say(said);
        self.written = Some(path);
    }
}
