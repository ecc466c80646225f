//! Per category, the one data file the theme's scripts read its products
//! from, `data/<category>.json`: the routine builder lays a reader's
//! products out with it, the compare picker draws them side by side from
//! it. One file, so a reader who uses both fetches it once. No I/O.
//!
//! It lists the category's products in the category's name order (the
//! order of the search index's product records), each with what the
//! scripts need and nothing more:
//!
//! | key | what |
//! | --- | --- |
//! | `s` | slug |
//! | `n` | name |
//! | `b` | byline (the first one-term taxonomy's term), when it has one |
//! | `v` | one value per comparison field (the compare settings' `fields`), as the tables show it; `null` where it has none |
//! | `t` | slots used (indexes into the site's slots) |
//! | `o` | places in the routine: `[rank, step]`, rank orders the routine (a step, or a `position` before, after, first or last) |
//! | `w` | the days of a week it is used on (bit 0 the first day), 0 when rarer than weekly or off the calendar |
//! | `f` | the schedule, as pages say it |
//! | `g` | the routine groups it belongs to (indexes into the site's groups) |
//! | `x` | the routine rules it breaks on its own (indexes into the site's rules) |
//!
//! Empty lists are left out.

use std::collections::BTreeSet;

use serde::Serialize;

use super::Renderer;
use super::comparison::{byline, default_fields};
use crate::link::Target;
use crate::model::routine::{broken_alone, groups_of};
use crate::model::{Position, Product};

/// The folder of the per-category files below the output.
pub const DIR: &str = "data";
/// The most products the compare picker puts side by side.
pub const PICK_MAX: usize = 4;

/// The compare picker's settings, on `/compare/`.
#[derive(Serialize)]
struct PickerSettings {
    max: usize,
    /// Where product pages are: this, the slug, `/`.
    products: String,
    /// Where the per-category files are: this, the category, `.json`.
    data: String,
    /// The labels of the comparison fields, in the order of `v`.
    fields: Vec<String>,
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
    #[serde(skip_serializing_if = "<[usize]>::is_empty")]
    t: &'a [usize],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    o: Vec<[usize; 2]>,
    w: u8,
    f: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    g: Vec<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    x: Vec<usize>,
}

/// JSON that no text can end a script element early with.
pub(super) fn script_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

/// Where `p` goes in a routine of `steps` steps: one `[rank, step]` per
/// step it names, or one where its `position` puts it. Ranks leave room
/// around each step: step `i` is `3i + 2`, before it `3i + 1`, after it
/// `3i + 3`.
fn places(p: &Product, steps: usize) -> Vec<[usize; 2]> {
    let usage = &p.usage;
    let Some(&first) = usage.steps.first() else {
        return Vec::new();
    };
    match &usage.position {
        None => usage.steps.iter().map(|&i| [3 * i + 2, i]).collect(),
        Some(Position::First) => vec![[0, first]],
        Some(Position::Last) => vec![[3 * steps + 1, first]],
        Some(Position::Before(i)) => vec![[3 * i + 1, first]],
        Some(Position::After(i)) => vec![[3 * i + 3, first]],
    }
}

impl Renderer<'_> {
    /// Where the per-category files are, for the scripts' settings.
    pub(super) fn data_url(&self) -> String {
        self.url(&format!("{DIR}/"))
    }

    /// The compare picker's settings for `/compare/`, safe inside a script
    /// element.
    pub(super) fn picker_settings(&self) -> String {
        script_json(&PickerSettings {
            max: PICK_MAX,
            products: self.url("products/"),
            data: self.data_url(),
            fields: default_fields(&self.site.config)
                .iter()
                .map(|f| f.label(self.strings))
                .collect(),
        })
    }

    /// `data/<category>.json`.
    pub(super) fn category_data(&self, category: &str, reads: &mut BTreeSet<Target>) -> String {
        let site = self.site;
        let config = &site.config;
        let words = self.words();
        let fields = default_fields(config);
        reads.insert(Target::Category(category.to_string()));
        let products: Vec<ProductData> = site.categories[category]
            .products
            .iter()
            .filter_map(|slug| site.product(slug))
            .map(|p| {
                reads.insert(Target::Product(p.slug.clone()));
                ProductData {
                    s: &p.slug,
                    n: &p.name,
                    b: byline(&words, p),
                    v: fields
                        .iter()
                        .map(|f| f.value(&words, p).map(|v| v.text))
                        .collect(),
                    t: &p.usage.slots,
                    o: places(p, config.usage.steps.len()),
                    w: p.usage.schedule.weekdays().map_or(0, |d| d.bits()),
                    f: p.usage
                        .schedule
                        .describe(self.strings, &config.usage.vocabulary),
                    g: groups_of(config, p),
                    x: broken_alone(config, p),
                }
            })
            .collect();
        let mut json = serde_json::to_string(&Data { products }).unwrap_or_default();
        json.push('\n');
        json
    }
}
