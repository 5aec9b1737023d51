//! Going where a palette entry points: an account's detail, a pane, a person's Today
//! queue, a command run where the palette was opened, or an export written beside the
//! book.

use super::Target;
use crate::export::Format;
use crate::tui::app::App;
use crate::tui::pane::Pane;

pub fn go(app: &mut App, target: Target) {
    match target {
        Target::Account(id) => app.open_account(id),
        Target::Pane(pane) => app.go_to(pane),
        Target::Person(name) => {
            // Whose queue first, so the pane reads that one only.
            app.start_today(Some(name));
            app.go_to(Pane::Today);
        }
        Target::Command(action) => {
            app.update(action);
        }
        Target::Export(what, format) => export(app, what, format),
    }
}

/// Writes an export beside the book (in `exports/`) and says where.
fn export(app: &mut App, what: &str, format: Format) {
    let cx = &mut app.cx;
    let Some(book) = cx.book.as_ref() else {
        return;
    };
    let dir = book.path().and_then(|p| p.parent()).map_or_else(
        || std::env::temp_dir().join("csm-exports"),
        |d| d.join("exports"),
    );
    let ext = match format {
        Format::Csv => "csv",
        Format::Json => "json",
        Format::Ics => "ics",
    };
    let path = dir.join(format!("{what}-{}.{ext}", cx.today));
    let written = std::fs::create_dir_all(&dir)
        .map_err(|e| e.to_string())
        .and_then(|_| std::fs::File::create(&path).map_err(|e| e.to_string()))
        .and_then(|mut file| {
            crate::export::export(book, what, format, &cx.rules, cx.today, &mut file)
                .map_err(|e| e.to_string())
        });
    cx.say(match written {
        Ok(rows) => format!("Exported {rows} {what} to {}", path.display()),
        Err(e) => format!("Not exported: {}: {e}", path.display()),
    });
}
