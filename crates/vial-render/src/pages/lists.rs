//! The home page and the lists of the whole site: every product, every
//! category and every guide, a page at a time. What each list shows of an
//! item is its card (`cards`).

use tera::Context;

use crate::category_data::FilterScope;
use crate::plan::paged;
use crate::views::{GuideCard, PageMeta, ProductCard};
use crate::{PageKind, Reads, Renderer};

impl Renderer<'_> {
    /// The home page: the categories, the latest guides and how many
    /// products there are.
    pub(super) fn home_page(
        &self,
        kind: &PageKind,
        context: &mut Context,
        reads: &mut Reads,
    ) -> (&'static str, PageMeta) {
        let site = self.site;
        let categories = self.category_cards(reads);
        // Which guides are the latest depends on every guide's date
        // and title, which a rebuild watches apart
        // (`incremental::Stale::guides_listed`); the page reads
        // those it shows.
        let guides: Vec<GuideCard> = site
            .guides_by_date()
            .take(6)
            .map(|g| self.guide_card(g, reads))
            .collect();
        context.insert("categories", &categories);
        context.insert("guides", &guides);
        context.insert("product_count", &site.products.len());
        let meta = self.meta(kind, "home", &site.config.title, &site.config.description);
        ("index.html", meta)
    }

    /// Page `number` of every product, in the site's order, with the
    /// filters when the site offers them.
    pub(super) fn products_page(
        &self,
        kind: &PageKind,
        number: usize,
        context: &mut Context,
        reads: &mut Reads,
    ) -> (&'static str, PageMeta) {
        let site = self.site;
        let per_page = site.config.list_page_size;
        let cards: Vec<ProductCard> = site
            .product_order
            .iter()
            .skip((number - 1) * per_page)
            .take(per_page)
            .filter_map(|s| site.product(s))
            .map(|p| self.product_card(p, None, reads))
            .collect();
        let total = site.products.len().div_ceil(per_page).max(1);
        context.insert(
            "filters",
            &self.filter_settings(FilterScope::Everything, total > 1),
        );
        context.insert("products", &cards);
        context.insert("product_count", &site.products.len());
        context.insert(
            "pagination",
            &self.pagination(number, total, &|n| paged("products/", n)),
        );
        ("products.html", self.list_meta(kind, "products"))
    }

    /// Every category, and every category-versus-category page.
    pub(super) fn categories_page(
        &self,
        kind: &PageKind,
        context: &mut Context,
        reads: &mut Reads,
    ) -> (&'static str, PageMeta) {
        context.insert("categories", &self.category_cards(reads));
        context.insert("comparisons", &self.pair_links(None, reads));
        ("categories.html", self.list_meta(kind, "categories"))
    }

    /// Page `number` of every guide, newest first.
    pub(super) fn guides_page(
        &self,
        kind: &PageKind,
        number: usize,
        context: &mut Context,
        reads: &mut Reads,
    ) -> (&'static str, PageMeta) {
        let site = self.site;
        let per_page = site.config.list_page_size;
        // Which guides are on which page depends on every guide's
        // date and title, watched apart (`Stale::guides_listed`).
        let guides: Vec<GuideCard> = site
            .guides_by_date()
            .skip((number - 1) * per_page)
            .take(per_page)
            .map(|g| self.guide_card(g, reads))
            .collect();
        let total = site.guides.len().div_ceil(per_page).max(1);
        context.insert("guides", &guides);
        context.insert("guide_count", &site.guides.len());
        context.insert(
            "pagination",
            &self.pagination(number, total, &|n| paged("guides/", n)),
        );
        ("guides.html", self.list_meta(kind, "guides"))
    }

    /// The meta of a list of everything of one kind (`products`,
    /// `categories`, `guides`): its title and description are the strings
    /// `meta.<kind>` and `meta.<kind>_description`, its breadcrumbs home and
    /// itself.
    fn list_meta(&self, kind: &PageKind, list: &'static str) -> PageMeta {
        let mut meta = self.meta(
            kind,
            list,
            &self.t(&format!("meta.{list}"), &[]),
            &self.t(&format!("meta.{list}_description"), &[]),
        );
        meta.breadcrumbs = vec![
            self.home_crumb(),
            self.crumb(&meta.title, &format!("{list}/")),
        ];
        meta
    }
}
