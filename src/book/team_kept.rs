//! The Team pane's figures as last worked out, kept in `book_meta`: working them out
//! reads the whole book, so the pane shows these at once, marked as being brought up to
//! date, while they are worked out again. Derived data, written outside the journal.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::team::TeamRow;
use super::{Book, BookError};

/// The `book_meta` key they are kept under.
const TEAM_FIGURES: &str = "team_figures";

/// The figures, and the day they were worked out for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptTeam {
    pub as_of: NaiveDate,
    pub rows: Vec<TeamRow>,
}

impl Book {
    /// The figures last kept; None if none were, or they no longer read (a book written
    /// by another version of csm).
    pub fn kept_team(&self) -> Result<Option<KeptTeam>, BookError> {
        Ok(self
            .meta(TEAM_FIGURES)?
            .and_then(|json| serde_json::from_str(&json).ok()))
    }

    /// Keeps these figures, worked out for `as_of`, in place of the last, if no one
    /// else is writing the book this moment: they are not worth a wait, and not kept
    /// they are only worked out again. Unchanged figures are not written again.
    pub fn keep_team(&mut self, as_of: NaiveDate, rows: &[TeamRow]) -> Result<(), BookError> {
        let kept = KeptTeam {
            as_of,
            rows: rows.to_vec(),
        };
        let json = serde_json::to_string(&kept)
            .map_err(|e| BookError::Invalid(format!("the team's figures: {e}")))?;
        self.keep_meta_if_free(TEAM_FIGURES, &json)
    }
}
