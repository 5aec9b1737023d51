//! The brief's sections as structured text (a title, lines, a table, a usage series),
//! written once and rendered as Markdown or HTML. Every figure is the account's own;
//! where the book has nothing, the section says what is missing and what to do.

use chrono::{Duration, NaiveDate};

use super::Brief;
use crate::domain::Money;
use crate::domain::vocab::{GoalStatus, HealthBand, SurveyKind, TicketPriority};

/// One section of the brief.
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub title: &'static str,
    /// Sentences or bullet points, in order.
    pub lines: Vec<String>,
    pub table: Option<(Vec<&'static str>, Vec<Vec<String>>)>,
    /// Weekly active users and seats, oldest first, for a chart.
    pub series: Vec<(NaiveDate, i64, i64)>,
    /// The lines are steps in order ("1. ..."), not points.
    pub numbered: bool,
}

fn money(m: Money) -> String {
    m.short()
}

fn num(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| {
        if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    })
}

fn band(b: Option<HealthBand>) -> &'static str {
    b.map_or("not scored", |b| b.as_str())
}

impl Brief {
    /// The period in words: "2026-Q3 (2026-07-01 to 2026-09-30)".
    pub fn period_words(&self) -> String {
        format!(
            "{} ({} to {})",
            self.period.name(),
            self.period.start,
            self.period.end - Duration::days(1)
        )
    }

    /// Every section, in the order the brief reads.
    pub fn sections(&self) -> Vec<Section> {
        vec![
            self.summary(),
            self.checklist(),
            self.outcomes(),
            self.usage(),
            self.support(),
            self.voice(),
            self.stakeholders(),
            self.risks(),
            self.expansion(),
            self.renewal_section(),
            self.next_steps(),
            self.agenda(),
        ]
    }

    fn summary(&self) -> Section {
        let a = &self.facts.account;
        let mut lines = vec![format!(
            "{} · {} · CSM {} · ARR {}{}",
            a.name,
            a.segment.label(),
            a.owner.as_deref().unwrap_or("unassigned"),
            money(a.arr),
            a.licensed_seats
                .map_or(String::new(), |s| format!(" · {s} seats"))
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
        match &self.renewal {
            Some(r) => match r.renewal_on {
                Some(on) => {
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
                    lines.push(format!(
                        "Renews on {on} ({} days from {}): {forecast}.",
                        (on - self.today).num_days(),
                        self.today
                    ));
                }
                None => lines.push("No open contract: no renewal date on record.".into()),
            },
            None => lines.push("No open contract: no renewal date on record.".into()),
        }
        Section {
            title: "Executive summary",
            lines,
            ..Section::default()
        }
    }

    /// What still needs checking before the meeting.
    pub fn checks(&self) -> Vec<(bool, String)> {
        let goals_updated = self.facts.goals.iter().any(|g| {
            g.updated_on
                .is_some_and(|d| self.period.contains(d) || d >= self.period.start)
        });
        let confirmed = self.gaps.is_empty();
        let on_track = self
            .renewal
            .as_ref()
            .and_then(|r| r.motion.as_ref())
            .is_none_or(|m| m.behind.is_empty());
        vec![
            (
                goals_updated,
                if self.facts.goals.is_empty() {
                    "Success-plan goals: none recorded. Agree two or three measurable goals in the meeting.".into()
                } else if goals_updated {
                    "Success-plan goals updated this quarter.".into()
                } else {
                    "Success-plan goals not updated this quarter: refresh the current values."
                        .into()
                },
            ),
            (
                confirmed,
                if confirmed {
                    "Stakeholders confirmed: no coverage gap.".into()
                } else {
                    format!(
                        "Stakeholders to confirm: {}.",
                        self.gaps
                            .iter()
                            .map(|g| g.reason.clone())
                            .collect::<Vec<_>>()
                            .join("; ")
                    )
                },
            ),
            (
                on_track,
                if on_track {
                    "Renewal motion on track.".into()
                } else {
                    "Renewal motion behind: see the renewal section.".into()
                },
            ),
        ]
    }

    fn checklist(&self) -> Section {
        Section {
            title: "Before the meeting",
            lines: self
                .checks()
                .into_iter()
                .map(|(ok, what)| format!("[{}] {what}", if ok { "x" } else { " " }))
                .collect(),
            ..Section::default()
        }
    }

    fn outcomes(&self) -> Section {
        let goals = &self.facts.goals;
        if goals.is_empty() {
            return Section {
                title: "Outcomes against the success plan",
                lines: vec!["No success plan on record: there are no goals to report against. Agree goals with a metric, a baseline and a target in this QBR.".into()],
                ..Section::default()
            };
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
            title: "Outcomes against the success plan",
            lines: vec![format!("{} goals, {achieved} achieved.", goals.len())],
            table: Some((
                vec![
                    "Goal", "Metric", "Baseline", "Now", "Target", "Progress", "Due", "Status",
                ],
                rows,
            )),
            ..Section::default()
        }
    }

    fn usage(&self) -> Section {
        let (this, before): (Vec<_>, Vec<_>) = self
            .facts
            .weeks
            .iter()
            .partition(|w| w.week_start >= self.period.start);
        if this.is_empty() {
            return Section {
                title: "Usage and adoption",
                lines: vec![format!(
                    "No usage on record for {}: import the product's weekly usage (csm import usage).",
                    self.period.name()
                )],
                ..Section::default()
            };
        }
        let mean = |ws: &[&crate::book::qbr::BriefWeek]| {
            (!ws.is_empty())
                .then(|| ws.iter().map(|w| w.active_users).sum::<i64>() as f64 / ws.len() as f64)
        };
        let now = mean(&this).unwrap_or(0.0);
        let last = this[this.len() - 1];
        let mut lines = vec![format!(
            "Active users averaged {now:.0} a week over {} weeks; {} of {} seats in the last week ({:.0}%).",
            this.len(),
            last.active_users,
            last.licensed_seats,
            last.active_users as f64 * 100.0 / last.licensed_seats.max(1) as f64
        )];
        match mean(&before) {
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
        let mut month = String::new();
        for w in &this {
            let m = w.week_start.format("%Y-%m").to_string();
            if m != month {
                month = m.clone();
                let of_month: Vec<_> = this
                    .iter()
                    .filter(|x| x.week_start.format("%Y-%m").to_string() == m)
                    .collect();
                let users =
                    of_month.iter().map(|x| x.active_users).sum::<i64>() / of_month.len() as i64;
                let seats = of_month[of_month.len() - 1].licensed_seats;
                let features = of_month[of_month.len() - 1].key_features_used;
                rows.push(vec![
                    m,
                    users.to_string(),
                    seats.to_string(),
                    features.to_string(),
                ]);
            }
        }
        Section {
            title: "Usage and adoption",
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

    fn support(&self) -> Section {
        let t = &self.facts.tickets;
        if t.is_empty() {
            return Section {
                title: "Support",
                lines: vec![format!("No tickets opened in {}.", self.period.name())],
                ..Section::default()
            };
        }
        let urgent = t
            .iter()
            .filter(|x| matches!(x.priority, TicketPriority::P1 | TicketPriority::P2))
            .count();
        let escalated = t.iter().filter(|x| x.escalated).count();
        let open = t.iter().filter(|x| x.closed_on.is_none()).count();
        let rated: Vec<i64> = t.iter().filter_map(|x| x.csat).collect();
        let mut lines = vec![format!(
            "{} tickets opened: {urgent} P1 or P2, {escalated} escalated, {open} still open.",
            t.len()
        )];
        if !rated.is_empty() {
            lines.push(format!(
                "Ticket CSAT {:.1} of 5 from {} ratings.",
                rated.iter().sum::<i64>() as f64 / rated.len() as f64,
                rated.len()
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

    fn voice(&self) -> Section {
        let nps: Vec<_> = self
            .facts
            .answers
            .iter()
            .filter(|a| a.kind == SurveyKind::Nps)
            .collect();
        let csat: Vec<_> = self
            .facts
            .answers
            .iter()
            .filter(|a| a.kind == SurveyKind::Csat)
            .collect();
        let mut lines = Vec::new();
        if nps.is_empty() {
            lines.push(format!(
                "No NPS answers in {}: ask the sponsor and champion in the meeting.",
                self.period.name()
            ));
        } else {
            let p = nps.iter().filter(|a| a.score >= 9).count() as f64;
            let d = nps.iter().filter(|a| a.score <= 6).count() as f64;
            lines.push(format!(
                "NPS {:+.0} from {} answers (scores {}).",
                (p - d) * 100.0 / nps.len() as f64,
                nps.len(),
                nps.iter()
                    .map(|a| a.score.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            for a in nps.iter().filter(|a| a.comment.is_some()) {
                lines.push(format!(
                    "\"{}\" ({} on {})",
                    a.comment.as_deref().unwrap_or(""),
                    a.score,
                    a.on
                ));
            }
        }
        if csat.is_empty() {
            lines.push("No CSAT answers in the period.".into());
        } else {
            lines.push(format!(
                "CSAT {:.1} of 5 from {} answers.",
                csat.iter().map(|a| a.score).sum::<i64>() as f64 / csat.len() as f64,
                csat.len()
            ));
        }
        Section {
            title: "NPS and CSAT",
            lines,
            ..Section::default()
        }
    }

    fn stakeholders(&self) -> Section {
        if self.people.is_empty() {
            return Section {
                title: "Stakeholders",
                lines: vec!["No contacts on record: name the executive sponsor, economic buyer and champion (csm import contacts).".into()],
                ..Section::default()
            };
        }
        let mut lines: Vec<String> = if self.gaps.is_empty() {
            vec!["No coverage gap.".into()]
        } else {
            self.gaps
                .iter()
                .map(|g| format!("Gap: {}", g.reason))
                .collect()
        };
        let ladder: Vec<String> = self
            .advocacy
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(t, n)| format!("{n} {}", t.label()))
            .collect();
        lines.push(if ladder.is_empty() {
            "Advocacy: nobody on the ladder yet.".into()
        } else {
            format!("Advocacy: {}.", ladder.join(", "))
        });
        let rows = self
            .people
            .iter()
            .filter(|p| p.left_on.is_none_or(|l| l > self.today))
            .map(|p| {
                vec![
                    p.name.clone(),
                    p.title.clone().unwrap_or_default(),
                    p.role.label().to_string(),
                    p.sentiment.label().to_string(),
                    p.days_since_touch(self.today)
                        .map_or("never".into(), |d| format!("{d} days ago")),
                ]
            })
            .collect();
        Section {
            title: "Stakeholders",
            lines,
            table: Some((
                vec!["Name", "Title", "Role", "Sentiment", "Last touch"],
                rows,
            )),
            ..Section::default()
        }
    }

    fn risks(&self) -> Section {
        let signals = self
            .health
            .as_ref()
            .map(|h| h.signals.clone())
            .unwrap_or_default();
        if signals.is_empty() {
            return Section {
                title: "Risks and mitigation",
                lines: vec!["No risk signal standing.".into()],
                ..Section::default()
            };
        }
        let plays: Vec<String> = self
            .tasks
            .iter()
            .filter(|t| t.playbook.is_some())
            .map(|t| {
                format!(
                    "{} (due {}, {})",
                    t.title,
                    t.due_on,
                    t.playbook.as_deref().unwrap_or("")
                )
            })
            .collect();
        let mut lines: Vec<String> = signals
            .iter()
            .map(|s| format!("Risk: {}", s.reason))
            .collect();
        if plays.is_empty() {
            lines.push("No mitigation under way: no playbook task is open on the account.".into());
        } else {
            lines.extend(plays.into_iter().map(|p| format!("Under way: {p}")));
        }
        Section {
            title: "Risks and mitigation",
            lines,
            ..Section::default()
        }
    }

    fn expansion(&self) -> Section {
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

    fn renewal_section(&self) -> Section {
        let Some((r, on, m)) = self
            .renewal
            .as_ref()
            .and_then(|r| Some((r, r.renewal_on?, r.motion.as_ref()?)))
        else {
            return Section {
                title: "Renewal timeline and motion",
                lines: vec!["No open contract, so no renewal motion: import the contract (csm import contracts).".into()],
                ..Section::default()
            };
        };
        let (done, of) = m.progress();
        let mut lines = vec![format!(
            "Renews {on} ({}), {} of {} motion steps done{}.",
            r.window
                .map_or("later".into(), |w| format!("{} window", w.label())),
            done,
            of,
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
        Section {
            title: "Renewal timeline and motion",
            lines,
            ..Section::default()
        }
    }

    fn next_steps(&self) -> Section {
        let horizon = self.today + Duration::days(45);
        let rows: Vec<Vec<String>> = self
            .tasks
            .iter()
            .filter(|t| t.due_on <= horizon)
            .map(|t| {
                vec![
                    t.due_on.to_string(),
                    t.title.clone(),
                    t.priority.label().to_string(),
                ]
            })
            .collect();
        Section {
            title: "Open asks and next steps",
            lines: if rows.is_empty() {
                vec!["No task open on the account for the next 45 days.".into()]
            } else {
                vec![format!("{} tasks due by {horizon}.", rows.len())]
            },
            table: (!rows.is_empty()).then(|| (vec!["Due", "Task", "Priority"], rows)),
            ..Section::default()
        }
    }

    fn agenda(&self) -> Section {
        let mut items = vec!["Welcome, goals for the meeting (5 min)".to_string()];
        items.push(if self.facts.goals.is_empty() {
            "Agree the success plan: two or three goals with a metric and a target (15 min)".into()
        } else {
            "Outcomes against the success plan (15 min)".into()
        });
        items.push("Usage and adoption: what changed, what to roll out next (10 min)".into());
        if self.health.as_ref().is_some_and(|h| !h.signals.is_empty()) {
            items.push("Risks we see and what we are doing about them (10 min)".into());
        }
        if !self.facts.opportunities.is_empty() {
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
        items.push("Roadmap and asks, agreed next steps and owners (10 min)".into());
        Section {
            title: "Suggested agenda",
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
