//! Everything a person can ask the cockpit to do, as values, each named for what it
//! does: keys, clicks and palette commands become actions, and the room on top of the
//! screen (or the app, for the global ones) is the one place an action changes state.

use super::pane::Pane;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    // Anywhere.
    Quit,
    Help,
    /// Jump to an account, pane, person or command by typing part of its name.
    Palette,
    /// Undo this person's last change to the book.
    Undo,
    /// Redo the change undone last.
    Redo,
    /// Show the conflicts the team book's syncs met, to keep yours or theirs.
    Conflicts,
    NextPane,
    PrevPane,
    GoTo(Pane),
    /// Close what is open, or clear what narrows the list.
    Back,
    /// Narrow the list by typing.
    Narrow,
    Down,
    Up,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Open,
    // From the mouse.
    /// Select a row of the current list, counted from the first shown.
    SelectRow(usize),
    ScrollDown,
    ScrollUp,
    // Portfolio.
    Sort,
    /// The next owner's rows (or queue), then everyone's.
    NextOwner,
    NextSegment,
    NextBand,
    // Today.
    /// Show an account's items under its row.
    Expand,
    /// Fold an account's items back into its row.
    Collapse,
    /// Between one row per account and every item in one list.
    FlatList,
    // Today, Tasks, Renewals.
    /// Today: a task is done; any other item is dismissed until something new happens.
    DoneOrDismiss,
    /// Put the selected item or task away until a day, with a reason.
    Snooze,
    LogTouch,
    /// Tick the selected renewal's next motion step.
    TickStep,
    /// Untick the step ticked last.
    UntickStep,
    SetForecast,
    RecordOutcome,
    NextWindow,
    // Stakeholder map.
    EditContact,
    AddContact,
    ContactLeft,
    // Tasks.
    MarkDone,
    Reassign,
    AddTask,
    NextPlaybook,
    // Onboarding.
    /// Tick a milestone of the selected account's program.
    TickMilestone,
    /// Move an account whose program is complete on to adoption.
    Graduate,
    // Advocacy.
    /// Type a reference request: industry, segment, use case, by when.
    NewRequest,
    /// Ask the selected person to be a reference.
    AskReference,
    /// Their awaited ask was given.
    AskGiven,
    /// Their awaited ask was declined.
    AskDeclined,
    // Expansion.
    /// Open an opportunity: from the selected signal, or on the selected deal's account.
    OpenOpportunity,
    /// Move the selected opportunity to its next stage.
    AdvanceDeal,
    WinDeal,
    LoseDeal,
    // Team.
    /// Between the team's table and its pictures over time.
    Metrics,
    /// The next picture: the one whose points the arrows move along.
    NextChart,
    /// The selected point one period earlier.
    EarlierPoint,
    /// The selected point one period later.
    LaterPoint,
    /// The renewals behind the forecast review's selected cell, in the Renewals pane.
    DrillRenewals,
    // Account detail.
    OverrideHealth,
    ClearOverride,
    QbrPrep,
    // QBR prep.
    UpdateGoal,
    AddGoal,
    /// Write the brief on screen beside the book, noted on the timeline as prepared.
    WriteBrief,
    /// Switch the brief between the internal and the customer version.
    SwitchAudience,
    /// Log the QBR as held today: a QBR touch.
    QbrHeld,
}
