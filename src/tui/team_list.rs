//! The Team pane's lines: each person with the accounts and ARR they carry, counted from
//! the portfolio already in memory; a manager carries their team's book.

use std::collections::HashMap;

use super::portfolio_list::PortfolioList;
use crate::book::portfolio::TeamMemberRow;
use crate::domain::vocab::TeamRole;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamLine {
    pub name: String,
    pub role: TeamRole,
    /// Active accounts, for a manager those of everyone reporting to them.
    pub accounts: usize,
    pub arr_cents: i64,
}

pub fn team_lines(members: &[TeamMemberRow], list: &PortfolioList) -> Vec<TeamLine> {
    let mut own: HashMap<i64, (usize, i64)> = HashMap::new();
    for a in list.accounts().filter(|a| a.churned_on.is_none()) {
        if let Some(owner) = a.owner_id {
            let e = own.entry(owner).or_default();
            e.0 += 1;
            e.1 += a.arr.cents;
        }
    }
    members
        .iter()
        .map(|m| {
            let (mut accounts, mut arr_cents) = own.get(&m.id).copied().unwrap_or_default();
            if m.role == TeamRole::Manager {
                for report in members.iter().filter(|r| r.manager_id == Some(m.id)) {
                    let (n, arr) = own.get(&report.id).copied().unwrap_or_default();
                    accounts += n;
                    arr_cents += arr;
                }
            }
            TeamLine {
                name: m.name.clone(),
                role: m.role,
                accounts,
                arr_cents,
            }
        })
        .collect()
}
