//! A product's page: its terms and specs, its usage card (schedule, slots,
//! steps and where it goes in the routine, in the site's words), its
//! comparison with the most similar products, those products with what they
//! have in common, and more of its category.

use tera::Context;

use crate::comparison::{TableSpec, default_fields, product_table};
use crate::picture::Role;
use crate::placement::placement;
use crate::similar::{Ranking, Reason, Similar, similar};
use crate::views::*;
use crate::{Fragments, PageKind, Reads, Renderer};
use vial_site::link::Target;
use vial_site::model::rules::reminders_of;
use vial_site::model::{ANY_TIME, Category, Product};
use vial_site::words::{spec_value, strength_text, term_text};

/// Of those, how many its comparison table holds beside it.
const COMPARED: usize = 3;
/// Reasons shown with each similar product.
const REASONS: usize = 2;
/// Other products of the category listed.
const MORE_IN_CATEGORY: usize = 12;

impl Renderer<'_> {
    /// The page of product `slug`.
    pub(super) fn product_page(
        &self,
        kind: &PageKind,
        slug: &str,
        context: &mut Context,
        reads: &mut Reads,
    ) -> (&'static str, PageMeta) {
        let site = self.site;
        let product = &site.products[slug];
        let view = self.product_view(product, reads);
        let category = &site.categories[&product.category];
        let description = if product.summary.is_empty() {
            self.t(
                "meta.product_description",
                &[("product", &product.name), ("category", &category.name)],
            )
        } else {
            product.summary.clone()
        };
        let mut meta = self.meta(kind, "product", &product.name, &description);
        meta.og_type = "product";
        meta.breadcrumbs = vec![
            self.home_crumb(),
            self.crumb(&self.t("meta.categories", &[]), "categories/"),
            self.category_link(category),
            self.marked_crumb(&product.name, kind, &Target::Product(product.slug.clone())),
        ];
        context.insert("product", &view);
        meta.image = view.image.clone();
        ("product.html", meta)
    }

    /// The usage card of `p`; `on_its_page` leaves out the link to the page
    /// the card is on.
    pub(crate) fn usage_card(
        &self,
        p: &Product,
        on_its_page: bool,
        reads: &mut Reads,
    ) -> UsageCard {
        reads.insert(Target::Product(p.slug.clone()));
        let declared = &self.site.config.usage;
        let usage = &p.usage;
        let step_labels: Vec<String> = usage
            .steps
            .iter()
            .map(|i| declared.steps[*i].label.clone())
            .collect();
        let placement = placement(&self.site.config, self.strings, p);
        let reminders = reminders_of(&self.site.config, p)
            .map(str::to_string)
            .collect();
        UsageCard {
            product: self.maybe_link(p, on_its_page),
            frequency: usage.schedule.describe(self.strings, &declared.vocabulary),
            slots: usage
                .slots
                .iter()
                .map(|i| SlotView {
                    key: declared.slots[*i].key.clone(),
                    label: declared.slots[*i].label.clone(),
                })
                .chain(usage.any_time.then(|| SlotView {
                    key: ANY_TIME.to_string(),
                    label: self.strings.text("usage.any_time", &[]),
                }))
                .collect(),
            steps: step_labels,
            placement: placement
                .as_ref()
                .map(|p| p.text.clone())
                .unwrap_or_default(),
            position: placement.as_ref().and_then(|p| p.note.clone()),
            routine: placement.map(|p| p.strip).unwrap_or_default(),
            reminders,
            instructions_html: self.markdown(&usage.instructions.text, reads),
            cautions: usage.cautions.clone(),
            rule_cautions: self.rule_cautions(p),
        }
    }

    /// `p`'s name, linked unless `on_its_page`.
    fn maybe_link(&self, p: &Product, on_its_page: bool) -> MaybeLink {
        let link = self.product_link(p);
        MaybeLink {
            title: link.title,
            lang: link.lang,
            url: (!on_its_page).then_some(link.url),
            hreflang: link.hreflang.filter(|_| !on_its_page),
        }
    }

    /// Everything the product's page shows of it.
    pub(super) fn product_view(&self, p: &Product, reads: &mut Reads) -> ProductView {
        let site = self.site;
        let category = &site.categories[&p.category];
        reads.insert(Target::Category(category.slug.clone()));
        self.read_term_names(p, true, reads);
        let similar = similar(site, self.ranking(), p, reads);
        for s in &similar {
            // The comparison table names their brands.
            self.read_term_names(s.product, false, reads);
        }
        let comparison = self.similar_comparison(p, &similar);
        let same_category = self.more_in_category(category, p, &similar);
        let byline = self.byline_link(p);
        let terms = self.term_groups(p);
        let (image, gallery) = self.image_views(&p.images, Role::Main);
        ProductView {
            lang: self.fallback_lang(self.site.fallback.products.contains(&p.slug)),
            slug: p.slug.clone(),
            routine_key: p.key(),
            name: p.name.clone(),
            url: self.product_url(p),
            byline,
            category: self.category_link(category),
            summary: p.summary.clone(),
            description_html: self.markdown(&p.description.text, reads),
            image,
            gallery,
            terms,
            specs: self.spec_rows(p),
            usage: self.usage_card(p, true, reads),
            backlinks: self.backlinks(&Target::Product(p.slug.clone()), reads),
            same_category: same_category
                .iter()
                .map(|q| self.product_card(q, None, reads))
                .collect(),
            similar: self.similar_cards(&similar, reads),
            comparison,
            shop_links: self.shop_links(p),
        }
    }

    /// The profiles similar products are ranked on, made by the first page
    /// that needs them: taken over from the last rebuild of `vial serve`
    /// when they still hold, and kept for the next.
    fn ranking(&self) -> &Ranking<'_> {
        self.ranking.get_or_init(|| {
            let kept = self.fragments.and_then(Fragments::profiles);
            let ranking = Ranking::new(self.site, kept);
            if let Some(fragments) = self.fragments {
                fragments.keep_profiles(ranking.profiles());
            }
            ranking
        })
    }

    /// `p` side by side with the most similar products; `None` when none
    /// is similar.
    fn similar_comparison(&self, p: &Product, similar: &[Similar]) -> Option<ComparisonTable> {
        // The table compares with the most similar of its own category
        // first: the products a reader weighs it against.
        let compared: Vec<&Product> = std::iter::once(p)
            .chain(similar.iter().map(|s| s.product).take(COMPARED))
            .collect();
        (compared.len() > 1).then(|| {
            let spec = TableSpec {
                caption: self.t("product.comparison_caption", &[("product", &p.name)]),
                side_by_side: true,
                current: Some(&p.slug),
            };
            product_table(
                &self.words(),
                &compared,
                &default_fields(&self.site.config),
                spec,
                &|q| self.product_link(q),
            )
        })
    }

    /// Neighbours of `p` in the category's name order, but those listed as
    /// similar: a small, stable list whatever the category's size.
    fn more_in_category(
        &self,
        category: &Category,
        p: &Product,
        similar: &[Similar],
    ) -> Vec<&Product> {
        let position = category.position(&p.slug);
        let start = position
            .saturating_sub(MORE_IN_CATEGORY / 2)
            .min(category.products.len().saturating_sub(MORE_IN_CATEGORY + 1));
        category
            .products
            .iter()
            .skip(start)
            .take(MORE_IN_CATEGORY + 1 + similar.len())
            .filter(|s| **s != p.slug && !similar.iter().any(|q| q.product.slug == **s))
            .filter_map(|s| self.site.product(s))
            .take(MORE_IN_CATEGORY)
            .collect()
    }

    /// The term of the first one-term taxonomy (a brand, say), shown under
    /// the name.
    fn byline_link(&self, p: &Product) -> Option<LinkView> {
        let decl = self.site.config.taxonomies.iter().find(|t| t.single)?;
        let used = p.terms_of(&decl.key).first()?;
        Some(self.target_link(
            &Target::Term(decl.key.clone(), used.term.slug.to_string()),
            self.site.term_name(&decl.key, &used.term),
        ))
    }

    /// The terms of every taxonomy of many terms, with their strengths.
    fn term_groups(&self, p: &Product) -> Vec<TermGroup> {
        self.site
            .config
            .taxonomies
            .iter()
            .filter(|decl| !decl.single)
            .filter_map(|decl| {
                let used = p.terms_of(&decl.key);
                (!used.is_empty()).then(|| TermGroup {
                    key: decl.key.clone(),
                    label: decl.label.clone(),
                    plural: decl.plural.clone(),
                    terms: used
                        .iter()
                        .map(|t| {
                            let strength = t.strength.map(|n| strength_text(n, decl));
                            self.term_view(&decl.key, &t.term, strength)
                        })
                        .collect(),
                })
            })
            .collect()
    }

    /// The declared specs `p` has a value of.
    fn spec_rows(&self, p: &Product) -> Vec<SpecRow> {
        self.site
            .config
            .specs
            .iter()
            .filter_map(|spec| {
                Some(SpecRow {
                    key: spec.key.clone(),
                    label: spec.label.clone(),
                    value: spec_value(spec, p.specs.get(&spec.key)?, self.strings).text,
                })
            })
            .collect()
    }

    /// The similar products' cards, each with what it has in common with
    /// the page's.
    fn similar_cards(&self, similar: &[Similar], reads: &mut Reads) -> Vec<ProductCard> {
        similar
            .iter()
            .map(|s| {
                let mut card = self.product_card(s.product, None, reads);
                card.reasons = s
                    .reasons
                    .iter()
                    .take(REASONS)
                    .map(|r| self.reason(r))
                    .collect();
                card
            })
            .collect()
    }

    /// What a similar product has in common with the page's, in words.
    fn reason(&self, reason: &Reason) -> ReasonView {
        match reason {
            Reason::Term(decl, used) => ReasonView {
                label: decl.label.clone(),
                value: term_text(self.site, used, decl),
            },
            Reason::Spec(spec, value) => ReasonView {
                label: spec.label.clone(),
                value: value.to_string(),
            },
            Reason::Category(category) => ReasonView {
                label: self.t("comparison.category", &[]),
                value: category.name.clone(),
            },
        }
    }
}
