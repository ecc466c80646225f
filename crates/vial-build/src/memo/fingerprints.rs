//! Fingerprints of a site's items: a hash of each product, category,
//! guide, term and verdict, and of what links to each, to tell what
//! changed since the build that made the last memo.

use std::fmt::Debug;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use vial_render::product_number;
use vial_site::link::{Links, Target};
use vial_site::model::Site;
use xxhash_rust::xxh3::{Xxh3, xxh3_64_with_seed};

use crate::changes::Stale;

/// A hash of an item's `Debug` text.
pub fn fingerprint(item: &impl Debug) -> u64 {
    struct Hashing(Xxh3);
    impl std::fmt::Write for Hashing {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.update(s.as_bytes());
            Ok(())
        }
    }
    let mut hashing = Hashing(Xxh3::new());
    // Writing into a hash cannot fail.
    let _ = std::fmt::write(&mut hashing, format_args!("{item:?}"));
    hashing.0.digest()
}

/// A fingerprint of each item of the site, as `stale_targets` compares
/// them.
pub struct Fingerprints {
    /// Products, categories, guides, verdicts and terms.
    pub(super) members: Vec<(Target, u64)>,
    /// Each target's mentions.
    pub(super) backlinks: Vec<(Target, u64)>,
    /// What ranks a product as a similar product (`similar::same_ranking`).
    pub(super) ranking: Vec<(Target, u64)>,
    /// What the feeds and sitemap list products and guides by.
    pub(super) listing: Vec<(Target, u64)>,
    /// The product list's order.
    pub(super) order: u64,
    /// Whether site.yaml's menus name a category: every page shows its
    /// name (not kept in the memo; the new build's is asked).
    pub(super) menus_name_categories: bool,
}

impl Fingerprints {
    pub fn of(site: &Site, links: &Links) -> Self {
        let products: Vec<_> = site.products.values().collect();
        let prints: Vec<[(Target, u64); 3]> = products
            .par_iter()
            .map(|p| {
                let target = Target::Product(p.slug.clone());
                let terms: Vec<(&str, &str, Option<f64>)> = p
                    .terms
                    .iter()
                    .flat_map(|(key, uses)| {
                        uses.iter()
                            .map(move |u| (key, u.term.slug.as_str(), u.strength))
                    })
                    .collect();
                [
                    (target.clone(), fingerprint(p)),
                    (
                        target.clone(),
                        fingerprint(&(&p.name, &p.category, &p.specs, terms)),
                    ),
                    (target, fingerprint(&(&p.name, &p.updated))),
                ]
            })
            .collect();
        let mut members = Vec::with_capacity(prints.len());
        let mut ranking = Vec::with_capacity(prints.len());
        let mut listing = Vec::with_capacity(prints.len() + site.guides.len());
        for [member, ranks, lists] in prints {
            members.push(member);
            ranking.push(ranks);
            listing.push(lists);
        }
        let guides: Vec<_> = site.guides.values().collect();
        let (guides, guide_listing): (Vec<_>, Vec<_>) = guides
            .par_iter()
            .map(|g| {
                let target = Target::Guide(g.slug.clone());
                let listing = fingerprint(&(&g.title, &g.date, &g.updated));
                ((target.clone(), fingerprint(g)), (target, listing))
            })
            .unzip();
        members.extend(guides);
        listing.extend(guide_listing);
        members.extend(
            site.categories
                .iter()
                .map(|(slug, c)| (Target::Category(slug.clone()), fingerprint(c))),
        );
        members.extend(
            site.pages
                .iter()
                .map(|(slug, g)| (Target::Page(slug.clone()), fingerprint(g))),
        );
        members.extend(
            site.verdicts
                .iter()
                .map(|(slug, v)| (Target::Compare(slug.clone()), fingerprint(v))),
        );
        for (key, terms) in &site.taxonomies.by_key {
            members.extend(
                terms
                    .iter()
                    .map(|(slug, t)| (Target::Term(key.clone(), slug.clone()), fingerprint(t))),
            );
        }
        let backlinks: Vec<_> = links.backlinks.iter().collect();
        let backlinks = backlinks
            .par_iter()
            .map(|(target, mentions)| ((*target).clone(), fingerprint(mentions)))
            .collect();
        Fingerprints {
            members,
            backlinks,
            ranking,
            listing,
            order: fingerprint(&site.product_order),
            menus_name_categories: site.config.menus.name_categories(),
        }
    }

    /// What differs from `old` to `self`, as `stale_targets` would find it
    /// comparing the two models.
    pub fn stale_since(&self, old: &Fingerprints) -> Stale {
        let mut stale = Stale::new(old.order != self.order);
        let (before, now) = (by_target(&old.members), by_target(&self.members));
        for (target, hash) in &before {
            match now.get(target) {
                Some(h) if h == hash => {}
                Some(_) => {
                    stale.targets.insert((*target).clone());
                }
                None => {
                    stale.keys_changed = true;
                    stale.targets.insert((*target).clone());
                }
            }
        }
        for target in now.keys().filter(|t| !before.contains_key(*t)) {
            stale.keys_changed = true;
            stale.targets.insert((*target).clone());
        }
        // Stale targets are few (one edit's), the lists long: looked up in
        // maps made once.
        let (old_listing, new_listing) = (by_target(&old.listing), by_target(&self.listing));
        let (old_ranking, new_ranking) = (by_target(&old.ranking), by_target(&self.ranking));
        let relisted = |t: &&Target| old_listing.get(*t) != new_listing.get(*t);
        stale.guides_listed = (stale.targets.iter())
            .filter(|t| matches!(t, Target::Guide(_)))
            .any(|t| relisted(&t));
        stale.listed_by_date = stale.guides_listed
            || (stale.targets.iter())
                .filter(|t| matches!(t, Target::Product(_)))
                .any(|t| relisted(&t));
        stale.reranked = stale
            .targets
            .iter()
            .filter(|t| old_ranking.get(t) != new_ranking.get(t))
            .filter_map(|t| match t {
                Target::Product(slug) => Some(slug.clone()),
                _ => None,
            })
            .collect();
        let (before, now) = (by_target(&old.backlinks), by_target(&self.backlinks));
        for target in before.keys().chain(now.keys()) {
            if before.get(target) != now.get(target) {
                stale.targets.insert((*target).clone());
            }
        }
        stale.note_menus(self.menus_name_categories);
        stale
    }
}

fn by_target(list: &[(Target, u64)]) -> FxHashMap<&Target, u64> {
    list.iter().map(|(t, hash)| (t, *hash)).collect()
}

/// A number for a target, the same in every build: what a rendered page's
/// reads are kept as until the memo is made (the slugs a page reads, as
/// strings, times every page, were a large part of a build's memory).
pub fn target_number(target: &Target) -> u64 {
    match target {
        Target::Product(slug) => product_number(slug),
        Target::Category(slug) => xxh3_64_with_seed(slug.as_bytes(), 2),
        Target::Guide(slug) => xxh3_64_with_seed(slug.as_bytes(), 3),
        Target::Compare(slug) => xxh3_64_with_seed(slug.as_bytes(), 4),
        Target::Page(slug) => xxh3_64_with_seed(slug.as_bytes(), 6),
        Target::Term(key, slug) => {
            xxh3_64_with_seed(slug.as_bytes(), xxh3_64_with_seed(key.as_bytes(), 5))
        }
    }
}
