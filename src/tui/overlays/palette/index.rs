//! What the palette can reach. The panes, the commands of where the person is, the
//! exports and the team are gathered at each opening; the accounts' names and their ids
//! in the systems they came from are laid out once per read of the portfolio, in order
//! in memory, and shared by every opening.

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

/// Many short texts in one buffer, one after another, so that a pass over all of them
/// reads memory in order.
#[derive(Default)]
pub struct Texts {
    text: String,
    ends: Vec<u32>,
}

impl Texts {
    fn push(&mut self, text: &str) {
        self.text.push_str(text);
        self.ends.push(self.text.len() as u32);
    }

    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }
}

/// What the palette matches accounts by, laid out for a pass over every account: the
/// names in the portfolio's order in one buffer with each account's id and ARR beside
/// them, and the ids in the systems they came from. Read once per read of the portfolio
/// and shared by every opening.
#[derive(Default)]
pub struct AccountIndex {
    names: Texts,
    ids: Vec<i64>,
    arr: Vec<i64>,
    /// Ids in the systems the accounts came from, each with its account's row.
    external: Texts,
    external_row: Vec<u32>,
}

impl AccountIndex {
    pub fn read(app: &App) -> AccountIndex {
        let list = &app.panes.portfolio.list;
        let external = app
            .cx
            .book
            .as_ref()
            .and_then(|book| book.external_ids().ok())
            .unwrap_or_default();
        AccountIndex::over(
            list,
            external
                .into_iter()
                .filter_map(|(id, external)| Some((list.row_of(id)?, external))),
        )
    }

    /// The portfolio's accounts and their ids elsewhere: (row, id).
    pub fn over(
        list: &PortfolioList,
        external: impl IntoIterator<Item = (usize, String)>,
    ) -> AccountIndex {
        let mut index = AccountIndex::default();
        for row in 0..list.len() {
            let a = list.account_at(row);
            index.names.push(&a.name);
            index.ids.push(a.id);
            index.arr.push(a.arr.cents);
        }
        for (row, id) in external {
            index.external.push(&id);
            index.external_row.push(row as u32);
        }
        index
    }

    pub fn accounts(&self) -> usize {
        self.names.len()
    }

    pub fn externals(&self) -> usize {
        self.external.len()
    }
}

/// Every entry in one numbering: the places, then every account by name, then every
/// account's id elsewhere.
pub struct Reach<'a> {
    pub places: &'a [Place],
    pub accounts: &'a AccountIndex,
}

/// An entry as it is matched: its text, and the account it leads to.
pub enum Text<'a> {
    Place(&'a Place),
    Name(&'a str),
    External(&'a str),
}

impl<'a> Reach<'a> {
    /// Where the names end and the ids elsewhere begin.
    pub fn names_end(&self) -> u32 {
        (self.places.len() + self.accounts.accounts()) as u32
    }

    pub fn total(&self) -> u32 {
        self.names_end() + self.accounts.externals() as u32
    }

    pub fn text(&self, i: u32) -> Text<'a> {
        let i = i as usize;
        if i < self.places.len() {
            return Text::Place(&self.places[i]);
        }
        let i = i - self.places.len();
        let a = self.accounts;
        match a.names.len() {
            n if i < n => Text::Name(a.names.get(i)),
            n => Text::External(a.external.get(i - n)),
        }
    }

    /// The row of the account an entry leads to, if it leads to one.
    pub fn row(&self, i: u32) -> Option<usize> {
        let i = (i as usize).checked_sub(self.places.len())?;
        let n = self.accounts.names.len();
        if i < n {
            Some(i)
        } else {
            Some(*self.accounts.external_row.get(i - n)? as usize)
        }
    }

    /// The account's id and ARR, for ranking.
    pub fn account(&self, i: u32) -> Option<(i64, i64)> {
        let row = self.row(i)?;
        Some((self.accounts.ids[row], self.accounts.arr[row]))
    }

    /// The entry as shown, its account found in `list` by id (None if the account is
    /// no longer there).
    pub fn entry(&self, i: u32, list: &'a PortfolioList) -> Option<Entry<'a>> {
        Some(match self.text(i) {
            Text::Place(p) => Entry::Place(p),
            Text::Name(_) => Entry::Account(list.account(self.account(i)?.0)?),
            Text::External(id) => Entry::Id(list.account(self.account(i)?.0)?, id),
        })
    }
}

/// One entry as the palette shows it.
pub enum Entry<'a> {
    Place(&'a Place),
    Account(&'a PortfolioAccount),
    /// An account and its id in the system it came from.
    Id(&'a PortfolioAccount, &'a str),
}

impl Entry<'_> {
    pub fn kind(&self) -> Kind {
        match self {
            Entry::Place(p) => p.kind,
            Entry::Account(_) => Kind::Account,
            Entry::Id(..) => Kind::AccountId,
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
