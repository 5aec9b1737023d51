//! `csm undo [JOURNAL-ID]`: takes back the invoking person's last change, or the change a
//! journal entry belongs to (`csm journal` shows each entry's number); `--redo` puts
//! back what they undid last. The accounts it touched have their health recomputed, as
//! after a touch. A refusal says why in one sentence and exits non-zero.

use chrono::NaiveDate;
use clap::Args;
use color_eyre::Result;

use crate::book::{Book, Stamp};
use crate::domain::health::HealthRules;

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// The journal entry whose change to undo [default: your last change]
    #[arg(value_name = "JOURNAL-ID")]
    pub id: Option<i64>,
    /// Put back the change you undid last instead (until you make a new one)
    #[arg(long, conflicts_with = "id")]
    pub redo: bool,
}

pub fn run(
    book: &mut Book,
    stamp: &Stamp,
    args: &UndoArgs,
    rules: &HealthRules,
    today: NaiveDate,
) -> Result<()> {
    let done = match (args.id, args.redo) {
        (Some(id), _) => book.undo(stamp, id)?,
        (None, true) => book.redo_last(stamp)?,
        (None, false) => book.undo_last(stamp)?,
    };
    for account in &done.accounts {
        book.recompute_account_health(rules, *account, today)?;
    }
    let verb = if done.redo { "redone" } else { "undone" };
    let entries = match done.written.as_slice() {
        [one] => format!("#{one}"),
        [first, .., last] => format!("#{first}-#{last}"),
        [] => String::new(),
    };
    super::emit(&format!(
        "{verb}: {} (change #{}; journaled as {entries})\n",
        done.summary, done.change
    ))
}
