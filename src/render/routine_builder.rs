//! The routine builder: the page `/routine/`, and per category the data
//! the browser lays a reader's products out with, `routine/<category>.json`.
//! No I/O.
//!
//! The page explains the builder, lists the rules the site declares and
//! the categories to find products in (all of it readable without
//! JavaScript), and holds the builder's settings as JSON: the slots and
//! steps, the rules in the form `routine.js` checks them, where the data
//! lives. Each category's file lists its products in the category's name
//! order (the order of the search index's product records), each with what
//! laying it out needs and nothing more:
//!
//! | key | what |
//! | --- | --- |
//! | `s` | slug |
//! | `n` | name |
//! | `t` | slots used (indexes into the page's slots) |
//! | `o` | places in the routine: `[rank, step]`, rank orders the routine (a step, or a `position` before, after, first or last) |
//! | `w` | the days of a week it is used on (bit 0 the first day), 0 when rarer than weekly or off the calendar |
//! | `f` | the schedule, as pages say it |
//! | `g` | the groups it belongs to (indexes into the site's groups) |
//! | `x` | the rules it breaks on its own (indexes into the page's rules) |
//!
//! Empty lists are left out. The checks that need two products run in the
//! browser, on the reader's own routine; those a product fails alone are
//! worked out here once, and shown on its usage card too.

use std::collections::BTreeSet;

use serde::Serialize;

use super::Renderer;
use super::views::{CategoryCard, RuleView};
use crate::config::RuleKind;
use crate::link::Target;
use crate::model::routine::{broken_alone, groups_of};
use crate::model::{Position, Product};

/// The folder of the per-category data below the output.
pub const DIR: &str = "routine";

/// The `/routine/` page's view.
#[derive(Debug, Clone, Serialize)]
pub struct RoutineView {
    /// The builder's settings for `routine.js`: JSON, safe inside a
    /// script element.
    pub settings: String,
    /// The rules the builder checks, as readers see them.
    pub rules: Vec<RuleView>,
    /// Where to find products, by name.
    pub categories: Vec<CategoryCard>,
}

#[derive(Serialize)]
struct Settings<'a> {
    /// Where the per-category files are.
    data: String,
    /// Where product pages are: this, the slug, `/`.
    products: String,
    /// Category slugs in the order of the search index's categories.
    categories: Vec<&'a str>,
    slots: Vec<&'a str>,
    steps: Vec<&'a str>,
    rules: Vec<RuleSettings<'a>>,
}

#[derive(Serialize)]
struct RuleSettings<'a> {
    key: &'a str,
    kind: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    slot: Option<usize>,
    /// `apart`: the groups; `needs` and `above`: the group it is about.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    groups: Vec<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    steps: Vec<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    needs: Option<usize>,
}

#[derive(Serialize)]
struct Data<'a> {
    products: Vec<ProductData<'a>>,
}

#[derive(Serialize)]
struct ProductData<'a> {
    s: &'a str,
    n: &'a str,
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

/// JSON that no text can end a script element early with.
fn script_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

impl Renderer<'_> {
    /// `<category>/<slug>`: how the builder and the buttons name a product.
    pub(super) fn routine_key(&self, p: &Product) -> String {
        format!("{}/{}", p.category, p.slug)
    }

    /// The cautions of the rules `p` breaks on its own.
    pub(super) fn rule_cautions(&self, p: &Product) -> Vec<RuleView> {
        let rules = &self.site.config.routine.rules;
        broken_alone(&self.site.config, p)
            .into_iter()
            .map(|i| RuleView {
                key: rules[i].key.clone(),
                message: rules[i].message.clone(),
            })
            .collect()
    }

    pub(super) fn routine_view(&self, reads: &mut BTreeSet<Target>) -> RoutineView {
        let config = &self.site.config;
        let declared = &config.routine;
        let rules = declared
            .rules
            .iter()
            .map(|r| {
                let (groups, steps, needs) = match &r.kind {
                    RuleKind::Apart(groups) => (groups.clone(), Vec::new(), None),
                    RuleKind::OnePerStep(steps) => (Vec::new(), steps.clone(), None),
                    RuleKind::Needs { when, needs } => (vec![*when], Vec::new(), Some(*needs)),
                    RuleKind::Above { when, .. } => (vec![*when], Vec::new(), None),
                };
                RuleSettings {
                    key: &r.key,
                    kind: r.kind.key(),
                    message: &r.message,
                    slot: r.slot,
                    groups,
                    steps,
                    needs,
                }
            })
            .collect();
        let settings = Settings {
            data: self.url(&format!("{DIR}/")),
            products: self.url("products/"),
            categories: self.site.categories.keys().map(String::as_str).collect(),
            slots: config
                .usage
                .slots
                .iter()
                .map(|s| s.label.as_str())
                .collect(),
            steps: config
                .usage
                .steps
                .iter()
                .map(|s| s.label.as_str())
                .collect(),
            rules,
        };
        RoutineView {
            settings: script_json(&settings),
            rules: declared
                .rules
                .iter()
                .map(|r| RuleView {
                    key: r.key.clone(),
                    message: r.message.clone(),
                })
                .collect(),
            categories: self.category_cards(reads),
        }
    }

    /// `routine/<category>.json`: what the builder needs of each product of
    /// the category.
    pub(super) fn routine_data(&self, category: &str, reads: &mut BTreeSet<Target>) -> String {
        let site = self.site;
        let config = &site.config;
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
