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

mod fingerprints;
mod known;
mod write;

use std::collections::BTreeSet;
use std::path::Path;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use vial_output::{MEMO, Manifest, Place};
use vial_render::{PageKind, PageRecord, Reads, product_number};
use vial_site::config::Config;
use vial_site::link::Target;
use vial_site::load::Sources;

use crate::changes::{Stale, pages_to_render};
use crate::ledger::Ledger;
pub use fingerprints::Fingerprints;
use fingerprints::fingerprint;
pub use known::{Known, PageRead};
pub use write::{Parts, make};

/// Bumped when the memo's layout changes: an older memo is then ignored.
const FORMAT: u32 = 1;

/// What every page depends on besides the content: a memo made under
/// another one says nothing of this build.
pub fn site_key(config: &Config, sources: &Sources, drafts: bool) -> u64 {
    // vial itself: another version renders differently. Its file's size
    // and time stand for its bytes (hashing the whole executable would cost
    // more than it saves on small sites).
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
pub struct Memo {
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
        let memo = Memo { stored, hash };
        (memo.stored.format == FORMAT && memo.stored.key == key && memo.describes(place))
            .then_some(memo)
    }

    /// Whether it describes the output at `place` as it is: its record
    /// did not change since.
    pub fn describes(&self, place: &Place) -> bool {
        Some(self.stored.manifest) == manifest_hash(place)
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
            // Only the new build's says anything (`stale_since`).
            menus_name_categories: false,
        }
    }

    /// The last build's pages that `plan` still has, with what each read of
    /// `stale` (the rest cannot make it render again), and whether those
    /// are all of them.
    fn pages(&self, plan: &FxHashMap<&str, &PageKind>, stale: &Stale) -> (Ledger, bool) {
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
                let mut targets: BTreeSet<Target> = (reads.iter())
                    .filter(|id| is(&read, id))
                    .filter_map(|id| table.get(*id as usize).cloned())
                    .collect();
                // A page that came at the address of another (a product at
                // an old address whose redirect went) did not read what it
                // is the page of last time: it is new. Only when a page
                // came can one be.
                if stale.keys_changed {
                    targets.extend(kind.subject().filter(|t| stale.targets.contains(t)));
                }
                let reads = Reads::of(
                    targets,
                    weighed
                        .iter()
                        .filter(|id| is(&weighed_marks, id))
                        .filter_map(|id| match table.get(*id as usize) {
                            Some(Target::Product(slug)) => Some(product_number(slug)),
                            _ => None,
                        })
                        .collect(),
                );
                Some(PageRecord {
                    kind: (*kind).clone(),
                    path: path.clone(),
                    reads,
                    hash: 0,
                })
            })
            .collect();
        (Ledger::new(records), complete)
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
pub struct Choice {
    /// Pages to render.
    pub render: Vec<PageKind>,
    /// Pages whose last file may stand, if the output still holds it.
    pub reuse: Vec<PageKind>,
    /// Whether the content is the last build's, item for item: then so is
    /// everything made from it alone, such as the search index.
    pub content_unchanged: bool,
}

impl Choice {
    /// Every page rendered: there is no memo to go by.
    pub fn everything(plan: &[PageKind]) -> Choice {
        Choice {
            render: plan.to_vec(),
            reuse: Vec::new(),
            content_unchanged: false,
        }
    }
}

/// Chooses the pages of `plan` (whose files are `paths`) to render, given
/// the last build's memo and this build's fingerprints.
pub fn choose(memo: &Memo, now: &Fingerprints, plan: &[PageKind], paths: &[String]) -> Choice {
    let by_path: FxHashMap<&str, &PageKind> =
        paths.iter().map(String::as_str).zip(plan.iter()).collect();
    let stale = now.stale_since(&memo.fingerprints());
    let (old, complete) = memo.pages(&by_path, &stale);
    let render = pages_to_render(&old, complete, &stale, plan, &BTreeSet::new());
    let rendered: rustc_hash::FxHashSet<&PageKind> = render.iter().collect();
    let reuse = plan
        .iter()
        .filter(|kind| !rendered.contains(kind))
        .cloned()
        .collect();
    Choice {
        render,
        reuse,
        content_unchanged: !stale.any(),
    }
}

/// Whether `bytes` are the memo already stored.
pub fn same(last: Option<&Memo>, bytes: &[u8]) -> bool {
    last.is_some_and(|m| m.hash == xxhash_rust::xxh3::xxh3_64(bytes))
}
