//! Shards: the index's words grouped by their first letters, one file
//! each (`search/t/<prefix>.json`), mapping each word to its postings
//! packed into a short string. The browser fetches only the shards of the
//! words typed. Here: which shard a word is in, what its file is called,
//! and how postings read as text.

use std::collections::BTreeMap;

use super::DIR;
use super::postings::PostingList;

/// Letters of a word that pick its shard.
const SHARD_PREFIX: usize = 2;

/// The shard of a word: its first letters; of a name phrase, those of its
/// first word (the browser looks a phrase up where its first word is).
pub(super) fn shard_of(word: &str) -> String {
    let first = word.split(' ').next().unwrap_or(word);
    first.chars().take(SHARD_PREFIX).collect()
}

/// A shard's file name: the prefix itself when it is plain ASCII, else
/// `_` and the hex of its UTF-8 bytes (the browser does the same).
pub(super) fn file_name(key: &str) -> String {
    if key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        key.to_string()
    } else {
        let mut name = String::from("_");
        for b in key.bytes() {
            name.push_str(&format!("{b:02x}"));
        }
        name
    }
}

/// The path of a shard's file below the output.
pub(super) fn shard_path(key: &str) -> String {
    format!("{DIR}/t/{}.json", file_name(key))
}

/// Digits of the packed postings: each holds 5 bits, and 32 is added to
/// every digit but a number's last. All are safe in JSON and URLs.
pub(super) const DIGITS: &[u8; 64] =
    b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Postings as text, grouped by score: for each score, lowest first, the
/// score, how many records have it, then their numbers as gaps from the
/// previous one (the first from zero); numbers in base 32, least
/// significant digit first. Grouping makes most gaps one digit: a word in
/// every record costs about a character per record.
pub(super) fn encode(postings: &PostingList) -> String {
    let mut out = String::new();
    let mut push = |mut n: u32| {
        while n >= 32 {
            out.push(DIGITS[(32 | (n & 31)) as usize] as char);
            n >>= 5;
        }
        out.push(DIGITS[n as usize] as char);
    };
    let mut by_score: BTreeMap<u8, Vec<u32>> = BTreeMap::new();
    for p in postings.iter() {
        by_score.entry(p.score()).or_default().push(p.number());
    }
    for (score, numbers) in by_score {
        push(u32::from(score));
        push(numbers.len() as u32);
        let mut previous = 0;
        for number in numbers {
            push(number - previous);
            previous = number;
        }
    }
    out
}
