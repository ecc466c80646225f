//! Comparison tables: products side by side on their specs and usage, and
//! categories side by side on their traits and their products' typical use.
//! Pure: model and strings in, `ComparisonTable` out.

use std::collections::BTreeMap;

use crate::config::{Config, SpecField, SpecKind, TaxonomyDecl};
use crate::i18n::Strings;
use crate::model::{Category, Position, Product, Site, SpecValue};

use super::views::{Cell, ComparisonTable, HeaderCell, TableRow};

/// A field a product comparison can show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Field<'a> {
    Spec(&'a SpecField),
    /// A taxonomy's terms.
    Terms(&'a TaxonomyDecl),
    Frequency,
    Time,
    Step,
}

/// What a table needs besides the products: the site and its words.
pub struct Words<'a> {
    pub site: &'a Site,
    pub strings: &'a Strings,
}

impl Field<'_> {
    fn label(&self, s: &Strings) -> String {
        match self {
            Field::Spec(spec) => match &spec.kind {
                SpecKind::Number {
                    unit: Some(unit), ..
                } => format!("{} ({unit})", spec.label),
                _ => spec.label.clone(),
            },
            Field::Terms(decl) => decl.plural.clone(),
            Field::Frequency => s.text("comparison.frequency", &[]),
            Field::Time => s.text("comparison.time", &[]),
            Field::Step => s.text("comparison.step", &[]),
        }
    }

    /// The cell of `product`: its text (empty when it has no value) and a
    /// sort key where text order is not the right one.
    fn cell(&self, w: &Words, product: &Product) -> (String, Option<String>) {
        let s = w.strings;
        let config = &w.site.config;
        match self {
            Field::Spec(spec) => match product.specs.get(&spec.key) {
                Some(value) => spec_cell(spec, value, s),
                None => (String::new(), None),
            },
            Field::Terms(decl) => {
                let names: Vec<String> = product
                    .terms_of(&decl.key)
                    .iter()
                    .map(|t| t.term.name.clone())
                    .collect();
                (names.join(&s.text("value.list_separator", &[])), None)
            }
            Field::Frequency => {
                let schedule = &product.usage.schedule;
                let (rank, n) = schedule.sort_key();
                (
                    schedule.describe(s, &config.usage.vocabulary),
                    Some(format!("{rank}{n:020}")),
                )
            }
            Field::Time => {
                let labels: Vec<String> = product
                    .usage
                    .slots
                    .iter()
                    .map(|i| config.usage.slots[*i].label.clone())
                    .collect();
                let first = product.usage.slots.first().map(|i| format!("{i:04}"));
                (s.list(&labels), first)
            }
            Field::Step => step_cell(config, s, product),
        }
    }
}

/// A spec value as a reader sees it, with its sort key.
pub fn spec_cell(spec: &SpecField, value: &SpecValue, s: &Strings) -> (String, Option<String>) {
    match value {
        SpecValue::Text(t) => (t.clone(), None),
        SpecValue::Number { value, shown } => (shown.clone(), Some(format!("{value:020.6}"))),
        SpecValue::Bool(true) => (s.text("value.yes", &[]), Some("0".into())),
        SpecValue::Bool(false) => (s.text("value.no", &[]), Some("1".into())),
        SpecValue::Choice(key) => (
            spec.value_label(key).to_string(),
            spec.value_rank(key).map(|r| format!("{r:04}")),
        ),
        SpecValue::List(items) => {
            let labels: Vec<String> = items
                .iter()
                .map(|i| spec.value_label(i).to_string())
                .collect();
            (labels.join(&s.text("value.list_separator", &[])), None)
        }
    }
}

fn step_cell(config: &Config, s: &Strings, product: &Product) -> (String, Option<String>) {
    let usage = &product.usage;
    let labels: Vec<String> = usage
        .steps
        .iter()
        .map(|i| config.usage.steps[*i].label.clone())
        .collect();
    if labels.is_empty() {
        return (String::new(), None);
    }
    let text = s.list(&labels);
    let text = match usage.position {
        Some(Position::Last) => s.text("comparison.last", &[("step", &text)]),
        Some(Position::First) => s.text("comparison.first", &[("step", &text)]),
        _ => text,
    };
    (text, usage.steps.first().map(|i| format!("{i:04}")))
}

/// Every declared spec, then frequency, time (when the site has slots) and
/// step (when it has steps).
pub fn default_fields(config: &Config) -> Vec<Field<'_>> {
    let mut fields: Vec<Field> = config.specs.iter().map(Field::Spec).collect();
    fields.push(Field::Frequency);
    if !config.usage.slots.is_empty() {
        fields.push(Field::Time);
    }
    if !config.usage.steps.is_empty() {
        fields.push(Field::Step);
    }
    fields
}

/// The fields named by key (already validated by the link stage).
pub fn named_fields<'a>(config: &'a Config, keys: &[String]) -> Vec<Field<'a>> {
    keys.iter()
        .filter_map(|key| match key.as_str() {
            "frequency" => Some(Field::Frequency),
            "time" => Some(Field::Time),
            "step" => Some(Field::Step),
            key => config
                .spec(key)
                .map(Field::Spec)
                .or_else(|| config.taxonomy(key).map(Field::Terms)),
        })
        .collect()
}

/// Whether `count` products read best side by side (a column each) rather
/// than a row each.
pub fn side_by_side(config: &Config, count: usize) -> bool {
    count <= config.comparison.side_by_side_max
}

/// How a product table is laid out and what it is about.
pub struct TableSpec<'a> {
    pub caption: String,
    pub side_by_side: bool,
    /// The product whose page the table is on.
    pub current: Option<&'a str>,
}

/// Products compared on `fields`: a column per product when side by side,
/// a row per product otherwise. Fields no product has are left out.
pub fn product_table(
    w: &Words,
    products: &[&Product],
    fields: &[Field],
    spec: TableSpec,
    url_of: &dyn Fn(&Product) -> String,
) -> ComparisonTable {
    let s = w.strings;
    let none = s.text("value.none", &[]);
    let full: Vec<Vec<(String, Option<String>)>> = products
        .iter()
        .map(|p| fields.iter().map(|f| f.cell(w, p)).collect())
        .collect();
    // A field every compared product leaves blank says nothing.
    let kept: Vec<usize> = (0..fields.len())
        .filter(|i| full.iter().any(|row| !row[*i].0.is_empty()))
        .collect();
    let fields: Vec<&Field> = kept.iter().map(|i| &fields[*i]).collect();
    let grid: Vec<Vec<(String, Option<String>)>> = full
        .into_iter()
        .map(|row| {
            kept.iter()
                .map(|i| {
                    let (value, sort) = row[*i].clone();
                    if value.is_empty() {
                        (none.clone(), None)
                    } else {
                        (value, sort)
                    }
                })
                .collect()
        })
        .collect();
    // A field differs when its products do not all share one value.
    let differs: Vec<bool> = (0..fields.len())
        .map(|i| grid.iter().any(|row| row[i].0 != grid[0][i].0))
        .collect();
    let product_header = |p: &Product| HeaderCell {
        label: p.name.clone(),
        url: Some(url_of(p)),
        note: byline(w, p),
        current: spec.current == Some(p.slug.as_str()),
    };
    let cell = |(value, sort): &(String, Option<String>), differs: bool| Cell {
        value: value.clone(),
        differs,
        sort: sort.clone(),
    };
    let corner = s.text("comparison.product", &[]);
    if spec.side_by_side {
        ComparisonTable {
            caption: spec.caption,
            orientation: "side-by-side",
            corner,
            columns: products.iter().map(|p| product_header(p)).collect(),
            rows: fields
                .iter()
                .enumerate()
                .map(|(i, f)| TableRow {
                    header: plain_header(f.label(s)),
                    cells: grid.iter().map(|row| cell(&row[i], differs[i])).collect(),
                })
                .collect(),
        }
    } else {
        ComparisonTable {
            caption: spec.caption,
            orientation: "rows",
            corner,
            columns: fields.iter().map(|f| plain_header(f.label(s))).collect(),
            rows: products
                .iter()
                .zip(&grid)
                .map(|(p, row)| TableRow {
                    header: product_header(p),
                    cells: row.iter().zip(&differs).map(|(c, d)| cell(c, *d)).collect(),
                })
                .collect(),
        }
    }
}

/// The product's term of the site's first one-term taxonomy: its brand.
pub fn byline(w: &Words, p: &Product) -> Option<String> {
    let decl = w.site.config.taxonomies.iter().find(|t| t.single)?;
    p.terms_of(&decl.key).first().map(|t| t.term.name.clone())
}

fn plain_header(label: String) -> HeaderCell {
    HeaderCell {
        label,
        url: None,
        note: None,
        current: false,
    }
}

/// The figures computed from a category's products, one per row label.
fn typical_use(w: &Words, category: &Category) -> Vec<(String, String)> {
    let s = w.strings;
    let config = &w.site.config;
    let none = s.text("value.none", &[]);
    let products: Vec<&Product> = category
        .products
        .iter()
        .filter_map(|slug| w.site.product(slug))
        .collect();
    let count = products.len();
    let most_common = |values: Vec<String>| {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for v in values.into_iter().filter(|v| !v.is_empty()) {
            *counts.entry(v).or_default() += 1;
        }
        // Highest count wins; ties go to the alphabetically first value.
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(v, _)| v)
            .unwrap_or_else(|| none.clone())
    };
    let mut rows = vec![
        (s.text("comparison.count", &[]), count.to_string()),
        (
            s.text("comparison.common_frequency", &[]),
            most_common(
                products
                    .iter()
                    .map(|p| p.usage.schedule.describe(s, &config.usage.vocabulary))
                    .collect(),
            ),
        ),
    ];
    for (i, slot) in config.usage.slots.iter().enumerate() {
        let n = products
            .iter()
            .filter(|p| p.usage.slots.contains(&i))
            .count();
        let share = match (n * 100 + count / 2).checked_div(count) {
            None => none.clone(),
            Some(percent) => s.text(
                "comparison.share",
                &[
                    ("percent", &percent.to_string()),
                    ("n", &n.to_string()),
                    ("total", &count.to_string()),
                ],
            ),
        };
        rows.push((
            s.text("comparison.used_in_slot", &[("slot", &slot.label)]),
            share,
        ));
    }
    if !config.usage.steps.is_empty() {
        rows.push((
            s.text("comparison.usual_step", &[]),
            most_common(
                products
                    .iter()
                    .filter_map(|p| p.usage.steps.first())
                    .map(|i| config.usage.steps[*i].label.clone())
                    .collect(),
            ),
        ));
    }
    rows
}

/// Categories side by side: their traits (in first-seen order), then what
/// their products' data says about typical use.
pub fn category_table(
    w: &Words,
    categories: &[&Category],
    url_of: &dyn Fn(&Category) -> String,
) -> ComparisonTable {
    let s = w.strings;
    let none = s.text("value.none", &[]);
    let mut trait_names: Vec<&str> = Vec::new();
    for c in categories {
        for (name, _) in &c.traits {
            if !trait_names.contains(&name.as_str()) {
                trait_names.push(name);
            }
        }
    }
    let mut rows: Vec<(String, Vec<String>)> = trait_names
        .iter()
        .map(|name| {
            let values = categories
                .iter()
                .map(|c| {
                    c.traits
                        .iter()
                        .find(|(n, _)| n == name)
                        .map_or_else(|| none.clone(), |(_, v)| v.clone())
                })
                .collect();
            (name.to_string(), values)
        })
        .collect();
    let uses: Vec<Vec<(String, String)>> = categories.iter().map(|c| typical_use(w, c)).collect();
    if let Some(first) = uses.first() {
        for (i, (label, _)) in first.iter().enumerate() {
            rows.push((label.clone(), uses.iter().map(|u| u[i].1.clone()).collect()));
        }
    }
    let names: Vec<&str> = categories.iter().map(|c| c.name.as_str()).collect();
    let caption = match names.as_slice() {
        [left, right] => s.text("comparison.versus", &[("left", left), ("right", right)]),
        _ => names.join(", "),
    };
    ComparisonTable {
        caption,
        orientation: "side-by-side",
        corner: s.text("comparison.category", &[]),
        columns: categories
            .iter()
            .map(|c| HeaderCell {
                label: c.name.clone(),
                url: Some(url_of(c)),
                note: None,
                current: false,
            })
            .collect(),
        rows: rows
            .into_iter()
            .map(|(label, values)| {
                let differs = values.iter().any(|v| *v != values[0]);
                TableRow {
                    header: plain_header(label),
                    cells: values
                        .into_iter()
                        .map(|value| Cell {
                            value,
                            differs,
                            sort: None,
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}
