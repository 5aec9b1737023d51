//! Lays the Metrics view out: at 100 columns and 28 rows or more, every picture at once
//! in a grid with the selected point's workings in the last cell; smaller, the focused
//! picture alone with its workings beneath. Each picture's title says its selected
//! point, so a glance reads the figures without the workings.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Metrics, Picture, bars, lines, workload};
use crate::domain::Money;
use crate::domain::trends::Trends;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keys::Context;
use crate::tui::widgets::theme::Theme;

/// The grid needs this much room; below it, one picture at a time.
const GRID_WIDTH: u16 = 100;
const GRID_HEIGHT: u16 = 28;

/// The selected point in a few words, for the picture's title.
fn headline(p: Picture, tr: &Trends, m: &Metrics) -> String {
    let money = |c: i64| Money::usd(c).short();
    let pct = |v: Option<f64>| v.map_or("—".into(), |v| format!("{v:.1}%"));
    let Some(at) = m.selected(p) else {
        return "no figures yet".into();
    };
    match p {
        Picture::Retention => {
            let q = &tr.retention[at];
            format!(
                "{}{}: GRR {} · NRR {}",
                q.quarter,
                if q.to_date { " so far" } else { "" },
                pct(q.grr),
                pct(q.nrr)
            )
        }
        Picture::Forecast => {
            let a = &tr.forecast[at];
            if a.closed == 0 {
                return format!("{}: {} forecast, none closed yet", a.period, a.forecast);
            }
            format!(
                "{}: {} forecast · {} actual · {}/{} right",
                a.period,
                money(a.forecast_arr_cents),
                money(a.actual_arr_cents),
                a.category_hits,
                a.closed
            )
        }
        Picture::Bands => {
            let b = &tr.bands[at];
            format!(
                "week of {}: {} green · {} yellow · {} red",
                b.week.label(),
                money(b.green_cents),
                money(b.yellow_cents),
                money(b.red_cents)
            )
        }
        Picture::AtRisk => {
            let b = &tr.bands[at];
            format!(
                "week of {}: {} in {} accounts",
                b.week.label(),
                money(b.at_risk_cents()),
                b.at_risk_accounts
            )
        }
        Picture::Workload => match workload(tr) {
            Some(weeks) => {
                let w = &weeks[at];
                format!(
                    "week of {}: {} touches · {} tasks closed · {} quiet",
                    w.week.label(),
                    w.touches,
                    w.tasks_done,
                    w.quiet
                )
            }
            None => "no one's weeks".into(),
        },
    }
}

/// The box a picture is drawn in: its title and selected point, brighter with the focus.
fn frame_of<'a>(p: Picture, tr: &Trends, m: &Metrics, tight: bool, t: &Theme) -> Block<'a> {
    let focused = p == m.picture;
    let name = if tight { p.short_title() } else { p.title() };
    let title = if p == Picture::Workload {
        let whose = tr.owner.as_deref().unwrap_or("the team");
        format!(" {name} · {whose} · {} ", headline(p, tr, m))
    } else {
        format!(" {name} · {} ", headline(p, tr, m))
    };
    Block::new()
        .borders(Borders::ALL)
        .border_style(if focused { t.title() } else { t.border() })
        .title(Span::styled(
            title,
            if focused { t.title() } else { t.header() },
        ))
}

fn draw_picture(frame: &mut Frame, area: Rect, p: Picture, tr: &Trends, m: &Metrics, t: &Theme) {
    // Short names where the box is too narrow for the long ones.
    let tight = area.width < GRID_WIDTH;
    let block = frame_of(p, tr, m, tight, t);
    let at = m.selected(p);
    match p {
        Picture::Retention => lines::retention(frame, area, block, tr, at, t),
        Picture::Forecast => bars::forecast(frame, area, block, tr, at, t),
        Picture::Bands => lines::bands(frame, area, block, tr, at, t),
        Picture::AtRisk => bars::at_risk(frame, area, block, tr, at, t),
        Picture::Workload => match workload(tr) {
            Some(weeks) => lines::workload(frame, area, block, weeks, at, t),
            None => frame.render_widget(Paragraph::new("No CSM's weeks.").block(block), area),
        },
    }
}

/// What the keys do here, for the workings' box or the bottom line.
fn keys_line(cx: &Ctx) -> String {
    let k = |a| cx.key(Context::Team, a);
    let g = |a| cx.key(Context::Global, a);
    format!(
        "{}/{} a period earlier/later · {} next picture · {}/{} another CSM · {} the table",
        k(Action::EarlierPoint),
        k(Action::LaterPoint),
        k(Action::NextChart),
        g(Action::Down),
        g(Action::Up),
        k(Action::Metrics)
    )
}

/// Draws the view in `area` (the pane's box): the grid, or the focused picture alone.
pub fn draw(frame: &mut Frame, area: Rect, m: &Metrics, reading: bool, cx: &Ctx) {
    let t = &cx.theme;
    let whose = m
        .trends
        .as_ref()
        .and_then(|tr| tr.owner.clone())
        .map_or("the team's book".to_string(), |o| format!("{o}'s book"));
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(
            format!(
                " Team · Metrics · {whose}{} ",
                if reading { " · updating…" } else { "" }
            ),
            t.title(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(tr) = m.trends.as_deref() else {
        frame.render_widget(
            Paragraph::new("Reading the pictures…").style(t.dim()),
            inner,
        );
        return;
    };
    let workings = m.workings().unwrap_or_default();
    if inner.width >= GRID_WIDTH && inner.height >= GRID_HEIGHT {
        let rows = Layout::vertical([Constraint::Fill(1); 3]).split(inner);
        let cell = |r: usize| Layout::horizontal([Constraint::Fill(1); 2]).split(rows[r]);
        let cells = [cell(0), cell(1), cell(2)];
        for (i, p) in Picture::ALL.iter().enumerate() {
            draw_picture(frame, cells[i / 2][i % 2], *p, tr, m, t);
        }
        let point = Paragraph::new(vec![
            Line::raw(workings),
            Line::raw(""),
            Line::styled(keys_line(cx), t.dim()),
        ])
        .wrap(Wrap { trim: true })
        .block(
            Block::new()
                .borders(Borders::ALL)
                .border_style(t.border())
                .title(Span::styled(
                    format!(" The selected point: {} ", m.picture.title()),
                    t.header(),
                )),
        );
        frame.render_widget(point, cells[2][1]);
    } else {
        let [chart, below] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(3)]).areas(inner);
        draw_picture(frame, chart, m.picture, tr, m, t);
        let n = Picture::ALL
            .iter()
            .position(|p| *p == m.picture)
            .unwrap_or(0)
            + 1;
        let note = format!(
            "{n}/{} ({} next, {}/{} the point) · {workings}",
            Picture::ALL.len(),
            cx.key(Context::Team, Action::NextChart),
            cx.key(Context::Team, Action::EarlierPoint),
            cx.key(Context::Team, Action::LaterPoint),
        );
        frame.render_widget(
            Paragraph::new(note)
                .style(t.dim())
                .wrap(Wrap { trim: true }),
            below,
        );
    }
}
