//! Changes made elsewhere: another csm, a scheduled import, a script or `sqlite3` writing
//! the same book while the cockpit is open. The loop asks on a short tick whether the book
//! changed (`PRAGMA data_version`, a look at shared memory, no read of the file); when it
//! did, what is on screen is read again, keeping the selection, the filters and any form
//! being typed, and the status bar says what changed.

use super::app::App;
use crate::book::journal::{ChangeGroup, ChangesElsewhere};

impl App {
    /// Remembers the book as it is now as seen: what this cockpit read or wrote itself
    /// is not news.
    pub fn mark_seen(&mut self) {
        if let Some(book) = self.cx.book.as_mut() {
            self.seen_version = book.data_version().ok();
            // The latest entry alone: reading what came before it would read the whole
            // journal on opening.
            if let Ok(last) = book.last_journal_id() {
                self.seen_journal = last;
                book.forget_written_up_to(last);
            }
        }
    }

    /// Reloads what is on screen if another connection changed the book since the last
    /// look; returns whether it did.
    pub fn notice_elsewhere(&mut self) -> bool {
        let Some(book) = self.cx.book.as_mut() else {
            return false;
        };
        let Ok(version) = book.data_version() else {
            return false;
        };
        if self.seen_version == Some(version) {
            return false;
        }
        let first_look = self.seen_version.is_none();
        self.seen_version = Some(version);
        let changes = book.changes_since(self.seen_journal);
        if first_look {
            if let Ok(found) = changes {
                self.seen_journal = found.last;
            }
            return false;
        }
        let note = match changes {
            // The background sync's own bookkeeping (what is pushed, how far it read, the
            // scores of what it pulled) is not news: its pulls are journaled, and it says
            // when it is done (see `synced`).
            Ok(found) if found.count() == 0 && self.cx.team.is_some() => {
                self.seen_journal = found.last;
                return false;
            }
            // Derived data only (another csm's recompute after its import): what the
            // status bar already says of that import stays the news.
            Ok(found) if found.count() == 0 && self.says_elsewhere() => {
                self.seen_journal = found.last;
                None
            }
            Ok(found) => {
                self.seen_journal = found.last;
                Some(describe(&found))
            }
            Err(e) => Some(format!(
                "The book changed elsewhere, but could not be read: {e}"
            )),
        };
        let kept = self.cx.message.clone();
        self.reload_on_screen();
        self.cx.message = note.or(kept);
        true
    }

    /// Whether the status bar is telling of a change made elsewhere.
    /// Takes where the team book stands after a background sync; once a sync brought the
    /// team's changes (and scored the accounts they touched), what is on screen is read
    /// again. Returns whether anything changed.
    pub fn synced(&mut self, state: crate::tui::team_sync::TeamState) -> bool {
        let pulled = state.moved.1 > 0;
        let changed = self.cx.team.as_ref() != Some(&state);
        self.cx.team = Some(state);
        if pulled {
            // Who changed what, unless a look at the book said so already.
            let seen = self.seen_journal;
            let note = self
                .cx
                .book
                .as_mut()
                .and_then(|b| b.changes_since(seen).ok())
                .filter(|found| found.count() > 0)
                .map(|found| describe(&found));
            let kept = self.cx.message.clone();
            self.reload_on_screen();
            self.cx.message = note.or(kept);
            self.mark_seen();
        }
        changed || pulled
    }

    fn says_elsewhere(&self) -> bool {
        self.cx
            .message
            .as_deref()
            .is_some_and(|m| m.starts_with("Elsewhere: "))
    }
}

/// "Elsewhere: 12 tasks added, 1 touch logged; reloaded", or the one change's own summary.
pub fn describe(found: &ChangesElsewhere) -> String {
    match (found.count(), &found.first) {
        (0, _) => "The book was changed elsewhere; reloaded".into(),
        (1, Some(summary)) => format!("Elsewhere: {summary}; reloaded"),
        _ => {
            let parts: Vec<String> = found.groups.iter().map(phrase).collect();
            format!("Elsewhere: {}; reloaded", parts.join(", "))
        }
    }
}

/// "12 tasks added": a count of changes of one kind in the CSM's words.
fn phrase(g: &ChangeGroup) -> String {
    let (one, many) = match g.entity.as_str() {
        "tasks" => ("task", "tasks"),
        "interactions" => ("touch", "touches"),
        "accounts" => ("account", "accounts"),
        "contacts" => ("contact", "contacts"),
        "contracts" => ("contract", "contracts"),
        "health_overrides" => ("health override", "health overrides"),
        "goals" => ("goal", "goals"),
        "opportunities" => ("opportunity", "opportunities"),
        "arr_changes" => ("ARR change", "ARR changes"),
        "team_members" => ("team member", "team members"),
        "renewal_steps" => ("motion step", "motion steps"),
        "today_dismissals" => ("item put away", "items put away"),
        other => (other, other),
    };
    if g.action == "import" {
        return if g.entity == "tasks" {
            format!("{} playbook run{}", g.count, plural(g.count))
        } else {
            format!("{} import{} of {many}", g.count, plural(g.count))
        };
    }
    let done = match (g.action.as_str(), g.entity.as_str()) {
        ("insert", "interactions") => "logged",
        ("insert", "renewal_steps") => "ticked",
        ("insert", _) => "added",
        ("delete", _) => "removed",
        _ => "changed",
    };
    let noun = if g.count == 1 { one } else { many };
    format!("{} {noun} {done}", g.count)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(entity: &str, action: &str, count: usize) -> ChangeGroup {
        ChangeGroup {
            entity: entity.into(),
            action: action.into(),
            count,
        }
    }

    #[test]
    fn several_changes_are_counted_in_a_csms_words() {
        let found = ChangesElsewhere {
            last: 9,
            groups: vec![
                group("tasks", "insert", 12),
                group("interactions", "insert", 1),
                group("usage", "import", 1),
                group("tasks", "import", 2),
            ],
            first: Some("added task Send the deck".into()),
        };
        assert_eq!(
            describe(&found),
            "Elsewhere: 12 tasks added, 1 touch logged, 1 import of usage, 2 playbook runs; reloaded"
        );
    }

    #[test]
    fn one_change_is_told_by_its_own_summary() {
        let found = ChangesElsewhere {
            last: 3,
            groups: vec![group("tasks", "update", 1)],
            first: Some("task 812 done".into()),
        };
        assert_eq!(describe(&found), "Elsewhere: task 812 done; reloaded");
    }

    #[test]
    fn a_change_outside_the_journal_is_still_said() {
        let found = ChangesElsewhere::default();
        assert_eq!(describe(&found), "The book was changed elsewhere; reloaded");
    }
}
