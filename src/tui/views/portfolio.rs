//! The Portfolio pane: every account with segment, owner, ARR and its next renewal.
//! Rows are built only for the lines on screen, so a 50,000-account book scrolls as
//! fast as a small one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Cell, Row, Scrollbar, ScrollbarOrientation, ScrollbarState, Table,
};

use crate::domain::Money;
use crate::domain::vocab::Segment;
use crate::tui::app::App;
use crate::tui::portfolio_list::PortfolioRow;

/// The columns, widest layout first; narrow terminals drop the later ones.
#[derive(Clone, Copy, PartialEq)]
enum Column {
    Account,
    Owner,
    Segment,
    Arr,
    Renews,
    Days,
    Stage,
    Industry,
    Region,
}

fn columns(width: u16) -> &'static [Column] {
    use Column::*;
    if width >= 110 {
        &[
            Account, Owner, Segment, Arr, Renews, Days, Stage, Industry, Region,
        ]
    } else if width >= 78 {
        &[Account, Owner, Segment, Arr, Renews, Days]
    } else {
        &[Account, Segment, Arr, Days]
    }
}

impl Column {
    fn title(self) -> &'static str {
        match self {
            Column::Account => "Account",
            Column::Owner => "Owner",
            Column::Segment => "Seg",
            Column::Arr => "ARR",
            Column::Renews => "Renews",
            Column::Days => "Days",
            Column::Stage => "Stage",
            Column::Industry => "Industry",
            Column::Region => "Region",
        }
    }

    fn width(self) -> Constraint {
        match self {
            Column::Account => Constraint::Min(18),
            Column::Owner => Constraint::Length(16),
            Column::Segment => Constraint::Length(3),
            Column::Arr => Constraint::Length(7),
            Column::Renews => Constraint::Length(10),
            Column::Days => Constraint::Length(11),
            Column::Stage => Constraint::Length(17),
            Column::Industry => Constraint::Length(16),
            Column::Region => Constraint::Length(6),
        }
    }

    fn right_aligned(self) -> bool {
        matches!(self, Column::Arr | Column::Days)
    }
}

/// Draws the pane; returns the number of account rows it has room for.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) -> usize {
    let t = &app.theme;
    let list = &app.portfolio;
    let mut title = vec![
        Span::styled(" Portfolio ", t.title()),
        Span::raw(format!("· sorted by {} ", list.sort().label())),
    ];
    if !list.filter().is_empty() {
        title.push(Span::raw(format!(
            "· filter \"{}\": {} of {} accounts, {} ",
            list.filter(),
            list.shown(),
            list.len(),
            Money::usd(list.shown_arr_cents()).short()
        )));
    }
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 || inner.width == 0 {
        return 1;
    }
    let [summary_area, inner] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    frame.render_widget(summary_line(app, summary_area.width as usize), summary_area);
    let rows_room = inner.height.saturating_sub(1) as usize;

    if list.shown() == 0 {
        let message = if list.is_empty() {
            "This book has no accounts yet. `csm demo` writes a demo book to try the cockpit."
                .to_string()
        } else {
            format!(
                "No account matches \"{}\". Esc clears the filter.",
                list.filter()
            )
        };
        frame.render_widget(
            ratatui::widgets::Paragraph::new(message).style(t.dim()),
            inner,
        );
        return rows_room.max(1);
    }

    // Keep the cursor on screen even if the window shrank since the last key.
    let room = rows_room.max(1);
    let selected = list.selected_index();
    let mut offset = list.offset();
    if selected >= offset + room {
        offset = selected + 1 - room;
    }
    let cols = columns(inner.width);
    let header = Row::new(cols.iter().map(|c| header_cell(*c))).style(t.header());
    let rows = list.window(offset, room).enumerate().map(|(i, r)| {
        let row = Row::new(cols.iter().map(|c| cell(*c, r, app)));
        match (offset + i == selected, r.account.churned_on.is_some()) {
            (true, _) => row.style(t.selected()),
            (false, true) => row.style(t.dim()),
            (false, false) => row,
        }
    });
    let table = Table::new(rows, cols.iter().map(|c| c.width()))
        .header(header)
        .column_spacing(1);
    frame.render_widget(table, inner);

    if list.shown() > room {
        let mut state = ScrollbarState::new(list.shown().saturating_sub(room)).position(offset);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(t.dim());
        let track = Rect {
            x: area.x,
            y: inner.y + 1,
            width: area.width,
            height: inner.height.saturating_sub(1),
        };
        frame.render_stateful_widget(bar, track, &mut state);
    }
    room
}

/// Segments with their accounts and ARR, then what renews soon: the shape of the book
/// (or of the filtered part of it) in one line.
fn summary_line(app: &App, width: usize) -> Line<'static> {
    let full = summary(app, true);
    if full.width() <= width {
        full
    } else {
        summary(app, false)
    }
}

fn summary(app: &App, by_segment: bool) -> Line<'static> {
    let t = &app.theme;
    let s = app.portfolio.summary();
    let mut spans = Vec::new();
    if by_segment {
        for (segment, (n, cents)) in Segment::ALL.iter().zip(s.by_segment) {
            if n > 0 {
                spans.push(Span::styled(format!("{} ", segment.short()), t.header()));
                spans.push(Span::raw(format!("{n} · {}   ", Money::usd(cents).short())));
            }
        }
    }
    spans.push(Span::styled("renewing ≤90d ", t.header()));
    spans.push(Span::raw(format!(
        "{} · {}",
        s.within_90.0,
        Money::usd(s.within_90.1).short()
    )));
    if s.overdue.0 > 0 {
        spans.push(Span::raw("   "));
        spans.push(Span::styled(
            format!(
                "overdue {} · {}",
                s.overdue.0,
                Money::usd(s.overdue.1).short()
            ),
            t.bad(),
        ));
    }
    Line::from(spans)
}

fn header_cell(c: Column) -> Cell<'static> {
    if c.right_aligned() {
        Cell::from(Line::from(c.title()).right_aligned())
    } else {
        Cell::from(c.title())
    }
}

fn cell<'a>(c: Column, r: PortfolioRow<'a>, app: &App) -> Cell<'a> {
    let a = &r.account;
    match c {
        Column::Account => Cell::from(a.name.as_str()),
        Column::Owner => Cell::from(a.owner.as_deref().unwrap_or("unassigned")),
        Column::Segment => Cell::from(a.segment.short()),
        Column::Arr => Cell::from(Line::from(a.arr.short()).right_aligned()),
        // A churned account shows the day it left where the renewal would be.
        Column::Renews => Cell::from(
            a.renewal_on
                .or(a.churned_on)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        Column::Days if a.churned_on.is_some() => Cell::from(Line::from("churned").right_aligned()),
        Column::Days => match r.days_to_renewal {
            Some(d) => {
                let text = match d {
                    ..0 => format!("{}d overdue", -d),
                    0 => "today".to_string(),
                    _ => format!("{d}d"),
                };
                Cell::from(Line::from(text).right_aligned()).style(app.theme.days_to_renewal(d))
            }
            None => Cell::from(Line::from("no contract").right_aligned()).style(app.theme.dim()),
        },
        Column::Stage => Cell::from(a.lifecycle.label()),
        Column::Industry => Cell::from(a.industry.as_deref().unwrap_or("")),
        Column::Region => Cell::from(a.region.as_deref().unwrap_or("")),
    }
}
