//! `csm team-book`: the team's shared book in PostgreSQL. `init` makes it from this
//! book, `join` makes this book from it, `member` ties a login to a team member, and
//! `conflicts` lists and resolves what a sync met. `csm sync` (sync.rs) moves changes.

use clap::{Args, Subcommand, ValueEnum};
use color_eyre::Result;
use color_eyre::eyre::eyre;

use super::context::Context;
use crate::book::team_sync::conflicts::Keep;
use crate::team_book::sync::shape;
use crate::team_book::{Address, connect, init::init, join::join, members, upgrade};

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
    /// Make this book (a new one: give --db) from the team book, as a new member does
    Join {
        /// postgres://[user@]host[:port][/database]
        address: String,
    },
    /// Tie a PostgreSQL login (made with createuser) to a team member, so the team book
    /// lets it change that member's accounts (or, with --manager, every account). Run by
    /// the team book's owner
    Member {
        /// The login
        login: String,
        /// The team member, by name or email
        #[arg(long = "as")]
        member: String,
        /// A manager: reads and changes every account
        #[arg(long)]
        manager: bool,
    },
    /// Bring the team book up to this csm's schema (after an upgrade of csm): the tables
    /// and columns it lacks, and the push function. Run by the team book's owner; members'
    /// pushes wait for it
    Upgrade,
    /// The conflicts syncs met: fields you and someone else both changed. Your value
    /// won; keep it, or put theirs back
    Conflicts {
        /// Resolve conflict N (from the list)
        #[arg(long, requires = "keep")]
        resolve: Option<i64>,
        #[arg(long, value_enum)]
        keep: Option<Kept>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Kept {
    Mine,
    Theirs,
}

pub fn run(ctx: &Context, args: &TeamBookArgs) -> Result<()> {
    match &args.what {
        TeamBookCommand::Init { address } => {
            let address = Address::parse(address)?;
            let mut book = ctx.open_book()?;
            let started = std::time::Instant::now();
            let mut client = connect(&address)?;
            let copied = init(&mut client, &book, &address.to_string())?;
            book.link_team_book(&address.to_string(), 0, None)?;
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
            text +=
                "next: tie each CSM's login to them with csm team-book member LOGIN --as NAME\n";
            super::emit(&text)
        }
        TeamBookCommand::Join { address } => {
            let address = Address::parse(address)?;
            let path = ctx.book_path();
            let mut book = ctx.open_book()?;
            if book.team_link()?.is_some() || !book.is_empty()? {
                return Err(eyre!(
                    "{} already holds a book: join into a new one (--db NEW.db)",
                    path.display()
                ));
            }
            let started = std::time::Instant::now();
            let mut client = connect(&address)?;
            let joined = join(
                &mut client,
                &mut book,
                &address.to_string(),
                &address.to_string(),
            )?;
            let rows: u64 = joined.tables.iter().map(|t| t.1).sum();
            let mut text = format!(
                "made {} from the team book at {address}: {rows} rows in {:.1} s, up to change {}\n",
                path.display(),
                started.elapsed().as_secs_f64(),
                joined.position
            );
            for (table, n) in joined.tables.iter().filter(|t| t.1 > 0) {
                text += &format!("  {table:<22} {n:>8}\n");
            }
            if joined.left_out > 0 {
                text += &format!(
                    "left out {} rows that belong to rows the team deleted\n",
                    joined.left_out
                );
            }
            super::emit(&text)
        }
        TeamBookCommand::Member {
            login,
            member,
            manager,
        } => {
            let book = ctx.open_book()?;
            let address = linked(&book)?;
            let mut client = connect(&address)?;
            let name = members::add(&mut client, login, member, *manager, &address.to_string())?;
            super::emit(&format!(
                "{login} now works as {name}{} in the team book at {address}\n",
                if *manager { ", a manager" } else { "" }
            ))
        }
        TeamBookCommand::Upgrade => {
            let book = ctx.open_book()?;
            let address = linked(&book)?;
            let shown = address.to_string();
            let tables = shape(&book, &shown)?;
            let version = book.schema_version()?;
            let mut client = connect(&address)?;
            let mut tx = client.transaction()?;
            let done = upgrade::upgrade(&mut tx, &tables, version, &shown)?;
            tx.commit()?;
            super::emit(&match done {
                None => format!(
                    "the team book at {address} is at this csm's schema ({version}) already\n"
                ),
                Some(u) => format!(
                    "brought the team book at {address} from schema {} to {}: {} new tables{}, {} new columns{}\n",
                    u.from,
                    u.to,
                    u.tables.len(),
                    if u.tables.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", u.tables.join(", "))
                    },
                    u.columns.len(),
                    if u.columns.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", u.columns.join(", "))
                    },
                ),
            })
        }
        TeamBookCommand::Conflicts { resolve, keep } => {
            let mut book = ctx.open_book()?;
            if let (Some(id), Some(keep)) = (resolve, keep) {
                let tables = shape(&book, "the local book")?;
                let keep = match keep {
                    Kept::Mine => Keep::Mine,
                    Kept::Theirs => Keep::Theirs,
                };
                book.resolve_conflict(*id, keep, &tables, &ctx.stamp())?;
            }
            let open = book.open_conflicts()?;
            let mut text = format!("{} open conflicts\n", open.len());
            for c in &open {
                text += &format!(
                    "  {:>4}  {} {} {}: yours {} (kept), {}'s {}\n",
                    c.id,
                    c.entity,
                    &c.row_uid[..8.min(c.row_uid.len())],
                    c.field,
                    c.mine,
                    c.their_actor.as_deref().unwrap_or("the team"),
                    c.theirs
                );
            }
            super::emit(&text)
        }
    }
}

/// The team book this book is tied to.
pub(super) fn linked(book: &crate::book::Book) -> Result<Address> {
    let link = book.team_link()?.ok_or_else(|| {
        eyre!("this book has no team book: make one (csm team-book init) or join one (csm team-book join)")
    })?;
    Ok(Address::parse(&link.address)?)
}
