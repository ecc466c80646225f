//! What a published site needs beside its pages: the sitemap, robots.txt,
//! Atom feeds of guides and of products, JSON exports of the catalogue, and
//! the structured data (JSON-LD) and share metadata of every page.
//!
//! Feeds, sitemap and robots.txt are theme templates (`sitemap.xml`,
//! `atom.xml`, `robots.txt`), so a site can change them like any other;
//! exports are JSON of a documented, versioned shape.
//!
//! One module each: `sitemap` (with robots.txt), `feeds`, `exports` and
//! `jsonld`. Here: which site files are templates, and the site's absolute
//! addresses, which every site file and the structured data use.

mod exports;
mod feeds;
mod jsonld;
mod redirects;
mod sitemap;

pub use exports::{EXPORT_VERSION, Export};
pub use feeds::Feed;

use super::{PageKind, Reads, Renderer};
use vial_site::link::Target;

impl Renderer<'_> {
    /// An absolute URL of a path below the base path.
    pub(crate) fn permalink(&self, path: &str) -> String {
        format!("{}/{path}", self.site.config.base_url)
    }

    /// The absolute URL of the page `target`: in the default language
    /// when this one leaves it out (`omits`).
    pub(crate) fn target_permalink(&self, target: &Target) -> String {
        format!("{}{}", self.origin(), self.target_url(target))
    }

    /// The site's scheme and host: root-relative links become absolute
    /// by putting it in front.
    pub(crate) fn origin(&self) -> &str {
        let url = &self.site.config.base_url;
        let after_scheme = url.find("://").map_or(0, |i| i + 3);
        match url[after_scheme..].find('/') {
            Some(i) => &url[..after_scheme + i],
            None => url,
        }
    }

    /// Fills the context of a site file that is a template; `None` for the
    /// kinds that are not.
    pub(crate) fn site_file_template(
        &self,
        kind: &PageKind,
        context: &mut tera::Context,
        reads: &mut Reads,
    ) -> Option<(&'static str, String)> {
        match kind {
            PageKind::Sitemap | PageKind::SitemapPart(_) => Some(self.sitemap(kind, context)),
            PageKind::SitemapIndex => Some(self.sitemap_index(context)),
            PageKind::Robots => Some(self.robots(context)),
            PageKind::Feed(feed) => Some(self.feed(*feed, context, reads)),
            PageKind::Redirect(from) => Some(self.redirect_page(from, context, reads)),
            _ => None,
        }
    }
}
