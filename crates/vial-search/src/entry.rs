//! The entry file, `search/index.json`: what the browser loads first. It
//! lists the shards, the kinds of page and the categories with their
//! record number ranges (a filter is a range), the folding table of
//! `text`, and a version that changes whenever any file of the index does.

use serde::Serialize;

use super::records::{CategoryRange, KindRange};

/// The entry file.
#[derive(Serialize)]
pub(super) struct Entry<'a> {
    /// Changes whenever any file of the index does: shards and records are
    /// fetched with it, so no cache serves a stale one.
    pub(super) v: String,
    pub(super) n: usize,
    /// Words longer than this are not indexed.
    pub(super) w: usize,
    pub(super) fold: String,
    pub(super) shards: Vec<String>,
    pub(super) kinds: &'a [KindRange],
    pub(super) categories: &'a [CategoryRange],
    /// Groups of words or phrases found for one another (`synonyms`).
    pub(super) syn: &'a [Vec<String>],
}

impl Serialize for KindRange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (&self.key, &self.label, &self.plural, self.from, self.to).serialize(s)
    }
}

impl Serialize for CategoryRange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // A fifth item, the name's language, only where it is marked: a
        // site in one language has none.
        match &self.lang {
            None => (&self.name, self.from, self.to, self.page).serialize(s),
            Some(lang) => (&self.name, self.from, self.to, self.page, lang).serialize(s),
        }
    }
}
