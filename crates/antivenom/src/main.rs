//! The `antivenom` command-line tool.

mod check;
mod cli;
mod config;
mod db_cmd;
mod deps_cmd;
mod docs;
mod overview_cmd;
mod rules_cmd;

use clap::Parser;

use cli::{Cli, Command};
use std::io::Write as _;
use std::process::ExitCode;

/// jemalloc is faster than the system allocator on the many small AST
/// allocations; parsed trees go to per-file arenas on top of it.
#[cfg(any(target_os = "linux", target_os = "macos"))]
#[global_allocator]
static GLOBAL: antivenom_arena::ArenaAllocator<tikv_jemallocator::Jemalloc> =
    antivenom_arena::ArenaAllocator::new(tikv_jemallocator::Jemalloc);

/// Parsed trees go to per-file arenas on top of the system allocator.
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
#[global_allocator]
static GLOBAL: antivenom_arena::ArenaAllocator<std::alloc::System> =
    antivenom_arena::ArenaAllocator::new(std::alloc::System);

/// Exit code for usage and configuration errors (and files that could not be analysed).
pub(crate) const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules(args) => rules_cmd::list(&args),
        Command::Rule(args) => rules_cmd::show(&args),
        Command::Overview(args) => overview_cmd::run(&args),
        Command::Deps(args) => deps_cmd::run(&args),
        Command::Db(command) => db_cmd::run(&command),
        Command::GenerateDocs(args) => docs::generate(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            // A closed pipe (`antivenom check | head`) is not an error.
            if error.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "antivenom: error: {error:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
