//! Watches a site's folders and hands debounced batches of raw events to the
//! rebuild loop. It knows which folders to watch, not what an event means
//! (that is `classify`).
//!
//! Native events (inotify, FSEvents, ReadDirectoryChanges) are used where the
//! platform gives them; where a native watcher cannot be set up (WSL `/mnt`,
//! network and container mounts, an exhausted inotify limit), or when asked,
//! the folders are polled instead.
//!
//! The root is watched alone, not recursively: a site root may hold a large
//! `target/` or the output folder, which must cost nothing. The source
//! folders under it are watched recursively, and watched again whenever they
//! are created or replaced.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, new_debouncer_opt};

use super::debounce;

/// Folders of the root watched recursively. The theme in use sits under
/// `themes/`; `classify` ignores the others.
pub const FOLDERS: [&str; 5] = vial_site::load::SOURCE_FOLDERS;

/// How the watcher finds changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Native,
    Poll(Duration),
}

enum Backend {
    /// Its events are batched by `debounce`, on a thread of its own.
    Native(RecommendedWatcher),
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl Backend {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Backend::Native(w) => w.watch(path, mode),
            Backend::Poll(d) => d.watch(path, mode),
        }
    }
}

/// The running watcher; dropping it stops watching.
pub struct SourceWatcher {
    backend: Backend,
    root: PathBuf,
    /// The method in use and, when native watching failed, why.
    pub method: Method,
    pub fallback_reason: Option<String>,
}

impl SourceWatcher {
    /// Starts watching `root` (absolute). Every debounced batch goes through
    /// `deliver`. Falls back to polling every `fallback_poll` when native
    /// watching cannot be set up.
    pub fn start<M: Send + 'static>(
        root: &Path,
        method: Method,
        fallback_poll: Duration,
        sender: Sender<M>,
        wrap: fn(DebounceEventResult) -> M,
    ) -> notify::Result<Self> {
        let deliver = move |result| {
            // The loop is gone only when serving stops.
            let _ = sender.send(wrap(result));
        };
        match method {
            Method::Poll(interval) => {
                Self::watching(poll_backend(interval, deliver)?, root, method)
            }
            Method::Native => {
                let native = native_backend(deliver.clone())
                    .and_then(|backend| Self::watching(backend, root, method));
                native.or_else(|e| {
                    let backend = poll_backend(fallback_poll, deliver)?;
                    let mut watcher = Self::watching(backend, root, Method::Poll(fallback_poll))?;
                    watcher.fallback_reason = Some(e.to_string());
                    Ok(watcher)
                })
            }
        }
    }

    fn watching(backend: Backend, root: &Path, method: Method) -> notify::Result<Self> {
        let mut watcher = SourceWatcher {
            backend,
            root: root.to_path_buf(),
            method,
            fallback_reason: None,
        };
        watcher.backend.watch(root, RecursiveMode::NonRecursive)?;
        for folder in FOLDERS {
            watcher.watch_folder(folder)?;
        }
        Ok(watcher)
    }

    /// Watches `folder` of the root again if it exists: after it was created,
    /// or removed and created anew, the old watch is gone.
    pub fn watch_folder(&mut self, folder: &str) -> notify::Result<()> {
        let path = self.root.join(folder);
        if path.is_dir() {
            self.backend.watch(&path, RecursiveMode::Recursive)?;
        }
        Ok(())
    }
}

fn native_backend<F>(deliver: F) -> notify::Result<Backend>
where
    F: FnMut(DebounceEventResult) + Send + 'static,
{
    let (events, batcher) = std::sync::mpsc::channel();
    let watcher = RecommendedWatcher::new(events, notify::Config::default())?;
    // The thread ends once the watcher, the only sender, is dropped.
    std::thread::Builder::new()
        .name("vial-watch".into())
        .spawn(move || debounce::run(batcher, deliver))
        .map_err(notify::Error::io)?;
    Ok(Backend::Native(watcher))
}

fn poll_backend<F>(interval: Duration, deliver: F) -> notify::Result<Backend>
where
    F: FnMut(DebounceEventResult) + Send + 'static,
{
    // A poll finds a whole burst at once; debounce no longer than a tick.
    let debounce = interval.clamp(Duration::from_millis(10), Duration::from_millis(15));
    // notify compares modification times in whole seconds: without hashing
    // the contents, a second save within the same second would be missed.
    let config = notify::Config::default()
        .with_poll_interval(interval)
        .with_compare_contents(true);
    new_debouncer_opt(debounce, None, deliver, NoCache, config).map(Backend::Poll)
}
