//! How many connections the preview holds open, and which one gives way when
//! a new one needs room.
//!
//! In: the process's file-descriptor limit. Out: a cap on open connections
//! that leaves descriptors free for rebuilds, and a table of the open
//! connections that knows what each is doing: opening (its client has sent
//! nothing yet, for a moment), idle (no whole request yet, or kept alive
//! between two), answering a request, or streaming live-reload events to a
//! page. When a new connection finds the table full, the connection idle
//! longest is closed to make room; without one, and once no connection is
//! opening, the oldest event stream (its page reconnects on its own);
//! without either, the new connection waits until one ends. So clients that open
//! connections and send nothing can neither use up the descriptors a
//! rebuild needs nor keep a page's request from being answered, and a flood
//! of them never costs an open page its stream.
//!
//! It accepts and closes nothing itself: `accept` asks it and obeys.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::sync::Notify;

/// Descriptors kept for everything but connections: the rebuild's reads and
/// writes, the watcher, the runtime and the standard streams.
const RESERVED_DESCRIPTORS: u64 = 64;
/// A preview for one person never needs more, and memory stays bounded.
const MOST_CONNECTIONS: usize = 4096;
/// Below this nothing would work anyway; a limit that low is not kept.
const FEWEST_CONNECTIONS: usize = 8;
/// The cap where the descriptor limit cannot be read.
const UNKNOWN_LIMIT_CAP: usize = 1024;

/// The cap on open connections under a soft descriptor limit. A connection
/// holds its socket and, while it sends a page, the page's file: two each.
pub fn cap_for(limit: Option<u64>) -> usize {
    let Some(limit) = limit else {
        return UNKNOWN_LIMIT_CAP;
    };
    let spare = limit.saturating_sub(RESERVED_DESCRIPTORS) / 2;
    usize::try_from(spare)
        .unwrap_or(usize::MAX)
        .clamp(FEWEST_CONNECTIONS, MOST_CONNECTIONS)
}

/// Raises the soft descriptor limit towards the hard one, as servers
/// commonly do, and returns the soft limit now in force (`None` when it
/// cannot be read).
#[cfg(unix)]
pub fn raise_descriptor_limit() -> Option<u64> {
    // macOS refuses more than OPEN_MAX, whatever the hard limit says.
    const OPEN_MAX: libc::rlim_t = 10240;
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes to the struct it is given.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        return None;
    }
    for wanted in [limit.rlim_max, limit.rlim_max.min(OPEN_MAX)] {
        if wanted <= limit.rlim_cur {
            continue;
        }
        let raised = libc::rlimit {
            rlim_cur: wanted,
            rlim_max: limit.rlim_max,
        };
        // SAFETY: setrlimit only reads the struct it is given.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            limit.rlim_cur = wanted;
            break;
        }
    }
    #[allow(clippy::unnecessary_cast)] // rlim_t is narrower on some targets
    Some(limit.rlim_cur as u64)
}

#[cfg(not(unix))]
pub fn raise_descriptor_limit() -> Option<u64> {
    None
}

/// What an open connection is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Activity {
    /// Accepted, not read yet: its request may be on the way.
    Opening,
    /// No request in progress: none sent yet, a header half sent, or kept
    /// alive between two requests.
    Idle,
    /// Answering a request.
    Answering,
    /// Sending live-reload events, for as long as its page stays open.
    Streaming,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct State {
    activity: Activity,
    /// When it started doing it, as a tick of the table's clock.
    since: u64,
    /// Asked to close: it makes the room already.
    closing: bool,
}

/// Which connection to close for a new one: the one idle longest; else,
/// once no connection is still opening (it may turn out idle), the oldest
/// event stream. Never one answering a request. `None`: wait.
fn victim<'a>(states: impl Iterator<Item = (u64, &'a State)>) -> Option<u64> {
    let candidates: Vec<(u64, &State)> = states.filter(|(_, state)| !state.closing).collect();
    let oldest = |activity| {
        candidates
            .iter()
            .filter(|(_, state)| state.activity == activity)
            .min_by_key(|(_, state)| state.since)
            .map(|(id, _)| *id)
    };
    let opening = candidates
        .iter()
        .any(|(_, state)| state.activity == Activity::Opening);
    oldest(Activity::Idle).or_else(|| {
        if opening {
            None
        } else {
            oldest(Activity::Streaming)
        }
    })
}

struct Entry {
    state: State,
    close: Arc<Notify>,
}

#[derive(Default)]
struct Table {
    /// Counts changes, to tell which connection has been idle longest.
    clock: u64,
    next_id: u64,
    open: BTreeMap<u64, Entry>,
}

impl Table {
    fn tick(&mut self) -> u64 {
        self.clock += 1;
        self.clock
    }
}

/// The open connections and their cap.
pub struct Connections {
    cap: usize,
    table: Mutex<Table>,
    /// Signalled whenever a connection ends or changes what it does: either
    /// may make room.
    changed: Notify,
}

impl Connections {
    pub fn new(cap: usize) -> Arc<Self> {
        Arc::new(Self {
            cap,
            table: Mutex::default(),
            changed: Notify::new(),
        })
    }

    fn table(&self) -> MutexGuard<'_, Table> {
        self.table.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until the connection just accepted fits, asking another to
    /// close when the table is full.
    pub async fn room(&self) {
        loop {
            // Made before looking, so a change in between is not missed.
            let changed = self.changed.notified();
            if self.make_room() {
                return;
            }
            changed.await;
        }
    }

    /// Whether one more fits now; if not, asks the victim, if any, to close.
    fn make_room(&self) -> bool {
        let mut table = self.table();
        if table.open.len() < self.cap {
            return true;
        }
        // One closing connection is the room for one more.
        if table.open.values().any(|e| e.state.closing) {
            return false;
        }
        let picked = victim(table.open.iter().map(|(id, e)| (*id, &e.state)));
        if let Some(entry) = picked.and_then(|id| table.open.get_mut(&id)) {
            entry.state.closing = true;
            entry.close.notify_one();
        }
        false
    }

    /// Enters a connection just accepted.
    pub fn open(self: &Arc<Self>) -> Arc<Slot> {
        let mut table = self.table();
        let id = table.next_id;
        table.next_id += 1;
        let since = table.tick();
        let close = Arc::new(Notify::new());
        let state = State {
            activity: Activity::Opening,
            since,
            closing: false,
        };
        let entry = Entry {
            state,
            close: close.clone(),
        };
        table.open.insert(id, entry);
        Arc::new(Slot {
            id,
            connections: self.clone(),
            close,
        })
    }

    /// Waits until every connection has ended.
    pub async fn all_ended(&self) {
        loop {
            let changed = self.changed.notified();
            if self.table().open.is_empty() {
                return;
            }
            changed.await;
        }
    }

    /// Sets what connection `id` does, if it is doing `from` (any, when
    /// `None`).
    fn set(&self, id: u64, from: Option<Activity>, activity: Activity) {
        let mut table = self.table();
        let since = table.tick();
        let Some(entry) = table.open.get_mut(&id) else {
            return;
        };
        if from.is_some_and(|from| entry.state.activity != from) {
            return;
        }
        entry.state.activity = activity;
        entry.state.since = since;
        drop(table);
        // A connection that stops opening or answering may make room.
        self.changed.notify_one();
    }

    fn activity(&self, id: u64) -> Option<Activity> {
        self.table().open.get(&id).map(|e| e.state.activity)
    }
}

/// One open connection's place in the table; it is freed when the last
/// reference (the connection's task, its service, a response body) drops.
pub struct Slot {
    id: u64,
    connections: Arc<Connections>,
    close: Arc<Notify>,
}

impl Slot {
    /// Resolves when the table wants the connection closed.
    pub async fn closed(&self) {
        self.close.notified().await;
    }

    pub fn is_idle(&self) -> bool {
        self.connections.activity(self.id) == Some(Activity::Idle)
    }

    pub fn is_answering(&self) -> bool {
        self.connections.activity(self.id) == Some(Activity::Answering)
    }

    /// The connection has been read once: what its client sent at once is
    /// being answered, or it sent no whole request and is idle.
    pub fn read(&self) {
        self.connections
            .set(self.id, Some(Activity::Opening), Activity::Idle);
    }

    /// Marks the connection as answering until the returned mark drops.
    pub fn answering(self: &Arc<Self>) -> Busy {
        self.connections.set(self.id, None, Activity::Answering);
        Busy(self.clone())
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.connections.table().open.remove(&self.id);
        self.connections.changed.notify_one();
    }
}

/// A request in progress on a connection; it is idle again once this drops.
pub struct Busy(Arc<Slot>);

impl Busy {
    /// The answer is a live-reload stream: it lasts as long as its page.
    pub fn streaming(&self) {
        self.0.connections.set(self.0.id, None, Activity::Streaming);
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.connections.set(self.0.id, None, Activity::Idle);
    }
}

#[cfg(test)]
mod tests {
    use futures_util::FutureExt;

    use super::*;

    fn state(activity: Activity, since: u64) -> State {
        State {
            activity,
            since,
            closing: false,
        }
    }

    fn pick(states: &[State]) -> Option<u64> {
        victim((0..).zip(states))
    }

    #[test]
    fn the_connection_idle_longest_gives_way_first() {
        let states = [
            state(Activity::Streaming, 1),
            state(Activity::Idle, 5),
            state(Activity::Answering, 2),
            state(Activity::Opening, 0),
            state(Activity::Idle, 3),
        ];
        assert_eq!(pick(&states), Some(4));
    }

    #[test]
    fn without_an_idle_one_the_oldest_event_stream_gives_way() {
        let states = [
            state(Activity::Streaming, 4),
            state(Activity::Answering, 1),
            state(Activity::Streaming, 2),
        ];
        assert_eq!(pick(&states), Some(2));
    }

    #[test]
    fn streams_are_spared_while_a_new_connection_may_turn_out_idle() {
        let states = [state(Activity::Streaming, 1), state(Activity::Opening, 2)];
        assert_eq!(pick(&states), None);
    }

    #[test]
    fn requests_being_answered_and_connections_closing_are_spared() {
        let closing = State {
            closing: true,
            ..state(Activity::Idle, 1)
        };
        let states = [closing, state(Activity::Answering, 2)];
        assert_eq!(pick(&states), None);
    }

    #[test]
    fn the_cap_keeps_descriptors_free_for_rebuilds() {
        assert_eq!(cap_for(Some(256)), 96);
        assert_eq!(cap_for(Some(1024)), 480);
        assert_eq!(cap_for(Some(1 << 20)), MOST_CONNECTIONS);
        assert_eq!(cap_for(Some(u64::MAX)), MOST_CONNECTIONS);
        assert_eq!(cap_for(Some(16)), FEWEST_CONNECTIONS);
        assert_eq!(cap_for(None), UNKNOWN_LIMIT_CAP);
    }

    #[test]
    fn a_full_table_closes_the_oldest_idle_connection_and_waits_for_it() {
        let connections = Connections::new(2);
        let first = connections.open();
        let second = connections.open();
        first.read();
        let busy = second.answering();
        assert!(!connections.make_room(), "full");
        let asked = |slot: &Slot| slot.closed().now_or_never().is_some();
        assert!(asked(&first), "the idle one is asked to close");
        assert!(!asked(&second));
        assert!(!connections.make_room(), "still full until it ends");
        drop(first);
        assert!(connections.make_room());
        assert!(second.is_answering());
        drop(busy);
        assert!(second.is_idle());
    }

    #[test]
    fn a_request_answered_on_the_first_read_stays_answering() {
        let connections = Connections::new(2);
        let slot = connections.open();
        let busy = slot.answering();
        slot.read();
        assert!(slot.is_answering());
        drop(busy);
    }
}
