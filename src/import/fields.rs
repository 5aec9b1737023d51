//! What each kind of file holds: every field with its type, whether it is required,
//! what it means, an example, and the headers other systems give it (Salesforce API
//! names and report labels, HubSpot, ChurnZero, Gainsight), compared without case,
//! spaces or punctuation. Some headers are known and left out on purpose, with why.

use serde::Serialize;

use super::record_fields;

/// A kind of file `csm import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Accounts,
    Contracts,
    Contacts,
    Usage,
    Tickets,
    Surveys,
    Interactions,
    Goals,
    /// Expansion opportunities from a CRM's opportunity or deal export.
    Opportunities,
    /// Churn events: an account left on a day, for a reason.
    Churn,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Accounts => "accounts",
            Kind::Contracts => "contracts",
            Kind::Usage => "usage",
            Kind::Contacts => "contacts",
            Kind::Tickets => "tickets",
            Kind::Surveys => "surveys",
            Kind::Interactions => "interactions",
            Kind::Goals => "goals",
            Kind::Opportunities => "opportunities",
            Kind::Churn => "churn",
        }
    }

    /// Every kind in the order a folder is imported: accounts first, then what hangs
    /// off them (usage events resolve through contracts' subscription ids).
    pub const IN_ORDER: [Kind; 10] = [
        Kind::Accounts,
        Kind::Contracts,
        Kind::Contacts,
        Kind::Usage,
        Kind::Tickets,
        Kind::Surveys,
        Kind::Interactions,
        Kind::Goals,
        Kind::Opportunities,
        Kind::Churn,
    ];
}

/// How a cell is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    Text,
    Date,
    Money,
    Whole,
    /// One of a vocabulary's terms (segment, lifecycle stage, ...).
    Term,
    /// A number with a fraction (a goal's baseline).
    Number,
    /// Yes or no.
    Flag,
}

impl FieldType {
    pub fn label(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Date => "date",
            FieldType::Money => "money",
            FieldType::Whole => "whole number",
            FieldType::Term => "term",
            FieldType::Number => "number",
            FieldType::Flag => "yes or no",
        }
    }
}

/// One field of a kind.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Field {
    pub name: &'static str,
    #[serde(rename = "type")]
    pub kind: FieldType,
    pub required: bool,
    pub meaning: &'static str,
    pub example: &'static str,
    /// Headers it is known by elsewhere, compared as `key` compares them.
    #[serde(skip)]
    pub aliases: &'static [&'static str],
}

pub(super) const fn f(
    name: &'static str,
    kind: FieldType,
    required: bool,
    meaning: &'static str,
    example: &'static str,
    aliases: &'static [&'static str],
) -> Field {
    Field {
        name,
        kind,
        required,
        meaning,
        example,
        aliases,
    }
}

use FieldType::*;

const ACCOUNTS: &[Field] = &[
    f(
        "external_id",
        Text,
        false,
        "the account's id in the system it comes from; a second import of the same id updates it (without an id column, the name is the id)",
        "0015e00000AbCdE",
        &[
            "id",
            "accountid",
            "recordid",
            "accountexternalid",
            "externalid",
            "salesforceid",
            "sfdcid",
            "gsid",
            "companyid",
            "hsobjectid",
            "accountnumber",
            "accountcode",
            "organizationid",
            "orgid",
            "crmid",
        ],
    ),
    f(
        "name",
        Text,
        true,
        "the customer's name",
        "Northwind Traders",
        &[
            "name",
            "accountname",
            "companyname",
            "company",
            "account",
            "organizationname",
            "organization",
            "orgname",
            "customername",
            "customer",
        ],
    ),
    f(
        "owner",
        Text,
        false,
        "the CSM who owns the account: their name or id on the team (added to the team if new)",
        "Dana Okafor",
        &[
            "owner",
            "ownername",
            "accountowner",
            "accountownername",
            "companyowner",
            "csm",
            "csmname",
            "customersuccessmanager",
            "successmanager",
            "accountmanager",
            "csmemail",
            "owneremail",
            "owneruseraccount",
            "ownerid",
            "csmid",
            "accountownerid",
        ],
    ),
    f(
        "segment",
        Term,
        false,
        "enterprise, mid_market, smb or self_serve; without one, a new account is tiered by the config's [segments] bands (ARR by default)",
        "enterprise",
        &[
            "segment",
            "customersegment",
            "accountsegment",
            "tier",
            "csmsegment",
        ],
    ),
    f(
        "plan",
        Text,
        false,
        "the plan or tier they are on; read as a segment when it can only mean one (Enterprise, Business, Pro, Starter, Free...)",
        "Enterprise",
        &[
            "plan",
            "plantier",
            "planname",
            "plantype",
            "plancode",
            "subscriptionplan",
            "pricingplan",
            "pricingtier",
            "edition",
            "package",
            "producttier",
            "customertier",
            "servicetier",
        ],
    ),
    f(
        "employees",
        Whole,
        false,
        "the customer's employees (a band like 51-200 reads as its lower bound); tiers the account when [segments] says by = \"employees\"",
        "250",
        &[
            "employees",
            "numberofemployees",
            "employeecount",
            "numemployees",
            "headcount",
            "companysize",
            "employeesize",
            "employeerange",
            "companyemployees",
        ],
    ),
    f(
        "industry",
        Text,
        false,
        "the customer's industry",
        "Logistics",
        &["industry"],
    ),
    f(
        "products",
        Text,
        false,
        "what the customer uses: product lines or modules, comma-separated (reference requests match their use case against it)",
        "Analytics, Workflows",
        &[
            "products",
            "product",
            "productsused",
            "productlines",
            "productline",
            "modules",
            "subscribedproducts",
        ],
    ),
    f(
        "region",
        Text,
        false,
        "where the customer is run from",
        "EMEA",
        &[
            "region",
            "geo",
            "territory",
            "salesregion",
            "billingcountry",
            "country",
            "countryregion",
            "billingcountrycode",
            "countrycode",
            "shippingcountry",
        ],
    ),
    f(
        "lifecycle_stage",
        Term,
        false,
        "onboarding, adoption, value_realization, growth or advocacy",
        "adoption",
        &[
            "lifecyclestage",
            "lifecycle",
            "journeystage",
            "customerstage",
            "stage",
        ],
    ),
    f(
        "arr",
        Money,
        false,
        "annual recurring revenue, when the file has it (else it comes with contracts)",
        "$124,000.00",
        &[
            "arr",
            "annualrecurringrevenue",
            "currentarr",
            "totalarr",
            "arramount",
            "totalcontractamount",
            "contractvalue",
            "annualcontractvalue",
            "acv",
        ],
    ),
    f(
        "mrr",
        Money,
        false,
        "monthly recurring revenue, when the file has it and no ARR: counts twelve times over",
        "10333.33",
        &["mrr", "monthlyrecurringrevenue", "currentmrr", "mrramount"],
    ),
    f(
        "licensed_seats",
        Whole,
        false,
        "seats the customer pays for",
        "60",
        &[
            "licensedseats",
            "licensecount",
            "seats",
            "licenses",
            "seatcount",
        ],
    ),
    f(
        "started_on",
        Date,
        false,
        "the day the customer started",
        "2024-01-15",
        &[
            "startedon",
            "customersince",
            "customerstartdate",
            "startdate",
            "contractstartdate",
            "originalcontractdate",
            "firstcontractdate",
            "becamecustomerdate",
        ],
    ),
    f(
        "went_live_on",
        Date,
        false,
        "the day the customer went live",
        "2024-03-01",
        &[
            "wentliveon",
            "golivedate",
            "golive",
            "livedate",
            "launchdate",
        ],
    ),
    f(
        "churned_on",
        Date,
        false,
        "the day the customer left, if they did",
        "",
        &[
            "churnedon",
            "churndate",
            "churneddate",
            "churnedat",
            "datechurned",
        ],
    ),
];

#[rustfmt::skip]
const CONTRACTS: &[Field] = &[
    f("external_id", Text, false, "the contract's or subscription's id where it comes from (without one: the account and start day)", "800-2026-031",
      &["externalid", "contractid", "contractnumber", "id", "recordid", "subscriptionid", "subscriptionnumber",
        "subscriptionname", "subscriptionsid", "subscriptionuuid", "uuid"]),
    f("account", Text, true, "the account's external id (or, if unique, its name): a billing system's customer id once accounts carry it", "0015e00000AbCdE",
      &["account", "accountid", "accountexternalid", "associatedcompanyids", "associatedcompanyid", "companyid",
        "customer", "customerid", "customerexternalid", "accountcode", "accountnumber", "accountaccountnumber",
        "subscriptioncustomerid", "customersid", "crmid", "salesforceaccountid", "accountname", "company",
        "name"]),
    f("account_name", Text, false, "the customer's name, to find the account by when its id is not one the book knows", "Northwind Traders",
      &["customername", "customercompany", "companyname", "customerdescription", "billingcompany", "organizationname"]),
    f("starts_on", Date, true, "the first day of the term (a subscription's start)", "2025-04-01",
      &["startson", "startdate", "contractstartdate", "termstart", "termstartdate", "currenttermstart",
        "subscriptionstartdate", "startedat", "activatedat", "start", "started", "createdat", "created"]),
    f("ends_on", Date, false, "the last day of the term: the renewal date (empty for an open-ended subscription, which renews on its anniversary)", "2026-03-31",
      &["endson", "enddate", "contractenddate", "renewaldate", "nextrenewaldate", "termend", "termenddate",
        "currenttermend", "currentperiodend", "currentperiodendsat", "subscriptionenddate", "renewson",
        "renewalon", "expirydate", "expirationdate", "end"]),
    f("arr", Money, false, "annual recurring revenue of the term (or an mrr column, or a plan amount with its billing period)", "124000",
      &["arr", "annualrecurringrevenue", "arramount", "currentarr", "totalcontractamount", "contractvalue",
        "annualcontractvalue", "amount", "acv", "tcv"]),
    f("mrr", Money, false, "monthly recurring revenue: counts twelve times over as ARR", "10333.33",
      &["mrr", "monthlyrecurringrevenue", "mrramount", "currentmrr", "rateplanchargemrr", "monthlyamount",
        "mrrincents", "accountmrr"]),
    f("plan_amount", Money, false, "the price of one billing period (per seat when there is a quantity): ARR is it times the periods in a year", "49.00",
      &["planamount", "unitamount", "unitprice", "planunitprice", "priceamount", "price", "recurringamount",
        "subscriptionamount", "billingamount", "amountperperiod", "planprice", "unitamountincents",
        "planamountincents", "priceunitamount"]),
    f("quantity", Whole, false, "seats or units the plan amount is charged for", "14",
      &["quantity", "planquantity", "seats", "licensedseats", "licenses", "licensecount", "units"]),
    f("billing_period", Text, false, "how often it bills: month, quarter or year (else a year)", "year",
      &["billingperiodunit", "planintervalunit", "billinginterval", "planinterval", "priceinterval",
        "recurringinterval", "interval", "billingperiod", "billingfrequency", "billingcycle", "frequency",
        "subscriptionbillingperiod", "currenttermperiodtype", "termtype", "term"]),
    f("status", Text, false, "the subscription's state: active, trialing, canceled, expired, past due...", "active",
      &["status", "subscriptionstatus", "state", "subscriptionstate", "isactive", "active"]),
    f("trial", Flag, false, "a trial: yes or no (trials are not revenue and are left out)", "no",
      &["trial", "istrial", "ontrial", "intrial", "trialing"]),
    f("churned", Flag, false, "churned: yes or no", "no",
      &["churned", "ischurned", "haschurned", "churnflag", "churn"]),
    f("canceled_on", Date, false, "the day it was canceled or ended: a churned outcome on that day", "",
      &["endedat", "endedon", "churnedat", "churnedon", "churndate", "canceledon", "cancelledon", "canceledat",
        "cancelledat", "canceldate", "cancellationdate", "expiresat", "expiredat", "cancelleddate", "canceleddate"]),
    f("churn_reason", Text, false, "why it was canceled", "",
      &["churnreason", "cancellationreason", "cancelreason", "cancellationdetailsreason", "cancelreasoncode",
        "reasoncode", "reason"]),
    f("currency", Text, false, "a three-letter code when the amounts do not carry one", "USD",
      &["currency", "currencyisocode", "currencycode"]),
    f("forecast_category", Term, false, "the CSM's forecast: renew, upsell, downsell or churn", "renew",
      &["forecastcategory", "forecast"]),
    f("forecast_confidence", Term, false, "commit, likely or at_risk", "likely",
      &["forecastconfidence", "confidence"]),
    f("forecast_arr", Money, false, "the ARR the forecast expects (else the term's)", "124000",
      &["forecastarr", "forecastamount"]),
    f("outcome", Term, false, "what the renewal did: renewed, upsold, downsold or churned", "",
      &["outcome", "renewaloutcome"]),
    f("outcome_on", Date, false, "the day of the outcome", "", &["outcomeon", "outcomedate"]),
    f("outcome_arr", Money, false, "the ARR after the outcome (0 for a churn)", "", &["outcomearr", "newarr"]),
];

const USAGE: &[Field] = &[
    f(
        "account",
        Text,
        true,
        "the account's external id (or, if unique, its name)",
        "0015e00000AbCdE",
        &[
            "account",
            "accountid",
            "accountexternalid",
            "companyid",
            "associatedcompanyids",
            "accountname",
            "name",
        ],
    ),
    f(
        "week_start",
        Date,
        true,
        "the first day of the week counted",
        "2026-02-23",
        &[
            "weekstart",
            "week",
            "weekof",
            "weekstarting",
            "weekbeginning",
            "period",
            "date",
        ],
    ),
    f(
        "active_users",
        Whole,
        true,
        "people who used the product that week",
        "38",
        &[
            "activeusers",
            "weeklyactiveusers",
            "wau",
            "users",
            "uniqueusers",
        ],
    ),
    f(
        "licensed_seats",
        Whole,
        false,
        "seats paid for that week (else the account's)",
        "60",
        &["licensedseats", "licensecount", "seats", "licenses"],
    ),
    f(
        "sessions",
        Whole,
        false,
        "sessions that week (else 0)",
        "190",
        &["sessions", "sessioncount", "logins", "visits"],
    ),
    f(
        "key_features_used",
        Whole,
        false,
        "key features in use that week (else 0)",
        "5",
        &[
            "keyfeaturesused",
            "featuresused",
            "keyfeatures",
            "featuresadopted",
        ],
    ),
];

/// Usage as raw events, rolled up per account and week (Monday to Sunday).
#[rustfmt::skip]
pub const USAGE_EVENTS: &[Field] = &[
    f("account", Text, true, "the account's external id, or a subscription's imported with contracts", "001A000001",
      &["account", "accountid", "accountexternalid", "subscription", "subscriptionid", "subid", "groupid",
        "contextgroupid", "companyid", "company", "organizationid", "orgid", "workspaceid", "tenantid",
        "customerid", "customer", "teamid", "accountname"]),
    f("occurred_on", Date, true, "when it happened (a date, a timestamp, or Unix seconds or milliseconds)", "2026-02-23T10:15:00Z",
      &["occurredon", "occurredat", "timestamp", "eventtime", "time", "eventdate", "eventtimestamp", "date",
        "day", "datetime", "createdat", "receivedat", "sentat", "browsertime", "servertime"]),
    f("feature", Text, false, "the feature used (key features are counted per week)", "Dashboards",
      &["feature", "featurename", "featureid", "event", "eventname", "eventtype", "action", "eventaction",
        "pagename", "page", "screen"]),
    f("user", Text, false, "who did it (distinct users are the week's active users)", "u-1932",
      &["user", "userid", "visitorid", "distinctid", "amplitudeid", "anonymousid", "email", "useremail",
        "actor", "actorid", "personid", "memberid"]),
    f("count", Whole, false, "how many times (else 1)", "3",
      &["count", "events", "eventcount", "numevents", "total", "quantity", "times", "occurrences", "hits"]),
];

/// Every field of a kind, in template order.
pub fn fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Accounts => ACCOUNTS,
        Kind::Contracts => CONTRACTS,
        Kind::Usage => USAGE,
        Kind::Contacts => record_fields::CONTACTS,
        Kind::Tickets => record_fields::TICKETS,
        Kind::Surveys => record_fields::SURVEYS,
        Kind::Interactions => record_fields::INTERACTIONS,
        Kind::Goals => record_fields::GOALS,
        Kind::Opportunities => record_fields::OPPORTUNITIES,
        Kind::Churn => record_fields::CHURN,
    }
}

/// Headers recognised and left out on purpose, with why.
pub fn left_out(kind: Kind, header_key: &str) -> Option<&'static str> {
    match (kind, header_key) {
        (Kind::Accounts, "annualrevenue") => {
            Some("the customer's own revenue, not what they pay us: never our ARR")
        }
        (
            Kind::Accounts,
            "renewaldate" | "nextrenewaldate" | "contractenddate" | "contractrenewaldate",
        ) => Some("renewal dates come with contracts: csm import contracts"),
        (Kind::Accounts, "nps" | "npsscore") => {
            Some("survey answers are their own kind, with who answered and when")
        }
        (Kind::Accounts, "type" | "accounttype") => {
            Some("a CRM's account type (customer, prospect, partner), not a segment")
        }
        (Kind::Contracts, "cancelatperiodend") => Some(
            "a cancellation at the period's end: the term stays open until then; forecast it as churn in the cockpit",
        ),
        (Kind::Contracts, "trialstart" | "trialend" | "trialendsat" | "trialstartedat") => {
            Some("trial dates: a trial is told by its status or trial column")
        }
        (Kind::Contracts, "nextbillingat" | "nextbillingdate" | "nextinvoicedate") => {
            Some("the next invoice, not the renewal: the term's end is")
        }
        (Kind::Contracts, "currentperiodstart" | "currentperiodstartedat") => {
            Some("the billing period's start, not the term's")
        }
        (Kind::Tickets, "status" | "state") => Some("open or closed is read from the closed date"),
        (Kind::Usage, k)
            if k.contains("duration") || k.contains("minutes") || k.contains("seconds") =>
        {
            Some("time spent is not part of usage weeks (active users, sessions, key features)")
        }
        _ => None,
    }
}

/// A header as compared: lower case, letters and digits only.
pub fn key(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(char::to_lowercase)
        .collect()
}

/// The template: a documented header line and one example row.
pub fn template(kind: Kind) -> String {
    let fs = fields(kind);
    let mut out = format!(
        "# csm import {}: one row per line. Fields:\n",
        kind.as_str()
    );
    for f in fs {
        out.push_str(&format!(
            "#   {:<16} {}{}: {}\n",
            f.name,
            f.kind.label(),
            if f.required { ", required" } else { "" },
            f.meaning
        ));
    }
    let row = |pick: &dyn Fn(&Field) -> &str| {
        fs.iter()
            .map(|f| {
                let v = pick(f);
                if v.contains(',') {
                    format!("\"{v}\"")
                } else {
                    v.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    out.push_str(&row(&|f| f.name));
    out.push('\n');
    out.push_str(&row(&|f| f.example));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_is_already_a_key_and_no_alias_names_two_fields() {
        for kind in <Kind as clap::ValueEnum>::value_variants().iter().copied() {
            let mut seen = std::collections::HashSet::new();
            for f in fields(kind) {
                for a in f.aliases {
                    assert_eq!(key(a), *a, "{a}");
                    assert!(seen.insert(*a), "{a} twice in {kind:?}");
                }
            }
        }
    }

    #[test]
    fn headers_compare_without_case_spaces_or_punctuation() {
        assert_eq!(key("Account Owner"), "accountowner");
        assert_eq!(key("OWNERID"), "ownerid");
        assert_eq!(key("Associated Company IDs"), "associatedcompanyids");
        assert_eq!(key("Renewal_Date"), "renewaldate");
    }
}
