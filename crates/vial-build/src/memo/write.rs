//! A new memo, written as `serde_json` writes it, its pages on every
//! core.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use vial_output::Place;
use vial_site::link::Target;

use super::fingerprints::{Fingerprints, target_number};
use super::known::{Known, PageRead, unpack_places};
use super::{FORMAT, Memo, Stored, manifest_hash};

/// The id of a place of `Known` that has none (no fingerprint).
const ABSENT: u32 = u32::MAX;

/// Numbers for targets, in the order they are first met.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<Target, u32>,
    targets: Vec<Target>,
}

impl Interner {
    fn id(&mut self, target: &Target) -> u32 {
        if let Some(id) = self.ids.get(target) {
            return *id;
        }
        let id = self.targets.len() as u32;
        self.targets.push(target.clone());
        self.ids.insert(target.clone(), id);
        id
    }

    fn ids_of<'t>(&mut self, targets: impl IntoIterator<Item = &'t Target>) -> Vec<u32> {
        targets.into_iter().map(|t| self.id(t)).collect()
    }

    fn pairs(&mut self, pairs: &[(Target, u64)]) -> Vec<(u32, u64)> {
        pairs.iter().map(|(t, hash)| (self.id(t), *hash)).collect()
    }
}

/// The targets `ids` number in `targets` (the last memo's).
fn numbered_by<'t>(ids: &'t [u32], targets: &'t [Target]) -> impl Iterator<Item = &'t Target> {
    ids.iter().filter_map(|i| targets.get(*i as usize))
}

/// What a page of the new memo read: this build's reads, or the last
/// memo's numbers for a page kept.
enum PageReads<'a> {
    Rendered(&'a PageRead),
    Kept(&'a [u32], &'a [u32]),
}

/// What a new memo is made of.
pub struct Parts<'a> {
    /// What every page depends on besides the content (`site_key`).
    pub key: u64,
    /// The site's fingerprints now.
    pub now: &'a Fingerprints,
    /// The last build's memo: what the pages kept read then.
    pub last: Option<&'a Memo>,
    pub known: &'a Known,
    /// The pages rendered, with what they read.
    pub rendered: &'a [PageRead],
    /// The pages kept, by output path.
    pub kept: &'a [String],
}

/// A page's reads, numbered: its output path, the ids of the targets it
/// read, and of the products it weighed.
type NumberedPage = (String, Vec<u32>, Vec<u32>);

/// A new memo of `parts`, beside the manifest at `place`. The same parts
/// give the same bytes, so a build that changed nothing finds its memo
/// already there.
pub fn make(place: &Place, parts: Parts) -> Vec<u8> {
    let old = parts.last.map(Memo::reads_by_path).unwrap_or_default();
    let mut all: Vec<(&str, PageReads)> = parts
        .rendered
        .iter()
        .map(|page| (&*page.path, PageReads::Rendered(page)))
        .chain(parts.kept.iter().filter_map(|path| {
            let (reads, weighed) = old.get(path.as_str())?;
            Some((path.as_str(), PageReads::Kept(reads, weighed)))
        }))
        .collect();
    all.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let now = parts.now;
    let mut table = Interner::default();
    let members = table.pairs(&now.members);
    let backlinks = table.pairs(&now.backlinks);
    let ranking = table.pairs(&now.ranking);
    let listing = table.pairs(&now.listing);
    let pages = numbered(&parts, all, &mut table);
    let Some(manifest) = manifest_hash(place) else {
        return Vec::new();
    };
    let stored = Stored {
        format: FORMAT,
        key: parts.key,
        manifest,
        targets: table.targets,
        members,
        backlinks,
        ranking,
        listing,
        order: now.order,
        pages: Vec::new(),
    };
    to_json(&stored, &pages)
}

/// Each page's reads as ids of `table`. Every target a place stands for
/// got its id with the fingerprints, so each place's id is looked up once,
/// here, and a rendered page's places are numbered on any core. Only what
/// a page read that is no place (and what a kept page read last time) can
/// get a new id, and those are numbered first, one page after another, so
/// that ids are given in the order targets are first met.
fn numbered(parts: &Parts, all: Vec<(&str, PageReads)>, table: &mut Interner) -> Vec<NumberedPage> {
    let now = parts.now;
    let last_targets: &[Target] = parts.last.map_or(&[], |m| &m.stored.targets);
    // Every known target has a fingerprint: its number finds it.
    let by_number: FxHashMap<u64, &Target> = now
        .members
        .iter()
        .chain(&now.backlinks)
        .map(|(t, _)| (target_number(t), t))
        .collect();
    let place_ids: Vec<u32> = (parts.known.numbers.iter())
        .map(|n| by_number.get(n).map_or(ABSENT, |t| table.id(t)))
        .collect();
    let ids_of = |places: &[u32]| -> Vec<u32> {
        (places.iter())
            .filter_map(|&p| place_ids.get(p as usize).copied())
            .filter(|&id| id != ABSENT)
            .collect()
    };
    // Per page: the ids of what it read outside the places, or all of a
    // kept page's.
    let first_met: Vec<(Vec<u32>, Vec<u32>)> = (all.iter())
        .map(|(_, reads)| match reads {
            PageReads::Rendered(page) => (table.ids_of(&page.unknown), Vec::new()),
            PageReads::Kept(reads, weighed) => (
                table.ids_of(numbered_by(reads, last_targets)),
                table.ids_of(numbered_by(weighed, last_targets)),
            ),
        })
        .collect();
    all.into_par_iter()
        .zip(first_met)
        .map(|((path, reads), (mut read, weighed))| match reads {
            PageReads::Rendered(page) => {
                let (places, weighed) = unpack_places(&page.places);
                read.extend(ids_of(&places));
                read.sort_unstable();
                (path.to_string(), read, ids_of(&weighed))
            }
            PageReads::Kept(..) => (path.to_string(), read, weighed),
        })
        .collect()
}

/// `stored` with `pages` as its pages, as `serde_json` writes it; the
/// pages, most of the memo, are written on every core (on one, they were
/// the last part of a build, with the other core idle).
pub fn to_json(stored: &Stored, pages: &[NumberedPage]) -> Vec<u8> {
    let Ok(mut bytes) = serde_json::to_vec(stored) else {
        return Vec::new();
    };
    // The pages come last: `"pages":[]}` loses its `]}`, which end the
    // pages written here.
    if !bytes.ends_with(b"[]}") {
        return Vec::new();
    }
    bytes.truncate(bytes.len() - 2);
    let pieces: Vec<Vec<u8>> = pages
        .par_chunks(1024)
        .map(|chunk| {
            let mut piece = Vec::with_capacity(chunk.len() * 64);
            for page in chunk {
                piece.push(b',');
                // Writing to memory fails only for a value serde cannot write.
                let _ = serde_json::to_writer(&mut piece, page);
            }
            piece
        })
        .collect();
    for (n, piece) in pieces.iter().enumerate() {
        // The first page has no comma before it.
        bytes.extend_from_slice(if n == 0 { &piece[1..] } else { piece });
    }
    bytes.extend_from_slice(b"]}");
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memo_is_written_as_serde_json_writes_it() {
        let pages: Vec<(String, Vec<u32>, Vec<u32>)> = (0..3000)
            .map(|n| {
                (
                    format!("products/p{n}/index.html"),
                    vec![n, n + 1],
                    vec![n % 7],
                )
            })
            .collect();
        let mut stored = Stored {
            format: FORMAT,
            key: 7,
            manifest: 9,
            targets: vec![Target::Product("a".into())],
            members: vec![(0, 1)],
            backlinks: vec![],
            ranking: vec![(0, 2)],
            listing: vec![],
            order: 3,
            pages: Vec::new(),
        };
        assert_eq!(to_json(&stored, &[]), serde_json::to_vec(&stored).unwrap());
        let written = to_json(&stored, &pages);
        stored.pages = pages;
        assert_eq!(written, serde_json::to_vec(&stored).unwrap());
    }
}
