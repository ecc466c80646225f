//! The index's packed forms: pairs, postings as text, shard names, and
//! postings kept from one update to the next.

use super::postings::PostingList;
use super::shards::{DIGITS, encode, file_name, shard_of};
use super::*;
use rustc_hash::FxHashMap;

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
