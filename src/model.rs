//! The typed site: raw entries from `load` validated against `site.yaml` and
//! each other (categories exist, steps are declared, specs have the declared
//! type) and indexed for rendering. Maps are `BTreeMap`s so every iteration,
//! and so every build, is in the same order.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{Config, SpecField, SpecKind, TimeOfDay, capitalize};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location, suggestion};
use crate::load::{
    Entry, RawActive, RawCategory, RawGuide, RawProduct, RawSpecValue, RawTermInfo, RawUsage,
    Sources,
};
use crate::yaml::{Origin, Spanned};

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
    pub name: String,
    pub slug: Slug,
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
        Term { name, slug }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub slug: Slug,
    pub name: String,
    pub summary: String,
    pub description: Markdown,
    pub traits: Vec<(String, String)>,
    /// Its products, sorted by name.
    pub products: Vec<Slug>,
    /// Each product's index in `products`.
    pub positions: BTreeMap<Slug, usize>,
    pub location: Location,
}

impl Category {
    /// Where a product stands in the category's name order.
    pub fn position(&self, product: &str) -> usize {
        self.positions.get(product).copied().unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Active {
    pub term: Term,
    pub percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SpecValue {
    Text(String),
    Number(f64),
    Bool(bool),
    List(Vec<String>),
}

impl fmt::Display for SpecValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpecValue::Text(s) => f.write_str(s),
            SpecValue::Number(n) => f.write_str(&format_number(*n)),
            SpecValue::Bool(true) => f.write_str("Yes"),
            SpecValue::Bool(false) => f.write_str("No"),
            SpecValue::List(items) => f.write_str(&items.join(", ")),
        }
    }
}

/// Numbers without a needless `.0`: `2`, `0.5`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// How often a product is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Frequency {
    TwiceDaily,
    Daily,
    PerWeek(u8),
    Course { min_days: u16, max_days: u16 },
    AsNeeded,
}

pub const FREQUENCY_FORMS: &str = "`daily`, `twice daily`, `once a week`, `twice a week`, `N times a week`, `course of N days`, `course of N-M days`, `as needed`";

impl Frequency {
    /// Parses the forms listed in `FREQUENCY_FORMS`.
    pub fn parse(text: &str) -> Option<Frequency> {
        let text = text.trim().to_ascii_lowercase().replace(['–', '—'], "-");
        let words: Vec<&str> = text.split_whitespace().collect();
        let count = |w: &str| match w {
            "once" => Some(1),
            "twice" => Some(2),
            _ => w.strip_suffix('x').unwrap_or(w).parse::<u8>().ok(),
        };
        match words.as_slice() {
            ["daily"] | ["once", "daily"] | ["every", "day"] => Some(Frequency::Daily),
            ["twice", "daily"] | ["twice", "a", "day"] | ["am", "and", "pm"] => {
                Some(Frequency::TwiceDaily)
            }
            ["as", "needed"] => Some(Frequency::AsNeeded),
            ["weekly"] => Some(Frequency::PerWeek(1)),
            [n, "a", "week"]
            | [n, "times", "a", "week"]
            | [n, "per", "week"]
            | [n, "times", "per", "week"] => count(n)
                .filter(|n| (1..=7).contains(n))
                .map(Frequency::PerWeek),
            ["course", "of", days, "days" | "day"] => {
                let (min, max) = match days.split_once('-') {
                    Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
                    None => {
                        let d = days.parse().ok()?;
                        (d, d)
                    }
                };
                (min >= 1 && min <= max).then_some(Frequency::Course {
                    min_days: min,
                    max_days: max,
                })
            }
            _ => None,
        }
    }

    /// An approximate number of uses a week, to sort and group by.
    pub fn weekly_uses(self) -> f64 {
        match self {
            Frequency::TwiceDaily => 14.0,
            Frequency::Daily => 7.0,
            Frequency::PerWeek(n) => n as f64,
            Frequency::Course { .. } => 0.5,
            Frequency::AsNeeded => 0.25,
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Frequency::TwiceDaily => f.write_str("Twice daily"),
            Frequency::Daily => f.write_str("Daily"),
            Frequency::PerWeek(1) => f.write_str("Once a week"),
            Frequency::PerWeek(2) => f.write_str("Twice a week"),
            Frequency::PerWeek(n) => write!(f, "{n} times a week"),
            Frequency::Course { min_days, max_days } if min_days == max_days => {
                write!(f, "A course of {min_days} days")
            }
            Frequency::Course { min_days, max_days } => {
                write!(f, "A course of {min_days}–{max_days} days")
            }
            Frequency::AsNeeded => f.write_str("As needed"),
        }
    }
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
    pub frequency: Frequency,
    pub times: Vec<TimeOfDay>,
    /// Index into the site's routine steps.
    pub step: usize,
    pub position: Option<Position>,
    pub instructions: Markdown,
    pub cautions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    pub slug: Slug,
    pub name: String,
    pub brand: Term,
    pub category: Slug,
    pub summary: String,
    pub description: Markdown,
    pub actives: Vec<Active>,
    pub concerns: Vec<Term>,
    pub specs: BTreeMap<String, SpecValue>,
    pub usage: Usage,
    pub location: Location,
    /// The text of its file, to tell an unchanged file on a rebuild.
    pub source: Arc<str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    pub slug: Slug,
    pub title: String,
    pub summary: String,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub author: Option<String>,
    pub concerns: Vec<Term>,
    /// Related products named in the front matter.
    pub products: Vec<Slug>,
    pub draft: bool,
    pub body: Markdown,
    pub location: Location,
    /// The text of its file, to tell an unchanged file on a rebuild.
    pub source: Arc<str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub config: Config,
    pub categories: BTreeMap<Slug, Category>,
    pub products: BTreeMap<Slug, Arc<Product>>,
    pub guides: BTreeMap<Slug, Arc<Guide>>,
    pub taxonomies: Arc<Taxonomies>,
    /// Every product slug, sorted by name: the order of the product list.
    pub product_order: Vec<Slug>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Slugs of content files that exist but are invalid (already reported).
    pub broken: BTreeSet<Slug>,
}

/// One brand, concern or active, and what carries it.
#[derive(Debug, Clone, PartialEq)]
pub struct Taxon {
    pub slug: Slug,
    pub name: String,
    pub what_it_does: Option<String>,
    pub description: Option<Markdown>,
    /// Products carrying it, sorted by name; actives strongest first.
    pub products: Vec<Slug>,
    /// Guides about it (concerns only).
    pub guides: Vec<Slug>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Taxonomies {
    pub brands: BTreeMap<Slug, Taxon>,
    pub concerns: BTreeMap<Slug, Taxon>,
    pub actives: BTreeMap<Slug, Taxon>,
    /// The description files applied, to tell on a rebuild whether they
    /// changed.
    described_by: Vec<Arc<str>>,
    /// Description files no term uses.
    warnings: Vec<Diagnostic>,
}

impl Taxonomies {
    fn build(
        products: &[&Product],
        guides: &BTreeMap<Slug, Arc<Guide>>,
        sources: &Sources,
    ) -> Taxonomies {
        let mut tax = Taxonomies::default();
        let mut warnings = Vec::new();
        let mut strengths: BTreeMap<Slug, Vec<Option<f64>>> = BTreeMap::new();
        // `products` is sorted by name, so member lists come out sorted and
        // the first spelling of a term, in that order, names it.
        for product in products {
            let add = |map: &mut BTreeMap<Slug, Taxon>, term: &Term| {
                let taxon = map
                    .entry(term.slug.clone())
                    .or_insert_with(|| Taxon::named(term));
                if taxon.products.last() != Some(&product.slug) {
                    taxon.products.push(product.slug.clone());
                }
            };
            add(&mut tax.brands, &product.brand);
            product
                .concerns
                .iter()
                .for_each(|t| add(&mut tax.concerns, t));
            for active in &product.actives {
                let before = tax
                    .actives
                    .get(&active.term.slug)
                    .map_or(0, |t| t.products.len());
                add(&mut tax.actives, &active.term);
                if tax.actives[&active.term.slug].products.len() > before {
                    strengths
                        .entry(active.term.slug.clone())
                        .or_default()
                        .push(active.percent);
                }
            }
        }
        for guide in guides.values() {
            for term in &guide.concerns {
                let taxon = tax
                    .concerns
                    .entry(term.slug.clone())
                    .or_insert_with(|| Taxon::named(term));
                taxon.guides.push(guide.slug.clone());
            }
        }
        for (slug, taxon) in tax.actives.iter_mut() {
            by_strength(taxon, strengths.get(slug).map_or(&[], Vec::as_slice));
        }
        describe(
            &mut tax.actives,
            sources.actives.entries(),
            "active",
            &mut warnings,
        );
        describe(
            &mut tax.concerns,
            sources.concerns.entries(),
            "concern",
            &mut warnings,
        );
        tax.described_by = described_by(sources);
        tax.warnings = warnings;
        tax
    }

    /// Whether these taxonomies, built for `old`, are exactly what building
    /// them for `products` and `guides` would give: the same products in the
    /// same order with the same terms, guides with the same concerns, and the
    /// same description files.
    fn still_valid(
        &self,
        old: &Site,
        products: &[&Product],
        guides: &BTreeMap<Slug, Arc<Guide>>,
        sources: &Sources,
    ) -> bool {
        let same_terms = |a: &Product, b: &Product| {
            a.brand == b.brand && a.concerns == b.concerns && a.actives == b.actives
        };
        old.product_order.len() == products.len()
            && old.product_order.iter().zip(products).all(|(slug, p)| {
                *slug == p.slug
                    && old
                        .products
                        .get(slug)
                        .is_some_and(|o| std::ptr::eq(o.as_ref(), *p) || same_terms(o, p))
            })
            && old.guides.len() == guides.len()
            && old.guides.iter().zip(guides).all(|((ka, a), (kb, b))| {
                ka == kb && (Arc::ptr_eq(a, b) || a.concerns == b.concerns)
            })
            && self.described_by.len() == described_by(sources).len()
            && self
                .described_by
                .iter()
                .zip(described_by(sources))
                .all(|(a, b)| Arc::ptr_eq(a, &b))
    }
}

/// The description files of actives and concerns, in a fixed order.
fn described_by(sources: &Sources) -> Vec<Arc<str>> {
    sources
        .actives
        .entries()
        .chain(sources.concerns.entries())
        .map(|e| Arc::clone(&e.origin.file.text))
        .collect()
}

/// Sorts an active's products strongest first; those that give no
/// strength keep their name order, after the rest. `strengths` holds each
/// member's percent, in member order.
fn by_strength(taxon: &mut Taxon, strengths: &[Option<f64>]) {
    let mut ranked: Vec<(Option<f64>, usize, Slug)> = taxon
        .products
        .drain(..)
        .zip(strengths)
        .enumerate()
        .map(|(i, (slug, percent))| (*percent, i, slug))
        .collect();
    ranked.sort_by(|a, b| {
        b.0.unwrap_or(-1.0)
            .total_cmp(&a.0.unwrap_or(-1.0))
            .then(a.1.cmp(&b.1))
    });
    taxon.products = ranked.into_iter().map(|(_, _, slug)| slug).collect();
}

impl Taxon {
    fn named(term: &Term) -> Taxon {
        Taxon {
            slug: term.slug.clone(),
            name: term.name.clone(),
            what_it_does: None,
            description: None,
            products: Vec::new(),
            guides: Vec::new(),
        }
    }
}

/// Applies `content/actives/*.yaml` (or `concerns/`) to their terms. A file
/// nothing uses is a warning: probably a typo in its name.
fn describe<'a>(
    map: &mut BTreeMap<Slug, Taxon>,
    entries: impl Iterator<Item = &'a Entry<RawTermInfo>>,
    kind: &str,
    warnings: &mut Vec<Diagnostic>,
) {
    for entry in entries {
        let Some(taxon) = map.get_mut(&entry.slug) else {
            warnings.push(
                Diagnostic::error(
                    Code::UnusedDescription,
                    Location::file(&entry.origin.file.path),
                    format!("no product or guide uses the {kind} `{}`", entry.slug),
                )
                .with_help(format!(
                    "the file name must be the slug of a term in use; {}",
                    suggestion(&entry.slug, map.keys().map(String::as_str))
                ))
                .into_warning(),
            );
            continue;
        };
        if let Some(name) = &entry.raw.name {
            taxon.name = name.trim().to_string();
        }
        taxon.what_it_does = entry
            .raw
            .what_it_does
            .as_ref()
            .map(|s| s.trim().to_string());
        taxon.description = entry
            .raw
            .description
            .as_ref()
            .map(|d| Markdown::from_yaml(&entry.origin, d));
    }
}

impl Site {
    /// Validates the loaded sources. Drafts are kept only with `drafts`.
    /// Content that does not validate is left out of the site and reported;
    /// its slug goes into `broken` so that links to it are not reported again.
    pub fn build(config: Config, sources: &Sources, drafts: bool) -> (Site, Diagnostics) {
        Self::build_reusing(config, sources, &sources.unreadable(), drafts, None)
    }

    /// `build`, taking products and guides whose file did not change from
    /// `previous` (built with the same config) instead of validating them
    /// again: a rebuild after one edit then costs little more than the edit.
    /// `unreadable` is `sources.unreadable()`, passed in when already known.
    pub fn build_reusing(
        config: Config,
        sources: &Sources,
        unreadable: &BTreeSet<Slug>,
        drafts: bool,
        previous: Option<&Site>,
    ) -> (Site, Diagnostics) {
        let mut problems = Diagnostics::default();
        let mut broken = unreadable.clone();
        let known = Known {
            products: sources
                .products
                .entries()
                .map(|p| p.slug.as_str())
                .collect(),
            unreadable,
        };
        let mut categories: BTreeMap<Slug, Category> = sources
            .categories
            .entries()
            .map(|e| (e.slug.clone(), category(e)))
            .collect();
        // Products are validated in parallel: at thousands of products this
        // is most of the model's time.
        let entries: Vec<&Entry<RawProduct>> = sources.products.entries().collect();
        let reusable = |e: &Entry<RawProduct>| {
            let old = previous?.products.get(&e.slug)?;
            // Valid before, same file, its category still there: valid now.
            (Arc::ptr_eq(&old.source, &e.origin.file.text)
                && categories.contains_key(&old.category))
            .then(|| Arc::clone(old))
        };
        let validated: Vec<(&Entry<RawProduct>, Validated<Product>)> = entries
            .par_iter()
            .map(|e| {
                let result = match reusable(e) {
                    Some(p) => Ok(p),
                    None => product(&config, &categories, unreadable, e).map(Arc::new),
                };
                (*e, result)
            })
            .collect();
        let mut products: BTreeMap<Slug, Arc<Product>> = BTreeMap::new();
        for (entry, result) in validated {
            match result {
                // Its category exists but did not load: leave it out too.
                Ok(p) if !categories.contains_key(&p.category) => {
                    broken.insert(p.slug.clone());
                }
                Ok(p) => {
                    products.insert(p.slug.clone(), p);
                }
                Err(mut d) => {
                    broken.insert(entry.slug.clone());
                    problems.0.append(&mut d);
                }
            }
        }
        let reusable = |e: &Entry<RawGuide>| {
            let old = previous?.guides.get(&e.slug)?;
            let products_exist = old
                .products
                .iter()
                .all(|p| known.products.contains(p.as_str()));
            (Arc::ptr_eq(&old.source, &e.origin.file.text) && products_exist)
                .then(|| Arc::clone(old))
        };
        let guides: BTreeMap<Slug, Arc<Guide>> = sources
            .guides
            .entries()
            .filter_map(
                |e| match reusable(e).map_or_else(|| guide(&known, e).map(Arc::new), Ok) {
                    Ok(g) if g.draft && !drafts => None,
                    Ok(g) => Some((g.slug.clone(), g)),
                    Err(mut d) => {
                        broken.insert(e.slug.clone());
                        problems.0.append(&mut d);
                        None
                    }
                },
            )
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
        let mut members: Vec<&Product> = products.values().map(Arc::as_ref).collect();
        members.sort_by_cached_key(|p| (p.name.to_lowercase(), p.slug.clone()));
        for product in &members {
            if let Some(category) = categories.get_mut(&product.category) {
                let index = category.products.len();
                category.positions.insert(product.slug.clone(), index);
                category.products.push(product.slug.clone());
            }
        }
        // Taxonomies depend on every product's terms: when no product's or
        // guide's terms changed, the last build's are still right.
        let taxonomies = match previous
            .filter(|old| old.taxonomies.still_valid(old, &members, &guides, sources))
        {
            Some(old) => Arc::clone(&old.taxonomies),
            None => Arc::new(Taxonomies::build(&members, &guides, sources)),
        };
        let warnings = taxonomies.warnings.clone();
        let product_order = members.iter().map(|p| p.slug.clone()).collect();
        let site = Site {
            config,
            categories,
            products,
            guides,
            taxonomies,
            product_order,
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
    pub fn guides_by_date(&self) -> Vec<&Guide> {
        let mut guides: Vec<&Guide> = self.guides.values().map(Arc::as_ref).collect();
        guides.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
        });
        guides
    }
}

/// A product or guide checked, or everything wrong with it.
type Validated<T> = Result<Arc<T>, Vec<Diagnostic>>;

/// Slugs that exist, to check references against.
struct Known<'a> {
    products: BTreeSet<&'a str>,
    unreadable: &'a BTreeSet<Slug>,
}

fn category(entry: &Entry<RawCategory>) -> Category {
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
        products: Vec::new(),
        positions: BTreeMap::new(),
        location: entry.origin.file.location(1, 1),
    }
}

/// Validates a product against the site. An entry that read with problems
/// (already reported) is checked too, for the problems it has beyond
/// those, and never becomes a product.
fn product(
    config: &Config,
    categories: &BTreeMap<Slug, Category>,
    unreadable: &BTreeSet<Slug>,
    entry: &Entry<RawProduct>,
) -> Result<Product, Vec<Diagnostic>> {
    let origin = &entry.origin;
    let raw = &entry.raw;
    let mut problems = Vec::new();
    if let Some(category) = &raw.category
        && !categories.contains_key(&category.value)
        && !unreadable.contains(&category.value)
    {
        problems.push(
            origin
                .error(
                    Code::UnknownCategory,
                    category,
                    format!("unknown category `{}`", category.value),
                )
                .with_help(format!(
                    "{} (categories are the files in content/categories/)",
                    suggestion(&category.value, categories.keys().map(String::as_str))
                )),
        );
    }
    let actives = raw
        .actives
        .iter()
        .filter_map(|a| active(origin, a, &mut problems))
        .collect();
    let specs = specs(config, origin, &raw.specs, &mut problems);
    let usage = raw
        .usage
        .as_ref()
        .and_then(|u| usage(config, origin, u, &mut problems));
    let (Some(name), Some(brand), Some(category), Some(usage), true) = (
        &raw.name,
        &raw.brand,
        &raw.category,
        usage,
        problems.is_empty() && entry.problems.is_empty(),
    ) else {
        return Err(problems);
    };
    Ok(Product {
        slug: entry.slug.clone(),
        name: name.value.trim().to_string(),
        brand: Term::new(&brand.value),
        category: category.value.clone(),
        summary: raw.summary.trim().to_string(),
        description: Markdown::from_yaml_opt(origin, &raw.description),
        actives,
        concerns: terms(&raw.concerns),
        specs,
        usage,
        location: origin.at(name),
        source: Arc::clone(&origin.file.text),
    })
}

/// Terms in the order written, each slug once.
fn terms(raw: &[Spanned<String>]) -> Vec<Term> {
    let mut seen = BTreeSet::new();
    raw.iter()
        .map(|s| Term::new(&s.value))
        .filter(|t| !t.slug.is_empty() && seen.insert(t.slug.clone()))
        .collect()
}

fn active(origin: &Origin, raw: &RawActive, problems: &mut Vec<Diagnostic>) -> Option<Active> {
    if let Some(percent) = &raw.percent
        && !(0.0..=100.0).contains(&percent.value)
    {
        problems.push(
            origin
                .error(
                    Code::InvalidValue,
                    percent,
                    format!("percent {} is out of range", format_number(percent.value)),
                )
                .with_help("write a strength between 0 and 100, e.g. `percent: 2`"),
        );
        return None;
    }
    let term = Term::new(&raw.name.value);
    if term.slug.is_empty() {
        problems.push(
            origin
                .error(Code::MissingField, &raw.name, "active has no name")
                .with_help("name the ingredient, e.g. `name: Niacinamide`"),
        );
        return None;
    }
    Some(Active {
        term,
        percent: raw.percent.as_ref().map(|p| p.value),
    })
}

fn specs(
    config: &Config,
    origin: &Origin,
    raw: &[(Spanned<String>, Spanned<RawSpecValue>)],
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, SpecValue> {
    let mut specs = BTreeMap::new();
    for (key_at, value) in raw {
        let key = &key_at.value;
        let Some(field) = config.spec(key) else {
            problems.push(
                origin
                    .error(Code::UnknownSpec, key_at, format!("unknown spec `{key}`"))
                    .with_help(format!(
                        "{} (specs are declared under `specs:` in site.yaml)",
                        suggestion(key, config.specs.iter().map(|s| s.key.as_str()))
                    )),
            );
            continue;
        };
        match spec_value(field, &value.value) {
            Ok(v) => {
                specs.insert(key.clone(), v);
            }
            Err(help) => problems.push(
                origin
                    .error(
                        Code::InvalidValue,
                        value,
                        format!("spec `{key}` must be {}", describe_kind(&field.kind)),
                    )
                    .with_help(help),
            ),
        }
    }
    specs
}

fn describe_kind(kind: &SpecKind) -> String {
    match kind {
        SpecKind::Text => "text".into(),
        SpecKind::Number { unit: Some(u) } => format!("a number (in {u})"),
        SpecKind::Number { unit: None } => "a number".into(),
        SpecKind::Bool => "`true` or `false`".into(),
        SpecKind::Enum { .. } => "one of its declared values".into(),
        SpecKind::List => "a list".into(),
    }
}

/// Checks a raw value against its declared type. The error is a hint.
fn spec_value(field: &SpecField, raw: &RawSpecValue) -> Result<SpecValue, String> {
    match (&field.kind, raw) {
        (SpecKind::Text, RawSpecValue::Text(s)) => Ok(SpecValue::Text(s.clone())),
        (SpecKind::Text, RawSpecValue::Number(n)) => Ok(SpecValue::Text(format_number(*n))),
        (SpecKind::Number { .. }, RawSpecValue::Number(n)) => Ok(SpecValue::Number(*n)),
        (SpecKind::Number { .. }, _) => {
            Err(format!("write a plain number, e.g. `{}: 30`", field.key))
        }
        (SpecKind::Bool, RawSpecValue::Bool(b)) => Ok(SpecValue::Bool(*b)),
        (SpecKind::Bool, _) => Err(format!(
            "write `{}: true` or `{}: false`",
            field.key, field.key
        )),
        (SpecKind::List, RawSpecValue::List(items)) => Ok(SpecValue::List(items.clone())),
        (SpecKind::List, RawSpecValue::Text(s)) => Ok(SpecValue::List(vec![s.clone()])),
        (SpecKind::List, _) => Err(format!("write a list, e.g. `{}: [a, b]`", field.key)),
        (SpecKind::Enum { values }, RawSpecValue::Text(_) | RawSpecValue::Number(_)) => {
            let text = match raw {
                RawSpecValue::Number(n) => format_number(*n),
                RawSpecValue::Text(s) => s.clone(),
                _ => unreachable!("matched above"),
            };
            if values.contains(&text) {
                Ok(SpecValue::Text(text))
            } else {
                Err(format!(
                    "`{text}` is not allowed; {}",
                    suggestion(&text, values.iter().map(String::as_str))
                ))
            }
        }
        (SpecKind::Enum { values }, _) => Err(format!("write one of: {}", values.join(", "))),
        (SpecKind::Text, _) => Err(format!("write it as text, e.g. `{}: \"...\"`", field.key)),
    }
}

fn usage(
    config: &Config,
    origin: &Origin,
    raw: &RawUsage,
    problems: &mut Vec<Diagnostic>,
) -> Option<Usage> {
    let steps = &config.routine;
    let frequency = raw.frequency.as_ref().and_then(|written| {
        let frequency = Frequency::parse(&written.value);
        if frequency.is_none() {
            problems.push(
                origin
                    .error(
                        Code::Frequency,
                        written,
                        format!("cannot read frequency `{}`", written.value),
                    )
                    .with_help(format!("write one of {FREQUENCY_FORMS}")),
            );
        }
        frequency
    });
    let step = raw.step.as_ref().and_then(|written| {
        let step = steps.step_index(&written.value);
        if step.is_none() {
            problems.push(
                origin
                    .error(
                        Code::UnknownStep,
                        written,
                        format!("unknown routine step `{}`", written.value),
                    )
                    .with_help(format!(
                        "{} (steps are listed under `routine.steps` in site.yaml)",
                        suggestion(&written.value, steps.step_keys())
                    )),
            );
        }
        step
    });
    if let Some(time) = &raw.time
        && time.value.is_empty()
    {
        problems.push(
            origin
                .error(Code::MissingField, time, "`time` is empty")
                .with_help("write `time: [am]`, `time: [pm]` or `time: [am, pm]`"),
        );
    }
    let position = match &raw.position {
        None => Some(None),
        Some(p) => match parse_position(config, &p.value) {
            Ok(position) => Some(Some(position)),
            Err(help) => {
                problems.push(
                    origin
                        .error(
                            Code::Position,
                            p,
                            format!("cannot read position `{}`", p.value),
                        )
                        .with_help(help),
                );
                None
            }
        },
    };
    let mut times = raw.time.as_ref()?.value.clone();
    times.sort();
    times.dedup();
    Some(Usage {
        frequency: frequency?,
        times,
        step: step?,
        position: position?,
        instructions: Markdown::from_yaml_opt(origin, &raw.instructions),
        cautions: raw.cautions.iter().map(|c| c.trim().to_string()).collect(),
    })
}

fn parse_position(config: &Config, text: &str) -> Result<Position, String> {
    let text = text.trim().to_ascii_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    let step = |key: &str| {
        config.routine.step_index(key).ok_or_else(|| {
            format!(
                "unknown step `{key}`: {}",
                suggestion(key, config.routine.step_keys())
            )
        })
    };
    match words.as_slice() {
        ["first"] | ["first", "step"] => Ok(Position::First),
        ["last"] | ["last", "step"] => Ok(Position::Last),
        ["after", key] => step(key).map(Position::After),
        ["before", key] => step(key).map(Position::Before),
        _ => Err("write `first`, `last`, `after <step>` or `before <step>`".into()),
    }
}

fn guide(known: &Known, entry: &Entry<RawGuide>) -> Result<Guide, Vec<Diagnostic>> {
    let origin = &entry.origin;
    let front = &entry.raw.front;
    let mut problems = Vec::new();
    for date in [&front.date, &front.updated].into_iter().flatten() {
        if !is_date(&date.value) {
            problems.push(
                origin
                    .error(
                        Code::InvalidValue,
                        date,
                        format!("`{}` is not a date", date.value),
                    )
                    .with_help("write dates as YYYY-MM-DD, e.g. `2026-03-01`"),
            );
        }
    }
    for product in &front.products {
        if !known.products.contains(product.value.as_str())
            && !known.unreadable.contains(&product.value)
        {
            problems.push(
                origin
                    .error(
                        Code::UnknownProduct,
                        product,
                        format!("unknown product `{}`", product.value),
                    )
                    .with_help(format!(
                        "{} (products are the files in content/products/)",
                        suggestion(&product.value, known.products.iter().copied())
                    )),
            );
        }
    }
    let (Some(title), true) = (
        &front.title,
        problems.is_empty() && entry.problems.is_empty(),
    ) else {
        return Err(problems);
    };
    let mut products: Vec<Slug> = front.products.iter().map(|p| p.value.clone()).collect();
    products.dedup();
    Ok(Guide {
        slug: entry.slug.clone(),
        title: title.value.trim().to_string(),
        summary: front.summary.trim().to_string(),
        date: front.date.as_ref().map(|d| d.value.clone()),
        updated: front.updated.as_ref().map(|d| d.value.clone()),
        author: front.author.clone(),
        concerns: terms(&front.concerns),
        products,
        draft: front.draft,
        body: Markdown {
            text: entry.raw.body.clone(),
            path: origin.file.path.clone(),
            line_offset: entry.raw.body_line_offset,
            indent: 0,
        },
        location: origin.at(title),
        source: Arc::clone(&origin.file.text),
    })
}

/// `YYYY-MM-DD` with a plausible month and day.
pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    matches!(
        (num(y, 4), num(m, 2), num(d, 2)),
        (Some(_), Some(1..=12), Some(1..=31))
    )
}

/// Lowercase ASCII words joined by `-`: `Vitamin C (ascorbic acid)` becomes
/// `vitamin-c-ascorbic-acid`. Two spellings that slugify alike are one term.
pub fn slugify(s: &str) -> String {
    let mut slug = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// `dry-skin` becomes `Dry skin`, for terms named only by slug.
pub fn title_from_slug(slug: &str) -> String {
    capitalize(&slug.replace('-', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequency_reads_the_documented_forms() {
        assert_eq!(Frequency::parse("daily"), Some(Frequency::Daily));
        assert_eq!(Frequency::parse("Twice daily"), Some(Frequency::TwiceDaily));
        assert_eq!(Frequency::parse("once a week"), Some(Frequency::PerWeek(1)));
        assert_eq!(
            Frequency::parse("3 times a week"),
            Some(Frequency::PerWeek(3))
        );
        assert_eq!(
            Frequency::parse("course of 3-5 days"),
            Some(Frequency::Course {
                min_days: 3,
                max_days: 5
            })
        );
        assert_eq!(Frequency::parse("as needed"), Some(Frequency::AsNeeded));
        assert_eq!(Frequency::parse("8 times a week"), None);
        assert_eq!(Frequency::parse("course of 5-3 days"), None);
        assert_eq!(Frequency::parse("sometimes"), None);
    }

    #[test]
    fn frequency_displays_in_plain_words() {
        assert_eq!(Frequency::PerWeek(2).to_string(), "Twice a week");
        assert_eq!(
            Frequency::Course {
                min_days: 3,
                max_days: 5
            }
            .to_string(),
            "A course of 3–5 days"
        );
    }

    #[test]
    fn slugify_merges_spellings() {
        assert_eq!(slugify("Hyaluronic Acid"), "hyaluronic-acid");
        assert_eq!(slugify(" hyaluronic  acid "), "hyaluronic-acid");
        assert_eq!(
            slugify("Vitamin C (ascorbic acid)"),
            "vitamin-c-ascorbic-acid"
        );
        assert_eq!(slugify("Crème"), "creme");
    }

    #[test]
    fn dates_are_checked() {
        assert!(is_date("2026-03-01"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("March 1"));
    }
}
