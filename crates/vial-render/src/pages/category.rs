//! A category's page: its description and traits, the comparison table of
//! its products (a page of them at a time when they are many), its
//! category-versus-category pages and who links to it.

use tera::Context;

use crate::category_data::FilterScope;
use crate::comparison::{TableSpec, default_fields, product_table, side_by_side};
use crate::picture::Role;
use crate::plan::{paged, table_pages};
use crate::views::{CategoryView, PageMeta, TraitView};
use crate::{PageKind, Reads, Renderer};
use vial_site::i18n::Count;
use vial_site::link::Target;
use vial_site::model::{Category, Product};

impl Renderer<'_> {
    /// Page `number` of category `slug`, with the filters when the site
    /// offers them.
    pub(super) fn category_page(
        &self,
        kind: &PageKind,
        slug: &str,
        number: usize,
        context: &mut Context,
        reads: &mut Reads,
    ) -> (&'static str, PageMeta) {
        let site = self.site;
        let category = &site.categories[slug];
        let view = self.category_view(category, number, reads);
        context.insert("category", &view);
        let several = table_pages(site, category) > 1;
        context.insert(
            "filters",
            &self.filter_settings(FilterScope::Category(slug), several),
        );
        let description = if category.summary.is_empty() {
            let count = self.strings.count(
                "count.products",
                Count::one(category.products.len() as u32),
                &[],
            );
            self.t(
                "meta.category_description",
                &[("category", &category.name), ("products", &count)],
            )
        } else {
            category.summary.clone()
        };
        let mut meta = self.meta(kind, "category", &category.name, &description);
        meta.breadcrumbs = vec![
            self.home_crumb(),
            self.crumb(&self.t("meta.categories", &[]), "categories/"),
            self.marked_crumb(
                &category.name,
                kind,
                &Target::Category(category.slug.clone()),
            ),
        ];
        meta.image = view.image.clone();
        ("category.html", meta)
    }

    fn category_view(&self, c: &Category, number: usize, reads: &mut Reads) -> CategoryView {
        let site = self.site;
        reads.insert(Target::Category(c.slug.clone()));
        let layout = &site.config.comparison;
        let total = table_pages(site, c);
        // Only this page's share of the members is looked up.
        let (skip, take) = if c.products.len() <= layout.side_by_side_max {
            (0, c.products.len())
        } else {
            ((number - 1) * layout.page_size, layout.page_size)
        };
        let shown: Vec<&Product> = c
            .products
            .iter()
            .skip(skip)
            .take(take)
            .filter_map(|s| site.product(s))
            .collect();
        for p in &shown {
            reads.insert(Target::Product(p.slug.clone()));
        }
        let table = (!shown.is_empty()).then(|| {
            let caption = if total > 1 {
                self.t(
                    "comparison.compared_page",
                    &[
                        ("name", &c.name),
                        ("page", &number.to_string()),
                        ("total", &total.to_string()),
                    ],
                )
            } else {
                self.t("comparison.compared", &[("name", &c.name)])
            };
            let spec = TableSpec {
                caption,
                side_by_side: side_by_side(&site.config, c.products.len()),
                current: None,
            };
            product_table(
                &self.words(),
                &shown,
                &default_fields(&site.config),
                spec,
                &|q| self.product_link(q),
            )
        });
        let base = Target::Category(c.slug.clone()).path(&site.config);
        let pagination = self.pagination(number, total, &|n| paged(&base, n));
        let (image, gallery) = self.image_views(&c.images, Role::Main);
        CategoryView {
            lang: self.fallback_lang(self.site.fallback.categories.contains(&c.slug)),
            slug: c.slug.clone(),
            name: c.name.clone(),
            url: self.url(&paged(&base, number)),
            summary: c.summary.clone(),
            description_html: self.markdown(&c.description.text, reads),
            image,
            gallery,
            traits: c
                .traits
                .iter()
                .map(|(name, value)| TraitView {
                    name: name.clone(),
                    value: value.clone(),
                })
                .collect(),
            product_count: c.products.len(),
            table,
            pagination,
            comparisons: self.pair_links(Some(&c.slug), reads),
            backlinks: self.backlinks(&Target::Category(c.slug.clone()), reads),
        }
    }
}
