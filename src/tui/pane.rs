//! The cockpit's panes, in tab order.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Today,
    Portfolio,
    Renewals,
    Stakeholders,
    Tasks,
    Team,
    Expansion,
    Onboarding,
    Advocacy,
}

impl Pane {
    pub const ALL: [Pane; 9] = [
        Pane::Today,
        Pane::Portfolio,
        Pane::Renewals,
        Pane::Stakeholders,
        Pane::Tasks,
        Pane::Team,
        Pane::Expansion,
        Pane::Onboarding,
        Pane::Advocacy,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Today => "Today",
            Pane::Portfolio => "Portfolio",
            Pane::Renewals => "Renewals",
            Pane::Stakeholders => "Stakeholders",
            Pane::Tasks => "Tasks",
            Pane::Team => "Team",
            Pane::Onboarding => "Onboarding",
            Pane::Expansion => "Expansion",
            Pane::Advocacy => "Advocacy",
        }
    }

    /// A short name for a crowded tab bar.
    pub fn short(self) -> &'static str {
        match self {
            Pane::Today => "Today",
            Pane::Portfolio => "Port",
            Pane::Renewals => "Renew",
            Pane::Stakeholders => "People",
            Pane::Tasks => "Tasks",
            Pane::Team => "Team",
            Pane::Expansion => "Expand",
            Pane::Onboarding => "Onboard",
            Pane::Advocacy => "Refs",
        }
    }

    /// The pane's place in the tab bar, from 0.
    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn next(self) -> Pane {
        Pane::ALL[(self.index() + 1) % Pane::ALL.len()]
    }

    pub fn prev(self) -> Pane {
        Pane::ALL[(self.index() + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }
}
