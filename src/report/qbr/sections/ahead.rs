//! What comes next: expansion, the renewal, open tasks and the agenda. The internal brief
//! carries the expansion asks, the renewal motion with its warnings and the team's tasks
//! (late ones said as late); the customer's carries the renewal date and an agenda
//! without asks.

use chrono::Duration;

use super::{Section, count, money};
use crate::report::qbr::{Audience, Brief};

impl Brief {
    /// Where the account stands in the growth half: its onboarding, its references and
    /// their asks (the pipeline has its own section).
    pub(super) fn lifecycle(&self) -> Section {
        let mut lines: Vec<String> = self
            .growth
            .lines(&self.expansion_rules, self.today)
            .into_iter()
            .filter(|l| !l.starts_with("Pipeline:"))
            .collect();
        if self.growth.references.is_empty() {
            lines.push(
                "No one here has agreed to be a reference yet: ask a promoter once value is shown."
                    .into(),
            );
        }
        Section::said("Onboarding and references", lines)
    }

    pub(super) fn expansion(&self) -> Section {
        let mut lines = Vec::new();
        if let Some(w) = self.facts.weeks.last()
            && w.licensed_seats > 0
            && w.active_users * 10 >= w.licensed_seats * 9
        {
            lines.push(format!(
                "Seats are {:.0}% used ({} of {}): room for more seats.",
                w.active_users as f64 * 100.0 / w.licensed_seats as f64,
                w.active_users,
                w.licensed_seats
            ));
        }
        let rows: Vec<Vec<String>> = self
            .facts
            .opportunities
            .iter()
            .map(|o| {
                vec![
                    o.title.clone(),
                    o.kind.label().to_string(),
                    money(o.arr),
                    o.stage.label().to_string(),
                    o.expected_close_on.map_or("—".into(), |d| d.to_string()),
                ]
            })
            .collect();
        if rows.is_empty() && lines.is_empty() {
            lines.push("No expansion opportunity on record.".into());
        }
        Section {
            title: "Expansion opportunities",
            lines,
            table: (!rows.is_empty()).then(|| {
                (
                    vec!["Opportunity", "Kind", "ARR", "Stage", "Expected close"],
                    rows,
                )
            }),
            ..Section::default()
        }
    }

    pub(super) fn renewal_section(&self) -> Section {
        let title = "Renewal timeline and motion";
        let Some((r, on, m)) = self
            .renewal
            .as_ref()
            .and_then(|r| Some((r, r.renewal_on?, r.motion.as_ref()?)))
        else {
            return Section::said(
                title,
                vec!["No open contract, so no renewal motion: import the contract (csm import contracts).".into()],
            );
        };
        let (done, of) = m.progress();
        let mut lines = vec![format!(
            "Renews {on} ({}), {done} of {of} motion steps done{}.",
            r.window
                .map_or("later".into(), |w| format!("{} window", w.label())),
            m.stage
                .map_or(String::new(), |s| format!("; now: {}", s.label()))
        )];
        if let Some(step) = m.next_step() {
            lines.push(format!("Next: {}.", step.to_do()));
        }
        if !m.behind.is_empty() {
            lines.push(format!(
                "Behind: {}.",
                m.behind
                    .iter()
                    .map(|s| s.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        for w in &r.warnings {
            lines.push(format!("Warning: {}.", w.reason));
        }
        Section::said(title, lines)
    }

    /// The renewal as the customer hears it: the date, and that we settle it together.
    pub(super) fn your_renewal(&self) -> Section {
        let title = "Your renewal";
        let Some(on) = self.renewal.as_ref().and_then(|r| r.renewal_on) else {
            return Section::said(
                title,
                vec![
                    "No renewal date on record: we will confirm the contract dates together."
                        .into(),
                ],
            );
        };
        let days = (on - self.today).num_days();
        let mut lines = vec![if days < 0 {
            format!("The renewal date, {on}, has passed: we will settle the renewal together.")
        } else {
            format!("Your subscription renews on {on}.")
        }];
        if (0..=120).contains(&days) {
            lines.push(
                "We will walk through the renewal timeline and what you need from us together."
                    .into(),
            );
        }
        Section::said(title, lines)
    }

    pub(super) fn next_steps(&self) -> Section {
        let horizon = self.today + Duration::days(45);
        let due: Vec<_> = self.tasks.iter().filter(|t| t.due_on <= horizon).collect();
        let late = due.iter().filter(|t| t.due_on < self.today).count();
        let rows: Vec<Vec<String>> = due
            .iter()
            .map(|t| {
                vec![
                    t.due_on.to_string(),
                    t.title.clone(),
                    t.priority.label().to_string(),
                ]
            })
            .collect();
        let line = match (rows.len(), late) {
            (0, _) => "No task open on the account for the next 45 days.".to_string(),
            (n, 0) => format!("{} due by {horizon}.", count(n, "task", "tasks")),
            (1, 1) => format!("1 task due by {horizon}, already late."),
            (n, l) if l == n => format!("{n} tasks due by {horizon}, all already late."),
            (n, l) => format!(
                "{} due by {horizon}, {l} of them already late.",
                count(n, "task", "tasks")
            ),
        };
        Section {
            title: "Open asks and next steps",
            lines: vec![line],
            table: (!rows.is_empty()).then(|| (vec!["Due", "Task", "Priority"], rows)),
            ..Section::default()
        }
    }

    pub(super) fn agenda(&self, audience: Audience) -> Section {
        let customer = audience == Audience::Customer;
        let mut items = vec!["Welcome, goals for the meeting (5 min)".to_string()];
        items.push(if self.facts.goals.is_empty() {
            "Agree the success plan: two or three goals with a metric and a target (15 min)".into()
        } else {
            "Outcomes against the success plan (15 min)".into()
        });
        items.push("Usage and adoption: what changed, what to roll out next (10 min)".into());
        if self.health.as_ref().is_some_and(|h| !h.signals.is_empty()) {
            items.push(if customer {
                "What we will work on together (10 min)".into()
            } else {
                "Risks we see and what we are doing about them (10 min)".into()
            });
        }
        if !customer && !self.facts.opportunities.is_empty() {
            items.push("Where else we can help: expansion (10 min)".into());
        }
        if self
            .renewal
            .as_ref()
            .and_then(|r| r.renewal_on)
            .is_some_and(|d| (d - self.today).num_days() <= 120)
        {
            items.push("The renewal: timeline and next steps (10 min)".into());
        }
        items.push(if customer {
            "Roadmap, your asks of us, agreed next steps and owners (10 min)".into()
        } else {
            "Roadmap and asks, agreed next steps and owners (10 min)".into()
        });
        Section {
            title: if customer {
                "Agenda"
            } else {
                "Suggested agenda"
            },
            numbered: true,
            lines: items
                .into_iter()
                .enumerate()
                .map(|(i, s)| format!("{}. {s}", i + 1))
                .collect(),
            ..Section::default()
        }
    }
}
