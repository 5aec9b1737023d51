//! The keys csm ships with: the global ones (moving, panes, help, the palette, undo)
//! here, and each room's own from its folder. A letter may mean one thing on Today and
//! another on Tasks; within a context, and against the global keys, it means one thing.

use ratatui::crossterm::event::KeyCode::*;

use super::{Binding, Context, Key};
use crate::tui::action::Action;
use crate::tui::pane::Pane;
use crate::tui::panes::{
    account, advocacy, expansion, onboarding, portfolio, qbr, renewals, stakeholders, tasks, team,
    today,
};

fn b(
    action: Action,
    name: &'static str,
    description: &'static str,
    hint: Option<&'static str>,
    keys: &[Key],
) -> Binding {
    Binding::new(action, name, description, hint, keys)
}

/// Every context's bindings, in the order the help lists them.
pub fn all() -> Vec<(Context, Vec<Binding>)> {
    Context::ALL.iter().map(|c| (*c, of(*c))).collect()
}

fn of(context: Context) -> Vec<Binding> {
    match context {
        Context::Global => global(),
        Context::Today => today::keys(),
        Context::Portfolio => portfolio::keys(),
        Context::Renewals => renewals::keys(),
        Context::Stakeholders => stakeholders::keys(),
        Context::Map => stakeholders::map_keys(),
        Context::Tasks => tasks::keys(),
        Context::Team => team::keys(),
        Context::Onboarding => onboarding::keys(),
        Context::Advocacy => advocacy::keys(),
        Context::Expansion => expansion::keys(),
        Context::Account => account::keys(),
        Context::Qbr => qbr::keys(),
    }
}

fn global() -> Vec<Binding> {
    use Action as A;
    let mut all = vec![
        b(
            A::Down,
            "move_down",
            "Move down",
            None,
            &[Key::ch('j'), Key::plain(Down)],
        ),
        b(
            A::Up,
            "move_up",
            "Move up",
            None,
            &[Key::ch('k'), Key::plain(Up)],
        ),
        b(
            A::Top,
            "top",
            "Go to the top",
            None,
            &[Key::ch('g'), Key::plain(Home)],
        ),
        b(
            A::Bottom,
            "bottom",
            "Go to the bottom",
            None,
            &[Key::ch('G'), Key::plain(End)],
        ),
        b(
            A::HalfPageDown,
            "half_page_down",
            "Half a page down",
            None,
            &[Key::ctrl('d')],
        ),
        b(
            A::HalfPageUp,
            "half_page_up",
            "Half a page up",
            None,
            &[Key::ctrl('u')],
        ),
        b(
            A::PageDown,
            "page_down",
            "A page down",
            None,
            &[Key::plain(PageDown)],
        ),
        b(
            A::PageUp,
            "page_up",
            "A page up",
            None,
            &[Key::plain(PageUp)],
        ),
        b(
            A::Open,
            "open",
            "Open the selected row",
            Some("open"),
            &[Key::plain(Enter)],
        ),
        b(
            A::Back,
            "back",
            "Back, close, clear filters",
            Some("back"),
            &[Key::plain(Esc)],
        ),
        b(
            A::Narrow,
            "filter",
            "Narrow the list by typing",
            Some("filter"),
            &[Key::ch('/')],
        ),
        b(
            A::Palette,
            "palette",
            "Jump: account, pane, command",
            None,
            &[Key::ctrl('k')],
        ),
        b(
            A::Undo,
            "undo",
            "Undo your last change",
            None,
            &[Key::ch('u')],
        ),
        b(
            A::Redo,
            "redo",
            "Redo what was undone",
            None,
            &[Key::ctrl('r')],
        ),
        b(
            A::NextPane,
            "next_pane",
            "Next pane",
            Some("pane"),
            &[Key::plain(Tab)],
        ),
        b(
            A::PrevPane,
            "prev_pane",
            "Previous pane",
            None,
            &[Key::plain(BackTab)],
        ),
    ];
    const NAMES: [&str; 9] = [
        "pane_today",
        "pane_portfolio",
        "pane_renewals",
        "pane_stakeholders",
        "pane_tasks",
        "pane_team",
        "pane_expansion",
        "pane_onboarding",
        "pane_advocacy",
    ];
    const WORDS: [&str; 9] = [
        "Show Today's queue",
        "Show the Portfolio",
        "Show the Renewals",
        "Show the Stakeholders",
        "Show the Tasks",
        "Show the Team",
        "Show the Expansion pipeline",
        "Show who is onboarding",
        "Show the reference pool",
    ];
    for (i, pane) in Pane::ALL.iter().enumerate() {
        let digit = char::from_digit(i as u32 + 1, 10).unwrap_or('1');
        all.push(b(
            A::GoTo(*pane),
            NAMES[i],
            WORDS[i],
            None,
            &[Key::ch(digit)],
        ));
    }
    all.push(b(
        A::Conflicts,
        "conflicts",
        "Sync conflicts to resolve",
        None,
        &[Key::ch('C')],
    ));
    all.push(b(
        A::Help,
        "help",
        "Show the keys",
        Some("help"),
        &[Key::ch('?')],
    ));
    all.push(b(
        A::Quit,
        "quit",
        "Quit (Ctrl-c always quits)",
        Some("quit"),
        &[Key::ch('q')],
    ));
    all
}
