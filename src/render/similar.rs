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

use std::collections::BTreeSet;

use crate::config::{SpecField, TaxonomyDecl};
use crate::link::Target;
use crate::model::{Category, Product, Site, SpecValue, TermUse};

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
    pub same_category: bool,
    pub score: f64,
    pub reasons: Vec<Reason<'a>>,
}

/// Up to `wanted` products most like `p`: those of its category first, then
/// by how much they have in common. `reads` gets every product and list
/// the ranking looked at.
pub fn similar<'a>(
    site: &'a Site,
    p: &Product,
    wanted: usize,
    reads: &mut BTreeSet<Target>,
) -> Vec<Similar<'a>> {
    let mine = Mine {
        terms: weighed_terms(site, p),
        specs: declared_specs(site, p),
    };
    let mut ranked: Vec<Similar> = candidates(site, p, reads)
        .into_iter()
        .map(|q| {
            reads.insert(Target::Product(q.slug.clone()));
            compare(site, p, &mine, q)
        })
        .filter(|s| s.same_category || s.score > 0.0)
        .collect();
    ranked.sort_by(|a, b| {
        b.same_category
            .cmp(&a.same_category)
            .then(b.score.total_cmp(&a.score))
            .then_with(|| a.product.name.cmp(&b.product.name))
            .then_with(|| a.product.slug.cmp(&b.product.slug))
    });
    ranked.truncate(wanted);
    ranked
}

/// The products worth scoring: a window of the category around `p`, and a
/// slice of each of its terms' products starting at a point that depends on
/// `p` (so that large terms spread their members over many pages).
fn candidates<'a>(site: &'a Site, p: &Product, reads: &mut BTreeSet<Target>) -> Vec<&'a Product> {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut found: Vec<&'a Product> = Vec::new();
    let mut take = |slug: &'a str, found: &mut Vec<&'a Product>| {
        if slug != p.slug
            && seen.insert(slug)
            && let Some(q) = site.products.get(slug)
        {
            found.push(q);
        }
    };
    if let Some(category) = site.categories.get(&p.category) {
        reads.insert(Target::Category(category.slug.clone()));
        let members = &category.products;
        let start = category
            .position(&p.slug)
            .saturating_sub(CATEGORY_WINDOW / 2)
            .min(members.len().saturating_sub(CATEGORY_WINDOW + 1));
        for slug in members.iter().skip(start).take(CATEGORY_WINDOW + 1) {
            take(slug, &mut found);
        }
    }
    let seed = super::stable_hash(&p.slug);
    for decl in site.config.taxonomies.iter().filter(|d| d.related) {
        for used in p.terms_of(&decl.key) {
            let Some(taxon) = site.taxonomies.term(&decl.key, &used.term.slug) else {
                continue;
            };
            reads.insert(Target::Term(decl.key.clone(), taxon.slug.clone()));
            let members = &taxon.products;
            let start = if members.len() <= PER_TERM {
                0
            } else {
                (seed % members.len() as u64) as usize
            };
            for slug in members
                .iter()
                .cycle()
                .skip(start)
                .take(PER_TERM.min(members.len()))
            {
                take(slug, &mut found);
            }
        }
    }
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

/// What of `p` the candidates are compared with, worked out once per `p`
/// rather than once per candidate: a page compares dozens.
struct Mine<'p, 'a> {
    terms: Vec<WeighedTerm<'p, 'a>>,
    /// `p`'s values of declared specs, in key order (as products keep
    /// their specs), each with its declaration and its place among them.
    specs: Vec<(&'p str, usize, &'a SpecField, &'p SpecValue)>,
}

/// `p`'s values of the declared specs, in key order.
#[allow(clippy::type_complexity)]
fn declared_specs<'p, 'a>(
    site: &'a Site,
    p: &'p Product,
) -> Vec<(&'p str, usize, &'a SpecField, &'p SpecValue)> {
    p.specs
        .iter()
        .filter_map(|(key, value)| {
            let at = site.config.specs.iter().position(|s| &s.key == key)?;
            Some((key.as_str(), at, &site.config.specs[at], value))
        })
        .collect()
}

/// How much `q` has in common with `p` (described by `mine`), and what.
fn compare<'a>(site: &'a Site, p: &Product, mine: &Mine<'_, 'a>, q: &'a Product) -> Similar<'a> {
    let mut weighed: Vec<(f64, Reason<'a>)> = Vec::new();
    let mut score = 0.0;
    for mine in &mine.terms {
        let theirs = q.terms_of(&mine.decl.key);
        let Some(shared) = theirs.iter().find(|t| t.term.slug == mine.term.term.slug) else {
            continue;
        };
        let mut weight = mine.weight;
        if let (Some(a), Some(b)) = (mine.term.strength, shared.strength) {
            weight *= 1.0 + closeness(a, b);
        }
        score += weight;
        weighed.push((weight, Reason::Term(mine.decl, shared)));
    }
    // Both lists are in key order: one pass pairs the specs both have.
    // Reasons of equal weight keep the declared order of their specs.
    let mut theirs = q.specs.iter().peekable();
    // Scores add up in the declared order too, to the same last bit.
    let mut specs: Vec<(usize, f64, Option<Reason<'a>>)> = Vec::new();
    for &(key, at, spec, a) in &mine.specs {
        while theirs.next_if(|(k, _)| k.as_str() < key).is_some() {}
        let Some((_, b)) = theirs.next_if(|(k, _)| k.as_str() == key) else {
            continue;
        };
        let (weight, reason) = spec_likeness(spec, a, b);
        specs.push((at, weight, reason.map(|value| Reason::Spec(spec, value))));
    }
    specs.sort_by_key(|(at, _, _)| *at);
    for (_, weight, reason) in specs {
        score += weight;
        weighed.extend(reason.map(|r| (weight, r)));
    }
    weighed.sort_by(|a, b| b.0.total_cmp(&a.0));
    let same_category = p.category == q.category;
    let mut reasons: Vec<Reason> = weighed.into_iter().map(|(_, r)| r).collect();
    if reasons.is_empty()
        && same_category
        && let Some(category) = site.categories.get(&q.category)
    {
        reasons.push(Reason::Category(category));
    }
    Similar {
        product: q,
        same_category,
        score,
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
            let shared: Vec<&String> = y.iter().filter(|i| x.contains(i)).collect();
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
