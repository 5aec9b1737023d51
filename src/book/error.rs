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
    #[error("book: {0}")]
    Query(#[from] rusqlite::Error),
    #[error("{0}")]
    Invalid(String),
}

impl BookError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> BookError {
        BookError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn sqlite(path: &Path, source: rusqlite::Error) -> BookError {
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
