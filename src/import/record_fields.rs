//! The fields of the kinds that hang off an account (contacts, tickets, surveys,
//! interactions, goals and opportunities), and the columns of the book each one fills.

use super::fields::{Field, FieldType::*, f};

#[rustfmt::skip]
pub const CONTACTS: &[Field] = &[
    f("external_id", Text, true, "the contact's id where it comes from", "003A0000012",
      &["externalid", "id", "contactid", "recordid", "contactexternalid", "personid", "hsobjectid"]),
    f("account", Text, true, "the account's external id (or, if unique, its name)", "001A000001",
      &["account", "accountid", "accountexternalid", "associatedcompanyids", "associatedcompanyid", "companyid", "accountname", "company"]),
    f("name", Text, false, "the full name (or first_name and last_name)", "Maya Chen",
      &["name", "fullname", "contactname"]),
    f("first_name", Text, false, "the first name, when the file splits names", "Maya", &["firstname", "givenname"]),
    f("last_name", Text, false, "the last name, when the file splits names", "Chen", &["lastname", "surname", "familyname"]),
    f("title", Text, false, "job title", "VP Operations", &["title", "jobtitle"]),
    f("email", Text, false, "email address", "maya@northwind.example", &["email", "emailaddress"]),
    f("role", Term, false, "executive_sponsor, economic_buyer, decision_maker, champion, influencer, end_user or detractor (new contacts without one are end users)", "champion",
      &["role", "contactrole", "stakeholderrole", "buyingrole"]),
    f("sentiment", Term, false, "positive, neutral, negative or unknown", "positive", &["sentiment"]),
    f("influence", Term, false, "high, medium or low", "high", &["influence"]),
    f("reports_to", Text, false, "the external id of the contact they report to", "003A0000011",
      &["reportsto", "reportstoid", "manager", "managerid"]),
    f("last_touch_on", Date, false, "the day of the last touch", "2026-02-20",
      &["lasttouchon", "lastactivitydate", "lastcontacted", "lastengagementdate"]),
    f("last_touch_kind", Term, false, "call, email, meeting, qbr or note", "call", &["lasttouchkind"]),
    f("left_on", Date, false, "the day they left the customer", "", &["lefton", "leftdate"]),
    f("advocacy", Term, false, "supporter, advocate, champion or ambassador", "", &["advocacy", "advocacytier"]),
    f("referenceable", Flag, false, "willing to be a reference: yes or no", "no", &["referenceable", "reference"]),
];

#[rustfmt::skip]
pub const TICKETS: &[Field] = &[
    f("external_id", Text, true, "the ticket's id in the support desk", "48213",
      &["externalid", "id", "ticketid", "ticketnumber", "casenumber", "caseid", "conversationid", "issueid", "key"]),
    f("account", Text, true, "the account's external id (or, if unique, its name)", "001A000001",
      &["account", "accountid", "accountexternalid", "organization", "organizationid", "organizationname",
        "organisation", "organisationid", "org", "orgid", "orgname", "companyid", "company", "companyname",
        "customer", "customerid", "customername", "requesterorganization", "accountname"]),
    f("subject", Text, false, "what it is about (else `no subject`)", "SSO login fails",
      &["subject", "title", "summary", "ticketsubject", "conversationsubject", "topic"]),
    f("priority", Term, false, "p1 (most urgent) to p4; urgent, high, normal and low read too (else p3)", "p2",
      &["priority", "severity", "ticketpriority", "urgency"]),
    f("escalated", Flag, false, "escalated: yes or no (else a tag that says escalated)", "no",
      &["escalated", "isescalated", "escalation", "escalatedflag", "wasescalated", "hasescalation", "frescalated"]),
    f("tags", Text, false, "the ticket's tags: one that says escalated marks it escalated", "sso escalated",
      &["tags", "tag", "labels", "ticketags"]),
    f("opened_on", Date, true, "the day it was opened", "2026-02-10",
      &["openedon", "createddate", "created", "createdat", "createdtime", "opened", "openedat", "dateopened",
        "submittedat", "submitted", "submitteddate", "creationdate", "requestedat", "reportedat", "datecreated",
        "ticketcreatedat"]),
    f("closed_on", Date, false, "the day it was closed or solved", "2026-02-12",
      &["closedon", "closeddate", "closed", "closedat", "closedtime", "solvedat", "solveddate", "resolvedat",
        "resolvedtime", "resolveddate", "metricsetsolvedat", "dateclosed", "dateresolved"]),
    f("csat", Whole, false, "the customer's rating of it, 1 to 5 (good and bad read as 5 and 1)", "4",
      &["csat", "satisfaction", "satisfactionrating", "satisfactionscore", "satisfactionratingscore",
        "customersatisfaction", "csatscore", "csatrating", "rating", "conversationratingrating",
        "surveyresults", "surveyrating"]),
];

#[rustfmt::skip]
pub const SURVEYS: &[Field] = &[
    f("external_id", Text, false, "the response's id (else the account, day and respondent)", "R_2x8",
      &["externalid", "id", "responseid", "surveyresponseid", "submissionid", "respondentid"]),
    f("account", Text, true, "the account's external id (or, if unique, its name)", "001A000001",
      &["account", "accountid", "accountexternalid", "companyid", "company", "companyname", "organization",
        "organizationid", "customerid", "personpropertiescustomerid", "personpropertiesaccountid",
        "externalreference", "accountname"]),
    f("contact", Text, false, "the respondent's contact external id", "003A0000012",
      &["contact", "contactid", "respondent", "respondentemail", "recipientemail", "personemail", "email"]),
    f("kind", Term, false, "nps or csat (else told by the score column's name, NPS when it says nothing)", "nps",
      &["kind", "surveytype", "type", "survey", "surveykind"]),
    f("score", Whole, true, "0-10 for NPS, 1-5 for CSAT", "9",
      &["score", "rating", "npsscore", "nps", "csatscore", "csat", "value", "likelihoodtorecommend"]),
    f("responded_on", Date, true, "the day of the answer", "2026-01-15",
      &["respondedon", "respondedat", "responsedate", "responsetimestamp", "submittedat", "submitdate",
        "submitdateutc", "date", "recordeddate", "enddate", "createdat", "created", "surveydate"]),
    f("comment", Text, false, "what they wrote", "Great support",
      &["comment", "comments", "feedback", "verbatim", "reason", "whyscore", "text", "answer"]),
];

#[rustfmt::skip]
pub const INTERACTIONS: &[Field] = &[
    f("external_id", Text, true, "the activity's id", "00T5e000002", &["externalid", "id", "activityid", "engagementid"]),
    f("account", Text, true, "the account's external id (or, if unique, its name)", "001A000001",
      &["account", "accountid", "accountexternalid", "associatedcompanyids", "companyid", "accountname"]),
    f("contact", Text, false, "the contact's external id", "003A0000012", &["contact", "contactid", "whoid"]),
    f("author", Text, false, "who on the team (added if new)", "Dana Okafor", &["author", "owner", "assignedto", "createdby"]),
    f("kind", Term, true, "call, email, meeting, qbr or note", "call", &["kind", "type", "activitytype", "engagementtype"]),
    f("occurred_on", Date, true, "the day it happened", "2026-02-20",
      &["occurredon", "activitydate", "date", "timestamp"]),
    f("summary", Text, false, "what happened", "Walked through the Q1 roadmap", &["summary", "subject", "notes", "description", "body"]),
];

#[rustfmt::skip]
pub const GOALS: &[Field] = &[
    f("external_id", Text, true, "the goal's id", "G-17", &["externalid", "id", "goalid"]),
    f("account", Text, true, "the account's external id (or, if unique, its name)", "001A000001",
      &["account", "accountid", "accountexternalid", "companyid", "accountname"]),
    f("title", Text, true, "the outcome the customer wants", "Cut onboarding time", &["title", "goal", "name", "objective"]),
    f("metric", Text, true, "how it is measured", "days to first value", &["metric", "kpi", "measure"]),
    f("baseline", Number, false, "where it started", "30", &["baseline", "start", "startingvalue"]),
    f("current", Number, false, "where it is now", "21", &["current", "currentvalue", "actual"]),
    f("target", Number, false, "where it should get to", "14", &["target", "targetvalue", "goalvalue"]),
    f("due_on", Date, false, "when", "2026-06-30", &["dueon", "duedate", "targetdate"]),
    f("owner", Text, false, "who on the team owns it (added if new)", "Dana Okafor", &["owner", "csm"]),
    f("status", Term, false, "not_started, on_track, at_risk, achieved or missed", "on_track", &["status"]),
    f("updated_on", Date, false, "the day it was last updated", "2026-02-28", &["updatedon", "lastupdated", "modified"]),
];

#[rustfmt::skip]
pub const OPPORTUNITIES: &[Field] = &[
    f("external_id", Text, true, "the opportunity's id in the CRM", "006A000001",
      &["externalid", "id", "opportunityid", "dealid", "recordid", "hsobjectid"]),
    f("account", Text, true, "the account's external id (or, if unique, its name)", "001A000001",
      &["account", "accountid", "accountexternalid", "associatedcompanyid", "associatedcompanyids",
        "companyid", "accountname", "company", "companyname"]),
    f("title", Text, true, "what it is", "Add 20 seats",
      &["title", "name", "opportunityname", "dealname", "subject"]),
    f("kind", Term, false, "seats, upsell or cross_sell (an add-on is a cross-sell; else upsell)", "seats",
      &["kind", "type", "opportunitytype", "dealtype", "category"]),
    f("arr", Money, true, "the ARR it adds", "24000",
      &["arr", "amount", "dealamount", "amountinhomecurrency", "annualrecurringrevenue", "acv", "value"]),
    f("currency", Text, false, "the amount's currency code (else the import's)", "USD",
      &["currency", "currencyisocode", "dealcurrencycode", "currencycode"]),
    f("stage", Term, false, "identified, qualified, proposed, won or lost, or a CRM's stage (Prospecting, Closed Won, ...)", "qualified",
      &["stage", "stagename", "dealstage", "opportunitystage", "status"]),
    f("probability", Number, false, "the chance it closes won, in percent (or a share of 1)", "40",
      &["probability", "probabilitypercent", "dealprobability", "hsdealstageprobability", "winprobability"]),
    f("close_on", Date, false, "when it is expected to close (or closed)", "2026-06-30",
      &["closeon", "closedate", "expectedclosedate", "expectedcloseon", "closingdate"]),
    f("opened_on", Date, false, "when it was opened", "2026-02-01",
      &["openedon", "createddate", "createdate", "createdat", "createdon"]),
    f("closed_on", Date, false, "when it was won or lost (else its close date, once won or lost)", "",
      &["closedon", "closeddate", "dateclosed", "wondate", "lostdate"]),
    f("signal", Text, false, "the growth signal that raised it (seats_nearly_used, ...)", "",
      &["signal"]),
];

#[rustfmt::skip]
pub const CHURN: &[Field] = &[
    f("account", Text, true, "the account that left: its external id (or, if unique, its name)", "001A000001",
      &["account", "accountid", "accountexternalid", "customer", "customerid", "companyid", "accountname",
        "company", "companyname", "name"]),
    f("churned_on", Date, true, "the day it left", "2026-08-15",
      &["churnedon", "churndate", "churnedat", "date", "canceledat", "cancelledat", "cancellationdate",
        "enddate", "lostdate", "leftdate"]),
    f("reason", Text, false, "why it left", "Budget cuts",
      &["reason", "churnreason", "cancellationreason", "cancelreason", "category", "reasoncategory", "lostreason"]),
    f("feedback", Text, false, "what the customer said", "Moved to a competitor",
      &["feedback", "comment", "comments", "notes", "note", "verbatim", "details", "description"]),
];
