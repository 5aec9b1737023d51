//! What the growth half of the lifecycle says of one account, for its detail and its
//! QBR brief: where its onboarding stands, its open pipeline, its references and their
//! asks, and, once churned, why and when to try winning it back.

use chrono::NaiveDate;

use crate::domain::Money;
use crate::domain::advocacy::{Reference, Resting};
use crate::domain::churn::Standing;
use crate::domain::expansion::{Deal, ExpansionRules};
use crate::domain::onboarding::{FirstValue, Progress};

/// The growth facts of one account.
#[derive(Debug, Clone, Default)]
pub struct AccountGrowth {
    /// Its onboarding, while in onboarding.
    pub onboarding: Option<Progress>,
    /// Its open opportunities, soonest close first.
    pub deals: Vec<Deal>,
    /// Its people who agreed to be references, and why not now, if so.
    pub references: Vec<(Reference, Option<Resting>)>,
    /// Churned: the reason, the day to try again and where that stands.
    pub win_back: Option<(String, Option<NaiveDate>, Standing)>,
}

impl AccountGrowth {
    /// In a CSM's words, a line for each of its parts that has something to say.
    pub fn lines(&self, rules: &ExpansionRules, today: NaiveDate) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(p) = &self.onboarding {
            let mut line = format!(
                "Onboarding day {} of {}, {} of {} milestones",
                p.day,
                p.days,
                p.done(),
                p.milestones.len()
            );
            if let Some(m) = p.next_milestone() {
                if m.late(today) {
                    line.push_str(&format!(
                        "; {} {}d late",
                        m.title,
                        (today - m.due_on).num_days()
                    ));
                } else {
                    line.push_str(&format!("; next: {} by {}", m.title, m.due_on));
                }
            }
            line.push_str(&format!("; first value {}", p.first_value.words()));
            if let FirstValue::Reached { on, .. } = p.first_value {
                line.push_str(&format!(" ({on})"));
            }
            out.push(line);
        }
        if !self.deals.is_empty() {
            let currency = self.deals[0].arr.currency;
            let total: i64 = self.deals.iter().map(|d| d.arr.cents).sum();
            let weighted: i64 = self.deals.iter().map(|d| d.weighted(rules).cents).sum();
            let mut line = format!(
                "Pipeline: {} open, {} ({} weighted)",
                self.deals.len(),
                Money::new(total, currency).short(),
                Money::new(weighted, currency).short()
            );
            if let Some(d) = self.deals.iter().find(|d| d.close_on.is_some()) {
                line.push_str(&format!("; next: {}, {}", d.title, d.close_text(today)));
            }
            out.push(line);
        }
        if !self.references.is_empty() {
            let people: Vec<String> = self
                .references
                .iter()
                .map(|(r, rest)| {
                    let tier = r.tier.map_or("reference", |t| t.label());
                    match rest {
                        Some(Resting::Awaiting) => format!("{} ({tier}, ask awaiting)", r.name),
                        Some(rest) => format!("{} ({tier}, {})", r.name, rest.words()),
                        None => format!("{} ({tier}, can be asked)", r.name),
                    }
                })
                .collect();
            out.push(format!("References: {}", people.join("; ")));
        }
        if let Some((reason, try_on, standing)) = &self.win_back {
            out.push(match try_on {
                Some(on) => format!(
                    "Churned ({reason}): win back from {on}, {}",
                    standing.label()
                ),
                None => format!("Churned ({reason}): not worth a win-back try"),
            });
        }
        out
    }
}
