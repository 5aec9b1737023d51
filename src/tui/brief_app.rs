//! QBR prep from the account detail (`Q`): the prep checklist (goals updated this
//! quarter, stakeholders confirmed, renewal motion on track, brief written), a preview of
//! last quarter's brief to scroll through, and `W` to write it beside the book (in
//! `briefs/`) and log the QBR on the account's timeline, committed before the status bar
//! says so.

use std::path::PathBuf;

use super::action::Action;
use super::app::{App, Mode};
use super::goal_forms;
use super::prompt::{Prompt, PromptKind, later_day};
use crate::book::account::NewTouch;
use crate::book::goals::NewGoal;
use crate::domain::vocab::InteractionKind;
use crate::report::qbr::{Brief, markdown, parse_period};

/// The QBR prep view's state.
pub struct BriefView {
    pub brief: Brief,
    /// The brief as Markdown, a line each.
    pub lines: Vec<String>,
    pub scroll: usize,
    /// Where it was written, once it was.
    pub written: Option<PathBuf>,
}

impl BriefView {
    /// The prep checklist: each check and whether it holds.
    pub fn checklist(&self) -> Vec<(bool, String)> {
        let mut checks = self.brief.checks();
        checks.push(match &self.written {
            Some(path) => (true, format!("Brief written: {}", path.display())),
            None => (
                false,
                "Brief not written yet: W writes it and logs the QBR.".into(),
            ),
        });
        checks
    }
}

impl App {
    /// Opens QBR prep for the account in the detail.
    pub(super) fn open_brief(&mut self) {
        let (Some(book), Some(detail)) = (self.book.as_ref(), self.detail.as_ref()) else {
            return;
        };
        let period = match parse_period("last-quarter", self.today) {
            Ok(p) => p,
            Err(e) => {
                self.message = Some(e);
                return;
            }
        };
        match Brief::gather(
            book,
            &self.rules,
            &self.coverage,
            detail.account,
            period,
            self.today,
        ) {
            Ok(Some(brief)) => {
                let lines = markdown(&brief).lines().map(str::to_string).collect();
                self.brief = Some(BriefView {
                    brief,
                    lines,
                    scroll: 0,
                    written: None,
                });
                self.mode = Mode::Brief;
            }
            Ok(None) => self.message = Some("the account is gone from the book".into()),
            Err(e) => self.message = Some(format!("could not read the account: {e}")),
        }
    }

    /// Keys in QBR prep.
    pub(super) fn update_brief(&mut self, action: Action) -> bool {
        let page = self.viewport.max(1);
        let Some(view) = self.brief.as_mut() else {
            self.mode = Mode::Account;
            return true;
        };
        // Wrapped rows can outnumber lines: let the scroll run past them a little.
        let last = view.lines.len() * 2;
        match action {
            Action::Quit => self.quit = true,
            Action::MoveDown | Action::ScrollDown => view.scroll = (view.scroll + 1).min(last),
            Action::MoveUp | Action::ScrollUp => view.scroll = view.scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => view.scroll = (view.scroll + page).min(last),
            Action::PageUp | Action::HalfPageUp => view.scroll = view.scroll.saturating_sub(page),
            Action::Top => view.scroll = 0,
            Action::Bottom => view.scroll = last,
            Action::WriteBrief => self.write_brief(),
            // In QBR prep, edit and add work on the success plan.
            Action::SetOverride => self.start_goal_form(PromptKind::GoalUpdate),
            Action::AddContact => self.start_goal_form(PromptKind::AddGoal),
            Action::Back => {
                self.brief = None;
                self.mode = Mode::Account;
            }
            _ => return false,
        }
        true
    }

    fn start_goal_form(&mut self, kind: PromptKind) {
        let Some(view) = self.brief.as_ref() else {
            return;
        };
        if kind == PromptKind::GoalUpdate && view.brief.facts.goals.is_empty() {
            self.message = Some("No goal yet: a adds one".into());
            return;
        }
        let a = &view.brief.facts.account;
        let mut prompt = Prompt::for_task(kind, (a.id, a.name.clone()));
        prompt.choices = view.brief.facts.goals.len();
        self.prompt = Some(prompt);
        self.prompt_return = Mode::Brief;
        self.mode = Mode::Prompt;
    }

    /// Writes a completed goal form, then reads the brief again.
    pub(super) fn submit_goal(&mut self, prompt: &Prompt) {
        let Some(view) = self.brief.as_ref() else {
            return;
        };
        let goals: Vec<i64> = view.brief.facts.goals.iter().map(|g| g.id).collect();
        let scroll = view.scroll;
        let stamp = self.stamp();
        let today = self.today;
        let Some(book) = self.book.as_mut() else {
            return;
        };
        let answer = |i: usize| prompt.answers.get(i).cloned().unwrap_or_default();
        let result: Result<String, String> = match prompt.kind {
            PromptKind::GoalUpdate => (|| {
                let n = goal_forms::goal_number(&answer(0), goals.len())?;
                let now = goal_forms::number(&answer(1))?;
                let status = goal_forms::status(&answer(2))?;
                book.update_goal(&stamp, goals[n - 1], now, status, today)
                    .map(|title| format!("Goal updated: {title} now {now}"))
                    .map_err(|e| e.to_string())
            })(),
            PromptKind::AddGoal => (|| {
                let (baseline, target) = goal_forms::baseline_target(&answer(2))?;
                let due = if answer(3).is_empty() {
                    "90".to_string()
                } else {
                    answer(3)
                };
                let goal = NewGoal {
                    account: prompt.task.as_ref().map_or(0, |(id, _)| *id),
                    title: answer(0),
                    metric: answer(1),
                    baseline,
                    target,
                    due_on: later_day(&due, today)?,
                };
                book.add_goal(&stamp, &goal, today)
                    .map(|_| format!("Goal added: {}", goal.title.trim()))
                    .map_err(|e| e.to_string())
            })(),
            _ => Err("the form was incomplete".into()),
        };
        let saved = result.is_ok();
        let message = match result {
            Ok(done) => done,
            Err(e) => format!("Not saved: {e}"),
        };
        if saved {
            let written = self.brief.as_ref().and_then(|v| v.written.clone());
            self.open_brief();
            if let Some(view) = self.brief.as_mut() {
                view.scroll = scroll;
                view.written = written;
            }
        }
        self.message = Some(message);
    }

    /// Writes the brief beside the book and logs the QBR on the timeline.
    fn write_brief(&mut self) {
        let Some(view) = self.brief.as_ref() else {
            return;
        };
        let dir = self
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
            self.message = Some(format!("Not written: {}: {e}", path.display()));
            return;
        }
        let stamp = self.stamp();
        let (today, rules) = (self.today, self.rules.clone());
        let Some(book) = self.book.as_mut() else {
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
        self.message = Some(match logged {
            Ok(_) => format!(
                "Brief written to {}; QBR logged on the timeline",
                path.display()
            ),
            Err(e) => format!(
                "Brief written to {}, but the QBR was not logged: {e}",
                path.display()
            ),
        });
        if let Some(view) = self.brief.as_mut() {
            view.written = Some(path);
        }
        self.today_changed();
    }
}
