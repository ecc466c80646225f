//! Each record's words scored by where they appear: a word weighs what
//! its field weighs (title, names, facts, summary, body: `weight`), a few
//! times at most per field, and its score is capped to fit the postings.
//! The index keeps a record's scored words while its text stays the same
//! (`update`).

use std::collections::HashMap;

use super::{MAX_SCORE, Record, text};

/// A word counts at most this often per field: repeating it is not more
/// relevant.
const MAX_REPEAT: u32 = 3;

/// A word's score from earlier fields, its last field, its count there.
type WordCounts<'a> = HashMap<&'a str, (u32, usize, u32), rustc_hash::FxBuildHasher>;

/// A record's distinct words with their scores, sorted by word.
pub(super) fn scored_words(r: &Record) -> ScoredWords {
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
    // filled, were much of the cost of reading a record.
    let mut counts: WordCounts<'_> =
        HashMap::with_capacity_and_hasher(folded.len() / 8, Default::default());
    let add = |weight: u32, count: u32| weight * count.min(MAX_REPEAT);
    let mut start = 0;
    for (field, &(weight, end)) in ends.iter().enumerate() {
        if weight == 0 {
            // A field the site weighs 0 is left out of the search.
            start = end;
            continue;
        }
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
    let phrases = name_phrases(r);
    let mut list: Vec<(&str, u8)> = counts
        .into_iter()
        .map(|(w, (total, last, count))| {
            let total = total + add(ends[last].0, count);
            (w, total.clamp(1, MAX_SCORE) as u8)
        })
        .chain(phrases.iter().map(|p| (p.as_str(), NAME_SCORE)))
        .collect();
    list.sort_unstable();
    // A name and an aka alike: one phrase.
    list.dedup_by(|a, b| a.0 == b.0);
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

/// What a name phrase scores: any score would do, the browser ranks a
/// record found by its name above every other.
const NAME_SCORE: u8 = 1;

/// The names of `r` a reader may type whole (`Record::names`), as the
/// index keys them: folded words joined by spaces, and a space after the
/// last, so that no phrase is ever a word (a one-word name included).
fn name_phrases(r: &super::Record) -> Vec<String> {
    r.names
        .iter()
        .filter_map(|name| {
            let mut phrase = text::phrase(name);
            (!phrase.is_empty()).then(|| {
                phrase.push(' ');
                phrase
            })
        })
        .collect()
}

/// A record's distinct words, sorted, with their scores: one string for
/// them all (a string each was an allocation per word of every record),
/// and where each ends in it.
pub(super) struct ScoredWords {
    text: String,
    ends: Vec<(u32, u8)>,
}

impl ScoredWords {
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, u8)> {
        let mut start = 0;
        self.ends.iter().map(move |&(end, score)| {
            let word = &self.text[start..end as usize];
            start = end as usize;
            (word, score)
        })
    }
}
