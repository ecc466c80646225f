//! What the index holds of each page: the site's model and strings in, one
//! `Record` per product, category, guide and taxonomy term out, in the order
//! that gives them their numbers (products grouped by category, so a
//! category filter is a range of numbers).
//!
//! Products are read from their data, the way their pages show it: name,
//! byline term, category, every declared taxonomy's terms, spec labels and
//! values (`spec_value`), the schedule (`Schedule::describe`), slots and
//! steps; markdown as plain text. Every word comes from the site or its
//! strings.
//!
//! Here: the records and the catalogue, read kind by kind. How each kind
//! reads is in `reader`; what is kept between builds in `cache`.

mod cache;
mod reader;

use std::sync::Arc;

use rayon::prelude::*;

pub use cache::RecordCache;
use reader::Reader;
use vial_site::i18n::Strings;
use vial_site::link::{Resolver, Target};
use vial_site::model::{Category, Guide, Product, Site, Taxon};

/// One searchable page.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub target: Target,
    pub url: String,
    pub title: String,
    /// The line under the title: byline and category, a date, a count.
    pub meta: String,
    /// What a word of the title and of the meta weighs (`search.weights`).
    head_weights: (u8, u8),
    /// The names a reader may type whole to find this page first: its
    /// title and its `aka:` (none for a guide, whose title is a sentence).
    pub names: Vec<String>,
    /// The text the excerpt is cut from: its parts, joined.
    pub text: String,
    /// Where each part of `text` lies, with its weight.
    parts: Vec<(u8, std::ops::Range<usize>)>,
    /// Whether the first part is the page's summary (an excerpt shows it
    /// unless the words were found in another part).
    has_summary: bool,
    /// Wiki links of its markdown and the titles they showed.
    named: Vec<(String, String)>,
    /// A hash of all of the above: records with the same one index alike.
    pub fingerprint: u64,
}

/// A kind of page and the record numbers it has.
#[derive(Debug, Clone, PartialEq)]
pub struct KindRange {
    pub key: String,
    /// One: shown on a result.
    pub label: String,
    /// Many: shown in the filter.
    pub plural: String,
    pub from: usize,
    pub to: usize,
}

/// A category: its products' numbers and its own page's.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryRange {
    pub name: String,
    pub from: usize,
    pub to: usize,
    /// The number of the category's own record; none for a category the
    /// language leaves out (`untranslated: omit`), whose translated
    /// products are still found.
    pub page: Option<usize>,
    /// The default language's code when its name is in its words, for
    /// want of a translation: the filter's option is marked with it.
    pub lang: Option<String>,
}

/// Every record in number order, with the ranges filters use.
#[derive(Debug, Default)]
pub struct Catalogue {
    /// Every record's fingerprint, by number.
    pub fingerprints: Vec<u64>,
    /// The records, by number; none for an index made once, which needs
    /// nothing of them once `Made` saw them.
    pub records: Vec<Arc<Record>>,
    pub kinds: Vec<KindRange>,
    pub categories: Vec<CategoryRange>,
    /// Groups of words or phrases a reader may type for one another,
    /// folded as the index folds words (`synonyms`).
    pub synonyms: Vec<Vec<String>>,
}

impl Record {
    /// Indexed text with its weight: the title, the meta, then each part
    /// of the text.
    pub fn fields(&self) -> impl Iterator<Item = (u8, &str)> {
        let (title, meta) = self.head_weights;
        [(title, &*self.title), (meta, &*self.meta)]
            .into_iter()
            .chain(
                self.parts
                    .iter()
                    .map(|(w, at)| (*w, &self.text[at.clone()])),
            )
    }
}

impl Record {
    /// The summary, if the record has one, and the texts of the other
    /// parts, in order: what a result's excerpt is chosen from.
    pub fn summary_and_parts(&self) -> (Option<&str>, impl Iterator<Item = &str>) {
        let mut parts = self.parts.iter().map(|(_, at)| &self.text[at.clone()]);
        let summary = if self.has_summary { parts.next() } else { None };
        (summary, parts)
    }
}

/// How many records are made at once before `Made` sees them.
const SLICE: usize = 1024;

/// Sees each slice of records as soon as it is made, with the number of
/// its first record: a build indexes them there and lets them go, so that
/// the texts of all the records never wait together.
pub type Made<'m> = dyn FnMut(usize, &[Arc<Record>]) + 'm;

/// `make` of each item, in parallel, a slice at a time, numbered after
/// those of `cat`; `made` sees each slice. The records go into `cat`
/// unless `once`.
fn in_slices<T: Sync>(
    items: &[T],
    cat: &mut Catalogue,
    once: bool,
    made: &mut Made<'_>,
    make: impl Fn(&T) -> Arc<Record> + Sync,
) {
    for slice in items.chunks(SLICE) {
        let slice: Vec<Arc<Record>> = slice.par_iter().map(&make).collect();
        made(cat.fingerprints.len(), &slice);
        cat.fingerprints.extend(slice.iter().map(|r| r.fingerprint));
        if !once {
            cat.records.extend(slice);
        }
    }
}

/// Reads every record of `site`, taking what did not change from `cache`
/// and leaving this build's records in it; `made` sees them as they are
/// made, before `cache` holds them.
pub fn catalogue(
    site: &Site,
    strings: &Arc<Strings>,
    cache: &mut RecordCache,
    made: &mut Made<'_>,
) -> Catalogue {
    cache.hold_context(site, strings);
    let reader = Reader {
        site,
        strings,
        resolver: Resolver::new(site),
    };
    // Links are checked only when some page's name changed.
    let check = cache.names_changed(site).then_some(&reader.resolver);
    let mut cat = Catalogue::default();
    let ranges = read_products(&mut cat, &reader, cache, check, made);
    read_categories(&mut cat, &reader, ranges, cache.once(), made);
    read_guides(&mut cat, &reader, cache, check, made);
    read_pages(&mut cat, &reader, cache.once(), made);
    read_terms(&mut cat, &reader, cache.once(), made);
    cat.synonyms = synonyms(site);
    cat
}

/// The site's synonyms: the groups `search: synonyms:` declares, and each
/// category's and term's name with its `aka:` (`fertilizer, fertiliser`),
/// folded; phrases that fold to nothing, and groups left with fewer than
/// two, go.
fn synonyms(site: &Site) -> Vec<Vec<String>> {
    let declared = site.config.search.synonyms.iter().cloned();
    let categories = (site.categories.values()).map(|c| named_aka(&c.name, &c.aka));
    let terms = (site.config.taxonomies.iter())
        .flat_map(|d| site.taxonomies.terms(&d.key))
        .map(|t| named_aka(&t.name, &t.aka));
    let mut groups: Vec<Vec<String>> = declared
        .chain(categories.chain(terms).flatten())
        .filter_map(|group| {
            let mut folded: Vec<String> = group.iter().map(|p| crate::text::phrase(p)).collect();
            folded.retain(|p| !p.is_empty());
            folded.sort_unstable();
            folded.dedup();
            (folded.len() > 1).then_some(folded)
        })
        .collect();
    groups.sort_unstable();
    groups.dedup();
    groups
}

/// A name and its other names, when it has any.
fn named_aka(name: &str, aka: &[String]) -> Option<Vec<String>> {
    (!aka.is_empty()).then(|| {
        std::iter::once(name.to_string())
            .chain(aka.iter().cloned())
            .collect()
    })
}

/// The products, category by category, in each category's name order;
/// returns each category's name and the range of its products' numbers.
fn read_products(
    cat: &mut Catalogue,
    reader: &Reader,
    cache: &mut RecordCache,
    check: Option<&Resolver>,
    made: &mut Made<'_>,
) -> Vec<(String, usize, usize)> {
    let site = reader.site;
    let mut products: Vec<(&Category, &Arc<Product>)> = Vec::new();
    let mut ranges = Vec::new();
    for category in site.categories.values() {
        let from = products.len();
        products.extend(
            category
                .products
                .iter()
                .filter_map(|slug| Some((category, site.products.get(slug)?))),
        );
        ranges.push((category.name.clone(), from, products.len()));
    }
    in_slices(&products, cat, cache.once(), made, |(c, p)| {
        cache
            .product(site, p, &c.name, check)
            .unwrap_or_else(|| Arc::new(reader.product(p, c)))
    });
    cache.keep_products(&products, &cat.records);
    let strings = reader.strings;
    cat.push_kind(
        "product",
        strings.text("search.kind.product", &[]),
        strings.text("search.kinds.product", &[]),
        0,
    );
    ranges
}

/// Whether the language has the page of category `c`: not when it leaves
/// it out (`untranslated: omit`). Its translated products it has.
fn listed(site: &Site, c: &Category) -> bool {
    !site.omits(&Target::Category(c.slug.clone()))
}

/// The categories' own pages, and the ranges of their products' numbers
/// (`ranges`, from `read_products`), each with its page's number.
fn read_categories(
    cat: &mut Catalogue,
    reader: &Reader,
    ranges: Vec<(String, usize, usize)>,
    once: bool,
    made: &mut Made<'_>,
) {
    let pages_from = cat.fingerprints.len();
    let categories: Vec<&Category> = (reader.site.categories.values())
        .filter(|c| listed(reader.site, c))
        .collect();
    in_slices(&categories, cat, once, made, |c| {
        Arc::new(reader.category(c))
    });
    let strings = reader.strings;
    cat.push_kind(
        "category",
        strings.text("search.kind.category", &[]),
        strings.text("search.kinds.category", &[]),
        pages_from,
    );
    // A category left out has no record: the others' numbers follow on.
    let mut pages = pages_from..;
    cat.categories = (reader.site.categories.values())
        .zip(ranges)
        .map(|(c, (name, from, to))| CategoryRange {
            name,
            from,
            to,
            page: listed(reader.site, c).then(|| pages.next()).flatten(),
            lang: (reader.site.fallback.categories.contains(&c.slug))
                .then(|| reader.site.config.languages.default.clone()),
        })
        .collect();
}

/// The guides.
fn read_guides(
    cat: &mut Catalogue,
    reader: &Reader,
    cache: &mut RecordCache,
    check: Option<&Resolver>,
    made: &mut Made<'_>,
) {
    let site = reader.site;
    let guides: Vec<&Arc<Guide>> = (site.guides.values())
        .filter(|g| !site.omits(&Target::Guide(g.slug.clone())))
        .collect();
    let guides_from = cat.fingerprints.len();
    in_slices(&guides, cat, cache.once(), made, |g| {
        cache
            .guide(site, g, check)
            .unwrap_or_else(|| Arc::new(reader.guide(g, Target::Guide(g.slug.clone()))))
    });
    let records = cat.records.get(guides_from..).unwrap_or_default();
    cache.keep_guides(&guides, records);
    let strings = reader.strings;
    cat.push_kind(
        "guide",
        strings.text("search.kind.guide", &[]),
        strings.text("search.kinds.guide", &[]),
        guides_from,
    );
}

/// The free pages: few, read again on every build. A site without any
/// has no such kind.
fn read_pages(cat: &mut Catalogue, reader: &Reader, once: bool, made: &mut Made<'_>) {
    let site = reader.site;
    if site.pages.is_empty() {
        return;
    }
    let pages: Vec<&Arc<Guide>> = (site.pages.values())
        .filter(|g| !site.omits(&Target::Page(g.slug.clone())))
        .collect();
    let from = cat.fingerprints.len();
    in_slices(&pages, cat, once, made, |g| {
        Arc::new(reader.guide(g, Target::Page(g.slug.clone())))
    });
    let strings = reader.strings;
    cat.push_kind(
        "page",
        strings.text("search.kind.page", &[]),
        strings.text("search.kinds.page", &[]),
        from,
    );
}

/// The terms of each taxonomy, taxonomy by taxonomy.
fn read_terms(cat: &mut Catalogue, reader: &Reader, once: bool, made: &mut Made<'_>) {
    for decl in &reader.site.config.taxonomies {
        let terms: Vec<&Taxon> = (reader.site.taxonomies.terms(&decl.key))
            .filter(|t| {
                !reader.site.leaves_out()
                    || !reader
                        .site
                        .omits(&Target::Term(decl.key.clone(), t.slug.clone()))
            })
            .collect();
        let from = cat.fingerprints.len();
        in_slices(&terms, cat, once, made, |t| {
            Arc::new(reader.term(&decl.key, t))
        });
        cat.push_kind(&decl.key, decl.label.clone(), decl.plural.clone(), from);
    }
}

impl Catalogue {
    /// Notes that the records numbered from `from` on are of kind `key`.
    fn push_kind(&mut self, key: &str, label: String, plural: String, from: usize) {
        self.kinds.push(KindRange {
            key: key.to_string(),
            label,
            plural,
            from,
            to: self.fingerprints.len(),
        });
    }
}
