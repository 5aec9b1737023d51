//! Table rows of the kinds that hang off an account (contacts, tickets, surveys,
//! interactions, goals) to what the book takes, every cell checked: a score out of its
//! survey's range, a priority that is neither P1-P4 nor urgent, high, normal or low, a
//! contact without a name, each a problem at its line and column.

use rusqlite::types::Value;

use super::Kind;
use super::rows::{Cells, Reading, each_row};
use super::table::{Summary, TableReader};
use super::values::whole;
use crate::book::import::{RecordIn, RecordTable};
use crate::domain::money::Currency;
use crate::domain::vocab::{
    AdvocacyTier, ContactRole, GoalStatus, Influence, InteractionKind, OpportunityKind,
    OpportunityStage, Sentiment, SurveyKind, TicketPriority,
};

impl Cells<'_> {
    /// A term, stored as the book spells it.
    fn term_as<T: std::str::FromStr>(
        &mut self,
        field: &str,
        what: &str,
        spell: fn(T) -> &'static str,
    ) -> Option<Value> {
        self.term::<T>(field, what)
            .map(|t| Value::Text(spell(t).into()))
    }

    fn flag_value(&mut self, field: &str) -> Option<Value> {
        self.flag(field).map(|b| Value::Integer(i64::from(b)))
    }

    fn number(&mut self, field: &str) -> Option<Value> {
        self.read(field, |t| {
            let t = if t.contains('.') {
                t.replace(',', "")
            } else {
                t.replace(',', ".")
            };
            t.trim_end_matches('%')
                .parse::<f64>()
                .map(Value::Real)
                .map_err(|_| "a number".into())
        })
    }
}

/// Text, date and count cells as book values.
fn text(c: &Cells<'_>, field: &str) -> Option<Value> {
    c.text(field).map(Value::Text)
}

fn day(c: &mut Cells<'_>, field: &str) -> Option<Value> {
    c.date(field).map(|d| Value::Text(d.to_string()))
}

/// The columns given, leaving out what the file did not say.
fn given(pairs: Vec<(&'static str, Option<Value>)>) -> Vec<(&'static str, Value)> {
    pairs
        .into_iter()
        .filter_map(|(c, v)| Some((c, v?)))
        .collect()
}

/// An opportunity's columns: its kind and stage as a CRM writes them, its ARR in its own
/// currency, its chance (percent, or a share of 1) and its dates; a won or lost one
/// closed on its close date.
fn opportunity(c: &mut Cells<'_>, default: Currency) -> Vec<(&'static str, Value)> {
    c.required("title");
    c.required("arr");
    let kind = match c.cell("kind") {
        Some((t, column)) => match opportunity_kind(&t) {
            Some(k) => Some(Value::Text(k.as_str().into())),
            None => {
                c.problem(
                    column,
                    &t,
                    "seats, upsell or cross_sell (an add-on, a cross-sell)",
                );
                None
            }
        },
        None => None,
    };
    let stage = match c.cell("stage") {
        Some((t, column)) => match opportunity_stage(&t) {
            Some(s) => Some(s),
            None => {
                c.problem(
                    column,
                    &t,
                    "identified, qualified, proposed, won or lost (or Prospecting, Qualification, Proposal, Negotiation, Closed Won, Closed Lost)",
                );
                None
            }
        },
        None => None,
    };
    let currency = match c.cell("currency") {
        Some((code, column)) => Currency::parse(&code.to_uppercase()).unwrap_or_else(|| {
            c.problem(
                column,
                &code,
                "a three-letter currency code such as USD or EUR",
            );
            default
        }),
        None => default,
    };
    let arr = c.money("arr", currency);
    if let Some(m) = arr.filter(|m| m.cents <= 0) {
        let column = c.map.column("arr").map_or(1, |i| i + 1);
        c.problem(column, &m.short(), "an ARR above nothing");
    }
    let probability = c.read("probability", |t| {
        let n: f64 = t
            .trim_end_matches('%')
            .trim()
            .parse()
            .map_err(|_| "a chance in percent, 0 to 100".to_string())?;
        let percent = if n <= 1.0 && t.contains('.') && !t.ends_with('%') {
            n * 100.0
        } else {
            n
        };
        if (0.0..=100.0).contains(&percent) {
            Ok(percent.round() as i64)
        } else {
            Err("a chance in percent, 0 to 100".to_string())
        }
    });
    let close_on = day(c, "close_on");
    let closed = stage
        .filter(|s| matches!(s, OpportunityStage::Won | OpportunityStage::Lost))
        .and(day(c, "closed_on").or_else(|| close_on.clone()));
    given(vec![
        ("title", text(c, "title")),
        ("kind", kind),
        ("arr_cents", arr.map(|m| Value::Integer(m.cents))),
        (
            "currency",
            arr.map(|m| Value::Text(m.currency.code().into())),
        ),
        ("stage", stage.map(|s| Value::Text(s.as_str().into()))),
        ("probability", probability.map(Value::Integer)),
        ("expected_close_on", close_on),
        ("opened_on", day(c, "opened_on")),
        ("closed_on", closed),
        ("signal", text(c, "signal")),
    ])
}

/// An opportunity's kind as CRMs write it.
fn opportunity_kind(text: &str) -> Option<OpportunityKind> {
    let t = crate::import::fields::key(text);
    Some(match t.as_str() {
        "seats" | "moreseats" | "seatexpansion" | "licenses" | "licences" | "addseats" => {
            OpportunityKind::Seats
        }
        "crosssell" | "addon" | "addons" | "newproduct" | "crosssale" => OpportunityKind::CrossSell,
        "upsell"
        | "upgrade"
        | "expansion"
        | "existingbusiness"
        | "existingcustomer"
        | "existingcustomerupgrade"
        | "upsale" => OpportunityKind::Upsell,
        _ => return None,
    })
}

/// An opportunity's stage as CRMs write it: Salesforce's default stages and HubSpot's
/// default deal stages, or ours.
fn opportunity_stage(text: &str) -> Option<OpportunityStage> {
    let t = crate::import::fields::key(text);
    Some(match t.as_str() {
        "identified"
        | "prospecting"
        | "new"
        | "open"
        | "appointmentscheduled"
        | "lead"
        | "discovery" => OpportunityStage::Identified,
        "qualified" | "qualification" | "needsanalysis" | "qualifiedtobuy" | "valueproposition"
        | "iddecisionmakers" | "perceptionanalysis" => OpportunityStage::Qualified,
        "proposed"
        | "proposal"
        | "proposalpricequote"
        | "negotiation"
        | "negotiationreview"
        | "presentationscheduled"
        | "decisionmakerboughtin"
        | "contractsent"
        | "commit" => OpportunityStage::Proposed,
        "won" | "closedwon" | "closed" => OpportunityStage::Won,
        "lost" | "closedlost" => OpportunityStage::Lost,
        _ => return None,
    })
}

/// A ticket priority as support desks write it.
fn priority(text: &str) -> Option<TicketPriority> {
    Some(match text.trim().to_lowercase().as_str() {
        "p1" | "1" | "urgent" | "critical" | "highest" | "blocker" => TicketPriority::P1,
        "p2" | "2" | "high" => TicketPriority::P2,
        "p3" | "3" | "normal" | "medium" | "notpriority" | "not_priority" | "none" => {
            TicketPriority::P3
        }
        "p4" | "4" | "low" | "lowest" => TicketPriority::P4,
        // Intercom marks a conversation a priority or not.
        "priority" => TicketPriority::P2,
        _ => return None,
    })
}

/// A CSAT rating as desks write it: 1 to 5, or a word (good and bad, as Zendesk rates;
/// awesome, neutral, not good, as Freshdesk's survey does); None for a survey offered and
/// not answered.
fn csat(text: &str) -> Result<Option<i64>, String> {
    if let Ok(n) = whole(text) {
        return Ok(Some(n));
    }
    Ok(Some(match text.trim().to_lowercase().as_str() {
        "good"
        | "great"
        | "awesome"
        | "happy"
        | "satisfied"
        | "very satisfied"
        | "extremely satisfied"
        | "excellent"
        | "amazing" => 5,
        "ok" | "okay" | "neutral" | "average" | "fine" => 3,
        "bad" | "not good" | "poor" | "unhappy" | "dissatisfied" | "very dissatisfied"
        | "terrible" | "awful" => 1,
        "offered" | "unoffered" | "not offered" | "none" | "-" => return Ok(None),
        _ => return Err("a CSAT rating from 1 to 5, or good or bad".into()),
    }))
}

/// A survey file without a kind column: NPS, unless the score column's name says CSAT.
fn survey_kind_by_score_column(c: &mut Cells<'_>) -> SurveyKind {
    let named = c.map.header_of("score").map(super::fields::key);
    if named.is_some_and(|h| h.contains("csat") || h.contains("satisf")) {
        c.note("no survey kind column: read as CSAT answers (1 to 5), as the score column says");
        SurveyKind::Csat
    } else {
        c.note("no survey kind column: read as NPS answers (0 to 10)");
        SurveyKind::Nps
    }
}

/// The table, its rows, and what reading them left out or found wrong.
pub type Read = (RecordTable, Vec<RecordIn>, Summary);

/// Reads the rows of one of these kinds; None for a kind read elsewhere.
pub fn read(kind: Kind, table: TableReader<'_>, how: Reading<'_>) -> Option<Result<Read, String>> {
    let spec = match kind {
        Kind::Contacts => RecordTable {
            table: "contacts",
            defaults: &[("role", "end_user")],
        },
        Kind::Tickets => RecordTable {
            table: "tickets",
            defaults: &[("priority", "p3")],
        },
        Kind::Surveys => RecordTable {
            table: "survey_responses",
            defaults: &[],
        },
        Kind::Interactions => RecordTable {
            table: "interactions",
            defaults: &[],
        },
        Kind::Goals => RecordTable {
            table: "goals",
            defaults: &[],
        },
        Kind::Opportunities => RecordTable {
            table: "opportunities",
            defaults: &[("kind", "upsell"), ("stage", "identified")],
        },
        Kind::Accounts | Kind::Contracts | Kind::Usage | Kind::Churn => return None,
    };
    Some(
        each_row(table, how, |c| {
            let external_id = match c.map.column("external_id") {
                None if kind == Kind::Surveys => None,
                _ => c.required("external_id"),
            };
            let account = c.required("account");
            let mut contact = None;
            let mut member = None;
            let mut reports_to = None;
            let values = match kind {
                Kind::Contacts => {
                    let name = c.text("name").or_else(|| {
                        let parts: Vec<String> = [c.text("first_name"), c.text("last_name")]
                            .into_iter()
                            .flatten()
                            .collect();
                        (!parts.is_empty()).then(|| parts.join(" "))
                    });
                    if name.is_none() {
                        let column = c.map.column("name").or(c.map.column("first_name")).map_or(1, |i| i + 1);
                        c.problem(column, "", "a name (or first_name and last_name)");
                    }
                    reports_to = c.cell("reports_to");
                    given(vec![
                        ("name", name.map(Value::Text)),
                        ("title", text(c, "title")),
                        ("email", text(c, "email")),
                        ("role", c.term_as("role", "a stakeholder role: executive_sponsor, economic_buyer, decision_maker, champion, influencer, end_user or detractor", ContactRole::as_str)),
                        ("sentiment", c.term_as("sentiment", "positive, neutral, negative or unknown", Sentiment::as_str)),
                        ("influence", c.term_as("influence", "high, medium or low", Influence::as_str)),
                        ("last_touch_on", day(c, "last_touch_on")),
                        ("last_touch_kind", c.term_as("last_touch_kind", "call, email, meeting, qbr or note", InteractionKind::as_str)),
                        ("left_on", day(c, "left_on")),
                        ("advocacy", c.term_as("advocacy", "supporter, advocate, champion or ambassador", AdvocacyTier::as_str)),
                        ("referenceable", c.flag_value("referenceable")),
                    ])
                }
                Kind::Tickets => {
                    let prio = match c.cell("priority") {
                        Some((t, column)) => match priority(&t) {
                            Some(p) => Some(Value::Text(p.as_str().into())),
                            None => {
                                c.problem(column, &t, "a priority: P1 to P4, or urgent, high, normal, low");
                                None
                            }
                        },
                        None => None,
                    };
                    let csat = c.read("csat", csat);
                    if let Some(n) = csat.flatten().filter(|n| !(1..=5).contains(n)) {
                        let column = c.map.column("csat").map_or(1, |i| i + 1);
                        c.problem(column, &n.to_string(), "a CSAT rating from 1 to 5");
                    }
                    c.required("opened_on");
                    let subject = text(c, "subject").or_else(|| {
                        c.note("no subject: `no subject` used");
                        Some(Value::Text("no subject".into()))
                    });
                    let escalated = c.flag_value("escalated").or_else(|| {
                        c.text("tags")
                            .filter(|t| t.to_lowercase().contains("escalat"))
                            .map(|_| Value::Integer(1))
                    });
                    given(vec![
                        ("subject", subject),
                        ("priority", prio),
                        ("escalated", escalated),
                        ("opened_on", day(c, "opened_on")),
                        ("closed_on", day(c, "closed_on")),
                        ("csat", csat.flatten().map(Value::Integer)),
                    ])
                }
                Kind::Surveys => {
                    contact = c.cell("contact");
                    c.required("score");
                    c.required("responded_on");
                    let kind = match c.map.column("kind") {
                        Some(_) => c.term::<SurveyKind>("kind", "a survey: nps or csat"),
                        None => Some(survey_kind_by_score_column(c)),
                    };
                    let score = c.count("score");
                    let range = match kind {
                        Some(SurveyKind::Nps) => 0..=10,
                        _ => 1..=5,
                    };
                    if let (Some(k), Some(n)) = (kind, score)
                        && !range.contains(&n)
                    {
                        let column = c.map.column("score").map_or(1, |i| i + 1);
                        c.problem(column, &n.to_string(), format!("a {} score from {} to {}", k.label(), range.start(), range.end()));
                    }
                    given(vec![
                        ("kind", kind.map(|k| Value::Text(k.as_str().into()))),
                        ("score", score.map(Value::Integer)),
                        ("responded_on", day(c, "responded_on")),
                        ("comment", text(c, "comment")),
                    ])
                }
                Kind::Interactions => {
                    contact = c.cell("contact");
                    member = c.text("author").map(|a| ("author_id", a));
                    c.required("kind");
                    c.required("occurred_on");
                    given(vec![
                        ("kind", c.term_as("kind", "a touch: call, email, meeting, qbr or note", InteractionKind::as_str)),
                        ("occurred_on", day(c, "occurred_on")),
                        ("summary", text(c, "summary")),
                    ])
                }
                Kind::Goals => {
                    member = c.text("owner").map(|o| ("owner_id", o));
                    c.required("title");
                    c.required("metric");
                    given(vec![
                        ("title", text(c, "title")),
                        ("metric", text(c, "metric")),
                        ("baseline", c.number("baseline")),
                        ("current", c.number("current")),
                        ("target", c.number("target")),
                        ("due_on", day(c, "due_on")),
                        ("status", c.term_as("status", "not_started, on_track, at_risk, achieved or missed", GoalStatus::as_str)),
                        ("updated_on", day(c, "updated_on")),
                    ])
                }
                Kind::Opportunities => opportunity(c, how.currency),
                Kind::Accounts | Kind::Contracts | Kind::Usage | Kind::Churn => Vec::new(),
            };
            let (account, account_column) = account?;
            let external_id = match external_id {
                Some((id, _)) => id,
                // A survey export without response ids: the account, day and respondent
                // name the answer.
                None if kind == Kind::Surveys => format!(
                    "{account}:{}:{}",
                    c.text("responded_on").unwrap_or_default(),
                    contact.as_ref().map_or_else(|| c.row.line.to_string(), |(who, _)| who.clone())
                ),
                None => return None,
            };
            Some(RecordIn {
                line: c.row.line,
                external_id,
                account,
                account_column,
                values,
                contact,
                member,
                reports_to,
            })
        })
        .map(|(rows, summary)| (spec, rows, summary)),
    )
}
