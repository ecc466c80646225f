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

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod apply;

use apply::{Extras, apply};
use vial_base::diagnostic::Diagnostics;
use vial_base::progress::{Progress, Stage};
use vial_images as images;
use vial_output::{Committed, Output};
use vial_render::{self as render, Fragments, Page, PageKind, Renderer, Theme};
use vial_search as search;
use vial_site::config::{CONFIG_FILE, Config};
use vial_site::link::Links;
use vial_site::load::{Reloaded, Sources, StaticFile, TemplateChange};
use vial_site::model::{Redirect, Site};

use crate::BuildOptions;
use crate::changes::{pages_to_render, stale_targets};
use crate::ledger::Ledger;
use crate::pipeline::{self, Preview, Previewed, Run};
use crate::renames::{self, Keeping, Renames};
use crate::validate::{Checked, Entries, Validation, follow_renames, validate, validate_fresh};
use crate::write::static_targets;

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
    pages: Ledger,
    /// Every image variant of the last good build, by output path.
    images: BTreeSet<String>,
    /// The output folder, with what vial wrote into it.
    output: Output,
    /// The search index of the last good build.
    search: search::Index,
    /// Pieces of its pages that the next rebuild may take over.
    fragments: Fragments,
    /// What changed since the last good build: kept across failed rebuilds,
    /// so a template saved while a product was broken still applies.
    pending: Reloaded,
}

impl From<Previewed> for LastGood {
    fn from(built: Previewed) -> LastGood {
        LastGood {
            config: built.config,
            sources: built.sources,
            theme: built.theme,
            site: built.site,
            links: built.links,
            pages: Ledger::new(built.pages),
            images: built.images,
            output: built.output,
            search: built.search,
            fragments: built.fragments,
            pending: Reloaded::default(),
        }
    }
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

    /// Builds everything from scratch and brings the output up to date:
    /// the pipeline's run for the preview.
    pub fn build(&mut self) -> Result<Rebuild, Diagnostics> {
        // The last output's manifest lands before a new one is opened.
        self.settle();
        let run = Run {
            options: &self.options,
            progress: &Progress::default(),
        };
        let built = pipeline::run(&run, &Preview).map_err(|f| f.problems)?;
        let rebuild = Rebuild {
            full: true,
            rendered: built.pages.len(),
            written: built.files.written,
            removed: built.files.removed,
            warnings: built.warnings.clone(),
        };
        self.last = Some(LastGood::from(built));
        Ok(rebuild)
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
        let changed = relative_to(&self.options.root, changed);
        let Some(last) = self.last.as_mut() else {
            return self.build();
        };
        // A site in several languages is previewed again whole: exact by
        // construction (the rebuild below knows one language's model).
        if last.config.languages.several() {
            return self.build();
        }
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
        let checked = last.validate_change(&reloaded, self.options.drafts, progress)?;
        last.render_and_commit(checked, &reloaded, &statics_before, progress)
    }

    /// site.yaml changed: everything may differ (theme, output, specs).
    fn rebuild_all(&mut self) -> Result<Rebuild, Diagnostics> {
        let config = crate::read_config(&self.options)?;
        if self.output_dir() != Some(config.output_dir.as_path()) || config.languages.several() {
            return self.build();
        }
        let mut sources = Sources::load(&config);
        let drafts = self.options.drafts;
        let progress = Progress::default();
        let valid = validate_fresh(&config, &mut sources, Entries::Keep, drafts, &progress)?;
        let (theme, site, links, mut warnings) =
            (valid.theme, valid.site, valid.links, valid.warnings);
        warnings.extend(valid.addresses.keep());
        let plan = render::plan(&site);
        let fragments = Fragments::default();
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
        Ok(Rebuild::done(true, plan.len(), committed, warnings))
    }
}

impl LastGood {
    /// Checks the sources after a change, reusing what it did not touch:
    /// the theme, unless its templates changed, and the last site and
    /// links. The search index is brought up to date while the
    /// links are checked: the link stage leaves a core idle.
    fn validate_change(
        &mut self,
        reloaded: &Reloaded,
        drafts: bool,
        progress: &Progress,
    ) -> Result<Checked<search::Files>, Diagnostics> {
        let reuse = (!reloaded.templates.any()).then_some(&self.theme);
        let search_index = &mut self.search;
        let how = Validation {
            entries: Entries::Keep,
            drafts,
            theme: reuse,
            previous: Some((&self.site, &self.links)),
        };
        validate(
            &self.config,
            &mut self.sources,
            how,
            progress,
            |site, strings| progress.time(Stage::Search, || search_index.update(site, strings)),
        )
    }

    /// The redirects of renamed files (`renames`) in the changed `site`:
    /// looked for again only when a page came or went (a rename is one
    /// going and one coming); otherwise those of the last build stand,
    /// unless an alias now declares one.
    fn follow_renames(&self, site: &mut Site) -> (Diagnostics, Keeping) {
        if renames::pages_came_or_went(&self.site, site) {
            let found = Renames::notice(&self.config, &self.sources);
            return follow_renames(found, site, &self.sources);
        }
        let kept: Vec<Redirect> = (self.site.redirects.iter())
            .filter(|r| r.declared_at.is_none() && site.redirect(&r.from).is_none())
            .cloned()
            .collect();
        site.add_redirects(kept);
        (Diagnostics::default(), Keeping::default())
    }

    /// Renders the pages a `checked` change touches and commits them with
    /// the static files, picture variants and search files that changed;
    /// the change then becomes the last good build. `statics_before`: the
    /// static files' output paths before the change was read in.
    fn render_and_commit(
        &mut self,
        checked: Checked<search::Files>,
        reloaded: &Reloaded,
        statics_before: &BTreeSet<String>,
        progress: &Progress,
    ) -> Result<Rebuild, Diagnostics> {
        let (new_theme, mut site, links, mut warnings) =
            (checked.theme, checked.site, checked.links, checked.warnings);
        let (found, addresses) = self.follow_renames(&mut site);
        warnings.extend(found);
        let plan = render::plan(&site);
        let dirty = progress.time(Stage::Changes, || {
            touched_pages(self, (&site, &links), &plan, &reloaded.templates)
        });
        if new_theme.is_some() {
            self.fragments.theme_changed();
        }
        let (rendered, search) = self.render_with_search(
            (&site, &links),
            new_theme.as_ref(),
            &dirty,
            checked.beside,
            progress,
        );
        let rendered = rendered?;
        let statics: &[StaticFile] = if reloaded.static_files {
            &self.sources.static_files
        } else {
            &[]
        };
        // A deleted static file goes from the output too, unless a page
        // takes its place.
        let statics_now = static_targets(&self.sources.static_files);
        let gone: Vec<String> = statics_before
            .difference(&statics_now)
            .filter(|path| !self.pages.holds(path))
            .cloned()
            .collect();
        // Variants are named by their bytes: only new names need writing.
        let images = progress.time(Stage::Images, || images::plan(&site));
        let image_paths = images.paths();
        let committed = progress.time(Stage::Commit, || {
            apply(
                &mut self.output,
                &mut self.pages,
                rendered,
                &plan,
                Extras {
                    statics,
                    gone_statics: &gone,
                    images: &images.without(&self.images),
                    gone_images: &self.images - &image_paths,
                    search: &search,
                    config: &self.config,
                },
            )
        })?;
        self.take_over(site, links, new_theme, image_paths, search);
        warnings.extend(addresses.keep());
        let full = dirty.len() == plan.len();
        Ok(Rebuild::done(full, dirty.len(), committed, warnings))
    }

    /// Renders the `dirty` pages of `site` with the theme compiled anew,
    /// if it was, else the last one; beside them, brings the search index
    /// up to date, unless checking did (`beside`).
    fn render_with_search(
        &mut self,
        (site, links): (&Site, &Links),
        new_theme: Option<&Theme>,
        dirty: &[PageKind],
        beside: Option<search::Files>,
        progress: &Progress,
    ) -> (Result<Vec<Page>, Diagnostics>, search::Files) {
        let theme = new_theme.unwrap_or(&self.theme);
        rayon::join(
            || {
                progress.time(Stage::Render, || {
                    Renderer::new(site, links, theme, &self.sources.templates)
                        .keeping(&self.fragments)
                        .render(dirty)
                })
            },
            || match beside {
                Some(search) => search,
                None => progress.time(Stage::Search, || self.search.update(site, &theme.strings)),
            },
        )
    }

    /// A rebuild's results become the last good build: its picture
    /// variants, its search files, its theme when it was compiled anew,
    /// its site and links.
    fn take_over(
        &mut self,
        site: Site,
        links: Links,
        new_theme: Option<Theme>,
        images: BTreeSet<String>,
        search: search::Files,
    ) {
        self.images = images;
        self.search.written(search);
        if let Some(theme) = new_theme {
            self.theme = theme;
        }
        let old_site = std::mem::replace(&mut self.site, site);
        let old_links = std::mem::replace(&mut self.links, links);
        // Freeing a whole site model takes a while; the browser need not
        // wait for it.
        std::thread::spawn(move || drop((old_site, old_links)));
        self.pending = Reloaded::default();
    }
}

impl Rebuild {
    /// What a rebuild did that rendered `rendered` pages (`full`: every
    /// page) and committed `committed`; the files it left in place are
    /// warnings, after those of the build.
    fn done(
        full: bool,
        rendered: usize,
        committed: Committed,
        mut warnings: Diagnostics,
    ) -> Rebuild {
        warnings.extend(committed.left.0);
        Rebuild {
            full,
            rendered,
            written: committed.written,
            removed: committed.removed,
            warnings,
        }
    }
}

/// `changed` paths relative to `root`, as the sources name them; a path
/// outside it stays as it is.
fn relative_to(root: &Path, changed: &[PathBuf]) -> Vec<PathBuf> {
    changed
        .iter()
        .map(|p| {
            p.strip_prefix(root)
                .map(Path::to_path_buf)
                .unwrap_or_else(|_| p.clone())
        })
        .collect()
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

fn one(d: vial_base::diagnostic::Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}
