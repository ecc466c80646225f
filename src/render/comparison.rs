//! Comparison tables: products side by side on their specs and usage, and
//! categories side by side on their traits and their products' typical use.
//! Pure: model in, `ComparisonTable` out.

use std::collections::BTreeMap;

use crate::config::{Config, SpecField, SpecKind, TimeOfDay};
use crate::model::{Category, Product, Site, SpecValue, format_number};

use super::views::{Cell, ComparisonTable, HeaderCell};

/// A field a product comparison can show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Field<'a> {
    Spec(&'a SpecField),
    Frequency,
    Time,
    Step,
}

impl Field<'_> {
    fn label(&self) -> String {
        match self {
            Field::Spec(spec) => match &spec.kind {
                SpecKind::Number { unit: Some(unit) } => format!("{} ({unit})", spec.label),
                _ => spec.label.clone(),
            },
            Field::Frequency => "How often".into(),
            Field::Time => "Time of day".into(),
            Field::Step => "Routine step".into(),
        }
    }

    fn cell(&self, config: &Config, product: &Product) -> (String, Option<String>) {
        match self {
            Field::Spec(spec) => match product.specs.get(&spec.key) {
                Some(SpecValue::Number(n)) => (format_number(*n), Some(format!("{n:020.6}"))),
                Some(value) => (value.to_string(), None),
                None => ("—".into(), None),
            },
            Field::Frequency => {
                let f = product.usage.frequency;
                // Sort by how often it is used, most often first.
                (
                    f.to_string(),
                    Some(format!("{:08.2}", 100.0 - f.weekly_uses())),
                )
            }
            Field::Time => (times_label(&product.usage.times), None),
            Field::Step => {
                let step = &config.routine.steps[product.usage.step];
                let text = match product.usage.position {
                    Some(crate::model::Position::Last) => format!("{} (last)", step.label),
                    Some(crate::model::Position::First) => format!("{} (first)", step.label),
                    _ => step.label.clone(),
                };
                (text, Some(format!("{:04}", product.usage.step)))
            }
        }
    }
}

pub fn times_label(times: &[TimeOfDay]) -> String {
    times
        .iter()
        .map(|t| t.label())
        .collect::<Vec<_>>()
        .join(" & ")
}

/// Every declared spec, then frequency, time and step.
pub fn default_fields(config: &Config) -> Vec<Field<'_>> {
    config
        .specs
        .iter()
        .map(Field::Spec)
        .chain([Field::Frequency, Field::Time, Field::Step])
        .collect()
}

/// The fields named by key (already validated by the link stage).
pub fn named_fields<'a>(config: &'a Config, keys: &[String]) -> Vec<Field<'a>> {
    keys.iter()
        .filter_map(|key| match key.as_str() {
            "frequency" => Some(Field::Frequency),
            "time" => Some(Field::Time),
            "step" => Some(Field::Step),
            key => config.spec(key).map(Field::Spec),
        })
        .collect()
}

/// Whether `count` products read best side by side (a column each) rather
/// than a row each.
pub fn side_by_side(config: &Config, count: usize) -> bool {
    count <= config.comparison.side_by_side_max
}

/// Products compared on `fields`: a column per product when `side_by_side`,
/// a row per product otherwise.
pub fn product_table(
    site: &Site,
    products: &[&Product],
    fields: &[Field],
    caption: String,
    side_by_side: bool,
    current: Option<&str>,
    url_of: &dyn Fn(&Product) -> String,
) -> ComparisonTable {
    let config = &site.config;
    let grid: Vec<Vec<(String, Option<String>)>> = products
        .iter()
        .map(|p| fields.iter().map(|f| f.cell(config, p)).collect())
        .collect();
    // A field differs when its products do not all share one value.
    let differs: Vec<bool> = (0..fields.len())
        .map(|i| grid.iter().any(|row| row[i].0 != grid[0][i].0))
        .collect();
    let product_header = |p: &Product| HeaderCell {
        label: p.name.clone(),
        url: Some(url_of(p)),
        note: Some(p.brand.name.clone()),
        current: current == Some(p.slug.as_str()),
    };
    let cell = |(value, sort): &(String, Option<String>), differs: bool| Cell {
        value: value.clone(),
        differs,
        sort: sort.clone(),
    };
    if side_by_side {
        ComparisonTable {
            caption,
            orientation: "side-by-side",
            corner: "Product".into(),
            columns: products.iter().map(|p| product_header(p)).collect(),
            rows: fields
                .iter()
                .enumerate()
                .map(|(i, f)| super::views::TableRow {
                    header: plain_header(f.label()),
                    cells: grid.iter().map(|row| cell(&row[i], differs[i])).collect(),
                })
                .collect(),
        }
    } else {
        ComparisonTable {
            caption,
            orientation: "rows",
            corner: "Product".into(),
            columns: fields.iter().map(|f| plain_header(f.label())).collect(),
            rows: products
                .iter()
                .zip(&grid)
                .map(|(p, row)| super::views::TableRow {
                    header: product_header(p),
                    cells: row.iter().zip(&differs).map(|(c, d)| cell(c, *d)).collect(),
                })
                .collect(),
        }
    }
}

fn plain_header(label: String) -> HeaderCell {
    HeaderCell {
        label,
        url: None,
        note: None,
        current: false,
    }
}

/// How a category's products are typically used, computed from their data.
struct TypicalUse {
    count: usize,
    frequency: String,
    morning_share: String,
    evening_share: String,
    step: String,
}

impl TypicalUse {
    /// The values, in the order of the rows `category_table` labels.
    fn row(&self) -> [String; 5] {
        [
            self.count.to_string(),
            self.frequency.clone(),
            self.morning_share.clone(),
            self.evening_share.clone(),
            self.step.clone(),
        ]
    }
}

fn typical_use(site: &Site, category: &Category) -> TypicalUse {
    let products: Vec<&Product> = category
        .products
        .iter()
        .filter_map(|s| site.product(s))
        .collect();
    let count = products.len();
    let most_common = |values: Vec<String>| {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for v in values {
            *counts.entry(v).or_default() += 1;
        }
        // Highest count wins; ties go to the alphabetically first value.
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(v, _)| v)
            .unwrap_or_else(|| "—".into())
    };
    let share = |time: TimeOfDay| {
        if count == 0 {
            return "—".to_string();
        }
        let n = products
            .iter()
            .filter(|p| p.usage.times.contains(&time))
            .count();
        format!("{}% ({n} of {count})", (n * 100 + count / 2) / count)
    };
    TypicalUse {
        count,
        frequency: most_common(
            products
                .iter()
                .map(|p| p.usage.frequency.to_string())
                .collect(),
        ),
        morning_share: share(TimeOfDay::Am),
        evening_share: share(TimeOfDay::Pm),
        step: most_common(
            products
                .iter()
                .map(|p| site.config.routine.steps[p.usage.step].label.clone())
                .collect(),
        ),
    }
}

/// Categories side by side: their traits (in first-seen order), then what
/// their products' data says about typical use.
pub fn category_table(
    site: &Site,
    categories: &[&Category],
    url_of: &dyn Fn(&Category) -> String,
) -> ComparisonTable {
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
                        .map_or_else(|| "—".to_string(), |(_, v)| v.clone())
                })
                .collect();
            (name.to_string(), values)
        })
        .collect();
    let uses: Vec<TypicalUse> = categories.iter().map(|c| typical_use(site, c)).collect();
    let labels = [
        "Products on this site",
        "Most common frequency",
        "Used in the morning",
        "Used in the evening",
        "Usual routine step",
    ];
    for (i, label) in labels.into_iter().enumerate() {
        rows.push((
            label.to_string(),
            uses.iter().map(|u| u.row()[i].clone()).collect(),
        ));
    }
    ComparisonTable {
        caption: categories
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(" vs "),
        orientation: "side-by-side",
        corner: "Category".into(),
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
                super::views::TableRow {
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
