//! A rebuild of the preview written: the pages whose bytes changed, the
//! picture variants and search files, the static files, and the deletions,
//! in one output update.

use std::collections::BTreeSet;

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use vial_base::diagnostic::Diagnostics;
use vial_images as images;
use vial_output::{Committed, LinkCheck, Output, Removal, Update};
use vial_render::{self as render, Page, PageKind, PageRecord};
use vial_search as search;
use vial_site::config::Config;
use vial_site::load::StaticFile;

use super::one;
use crate::ledger::Ledger;
use crate::write::put_static;

/// What a rebuild writes beside its pages, for the site of `config`:
/// static files to copy (again) and those gone from the sources, image
/// variants to write and those no longer shown, search files that changed
/// and those that went.
pub struct Extras<'a> {
    pub statics: &'a [StaticFile],
    pub gone_statics: &'a [String],
    pub images: &'a images::Plan,
    pub gone_images: BTreeSet<String>,
    pub search: &'a search::Files,
    pub config: &'a Config,
}

/// Writes the rendered pages whose bytes changed, the image variants and
/// the search files, copies the static files, deletes pages that are no
/// longer planned and files no longer part of the site, and updates
/// `records` to match. Returns how many files were written and removed.
pub fn apply(
    output: &mut Output,
    records: &mut Ledger,
    rendered: Vec<Page>,
    plan: &[PageKind],
    extras: Extras<'_>,
) -> Result<Committed, Diagnostics> {
    let links = check_links(extras.config, &rendered);
    let hashes: Vec<u64> = rendered.par_iter().map(Page::hash).collect();
    let changed = changed_pages(&rendered, &hashes, records);
    let unplanned = unplanned_pages(plan, records);
    let deleted = deleted_files(&rendered, &unplanned, records, &extras);
    let update = output.begin().map_err(one)?;
    put_changes(&update, &changed, records, &extras)?;
    let committed = update
        .commit_checked(Removal::Only(&deleted), links)
        .map_err(|f| f.problems)?;
    record_rendered(records, rendered, hashes, &unplanned);
    Ok(committed)
}

/// The link check of a rebuild, with the `rendered` pages scanned.
///
/// Every re-rendered page is checked, changed or not: a link may have
/// lost its target (a static file deleted) without the page changing.
/// Links to pages not rendered again are looked up in what the output
/// will hold once committed (its manifest and this write), not in a list
/// of every planned file made anew on each edit.
fn check_links(config: &Config, rendered: &[Page]) -> LinkCheck {
    let links = LinkCheck::new(
        &config.base_url,
        &config.base_path,
        rendered.iter().map(|p| p.path.as_str()),
    );
    rendered
        .par_iter()
        .filter(|page| page.kind.is_page())
        .for_each(|page| links.scan(&page.path, &page.body.text()));
    links
}

/// The rendered pages whose bytes (`hashes`) or path differ from their
/// record, with their hash.
fn changed_pages<'p>(
    rendered: &'p [Page],
    hashes: &[u64],
    records: &Ledger,
) -> Vec<(&'p Page, u64)> {
    rendered
        .iter()
        .zip(hashes)
        .filter(|(page, hash)| {
            records
                .get(&page.kind)
                .is_none_or(|old| old.path != page.path || old.hash != **hash)
        })
        .map(|(page, hash)| (page, *hash))
        .collect()
}

/// The recorded pages that `plan` no longer has.
fn unplanned_pages(plan: &[PageKind], records: &Ledger) -> Vec<PageKind> {
    let all_planned = plan.par_iter().filter(|k| records.contains(k)).count() == records.len();
    if all_planned {
        return Vec::new();
    }
    let planned: FxHashSet<&PageKind> = plan.iter().collect();
    records
        .kinds()
        .filter(|k| !planned.contains(k))
        .cloned()
        .collect()
}

/// Every file the commit deletes. Pages no longer planned, and pages
/// re-rendered at a new path (a taxonomy's path changed in site.yaml):
/// their old files go; so do static files, image variants and search
/// files no longer part of the site.
fn deleted_files(
    rendered: &[Page],
    unplanned: &[PageKind],
    records: &Ledger,
    extras: &Extras,
) -> Vec<String> {
    let moved = rendered.iter().filter_map(|page| {
        let old = records.get(&page.kind)?;
        (old.path != page.path).then_some(&old.path)
    });
    unplanned
        .iter()
        .filter_map(|k| records.get(k))
        .map(|r| &r.path)
        .chain(moved)
        .chain(extras.gone_statics)
        .chain(&extras.gone_images)
        .chain(&extras.search.removed)
        .cloned()
        .collect()
}

/// Puts the `changed` pages, the image variants, the search files that
/// changed and the static files no page of `records` stands on.
fn put_changes(
    update: &Update,
    changed: &[(&Page, u64)],
    records: &Ledger,
    extras: &Extras,
) -> Result<(), Diagnostics> {
    // The preview's renderer keeps its entries (`Fragments`): no page of
    // it is made again as it is written.
    debug_assert!(
        changed
            .iter()
            .all(|(p, _)| !matches!(p.body, render::Body::Made(_)))
    );
    changed
        .par_iter()
        .for_each(|(page, hash)| update.put_pieces(&page.path, &page.body.pieces(), *hash));
    extras
        .images
        .process(|path, bytes| update.put(path, bytes))?;
    extras
        .search
        .changed
        .par_iter()
        .for_each(|(path, bytes)| update.put(path, bytes));
    // A page owns its path, as in a clean build (where pages go first).
    extras
        .statics
        .iter()
        .filter(|f| !records.holds(&f.target().to_string_lossy()))
        .for_each(|f| put_static(update, f, extras.config.minify));
    Ok(())
}

/// Updates `records` to the `rendered` pages, without the `unplanned`
/// ones. Freeing what the last build knew of every page (their reads) and
/// the new pages' HTML is much of a template edit's commit: another thread
/// does it, after the summary line.
fn record_rendered(
    records: &mut Ledger,
    rendered: Vec<Page>,
    hashes: Vec<u64>,
    unplanned: &[PageKind],
) {
    let mut garbage: Vec<PageRecord> = Vec::with_capacity(rendered.len());
    let mut html = Vec::with_capacity(rendered.len());
    garbage.extend(unplanned.iter().filter_map(|k| records.remove(k)));
    for (page, hash) in rendered.into_iter().zip(hashes) {
        let record = PageRecord {
            hash,
            kind: page.kind,
            path: page.path,
            reads: page.reads,
        };
        html.push(page.body);
        garbage.extend(records.insert(record));
    }
    std::thread::spawn(move || drop((garbage, html)));
}
