//! Cards: a product, a guide or a category as a list shows it (a name, a
//! link, a line or two and a picture). The lists, the product and guide
//! pages, term pages and the routine builder all show them, so a card looks
//! the same wherever it is.

use crate::picture::Role;
use crate::views::{CategoryCard, DateView, GuideCard, ProductCard};
use crate::{Reads, Renderer};
use vial_site::link::Target;
use vial_site::model::{Category, Guide, Product};
use vial_site::words::byline;

impl Renderer<'_> {
    /// A product in a list; `strength` is the number it carries for the term
    /// the list is about.
    pub(crate) fn product_card(
        &self,
        p: &Product,
        strength: Option<String>,
        reads: &mut Reads,
    ) -> ProductCard {
        reads.insert(Target::Product(p.slug.clone()));
        reads.insert(Target::Category(p.category.clone()));
        self.read_term_names(p, false, reads);
        let category = &self.site.categories[&p.category];
        let link = self.product_link(p);
        ProductCard {
            lang: link.lang,
            hreflang: link.hreflang,
            name: link.title,
            url: link.url,
            byline: byline(&self.words(), p),
            category: self.category_link(category),
            summary: p.summary.clone(),
            strength,
            reasons: Vec::new(),
            image: p.images.main().map(|i| self.image_view(i, Role::Thumbnail)),
            routine_key: p.key(),
        }
    }

    /// Notes that a page shows `p`'s terms by name (the taxonomy's name for
    /// them, which a description file may change): those of one-term
    /// taxonomies (the byline) only, or all.
    pub(crate) fn read_term_names(&self, p: &Product, all: bool, reads: &mut Reads) {
        for decl in &self.site.config.taxonomies {
            if all || decl.single {
                for used in p.terms_of(&decl.key) {
                    reads.insert(Target::Term(decl.key.clone(), used.term.slug.to_string()));
                }
            }
        }
    }

    /// A date as pages show it, beside its ISO form.
    pub(crate) fn date(&self, iso: &Option<String>) -> Option<DateView> {
        iso.as_ref().map(|iso| DateView {
            shown: self.strings.date(iso),
            iso: iso.clone(),
        })
    }

    /// A guide in a list.
    pub(crate) fn guide_card(&self, g: &Guide, reads: &mut Reads) -> GuideCard {
        reads.insert(Target::Guide(g.slug.clone()));
        GuideCard {
            lang: self.fallback_lang(self.site.fallback.guides.contains(&g.slug)),
            title: g.title.clone(),
            url: self.target_url(&Target::Guide(g.slug.clone())),
            summary: g.summary.clone(),
            date: self.date(&g.date),
        }
    }

    /// Every category, by name.
    pub(crate) fn category_cards(&self, reads: &mut Reads) -> Vec<CategoryCard> {
        let mut categories: Vec<&Category> = (self.site.categories.values())
            .filter(|c| !self.site.omits(&Target::Category(c.slug.clone())))
            .collect();
        categories.sort_by_key(|c| (c.name.to_lowercase(), c.slug.clone()));
        categories
            .into_iter()
            .map(|c| {
                reads.insert(Target::Category(c.slug.clone()));
                CategoryCard {
                    lang: self.fallback_lang(self.site.fallback.categories.contains(&c.slug)),
                    name: c.name.clone(),
                    url: self.category_link(c).url,
                    summary: c.summary.clone(),
                    product_count: c.products.len(),
                }
            })
            .collect()
    }
}
