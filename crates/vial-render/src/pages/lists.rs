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
        let mut meta = self.meta(
            kind,
            "products",
            &self.t("meta.products", &[]),
            &self.t("meta.products_description", &[]),
        );
        meta.breadcrumbs = vec![self.home_crumb(), self.crumb(&meta.title, "products/")];
        ("products.html", meta)
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
        let mut meta = self.meta(
            kind,
            "categories",
            &self.t("meta.categories", &[]),
            &self.t("meta.categories_description", &[]),
        );
        meta.breadcrumbs = vec![self.home_crumb(), self.crumb(&meta.title, "categories/")];
        ("categories.html", meta)
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
        let mut meta = self.meta(
            kind,
            "guides",
            &self.t("meta.guides", &[]),
            &self.t("meta.guides_description", &[]),
        );
        meta.breadcrumbs = vec![self.home_crumb(), self.crumb(&meta.title, "guides/")];
        ("guides.html", meta)
    }
}
