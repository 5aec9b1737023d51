//! `csm touch`: logs a touch (a call, an email, a meeting, a QBR, a note) on an account's
//! timeline from the command line or a script, with the contact it was with; the account's
//! health follows at once, as when the touch is logged in the cockpit.

use chrono::NaiveDate;
use clap::Args;
use color_eyre::Result;
use color_eyre::eyre::bail;

use super::context::Context;
use crate::book::account::NewTouch;
use crate::clock;
use crate::domain::vocab::InteractionKind;

#[derive(Debug, Args)]
pub struct TouchArgs {
    /// The account: its id, external id or name
    pub account: String,
    /// What was said or agreed, in a line
    pub summary: String,
    /// call, email, meeting, qbr or note
    #[arg(long, default_value = "call", value_parser = parse_kind)]
    pub kind: InteractionKind,
    /// The contact it was with (part of the name will do)
    #[arg(long = "with", value_name = "NAME")]
    pub with: Option<String>,
    /// The day it happened [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = clock::parse_date)]
    pub on: Option<NaiveDate>,
}

fn parse_kind(s: &str) -> Result<InteractionKind, String> {
    s.to_lowercase()
        .parse()
        .map_err(|_| format!("`{s}` is not a kind of touch: call, email, meeting, qbr or note"))
}

/// Logs the touch, then rescores the account.
pub fn run(ctx: &Context, args: &TouchArgs) -> Result<()> {
    let mut book = ctx.open_book()?;
    let today = ctx.today_for(&book)?;
    let stamp = ctx.stamp();
    let rules = ctx.config.health.rules();
    let Some((account, name)) = book.find_account(&args.account)? else {
        bail!(
            "no account is called `{}`: give its id, external id or name",
            args.account
        );
    };
    let contact = match &args.with {
        None => None,
        Some(wanted) => {
            let w = wanted.trim().to_lowercase();
            let people = book.stakeholders(account)?;
            let found: Vec<_> = people
                .iter()
                .filter(|p| p.name.to_lowercase().contains(&w))
                .collect();
            match found.as_slice() {
                [one] => Some((one.id, one.name.clone())),
                [] => bail!("{name} has no contact called `{wanted}`"),
                many => bail!(
                    "`{wanted}` could be {} at {name}: give more of the name",
                    many.iter()
                        .map(|p| p.name.as_str())
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            }
        }
    };
    let on = args.on.unwrap_or(today);
    if on > today {
        bail!("{on} is after today ({today}): a touch is logged once it has happened");
    }
    let summary = args.summary.trim();
    if summary.is_empty() {
        bail!("say in a line what the touch was about");
    }
    book.log_touch(
        &stamp,
        account,
        &NewTouch {
            contact: contact.as_ref().map(|(id, _)| *id),
            kind: args.kind,
            on,
            summary: summary.to_string(),
        },
    )?;
    book.recompute_account_health(&rules, account, today)?;
    let with = contact
        .map(|(_, n)| format!(" with {n}"))
        .unwrap_or_default();
    super::emit(&format!(
        "logged a {}{with} on {name}, {on}\n",
        args.kind.label()
    ))
}
