//! What the quarter brought: outcomes against the success plan, usage and adoption,
//! support, and NPS and CSAT. A mean or score from fewer than a handful of data points
//! (`metrics::sample`) is said as thin evidence, never as a finding.

use super::{Section, THIN, count, num};
use crate::book::qbr::BriefWeek;
use crate::domain::metrics::sample::thin;
use crate::domain::vocab::{GoalStatus, SurveyKind, TicketPriority};
use crate::report::qbr::{Audience, Brief};

/// "from 6 answers", or "from only 1 answer: too few to read as a trend" once `tail` is
/// said; `tail` is what comes between the count and the verdict ("(scores 9, 6)").
fn from(n: usize, one: &str, many: &str, tail: &str) -> String {
    if thin(n) {
        format!("from only {}{tail}: {THIN}.", count(n, one, many))
    } else {
        format!("from {}{tail}.", count(n, one, many))
    }
}

impl Brief {
    pub(super) fn outcomes(&self) -> Section {
        let goals = &self.facts.goals;
        let title = "Outcomes against the success plan";
        if goals.is_empty() {
            return Section::said(
                title,
                vec!["No success plan on record: there are no goals to report against. Agree goals with a metric, a baseline and a target in this QBR.".into()],
            );
        }
        let achieved = goals
            .iter()
            .filter(|g| g.status == GoalStatus::Achieved)
            .count();
        let rows = goals
            .iter()
            .map(|g| {
                let progress = match (g.baseline, g.current, g.target) {
                    (Some(b), Some(c), Some(t)) if (t - b).abs() > f64::EPSILON => {
                        format!("{:.0}%", ((c - b) / (t - b) * 100.0).clamp(-999.0, 999.0))
                    }
                    _ => "—".into(),
                };
                vec![
                    g.title.clone(),
                    g.metric.clone(),
                    num(g.baseline),
                    num(g.current),
                    num(g.target),
                    progress,
                    g.due_on.map_or("—".into(), |d| d.to_string()),
                    g.status.label().to_string(),
                ]
            })
            .collect();
        Section {
            title,
            lines: vec![format!(
                "{}, {achieved} achieved.",
                count(goals.len(), "goal", "goals")
            )],
            table: Some((
                vec![
                    "Goal", "Metric", "Baseline", "Now", "Target", "Progress", "Due", "Status",
                ],
                rows,
            )),
            ..Section::default()
        }
    }

    pub(super) fn usage(&self, audience: Audience) -> Section {
        let title = "Usage and adoption";
        let (this, before): (Vec<_>, Vec<_>) = self
            .facts
            .weeks
            .iter()
            .partition(|w| w.week_start >= self.period.start);
        if this.is_empty() {
            return Section::said(
                title,
                vec![match audience {
                    Audience::Internal => format!(
                        "No usage on record for {}: import the product's weekly usage (csm import usage).",
                        self.period.name()
                    ),
                    Audience::Customer => format!("No usage on record for {}.", self.period.name()),
                }],
            );
        }
        let mean = |ws: &[&BriefWeek]| {
            (!ws.is_empty())
                .then(|| ws.iter().map(|w| w.active_users).sum::<i64>() as f64 / ws.len() as f64)
        };
        let now = mean(&this).unwrap_or(0.0);
        let last = this[this.len() - 1];
        let over = if thin(this.len()) {
            format!("over only {} ({THIN})", count(this.len(), "week", "weeks"))
        } else {
            format!("over {}", count(this.len(), "week", "weeks"))
        };
        let mut lines = vec![format!(
            "Active users averaged {now:.0} a week {over}; {} of {} seats in the last week ({:.0}%).",
            last.active_users,
            last.licensed_seats,
            last.active_users as f64 * 100.0 / last.licensed_seats.max(1) as f64
        )];
        match mean(&before) {
            Some(_) if thin(before.len()) || thin(this.len()) => lines.push(format!(
                "Too few weeks to compare with the quarter before ({} then, {} now).",
                count(before.len(), "week", "weeks"),
                count(this.len(), "week", "weeks")
            )),
            Some(prev) if prev > 0.0 => lines.push(format!(
                "Against the quarter before ({prev:.0} a week): {:+.0}%.",
                (now / prev - 1.0) * 100.0
            )),
            _ => lines.push("No usage for the quarter before to compare with.".into()),
        }
        lines.push(format!(
            "Key features in use in the last week: {} of {}.",
            last.key_features_used, self.facts.key_features
        ));
        // A row a month in the table: the Markdown brief stays compact.
        let mut rows: Vec<Vec<String>> = Vec::new();
        for w in &this {
            let m = w.week_start.format("%Y-%m").to_string();
            if rows.last().is_some_and(|r| r[0] == m) {
                continue;
            }
            let of_month: Vec<_> = this
                .iter()
                .filter(|x| x.week_start.format("%Y-%m").to_string() == m)
                .collect();
            let users =
                of_month.iter().map(|x| x.active_users).sum::<i64>() / of_month.len() as i64;
            let end = of_month[of_month.len() - 1];
            rows.push(vec![
                m,
                users.to_string(),
                end.licensed_seats.to_string(),
                end.key_features_used.to_string(),
            ]);
        }
        Section {
            title,
            lines,
            table: Some((
                vec![
                    "Month",
                    "Active users (weekly mean)",
                    "Seats",
                    "Key features",
                ],
                rows,
            )),
            series: self
                .facts
                .weeks
                .iter()
                .map(|w| (w.week_start, w.active_users, w.licensed_seats))
                .collect(),
            numbered: false,
        }
    }

    pub(super) fn support(&self) -> Section {
        let t = &self.facts.tickets;
        if t.is_empty() {
            return Section::said(
                "Support",
                vec![format!("No tickets opened in {}.", self.period.name())],
            );
        }
        let urgent = t
            .iter()
            .filter(|x| matches!(x.priority, TicketPriority::P1 | TicketPriority::P2))
            .count();
        let escalated = t.iter().filter(|x| x.escalated).count();
        let open = t.iter().filter(|x| x.closed_on.is_none()).count();
        let rated: Vec<i64> = t.iter().filter_map(|x| x.csat).collect();
        let mut lines = vec![format!(
            "{} opened: {urgent} P1 or P2, {escalated} escalated, {open} still open.",
            count(t.len(), "ticket", "tickets")
        )];
        if !rated.is_empty() {
            lines.push(format!(
                "Ticket CSAT {:.1} of 5 {}",
                rated.iter().sum::<i64>() as f64 / rated.len() as f64,
                from(rated.len(), "rating", "ratings", "")
            ));
        }
        let rows = t
            .iter()
            .filter(|x| {
                x.escalated
                    || matches!(x.priority, TicketPriority::P1 | TicketPriority::P2)
                    || x.closed_on.is_none()
            })
            .map(|x| {
                vec![
                    x.opened_on.to_string(),
                    x.priority.label().to_string(),
                    x.subject.clone(),
                    if x.escalated { "yes".into() } else { "".into() },
                    x.closed_on.map_or("open".into(), |d| d.to_string()),
                ]
            })
            .collect::<Vec<_>>();
        Section {
            title: "Support",
            lines,
            table: (!rows.is_empty()).then(|| {
                (
                    vec!["Opened", "Priority", "Subject", "Escalated", "Closed"],
                    rows,
                )
            }),
            ..Section::default()
        }
    }

    pub(super) fn voice(&self, audience: Audience) -> Section {
        let of = |kind| -> Vec<_> {
            self.facts
                .answers
                .iter()
                .filter(|a| a.kind == kind)
                .collect()
        };
        let (nps, csat) = (of(SurveyKind::Nps), of(SurveyKind::Csat));
        let mut lines = Vec::new();
        if nps.is_empty() {
            lines.push(match audience {
                Audience::Internal => format!(
                    "No NPS answers in {}: ask the sponsor and champion in the meeting.",
                    self.period.name()
                ),
                Audience::Customer => format!("No NPS answers in {}.", self.period.name()),
            });
        } else {
            let p = nps.iter().filter(|a| a.score >= 9).count() as f64;
            let d = nps.iter().filter(|a| a.score <= 6).count() as f64;
            let scores: Vec<String> = nps.iter().map(|a| a.score.to_string()).collect();
            let tail = format!(
                " ({} {})",
                if nps.len() == 1 { "score" } else { "scores" },
                scores.join(", ")
            );
            lines.push(format!(
                "NPS {:+.0} {}",
                (p - d) * 100.0 / nps.len() as f64,
                from(nps.len(), "answer", "answers", &tail)
            ));
            // A comment with its score and day can name its author: the team's eyes only.
            if audience == Audience::Internal {
                for a in nps.iter().filter(|a| a.comment.is_some()) {
                    lines.push(format!(
                        "\"{}\" ({} on {})",
                        a.comment.as_deref().unwrap_or(""),
                        a.score,
                        a.on
                    ));
                }
            }
        }
        if csat.is_empty() {
            lines.push("No CSAT answers in the period.".into());
        } else {
            lines.push(format!(
                "CSAT {:.1} of 5 {}",
                csat.iter().map(|a| a.score).sum::<i64>() as f64 / csat.len() as f64,
                from(csat.len(), "answer", "answers", "")
            ));
        }
        Section::said("NPS and CSAT", lines)
    }
}
