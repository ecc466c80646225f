//! Products like a given one, most alike first, each with what it has in
//! common. What counts is the site's (`similar:` of site.yaml): sharing the
//! category, a term of a taxonomy or a declared value of a spec adds that
//! field's weight, scaled by how rare the shared thing is (one only the two
//! products carry counts in full, one every product carries counts
//! nothing) and, for terms that both carry with a strength, by how close
//! the strengths are. A product is listed only when its score reaches the
//! site's `min_score`: thin evidence (a shared category alone, one broad
//! shared term) lists nothing rather than something.
//!
//! The reasons shown are exactly what was counted, strongest first.
//!
//! Cheap whatever the catalogue's size: the candidates are a bounded slice
//! of the product's category and of each of its terms' products, never the
//! whole catalogue. Pure: the site in, a ranked list out; the caller records
//! what was read.

mod profiles;

pub use profiles::{Profiles, Ranking, same_ranking};

use profiles::{Code, Profile, candidates, counted_taxonomies};

use super::Reads;
use vial_site::config::{SpecField, TaxonomyDecl};
use vial_site::link::Target;
use vial_site::model::{Category, Product, Site, SpecValue, TermUse};

/// Something two products have in common, strongest first in `Similar`.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason<'a> {
    /// A term of a taxonomy both carry.
    Term(&'a TaxonomyDecl, &'a TermUse),
    /// A spec with the same value (an enum's, a list's shared item), by
    /// its label.
    Spec(&'a SpecField, &'a str),
    /// The same category.
    Category(&'a Category),
}

/// A product like another, with why.
#[derive(Debug, Clone)]
pub struct Similar<'a> {
    pub product: &'a Product,
    pub reasons: Vec<Reason<'a>>,
}

/// The products most like `p` (at most the site's `max`), each sharing
/// at least the site's `min_score`, most alike first. `reads` gets the
/// lists the ranking looked at, and weighs every candidate: the page shows
/// only the winners, whose cards read them in full.
pub fn similar<'a>(
    site: &'a Site,
    ranking: &Ranking<'a>,
    p: &Product,
    reads: &mut Reads,
) -> Vec<Similar<'a>> {
    let declared = &site.config.similar;
    let profiles = &*ranking.profiles;
    // A product's id is its place in the site's product map, as in the
    // list the profiles were made from.
    let Some(me) = site.products.get_index_of(p.slug.as_str()) else {
        return Vec::new();
    };
    if declared.max == 0 {
        return Vec::new();
    }
    let me = me as u32;
    let weigher = Weigher::new(site, profiles, p, &profiles.profiles[me as usize]);
    let mut ranked: Vec<(u32, f64)> = candidates(site, profiles, p, me, reads)
        .into_iter()
        // A product this language leaves out is like nothing in it.
        .filter(|&id| {
            let slug = &ranking.products[id as usize].slug;
            !site.leaves_out() || !site.omits(&Target::Product(slug.clone()))
        })
        .map(|id| {
            reads.weigh(profiles.numbers[id as usize]);
            (id, weigher.score(&profiles.profiles[id as usize]))
        })
        .filter(|&(_, score)| score > 0.0 && score >= declared.min_score)
        .collect();
    let product = |id: u32| ranking.products[id as usize];
    let order = |a: &(u32, f64), b: &(u32, f64)| {
        b.1.total_cmp(&a.1)
            .then_with(|| product(a.0).name.cmp(&product(b.0).name))
            .then_with(|| product(a.0).slug.cmp(&product(b.0).slug))
    };
    // Only the winners need an order: the order is total, so picking
    // them first and sorting them gives what sorting all would.
    let wanted = declared.max;
    if ranked.len() > wanted {
        ranked.select_nth_unstable_by(wanted, order);
        ranked.truncate(wanted);
    }
    ranked.sort_by(order);
    ranked
        .into_iter()
        .map(|(id, _)| weigher.compare(product(id), &profiles.profiles[id as usize]))
        .collect()
}

/// A term of the product the others are compared with, and what sharing
/// it is worth before strengths are compared.
struct WeighedTerm<'p, 'a> {
    decl: &'a TaxonomyDecl,
    term: &'p TermUse,
    weight: f64,
}

/// One thing two products share: the category, one of the product's
/// terms (its place among them), or a spec value (the spec's place, the
/// value's id).
enum Shared {
    Category,
    Term(usize),
    Spec(usize, u32),
}

/// What the things `p` has are worth when another product shares them,
/// each weighed once per page, not once per candidate.
struct Weigher<'p, 'a> {
    site: &'a Site,
    profiles: &'p Profiles,
    own: &'p Profile,
    /// `p`'s terms of the taxonomies that count, in its profile's order.
    terms: Vec<WeighedTerm<'p, 'a>>,
    category: f64,
}

/// 1 for a thing only the two products share, towards 0 the more of the
/// catalogue's `all` products carry it (`members` of them).
fn rarity(members: usize, all: usize) -> f64 {
    if all <= 2 {
        return 1.0;
    }
    (all.saturating_sub(members) as f64 / (all - 2) as f64).clamp(0.0, 1.0)
}

impl<'p, 'a> Weigher<'p, 'a> {
    fn new(site: &'a Site, profiles: &'p Profiles, p: &'p Product, own: &'p Profile) -> Self {
        let all = site.products.len();
        let mut terms = Vec::new();
        for (_, decl, weight) in counted_taxonomies(&site.config) {
            for term in p.terms_of(&decl.key) {
                let members = site
                    .taxonomies
                    .term(&decl.key, &term.term.slug)
                    .map_or(all, |t| t.products.len());
                let weight = weight * rarity(members, all);
                terms.push(WeighedTerm { decl, term, weight });
            }
        }
        let members = site
            .categories
            .get(&p.category)
            .map_or(all, |c| c.products.len());
        Weigher {
            site,
            profiles,
            own,
            terms,
            category: site.config.similar.category * rarity(members, all),
        }
    }

    /// What `q` shares with the product, each with what it is worth: the
    /// category first, then terms, then spec values. Nothing worth 0.
    fn each_shared(&self, q: &Profile, mut each: impl FnMut(f64, Shared)) {
        if self.own.category == q.category && self.category > 0.0 {
            each(self.category, Shared::Category);
        }
        for (i, &(term, mine)) in self.own.terms.iter().enumerate() {
            let weight = self.terms[i].weight;
            let Some(&(_, theirs)) = q.terms.iter().find(|(t, _)| *t == term) else {
                continue;
            };
            let closeness = match (mine, theirs) {
                (Some(a), Some(b)) => 0.5 + 0.5 * closeness(a, b),
                _ => 1.0,
            };
            if weight > 0.0 {
                each(weight * closeness, Shared::Term(i));
            }
        }
        let all = self.site.products.len();
        let members = |id: u32| self.profiles.value_members[id as usize] as usize;
        for (at, a, b) in shared_specs(self.own, q) {
            let shared = match (a, b) {
                (Code::Choice(x), Code::Choice(y)) if x == y => Some(*x),
                // The rarest item both lists have.
                (Code::List(x), Code::List(y)) => x
                    .iter()
                    .filter(|i| y.contains(i))
                    .copied()
                    .min_by_key(|&i| members(i)),
                _ => None,
            };
            let weight = self.site.config.similar.specs[at];
            if let Some(id) = shared.filter(|_| weight > 0.0) {
                each(weight * rarity(members(id), all), Shared::Spec(at, id));
            }
        }
    }

    /// How much `q` has in common with the product.
    fn score(&self, q: &Profile) -> f64 {
        let mut score = 0.0;
        self.each_shared(q, |weight, _| score += weight);
        score
    }

    /// What `q` has in common with the product, in the reasons a card
    /// shows, strongest first.
    fn compare(&self, q: &'a Product, theirs: &Profile) -> Similar<'a> {
        let mut weighed: Vec<(f64, Reason<'a>)> = Vec::new();
        self.each_shared(theirs, |weight, shared| {
            if let Some(reason) = self.reason(q, shared) {
                weighed.push((weight, reason));
            }
        });
        // Stable: equal weights keep category, terms, specs order.
        weighed.sort_by(|a, b| b.0.total_cmp(&a.0));
        Similar {
            product: q,
            reasons: weighed.into_iter().map(|(_, r)| r).collect(),
        }
    }

    /// A shared thing as `q` has it.
    fn reason(&self, q: &'a Product, shared: Shared) -> Option<Reason<'a>> {
        Some(match shared {
            Shared::Category => Reason::Category(self.site.categories.get(&q.category)?),
            Shared::Term(i) => {
                let mine = &self.terms[i];
                let used = q.terms_of(&mine.decl.key);
                let theirs = used.iter().find(|t| t.term.slug == mine.term.term.slug)?;
                Reason::Term(mine.decl, theirs)
            }
            Shared::Spec(at, id) => {
                let spec = &self.site.config.specs[at];
                let key = &self.profiles.values[id as usize];
                let value = match q.specs.get(&spec.key)? {
                    SpecValue::Choice(v) => v,
                    SpecValue::List(items) => items.iter().find(|i| *i == key)?,
                    _ => return None,
                };
                Reason::Spec(spec, spec.value_label(value.as_str()))
            }
        })
    }
}

/// The specs both products have a value of, in the order they are
/// declared: each one's place and the two values.
fn shared_specs<'p>(
    own: &'p Profile,
    q: &'p Profile,
) -> impl Iterator<Item = (usize, &'p Code, &'p Code)> {
    let mut theirs = q.specs.iter().peekable();
    own.specs.iter().filter_map(move |(at, a)| {
        while theirs.next_if(|(t, _)| t < at).is_some() {}
        theirs
            .next_if(|(t, _)| t == at)
            .map(|(_, b)| (*at as usize, a, b))
    })
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

    #[test]
    fn rarity_is_full_for_two_and_nothing_for_everyone() {
        assert_eq!(rarity(2, 20), 1.0);
        assert_eq!(rarity(20, 20), 0.0);
        assert_eq!(rarity(11, 20), 0.5);
        assert_eq!(rarity(2, 2), 1.0);
    }
}
