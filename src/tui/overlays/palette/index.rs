//! What the palette can reach. The panes, the commands of where the person is, the
//! exports and the team are gathered at each opening; the accounts are matched where
//! the portfolio already holds their names, and by their ids in the systems they came
//! from, read once per read of the portfolio and shared by every opening.

use nucleo_matcher::Utf32String;

use super::Target;
use crate::book::portfolio::PortfolioAccount;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keys::Context;
use crate::tui::pane::Pane;
use crate::tui::panes::portfolio::PortfolioList;

/// What kind of thing an entry is, shown beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pane,
    Command,
    Person,
    Account,
    /// An account found by its id in the system it came from.
    AccountId,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Pane => "pane",
            Kind::Command => "command",
            Kind::Person => "person",
            Kind::Account => "account",
            Kind::AccountId => "account id",
        }
    }
}

/// A pane, a command or a person.
pub struct Place {
    pub text: Utf32String,
    pub kind: Kind,
    pub target: Target,
    /// What is said beside it: a key, a role.
    pub detail: Box<str>,
}

/// The accounts' ids in the systems they came from, each with the account's place in
/// the portfolio.
#[derive(Default)]
pub struct AccountIds(pub Vec<(u32, Box<str>)>);

impl AccountIds {
    pub fn read(app: &App) -> AccountIds {
        let list = &app.panes.portfolio.list;
        let Some(book) = &app.cx.book else {
            return AccountIds::default();
        };
        let ids = book.external_ids().unwrap_or_default();
        AccountIds(
            ids.into_iter()
                .filter_map(|(id, external)| Some((list.row_of(id)? as u32, external.into())))
                .collect(),
        )
    }
}

/// One entry as the palette ranks and shows it.
pub enum Entry<'a> {
    Place(&'a Place),
    Account(&'a PortfolioAccount),
    /// An account and its id in the system it came from.
    Id(&'a PortfolioAccount, &'a str),
}

impl Entry<'_> {
    /// The text matched against what is typed.
    pub fn text<'b>(&self, buf: &'b mut Vec<char>) -> nucleo_matcher::Utf32Str<'b>
    where
        Self: 'b,
    {
        match self {
            Entry::Place(p) => p.text.slice(..),
            Entry::Account(a) => nucleo_matcher::Utf32Str::new(&a.name, buf),
            Entry::Id(_, id) => nucleo_matcher::Utf32Str::new(id, buf),
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Entry::Place(p) => p.kind,
            Entry::Account(_) => Kind::Account,
            Entry::Id(..) => Kind::AccountId,
        }
    }

    pub fn account(&self) -> Option<&PortfolioAccount> {
        match self {
            Entry::Place(_) => None,
            Entry::Account(a) | Entry::Id(a, _) => Some(a),
        }
    }

    pub fn target(&self) -> Target {
        match self {
            Entry::Place(p) => p.target.clone(),
            Entry::Account(a) | Entry::Id(a, _) => Target::Account(a.id),
        }
    }

    /// Its words, and what is said beside them.
    pub fn describe(&self) -> (String, String) {
        let about = |a: &PortfolioAccount| match &a.owner {
            Some(owner) => format!("{} · {owner}", a.arr.short()),
            None => a.arr.short(),
        };
        match self {
            Entry::Place(p) => (p.text.to_string(), p.detail.to_string()),
            Entry::Account(a) => (a.name.clone(), about(a)),
            Entry::Id(a, id) => (format!("{id} · {}", a.name), about(a)),
        }
    }
}

/// The entries in one numbering: the places, then every account by name, then every
/// account id.
pub fn entry<'a>(
    i: u32,
    places: &'a [Place],
    list: &'a PortfolioList,
    ids: &'a AccountIds,
) -> Entry<'a> {
    let i = i as usize;
    if i < places.len() {
        return Entry::Place(&places[i]);
    }
    let i = i - places.len();
    if i < list.len() {
        return Entry::Account(list.account_at(i));
    }
    let (row, id) = &ids.0[i - list.len()];
    Entry::Id(list.account_at(*row as usize), id)
}

/// The panes, the commands of the room on top and the global ones, the exports, and the
/// team: gathered at each opening, since the commands depend on where the person is.
pub fn places(app: &App) -> Vec<Place> {
    let mut places = Vec::new();
    let mut add = |text: &str, kind, target, detail: String| {
        places.push(Place {
            text: Utf32String::from(text),
            kind,
            target,
            detail: detail.into(),
        })
    };
    let keys = &app.cx.keys;
    for pane in Pane::ALL {
        let key = keys.key(Context::Global, Action::GoTo(pane));
        add(pane.title(), Kind::Pane, Target::Pane(pane), key);
    }
    let context = app.top_room().context();
    let bindings = keys.bindings(context).iter();
    for b in bindings.chain(keys.bindings(Context::Global)) {
        if is_command(b.action) {
            let key = b.keys.first().map(|k| k.to_string()).unwrap_or_default();
            add(b.description, Kind::Command, Target::Command(b.action), key);
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
        add(
            words,
            Kind::Command,
            Target::Export(what, format),
            String::new(),
        );
    }
    if let Some(book) = &app.cx.book {
        for m in book.team_members().unwrap_or_default() {
            let about = format!("{} · their queue", m.role.as_str());
            let name = m.name.clone();
            add(&name, Kind::Person, Target::Person(m.name), about);
        }
    }
    places
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
