//! What QBR prep writes. The brief on screen goes to a file beside the book (`briefs/`,
//! the customer's version with `-customer` in its name), noted on the timeline as a
//! brief prepared: a note, which never counts as a touch. Holding the QBR is its own
//! entry: a QBR touch dated today, with whom the CSM names, journaled like any touch,
//! the account rescored after it.

use std::path::PathBuf;

use super::QbrRoom;
use crate::book::account::NewTouch;
use crate::domain::vocab::InteractionKind;
use crate::report::qbr::Audience;
use crate::tui::action::Action;
use crate::tui::context::{Ask, Ctx};
use crate::tui::keys::Context;
use crate::tui::overlays::forms::{Form, QbrHeldForm};

impl QbrRoom {
    /// Where the `audience` version of this brief is written; beside the book when it
    /// has a file (`persistent`), else in the temporary directory.
    fn path(&self, audience: Audience, cx: &Ctx) -> (PathBuf, bool) {
        let beside = cx
            .book
            .as_ref()
            .and_then(|b| b.path())
            .and_then(|p| p.parent())
            .map(|d| d.join("briefs"));
        let persistent = beside.is_some();
        let dir = beside.unwrap_or_else(|| std::env::temp_dir().join("csm-briefs"));
        let slug: String = self
            .brief
            .facts
            .account
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
        let suffix = match audience {
            Audience::Internal => "",
            Audience::Customer => "-customer",
        };
        let name = format!("{slug}-{}{suffix}.md", self.brief.period.name());
        (dir.join(name), persistent)
    }

    /// The versions of this brief already written beside the book.
    pub(super) fn found_beside_the_book(&self, cx: &Ctx) -> Vec<(Audience, PathBuf)> {
        [Audience::Internal, Audience::Customer]
            .into_iter()
            .filter_map(|a| {
                let (path, persistent) = self.path(a, cx);
                (persistent && path.is_file()).then_some((a, path))
            })
            .collect()
    }

    /// Writes the brief on screen and notes it on the timeline as prepared.
    pub(super) fn write_brief(&mut self, cx: &mut Ctx) {
        let (path, _) = self.path(self.audience, cx);
        let text = self.lines.join("\n") + "\n";
        let made = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| std::fs::write(&path, text));
        if let Err(e) = made {
            cx.say(format!("Not written: {}: {e}", path.display()));
            return;
        }
        let account = self.brief.facts.account.id;
        let note = NewTouch {
            contact: None,
            kind: InteractionKind::Note,
            on: cx.today,
            summary: format!(
                "QBR brief prepared for {} ({} version): {}",
                self.brief.period.name(),
                self.audience.as_str(),
                path.display()
            ),
        };
        let stamp = cx.stamp();
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        let said = match book.log_touch(&stamp, account, &note) {
            Ok(_) => {
                cx.ask(Ask::Wrote);
                format!(
                    "Brief written to {}; noted on the timeline as prepared",
                    path.display()
                )
            }
            Err(e) => format!(
                "Brief written to {}, but not noted on the timeline: {e}",
                path.display()
            ),
        };
        cx.say(said);
        let entry = (self.audience, path);
        if !self.written.contains(&entry) {
            self.written.push(entry);
        }
    }

    /// Asks with whom the QBR was held, unless it is on the timeline for today already.
    pub(super) fn start_held_form(&mut self, cx: &mut Ctx) {
        if self.brief.facts.last_qbr == Some(cx.today) {
            cx.say(format!(
                "A QBR is on the timeline for today already ({} undoes it)",
                cx.key(Context::Global, Action::Undo)
            ));
            return;
        }
        let account = self.brief.facts.account.id;
        let people = cx
            .book
            .as_ref()
            .and_then(|b| b.account_overview(account, 0).ok())
            .map(|o| o.people)
            .unwrap_or_default();
        let form = QbrHeldForm::new(people, &self.brief.period.name());
        cx.ask(Ask::Form(Form::new(form)));
    }

    /// Logs the QBR as held today, with `contact`, and rescores the account.
    pub(super) fn log_held(&mut self, contact: Option<i64>, summary: String, cx: &mut Ctx) {
        let account = self.brief.facts.account.id;
        let touch = NewTouch {
            contact,
            kind: InteractionKind::Qbr,
            on: cx.today,
            summary,
        };
        let (stamp, today, rules) = (cx.stamp(), cx.today, cx.rules.clone());
        let Some(book) = cx.book.as_mut() else {
            return;
        };
        let logged = book
            .log_touch(&stamp, account, &touch)
            .and_then(|_| book.recompute_account_health(&rules, account, today))
            .map(|_| "QBR held today: logged on the timeline as a QBR touch".to_string())
            .map_err(|e| e.to_string());
        if cx.said_write(logged) {
            let message = cx.message.clone();
            self.regather(cx);
            cx.message = message;
        }
    }
}
