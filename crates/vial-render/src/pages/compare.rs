//! The category-versus-category pages: the index of them all (with the
//! compare picker, which puts any products side by side), and each pair's
//! page, its verdict and the two categories' comparison table.

use tera::Context;

use crate::plan::compare_path;
use crate::views::{CompareCard, CompareView, LinkView, PageMeta};
use crate::{PageKind, Reads, Renderer};
use vial_site::i18n::Count;
use vial_site::link::Target;
use vial_site::model::Category;

impl Renderer<'_> {
    /// Every category-versus-category page, and the compare picker.
    pub(super) fn compare_index_page(
        &self,
        kind: &PageKind,
        context: &mut Context,
        reads: &mut Reads,
    ) -> (&'static str, PageMeta) {
        context.insert("comparisons", &self.pair_cards(reads));
        context.insert("picker", &self.picker_settings());
        context.insert("picker_max", &crate::category_data::PICK_MAX);
        // The picker names every category (its row, where to add from).
        reads.extend(
            self.site
                .categories
                .keys()
                .map(|c| Target::Category(c.to_string())),
        );
        let mut meta = self.meta(
            kind,
            "compare-index",
            &self.t("meta.compare_index", &[]),
            &self.t("meta.compare_index_description", &[]),
        );
        meta.breadcrumbs = vec![
            self.home_crumb(),
            self.crumb(&meta.title, &self.path_of(kind)),
        ];
        ("compare_index.html", meta)
    }

    /// The page comparing categories `left` and `right`.
    pub(super) fn compare_page(
        &self,
        kind: &PageKind,
        left: &str,
        right: &str,
        context: &mut Context,
        reads: &mut Reads,
    ) -> (&'static str, PageMeta) {
        let site = self.site;
        let (l, r) = (&site.categories[left], &site.categories[right]);
        reads.insert(Target::Category(left.to_string()));
        reads.insert(Target::Category(right.to_string()));
        let slug = format!("{left}-vs-{right}");
        reads.insert(Target::Compare(slug.clone()));
        let verdict = site.verdicts.get(&slug);
        let path = self.path_of(kind);
        let names = [("left", l.name.as_str()), ("right", r.name.as_str())];
        let (summary, summary_lang) = self.pair_summary(l, r);
        let view = CompareView {
            title: self.t("meta.compare", &names),
            url: self.url(&path),
            left: self.category_link(l),
            right: self.category_link(r),
            summary,
            summary_lang,
            lang: verdict.and_then(|v| self.verdict_lang(&v.slug)),
            verdict_html: verdict
                .map(|v| self.markdown(&v.body.text, reads))
                .unwrap_or_default(),
            table: self.category_comparison(&[l, r], reads),
            backlinks: self.backlinks(&Target::Compare(slug), reads),
        };
        let mut meta = self.meta(kind, "compare", &view.title, &view.summary);
        meta.breadcrumbs = vec![
            self.home_crumb(),
            self.crumb(&self.t("meta.compare_index", &[]), "compare/"),
            self.crumb(&view.title, &path),
        ];
        context.insert("compare", &view);
        ("compare.html", meta)
    }

    /// Every category-versus-category page, with its verdict's summary.
    fn pair_cards(&self, reads: &mut Reads) -> Vec<CompareCard> {
        let site = self.site;
        self.pair_links(None, reads)
            .into_iter()
            .zip(&site.config.category_pairs)
            .map(|(link, pair)| {
                reads.insert(Target::Compare(pair.slug()));
                let (l, r) = (&site.categories[&pair.left], &site.categories[&pair.right]);
                let (summary, summary_lang) = self.pair_summary(l, r);
                CompareCard {
                    title: link.title,
                    url: link.url,
                    summary,
                    summary_lang,
                    left: self.category_link(l),
                    right: self.category_link(r),
                }
            })
            .collect()
    }

    /// The pair's verdict's summary; without one, a line of what the page
    /// holds, so that no card or page of a pair goes without words. With
    /// it, the language of the summary's words when they are not the page's.
    fn pair_summary(&self, left: &Category, right: &Category) -> (String, Option<String>) {
        let slug = format!("{}-vs-{}", left.slug, right.slug);
        match self.site.verdicts.get(&slug) {
            Some(v) if !v.summary.is_empty() => (v.summary.clone(), self.verdict_lang(&slug)),
            _ => {
                let count = |c: &Category| {
                    self.strings
                        .count("count.products", Count::one(c.products.len() as u32), &[])
                };
                let summary = self.t(
                    "meta.compare_description",
                    &[
                        ("left", &left.name),
                        ("left_products", &count(left)),
                        ("right", &right.name),
                        ("right_products", &count(right)),
                    ],
                );
                (summary, None)
            }
        }
    }

    /// The default language, for a verdict shown in its words for want of
    /// a translation into the page's.
    fn verdict_lang(&self, slug: &str) -> Option<String> {
        self.fallback_lang(self.site.fallback.verdicts.contains(slug))
    }

    /// Links to the category-versus-category pages (those involving `only`).
    pub(crate) fn pair_links(&self, only: Option<&str>, reads: &mut Reads) -> Vec<LinkView> {
        let site = self.site;
        site.config
            .category_pairs
            .iter()
            .filter(|pair| only.is_none_or(|c| pair.left == c || pair.right == c))
            .inspect(|pair| {
                reads.insert(Target::Category(pair.left.clone()));
                reads.insert(Target::Category(pair.right.clone()));
            })
            .map(|pair| LinkView {
                title: self.t(
                    "meta.compare",
                    &[
                        ("left", &site.categories[&pair.left].name),
                        ("right", &site.categories[&pair.right].name),
                    ],
                ),
                url: self.url(&compare_path(&pair.left, &pair.right)),
                lang: None,
                hreflang: None,
            })
            .collect()
    }
}
