//! The Team pane, the manager's review: a row per CSM and the team total. Enter drills
//! into one CSM's portfolio (the Portfolio pane showing only their accounts); Esc there
//! comes back to the team. Beneath the table, the forecast review of this quarter and
//! the next. `m` turns the table into the Metrics view: the pictures over time of the
//! book of the CSM selected (or the team's), and Up/Down pick another CSM there.

mod forecast;
mod keys;
mod list;
pub mod metrics;
mod view;

pub use keys::keys;
pub use list::TeamList;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Room;
use crate::book::Book;
use crate::book::forecast_review::QuarterReview;
use crate::book::team::TeamRow;
use crate::domain::renewal::ForecastLane;
use crate::tui::action::Action;
use crate::tui::context::{Ask, Ctx};
use crate::tui::events::{Event, read_on_the_side};
use crate::tui::keys::Context;
use crate::tui::panes::renewals::Drill;

/// What a read of the team found: a row per CSM, and the forecast review of this
/// quarter and the next.
pub struct TeamFound {
    pub rows: Vec<TeamRow>,
    pub review: Box<[QuarterReview; 2]>,
}

#[derive(Default)]
pub struct TeamRoom {
    /// This quarter's and next quarter's forecast review, from the latest read.
    pub review: Option<Box<[QuarterReview; 2]>>,
    /// Read from the book the first time the pane is shown (or warmed before).
    pub list: Option<TeamList>,
    /// A read of the team is under way in the background.
    pub reading: bool,
    /// That read runs behind the screen (a warm read, or one after a change): the pane
    /// shown without figures reads at the screen's priority instead.
    behind: bool,
    /// The list holds the figures kept from the last time, worked out for this day,
    /// until the fresh ones land.
    pub kept_on: Option<chrono::NaiveDate>,
    /// Numbers the reads: only the latest one asked for is taken.
    read: u64,
    /// The Metrics view, and the pictures' figures it shows.
    pub metrics: metrics::Metrics,
    /// A read of the pictures' figures is under way.
    pub reading_trends: bool,
    /// The figures shown are from before the book last changed.
    trends_stale: bool,
    /// Numbers the reads of the pictures: only the latest one asked for is taken.
    trends_read: u64,
    /// The forecast review's selected cell, counted across this quarter's columns (the
    /// ARR due, then each lane) and on into next quarter's: `r` lists its renewals.
    pub cell: usize,
}

/// The forecast review's columns a cell can be in: the ARR due, then each lane.
const COLUMNS: usize = 1 + ForecastLane::ALL.len();

/// Which quarter (0: this one) and which lane (None: all due) a cell is.
pub fn cell_of(cell: usize) -> (usize, Option<ForecastLane>) {
    let column = cell % COLUMNS;
    (
        cell / COLUMNS,
        column.checked_sub(1).map(|i| ForecastLane::ALL[i]),
    )
}

impl TeamRoom {
    /// Reads the team's figures: on a connection of its own when the book is a file and
    /// the loop is running (what is shown stays usable meanwhile and the result comes
    /// back on the loop's queue), else at once.
    pub fn load(&mut self, cx: &mut Ctx) {
        self.read_at(cx, true);
    }

    /// [`TeamRoom::load`], behind the screen or (`on_screen`) at the loop's priority.
    fn read_at(&mut self, cx: &mut Ctx, on_screen: bool) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        self.read += 1;
        let read = self.read;
        let (today_rules, rules, today) = (cx.today_rules.clone(), cx.rules.clone(), cx.today);
        let work = move |b: &Book| {
            let rows = b
                .team(&today_rules, &rules, today)
                .map_err(|e| e.to_string())?;
            let review = b
                .forecast_review(&rules, today)
                .map_err(|e| e.to_string())?;
            Ok(TeamFound {
                rows,
                review: Box::new(review),
            })
        };
        let event = move |rows| Event::Team(read, rows);
        match read_on_the_side(book, cx.events.as_ref(), work, event, !on_screen) {
            Some(rows) => self.take(read, rows, cx),
            None => (self.reading, self.behind) = (true, !on_screen),
        }
    }

    /// Whose pictures the Metrics view is for: the selected CSM's, or the team's on
    /// the team's line.
    fn whose(&self) -> Option<String> {
        let row = self.list.as_ref()?.selected()?;
        row.owner_id.map(|_| row.name.clone())
    }

    /// Reads the pictures' figures for the CSM selected, unless those shown are theirs
    /// and current: at the screen's priority, the view being on screen.
    fn read_trends(&mut self, cx: &mut Ctx) {
        let whose = self.whose();
        let current = self
            .metrics
            .trends
            .as_ref()
            .is_some_and(|t| t.owner == whose && t.as_of == cx.today);
        if current && !self.trends_stale {
            return;
        }
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        self.trends_read += 1;
        self.trends_stale = false;
        let read = self.trends_read;
        let (today_rules, targets, today) = (cx.today_rules.clone(), cx.targets, cx.today);
        let work = move |b: &Book| {
            b.trends(&today_rules, targets, whose.as_deref(), today)
                .map(Box::new)
                .map_err(|e| e.to_string())
        };
        let event = move |found| Event::Trends(read, found);
        match read_on_the_side(book, cx.events.as_ref(), work, event, false) {
            Some(found) => self.take_trends(read, found, cx),
            None => self.reading_trends = true,
        }
    }

    /// Takes the pictures' figures, if from the latest read asked for.
    pub fn take_trends(
        &mut self,
        read: u64,
        found: Result<Box<crate::domain::trends::Trends>, String>,
        cx: &mut Ctx,
    ) {
        if read != self.trends_read {
            return;
        }
        self.reading_trends = false;
        match found {
            Ok(t) => self.metrics.take(t),
            Err(e) => cx.say(format!("could not read the team's pictures: {e}")),
        }
    }

    /// Lists the renewals behind the selected cell, of the selected CSM (everyone's on
    /// the team's line), in the Renewals pane.
    fn drill_into_cell(&self, cx: &mut Ctx) -> bool {
        let Some(review) = self.review.as_ref() else {
            return false;
        };
        let (quarter, lane) = cell_of(self.cell);
        let quarter = review[quarter].quarter;
        let owner = self.whose();
        let label = format!(
            "{} · {}",
            quarter.name(),
            lane.map_or("all due", |l| l.label())
        );
        cx.ask(Ask::DrillIntoRenewals(
            owner,
            Box::new(Drill {
                from: quarter.start,
                to: quarter.end,
                lane,
                label,
            }),
        ));
        true
    }

    /// The keys of the Metrics view: the pictures' own, and Up/Down pick another CSM.
    fn handle_metrics(&mut self, action: Action, cx: &mut Ctx) -> bool {
        match action {
            Action::Metrics | Action::Back => self.metrics.shown = false,
            Action::NextChart => self.metrics.picture = self.metrics.picture.next(),
            Action::EarlierPoint => self.metrics.step(-1),
            Action::LaterPoint => self.metrics.step(1),
            _ => {
                let Some(list) = self.list.as_mut() else {
                    return false;
                };
                let len = list.len();
                if !list.cursor.apply(action, len, cx.viewport) {
                    return false;
                }
                self.read_trends(cx);
            }
        }
        true
    }

    /// Reads the team in the background before it is first shown, so that it is there
    /// when asked for.
    pub fn warm(&mut self, cx: &mut Ctx) {
        if self.list.is_none() && !self.reading && cx.events.is_some() {
            self.read_at(cx, false);
        }
    }

    /// Takes the team's figures, if they are from the latest read asked for, keeping the
    /// cursor and what narrows them; the first time, the cursor is on the user's own line.
    pub fn take(&mut self, read: u64, found: Result<TeamFound, String>, cx: &mut Ctx) {
        if read != self.read {
            return;
        }
        self.reading = false;
        self.kept_on = None;
        let rows = found.map(|f| {
            // Kept for next week's review to say what moved, if the book is free.
            if let Some(book) = cx.book.as_mut() {
                let kept = crate::book::forecast_kept::KeptReview::of(cx.today, &f.review[..]);
                let _ = book.keep_review(kept);
            }
            self.review = Some(f.review);
            f.rows
        });
        // Kept for the next opening to show at once, if the book is free this moment
        // (never waited for: they are worked out again anyway).
        if let (Ok(rows), Some(book)) = (&rows, cx.book.as_mut()) {
            let _ = book.keep_team(cx.today, rows);
        }
        self.put(rows, cx);
    }

    /// Shows the figures kept from the last time they were worked out, if any, until
    /// the fresh ones land.
    fn show_kept(&mut self, cx: &mut Ctx) {
        let Some(book) = cx.book.as_ref() else {
            return;
        };
        if let Ok(Some(kept)) = book.kept_team() {
            self.kept_on = Some(kept.as_of);
            self.put(Ok(kept.rows), cx);
        }
    }

    fn put(&mut self, rows: Result<Vec<TeamRow>, String>, cx: &mut Ctx) {
        match rows {
            Ok(rows) => {
                let first = self.list.is_none();
                let (mut cursor, text) = self
                    .list
                    .as_ref()
                    .map(|t| (t.cursor, t.text().to_string()))
                    .unwrap_or_default();
                // The first time, on the user's own line.
                if first
                    && let Some(at) = cx
                        .me
                        .as_deref()
                        .and_then(|me| rows.iter().position(|r| r.name == me))
                {
                    cursor.selected = at;
                }
                let mut list = TeamList::new(rows);
                if !text.is_empty() {
                    list.narrow(&text, cx.viewport);
                }
                list.cursor = cursor;
                let len = list.len();
                list.cursor.keep_in_view(len, cx.viewport);
                self.list = Some(list);
            }
            Err(e) => cx.say(format!("could not read the team: {e}")),
        }
    }
}

impl Room for TeamRoom {
    fn context(&self) -> Context {
        Context::Team
    }

    fn handle(&mut self, action: Action, cx: &mut Ctx) -> bool {
        if self.metrics.shown && self.handle_metrics(action, cx) {
            return true;
        }
        if action == Action::Metrics {
            self.metrics.shown = true;
            self.read_trends(cx);
            return true;
        }
        let Some(list) = self.list.as_mut() else {
            return false;
        };
        let len = list.len();
        if list.cursor.apply(action, len, cx.viewport) {
            return true;
        }
        match action {
            Action::Open => match list.selected() {
                Some(r) => cx.ask(Ask::DrillIntoOwner(r.owner_id)),
                None => return false,
            },
            Action::EarlierPoint => self.cell = self.cell.saturating_sub(1),
            Action::LaterPoint => self.cell = (self.cell + 1).min(2 * COLUMNS - 1),
            Action::DrillRenewals => return self.drill_into_cell(cx),
            Action::Back if !list.text().is_empty() => list.narrow("", cx.viewport),
            _ => return false,
        }
        true
    }

    fn first_row(&self) -> Option<u16> {
        Some(5)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Ctx) -> usize {
        view::draw(frame, area, self, cx)
    }

    fn show(&mut self, cx: &mut Ctx, stale: bool) {
        // Shown without figures while a read runs behind the screen (which the other
        // panes' reads may hold up): the figures kept from the last time, and a read at
        // the screen's priority.
        if (self.list.is_none() && (!self.reading || self.behind)) || stale {
            if self.list.is_none() {
                self.show_kept(cx);
            }
            self.load(cx);
        }
        self.trends_stale |= stale;
        if self.metrics.shown {
            self.read_trends(cx);
        }
    }

    fn reload(&mut self, cx: &mut Ctx) {
        if self.list.is_some() {
            self.read_at(cx, false);
        }
        self.trends_stale = true;
        if self.metrics.shown {
            self.read_trends(cx);
        }
    }

    fn narrow(&mut self, text: &str, cx: &Ctx) -> bool {
        if let Some(list) = self.list.as_mut() {
            list.narrow(text, cx.viewport);
        }
        true
    }

    fn narrowed(&self) -> Option<(String, usize)> {
        self.list.as_ref().map(|l| (l.text().to_string(), l.len()))
    }
}
