//! What `build` and `check` print besides their problems: a progress bar on
//! a terminal, the stage timings, the closing line.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use vial_base::diagnostic::{Diagnostics, Format};
use vial_base::progress::Progress;

use super::args::ReportArgs;
use super::watcher::{Watcher, print_timings};

impl ReportArgs {
    /// Runs `work` with a progress bar (on a terminal, unless `--quiet`).
    /// The timings, if asked for, are printed when the returned guard is
    /// dropped: after everything else the command prints.
    pub fn observe<T>(&self, work: impl FnOnce(&Progress) -> T) -> (T, Timings) {
        let started = Instant::now();
        let progress = Arc::new(Progress::default());
        let watcher = Watcher::start(progress.clone(), !self.quiet);
        let result = work(&progress);
        drop(watcher);
        let timings = Timings(self.timings.then(|| (progress, started.elapsed())));
        (result, timings)
    }
}

/// Prints a finished build's stage timings when dropped.
pub struct Timings(Option<(Arc<Progress>, Duration)>);

impl Drop for Timings {
    fn drop(&mut self) {
        if let Some((progress, took)) = &self.0 {
            print_timings(progress, *took);
        }
    }
}

/// Diagnostics for people go to stderr; machine formats go to stdout, one
/// record per line, for the tool that reads them.
pub fn print_diagnostics(problems: &Diagnostics, format: Format) {
    for d in problems.iter() {
        match format {
            Format::Human => eprintln!("{d}"),
            _ => print!("{}", d.render(format)),
        }
    }
}

/// The closing line of a command that succeeded (`no errors`, `built …`):
/// on stdout for people; on stderr beside a machine format, whose stdout
/// holds only its records, as the closing line of a failure always is.
pub fn closing_line(line: &str, format: Format) {
    match format {
        Format::Human => println!("{line}"),
        _ => eprintln!("{line}"),
    }
}

/// Prints `problems` and the line that says `what` failed, and `outcome`
/// (what became of the output).
pub fn fail(problems: &Diagnostics, format: Format, what: &str, outcome: &str) -> ExitCode {
    print_diagnostics(problems, format);
    let count = problems.error_count();
    eprintln!(
        "{what}: {count} error{}; {outcome}",
        if count == 1 { "" } else { "s" }
    );
    ExitCode::FAILURE
}
