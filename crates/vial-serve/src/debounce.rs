//! Gathers a native watcher's raw events into batches for the rebuild loop.
//!
//! A batch goes out once the events stop for a while, and how long a while
//! depends on what they said. A save ends with the file closed after
//! writing, moved into place, or removed; once every path of the batch has
//! ended so, more events are unlikely and the batch waits only `SETTLED`.
//! While a file is still open for writing (created, or changed and not
//! closed yet) it waits `QUIET`. A save caught half written anyway fails to
//! parse and is held back (`rebuild::SETTLE`).
//!
//! (notify-debouncer-full waits the same time for every event, and a save
//! that the last event says is complete waited as long as one in progress.)

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{Event, EventKind};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent};

/// Quiet time after the last event while a file may still be written.
/// Editors finish an atomic save (write, rename) within a millisecond or
/// two; a longer wait only delays the preview.
const QUIET: Duration = Duration::from_millis(6);

/// Quiet time once every file of the batch was closed, moved or removed:
/// the steps of one save (a backup moved away, the new file moved in)
/// follow each other within microseconds.
const SETTLED: Duration = Duration::from_millis(1);

/// A batch goes out after this long even if events keep coming (a large
/// checkout), so the preview follows along.
const LONGEST: Duration = Duration::from_millis(100);

/// Events waiting to go out, and whether each path's last event ended a
/// write.
#[derive(Default)]
struct Batch {
    events: Vec<DebouncedEvent>,
    errors: Vec<notify::Error>,
    settled: HashMap<PathBuf, bool>,
    /// Paths whose first event in the batch created them, and those whose
    /// last event removed them or moved them away: a path in both is an
    /// editor's temporary file, which the batch leaves out.
    created: HashSet<PathBuf>,
    gone: HashSet<PathBuf>,
    started: Option<Instant>,
}

impl Batch {
    fn add(&mut self, event: notify::Result<Event>, now: Instant) {
        self.started.get_or_insert(now);
        match event {
            Ok(event) => {
                if let Some(settled) = ends_a_write(&event.kind) {
                    for (i, path) in event.paths.iter().enumerate() {
                        let first = self.settled.insert(path.clone(), settled).is_none();
                        if first && matches!(event.kind, EventKind::Create(_)) {
                            self.created.insert(path.clone());
                        }
                        if takes_away(&event.kind, i) {
                            self.gone.insert(path.clone());
                        } else {
                            self.gone.remove(path);
                        }
                    }
                }
                self.events.push(DebouncedEvent::new(event, now));
            }
            Err(error) => self.errors.push(error),
        }
    }

    /// How long to wait for more events before the batch goes out.
    fn wait(&self) -> Duration {
        if self.settled.values().all(|&settled| settled) {
            SETTLED
        } else {
            QUIET
        }
    }

    fn is_empty(&self) -> bool {
        self.events.is_empty() && self.errors.is_empty()
    }

    /// Hands the batch over, without the files that came and went within
    /// it: errors first, as notify-debouncer-full does.
    fn deliver(mut self, deliver: &mut impl FnMut(DebounceEventResult)) {
        if !self.errors.is_empty() {
            deliver(Err(self.errors));
        }
        let passing: HashSet<&PathBuf> = self.created.intersection(&self.gone).collect();
        if !passing.is_empty() {
            self.events.retain_mut(|event| {
                let had_paths = !event.paths.is_empty();
                event.paths.retain(|path| !passing.contains(path));
                !had_paths || !event.paths.is_empty()
            });
        }
        if !self.events.is_empty() {
            deliver(Ok(self.events));
        }
    }
}

/// Whether an event of `kind` leaves its paths finished (`Some(true)`),
/// being written (`Some(false)`), or says nothing about it (reads, which
/// vial's own rebuild causes: `None`).
fn ends_a_write(kind: &EventKind) -> Option<bool> {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => Some(true),
        EventKind::Access(_) => None,
        EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_)) => Some(true),
        _ => Some(false),
    }
}

/// Whether an event of `kind` takes its `i`th path away: a removal, or the
/// source of a move.
fn takes_away(kind: &EventKind, i: usize) -> bool {
    match kind {
        EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Name(RenameMode::From)) => true,
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => i == 0,
        _ => false,
    }
}

/// Batches the events of `events` and hands each batch to `deliver`, until
/// the watcher that sends them is dropped.
pub fn run(events: Receiver<notify::Result<Event>>, mut deliver: impl FnMut(DebounceEventResult)) {
    loop {
        let mut batch = Batch::default();
        let Ok(first) = events.recv() else { return };
        batch.add(first, Instant::now());
        let gone = loop {
            let started = batch.started.unwrap_or_else(Instant::now);
            if started.elapsed() >= LONGEST {
                break false;
            }
            match events.recv_timeout(batch.wait()) {
                Ok(event) => batch.add(event, Instant::now()),
                Err(RecvTimeoutError::Timeout) => break false,
                Err(RecvTimeoutError::Disconnected) => break true,
            }
        };
        if !batch.is_empty() {
            batch.deliver(&mut deliver);
        }
        if gone {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use notify::event::{CreateKind, DataChange, RemoveKind};

    use super::*;

    fn batch(events: &[(EventKind, &[&str])]) -> Batch {
        let mut batch = Batch::default();
        for (kind, paths) in events {
            let mut event = Event::new(*kind);
            for path in *paths {
                event = event.add_path(PathBuf::from(path));
            }
            batch.add(Ok(event), Instant::now());
        }
        batch
    }

    const WRITTEN: EventKind = EventKind::Modify(ModifyKind::Data(DataChange::Any));
    const CLOSED: EventKind = EventKind::Access(AccessKind::Close(AccessMode::Write));
    const OPENED: EventKind = EventKind::Access(AccessKind::Open(AccessMode::Any));
    const CREATED: EventKind = EventKind::Create(CreateKind::File);
    const REMOVED: EventKind = EventKind::Remove(RemoveKind::File);
    const MOVED_FROM: EventKind = EventKind::Modify(ModifyKind::Name(RenameMode::From));
    const MOVED_TO: EventKind = EventKind::Modify(ModifyKind::Name(RenameMode::To));
    const MOVED: EventKind = EventKind::Modify(ModifyKind::Name(RenameMode::Both));

    #[test]
    fn a_file_closed_after_writing_goes_out_soon() {
        let saved = batch(&[(WRITTEN, &["a.yaml"]), (CLOSED, &["a.yaml"])]);
        assert_eq!(saved.wait(), SETTLED);
    }

    #[test]
    fn a_file_still_open_for_writing_is_waited_for() {
        assert_eq!(batch(&[(WRITTEN, &["a.yaml"])]).wait(), QUIET);
        assert_eq!(batch(&[(CREATED, &["a.yaml"])]).wait(), QUIET);
        // One path done, another still being written.
        let both = batch(&[
            (WRITTEN, &["a.yaml"]),
            (CLOSED, &["a.yaml"]),
            (WRITTEN, &["b.yaml"]),
        ]);
        assert_eq!(both.wait(), QUIET);
        // Closed, then written again (a second save).
        let again = batch(&[(CLOSED, &["a.yaml"]), (WRITTEN, &["a.yaml"])]);
        assert_eq!(again.wait(), QUIET);
    }

    #[test]
    fn an_atomic_save_is_settled_once_the_file_moved_in() {
        let save = batch(&[
            (CREATED, &[".a.yaml.tmp"]),
            (WRITTEN, &[".a.yaml.tmp"]),
            (CLOSED, &[".a.yaml.tmp"]),
            (MOVED, &[".a.yaml.tmp", "a.yaml"]),
            (REMOVED, &["a.yaml~"]),
        ]);
        assert_eq!(save.wait(), SETTLED);
    }

    #[test]
    fn reads_say_nothing_about_a_write() {
        // vial reading the file it rebuilds from.
        let read = batch(&[(CLOSED, &["a.yaml"]), (OPENED, &["a.yaml"])]);
        assert_eq!(read.wait(), SETTLED);
        let during = batch(&[(WRITTEN, &["a.yaml"]), (OPENED, &["a.yaml"])]);
        assert_eq!(during.wait(), QUIET);
    }

    #[test]
    fn every_event_and_error_is_delivered_when_the_watcher_goes() {
        let (send, receive) = std::sync::mpsc::channel();
        send.send(Ok(Event::new(WRITTEN).add_path(PathBuf::from("a.yaml"))))
            .unwrap();
        send.send(Err(notify::Error::generic("lost"))).unwrap();
        send.send(Ok(Event::new(CLOSED).add_path(PathBuf::from("a.yaml"))))
            .unwrap();
        drop(send);
        let mut got = Vec::new();
        run(receive, |result| got.push(result));
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(&got[0], Err(errors) if errors.len() == 1));
        let Ok(events) = &got[1] else {
            panic!("{got:?}")
        };
        assert_eq!(events.len(), 2);
    }

    #[test]
    fn a_temporary_file_that_came_and_went_is_left_out() {
        // sed -i: a new file, written and moved over the old one.
        let save = batch(&[
            (CREATED, &["sedX1"]),
            (WRITTEN, &["sedX1"]),
            (CLOSED, &["sedX1"]),
            (MOVED_FROM, &["sedX1"]),
            (MOVED_TO, &["a.yaml"]),
            (MOVED, &["sedX1", "a.yaml"]),
            // A file created and removed again.
            (CREATED, &["b.yaml"]),
            (REMOVED, &["b.yaml"]),
            // A file that was there before and went: that counts.
            (REMOVED, &["c.yaml"]),
        ]);
        let mut got = Vec::new();
        save.deliver(&mut |result| got.push(result));
        let [Ok(events)] = &got[..] else {
            panic!("{got:?}")
        };
        let paths: Vec<&str> = events
            .iter()
            .flat_map(|e| e.paths.iter())
            .map(|p| p.to_str().unwrap())
            .collect();
        assert_eq!(paths, ["a.yaml", "a.yaml", "c.yaml"]);
    }
}
