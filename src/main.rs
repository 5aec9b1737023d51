//! `csm`: installs error reporting, parses the command line and hands over to `cli`.

use clap::Parser;

/// mimalloc instead of the system allocator: the cockpit makes many small allocations
/// (a portfolio row's texts, a recompute's evidence), often freed on another thread
/// than the one that made them, where glibc's allocator is slowest.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    if let Err(e) = color_eyre::install() {
        eprintln!("csm: {e}");
    }
    let cli = csm_cockpit::cli::Cli::parse();
    match csm_cockpit::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        // The reader of our output stopped early (`| head`): that is its choice.
        Err(e) if csm_cockpit::cli::is_broken_pipe(&e) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // One line for the person: what went wrong, then why.
            let mut message = e.to_string();
            for cause in e.chain().skip(1) {
                message.push_str(": ");
                message.push_str(&cause.to_string());
            }
            eprintln!("csm: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
