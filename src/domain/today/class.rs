//! The class of a queue item: what kind of trouble it is, which counts before how big the
//! account is. A save (a renewal at risk or past its date, an escalation or a P1, a
//! champion or sponsor gone) comes before the other risks and the renewal moves, which
//! come before the rest of the work, however large the account; within a class the
//! ARR-weighted priority orders.

use serde::Serialize;

use crate::domain::health::SignalKind;

/// The kind of trouble, gravest first: the order the queue keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Revenue or the relationship is going now: a renewal at risk or past its date, an
    /// escalation, a champion or sponsor gone.
    Save,
    /// A risk sign or a renewal that needs a move.
    Risk,
    /// Everything else: onboarding, reviews, check-ins, chores, quiet accounts.
    Routine,
}

impl Class {
    /// The word shown beside an item.
    pub fn label(self) -> &'static str {
        match self {
            Class::Save => "save",
            Class::Risk => "risk",
            Class::Routine => "routine",
        }
    }

    /// The class of a risk signal: losing the champion or an escalation is a save; a
    /// renewal at risk is one too; every other sign is a risk.
    pub fn of_signal(kind: SignalKind) -> Class {
        match kind {
            SignalKind::ChampionLeft | SignalKind::EscalationOpen | SignalKind::RenewalAtRisk => {
                Class::Save
            }
            _ => Class::Risk,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn losing_the_champion_or_an_escalation_is_a_save_other_signs_are_risks() {
        let saves: Vec<SignalKind> = SignalKind::ALL
            .into_iter()
            .filter(|k| Class::of_signal(*k) == Class::Save)
            .collect();
        assert_eq!(
            saves,
            [
                SignalKind::ChampionLeft,
                SignalKind::EscalationOpen,
                SignalKind::RenewalAtRisk
            ]
        );
        assert!(Class::Save < Class::Risk && Class::Risk < Class::Routine);
    }
}
