//! What a running build is doing, for whoever watches it: the stage, the
//! pages rendered so far, and how long each stage took. The core only
//! records; the command line decides whether to draw a bar or print the
//! timings (`vial build --timings`).

use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A stage of a build, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Stage {
    /// Reading site.yaml, the content files, templates and static files.
    Load = 1,
    /// Compiling templates and validating the model.
    Model,
    /// Resolving cross-links and backlinks.
    Link,
    /// Finding the pages a change touches (rebuilds in `vial serve` only).
    Changes,
    /// Rendering every page and handing it to the output.
    Render,
    /// Building the search index (alongside rendering).
    Search,
    /// Resizing pictures, or taking them from the cache.
    Images,
    /// Moving the new files into place and removing the old ones.
    Commit,
}

impl Stage {
    const ALL: [Stage; 8] = [
        Stage::Load,
        Stage::Model,
        Stage::Link,
        Stage::Changes,
        Stage::Render,
        Stage::Search,
        Stage::Images,
        Stage::Commit,
    ];

    /// The stage's name as `--timings` prints it.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Load => "load",
            Stage::Model => "model",
            Stage::Link => "link",
            Stage::Changes => "find changes",
            Stage::Render => "render + write",
            Stage::Search => "search index",
            Stage::Images => "images",
            Stage::Commit => "commit",
        }
    }
}

/// Shared between the build and an observer on another thread.
#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    rendered: AtomicUsize,
    pages: AtomicUsize,
    timings: Mutex<Vec<(Stage, Duration)>>,
}

impl Progress {
    /// Runs `work` as `stage`, and notes how long it took.
    pub fn time<T>(&self, stage: Stage, work: impl FnOnce() -> T) -> T {
        // A stage that runs alongside another (search beside rendering)
        // does not take over what the observer shows.
        if stage != Stage::Search {
            self.stage.store(stage as u8, Ordering::Relaxed);
        }
        let started = Instant::now();
        let result = work();
        let took = started.elapsed();
        if let Ok(mut timings) = self.timings.lock() {
            timings.push((stage, took));
        }
        result
    }

    pub fn rendering(&self, pages: usize) {
        self.rendered.store(0, Ordering::Relaxed);
        self.pages.store(pages, Ordering::Relaxed);
    }

    pub fn rendered_one(&self) {
        self.rendered.fetch_add(1, Ordering::Relaxed);
    }

    /// The stage running now, if the build has started.
    pub fn stage(&self) -> Option<Stage> {
        let n = self.stage.load(Ordering::Relaxed);
        Stage::ALL.into_iter().find(|s| *s as u8 == n)
    }

    /// Pages rendered so far, of how many.
    pub fn pages(&self) -> (usize, usize) {
        (
            self.rendered.load(Ordering::Relaxed),
            self.pages.load(Ordering::Relaxed),
        )
    }

    /// Each stage that ran, with its time, in the order they finished.
    pub fn timings(&self) -> Vec<(Stage, Duration)> {
        self.timings.lock().map(|t| t.clone()).unwrap_or_default()
    }

    /// `--timings`: one line per stage with its time, stages that ran twice
    /// summed, and its share of `total`, then the total. Search runs beside
    /// rendering, so shares can add up to more than 100%.
    pub fn timings_table(&self, total: Duration) -> String {
        let mut stages: Vec<(Stage, Duration)> = Vec::new();
        for (stage, took) in self.timings() {
            match stages.iter_mut().find(|(s, _)| *s == stage) {
                Some((_, sum)) => *sum += took,
                None => stages.push((stage, took)),
            }
        }
        let total_ms = total.as_secs_f64() * 1000.0;
        let mut table = String::new();
        for (stage, took) in stages {
            let ms = took.as_secs_f64() * 1000.0;
            let note = if stage == Stage::Search {
                " (alongside rendering)"
            } else {
                ""
            };
            table.push_str(&format!(
                "{:>14} {ms:>9.1} ms {:>5.1}%{note}\n",
                stage.name(),
                100.0 * ms / total_ms.max(0.001),
            ));
        }
        table.push_str(&format!("{:>14} {total_ms:>9.1} ms\n", "total"));
        table
    }
}
