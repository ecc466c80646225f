//! The `vial` command: parses the command line, runs the command through
//! the driver, prints what happened and picks the exit code. The only
//! place that prints.

mod cli;
mod init;

use std::process::ExitCode;

use clap::Parser;

// A build allocates many short-lived strings from every thread at once;
// mimalloc's per-thread heaps are much cheaper for that than glibc's
// allocator (bench/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::process::tune();
    cli::run(cli::args::Cli::parse().command)
}
