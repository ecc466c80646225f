//! The pages of a taxonomy: its index (every term, by name) and each
//! term's page (its products, strongest first where the taxonomy has a
//! strength, and its guides, a page of each at a time).

use tera::Context;

use crate::category_data::FilterScope;
use crate::plan::{paged, taxon_pages};
use crate::views::{NameView, PageMeta, TaxonCard, TaxonView, TaxonomyIndexView};
use crate::{PageKind, Reads, Renderer};
use vial_site::config::{Order, TaxonomyDecl};
use vial_site::i18n::Count;
use vial_site::link::Target;
use vial_site::model::Taxon;
use vial_site::words::strength_text;

/// How many product names a term's card on its taxonomy's index shows.
const CARD_PRODUCTS: usize = 3;

impl Renderer<'_> {
    /// The index of taxonomy `key`.
    pub(super) fn taxonomy_index_page(
        &self,
        kind: &PageKind,
        key: &str,
        context: &mut Context,
        reads: &mut Reads,
    ) -> (&'static str, PageMeta) {
        let site = self.site;
        let decl = site.config.taxonomy(key).expect("planned from the config");
        let view = self.taxonomy_index(decl, reads);
        context.insert("taxonomy", &view);
        let description = self.t("meta.taxonomy_description", &[("plural", &decl.plural)]);
        let mut meta = self.meta(kind, "taxonomy-list", &decl.plural, &description);
        meta.breadcrumbs = vec![
            self.home_crumb(),
            self.crumb(&decl.plural, &self.path_of(kind)),
        ];
        ("taxonomy_list.html", meta)
    }

    /// Page `number` of term `slug` of taxonomy `key`, with the filters
    /// when the site offers them.
    pub(super) fn taxon_page(
        &self,
        kind: &PageKind,
        key: &str,
        slug: &str,
        number: usize,
        context: &mut Context,
        reads: &mut Reads,
    ) -> (&'static str, PageMeta) {
        let site = self.site;
        let decl = site.config.taxonomy(key).expect("planned from the config");
        let taxon = site
            .taxonomies
            .term(key, slug)
            .expect("planned from the site");
        let view = self.taxon_view(decl, taxon, number, reads);
        context.insert("taxon", &view);
        let several = taxon.products.len() > site.config.list_page_size;
        context.insert(
            "filters",
            &self.filter_settings(FilterScope::Term(key, taxon), several),
        );
        let description = taxon.what_it_does.clone().unwrap_or_else(|| {
            let count = self.strings.count(
                "count.products",
                Count::one(taxon.products.len() as u32),
                &[],
            );
            self.t(
                "meta.term_description",
                &[
                    ("term", &taxon.name),
                    ("products", &count),
                    ("taxonomy", &decl.label),
                ],
            )
        });
        let mut meta = self.meta(kind, "taxonomy", &taxon.name, &description);
        meta.breadcrumbs = vec![
            self.home_crumb(),
            self.crumb(&decl.plural, &format!("{}/", decl.path)),
            self.marked_crumb(
                &taxon.name,
                kind,
                &Target::Term(decl.key.clone(), taxon.slug.clone()),
            ),
        ];
        ("taxonomy.html", meta)
    }

    fn taxonomy_index(&self, decl: &TaxonomyDecl, reads: &mut Reads) -> TaxonomyIndexView {
        let mut terms: Vec<TaxonCard> = self
            .site
            .taxonomies
            .terms(&decl.key)
            .map(|t| (t, Target::Term(decl.key.clone(), t.slug.clone())))
            .filter(|(_, target)| !self.site.omits(target))
            .map(|(t, target)| {
                let card = self.taxon_card(t, &target, reads);
                reads.insert(target);
                card
            })
            .collect();
        terms.sort_by_key(|t| t.name.to_lowercase());
        TaxonomyIndexView {
            taxonomy: self.taxonomy_view(decl),
            terms,
        }
    }

    /// A term as its taxonomy's index shows it: what it does, if its file
    /// says, its counts and the names of its first products, so that the
    /// index says more than the names it links to.
    fn taxon_card(&self, taxon: &Taxon, target: &Target, reads: &mut Reads) -> TaxonCard {
        let site = self.site;
        let products: Vec<NameView> = taxon
            .products
            .iter()
            .take(CARD_PRODUCTS)
            .filter_map(|s| site.product(s))
            .map(|p| {
                reads.insert(Target::Product(p.slug.clone()));
                NameView {
                    name: p.name.clone(),
                    lang: self.fallback_lang(site.fallback.products.contains(&p.slug)),
                }
            })
            .collect();
        TaxonCard {
            lang: self.fallback_lang(site.fallback.has(target)),
            name: taxon.name.clone(),
            url: self.target_url(target),
            what_it_does: taxon.what_it_does.clone(),
            product_count: taxon.products.len(),
            guide_count: taxon.guides.len(),
            more_products: taxon.products.len().saturating_sub(products.len()),
            products,
        }
    }

    fn taxon_view(
        &self,
        decl: &TaxonomyDecl,
        taxon: &Taxon,
        number: usize,
        reads: &mut Reads,
    ) -> TaxonView {
        let site = self.site;
        let target = Target::Term(decl.key.clone(), taxon.slug.clone());
        // The taxon holds the member list in display order: reading it covers
        // which products are on which page.
        reads.insert(target.clone());
        let per_page = site.config.list_page_size;
        let products = taxon
            .products
            .iter()
            .skip((number - 1) * per_page)
            .take(per_page)
            .filter_map(|s| site.product(s))
            .map(|p| {
                let strength = p
                    .terms_of(&decl.key)
                    .iter()
                    .find(|t| t.term.slug == taxon.slug)
                    .and_then(|t| t.strength)
                    .map(|n| strength_text(n, decl));
                self.product_card(p, strength, reads)
            })
            .collect();
        let total = taxon_pages(taxon, per_page);
        let base = target.path(&site.config);
        let count = self.strings.count(
            "count.products",
            Count::one(taxon.products.len() as u32),
            &[],
        );
        // An order is worth a word only when the numbers differ: one
        // product, or several of one strength, are in name order.
        let ordered = decl
            .strength
            .as_ref()
            .filter(|_| self.strengths_differ(decl, taxon));
        let order_note = ordered.and_then(|s| {
            let key = match s.order {
                Order::Descending => "taxonomy.highest_first",
                Order::Ascending => "taxonomy.lowest_first",
                Order::Name => return None,
            };
            Some(self.t(
                key,
                &[("count", &count), ("label", &s.label.to_lowercase())],
            ))
        });
        let term = (decl.key.clone(), taxon.slug.clone());
        TaxonView {
            lang: self.fallback_lang(site.fallback.terms.contains(&term)),
            taxonomy: self.taxonomy_view(decl),
            name: taxon.name.clone(),
            url: self.url(&paged(&base, number)),
            what_it_does: taxon.what_it_does.clone(),
            description_html: taxon
                .description
                .as_ref()
                .map(|d| self.markdown(&d.text, reads))
                .unwrap_or_default(),
            product_count: taxon.products.len(),
            order_note,
            products,
            pagination: self.pagination(number, total, &|n| paged(&base, n)),
            guides: taxon
                .guides
                .iter()
                .skip((number - 1) * per_page)
                .take(per_page)
                .filter_map(|g| site.guide(g))
                .map(|g| self.guide_card(g, reads))
                .collect(),
            backlinks: self.backlinks(&target, reads),
        }
    }
}

impl Renderer<'_> {
    /// Whether `taxon`'s products carry at least two different strengths.
    fn strengths_differ(&self, decl: &TaxonomyDecl, taxon: &Taxon) -> bool {
        let mut strengths = taxon.products.iter().filter_map(|s| {
            self.site
                .product(s)?
                .terms_of(&decl.key)
                .iter()
                .find(|t| t.term.slug == taxon.slug)?
                .strength
        });
        let first = strengths.next();
        first.is_some_and(|first| strengths.any(|n| n != first))
    }
}
