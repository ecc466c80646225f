//! The one driver of vial: runs the pipeline's stages, in order, for
//! `vial check`, `vial build` and the preview (`pipeline::run`), and the
//! preview's incremental rebuilds between (`session`).
//!
//! The stages are crates, each reading only those before it:
//! `vial_site` (site.yaml, the files, the checked model, its links) →
//! `vial_render` (pages), with `vial_images` (pictures resized once,
//! through a cache) and `vial_search` (the static index) beside it →
//! `vial_output` (the atomic write). The driver never prints or exits: it
//! returns what it built, or diagnostics.

mod changes;
mod configure;
mod languages;
mod ledger;
mod memo;
mod options;
mod pipeline;
mod recall;
mod redirects;
mod renames;
pub mod session;
mod translation_status;
mod validate;
mod write;

use vial_base::diagnostic::Diagnostics;
use vial_base::progress::Progress;
use vial_site::load::Sources;

pub use configure::read_config;
pub use options::{BuildFailure, BuildOptions, BuildReport, Compiled};
use pipeline::{Build, Check, Pages, Run};

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
    pipeline::run(&Run { options, progress }, &Build)
}

/// Validates everything, renders in memory the pages that read something
/// changed since the last build, writes nothing. Output folder problems
/// that would stop `build` are reported too.
pub fn check(options: &BuildOptions) -> Result<Diagnostics, Diagnostics> {
    check_observed(options, &Progress::default())
}

/// `check`, telling `progress` what it is doing.
pub fn check_observed(
    options: &BuildOptions,
    progress: &Progress,
) -> Result<Diagnostics, Diagnostics> {
    checked(options, progress, Pages::Changed).map(|c| c.warnings)
}

/// Runs every stage but the write, rendering every page. All problems of
/// all files come back together.
pub fn compile(options: &BuildOptions) -> Result<Compiled, Diagnostics> {
    checked(options, &Progress::default(), Pages::All)
}

fn checked(
    options: &BuildOptions,
    progress: &Progress,
    pages: Pages,
) -> Result<Compiled, Diagnostics> {
    pipeline::run(&Run { options, progress }, &Check(pages)).map_err(|f| f.problems)
}

/// JSON Schemas of the site's product, category, guide and term files, as
/// the site declares them (see `vial_site::schema`), by file name.
pub fn schemas(
    options: &BuildOptions,
) -> Result<Vec<(&'static str, serde_json::Value)>, Diagnostics> {
    let config = read_config(options)?;
    let sources = Sources::load(&config);
    Ok(vial_site::schema::schemas(&config, &sources))
}

/// A record of `.vial/sources/` (`name`, which keeps `what`) that could
/// not be written: `help` says what the next run cannot tell without it.
fn unkept_record(
    place: &vial_output::Place,
    name: &str,
    what: &str,
    help: &str,
    e: &std::io::Error,
) -> vial_base::diagnostic::Diagnostic {
    use vial_base::diagnostic::{Code, Diagnostic, Location, io_reason};
    let problem = format!("cannot keep the record of {what}: {}", io_reason(e));
    Diagnostic::error(Code::Io, Location::file(place.file(name)), problem)
        .into_warning()
        .with_help(format!("{help}; make the site's `.vial/` folder writable"))
}
