//! The site's taxonomies, built from every product's and guide's terms: for
//! each declared taxonomy, its terms with their products (in name order, or
//! by strength where the taxonomy says so) and the guides filed under them.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::near_miss::near_misses;
use super::{Alias, Guide, Markdown, Product, Slug, Term, TermUse, same_name};
use crate::config::{Config, Order, TaxonomyDecl};
use crate::load::{Entry, RawTermInfo, Sources};
use vial_base::diagnostic::{Code, Diagnostic, Location, suggestion};

/// One term of a taxonomy, and what carries it.
#[derive(Debug, Clone, PartialEq)]
pub struct Taxon {
    pub slug: Slug,
    pub name: String,
    pub what_it_does: Option<String>,
    pub description: Option<Markdown>,
    /// Other names and spellings a reader may search for (`aka:`).
    pub aka: Vec<String>,
    /// Old addresses that lead here (`aliases:`, in its description file).
    pub aliases: Vec<Alias>,
    /// Products carrying it, in the taxonomy's order.
    pub products: Vec<Slug>,
    /// Guides filed under it.
    pub guides: Vec<Slug>,
}

impl Taxon {
    fn named(term: &Term) -> Taxon {
        Taxon {
            slug: term.slug.to_string(),
            name: term.name.to_string(),
            what_it_does: None,
            description: None,
            aka: Vec::new(),
            aliases: Vec::new(),
            products: Vec::new(),
            guides: Vec::new(),
        }
    }
}

/// Every taxonomy's terms, by taxonomy key, then slug.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Taxonomies {
    pub by_key: BTreeMap<String, BTreeMap<Slug, Taxon>>,
    /// The description files applied, to tell on a rebuild whether they
    /// changed.
    described_by: Vec<Arc<str>>,
    /// Description files no term uses.
    pub(super) warnings: Vec<Diagnostic>,
    /// Two names, in two files, that make one term's address.
    pub(super) errors: Vec<Diagnostic>,
}

impl Taxonomies {
    /// The terms of one taxonomy (empty when it has none).
    pub fn terms(&self, key: &str) -> impl Iterator<Item = &Taxon> {
        self.by_key.get(key).into_iter().flat_map(|m| m.values())
    }

    pub fn term(&self, key: &str, slug: &str) -> Option<&Taxon> {
        self.by_key.get(key)?.get(slug)
    }

    /// `products` is sorted by name, so member lists come out sorted and the
    /// first spelling of a term, in that order, names it.
    pub(super) fn build(
        config: &Config,
        products: &[&Product],
        guides: &BTreeMap<Slug, Arc<Guide>>,
        sources: &Sources,
    ) -> Taxonomies {
        // Each taxonomy on its own core: one after the other, they kept
        // one core busy with the other idle.
        let built: Vec<(String, BTreeMap<Slug, Taxon>, Found)> = config
            .taxonomies
            .par_iter()
            .map(|decl| {
                let mut found = Found::default();
                let map = taxonomy(decl, products, guides, sources, &mut found);
                (decl.key.clone(), map, found)
            })
            .collect();
        let mut tax = Taxonomies::default();
        for (key, map, mut found) in built {
            tax.by_key.insert(key, map);
            tax.warnings.append(&mut found.warnings);
            tax.errors.append(&mut found.errors);
        }
        tax.described_by = described_by(sources);
        tax
    }

    /// Whether these taxonomies, built for `old`, are exactly what building
    /// them for `products` and `guides` would give: the same products in the
    /// same order with the same terms, guides with the same terms, and the
    /// same description files.
    pub(super) fn still_valid(
        &self,
        old: &super::Site,
        products: &[&Product],
        guides: &BTreeMap<Slug, Arc<Guide>>,
        sources: &Sources,
    ) -> bool {
        let current = described_by(sources);
        old.product_order.len() == products.len()
            && old.product_order.iter().zip(products).all(|(slug, p)| {
                *slug == p.slug
                    && old
                        .products
                        .get(slug)
                        .is_some_and(|o| std::ptr::eq(o.as_ref(), *p) || o.terms == p.terms)
            })
            && old.guides.len() == guides.len()
            && old
                .guides
                .iter()
                .zip(guides)
                .all(|((ka, a), (kb, b))| ka == kb && (Arc::ptr_eq(a, b) || a.terms == b.terms))
            && self.described_by.len() == current.len()
            && self
                .described_by
                .iter()
                .zip(current)
                .all(|(a, b)| Arc::ptr_eq(a, &b))
    }
}

/// The description files of every taxonomy, in a fixed order.
fn described_by(sources: &Sources) -> Vec<Arc<str>> {
    sources
        .terms
        .values()
        .flat_map(|folder| folder.entries())
        .map(|e| Arc::clone(&e.origin.file.text))
        .collect()
}

/// Sorts a term's products by strength (highest first for `Descending`);
/// those that give none keep their name order, after the rest. `strengths`
/// holds each member's number, in member order.
fn by_strength(taxon: &mut Taxon, strengths: &[Option<f64>], order: Order) {
    let mut ranked: Vec<(Option<f64>, usize, Slug)> = taxon
        .products
        .drain(..)
        .zip(strengths)
        .enumerate()
        .map(|(i, (slug, n))| (*n, i, slug))
        .collect();
    ranked.sort_by(|a, b| {
        let key = |n: Option<f64>| match (n, order) {
            (None, _) => f64::INFINITY,
            (Some(n), Order::Ascending) => n,
            (Some(n), _) => -n,
        };
        key(a.0).total_cmp(&key(b.0)).then(a.1.cmp(&b.1))
    });
    taxon.products = ranked.into_iter().map(|(_, _, slug)| slug).collect();
}

/// Applies `content/<taxonomy>/*.yaml` to their terms. A file nothing uses
/// is a warning: probably a typo in its name.
fn describe<'a>(
    map: &mut BTreeMap<Slug, Taxon>,
    entries: impl Iterator<Item = &'a Entry<RawTermInfo>>,
    label: &str,
    closed: bool,
    warnings: &mut Vec<Diagnostic>,
) {
    for entry in entries {
        let Some(taxon) = map.get_mut(&entry.slug) else {
            // A closed list may declare terms nothing carries yet.
            if closed {
                continue;
            }
            warnings.push(
                Diagnostic::error(
                    Code::UnusedDescription,
                    Location::file(&entry.origin.file.path),
                    format!(
                        "no product or guide uses the {} `{}`",
                        label.to_lowercase(),
                        entry.slug
                    ),
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
        taxon.aka = entry.raw.aka.clone();
        taxon.aliases = super::redirects::aliases(&entry.origin, &entry.raw.aliases);
        taxon.description = entry
            .raw
            .description
            .as_ref()
            .map(|d| Markdown::from_yaml(&entry.origin, d));
    }
}

/// What building one taxonomy found to report.
#[derive(Default)]
struct Found<'a> {
    warnings: Vec<Diagnostic>,
    errors: Vec<Diagnostic>,
    /// Each slug and other name reported, to report it once.
    reported: Vec<(&'a str, &'a str)>,
}

/// Where a term is written: a product's file (with the line), or a guide's.
#[derive(Clone, Copy)]
enum Use<'a> {
    Product(&'a Product, &'a TermUse),
    Guide(&'a Guide, &'a TermUse),
}

impl<'a> Use<'a> {
    fn name(&self) -> &'a str {
        match self {
            Use::Product(_, used) | Use::Guide(_, used) => &used.term.name,
        }
    }

    fn location(&self) -> Location {
        let (path, used) = match self {
            Use::Product(product, used) => (&product.location.path, used),
            Use::Guide(guide, used) => (&guide.location.path, used),
        };
        Location {
            path: path.clone(),
            line: used.at.0 as usize,
            column: used.at.1 as usize,
        }
    }
}

/// Two names, in two files, that make one term's address.
fn two_names(decl: &TaxonomyDecl, slug: &str, first: Use, now: Use) -> Diagnostic {
    let first_at = first.location();
    Diagnostic::error(
        Code::DuplicateSlug,
        now.location(),
        format!(
            "`{}` and `{}` (at {first_at}) are two names for one page, `{}/{slug}/`",
            now.name(),
            first.name(),
            decl.path
        ),
    )
    .with_help("write the term the same way everywhere; or, if they are two things, name them apart by a letter or a digit")
}

/// Each term with the strengths of its products and its first use, keyed
/// by the slug as the content spells it: a key made per use (a string
/// formatted for each of tens of thousands of uses) was most of the loop.
type Terms<'a> = FxHashMap<&'a str, (Taxon, Vec<Option<f64>>, Use<'a>)>;

/// A use of `term`: its taxon (made on its first use) and strengths. A
/// name that makes the slug of another is a problem, once per spelling.
fn met<'m, 'a>(
    found: &'m mut Terms<'a>,
    term: &'a Term,
    now: Use<'a>,
    decl: &TaxonomyDecl,
    out: &mut Found<'a>,
) -> (&'m mut Taxon, &'m mut Vec<Option<f64>>) {
    let (taxon, strengths, first) = found
        .entry(term.slug.as_str())
        .or_insert_with(|| (Taxon::named(term), Vec::new(), now));
    let other_name = first.name() != now.name() && !same_name(first.name(), now.name());
    if other_name && !out.reported.contains(&(term.slug.as_str(), now.name())) {
        out.reported.push((term.slug.as_str(), now.name()));
        out.errors.push(two_names(decl, &term.slug, *first, now));
    }
    (taxon, strengths)
}

/// The terms of taxonomy `decl`: their products and guides, in order, and
/// their descriptions (with what `out` reports about them).
fn taxonomy<'a>(
    decl: &TaxonomyDecl,
    products: &[&'a Product],
    guides: &'a BTreeMap<Slug, Arc<Guide>>,
    sources: &Sources,
    out: &mut Found<'a>,
) -> BTreeMap<Slug, Taxon> {
    let mut found: Terms = FxHashMap::default();
    let declared = declared(decl, sources);
    for product in products {
        for used in product.terms_of(&decl.key) {
            let now = Use::Product(product, used);
            if undeclared(decl, declared.as_ref(), &used.term, now, out) {
                continue;
            }
            let (taxon, strengths) = met(&mut found, &used.term, now, decl, out);
            if taxon.products.last() != Some(&product.slug) {
                taxon.products.push(product.slug.clone());
                strengths.push(used.strength);
            }
        }
    }
    for guide in guides.values() {
        for used in guide.terms.get(&decl.key).into_iter().flatten() {
            let now = Use::Guide(guide, used);
            if undeclared(decl, declared.as_ref(), &used.term, now, out) {
                continue;
            }
            let (taxon, _) = met(&mut found, &used.term, now, decl, out);
            taxon.guides.push(guide.slug.clone());
        }
    }
    if !decl.closed {
        warn_near_misses(decl, &found, sources, out);
    }
    let order = decl.strength.as_ref().map_or(Order::Name, |s| s.order);
    let mut map: BTreeMap<Slug, Taxon> = BTreeMap::new();
    for (slug, (mut taxon, strengths, _)) in found {
        if order != Order::Name {
            by_strength(&mut taxon, &strengths, order);
        }
        map.insert(slug.to_string(), taxon);
    }
    if let Some(folder) = sources.terms.get(&decl.key) {
        describe(
            &mut map,
            folder.entries(),
            &decl.label,
            decl.closed,
            &mut out.warnings,
        );
    }
    map
}

/// The slugs of a closed taxonomy's description files: its terms. `None`
/// for a taxonomy that takes any term.
fn declared<'s>(decl: &TaxonomyDecl, sources: &'s Sources) -> Option<FxHashSet<&'s str>> {
    decl.closed.then(|| {
        sources
            .terms
            .get(&decl.key)
            .into_iter()
            .flat_map(|folder| folder.entries())
            .map(|e| e.slug.as_str())
            .collect()
    })
}

/// Whether `term`, used at `now`, is missing from the closed list
/// `declared`; if so, the error says where and what was likely meant.
fn undeclared(
    decl: &TaxonomyDecl,
    declared: Option<&FxHashSet<&str>>,
    term: &Term,
    now: Use,
    out: &mut Found,
) -> bool {
    let Some(declared) = declared else {
        return false;
    };
    if declared.contains(term.slug.as_str()) {
        return false;
    }
    let mut choices: Vec<&str> = declared.iter().copied().collect();
    choices.sort_unstable();
    out.errors.push(
        Diagnostic::error(
            Code::UndeclaredTerm,
            now.location(),
            format!(
                "`{}` is not one of the {} this site lists",
                term.name,
                decl.plural.to_lowercase()
            ),
        )
        .with_help(format!(
            "{} (a new {} needs its file first: content/{}/{}.yaml)",
            suggestion(&term.slug, choices.iter().copied()),
            decl.label.to_lowercase(),
            decl.key,
            term.slug
        )),
    );
    true
}

/// Warns of each term used once that is a typo or a plural away from
/// another (`Spider mite` beside `Spider mites`): most likely a misspelling
/// that made a page of its own. A term with a description file is meant.
fn warn_near_misses(decl: &TaxonomyDecl, found: &Terms, sources: &Sources, out: &mut Found) {
    let described: FxHashSet<&str> = sources
        .terms
        .get(&decl.key)
        .into_iter()
        .flat_map(|folder| folder.entries())
        .map(|e| e.slug.as_str())
        .collect();
    let mut slugs: Vec<&str> = found.keys().copied().collect();
    slugs.sort_unstable();
    let uses = |slug: &str| {
        let (taxon, ..) = &found[slug];
        taxon.products.len() + taxon.guides.len()
    };
    let weight: Vec<usize> = slugs.iter().map(|s| uses(s)).collect();
    let once: Vec<bool> = slugs
        .iter()
        .zip(&weight)
        .map(|(s, &n)| n == 1 && !described.contains(s))
        .collect();
    for (typo, other) in near_misses(&slugs, &once, &weight) {
        // Two terms used once each: one warning for the pair.
        if once[other] && other < typo {
            continue;
        }
        let (taxon, _, at) = &found[slugs[typo]];
        let (meant, _, meant_at) = &found[slugs[other]];
        let times = match weight[other] {
            1 => format!("at {}", meant_at.location()),
            n => format!("used {n} times"),
        };
        out.warnings.push(
            Diagnostic::error(
                Code::SimilarTerm,
                at.location(),
                format!(
                    "the {} `{}` is used only here, and `{}` ({times}) is a letter or a plural away",
                    decl.label.to_lowercase(),
                    taxon.name,
                    meant.name
                ),
            )
            .with_help(format!(
                "did you mean `{}`? If `{}` is a {} of its own, give it a description file, content/{}/{}.yaml",
                meant.name,
                taxon.name,
                decl.label.to_lowercase(),
                decl.key,
                slugs[typo]
            ))
            .into_warning(),
        );
    }
}
