//! QBR prep from the account detail (`Q`): the prep checklist (goals updated this
//! quarter, stakeholders confirmed, renewal motion on track, brief written), a preview of
//! last quarter's brief to scroll through, and `W` to write it beside the book (in
//! `briefs/`) and log the QBR on the account's timeline, committed before the status bar
//! says so.

use std::path::PathBuf;

use super::action::Action;
use super::app::{App, Mode};
use crate::book::account::NewTouch;
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
        let last = view.lines.len().saturating_sub(1);
        match action {
            Action::Quit => self.quit = true,
            Action::MoveDown | Action::ScrollDown => view.scroll = (view.scroll + 1).min(last),
            Action::MoveUp | Action::ScrollUp => view.scroll = view.scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => view.scroll = (view.scroll + page).min(last),
            Action::PageUp | Action::HalfPageUp => view.scroll = view.scroll.saturating_sub(page),
            Action::Top => view.scroll = 0,
            Action::Bottom => view.scroll = last,
            Action::WriteBrief => self.write_brief(),
            Action::Back => {
                self.brief = None;
                self.mode = Mode::Account;
            }
            _ => return false,
        }
        true
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
