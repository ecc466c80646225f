//! Old addresses that lead to a page: each page's `aliases:`, and the one
//! list of redirects a build writes (`Site::redirects`), gathered here
//! from every kind of page. The driver may add to that list before the
//! pages are planned (a rename noticed between builds): the redirect pages
//! and the host's `_redirects` file are made from it alone.

use super::Site;
use crate::link::Target;
use vial_base::diagnostic::Location;
use vial_yaml::{Origin, Spanned};

/// An old address of a page (`aliases:`): a path below the site's root
/// (`products/old-name/`, or `old/page.html`), and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub path: String,
    pub location: Location,
}

/// The aliases a file wrote (already checked and normalised by `load`).
pub(super) fn aliases(origin: &Origin, written: &[Spanned<String>]) -> Vec<Alias> {
    written
        .iter()
        .map(|a| Alias {
            path: a.value.clone(),
            location: origin.at(a),
        })
        .collect()
}

/// A redirect the build writes: a page at `from` that sends the reader to
/// the page `to`, in every language that publishes `to`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Redirect {
    /// The old address, below the site's base path (`products/old/`); a
    /// language's redirect is below its folder (`de/products/old/`).
    pub from: String,
    pub to: Target,
    /// Where it is declared (an alias's line); `None` for a redirect vial
    /// found by itself.
    pub declared_at: Option<Location>,
}

impl Site {
    /// Every alias of every page the site publishes, as redirects, sorted
    /// by old address (two pages claiming one address sit side by side,
    /// for the driver to report).
    pub fn declared_redirects(&self) -> Vec<Redirect> {
        let mut redirects: Vec<Redirect> = Vec::new();
        let mut of = |to: Target, aliases: &[Alias]| {
            redirects.extend(aliases.iter().map(|a| Redirect {
                from: a.path.clone(),
                to: to.clone(),
                declared_at: Some(a.location.clone()),
            }));
        };
        for p in self.products.values().filter(|p| !p.aliases.is_empty()) {
            of(Target::Product(p.slug.clone()), &p.aliases);
        }
        for c in self.categories.values() {
            of(Target::Category(c.slug.clone()), &c.aliases);
        }
        for g in self.guides.values() {
            of(Target::Guide(g.slug.clone()), &g.aliases);
        }
        for p in self.pages.values() {
            of(Target::Page(p.slug.clone()), &p.aliases);
        }
        for (key, terms) in &self.taxonomies.by_key {
            for t in terms.values() {
                of(Target::Term(key.clone(), t.slug.clone()), &t.aliases);
            }
        }
        redirects.sort();
        redirects
    }

    /// The redirect from `from` (below the base path), if the site has one.
    pub fn redirect(&self, from: &str) -> Option<&Redirect> {
        let at = self.redirects.partition_point(|r| r.from.as_str() < from);
        self.redirects.get(at).filter(|r| r.from == from)
    }

    /// Adds redirects to those the build writes (kept sorted, as
    /// `redirect` looks them up): for the driver, before it plans the pages.
    pub fn add_redirects(&mut self, more: impl IntoIterator<Item = Redirect>) {
        self.redirects.extend(more);
        self.redirects.sort();
    }
}
