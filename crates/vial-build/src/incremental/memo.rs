//! What a build leaves for the next one, in its output's state folder
//! (`output::state`): `reads`.
//!
//! It holds a fingerprint of everything that is not content (vial itself,
//! site.yaml and the options, the templates, strings and assets' names), a
//! fingerprint of each product, category, guide, term and verdict and of
//! each one's backlinks, and what each page read. The next `vial build` or
//! `vial check` with the same first fingerprint works out from the others
//! what changed, as `vial serve` does from the model it keeps in memory, and
//! renders only the pages that read it. Every other page keeps the file the
//! last build wrote, as long as the output still holds that very file.
//!
//! Fingerprints are hashes of each item's `Debug` text, which shows every
//! field (the model's types derive it), so a field added to the model is
//! fingerprinted without anyone remembering to. A hash that differs for
//! equal items only renders a page more; only a missed difference could
//! leave a page stale, which is why nothing is picked field by field here
//! but what `vial serve`'s own comparison picks (ranking, listing).
//!
//! Anything else that writes into the output (`vial serve`) deletes the
//! memo before its first change lands (`output::Update::commit`), so a memo
//! always describes the files next to it.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64_with_seed};

use super::Stale;
use super::pages::Pages;
use vial_output::{MEMO, Manifest, Place};
use vial_render::{PageKind, PageRecord, Reads, product_number};
use vial_site::config::Config;
use vial_site::link::{Links, Target};
use vial_site::load::Sources;
use vial_site::model::Site;

/// Bumped when the memo's layout changes: an older memo is then ignored.
const FORMAT: u32 = 1;

/// A hash of an item's `Debug` text.
fn fingerprint(item: &impl Debug) -> u64 {
    struct Hashing(Xxh3);
    impl std::fmt::Write for Hashing {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.update(s.as_bytes());
            Ok(())
        }
    }
    let mut hashing = Hashing(Xxh3::new());
    // Writing into a hash cannot fail.
    let _ = std::fmt::write(&mut hashing, format_args!("{item:?}"));
    hashing.0.digest()
}

/// What every page depends on besides the content: a memo made under
/// another one says nothing of this build.
pub(crate) fn site_key(config: &Config, sources: &Sources, drafts: bool) -> u64 {
    // vial itself: another version renders differently. Its file's size
    // and time stand for its bytes (hashing 40 MB would cost more than it
    // saves on small sites).
    let vial = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| (m.len(), m.modified().ok()))
        .ok();
    let statics: Vec<&Path> = sources.static_files.iter().map(|f| f.target()).collect();
    // Where the output is says nothing of what goes into it: a folder
    // moved or renamed keeps its memo (the memo lies inside it).
    let config = Config {
        output_dir: Default::default(),
        ..config.clone()
    };
    fingerprint(&(
        env!("CARGO_PKG_VERSION"),
        vial,
        &config,
        drafts,
        &sources.templates,
        &sources.strings,
        &sources.assets,
        statics,
    ))
}

/// A fingerprint of each item of the site, as `stale_targets` compares
/// them.
pub(crate) struct Fingerprints {
    /// Products, categories, guides, verdicts and terms.
    members: Vec<(Target, u64)>,
    /// Each target's mentions.
    backlinks: Vec<(Target, u64)>,
    /// What ranks a product as a similar product (`similar::same_ranking`).
    ranking: Vec<(Target, u64)>,
    /// What the feeds and sitemap list products and guides by.
    listing: Vec<(Target, u64)>,
    /// The product list's order.
    order: u64,
}

impl Fingerprints {
    pub fn of(site: &Site, links: &Links) -> Self {
        let products: Vec<_> = site.products.values().collect();
        let prints: Vec<[(Target, u64); 3]> = products
            .par_iter()
            .map(|p| {
                let target = Target::Product(p.slug.clone());
                let terms: Vec<(&str, &str, Option<f64>)> = p
                    .terms
                    .iter()
                    .flat_map(|(key, uses)| {
                        uses.iter()
                            .map(move |u| (key, u.term.slug.as_str(), u.strength))
                    })
                    .collect();
                [
                    (target.clone(), fingerprint(p)),
                    (
                        target.clone(),
                        fingerprint(&(&p.name, &p.category, &p.specs, terms)),
                    ),
                    (target, fingerprint(&(&p.name, &p.updated))),
                ]
            })
            .collect();
        let mut members = Vec::with_capacity(prints.len());
        let mut ranking = Vec::with_capacity(prints.len());
        let mut listing = Vec::with_capacity(prints.len() + site.guides.len());
        for [member, ranks, lists] in prints {
            members.push(member);
            ranking.push(ranks);
            listing.push(lists);
        }
        let guides: Vec<_> = site.guides.values().collect();
        let (guides, guide_listing): (Vec<_>, Vec<_>) = guides
            .par_iter()
            .map(|g| {
                let target = Target::Guide(g.slug.clone());
                let listing = fingerprint(&(&g.title, &g.date, &g.updated));
                ((target.clone(), fingerprint(g)), (target, listing))
            })
            .unzip();
        members.extend(guides);
        listing.extend(guide_listing);
        members.extend(
            site.categories
                .iter()
                .map(|(slug, c)| (Target::Category(slug.clone()), fingerprint(c))),
        );
        members.extend(
            site.verdicts
                .iter()
                .map(|(slug, v)| (Target::Compare(slug.clone()), fingerprint(v))),
        );
        for (key, terms) in &site.taxonomies.by_key {
            members.extend(
                terms
                    .iter()
                    .map(|(slug, t)| (Target::Term(key.clone(), slug.clone()), fingerprint(t))),
            );
        }
        let backlinks: Vec<_> = links.backlinks.iter().collect();
        let backlinks = backlinks
            .par_iter()
            .map(|(target, mentions)| ((*target).clone(), fingerprint(mentions)))
            .collect();
        Fingerprints {
            members,
            backlinks,
            ranking,
            listing,
            order: fingerprint(&site.product_order),
        }
    }

    /// What differs from `old` to `self`, as `stale_targets` would find it
    /// comparing the two models.
    fn stale_since(&self, old: &Fingerprints) -> Stale {
        let mut stale = Stale::new(old.order != self.order);
        let (before, now) = (by_target(&old.members), by_target(&self.members));
        for (target, hash) in &before {
            match now.get(target) {
                Some(h) if h == hash => {}
                Some(_) => {
                    stale.targets.insert((*target).clone());
                }
                None => {
                    stale.keys_changed = true;
                    stale.targets.insert((*target).clone());
                }
            }
        }
        for target in now.keys().filter(|t| !before.contains_key(*t)) {
            stale.keys_changed = true;
            stale.targets.insert((*target).clone());
        }
        // Stale targets are few (one edit's), the lists long: looked up in
        // maps made once.
        let (old_listing, new_listing) = (by_target(&old.listing), by_target(&self.listing));
        let (old_ranking, new_ranking) = (by_target(&old.ranking), by_target(&self.ranking));
        let relisted = |t: &&Target| old_listing.get(*t) != new_listing.get(*t);
        stale.guides_listed = (stale.targets.iter())
            .filter(|t| matches!(t, Target::Guide(_)))
            .any(|t| relisted(&t));
        stale.listed_by_date = stale.guides_listed
            || (stale.targets.iter())
                .filter(|t| matches!(t, Target::Product(_)))
                .any(|t| relisted(&t));
        stale.reranked = stale
            .targets
            .iter()
            .filter(|t| old_ranking.get(t) != new_ranking.get(t))
            .filter_map(|t| match t {
                Target::Product(slug) => Some(slug.clone()),
                _ => None,
            })
            .collect();
        let (before, now) = (by_target(&old.backlinks), by_target(&self.backlinks));
        for target in before.keys().chain(now.keys()) {
            if before.get(target) != now.get(target) {
                stale.targets.insert((*target).clone());
            }
        }
        stale
    }
}

fn by_target(list: &[(Target, u64)]) -> FxHashMap<&Target, u64> {
    list.iter().map(|(t, hash)| (t, *hash)).collect()
}

/// A hash of the output's manifest. Every vial writes the manifest when it
/// changes a file: a memo that did not see the manifest beside it is
/// stale.
fn manifest_hash(place: &Place) -> Option<u64> {
    let bytes = Manifest::stored(place)?;
    Some(xxhash_rust::xxh3::xxh3_64(&bytes))
}

/// The memo as stored: targets are numbers into `targets`.
#[derive(Serialize, Deserialize, Default)]
struct Stored {
    format: u32,
    key: u64,
    /// `manifest_hash` of the output it describes.
    manifest: u64,
    targets: Vec<Target>,
    members: Vec<(u32, u64)>,
    backlinks: Vec<(u32, u64)>,
    ranking: Vec<(u32, u64)>,
    listing: Vec<(u32, u64)>,
    order: u64,
    /// Each page's output path, the targets it read, and the products it
    /// weighed.
    pages: Vec<(String, Vec<u32>, Vec<u32>)>,
}

/// The memo of the last build, read back.
pub(crate) struct Memo {
    stored: Stored,
    /// A hash of the file's bytes, to tell whether the next memo is the
    /// same.
    hash: u64,
}

impl Memo {
    /// The memo kept at `place`, if there is one made under `key`.
    pub fn read(place: &Place, key: u64) -> Option<Memo> {
        let bytes = std::fs::read(place.file(MEMO)).ok()?;
        let stored: Stored = serde_json::from_slice(&bytes).ok()?;
        let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
        let current = (stored.format == FORMAT && stored.key == key)
            && Some(stored.manifest) == manifest_hash(place);
        current.then_some(Memo { stored, hash })
    }

    /// The fingerprints the last build was made from.
    pub fn fingerprints(&self) -> Fingerprints {
        let table = &self.stored.targets;
        let list = |pairs: &[(u32, u64)]| -> Vec<(Target, u64)> {
            pairs
                .iter()
                .filter_map(|(id, hash)| Some((table.get(*id as usize)?.clone(), *hash)))
                .collect()
        };
        Fingerprints {
            members: list(&self.stored.members),
            backlinks: list(&self.stored.backlinks),
            ranking: list(&self.stored.ranking),
            listing: list(&self.stored.listing),
            order: self.stored.order,
        }
    }

    /// The last build's pages that `plan` still has, with what each read of
    /// `stale` (the rest cannot make it render again), and whether those
    /// are all of them.
    fn pages(&self, plan: &FxHashMap<&str, &PageKind>, stale: &Stale) -> (Pages, bool) {
        let table = &self.stored.targets;
        // A page reads thirty targets; an edit stales a few. Only those
        // are looked up, by number, and only those are indexed.
        let read: Vec<bool> = table.iter().map(|t| stale.targets.contains(t)).collect();
        let weighed_marks: Vec<bool> = table
            .iter()
            .map(|t| matches!(t, Target::Product(slug) if stale.reranked.contains(slug)))
            .collect();
        let is = |marks: &[bool], id: &u32| marks.get(*id as usize).copied().unwrap_or(false);
        let mut complete = true;
        let records: Vec<PageRecord> = self
            .stored
            .pages
            .iter()
            .filter_map(|(path, reads, weighed)| {
                let Some(kind) = plan.get(path.as_str()) else {
                    complete = false;
                    return None;
                };
                let reads = Reads {
                    targets: reads
                        .iter()
                        .filter(|id| is(&read, id))
                        .filter_map(|id| table.get(*id as usize).cloned())
                        .collect(),
                    weighed: weighed
                        .iter()
                        .filter(|id| is(&weighed_marks, id))
                        .filter_map(|id| match table.get(*id as usize) {
                            Some(Target::Product(slug)) => Some(product_number(slug)),
                            _ => None,
                        })
                        .collect(),
                };
                Some(PageRecord {
                    kind: (*kind).clone(),
                    path: path.clone(),
                    reads,
                    hash: 0,
                })
            })
            .collect();
        (Pages::new(records), complete)
    }

    /// What each page read, by output path.
    fn reads_by_path(&self) -> FxHashMap<&str, (&[u32], &[u32])> {
        self.stored
            .pages
            .iter()
            .map(|(path, reads, weighed)| (path.as_str(), (reads.as_slice(), weighed.as_slice())))
            .collect()
    }
}

/// Which pages of a build to render, with what the last build left.
pub(crate) struct Choice {
    /// Pages to render.
    pub render: Vec<PageKind>,
    /// Pages whose last file may stand, if the output still holds it.
    pub reuse: Vec<PageKind>,
}

impl Choice {
    /// Every page rendered: there is no memo to go by.
    pub fn everything(plan: &[PageKind]) -> Choice {
        Choice {
            render: plan.to_vec(),
            reuse: Vec::new(),
        }
    }
}

/// Chooses the pages of `plan` (whose files are `paths`) to render, given
/// the last build's memo and this build's fingerprints.
pub(crate) fn choose(
    memo: &Memo,
    now: &Fingerprints,
    plan: &[PageKind],
    paths: &[String],
) -> Choice {
    let by_path: FxHashMap<&str, &PageKind> =
        paths.iter().map(String::as_str).zip(plan.iter()).collect();
    let stale = now.stale_since(&memo.fingerprints());
    let (old, complete) = memo.pages(&by_path, &stale);
    let render = super::pages_to_render(&old, complete, &stale, plan, &BTreeSet::new());
    let rendered: rustc_hash::FxHashSet<&PageKind> = render.iter().collect();
    let reuse = plan
        .iter()
        .filter(|kind| !rendered.contains(kind))
        .cloned()
        .collect();
    Choice { render, reuse }
}

/// A number for a target, the same in every build: what a rendered page's
/// reads are kept as until the memo is made (a page's fifty slugs as
/// strings, times 13,000 pages, took 100 MB).
fn target_number(target: &Target) -> u64 {
    match target {
        Target::Product(slug) => product_number(slug),
        Target::Category(slug) => xxh3_64_with_seed(slug.as_bytes(), 2),
        Target::Guide(slug) => xxh3_64_with_seed(slug.as_bytes(), 3),
        Target::Compare(slug) => xxh3_64_with_seed(slug.as_bytes(), 4),
        Target::Term(key, slug) => {
            xxh3_64_with_seed(slug.as_bytes(), xxh3_64_with_seed(key.as_bytes(), 5))
        }
    }
}

/// The targets of the site by number: the members and whatever has
/// backlinks. A page may read a target that is neither (a verdict not
/// written); that one is kept as itself. While the pages render, each
/// known target is kept as its place in `numbers`: 4 bytes a read, not 8
/// (at 50,000 products the reads kept until the memo is made were 41 MB).
pub(crate) struct Known {
    places: FxHashMap<u64, u32>,
    numbers: Vec<u64>,
}

impl Known {
    pub fn of(site: &Site, links: &Links) -> Known {
        let mut known = rustc_hash::FxHashSet::default();
        known.extend(site.products.keys().map(|slug| product_number(slug)));
        let others = site
            .categories
            .keys()
            .map(|slug| Target::Category(slug.clone()))
            .chain(site.guides.keys().map(|slug| Target::Guide(slug.clone())))
            .chain(
                site.verdicts
                    .keys()
                    .map(|slug| Target::Compare(slug.clone())),
            )
            .chain(site.taxonomies.by_key.iter().flat_map(|(key, terms)| {
                terms
                    .keys()
                    .map(move |slug| Target::Term(key.clone(), slug.clone()))
            }))
            .chain(links.backlinks.keys().cloned());
        known.extend(others.map(|t| target_number(&t)));
        let numbers: Vec<u64> = known.into_iter().collect();
        let places = (0u32..).zip(&numbers).map(|(at, n)| (*n, at)).collect();
        Known { places, numbers }
    }

    /// What a rendered page read, as kept until the memo is made.
    pub fn page(&self, path: String, reads: &Reads) -> PageRead {
        let mut read = Vec::with_capacity(reads.targets.len());
        let mut unknown = Vec::new();
        for target in &reads.targets {
            match self.places.get(&target_number(target)) {
                Some(at) => read.push(*at),
                None => unknown.push(target.clone()),
            }
        }
        // Only products are weighed, and every one is known.
        let weighed = reads
            .weighed
            .iter()
            .filter_map(|number| self.places.get(number).copied())
            .collect();
        PageRead {
            path: path.into(),
            places: pack_places(read, weighed),
            unknown: unknown.into(),
        }
    }
}

/// What a rendered page read: known targets by place (`Known`). Kept for
/// every page to the end of the build: at 200,000 products the places,
/// as `u32`s, were 1 KB a page (a product page weighs a hundred others).
pub(crate) struct PageRead {
    path: Box<str>,
    /// The places read and the places weighed (`pack_places`).
    places: Box<[u8]>,
    unknown: Box<[Target]>,
}

/// `read` and `weighed` as one list of bytes: the length of `read`, then
/// each list sorted, without repeats, as gaps from the place before (the
/// first from zero), in `varint`s. Both are sets: the memo sorts what a
/// page read, and gives numbers to what it weighed in the order met.
fn pack_places(mut read: Vec<u32>, mut weighed: Vec<u32>) -> Box<[u8]> {
    let mut bytes = Vec::with_capacity(read.len() + weighed.len() + 4);
    read.sort_unstable();
    read.dedup();
    vial_base::varint::push(&mut bytes, read.len() as u64);
    weighed.sort_unstable();
    weighed.dedup();
    for list in [read, weighed] {
        let mut last = 0;
        for place in list {
            vial_base::varint::push(&mut bytes, u64::from(place - last));
            last = place;
        }
    }
    bytes.into()
}

/// The places read and the places weighed of `pack_places`.
fn unpack_places(bytes: &[u8]) -> (Vec<u32>, Vec<u32>) {
    let mut bytes = bytes.iter();
    let read_len = vial_base::varint::next(&mut bytes).unwrap_or(0) as usize;
    let mut places = Vec::new();
    let mut last = 0u32;
    while let Some(gap) = vial_base::varint::next(&mut bytes) {
        if places.len() == read_len {
            last = 0;
        }
        last += gap as u32;
        places.push(last);
    }
    let weighed = places.split_off(read_len.min(places.len()));
    (places, weighed)
}

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

/// A new memo: `now`'s fingerprints, the reads of the pages rendered, and
/// for pages kept (`kept`, by output path) what they read last time. The
/// same inputs give the same bytes, so a build that changed nothing finds
/// its memo already there.
// The arguments are what the memo is made of; a struct for them would be
// taken apart again here.
#[allow(clippy::too_many_arguments)]
pub(crate) fn make(
    place: &Place,
    key: u64,
    now: &Fingerprints,
    last: Option<&Memo>,
    known: &Known,
    rendered: &[PageRead],
    kept: &[String],
) -> Vec<u8> {
    let old = last.map(Memo::reads_by_path).unwrap_or_default();
    let mut all: Vec<(&str, PageReads)> = rendered
        .iter()
        .map(|page| (&*page.path, PageReads::Rendered(page)))
        .chain(kept.iter().filter_map(|path| {
            let (reads, weighed) = old.get(path.as_str())?;
            Some((path.as_str(), PageReads::Kept(reads, weighed)))
        }))
        .collect();
    all.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut table = Interner::default();
    let members = table.pairs(&now.members);
    let backlinks = table.pairs(&now.backlinks);
    let ranking = table.pairs(&now.ranking);
    let listing = table.pairs(&now.listing);
    let last_targets: &[Target] = last.map_or(&[], |m| &m.stored.targets);
    // Every known target has a fingerprint: its number finds it.
    let numbered: FxHashMap<u64, &Target> = now
        .members
        .iter()
        .chain(&now.backlinks)
        .map(|(t, _)| (target_number(t), t))
        .collect();
    // Every target a place stands for got its id with the fingerprints
    // above, so each place's id is looked up once, here, and a rendered
    // page's places are numbered on any core. Only what a page read that
    // is no place (and what a kept page read last time) can get a new id,
    // and those are numbered first, one page after another, so that ids
    // are given in the order targets are first met.
    let place_ids: Vec<u32> = (known.numbers.iter())
        .map(|n| numbered.get(n).map_or(ABSENT, |t| table.id(t)))
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
    let pages: Vec<(String, Vec<u32>, Vec<u32>)> = all
        .into_par_iter()
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
        .collect();
    let Some(manifest) = manifest_hash(place) else {
        return Vec::new();
    };
    let stored = Stored {
        format: FORMAT,
        key,
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

/// `stored` with `pages` as its pages, as `serde_json` writes it; the
/// pages, most of the memo, are written on every core (on one, they were
/// the last 15 ms of a build at 10,000 products).
fn to_json(stored: &Stored, pages: &[(String, Vec<u32>, Vec<u32>)]) -> Vec<u8> {
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

/// Whether `bytes` are the memo already stored.
pub(crate) fn same(last: Option<&Memo>, bytes: &[u8]) -> bool {
    last.is_some_and(|m| m.hash == xxhash_rust::xxh3::xxh3_64(bytes))
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

    #[test]
    fn a_pages_places_come_back_as_sets() {
        let read = vec![40, 3, 70_000, 3, 0];
        let weighed = vec![9, 1 << 20, 2];
        let (r, w) = unpack_places(&pack_places(read, weighed));
        assert_eq!(r, [0, 3, 40, 70_000]);
        assert_eq!(w, [2, 9, 1 << 20]);
        assert_eq!(
            unpack_places(&pack_places(vec![], vec![5])),
            (vec![], vec![5])
        );
        assert_eq!(
            unpack_places(&pack_places(vec![5], vec![])),
            (vec![5], vec![])
        );
    }
}
