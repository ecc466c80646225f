//! Every product's category, terms and spec values in a compact form, made
//! once per build: a page weighs dozens of candidates, and reading each
//! one's maps of strings cost a cache miss per lookup, on every product
//! page. Also the members of each category and term, to find candidates
//! from, and how many products carry each spec value, to weigh it by.
//!
//! Owned, so that `vial serve` can keep them for the next rebuild while no
//! product's ranking facts change (`same_ranking`); a change of site.yaml,
//! which says what counts, drops them.

use std::sync::Arc;

use compact_str::CompactString;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::{Reads, product_number};
use vial_site::config::{Config, TaxonomyDecl};
use vial_site::link::Target;
use vial_site::model::{Product, Site, SpecValue};

/// Products of the same category looked at, around the product's place.
const CATEGORY_WINDOW: usize = 16;
/// Products of each shared term looked at.
const PER_TERM: usize = 12;

pub struct Profiles {
    /// The products they were made from, in the site's order.
    made_from: Vec<Arc<Product>>,
    pub(super) profiles: Vec<Profile>,
    /// Each product's number (`product_number`), for the pages that weigh
    /// it, not hashed again from the slug of each candidate of each page,
    /// each slug a cache miss away.
    pub(super) numbers: Box<[u64]>,
    /// The members of each category, and of each term of the taxonomies
    /// that count (by taxonomy, then term), as ids, in their pages' order.
    category_members: FxHashMap<String, Vec<u32>>,
    term_members: FxHashMap<String, FxHashMap<String, Vec<u32>>>,
    /// Each spec value's key and how many products carry it, by its id.
    pub(super) values: Vec<CompactString>,
    pub(super) value_members: Vec<u32>,
}

/// Profiles and the site's products they number, for one render.
pub struct Ranking<'a> {
    pub(super) profiles: Arc<Profiles>,
    pub(super) products: Vec<&'a Product>,
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

pub(super) struct Profile {
    pub(super) category: u32,
    /// The product's terms of the taxonomies that count, in the order
    /// `counted_taxonomies` lists them, with their strength.
    pub(super) terms: Box<[(u32, Option<f64>)]>,
    /// Its values of the specs that count, by the spec's place among them.
    pub(super) specs: Box<[(u32, Code)]>,
}

/// A spec value as far as likeness goes: an id per spec and value.
pub(super) enum Code {
    Choice(u32),
    List(Box<[u32]>),
}

/// The taxonomies whose shared terms count, with their place and weight.
pub(super) fn counted_taxonomies(
    config: &Config,
) -> impl Iterator<Item = (usize, &TaxonomyDecl, f64)> {
    config
        .taxonomies
        .iter()
        .enumerate()
        .map(|(at, d)| (at, d, config.similar.taxonomies[at]))
        .filter(|&(_, _, weight)| weight > 0.0)
}

impl Profiles {
    pub fn new(site: &Site) -> Self {
        let products: Vec<&Product> = site.products.values().map(|p| p.as_ref()).collect();
        let (profiles, values, value_members) = profiles_of(Found::all(&site.config, &products));
        Profiles {
            made_from: site.products.values().cloned().collect(),
            profiles,
            numbers: products.iter().map(|p| product_number(&p.slug)).collect(),
            category_members: category_members(site),
            term_members: term_members(site),
            values,
            value_members,
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

/// The members of each term of the taxonomies that count, by taxonomy and
/// term.
fn term_members(site: &Site) -> FxHashMap<String, FxHashMap<String, Vec<u32>>> {
    counted_taxonomies(&site.config)
        .map(|(_, decl, _)| {
            let terms = site
                .taxonomies
                .terms(&decl.key)
                .map(|taxon| (taxon.slug.clone(), member_ids(site, &taxon.products)))
                .collect();
            (decl.key.clone(), terms)
        })
        .collect()
}

type Made = (Vec<Profile>, Vec<CompactString>, Vec<u32>);

/// The profiles of the products whose values are `found`, in their order
/// (ids are handed out as the values first occur), with each spec value's
/// key and how many products carry it.
fn profiles_of<'a>(found: Vec<Found<'a>>) -> Made {
    let mut categories: FxHashMap<&'a str, u32> = FxHashMap::default();
    // A term is its taxonomy's place and its slug; a value its spec's
    // place and its key.
    let mut terms: FxHashMap<(usize, &'a str), u32> = FxHashMap::default();
    let mut ids: FxHashMap<(usize, &'a str), u32> = FxHashMap::default();
    let (mut values, mut members) = (Vec::new(), Vec::<u32>::new());
    let profiles = found
        .into_iter()
        .map(|f| {
            let next = categories.len() as u32;
            let category = *categories.entry(f.category).or_insert(next);
            let terms = f
                .terms
                .into_iter()
                .map(|(at, slug, strength)| {
                    let next = terms.len() as u32;
                    (*terms.entry((at, slug)).or_insert(next), strength)
                })
                .collect();
            let mut id = |at: usize, key: &'a CompactString| -> u32 {
                *ids.entry((at, key.as_str())).or_insert_with(|| {
                    values.push(key.clone());
                    members.push(0);
                    values.len() as u32 - 1
                })
            };
            let specs = f
                .specs
                .into_iter()
                .filter_map(|(at, value)| {
                    let code = match value {
                        SpecValue::Choice(key) => Code::Choice(id(at, key)),
                        SpecValue::List(items) => {
                            let mut list: Vec<u32> = items.iter().map(|i| id(at, i)).collect();
                            list.sort_unstable();
                            list.dedup();
                            Code::List(list.into())
                        }
                        _ => return None,
                    };
                    Some((at as u32, code))
                })
                .collect::<Box<[_]>>();
            for (_, code) in specs.iter() {
                match code {
                    Code::Choice(v) => members[*v as usize] += 1,
                    Code::List(items) => items.iter().for_each(|v| members[*v as usize] += 1),
                }
            }
            Profile {
                category,
                terms,
                specs,
            }
        })
        .collect();
    (profiles, values, members)
}

/// A product's category, terms and spec values, before they get ids.
struct Found<'a> {
    category: &'a str,
    terms: Vec<(usize, &'a str, Option<f64>)>,
    specs: Vec<(usize, &'a SpecValue)>,
}

impl<'a> Found<'a> {
    /// The values of each of `products` that count, in their order.
    /// Looking them up in each product's maps is most of the work of
    /// making profiles, and independent: done in parallel (ids are handed
    /// out after, in product order, by `profiles_of`).
    fn all(config: &'a Config, products: &[&'a Product]) -> Vec<Found<'a>> {
        let counted: Vec<(usize, &str)> = counted_taxonomies(config)
            .map(|(at, d, _)| (at, d.key.as_str()))
            .collect();
        products
            .par_iter()
            .map(|p| Found {
                category: p.category.as_str(),
                terms: counted
                    .iter()
                    .flat_map(|&(at, key)| p.terms_of(key).iter().map(move |t| (at, t)))
                    .map(|(at, t)| (at, t.term.slug.as_str(), t.strength))
                    .collect(),
                specs: config
                    .specs
                    .iter()
                    .enumerate()
                    .filter(|(at, _)| config.similar.specs[*at] > 0.0)
                    .filter_map(|(at, spec)| Some((at, p.specs.get(&spec.key)?)))
                    .collect(),
            })
            .collect()
    }
}

/// The products worth weighing, as ids: a window of the category around
/// `p`, and a slice of each of its terms' products starting at a point that
/// depends on `p` (so that large terms spread their members over many
/// pages). Each once, `p` left out.
pub(super) fn candidates(
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
    let seed = crate::stable_hash(&p.slug);
    for (_, decl, _) in counted_taxonomies(&site.config) {
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
