//! The stages that check the sources: the theme compiled, the model built,
//! every link resolved. Every problem of every stage comes back together.

use std::collections::BTreeMap;
use std::sync::Arc;

use vial_base::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use vial_base::progress::{Progress, Stage};
use vial_render::{self as render, PageKind, Theme};
use vial_site::config::Config;
use vial_site::i18n::Strings;
use vial_site::link::{self, Links, Resolver};
use vial_site::load::{Sources, StaticFile};
use vial_site::model::Site;

use crate::redirects;
use crate::renames::{Keeping, Moved, Renames};

/// What becomes of the products' and guides' parsed entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entries {
    /// The model takes them out of the sources, dropping each as soon as
    /// it is made from it: for a run that reads them once.
    Take,
    /// They stay in the sources: the preview re-reads only the files that
    /// change.
    Keep,
}

/// How a run validates: what it reuses from the last good build.
#[derive(Clone, Copy)]
pub struct Validation<'a> {
    pub entries: Entries,
    /// Include guides marked `draft: true`.
    pub drafts: bool,
    /// The theme, compiled from templates and strings that did not change;
    /// `None` compiles it.
    pub theme: Option<&'a Theme>,
    /// The last good site and links, whose unchanged parts are reused.
    pub previous: Option<(&'a Site, &'a Links)>,
}

impl Validation<'_> {
    /// Everything from scratch.
    pub fn fresh(entries: Entries, drafts: bool) -> Validation<'static> {
        Validation {
            entries,
            drafts,
            theme: None,
            previous: None,
        }
    }
}

/// What `validate` made of the sources.
pub struct Checked<R> {
    /// The theme, when it was compiled (not handed in).
    pub theme: Option<Theme>,
    pub site: Site,
    pub links: Links,
    pub warnings: Diagnostics,
    /// What the caller's `beside` job returned; `None` when it did not
    /// run (no strings: no theme was given or compiled).
    pub beside: Option<R>,
}

/// A site checked from scratch, with its theme.
pub struct Valid {
    pub theme: Theme,
    pub site: Site,
    pub links: Links,
    pub warnings: Diagnostics,
    /// The record of the site's files and renames, to keep once the run
    /// went well.
    pub addresses: Keeping,
}

/// Checks loaded sources as `how` says: the theme, the model and every
/// link. A stage runs even when an earlier one found problems, and does
/// not report them again.
///
/// `beside` runs while the links are checked, with the model and the
/// theme's strings, once the model has no errors: a rebuild updates the
/// search index there, on the core the link stage leaves idle.
pub fn validate<R: Send>(
    config: &Config,
    sources: &mut Sources,
    how: Validation,
    progress: &Progress,
    beside: impl FnOnce(&Site, &Arc<Strings>) -> R + Send,
) -> Result<Checked<R>, Diagnostics> {
    let (mut problems, unreadable) = sources.check();
    let taken = (how.entries == Entries::Take).then(|| sources.take_entries());
    let sources = &*sources;
    let compiled = progress.time(Stage::Model, || match how.theme {
        // Without its theme, every template would be reported missing.
        _ if sources.theme_missing() => None,
        Some(_) => None,
        None => compile_theme(config, sources)
            .map_err(|e| problems.extend(e))
            .ok(),
    });
    let (site, model_problems) = progress.time(Stage::Model, || {
        let previous = how.previous.map(|(site, _)| site);
        Site::build_reusing(
            config.clone(),
            sources,
            taken,
            &unreadable,
            how.drafts,
            previous,
        )
    });
    problems.extend(model_problems);
    problems.extend(redirects::redirect_problems(&site, sources));
    let strings = compiled.as_ref().or(how.theme).map(|t| &t.strings);
    let (linked, beside) = rayon::join(
        || progress.time(Stage::Link, || link::link_reusing(&site, how.previous)),
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
    if let Some(theme) = compiled.as_ref().or(how.theme) {
        warnings.extend(theme.warnings.iter().cloned());
    }
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

/// `validate` with everything made from scratch.
pub fn validate_fresh(
    config: &Config,
    sources: &mut Sources,
    entries: Entries,
    drafts: bool,
    progress: &Progress,
) -> Result<Valid, Diagnostics> {
    let how = Validation::fresh(entries, drafts);
    // Before the model takes the entries: it compares their files.
    let renames = Renames::notice(config, sources);
    let checked = validate(config, sources, how, progress, |_, _| ())?;
    // Without errors, the theme compiled.
    let theme = checked.theme.ok_or_else(|| sources.problems())?;
    let (mut site, mut warnings) = (checked.site, checked.warnings);
    let (found, addresses) = follow_renames(renames, &mut site, sources);
    warnings.extend(found);
    Ok(Valid {
        theme,
        site,
        links: checked.links,
        warnings: warnings.sorted(),
        addresses,
    })
}

/// Adds to `site` the redirects of the renames that stand (see
/// `renames`); their warnings, and the record to keep.
pub(crate) fn follow_renames(
    renames: Renames,
    site: &mut Site,
    sources: &Sources,
) -> (Diagnostics, Keeping) {
    let (moved, warnings, addresses) = {
        let free = redirects::free_address(site, sources);
        renames.settle(|m| Resolver::new(site).exists(&m.to) && free(&m.from))
    };
    site.add_redirects(moved.into_iter().map(Moved::into_redirect));
    (warnings, addresses)
}

fn compile_theme(config: &Config, sources: &Sources) -> Result<Theme, Diagnostics> {
    render::compile_theme(
        &sources.templates,
        &config.language,
        &sources.strings,
        asset_urls(config, sources),
    )
}

/// Static files at the path of a page vial writes: the page wins, and the
/// site's author should know their file is not published. `site` is one
/// language's: another's pages are below its folder.
pub(crate) fn shadowed_statics(site: &Site, sources: &Sources) -> Vec<Diagnostic> {
    let statics: BTreeMap<String, &StaticFile> = sources
        .static_files
        .iter()
        .map(|f| (f.target().to_string_lossy().replace('\\', "/"), f))
        .collect();
    // A product's, category's, guide's or term's page is a folder's
    // `index.html`: unless a static file has that name, only the few other
    // pages need their paths made (making them all would cost time on
    // every edit).
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
            let StaticFile::Disk { from, .. } = statics.get(&file)? else {
                return None;
            };
            Some(shadowed(site, kind, &file, from))
        })
        .collect();
    shadowed.sort_by(|a, b| a.message.cmp(&b.message));
    shadowed
}

/// The static file `from` is not published: the page `kind` is.
fn shadowed(site: &Site, kind: &PageKind, file: &str, from: &std::path::Path) -> Diagnostic {
    let shown = from.strip_prefix(&site.config.root).unwrap_or(from);
    let template = if kind.is_page() {
        "the page's template".to_string()
    } else {
        format!("`{file}`")
    };
    Diagnostic::error(
        Code::ShadowedFile,
        Location::file(shown),
        format!(
            "`{}` is not published: vial writes `{file}` itself",
            shown.display()
        ),
    )
    .with_help(format!(
        "to change what vial writes there, override {template} in `templates/`; or rename the file"
    ))
    .into_warning()
}

/// Each static file's URL, for templates' `asset()`: below the site's
/// root, which every language shares.
pub fn asset_urls(config: &Config, sources: &Sources) -> render::AssetUrls {
    let base = &config.root_path;
    sources
        .assets
        .iter()
        .map(|(name, published)| (name.clone(), format!("{base}{published}")))
        .collect()
}
