//! Shows a long build's progress on the terminal, and its stage timings.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use vial_base::progress::{Progress, Stage};

/// A build shorter than this shows no bar: it would only flicker.
const QUIET_START: Duration = Duration::from_secs(1);
const TICK: Duration = Duration::from_millis(100);

/// Draws a bar for `progress` on stderr once the build has run for a
/// second, if stderr is a terminal; stops when dropped.
pub struct Watcher {
    done: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Watcher {
    pub fn start(progress: Arc<Progress>, show: bool) -> Self {
        let done = Arc::new(AtomicBool::new(false));
        let thread = (show && std::io::stderr().is_terminal()).then(|| {
            let done = done.clone();
            std::thread::spawn(move || draw(&progress, &done))
        });
        Watcher { done, thread }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn draw(progress: &Progress, done: &AtomicBool) {
    let mut waited = Duration::ZERO;
    while waited < QUIET_START {
        if done.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(TICK);
        waited += TICK;
    }
    let bar = ProgressBar::new(0);
    let style = ProgressStyle::with_template(
        "{spinner} {prefix:>14} [{bar:30}] {pos}/{len} pages, {per_sec}, {elapsed}",
    )
    .map(|s| s.progress_chars("=> "));
    if let Ok(style) = style {
        bar.set_style(style);
    }
    while !done.load(Ordering::Relaxed) {
        let (rendered, pages) = progress.pages();
        bar.set_prefix(progress.stage().map_or("", Stage::name));
        bar.set_length(pages as u64);
        bar.set_position(rendered as u64);
        bar.tick();
        std::thread::sleep(TICK);
    }
    bar.finish_and_clear();
}

/// `--timings`: each stage's time, printed when the build is done.
pub fn print_timings(progress: &Progress, total: Duration) {
    eprint!("{}", progress.timings_table(total));
}
