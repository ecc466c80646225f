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

/// The key of a shard's names typed whole: no word holds `=`.
pub(super) const NAMES_KEY: &str = "=";

/// The names of a shard (`scoring::name_phrases`: terms ending in a
/// space) with their postings, as the browser reads them under
/// `NAMES_KEY`: for each record a name leads to, in record order, the
/// name's hash (`name_hash`) in six digits of 6 bits, then the record's
/// number as a gap from the one before, written as `encode` writes
/// numbers. A name costs about nine characters, not the forty of a key
/// of its own: every product's name is in the shard of its first word,
/// and a query's first shard is always fetched.
pub(super) fn encode_names(names: &[(&str, &PostingList)]) -> Option<String> {
    let mut pairs: Vec<(u32, u32)> = names
        .iter()
        .flat_map(|(name, postings)| {
            let hash = name_hash(name.trim_end());
            postings.iter().map(move |p| (p.number(), hash))
        })
        .collect();
    if pairs.is_empty() {
        return None;
    }
    pairs.sort_unstable();
    let mut out = String::with_capacity(pairs.len() * 9);
    let mut previous = 0;
    for (number, hash) in pairs {
        for shift in (0..6).rev() {
            out.push(DIGITS[(hash >> (shift * 6) & 63) as usize] as char);
        }
        let mut gap = number - previous;
        while gap >= 32 {
            out.push(DIGITS[(32 | (gap & 31)) as usize] as char);
            gap >>= 5;
        }
        out.push(DIGITS[gap as usize] as char);
        previous = number;
    }
    Some(out)
}

/// FNV-1a (32 bits) of a name's UTF-8 bytes, as search-index.js computes it.
/// Two names of one shard hashing alike would put both pages first for
/// either: one chance in four billion per pair.
pub(super) fn name_hash(name: &str) -> u32 {
    name.bytes().fold(0x811c_9dc5, |h: u32, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}
