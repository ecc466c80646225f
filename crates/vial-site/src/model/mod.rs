//! The typed site: raw entries from `load` validated against `site.yaml` and
//! each other (categories exist, steps and slots are declared, specs have
//! the declared type, schedules read) and indexed for rendering. Maps are
//! `BTreeMap`s so every iteration, and so every build, is in the same order.
//!
//! Here the site is assembled, reusing what the last build checked when its
//! file did not change; each kind of content is checked in its own place
//! (`category`, `product` with its `spec`s, `guide`, `verdict`), terms in
//! `term`, and what spans the whole site in `taxonomy` and `rules`. A
//! language's site is this one with its words overlaid (`translated`);
//! how far each translation is, `status` counts.

mod by_key;
mod category;
mod free_page;
mod guide;
mod image;
mod near_miss;
mod product;
mod redirects;
pub mod rules;
mod spec;
mod status;
mod taxonomy;
mod term;
mod translated;
mod verdict;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::load::{Entry, RawGuide, RawProduct, Sources, Taken};
use crate::schedule::Grammar;
pub use by_key::ByKey;
pub use category::{Category, Positions};
pub use free_page::GENERATED;
pub use guide::{Guide, is_date};
pub use image::{Image, Images, LARGE_BYTES, LARGE_SIDE};
pub use product::{ANY_TIME, Position, Product, ShopLink, Usage};
pub use redirects::{Alias, Redirect};
pub use spec::SpecValue;
pub use status::{Coverage, FieldPrint, Part, Print, Status, translation_path};
pub use taxonomy::{Taxon, Taxonomies};
pub use term::{Term, TermUse, same_name};
pub use translated::Fallback;
pub use verdict::Verdict;
use vial_base::diagnostic::{Code, Diagnostic, Diagnostics, suggestion};
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
    /// The free pages (`content/pages/`), by their path below it
    /// (`help/contact`): held as guides (see `free_page`).
    pub pages: BTreeMap<Slug, Arc<Guide>>,
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
    /// How the schedules were read (a rebuild whose strings read them
    /// otherwise reads them again).
    pub grammar: Arc<Grammar>,
    /// What this language's site shows in the default language's words
    /// (empty in the default language).
    pub fallback: Fallback,
    /// Every redirect the build writes, sorted by old address: each page's
    /// aliases (`declared_redirects`), and what the driver adds
    /// (`add_redirects`).
    pub redirects: Vec<Redirect>,
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
        let mut left_out = LeftOut {
            broken: unreadable.clone(),
            problems: Diagnostics::default(),
        };
        let known = Known {
            products: &sources.products,
            unreadable,
            config: &config,
        };
        let mut categories = category::categories(sources, &mut left_out.problems.0);
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
        let products = left_out.keep_products(products, &categories);
        let guides = validate_guides(&known, sources, guides, previous.map(|s| &s.guides));
        let guides = left_out.keep_guides(guides, drafts);
        let pages = Entries::Kept(sources.pages.entries().collect());
        let pages = validate_guides(&known, sources, pages, previous.map(|s| &s.pages));
        let pages = left_out.keep_guides(pages, drafts);
        (left_out.problems.0).extend(free_page::taken_addresses(
            &config,
            &sources.static_files,
            &pages,
        ));
        (left_out.problems.0).extend(free_page::unknown_in_menus(
            &config,
            &sources.pages,
            &categories,
            unreadable,
        ));
        check_pairs(&config, &categories, &mut left_out.problems);
        let verdicts = verdicts(&config, sources, previous, &mut left_out);
        let members = name_order(&products, previous);
        for product in &members {
            if let Some(category) = categories.get_mut(&product.category) {
                category.products.push(product.slug.clone());
            }
        }
        let taxonomies = taxonomies(&config, &members, &guides, sources, previous);
        let LeftOut {
            broken,
            mut problems,
        } = left_out;
        let whole = WholeSite {
            config: &config,
            categories: &categories,
            products: &products,
            guides: &guides,
            pages: &pages,
            taxonomies: &taxonomies,
        };
        let warnings = whole.check(&mut problems);
        let product_order = members.iter().map(|p| p.slug.clone()).collect();
        let guide_order = by_date(&guides);
        let site = Site {
            config,
            categories,
            products,
            guides,
            pages,
            taxonomies,
            verdicts,
            product_order,
            guide_order,
            warnings,
            broken,
            grammar: Arc::clone(&sources.grammar),
            fallback: Fallback::default(),
            redirects: Vec::new(),
        };
        let site = Site {
            redirects: site.declared_redirects(),
            ..site
        };
        (site, problems)
    }

    pub fn product(&self, slug: &str) -> Option<&Product> {
        self.products.get(slug).map(Arc::as_ref)
    }

    /// The name readers see for a term a product or guide names: the term's
    /// own (its description file's `name`, else the first spelling), so
    /// one term reads the same on every page.
    pub fn term_name<'a>(&'a self, taxonomy: &str, term: &'a Term) -> &'a str {
        self.taxonomies
            .term(taxonomy, &term.slug)
            .map_or(term.name.as_str(), |t| t.name.as_str())
    }

    pub fn guide(&self, slug: &str) -> Option<&Guide> {
        self.guides.get(slug).map(Arc::as_ref)
    }

    /// Guides sorted newest first (undated last), then by title.
    pub fn guides_by_date(&self) -> impl ExactSizeIterator<Item = &Guide> {
        self.guide_order.iter().map(Arc::as_ref)
    }
}

/// What the model leaves out of the site, and why: the slugs of content
/// that did not validate (links to them are not reported again) and every
/// problem found.
struct LeftOut {
    broken: BTreeSet<Slug>,
    problems: Diagnostics,
}

impl LeftOut {
    /// Leaves the entry `slug` out, for `problems`.
    fn reject(&mut self, slug: Slug, mut problems: Vec<Diagnostic>) {
        self.broken.insert(slug);
        self.problems.0.append(&mut problems);
    }

    /// The products that passed, by slug; the others are left out.
    fn keep_products(
        &mut self,
        checked: Vec<(Slug, Validated<Product>)>,
        categories: &BTreeMap<Slug, Category>,
    ) -> ProductMap {
        let mut products_ok: Vec<(Slug, Arc<Product>)> = Vec::with_capacity(checked.len());
        for (slug, result) in checked {
            match result {
                // Its category exists but did not load: leave it out too.
                Ok(p) if !categories.contains_key(&p.category) => {
                    self.broken.insert(p.slug.clone());
                }
                Ok(p) => products_ok.push((slug, p)),
                Err(d) => self.reject(slug, d),
            }
        }
        // Paths sort `a-b.yaml` before `a.yaml`; slugs sort `a` first. The
        // stable sort takes the runs already in order as they are: the
        // list is nearly sorted, and sorting it from scratch was a cost of
        // every rebuild.
        products_ok.sort_by(|a, b| a.0.cmp(&b.0));
        products_ok.into_iter().collect()
    }

    /// The guides that passed, by slug, drafts only with `drafts`; the
    /// others are left out.
    fn keep_guides(
        &mut self,
        checked: Vec<(Slug, Validated<Guide>)>,
        drafts: bool,
    ) -> BTreeMap<Slug, Arc<Guide>> {
        checked
            .into_iter()
            .filter_map(|(slug, checked)| match checked {
                Ok(g) if g.draft && !drafts => None,
                Ok(g) => Some((g.slug.clone(), g)),
                Err(d) => {
                    self.reject(slug, d);
                    None
                }
            })
            .collect()
    }
}

/// Every guide (or free page) entry checked, in parallel; those whose file
/// did not change since `previous` (the last build's guides or pages),
/// with their products and images still there, are taken over.
fn validate_guides(
    known: &Known,
    sources: &Sources,
    entries: Entries<RawGuide>,
    previous: Option<&BTreeMap<Slug, Arc<Guide>>>,
) -> Vec<(Slug, Validated<Guide>)> {
    let reusable = |e: &Entry<RawGuide>| {
        let old = previous?.get(&e.slug)?;
        let products_exist = old.products.iter().all(|p| known.products.has_slug(p));
        (old.source == e.origin.file.hash
            && products_exist
            && old.images.unchanged(&sources.images))
        .then(|| Arc::clone(old))
    };
    // In parallel: checking that each guide's products still exist
    // is a cost of every rebuild.
    entries.map(|e| {
        let fresh = || guide::guide(known, &sources.images, e).map(Arc::new);
        (e.slug.clone(), reusable(e).map_or_else(fresh, Ok))
    })
}

/// Each category of a pair `compare:` declares exists.
fn check_pairs(config: &Config, categories: &BTreeMap<Slug, Category>, problems: &mut Diagnostics) {
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
}

/// The verdicts that name a declared pair, by the pair's slug; those whose
/// file did not change since `previous` are taken over.
fn verdicts(
    config: &Config,
    sources: &Sources,
    previous: Option<&Site>,
    left_out: &mut LeftOut,
) -> BTreeMap<Slug, Arc<Verdict>> {
    sources
        .verdicts
        .entries()
        .filter_map(|e| {
            let old = previous
                .and_then(|old| old.verdicts.get(&e.slug))
                .filter(|old| old.source == e.origin.file.hash);
            match old.map_or_else(
                || verdict::verdict(config, e).map(Arc::new),
                |v| Ok(Arc::clone(v)),
            ) {
                Ok(v) => Some((v.slug.clone(), v)),
                Err(d) => {
                    left_out.reject(e.slug.clone(), d);
                    None
                }
            }
        })
        .collect()
}

/// The taxonomies of `members` (the products in name order) and `guides`.
/// They depend on every product's terms: when no product's or guide's
/// terms changed, the last build's are still right.
fn taxonomies(
    config: &Config,
    members: &[&Product],
    guides: &BTreeMap<Slug, Arc<Guide>>,
    sources: &Sources,
    previous: Option<&Site>,
) -> Arc<Taxonomies> {
    match previous.filter(|old| old.taxonomies.still_valid(old, members, guides, sources)) {
        Some(old) => Arc::clone(&old.taxonomies),
        None => Arc::new(Taxonomies::build(config, members, guides, sources)),
    }
}

/// The site's parts, once every page is known: what is checked of the
/// site as a whole.
struct WholeSite<'a> {
    config: &'a Config,
    categories: &'a BTreeMap<Slug, Category>,
    products: &'a ProductMap,
    guides: &'a BTreeMap<Slug, Arc<Guide>>,
    pages: &'a BTreeMap<Slug, Arc<Guide>>,
    taxonomies: &'a Taxonomies,
}

impl WholeSite<'_> {
    /// The taxonomies' and the routine rules' problems (errors go into
    /// `problems`); the warnings come back, with every image's.
    fn check(&self, problems: &mut Diagnostics) -> Vec<Diagnostic> {
        problems.0.extend(self.taxonomies.errors.iter().cloned());
        let mut warnings = self.taxonomies.warnings.clone();
        let (routine_errors, routine_warnings) =
            rules::check(self.config, self.categories, self.taxonomies);
        problems.0.extend(routine_errors);
        warnings.extend(routine_warnings);
        let images = (self.categories.values().map(|c| &c.images))
            .chain(self.products.values().map(|p| &p.images))
            .chain(self.guides.values().map(|g| &g.images))
            .chain(self.pages.values().map(|g| &g.images));
        for images in images {
            warnings.extend(images.warnings().iter().cloned());
        }
        warnings.extend(product::undisclosed(
            self.config,
            self.products.values().map(Arc::as_ref),
        ));
        warnings
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
    // Schedules read as they did only in the same words.
    let same_words = previous
        .is_some_and(|p| Arc::ptr_eq(&p.grammar, &sources.grammar) || p.grammar == sources.grammar);
    let reusable = |e: &Entry<RawProduct>| {
        let old = previous?.products.get(&e.slug)?;
        // Valid before, same file and images, its category still there:
        // valid now.
        (same_words
            && old.source == e.origin.file.hash
            && categories.contains_key(&old.category)
            && old.images.unchanged(&sources.images))
        .then(|| Arc::clone(old))
    };
    entries.map(|e| {
        let result = match reusable(e) {
            Some(p) => Ok(p),
            None => {
                let images = &sources.images;
                product::product(config, categories, unreadable, images, &sources.grammar, e)
                    .map(Arc::new)
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
