//! Every term's postings: the records it occurs in, with its score there,
//! packed a few bytes to a record.

use rustc_hash::FxHashMap;

use super::{Pair, Scored};

/// Every term's postings. Kept from one update to the next and changed
/// only at the numbers whose record changed: walking the words of every
/// record to find them again was a cost on every rebuild.
#[derive(Debug, Default)]
pub(super) struct Postings {
    /// The fingerprint of each record number the lists were made for.
    of: Vec<u64>,
    /// By term number.
    pub(super) lists: Vec<PostingList>,
}

impl Postings {
    /// Brings the lists to the records of `fingerprints`, whose scored
    /// words are in `scored` (with those of the records they were made
    /// for), for `terms` terms.
    pub(super) fn update(
        &mut self,
        fingerprints: &[u64],
        scored: &FxHashMap<u64, (Scored, u64)>,
        terms: usize,
    ) {
        self.lists.resize_with(terms, PostingList::default);
        let words = |fp: Option<&u64>| fp.map_or(&[][..], |fp| &scored[fp].0[..]);
        let changed: Vec<u32> = (0..self.of.len().max(fingerprints.len()))
            .filter(|&n| self.of.get(n) != fingerprints.get(n))
            .map(|n| n as u32)
            .collect();
        if changed.len() * 8 > fingerprints.len() {
            // Many numbers changed, more than one in eight (the first
            // update, or records came or went early in the order): make
            // the lists anew.
            self.lists.iter_mut().for_each(PostingList::clear);
            for (n, fp) in fingerprints.iter().enumerate() {
                self.post(n as u32, words(Some(fp)));
            }
        } else {
            // Each list a changed record was or is in is unpacked once,
            // edited at those numbers, and packed again.
            let mut edits: FxHashMap<u32, Vec<Pair>> = FxHashMap::default();
            for &n in &changed {
                for word in words(self.of.get(n as usize)) {
                    edits.entry(word.number()).or_default();
                }
                for word in words(fingerprints.get(n as usize)) {
                    let added = Pair::new(n, word.score());
                    edits.entry(word.number()).or_default().push(added);
                }
            }
            for (term, added) in edits {
                let list = &mut self.lists[term as usize];
                let mut pairs: Vec<Pair> = list
                    .iter()
                    .filter(|p| changed.binary_search(&p.number()).is_err())
                    .chain(added)
                    .collect();
                // Stable: a term twice in one record keeps its order.
                pairs.sort_by_key(|p| p.number());
                *list = pairs.into_iter().collect();
            }
        }
        self.of = fingerprints.to_vec();
    }

    /// Adds record `n`'s `words`, after every record already posted.
    pub(super) fn post(&mut self, n: u32, words: &[Pair]) {
        for word in words {
            self.lists[word.number() as usize].push(Pair::new(n, word.score()));
        }
    }

    /// Room for the postings of `terms` terms.
    pub(super) fn grow_to(&mut self, terms: usize) {
        self.lists.resize_with(terms, PostingList::default);
    }
}

/// One term's postings, in record number order, packed: for each record
/// the gap from the number before (the first from zero) and the score, as
/// one `varint` (`gap << 5 | score`). Most gaps are small, so a record
/// costs one or two bytes, not a `Pair`'s four.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct PostingList {
    bytes: Vec<u8>,
    /// The number of the last record posted.
    last: u32,
}

impl PostingList {
    pub(super) fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    fn clear(&mut self) {
        *self = PostingList::default();
    }

    /// Adds `pair`, whose number is not below the last one's.
    fn push(&mut self, pair: Pair) {
        debug_assert!(self.is_empty() || pair.number() >= self.last);
        let gap = pair.number() - if self.is_empty() { 0 } else { self.last };
        vial_base::varint::push(
            &mut self.bytes,
            u64::from(gap) << 5 | u64::from(pair.score()),
        );
        self.last = pair.number();
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = Pair> + '_ {
        let mut bytes = self.bytes.iter();
        let mut number = 0u32;
        std::iter::from_fn(move || {
            let packed = vial_base::varint::next(&mut bytes)?;
            number += (packed >> 5) as u32;
            Some(Pair::new(number, (packed & 31) as u8))
        })
    }
}

impl FromIterator<Pair> for PostingList {
    fn from_iter<I: IntoIterator<Item = Pair>>(pairs: I) -> Self {
        let mut list = PostingList::default();
        pairs.into_iter().for_each(|p| list.push(p));
        list.bytes.shrink_to_fit();
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_gives_back_its_pairs() {
        let pairs: Vec<Pair> = [(0, 3), (0, 31), (1, 0), (4, 1), (600, 7), (1 << 26, 31)]
            .iter()
            .map(|&(n, s)| Pair::new(n, s))
            .collect();
        let list: PostingList = pairs.iter().copied().collect();
        assert_eq!(list.iter().collect::<Vec<_>>(), pairs);
        // Neighbours: one byte each.
        let dense: PostingList = (0..1000).map(|n| Pair::new(n, 2)).collect();
        assert_eq!(dense.bytes.len(), 1000);
    }
}
