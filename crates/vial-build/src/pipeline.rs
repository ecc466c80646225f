//! The one driver. Every run of vial (`vial check`, `vial build`, the
//! preview's first build) goes through `run`: the configuration read, the
//! sources loaded and validated, then the pages rendered for the run's
//! purpose: into nothing, into the output folder, or into the output
//! folder with everything kept for the preview's next rebuild.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use vial_base::diagnostic::{Diagnostic, Diagnostics};
use vial_base::progress::{Progress, Stage};
use vial_images as images;
use vial_output::{Committed, Output, Previous};
use vial_render::{self as render, Fragments, Page, PageKind, PageRecord, Renderer, Theme};
use vial_search as search;
use vial_site::config::Config;
use vial_site::link::Links;
use vial_site::load::Sources;
use vial_site::model::Site;

use crate::configure::read_config;
use crate::languages::{self, editions};
use crate::memo;
use crate::recall::Recall;
use crate::validate::{Entries, Valid, validate_fresh};
use crate::write::{LastIndex, Outcome, Rendering, commit_site, link_check, render_site};
use crate::{BuildFailure, BuildOptions, BuildReport, Compiled};

/// What a run is for: what it does once the sources are valid, and what
/// it makes. `Check`, `Build` and `Preview`.
pub trait Purpose {
    type Made;
    /// What becomes of the products' and guides' parsed entries.
    const ENTRIES: Entries = Entries::Take;

    /// Looks at the output folder before anything is loaded: a refusal, or
    /// a warning to report with the others.
    fn look_at_output(&self, _config: &Config) -> Result<Option<Diagnostic>, Diagnostics> {
        Ok(None)
    }

    /// The stages after validation.
    fn finish(
        &self,
        run: &Run,
        config: Config,
        sources: Sources,
        valid: Valid,
    ) -> Result<Self::Made, BuildFailure>;
}

/// Every stage but the write (`vial check`), rendering the pages `Pages`
/// says.
pub struct Check(pub Pages);

/// Which pages a check renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pages {
    /// Every page.
    All,
    /// Only those that read something changed since the last build into
    /// the output folder, as `vial check` does (the others rendered without
    /// a problem then, from what they would be rendered from now); an
    /// output folder `build` would refuse is reported too.
    Changed,
}

/// Everything, into the output folder (`vial build`).
pub struct Build;

/// Everything, into the output folder, keeping what the preview's next
/// rebuild starts from.
pub struct Preview;

/// What a run is given.
pub struct Run<'a> {
    pub options: &'a BuildOptions,
    pub progress: &'a Progress,
}

/// The preview's first build, with everything its next rebuild starts
/// from.
pub struct Previewed {
    pub config: Config,
    pub sources: Sources,
    pub theme: Theme,
    pub site: Site,
    pub links: Links,
    /// Every page rendered, with what it read.
    pub pages: Vec<PageRecord>,
    /// Every image variant, by output path.
    pub images: BTreeSet<String>,
    pub output: Output,
    pub search: search::Index,
    /// Pieces of its pages that the next rebuild may take over.
    pub fragments: Fragments,
    pub files: Committed,
    pub warnings: Diagnostics,
}

/// Runs the pipeline for `purpose`: the configuration, the sources loaded
/// and validated, then what the purpose does with them. On any error, the
/// previous output is left as it was, and the failure says so.
pub fn run<P: Purpose>(run: &Run, purpose: &P) -> Result<P::Made, BuildFailure> {
    let config = read_config(run.options).map_err(|problems| BuildFailure {
        problems,
        previous: Previous::None,
    })?;
    let output_existed = config.output_dir.exists();
    let made = stages(run, purpose, config);
    made.map_err(|mut failure| {
        if failure.previous == Previous::Untouched && !output_existed {
            failure.previous = Previous::None;
        }
        failure
    })
}

/// The stages after the configuration.
fn stages<P: Purpose>(run: &Run, purpose: &P, config: Config) -> Result<P::Made, BuildFailure> {
    let output_warning = purpose.look_at_output(&config)?;
    let progress = run.progress;
    let mut sources = progress.time(Stage::Load, || Sources::load(&config));
    let drafts = run.options.drafts;
    let mut valid = validate_fresh(&config, &mut sources, P::ENTRIES, drafts, progress)?;
    valid.warnings.extend(output_warning);
    purpose.finish(run, config, sources, valid)
}

impl Purpose for Check {
    type Made = Compiled;

    fn look_at_output(&self, config: &Config) -> Result<Option<Diagnostic>, Diagnostics> {
        match self.0 {
            Pages::Changed => Ok(Output::check(&config.root, &config.output_dir)?),
            Pages::All => Ok(None),
        }
    }

    fn finish(
        &self,
        run: &Run,
        config: Config,
        sources: Sources,
        valid: Valid,
    ) -> Result<Compiled, BuildFailure> {
        Ok(check(run, config, sources, valid, self.0)?)
    }
}

impl Purpose for Build {
    type Made = BuildReport;

    fn finish(
        &self,
        run: &Run,
        config: Config,
        sources: Sources,
        valid: Valid,
    ) -> Result<BuildReport, BuildFailure> {
        build(run, config, sources, valid)
    }
}

impl Purpose for Preview {
    type Made = Previewed;
    const ENTRIES: Entries = Entries::Keep;

    fn finish(
        &self,
        run: &Run,
        config: Config,
        sources: Sources,
        valid: Valid,
    ) -> Result<Previewed, BuildFailure> {
        preview(run, config, sources, valid)
    }
}

/// Renders the pages `pages` says, into nothing: template errors and dead
/// links are found as a build finds them.
fn check(
    run: &Run,
    config: Config,
    mut sources: Sources,
    valid: Valid,
    pages: Pages,
) -> Result<Compiled, Diagnostics> {
    let Valid {
        theme,
        site,
        links,
        warnings,
        addresses,
    } = valid;
    let progress = run.progress;
    let (editions, language_warnings) = editions(&config, &sources, &site)?;
    sources.release_content();
    let names = languages::language_links(&site, &theme, &editions);
    // A check keeps no memo: what each page read is not recorded.
    let renderer = Renderer::new(&site, &links, &theme, &sources.templates)
        .in_languages(&names)
        .forgetting_reads();
    let mut others = languages::languages(&editions, &sources, &names);
    let plan = render::plan_in(&site, &names);
    let pictures = images::plan(&site);
    let dead_links = link_check(&config, &plan, &others, &sources.static_files, &pictures);
    // A site in several languages leaves no memo: every page is checked.
    let mut to_render = match pages {
        Pages::All => plan,
        Pages::Changed if !others.is_empty() => plan,
        Pages::Changed => progress.time(Stage::Changes, || {
            Recall::new(&config, &sources, run.options.drafts, &site, &links, &plan)
                .choice
                .render
        }),
    };
    // Files made without a template (exports, the scripts' data, the
    // host's redirects) cannot fail and hold no link a reader follows: a
    // check need not make them.
    let may_fail = |kind: &PageKind| kind.template().is_some();
    to_render.retain(may_fail);
    for language in &mut others {
        language.plan.retain(may_fail);
    }
    let others_plan: usize = others.iter().map(|l| l.plan.len()).sum();
    progress.rendering(to_render.len() + others_plan);
    let scan = |renderer: &Renderer, plan: &[PageKind]| {
        renderer.render_each(plan, |page| {
            if page.kind.is_page() {
                dead_links.scan(&page.path, &page.body.text());
            }
            progress.rendered_one();
            Ok(())
        })
    };
    let mut rendered = 0;
    let mut problems = Diagnostics::default();
    let all = std::iter::once((&renderer, &to_render[..]))
        .chain(others.iter().map(|l| (&l.renderer, &l.plan[..])));
    progress.time(Stage::Render, || {
        for (renderer, plan) in all {
            match scan(renderer, plan) {
                Ok(done) => rendered += done.len(),
                Err(e) => problems.extend(e),
            }
        }
    });
    if problems.has_errors() {
        return Err(problems.sorted());
    }
    let dead = dead_links.problems(&config.output_dir, &|_| false);
    if dead.has_errors() {
        return Err(dead);
    }
    drop((renderer, others));
    let mut warnings = warnings;
    warnings.extend(language_warnings);
    warnings.extend(addresses.keep());
    Ok(Compiled {
        pages_rendered: rendered,
        site,
        links,
        warnings,
    })
}

/// Renders into the output folder the pages that read something changed
/// since the last build (the others keep their files), commits, and leaves
/// the memo of what each page read for the next build.
fn build(
    run: &Run,
    config: Config,
    mut sources: Sources,
    valid: Valid,
) -> Result<BuildReport, BuildFailure> {
    let Valid {
        theme,
        site,
        mut links,
        warnings,
        addresses,
    } = valid;
    let progress = run.progress;
    let (editions, language_warnings) = editions(&config, &sources, &site)?;
    sources.release_content();
    links.forget_scans();
    let mut output = Output::open(&config.root, &config.output_dir, run.options.force)
        .map_err(Diagnostics::from)?;
    let names = languages::language_links(&site, &theme, &editions);
    let renderer = Renderer::new(&site, &links, &theme, &sources.templates).in_languages(&names);
    let others = languages::languages(&editions, &sources, &names);
    let pictures = images::plan(&site);
    let plan = render::plan_in(&site, &names);
    let recall = progress.time(Stage::Changes, || match editions.is_empty() {
        true => Recall::new(&config, &sources, run.options.drafts, &site, &links, &plan),
        false => Recall::off(&plan),
    });
    // What each page read is kept by target number until the memo is made.
    let known = memo::Known::of(&site, &links);
    // The index (and the fingerprints the next build's memo needs) are
    // made while the pages render: rendering rarely keeps every core busy
    // to the end, and they read the model only. The index's files go to
    // the output as they are made, and a build keeps nothing else of it.
    let made = OnceLock::new();
    let search = |put: &search::Put<'_>, last: LastIndex| {
        let ((), prints) = rayon::join(
            || {
                if last == LastIndex::Stands {
                    return;
                }
                drop(search::Index::build_once(&site, &theme.strings, put));
                editions
                    .iter()
                    .for_each(|e| languages::search_index(e, put));
            },
            || recall.fingerprints(&site, &links),
        );
        let _ = made.set(prints);
    };
    let what = Rendering {
        renderer: &renderer,
        plan: &plan,
        reuse: &recall.choice.reuse,
        others: &others,
        images: &pictures,
        statics: &sources.static_files,
        index_may_stand: recall.choice.content_unchanged,
    };
    let staged = render_site(&mut output, &what, search, progress, |page, _| {
        known.page(page.path, &page.reads)
    })?;
    // The commit (the link check) and the memo need nothing of the model
    // and the views: they go first, so that the model is not held beside
    // them at the build's peak. Freeing the model takes one core a while:
    // the other commits meanwhile.
    drop((renderer, plan, others));
    let model = (site, links, theme, editions);
    let (committed, ()) = rayon::join(|| commit_site(staged, progress), move || drop(model));
    let Outcome {
        kept: rendered,
        reused,
        images,
        files,
        ..
    } = committed?;
    pictures.prune_cache();
    drop(pictures);
    let prints = made.into_inner().flatten();
    recall.remember(&output, prints, &known, &rendered, &reused);
    output.finish_cleanup();
    let mut warnings = warnings;
    warnings.extend(language_warnings);
    warnings.extend(addresses.keep());
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

/// Renders every page into the output folder for the preview, keeping
/// the model, the pages' records, the search index and the pieces of the
/// pages for its next rebuild.
fn preview(
    run: &Run,
    config: Config,
    sources: Sources,
    valid: Valid,
) -> Result<Previewed, BuildFailure> {
    let Valid {
        theme,
        site,
        links,
        warnings,
        addresses,
    } = valid;
    let (editions, language_warnings) = editions(&config, &sources, &site)?;
    let mut output = Output::open(&config.root, &config.output_dir, run.options.force)
        .map_err(Diagnostics::from)?;
    output.keep_spares();
    let fragments = Fragments::default();
    let names = languages::language_links(&site, &theme, &editions);
    let renderer = Renderer::new(&site, &links, &theme, &sources.templates)
        .keeping(&fragments)
        .in_languages(&names);
    // The preview keeps the default language's model only: a site in
    // several languages is previewed again whole on every change
    // (`Session::rebuild`).
    let others = languages::languages(&editions, &sources, &names);
    let pictures = images::plan(&site);
    let plan: Vec<PageKind> = render::plan_in(&site, &names);
    let what = Rendering {
        renderer: &renderer,
        plan: &plan,
        reuse: &[],
        others: &others,
        images: &pictures,
        statics: &sources.static_files,
        index_may_stand: false,
    };
    // The preview keeps its index for the next rebuild: it makes it.
    let search = |put: &search::Put<'_>, _: LastIndex| {
        let made = search::Index::build(&site, &theme.strings, put);
        editions
            .iter()
            .for_each(|e| languages::search_index(e, put));
        made
    };
    let staged = render_site(&mut output, &what, search, run.progress, Page::record)?;
    let Outcome {
        kept: pages,
        files,
        search: (mut index, search),
        ..
    } = commit_site(staged, run.progress)?;
    index.written(search);
    drop((renderer, others));
    let mut warnings = warnings;
    warnings.extend(language_warnings);
    warnings.extend(addresses.keep());
    warnings.extend(files.left.0.iter().cloned());
    Ok(Previewed {
        images: pictures.paths(),
        config,
        sources,
        theme,
        site,
        links,
        pages,
        output,
        search: index,
        fragments,
        files,
        warnings,
    })
}
