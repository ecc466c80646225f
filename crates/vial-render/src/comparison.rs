//! Comparison tables: products side by side on their specs and usage, and
//! categories side by side on their traits and their products' typical use.
//! Pure: model and strings in, `ComparisonTable` out.

use rustc_hash::FxHashMap;

use vial_site::config::{Config, SpecField, TaxonomyDecl};
use vial_site::i18n::Strings;
use vial_site::model::{Category, Product};
use vial_site::schedule::Schedule;
use vial_site::words::{Value, Words, byline, spec_value};

use super::placement::placement;
use super::views::{Cell, ComparisonTable, HeaderCell, LinkView, TableRow};

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

impl Field<'_> {
    pub fn label(&self, s: &Strings) -> String {
        match self {
            // No unit here: each cell carries its own (see `SpecValue`).
            Field::Spec(spec) => spec.label.clone(),
            Field::Terms(decl) => decl.plural.clone(),
            Field::Frequency => s.text("comparison.frequency", &[]),
            Field::Time => s.text("comparison.time", &[]),
            Field::Step => s.text("comparison.step", &[]),
        }
    }

    /// The value `product` has for this field; `None` when it has none.
    pub fn value(&self, w: &Words, product: &Product) -> Option<Value> {
        let s = w.strings;
        let config = &w.site.config;
        match self {
            Field::Spec(spec) => product.specs.get(&spec.key).map(|v| spec_value(spec, v, s)),
            Field::Terms(decl) => {
                let names: Vec<&str> = product
                    .terms_of(&decl.key)
                    .iter()
                    .map(|t| w.site.term_name(&decl.key, &t.term))
                    .collect();
                (!names.is_empty())
                    .then(|| Value::text(names.join(&s.text("value.list_separator", &[]))))
            }
            Field::Frequency => {
                let schedule = &product.usage.schedule;
                let (group, n) = schedule.sort_key();
                Some(Value::ranked(
                    schedule.describe(s, &config.usage.vocabulary),
                    Some(f64::from(group) * 1e10 + n as f64),
                ))
            }
            Field::Time => {
                let usage = &product.usage;
                let labels: Vec<String> = (usage.slots.iter())
                    .map(|i| config.usage.slots[*i].label.clone())
                    .chain(usage.any_time.then(|| s.text("usage.any_time", &[])))
                    .collect();
                // Any time sorts after the declared slots.
                let first = usage.slots.first().map(|i| *i as f64);
                let first = first.or(usage.any_time.then_some(config.usage.slots.len() as f64));
                (!labels.is_empty()).then(|| Value::ranked(s.list(&labels), first))
            }
            Field::Step => {
                placement(config, s, product).map(|p| Value::ranked(p.text, Some(p.order)))
            }
        }
    }
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
    /// The product whose page the table is on: it goes first.
    pub current: Option<&'a str>,
}

/// Whether the given values of a field (blanks left out) are not all one.
fn values_differ<'v>(mut given: impl Iterator<Item = &'v str>) -> bool {
    match given.next() {
        Some(first) => given.any(|v| v != first),
        None => false,
    }
}

/// The cells of one field, one per product: blanks say `value.none`.
fn cells(values: &[Option<&Value>], differs: bool, current: &[bool], none: &str) -> Vec<Cell> {
    values
        .iter()
        .zip(current)
        .map(|(value, &current)| match value {
            Some(v) => Cell {
                value: v.text.clone(),
                blank: false,
                differs,
                sort: v.sort,
                current,
            },
            None => Cell {
                value: none.to_string(),
                blank: true,
                differs: false,
                sort: None,
                current,
            },
        })
        .collect()
}

/// Products compared on `fields`: a column per product when side by side,
/// a row per product otherwise. The current product goes first; fields no
/// product has are left out. `link_of` gives a product's name, its URL and
/// their languages, as the page's language links it.
pub fn product_table(
    w: &Words,
    products: &[&Product],
    fields: &[Field],
    spec: TableSpec,
    link_of: &dyn Fn(&Product) -> LinkView,
) -> ComparisonTable {
    let s = w.strings;
    let none = s.text("value.none", &[]);
    let grid = Grid::new(w, products, fields, spec.current);
    let product_header = |p: &Product| {
        let is_current = spec.current == Some(p.slug.as_str());
        let link = link_of(p);
        // The current product's cell links nowhere: nor does it lead
        // anywhere in another language.
        let (url, hreflang) = match is_current {
            true => (None, None),
            false => (Some(link.url), link.hreflang),
        };
        HeaderCell {
            label: link.title,
            url,
            note: byline(w, p),
            current: is_current,
            pick: Some(p.key()),
            lang: link.lang,
            hreflang,
        }
    };
    let corner = s.text("comparison.product", &[]);
    let differs = &grid.differs;
    let filterable = differs.iter().any(|d| *d) && differs.iter().any(|d| !d);
    let several = grid.products.len() > 1;
    if spec.side_by_side {
        ComparisonTable {
            caption: spec.caption,
            orientation: "side-by-side",
            corner,
            columns: grid.products.iter().map(|p| product_header(p)).collect(),
            rows: grid.field_rows(&none),
            sortable: false,
            filterable: filterable && several,
        }
    } else {
        ComparisonTable {
            caption: spec.caption,
            orientation: "rows",
            corner,
            columns: (grid.columns.iter())
                .map(|(label, _)| plain_header(label.clone()))
                .collect(),
            rows: grid.product_rows(&none, &product_header),
            sortable: several,
            filterable: false,
        }
    }
}

/// A product table's values before they are laid out.
struct Grid<'p> {
    /// The products, the current one first.
    products: Vec<&'p Product>,
    /// Whether each is the current one.
    current: Vec<bool>,
    /// One column of values per field some product has, a value per
    /// product.
    columns: Vec<(String, Vec<Option<Value>>)>,
    /// Whether each column's values differ.
    differs: Vec<bool>,
}

impl<'p> Grid<'p> {
    fn new(w: &Words, products: &[&'p Product], fields: &[Field], current: Option<&str>) -> Self {
        let s = w.strings;
        let mut products: Vec<&Product> = products.to_vec();
        if let Some(at) = products
            .iter()
            .position(|p| current == Some(p.slug.as_str()))
        {
            let first = products.remove(at);
            products.insert(0, first);
        }
        let is_current: Vec<bool> = products
            .iter()
            .map(|p| current == Some(p.slug.as_str()))
            .collect();
        let columns: Vec<(String, Vec<Option<Value>>)> = fields
            .iter()
            .map(|f| (f.label(s), products.iter().map(|p| f.value(w, p)).collect()))
            .filter(|(_, values): &(String, Vec<Option<Value>>)| values.iter().any(Option::is_some))
            .collect();
        let differs: Vec<bool> = columns
            .iter()
            .map(|(_, values)| values_differ(values.iter().flatten().map(|v| v.text.as_str())))
            .collect();
        Grid {
            products,
            current: is_current,
            columns,
            differs,
        }
    }

    /// A row per field, a cell per product.
    fn field_rows(&self, none: &str) -> Vec<TableRow> {
        self.columns
            .iter()
            .zip(&self.differs)
            .map(|((label, values), &differs)| {
                let values: Vec<Option<&Value>> = values.iter().map(Option::as_ref).collect();
                TableRow {
                    header: plain_header(label.clone()),
                    cells: cells(&values, differs, &self.current, none),
                    differs,
                }
            })
            .collect()
    }

    /// A row per product, headed by `header`, a cell per field.
    fn product_rows(&self, none: &str, header: &dyn Fn(&Product) -> HeaderCell) -> Vec<TableRow> {
        self.products
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let cells = self
                    .columns
                    .iter()
                    .zip(&self.differs)
                    .flat_map(|((_, values), &differs)| {
                        cells(&[values[i].as_ref()], differs, &self.current[i..=i], none)
                    })
                    .collect();
                TableRow {
                    header: header(p),
                    cells,
                    differs: false,
                }
            })
            .collect()
    }
}

fn plain_header(label: String) -> HeaderCell {
    HeaderCell {
        label,
        url: None,
        note: None,
        current: false,
        pick: None,
        lang: None,
        hreflang: None,
    }
}

/// The figures computed from a category's products, one per row label;
/// `None` where the category has no product to tell.
fn typical_use(w: &Words, category: &Category) -> Vec<(String, Option<String>)> {
    let s = w.strings;
    let config = &w.site.config;
    let products: Vec<&Product> = category
        .products
        .iter()
        .filter_map(|slug| w.site.product(slug))
        .collect();
    let count = products.len();
    // Counted by value first and described once per distinct value: a
    // large category has a handful of schedules and steps.
    let described = |counts: FxHashMap<&Schedule, usize>| {
        let mut by_text: FxHashMap<String, usize> = FxHashMap::default();
        for (schedule, n) in counts {
            *by_text
                .entry(schedule.describe(s, &config.usage.vocabulary))
                .or_default() += n;
        }
        by_text
    };
    let mut rows = vec![
        (s.text("comparison.count", &[]), Some(count.to_string())),
        (
            s.text("comparison.common_frequency", &[]),
            most_common(
                s,
                described(tally(products.iter().map(|p| &p.usage.schedule))),
                count,
            ),
        ),
    ];
    for (i, slot) in config.usage.slots.iter().enumerate() {
        let n = products
            .iter()
            .filter(|p| p.usage.slots.contains(&i))
            .count();
        let share = (n * 100 + count / 2).checked_div(count).map(|percent| {
            s.text(
                "comparison.share",
                &[
                    ("percent", &percent.to_string()),
                    ("n", &n.to_string()),
                    ("total", &count.to_string()),
                ],
            )
        });
        rows.push((
            s.text("comparison.used_in_slot", &[("slot", &slot.label)]),
            share,
        ));
    }
    if !config.usage.steps.is_empty() {
        let steps = tally(products.iter().filter_map(|p| p.usage.steps.first()));
        let mut by_label: FxHashMap<String, usize> = FxHashMap::default();
        for (i, n) in steps {
            *by_label
                .entry(config.usage.steps[*i].label.clone())
                .or_default() += n;
        }
        rows.push((
            s.text("comparison.usual_step", &[]),
            most_common(s, by_label, count),
        ));
    }
    rows
}

/// The value most of a category's `total` products share, with how many
/// share it; "varies" when none is shared by more than the others (no two
/// products agree, or two values tie): a figure held by one product of
/// four is no "most common". `None` when no product has a value.
fn most_common(s: &Strings, counted: FxHashMap<String, usize>, total: usize) -> Option<String> {
    let mut values: Vec<(String, usize)> =
        counted.into_iter().filter(|(v, _)| !v.is_empty()).collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let (value, n) = values.first()?;
    if values.len() == 1 && *n == total {
        return Some(value.clone());
    }
    let shared = match values.get(1) {
        None => true,
        Some((_, second)) => *n > 1 && second < n,
    };
    Some(if shared {
        s.text(
            "comparison.most_common",
            &[
                ("value", value),
                ("n", &n.to_string()),
                ("total", &total.to_string()),
            ],
        )
    } else {
        s.text("comparison.varies", &[("n", &values.len().to_string())])
    })
}

/// How many times each value occurs.
fn tally<T: Eq + std::hash::Hash>(values: impl Iterator<Item = T>) -> FxHashMap<T, usize> {
    let mut counts = FxHashMap::default();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts
}

/// Categories side by side: their traits (in first-seen order), then what
/// their products' data says about typical use. `link_of` gives a
/// category's name, its URL and their languages.
pub fn category_table(
    w: &Words,
    categories: &[&Category],
    link_of: &dyn Fn(&Category) -> LinkView,
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
    let mut rows: Vec<(String, Vec<Option<String>>)> = trait_names
        .iter()
        .map(|name| {
            let values = categories
                .iter()
                .map(|c| {
                    c.traits
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, v)| v.clone())
                })
                .collect();
            (name.to_string(), values)
        })
        .collect();
    let uses: Vec<Vec<(String, Option<String>)>> =
        categories.iter().map(|c| typical_use(w, c)).collect();
    if let Some(first) = uses.first() {
        for (i, (label, _)) in first.iter().enumerate() {
            rows.push((label.clone(), uses.iter().map(|u| u[i].1.clone()).collect()));
        }
    }
    rows.retain(|(_, values)| values.iter().any(Option::is_some));
    let names: Vec<&str> = categories.iter().map(|c| c.name.as_str()).collect();
    let caption = match names.as_slice() {
        [left, right] => s.text("comparison.versus", &[("left", left), ("right", right)]),
        _ => names.join(", "),
    };
    let not_current = vec![false; categories.len()];
    let rows: Vec<TableRow> = rows
        .into_iter()
        .map(|(label, texts)| {
            let differs = values_differ(texts.iter().flatten().map(String::as_str));
            let values: Vec<Option<Value>> =
                texts.into_iter().map(|t| t.map(Value::text)).collect();
            let values: Vec<Option<&Value>> = values.iter().map(Option::as_ref).collect();
            TableRow {
                header: plain_header(label),
                cells: cells(&values, differs, &not_current, &none),
                differs,
            }
        })
        .collect();
    let filterable = rows.iter().any(|r| r.differs) && rows.iter().any(|r| !r.differs);
    ComparisonTable {
        caption,
        orientation: "side-by-side",
        corner: s.text("comparison.category", &[]),
        columns: categories
            .iter()
            .map(|c| {
                let link = link_of(c);
                HeaderCell {
                    label: link.title,
                    url: Some(link.url),
                    note: None,
                    current: false,
                    pick: None,
                    lang: link.lang,
                    hreflang: link.hreflang,
                }
            })
            .collect(),
        rows,
        sortable: false,
        filterable,
    }
}
