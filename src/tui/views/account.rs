//! The account card: what the book knows of the selected account at a glance, until the
//! full account detail arrives with health scores.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::tui::app::App;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Some(row) = app.portfolio.selected() else {
        return;
    };
    let t = &app.theme;
    let a = &row.account;
    let field = |name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{name:<14}"), t.dim()),
            Span::raw(value),
        ])
    };
    let none = || "—".to_string();
    let renewal = match (a.renewal_on, row.days_to_renewal) {
        _ if a.churned_on.is_some() => format!("churned on {}", a.churned_on.unwrap_or_default()),
        (Some(d), Some(days)) if days < 0 => format!("{d} ({} days overdue)", -days),
        (Some(d), Some(days)) => format!("{d} (in {days} days)"),
        _ => "no open contract".to_string(),
    };
    let lines = vec![
        field("Segment", a.segment.label().to_string()),
        field(
            "Owner",
            a.owner.as_deref().unwrap_or("unassigned").to_string(),
        ),
        field("ARR", a.arr.full()),
        field(
            "Seats",
            a.licensed_seats.map(|s| s.to_string()).unwrap_or_else(none),
        ),
        field("Renews", renewal),
        field("Stage", a.lifecycle.label().to_string()),
        field(
            "Industry",
            a.industry.as_deref().map_or_else(none, str::to_string),
        ),
        field(
            "Region",
            a.region.as_deref().map_or_else(none, str::to_string),
        ),
    ];
    let popup = centered(area, 64, lines.len() as u16 + 2);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.title())
        .title(Span::styled(format!(" {} ", a.name), t.title()));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
