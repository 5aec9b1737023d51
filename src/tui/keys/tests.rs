//! The keymap as a person configures it: defaults, rebindings per place, clashes.

use super::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;

use crate::tui::pane::Pane;

fn with_keys(toml: &str) -> Result<Keymap, String> {
    let config = Config::parse(toml, Path::new("cfg.toml")).map_err(|e| e.0)?;
    Keymap::from_config(&config)
}

#[test]
fn default_keys_follow_the_cockpit_conventions() {
    let map = Keymap::defaults();
    let g = Context::Global;
    assert_eq!(map.action_for(g, Key::ch('j')), Some(Action::Down));
    assert_eq!(map.action_for(g, Key::ch('G')), Some(Action::Bottom));
    assert_eq!(
        map.action_for(g, Key::ctrl('d')),
        Some(Action::HalfPageDown)
    );
    assert_eq!(
        map.action_for(g, Key::ch('4')),
        Some(Action::GoTo(Pane::Stakeholders))
    );
    assert_eq!(map.action_for(g, Key::ch('q')), Some(Action::Quit));
    assert_eq!(map.action_for(g, ALWAYS_QUIT), Some(Action::Quit));
    assert_eq!(Keymap::from_config(&Config::defaults()), Ok(map));
}

#[test]
fn a_letter_means_one_thing_per_pane_and_nothing_where_it_is_not_bound() {
    let map = Keymap::defaults();
    assert_eq!(
        map.action_for(Context::Today, Key::ch('d')),
        Some(Action::DoneOrDismiss)
    );
    assert_eq!(
        map.action_for(Context::Tasks, Key::ch('d')),
        Some(Action::MarkDone)
    );
    assert_eq!(map.action_for(Context::Portfolio, Key::ch('d')), None);
    assert_eq!(
        map.action_for(Context::Account, Key::ch('e')),
        Some(Action::OverrideHealth)
    );
    assert_eq!(
        map.action_for(Context::Map, Key::ch('e')),
        Some(Action::EditContact)
    );
    assert_eq!(
        map.action_for(Context::Qbr, Key::ch('e')),
        Some(Action::UpdateGoal)
    );
    // The global keys hold beneath every context.
    assert_eq!(
        map.action_for(Context::Qbr, Key::ch('j')),
        Some(Action::Down)
    );
}

#[test]
fn the_defaults_have_no_clash_in_any_context() {
    assert_eq!(Keymap::defaults().check_clashes(), Ok(()));
}

#[test]
fn shift_is_folded_into_the_letter_a_terminal_sends() {
    let e = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(Key::from_event(&e), Key::ch('G'));
    let e = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(Key::from_event(&e), Key::plain(KeyCode::BackTab));
}

#[test]
fn a_rebinding_replaces_the_keys_and_shows_in_help_and_hints() {
    let map = with_keys("[keys]\nquit = \"Z\"\nfilter = [\"F\", \"ctrl-f\"]\n").unwrap();
    assert_eq!(
        map.action_for(Context::Today, Key::ch('Z')),
        Some(Action::Quit)
    );
    assert_eq!(map.action_for(Context::Today, Key::ch('q')), None);
    assert_eq!(map.keys_label(Context::Tasks, Action::Narrow), "F/Ctrl-f");
    assert!(
        map.hints(Context::Today)
            .contains(&("Z".to_string(), "quit"))
    );
}

#[test]
fn a_flat_rebinding_reaches_every_pane_with_the_action_and_a_table_one_pane() {
    let map = with_keys("[keys]\nsnooze = \"Z\"\n\n[keys.tasks]\nsnooze = \"S\"\n").unwrap();
    assert_eq!(
        map.action_for(Context::Today, Key::ch('Z')),
        Some(Action::Snooze)
    );
    assert_eq!(
        map.action_for(Context::Tasks, Key::ch('S')),
        Some(Action::Snooze)
    );
    assert_eq!(map.action_for(Context::Tasks, Key::ch('Z')), None);
    assert_eq!(map.key(Context::Tasks, Action::Snooze), "S");
}

#[test]
fn a_key_bound_twice_in_one_context_is_refused_with_its_place() {
    let err = with_keys("[keys]\n\nquit = \"j\"\n").unwrap_err();
    assert_eq!(
        err,
        "cfg.toml:3:8: `j` is bound to both `move_down` and `quit` everywhere: give one of them another key"
    );
    let err = with_keys("[keys.tasks]\nreassign = \"d\"\n").unwrap_err();
    assert_eq!(
        err,
        "cfg.toml:2:1: `d` is bound to both `done` and `reassign` on Tasks: give one of them another key"
    );
    // A pane's key may not hide a global one either.
    let err = with_keys("[keys.today]\nsnooze = \"j\"\n").unwrap_err();
    assert!(
        err.contains("`snooze` and `move_down`") || err.contains("`move_down`"),
        "{err}"
    );
    // The same letter on two panes is fine.
    assert!(with_keys("[keys.renewals]\nwindow = \"d\"\n").is_ok());
}

#[test]
fn unknown_places_actions_and_unreadable_keys_are_refused() {
    let err = with_keys("[keys]\nquitt = \"x\"\n").unwrap_err();
    assert!(
        err.starts_with("cfg.toml:2:9: `quitt` is not an action"),
        "{err}"
    );
    let err = with_keys("[keys.todya]\nsnooze = \"x\"\n").unwrap_err();
    assert!(err.contains("`[keys.todya]` is not a place"), "{err}");
    let err = with_keys("[keys.portfolio]\nsnooze = \"x\"\n").unwrap_err();
    assert!(
        err.starts_with("cfg.toml:2:1: `snooze` is not an action of [keys.portfolio]"),
        "{err}"
    );
    let err = with_keys("[keys]\nquit = \"ctrl-\"\n").unwrap_err();
    assert!(
        err.starts_with("cfg.toml:2:8: `ctrl-` is not a key"),
        "{err}"
    );
    let err = with_keys("[keys]\nquit = \"ctrl-c\"\n").unwrap_err();
    assert!(err.contains("Ctrl-c always quits"), "{err}");
}

#[test]
fn keys_read_back_as_they_are_shown() {
    for text in [
        "q", "G", "enter", "ctrl-d", "alt-x", "f5", "backtab", "pgdn", "space",
    ] {
        let key = Key::parse(text).unwrap();
        let shown = key.to_string();
        let again = Key::parse(&shown.replace("Ctrl-", "ctrl-").replace("Alt-", "alt-")).unwrap();
        assert_eq!(again, key, "{text} -> {shown}");
    }
}
