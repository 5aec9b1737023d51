//! `csm team-book`: the team's shared book in PostgreSQL. `init` makes it from this
//! book.

use clap::{Args, Subcommand};
use color_eyre::Result;

use super::context::Context;
use crate::book::meta::TEAM_BOOK;
use crate::team_book::{Address, connect, init::init};

#[derive(Debug, Args)]
pub struct TeamBookArgs {
    #[command(subcommand)]
    what: TeamBookCommand,
}

#[derive(Debug, Subcommand)]
enum TeamBookCommand {
    /// Make the team book in an empty PostgreSQL database (15 or later) from this book:
    /// its tables, and every account, contract, contact, touch, task and the rest, in one
    /// transaction. The password comes from PGPASSWORD or ~/.pgpass, never the address
    Init {
        /// postgres://[user@]host[:port][/database]
        address: String,
    },
}

pub fn run(ctx: &Context, args: &TeamBookArgs) -> Result<()> {
    match &args.what {
        TeamBookCommand::Init { address } => {
            let address = Address::parse(address)?;
            let mut book = ctx.open_book()?;
            let started = std::time::Instant::now();
            let mut client = connect(&address)?;
            let copied = init(&mut client, &book, &address.to_string())?;
            book.remember(TEAM_BOOK, &address.to_string())?;
            let mut text = format!(
                "made the team book at {address} from {}: {} rows in {} tables in {:.1} s\n",
                ctx.book_path().display(),
                copied.rows(),
                copied.tables.len(),
                started.elapsed().as_secs_f64()
            );
            for (table, n) in copied.tables.iter().filter(|t| t.1 > 0) {
                text += &format!("  {table:<22} {n:>8}\n");
            }
            super::emit(&text)
        }
    }
}
