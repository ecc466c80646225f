//! Free pages (`content/pages/<path>.md`, published at `/<path>/`): an
//! About page, a disclosure, a contact page. A page's front matter is a
//! guide's without terms, and it is checked as a guide is, so the model
//! holds each as a `Guide` (in `Site::pages`); what is a page's own is
//! here: its address is free to take, and the menus that name pages name
//! pages there are.
//!
//! The content kind is called a free page, not a page: in the renderer a
//! page is any HTML file it writes.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::{Category, Guide, Slug};
use crate::config::{Config, MenuTarget};
use crate::load::{Folder, RawGuide, StaticFile};
use vial_base::diagnostic::{Code, Diagnostic, Location, suggestion};

/// The top folders of the addresses vial makes pages and files at, besides
/// each taxonomy's (`Taxonomy::path`) and each language's (`de/`).
pub const GENERATED: [&str; 7] = [
    "products",
    "categories",
    "guides",
    "compare",
    "routine",
    "search",
    "data",
];

/// The problem of each page whose address is one the site already uses:
/// below a generated section, a taxonomy's, a language's folder, or a
/// static file's.
pub(super) fn taken_addresses(
    config: &Config,
    static_files: &[StaticFile],
    pages: &BTreeMap<Slug, Arc<Guide>>,
) -> Vec<Diagnostic> {
    pages
        .values()
        .filter_map(|page| {
            let top = page.slug.split('/').next().unwrap_or_default();
            let what = if GENERATED.contains(&top) {
                format!("vial's `{top}/` pages")
            } else if let Some(t) = config.taxonomies.iter().find(|t| t.path == top) {
                format!("the pages of the taxonomy `{}`", t.key)
            } else if config.languages.is_other(top) {
                format!("the pages in the language `{top}`")
            } else {
                let index = format!("{}/index.html", page.slug);
                let file = static_files.iter().find(|f| {
                    let target = f.target().to_string_lossy().replace('\\', "/");
                    target == page.slug || target == index
                })?;
                format!("the static file `{}`", file.target().display())
            };
            let location = Location {
                line: 1,
                column: 1,
                ..Location::file(&page.location.path)
            };
            Some(
                Diagnostic::error(
                    Code::AddressTaken,
                    location,
                    format!("the page's address `/{}/` is taken by {what}", page.slug),
                )
                .with_help(format!(
                    "rename `{}` (or its folder): its path below content/pages/ is its address, e.g. `content/pages/about-{}.md`",
                    page.location.path.display(),
                    page.slug.replace('/', "-"),
                )),
            )
        })
        .collect()
}

/// The problem of each menu entry (`menus:` of site.yaml) naming a page or
/// a category there is no file of. One that exists but did not load, or
/// a draft page, is no problem here (the former is reported at its file,
/// the latter is left out of the menu unless drafts are shown).
pub(super) fn unknown_in_menus(
    config: &Config,
    pages: &Folder<RawGuide>,
    categories: &BTreeMap<Slug, Category>,
    unreadable: &BTreeSet<Slug>,
) -> Vec<Diagnostic> {
    let entries = [&config.menus.main, &config.menus.footer];
    entries
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let (code, what, slug, known): (_, _, _, Vec<&str>) = match &entry.to {
                MenuTarget::Page(s) if !pages.has_slug(s) => {
                    let mut all: Vec<&str> = pages.slugs().collect();
                    all.sort_unstable();
                    (Code::UnknownPage, "page", s, all)
                }
                MenuTarget::Category(s) if !categories.contains_key(s) => (
                    Code::UnknownCategory,
                    "category",
                    s,
                    categories.keys().map(String::as_str).collect(),
                ),
                _ => return None,
            };
            if unreadable.contains(slug) {
                return None;
            }
            let folder = if what == "page" {
                "pages"
            } else {
                "categories"
            };
            Some(
                config
                    .source
                    .error(
                        code,
                        entry.location.clone(),
                        format!("the menu names no {what} `{slug}`"),
                    )
                    .with_help(format!(
                        "{} ({what}s are the files in content/{folder}/)",
                        suggestion(slug, known)
                    )),
            )
        })
        .collect()
}
