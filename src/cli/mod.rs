//! The `vial` command line: its arguments, each command, what it prints.

pub mod args;
mod commands;
pub mod process;
mod report;
#[cfg(feature = "serve")]
mod serve;
mod watcher;

pub use commands::run;
