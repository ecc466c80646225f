//! Rendering markdown holds no more than the parser does: the transforms
//! stream events through, so a text with many links costs the parser's
//! memory and the HTML, nothing per link on top.
//!
//! Memory is counted per thread by this test binary's allocator, so tests
//! running side by side do not disturb each other.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use vial_render::markdown::{Surroundings, render_markdown};
use vial_site::markdown::parser;

struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn grew(bytes: usize) {
    let _ = LIVE.try_with(|live| {
        live.set(live.get() + bytes);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(live.get())));
    });
}

fn shrank(bytes: usize) {
    let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(bytes)));
}

// SAFETY: every call is passed on to the system allocator unchanged; the
// counters are plain thread-local cells that never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            // Count the old and the new block as both live for a moment,
            // as they are when the allocator has to copy.
            grew(new_size);
            shrank(layout.size());
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What `f` returns, and the most it had allocated at once on this thread.
fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(base));
    let value = f();
    (value, PEAK.with(Cell::get) - base)
}

struct Fake;

impl Surroundings for Fake {
    fn link(&self, destination: &str, _: bool) -> Option<(String, String)> {
        Some((format!("/products/{destination}/"), "A Product".into()))
    }
    fn embed(&self, _: &str, _: &str) -> Option<String> {
        None
    }
}

#[test]
fn rendering_a_text_with_many_links_holds_no_more_than_its_parser() {
    let mut text = String::from("# Notes\n\n");
    for i in 0..25_000 {
        text.push_str(&format!(
            "Note {i} pairs [[meso-ampoule]] with [[daily-serum]]. \
             Then [[boost-ampoule|this one]] and [[meso-ampoule]] again.\n\n"
        ));
    }
    let (events, parsing) = peak_during(|| parser(&text).count());
    let (html, rendering) = peak_during(|| render_markdown(&text, &Fake));
    assert_eq!(html.matches("<a href=").count(), 100_000);
    // The parser, the HTML as it grows (old and new block while it moves)
    // and a little for the event at hand: not the text's events, of which
    // there are this many.
    let allowed = parsing + 2 * html.capacity() + (1 << 20);
    assert!(
        rendering <= allowed,
        "rendering peaked at {rendering} bytes; parsing alone at {parsing}, \
         the HTML is {} bytes, the text has {events} events",
        html.capacity()
    );
}
