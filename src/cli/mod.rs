//! The `vial` command line: its arguments, each command, what it prints.

pub mod args;
mod commands;
pub mod process;
#[cfg(all(test, feature = "serve"))]
mod reference;
mod report;
#[cfg(feature = "serve")]
mod serve;
mod watcher;

pub use commands::run;
