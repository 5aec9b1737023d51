//! The status bar: the keys that matter now, read from the keymap, or the filter being typed.

use ratatui::text::{Line, Span};

use crate::tui::action::Action;
use crate::tui::app::{App, Mode};
use crate::tui::pane::Pane;

pub fn line(app: &App) -> Line<'static> {
    let t = &app.theme;
    let key = |k: String| Span::styled(k, t.key());
    let word = |w: &str| Span::raw(format!(" {w}  "));
    let mut spans = vec![Span::raw(" ")];
    if app.mode != Mode::Prompt {
        if let Some(note) = &app.message {
            spans.push(Span::styled(format!("{note}   "), t.header()));
        } else if app.recomputing {
            spans.push(Span::styled("recomputing health…   ", t.dim()));
        }
    }
    match app.mode {
        Mode::Filter => {
            let (text, shown) = match (app.pane, &app.tasks) {
                (Pane::Tasks, Some(list)) => (list.text().to_string(), list.shown()),
                _ => (app.portfolio.filter().to_string(), app.portfolio.shown()),
            };
            spans.push(Span::styled("Filter: ", t.header()));
            spans.push(Span::raw(text));
            spans.push(Span::styled("▏", t.key()));
            spans.push(Span::raw(format!("  {shown} shown   ")));
            spans.extend([
                key("Enter".into()),
                word("keep"),
                key("Esc".into()),
                word("clear"),
            ]);
            spans.extend([key("Ctrl-u".into()), word("erase")]);
        }
        Mode::Help => {
            spans.extend([key("any key".into()), word("close help")]);
        }
        Mode::Prompt => {
            if let Some(p) = &app.prompt {
                spans.push(Span::styled(format!("{} ", p.question()), t.header()));
                spans.push(Span::raw(p.input.clone()));
                spans.push(Span::styled("▏", t.key()));
                if let Some(why) = &p.error {
                    spans.push(Span::styled(format!("  {why}"), t.bad()));
                } else {
                    spans.extend([
                        key("  Enter".into()),
                        word("next"),
                        key("Esc".into()),
                        word("cancel"),
                    ]);
                }
            }
        }
        Mode::Brief => {
            spans.extend([
                key(format!(
                    "{}/{}",
                    app.keymap.first_key(Action::MoveDown),
                    app.keymap.first_key(Action::MoveUp)
                )),
                word("scroll"),
                key(app.keymap.first_key(Action::SetOverride)),
                word("update a goal"),
                key(app.keymap.first_key(Action::AddContact)),
                word("add a goal"),
                key(app.keymap.first_key(Action::WriteBrief)),
                word("write the brief, log the QBR"),
                key("Esc".into()),
                word("back"),
            ]);
        }
        Mode::Account => {
            spans.extend([key(app.keymap.first_key(Action::Back)), word("back")]);
            spans.extend([
                key(app.keymap.first_key(Action::SetOverride)),
                word("override"),
            ]);
            spans.extend([
                key(app.keymap.first_key(Action::ClearOverride)),
                word("clear override"),
            ]);
            spans.extend([
                key(app.keymap.first_key(Action::LogTouch)),
                word("log touch"),
            ]);
            spans.extend([key(app.keymap.first_key(Action::QbrPrep)), word("QBR prep")]);
            spans.extend([key(app.keymap.first_key(Action::Quit)), word("quit")]);
        }
        Mode::Browse if pane_hints(app).is_some() => {
            spans.extend([
                key(format!(
                    "{}/{}",
                    app.keymap.first_key(Action::MoveDown),
                    app.keymap.first_key(Action::MoveUp)
                )),
                word("move"),
            ]);
            for (action, what) in pane_hints(app).unwrap_or_default() {
                spans.extend([key(app.keymap.first_key(*action)), word(what)]);
            }
        }
        Mode::Browse => {
            for (i, (keys, what)) in app.keymap.hints().into_iter().enumerate() {
                spans.push(key(keys));
                spans.push(word(what));
                if i == 0 {
                    // After moving, opening.
                    spans.push(key(app.keymap.first_key(Action::Open)));
                    spans.push(word("open"));
                }
            }
        }
    }
    Line::from(spans)
}

/// The keys worth showing on a pane with its own, in order; None for the Portfolio and
/// Team panes, whose hints come from the keymap.
fn pane_hints(app: &App) -> Option<&'static [(Action, &'static str)]> {
    let in_map = app.stakeholders.as_ref().is_some_and(|p| p.map.is_some());
    Some(match app.pane {
        Pane::Today => &[
            (Action::Open, "open"),
            (Action::TaskDone, "done/dismiss"),
            (Action::SnoozeTask, "snooze"),
            (Action::LogTouch, "touch"),
            (Action::SetForecast, "forecast"),
            (Action::CycleOwner, "whose"),
            (Action::NextPane, "pane"),
            (Action::ToggleHelp, "help"),
            (Action::Quit, "quit"),
        ],
        Pane::Tasks => &[
            (Action::Open, "open"),
            (Action::TaskDone, "done"),
            (Action::LogTouch, "log touch"),
            (Action::SnoozeTask, "snooze"),
            (Action::Reassign, "reassign"),
            (Action::AddContact, "add"),
            (Action::CycleOwner, "owner"),
            (Action::CyclePlaybook, "playbook"),
            (Action::StartFilter, "filter"),
            (Action::Quit, "quit"),
        ],
        Pane::Stakeholders if in_map => &[
            (Action::LogTouch, "log touch"),
            (Action::SetOverride, "edit"),
            (Action::AddContact, "add"),
            (Action::MarkLeft, "left company"),
            (Action::Back, "back"),
            (Action::Quit, "quit"),
        ],
        Pane::Stakeholders => &[
            (Action::Open, "open map"),
            (Action::NextPane, "pane"),
            (Action::ToggleHelp, "help"),
            (Action::Quit, "quit"),
        ],
        Pane::Renewals => &[
            (Action::Open, "open"),
            (Action::MarkStep, "step done"),
            (Action::SetForecast, "forecast"),
            (Action::SetOutcome, "outcome"),
            (Action::CycleWindow, "window"),
            (Action::CycleOwner, "owner"),
            (Action::NextPane, "pane"),
            (Action::ToggleHelp, "help"),
            (Action::Quit, "quit"),
        ],
        Pane::Portfolio | Pane::Team => return None,
    })
}
