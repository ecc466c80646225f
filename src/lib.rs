//! vial: a static knowledge-site generator for product catalogues and the
//! guides written about them.
//!
//! The core is a one-way pipeline; each stage is a module:
//! `config` (site.yaml) → `load` (read files, parse YAML, keep positions) →
//! `model` (validated, typed site) → `link` (cross-links, backlinks) →
//! `render` (markdown + templates to pages) → `output` (atomic write).
//! The core never prints or exits: it returns pages or diagnostics.

pub mod config;
pub mod diagnostic;
pub mod incremental;
pub mod init;
pub mod link;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod serve;
pub mod theme;
pub mod yaml;

use std::path::{Path, PathBuf};

use config::{CONFIG_FILE, Config};
use diagnostic::Diagnostics;
use link::Links;
use load::Sources;
use model::Site;
use render::Renderer;
use tera::Tera;

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides `output` from site.yaml.
    pub output: Option<PathBuf>,
    /// Include guides marked `draft: true`.
    pub drafts: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            output: None,
            drafts: false,
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

/// Reads and validates `site.yaml` under `options.root`.
pub fn read_config(options: &BuildOptions) -> Result<Config, Diagnostics> {
    let source = load::read_source(&options.root, Path::new(CONFIG_FILE))
        .map_err(|d| Diagnostics(vec![d]))?;
    let mut config = Config::parse(&options.root, source)?;
    if let Some(output) = &options.output {
        config.output_dir = options.root.join(output);
    }
    Ok(config)
}

/// Runs every stage but the write. All problems of all files come back
/// together.
pub fn compile(options: &BuildOptions) -> Result<Compiled, Diagnostics> {
    let config = read_config(options)?;
    let sources = Sources::load(&config);
    let (tera, site, links, warnings) = validate_fresh(&config, &sources, options.drafts)?;
    let renderer = Renderer::new(&site, &links, &tera, &sources.templates);
    let pages_rendered = renderer
        .render_each(&render::plan(&site), |_| Ok(()))?
        .len();
    Ok(Compiled {
        site,
        links,
        pages_rendered,
        warnings,
    })
}

/// Checks loaded sources: templates (unless `tera` is given, compiled from
/// unchanged templates), the model and every link. Every problem of every
/// stage comes back together; a stage runs even when an earlier one found
/// problems, and does not report them again.
pub(crate) fn validate(
    config: &Config,
    sources: &Sources,
    drafts: bool,
    tera: Option<&Tera>,
    previous: Option<(&Site, &Links)>,
) -> Result<(Option<Tera>, Site, Links, Diagnostics), Diagnostics> {
    let (mut problems, unreadable) = sources.check();
    let compiled = match tera {
        Some(_) => None,
        None => match render::compile_templates(&sources.templates) {
            Ok(t) => Some(t),
            Err(e) => {
                problems.extend(e);
                None
            }
        },
    };
    let (site, model_problems) = Site::build_reusing(
        config.clone(),
        sources,
        &unreadable,
        drafts,
        previous.map(|(site, _)| site),
    );
    problems.extend(model_problems);
    let links = link::link_reusing(&site, previous).unwrap_or_else(|e| {
        problems.extend(e);
        Links::default()
    });
    if problems.has_errors() {
        return Err(problems.sorted());
    }
    let warnings = Diagnostics(site.warnings.clone()).sorted();
    Ok((compiled, site, links, warnings))
}

/// `validate` with templates compiled from scratch.
pub(crate) fn validate_fresh(
    config: &Config,
    sources: &Sources,
    drafts: bool,
) -> Result<(Tera, Site, Links, Diagnostics), Diagnostics> {
    let (tera, site, links, warnings) = validate(config, sources, drafts, None, None)?;
    // Without errors, the templates compiled.
    let tera = tera.ok_or_else(|| sources.problems())?;
    Ok((tera, site, links, warnings))
}

/// The outcome of a successful build.
#[derive(Debug)]
pub struct BuildReport {
    pub pages_written: usize,
    pub output_dir: PathBuf,
    pub warnings: Diagnostics,
}

/// Builds the site and writes it to the output folder atomically: on any
/// error the previous output is left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let config = read_config(options)?;
    let sources = Sources::load(&config);
    let (tera, site, links, warnings) = validate_fresh(&config, &sources, options.drafts)?;
    let staging = output::Staging::new(&config.output_dir, &sources.static_files)
        .map_err(|d| Diagnostics(vec![d]))?;
    let renderer = Renderer::new(&site, &links, &tera, &sources.templates);
    let written = renderer
        .render_each(&render::plan(&site), |page| staging.write(&page))?
        .len();
    staging.finish().map_err(|d| Diagnostics(vec![d]))?;
    Ok(BuildReport {
        pages_written: written,
        output_dir: config.output_dir,
        warnings,
    })
}

/// Validates everything, renders in memory, writes nothing.
pub fn check(options: &BuildOptions) -> Result<Diagnostics, Diagnostics> {
    compile(options).map(|c| c.warnings)
}
