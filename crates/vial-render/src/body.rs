//! What a rendered file holds.
//!
//! Most files are one string. A file made of one entry per product
//! (`products.json`, a category's data file) is kept as its entries: the
//! entries are kept between the rebuilds of `vial serve` (`Fragments`), and
//! joining them copied the whole file on every edit. The output writes the
//! pieces as they are. Each entry is hashed once, when it is made, and the
//! file's hash is made from theirs: hashing the whole file again cost time
//! on every edit.
//!
//! A build, which keeps nothing for a next time, does not hold
//! `products.json` at all (`Body::Made`): it grows with the catalogue, and
//! held, it was a large part of a build's peak memory. It makes each entry
//! once to hash it, and again while the file is written.

use std::borrow::Cow;
use std::sync::Arc;

/// The bytes of one rendered file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Text(String),
    Entries(Entries),
    /// `products.json`, made again as it is written
    /// (`Renderer::make_again`): only its hash is held, and `pieces` and
    /// `text` are empty.
    Made(Made),
}

/// The hash of a file that is made again as it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub hash: u64,
}

/// `head`, then the entries with `separator` between them, then `tail`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entries {
    pub head: String,
    pub entries: Vec<Entry>,
    pub separator: &'static str,
    pub tail: String,
}

/// One entry of a file, and the hash of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    text: Arc<str>,
    hash: u64,
}

impl Entry {
    pub fn new(text: String) -> Entry {
        Entry {
            hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
            text: Arc::from(text),
        }
    }
}

impl Body {
    /// The pieces that make the file, in order.
    pub fn pieces(&self) -> Vec<&[u8]> {
        self.parts().into_iter().map(str::as_bytes).collect()
    }

    fn parts(&self) -> Vec<&str> {
        match self {
            Body::Text(text) => vec![text],
            Body::Made(_) => Vec::new(),
            Body::Entries(e) => {
                let mut parts = Vec::with_capacity(2 * e.entries.len() + 2);
                parts.push(e.head.as_str());
                for (i, entry) in e.entries.iter().enumerate() {
                    if i > 0 {
                        parts.push(e.separator);
                    }
                    parts.push(&entry.text);
                }
                parts.push(&e.tail);
                parts
            }
        }
    }

    /// A hash of the bytes, as the output's manifest keeps it: xxh3 of a
    /// text; for entries, xxh3 of the hashes of their pieces. The same
    /// bytes made the same way hash the same, which is all the output asks.
    pub fn hash(&self) -> u64 {
        match self {
            Body::Text(text) => xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
            Body::Entries(e) => Entries::hash_of(
                &e.head,
                e.separator,
                &e.tail,
                e.entries.iter().map(|e| e.hash),
            ),
            Body::Made(made) => made.hash,
        }
    }

    /// The whole text, joined if need be.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Body::Text(text) => Cow::Borrowed(text),
            Body::Entries(_) | Body::Made(_) => Cow::Owned(self.parts().concat()),
        }
    }
}

impl Entries {
    /// The hash of a file of entries whose texts hash to `entries`, the
    /// same whether they are held (`Body::Entries`) or made again
    /// (`Body::Made`): a build and the preview keep one manifest.
    pub fn hash_of(
        head: &str,
        separator: &str,
        tail: &str,
        entries: impl Iterator<Item = u64>,
    ) -> u64 {
        use xxhash_rust::xxh3::xxh3_64;
        let mut hashes = Vec::with_capacity(8 * (entries.size_hint().0 + 3));
        let hashes_of = [head, separator, tail].map(|p| xxh3_64(p.as_bytes()));
        for hash in hashes_of.into_iter().chain(entries) {
            hashes.extend_from_slice(&hash.to_le_bytes());
        }
        xxh3_64(&hashes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(list: &[&str]) -> Body {
        Body::Entries(Entries {
            head: "[\n".into(),
            entries: list.iter().map(|e| Entry::new(e.to_string())).collect(),
            separator: ",\n",
            tail: "\n]".into(),
        })
    }

    #[test]
    fn entries_read_as_their_joined_text() {
        for list in [&[][..], &["1"], &["1", "2", "3"]] {
            let body = entries(list);
            let joined = format!("[\n{}\n]", list.join(",\n"));
            assert_eq!(body.text(), joined);
            assert_eq!(body.pieces().concat(), joined.as_bytes());
        }
    }

    #[test]
    fn entries_hash_alike_exactly_when_their_bytes_are_alike() {
        let hash = |list: &[&str]| entries(list).hash();
        assert_eq!(hash(&["1", "2"]), hash(&["1", "2"]));
        for other in [
            &["1"][..],
            &["2", "1"],
            &["1", "2", ""],
            &["12"],
            &["1", "3"],
        ] {
            assert_ne!(hash(&["1", "2"]), hash(other), "{other:?}");
        }
    }
}
