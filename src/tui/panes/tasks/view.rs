//! The Tasks pane: open tasks grouped Overdue, Today, This week and Later, each with its
//! due date, priority, account, title, playbook and owner.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use chrono::{Duration, NaiveDate};

use super::TasksRoom;
use super::list::TaskList;
use crate::domain::due::due_group;
use crate::domain::vocab::Priority;
use crate::text::clip;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keys::Context;

/// Draws the pane; returns how many rows it has room for.
pub fn draw(frame: &mut Frame, area: Rect, room: &TasksRoom, cx: &Ctx) -> usize {
    let t = &cx.theme;
    let Some(list) = &room.list else {
        frame.render_widget(Paragraph::new("No book is open.").style(t.dim()), area);
        return 1;
    };
    let counted = match (list.is_partial(), room.reading) {
        // Counts over the first tasks alone would mislead.
        (true, true) => "the soonest due, reading the rest…".to_string(),
        (true, false) => "the soonest due only: the rest could not be read".to_string(),
        (false, _) => format!(
            "{} open · {} overdue",
            list.shown(),
            list.due_before(cx.today)
        ),
    };
    let title = format!(
        " Tasks · owner {} · playbook {} · {counted} ",
        list.owner().unwrap_or("all"),
        list.playbook().unwrap_or("all"),
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(title, t.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let room = inner.height.max(1) as usize;
    if list.shown() == 0 {
        let note = if list.is_narrowed() {
            format!(
                "No task here. {} shows everyone's.",
                cx.key(Context::Tasks, Action::Back)
            )
        } else {
            "No open task. `csm playbooks run` turns what happens in the book into tasks."
                .to_string()
        };
        frame.render_widget(Paragraph::new(note).style(t.dim()), inner);
        return room;
    }
    // Lines: a heading before each group, then its tasks. Only the lines on screen are
    // made: the selected task on the last line, or the top of the list.
    let groups = Groups::of(list, cx.today);
    let at = groups.line(list.cursor.selected);
    let offset = at.saturating_sub(room.saturating_sub(1));
    let wide = inner.width >= 110;
    let title_width = (inner.width as usize)
        .saturating_sub(if wide { 79 } else { 41 })
        .max(16);
    let mut lines: Vec<Line> = Vec::with_capacity(room);
    let end = offset + room;
    for i in offset.saturating_sub(GROUPS.len() + 1)..list.shown() {
        let line = groups.line(i);
        let heading = groups.starting_at(i);
        if line - usize::from(heading.is_some()) >= end {
            break;
        }
        if let Some(g) = heading
            && line > offset
        {
            let style = if g == "Overdue" { t.bad() } else { t.header() };
            lines.push(Line::styled(g.to_string(), style));
        }
        if line < offset || line >= end {
            continue;
        }
        let Some(key) = list.key(i) else { break };
        let task = list.listed_key(key);
        let row = list.window.row(i).filter(|r| r.id == key.id);
        let priority = match row.map(|r| r.priority) {
            Some(Priority::High) => Span::styled("high  ", t.bad()),
            Some(Priority::Medium) => Span::raw("medium"),
            Some(Priority::Low) => Span::styled("low   ", t.dim()),
            None => Span::raw("      "),
        };
        let due = if task.due_on < cx.today {
            Span::styled(
                format!("{}d late", (cx.today - task.due_on).num_days()),
                t.bad(),
            )
        } else {
            Span::raw(task.due_on.format("%m-%d").to_string())
        };
        // A row not read yet (the screen grew) shows what the list holds.
        let (account, title) = match row {
            Some(r) => (r.account.as_deref().unwrap_or("—"), r.title.as_str()),
            None => ("…", task.title.unwrap_or("…")),
        };
        let mut spans = vec![
            Span::raw("  "),
            Span::raw(format!("{:<10}", due.content)).style(due.style),
            priority,
            Span::raw(" "),
            Span::raw(format!("{:<20} ", clip(account, 20))),
            Span::raw(format!("{:<title_width$} ", clip(title, title_width))),
            Span::styled(
                format!("{:<22}", clip(task.playbook.unwrap_or(""), 22)),
                t.dim(),
            ),
        ];
        if wide {
            spans.push(Span::raw(clip(task.owner.unwrap_or("unassigned"), 16)));
        } else {
            spans.truncate(6);
        }
        let line = Line::from(spans);
        lines.push(if i == list.cursor.selected {
            line.style(t.selected())
        } else {
            line.style(Style::default())
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
    room
}

/// The due groups in the order they are listed.
const GROUPS: [&str; 4] = ["Overdue", "Today", "This week", "Later"];

/// Where each due group starts among the tasks shown: a heading is drawn before the first
/// task of every group that has one.
struct Groups {
    /// The first task of each group in `GROUPS`, and where the list ends.
    starts: [usize; 5],
}

impl Groups {
    fn of(list: &TaskList, today: NaiveDate) -> Groups {
        let day = |d: i64| today + Duration::days(d);
        let len = list.shown();
        let starts = [
            0,
            list.due_before(day(0)),
            list.due_before(day(1)),
            list.due_before(day(7)),
            len,
        ];
        debug_assert!(GROUPS.iter().enumerate().all(|(g, name)| {
            starts[g] >= starts[g + 1]
                || list
                    .key(starts[g])
                    .is_some_and(|k| due_group(k.due_on, today) == *name)
        }));
        Groups { starts }
    }

    /// The group whose first task is the `i`-th, if one is.
    fn starting_at(&self, i: usize) -> Option<&'static str> {
        (0..GROUPS.len())
            .find(|&g| self.starts[g] == i && self.starts[g] < self.starts[g + 1])
            .map(|g| GROUPS[g])
    }

    /// The line the `i`-th task is drawn on: its place, and the headings above it.
    fn line(&self, i: usize) -> usize {
        let headings = (0..GROUPS.len())
            .filter(|&g| self.starts[g] <= i && self.starts[g] < self.starts[g + 1])
            .count();
        i + headings
    }
}
