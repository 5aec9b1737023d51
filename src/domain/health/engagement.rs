//! Engagement: how lately we were in touch with the champion and the executive sponsor,
//! and what the customer said in the latest NPS answer.

use chrono::NaiveDate;

use super::assess::{Explain, Part, days};
use super::evidence::{Evidence, PersonFact, SurveyFact};
use super::rules::Windows;
use crate::domain::vocab::{ContactRole, SurveyKind};

/// The latest NPS answer in `(as_of - nps_days, as_of]`.
pub(super) fn latest_nps<'a>(
    e: &Evidence<'a>,
    w: &Windows,
    as_of: NaiveDate,
) -> Option<&'a SurveyFact> {
    let from = as_of - days(w.nps_days);
    e.surveys
        .iter()
        .filter(|s| s.kind == SurveyKind::Nps && s.on > from && s.on <= as_of)
        .max_by_key(|s| s.on)
}

/// The people in a role still at the company on `as_of`.
pub(super) fn present<'a>(
    e: &Evidence<'a>,
    role: ContactRole,
    as_of: NaiveDate,
) -> impl Iterator<Item = &'a PersonFact> {
    e.people
        .iter()
        .filter(move |p| p.role == role && p.present(as_of))
}

/// The person in a role who left last, on or before `as_of`.
pub(super) fn last_to_leave<'a>(
    e: &Evidence<'a>,
    role: ContactRole,
    as_of: NaiveDate,
) -> Option<&'a PersonFact> {
    e.people
        .iter()
        .filter(|p| p.role == role && p.left_on.is_some_and(|d| d <= as_of))
        .max_by_key(|p| p.left_on)
}

/// "today", "1 day ago", "52 days ago".
pub(super) fn days_ago(on: NaiveDate, as_of: NaiveDate) -> String {
    match (as_of - on).num_days() {
        0 => "today".into(),
        1 => "1 day ago".into(),
        n => format!("{n} days ago"),
    }
}

/// Full points for a touch within `window` days, falling to none at twice that.
fn recency_points(last: Option<NaiveDate>, as_of: NaiveDate, window: u32) -> f64 {
    let Some(last) = last else { return 0.0 };
    let age = (as_of - last).num_days().max(0) as f64;
    let window = f64::from(window);
    (100.0 * (2.0 - age / window)).clamp(0.0, 100.0)
}

/// NPS 9-10 (promoter) 100, 7-8 (passive) 60, a detractor five points a step.
fn nps_points(score: u8) -> f64 {
    match score {
        9.. => 100.0,
        7 | 8 => 60.0,
        s => f64::from(s) * 5.0,
    }
}

/// The points and fact of the best-touched person in a role, or 0 and who is missing.
fn relationship(
    e: &Evidence,
    role: ContactRole,
    window: u32,
    as_of: NaiveDate,
    explain: Explain,
) -> (f64, String) {
    let word = role.label();
    let best = present(e, role, as_of).max_by_key(|p| p.last_touch(as_of));
    match best {
        Some(p) => {
            let last = p.last_touch(as_of);
            let fact = match last {
                Some(d) => {
                    explain.say(|| format!("{word} {} last touched {}", p.name, days_ago(d, as_of)))
                }
                None => explain.say(|| format!("{word} {} never touched", p.name)),
            };
            (recency_points(last, as_of, window), fact)
        }
        None => {
            let fact = match last_to_leave(e, role, as_of).and_then(|p| p.left_on) {
                Some(d) => explain.say(|| format!("{word} left on {d}")),
                None => explain.say(|| format!("no {word}")),
            };
            (0.0, fact)
        }
    }
}

pub(super) fn engagement(e: &Evidence, w: &Windows, as_of: NaiveDate, explain: Explain) -> Part {
    let nps = latest_nps(e, w, as_of);
    let anyone = e.people.iter().any(|p| p.present(as_of));
    if !anyone && nps.is_none() {
        return Part::missing(
            explain.say(|| format!("no current stakeholders and no NPS in {} days", w.nps_days)),
        );
    }
    let (champion, champion_fact) = relationship(
        e,
        ContactRole::Champion,
        w.champion_touch_days,
        as_of,
        explain,
    );
    let (sponsor, sponsor_fact) = relationship(
        e,
        ContactRole::ExecutiveSponsor,
        w.sponsor_touch_days,
        as_of,
        explain,
    );
    let mut points = vec![champion, sponsor];
    let mut facts = vec![champion_fact, sponsor_fact];
    if let Some(n) = nps {
        points.push(nps_points(n.score));
        facts.push(explain.say(|| format!("latest NPS {} ({})", n.score, n.on)));
    }
    Part::scored(points.iter().sum::<f64>() / points.len() as f64, facts)
}

#[cfg(test)]
mod tests {
    use super::super::ComponentKind::Engagement;
    use super::super::fixtures::*;
    use crate::domain::vocab::ContactRole;
    use crate::domain::vocab::SurveyKind::Nps;

    #[test]
    fn a_recent_champion_sponsor_and_promoter_earn_full_points_with_names() {
        let account = Account::healthy();
        assert_eq!(account.score_of(Engagement), Some(100));
        assert_eq!(
            account.facts_of(Engagement),
            [
                "champion Ravi Patel last touched 10 days ago",
                "exec sponsor Maya Chen last touched 30 days ago",
                "latest NPS 9 (2026-01-20)",
            ]
        );
    }

    #[test]
    fn a_champion_gone_quiet_loses_points_linearly_to_none_at_twice_the_window() {
        let mut account = Account::healthy();
        account.people[0] = champion(&[45], None);
        // Champion 50 (45 of 30..60 days), sponsor 100, NPS 100.
        assert_eq!(account.score_of(Engagement), Some(83));
        account.people[0] = champion(&[60], None);
        assert_eq!(account.score_of(Engagement), Some(67));
        account.people[0] = champion(&[], None);
        assert_eq!(account.score_of(Engagement), Some(67));
        assert_eq!(
            account.facts_of(Engagement)[0],
            "champion Ravi Patel never touched"
        );
    }

    #[test]
    fn the_best_touched_champion_counts_and_touches_after_the_day_do_not() {
        let mut account = Account::healthy();
        account.people[0] = champion(&[200, -3], None);
        account
            .people
            .push(person("Ana Li", ContactRole::Champion, &[1], None));
        assert_eq!(
            account.facts_of(Engagement)[0],
            "champion Ana Li last touched 1 day ago"
        );
        account.people.pop();
        assert_eq!(
            account.facts_of(Engagement)[0],
            "champion Ravi Patel last touched 200 days ago"
        );
    }

    #[test]
    fn a_departed_champion_or_no_sponsor_scores_zero_and_says_which() {
        let mut account = Account::healthy();
        account.people[0] = champion(&[10], Some(20));
        account.people.pop();
        // Champion 0, sponsor 0, NPS 9 is 100.
        assert_eq!(account.score_of(Engagement), Some(33));
        assert_eq!(
            account.facts_of(Engagement)[..2],
            ["champion left on 2026-02-09", "no exec sponsor"]
        );
        account.people[0] = champion(&[10], Some(0));
        assert_eq!(
            account.facts_of(Engagement)[0],
            "champion left on 2026-03-01"
        );
        account.people[0] = champion(&[10], Some(-1)); // leaves tomorrow: still here
        assert_eq!(
            account.facts_of(Engagement)[0],
            "champion Ravi Patel last touched 10 days ago"
        );
    }

    #[test]
    fn the_latest_nps_within_a_year_counts_as_promoter_passive_or_detractor() {
        let mut account = Account::healthy();
        account.surveys = vec![survey(Nps, 10, 300), survey(Nps, 8, 100)];
        assert_eq!(
            account.score_of(Engagement),
            Some(87),
            "(100 + 100 + 60) / 3"
        );
        account.surveys.push(survey(Nps, 4, 20));
        assert_eq!(
            account.score_of(Engagement),
            Some(73),
            "(100 + 100 + 20) / 3"
        );
        assert_eq!(account.facts_of(Engagement)[2], "latest NPS 4 (2026-02-09)");
        account.surveys = vec![survey(Nps, 0, 400), survey(Nps, 0, -2)];
        assert_eq!(
            account.score_of(Engagement),
            Some(100),
            "old and future answers"
        );
        assert_eq!(account.facts_of(Engagement).len(), 2);
    }

    #[test]
    fn without_anyone_at_the_company_or_an_nps_engagement_is_missing() {
        let mut account = Account::healthy();
        account.surveys.clear();
        account.people = vec![champion(&[10], Some(5)), sponsor(&[30], Some(5))];
        assert_eq!(account.score_of(Engagement), None);
        assert_eq!(
            account.facts_of(Engagement),
            ["no current stakeholders and no NPS in 365 days"]
        );
    }
}
