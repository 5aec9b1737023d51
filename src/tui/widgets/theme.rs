//! Styles in one place: the cockpit's colours, the health-band colours, and plain
//! reverse-video and bold when `NO_COLOR` is set.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::vocab::HealthBand;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme { color: true }
    }
}

impl Theme {
    /// Colour unless the `NO_COLOR` convention asks for none.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    pub fn monochrome() -> Theme {
        Theme { color: false }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn border(&self) -> Style {
        self.dim()
    }

    pub fn tab(&self) -> Style {
        Style::new()
    }

    pub fn tab_active(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn header(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Rgb(40, 60, 90))
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn bad(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn band(&self, band: HealthBand) -> Style {
        match band {
            HealthBand::Green => self.fg(Color::Green),
            HealthBand::Yellow => self.fg(Color::Yellow),
            HealthBand::Red => self.fg(Color::Red),
        }
    }

    /// A chart's lines that are not health bands, told apart by colour (and by their
    /// marks, without colour).
    pub fn series(&self, i: usize) -> Style {
        const COLOURS: [Color; 3] = [Color::Cyan, Color::Magenta, Color::Blue];
        self.fg(COLOURS[i % COLOURS.len()])
    }

    /// The point selected on a chart.
    pub fn point(&self) -> Style {
        self.fg(Color::White).add_modifier(Modifier::BOLD)
    }

    /// Days to a renewal: red once overdue, yellow inside 30 days.
    pub fn days_to_renewal(&self, days: i64) -> Style {
        if days < 0 {
            self.bad()
        } else if days <= 30 {
            self.warn()
        } else {
            Style::new()
        }
    }
}
