//! What the CSM can see on a demo account today, read back from its generated records:
//! the people gaps, an open escalation, the last QBR, falling usage, seat pressure. The
//! tasks and opportunities are raised from these, as a CSM would raise them.

use chrono::NaiveDate;

use super::people::Gaps;
use super::profile::Profile;
use crate::domain::records::AccountBundle;
use crate::domain::vocab::{ContactRole, InteractionKind, Segment};

/// What the CSM can see on the account today, read from its other records.
#[derive(Debug, Clone, Default)]
pub struct Signals {
    pub gaps: Gaps,
    /// The champion's name.
    pub champion: Option<String>,
    /// An enterprise account with no executive sponsor.
    pub no_sponsor: bool,
    /// The subject and opening day of an open escalated ticket.
    pub escalation: Option<(String, NaiveDate)>,
    pub last_qbr: Option<NaiveDate>,
    /// How far active users fell over the last 8 weeks against the 8 before, in percent.
    pub usage_drop: i64,
    /// Active users at 85% of seats or more over the last four weeks.
    pub seat_pressure: bool,
}

impl Signals {
    pub fn read(p: &Profile, gaps: Gaps, b: &AccountBundle) -> Signals {
        let champion = b.contacts.iter().find(|c| c.role == ContactRole::Champion);
        let users = |skip: usize| -> i64 {
            b.usage
                .iter()
                .rev()
                .skip(skip)
                .take(8)
                .map(|w| w.active_users)
                .sum()
        };
        let (recent, before) = (users(0), users(8));
        let last4 = b.usage.iter().rev().take(4);
        let (active, seats) = last4.fold((0, 0), |(a, s), w| {
            (a + w.active_users, s + w.licensed_seats)
        });
        Signals {
            gaps,
            champion: champion.map(|c| c.name.clone()),
            no_sponsor: p.segment == Segment::Enterprise
                && !b
                    .contacts
                    .iter()
                    .any(|c| c.role == ContactRole::ExecutiveSponsor),
            escalation: b
                .tickets
                .iter()
                .rfind(|t| t.escalated && t.closed_on.is_none())
                .map(|t| (t.subject.clone(), t.opened_on)),
            last_qbr: b
                .interactions
                .iter()
                .rfind(|i| i.kind == InteractionKind::Qbr)
                .map(|i| i.occurred_on),
            usage_drop: if before > 0 {
                100 - recent * 100 / before
            } else {
                0
            },
            seat_pressure: seats > 0 && active * 100 >= seats * 85,
        }
    }
}
