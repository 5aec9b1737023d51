//! What the keys do on the Team pane: move through the CSMs, and Enter to drill into one
//! CSM's portfolio (the Portfolio pane showing only their accounts); Esc there comes
//! back to the team.

use super::action::Action;
use super::app::App;
use super::pane::Pane;
use super::team_list::TeamList;

impl App {
    /// Reads the team's figures from the book.
    pub(super) fn load_team(&mut self) {
        let Some(book) = self.book.as_ref() else {
            return;
        };
        match book.team(&self.today_rules, &self.rules, self.today) {
            Ok(rows) => {
                let selected = self.team.as_ref().map_or(0, |t| t.selected);
                let mut list = TeamList::new(rows);
                list.selected = selected;
                list.move_by(0);
                self.team = Some(list);
            }
            Err(e) => self.message = Some(format!("could not read the team: {e}")),
        }
    }

    /// Handles a key on the Team pane; None for keys it leaves to the app.
    pub(super) fn update_team(&mut self, action: Action) -> Option<bool> {
        let list = self.team.as_mut()?;
        match action {
            Action::MoveDown => list.move_by(1),
            Action::MoveUp => list.move_by(-1),
            Action::Top => list.move_by(isize::MIN / 2),
            Action::Bottom => list.move_by(isize::MAX / 2),
            Action::SelectVisibleRow(row) => {
                list.selected = row;
                list.move_by(0);
            }
            Action::Open => {
                let owner = list.selected()?.owner_id;
                let viewport = self.viewport;
                self.portfolio.show_owner(owner, viewport);
                self.drilled_from_team = true;
                self.pane = Pane::Portfolio;
            }
            _ => return None,
        }
        Some(true)
    }

    /// Esc on a portfolio drilled into from the team: back to the team, everyone shown.
    pub(super) fn back_to_team(&mut self) -> bool {
        if !self.drilled_from_team {
            return false;
        }
        self.drilled_from_team = false;
        let viewport = self.viewport;
        self.portfolio.show_owner(None, viewport);
        self.pane = Pane::Team;
        true
    }
}
