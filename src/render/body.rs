//! What a rendered file holds.
//!
//! Most files are one string. A file made of one entry per product
//! (`products.json`, a category's data file) is kept as its entries: the
//! entries are kept between the rebuilds of `vial serve` (`Fragments`), and
//! at 10,000 products joining them copied 16 MB on every edit. The output
//! writes the pieces as they are and hashes them the same way.

use std::borrow::Cow;
use std::sync::Arc;

/// The bytes of one rendered file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Text(String),
    Entries(Entries),
}

/// `head`, then the entries with `separator` between them, then `tail`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entries {
    pub head: String,
    pub entries: Vec<Arc<str>>,
    pub separator: &'static str,
    pub tail: String,
}

impl Body {
    /// The pieces that make the file, in order.
    pub fn pieces(&self) -> Vec<&[u8]> {
        match self {
            Body::Text(text) => vec![text.as_bytes()],
            Body::Entries(e) => {
                let mut pieces = Vec::with_capacity(2 * e.entries.len() + 2);
                pieces.push(e.head.as_bytes());
                for (i, entry) in e.entries.iter().enumerate() {
                    if i > 0 {
                        pieces.push(e.separator.as_bytes());
                    }
                    pieces.push(entry.as_bytes());
                }
                pieces.push(e.tail.as_bytes());
                pieces
            }
        }
    }

    /// xxh3 of the bytes, as the output's manifest keeps it.
    pub fn hash(&self) -> u64 {
        match self {
            Body::Text(text) => xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
            Body::Entries(_) => {
                let mut hash = xxhash_rust::xxh3::Xxh3::new();
                for piece in self.pieces() {
                    hash.update(piece);
                }
                hash.digest()
            }
        }
    }

    /// The whole text, joined if need be.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Body::Text(text) => Cow::Borrowed(text),
            Body::Entries(_) => {
                let pieces = self.pieces();
                let mut text = Vec::with_capacity(pieces.iter().map(|p| p.len()).sum());
                pieces.iter().for_each(|p| text.extend_from_slice(p));
                // Every piece is a whole `str`.
                Cow::Owned(String::from_utf8(text).unwrap_or_default())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(list: &[&str]) -> Body {
        Body::Entries(Entries {
            head: "[\n".into(),
            entries: list.iter().map(|e| Arc::from(*e)).collect(),
            separator: ",\n",
            tail: "\n]".into(),
        })
    }

    #[test]
    fn entries_read_and_hash_as_their_joined_text() {
        for list in [&[][..], &["1"], &["1", "2", "3"]] {
            let body = entries(list);
            let joined = format!("[\n{}\n]", list.join(",\n"));
            assert_eq!(body.text(), joined);
            assert_eq!(body.hash(), Body::Text(joined.clone()).hash());
            assert_eq!(body.pieces().concat(), joined.as_bytes());
        }
    }
}
