//! What a result shows of a record: its URL, title, meta line and the
//! start of its text, one small file per record (`search/r/<n>.json`),
//! fetched only for the results on screen.

use serde::Serialize;

use super::{DIR, Record};

/// Excerpts are cut from at most this much of a record's text (bytes).
const MAX_TEXT: usize = 8_000;

/// The path of record `n`'s file below the output.
pub(super) fn record_path(n: usize) -> String {
    format!("{DIR}/r/{n}.json")
}

/// What a result shows of a record.
#[derive(Serialize)]
struct Fragment<'a> {
    u: &'a str,
    t: &'a str,
    m: &'a str,
    x: &'a str,
}

pub(super) fn fragment(r: &Record) -> Vec<u8> {
    let mut end = r.text.len().min(MAX_TEXT);
    while !r.text.is_char_boundary(end) {
        end -= 1;
    }
    // Sized for the text, most of it: growing by doubling from empty left
    // nearly twice the bytes allocated.
    let mut file = Vec::with_capacity(end + r.url.len() + r.title.len() + r.meta.len() + 64);
    let fragment = Fragment {
        u: &r.url,
        t: &r.title,
        m: &r.meta,
        x: &r.text[..end],
    };
    serde_json::to_writer(&mut file, &fragment).expect("search files serialize");
    file
}
