//! A pane with nothing to show yet: its box and title, and one dim line saying it is
//! reading (in the pane's own words) or that no book is open.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme::Theme;

/// Draws the empty pane titled `title`; `reading` says what is being read, while it is.
pub fn waiting(frame: &mut Frame, area: Rect, title: &str, reading: Option<&str>, t: &Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(format!(" {title} "), t.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let words = reading.unwrap_or("No book is open.");
    frame.render_widget(Paragraph::new(words).style(t.dim()), inner);
}
