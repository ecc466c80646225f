//! The one driver of vial: runs the pipeline's stages, in order, for
//! `vial build`, `vial check` and the preview's incremental rebuilds
//! (`incremental`).
//!
//! The stages are crates, each reading only those before it:
//! `vial_site` (site.yaml, the files, the checked model, its links) →
//! `vial_render` (pages), with `vial_images` (pictures resized once,
//! through a cache) and `vial_search` (the static index) beside it →
//! `vial_output` (the atomic write). The driver never prints or exits: it
//! returns what it built, or diagnostics.

pub mod incremental;

use vial_base::{diagnostic, progress};
use vial_images as images;
use vial_output as output;
use vial_render as render;
use vial_search as search;
use vial_site::{config, i18n, link, load, model, schema};

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use config::{CONFIG_FILE, Config};
use diagnostic::{Code, Diagnostic, Diagnostics, Location};
use incremental::memo;
use link::Links;
use load::Sources;
use model::Site;
use output::{Committed, LinkCheck, Output, Previous, Removal};
use progress::{Progress, Stage};
use render::{PageKind, Renderer, Theme};

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides `output` from site.yaml (relative to the root).
    pub output: Option<PathBuf>,
    /// Include guides marked `draft: true`.
    pub drafts: bool,
    /// Replace an output folder that vial did not write.
    pub force: bool,
    /// Overrides `base_url` from site.yaml (a preview deploy's address).
    pub base_url: Option<String>,
    /// Minify HTML, CSS and JavaScript.
    pub minify: bool,
    /// Publish assets under their own names, without a content hash (the
    /// preview server).
    pub plain_asset_names: bool,
    /// The most URLs one sitemap file lists (`config::SITEMAP_URLS` when
    /// `None`): for tests, which cannot build 30,000 pages to see a split.
    #[doc(hidden)]
    pub sitemap_urls: Option<usize>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            output: None,
            drafts: false,
            force: false,
            base_url: None,
            minify: false,
            plain_asset_names: false,
            sitemap_urls: None,
        }
    }
}

/// A site loaded, validated and linked, with every page rendered once (and
/// dropped: `check` renders to find template errors, not to keep pages).
#[derive(Debug)]
pub struct Compiled {
    pub site: Site,
    pub links: Links,
    pub pages_rendered: usize,
    /// Problems that do not stop the build.
    pub warnings: Diagnostics,
}

/// Reads and validates `site.yaml` under `options.root`, and checks that
/// the output folder is not the site's own sources.
pub fn read_config(options: &BuildOptions) -> Result<Config, Diagnostics> {
    let root = &options.root;
    if !root.join(CONFIG_FILE).is_file() {
        return Err(no_site(root).into());
    }
    let source = load::read_source(
        root,
        Path::new(CONFIG_FILE),
        config::Limits::default().text_file,
    )?;
    let mut config = Config::parse(root, source)?;
    config.fingerprint_assets = !options.plain_asset_names;
    if options.minify && !cfg!(feature = "minify") {
        return Err(Diagnostic::error(
            Code::InvalidValue,
            Location::file("--minify"),
            "this vial was built without minifying (the `minify` feature)",
        )
        .with_help("build without `--minify`, or use a vial built with its default features")
        .into());
    }
    config.minify = options.minify;
    if let Some(urls) = options.sitemap_urls {
        config.sitemap_urls = urls.max(1);
    }
    if let Some(output) = &options.output {
        config.output_dir = root.join(output);
        config.output_location = None;
    }
    if let Some(url) = &options.base_url
        && let Err(why) = config.set_base_url(url)
    {
        return Err(Diagnostic::error(
            Code::InvalidValue,
            Location::file("--base-url"),
            format!("`{url}` cannot be the site's address: {why}"),
        )
        .with_help("write it like `https://example.org` or `http://localhost:8080/kb/`")
        .into());
    }
    if let Err(why) = output::check_path(root, &config.output_dir, &load::SOURCE_FOLDERS) {
        let help = "build into a folder of its own, such as `public`: vial replaces the output folder's files";
        let d = match &config.output_location {
            Some(at) => config
                .source
                .error(
                    Code::OutputInSources,
                    at.clone(),
                    why.explain(&config.output_dir.display().to_string()),
                )
                .with_help(format!("{help}; change `output:` in site.yaml")),
            None => Diagnostic::error(
                Code::OutputInSources,
                Location::file("--output"),
                why.explain(&config.output_dir.display().to_string()),
            )
            .with_help(format!("{help}; pass another folder to `--output`")),
        };
        return Err(d.into());
    }
    Ok(config)
}

/// `root` has no site.yaml: say which folder, and how to make one.
fn no_site(root: &Path) -> Diagnostic {
    let shown = root.display();
    if root.is_dir() {
        Diagnostic::error(
            Code::NoSite,
            Location::file(root),
            format!("`{shown}` has no {CONFIG_FILE}: it is not a vial site"),
        )
        .with_help(format!(
            "run vial in a site's folder or pass it with `--root DIR`; `vial init {shown}` creates a new site there"
        ))
    } else {
        Diagnostic::error(
            Code::NoSite,
            Location::file(root),
            format!("the site folder `{shown}` does not exist"),
        )
        .with_help(format!(
            "pass the site's folder with `--root DIR`, or create a new site with `vial init {shown}`"
        ))
    }
}

/// Runs every stage but the write. All problems of all files come back
/// together.
pub fn compile(options: &BuildOptions) -> Result<Compiled, Diagnostics> {
    compile_observed(options, &Progress::default())
}

/// `compile`, telling `progress` what it is doing.
pub fn compile_observed(
    options: &BuildOptions,
    progress: &Progress,
) -> Result<Compiled, Diagnostics> {
    compile_with(options, progress, false)
}

/// `compile`; with `recall`, only the pages that read something that
/// changed since the last build into the output folder are rendered (see
/// `incremental::memo`): the others rendered without a problem then, from
/// what they would be rendered from now.
fn compile_with(
    options: &BuildOptions,
    progress: &Progress,
    recall: bool,
) -> Result<Compiled, Diagnostics> {
    let config = read_config(options)?;
    let mut sources = progress.time(Stage::Load, || Sources::load(&config));
    let (theme, site, links, warnings) =
        validate_fresh(&config, &mut sources, true, options.drafts, progress)?;
    sources.release_content();
    let renderer = Renderer::new(&site, &links, &theme, &sources.templates);
    let plan = render::plan(&site);
    // Dead links stop a build: check finds them the same way.
    let dead_links = link_check(&config, &plan, &sources.static_files, &images::plan(&site));
    let to_render = if recall {
        progress.time(Stage::Changes, || {
            Recall::new(&config, &sources, options.drafts, &site, &links, &plan)
                .choice
                .render
        })
    } else {
        plan
    };
    progress.rendering(to_render.len());
    let pages_rendered = progress
        .time(Stage::Render, || {
            renderer.render_each(&to_render, |page| {
                if page.kind.is_page() {
                    dead_links.scan(&page.path, &page.body.text());
                }
                progress.rendered_one();
                Ok(())
            })
        })?
        .len();
    let dead = dead_links.problems(&config.output_dir, &|_| false);
    if dead.has_errors() {
        return Err(dead);
    }
    Ok(Compiled {
        site,
        links,
        pages_rendered,
        warnings,
    })
}

/// What `validate` made of the sources.
pub(crate) struct Checked<R> {
    /// The theme, when it was compiled (not handed in).
    pub theme: Option<Theme>,
    pub site: Site,
    pub links: Links,
    pub warnings: Diagnostics,
    /// What the caller's `beside` job returned; `None` when it did not
    /// run (no strings: no theme was given or compiled).
    pub beside: Option<R>,
}

/// Checks loaded sources: the theme (unless `theme` is given, compiled
/// from unchanged templates and strings), the model and every link. Every problem of every
/// stage comes back together; a stage runs even when an earlier one found
/// problems, and does not report them again.
///
/// `beside` runs while the links are checked, with the model and the
/// theme's strings, once the model has no errors: a rebuild updates the
/// search index there, on the core the link stage leaves idle.
///
/// With `once`, the model takes the products' and guides' entries out of
/// `sources` (`Sources::take_entries`): for a caller that will not read
/// them again.
// The arguments are the stage's inputs; a struct for them would be taken
// apart again here.
#[allow(clippy::too_many_arguments)]
pub(crate) fn validate<R: Send>(
    config: &Config,
    sources: &mut Sources,
    once: bool,
    drafts: bool,
    theme: Option<&Theme>,
    previous: Option<(&Site, &Links)>,
    progress: &Progress,
    beside: impl FnOnce(&Site, &Arc<i18n::Strings>) -> R + Send,
) -> Result<Checked<R>, Diagnostics> {
    let (mut problems, unreadable) = sources.check();
    let taken = once.then(|| sources.take_entries());
    let sources = &*sources;
    let compiled = progress.time(Stage::Model, || match theme {
        // Without its theme, every template would be reported missing.
        _ if sources.theme_missing() => None,
        Some(_) => None,
        None => match render::compile_theme(
            &sources.templates,
            &config.language,
            &sources.strings,
            asset_urls(config, sources),
        ) {
            Ok(t) => Some(t),
            Err(e) => {
                problems.extend(e);
                None
            }
        },
    });
    let (site, model_problems) = progress.time(Stage::Model, || {
        Site::build_reusing(
            config.clone(),
            sources,
            taken,
            &unreadable,
            drafts,
            previous.map(|(site, _)| site),
        )
    });
    problems.extend(model_problems);
    let strings = compiled.as_ref().or(theme).map(|t| &t.strings);
    let (linked, beside) = rayon::join(
        || progress.time(Stage::Link, || link::link_reusing(&site, previous)),
        || match strings {
            Some(strings) if !problems.has_errors() => Some(beside(&site, strings)),
            _ => None,
        },
    );
    let links = linked.unwrap_or_else(|e| {
        problems.extend(e);
        Links::default()
    });
    if problems.has_errors() {
        return Err(problems.sorted());
    }
    let mut warnings = problems;
    warnings.extend(site.warnings.iter().cloned());
    warnings.extend(config.placeholder_warning());
    warnings.extend(shadowed_statics(&site, sources));
    Ok(Checked {
        theme: compiled,
        site,
        links,
        warnings: warnings.sorted(),
        beside,
    })
}

/// Static files at the path of a page vial writes: the page wins, and the
/// site's author should know their file is not published.
fn shadowed_statics(site: &Site, sources: &Sources) -> Vec<Diagnostic> {
    let statics: std::collections::BTreeMap<String, &load::StaticFile> = sources
        .static_files
        .iter()
        .map(|f| (f.target().to_string_lossy().replace('\\', "/"), f))
        .collect();
    // A product's, category's, guide's or term's page is a folder's
    // `index.html`: unless a static file has that name, only the few other
    // pages need their paths made (making all 25,000 took 5 ms per edit).
    let index_files = statics.keys().any(|path| path.ends_with("index.html"));
    let in_a_folder = |kind: &PageKind| {
        matches!(
            kind,
            PageKind::Product(_)
                | PageKind::Category(..)
                | PageKind::Guide(_)
                | PageKind::Taxon(..)
        )
    };
    let mut shadowed: Vec<Diagnostic> = render::plan(site)
        .iter()
        .filter(|kind| index_files || !in_a_folder(kind))
        .filter_map(|kind| {
            let file = render::page_file(kind, &site.config);
            let load::StaticFile::Disk { from, .. } = statics.get(&file)? else {
                return None;
            };
            let shown = from.strip_prefix(&site.config.root).unwrap_or(from.as_path());
            let template = if kind.is_page() { "the page's template" } else { file.as_str() };
            Some(
                Diagnostic::error(
                    Code::ShadowedFile,
                    Location::file(shown),
                    format!("`{}` is not published: vial writes `{file}` itself", shown.display()),
                )
                .with_help(format!(
                    "to change what vial writes there, override `{template}` in `templates/`; or rename the file"
                ))
                .into_warning(),
            )
        })
        .collect();
    shadowed.sort_by(|a, b| a.message.cmp(&b.message));
    shadowed
}

/// Each static file's URL, for templates' `asset()`.
fn asset_urls(config: &Config, sources: &Sources) -> render::AssetUrls {
    let base = &config.base_path;
    sources
        .assets
        .iter()
        .map(|(name, published)| (name.clone(), format!("{base}{published}")))
        .collect()
}

/// `validate` with templates compiled from scratch.
pub(crate) fn validate_fresh(
    config: &Config,
    sources: &mut Sources,
    once: bool,
    drafts: bool,
    progress: &Progress,
) -> Result<(Theme, Site, Links, Diagnostics), Diagnostics> {
    let checked = validate(
        config,
        sources,
        once,
        drafts,
        None,
        None,
        progress,
        |_, _| (),
    )?;
    // Without errors, the theme compiled.
    let theme = checked.theme.ok_or_else(|| sources.problems())?;
    Ok((theme, checked.site, checked.links, checked.warnings))
}

/// The outcome of a successful build.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages of the site.
    pub pages_written: usize,
    /// Pages rendered: the others read nothing that changed since the last
    /// build, whose files stand.
    pub pages_rendered: usize,
    pub output_dir: PathBuf,
    /// Files written, left alone and deleted in the output folder.
    pub files: Committed,
    /// Image variants made, and taken from the cache.
    pub images: images::Work,
    pub warnings: Diagnostics,
}

/// Why a build failed, and what became of the previous output.
#[derive(Debug)]
pub struct BuildFailure {
    pub problems: Diagnostics,
    pub previous: Previous,
}

impl From<Diagnostics> for BuildFailure {
    /// Problems found before anything was written.
    fn from(problems: Diagnostics) -> Self {
        BuildFailure {
            problems,
            previous: Previous::Untouched,
        }
    }
}

/// Builds the site and brings the output folder up to date: on any error
/// the previous output is left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    build_observed(options, &Progress::default())
}

/// `build`, telling `progress` what it is doing.
pub fn build_observed(
    options: &BuildOptions,
    progress: &Progress,
) -> Result<BuildReport, BuildFailure> {
    let config = read_config(options).map_err(|problems| BuildFailure {
        problems,
        previous: Previous::None,
    })?;
    let output_exists = config.output_dir.exists();
    build_with(options, config, progress).map_err(|mut failure| {
        if failure.previous == Previous::Untouched && !output_exists {
            failure.previous = Previous::None;
        }
        failure
    })
}

fn build_with(
    options: &BuildOptions,
    config: Config,
    progress: &Progress,
) -> Result<BuildReport, BuildFailure> {
    let mut sources = progress.time(Stage::Load, || Sources::load(&config));
    let (theme, site, mut links, warnings) =
        validate_fresh(&config, &mut sources, true, options.drafts, progress)?;
    sources.release_content();
    links.forget_scans();
    let mut output =
        Output::open(&config.root, &config.output_dir, options.force).map_err(Diagnostics::from)?;
    let renderer = Renderer::new(&site, &links, &theme, &sources.templates);
    let pictures = images::plan(&site);
    let plan = render::plan(&site);
    let recall = progress.time(Stage::Changes, || {
        Recall::new(&config, &sources, options.drafts, &site, &links, &plan)
    });
    // What each page read is kept by target number until the memo is made.
    let known = memo::Known::of(&site, &links);
    // The index (and the fingerprints the next build's memo needs) are
    // made while the pages render: rendering rarely keeps every core busy
    // to the end, and they read the model only.
    let made = std::sync::OnceLock::new();
    // The index's files go to the output as they are made, and a build
    // keeps nothing else of it.
    let search = |put: &search::Put<'_>| {
        let ((), prints) = rayon::join(
            || drop(search::Index::build_once(&site, &theme.strings, put)),
            || recall.fingerprints(&site, &links),
        );
        let _ = made.set(prints);
    };
    let rendered = render_site(
        &mut output,
        &renderer,
        &plan,
        &recall.choice.reuse,
        &pictures,
        search,
        &sources.static_files,
        progress,
        |page, _| known.page(page.path, &page.reads),
    )?;
    // The commit (the link check) and the memo need nothing of the model
    // and the views: they go first. Making the memo beside them was the
    // peak of a build at 50,000 products, and the commit beside them the
    // peak at 10,000.
    drop((renderer, plan));
    // Freeing the model takes one core a while (30 ms at 10,000 products,
    // as long as the commit): the other commits meanwhile.
    let model = (site, links, theme);
    let (committed, ()) = rayon::join(|| commit_site(rendered, progress), move || drop(model));
    let Written {
        kept: rendered,
        reused,
        images,
        files,
        ..
    } = committed?;
    pictures.prune_cache();
    drop(pictures);
    recall.remember(
        &output,
        made.into_inner().flatten(),
        &known,
        &rendered,
        &reused,
    );
    output.finish_cleanup();
    let mut warnings = warnings;
    warnings.extend(files.left.0.iter().cloned());
    Ok(BuildReport {
        pages_written: rendered.len() + reused.len(),
        pages_rendered: rendered.len(),
        output_dir: config.output_dir,
        files,
        images,
        warnings,
    })
}

/// What the last build into the output folder left for this one, and the
/// pages it spares this one (`incremental::memo`).
struct Recall {
    key: u64,
    /// The site's fingerprints, when the last build's memo needed them to
    /// choose the pages; otherwise they are made while the pages render.
    now: Option<memo::Fingerprints>,
    last: Option<memo::Memo>,
    choice: memo::Choice,
}

impl Recall {
    fn new(
        config: &Config,
        sources: &Sources,
        drafts: bool,
        site: &Site,
        links: &Links,
        plan: &[render::PageKind],
    ) -> Recall {
        let key = memo::site_key(config, sources, drafts);
        let last = memo::Memo::read(&output::Place::of(&config.root, &config.output_dir), key);
        let Some(memo) = last.as_ref() else {
            return Recall {
                key,
                now: None,
                last,
                choice: memo::Choice::everything(plan),
            };
        };
        let (now, paths) = rayon::join(
            || memo::Fingerprints::of(site, links),
            || {
                use rayon::prelude::*;
                plan.par_iter()
                    .map(|kind| render::page_file(kind, config))
                    .collect::<Vec<String>>()
            },
        );
        let choice = memo::choose(memo, &now, plan, &paths);
        Recall {
            key,
            now: Some(now),
            last,
            choice,
        }
    }

    /// The site's fingerprints, if `new` did not make them.
    fn fingerprints(&self, site: &Site, links: &Links) -> Option<memo::Fingerprints> {
        self.now
            .is_none()
            .then(|| memo::Fingerprints::of(site, links))
    }

    /// Stores the memo of the build just committed into `output`: the
    /// pages `rendered` with what they read, and those `reused`; `made`
    /// are the fingerprints `fingerprints` made.
    fn remember(
        &self,
        output: &Output,
        made: Option<memo::Fingerprints>,
        known: &memo::Known,
        rendered: &[memo::PageRead],
        reused: &[String],
    ) {
        let Some(now) = self.now.as_ref().or(made.as_ref()) else {
            return;
        };
        let bytes = memo::make(
            output.place(),
            self.key,
            now,
            self.last.as_ref(),
            known,
            rendered,
            reused,
        );
        if bytes.is_empty() {
            return;
        }
        // A build that changed nothing finds the same memo in place, and
        // leaves the folder as it was.
        if !memo::same(self.last.as_ref(), &bytes) || !output.place().file(output::MEMO).exists() {
            output.store_memo(&bytes);
        }
    }
}

/// A dead-link check that knows the files a build of `plan` writes.
fn link_check(
    config: &Config,
    plan: &[render::PageKind],
    statics: &[load::StaticFile],
    images: &images::Plan,
) -> LinkCheck {
    use rayon::prelude::*;
    let image_files = images.paths();
    let mut files: Vec<String> = plan
        .par_iter()
        .map(|kind| render::page_file(kind, config))
        .collect();
    files.extend(
        statics
            .iter()
            .map(|f| f.target().to_string_lossy().replace('\\', "/")),
    );
    LinkCheck::new(
        &config.base_url,
        &config.base_path,
        files.iter().chain(&image_files).map(String::as_str),
    )
}

/// A site rendered into an output update not yet committed
/// (`render_site`, then `commit_site`).
pub(crate) struct Rendered<'o, T, S> {
    update: output::Update<'o>,
    links: LinkCheck,
    kept: Vec<T>,
    reused: Vec<String>,
    images: images::Work,
    search: S,
}

/// What `render_site` and `commit_site` did.
pub(crate) struct Written<T, S> {
    /// What the caller kept of each page rendered.
    pub kept: Vec<T>,
    /// The output paths of the pages not rendered, whose last file stands.
    pub reused: Vec<String>,
    pub images: images::Work,
    pub files: Committed,
    /// What `search` returned: the index, for a caller that keeps it.
    pub search: S,
}

/// Hands a rendered page to the output. A file made again as it is
/// written (`Body::Made`) is made by `renderer`.
fn put_page(update: &output::Update, renderer: &Renderer, page: &render::Page, hash: u64) {
    match &page.body {
        render::Body::Made(_) => {
            update.put_made(&page.path, &|write| renderer.make_again(write), hash)
        }
        body => update.put_pieces(&page.path, &body.pieces(), hash),
    }
}

/// Renders `plan` into `output` with the image variants, the search
/// index's files (built by `search` while the pages render) and the static
/// files, replacing the last build's files. `keep` turns each page and the
/// hash of its bytes into what the caller keeps of it. Pages of `reuse`
/// are not rendered if the output still holds the file the last build
/// wrote for them. The files are staged: `commit_site` puts them in
/// place, once the caller has let go of what it no longer needs (a build
/// drops the model and the views first).
// Each argument is a different stage's product; a struct to carry them
// would be built at both call sites only to be taken apart here.
#[allow(clippy::too_many_arguments)]
pub(crate) fn render_site<'o, T: Send, S: Send>(
    output: &'o mut Output,
    renderer: &Renderer,
    plan: &[render::PageKind],
    reuse: &[render::PageKind],
    images: &images::Plan,
    search: impl FnOnce(&search::Put<'_>) -> S + Send,
    statics: &[load::StaticFile],
    progress: &Progress,
    keep: impl Fn(render::Page, u64) -> T + Sync,
) -> Result<Rendered<'o, T, S>, BuildFailure> {
    let update = output.begin().map_err(Diagnostics::from)?;
    let config = renderer.config();
    let links = link_check(config, plan, statics, images);
    let reused: Vec<(&render::PageKind, String)> = {
        use rayon::prelude::*;
        reuse
            .par_iter()
            .map(|kind| (kind, render::page_file(kind, config)))
            .filter(|(_, path)| update.keep(path))
            .collect()
    };
    let to_render: Vec<render::PageKind> = if reused.is_empty() {
        plan.to_vec()
    } else {
        let reused: rustc_hash::FxHashSet<&render::PageKind> =
            reused.iter().map(|(kind, _)| *kind).collect();
        plan.iter()
            .filter(|kind| !reused.contains(kind))
            .cloned()
            .collect()
    };
    progress.rendering(to_render.len());
    let (pages, search) = rayon::join(
        || {
            progress.time(Stage::Render, || {
                renderer.render_each(&to_render, |page| {
                    let hash = page.hash();
                    put_page(&update, renderer, &page, hash);
                    if page.kind.is_page() {
                        links.scan(&page.path, &page.body.text());
                    }
                    progress.rendered_one();
                    Ok(keep(page, hash))
                })
            })
        },
        || {
            // Each file of the index goes to the output as soon as it is
            // made: at 10k their 21 MB need not wait in memory.
            progress.time(Stage::Search, || {
                search(&|path, bytes, hash| update.put_hashed(path, bytes, hash))
            })
        },
    );
    // Image problems are reported with template problems, not after them.
    let work = progress.time(Stage::Images, || {
        images.process(|path, bytes| update.put(path, bytes))
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
    {
        use rayon::prelude::*;
        statics
            .par_iter()
            .for_each(|f| put_static(&update, f, config.minify));
    }
    Ok(Rendered {
        update,
        links,
        kept,
        reused: reused.into_iter().map(|(_, path)| path).collect(),
        images: work,
        search,
    })
}

/// Hands a static file to the output, unless a page of the build already
/// has its path (pages win).
pub(crate) fn put_static(update: &output::Update, file: &load::StaticFile, minify: bool) {
    let path = file.target().to_string_lossy().replace('\\', "/");
    if update.has(&path) {
        return;
    }
    match file.read() {
        Ok(bytes) => update.put(&path, &published(&path, bytes, minify)),
        Err(e) => {
            let source = match file {
                load::StaticFile::Disk { from, .. } => from.clone(),
                load::StaticFile::Builtin { to, .. } => to.clone(),
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

/// Checks the links of a `render_site` and puts its files in place.
pub(crate) fn commit_site<T, S>(
    rendered: Rendered<'_, T, S>,
    progress: &Progress,
) -> Result<Written<T, S>, BuildFailure> {
    let Rendered {
        update,
        links,
        kept,
        reused,
        images,
        search,
    } = rendered;
    let committed = progress
        .time(Stage::Commit, || {
            update.commit_checked(Removal::Unwritten, links)
        })
        .map_err(|f| BuildFailure {
            problems: f.problems,
            previous: f.previous,
        })?;
    Ok(Written {
        kept,
        reused,
        images,
        files: committed,
        search,
    })
}

/// Validates everything, renders in memory, writes nothing. Output folder
/// problems that would stop `build` are reported too.
pub fn check(options: &BuildOptions) -> Result<Diagnostics, Diagnostics> {
    check_observed(options, &Progress::default())
}

/// `check`, telling `progress` what it is doing.
pub fn check_observed(
    options: &BuildOptions,
    progress: &Progress,
) -> Result<Diagnostics, Diagnostics> {
    let config = read_config(options)?;
    let output_warning =
        Output::check(&config.root, &config.output_dir).map_err(Diagnostics::from)?;
    let mut warnings = compile_with(options, progress, true).map(|c| c.warnings)?;
    warnings.extend(output_warning);
    Ok(warnings)
}

/// JSON Schemas of the site's product, category, guide and term files, as
/// the site declares them (see `schema`), by file name.
pub fn schemas(
    options: &BuildOptions,
) -> Result<Vec<(&'static str, serde_json::Value)>, Diagnostics> {
    let config = read_config(options)?;
    let sources = Sources::load(&config);
    Ok(schema::schemas(&config, &sources))
}
