//! Rebuilds that redo only what a change touches, for `vial serve`.
//!
//! A `Session` keeps the last good build in memory: the parsed sources, the
//! model, the links and every page with the content it read. On a change it
//! re-parses only the changed files, rebuilds the model and links (cheap,
//! and exact), works out which targets differ from the last build, and
//! re-renders just the pages that read one of them, plus pages that appear.
//! Files whose bytes did not change are not rewritten; pages that no longer
//! exist are deleted. The search index is brought up to date in the same
//! write (records that did not change keep their scored words), so a page
//! and the index it searches are always of the same build. The output
//! equals a clean `vial build`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::path::{Path, PathBuf};

pub(crate) mod memo;
mod pages;

use crate::{
    BuildOptions, Written, commit_site, read_config, render_site, validate, validate_fresh,
};
use pages::Pages;
use vial_base::diagnostic::Diagnostics;
use vial_base::progress::{Progress, Stage};
use vial_images as images;
use vial_output::{Committed, LinkCheck, Output, Removal};
use vial_render::{self as render, Page, PageKind, PageRecord, Renderer, Theme, product_number};
use vial_search as search;
use vial_site::config::{CONFIG_FILE, Config};
use vial_site::link::{Links, Target};
use vial_site::load::{Reloaded, Sources, StaticFile, TemplateChange};
use vial_site::model::Site;

/// What one rebuild did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rebuild {
    /// Everything was re-rendered (first build, site.yaml or a template).
    pub full: bool,
    /// Pages rendered.
    pub rendered: usize,
    /// Output files whose bytes changed, written.
    pub written: usize,
    /// Output files deleted.
    pub removed: usize,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
}

struct LastGood {
    config: Config,
    sources: Sources,
    theme: Theme,
    site: Site,
    links: Links,
    /// Every page of the last good build.
    pages: Pages,
    /// Every image variant of the last good build, by output path.
    images: BTreeSet<String>,
    /// The output folder, with what vial wrote into it.
    output: Output,
    /// The search index of the last good build.
    search: search::Index,
    /// Pieces of its pages that the next rebuild may take over.
    fragments: render::Fragments,
    /// What changed since the last good build: kept across failed rebuilds,
    /// so a template saved while a product was broken still applies.
    pending: Reloaded,
}

/// A site kept in memory between rebuilds.
pub struct Session {
    options: BuildOptions,
    last: Option<LastGood>,
}

impl Session {
    pub fn new(options: BuildOptions) -> Self {
        Self {
            options,
            last: None,
        }
    }

    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// The output folder of the last good build.
    pub fn output_dir(&self) -> Option<&Path> {
        self.last.as_ref().map(|l| l.config.output_dir.as_path())
    }

    /// Builds everything from scratch and brings the output up to date.
    pub fn build(&mut self) -> Result<Rebuild, Diagnostics> {
        // The last output's manifest lands before a new one is opened.
        self.settle();
        let config = read_config(&self.options)?;
        let mut sources = Sources::load(&config);
        let (theme, site, links, warnings) =
            validate_keeping(&config, &mut sources, self.options.drafts)?;
        let mut output =
            Output::open(&config.root, &config.output_dir, self.options.force).map_err(one)?;
        output.keep_spares();
        let fragments = render::Fragments::default();
        let renderer = Renderer::new(&site, &links, &theme, &sources.templates).keeping(&fragments);
        let images = images::plan(&site);
        let Written {
            kept: pages,
            files,
            search: (mut index, search),
            ..
        } = render_site(
            &mut output,
            &renderer,
            &render::plan(&site),
            &[],
            &images,
            |put| search::Index::build(&site, &theme.strings, put),
            &sources.static_files,
            &Progress::default(),
            Page::record,
        )
        .and_then(|rendered| commit_site(rendered, &Progress::default()))
        .map_err(|f| f.problems)?;
        index.written(search);
        let rendered = pages.len();
        drop(renderer);
        self.last = Some(LastGood {
            search: index,
            fragments,
            pages: Pages::new(pages),
            images: images.paths(),
            output,
            config,
            sources,
            theme,
            site,
            links,
            pending: Reloaded::default(),
        });
        Ok(Rebuild {
            full: true,
            rendered,
            written: files.written,
            removed: files.removed,
            warnings: {
                let mut warnings = warnings;
                warnings.extend(files.left.0);
                warnings
            },
        })
    }

    /// Rebuilds after `changed` paths (absolute or relative to the root).
    /// On error the previous output stays as it was and the errors come back;
    /// the next call starts from the last good build again.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Rebuild, Diagnostics> {
        let rebuilt = self.rebuild_observed(changed, &Progress::default());
        self.settle();
        rebuilt
    }

    /// Waits for what a rebuild writes after it returns (the manifest).
    pub fn settle(&mut self) {
        if let Some(last) = self.last.as_mut() {
            last.output.settle();
        }
    }

    /// `rebuild`, telling `progress` what it is doing.
    pub fn rebuild_observed(
        &mut self,
        changed: &[PathBuf],
        progress: &Progress,
    ) -> Result<Rebuild, Diagnostics> {
        let root = self.options.root.clone();
        let changed: Vec<PathBuf> = changed
            .iter()
            .map(|p| {
                p.strip_prefix(&root)
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|_| p.clone())
            })
            .collect();
        let Some(last) = self.last.as_mut() else {
            return self.build();
        };
        if changed
            .iter()
            .any(|p| p == Path::new(CONFIG_FILE) || p.as_os_str().is_empty())
        {
            return self.rebuild_all();
        }
        let statics_before = static_targets(&last.sources.static_files);
        // Changes a failed rebuild read in are still to be applied.
        let reloaded = progress.time(Stage::Load, || {
            std::mem::take(&mut last.pending).and(last.sources.reload(&last.config, &changed))
        });
        if reloaded == Default::default() {
            return Ok(Rebuild::default());
        }
        last.pending = reloaded.clone();
        let reuse = (!reloaded.templates.any()).then_some(&last.theme);
        // The search index is brought up to date while the links are
        // checked: the link stage leaves a core idle.
        let search_index = &mut last.search;
        let checked = validate(
            &last.config,
            &mut last.sources,
            false,
            self.options.drafts,
            reuse,
            Some((&last.site, &last.links)),
            progress,
            |site, strings| progress.time(Stage::Search, || search_index.update(site, strings)),
        )?;
        let (new_theme, site, links, warnings) =
            (checked.theme, checked.site, checked.links, checked.warnings);
        let plan = render::plan(&site);
        let dirty = progress.time(Stage::Changes, || {
            touched_pages(last, (&site, &links), &plan, &reloaded.templates)
        });
        if new_theme.is_some() {
            last.fragments.theme_changed();
        }
        let theme = new_theme.as_ref().unwrap_or(&last.theme);
        let (rendered, search) = rayon::join(
            || {
                progress.time(Stage::Render, || {
                    Renderer::new(&site, &links, theme, &last.sources.templates)
                        .keeping(&last.fragments)
                        .render(&dirty)
                })
            },
            || match checked.beside {
                Some(search) => search,
                None => progress.time(Stage::Search, || last.search.update(&site, &theme.strings)),
            },
        );
        let rendered = rendered?;
        let statics: &[StaticFile] = if reloaded.static_files {
            &last.sources.static_files
        } else {
            &[]
        };
        // A deleted static file goes from the output too, unless a page
        // takes its place.
        let statics_now = static_targets(&last.sources.static_files);
        let gone: Vec<String> = statics_before
            .difference(&statics_now)
            .filter(|path| !last.pages.holds(path))
            .cloned()
            .collect();
        // Variants are named by their bytes: only new names need writing.
        let images = progress.time(Stage::Images, || images::plan(&site));
        let image_paths = images.paths();
        let committed = progress.time(Stage::Commit, || {
            apply(
                &mut last.output,
                &mut last.pages,
                rendered,
                &plan,
                Extras {
                    statics,
                    gone_statics: &gone,
                    images: &images.without(&last.images),
                    gone_images: &last.images - &image_paths,
                    search: &search,
                    config: &last.config,
                },
            )
        })?;
        last.images = image_paths;
        last.search.written(search);
        if let Some(theme) = new_theme {
            last.theme = theme;
        }
        let old_site = std::mem::replace(&mut last.site, site);
        let old_links = std::mem::replace(&mut last.links, links);
        // Freeing a whole site model takes a while; the browser need not
        // wait for it.
        std::thread::spawn(move || drop((old_site, old_links)));
        last.pending = Reloaded::default();
        let mut warnings = warnings;
        warnings.extend(committed.left.0);
        Ok(Rebuild {
            full: dirty.len() == plan.len(),
            rendered: dirty.len(),
            written: committed.written,
            removed: committed.removed,
            warnings,
        })
    }

    /// site.yaml changed: everything may differ (theme, output, specs).
    fn rebuild_all(&mut self) -> Result<Rebuild, Diagnostics> {
        let config = read_config(&self.options)?;
        if self.output_dir() != Some(config.output_dir.as_path()) {
            return self.build();
        }
        let mut sources = Sources::load(&config);
        let (theme, site, links, warnings) =
            validate_keeping(&config, &mut sources, self.options.drafts)?;
        let plan = render::plan(&site);
        let fragments = render::Fragments::default();
        let rendered = Renderer::new(&site, &links, &theme, &sources.templates)
            .keeping(&fragments)
            .render(&plan)?;
        let Some(last) = self.last.as_mut() else {
            return self.build();
        };
        let search = last.search.update(&site, &theme.strings);
        let planned: BTreeSet<String> = rendered.iter().map(|p| p.path.clone()).collect();
        let gone: Vec<String> = static_targets(&last.sources.static_files)
            .difference(&static_targets(&sources.static_files))
            .filter(|path| !planned.contains(*path))
            .cloned()
            .collect();
        let images = images::plan(&site);
        let image_paths = images.paths();
        let committed = apply(
            &mut last.output,
            &mut last.pages,
            rendered,
            &plan,
            Extras {
                statics: &sources.static_files,
                gone_statics: &gone,
                images: &images,
                gone_images: &last.images - &image_paths,
                search: &search,
                config: &config,
            },
        )?;
        last.images = image_paths;
        last.search.written(search);
        last.config = config;
        last.sources = sources;
        last.theme = theme;
        last.site = site;
        last.links = links;
        last.fragments = fragments;
        last.pending = Reloaded::default();
        let mut warnings = warnings;
        warnings.extend(committed.left.0);
        Ok(Rebuild {
            full: true,
            rendered: plan.len(),
            written: committed.written,
            removed: committed.removed,
            warnings,
        })
    }
}

/// The pages of `plan` to render again: new ones, those whose template
/// changed, and those that read something that differs between `last`
/// and `now`.
fn touched_pages(
    last: &LastGood,
    (site, links): (&Site, &Links),
    plan: &[PageKind],
    templates: &TemplateChange,
) -> Vec<PageKind> {
    let templates = match templates {
        TemplateChange::Unchanged => Default::default(),
        TemplateChange::Only(names) => match render::dependents(&last.sources.templates, names) {
            Some(templates) => templates,
            None => return plan.to_vec(),
        },
        TemplateChange::All => return plan.to_vec(),
    };
    // Worked out only when pages are chosen by what they read, not when
    // every page renders again.
    let stale = stale_targets(&last.site, site, &last.links, links);
    pages_to_render(&last.pages, true, &stale, plan, &templates)
}

/// The pages of `plan` to render again, given the pages of the last build
/// (`old`, with what each read), what differs since (`stale`) and the
/// templates that changed. `complete` says whether `old` holds every page
/// of the last build, or only those still planned (a memo's).
fn pages_to_render(
    old: &Pages,
    complete: bool,
    stale: &Stale,
    plan: &[PageKind],
    templates: &BTreeSet<String>,
) -> Vec<PageKind> {
    let embeds = render::EMBED_PARTIALS
        .iter()
        .any(|p| templates.contains(*p));
    let uses_changed = |kind: &PageKind| {
        kind.template().is_some_and(|t| templates.contains(t)) || (embeds && kind.may_embed())
    };
    // The plan follows from the site's members and the length of each list
    // (a category's, a term's): when none of them changed, it is the last
    // build's, and the index names the pages that read what changed.
    let same_plan = templates.is_empty()
        && complete
        && !stale.keys_changed
        && plan.len() == old.len()
        && !stale
            .targets
            .iter()
            .any(|t| matches!(t, Target::Category(_) | Target::Term(..)));
    if same_plan {
        let mut touched: Vec<PageKind> = old
            .reading(stale.targets.iter(), stale.reranked.iter())
            .chain(plan.iter().filter(|kind| match kind {
                // Files that do not list what they read.
                PageKind::Sitemap
                | PageKind::SitemapIndex
                | PageKind::SitemapPart(_)
                | PageKind::Feed(_) => stale.listed_by_date,
                PageKind::Products(_) => stale.order_changed,
                kind if lists_guides_by_date(kind) => stale.guides_listed,
                kind => kind.reads_everything() && stale.any(),
            }))
            .cloned()
            .collect();
        touched.sort_unstable();
        touched.dedup();
        return touched;
    }
    let reranked: Vec<u64> = stale.reranked.iter().map(|p| product_number(p)).collect();
    plan.par_iter()
        .filter(|kind| match old.get(kind) {
            None => true,
            Some(_) if uses_changed(kind) => true,
            // Made from site.yaml alone, whose changes rebuild everything.
            Some(_) if **kind == PageKind::Robots => false,
            // Every page, with its date.
            Some(_)
                if matches!(
                    kind,
                    PageKind::Sitemap | PageKind::SitemapIndex | PageKind::SitemapPart(_)
                ) =>
            {
                stale.listed_by_date
                    || stale.keys_changed
                    || !complete
                    || plan.len() != old.len()
                    || plan.iter().any(|k| !old.contains(k))
            }
            // The newest entries: which they are, and what they show.
            Some(page) if matches!(kind, PageKind::Feed(_)) => {
                stale.listed_by_date || page.reads.any_of(&stale.targets, &reranked)
            }
            // The exports list everything.
            Some(_) if kind.reads_everything() => stale.any(),
            Some(page) => {
                (stale.keys_changed && is_index(kind))
                    || (stale.order_changed && matches!(kind, PageKind::Products(_)))
                    || (stale.guides_listed && lists_guides_by_date(kind))
                    || page.reads.any_of(&stale.targets, &reranked)
            }
        })
        .cloned()
        .collect()
}

/// `validate_fresh` for the preview, which keeps the parsed sources for
/// its next rebuild.
fn validate_keeping(
    config: &Config,
    sources: &mut Sources,
    drafts: bool,
) -> Result<(Theme, Site, Links, Diagnostics), Diagnostics> {
    validate_fresh(config, sources, false, drafts, &Progress::default())
}

fn one(d: vial_base::diagnostic::Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}

/// What a rebuild writes beside its pages, for the site of `config`:
/// static files to copy (again) and those gone from the sources, image
/// variants to write and those no longer shown, search files that changed
/// and those that went.
struct Extras<'a> {
    statics: &'a [StaticFile],
    gone_statics: &'a [String],
    images: &'a images::Plan,
    gone_images: BTreeSet<String>,
    search: &'a search::Files,
    config: &'a Config,
}

/// Writes the rendered pages whose bytes changed, the image variants and
/// the search files, copies the static files, deletes pages that are no
/// longer planned and files no longer part of the site, and updates
/// `records` to match. Returns how many files were written and removed.
fn apply(
    output: &mut Output,
    records: &mut Pages,
    rendered: Vec<Page>,
    plan: &[PageKind],
    extras: Extras<'_>,
) -> Result<Committed, Diagnostics> {
    let Extras {
        statics,
        gone_statics,
        images,
        gone_images,
        search,
        config,
    } = extras;
    // Every re-rendered page is checked, changed or not: a link may have
    // lost its target (a static file deleted) without the page changing.
    // Links to pages not rendered again are looked up in what the output
    // will hold once committed (its manifest and this write), not in a
    // list of every planned file made anew on each edit.
    let links = LinkCheck::new(
        &config.base_url,
        &config.base_path,
        rendered.iter().map(|p| p.path.as_str()),
    );
    rendered
        .par_iter()
        .filter(|page| page.kind.is_page())
        .for_each(|page| links.scan(&page.path, &page.body.text()));
    let hashes: Vec<u64> = rendered.par_iter().map(Page::hash).collect();
    let changed: Vec<(&Page, u64)> = rendered
        .iter()
        .zip(&hashes)
        .filter(|(page, hash)| {
            records
                .get(&page.kind)
                .is_none_or(|old| old.path != page.path || old.hash != **hash)
        })
        .map(|(page, hash)| (page, *hash))
        .collect();
    // Pages no longer planned, and pages re-rendered at a new path (a
    // taxonomy's path changed in site.yaml): their old files go.
    let all_planned = plan.par_iter().filter(|k| records.contains(k)).count() == records.len();
    let unplanned: Vec<PageKind> = if all_planned {
        Vec::new()
    } else {
        let planned: FxHashSet<&PageKind> = plan.iter().collect();
        records
            .kinds()
            .filter(|k| !planned.contains(k))
            .cloned()
            .collect()
    };
    let moved = rendered.iter().filter_map(|page| {
        let old = records.get(&page.kind)?;
        (old.path != page.path).then(|| old.path.clone())
    });
    let removed: Vec<String> = unplanned
        .iter()
        .filter_map(|k| records.get(k))
        .map(|r| r.path.clone())
        .chain(moved)
        .collect();
    let deleted: Vec<String> = removed
        .iter()
        .chain(gone_statics)
        .chain(&gone_images)
        .chain(&search.removed)
        .cloned()
        .collect();
    let update = output.begin().map_err(one)?;
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
    images.process(|path, bytes| update.put(path, bytes))?;
    search
        .changed
        .par_iter()
        .for_each(|(path, bytes)| update.put(path, bytes));
    // A page owns its path, as in a clean build (where pages go first).
    statics
        .iter()
        .filter(|f| !records.holds(&f.target().to_string_lossy()))
        .for_each(|f| crate::put_static(&update, f, config.minify));
    let committed = update
        .commit_checked(Removal::Only(&deleted), links)
        .map_err(|f| f.problems)?;
    // Freeing what the last build knew of 10,000 pages (their reads) and
    // the new pages' HTML took half of a template edit's commit: another
    // thread does it, after the summary line.
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
    Ok(committed)
}

/// Output paths of static files, `/`-separated like page paths.
fn static_targets(files: &[StaticFile]) -> BTreeSet<String> {
    files
        .iter()
        .map(|f| f.target().to_string_lossy().replace('\\', "/"))
        .collect()
}

/// Pages that list members of a kind: they change when a member appears or
/// goes, even if they read nothing that changed.
fn is_index(kind: &PageKind) -> bool {
    matches!(
        kind,
        PageKind::Home
            | PageKind::Products(_)
            | PageKind::Categories
            | PageKind::Guides(_)
            | PageKind::Taxonomy(_)
            | PageKind::CompareIndex
            | PageKind::Routine
    )
}

/// Pages that show guides newest first: which guides they show depends on
/// every guide's date and title (`Stale::guides_listed`).
fn lists_guides_by_date(kind: &PageKind) -> bool {
    matches!(kind, PageKind::Home | PageKind::Guides(_))
}

impl Stale {
    /// Nothing stale yet; `order_changed` as given.
    fn new(order_changed: bool) -> Stale {
        Stale {
            targets: BTreeSet::new(),
            reranked: BTreeSet::new(),
            keys_changed: false,
            order_changed,
            listed_by_date: false,
            guides_listed: false,
        }
    }

    /// Whether anything a page can show changed.
    fn any(&self) -> bool {
        !self.targets.is_empty() || self.keys_changed || self.order_changed
    }
}

struct Stale {
    targets: BTreeSet<Target>,
    /// Products that rank differently as similar products: they appeared,
    /// went, or changed what ranks them (`similar::same_ranking`).
    reranked: BTreeSet<String>,
    /// A product, category, guide or term appeared or went away.
    keys_changed: bool,
    /// The product list's order changed (a product was renamed).
    order_changed: bool,
    /// What the feeds choose their newest entries by, or the sitemap's
    /// dates, changed: a product's name or `updated` date, a guide's title
    /// or dates; or a product or guide appeared or went.
    listed_by_date: bool,
    /// What the guide lists are ordered by changed: a guide's title or
    /// dates. (A guide that appears or goes changes the keys.) The lists
    /// watch this instead of reading every guide: at 20,000 guides, each of
    /// `/guides/`'s pages reading all of them made the memo grow with the
    /// square of the guides.
    guides_listed: bool,
}

/// What differs between two builds, as link targets.
fn stale_targets(old: &Site, new: &Site, old_links: &Links, new_links: &Links) -> Stale {
    let mut stale = Stale::new(old.product_order != new.product_order);
    diff_map(
        &old.products,
        &new.products,
        Target::Product,
        same_arc,
        &mut stale,
    );
    stale.listed_by_date = stale.targets.iter().any(|t| match t {
        Target::Product(slug) => match (old.products.get(slug), new.products.get(slug)) {
            (Some(a), Some(b)) => (&a.name, &a.updated) != (&b.name, &b.updated),
            _ => true,
        },
        _ => false,
    });
    stale.reranked = stale
        .targets
        .iter()
        .filter_map(|t| match t {
            Target::Product(slug) => Some(slug),
            _ => None,
        })
        .filter(
            |slug| match (old.products.get(*slug), new.products.get(*slug)) {
                (Some(a), Some(b)) => !render::similar::same_ranking(a, b),
                _ => true,
            },
        )
        .cloned()
        .collect();
    diff_map(
        &old.categories,
        &new.categories,
        Target::Category,
        PartialEq::eq,
        &mut stale,
    );
    diff_map(
        &old.guides,
        &new.guides,
        Target::Guide,
        same_arc,
        &mut stale,
    );
    stale.guides_listed = stale.targets.iter().any(|t| match t {
        Target::Guide(slug) => match (old.guides.get(slug), new.guides.get(slug)) {
            (Some(a), Some(b)) => {
                (&a.title, &a.date, &a.updated) != (&b.title, &b.date, &b.updated)
            }
            _ => true,
        },
        _ => false,
    });
    stale.listed_by_date |= stale.guides_listed;
    diff_map(
        &old.verdicts,
        &new.verdicts,
        Target::Compare,
        same_arc,
        &mut stale,
    );
    let empty = BTreeMap::new();
    // The model hands the taxonomies over as they were while no terms
    // changed: then none differs, and comparing their product lists (tens
    // of thousands of slugs) would only say so.
    let keys: BTreeSet<&String> = if Arc::ptr_eq(&old.taxonomies, &new.taxonomies) {
        BTreeSet::new()
    } else {
        old.taxonomies
            .by_key
            .keys()
            .chain(new.taxonomies.by_key.keys())
            .collect()
    };
    for key in keys {
        let a = old.taxonomies.by_key.get(key).unwrap_or(&empty);
        let b = new.taxonomies.by_key.get(key).unwrap_or(&empty);
        diff_map(
            a,
            b,
            |slug| Target::Term(key.clone(), slug),
            PartialEq::eq,
            &mut stale,
        );
    }
    // A page's backlinks are part of it (unless no mention changed at all).
    if Arc::ptr_eq(&old_links.backlinks, &new_links.backlinks) {
        return stale;
    }
    let keys: BTreeSet<&Target> = old_links
        .backlinks
        .keys()
        .chain(new_links.backlinks.keys())
        .collect();
    for target in keys {
        if old_links.backlinks.get(target) != new_links.backlinks.get(target) {
            stale.targets.insert(target.clone());
        }
    }
    stale
}

/// The maps of the model `diff_map` compares: values by slug.
trait BySlug<V> {
    fn entries<'a>(&'a self) -> impl Iterator<Item = (&'a String, &'a V)>
    where
        V: 'a;
    fn find(&self, slug: &str) -> Option<&V>;
}

/// Both maps look up and list the same way; only their types differ.
macro_rules! by_slug {
    ($map:ty) => {
        impl<V> BySlug<V> for $map {
            fn entries<'a>(&'a self) -> impl Iterator<Item = (&'a String, &'a V)>
            where
                V: 'a,
            {
                self.iter()
            }
            fn find(&self, slug: &str) -> Option<&V> {
                self.get(slug)
            }
        }
    };
}

by_slug!(BTreeMap<String, V>);
by_slug!(vial_site::model::ProductMap<V>);

fn diff_map<V>(
    old: &impl BySlug<V>,
    new: &impl BySlug<V>,
    target: impl Fn(String) -> Target,
    same: fn(&V, &V) -> bool,
    stale: &mut Stale,
) {
    for (slug, value) in old.entries() {
        match new.find(slug) {
            Some(v) if same(v, value) => {}
            Some(_) => {
                stale.targets.insert(target(slug.clone()));
            }
            None => {
                stale.keys_changed = true;
                stale.targets.insert(target(slug.clone()));
            }
        }
    }
    for (slug, _) in new.entries().filter(|(s, _)| old.find(s).is_none()) {
        stale.keys_changed = true;
        stale.targets.insert(target(slug.clone()));
    }
}

/// Products and guides taken over unchanged share their `Arc`.
fn same_arc<T: PartialEq>(a: &Arc<T>, b: &Arc<T>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}
