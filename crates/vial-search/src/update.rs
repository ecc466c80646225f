//! The index's update: the site read into records, the records not seen
//! before scored, the postings brought to the new record numbers, and the
//! files whose bytes changed handed out: record files as they are made,
//! then the shards whose words came, went or score differently, then the
//! entry. A kept index compares with the last written update; an index
//! made once (`build_once`) compares with nothing and keeps nothing.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::entry::Entry;
use super::postings::PostingList;
use super::records::{Catalogue, RecordCache, catalogue};
use super::results::{fragment, record_path};
use super::scoring::scored_words;
use super::shards::{NAMES_KEY, encode, encode_names, file_name, shard_of, shard_path};
use super::stems;
use super::{DIR, Files, Index, Pair, Put, Record, Scored, Written, text, to_json};
use vial_site::i18n::Strings;
use vial_site::model::Site;

/// The terms of each shard, by its key.
type ShardTerms<'i> = BTreeMap<&'i str, Vec<u32>>;
/// The files of the shards to write, by key: path and bytes.
type ShardFiles<'i> = FxHashMap<&'i str, (String, Vec<u8>)>;

impl Index {
    /// `update`, handing each file that differs to `put` as soon as it is
    /// made instead of returning it: a first build then never holds the
    /// files of every record at once.
    pub fn update_into(&mut self, site: &Site, strings: &Arc<Strings>, put: &Put<'_>) -> Files {
        self.stemming = stems::algorithm(strings.language());
        let mut cat = self.read_site(site, strings, put);
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
        let touched = self.touched_terms(&fingerprints);
        self.keep_scored(&hashes);
        let wanted = self.terms_to_write(&touched);
        let shards = self.shard_terms();
        let encoded = self.encode_shards(&shards, &wanted);
        let mut next = Written {
            stemming: self.stemming,
            records: fingerprints.iter().map(|fp| hashes[fp]).collect(),
            fingerprints,
            ..Written::default()
        };
        let version = self.version(&shards, &encoded, &mut next);
        self.put_shards(encoded, &next, put);
        self.put_entry(&cat, &shards, version, &mut next, put);
        Files {
            changed: Vec::new(),
            removed: self.removed(&next),
            next,
        }
    }

    /// The records of `site`, their files handed to `put` and their words
    /// scored as they are read.
    fn read_site(&mut self, site: &Site, strings: &Arc<Strings>, put: &Put<'_>) -> Catalogue {
        if self.once {
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
        }
    }

    /// The terms whose postings change: a word's postings change only
    /// where the record of a number changed, and only if it came, went or
    /// scores differently there.
    fn touched_terms(&self, fingerprints: &[u64]) -> FxHashSet<u32> {
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
        touched
    }

    /// Lets go of the scored words of records neither in this update
    /// (`hashes`) nor in the last written one (to compare with, should this
    /// update not be written).
    fn keep_scored(&mut self, hashes: &FxHashMap<u64, u64>) {
        let written: FxHashSet<u64> = self.state.fingerprints.iter().copied().collect();
        self.scored
            .retain(|fp, _| hashes.contains_key(fp) || written.contains(fp));
    }

    /// Whether each term's shard is written: a term of `touched` is in it,
    /// or the last written update had no such shard.
    fn terms_to_write(&self, touched: &FxHashSet<u32>) -> Vec<bool> {
        let dirty: FxHashSet<&str> = touched
            .iter()
            .map(|t| &*self.shard_keys[*t as usize])
            .collect();
        let mut redo_key: FxHashMap<&str, bool> = FxHashMap::default();
        self.shard_keys
            .iter()
            .map(|key| {
                *redo_key.entry(key).or_insert_with(|| {
                    // Another language groups every shard's words anew.
                    self.state.stemming != self.stemming
                        || dirty.contains(&**key)
                        || !self.state.shards.contains_key(&**key)
                })
            })
            .collect()
    }

    /// The terms that still occur, by shard.
    fn shard_terms(&self) -> ShardTerms<'_> {
        let mut shards: ShardTerms = BTreeMap::new();
        for (term, _) in (self.postings.lists.iter().enumerate()).filter(|(_, p)| !p.is_empty()) {
            shards
                .entry(&self.shard_keys[term])
                .or_default()
                .push(term as u32);
        }
        shards
    }

    /// The files of the shards whose terms are `wanted`, made in parallel:
    /// postings are gathered for the shards to write only; the others just
    /// need to know which words still occur.
    fn encode_shards<'i>(&'i self, shards: &ShardTerms<'i>, wanted: &[bool]) -> ShardFiles<'i> {
        let postings = &self.postings.lists;
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
                // Names typed whole (ending in a space) go in one table.
                let (names, words): (Vec<_>, Vec<_>) =
                    words.into_iter().partition(|(word, _)| word.ends_with(' '));
                let mut body: BTreeMap<&str, String> = words
                    .iter()
                    .map(|(word, t)| (*word, encode(&postings[*t as usize])))
                    .collect();
                let names: Vec<(&str, &PostingList)> = (names.iter())
                    .map(|(name, t)| (*name, &postings[*t as usize]))
                    .collect();
                if let Some(table) = encode_names(&names) {
                    body.insert(NAMES_KEY, table);
                }
                let sorted: Vec<&str> = words.iter().map(|(word, _)| *word).collect();
                if let Some(groups) = stems::groups(&sorted, self.stemming) {
                    body.insert(stems::GROUPS_KEY, groups);
                }
                ((**key, shard_path(key)), to_json(&body))
            })
            .collect();
        encoded
            .into_iter()
            .map(|(path, bytes)| (path.0, (path.1, bytes)))
            .collect()
    }

    /// Notes each shard's hash in `next` (of its new file, or as last
    /// written), and returns the index's version: a hash of every shard's
    /// and every record file's hash.
    fn version(&self, shards: &ShardTerms, encoded: &ShardFiles, next: &mut Written) -> u64 {
        let mut version = Xxh3::new();
        for key in shards.keys() {
            let hash = match encoded.get(key) {
                Some((_, bytes)) => xxh3_64(bytes),
                None => self.state.shards[*key],
            };
            version.update(key.as_bytes());
            version.update(&hash.to_le_bytes());
            next.shards.insert((*key).into(), hash);
        }
        for hash in &next.records {
            version.update(&hash.to_le_bytes());
        }
        version.digest()
    }

    /// Hands `put` the shard files whose bytes changed since the last
    /// written update.
    fn put_shards(&self, encoded: ShardFiles, next: &Written, put: &Put<'_>) {
        for (key, (path, bytes)) in encoded {
            if let Some(&hash) = next
                .shards
                .get(key)
                .filter(|h| self.state.shards.get(key) != Some(*h))
            {
                put(&path, &bytes, hash);
            }
        }
    }

    /// Makes the entry file, notes its hash in `next`, and hands it to
    /// `put` if it changed.
    fn put_entry(
        &self,
        cat: &Catalogue,
        shards: &ShardTerms,
        version: u64,
        next: &mut Written,
        put: &Put<'_>,
    ) {
        let entry = to_json(&Entry {
            v: format!("{version:016x}"),
            n: next.records.len(),
            w: text::MAX_WORD,
            fold: text::folds_for_browser(),
            shards: shards.keys().map(|k| file_name(k)).collect(),
            kinds: &cat.kinds,
            categories: &cat.categories,
            syn: &cat.synonyms,
        });
        next.entry = xxh3_64(&entry);
        if next.entry != self.state.entry {
            put(&format!("{DIR}/index.json"), &entry, next.entry);
        }
    }

    /// The files of the last written update that `next` no longer has.
    fn removed(&self, next: &Written) -> Vec<String> {
        let mut removed: Vec<String> = self
            .state
            .shards
            .keys()
            .filter(|k| !next.shards.contains_key(*k))
            .map(|k| shard_path(k))
            .collect();
        removed.extend((next.records.len()..self.state.records.len()).map(record_path));
        removed
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
        // In slices, so the words of all the records never wait together,
        // as strings, to be numbered.
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
    /// were as large again as the postings, and they are needed only to
    /// compare with a later update.
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
