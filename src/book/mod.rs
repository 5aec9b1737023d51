//! The book of business on disk: SQLite through rusqlite, the only code that speaks SQL.
//! `Book::open` checks that a file is a book csm can read, sets the pragmas and applies
//! migrations; the files beside this one each own a family of tables or one write path.

pub mod account;
pub mod account_growth;
pub mod advocacy;
pub(crate) mod batch;
pub mod churned;
mod error;
pub mod expansion;
pub mod export;
pub mod forecast_kept;
pub mod forecast_review;
pub mod goals;
pub mod health;
pub mod identity;
pub mod import;
pub mod journal;
pub mod load;
pub mod meta;
pub mod metrics;
pub mod migrations;
pub mod onboarding;
pub mod playbooks;
pub mod portfolio;
pub mod qbr;
pub mod renewals;
pub mod settle;
mod sql;
pub mod stakeholders;
pub mod tasks;
pub mod team;
pub mod team_kept;
pub mod team_sync;
pub mod today;
pub mod touched;
pub mod trends;
pub mod undo;
pub mod wait;
pub mod write;

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use error::BookError;
pub use write::Stamp;

/// `PRAGMA application_id` of every csm book: "CSMB".
pub const APPLICATION_ID: i32 = 0x4353_4D42;

/// Set on every connection: foreign keys enforced, WAL-safe syncing, and temporary
/// tables in memory (an upsert's `RETURNING` buffers into one: on disk, each one
/// allocated and freed a page cache, which made a 50,000-account import 3.6 times
/// slower). Reading through a memory map opens a big book a little faster, but counts
/// the file's pages as the process's memory: not worth it.
const SESSION_PRAGMAS: &str =
    "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;";

/// An open book of business.
pub struct Book {
    conn: Connection,
    path: Option<PathBuf>,
    /// The journal entries this connection wrote, so that changes made elsewhere can be
    /// told from its own (see `journal::changes_since`).
    written: Vec<i64>,
}

impl Book {
    /// Opens the book at `path`, creating it (readable by its owner only) when absent and
    /// migrating it to this version of csm, after a backup copy, when it is older. A file
    /// that is not a csm book, or a book from a newer csm, is refused and left untouched.
    pub fn open(path: &Path) -> Result<Book, BookError> {
        Book::open_at(path, migrations::LATEST)
    }

    /// Opens the book at `path` migrated to `version` at most: tests use it to make a book
    /// as an older csm left it.
    ///
    /// No descriptor of the book's file is opened here outside SQLite: the locks SQLite
    /// holds belong to the process, and closing any descriptor of the file drops them
    /// all, after which another process takes itself for the last one and removes the
    /// write-ahead log this process still writes to. SQLite itself tells a file that is
    /// not a database.
    #[doc(hidden)]
    pub fn open_at(path: &Path, version: u32) -> Result<Book, BookError> {
        if !exists(path)? {
            create_private_file(path)?;
        }
        let mut conn = Connection::open(path).map_err(|e| BookError::sqlite(path, e))?;
        conn.busy_handler(Some(wait::for_lock))
            .map_err(|e| BookError::sqlite(path, e))?;
        let found = identify(&conn, path)?;
        if found == 0 {
            restrict_to_owner(path)?; // a new book, perhaps in a file made empty elsewhere
        }
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .map_err(|e| BookError::sqlite(path, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| BookError::sqlite(path, e))?;
        }
        let mut book = Book {
            conn,
            path: Some(path.to_path_buf()),
            written: Vec::new(),
        };
        book.set_session_pragmas()?;
        if found > 0 && found < version {
            book.backup_before_migration(found)?;
        }
        migrations::migrate(&mut book.conn, found, version)?;
        Ok(book)
    }

    /// A book that lives in memory only, at the latest schema: for tests and benchmarks.
    pub fn open_in_memory() -> Result<Book, BookError> {
        let conn = Connection::open_in_memory()
            .map_err(|e| BookError::sqlite(Path::new(":memory:"), e))?;
        let mut book = Book {
            conn,
            path: None,
            written: Vec::new(),
        };
        book.set_session_pragmas()?;
        migrations::migrate(&mut book.conn, 0, migrations::LATEST)?;
        Ok(book)
    }

    /// The file behind the book, if it has one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version the book is at.
    pub fn schema_version(&self) -> Result<u32, BookError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// SQLite's own consistency check: `["ok"]` for a sound book.
    pub fn integrity_check(&self) -> Result<Vec<String>, BookError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn set_session_pragmas(&mut self) -> Result<(), BookError> {
        let at = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(":memory:"));
        self.conn
            .execute_batch(SESSION_PRAGMAS)
            .map_err(|e| BookError::sqlite(&at, e))?;
        self.conn
            .busy_handler(Some(wait::for_lock))
            .map_err(|e| BookError::sqlite(&at, e))?;
        Ok(())
    }

    /// Starts a write: the write lock is taken up front (`BEGIN IMMEDIATE`), waiting for
    /// another writer to finish, so that a write never fails half-way because someone
    /// else wrote since it read. Read what is needed to decide first; hold the lock only
    /// while writing.
    pub(crate) fn begin_write(&mut self) -> Result<Transaction<'_>, BookError> {
        begin_write(&mut self.conn)
    }

    /// A number that changes whenever another connection, in this process or another,
    /// commits a change to the book (`PRAGMA data_version`); this connection's own
    /// commits leave it as it is.
    pub fn data_version(&self) -> Result<i64, BookError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Copies the book aside, as it is, before a migration changes it:
    /// `book.db` -> `book.db.v1.bak` (an existing copy of that version is kept).
    fn backup_before_migration(&self, from_version: u32) -> Result<(), BookError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".v{from_version}.bak"));
        let backup = PathBuf::from(name);
        if backup.exists() {
            return Ok(());
        }
        // VACUUM INTO fills an empty file it is given, keeping its owner-only mode. A csm
        // opening the same book at the same moment may be making the same copy.
        if !create_private_file(&backup)? {
            return Ok(());
        }
        self.conn
            .execute("VACUUM INTO ?1", [backup.to_string_lossy()])
            .map_err(|e| BookError::sqlite(&backup, e))?;
        restrict_to_owner(&backup)?;
        Ok(())
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// `Book::begin_write` on a connection alone, for a borrow of that field only.
pub(crate) fn begin_write(conn: &mut Connection) -> Result<Transaction<'_>, BookError> {
    Ok(conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
}

/// A second, read-only connection to a book already opened, for reading in another
/// thread; it waits for the book like every other.
pub(crate) fn open_reader(path: &Path) -> Result<Connection, BookError> {
    let mut conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| BookError::sqlite(path, e))?;
    conn.busy_handler(Some(wait::for_lock))
        .map_err(|e| BookError::sqlite(path, e))?;
    Ok(conn)
}

impl Book {
    /// A second book on the same file, read-only, for reading in another thread.
    pub(crate) fn reader(&self) -> Result<Option<Book>, BookError> {
        let Some(path) = self.path() else {
            return Ok(None);
        };
        Ok(Some(Book {
            conn: open_reader(path)?,
            path: Some(path.to_path_buf()),
            written: Vec::new(),
        }))
    }
}

/// Whether a book file already exists, asked of the file system without opening it.
fn exists(path: &Path) -> Result<bool, BookError> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(BookError::NotABook {
            path: path.to_path_buf(),
            why: "it is a folder".into(),
        }),
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(BookError::io(path, e)),
    }
}

/// Reads who wrote the database and at which schema version; refuses a database that
/// another program owns or a newer csm wrote.
fn identify(conn: &Connection, path: &Path) -> Result<u32, BookError> {
    let read = |sql: &str| -> Result<i64, BookError> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| BookError::sqlite(path, e))
    };
    let app_id = read("PRAGMA application_id")? as i32;
    let version = read("PRAGMA user_version")? as u32;
    let tables = read("SELECT count(*) FROM sqlite_schema")?;
    if app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
        return Err(BookError::NotABook {
            path: path.to_path_buf(),
            why: "it is an SQLite database that another program wrote".into(),
        });
    }
    if version > migrations::LATEST {
        return Err(BookError::NewerBook {
            path: path.to_path_buf(),
            found: version,
            known: migrations::LATEST,
        });
    }
    Ok(version)
}

/// Creates an empty file readable and writable by its owner only: a book holds customer
/// data. Returns false when the file was there already (another csm made it first).
fn create_private_file(path: &Path) -> Result<bool, BookError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| BookError::io(dir, e))?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(BookError::io(path, e)),
    }
}

fn restrict_to_owner(path: &Path) -> Result<(), BookError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| BookError::io(path, e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

impl Book {
    /// Folds the write-ahead log into the book file, so the file alone is the whole book.
    pub fn checkpoint(&self) -> Result<(), BookError> {
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(())
    }
}
