//! Rendering a site into the output and putting it in place: the pages,
//! the search index's files (made while the pages render), the picture
//! variants and the static files all go out in one output update, checked
//! for dead links before it is committed.

use std::borrow::Cow;
use std::collections::BTreeSet;

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use vial_base::diagnostic::Diagnostics;
use vial_base::progress::{Progress, Stage};
use vial_images as images;
use vial_output::{Committed, LinkCheck, Output, Removal, Update};
use vial_render::{Body, Page, PageKind, Renderer};
use vial_search as search;
use vial_site::config::Config;
use vial_site::load::StaticFile;

use crate::BuildFailure;
use crate::languages::Language;

/// What a site is rendered from, besides its renderer.
pub struct Rendering<'a, 'r, 'o> {
    pub renderer: &'a Renderer<'r>,
    /// Every page of the site.
    pub plan: &'a [PageKind],
    /// Pages not rendered if the output still holds the file the last
    /// build wrote for them.
    pub reuse: &'a [PageKind],
    /// The site's other languages, rendered whole into the same update.
    pub others: &'a [Language<'o>],
    pub images: &'a images::Plan,
    pub statics: &'a [StaticFile],
    /// Whether the last build's search index may stand: nothing it was
    /// made from changed (`memo::Choice::content_unchanged`).
    pub index_may_stand: bool,
}

/// What becomes of the search index the last build wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastIndex {
    /// Its files stand, every one as written: the index is not made.
    Stands,
    /// The index is made, and its files replace the last one's.
    Replaced,
}

/// A site rendered into an output update not yet committed
/// (`render_site`, then `commit_site`).
pub struct Staged<'o, T, S> {
    update: Update<'o>,
    links: LinkCheck,
    kept: Vec<T>,
    reused: Vec<String>,
    images: images::Work,
    search: S,
}

/// What `render_site` and `commit_site` did.
pub struct Outcome<T, S> {
    /// What the caller kept of each page rendered.
    pub kept: Vec<T>,
    /// The output paths of the pages not rendered, whose last file stands.
    pub reused: Vec<String>,
    pub images: images::Work,
    pub files: Committed,
    /// What `search` returned: the index, for a caller that keeps it.
    pub search: S,
}

/// Renders the site of `what` into `output`, with the image variants, the
/// search index's files (made by `search` while the pages render) and the
/// static files, replacing the last build's files; `search` is told
/// whether the last index stands. `keep` turns each page and the hash of
/// its bytes into what the caller keeps of it. The files are staged:
/// `commit_site` puts them in place, once the caller has let go of what
/// it no longer needs (a build drops the model first).
pub fn render_site<'o, T: Send, S: Send>(
    output: &'o mut Output,
    what: &Rendering,
    search: impl FnOnce(&search::Put<'_>, LastIndex) -> S + Send,
    progress: &Progress,
    keep: impl Fn(Page, u64) -> T + Sync,
) -> Result<Staged<'o, T, S>, BuildFailure> {
    let update = output.begin().map_err(Diagnostics::from)?;
    let renderer = what.renderer;
    let config = renderer.config();
    let links = link_check(config, what.plan, what.others, what.statics, what.images);
    let reused: Vec<(&PageKind, String)> = what
        .reuse
        .par_iter()
        .map(|kind| (kind, vial_render::page_file(kind, config)))
        .filter(|(_, path)| update.keep(path))
        .collect();
    // The index is made from the content, the strings and site.yaml
    // alone: with the content unchanged (the rest is the memo's key), it
    // would come out byte for byte as the last one. Making it whole was
    // a build's critical path when no page changed (bench/README.md).
    let index_stands = what.index_may_stand && {
        // A static file in the index's folder is the site's, put below.
        let statics = static_targets(what.statics);
        update.keep_folder(search::DIR, |path| statics.contains(path))
    };
    let last_index = if index_stands {
        LastIndex::Stands
    } else {
        LastIndex::Replaced
    };
    let to_render = still_to_render(what.plan, &reused);
    let others: usize = what.others.iter().map(|l| l.plan.len()).sum();
    progress.rendering(to_render.len() + others);
    let render = |renderer: &Renderer, plan: &[PageKind]| {
        renderer.render_each(plan, |page| {
            let hash = page.hash();
            put_page(&update, renderer, &page, hash);
            if page.kind.is_page() {
                links.scan(&page.path, &page.body.text());
            }
            progress.rendered_one();
            Ok(keep(page, hash))
        })
    };
    let (pages, search) = rayon::join(
        || {
            progress.time(Stage::Render, || {
                let mut kept = render(renderer, &to_render);
                // Every language's problems come back together.
                for language in what.others {
                    kept = match (kept, render(&language.renderer, &language.plan)) {
                        (Ok(mut kept), Ok(more)) => {
                            kept.extend(more);
                            Ok(kept)
                        }
                        (kept, more) => Err(Diagnostics(
                            kept.err().into_iter().chain(more.err()).flatten().collect(),
                        )
                        .sorted()),
                    };
                }
                kept
            })
        },
        || {
            // Each file of the index goes to the output as soon as it is
            // made: none of them need wait in memory.
            progress.time(Stage::Search, || {
                search(
                    &|path, bytes, hash| update.put_hashed(path, bytes, hash),
                    last_index,
                )
            })
        },
    );
    // Image problems are reported with template problems, not after them.
    let work = progress.time(Stage::Images, || {
        what.images.process(|path, bytes| update.put(path, bytes))
    });
    let (kept, work) = match (pages, work) {
        (Ok(kept), Ok(work)) => (kept, work),
        (pages, work) => {
            let mut problems = Diagnostics::default();
            problems.extend(pages.err().into_iter().flatten());
            problems.extend(work.err().into_iter().flatten());
            return Err(BuildFailure {
                problems: problems.sorted(),
                previous: update.previous(),
            });
        }
    };
    what.statics
        .par_iter()
        .for_each(|f| put_static(&update, f, config.minify));
    Ok(Staged {
        update,
        links,
        kept,
        reused: reused.into_iter().map(|(_, path)| path).collect(),
        images: work,
        search,
    })
}

/// The pages of `plan` but those `reused`.
fn still_to_render(plan: &[PageKind], reused: &[(&PageKind, String)]) -> Vec<PageKind> {
    if reused.is_empty() {
        return plan.to_vec();
    }
    let reused: FxHashSet<&PageKind> = reused.iter().map(|(kind, _)| *kind).collect();
    plan.iter()
        .filter(|kind| !reused.contains(kind))
        .cloned()
        .collect()
}

/// Checks the links of a `render_site` and puts its files in place.
pub fn commit_site<T, S>(
    staged: Staged<'_, T, S>,
    progress: &Progress,
) -> Result<Outcome<T, S>, BuildFailure> {
    let Staged {
        update,
        links,
        kept,
        reused,
        images,
        search,
    } = staged;
    let committed = progress
        .time(Stage::Commit, || {
            update.commit_checked(Removal::Unwritten, links)
        })
        .map_err(|f| BuildFailure {
            problems: f.problems,
            previous: f.previous,
        })?;
    Ok(Outcome {
        kept,
        reused,
        images,
        files: committed,
        search,
    })
}

/// Hands a rendered page to the output. A file made again as it is
/// written (`Body::Made`) is made by `renderer`.
fn put_page(update: &Update, renderer: &Renderer, page: &Page, hash: u64) {
    match &page.body {
        Body::Made(_) => update.put_made(&page.path, &|write| renderer.make_again(write), hash),
        body => update.put_pieces(&page.path, &body.pieces(), hash),
    }
}

/// Output paths of static files, `/`-separated like page paths.
pub fn static_targets(files: &[StaticFile]) -> BTreeSet<String> {
    files
        .iter()
        .map(|f| f.target().to_string_lossy().replace('\\', "/"))
        .collect()
}

/// Hands a static file to the output, unless a page of the build already
/// has its path (pages win).
pub fn put_static(update: &Update, file: &StaticFile, minify: bool) {
    let path = file.target().to_string_lossy().replace('\\', "/");
    if update.has(&path) {
        return;
    }
    match file.read() {
        Ok(bytes) => update.put(&path, &published(&path, bytes, minify)),
        Err(e) => {
            let source = match file {
                StaticFile::Disk { from, .. } => from.clone(),
                StaticFile::Builtin { to, .. } => to.clone(),
            };
            update.unreadable(source, e);
        }
    }
}

/// A static file's bytes as published: minified with `--minify`.
#[cfg(feature = "minify")]
fn published<'b>(path: &str, bytes: Cow<'b, [u8]>, minify: bool) -> Cow<'b, [u8]> {
    if minify {
        vial_minify::asset(path, bytes)
    } else {
        bytes
    }
}

/// A static file's bytes as published (`--minify` is refused in a vial
/// built without it).
#[cfg(not(feature = "minify"))]
fn published<'b>(_: &str, bytes: Cow<'b, [u8]>, _: bool) -> Cow<'b, [u8]> {
    bytes
}

/// A dead-link check that knows the files a build of `plan` (and of
/// `others`, the site's other languages) writes; links are read from the
/// site's root, which every language shares.
pub fn link_check(
    config: &Config,
    plan: &[PageKind],
    others: &[Language],
    statics: &[StaticFile],
    images: &images::Plan,
) -> LinkCheck {
    let image_files = images.paths();
    let mut files: Vec<String> = plan
        .par_iter()
        .map(|kind| vial_render::page_file(kind, config))
        .collect();
    for language in others {
        let config = language.renderer.config();
        files.par_extend(
            language
                .plan
                .par_iter()
                .map(|kind| vial_render::page_file(kind, config)),
        );
    }
    files.extend(
        statics
            .iter()
            .map(|f| f.target().to_string_lossy().replace('\\', "/")),
    );
    LinkCheck::new(
        &config.root_url,
        &config.root_path,
        files.iter().chain(&image_files).map(String::as_str),
    )
}
