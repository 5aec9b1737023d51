//! `csm`: installs error reporting, parses the command line and hands over to `cli`.

use clap::Parser;

/// mimalloc instead of the system allocator: the cockpit makes many small allocations
/// (a portfolio row's texts, a recompute's evidence), often freed on another thread
/// than the one that made them, where glibc's allocator is slowest.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc 3's `mi_option_t` numbers for the two options set below (the crate leaves
/// options unnamed on purpose, to be passed by number).
const MI_OPTION_ARENA_EAGER_COMMIT: i32 = 4;
const MI_OPTION_PURGE_DELAY: i32 = 15;

/// The cockpit's reads come in bursts (a whole team's queue, a pane's rows) and are
/// let go: mimalloc's defaults commit its arenas whole and keep what was freed for a
/// second, which held a 50k book's resident peak near 126 MB. Committed as used and
/// given back at once, it peaks near 81 MB, as fast. Set before `main` (the first
/// allocation reserves the first arena), where the platform runs constructors.
extern "C" fn tune_allocator() {
    // SAFETY: mimalloc's options are plain settings; this runs once, on one thread.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
}

#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

fn main() -> std::process::ExitCode {
    if cfg!(not(target_os = "linux")) {
        tune_allocator();
    }
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
