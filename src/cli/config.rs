//! `csm config`: the effective configuration (checked, key bindings included), where
//! it is read from, or the documented defaults to start a file from.

use std::io::{Write, stdout};

use clap::Args;
use color_eyre::Result;
use color_eyre::eyre::eyre;

use super::context::Context;
use crate::config::DEFAULT_TOML;
use crate::tui::keys::Keymap;

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print where the config file is read from, and nothing else
    #[arg(long)]
    path: bool,
    /// Print the documented defaults, a starting point for your own file
    #[arg(long, conflicts_with = "path")]
    default: bool,
}

pub fn run(ctx: &Context, args: &ConfigArgs) -> Result<()> {
    if args.path {
        writeln!(stdout(), "{}", ctx.config_path.display())?;
    } else if args.default {
        write!(stdout(), "{DEFAULT_TOML}")?;
    } else {
        Keymap::from_config(&ctx.config).map_err(|e| eyre!(e))?;
        write!(stdout(), "{}", ctx.config.to_toml())?;
    }
    Ok(())
}
