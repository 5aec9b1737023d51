//! Keys to actions, per context: the global keys, each pane's and each room's own, the
//! defaults and a user's rebindings from the config's `[keys]` (every context that has
//! the action) and `[keys.<context>]` (that context only). The one source of truth for
//! the help, the status-bar hints and every key named on screen, so a remapped key shows
//! up everywhere. A key means one thing within a context, global keys included.

mod defaults;
mod key;

pub use key::Key;

use crate::config::{Config, KeyEntry, KeyList};
use crate::tui::action::Action;

/// Where the keyboard is: the global keys apply in every context beneath its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Today,
    Portfolio,
    Renewals,
    /// The Stakeholders pane's list of accounts with gaps.
    Stakeholders,
    /// One account's stakeholder map.
    Map,
    Tasks,
    Team,
    Onboarding,
    Expansion,
    Advocacy,
    /// An account's detail.
    Account,
    /// QBR prep for an account.
    Qbr,
}

impl Context {
    pub const ALL: [Context; 13] = [
        Context::Global,
        Context::Today,
        Context::Portfolio,
        Context::Renewals,
        Context::Stakeholders,
        Context::Map,
        Context::Tasks,
        Context::Team,
        Context::Expansion,
        Context::Onboarding,
        Context::Advocacy,
        Context::Account,
        Context::Qbr,
    ];

    /// The context's table in the config: `[keys.<name>]`.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Today => "today",
            Context::Portfolio => "portfolio",
            Context::Renewals => "renewals",
            Context::Stakeholders => "stakeholders",
            Context::Map => "map",
            Context::Tasks => "tasks",
            Context::Team => "team",
            Context::Onboarding => "onboarding",
            Context::Advocacy => "advocacy",
            Context::Expansion => "expansion",
            Context::Account => "account",
            Context::Qbr => "qbr",
        }
    }

    /// How the help titles the context's keys.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Today => "Today",
            Context::Portfolio => "Portfolio",
            Context::Renewals => "Renewals",
            Context::Stakeholders => "Stakeholders",
            Context::Map => "Stakeholder map",
            Context::Tasks => "Tasks",
            Context::Team => "Team",
            Context::Onboarding => "Onboarding",
            Context::Advocacy => "Advocacy",
            Context::Expansion => "Expansion",
            Context::Account => "Account",
            Context::Qbr => "QBR prep",
        }
    }
}

/// One action with its keys and the words for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub action: Action,
    /// The action's name in the config.
    pub name: &'static str,
    pub description: &'static str,
    /// The short word in the status bar, for the actions that appear there.
    pub hint: Option<&'static str>,
    pub keys: Vec<Key>,
}

impl Binding {
    pub fn new(
        action: Action,
        name: &'static str,
        description: &'static str,
        hint: Option<&'static str>,
        keys: &[Key],
    ) -> Binding {
        Binding {
            action,
            name,
            description,
            hint,
            keys: keys.to_vec(),
        }
    }
}

/// Every context's bindings.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    contexts: Vec<(Context, Vec<Binding>)>,
}

/// Ctrl-c quits from anywhere, whatever the config says.
pub const ALWAYS_QUIT: Key = Key::ctrl('c');

impl Keymap {
    /// The bindings csm ships with.
    pub fn defaults() -> Keymap {
        Keymap {
            contexts: defaults::all(),
        }
    }

    /// The defaults with the config's rebindings applied. Refuses an unknown context or
    /// action, a key csm cannot read, and a key that would mean two things in one
    /// context, naming the place in the file.
    pub fn from_config(config: &Config) -> Result<Keymap, String> {
        let mut map = Keymap::defaults();
        // The flat `[keys]` first, then the tables, so a table has the last word.
        for (name, entry) in &config.keys {
            let at = config.locate(entry.span().start);
            if let KeyEntry::Keys(keys) = entry.get_ref() {
                let mut found = false;
                for (_, bindings) in &mut map.contexts {
                    if let Some(b) = bindings.iter_mut().find(|b| b.name == name) {
                        b.keys = parse_keys(name, keys, &at)?;
                        found = true;
                    }
                }
                if !found {
                    return Err(format!(
                        "{at}: `{name}` is not an action; expected one of {}",
                        map.names(None).join(", ")
                    ));
                }
            }
        }
        for (table, entry) in &config.keys {
            let KeyEntry::Table(actions) = entry.get_ref() else {
                continue;
            };
            let table_at = entry.span().start;
            let Some(context) = Context::ALL.iter().find(|c| c.name() == table) else {
                let names: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
                return Err(format!(
                    "{}: `[keys.{table}]` is not a place in the cockpit; expected one of {}",
                    config.locate(table_at),
                    names.join(", ")
                ));
            };
            for (name, keys) in actions {
                let at = config.locate(config.find_after(table_at, name).unwrap_or(table_at));
                let names = map.names(Some(*context));
                let Some(b) = map
                    .bindings_mut(*context)
                    .iter_mut()
                    .find(|b| b.name == name)
                else {
                    return Err(format!(
                        "{at}: `{name}` is not an action of [keys.{table}]; expected one of {}",
                        names.join(", ")
                    ));
                };
                b.keys = parse_keys(name, keys, &at)?;
            }
        }
        map.check_clashes().map_err(|(key, a, b, context)| {
            let at = [a, b]
                .iter()
                .find_map(|n| {
                    config.keys.get(*n).map(|e| e.span().start).or_else(|| {
                        let table = config.keys.get(context.name())?;
                        config.find_after(table.span().start, n)
                    })
                })
                .map(|offset| format!("{}: ", config.locate(offset)))
                .unwrap_or_default();
            let place = if context == Context::Global {
                "everywhere".to_string()
            } else {
                format!("on {}", context.title())
            };
            format!(
                "{at}`{key}` is bound to both `{a}` and `{b}` {place}: give one of them another key"
            )
        })?;
        Ok(map)
    }

    /// The first clash: a key bound to two actions in one context, the global keys
    /// counted in every context.
    fn check_clashes(&self) -> Result<(), (Key, &'static str, &'static str, Context)> {
        for (context, _) in &self.contexts {
            let mut seen: Vec<&Binding> = self.bindings(*context).iter().collect();
            if *context != Context::Global {
                seen.extend(self.bindings(Context::Global));
            }
            for (i, a) in seen.iter().enumerate() {
                for b in &seen[i + 1..] {
                    if let Some(key) = a.keys.iter().find(|k| b.keys.contains(k)) {
                        return Err((*key, a.name, b.name, *context));
                    }
                }
            }
        }
        Ok(())
    }

    fn names(&self, context: Option<Context>) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self
            .contexts
            .iter()
            .filter(|(c, _)| context.is_none_or(|want| want == *c))
            .flat_map(|(_, bs)| bs.iter().map(|b| b.name))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// A context's own bindings (not the global ones).
    pub fn bindings(&self, context: Context) -> &[Binding] {
        self.contexts
            .iter()
            .find(|(c, _)| *c == context)
            .map(|(_, b)| b.as_slice())
            .unwrap_or(&[])
    }

    fn bindings_mut(&mut self, context: Context) -> &mut Vec<Binding> {
        let i = self
            .contexts
            .iter()
            .position(|(c, _)| *c == context)
            .expect("every context has a list of bindings");
        &mut self.contexts[i].1
    }

    /// The action a key asks for in a context: the context's own keys, then the global
    /// ones.
    pub fn action_for(&self, context: Context, key: Key) -> Option<Action> {
        if key == ALWAYS_QUIT {
            return Some(Action::Quit);
        }
        [context, Context::Global]
            .iter()
            .flat_map(|c| self.bindings(*c))
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// The binding of an action in a context, or globally.
    fn binding(&self, context: Context, action: Action) -> Option<&Binding> {
        [context, Context::Global]
            .iter()
            .flat_map(|c| self.bindings(*c))
            .find(|b| b.action == action)
    }

    /// The keys of an action as shown to a person: `j/↓`.
    pub fn keys_label(&self, context: Context, action: Action) -> String {
        self.binding(context, action)
            .map(|b| {
                b.keys
                    .iter()
                    .map(Key::to_string)
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default()
    }

    /// The first key of an action, for hints and sentences ("t logs one").
    pub fn key(&self, context: Context, action: Action) -> String {
        self.binding(context, action)
            .and_then(|b| b.keys.first())
            .map(Key::to_string)
            .unwrap_or_default()
    }

    /// The status-bar hints of a context, in order: moving, opening (on a list), the
    /// context's own, then the global ones worth showing there.
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        let list = !matches!(context, Context::Account | Context::Qbr | Context::Map);
        let first = |action| self.key(context, action);
        let mut hints = vec![(
            format!("{}/{}", first(Action::Down), first(Action::Up)),
            "move",
        )];
        if list {
            hints.push((first(Action::Open), "open"));
        }
        let shown = |b: &&Binding| match b.action {
            Action::Open => false,
            Action::Narrow => list,
            Action::Back => !list,
            _ => true,
        };
        let own = self.bindings(context).iter();
        let global = self.bindings(Context::Global).iter().filter(shown);
        hints.extend(own.chain(global).filter_map(|b| {
            let key = b.keys.first()?.to_string();
            b.hint.map(|h| (key, h))
        }));
        hints
    }
}

fn parse_keys(name: &str, keys: &KeyList, at: &str) -> Result<Vec<Key>, String> {
    let parsed: Result<Vec<Key>, String> = keys.keys().into_iter().map(Key::parse).collect();
    let parsed = parsed.map_err(|e| format!("{at}: {e}"))?;
    if parsed.is_empty() {
        return Err(format!("{at}: `{name}` needs at least one key"));
    }
    if parsed.contains(&ALWAYS_QUIT) {
        return Err(format!(
            "{at}: Ctrl-c always quits and cannot be bound to `{name}`"
        ));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests;
