//! Keys to actions: the defaults, a user's rebindings from the config, and the words that
//! describe each binding. The one source of truth for the help overlay and the status-bar
//! hints, so a remapped key shows up everywhere.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::pane::Pane;
use crate::config::Config;

/// A key with its modifiers, as written in the config (`ctrl-d`, `G`, `enter`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// The key as a terminal reports it, with Shift folded into the character it makes.
    pub fn from_event(e: &KeyEvent) -> Key {
        let mut mods =
            e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(e.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        let code = match e.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        Key { code, mods }
    }

    /// Reads a key as written in the config.
    pub fn parse(text: &str) -> Result<Key, String> {
        let expected = "expected a key such as \"q\", \"G\", \"enter\", \"esc\", \"tab\", \"backtab\", \
                        \"up\", \"pgdn\", \"f1\", \"ctrl-d\" or \"alt-x\"";
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower
                .strip_prefix("ctrl-")
                .or_else(|| lower.strip_prefix("c-"))
            {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower
                .strip_prefix("alt-")
                .or_else(|| lower.strip_prefix("m-"))
            {
                mods |= KeyModifiers::ALT;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else {
                    c
                })
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(format!("`{text}` is not a key: {expected}")),
                },
                _ => return Err(format!("`{text}` is not a key: {expected}")),
            },
        };
        Ok(Key { code, mods })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One action with its keys and the words for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub action: Action,
    /// The action's name in the config's `[keys]` table.
    pub name: &'static str,
    pub description: &'static str,
    /// The short word in the status bar, for the actions that appear there.
    pub hint: Option<&'static str>,
    pub keys: Vec<Key>,
}

/// All bindings, in the order the help lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

/// Ctrl-c quits from anywhere, whatever the config says.
pub const ALWAYS_QUIT: Key = Key::ctrl('c');

fn defaults() -> Vec<Binding> {
    use KeyCode::*;
    let b = |action, name, description, hint, keys: &[Key]| Binding {
        action,
        name,
        description,
        hint,
        keys: keys.to_vec(),
    };
    let mut all = vec![
        b(
            Action::MoveDown,
            "move_down",
            "Move down",
            None,
            &[Key::ch('j'), Key::plain(Down)],
        ),
        b(
            Action::MoveUp,
            "move_up",
            "Move up",
            None,
            &[Key::ch('k'), Key::plain(Up)],
        ),
        b(
            Action::Top,
            "top",
            "Go to the top",
            None,
            &[Key::ch('g'), Key::plain(Home)],
        ),
        b(
            Action::Bottom,
            "bottom",
            "Go to the bottom",
            None,
            &[Key::ch('G'), Key::plain(End)],
        ),
        b(
            Action::HalfPageDown,
            "half_page_down",
            "Half a page down",
            None,
            &[Key::ctrl('d')],
        ),
        b(
            Action::HalfPageUp,
            "half_page_up",
            "Half a page up",
            None,
            &[Key::ctrl('u')],
        ),
        b(
            Action::PageDown,
            "page_down",
            "A page down",
            None,
            &[Key::plain(PageDown)],
        ),
        b(
            Action::PageUp,
            "page_up",
            "A page up",
            None,
            &[Key::plain(PageUp)],
        ),
        b(
            Action::Open,
            "open",
            "Open the selected row",
            None,
            &[Key::plain(Enter)],
        ),
        b(
            Action::Back,
            "back",
            "Back, close or clear filter",
            None,
            &[Key::plain(Esc)],
        ),
        b(
            Action::StartFilter,
            "filter",
            "Filter the list by typing",
            Some("filter"),
            &[Key::ch('/')],
        ),
        b(
            Action::CycleSort,
            "sort",
            "Sort by the next column",
            Some("sort"),
            &[Key::ch('s')],
        ),
        b(
            Action::CycleOwner,
            "owner",
            "Next owner's rows or queue",
            Some("owner"),
            &[Key::ch('o')],
        ),
        b(
            Action::CycleBand,
            "band",
            "Filter: red, yellow, green",
            Some("band"),
            &[Key::ch('b')],
        ),
        b(
            Action::CycleSegment,
            "segment",
            "Filter: next segment",
            None,
            &[Key::ch('m')],
        ),
        b(
            Action::SetOverride,
            "override",
            "Edit: override, person, goal",
            None,
            &[Key::ch('e')],
        ),
        b(
            Action::ClearOverride,
            "clear_override",
            "Detail: clear the override",
            None,
            &[Key::ch('c')],
        ),
        b(
            Action::LogTouch,
            "log_touch",
            "Log a touch",
            None,
            &[Key::ch('t')],
        ),
        b(
            Action::QbrPrep,
            "qbr_prep",
            "Detail: QBR prep",
            None,
            &[Key::ch('Q')],
        ),
        b(
            Action::WriteBrief,
            "write_brief",
            "QBR: write the brief",
            None,
            &[Key::ch('W')],
        ),
        b(
            Action::MarkStep,
            "mark_step",
            "Next motion step done",
            None,
            &[Key::ch('x')],
        ),
        b(
            Action::UnmarkStep,
            "unmark_step",
            "Renewals: undo last step",
            None,
            &[Key::ch('X')],
        ),
        b(
            Action::SetForecast,
            "forecast",
            "Set a renewal's forecast",
            None,
            &[Key::ch('f')],
        ),
        b(
            Action::SetOutcome,
            "outcome",
            "Renewals: record outcome",
            None,
            &[Key::ch('O')],
        ),
        b(
            Action::CycleWindow,
            "window",
            "Renewals: next window",
            None,
            &[Key::ch('w')],
        ),
        b(
            Action::AddContact,
            "add_contact",
            "Add: contact, task, goal",
            None,
            &[Key::ch('a')],
        ),
        b(
            Action::MarkLeft,
            "left_company",
            "Map: contact left",
            None,
            &[Key::ch('L')],
        ),
        b(
            Action::TaskDone,
            "task_done",
            "Done (Today: dismiss)",
            None,
            &[Key::ch('d')],
        ),
        b(
            Action::SnoozeTask,
            "snooze",
            "Snooze to a day, with why",
            None,
            &[Key::ch('z')],
        ),
        b(
            Action::Reassign,
            "reassign",
            "Tasks: reassign",
            None,
            &[Key::ch('r')],
        ),
        b(
            Action::CyclePlaybook,
            "playbook",
            "Tasks: next playbook",
            None,
            &[Key::ch('p')],
        ),
        b(
            Action::NextPane,
            "next_pane",
            "Next pane",
            Some("pane"),
            &[Key::plain(Tab)],
        ),
        b(
            Action::PrevPane,
            "prev_pane",
            "Previous pane",
            None,
            &[Key::plain(BackTab)],
        ),
    ];
    const PANE_NAMES: [&str; 6] = [
        "pane_today",
        "pane_portfolio",
        "pane_renewals",
        "pane_stakeholders",
        "pane_tasks",
        "pane_team",
    ];
    const PANE_WORDS: [&str; 6] = [
        "Show Today's queue",
        "Show the Portfolio",
        "Show the Renewals",
        "Show the Stakeholders",
        "Show the Tasks",
        "Show the Team",
    ];
    for (i, pane) in Pane::ALL.iter().enumerate() {
        let digit = char::from_digit(i as u32 + 1, 10).unwrap_or('1');
        all.push(b(
            Action::GoTo(*pane),
            PANE_NAMES[i],
            PANE_WORDS[i],
            None,
            &[Key::ch(digit)],
        ));
    }
    all.push(b(
        Action::ToggleHelp,
        "help",
        "Show every key",
        Some("help"),
        &[Key::ch('?')],
    ));
    all.push(b(
        Action::Quit,
        "quit",
        "Quit (Ctrl-c always quits)",
        Some("quit"),
        &[Key::ch('q')],
    ));
    all
}

impl Keymap {
    /// The bindings csm ships with.
    pub fn defaults() -> Keymap {
        Keymap {
            bindings: defaults(),
        }
    }

    /// The defaults with the config's `[keys]` rebindings applied. Refuses an unknown
    /// action, a key csm cannot read, and a key bound to two actions, naming the place.
    pub fn from_config(config: &Config) -> Result<Keymap, String> {
        let mut map = Keymap::defaults();
        for (name, keys) in &config.keys {
            let at = config.locate(keys.span().start);
            let Some(binding) = map.bindings.iter_mut().find(|b| b.name == name) else {
                let names: Vec<&str> = defaults().iter().map(|b| b.name).collect();
                return Err(format!(
                    "{at}: `{name}` is not an action; expected one of {}",
                    names.join(", ")
                ));
            };
            let parsed: Result<Vec<Key>, String> =
                keys.get_ref().keys().into_iter().map(Key::parse).collect();
            let parsed = parsed.map_err(|e| format!("{at}: {e}"))?;
            if parsed.is_empty() {
                return Err(format!("{at}: `{name}` needs at least one key"));
            }
            if parsed.contains(&ALWAYS_QUIT) {
                return Err(format!(
                    "{at}: Ctrl-c always quits and cannot be bound to `{name}`"
                ));
            }
            binding.keys = parsed;
        }
        for (i, a) in map.bindings.iter().enumerate() {
            for b in &map.bindings[i + 1..] {
                if let Some(key) = a.keys.iter().find(|k| b.keys.contains(k)) {
                    let at = [a.name, b.name]
                        .iter()
                        .find_map(|n| config.keys.get(*n))
                        .map(|k| format!("{}: ", config.locate(k.span().start)))
                        .unwrap_or_default();
                    return Err(format!(
                        "{at}`{key}` is bound to both `{}` and `{}`: give one of them another key",
                        a.name, b.name
                    ));
                }
            }
        }
        Ok(map)
    }

    /// The action a key asks for, if any.
    pub fn action_for(&self, key: Key) -> Option<Action> {
        if key == ALWAYS_QUIT {
            return Some(Action::Quit);
        }
        self.bindings
            .iter()
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action)
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The keys of an action as shown to a person: `j/↓`.
    pub fn keys_label(&self, action: Action) -> String {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .map(|b| {
                b.keys
                    .iter()
                    .map(Key::to_string)
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default()
    }

    /// The first key of an action, for tight hints.
    pub fn first_key(&self, action: Action) -> String {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first())
            .map(Key::to_string)
            .unwrap_or_default()
    }

    /// The status-bar hints, in order: (keys, word).
    pub fn hints(&self) -> Vec<(String, &'static str)> {
        let mut hints = vec![(
            format!(
                "{}/{}",
                self.first_key(Action::MoveDown),
                self.first_key(Action::MoveUp)
            ),
            "move",
        )];
        hints.extend(self.bindings.iter().filter_map(|b| {
            b.hint
                .map(|h| (b.keys.first().map(Key::to_string).unwrap_or_default(), h))
        }));
        hints
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn with_keys(toml: &str) -> Result<Keymap, String> {
        let config = Config::parse(toml, Path::new("cfg.toml")).map_err(|e| e.0)?;
        Keymap::from_config(&config)
    }

    #[test]
    fn default_keys_follow_the_cockpit_conventions() {
        let map = Keymap::defaults();
        assert_eq!(map.action_for(Key::ch('j')), Some(Action::MoveDown));
        assert_eq!(map.action_for(Key::ch('G')), Some(Action::Bottom));
        assert_eq!(map.action_for(Key::ctrl('d')), Some(Action::HalfPageDown));
        assert_eq!(
            map.action_for(Key::ch('4')),
            Some(Action::GoTo(Pane::Stakeholders))
        );
        assert_eq!(map.action_for(Key::ch('q')), Some(Action::Quit));
        assert_eq!(map.action_for(ALWAYS_QUIT), Some(Action::Quit));
        assert_eq!(Keymap::from_config(&Config::defaults()), Ok(map));
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
        assert_eq!(map.action_for(Key::ch('Z')), Some(Action::Quit));
        assert_eq!(map.action_for(Key::ch('q')), None);
        assert_eq!(map.keys_label(Action::StartFilter), "F/Ctrl-f");
        assert!(map.hints().contains(&("Z".to_string(), "quit")));
    }

    #[test]
    fn a_key_bound_twice_is_refused_with_its_place() {
        let err = with_keys("[keys]\n\nquit = \"j\"\n").unwrap_err();
        assert_eq!(
            err,
            "cfg.toml:3:8: `j` is bound to both `move_down` and `quit`: give one of them another key"
        );
    }

    #[test]
    fn unknown_actions_and_unreadable_keys_are_refused() {
        let err = with_keys("[keys]\nquitt = \"x\"\n").unwrap_err();
        assert!(
            err.starts_with("cfg.toml:2:9: `quitt` is not an action"),
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
            let again =
                Key::parse(&shown.replace("Ctrl-", "ctrl-").replace("Alt-", "alt-")).unwrap();
            assert_eq!(again, key, "{text} -> {shown}");
        }
    }
}
