//! The customers who left, as the win-back list reads them: each with the term that
//! churned (its ARR, why, what they said) and their last call, email, meeting or QBR
//! (a note is no contact with the customer). One team member's accounts, or everyone's.

use super::sql::{date, money, opt_date, owned_by};
use super::{Book, BookError};
use crate::domain::churn::Churned;

impl Book {
    /// Every churned customer of `owner` (a team member's exact name), or everyone's,
    /// the latest to leave first.
    pub fn churned_customers(&self, owner: Option<&str>) -> Result<Vec<Churned>, BookError> {
        self.churned_within(owner, None)
    }

    /// [`Book::churned_customers`] whose account ids lie in `ids`, if given.
    pub(crate) fn churned_within(
        &self,
        owner: Option<&str>,
        ids: Option<(i64, i64)>,
    ) -> Result<Vec<Churned>, BookError> {
        let mine = match ids {
            Some((first, last)) => format!(
                "{} AND a.id BETWEEN {first} AND {last}",
                owned_by("a.owner_id", "?1")
            ),
            None => owned_by("a.owner_id", "?1"),
        };
        let mut stmt = self.conn().prepare(&format!(
            "SELECT a.id, a.name, m.name, a.segment, a.churned_on,
                    coalesce(c.arr_cents, a.arr_cents), coalesce(c.currency, a.currency),
                    c.outcome_reason, c.outcome_note,
                    (SELECT max(i.occurred_on) FROM interactions i
                     WHERE i.account_id = a.id AND i.kind <> 'note')
             FROM accounts a
             LEFT JOIN team_members m ON m.id = a.owner_id
             LEFT JOIN contracts c ON c.id = (
                 SELECT c2.id FROM contracts c2 WHERE c2.account_id = a.id
                 ORDER BY c2.outcome = 'churned' DESC, c2.ends_on DESC LIMIT 1)
             WHERE a.churned_on IS NOT NULL AND {mine}
             ORDER BY a.churned_on DESC, a.name"
        ))?;
        let rows = stmt.query_map([owner], |r| {
            Ok(Churned {
                account_id: r.get(0)?,
                name: r.get(1)?,
                owner: r.get(2)?,
                segment: super::sql::term(r, 3)?,
                churned_on: date(r, 4)?,
                arr_lost: money(r, 5, 6)?,
                said: r.get(7)?,
                note: r.get(8)?,
                last_contact: opt_date(r, 9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
