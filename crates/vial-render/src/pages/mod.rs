//! The view of each kind of page, one module per kind: the home page and
//! the lists (`lists`), products (`product`), categories (`category`),
//! guides (`guide`), taxonomies and their terms (`taxonomy`), and the
//! category-versus-category pages (`compare`); the cards the lists show are
//! in `cards`. The routine builder's page is with the builder
//! (`routine_builder`); the site files (sitemap, feeds, exports) are in
//! `publish`.
//!
//! Each kind puts its view into the template's context, notes what it read,
//! and returns its template and meta (title, description, breadcrumbs).
//! Here: which kind fills a page, and what every kind's meta shares.

mod cards;
mod category;
mod compare;
mod guide;
mod lists;
mod product;
mod shop_links;

pub use shop_links::ShopLinksView;
mod taxonomy;

use tera::Context;
use vial_site::link::Target;

use super::views::{LinkView, PageMeta};
use super::{PageKind, Reads, Renderer};

impl Renderer<'_> {
    /// Puts the page's view into `context`; returns its template and meta.
    pub(crate) fn fill(
        &self,
        kind: &PageKind,
        context: &mut Context,
        reads: &mut Reads,
    ) -> (&'static str, PageMeta) {
        match kind {
            PageKind::Home => self.home_page(kind, context, reads),
            PageKind::Products(number) => self.products_page(kind, *number, context, reads),
            PageKind::Categories => self.categories_page(kind, context, reads),
            PageKind::Guides(number) => self.guides_page(kind, *number, context, reads),
            PageKind::NotFound => self.not_found_page(kind),
            PageKind::Product(slug) => self.product_page(kind, slug, context, reads),
            PageKind::Category(slug, number) => {
                self.category_page(kind, slug, *number, context, reads)
            }
            PageKind::Guide(slug) => self.guide_page(kind, slug, context, reads),
            PageKind::FreePage(slug) => self.free_page(kind, slug, context, reads),
            PageKind::Taxonomy(key) => self.taxonomy_index_page(kind, key, context, reads),
            PageKind::Taxon(key, slug, number) => {
                self.taxon_page(kind, key, slug, *number, context, reads)
            }
            PageKind::CompareIndex => self.compare_index_page(kind, context, reads),
            PageKind::Compare(left, right) => self.compare_page(kind, left, right, context, reads),
            PageKind::Routine => self.routine_page(kind, context, reads),
            PageKind::Sitemap
            | PageKind::SitemapIndex
            | PageKind::SitemapPart(_)
            | PageKind::Robots
            | PageKind::Feed(_)
            | PageKind::Export(_)
            | PageKind::CategoryData(_)
            | PageKind::DataIndex
            | PageKind::Redirect(_)
            | PageKind::HostRedirects => {
                unreachable!("site files are not pages")
            }
        }
    }

    /// The page a broken link lands on: nothing but its words, kept out of
    /// search engines.
    fn not_found_page(&self, kind: &PageKind) -> (&'static str, PageMeta) {
        let mut meta = self.meta(
            kind,
            "404",
            &self.t("meta.not_found", &[]),
            &self.t("meta.not_found_description", &[]),
        );
        meta.noindex = true;
        ("404.html", meta)
    }

    /// The first link of every breadcrumb trail: the home page.
    pub(crate) fn home_crumb(&self) -> LinkView {
        self.crumb(&self.site.config.title, "")
    }

    /// A link of a breadcrumb trail.
    pub(crate) fn crumb(&self, title: &str, path: &str) -> LinkView {
        LinkView::new(title.to_string(), self.url(path))
    }

    /// The crumb of the page `kind` itself, whose name is `target`'s,
    /// marked with the default language when it is in its words.
    pub(crate) fn marked_crumb(&self, title: &str, kind: &PageKind, target: &Target) -> LinkView {
        LinkView {
            lang: self.fallback_lang(self.site.fallback.has(target)),
            ..self.crumb(title, &self.path_of(kind))
        }
    }
}
