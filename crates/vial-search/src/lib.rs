//! The site's search index: the model and the UI strings in, the files of
//! a static, chunked index out (no I/O: `lib` hands them to `output` with
//! the pages, in the same commit).
//!
//! 1. `records` reads one record per product, category, guide and taxonomy
//!    term, numbered so that each kind, and each category's products, is a
//!    range of numbers.
//! 2. Each record's words are scored by where they appear (title, names,
//!    facts, summary, body: `scoring`); a record whose text did not change
//!    since the last build keeps its scored words.
//! 3. Words go into shards by their first two letters (`shards`):
//!    `search/t/<prefix>.json` maps each word to its postings (record
//!    numbers and scores, packed into a short string; `postings` keeps
//!    them between updates), and lists the groups of its words that
//!    share a stem in the site's language (`stems`). `search/r/<n>.json`
//!    holds what a result shows of record `n` (`results`). `search/index.json`, the entry (`entry`),
//!    lists the shards, the kinds and categories with their number ranges,
//!    and the folding table of `text`.
//!
//! `update` runs the three and hands out the files that changed. The
//! browser loads the entry, then only the shards of the words typed and
//! the records it shows. Output is a pure function of the site and the
//! strings: `Index::update` on a kept index gives the bytes a fresh one
//! would, and says which files changed.

mod entry;
mod postings;
mod records;
mod results;
mod scoring;
mod shards;
mod stems;
mod text;
mod update;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::Serialize;

use postings::Postings;
use records::RecordCache;
pub use records::{Catalogue, Record, catalogue};
pub use text::{plain_text, words};
use vial_site::i18n::Strings;
use vial_site::model::Site;

/// The folder of the index below the output.
pub const DIR: &str = "search";
/// A word's score in one record is capped here (one digit of `encode`).
const MAX_SCORE: u32 = 31;

/// A number (a term's or a record's) and a score, in one `u32`: the
/// score (at most `MAX_SCORE`, 5 bits) below the number. An index holds
/// one per word of each record twice (its words, and the postings), and
/// a `(u32, u8)` pair took 8 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pair(u32);

impl Pair {
    fn new(number: u32, score: u8) -> Pair {
        debug_assert!(number < 1 << 27 && u32::from(score) <= MAX_SCORE);
        Pair(number << 5 | u32::from(score))
    }

    fn number(self) -> u32 {
        self.0 >> 5
    }

    fn score(self) -> u8 {
        (self.0 & 31) as u8
    }
}

/// A record's words: term numbers and scores.
type Scored = Arc<[Pair]>;

/// A file of the index: path below the output, `/`-separated, and bytes.
pub type SearchFile = (String, Vec<u8>);

/// Where an update hands its files: path, bytes, and their xxh3 hash.
pub type Put<'a> = dyn Fn(&str, &[u8], u64) + Sync + 'a;

/// An index kept between builds, so a rebuild redoes only the records that
/// changed and hands back only the files whose bytes changed.
#[derive(Debug, Default)]
pub struct Index {
    records: RecordCache,
    /// Scored words and the hash of the record's file, by the record's
    /// fingerprint.
    scored: FxHashMap<u64, (Scored, u64)>,
    terms: Vec<Box<str>>,
    /// The shard of each term.
    shard_keys: Vec<Box<str>>,
    term_numbers: WordMap<u32>,
    postings: Postings,
    /// What the last written update wrote.
    state: Written,
    /// The site's Snowball stemmer, if its language has one (`stems`).
    stemming: Option<rust_stemmers::Algorithm>,
    /// Made for one update only (`build_once`): it keeps no record, and
    /// posts the words of each slice of records as it reads them.
    once: bool,
}

/// The files of an update, as hashes of their bytes.
#[derive(Debug, Default)]
struct Written {
    /// Shards by key.
    shards: BTreeMap<Box<str>, u64>,
    /// Record files by number, and the fingerprints of their records.
    records: Vec<u64>,
    fingerprints: Vec<u64>,
    entry: u64,
    /// The stemmer the shards were grouped with.
    stemming: Option<rust_stemmers::Algorithm>,
}

/// What an update changes in the output.
#[derive(Debug, Default)]
pub struct Files {
    /// Files that are new or whose bytes changed, by path (`update`;
    /// `update_into` hands them to its `put` instead).
    pub changed: Vec<SearchFile>,
    /// Files of the last written update that are gone.
    pub removed: Vec<String>,
    /// This update, to compare the next one with once it is written.
    next: Written,
}

impl Index {
    /// The index of `site`: every file is new, and goes to `put` as soon
    /// as it is made (see `update_into`).
    pub fn build(site: &Site, strings: &Arc<Strings>, put: &Put<'_>) -> (Index, Files) {
        let mut index = Index::default();
        let files = index.update_into(site, strings, put);
        (index, files)
    }

    /// `build` for a caller that drops the index once its files are
    /// written (`vial build`): no record is kept for a later update, and
    /// each lets go of its text as soon as its file is made and its words
    /// scored: the records' texts, held to the end, were a large part of
    /// the build's peak memory.
    pub fn build_once(site: &Site, strings: &Arc<Strings>, put: &Put<'_>) -> Files {
        let mut index = Index {
            once: true,
            ..Index::default()
        };
        index.update_into(site, strings, put)
    }

    /// Takes note that `files` reached the output: the next update is
    /// compared with them. Until then it is compared with the last written
    /// one (a rebuild that failed wrote nothing).
    pub fn written(&mut self, files: Files) {
        self.state = files.next;
    }

    /// Reads `site` into the index and returns the files that differ from
    /// the last written update's, in `changed`, by path.
    pub fn update(&mut self, site: &Site, strings: &Arc<Strings>) -> Files {
        let changed = std::sync::Mutex::new(Vec::new());
        let mut files = self.update_into(site, strings, &|path, bytes, _| {
            if let Ok(mut changed) = changed.lock() {
                changed.push((path.to_string(), bytes.to_vec()));
            }
        });
        files.changed = changed.into_inner().unwrap_or_default();
        files.changed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        files
    }
}

fn to_json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("search files serialize")
}

/// Maps keyed by short words hash with FxHash, 8 bytes at a time (FNV-1a
/// went byte by byte, and interning every record's words is serial):
/// these maps never see keys an attacker could choose to collide (the
/// site's own text).
type WordMap<V> = HashMap<Box<str>, V, rustc_hash::FxBuildHasher>;

#[cfg(test)]
mod tests;
