//! csm-cockpit: a keyboard-driven terminal cockpit for Customer Success Managers over a
//! local SQLite book of business. The binary `csm` is a thin shell over these modules.

pub mod bench;
pub mod book;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
pub mod import;
pub mod playbooks;
pub mod report;
pub mod team_book;
pub mod text;
pub mod tui;
