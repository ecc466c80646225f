//! The site's search index: the model and the UI strings in, the files of
//! a static, chunked index out (no I/O: `lib` hands them to `output` with
//! the pages, in the same commit).
//!
//! 1. `records` reads one record per product, category, guide and taxonomy
//!    term, numbered so that each kind, and each category's products, is a
//!    range of numbers.
//! 2. Each record's words are scored by where they appear (title, names,
//!    facts, summary, body); a record whose text did not change since the
//!    last build keeps its scored words.
//! 3. Words go into shards by their first two letters:
//!    `search/t/<prefix>.json` maps each word to its postings (record
//!    numbers and scores, packed into a short string). `search/r/<n>.json`
//!    holds what a result shows of record `n`. `search/index.json`, the
//!    entry, lists the shards, the kinds and categories with their number
//!    ranges, and the folding table of `text`.
//!
//! The browser loads the entry, then only the shards of the words typed
//! and the records it shows. Output is a pure function of the site and the
//! strings: `Index::update` on a kept index gives the bytes a fresh one
//! would, and says which files changed.

mod postings;
mod records;
mod text;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use postings::{PostingList, Postings};
pub use records::{Catalogue, Record, catalogue, weight};
use records::{CategoryRange, KindRange, RecordCache};
pub use text::{plain_text, words};
use vial_site::i18n::Strings;
use vial_site::model::Site;

/// The folder of the index below the output.
pub const DIR: &str = "search";
/// Letters of a word that pick its shard.
const SHARD_PREFIX: usize = 2;
/// A word's score in one record is capped here (one digit of `encode`).
const MAX_SCORE: u32 = 31;
/// A word counts at most this often per field: repeating it is not more
/// relevant.
const MAX_REPEAT: u32 = 3;
/// Excerpts are cut from at most this much of a record's text (bytes).
const MAX_TEXT: usize = 8_000;

/// A number (a term's or a record's) and a score, in one `u32`: the
/// score (at most `MAX_SCORE`, 5 bits) below the number. An index holds
/// one per word of each record twice (its words, and the postings), and
/// a `(u32, u8)` pair took 8 bytes: 90 MB at 50,000 products.
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
    /// scored. At 50,000 products the records' texts were 80 MB.
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

    /// `update`, handing each file that differs to `put` as soon as it is
    /// made instead of returning it: a first build of 12,000 records then
    /// never holds their 20 MB of files at once.
    pub fn update_into(&mut self, site: &Site, strings: &Arc<Strings>, put: &Put<'_>) -> Files {
        let mut cat = if self.once {
            // Each slice of records is indexed as soon as it is made, then
            // dropped; nothing is kept for a later update.
            let mut cache = RecordCache::none();
            catalogue(site, strings, &mut cache, &mut |first, slice| {
                self.read_records(slice, first, put);
            })
        } else {
            let cat = catalogue(site, strings, &mut self.records, &mut |_, _| {});
            self.read_records(&cat.records, 0, put);
            cat
        };
        let fingerprints = std::mem::take(&mut cat.fingerprints);
        let hashes: FxHashMap<u64, u64> = fingerprints
            .iter()
            .map(|fp| (*fp, self.scored[fp].1))
            .collect();
        // Before the scored words of the last update's records may go.
        // An index made once made its postings while it read (`post_once`).
        if !self.once {
            self.postings
                .update(&fingerprints, &self.scored, self.terms.len());
        }
        // A word's postings change only where the record of a number
        // changed, and only if it came, went or scores differently there.
        let mut touched: FxHashSet<u32> = FxHashSet::default();
        let last = &self.state.fingerprints;
        let words_of = |fp: Option<&u64>| -> FxHashMap<u32, u8> {
            fp.and_then(|fp| self.scored.get(fp))
                .map(|(words, _)| words.iter().map(|w| (w.number(), w.score())).collect())
                .unwrap_or_default()
        };
        for n in 0..last.len().max(fingerprints.len()) {
            let (old, new) = (last.get(n), fingerprints.get(n));
            if old != new {
                let mut before = words_of(old);
                for (term, score) in words_of(new) {
                    if before.remove(&term) != Some(score) {
                        touched.insert(term);
                    }
                }
                touched.extend(before.into_keys());
            }
        }
        // Kept: this update's records, and the last written one's (to
        // compare with, should this update not be written).
        let written: FxHashSet<u64> = last.iter().copied().collect();
        self.scored
            .retain(|fp, _| hashes.contains_key(fp) || written.contains(fp));
        let dirty: FxHashSet<&str> = touched
            .iter()
            .map(|t| &*self.shard_keys[*t as usize])
            .collect();
        // Postings are gathered for the shards to write only; the others
        // just need to know which words still occur.
        let mut redo_key: FxHashMap<&str, bool> = FxHashMap::default();
        let wanted: Vec<bool> = self
            .shard_keys
            .iter()
            .map(|key| {
                *redo_key.entry(key).or_insert_with(|| {
                    dirty.contains(&**key) || !self.state.shards.contains_key(&**key)
                })
            })
            .collect();
        let postings = &self.postings.lists;
        let mut shards: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for (term, _) in postings.iter().enumerate().filter(|(_, p)| !p.is_empty()) {
            shards
                .entry(&self.shard_keys[term])
                .or_default()
                .push(term as u32);
        }
        let redo: Vec<(&&str, &Vec<u32>)> = shards
            .iter()
            .filter(|(_, terms)| wanted[terms[0] as usize])
            .collect();
        let encoded: Vec<((&str, String), Vec<u8>)> = redo
            .par_iter()
            .map(|(key, terms)| {
                let mut words: Vec<(&str, u32)> = terms
                    .iter()
                    .map(|t| (&*self.terms[*t as usize], *t))
                    .collect();
                words.sort_unstable();
                let body: BTreeMap<&str, String> = words
                    .iter()
                    .map(|(word, t)| (*word, encode(&postings[*t as usize])))
                    .collect();
                ((**key, shard_path(key)), to_json(&body))
            })
            .collect();
        let encoded: FxHashMap<&str, (String, Vec<u8>)> = encoded
            .into_iter()
            .map(|(path, bytes)| (path.0, (path.1, bytes)))
            .collect();
        let mut next = Written {
            records: fingerprints.iter().map(|fp| hashes[fp]).collect(),
            fingerprints,
            ..Written::default()
        };
        let mut version = xxhash_rust::xxh3::Xxh3::new();
        for key in shards.keys() {
            let hash = match encoded.get(key) {
                Some((_, bytes)) => xxhash_rust::xxh3::xxh3_64(bytes),
                None => self.state.shards[*key],
            };
            version.update(key.as_bytes());
            version.update(&hash.to_le_bytes());
            next.shards.insert((*key).into(), hash);
        }
        for hash in &next.records {
            version.update(&hash.to_le_bytes());
        }
        for (key, (path, bytes)) in encoded {
            if let Some(&hash) = next
                .shards
                .get(key)
                .filter(|h| self.state.shards.get(key) != Some(*h))
            {
                put(&path, &bytes, hash);
            }
        }
        let entry = to_json(&Entry {
            v: format!("{:016x}", version.digest()),
            n: next.records.len(),
            w: text::MAX_WORD,
            fold: text::folds_for_browser(),
            shards: shards.keys().map(|k| file_name(k)).collect(),
            kinds: &cat.kinds,
            categories: &cat.categories,
        });
        next.entry = xxhash_rust::xxh3::xxh3_64(&entry);
        if next.entry != self.state.entry {
            put(&format!("{DIR}/index.json"), &entry, next.entry);
        }
        let mut removed: Vec<String> = self
            .state
            .shards
            .keys()
            .filter(|k| !next.shards.contains_key(*k))
            .map(|k| shard_path(k))
            .collect();
        removed.extend((next.records.len()..self.state.records.len()).map(record_path));
        Files {
            changed: Vec::new(),
            removed,
            next,
        }
    }

    /// Scores the words of the records not seen before among `records`
    /// (numbered from `first`), and hands `put` the files of those whose
    /// number or content changed. An index made for one update posts
    /// their words at once (`post_once`).
    fn read_records(&mut self, records: &[Arc<Record>], first: usize, put: &Put<'_>) {
        let mut seen = FxHashSet::default();
        // The first of each record read just now, by place in `records`.
        // An index made once kept no words of earlier slices (see below):
        // a record alike to one of them is read again.
        let new: Vec<usize> = (0..records.len())
            .filter(|&i| {
                let fp = records[i].fingerprint;
                (self.once || !self.scored.contains_key(&fp)) && seen.insert(fp)
            })
            .collect();
        // In slices, so the words of 12,000 records never all wait, as
        // strings, to be numbered: a slice of 1,024 records' words was
        // 8 MB.
        for slice in new.chunks(256) {
            let last = &self.state.records;
            let read: Vec<_> = slice
                .par_iter()
                .map(|&i| {
                    let r = &records[i];
                    let file = fragment(r);
                    let hash = xxhash_rust::xxh3::xxh3_64(&file);
                    if last.get(first + i) != Some(&hash) {
                        put(&record_path(first + i), &file, hash);
                    }
                    (r.fingerprint, scored_words(r), hash)
                })
                .collect();
            for (fp, words, hash) in read {
                let words: Vec<Pair> = words
                    .iter()
                    .map(|(word, score)| Pair::new(self.intern(word), score))
                    .collect();
                self.scored.insert(fp, (words.into(), hash));
            }
        }
        // Then the records read before that moved to another number, and
        // the second of two alike.
        let written: FxHashSet<usize> = new.into_iter().collect();
        let hash = |r: &Record| self.scored[&r.fingerprint].1;
        records
            .par_iter()
            .enumerate()
            .filter(|(i, r)| {
                !written.contains(i) && self.state.records.get(first + i) != Some(&hash(r))
            })
            .for_each(|(i, r)| put(&record_path(first + i), &fragment(r), hash(r)));
        if self.once {
            self.post_once(records, first);
        }
    }

    /// For an index made once: the postings of `records` (numbered from
    /// `first`, after every record before them) are made now, and their
    /// scored words let go. Held until every record was read, the words
    /// were as large again as the postings (12 MB at 10,000 products),
    /// and they are needed only to compare with a later update.
    fn post_once(&mut self, records: &[Arc<Record>], first: usize) {
        self.postings.grow_to(self.terms.len());
        for (i, record) in records.iter().enumerate() {
            let words = &self.scored[&record.fingerprint].0;
            self.postings.post((first + i) as u32, words);
        }
        let none: Scored = Arc::from(Vec::new());
        for record in records {
            if let Some((words, _)) = self.scored.get_mut(&record.fingerprint) {
                *words = Arc::clone(&none);
            }
        }
    }

    fn intern(&mut self, word: &str) -> u32 {
        if let Some(n) = self.term_numbers.get(word) {
            return *n;
        }
        let n = self.terms.len() as u32;
        self.shard_keys.push(shard_of(word).into());
        let word: Box<str> = word.into();
        self.terms.push(word.clone());
        self.term_numbers.insert(word, n);
        n
    }
}

fn shard_path(key: &str) -> String {
    format!("{DIR}/t/{}.json", file_name(key))
}

fn record_path(n: usize) -> String {
    format!("{DIR}/r/{n}.json")
}

/// The entry file.
#[derive(Serialize)]
struct Entry<'a> {
    /// Changes whenever any file of the index does: shards and records are
    /// fetched with it, so no cache serves a stale one.
    v: String,
    n: usize,
    /// Words longer than this are not indexed.
    w: usize,
    fold: String,
    shards: Vec<String>,
    kinds: &'a [KindRange],
    categories: &'a [CategoryRange],
}

impl Serialize for KindRange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (&self.key, &self.label, &self.plural, self.from, self.to).serialize(s)
    }
}

impl Serialize for CategoryRange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (&self.name, self.from, self.to, self.page).serialize(s)
    }
}

/// What a result shows of a record.
#[derive(Serialize)]
struct Fragment<'a> {
    u: &'a str,
    t: &'a str,
    m: &'a str,
    x: &'a str,
}

fn fragment(r: &Record) -> Vec<u8> {
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

fn to_json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("search files serialize")
}

/// Maps keyed by short words hash with FxHash, 8 bytes at a time (FNV-1a
/// went byte by byte, and interning 12,000 records' words is serial):
/// these maps never see keys an attacker could choose to collide (the
/// site's own text).
type WordMap<V> = HashMap<Box<str>, V, rustc_hash::FxBuildHasher>;
/// A word's score from earlier fields, its last field, its count there.
type WordCounts<'a> = HashMap<&'a str, (u32, usize, u32), rustc_hash::FxBuildHasher>;

/// A record's distinct words with their scores, sorted by word.
fn scored_words(r: &Record) -> ScoredWords {
    // The fields' folded words in one string, and where each field ends.
    let mut folded = String::with_capacity(r.title.len() + r.meta.len() + r.text.len() + 8);
    let ends: Vec<(u32, usize)> = r
        .fields()
        .map(|(weight, text)| {
            text::fold_words(text, &mut folded);
            (u32::from(weight), folded.len())
        })
        .collect();
    // Per word: its score from the fields before, the field it was last
    // met in and how often there. One map, sized for a word in eight
    // bytes: a map per field and one for the totals, grown as they
    // filled, were a third of reading a record.
    let mut counts: WordCounts<'_> =
        HashMap::with_capacity_and_hasher(folded.len() / 8, Default::default());
    let add = |weight: u32, count: u32| weight * count.min(MAX_REPEAT);
    let mut start = 0;
    for (field, &(_, end)) in ends.iter().enumerate() {
        for w in folded[start..end].split(' ').filter(|w| !w.is_empty()) {
            let (total, last, count) = counts.entry(w).or_insert((0, field, 0));
            if *last != field {
                *total += add(ends[*last].0, *count);
                (*last, *count) = (field, 0);
            }
            *count += 1;
        }
        start = end;
    }
    let mut list: Vec<(&str, u8)> = counts
        .into_iter()
        .map(|(w, (total, last, count))| {
            let total = total + add(ends[last].0, count);
            (w, total.clamp(1, MAX_SCORE) as u8)
        })
        .collect();
    list.sort_unstable();
    let mut words = ScoredWords {
        text: String::with_capacity(list.iter().map(|(w, _)| w.len()).sum()),
        ends: Vec::with_capacity(list.len()),
    };
    for (w, score) in list {
        words.text.push_str(w);
        words.ends.push((words.text.len() as u32, score));
    }
    words
}

/// A record's distinct words, sorted, with their scores: one string for
/// them all (a string each was two million allocations at 10,000
/// products), and where each ends in it.
struct ScoredWords {
    text: String,
    ends: Vec<(u32, u8)>,
}

impl ScoredWords {
    fn iter(&self) -> impl Iterator<Item = (&str, u8)> {
        let mut start = 0;
        self.ends.iter().map(move |&(end, score)| {
            let word = &self.text[start..end as usize];
            start = end as usize;
            (word, score)
        })
    }
}

/// The shard of a word: its first letters.
fn shard_of(word: &str) -> String {
    word.chars().take(SHARD_PREFIX).collect()
}

/// A shard's file name: the prefix itself when it is plain ASCII, else
/// `_` and the hex of its UTF-8 bytes (the browser does the same).
fn file_name(key: &str) -> String {
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

/// Digits of the packed postings: each holds 5 bits, and 32 is added to
/// every digit but a number's last. All are safe in JSON and URLs.
const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Postings as text, grouped by score: for each score, lowest first, the
/// score, how many records have it, then their numbers as gaps from the
/// previous one (the first from zero); numbers in base 32, least
/// significant digit first. Grouping makes most gaps one digit: a word in
/// every record costs about a character per record.
fn encode(postings: &PostingList) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(text: &str) -> Vec<(u32, u8)> {
        let mut numbers = Vec::new();
        let (mut n, mut shift) = (0u32, 0);
        for c in text.bytes() {
            let d = DIGITS.iter().position(|x| *x == c).unwrap() as u32;
            n |= (d & 31) << shift;
            if d >= 32 {
                shift += 5;
            } else {
                numbers.push(n);
                n = 0;
                shift = 0;
            }
        }
        let mut out = Vec::new();
        let mut numbers = numbers.into_iter();
        while let (Some(score), Some(count)) = (numbers.next(), numbers.next()) {
            let mut at = 0;
            for _ in 0..count {
                at += numbers.next().unwrap();
                out.push((at, score as u8));
            }
        }
        out.sort_unstable();
        out
    }

    fn pairs(list: &[(u32, u8)]) -> Vec<Pair> {
        list.iter().map(|&(n, score)| Pair::new(n, score)).collect()
    }

    #[test]
    fn pairs_keep_their_number_and_score() {
        for (n, score) in [(0, 0), (0, 31), (1, 1), ((1 << 27) - 1, 31), (123_456, 17)] {
            let pair = Pair::new(n, score);
            assert_eq!((pair.number(), pair.score()), (n, score));
        }
    }

    #[test]
    fn postings_round_trip() {
        let postings = vec![(0, 1), (1, 31), (40, 7), (100_000, 3)];
        let list = |pairs: Vec<Pair>| pairs.into_iter().collect::<PostingList>();
        let text = encode(&list(pairs(&postings)));
        assert_eq!(decode(&text), postings);
        assert_eq!(encode(&list(vec![Pair::new(3, 5)])), "513");
        // A word in every record: a digit per record.
        let dense: Vec<Pair> = (0..1000).map(|n| Pair::new(n, 1)).collect();
        assert!(encode(&list(dense)).len() < 1010);
    }

    #[test]
    fn shards_of_other_scripts_get_ascii_file_names() {
        assert_eq!(file_name("ni"), "ni");
        assert_eq!(file_name("жи"), "_d0b6d0b8");
        assert_eq!(shard_of("niacinamide"), "ni");
        assert_eq!(shard_of("a"), "a");
    }

    #[test]
    fn postings_kept_between_updates_match_postings_made_anew() {
        // Records by fingerprint: their words (term, score), one term twice.
        let words: [&[(u32, u8)]; 5] = [
            &[(0, 1), (1, 2)],
            &[(1, 3), (2, 1)],
            &[(2, 2), (2, 5), (3, 1)],
            &[],
            &[(0, 4), (3, 2)],
        ];
        let scored: FxHashMap<u64, (Scored, u64)> = (0u64..)
            .zip(words)
            .map(|(fp, w)| (fp, (Arc::from(pairs(w)), 0)))
            .collect();
        // Edits in place, records added and removed at the end (kept
        // lists changed) and early on, or most records at once (made anew).
        let base: Vec<u64> = (0..40).map(|n| n % 5).collect();
        let edit = |list: &[u64], at: usize, fp: u64| {
            let mut list = list.to_vec();
            list[at] = fp;
            list
        };
        let one = edit(&base, 7, 3);
        let added = [&edit(&one, 3, 4)[..], &[2, 0]].concat();
        let removed = added[..37].to_vec();
        let shifted = removed[1..].to_vec();
        let same = vec![2; 30];
        let again = edit(&same, 29, 0);
        let steps = [&base, &one, &added, &removed, &shifted, &same, &again];
        let mut kept = Postings::default();
        for fingerprints in steps {
            kept.update(fingerprints, &scored, 4);
            let mut fresh = Postings::default();
            fresh.update(fingerprints, &scored, 4);
            assert_eq!(kept.lists, fresh.lists, "after {fingerprints:?}");
            let expected: Vec<PostingList> = (0..4)
                .map(|term| {
                    (0u32..)
                        .zip(fingerprints)
                        .flat_map(|(n, fp)| {
                            words[*fp as usize]
                                .iter()
                                .filter(move |w| w.0 == term)
                                .map(move |w| Pair::new(n, w.1))
                        })
                        .collect()
                })
                .collect();
            assert_eq!(fresh.lists, expected);
        }
    }
}
