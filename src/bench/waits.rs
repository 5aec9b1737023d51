//! How long a cockpit write waits while a big import runs: the import of the million-row
//! usage file on one connection, and on another, as the cockpit does it, a touch logged
//! every 50 ms until the import is done. The import reads, decodes and checks every row
//! before it takes the lock, so the writes wait only while it writes.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::book::account::NewTouch;
use crate::book::{Book, Stamp};
use crate::domain::vocab::InteractionKind;
use crate::import::Kind;
use crate::import::file::{Options, import_file};

/// The waits of writes made while the import ran.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WriteWaits {
    /// Writes made while the import ran, every one kept.
    pub writes: usize,
    pub median_ms: f64,
    pub longest_ms: f64,
    /// The import's own time, start to commit.
    pub import_seconds: f64,
}

/// Imports `csv` into the book at `copy` while logging touches on it from another
/// connection; how long each touch took, lock wait included.
pub fn measure(copy: &Path, csv: &Path, stamp: &Stamp) -> color_eyre::Result<WriteWaits> {
    let mut writer = Book::open(copy)?;
    let account = writer
        .portfolio()?
        .first()
        .map(|a| a.id)
        .ok_or_else(|| color_eyre::eyre::eyre!("the benchmark book has no account"))?;
    let done = AtomicBool::new(false);
    let (import, waits) = std::thread::scope(|scope| {
        let importing = scope.spawn(|| {
            let result = Book::open(copy)
                .map_err(color_eyre::Report::from)
                .and_then(|mut b| {
                    import_file(&mut b, stamp, Kind::Usage, csv, &Options::default())
                        .map_err(color_eyre::Report::from)
                });
            done.store(true, Ordering::SeqCst);
            result
        });
        let mut waits = Vec::new();
        while !done.load(Ordering::SeqCst) {
            let started = Instant::now();
            let touch = NewTouch {
                contact: None,
                kind: InteractionKind::Note,
                on: stamp.at.date(),
                summary: "noted during the import benchmark".into(),
            };
            let kept = writer.log_touch(stamp, account, &touch);
            waits.push(started.elapsed().as_secs_f64() * 1000.0);
            if let Err(e) = kept {
                return (importing.join(), Err(e));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        (importing.join(), Ok(waits))
    });
    let import = import.map_err(|_| color_eyre::eyre::eyre!("the import thread failed"))??;
    let mut waits = waits?;
    waits.sort_by(f64::total_cmp);
    Ok(WriteWaits {
        writes: waits.len(),
        median_ms: waits.get(waits.len() / 2).copied().unwrap_or(0.0),
        longest_ms: waits.last().copied().unwrap_or(0.0),
        import_seconds: import.seconds,
    })
}
