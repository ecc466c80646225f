//! Markdown as the renderer renders it: the pure event transforms of
//! `markdown`, given the site around them (`Surroundings`). Wiki links
//! resolve to URLs and titles, `usage` and `compare` blocks are drawn with
//! the embed partials, tables get the site's frame, and each notes what it
//! read, so the page that shows the text is rendered again when it changes.

use super::comparison::{
    Field, TableSpec, category_table, default_fields, named_fields, product_table, side_by_side,
};
use super::markdown::{Heading, Surroundings, render_translation, render_with_outline};
use super::views::{ComparisonTable, ProseTable};
use super::{Reads, Renderer};
use vial_base::text::in_sentence_case;
use vial_site::link::{CompareSpec, CompareSubject, Embed, Target, parse_embed};
use vial_site::model::{Category, Product};

/// The partials markdown is rendered with: its embeds, then the frame of
/// its tables.
pub const EMBED_PARTIALS: [&str; 3] = [
    "partials/usage_card.html",
    "partials/comparison.html",
    "partials/prose_table.html",
];

impl Renderer<'_> {
    /// The HTML of a markdown text; `reads` gets what its links and embeds
    /// read.
    pub(crate) fn markdown(&self, text: &str, reads: &mut Reads) -> String {
        self.markdown_with_outline(text, None, reads).0
    }

    /// The HTML of a markdown text, and its headings; a translation of
    /// `original` keeps its headings' ids (see `markdown::headings`).
    pub(crate) fn markdown_with_outline(
        &self,
        text: &str,
        original: Option<&str>,
        reads: &mut Reads,
    ) -> (String, Vec<Heading>) {
        let tracker = Tracking {
            renderer: self,
            reads: std::cell::RefCell::new(Reads::default()),
        };
        let rendered = match original {
            Some(original) => render_translation(text, original, &tracker),
            None => render_with_outline(text, &tracker),
        };
        reads.merge(tracker.reads.into_inner());
        rendered
    }

    /// Categories side by side, with what their products' data says.
    pub(crate) fn category_comparison(
        &self,
        categories: &[&Category],
        reads: &mut Reads,
    ) -> ComparisonTable {
        for c in categories {
            reads.insert(Target::Category(c.slug.clone()));
            reads.extend(c.products.iter().cloned().map(Target::Product));
        }
        category_table(&self.words(), categories, &|c| self.category_link(c))
    }

    /// The HTML of a `usage` or `compare` block.
    fn embed(&self, embed: &Embed, reads: &mut Reads) -> String {
        match embed {
            Embed::Usage { product } => {
                let card = self.usage_card(&self.site.products[product], false, reads);
                self.render_partial(EMBED_PARTIALS[0], "card", &card)
            }
            Embed::Compare(spec) => {
                let table = self.compare_embed(spec, reads);
                self.render_partial(EMBED_PARTIALS[1], "table", &table)
            }
        }
    }

    /// The table of a `compare` block: categories side by side, or
    /// products on the fields it names.
    fn compare_embed(&self, spec: &CompareSpec, reads: &mut Reads) -> ComparisonTable {
        let site = self.site;
        let fields: Vec<Field> = match &spec.fields {
            Some(keys) => named_fields(&site.config, keys),
            None => default_fields(&site.config),
        };
        if let CompareSubject::Categories(slugs) = &spec.subject {
            let categories: Vec<&Category> = slugs.iter().map(|s| &site.categories[s]).collect();
            return self.category_comparison(&categories, reads);
        }
        let (slugs, caption) = self.compared_products(&spec.subject, reads);
        let products: Vec<&Product> = slugs.into_iter().filter_map(|s| site.product(s)).collect();
        let names_terms = fields.iter().any(|f| matches!(f, Field::Terms(_)));
        for p in &products {
            reads.insert(Target::Product(p.slug.clone()));
            self.read_term_names(p, names_terms, reads);
        }
        let spec = TableSpec {
            caption,
            side_by_side: side_by_side(&site.config, products.len()),
            current: None,
        };
        product_table(&self.words(), &products, &fields, spec, &|q| {
            self.product_link(q)
        })
    }

    /// The products a `compare` block of products names, by slug, and the
    /// table's caption.
    fn compared_products<'s>(
        &'s self,
        subject: &'s CompareSubject,
        reads: &mut Reads,
    ) -> (Vec<&'s String>, String) {
        let site = self.site;
        match subject {
            CompareSubject::Products(p) => (p.iter().collect(), self.t("comparison.products", &[])),
            CompareSubject::Category(c) => {
                let c = &site.categories[c];
                (
                    c.products.iter().collect(),
                    self.t("comparison.compared", &[("name", &c.name)]),
                )
            }
            CompareSubject::Term(key, slug) => {
                let term = site.taxonomies.term(key, slug);
                reads.insert(Target::Term(key.clone(), slug.clone()));
                (
                    term.map(|t| t.products.iter().collect())
                        .unwrap_or_default(),
                    self.t(
                        "comparison.for_term",
                        &[("term", term.map_or(slug.as_str(), |t| &t.name))],
                    ),
                )
            }
            CompareSubject::Categories(_) => unreachable!("compared as categories"),
        }
    }
}

/// The renderer as markdown sees it, noting what each link and embed reads.
struct Tracking<'r, 'a> {
    renderer: &'r Renderer<'a>,
    reads: std::cell::RefCell<Reads>,
}

impl Renderer<'_> {
    /// Whether `target`'s name is a common noun (a category, a term of a
    /// taxonomy without `proper_names`) in a language whose strings write
    /// those in small letters inside a sentence.
    fn is_common_noun(&self, target: &Target) -> bool {
        let common = match target {
            Target::Category(_) => true,
            Target::Term(key, _) => self
                .site
                .config
                .taxonomy(key)
                .is_some_and(|decl| !decl.proper_names),
            _ => false,
        };
        common && self.t("grammar.small_letters_in_sentences", &[]) == "yes"
    }
}

impl Surroundings for Tracking<'_, '_> {
    fn link(&self, destination: &str, in_sentence: bool) -> Option<(String, String)> {
        let r = self.renderer;
        let target = r.resolver.resolve(destination).ok()?;
        let title = r.resolver.title(&target);
        let title = if in_sentence && r.is_common_noun(&target) {
            in_sentence_case(&title)
        } else {
            title
        };
        let found = (r.target_url(&target), title);
        self.reads.borrow_mut().insert(target);
        Some(found)
    }

    fn languages(&self, destination: &str) -> (Option<String>, Option<String>) {
        let r = self.renderer;
        // Nothing falls back on most sites: no link is resolved again.
        if r.site.fallback.is_empty() {
            return (None, None);
        }
        match r.resolver.resolve(destination) {
            Ok(target) => (
                r.elsewhere(&target),
                r.fallback_lang(r.site.fallback.has(&target)),
            ),
            Err(_) => (None, None),
        }
    }

    fn table(&self, columns: &[String], html: String) -> String {
        let r = self.renderer;
        let frame = ProseTable {
            columns: r.strings.list(columns),
            html,
        };
        r.render_partial(EMBED_PARTIALS[2], "prose_table", &frame)
    }

    fn embed(&self, language: &str, body: &str) -> Option<String> {
        let embed = parse_embed(self.renderer.site, language, body)?.ok()?;
        let mut reads = Reads::default();
        let html = self.renderer.embed(&embed, &mut reads);
        self.reads.borrow_mut().merge(reads);
        Some(html)
    }
}
