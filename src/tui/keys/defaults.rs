//! The keys csm ships with, context by context: the global ones (moving, panes, help,
//! the palette, undo) and each room's own. A letter may mean one thing on Today and
//! another on Tasks; within a context, and against the global keys, it means one thing.

use ratatui::crossterm::event::KeyCode::*;

use super::{Binding, Context, Key};
use crate::tui::action::Action;
use crate::tui::pane::Pane;

fn b(
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

/// Every context's bindings, in the order the help lists them.
pub fn all() -> Vec<(Context, Vec<Binding>)> {
    Context::ALL.iter().map(|c| (*c, of(*c))).collect()
}

fn of(context: Context) -> Vec<Binding> {
    use Action as A;
    match context {
        Context::Global => global(),
        Context::Today => vec![
            b(
                A::DoneOrDismiss,
                "done_or_dismiss",
                "Done, or dismiss till news",
                Some("done/dismiss"),
                &[Key::ch('d')],
            ),
            b(
                A::Snooze,
                "snooze",
                "Snooze to a day, with why",
                Some("snooze"),
                &[Key::ch('z')],
            ),
            b(
                A::LogTouch,
                "log_touch",
                "Log a touch",
                Some("touch"),
                &[Key::ch('t')],
            ),
            b(
                A::TickStep,
                "tick_step",
                "Tick the next motion step",
                None,
                &[Key::ch('x')],
            ),
            b(
                A::SetForecast,
                "forecast",
                "Set the renewal's forecast",
                Some("forecast"),
                &[Key::ch('f')],
            ),
            b(
                A::NextOwner,
                "owner",
                "Whose queue: next CSM, team",
                Some("whose"),
                &[Key::ch('o')],
            ),
        ],
        Context::Portfolio => vec![
            b(
                A::Sort,
                "sort",
                "Sort by the next column",
                Some("sort"),
                &[Key::ch('s')],
            ),
            b(
                A::NextOwner,
                "owner",
                "Next owner's accounts, all",
                Some("owner"),
                &[Key::ch('o')],
            ),
            b(
                A::NextBand,
                "band",
                "Red, yellow, green, then all",
                Some("band"),
                &[Key::ch('b')],
            ),
            b(
                A::NextSegment,
                "segment",
                "One segment, the next, all",
                None,
                &[Key::ch('m')],
            ),
        ],
        Context::Renewals => vec![
            b(
                A::TickStep,
                "tick_step",
                "Tick the next motion step",
                Some("step done"),
                &[Key::ch('x')],
            ),
            b(
                A::UntickStep,
                "untick_step",
                "Untick the last step",
                None,
                &[Key::ch('X')],
            ),
            b(
                A::SetForecast,
                "forecast",
                "Set the forecast",
                Some("forecast"),
                &[Key::ch('f')],
            ),
            b(
                A::RecordOutcome,
                "outcome",
                "Record the outcome",
                Some("outcome"),
                &[Key::ch('O')],
            ),
            b(
                A::NextWindow,
                "window",
                "One window, next, 120 days",
                Some("window"),
                &[Key::ch('w')],
            ),
            b(
                A::NextOwner,
                "owner",
                "Next owner's renewals, all",
                Some("owner"),
                &[Key::ch('o')],
            ),
        ],
        Context::Stakeholders => vec![],
        Context::Map => vec![
            b(
                A::LogTouch,
                "log_touch",
                "Log a touch with them",
                Some("log touch"),
                &[Key::ch('t')],
            ),
            b(
                A::EditContact,
                "edit_contact",
                "Role, sentiment, influence",
                Some("edit"),
                &[Key::ch('e')],
            ),
            b(
                A::AddContact,
                "add_contact",
                "Add a contact",
                Some("add"),
                &[Key::ch('a')],
            ),
            b(
                A::ContactLeft,
                "left_company",
                "They left the customer",
                Some("left company"),
                &[Key::ch('L')],
            ),
        ],
        Context::Tasks => vec![
            b(
                A::MarkDone,
                "done",
                "The task is done",
                Some("done"),
                &[Key::ch('d')],
            ),
            b(
                A::LogTouch,
                "log_touch",
                "Log the touch it was about",
                Some("log touch"),
                &[Key::ch('t')],
            ),
            b(
                A::Snooze,
                "snooze",
                "Snooze to a day, with why",
                Some("snooze"),
                &[Key::ch('z')],
            ),
            b(
                A::Reassign,
                "reassign",
                "Give it to someone else",
                Some("reassign"),
                &[Key::ch('r')],
            ),
            b(
                A::AddTask,
                "add_task",
                "Add a task on the account",
                Some("add"),
                &[Key::ch('a')],
            ),
            b(
                A::NextOwner,
                "owner",
                "Next owner's tasks, all",
                Some("owner"),
                &[Key::ch('o')],
            ),
            b(
                A::NextPlaybook,
                "playbook",
                "One playbook's, next, all",
                Some("playbook"),
                &[Key::ch('p')],
            ),
        ],
        Context::Team => vec![],
        Context::Account => vec![
            b(
                A::OverrideHealth,
                "override",
                "Override score or band",
                Some("override"),
                &[Key::ch('e')],
            ),
            b(
                A::ClearOverride,
                "clear_override",
                "Clear the override",
                Some("clear override"),
                &[Key::ch('c')],
            ),
            b(
                A::LogTouch,
                "log_touch",
                "Log a call, email, QBR...",
                Some("log touch"),
                &[Key::ch('t')],
            ),
            b(
                A::QbrPrep,
                "qbr_prep",
                "Prepare the QBR",
                Some("QBR prep"),
                &[Key::ch('Q')],
            ),
        ],
        Context::Qbr => vec![
            b(
                A::UpdateGoal,
                "update_goal",
                "Update a goal",
                Some("update a goal"),
                &[Key::ch('e')],
            ),
            b(
                A::AddGoal,
                "add_goal",
                "Add a goal",
                Some("add a goal"),
                &[Key::ch('a')],
            ),
            b(
                A::WriteBrief,
                "write_brief",
                "Write the brief, log the QBR",
                Some("write the brief, log the QBR"),
                &[Key::ch('W')],
            ),
        ],
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
    const NAMES: [&str; 6] = [
        "pane_today",
        "pane_portfolio",
        "pane_renewals",
        "pane_stakeholders",
        "pane_tasks",
        "pane_team",
    ];
    const WORDS: [&str; 6] = [
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
            A::GoTo(*pane),
            NAMES[i],
            WORDS[i],
            None,
            &[Key::ch(digit)],
        ));
    }
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
