//! Bulk loading of records into the book, for the demo generator and imports: upserts by
//! the source system's `external_id`, so loading the same rows again updates them instead
//! of duplicating. Runs inside a `Change`, so a load is all or nothing and journaled.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::identity;
use super::write::Change;
use super::{BookError, meta};
use crate::domain::records::*;

/// How many rows of each kind a load wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LoadCounts {
    pub team_members: u64,
    pub features: u64,
    pub accounts: u64,
    pub contracts: u64,
    pub usage_weeks: u64,
    pub tickets: u64,
    pub survey_responses: u64,
    pub contacts: u64,
    pub interactions: u64,
    pub tasks: u64,
    pub goals: u64,
    pub opportunities: u64,
}

impl LoadCounts {
    /// Every row written, of any kind.
    pub fn total(&self) -> u64 {
        self.team_members
            + self.features
            + self.accounts
            + self.contracts
            + self.usage_weeks
            + self.tickets
            + self.survey_responses
            + self.contacts
            + self.interactions
            + self.tasks
            + self.goals
            + self.opportunities
    }
}

/// Loads records within one change, remembering team ids by external id.
pub struct Loader<'c, 'a> {
    change: &'c mut Change<'a>,
    team: HashMap<String, i64>,
    pub counts: LoadCounts,
}

impl<'c, 'a> Loader<'c, 'a> {
    pub fn new(change: &'c mut Change<'a>) -> Loader<'c, 'a> {
        Loader {
            change,
            team: HashMap::new(),
            counts: LoadCounts::default(),
        }
    }

    /// The transaction the load runs in, for derived rows written alongside it.
    pub fn tx(&self) -> &rusqlite::Transaction<'_> {
        self.change.tx()
    }

    /// Records a fact about the book (see `book::meta`).
    pub fn set_meta(&mut self, key: &str, value: &str) -> Result<(), BookError> {
        meta::set(self.change.tx(), key, value)
    }

    /// Closes the load with one journal entry that says what it wrote.
    pub fn finish(self, what: &str) -> Result<LoadCounts, BookError> {
        let c = &self.counts;
        let summary = format!(
            "{what}: {} accounts, {} contracts, {} usage weeks, {} tickets, {} survey responses, \
             {} contacts, {} interactions, {} tasks, {} goals, {} opportunities, {} team members",
            c.accounts,
            c.contracts,
            c.usage_weeks,
            c.tickets,
            c.survey_responses,
            c.contacts,
            c.interactions,
            c.tasks,
            c.goals,
            c.opportunities,
            c.team_members
        );
        self.change.record_import("book", &summary)?;
        Ok(self.counts)
    }

    /// Loads the team, then links each member to their manager (a manager missing from
    /// the records leaves the member without one rather than failing the load).
    pub fn team(&mut self, members: &[TeamMember]) -> Result<(), BookError> {
        for m in members {
            let id: i64 = self
                .change
                .tx()
                .prepare_cached(
                    "INSERT INTO team_members (external_id, name, email, role, uid) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (external_id) DO UPDATE SET name = excluded.name, email = excluded.email,
                         role = excluded.role
                     RETURNING id",
                )?
                .query_row(params![m.external_id, m.name, m.email, m.role.as_str(), identity::uid_text("team_members", &m.external_id)], |r| r.get(0))?;
            self.team.insert(m.external_id.clone(), id);
        }
        for m in members {
            let manager = self.team_id(m.manager.as_ref())?;
            let id = self.team[&m.external_id];
            self.change
                .tx()
                .prepare_cached("UPDATE team_members SET manager_id = ?1 WHERE id = ?2")?
                .execute(params![manager, id])?;
        }
        self.counts.team_members += members.len() as u64;
        Ok(())
    }

    /// Loads the product's feature catalog.
    pub fn features(&mut self, features: &[Feature]) -> Result<(), BookError> {
        let mut stmt = self.change.tx().prepare_cached(
            "INSERT INTO features (external_id, name, is_key, uid) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (external_id) DO UPDATE SET name = excluded.name, is_key = excluded.is_key",
        )?;
        for f in features {
            stmt.execute(params![
                f.external_id,
                f.name,
                f.is_key,
                identity::uid_text("features", &f.external_id)
            ])?;
        }
        self.counts.features += features.len() as u64;
        Ok(())
    }

    /// The book's id of a team member, by external id (loaded now or before).
    fn team_id(&mut self, external_id: Option<&String>) -> Result<Option<i64>, BookError> {
        let Some(ext) = external_id else {
            return Ok(None);
        };
        if let Some(id) = self.team.get(ext) {
            return Ok(Some(*id));
        }
        let found: Option<i64> = self
            .change
            .tx()
            .prepare_cached("SELECT id FROM team_members WHERE external_id = ?1")?
            .query_row([ext], |r| r.get(0))
            .optional()?;
        if let Some(id) = found {
            self.team.insert(ext.clone(), id);
        }
        Ok(found)
    }

    /// Loads one account and everything about it; returns the account's id.
    pub fn bundle(&mut self, b: &AccountBundle) -> Result<i64, BookError> {
        let account_id = self.account(&b.account)?;
        self.contracts(account_id, &b.contracts)?;
        self.usage(account_id, &b.usage)?;
        self.tickets(account_id, &b.tickets)?;
        let contacts = self.contacts(account_id, &b.contacts)?;
        self.surveys(account_id, &b.surveys, &contacts)?;
        self.interactions(account_id, &b.interactions, &contacts)?;
        self.tasks(account_id, &b.tasks)?;
        self.goals(account_id, &b.goals)?;
        self.opportunities(account_id, &b.opportunities)?;
        Ok(account_id)
    }

    fn account(&mut self, a: &Account) -> Result<i64, BookError> {
        let owner = self.team_id(a.owner.as_ref())?;
        let id = self.change.tx().prepare_cached(
            "INSERT INTO accounts (external_id, name, segment, owner_id, industry, region, lifecycle_stage,
                 arr_cents, currency, licensed_seats, started_on, went_live_on, churned_on, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             ON CONFLICT (external_id) DO UPDATE SET name = excluded.name, segment = excluded.segment,
                 owner_id = excluded.owner_id, industry = excluded.industry, region = excluded.region,
                 lifecycle_stage = excluded.lifecycle_stage, arr_cents = excluded.arr_cents,
                 currency = excluded.currency, licensed_seats = excluded.licensed_seats,
                 started_on = excluded.started_on, went_live_on = excluded.went_live_on,
                 churned_on = excluded.churned_on
             RETURNING id",
        )?
        .query_row(
            params![
                a.external_id,
                a.name,
                a.segment.as_str(),
                owner,
                a.industry,
                a.region,
                a.lifecycle_stage.as_str(),
                a.arr.cents,
                a.arr.currency.code(),
                a.licensed_seats,
                a.started_on,
                a.went_live_on,
                a.churned_on
            , identity::uid_text("accounts", &a.external_id)],
            |r| r.get(0),
        )?;
        self.counts.accounts += 1;
        Ok(id)
    }

    fn contracts(&mut self, account_id: i64, contracts: &[Contract]) -> Result<(), BookError> {
        let mut stmt = self.change.tx().prepare_cached(
            "INSERT INTO contracts (external_id, account_id, starts_on, ends_on, arr_cents, currency,
                 forecast_category, forecast_confidence, forecast_arr_cents, outcome, outcome_on, outcome_arr_cents,
                 outcome_reason, outcome_note, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
             ON CONFLICT (external_id) DO UPDATE SET account_id = excluded.account_id,
                 starts_on = excluded.starts_on, ends_on = excluded.ends_on, arr_cents = excluded.arr_cents,
                 currency = excluded.currency, forecast_category = excluded.forecast_category,
                 forecast_confidence = excluded.forecast_confidence,
                 forecast_arr_cents = excluded.forecast_arr_cents, outcome = excluded.outcome,
                 outcome_on = excluded.outcome_on, outcome_arr_cents = excluded.outcome_arr_cents,
                 outcome_reason = excluded.outcome_reason, outcome_note = excluded.outcome_note",
        )?;
        for c in contracts {
            stmt.execute(params![
                c.external_id,
                account_id,
                c.starts_on,
                c.ends_on,
                c.arr.cents,
                c.arr.currency.code(),
                c.forecast.as_ref().map(|f| f.category.as_str()),
                c.forecast.as_ref().map(|f| f.confidence.as_str()),
                c.forecast.as_ref().map(|f| f.arr.cents),
                c.outcome.as_ref().map(|o| o.kind.as_str()),
                c.outcome.as_ref().map(|o| o.on),
                c.outcome.as_ref().map(|o| o.arr.cents),
                c.outcome.as_ref().and_then(|o| o.reason.as_deref()),
                c.outcome.as_ref().and_then(|o| o.note.as_deref()),
                identity::uid_text("contracts", &c.external_id),
            ])?;
        }
        self.counts.contracts += contracts.len() as u64;
        Ok(())
    }

    fn usage(&mut self, account_id: i64, weeks: &[UsageWeek]) -> Result<(), BookError> {
        let mut stmt = self.change.tx().prepare_cached(
            "INSERT OR REPLACE INTO usage_weeks (account_id, week_start, active_users, licensed_seats,
                 sessions, key_features_used)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for w in weeks {
            stmt.execute(params![
                account_id,
                w.week_start,
                w.active_users,
                w.licensed_seats,
                w.sessions,
                w.key_features_used
            ])?;
        }
        self.counts.usage_weeks += weeks.len() as u64;
        Ok(())
    }

    fn tickets(&mut self, account_id: i64, tickets: &[Ticket]) -> Result<(), BookError> {
        let mut stmt = self.change.tx().prepare_cached(
            "INSERT INTO tickets (external_id, account_id, subject, priority, escalated, opened_on, closed_on, csat, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (external_id) DO UPDATE SET account_id = excluded.account_id,
                 subject = excluded.subject, priority = excluded.priority, escalated = excluded.escalated,
                 opened_on = excluded.opened_on, closed_on = excluded.closed_on, csat = excluded.csat",
        )?;
        for t in tickets {
            stmt.execute(params![
                t.external_id,
                account_id,
                t.subject,
                t.priority.as_str(),
                t.escalated,
                t.opened_on,
                t.closed_on,
                t.csat,
                identity::uid_text("tickets", &t.external_id)
            ])?;
        }
        self.counts.tickets += tickets.len() as u64;
        Ok(())
    }

    /// Loads the account's contacts, then links who reports to whom; returns their ids by
    /// external id.
    fn contacts(
        &mut self,
        account_id: i64,
        contacts: &[Contact],
    ) -> Result<HashMap<String, i64>, BookError> {
        let mut ids = HashMap::with_capacity(contacts.len());
        {
            let mut stmt = self.change.tx().prepare_cached(
                "INSERT INTO contacts (external_id, account_id, name, title, email, role, sentiment, influence,
                     last_touch_on, last_touch_kind, left_on, advocacy, referenceable, last_reference_on, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                 ON CONFLICT (external_id) DO UPDATE SET account_id = excluded.account_id,
                     name = excluded.name, title = excluded.title, email = excluded.email,
                     role = excluded.role, sentiment = excluded.sentiment, influence = excluded.influence,
                     last_touch_on = excluded.last_touch_on, last_touch_kind = excluded.last_touch_kind,
                     left_on = excluded.left_on, advocacy = excluded.advocacy,
                     referenceable = excluded.referenceable, last_reference_on = excluded.last_reference_on
                 RETURNING id",
            )?;
            for c in contacts {
                let id: i64 = stmt.query_row(
                    params![
                        c.external_id,
                        account_id,
                        c.name,
                        c.title,
                        c.email,
                        c.role.as_str(),
                        c.sentiment.as_str(),
                        c.influence.as_str(),
                        c.last_touch_on,
                        c.last_touch_kind.map(|k| k.as_str()),
                        c.left_on,
                        c.advocacy.map(|a| a.as_str()),
                        c.referenceable,
                        c.last_reference_on,
                        identity::uid_text("contacts", &c.external_id)
                    ],
                    |r| r.get(0),
                )?;
                ids.insert(c.external_id.clone(), id);
            }
        }
        let mut link = self
            .change
            .tx()
            .prepare_cached("UPDATE contacts SET reports_to_id = ?1 WHERE id = ?2")?;
        for c in contacts {
            let manager = c.reports_to.as_ref().and_then(|m| ids.get(m));
            if let (Some(manager), Some(id)) = (manager, ids.get(&c.external_id)) {
                link.execute(params![manager, id])?;
            }
        }
        self.counts.contacts += contacts.len() as u64;
        Ok(ids)
    }

    fn surveys(
        &mut self,
        account_id: i64,
        surveys: &[SurveyResponse],
        contacts: &HashMap<String, i64>,
    ) -> Result<(), BookError> {
        let mut stmt = self.change.tx().prepare_cached(
            "INSERT INTO survey_responses (external_id, account_id, contact_id, kind, score, responded_on, comment, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (external_id) DO UPDATE SET account_id = excluded.account_id,
                 contact_id = excluded.contact_id, kind = excluded.kind, score = excluded.score,
                 responded_on = excluded.responded_on, comment = excluded.comment",
        )?;
        for s in surveys {
            let contact = s.respondent.as_ref().and_then(|c| contacts.get(c));
            stmt.execute(params![
                s.external_id,
                account_id,
                contact,
                s.kind.as_str(),
                s.score,
                s.responded_on,
                s.comment,
                identity::uid_text("survey_responses", &s.external_id)
            ])?;
        }
        self.counts.survey_responses += surveys.len() as u64;
        Ok(())
    }

    fn interactions(
        &mut self,
        account_id: i64,
        interactions: &[Interaction],
        contacts: &HashMap<String, i64>,
    ) -> Result<(), BookError> {
        for i in interactions {
            let author = self.team_id(i.author.as_ref())?;
            let contact = i.contact.as_ref().and_then(|c| contacts.get(c));
            self.change
                .tx()
                .prepare_cached(
                    "INSERT INTO interactions (external_id, account_id, contact_id, author_id, kind, occurred_on, summary, uid)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT (external_id) DO UPDATE SET account_id = excluded.account_id,
                         contact_id = excluded.contact_id, author_id = excluded.author_id, kind = excluded.kind,
                         occurred_on = excluded.occurred_on, summary = excluded.summary",
                )?
                .execute(params![
                    i.external_id,
                    account_id,
                    contact,
                    author,
                    i.kind.as_str(),
                    i.occurred_on,
                    i.summary
                , identity::uid_text("interactions", &i.external_id)])?;
        }
        self.counts.interactions += interactions.len() as u64;
        Ok(())
    }

    fn tasks(&mut self, account_id: i64, tasks: &[Task]) -> Result<(), BookError> {
        for t in tasks {
            let owner = self.team_id(t.owner.as_ref())?;
            self.change
                .tx()
                .prepare_cached(
                    "INSERT INTO tasks (external_id, account_id, owner_id, title, description, due_on, status,
                         priority, snoozed_until, snooze_reason, playbook_id, created_on, completed_on, uid)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                     ON CONFLICT (external_id) DO UPDATE SET account_id = excluded.account_id,
                         owner_id = excluded.owner_id, title = excluded.title,
                         description = excluded.description, due_on = excluded.due_on,
                         status = excluded.status, priority = excluded.priority,
                         snoozed_until = excluded.snoozed_until, snooze_reason = excluded.snooze_reason,
                         playbook_id = excluded.playbook_id, created_on = excluded.created_on,
                         completed_on = excluded.completed_on,
                         step = CASE WHEN tasks.playbook_id IS excluded.playbook_id
                                      AND tasks.title IS excluded.title THEN tasks.step END,
                         completes = CASE WHEN tasks.playbook_id IS excluded.playbook_id
                                      AND tasks.title IS excluded.title THEN tasks.completes END,
                         moot = CASE WHEN tasks.playbook_id IS excluded.playbook_id
                                      AND tasks.title IS excluded.title THEN tasks.moot END,
                         closed_reason = CASE WHEN excluded.status IN ('done', 'skipped')
                                      THEN tasks.closed_reason END",
                )?
                .execute(params![
                    t.external_id,
                    account_id,
                    owner,
                    t.title,
                    t.description,
                    t.due_on,
                    t.status.as_str(),
                    t.priority.as_str(),
                    t.snoozed_until,
                    t.snooze_reason,
                    t.playbook,
                    t.created_on,
                    t.completed_on
                , identity::uid_text("tasks", &t.external_id)])?;
        }
        self.counts.tasks += tasks.len() as u64;
        Ok(())
    }

    fn goals(&mut self, account_id: i64, goals: &[Goal]) -> Result<(), BookError> {
        for g in goals {
            let owner = self.team_id(g.owner.as_ref())?;
            self.change
                .tx()
                .prepare_cached(
                    "INSERT INTO goals (external_id, account_id, title, metric, baseline, current, target,
                         due_on, owner_id, status, updated_on, uid)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                     ON CONFLICT (external_id) DO UPDATE SET account_id = excluded.account_id,
                         title = excluded.title, metric = excluded.metric, baseline = excluded.baseline,
                         current = excluded.current, target = excluded.target, due_on = excluded.due_on,
                         owner_id = excluded.owner_id, status = excluded.status, updated_on = excluded.updated_on",
                )?
                .execute(params![
                    g.external_id,
                    account_id,
                    g.title,
                    g.metric,
                    g.baseline,
                    g.current,
                    g.target,
                    g.due_on,
                    owner,
                    g.status.as_str(),
                    g.updated_on
                , identity::uid_text("goals", &g.external_id)])?;
        }
        self.counts.goals += goals.len() as u64;
        Ok(())
    }

    fn opportunities(
        &mut self,
        account_id: i64,
        opportunities: &[Opportunity],
    ) -> Result<(), BookError> {
        let mut stmt = self.change.tx().prepare_cached(
            "INSERT INTO opportunities (external_id, account_id, kind, title, arr_cents, currency, stage,
                 expected_close_on, closed_on, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CASE WHEN ?7 IN ('won', 'lost') THEN ?8 END, ?9)
             ON CONFLICT (external_id) DO UPDATE SET account_id = excluded.account_id, kind = excluded.kind,
                 title = excluded.title, arr_cents = excluded.arr_cents, currency = excluded.currency,
                 stage = excluded.stage, expected_close_on = excluded.expected_close_on,
                 closed_on = excluded.closed_on",
        )?;
        for o in opportunities {
            stmt.execute(params![
                o.external_id,
                account_id,
                o.kind.as_str(),
                o.title,
                o.arr.cents,
                o.arr.currency.code(),
                o.stage.as_str(),
                o.expected_close_on,
                identity::uid_text("opportunities", &o.external_id)
            ])?;
        }
        self.counts.opportunities += opportunities.len() as u64;
        Ok(())
    }
}
