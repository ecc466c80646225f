//! The rebuild loop: turns batches of watch events into rebuilds through
//! `Session`, prints what happened, and tells the pages once the output is
//! in place.
//!
//! It runs on its own thread and takes everything that is waiting before
//! each rebuild, so a burst of saves, or saves made while a rebuild runs,
//! become one next rebuild, never a queue of stale ones. A failed rebuild
//! prints its diagnostics, shows them on the open pages and leaves the last
//! good site in place.
//!
//! A failure is held back for `SETTLE` first: a save written in pieces (a
//! tool that writes in chunks, an editor that truncates then writes) fails
//! to parse between the pieces. When more of it arrives in that time, the
//! loop rebuilds again and the failure is never shown. Successful rebuilds
//! are published at once.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify_debouncer_full::DebounceEventResult;

use super::classify::{Classified, Scope, classify};
use super::live::Refresh;
use super::server::{Preview, SiteFolder};
use super::watch::{FOLDERS, SourceWatcher};
use vial_base::diagnostic::Diagnostics;
use vial_base::progress::Progress;
use vial_build::session::{Rebuild, Session};
use vial_build::{BuildOptions, read_config};
use vial_site::config::CONFIG_FILE;

/// How long a failed rebuild waits for more of a save before it is shown.
/// Pieces of one save come within tens of milliseconds of each other; a
/// real mistake shows this much later, which nobody notices.
const SETTLE: Duration = Duration::from_millis(150);

/// What the loop receives.
pub enum Message {
    Events(DebounceEventResult),
    Stop,
}

/// The rebuild loop's state; `run` consumes it.
pub struct RebuildLoop {
    pub session: Session,
    pub options: BuildOptions,
    pub watcher: SourceWatcher,
    pub preview: Arc<Preview>,
    pub scope: Scope,
    pub messages: Receiver<Message>,
    /// Whether `scope` and the served folder come from the current site.yaml
    /// (not yet, when the first build failed).
    pub configured: bool,
    /// Paths of rebuilds that failed since the last good one. They go into
    /// the next rebuild again: a session that failed forgets that, say, a
    /// template in the same batch changed.
    pub unbuilt: BTreeSet<PathBuf>,
    /// Print each rebuild's stage timings (`--timings`).
    pub timings: bool,
}

/// The source paths of one drained batch.
#[derive(Debug, Default, PartialEq, Eq)]
struct Changes {
    /// In the order they first arrived.
    paths: Vec<PathBuf>,
    rescan: bool,
    watcher_errors: Vec<String>,
}

impl Changes {
    /// Whether a source changed, or may have.
    fn any(&self) -> bool {
        !self.paths.is_empty() || self.rescan
    }

    fn add(&mut self, classified: Classified) {
        match classified {
            Classified::Ignored => {}
            Classified::Rescan => self.rescan = true,
            Classified::Paths(paths) => {
                for path in paths {
                    if !self.paths.contains(&path) {
                        self.paths.push(path);
                    }
                }
            }
        }
    }
}

/// Waits for a message, then takes every one already waiting too: all of
/// them make one rebuild. With a `deadline`, comes back empty once it has
/// passed. `None` when it is time to stop.
fn drain(
    messages: &Receiver<Message>,
    scope: &Scope,
    deadline: Option<Instant>,
) -> Option<Changes> {
    let mut changes = Changes::default();
    let first = match deadline {
        None => messages.recv().ok()?,
        Some(at) => match messages.recv_timeout(at.saturating_duration_since(Instant::now())) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => return Some(changes),
            Err(RecvTimeoutError::Disconnected) => return None,
        },
    };
    for message in std::iter::once(first).chain(messages.try_iter()) {
        match message {
            Message::Stop => return None,
            Message::Events(Ok(events)) => {
                for event in &events {
                    changes.add(classify(event, scope));
                }
            }
            Message::Events(Err(errors)) => {
                changes
                    .watcher_errors
                    .extend(errors.iter().map(ToString::to_string));
            }
        }
    }
    Some(changes)
}

/// A failed rebuild not shown yet.
struct Held {
    problems: Diagnostics,
    /// When to show it if no source changes before.
    until: Instant,
}

/// What the loop does with a drained batch.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    /// Sources changed: rebuild. A held failure is superseded by the result.
    Rebuild,
    /// Nothing changed while a failure was held: show it.
    ShowFailure,
    /// Nothing to do yet.
    Wait,
}

/// Decides what a batch means, given when a held failure is due (if one is).
fn next_step(changes: &Changes, held_until: Option<Instant>, now: Instant) -> Step {
    if changes.any() {
        Step::Rebuild
    } else if held_until.is_some_and(|until| now >= until) {
        Step::ShowFailure
    } else {
        Step::Wait
    }
}

impl RebuildLoop {
    /// Rebuilds until told to stop or until the watcher goes away.
    pub fn run(mut self) {
        let mut held: Option<Held> = None;
        loop {
            let due = held.as_ref().map(|h| h.until);
            let Some(changes) = drain(&self.messages, &self.scope, due) else {
                return;
            };
            for e in &changes.watcher_errors {
                eprintln!("warning: file watcher: {e}");
            }
            for path in &changes.paths {
                println!("changed: {}", shown(path));
            }
            match next_step(&changes, due, Instant::now()) {
                Step::Wait => continue,
                Step::ShowFailure => {
                    if let Some(failure) = held.take() {
                        self.show_failure(&failure.problems);
                    }
                }
                Step::Rebuild => {
                    self.rewatch(&changes.paths);
                    held = self.rebuild(&changes).err().map(|problems| Held {
                        problems,
                        until: Instant::now() + SETTLE,
                    });
                }
            }
        }
    }

    /// A source folder created or replaced needs a new watch.
    fn rewatch(&mut self, paths: &[PathBuf]) {
        let top_level = |p: &Path| p.as_os_str().is_empty() || p.components().count() == 1;
        if !paths.iter().any(|p| top_level(p)) {
            return;
        }
        for folder in FOLDERS {
            if let Err(e) = self.watcher.watch_folder(folder) {
                eprintln!("warning: cannot watch {folder}/: {e}");
            }
        }
    }

    /// Rebuilds and publishes; a failure is returned, not shown.
    fn rebuild(&mut self, changes: &Changes) -> Result<(), Diagnostics> {
        let started = Instant::now();
        let mut changed = changes.paths.clone();
        if changes.rescan {
            println!("changed: events were lost, rebuilding everything");
            changed.push(PathBuf::new());
        }
        let retried = self.unbuilt.iter().filter(|p| !changed.contains(*p));
        let asked: Vec<PathBuf> = changed.iter().chain(retried).cloned().collect();
        let progress = Progress::default();
        match self.session.rebuild_observed(&asked, &progress) {
            Ok(report) => {
                self.unbuilt.clear();
                if touches_config(&asked) || !self.configured {
                    self.follow_config();
                }
                print_warnings(&report.warnings);
                let took = started.elapsed();
                println!("{}", summary(&changed, &report, took.as_millis()));
                if self.timings {
                    print!("{}", progress.timings_table(took));
                }
                self.preview.live.published(refresh(&asked, &report));
                self.session.settle();
                Ok(())
            }
            Err(problems) => {
                self.unbuilt.extend(asked);
                Err(problems)
            }
        }
    }

    /// In the terminal and on the open pages.
    fn show_failure(&self, problems: &Diagnostics) {
        eprint!("{problems}");
        eprintln!("{}", failure_line(problems));
        self.preview.live.failed(problems);
    }

    /// site.yaml may have moved the output, the base path or the theme.
    pub fn follow_config(&mut self) {
        let Ok(config) = read_config(&self.options) else {
            return;
        };
        self.configured = true;
        self.scope = Scope::new(&self.options.root, &config.output_dir, &config.theme);
        self.preview.set_folder(SiteFolder {
            output: config.output_dir,
            base_path: config.base_path,
        });
    }
}

fn touches_config(paths: &[PathBuf]) -> bool {
    paths
        .iter()
        .any(|p| p.as_os_str().is_empty() || p == Path::new(CONFIG_FILE))
}

/// Stylesheets alone can be swapped without a reload.
fn refresh(paths: &[PathBuf], report: &Rebuild) -> Refresh {
    let only_css = !paths.is_empty()
        && paths
            .iter()
            .all(|p| p.extension().is_some_and(|e| e == "css"));
    if report.written == 0 && report.removed == 0 {
        Refresh::Nothing
    } else if only_css && !report.full {
        Refresh::Styles
    } else {
        Refresh::Pages
    }
}

fn shown(path: &Path) -> String {
    if path.as_os_str().is_empty() {
        "(the site folder)".to_string()
    } else {
        path.display().to_string()
    }
}

/// One line per rebuild: what changed, what was redone, how long it took.
fn summary(paths: &[PathBuf], report: &Rebuild, millis: u128) -> String {
    let what = match paths {
        [] => "nothing".to_string(),
        [one] => shown(one),
        [first, rest @ ..] => format!("{} and {} more", shown(first), rest.len()),
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "rebuilt {what}: {} re-rendered, {} written",
        plural(report.rendered, "page"),
        plural(report.written, "file"),
    );
    if report.removed > 0 {
        line.push_str(&format!(", {} removed", report.removed));
    }
    if report.full {
        line.push_str(" (full)");
    }
    line.push_str(&format!(" in {millis} ms"));
    line
}

fn failure_line(problems: &Diagnostics) -> String {
    let count = problems.error_count();
    format!(
        "rebuild failed: {count} error{}; still serving the last good site",
        if count == 1 { "" } else { "s" }
    )
}

/// Prints warnings, except the placeholder `base_url` one: a preview
/// needs no published address.
pub fn print_warnings(warnings: &Diagnostics) {
    for w in warnings
        .iter()
        .filter(|w| w.code != vial_base::diagnostic::Code::PlaceholderUrl)
    {
        eprintln!("{w}");
    }
}

#[cfg(test)]
mod tests {
    use notify::event::{DataChange, ModifyKind};
    use notify::{Event, EventKind};
    use notify_debouncer_full::DebouncedEvent;

    use super::*;

    fn report(rendered: usize, written: usize, removed: usize, full: bool) -> Rebuild {
        Rebuild {
            full,
            rendered,
            written,
            removed,
            warnings: Diagnostics::default(),
        }
    }

    fn paths(list: &[&str]) -> Vec<PathBuf> {
        list.iter().map(PathBuf::from).collect()
    }

    fn modified(path: &str) -> Message {
        let kind = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let event = Event::new(kind).add_path(PathBuf::from(path));
        Message::Events(Ok(vec![DebouncedEvent::new(
            event,
            std::time::Instant::now(),
        )]))
    }

    #[test]
    fn everything_waiting_becomes_one_batch() {
        let scope = Scope::new("/site", "/site/public", "default");
        let (sender, receiver) = std::sync::mpsc::channel();
        for path in [
            "/site/content/products/b.yaml",
            "/site/public/index.html",
            "/site/content/products/a.yaml",
            "/site/content/products/b.yaml",
        ] {
            sender.send(modified(path)).unwrap();
        }
        let changes = drain(&receiver, &scope, None).unwrap();
        assert_eq!(
            changes.paths,
            paths(&["content/products/b.yaml", "content/products/a.yaml"])
        );
        assert!(!changes.rescan);
        assert!(
            receiver.try_recv().is_err(),
            "nothing left for a second rebuild"
        );
    }

    #[test]
    fn stop_ends_the_loop_even_with_events_waiting() {
        let scope = Scope::new("/site", "/site/public", "default");
        let (sender, receiver) = std::sync::mpsc::channel();
        sender.send(modified("/site/site.yaml")).unwrap();
        sender.send(Message::Stop).unwrap();
        assert_eq!(drain(&receiver, &scope, None), None);
        drop(sender);
        assert_eq!(drain(&receiver, &scope, None), None);
    }

    #[test]
    fn a_deadline_ends_the_wait_with_whatever_arrived() {
        let scope = Scope::new("/site", "/site/public", "default");
        let (sender, receiver) = std::sync::mpsc::channel();
        let passed = Instant::now();
        assert_eq!(
            drain(&receiver, &scope, Some(passed)),
            Some(Changes::default())
        );
        sender.send(modified("/site/public/index.html")).unwrap();
        assert_eq!(
            drain(&receiver, &scope, Some(passed)),
            Some(Changes::default()),
            "the output is no source"
        );
        sender
            .send(modified("/site/content/products/a.yaml"))
            .unwrap();
        let changes = drain(&receiver, &scope, Some(passed)).unwrap();
        assert_eq!(changes.paths, paths(&["content/products/a.yaml"]));
        drop(sender);
        assert_eq!(drain(&receiver, &scope, Some(passed)), None);
    }

    #[test]
    fn a_held_failure_shows_only_when_no_source_changed_in_time() {
        let now = Instant::now();
        let later = now + SETTLE;
        let source = Changes {
            paths: paths(&["content/products/a.yaml"]),
            ..Changes::default()
        };
        let nothing = Changes::default();
        let rescan = Changes {
            rescan: true,
            ..Changes::default()
        };
        // More of the save arrived: rebuild, silently superseding it.
        assert_eq!(next_step(&source, Some(later), now), Step::Rebuild);
        assert_eq!(next_step(&rescan, Some(later), now), Step::Rebuild);
        // Quiet so far: keep waiting; quiet to the end: show it.
        assert_eq!(next_step(&nothing, Some(later), now), Step::Wait);
        assert_eq!(next_step(&nothing, Some(later), later), Step::ShowFailure);
        // Nothing held, nothing changed.
        assert_eq!(next_step(&nothing, None, later), Step::Wait);
        assert_eq!(next_step(&source, None, now), Step::Rebuild);
    }

    #[test]
    fn the_summary_names_the_change_and_counts_the_work() {
        let one = paths(&["content/products/a.yaml"]);
        assert_eq!(
            summary(&one, &report(3, 1, 0, false), 12),
            "rebuilt content/products/a.yaml: 3 pages re-rendered, 1 file written in 12 ms"
        );
        let three = paths(&["content/a.yaml", "content/b.yaml", "site.yaml"]);
        assert_eq!(
            summary(&three, &report(1, 2, 1, true), 7),
            "rebuilt content/a.yaml and 2 more: 1 page re-rendered, 2 files written, 1 removed (full) in 7 ms"
        );
    }

    #[test]
    fn css_alone_swaps_stylesheets_and_nothing_written_tells_nobody() {
        let css = paths(&["static/style.css"]);
        assert_eq!(refresh(&css, &report(0, 1, 0, false)), Refresh::Styles);
        assert_eq!(refresh(&css, &report(0, 0, 0, false)), Refresh::Nothing);
        let mixed = paths(&["static/style.css", "content/products/a.yaml"]);
        assert_eq!(refresh(&mixed, &report(2, 3, 0, false)), Refresh::Pages);
        let removed = paths(&["content/products/a.yaml"]);
        assert_eq!(refresh(&removed, &report(3, 0, 1, false)), Refresh::Pages);
    }
}
