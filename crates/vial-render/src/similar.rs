//! Products like a given one, most alike first, each with what it has in
//! common: terms of the taxonomies that relate products (a rare term counts
//! more than a common one; terms with a strength count more the closer the
//! strengths are), declared specs (equal values, close numbers, shared list
//! items), and the category, which goes first.
//!
//! Cheap whatever the catalogue's size: the candidates are a bounded slice
//! of the product's category and of each of its terms' products, never the
//! whole catalogue. Pure: the site in, a ranked list out; the caller records
//! what was read.

use std::sync::Arc;

use compact_str::CompactString;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{Reads, product_number};
use vial_site::config::{Config, SpecField, TaxonomyDecl};
use vial_site::link::Target;
use vial_site::model::{Category, Product, Site, SpecValue, TermUse};

/// Products of the same category looked at, around the product's place.
const CATEGORY_WINDOW: usize = 16;
/// Products of each shared term looked at.
const PER_TERM: usize = 12;

/// Something two products have in common, strongest first in `Similar`.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason<'a> {
    /// A term of a taxonomy both carry.
    Term(&'a TaxonomyDecl, &'a TermUse),
    /// A spec with the same value (an enum's, a list's shared item), by
    /// its label.
    Spec(&'a SpecField, &'a str),
    /// The same category, when nothing else is shared.
    Category(&'a Category),
}

/// A product like another, with why.
#[derive(Debug, Clone)]
pub struct Similar<'a> {
    pub product: &'a Product,
    pub reasons: Vec<Reason<'a>>,
}

/// Up to `wanted` products most like `p`: those of its category first, then
/// by how much they have in common. `reads` gets the lists the ranking
/// looked at, and weighs every candidate: the page shows only the winners,
/// whose cards read them in full. The candidates are scored on `ranking`'s
/// profiles; only the winners are compared in full, for the reasons shown.
pub fn similar<'a>(
    site: &'a Site,
    ranking: &Ranking<'a>,
    p: &Product,
    wanted: usize,
    reads: &mut Reads,
) -> Vec<Similar<'a>> {
    let profiles = &*ranking.profiles;
    // A product's id is its place in the site's product map, as in the
    // list the profiles were made from.
    let Some(me) = site.products.get_index_of(p.slug.as_str()) else {
        return Vec::new();
    };
    let me = me as u32;
    let terms = weighed_terms(site, p);
    let weights: Vec<f64> = terms.iter().map(|t| t.weight).collect();
    let own = &profiles.profiles[me as usize];
    let mut ranked: Vec<(u32, bool, f64)> = candidates(site, profiles, p, me, reads)
        .into_iter()
        .map(|id| {
            reads.weigh(profiles.numbers[id as usize]);
            let theirs = &profiles.profiles[id as usize];
            (
                id,
                own.category == theirs.category,
                own.score(&weights, theirs),
            )
        })
        .filter(|&(_, same_category, score)| same_category || score > 0.0)
        .collect();
    let product = |id: u32| ranking.products[id as usize];
    let order = |a: &(u32, bool, f64), b: &(u32, bool, f64)| {
        b.1.cmp(&a.1)
            .then(b.2.total_cmp(&a.2))
            .then_with(|| product(a.0).name.cmp(&product(b.0).name))
            .then_with(|| product(a.0).slug.cmp(&product(b.0).slug))
    };
    // Only the winners need an order: the order is total, so picking
    // them first and sorting them gives what sorting all would.
    if ranked.len() > wanted {
        ranked.select_nth_unstable_by(wanted, order);
        ranked.truncate(wanted);
    }
    ranked.sort_by(order);
    ranked
        .into_iter()
        .take(wanted)
        .map(|(id, _, _)| {
            let theirs = &profiles.profiles[id as usize];
            compare(site, (p, own), &terms, (product(id), theirs))
        })
        .collect()
}

/// Every product's terms and specs in a compact form, made once per build:
/// a page ranks dozens of candidates, and reading each one's maps of
/// strings cost a cache miss per lookup, on every product page. Scores come
/// out the same, to the last bit: the same numbers added in the same order.
///
/// Owned, so that `vial serve` can keep them for the next rebuild while no
/// product's ranking facts change (`same_ranking`).
pub struct Profiles {
    /// The products they were made from, in the site's order.
    made_from: Vec<Arc<Product>>,
    profiles: Vec<Profile>,
    /// Each product's number (`product_number`), for the pages that weigh
    /// it, not hashed again from the slug of each candidate of each page,
    /// each slug a cache miss away.
    numbers: Box<[u64]>,
    /// The members of each category, and of each term of the taxonomies
    /// that relate products (by taxonomy, then term), as ids, in their
    /// pages' order.
    category_members: FxHashMap<String, Vec<u32>>,
    term_members: FxHashMap<String, FxHashMap<String, Vec<u32>>>,
}

/// Profiles and the site's products they number, for one render.
pub struct Ranking<'a> {
    profiles: Arc<Profiles>,
    products: Vec<&'a Product>,
}

impl<'a> Ranking<'a> {
    /// `kept` profiles if they still hold for `site`'s products (the same
    /// products, each unchanged or ranking as it did), else new ones.
    pub fn new(site: &'a Site, kept: Option<Arc<Profiles>>) -> Self {
        let current: Vec<&Arc<Product>> = site.products.values().collect();
        let holds = |profiles: &Profiles| {
            profiles.made_from.len() == current.len()
                && profiles.made_from.iter().zip(&current).all(|(old, new)| {
                    Arc::ptr_eq(old, new) || (old.slug == new.slug && same_ranking(old, new))
                })
        };
        let profiles = match kept {
            Some(kept) if holds(&kept) => kept,
            _ => Arc::new(Profiles::new(site)),
        };
        let products = current.into_iter().map(|p| p.as_ref()).collect();
        Ranking { profiles, products }
    }

    pub fn profiles(&self) -> &Arc<Profiles> {
        &self.profiles
    }
}

/// Whether two versions of a product rank alike: the same name (ties go
/// by name), category, terms with their strengths, and spec values.
pub fn same_ranking(a: &Product, b: &Product) -> bool {
    fn terms(p: &Product) -> impl Iterator<Item = (&str, &str, Option<f64>)> {
        p.terms.iter().flat_map(|(key, uses)| {
            uses.iter()
                .map(move |u| (key, u.term.slug.as_str(), u.strength))
        })
    }
    a.name == b.name && a.category == b.category && a.specs == b.specs && terms(a).eq(terms(b))
}

struct Profile {
    category: u32,
    /// The product's terms of the taxonomies that relate products, in the
    /// order `weighed_terms` lists them, with their strength.
    terms: Box<[(u32, Option<f64>)]>,
    /// Its values of declared specs, by the spec's place among them.
    specs: Box<[(u32, Code)]>,
}

/// A spec value as far as likeness goes: strings become ids.
enum Code {
    Choice {
        id: u32,
        rank: Option<u32>,
    },
    Number(f64),
    Bool(bool),
    /// Text, compared without regard to ASCII case.
    Text(u32),
    List(Box<[u32]>),
}

/// Ids for strings.
#[derive(Default)]
struct Interner<'s>(FxHashMap<std::borrow::Cow<'s, str>, u32>);

impl<'s> Interner<'s> {
    fn id(&mut self, text: std::borrow::Cow<'s, str>) -> u32 {
        let next = self.0.len() as u32;
        *self.0.entry(text).or_insert(next)
    }
}

impl Profiles {
    pub fn new(site: &Site) -> Self {
        let products: Vec<&Product> = site.products.values().map(|p| p.as_ref()).collect();
        let category_members = category_members(site);
        let term_members = term_members(site);
        let profiles = profiles_of(Found::all(&site.config, &products));
        Profiles {
            made_from: site.products.values().cloned().collect(),
            profiles,
            numbers: products.iter().map(|p| product_number(&p.slug)).collect(),
            category_members,
            term_members,
        }
    }
}

/// Products named by slug, as ids: their places in the site's product map.
fn member_ids(site: &Site, slugs: &[String]) -> Vec<u32> {
    slugs
        .iter()
        .filter_map(|s| Some(site.products.get_index_of(s.as_str())? as u32))
        .collect()
}

/// The members of each category, by its slug.
fn category_members(site: &Site) -> FxHashMap<String, Vec<u32>> {
    site.categories
        .values()
        .map(|c| (c.slug.clone(), member_ids(site, &c.products)))
        .collect()
}

/// The members of each term of the taxonomies that relate products, by
/// taxonomy and term.
fn term_members(site: &Site) -> FxHashMap<String, FxHashMap<String, Vec<u32>>> {
    site.config
        .taxonomies
        .iter()
        .filter(|d| d.related)
        .map(|decl| {
            let terms = site
                .taxonomies
                .terms(&decl.key)
                .map(|taxon| (taxon.slug.clone(), member_ids(site, &taxon.products)))
                .collect();
            (decl.key.clone(), terms)
        })
        .collect()
}

/// The profiles of the products whose values are `found`, in their order:
/// ids are handed out as the values first occur.
fn profiles_of(found: Vec<Found>) -> Vec<Profile> {
    let mut categories = Interner::default();
    // A term is its taxonomy's place and its slug.
    let mut terms: FxHashMap<(usize, &str), u32> = FxHashMap::default();
    let mut words = Interner::default();
    found
        .into_iter()
        .map(|f| Profile {
            category: categories.id(f.category.into()),
            terms: f
                .terms
                .into_iter()
                .map(|(at, slug, strength)| {
                    let next = terms.len() as u32;
                    (*terms.entry((at, slug)).or_insert(next), strength)
                })
                .collect(),
            specs: f
                .specs
                .into_iter()
                .map(|(at, spec, value)| (at as u32, Code::of(spec, value, &mut words)))
                .collect(),
        })
        .collect()
}

/// A product's category, terms and spec values, before they get ids.
struct Found<'a> {
    category: &'a str,
    terms: Vec<(usize, &'a str, Option<f64>)>,
    specs: Vec<(usize, &'a SpecField, &'a SpecValue)>,
}

impl<'a> Found<'a> {
    /// The values of each of `products`, in their order. Looking them up in
    /// each product's maps is most of the work of making profiles, and
    /// independent: done in parallel (ids are handed out after, in product
    /// order, by `profiles_of`).
    fn all(config: &'a Config, products: &[&'a Product]) -> Vec<Found<'a>> {
        let related: Vec<(usize, &str)> = config
            .taxonomies
            .iter()
            .enumerate()
            .filter(|(_, d)| d.related)
            .map(|(at, d)| (at, d.key.as_str()))
            .collect();
        products
            .par_iter()
            .map(|p| Found {
                category: p.category.as_str(),
                terms: related
                    .iter()
                    .flat_map(|&(at, key)| p.terms_of(key).iter().map(move |t| (at, t)))
                    .map(|(at, t)| (at, t.term.slug.as_str(), t.strength))
                    .collect(),
                specs: config
                    .specs
                    .iter()
                    .enumerate()
                    .filter_map(|(at, spec)| Some((at, spec, p.specs.get(&spec.key)?)))
                    .collect(),
            })
            .collect()
    }
}

impl Code {
    fn of<'s>(spec: &SpecField, value: &'s SpecValue, words: &mut Interner<'s>) -> Code {
        match value {
            SpecValue::Choice(key) => Code::Choice {
                id: words.id(key.as_str().into()),
                rank: spec.value_rank(key).map(|r| r as u32),
            },
            SpecValue::Number { value, .. } => Code::Number(*value),
            SpecValue::Bool(b) => Code::Bool(*b),
            SpecValue::Text(t) => Code::Text(words.id(t.to_ascii_lowercase().into())),
            SpecValue::List(items) => {
                Code::List(items.iter().map(|i| words.id(i.as_str().into())).collect())
            }
        }
    }

    /// Whether `spec_likeness` names a value of the two: equal choices, a
    /// shared list item.
    fn names_value(&self, other: &Code) -> bool {
        match (self, other) {
            (Code::Choice { id: x, .. }, Code::Choice { id: y, .. }) => x == y,
            (Code::List(x), Code::List(y)) => y.iter().any(|i| x.contains(i)),
            _ => false,
        }
    }

    /// What `spec_likeness` weighs two values at.
    fn likeness(&self, other: &Code) -> f64 {
        match (self, other) {
            (Code::Choice { id: x, .. }, Code::Choice { id: y, .. }) if x == y => 0.3,
            (Code::Choice { rank: Some(i), .. }, Code::Choice { rank: Some(j), .. })
                if i.abs_diff(*j) == 1 =>
            {
                0.1
            }
            (Code::Number(x), Code::Number(y)) => 0.2 * closeness(*x, *y),
            (Code::Bool(x), Code::Bool(y)) if x == y => 0.1,
            (Code::Text(x), Code::Text(y)) if x == y => 0.1,
            (Code::List(x), Code::List(y)) => {
                let shared = y.iter().filter(|i| x.contains(i)).count();
                let all = x.len() + y.len() - shared;
                if shared > 0 && all > 0 {
                    0.3 * shared as f64 / all as f64
                } else {
                    0.0
                }
            }
            _ => 0.0,
        }
    }
}

impl Profile {
    /// How much `q` has in common with this product, whose terms weigh
    /// `weights`: what `compare` scores, added up in the same order.
    fn score(&self, weights: &[f64], q: &Profile) -> f64 {
        let mut score = 0.0;
        for (&(term, mine), weight) in self.terms.iter().zip(weights) {
            let Some(&(_, theirs)) = q.terms.iter().find(|(t, _)| *t == term) else {
                continue;
            };
            let mut weight = *weight;
            if let (Some(a), Some(b)) = (mine, theirs) {
                weight *= 1.0 + closeness(a, b);
            }
            score += weight;
        }
        for (_, a, b) in self.shared_specs(q) {
            score += a.likeness(b);
        }
        score
    }

    /// The specs both products have a value of, in the order they are
    /// declared: each one's place and the two values.
    fn shared_specs<'p>(
        &'p self,
        q: &'p Profile,
    ) -> impl Iterator<Item = (usize, &'p Code, &'p Code)> {
        let mut theirs = q.specs.iter().peekable();
        self.specs.iter().filter_map(move |(at, a)| {
            while theirs.next_if(|(t, _)| t < at).is_some() {}
            theirs
                .next_if(|(t, _)| t == at)
                .map(|(_, b)| (*at as usize, a, b))
        })
    }
}

/// The products worth scoring, as ids: a window of the category around
/// `p`, and a slice of each of its terms' products starting at a point that
/// depends on `p` (so that large terms spread their members over many
/// pages). Each once, `p` left out.
fn candidates(
    site: &Site,
    profiles: &Profiles,
    p: &Product,
    me: u32,
    reads: &mut Reads,
) -> Vec<u32> {
    let mut found: Vec<u32> = Vec::new();
    if let Some(category) = site.categories.get(&p.category) {
        reads.insert(Target::Category(category.slug.clone()));
        let members = &profiles.category_members[category.slug.as_str()];
        let start = category
            .position(&p.slug)
            .saturating_sub(CATEGORY_WINDOW / 2)
            .min(members.len().saturating_sub(CATEGORY_WINDOW + 1));
        found.extend(members.iter().skip(start).take(CATEGORY_WINDOW + 1));
    }
    let seed = super::stable_hash(&p.slug);
    for decl in site.config.taxonomies.iter().filter(|d| d.related) {
        for used in p.terms_of(&decl.key) {
            let Some(members) = profiles
                .term_members
                .get(decl.key.as_str())
                .and_then(|terms| terms.get(used.term.slug.as_str()))
            else {
                continue;
            };
            reads.insert(Target::Term(decl.key.clone(), used.term.slug.to_string()));
            let start = if members.len() <= PER_TERM {
                0
            } else {
                (seed % members.len() as u64) as usize
            };
            found.extend(
                members
                    .iter()
                    .cycle()
                    .skip(start)
                    .take(PER_TERM.min(members.len())),
            );
        }
    }
    // The order of candidates does not matter: the ranking is total.
    found.sort_unstable();
    found.dedup();
    found.retain(|&id| id != me);
    found
}

/// A term of the product the others are compared with, and what sharing
/// it is worth.
struct WeighedTerm<'p, 'a> {
    decl: &'a TaxonomyDecl,
    term: &'p TermUse,
    weight: f64,
}

/// `p`'s terms of the taxonomies that relate products, each weighed once
/// (not once per candidate): a term two products share says more than one
/// a thousand share.
fn weighed_terms<'p, 'a>(site: &'a Site, p: &'p Product) -> Vec<WeighedTerm<'p, 'a>> {
    let mut terms = Vec::new();
    for decl in site.config.taxonomies.iter().filter(|d| d.related) {
        for term in p.terms_of(&decl.key) {
            let members = site
                .taxonomies
                .term(&decl.key, &term.term.slug)
                .map_or(2, |t| t.products.len().max(2));
            let weight = 1.0 / (1.0 + (members as f64).ln());
            terms.push(WeighedTerm { decl, term, weight });
        }
    }
    terms
}

/// What `q` has in common with `p`, whose terms weigh `terms`: the reasons
/// a card shows, strongest first. Each comes with its profile.
fn compare<'a>(
    site: &'a Site,
    (p, own): (&Product, &Profile),
    terms: &[WeighedTerm<'_, 'a>],
    (q, theirs): (&'a Product, &Profile),
) -> Similar<'a> {
    let mut weighed: Vec<(f64, Reason<'a>)> = Vec::new();
    for mine in terms {
        let theirs = q.terms_of(&mine.decl.key);
        let Some(shared) = theirs.iter().find(|t| t.term.slug == mine.term.term.slug) else {
            continue;
        };
        let mut weight = mine.weight;
        if let (Some(a), Some(b)) = (mine.term.strength, shared.strength) {
            weight *= 1.0 + closeness(a, b);
        }
        weighed.push((weight, Reason::Term(mine.decl, shared)));
    }
    // Only specs that name a value give a reason: their values are looked
    // up, the others' are not (looking up their keys was much of the cost of
    // comparing).
    for (at, a, b) in own.shared_specs(theirs) {
        if !a.names_value(b) {
            continue;
        }
        let spec = &site.config.specs[at];
        let (Some(a), Some(b)) = (p.specs.get(&spec.key), q.specs.get(&spec.key)) else {
            continue;
        };
        if let (weight, Some(value)) = spec_likeness(spec, a, b) {
            weighed.push((weight, Reason::Spec(spec, value)));
        }
    }
    weighed.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut reasons: Vec<Reason> = weighed.into_iter().map(|(_, r)| r).collect();
    if reasons.is_empty()
        && p.category == q.category
        && let Some(category) = site.categories.get(&q.category)
    {
        reasons.push(Reason::Category(category));
    }
    Similar {
        product: q,
        reasons,
    }
}

/// 1 for equal numbers, towards 0 the further apart they are.
fn closeness(a: f64, b: f64) -> f64 {
    let scale = a.abs().max(b.abs());
    if scale == 0.0 {
        1.0
    } else {
        1.0 - (a - b).abs() / scale
    }
}

/// How alike two values of a spec are, and the value to name when that is
/// worth saying (equal choices, a shared list item), taken from `b`.
fn spec_likeness<'a>(
    spec: &'a SpecField,
    a: &SpecValue,
    b: &'a SpecValue,
) -> (f64, Option<&'a str>) {
    match (a, b) {
        (SpecValue::Choice(x), SpecValue::Choice(y)) if x == y => (0.3, Some(spec.value_label(y))),
        (SpecValue::Choice(x), SpecValue::Choice(y)) => {
            match (spec.value_rank(x), spec.value_rank(y)) {
                (Some(i), Some(j)) if i.abs_diff(j) == 1 => (0.1, None),
                _ => (0.0, None),
            }
        }
        (SpecValue::Number { value: x, .. }, SpecValue::Number { value: y, .. }) => {
            (0.2 * closeness(*x, *y), None)
        }
        (SpecValue::Bool(x), SpecValue::Bool(y)) if x == y => (0.1, None),
        (SpecValue::Text(x), SpecValue::Text(y)) if x.eq_ignore_ascii_case(y) => (0.1, None),
        (SpecValue::List(x), SpecValue::List(y)) => {
            let shared: Vec<&CompactString> = y.iter().filter(|i| x.contains(i)).collect();
            let all = x.len() + y.len() - shared.len();
            match shared.first() {
                Some(first) if all > 0 => (
                    0.3 * shared.len() as f64 / all as f64,
                    Some(spec.value_label(first)),
                ),
                _ => (0.0, None),
            }
        }
        _ => (0.0, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closeness_is_one_for_equal_numbers_and_falls_with_distance() {
        assert_eq!(closeness(2.0, 2.0), 1.0);
        assert_eq!(closeness(0.0, 0.0), 1.0);
        assert_eq!(closeness(1.0, 2.0), 0.5);
        assert!(closeness(0.1, 10.0) < 0.02);
    }
}
