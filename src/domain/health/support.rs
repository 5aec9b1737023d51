//! Support: how the customer rates our help (CSAT on tickets and CSAT surveys), less
//! points for urgent tickets still open and for escalations.

use chrono::NaiveDate;

use super::assess::{Explain, Part, days, plural};
use super::evidence::{Evidence, TicketFact};
use super::rules::Windows;
use crate::domain::vocab::{SurveyKind, TicketPriority};

/// Points a CSAT-less window starts from: no news is mostly good news.
const NO_CSAT_BASE: f64 = 75.0;
/// Each P1 or P2 open on the day, up to three.
const URGENT_OPEN_PENALTY: f64 = 15.0;
const URGENT_OPEN_MAX: f64 = 45.0;
/// Each escalation opened in the window, up to two.
const ESCALATION_PENALTY: f64 = 20.0;
const ESCALATION_MAX: f64 = 40.0;

/// Tickets opened on or before `as_of` and not closed by then.
pub(super) fn open_on(
    tickets: &[TicketFact],
    as_of: NaiveDate,
) -> impl Iterator<Item = &TicketFact> {
    tickets
        .iter()
        .filter(move |t| t.opened_on <= as_of && t.closed_on.is_none_or(|c| c > as_of))
}

pub(super) fn support(e: &Evidence, w: &Windows, as_of: NaiveDate, explain: Explain) -> Part {
    let from = as_of - days(w.support_days);
    let in_window = |d: NaiveDate| d > from && d <= as_of;
    let opened: Vec<&TicketFact> = e
        .tickets
        .iter()
        .filter(|t| in_window(t.opened_on))
        .collect();
    let urgent_open = open_on(e.tickets, as_of)
        .filter(|t| matches!(t.priority, TicketPriority::P1 | TicketPriority::P2))
        .count();
    let any_open = open_on(e.tickets, as_of).next().is_some();
    let csat: Vec<u8> = e
        .tickets
        .iter()
        .filter(|t| t.closed_on.is_some_and(in_window))
        .filter_map(|t| t.csat)
        .chain(
            e.surveys
                .iter()
                .filter(|s| s.kind == SurveyKind::Csat && in_window(s.on))
                .map(|s| s.score),
        )
        .collect();
    let period = w.support_days;
    if opened.is_empty() && !any_open && csat.is_empty() {
        return Part::missing(explain.say(|| format!("no tickets or CSAT in {period} days")));
    }

    let mut facts = Vec::new();
    let base = if csat.is_empty() {
        facts.push(explain.say(|| format!("no CSAT in {period} days")));
        NO_CSAT_BASE
    } else {
        let mean = csat.iter().map(|c| f64::from(*c)).sum::<f64>() / csat.len() as f64;
        let n = csat.len();
        facts.push(
            explain.say(|| format!("CSAT {mean:.1} from {n} answer{}, {period} days", plural(n))),
        );
        (mean - 1.0) / 4.0 * 100.0
    };
    if urgent_open > 0 {
        facts.push(
            explain.say(|| format!("{urgent_open} P1/P2 ticket{} open", plural(urgent_open))),
        );
    }
    let escalations = opened.iter().filter(|t| t.escalated).count();
    if escalations > 0 {
        facts.push(explain.say(|| {
            format!(
                "{escalations} escalation{} in {period} days",
                plural(escalations)
            )
        }));
    }
    if opened.is_empty() && !any_open {
        facts.push(explain.say(|| format!("no tickets in {period} days")));
    }
    let penalty = (URGENT_OPEN_PENALTY * urgent_open as f64).min(URGENT_OPEN_MAX)
        + (ESCALATION_PENALTY * escalations as f64).min(ESCALATION_MAX);
    Part::scored(base - penalty, facts)
}

#[cfg(test)]
mod tests {
    use super::super::ComponentKind::Support;
    use super::super::fixtures::*;
    use crate::domain::vocab::SurveyKind::Csat;
    use crate::domain::vocab::TicketPriority::{P1, P2, P3};

    #[test]
    fn csat_from_tickets_and_surveys_sets_the_points() {
        let mut account = Account::healthy();
        // Ticket 5, surveys 4 and 3: mean 4.0 is three quarters of the 1-5 scale.
        account.surveys.push(survey(Csat, 4, 50));
        account.surveys.push(survey(Csat, 3, 10));
        assert_eq!(account.score_of(Support), Some(75));
        assert_eq!(
            account.facts_of(Support),
            ["CSAT 4.0 from 3 answers, 90 days"]
        );
    }

    #[test]
    fn tickets_without_csat_start_at_75_and_say_so() {
        let mut account = Account::healthy();
        account.tickets = vec![ticket(P3, 40, Some(38))];
        assert_eq!(account.score_of(Support), Some(75));
        assert_eq!(account.facts_of(Support), ["no CSAT in 90 days"]);
    }

    #[test]
    fn each_urgent_open_ticket_costs_15_up_to_45() {
        let mut account = Account::healthy();
        account.tickets.push(ticket(P1, 5, None));
        account.tickets.push(ticket(P2, 3, None));
        account.tickets.push(ticket(P3, 2, None)); // not urgent
        assert_eq!(account.score_of(Support), Some(70));
        assert_eq!(account.facts_of(Support)[1], "2 P1/P2 tickets open");
        for opened in [4, 6, 8] {
            account.tickets.push(ticket(P2, opened, None));
        }
        assert_eq!(
            account.score_of(Support),
            Some(55),
            "five open, capped at 45"
        );
    }

    #[test]
    fn an_urgent_ticket_opened_before_the_window_still_costs_while_open() {
        let mut account = Account::healthy();
        account.tickets = vec![ticket(P1, 200, None)];
        assert_eq!(account.score_of(Support), Some(60));
        assert_eq!(
            account.facts_of(Support),
            ["no CSAT in 90 days", "1 P1/P2 ticket open"]
        );
    }

    #[test]
    fn escalations_in_the_window_cost_20_each_up_to_40_even_when_closed() {
        let mut account = Account::healthy();
        account.tickets.push(escalation(P3, 60, Some(50)));
        assert_eq!(account.score_of(Support), Some(80));
        assert_eq!(account.facts_of(Support)[1], "1 escalation in 90 days");
        account.tickets.push(escalation(P3, 40, Some(30)));
        account.tickets.push(escalation(P3, 20, Some(10)));
        assert_eq!(account.score_of(Support), Some(60));
        account.tickets.push(escalation(P3, 120, Some(100))); // before the window
        assert_eq!(account.score_of(Support), Some(60));
    }

    #[test]
    fn survey_csat_alone_scores_and_notes_there_were_no_tickets() {
        let mut account = Account::healthy();
        account.tickets.clear();
        account.surveys.push(survey(Csat, 2, 30));
        assert_eq!(account.score_of(Support), Some(25));
        assert_eq!(
            account.facts_of(Support),
            ["CSAT 2.0 from 1 answer, 90 days", "no tickets in 90 days"]
        );
    }

    #[test]
    fn a_quiet_quarter_is_missing_and_the_future_does_not_count() {
        let mut account = Account::healthy();
        account.tickets = vec![rated(1, 150, 120)];
        assert_eq!(account.score_of(Support), None);
        assert_eq!(account.facts_of(Support), ["no tickets or CSAT in 90 days"]);
        // Rated 1 tomorrow, opened on the day: open today, no CSAT yet.
        account.tickets = vec![rated(1, 0, -1)];
        assert_eq!(account.score_of(Support), Some(75));
        account.tickets = vec![rated(1, -1, -3), escalation(P1, -2, None)];
        account.surveys.push(survey(Csat, 1, -1));
        assert_eq!(account.score_of(Support), None);
    }
}
