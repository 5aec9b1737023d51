//! The Team pane, for a manager's review: a row per CSM and the team total, with the
//! book and its health by ARR (a bar: green, yellow, red), the ARR at risk, renewals in
//! each window, the quarter's forecast gross retention, and who is falling behind.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::TeamRoom;
use crate::book::team::{OLD_OVERRIDE_DAYS, TeamRow, grr_text, lane_cell};
use crate::domain::Money;
use crate::domain::vocab::HealthBand;
use crate::text::clip;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keys::Context;
use crate::tui::widgets::theme::Theme;

/// A bar of `width` cells split green, yellow and red by share of ARR.
fn health_bar(r: &TeamRow, width: usize, t: &Theme) -> Vec<Span<'static>> {
    let total = (r.green_cents + r.yellow_cents + r.red_cents).max(1) as f64;
    let cells = |c: i64| ((c as f64 / total) * width as f64).round() as usize;
    let (red, yellow) = (cells(r.red_cents), cells(r.yellow_cents));
    let green = width.saturating_sub(red + yellow);
    vec![
        Span::styled("█".repeat(green), t.band(HealthBand::Green)),
        Span::styled("█".repeat(yellow), t.band(HealthBand::Yellow)),
        Span::styled("█".repeat(red), t.band(HealthBand::Red)),
    ]
}

/// Draws the pane; returns how many rows it has room for.
pub fn draw(frame: &mut Frame, area: Rect, room: &TeamRoom, cx: &Ctx) -> usize {
    if room.metrics.shown {
        super::metrics::draw(frame, area, &room.metrics, room.reading_trends, cx);
        return cx.viewport;
    }
    let t = &cx.theme;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(
            match (room.reading && room.list.is_some(), room.kept_on) {
                (true, Some(on)) if on != cx.today => format!(
                    " Team · this quarter's forecast and who is falling behind · as of {on}, updating… "
                ),
                (true, _) => {
                    " Team · this quarter's forecast and who is falling behind · updating… ".into()
                }
                (false, _) => match cx.team.as_ref().and_then(|t| t.synced_at.as_deref()) {
                    // The team's book, as fresh as the last sync.
                    Some(at) => {
                        let full = format!(
                            " Team · this quarter's forecast and who is falling behind · team book as of {at} "
                        );
                        if full.chars().count() + 2 <= area.width as usize {
                            full
                        } else {
                            format!(" Team · the team's book as of {at} ")
                        }
                    }
                    None => " Team · this quarter's forecast and who is falling behind ".into(),
                },
            },
            t.title(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(list) = &room.list else {
        frame.render_widget(Paragraph::new("Reading the team…").style(t.dim()), inner);
        return 1;
    };
    let wide = inner.width >= 110;
    // The table takes the rows it has, its notes beneath, then the forecast review in
    // what is left.
    let rows_wanted = list.len().max(1) as u16;
    let room_for_rows = inner.height.saturating_sub(4);
    let rows_height = if room.review.is_some() {
        rows_wanted.min(room_for_rows)
    } else {
        room_for_rows
    };
    let [summary, head, body, notes, review] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(rows_height.max(1)),
        Constraint::Length(2),
        Constraint::Fill(1),
    ])
    .areas(inner);
    if let Some(quarters) = &room.review {
        let selected = super::forecast::Selected {
            owner: list
                .selected()
                .and_then(|r| r.owner_id.map(|_| r.name.as_str())),
            cell: room.cell,
        };
        super::forecast::draw(frame, review, quarters, &selected, wide, t);
    }
    if let Some(total) = list.rows.last() {
        let csms = list.rows.len().saturating_sub(1);
        let text = if inner.width >= 110 {
            format!(
                "{csms} CSMs · {} accounts · {} ARR · {} at risk · forecast GRR this quarter {} · {} shows a CSM's accounts",
                total.accounts,
                Money::usd(total.arr_cents).short(),
                Money::usd(total.at_risk_cents).short(),
                grr_text(total),
                cx.key(Context::Team, Action::Open)
            )
        } else {
            format!(
                "{csms} CSMs · {} ARR · {} at risk · forecast GRR this quarter {}",
                Money::usd(total.arr_cents).short(),
                Money::usd(total.at_risk_cents).short(),
                grr_text(total)
            )
        };
        frame.render_widget(Paragraph::new(text), summary);
    }
    let heading = if wide {
        format!(
            "{:<14}{:>5}{:>8}  {:<8}{:>8}{:>10}{:>10}{:>10}{:>10}{:>10}{:>7}{:>6}{:>6}{:>4}",
            "CSM",
            "Accts",
            "ARR",
            "Health",
            "At risk",
            "Overdue",
            "30d",
            "60d",
            "90d",
            "120d",
            "GRR q",
            "Late",
            "Quiet",
            "Ovr"
        )
    } else {
        format!(
            "{:<14}{:>8}  {:<8}{:>8}{:>10}{:>7}{:>5}{:>6}",
            "CSM", "ARR", "Health", "At risk", "≤30d", "GRR q", "Late", "Quiet"
        )
    };
    frame.render_widget(Paragraph::new(heading).style(t.header()), head);
    let lines: Vec<Line> = list
        .shown()
        .enumerate()
        .skip(list.cursor.offset)
        .map(|(i, r)| {
            let total = r.owner_id.is_none();
            let mut spans = if wide {
                let mut s = vec![Span::raw(format!(
                    "{:<14}{:>5}{:>8}  ",
                    clip(&r.name, 13),
                    r.accounts,
                    Money::usd(r.arr_cents).short()
                ))];
                s.extend(health_bar(r, 8, t));
                s.push(Span::raw(format!(
                    "{:>8}{:>10}{:>10}{:>10}{:>10}{:>10}{:>7}{:>6}{:>6}{:>4}",
                    Money::usd(r.at_risk_cents).short(),
                    lane_cell(r.renewals[0], 10),
                    lane_cell(r.renewals[1], 10),
                    lane_cell(r.renewals[2], 10),
                    lane_cell(r.renewals[3], 10),
                    lane_cell(r.renewals[4], 10),
                    grr_text(r),
                    r.late_tasks,
                    r.quiet_accounts,
                    r.old_overrides
                )));
                s
            } else {
                let mut s = vec![Span::raw(format!(
                    "{:<14}{:>8}  ",
                    clip(&r.name, 13),
                    Money::usd(r.arr_cents).short()
                ))];
                s.extend(health_bar(r, 8, t));
                let soon = (
                    r.renewals[0].0 + r.renewals[1].0,
                    r.renewals[0].1 + r.renewals[1].1,
                );
                s.push(Span::raw(format!(
                    "{:>8}{:>10}{:>7}{:>5}{:>6}",
                    Money::usd(r.at_risk_cents).short(),
                    lane_cell(soon, 10),
                    grr_text(r),
                    r.late_tasks,
                    r.quiet_accounts
                )));
                s
            };
            if total {
                spans
                    .iter_mut()
                    .for_each(|s| s.style = s.style.add_modifier(Modifier::BOLD));
            }
            let line = Line::from(spans);
            if i == list.cursor.selected {
                line.style(t.selected())
            } else {
                line.style(Style::default())
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
    let note = match list.selected() {
        Some(r) => format!(
            "GRR q = (ARR at the quarter's start - lost - forecast loss) / start: {}. Late: tasks past due; quiet: past touch cadence; ovr: overrides over {OLD_OVERRIDE_DAYS} days.",
            crate::book::team::grr_workings(r)
        ),
        None => String::new(),
    };
    frame.render_widget(
        Paragraph::new(note)
            .style(t.dim())
            .wrap(ratatui::widgets::Wrap { trim: true }),
        notes,
    );
    body.height.max(1) as usize
}
