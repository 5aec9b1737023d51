//! Standard output for every subcommand: text printed in one write, and a reader that
//! stops early (`csm accounts | head`) told apart from a real error; and a report
//! written to a new file.

use std::io::{Write, stdout};

use color_eyre::Result;

/// Prints to stdout in one write. A reader that stops early (`| head`) makes it fail
/// with a broken pipe, which `main` takes for the reader's choice, not an error.
pub(crate) fn emit(text: &str) -> Result<()> {
    Ok(stdout().lock().write_all(text.as_bytes())?)
}

/// Writes `text` to `path`, a file that must not exist yet: csm never overwrites one.
pub(crate) fn write_new(path: &std::path::Path, text: &str) -> Result<()> {
    let mut file = std::fs::File::create_new(path).map_err(|e| {
        color_eyre::eyre::eyre!(
            "{}: {e} (csm never overwrites a file: name a new one)",
            path.display()
        )
    })?;
    Ok(file.write_all(text.as_bytes())?)
}

/// Whether `error` is stdout's reader having gone away (`csm accounts | head`).
pub fn is_broken_pipe(error: &color_eyre::Report) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
