//! The Tasks pane: open tasks grouped Overdue, Today, This week and Later, each with its
//! due date, priority, account, title, playbook and owner.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::TasksRoom;
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
    let overdue = list.listed().filter(|x| x.due_on < cx.today).count();
    let title = format!(
        " Tasks · owner {} · playbook {} · {} open · {overdue} overdue ",
        list.owner().unwrap_or("all"),
        list.playbook().unwrap_or("all"),
        list.shown()
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
    // Lines: a heading before each group, then its tasks; `task_line[i]` is where the
    // i-th task is drawn.
    let wide = inner.width >= 110;
    let title_width = (inner.width as usize)
        .saturating_sub(if wide { 79 } else { 41 })
        .max(16);
    let mut lines: Vec<Line> = Vec::new();
    let mut task_line = Vec::new();
    let mut current = "";
    for (i, task) in list.listed().enumerate() {
        let g = due_group(task.due_on, cx.today);
        if g != current {
            let style = if g == "Overdue" { t.bad() } else { t.header() };
            lines.push(Line::styled(g.to_string(), style));
            current = g;
        }
        task_line.push(lines.len());
        let priority = match task.priority {
            Priority::High => Span::styled("high  ", t.bad()),
            Priority::Medium => Span::raw("medium"),
            Priority::Low => Span::styled("low   ", t.dim()),
        };
        let due = if task.due_on < cx.today {
            Span::styled(
                format!("{}d late", (cx.today - task.due_on).num_days()),
                t.bad(),
            )
        } else {
            Span::raw(task.due_on.format("%m-%d").to_string())
        };
        let mut spans = vec![
            Span::raw("  "),
            Span::raw(format!("{:<10}", due.content)).style(due.style),
            priority,
            Span::raw(" "),
            Span::raw(format!(
                "{:<20} ",
                clip(task.account.as_deref().unwrap_or("—"), 20)
            )),
            Span::raw(format!("{:<title_width$} ", clip(&task.title, title_width))),
            Span::styled(
                format!("{:<22}", clip(task.playbook.as_deref().unwrap_or(""), 22)),
                t.dim(),
            ),
        ];
        if wide {
            spans.push(Span::raw(clip(
                task.owner.as_deref().unwrap_or("unassigned"),
                16,
            )));
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
    let at = task_line.get(list.cursor.selected).copied().unwrap_or(0);
    let offset = at.saturating_sub(room.saturating_sub(1));
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), inner);
    room
}
