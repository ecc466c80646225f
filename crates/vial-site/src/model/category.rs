//! A category as the model holds it: its words, traits and images, and its
//! products in name order with where each stands (made when a page first
//! asks). Its own place because a category is built before the products
//! (they are checked against it) and filled with them after.

use std::collections::BTreeMap;

use super::redirects::aliases;
use super::{Alias, Images, Markdown, Slug, image};
use crate::load::{Entry, ImageFiles, RawCategory, Sources};
use vial_base::diagnostic::{Diagnostic, Location};

#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub slug: Slug,
    pub name: String,
    pub summary: String,
    pub description: Markdown,
    /// Other names and spellings a reader may search for (`aka:`).
    pub aka: Vec<String>,
    /// Old addresses that lead here (`aliases:`).
    pub aliases: Vec<Alias>,
    pub traits: Vec<(String, String)>,
    pub images: Images,
    /// Its products, sorted by name.
    pub products: Vec<Slug>,
    /// Each product's index in `products`, made on first use.
    pub positions: Positions,
    pub location: Location,
}

impl Category {
    /// Where a product stands in the category's name order.
    pub fn position(&self, product: &str) -> usize {
        let positions = self.positions.0.get_or_init(|| {
            (self.products.iter().enumerate())
                .map(|(i, slug)| (slug.clone(), i))
                .collect()
        });
        positions.get(product).copied().unwrap_or(0)
    }
}

/// Where each product of a category stands. Made when a page first asks,
/// not with the model: an edit re-renders the pages of one or two
/// categories, and indexing every product on each was a large part of the
/// model's time. It follows from `Category::products`, so two categories
/// with the same products compare equal whether or not it was made.
#[derive(Clone, Default)]
pub struct Positions(std::sync::OnceLock<rustc_hash::FxHashMap<Slug, usize>>);

impl PartialEq for Positions {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

// Left out of a category's `Debug` too, which fingerprints it for the next
// build (`incremental::memo`): whether it was made says nothing of the
// category, and a hash map's order is not the same from run to run.
impl std::fmt::Debug for Positions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Positions")
    }
}

/// Every category of the sources, by slug, with no products yet; problems
/// with their images go into `problems`.
pub(super) fn categories(
    sources: &Sources,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<Slug, Category> {
    sources
        .categories
        .entries()
        .map(|e| (e.slug.clone(), category(e, &sources.images, problems)))
        .collect()
}

/// A category; problems with its images go into `problems`.
fn category(
    entry: &Entry<RawCategory>,
    files: &ImageFiles,
    problems: &mut Vec<Diagnostic>,
) -> Category {
    let raw = &entry.raw;
    Category {
        slug: entry.slug.clone(),
        name: raw
            .name
            .as_ref()
            .map_or_else(|| entry.slug.clone(), |n| n.value.trim().to_string()),
        summary: raw.summary.trim().to_string(),
        description: Markdown::from_yaml_opt(&entry.origin, &raw.description),
        aka: raw.aka.clone(),
        aliases: aliases(&entry.origin, &raw.aliases),
        traits: raw
            .traits
            .iter()
            .map(|t| (t.name.clone(), t.value.clone()))
            .collect(),
        images: image::images(&entry.origin, &raw.images, files, problems),
        products: Vec::new(),
        positions: Default::default(),
        location: entry.origin.file.location(1, 1),
    }
}
