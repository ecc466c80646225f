//! The JSON exports of the catalogue: `products.json` and
//! `categories.json`, of a documented, versioned shape
//! (`schemas/exports/`), one entry per line. Their entries are made in
//! parallel and, in `vial serve`, kept between rebuilds (`Fragments`); a
//! build that keeps nothing never holds `products.json` at all, and makes
//! it again as it writes it (`make_again`).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use serde_json::{Value, json};

use crate::{Body, Entries, Entry, Made, Renderer};
use vial_site::config::SpecKind;
use vial_site::link::Target;
use vial_site::model::{ANY_TIME, Product, SpecValue};
use vial_site::words::spec_value;

/// The version of the export format: it changes only when a field changes
/// meaning or goes away.
pub const EXPORT_VERSION: u32 = 1;

/// A JSON export of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Export {
    Products,
    Categories,
}

impl Export {
    pub fn path(self) -> &'static str {
        match self {
            Export::Products => "products.json",
            Export::Categories => "categories.json",
        }
    }
}

/// A product in `products.json` (see `schemas/exports/products.v1.json`).
#[derive(Serialize)]
struct ProductExport<'p> {
    slug: &'p str,
    name: &'p str,
    url: String,
    category: &'p str,
    summary: &'p str,
    updated: Option<&'p str>,
    image: Option<ImageExport>,
    images: Vec<ImageExport>,
    terms: BTreeMap<&'p str, Vec<TermExport<'p>>>,
    specs: BTreeMap<&'p str, SpecExport<'p>>,
    usage: UsageExport<'p>,
}

/// A picture in an export: its widest JPEG or PNG (or WebP) variant.
#[derive(Serialize, Clone)]
struct ImageExport {
    url: String,
    alt: String,
    width: u32,
    height: u32,
}

/// A category in `categories.json`. Its fields are in name order, as the
/// export always wrote them; the product list is written straight from the
/// model, not copied into a JSON value first (every product's slug, on
/// every rebuild).
#[derive(Serialize)]
struct CategoryExport<'c> {
    image: Option<Value>,
    name: &'c str,
    products: &'c [String],
    slug: &'c str,
    summary: &'c str,
    traits: Vec<Value>,
    url: String,
}

#[derive(Serialize)]
struct TermExport<'p> {
    name: &'p str,
    slug: &'p str,
    url: String,
    strength: Option<f64>,
}

#[derive(Serialize)]
struct SpecExport<'p> {
    value: Value,
    unit: Option<&'p str>,
    label: &'p str,
    shown: String,
}

#[derive(Serialize)]
struct UsageExport<'p> {
    schedule: ScheduleExport,
    slots: Vec<&'p str>,
    steps: Vec<&'p str>,
    cautions: &'p [String],
}

#[derive(Serialize)]
struct ScheduleExport {
    phrase: String,
    uses_per_year: Option<f64>,
    bucket: &'static str,
}

impl Renderer<'_> {
    /// A JSON export: one entry per line, so the file of a large catalogue
    /// stays quick to write, diff and grep. Products are serialized in
    /// parallel.
    pub(crate) fn export(&self, export: Export) -> Body {
        use rayon::prelude::*;
        let site = self.site;
        let entries: Vec<Entry> = match export {
            Export::Products => {
                let products = self.exported_products();
                let entry = |p: &Product| self.product_entry(p);
                match self.fragments {
                    Some(kept) => kept.exports(&products, entry),
                    None => {
                        // Nothing is kept for a next time: each entry is
                        // made to be hashed, and again when written.
                        let hashes: Vec<u64> = products
                            .par_iter()
                            .map(|p| xxhash_rust::xxh3::xxh3_64(entry(p).as_bytes()))
                            .collect();
                        let (head, separator, tail) = self.export_frame(export, !hashes.is_empty());
                        let hash = Entries::hash_of(&head, separator, &tail, hashes.into_iter());
                        return Body::Made(Made { hash });
                    }
                }
            }
            Export::Categories => (site.categories.values())
                .filter(|c| !site.omits(&Target::Category(c.slug.clone())))
                .map(|c| {
                    let url = Target::Category(c.slug.clone()).path(&site.config);
                    let entry = CategoryExport {
                        image: c.images.main().map(|i| json!(self.image_export(i))),
                        name: &c.name,
                        products: &c.products,
                        slug: &c.slug,
                        summary: &c.summary,
                        traits: (c.traits.iter())
                            .map(|(n, v)| json!({"name": n, "value": v}))
                            .collect(),
                        url: self.permalink(&url),
                    };
                    Entry::new(serde_json::to_string(&entry).unwrap_or_default())
                })
                .collect(),
        };
        let (head, separator, tail) = self.export_frame(export, !entries.is_empty());
        Body::Entries(Entries {
            head,
            entries,
            separator,
            tail,
        })
    }

    /// What comes before, between and after an export's entries.
    fn export_frame(&self, export: Export, any: bool) -> (String, &'static str, String) {
        let key = match export {
            Export::Products => "products",
            Export::Categories => "categories",
        };
        let site_title = json!(self.site.config.title);
        let head =
            format!("{{\"version\": {EXPORT_VERSION}, \"site\": {site_title}, \"{key}\": [\n");
        let tail = if any { "\n]}\n" } else { "]}\n" };
        (head, ",\n", tail.to_string())
    }

    /// The products of `products.json`, in its order.
    fn exported_products(&self) -> Vec<&Arc<Product>> {
        let site = self.site;
        (site.product_order.iter())
            .filter_map(|s| site.products.get(s))
            .collect()
    }

    fn product_entry(&self, p: &Product) -> String {
        serde_json::to_string(&self.product_export(p)).unwrap_or_default()
    }

    /// Makes `products.json` again (`Body::Made`), handing its pieces to
    /// `write` in order: its entries in slices made in parallel, so that no
    /// more than a slice is held at once.
    pub fn make_again(
        &self,
        write: &mut dyn FnMut(&[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        use rayon::prelude::*;
        let products = self.exported_products();
        let (head, separator, tail) = self.export_frame(Export::Products, !products.is_empty());
        write(head.as_bytes())?;
        for (n, slice) in products.chunks(512).enumerate() {
            let entries: Vec<String> = slice.par_iter().map(|p| self.product_entry(p)).collect();
            for (i, entry) in entries.iter().enumerate() {
                if n > 0 || i > 0 {
                    write(separator.as_bytes())?;
                }
                write(entry.as_bytes())?;
            }
        }
        write(tail.as_bytes())
    }

    fn image_export(&self, image: &vial_site::model::Image) -> ImageExport {
        let view = self.image_view(image, crate::picture::Role::Main);
        ImageExport {
            url: view.og_url,
            alt: view.alt,
            width: view.width,
            height: view.height,
        }
    }

    /// A product as `products.json` has it.
    fn product_export<'s>(&'s self, p: &'s Product) -> ProductExport<'s> {
        let terms = self.term_exports(p);
        let specs = self.spec_exports(p);
        ProductExport {
            slug: &p.slug,
            name: &p.name,
            url: self.target_permalink(&Target::Product(p.slug.clone())),
            category: &p.category,
            summary: &p.summary,
            updated: p.updated.as_deref(),
            image: p.images.main().map(|i| self.image_export(i)),
            images: p
                .images
                .gallery()
                .iter()
                .map(|i| self.image_export(i))
                .collect(),
            terms,
            specs,
            usage: self.usage_export(p),
        }
    }

    /// `p`'s terms of every taxonomy, by the taxonomy's key (an empty list
    /// where it has none).
    fn term_exports<'s>(&'s self, p: &'s Product) -> BTreeMap<&'s str, Vec<TermExport<'s>>> {
        let config = &self.site.config;
        config
            .taxonomies
            .iter()
            .map(|t| {
                let used = p
                    .terms_of(&t.key)
                    .iter()
                    .map(|u| TermExport {
                        name: self.site.term_name(&t.key, &u.term),
                        slug: &u.term.slug,
                        url: self.target_permalink(&Target::Term(
                            t.key.clone(),
                            u.term.slug.to_string(),
                        )),
                        strength: u.strength,
                    })
                    .collect();
                (t.key.as_str(), used)
            })
            .collect()
    }

    /// `p`'s values of the declared specs, by key: each as written, and as
    /// pages show it.
    fn spec_exports<'s>(&'s self, p: &'s Product) -> BTreeMap<&'s str, SpecExport<'s>> {
        self.site
            .config
            .specs
            .iter()
            .filter_map(|spec| {
                let value = p.specs.get(&spec.key)?;
                let shown = spec_value(spec, value, self.strings).text;
                let raw = match value {
                    SpecValue::Text(t) => json!(t),
                    SpecValue::Number { value, .. } => json!(value),
                    SpecValue::Bool(b) => json!(b),
                    SpecValue::Choice(k) => json!(k),
                    SpecValue::List(items) => json!(items),
                };
                let unit = match &spec.kind {
                    SpecKind::Number { unit, .. } => unit.as_deref(),
                    _ => None,
                };
                let label = spec.label.as_str();
                Some((
                    spec.key.as_str(),
                    SpecExport {
                        value: raw,
                        unit,
                        label,
                        shown,
                    },
                ))
            })
            .collect()
    }

    /// How `p` is used: its schedule, slots and steps by key, its cautions.
    fn usage_export<'s>(&'s self, p: &'s Product) -> UsageExport<'s> {
        let declared = &self.site.config.usage;
        let schedule = &p.usage.schedule;
        UsageExport {
            schedule: ScheduleExport {
                phrase: schedule.describe(self.strings, &declared.vocabulary),
                uses_per_year: schedule.per_year(),
                bucket: schedule.bucket().key(),
            },
            // `any` (no slot may have that key) for `time: any`.
            slots: (p.usage.slots.iter())
                .map(|i| declared.slots[*i].key.as_str())
                .chain(p.usage.any_time.then_some(ANY_TIME))
                .collect(),
            steps: p
                .usage
                .steps
                .iter()
                .map(|i| declared.steps[*i].key.as_str())
                .collect(),
            cautions: &p.usage.cautions,
        }
    }
}
