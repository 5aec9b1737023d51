//! The jump palette, on one key from anywhere: type part of an account's name or its id
//! in the system it came from, a pane, a person on the team or a command ("log a touch",
//! "export renewals as ics"), and Enter goes there. Matches are ranked by how well they
//! match, then by accounts opened lately, then by ARR. Each letter typed narrows the
//! last letter's matches, so typing stays quick on a 50,000-account book.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use super::action::Action;
use super::app::App;
use super::keys::Context;
use super::pane::Pane;

/// Where an entry goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Account(i64),
    Pane(Pane),
    /// A team member's Today queue.
    Person(String),
    /// An action of the room under the palette, or a global one.
    Command(Action),
    /// A file written beside the book: what, and in which format.
    Export(&'static str, crate::export::Format),
}

/// One thing the palette can go to.
pub struct Entry {
    /// What is shown and matched.
    pub label: String,
    /// What kind of thing it is, shown beside it.
    pub kind: &'static str,
    /// A few words more: an account's ARR and owner, a command's key.
    pub detail: String,
    pub target: Target,
    text: Utf32String,
    /// Ties are broken by ARR, largest first.
    arr_cents: i64,
    /// Opened lately: a higher number is more recent.
    recency: usize,
}

/// The most matches shown.
pub const SHOWN: usize = 12;

pub struct Palette {
    entries: Vec<Entry>,
    query: String,
    /// Matches for each prefix of the query typed so far: (entry, score), best first.
    hits: Vec<Vec<(u32, u32)>>,
    pub selected: usize,
    matcher: Matcher,
}

impl Palette {
    /// Everything the palette can reach from where the person is.
    pub fn new(app: &App) -> Palette {
        let mut entries = Vec::new();
        let mut add = |matched: &str, label: String, detail: String, kind, target, arr, recency| {
            entries.push(Entry {
                text: Utf32String::from(matched),
                label,
                detail,
                kind,
                target,
                arr_cents: arr,
                recency,
            })
        };
        let keys = &app.cx.keys;
        for pane in Pane::ALL {
            let key = keys.key(Context::Global, Action::GoTo(pane));
            let title = pane.title();
            add(title, title.into(), key, "pane", Target::Pane(pane), 0, 0);
        }
        let context = app.top_room().context();
        let bindings = keys.bindings(context).iter();
        for b in bindings.chain(keys.bindings(Context::Global)) {
            if is_command(b.action) {
                let key = b.keys.first().map(|k| k.to_string()).unwrap_or_default();
                let target = Target::Command(b.action);
                add(
                    b.description,
                    b.description.into(),
                    key,
                    "command",
                    target,
                    0,
                    0,
                );
            }
        }
        use crate::export::Format;
        for (what, format, words) in [
            ("renewals", Format::Ics, "Export renewals as ics (calendar)"),
            ("renewals", Format::Csv, "Export renewals as csv"),
            ("tasks", Format::Ics, "Export tasks as ics (to-dos)"),
            ("tasks", Format::Csv, "Export tasks as csv"),
            ("accounts", Format::Csv, "Export accounts as csv"),
            ("health", Format::Csv, "Export health scores as csv"),
        ] {
            let target = Target::Export(what, format);
            add(words, words.into(), String::new(), "command", target, 0, 0);
        }
        if let Some(book) = &app.cx.book {
            for m in book.team_members().unwrap_or_default() {
                let about = format!("{} · their queue", m.role.as_str());
                let name = m.name.clone();
                add(
                    &name,
                    m.name.clone(),
                    about,
                    "person",
                    Target::Person(m.name),
                    0,
                    0,
                );
            }
        }
        let recency = |id: i64| {
            app.recent
                .iter()
                .position(|r| *r == id)
                .map_or(0, |at| at + 1)
        };
        let about = |a: &crate::book::portfolio::PortfolioAccount| match &a.owner {
            Some(owner) => format!("{} · {owner}", a.arr.short()),
            None => a.arr.short(),
        };
        let list = &app.panes.portfolio.list;
        for a in list.accounts() {
            let (target, arr) = (Target::Account(a.id), a.arr.cents);
            add(
                &a.name,
                a.name.clone(),
                about(a),
                "account",
                target,
                arr,
                recency(a.id),
            );
        }
        if let Some(book) = &app.cx.book {
            // Found by the id alone, shown with the name it stands for.
            for (id, external) in book.external_ids().unwrap_or_default() {
                let Some(a) = list.account(id) else {
                    continue;
                };
                let label = format!("{external} · {}", a.name);
                let (target, arr) = (Target::Account(id), a.arr.cents);
                add(
                    &external,
                    label,
                    about(a),
                    "account id",
                    target,
                    arr,
                    recency(id),
                );
            }
        }
        let mut palette = Palette {
            entries,
            query: String::new(),
            hits: Vec::new(),
            selected: 0,
            matcher: Matcher::new(Config::DEFAULT),
        };
        palette.rank_all();
        palette
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// The best matches, at most `SHOWN`.
    pub fn shown(&self) -> impl Iterator<Item = &Entry> {
        self.current()
            .iter()
            .take(SHOWN)
            .map(|(i, _)| &self.entries[*i as usize])
    }

    /// How many entries match.
    pub fn matches(&self) -> usize {
        self.current().len()
    }

    fn current(&self) -> &[(u32, u32)] {
        self.hits.last().map_or(&[], Vec::as_slice)
    }

    pub fn chosen(&self) -> Option<Target> {
        let (i, _) = self.current().get(self.selected)?;
        Some(self.entries[*i as usize].target.clone())
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.matches().min(SHOWN).saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// A letter more: only the last letter's matches can still match.
    pub fn type_char(&mut self, c: char) {
        self.query.push(c);
        let pattern = Pattern::parse(&self.query, CaseMatching::Ignore, Normalization::Smart);
        let previous = self.hits.last().cloned().unwrap_or_default();
        let mut hits: Vec<(u32, u32)> = previous
            .into_iter()
            .filter_map(|(i, _)| {
                let text = self.entries[i as usize].text.slice(..);
                pattern
                    .score(text, &mut self.matcher)
                    .map(|score| (i, score))
            })
            .collect();
        self.sort(&mut hits);
        self.hits.push(hits);
        self.selected = 0;
    }

    /// A letter less: back to the matches before it.
    pub fn backspace(&mut self) {
        if self.query.pop().is_some() && self.hits.len() > 1 {
            self.hits.pop();
        }
        self.selected = 0;
    }

    pub fn set_query(&mut self, query: &str) {
        self.query.clear();
        self.rank_all();
        for c in query.chars() {
            self.type_char(c);
        }
    }

    /// Every entry, for the empty query: panes and commands first, then recent
    /// accounts, then the largest.
    fn rank_all(&mut self) {
        let mut all: Vec<(u32, u32)> = (0..self.entries.len() as u32).map(|i| (i, 0)).collect();
        self.sort(&mut all);
        self.hits = vec![all];
        self.selected = 0;
    }

    fn sort(&self, hits: &mut [(u32, u32)]) {
        let e = &self.entries;
        hits.sort_by(|a, b| {
            let (x, y) = (&e[a.0 as usize], &e[b.0 as usize]);
            b.1.cmp(&a.1)
                .then(y.recency.cmp(&x.recency))
                .then((x.kind == "account id").cmp(&(y.kind == "account id")))
                .then(y.arr_cents.cmp(&x.arr_cents))
                .then(a.0.cmp(&b.0))
        });
    }
}

/// Whether an action makes sense as a command in the palette (moving does not).
fn is_command(action: Action) -> bool {
    !matches!(
        action,
        Action::Down
            | Action::Up
            | Action::Top
            | Action::Bottom
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::PageDown
            | Action::PageUp
            | Action::Palette
            | Action::GoTo(_)
            | Action::SelectRow(_)
            | Action::ScrollDown
            | Action::ScrollUp
    )
}

/// Goes where the chosen entry points.
pub fn go(app: &mut App, target: Target) {
    match target {
        Target::Account(id) => app.open_account(id),
        Target::Pane(pane) => app.go_to(pane),
        Target::Person(name) => {
            app.go_to(Pane::Today);
            app.panes.today.start(Some(name), &mut app.cx);
        }
        Target::Command(action) => {
            app.update(action);
        }
        Target::Export(what, format) => export(app, what, format),
    }
}

/// Writes an export beside the book (in `exports/`) and says where.
fn export(app: &mut App, what: &str, format: crate::export::Format) {
    let cx = &mut app.cx;
    let Some(book) = cx.book.as_ref() else {
        return;
    };
    let dir = book.path().and_then(|p| p.parent()).map_or_else(
        || std::env::temp_dir().join("csm-exports"),
        |d| d.join("exports"),
    );
    let ext = match format {
        crate::export::Format::Csv => "csv",
        crate::export::Format::Json => "json",
        crate::export::Format::Ics => "ics",
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
