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

/// What a result shows of a record: URL, title, meta, the summary (empty
/// when it has none) and the other parts of its text, each whole (an
/// excerpt is cut from one part: runs across parts read as strings of
/// fragments).
#[derive(Serialize)]
struct Fragment<'a> {
    u: &'a str,
    t: &'a str,
    m: &'a str,
    s: &'a str,
    x: Vec<&'a str>,
}

pub(super) fn fragment(r: &Record) -> Vec<u8> {
    let (summary, parts) = r.summary_and_parts();
    let summary = cut(summary.unwrap_or_default(), MAX_TEXT);
    // At most `MAX_TEXT` of text in all, the last part cut to fit.
    let mut room = MAX_TEXT.saturating_sub(summary.len());
    let parts: Vec<&str> = parts
        .map_while(|part| {
            let kept = cut(part, room);
            room -= kept.len();
            (!kept.is_empty()).then_some(kept)
        })
        .collect();
    let size = summary.len() + parts.iter().map(|p| p.len() + 3).sum::<usize>();
    // Sized for the text, most of it: growing by doubling from empty left
    // nearly twice the bytes allocated.
    let mut file = Vec::with_capacity(size + r.url.len() + r.title.len() + r.meta.len() + 64);
    let fragment = Fragment {
        u: &r.url,
        t: &r.title,
        m: &r.meta,
        s: summary,
        x: parts,
    };
    serde_json::to_writer(&mut file, &fragment).expect("search files serialize");
    file
}

/// The first `room` bytes of `text` at most, on a character boundary.
fn cut(text: &str, room: usize) -> &str {
    let mut end = text.len().min(room);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
