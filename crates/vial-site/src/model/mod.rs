//! The typed site: raw entries from `load` validated against `site.yaml` and
//! each other (categories exist, steps and slots are declared, specs have
//! the declared type, schedules read) and indexed for rendering. Maps are
//! `BTreeMap`s so every iteration, and so every build, is in the same order.

mod by_key;
mod guide;
mod image;
mod product;
pub mod rules;
mod taxonomy;
mod verdict;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use compact_str::CompactString;
use rayon::prelude::*;

use crate::config::Config;
use crate::load::{Entry, RawCategory, RawGuide, RawProduct, Sources, Taken};
use crate::schedule::Schedule;
pub use by_key::ByKey;
pub use guide::is_date;
pub use image::{Image, Images, LARGE_BYTES, LARGE_SIDE};
pub use taxonomy::{Taxon, Taxonomies};
pub use verdict::Verdict;
use vial_base::diagnostic::{Code, Diagnostic, Diagnostics, Location, suggestion};
use vial_base::text::{capitalize, format_number, slugify};
use vial_yaml::{Origin, Spanned};

pub type Slug = String;

/// Markdown with the file position of its first line, so problems found
/// while rendering it (broken links) point into the right file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Markdown {
    pub text: String,
    pub path: std::path::PathBuf,
    /// Lines of the file above the markdown's first line.
    pub line_offset: usize,
    /// Columns before each line's text (the indentation of a YAML block).
    pub indent: usize,
}

impl Markdown {
    /// Markdown from a YAML text value: its first line sits where the
    /// value starts (the line below a `|` or `>`), indented as far.
    fn from_yaml(origin: &Origin, value: &Spanned<String>) -> Self {
        let location = origin.at(value);
        Markdown {
            text: value.value.clone(),
            path: origin.file.path.clone(),
            line_offset: location.line - 1,
            indent: location.column - 1,
        }
    }

    fn from_yaml_opt(origin: &Origin, value: &Option<Spanned<String>>) -> Self {
        value
            .as_ref()
            .map(|v| Markdown::from_yaml(origin, v))
            .unwrap_or_else(|| Markdown {
                path: origin.file.path.clone(),
                ..Markdown::default()
            })
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A name shown to readers and the slug its taxonomy page lives at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Term {
    pub name: CompactString,
    pub slug: CompactString,
}

impl Term {
    /// A term as written. A name written as a slug (`fine-lines`) reads as
    /// words (`Fine lines`); inner runs of spaces collapse.
    pub fn new(name: &str) -> Self {
        let written = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let slug = slugify(name);
        let name = if written == slug {
            title_from_slug(&slug)
        } else {
            written
        };
        Term {
            name: name.into(),
            slug: slug.into(),
        }
    }
}

/// Whether two names that make one slug are one name written two ways:
/// the same but for letter case, spaces, `-` and `_` (`Fine lines`,
/// `fine-lines`). Others (`Crème` and `Creme`, `C++` and `C`) would put
/// two things on one page under one of their names.
pub fn same_name(a: &str, b: &str) -> bool {
    fn folded(name: &str) -> impl Iterator<Item = char> + '_ {
        name.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|word| !word.is_empty())
            .flat_map(|word| std::iter::once(' ').chain(word.chars().flat_map(char::to_lowercase)))
    }
    folded(a).eq(folded(b))
}

/// A term on a product, with the number it carries there (a strength).
#[derive(Debug, Clone, PartialEq)]
pub struct TermUse {
    pub term: Term,
    pub strength: Option<f64>,
    /// Line and column of the product's file that name it.
    pub at: (u32, u32),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub slug: Slug,
    pub name: String,
    pub summary: String,
    pub description: Markdown,
    pub traits: Vec<(String, String)>,
    pub images: Images,
    /// Its products, sorted by name.
    pub products: Vec<Slug>,
    /// Each product's index in `products`, made on first use.
    pub positions: Positions,
    pub location: Location,
}

impl Category {
    /// Where a product stands in the category's name order.
    pub fn position(&self, product: &str) -> usize {
        let positions = self.positions.0.get_or_init(|| {
            (self.products.iter().enumerate())
                .map(|(i, slug)| (slug.clone(), i))
                .collect()
        });
        positions.get(product).copied().unwrap_or(0)
    }
}

/// Where each product of a category stands. Made when a page first asks,
/// not with the model: an edit re-renders the pages of one or two
/// categories, and indexing every product on each was a large part of the
/// model's time. It follows from `Category::products`, so two categories
/// with the same products compare equal whether or not it was made.
#[derive(Clone, Default)]
pub struct Positions(std::sync::OnceLock<rustc_hash::FxHashMap<Slug, usize>>);

impl PartialEq for Positions {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

// Left out of a category's `Debug` too, which fingerprints it for the next
// build (`incremental::memo`): whether it was made says nothing of the
// category, and a hash map's order is not the same from run to run.
impl std::fmt::Debug for Positions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Positions")
    }
}

/// A spec value, checked against its declaration. Words (Yes, labels) are
/// the renderer's: the model keeps keys and numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum SpecValue {
    Text(CompactString),
    /// `value` in the declared unit, to sort by; `shown` as written.
    Number {
        value: f64,
        shown: CompactString,
    },
    Bool(bool),
    /// The key of an enum's value.
    Choice(CompactString),
    List(Box<[CompactString]>),
}

/// Where a product goes when it does not sit at its routine step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    First,
    Last,
    After(usize),
    Before(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Usage {
    pub schedule: Schedule,
    /// Indexes into the declared slots, in their order (empty when the
    /// site has none).
    pub slots: Vec<usize>,
    /// Indexes into the declared steps, in their order.
    pub steps: Vec<usize>,
    pub position: Option<Position>,
    pub instructions: Markdown,
    pub cautions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    pub slug: Slug,
    pub name: String,
    pub category: Slug,
    pub summary: String,
    pub description: Markdown,
    /// Terms by taxonomy key, in the order written.
    pub terms: ByKey<Box<[TermUse]>>,
    pub specs: ByKey<SpecValue>,
    pub usage: Usage,
    /// When it last changed (YYYY-MM-DD): its `updated`, else the day its
    /// file was modified.
    pub updated: Option<String>,
    pub images: Images,
    pub location: Location,
    /// The hash of its file (`SourceFile::hash`), to tell an unchanged
    /// file on a rebuild.
    pub source: u64,
}

impl Product {
    /// The product's terms of one taxonomy.
    pub fn terms_of(&self, taxonomy: &str) -> &[TermUse] {
        self.terms.get(taxonomy).map_or(&[], |uses| uses)
    }

    /// `<category>/<slug>`: how the theme's scripts (routine builder,
    /// compare picker) and the links they share name a product, so that
    /// they know which category's data file holds it.
    pub fn key(&self) -> String {
        format!("{}/{}", self.category, self.slug)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    pub slug: Slug,
    pub title: String,
    pub summary: String,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub author: Option<String>,
    /// Terms of the taxonomies guides may carry, by taxonomy key.
    pub terms: ByKey<Box<[Term]>>,
    /// Related products named in the front matter.
    pub products: Vec<Slug>,
    pub draft: bool,
    pub images: Images,
    pub body: Markdown,
    pub location: Location,
    /// The hash of its file (`SourceFile::hash`), to tell an unchanged
    /// file on a rebuild.
    pub source: u64,
}

/// The products by slug, in slug order (as the sources list them): a map
/// that keeps that order and finds a slug by hashing. Pages and the index
/// look products up by slug tens of thousands of times per build; a
/// search tree spent most of that comparing slugs.
pub type ProductMap<V = Arc<Product>> = indexmap::IndexMap<Slug, V, rustc_hash::FxBuildHasher>;

#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub config: Config,
    pub categories: BTreeMap<Slug, Category>,
    pub products: ProductMap,
    pub guides: BTreeMap<Slug, Arc<Guide>>,
    pub taxonomies: Arc<Taxonomies>,
    /// Written verdicts of category pairs, by the pair's slug.
    pub verdicts: BTreeMap<Slug, Arc<Verdict>>,
    /// Every product slug, sorted by name: the order of the product list.
    pub product_order: Vec<Slug>,
    /// The guides newest first (undated last), then by title: the order of
    /// the guide list and the feeds, sorted once rather than per page.
    guide_order: Vec<Arc<Guide>>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Slugs of content files that exist but are invalid (already reported).
    pub broken: BTreeSet<Slug>,
}

impl Site {
    /// Validates the loaded sources. Drafts are kept only with `drafts`.
    /// Content that does not validate is left out of the site and reported;
    /// its slug goes into `broken` so that links to it are not reported again.
    pub fn build(config: Config, sources: &Sources, drafts: bool) -> (Site, Diagnostics) {
        Self::build_reusing(config, sources, None, &sources.unreadable(), drafts, None)
    }

    /// `build`, taking products and guides whose file did not change from
    /// `previous` (built with the same config) instead of validating them
    /// again: a rebuild after one edit then costs little more than the edit.
    /// `unreadable` is `sources.unreadable()`, passed in when already known.
    pub fn build_reusing(
        config: Config,
        sources: &Sources,
        taken: Option<Taken>,
        unreadable: &BTreeSet<Slug>,
        drafts: bool,
        previous: Option<&Site>,
    ) -> (Site, Diagnostics) {
        let mut problems = Diagnostics::default();
        let mut broken = unreadable.clone();
        let known = Known {
            products: &sources.products,
            unreadable,
            config: &config,
        };
        let mut categories: BTreeMap<Slug, Category> = sources
            .categories
            .entries()
            .map(|e| {
                (
                    e.slug.clone(),
                    category(e, &sources.images, &mut problems.0),
                )
            })
            .collect();
        let (products, guides) = match taken {
            Some(Taken { products, guides }) => (Entries::Taken(products), Entries::Taken(guides)),
            None => (
                Entries::Kept(sources.products.entries().collect()),
                Entries::Kept(sources.guides.entries().collect()),
            ),
        };
        let products = validate_products(
            &config,
            sources,
            products,
            &categories,
            unreadable,
            previous,
        );
        let mut products_ok: Vec<(Slug, Arc<Product>)> = Vec::with_capacity(products.len());
        for (slug, result) in products {
            match result {
                // Its category exists but did not load: leave it out too.
                Ok(p) if !categories.contains_key(&p.category) => {
                    broken.insert(p.slug.clone());
                }
                Ok(p) => products_ok.push((slug, p)),
                Err(mut d) => {
                    broken.insert(slug);
                    problems.0.append(&mut d);
                }
            }
        }
        // Paths sort `a-b.yaml` before `a.yaml`; slugs sort `a` first. The
        // stable sort takes the runs already in order as they are: the
        // list is nearly sorted, and sorting it from scratch was a cost of
        // every rebuild.
        products_ok.sort_by(|a, b| a.0.cmp(&b.0));
        let products: ProductMap = products_ok.into_iter().collect();
        let reusable = |e: &Entry<RawGuide>| {
            let old = previous?.guides.get(&e.slug)?;
            let products_exist = old.products.iter().all(|p| known.products.has_slug(p));
            (old.source == e.origin.file.hash
                && products_exist
                && old.images.unchanged(&sources.images))
            .then(|| Arc::clone(old))
        };
        // In parallel: checking that each guide's products still exist
        // is a cost of every rebuild.
        let checked: Vec<(Slug, Validated<Guide>)> = guides.map(|e| {
            let fresh = || guide::guide(&known, &sources.images, e).map(Arc::new);
            (e.slug.clone(), reusable(e).map_or_else(fresh, Ok))
        });
        let guides: BTreeMap<Slug, Arc<Guide>> = checked
            .into_iter()
            .filter_map(|(slug, checked)| match checked {
                Ok(g) if g.draft && !drafts => None,
                Ok(g) => Some((g.slug.clone(), g)),
                Err(mut d) => {
                    broken.insert(slug);
                    problems.0.append(&mut d);
                    None
                }
            })
            .collect();
        for pair in &config.category_pairs {
            for slug in [&pair.left, &pair.right] {
                if !categories.contains_key(slug) {
                    problems.push(
                        config
                            .source
                            .error(
                                Code::UnknownCategory,
                                pair.location.clone(),
                                format!("unknown category `{slug}` in `compare`"),
                            )
                            .with_help(suggestion(slug, categories.keys().map(String::as_str))),
                    );
                }
            }
        }
        let verdicts: BTreeMap<Slug, Arc<Verdict>> = sources
            .verdicts
            .entries()
            .filter_map(|e| {
                let old = previous
                    .and_then(|old| old.verdicts.get(&e.slug))
                    .filter(|old| old.source == e.origin.file.hash);
                match old.map_or_else(
                    || verdict::verdict(&config, e).map(Arc::new),
                    |v| Ok(Arc::clone(v)),
                ) {
                    Ok(v) => Some((v.slug.clone(), v)),
                    Err(mut d) => {
                        broken.insert(e.slug.clone());
                        problems.0.append(&mut d);
                        None
                    }
                }
            })
            .collect();
        let members = name_order(&products, previous);
        for product in &members {
            if let Some(category) = categories.get_mut(&product.category) {
                category.products.push(product.slug.clone());
            }
        }
        // Taxonomies depend on every product's terms: when no product's or
        // guide's terms changed, the last build's are still right.
        let taxonomies = match previous
            .filter(|old| old.taxonomies.still_valid(old, &members, &guides, sources))
        {
            Some(old) => Arc::clone(&old.taxonomies),
            None => Arc::new(Taxonomies::build(&config, &members, &guides, sources)),
        };
        problems.0.extend(taxonomies.errors.iter().cloned());
        let mut warnings = taxonomies.warnings.clone();
        let (routine_errors, routine_warnings) = rules::check(&config, &categories, &taxonomies);
        problems.0.extend(routine_errors);
        warnings.extend(routine_warnings);
        let images = (categories.values().map(|c| &c.images))
            .chain(products.values().map(|p| &p.images))
            .chain(guides.values().map(|g| &g.images));
        for images in images {
            warnings.extend(images.warnings().iter().cloned());
        }
        let product_order = members.iter().map(|p| p.slug.clone()).collect();
        let guide_order = by_date(&guides);
        let site = Site {
            config,
            categories,
            products,
            guides,
            taxonomies,
            verdicts,
            product_order,
            guide_order,
            warnings,
            broken,
        };
        (site, problems)
    }

    pub fn product(&self, slug: &str) -> Option<&Product> {
        self.products.get(slug).map(Arc::as_ref)
    }

    pub fn guide(&self, slug: &str) -> Option<&Guide> {
        self.guides.get(slug).map(Arc::as_ref)
    }

    /// Guides sorted newest first (undated last), then by title.
    pub fn guides_by_date(&self) -> impl ExactSizeIterator<Item = &Guide> {
        self.guide_order.iter().map(Arc::as_ref)
    }
}

/// `guides` newest first (undated last), then by title regardless of case.
fn by_date(guides: &BTreeMap<Slug, Arc<Guide>>) -> Vec<Arc<Guide>> {
    let mut order: Vec<(String, &Arc<Guide>)> = guides
        .values()
        .map(|g| (g.title.to_lowercase(), g))
        .collect();
    // Stable, as before: guides of one date and title stay in slug order.
    order.sort_by(|(a_title, a), (b_title, b)| {
        b.date.cmp(&a.date).then_with(|| a_title.cmp(b_title))
    });
    order.into_iter().map(|(_, g)| Arc::clone(g)).collect()
}

/// Every product entry checked, in parallel (at thousands of products this
/// is most of the model's time); products whose file did not change since
/// `previous` are taken over.
fn validate_products(
    config: &Config,
    sources: &Sources,
    entries: Entries<RawProduct>,
    categories: &BTreeMap<Slug, Category>,
    unreadable: &BTreeSet<Slug>,
    previous: Option<&Site>,
) -> Vec<(Slug, Validated<Product>)> {
    let reusable = |e: &Entry<RawProduct>| {
        let old = previous?.products.get(&e.slug)?;
        // Valid before, same file and images, its category still there:
        // valid now.
        (old.source == e.origin.file.hash
            && categories.contains_key(&old.category)
            && old.images.unchanged(&sources.images))
        .then(|| Arc::clone(old))
    };
    entries.map(|e| {
        let result = match reusable(e) {
            Some(p) => Ok(p),
            None => {
                product::product(config, categories, unreadable, &sources.images, e).map(Arc::new)
            }
        };
        (e.slug.clone(), result)
    })
}

/// The entries of a content folder the model reads: kept in the sources
/// (the preview reads them again on its next rebuild), or taken from them
/// (a build or a check, which reads them once).
enum Entries<'a, T> {
    Kept(Vec<&'a Entry<T>>),
    Taken(Vec<Entry<T>>),
}

impl<T: Send + Sync> Entries<'_, T> {
    /// `f` of each entry, in parallel, in order. A taken entry is dropped
    /// as soon as `f` is done with it: the entries shrink while the model
    /// grows.
    fn map<R: Send>(self, f: impl Fn(&Entry<T>) -> R + Send + Sync) -> Vec<R> {
        match self {
            Entries::Kept(entries) => entries.par_iter().map(|e| f(e)).collect(),
            Entries::Taken(entries) => entries.into_par_iter().map(|e| f(&e)).collect(),
        }
    }
}

/// The products sorted by name (then slug): the last build's order while
/// the same products keep their names, which is the common case of a
/// rebuild and saves lowercasing and sorting them all.
fn name_order<'a>(products: &'a ProductMap, previous: Option<&Site>) -> Vec<&'a Product> {
    let same_names = |old: &Site| {
        old.products.len() == products.len()
            && old
                .products
                .iter()
                .zip(products)
                .all(|((ka, a), (kb, b))| ka == kb && (Arc::ptr_eq(a, b) || a.name == b.name))
    };
    if let Some(old) = previous.filter(|old| same_names(old)) {
        // Same slugs in the same (slug) order: a product's position in the
        // old map is its position in the new one.
        let members: Option<Vec<&Product>> = old
            .product_order
            .iter()
            .map(|slug| {
                let at = old.products.get_index_of(slug.as_str())?;
                products.get_index(at).map(|(_, p)| p.as_ref())
            })
            .collect();
        if let Some(members) = members {
            return members;
        }
    }
    let mut members: Vec<&Product> = products.values().map(Arc::as_ref).collect();
    members.sort_by_cached_key(|p| (p.name.to_lowercase(), p.slug.clone()));
    members
}

/// A product or guide checked, or everything wrong with it.
type Validated<T> = Result<Arc<T>, Vec<Diagnostic>>;

/// Slugs that exist, to check references against.
struct Known<'a> {
    /// The products that loaded, by slug.
    products: &'a crate::load::Folder<RawProduct>,
    unreadable: &'a BTreeSet<Slug>,
    config: &'a Config,
}

impl Known<'_> {
    /// The products in slug order, for suggestions that do not depend on
    /// how a set happens to be laid out.
    fn sorted_products(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self.products.slugs().collect();
        all.sort_unstable();
        all
    }
}

/// A category; problems with its images go into `problems`.
fn category(
    entry: &Entry<RawCategory>,
    files: &crate::load::ImageFiles,
    problems: &mut Vec<Diagnostic>,
) -> Category {
    let raw = &entry.raw;
    Category {
        slug: entry.slug.clone(),
        name: raw
            .name
            .as_ref()
            .map_or_else(|| entry.slug.clone(), |n| n.value.trim().to_string()),
        summary: raw.summary.trim().to_string(),
        description: Markdown::from_yaml_opt(&entry.origin, &raw.description),
        traits: raw
            .traits
            .iter()
            .map(|t| (t.name.clone(), t.value.clone()))
            .collect(),
        images: image::images(&entry.origin, &raw.images, files, problems),
        products: Vec::new(),
        positions: Default::default(),
        location: entry.origin.file.location(1, 1),
    }
}

/// `dry-skin` becomes `Dry skin`, for terms named only by slug.
pub fn title_from_slug(slug: &str) -> String {
    capitalize(&slug.replace('-', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert!(is_date("2026-03-01"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("March 1"));
    }

    #[test]
    fn one_name_written_two_ways_is_one_name() {
        assert!(same_name("Fine lines", "fine-lines"));
        assert!(same_name(" Hyaluronic  Acid", "hyaluronic_acid"));
        assert!(same_name("ÖLIGE HAUT", "ölige haut"));
        assert!(!same_name("Crème", "Creme"));
        assert!(!same_name("C++", "C"));
    }

    #[test]
    fn terms_written_as_slugs_read_as_words() {
        assert_eq!(Term::new("fine-lines").name, "Fine lines");
        assert_eq!(Term::new("Fungus  gnats").name, "Fungus gnats");
        assert_eq!(Term::new("Fungus  gnats").slug, "fungus-gnats");
    }
}
