//! What can go wrong with a book, told apart so callers can react, each in one line.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum BookError {
    #[error("{path} is not a csm book: {why}; it was left untouched")]
    NotABook { path: PathBuf, why: String },
    #[error(
        "{path} was written by a newer csm (book version {found}, this csm reads up to {known}): upgrade csm; the book was left untouched"
    )]
    NewerBook {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "the book is busy: another process has been writing to it for {} s; nothing was changed, try again",
        .waited.as_secs()
    )]
    Busy { waited: std::time::Duration },
    #[error("book: {0}")]
    Query(rusqlite::Error),
    #[error("{0}")]
    Invalid(String),
    /// An undo or redo that cannot be done as asked, with why, in one sentence.
    #[error("{0}")]
    Refused(String),
}

impl From<rusqlite::Error> for BookError {
    fn from(e: rusqlite::Error) -> Self {
        if is_busy(&e) {
            return BookError::Busy {
                waited: super::wait::limit(),
            };
        }
        BookError::Query(e)
    }
}

/// Whether SQLite gave up waiting for a lock another connection holds.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

impl BookError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> BookError {
        BookError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn sqlite(path: &Path, source: rusqlite::Error) -> BookError {
        if is_busy(&source) {
            return BookError::from(source);
        }
        // SQLite's own word for a file that is not a database.
        if let rusqlite::Error::SqliteFailure(e, _) = &source
            && e.code == rusqlite::ErrorCode::NotADatabase
        {
            return BookError::NotABook {
                path: path.to_path_buf(),
                why: "it is not an SQLite database".into(),
            };
        }
        BookError::Sqlite {
            path: path.to_path_buf(),
            source,
        }
    }
}
