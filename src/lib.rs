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
pub mod init;
pub mod link;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod theme;
pub mod yaml;

use std::path::{Path, PathBuf};

use config::{CONFIG_FILE, Config};
use diagnostic::Diagnostics;
use link::Links;
use load::{Sources, StaticFile};
use model::Site;
use render::{Page, Renderer};

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

/// A site loaded, validated, linked and rendered in memory.
#[derive(Debug)]
pub struct Compiled {
    pub site: Site,
    pub links: Links,
    pub pages: Vec<Page>,
    pub static_files: Vec<StaticFile>,
    /// Problems that do not stop the build.
    pub warnings: Diagnostics,
}

impl Compiled {
    pub fn output_dir(&self) -> &Path {
        &self.site.config.output_dir
    }
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
    let (sources, mut problems) = load::load(&config);
    let tera = render::compile_templates(&sources.templates);
    if let Err(e) = &tera {
        problems.extend(e.0.iter().cloned());
    }
    let (site, model_problems) = Site::build(config, &sources, options.drafts);
    problems.extend(model_problems);
    // Links are checked even when other files failed, so that one run
    // reports every problem; links to the failed files are not reported.
    let links = match link::link(&site) {
        Ok(links) => links,
        Err(e) => {
            problems.extend(e);
            Links::default()
        }
    };
    if problems.has_errors() {
        return Err(problems.sorted());
    }
    let tera = tera.map_err(|_| problems.clone().sorted())?;
    let Sources {
        templates,
        static_files,
        ..
    } = sources;
    let renderer = Renderer::new(&site, &links, &tera, &templates);
    let pages = renderer.render(&render::plan(&site))?;
    let warnings = Diagnostics(site.warnings.clone()).sorted();
    Ok(Compiled {
        site,
        links,
        pages,
        static_files,
        warnings: Diagnostics(problems.into_iter().chain(warnings).collect()),
    })
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
    let compiled = compile(options)?;
    let written = output::write_site(
        compiled.output_dir(),
        &compiled.pages,
        &compiled.static_files,
    )
    .map_err(|d| Diagnostics(vec![d]))?;
    Ok(BuildReport {
        pages_written: written,
        output_dir: compiled.output_dir().to_path_buf(),
        warnings: compiled.warnings,
    })
}

/// Validates everything, renders in memory, writes nothing.
pub fn check(options: &BuildOptions) -> Result<Diagnostics, Diagnostics> {
    compile(options).map(|c| c.warnings)
}
