//! Pieces of output kept between the rebuilds of `vial serve`.
//!
//! A file made from every product (`products.json`) is rewritten whenever
//! any product changes; at 10,000 products, making it from scratch took
//! longer than the rest of a one-product rebuild. Each product's entry is
//! kept with the `Arc<Product>` it was made from: the model hands an
//! unchanged product over as the same `Arc`, so a pointer comparison tells
//! whether the entry still holds. The session drops the entries when the
//! theme or site.yaml changes, the only other inputs of an entry.
//!
//! Each category's data file (`data/<category>.json`) is kept the same
//! way, entry by entry.
//!
//! The profiles similar products are ranked on (a fifth of a one-product
//! rebuild to make) are kept too; they check themselves against the
//! products before use (`similar::Ranking::new`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use rayon::prelude::*;

use super::similar::Profiles;
use crate::model::Product;

/// An entry and the product it was made from.
struct Entry {
    from: Arc<Product>,
    text: Arc<str>,
}

/// The kept entries of one file, by product slug.
#[derive(Default)]
struct Store(RwLock<HashMap<String, Entry>>);

impl Store {
    /// The entry of each of `products` (all the file lists), in their
    /// order: kept ones as they are, the others made by `make` (in
    /// parallel) and kept.
    fn entries(
        &self,
        products: &[&Arc<Product>],
        make: impl Fn(&Product) -> String + Sync,
    ) -> Vec<Arc<str>> {
        let found: Vec<(Arc<str>, bool)> = {
            let kept = self.0.read().unwrap_or_else(|e| e.into_inner());
            products
                .par_iter()
                .map(|p| match kept.get(p.slug.as_str()) {
                    Some(entry) if Arc::ptr_eq(&entry.from, p) => (entry.text.clone(), false),
                    _ => (Arc::from(make(p)), true),
                })
                .collect()
        };
        let mut kept = self.0.write().unwrap_or_else(|e| e.into_inner());
        for (p, (text, made)) in products.iter().zip(&found) {
            if *made {
                let entry = Entry {
                    from: Arc::clone(p),
                    text: text.clone(),
                };
                kept.insert(p.slug.clone(), entry);
            }
        }
        // Products that went leave their entries behind.
        if kept.len() > products.len() {
            let now: std::collections::HashSet<&str> =
                products.iter().map(|p| p.slug.as_str()).collect();
            kept.retain(|slug, _| now.contains(slug.as_str()));
        }
        found.into_iter().map(|(text, _)| text).collect()
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
}

impl Fragments {
    /// Forgets the entries, made with the old strings and templates; keeps
    /// the profiles, which do not depend on them.
    pub fn theme_changed(&mut self) {
        self.exports = Store::default();
        self.category_data = RwLock::default();
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
    ) -> Vec<Arc<str>> {
        self.exports.entries(products, make)
    }

    /// The entries of `category`'s data file: one per product, in the
    /// category's order.
    pub(super) fn category_data(
        &self,
        category: &str,
        products: &[&Arc<Product>],
        make: impl Fn(&Product) -> String + Sync,
    ) -> Vec<Arc<str>> {
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
