//! `csm accounts`: the portfolio's accounts, next renewal first, with segment, owner,
//! ARR and days to renewal; a total line; `--json` for scripts.

use std::io::{Write, stdout};

use chrono::NaiveDate;
use clap::Args;
use color_eyre::Result;

use super::context::Context;
use crate::book::Book;
use crate::domain::Money;
use crate::text::clip;

#[derive(Debug, Args)]
pub struct AccountsArgs {
    /// Only this team member's accounts (part of the name will do) [default: yours, if
    /// `[user] name` is on the team; `all` for everyone's]
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: &AccountsArgs) -> Result<()> {
    let book = ctx.open_book()?;
    let today = ctx.today_for(&book)?;
    let owner = ctx.owner_named(&book, args.owner.as_deref())?;
    list(&book, today, owner.as_deref(), args.json)
}

fn list(book: &Book, today: NaiveDate, owner: Option<&str>, json: bool) -> Result<()> {
    let mut accounts = book.portfolio()?;
    if let Some(owner) = owner {
        accounts.retain(|a| a.owner.as_deref() == Some(owner));
    }
    accounts.sort_by_key(|a| (a.renewal_on.is_none(), a.renewal_on, -a.arr.cents));
    if json {
        let rows: Vec<serde_json::Value> = accounts
            .iter()
            .map(|a| {
                serde_json::json!({
                    "id": a.id,
                    "name": a.name,
                    "segment": a.segment.as_str(),
                    "owner": a.owner.as_deref(),
                    "industry": a.industry.as_deref(),
                    "region": a.region.as_deref(),
                    "lifecycle_stage": a.lifecycle.as_str(),
                    "arr_cents": a.arr.cents,
                    "currency": a.arr.currency.code(),
                    "licensed_seats": a.licensed_seats,
                    "renewal_date": a.renewal_on,
                    "churned_on": a.churned_on,
                    "days_to_renewal": a.renewal_on.map(|d| (d - today).num_days()),
                })
            })
            .collect();
        writeln!(
            stdout(),
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "accounts": rows }))?
        )?;
        return Ok(());
    }
    writeln!(
        stdout(),
        "{:<32} {:<4} {:<20} {:>8}  {:<10} {:>6}",
        "ACCOUNT",
        "SEG",
        "OWNER",
        "ARR",
        "RENEWS",
        "DAYS"
    )?;
    for a in &accounts {
        writeln!(
            stdout(),
            "{:<32} {:<4} {:<20} {:>8}  {:<10} {:>6}",
            clip(&a.name, 32),
            a.segment.short(),
            clip(a.owner.as_deref().unwrap_or("unassigned"), 20),
            a.arr.short(),
            a.renewal_on
                .or(a.churned_on)
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".into()),
            match (a.churned_on, a.renewal_on) {
                (Some(_), _) => "churned".to_string(),
                (None, Some(d)) => (d - today).num_days().to_string(),
                (None, None) => String::new(),
            },
        )?;
    }
    let active: Vec<_> = accounts.iter().filter(|a| a.churned_on.is_none()).collect();
    let total: i64 = active.iter().map(|a| a.arr.cents).sum();
    writeln!(
        stdout(),
        "{} accounts ({} churned), {} ARR",
        active.len(),
        accounts.len() - active.len(),
        Money::usd(total).full()
    )?;
    Ok(())
}
