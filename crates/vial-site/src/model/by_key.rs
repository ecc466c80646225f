//! `ByKey`: a few values by key, sorted, in one allocation.
//!
//! A product holds its terms by taxonomy and its specs by key: three to a
//! dozen entries each. A `BTreeMap` gave every such map a node of eleven
//! slots (half a kilobyte, mostly empty) and each key an allocation of its
//! own: a large share of the model's memory, which one allocation per map
//! and short keys kept inline save.

use std::fmt;

use compact_str::CompactString;

/// Values by key, in key order; a key appears once.
#[derive(Clone, PartialEq)]
pub struct ByKey<V>(Box<[(CompactString, V)]>);

impl<V> Default for ByKey<V> {
    fn default() -> Self {
        ByKey(Box::default())
    }
}

impl<V> ByKey<V> {
    pub fn get(&self, key: &str) -> Option<&V> {
        let at = self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok()?;
        Some(&self.0[at].1)
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> + Clone {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// As a `BTreeMap` collects: in key order, the last value of a repeated
/// key kept.
impl<K: Into<CompactString>, V> FromIterator<(K, V)> for ByKey<V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut entries: Vec<(CompactString, V)> =
            iter.into_iter().map(|(k, v)| (k.into(), v)).collect();
        // Stable: of equal keys, the last written ends up last...
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        // ...and is the one kept.
        let mut kept: Vec<(CompactString, V)> = Vec::with_capacity(entries.len());
        for entry in entries {
            match kept.last_mut() {
                Some(last) if last.0 == entry.0 => *last = entry,
                _ => kept.push(entry),
            }
        }
        ByKey(kept.into_boxed_slice())
    }
}

/// Printed as a map, the way a `BTreeMap` of the same entries prints.
impl<V: fmt::Debug> fmt::Debug for ByKey<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn collects_like_a_btree_map() {
        let written = [("b", 1), ("a", 2), ("b", 3), ("c", 4), ("a", 5)];
        let map: ByKey<i32> = written.into_iter().collect();
        let tree: BTreeMap<&str, i32> = written.into_iter().collect();
        assert!(map.iter().eq(tree.iter().map(|(k, v)| (*k, v))));
        assert_eq!(format!("{map:?}"), format!("{tree:?}"));
        assert_eq!(map.get("b"), Some(&3));
        assert_eq!(map.get("d"), None);
        assert_eq!(map.iter().count(), 3);
    }
}
