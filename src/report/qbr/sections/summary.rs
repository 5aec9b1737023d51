//! The executive summary: who the account is, and for the internal brief its health
//! (score, trend, what pulls it down) and the renewal with its forecast; the customer's
//! names the account, its CSM and its seats.

use super::{Section, band, count, money};
use crate::report::qbr::{Audience, Brief};

impl Brief {
    pub(super) fn summary(&self, audience: Audience) -> Section {
        let a = &self.facts.account;
        let seats = a.licensed_seats.map_or(String::new(), |s| {
            format!(" · {}", count(s as usize, "seat", "seats"))
        });
        let owner = a.owner.as_deref().unwrap_or("unassigned");
        if audience == Audience::Customer {
            return Section::said(
                "Summary",
                vec![format!("{} · your CSM {owner}{seats}", a.name)],
            );
        }
        let mut lines = vec![format!(
            "{} · {} · CSM {owner} · ARR {}{seats}",
            a.name,
            a.segment.label(),
            money(a.arr),
        )];
        match &self.health {
            Some(h) => {
                let trend = |d: Option<i16>, days: u32| {
                    d.map_or(format!("no score {days} days ago"), |d| {
                        format!("{d:+} over {days} days")
                    })
                };
                lines.push(format!(
                    "Health {} ({}){}: {}, {}.",
                    h.effective
                        .score
                        .map_or("not scored".into(), |s| s.to_string()),
                    band(h.effective.band),
                    if h.effective.overridden {
                        ", set by hand"
                    } else {
                        ""
                    },
                    trend(h.trend.delta_30d, 30),
                    trend(h.trend.delta_90d, 90)
                ));
                if let Some(k) = h.assessment.top_negative {
                    lines.push(format!("Pulling it down most: {}.", k.name()));
                }
            }
            None => lines.push("Health: not scored yet (run csm health).".into()),
        }
        lines.push(self.renewal_line());
        Section::said("Executive summary", lines)
    }

    /// When the renewal is and what is forecast for it.
    fn renewal_line(&self) -> String {
        let Some((r, on)) = self.renewal.as_ref().and_then(|r| Some((r, r.renewal_on?))) else {
            return "No open contract: no renewal date on record.".into();
        };
        let forecast = match &r.forecast {
            Some(f) => format!(
                "forecast {} · {} at {}",
                f.category.label(),
                f.confidence.label(),
                money(f.arr)
            ),
            None => format!(
                "no forecast yet (suggested: {} · {} at {}, {})",
                r.suggestion.category.label(),
                r.suggestion.confidence.label(),
                money(r.suggestion.arr),
                r.suggestion.why
            ),
        };
        match (on - self.today).num_days() {
            days @ ..0 => format!(
                "Renewal was due on {on} ({} overdue on {}, no outcome recorded): {forecast}.",
                count(-days as usize, "day", "days"),
                self.today
            ),
            days => format!(
                "Renews on {on} ({} from {}): {forecast}.",
                count(days as usize, "day", "days"),
                self.today
            ),
        }
    }
}
