//! Reading the book out, table by table, in the shape `csm import` reads back: each
//! column named as the import field it feeds, accounts and people named by their
//! external ids, money as an amount with its currency. Rows stream to a callback.

use rusqlite::types::ValueRef;

use super::{Book, BookError};

/// A cell read out of the book.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl Cell {
    /// The cell as CSV text (empty for null).
    pub fn text(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Int(i) => i.to_string(),
            Cell::Real(r) => r.to_string(),
            Cell::Text(t) => t.clone(),
        }
    }
}

fn query(table: &str) -> Option<&'static str> {
    Some(match table {
        "accounts" => {
            "SELECT a.external_id, a.name, t.name AS owner, a.segment, a.industry, a.products,
                    a.region,
                    a.lifecycle_stage,
                    printf('%.2f %s', a.arr_cents / 100.0, a.currency) AS arr,
                    a.licensed_seats, a.started_on, a.went_live_on, a.churned_on
             FROM accounts a LEFT JOIN team_members t ON t.id = a.owner_id ORDER BY a.id"
        }
        "contracts" => {
            "SELECT c.external_id, a.external_id AS account, c.starts_on, c.ends_on,
                    printf('%.2f', c.arr_cents / 100.0) AS arr, c.currency,
                    c.forecast_category, c.forecast_confidence,
                    CASE WHEN c.forecast_arr_cents IS NOT NULL
                         THEN printf('%.2f', c.forecast_arr_cents / 100.0) END AS forecast_arr,
                    c.outcome, c.outcome_on,
                    CASE WHEN c.outcome_arr_cents IS NOT NULL
                         THEN printf('%.2f', c.outcome_arr_cents / 100.0) END AS outcome_arr,
                    c.outcome_reason AS churn_reason
             FROM contracts c JOIN accounts a ON a.id = c.account_id ORDER BY c.id"
        }
        "usage" => {
            "SELECT a.external_id AS account, u.week_start, u.active_users, u.licensed_seats,
                    u.sessions, u.key_features_used
             FROM usage_weeks u JOIN accounts a ON a.id = u.account_id
             ORDER BY u.account_id, u.week_start"
        }
        "contacts" => {
            "SELECT c.external_id, a.external_id AS account, c.name, c.title, c.email, c.role,
                    c.sentiment, c.influence, r.external_id AS reports_to, c.last_touch_on,
                    c.last_touch_kind, c.left_on, c.advocacy, c.referenceable
             FROM contacts c JOIN accounts a ON a.id = c.account_id
             LEFT JOIN contacts r ON r.id = c.reports_to_id ORDER BY c.id"
        }
        "tickets" => {
            "SELECT t.external_id, a.external_id AS account, t.subject, t.priority, t.escalated,
                    t.opened_on, t.closed_on, t.csat
             FROM tickets t JOIN accounts a ON a.id = t.account_id ORDER BY t.id"
        }
        "surveys" => {
            "SELECT s.external_id, a.external_id AS account, c.external_id AS contact, s.kind,
                    s.score, s.responded_on, s.comment
             FROM survey_responses s JOIN accounts a ON a.id = s.account_id
             LEFT JOIN contacts c ON c.id = s.contact_id ORDER BY s.id"
        }
        "interactions" => {
            "SELECT i.external_id, a.external_id AS account, c.external_id AS contact,
                    m.name AS author, i.kind, i.occurred_on, i.summary
             FROM interactions i JOIN accounts a ON a.id = i.account_id
             LEFT JOIN contacts c ON c.id = i.contact_id
             LEFT JOIN team_members m ON m.id = i.author_id ORDER BY i.id"
        }
        "goals" => {
            "SELECT g.external_id, a.external_id AS account, g.title, g.metric, g.baseline,
                    g.current, g.target, g.due_on, m.name AS owner, g.status, g.updated_on
             FROM goals g JOIN accounts a ON a.id = g.account_id
             LEFT JOIN team_members m ON m.id = g.owner_id ORDER BY g.id"
        }
        "opportunities" => {
            "SELECT o.external_id, a.external_id AS account, o.kind, o.title,
                    printf('%.2f', o.arr_cents / 100.0) AS arr, o.currency, o.stage,
                    o.probability, o.expected_close_on AS close_on, o.opened_on, o.closed_on,
                    o.signal
             FROM opportunities o JOIN accounts a ON a.id = o.account_id ORDER BY o.id"
        }
        "tasks" => {
            "SELECT t.id, t.external_id, a.external_id AS account, a.name AS account_name,
                    m.name AS owner, t.title, t.due_on, t.status, t.priority, t.playbook_id AS playbook,
                    t.snoozed_until, t.completed_on
             FROM tasks t LEFT JOIN accounts a ON a.id = t.account_id
             LEFT JOIN team_members m ON m.id = t.owner_id ORDER BY t.due_on, t.id"
        }
        "health" => {
            "SELECT a.external_id AS account, a.name, t.name AS owner, a.segment,
                    h.computed_on, coalesce(o.score, h.score) AS score,
                    coalesce(o.band, h.band) AS band, h.score AS computed_score,
                    h.band AS computed_band, h.confidence, h.delta_30d, h.delta_90d,
                    h.top_negative, h.top_signal, h.signal_count,
                    o.reason AS override_reason, o.expires_on AS override_expires_on
             FROM accounts a
             JOIN account_health h ON h.account_id = a.id
             LEFT JOIN team_members t ON t.id = a.owner_id
             LEFT JOIN health_overrides o ON o.id = (
                  SELECT id FROM health_overrides WHERE account_id = a.id AND set_on <= ?1
                    AND expires_on > ?1 AND cleared_on IS NULL
                  ORDER BY set_on DESC, id DESC LIMIT 1)
             WHERE a.churned_on IS NULL
             ORDER BY coalesce(o.score, h.score) IS NULL, coalesce(o.score, h.score), a.name"
        }
        _ => return None,
    })
}

impl Book {
    /// A table's column names; None for a table `csm export` does not know.
    pub fn export_columns(&self, table: &str) -> Result<Option<Vec<String>>, BookError> {
        let Some(sql) = query(table) else {
            return Ok(None);
        };
        let stmt = self.conn().prepare(sql)?;
        Ok(Some(stmt.column_names().map(str::to_string).collect()))
    }

    /// Streams a table's rows to `each` (health as it stands on `today`); false for a
    /// table `csm export` does not know.
    pub fn export_table<E: From<BookError>>(
        &self,
        table: &str,
        today: chrono::NaiveDate,
        mut each: impl FnMut(&[Cell]) -> Result<(), E>,
    ) -> Result<bool, E> {
        let Some(sql) = query(table) else {
            return Ok(false);
        };
        let read = |e: rusqlite::Error| E::from(BookError::from(e));
        let mut stmt = self.conn().prepare(sql).map_err(read)?;
        let n = stmt.column_count();
        let mut rows = if stmt.parameter_count() == 1 {
            stmt.query([today.to_string()]).map_err(read)?
        } else {
            stmt.query([]).map_err(read)?
        };
        let mut cells = Vec::with_capacity(n);
        while let Some(r) = rows.next().map_err(read)? {
            cells.clear();
            for i in 0..n {
                cells.push(match r.get_ref(i).map_err(read)? {
                    ValueRef::Null => Cell::Null,
                    ValueRef::Integer(v) => Cell::Int(v),
                    ValueRef::Real(v) => Cell::Real(v),
                    ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(_) => Cell::Null,
                });
            }
            each(&cells)?;
        }
        Ok(true)
    }
}
