//! Pieces of output kept between the rebuilds of `vial serve`.
//!
//! A file made from every product (`products.json`) is rewritten whenever
//! any product changes; in a large catalogue, making it from scratch took
//! longer than the rest of a one-product rebuild. Each product's entry is
//! kept with the `Arc<Product>` it was made from: the model hands an
//! unchanged product over as the same `Arc`, so a pointer comparison tells
//! whether the entry still holds. The session drops the entries when the
//! theme or site.yaml changes, the only other inputs of an entry.
//!
//! Each category's data file (`data/<category>.json`) is kept the same
//! way, entry by entry. Both show terms by the taxonomies' names for them
//! (which a term's description file may change without touching a
//! product), so a change of any term's name drops the entries too.
//!
//! The profiles similar products are ranked on (a large part of a
//! one-product rebuild to make) are kept too; they check themselves against
//! the products before use (`similar::Ranking::new`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::Entry;
use super::similar::Profiles;
use vial_site::model::{Product, Site};

/// An entry and the product it was made from.
#[derive(Clone)]
struct Kept {
    from: Arc<Product>,
    entry: Entry,
}

/// The kept entries of one file, in the order of its products. Between two
/// rebuilds the products are nearly always the same ones in the same
/// order, so a product's entry is looked for at its own position first; a
/// map by slug is made only when products came, went or moved. (Looking
/// each product up by slug cost more than making the rest of the file.)
#[derive(Default)]
struct Store(RwLock<Vec<Kept>>);

impl Store {
    fn forget(&self) {
        self.0.write().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// The entry of each of `products` (all the file lists), in their
    /// order: kept ones as they are, the others made by `make` (in
    /// parallel) and kept.
    fn entries(
        &self,
        products: &[&Arc<Product>],
        make: impl Fn(&Product) -> String + Sync,
    ) -> Vec<Entry> {
        let kept_now: Vec<Kept> = {
            let kept = self.0.read().unwrap_or_else(|e| e.into_inner());
            let by_slug = OnceLock::new();
            let find = |at: usize, p: &Arc<Product>| {
                let made_from = |e: &&Kept| Arc::ptr_eq(&e.from, p);
                kept.get(at).filter(made_from).or_else(|| {
                    let by_slug: &FxHashMap<&str, usize> = by_slug.get_or_init(|| {
                        (kept.iter().enumerate())
                            .map(|(i, e)| (e.from.slug.as_str(), i))
                            .collect()
                    });
                    by_slug
                        .get(p.slug.as_str())
                        .map(|&i| &kept[i])
                        .filter(made_from)
                })
            };
            products
                .par_iter()
                .enumerate()
                .map(|(at, p)| match find(at, p) {
                    Some(kept) => kept.clone(),
                    None => Kept {
                        from: Arc::clone(p),
                        entry: Entry::new(make(p)),
                    },
                })
                .collect()
        };
        let entries = kept_now.iter().map(|k| k.entry.clone()).collect();
        // Entries of products that went go with the old list.
        *self.0.write().unwrap_or_else(|e| e.into_inner()) = kept_now;
        entries
    }
}

/// Kept pieces, by product slug, and the profiles similar products are
/// ranked on.
#[derive(Default)]
pub struct Fragments {
    exports: Store,
    /// Per category, the entries of its data file.
    category_data: RwLock<HashMap<String, Arc<Store>>>,
    profiles: Mutex<Option<Arc<Profiles>>>,
    /// A hash of every term's name when the entries were made.
    term_names: Mutex<u64>,
}

impl Fragments {
    /// Forgets the entries, made with the old strings and templates; keeps
    /// the profiles, which do not depend on them.
    pub fn theme_changed(&mut self) {
        self.exports = Store::default();
        self.category_data = RwLock::default();
    }

    /// Forgets the entries if a term's name changed since they were made.
    pub(super) fn hold_term_names(&self, site: &Site) {
        let mut all = Vec::new();
        for (key, terms) in &site.taxonomies.by_key {
            for t in terms.values() {
                for part in [key.as_str(), &t.slug, &t.name] {
                    all.extend_from_slice(part.as_bytes());
                    all.push(0);
                }
            }
        }
        let now = xxhash_rust::xxh3::xxh3_64(&all);
        let mut held = self.term_names.lock().unwrap_or_else(|e| e.into_inner());
        if *held != now {
            *held = now;
            self.exports.forget();
            self.category_data
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .clear();
        }
    }

    pub(super) fn profiles(&self) -> Option<Arc<Profiles>> {
        self.profiles
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub(super) fn keep_profiles(&self, profiles: &Arc<Profiles>) {
        *self.profiles.lock().unwrap_or_else(|e| e.into_inner()) = Some(Arc::clone(profiles));
    }

    /// The entries of `products.json`, one per product, in their order.
    pub(super) fn exports(
        &self,
        products: &[&Arc<Product>],
        make: impl Fn(&Product) -> String + Sync,
    ) -> Vec<Entry> {
        self.exports.entries(products, make)
    }

    /// The entries of `category`'s data file: one per product, in the
    /// category's order.
    pub(super) fn category_data(
        &self,
        category: &str,
        products: &[&Arc<Product>],
        make: impl Fn(&Product) -> String + Sync,
    ) -> Vec<Entry> {
        let store = {
            let stores = self.category_data.read().unwrap_or_else(|e| e.into_inner());
            stores.get(category).cloned()
        };
        let store = store.unwrap_or_else(|| {
            let mut stores = self
                .category_data
                .write()
                .unwrap_or_else(|e| e.into_inner());
            Arc::clone(stores.entry(category.to_string()).or_default())
        });
        store.entries(products, make)
    }
}
