//! Everything a person can ask the cockpit to do, as values: keys and clicks become
//! actions, and `App::update` is the only place actions change state.

use super::pane::Pane;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    ToggleHelp,
    NextPane,
    PrevPane,
    GoTo(Pane),
    MoveDown,
    MoveUp,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Open,
    Back,
    StartFilter,
    CycleSort,
    /// While typing a filter: a character, including ones bound elsewhere (`q`).
    FilterInput(char),
    FilterBackspace,
    FilterClear,
    /// Keep the filter and go back to moving through the list.
    FilterAccept,
    /// Drop the filter.
    FilterCancel,
    /// Select a row of the current list, counted from the first shown.
    SelectVisibleRow(usize),
    ScrollDown,
    ScrollUp,
    /// Portfolio: the next owner's accounts only, then everyone's.
    CycleOwner,
    /// Portfolio: one segment at a time, then all.
    CycleSegment,
    /// Portfolio: red only, yellow, green, then all.
    CycleBand,
    /// Account detail: override the health score or band.
    SetOverride,
    /// Account detail: clear the override, back to the computed score.
    ClearOverride,
    /// Account detail: log a call, email, meeting, QBR or note.
    LogTouch,
    /// Renewals: tick the selected renewal's next motion step.
    MarkStep,
    /// Renewals: untick the step ticked last.
    UnmarkStep,
    /// Renewals: set the selected renewal's forecast.
    SetForecast,
    /// Renewals: record what the selected renewal did.
    SetOutcome,
    /// Renewals: one window at a time, then the next 120 days.
    CycleWindow,
    /// Stakeholder map: add a contact.
    AddContact,
    /// Stakeholder map: the selected contact left the customer.
    MarkLeft,
    /// Tasks: the selected task is done.
    TaskDone,
    /// Tasks: put the selected task away until a day, with a reason.
    SnoozeTask,
    /// Tasks: give the selected task to someone else.
    Reassign,
    /// Tasks: one playbook's tasks at a time, then all.
    CyclePlaybook,
    /// Account detail: prepare the QBR (checklist, the brief, write it).
    QbrPrep,
    /// QBR prep: write the brief to a file and log the QBR.
    WriteBrief,
}
