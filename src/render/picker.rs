//! The compare picker: the reader ticks 2–4 products on a category page,
//! the product list or a term's page, and `/compare/?p=a,b,c` shows them
//! side by side the way the built comparison tables do (`compare.js`
//! draws the table: declared fields in declared order, `differs` where two
//! given values differ, rows no picked product has left out). No I/O.
//!
//! The page `/compare/` holds the picker's settings as JSON: the fields
//! and their labels, and per category its data file and its products'
//! slugs (so a link naming only slugs finds their files). Each category's
//! file, `compare/<category>.json`, lists its products in the category's
//! order, each with what a table shows of it and nothing more:
//!
//! | key | what |
//! | --- | --- |
//! | `s` | slug |
//! | `n` | name |
//! | `b` | byline (the first one-term taxonomy's term), when it has one |
//! | `v` | one value per field of the settings, as the tables show it; `null` where it has none |

use std::collections::BTreeSet;

use serde::Serialize;

use super::Renderer;
use super::comparison::default_fields;
use crate::link::Target;

/// The folder of the per-category data below the output (beside the
/// category-versus-category pages).
pub const DIR: &str = "compare";
/// The most products the picker puts side by side.
pub const MAX: usize = 4;

#[derive(Serialize)]
struct Settings<'a> {
    max: usize,
    /// Where product pages are: this, the slug, `/`.
    products: String,
    fields: Vec<String>,
    categories: Vec<CategorySettings<'a>>,
}

#[derive(Serialize)]
struct CategorySettings<'a> {
    data: String,
    products: Vec<&'a str>,
}

#[derive(Serialize)]
struct Data<'a> {
    products: Vec<ProductData<'a>>,
}

#[derive(Serialize)]
struct ProductData<'a> {
    s: &'a str,
    n: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    b: Option<String>,
    v: Vec<Option<String>>,
}

/// JSON that no text can end a script element early with.
fn script_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

impl Renderer<'_> {
    /// The picker's settings for `/compare/`, safe inside a script element.
    pub(super) fn picker_settings(&self, reads: &mut BTreeSet<Target>) -> String {
        let site = self.site;
        let fields = default_fields(&site.config)
            .iter()
            .map(|f| f.label(self.strings))
            .collect();
        let categories = site
            .categories
            .values()
            .map(|c| {
                reads.insert(Target::Category(c.slug.clone()));
                reads.extend(c.products.iter().cloned().map(Target::Product));
                CategorySettings {
                    data: self.url(&format!("{DIR}/{}.json", c.slug)),
                    products: c.products.iter().map(String::as_str).collect(),
                }
            })
            .collect();
        script_json(&Settings {
            max: MAX,
            products: self.url("products/"),
            fields,
            categories,
        })
    }

    /// `compare/<category>.json`: what the picker shows of each product of
    /// the category.
    pub(super) fn picker_data(&self, category: &str, reads: &mut BTreeSet<Target>) -> String {
        let site = self.site;
        let words = self.words();
        let fields = default_fields(&site.config);
        reads.insert(Target::Category(category.to_string()));
        let products = site.categories[category]
            .products
            .iter()
            .filter_map(|slug| site.product(slug))
            .map(|p| {
                reads.insert(Target::Product(p.slug.clone()));
                ProductData {
                    s: &p.slug,
                    n: &p.name,
                    b: super::comparison::byline(&words, p),
                    v: fields
                        .iter()
                        .map(|f| f.value(&words, p).map(|v| v.text))
                        .collect(),
                }
            })
            .collect();
        let mut json = serde_json::to_string(&Data { products }).unwrap_or_default();
        json.push('\n');
        json
    }
}
