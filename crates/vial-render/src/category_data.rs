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
//! | `l` | the language of `n`, when it is the default language's for want of a translation |
//! | `b` | byline (the first one-term taxonomy's term), when it has one |
//! | `v` | one value per field of the compare picker (its settings' `fields`): the terms of each taxonomy but the byline's, with their strengths, then the comparison tables' fields, as the tables show them; `null` where it has none |
//! | `t` | slots used (indexes into the site's slots; one past the last for `time: any`, the builder's "any time of day") |
//! | `o` | places in the routine: `[rank, step]`, rank orders the routine (a step, or a `position` before, after, first or last) |
//! | `w` | the days of a week it is used on (bit 0 the first day), 0 when rarer than weekly or off the calendar; for a course, while it lasts (bit 0 its first day) |
//! | `c` | a course: its length in days, `[fewest, most]` |
//! | `a` | a course followed by a schedule: the days of a week after it, as `w` |
//! | `f` | the schedule, as pages say it |
//! | `g` | the routine groups it belongs to (indexes into the site's groups) |
//! | `x` | the routine rules it breaks on its own (indexes into the site's rules) |
//! | `k` | per facet the filters offer (and per taxonomy, to tell a term's products), the keys of its values: an enum's, `yes`/`no`, list values, term slugs, slot, step and schedule-bucket keys |
//!
//! Empty lists are left out. Beside `products`, `labels` names the terms
//! its products carry, per taxonomy (`{"concerns": {"acne": "Acne"}}`):
//! the facet filters show their options with them.
//!
//! The filters' settings are on each page that offers them (see
//! `filter_settings`): the facets in order, with their options where the
//! site declares them, and which products of which files the page lists.

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashSet;

use serde::Serialize;

use super::Renderer;
use super::comparison::{Field, default_fields, named_fields};
use super::{Body, Entries, Entry, Reads};
use vial_base::text::capitalize;
use vial_site::config::{Config, SpecKind, TaxonomyDecl};
use vial_site::link::Target;
use vial_site::model::SpecValue;
use vial_site::model::rules::{broken_alone, groups_of};
use vial_site::model::{ANY_TIME, Position, Product};
use vial_site::schedule::{Bucket, Schedule};
use vial_site::words::{Words, byline, term_text};

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
    /// The label of the category row.
    category: String,
    /// Every category, `[slug, name]`, in slug order: the row's values and
    /// the choice of where to add a product from. A third item, the
    /// default language's code, marks a name in its words for want of a
    /// translation.
    categories: Vec<Vec<String>>,
    /// The labels of the picker's fields, in the order of `v`.
    fields: Vec<String>,
}

/// The compare picker's rows beyond the category's: the terms of each
/// taxonomy (but the byline's, which is under each product's name), then
/// the fields of the built comparison tables.
enum PickerField<'a> {
    Terms(&'a TaxonomyDecl),
    Table(Field<'a>),
}

fn picker_fields(config: &Config) -> Vec<PickerField<'_>> {
    let byline = config.taxonomies.iter().find(|t| t.single).map(|t| &t.key);
    let terms = config
        .taxonomies
        .iter()
        .filter(|t| Some(&t.key) != byline)
        .map(PickerField::Terms);
    terms
        .chain(default_fields(config).into_iter().map(PickerField::Table))
        .collect()
}

impl PickerField<'_> {
    fn label(&self, s: &vial_site::i18n::Strings) -> String {
        match self {
            PickerField::Terms(decl) => decl.plural.clone(),
            PickerField::Table(field) => field.label(s),
        }
    }

    /// What `p` has, as the picker shows it: terms with their strengths.
    fn value(&self, w: &Words, p: &Product) -> Option<String> {
        match self {
            PickerField::Terms(decl) => {
                let terms: Vec<String> = p
                    .terms_of(&decl.key)
                    .iter()
                    .map(|u| term_text(w.site, u, decl))
                    .collect();
                (!terms.is_empty())
                    .then(|| terms.join(&w.strings.text("value.list_separator", &[])))
            }
            PickerField::Table(field) => field.value(w, p).map(|v| v.text),
        }
    }
}

#[derive(Serialize)]
struct ProductData<'a> {
    s: &'a str,
    n: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    l: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    b: Option<String>,
    v: Vec<Option<String>>,
    #[serde(skip_serializing_if = "<[usize]>::is_empty")]
    t: std::borrow::Cow<'a, [usize]>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    o: Vec<[usize; 2]>,
    w: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    c: Option<[u32; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    a: Option<u8>,
    f: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    g: Vec<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    x: Vec<usize>,
    k: BTreeMap<&'a str, Vec<&'a str>>,
}

/// The filters of a page, for `filters.js`.
#[derive(Serialize)]
struct FilterSettings<'a> {
    /// Where the per-category files are: this, the category, `.json`.
    data: String,
    /// Where product pages are: this, the slug, `/`.
    products: String,
    /// The files holding the page's products; `None` for every category's,
    /// named by `index.json` beside them (a page listing them all would
    /// have to change whenever a category comes or goes).
    #[serde(skip_serializing_if = "Option::is_none")]
    categories: Option<Vec<&'a str>>,
    /// A term's page lists the products with `[taxonomy, term]`; `None`
    /// lists every product of the files.
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<[&'a str; 2]>,
    /// The page shows only part of its products: matches are listed from
    /// the data rather than picked out of the page.
    paged: bool,
    facets: Vec<FacetSettings<'a>>,
}

#[derive(Serialize)]
struct FacetSettings<'a> {
    key: &'a str,
    label: String,
    /// `[key, label]` in the declared order; `None` where the values are
    /// the products' own (terms, free lists), labelled by the data.
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<Vec<[String; 2]>>,
}

/// What a page's filters narrow.
pub(super) enum FilterScope<'a> {
    Category(&'a str),
    /// A taxonomy's key and a term.
    Term(&'a str, &'a vial_site::model::Taxon),
    Everything,
}

/// JSON that no text can end a script element early with.
pub(super) fn script_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

/// How the first of `products` that files itself under term `slug` of
/// `taxonomy` spells the term.
fn spelling<'a>(products: &[&'a Arc<Product>], taxonomy: &str, slug: &'a str) -> &'a str {
    products
        .iter()
        .filter_map(|p| p.terms.get(taxonomy))
        .flatten()
        .find(|u| u.term.slug == slug)
        .map_or(slug, |u| u.term.name.as_str())
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

/// The frequency filter's key for a schedule: its bucket, or for one tied
/// to a declared event or measure, that word's key (`watering`), so the
/// filter says "Tied to watering" rather than a vague "with an occasion".
fn frequency_key(schedule: &Schedule) -> &str {
    match (schedule.bucket(), schedule.occasion()) {
        (Bucket::OnEvent, Some((key, _))) => key,
        (bucket, _) => bucket.key(),
    }
}

/// The days of a week `schedule` is used on, as bits; 0 when rarer than
/// weekly or off the calendar.
fn week_bits(schedule: &Schedule) -> u8 {
    schedule.weekdays().map_or(0, |d| d.bits())
}

/// The slots `p` is used in, as indexes; one of `time: any` is in the
/// routine builder's slot after the declared ones, "any time of day".
fn slots_used<'a>(config: &Config, p: &'a Product) -> std::borrow::Cow<'a, [usize]> {
    if p.usage.any_time {
        std::borrow::Cow::Owned(vec![config.usage.slots.len()])
    } else {
        std::borrow::Cow::Borrowed(&p.usage.slots)
    }
}

/// The keys of the values `p` has for the facet (or taxonomy) `key`.
fn facet_values<'a>(config: &'a Config, p: &'a Product, key: &str) -> Vec<&'a str> {
    let usage = &config.usage;
    match key {
        "frequency" => vec![frequency_key(&p.usage.schedule)],
        // Usable at any time is usable at each: a filter of one slot
        // keeps it, and `any` picks those alone.
        "time" if p.usage.any_time => usage
            .slots
            .iter()
            .map(|s| s.key.as_str())
            .chain([ANY_TIME])
            .collect(),
        "time" => p
            .usage
            .slots
            .iter()
            .map(|&i| usage.slots[i].key.as_str())
            .collect(),
        "step" => p
            .usage
            .steps
            .iter()
            .map(|&i| usage.steps[i].key.as_str())
            .collect(),
        key => match p.specs.get(key) {
            Some(SpecValue::Bool(yes)) => vec![if *yes { "yes" } else { "no" }],
            Some(SpecValue::Choice(choice)) => vec![choice.as_str()],
            Some(SpecValue::List(items)) => items.iter().map(|i| i.as_str()).collect(),
            Some(SpecValue::Text(_) | SpecValue::Number { .. }) => Vec::new(),
            None => p
                .terms_of(key)
                .iter()
                .map(|t| t.term.slug.as_str())
                .collect(),
        },
    }
}

/// The keys a product's `k` lists values for: the facets, and every
/// taxonomy (a term's page filters its own).
fn data_keys(config: &Config) -> Vec<&str> {
    let mut keys: Vec<&str> = config.filters.iter().map(String::as_str).collect();
    keys.extend(
        config
            .taxonomies
            .iter()
            .map(|t| t.key.as_str())
            .filter(|t| !config.filters.iter().any(|f| f == t)),
    );
    keys
}

/// `p`'s entry of its category's data file, of the picker's `fields` and
/// facet (and taxonomy) `keys`.
fn product_data<'a>(
    words: &Words<'a>,
    fields: &[PickerField],
    keys: &[&'a str],
    p: &'a Product,
) -> ProductData<'a> {
    let config = &words.site.config;
    ProductData {
        s: &p.slug,
        n: &p.name,
        l: (words.site.fallback.products.contains(&p.slug))
            .then_some(config.languages.default.as_str()),
        b: byline(words, p),
        v: fields.iter().map(|f| f.value(words, p)).collect(),
        t: slots_used(config, p),
        o: places(p, config.usage.steps.len()),
        w: week_bits(&p.usage.schedule),
        c: p.usage.schedule.course_days(),
        a: p.usage.schedule.after_course().map(week_bits),
        f: p.usage
            .schedule
            .describe(words.strings, &config.usage.vocabulary),
        g: groups_of(config, p),
        x: broken_alone(config, p),
        k: keys
            .iter()
            .map(|&key| (key, facet_values(config, p, key)))
            .filter(|(_, values)| !values.is_empty())
            .collect(),
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
            category: self.t("comparison.category", &[]),
            categories: self
                .site
                .categories
                .values()
                .map(|c| {
                    let lang = self.fallback_lang(self.site.fallback.categories.contains(&c.slug));
                    [c.slug.to_string(), c.name.clone()]
                        .into_iter()
                        .chain(lang)
                        .collect()
                })
                .collect(),
            fields: picker_fields(&self.site.config)
                .iter()
                .map(|f| f.label(self.strings))
                .collect(),
        })
    }

    /// `data/index.json`: the categories that have a data file.
    pub(super) fn data_index(&self) -> String {
        let categories: Vec<&str> = self.site.categories.keys().map(String::as_str).collect();
        let mut json = serde_json::json!({ "categories": categories }).to_string();
        json.push('\n');
        json
    }

    /// `data/<category>.json`.
    pub(super) fn category_data(&self, category: &str, reads: &mut Reads) -> Body {
        let site = self.site;
        let config = &site.config;
        let words = self.words();
        let fields = picker_fields(config);
        let keys = data_keys(config);
        reads.insert(Target::Category(category.to_string()));
        let products: Vec<&Arc<Product>> = site.categories[category]
            .products
            .iter()
            .filter_map(|slug| site.products.get(slug))
            .collect();
        reads.extend(products.iter().map(|p| Target::Product(p.slug.clone())));
        let entry = |p: &Product| {
            serde_json::to_string(&product_data(&words, &fields, &keys, p)).unwrap_or_default()
        };
        // `vial serve` keeps each product's entry while the product stays
        // as it is: a large category's file took longer to make than the
        // rest of a one-product rebuild.
        let entries: Vec<Entry> = match self.fragments {
            Some(kept) => kept.category_data(category, &products, entry),
            None => products.iter().map(|p| Entry::new(entry(p))).collect(),
        };
        let labels = self.term_labels(&products, reads);
        Body::Entries(Entries {
            head: "{\"products\":[".to_string(),
            entries,
            separator: ",",
            tail: format!("],\"labels\":{labels}}}\n"),
        })
    }

    /// The `labels` of a data file, as JSON: per taxonomy, the name of each
    /// term `products` carry, and per list spec without declared values,
    /// the words of each value they carry (the filters show those, as the
    /// product pages do). `reads` gets each term.
    fn term_labels(&self, products: &[&Arc<Product>], reads: &mut Reads) -> String {
        // Each term once: a category's products name few terms between
        // them, each many times.
        let used: FxHashSet<(&str, &str)> = products
            .iter()
            .flat_map(|p| {
                p.terms.iter().flat_map(|(taxonomy, uses)| {
                    uses.iter().map(move |u| (taxonomy, u.term.slug.as_str()))
                })
            })
            .collect();
        let mut labels: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
        for (taxonomy, slug) in used {
            // The term's own name (its file may spell it better than a
            // product does); a product's spelling if there is no term.
            let name = self
                .site
                .taxonomies
                .term(taxonomy, slug)
                .map_or_else(|| spelling(products, taxonomy, slug), |t| t.name.as_str());
            labels.entry(taxonomy).or_default().insert(slug, name);
            reads.insert(Target::Term(taxonomy.to_string(), slug.to_string()));
        }
        let mut free: BTreeMap<&str, BTreeMap<&str, String>> = BTreeMap::new();
        for spec in &self.site.config.specs {
            if !matches!(spec.kind, SpecKind::List { values: None }) {
                continue;
            }
            for p in products {
                if let Some(SpecValue::List(items)) = p.specs.get(&spec.key) {
                    for item in items {
                        let shown = spec.value_shown(item).into_owned();
                        free.entry(&spec.key).or_default().insert(item, shown);
                    }
                }
            }
        }
        for (key, values) in &free {
            let named = labels.entry(key).or_default();
            for (value, shown) in values {
                named.insert(value, shown);
            }
        }
        // What serializing `Data` would write, from the entries.
        serde_json::to_string(&labels).unwrap_or_default()
    }

    /// The settings of a page's facet filters, safe inside a script
    /// element; `None` when the site offers none or the page lists fewer
    /// than two products.
    pub(super) fn filter_settings(&self, scope: FilterScope, paged: bool) -> Option<String> {
        let site = self.site;
        let config = &site.config;
        let (categories, scope, members) = match scope {
            FilterScope::Category(slug) => {
                let category = &site.categories[slug];
                (Some(vec![slug]), None, &category.products)
            }
            FilterScope::Term(key, taxon) => {
                (None, Some([key, taxon.slug.as_str()]), &taxon.products)
            }
            FilterScope::Everything => (None, None, &site.product_order),
        };
        // A page whose products all look alike to every facet has nothing
        // to narrow (a page with more than one page of products has, as a
        // rule, and is not read through to tell).
        if config.filters.is_empty()
            || members.len() < 2
            || (!paged && !self.some_facet_narrows(members))
        {
            return None;
        }
        // Looked up in the list only on a site that has such a product: a
        // list of every product, page after page, would look through all
        // of them on each.
        let somewhere =
            *(self.any_time).get_or_init(|| site.products.values().any(|p| p.usage.any_time));
        let any_time = somewhere
            && (members.iter()).any(|slug| site.product(slug).is_some_and(|p| p.usage.any_time));
        let facets = named_fields(config, &config.filters)
            .into_iter()
            .zip(&config.filters)
            .map(|(field, key)| FacetSettings {
                key,
                label: field.label(self.strings),
                options: self.facet_options(&field, any_time),
            })
            .collect();
        Some(script_json(&FilterSettings {
            data: self.data_url(),
            products: self.url("products/"),
            categories,
            scope,
            paged,
            facets,
        }))
    }

    /// Whether ticking some value of some facet would leave fewer of
    /// `members` than there are: two of them differ, or one lacks the value
    /// the others share (the filters script offers only those facets).
    fn some_facet_narrows(&self, members: &[String]) -> bool {
        let config = &self.site.config;
        let products: Vec<&Product> = members
            .iter()
            .filter_map(|s| self.site.product(s))
            .collect();
        config.filters.iter().any(|key| {
            let values: Vec<Vec<&str>> = products
                .iter()
                .map(|p| facet_values(config, p, key))
                .collect();
            let all: FxHashSet<&str> = values.iter().flatten().copied().collect();
            all.len() > 1 || values.iter().any(|v| v.len() != all.len())
        })
    }

    /// A facet's options where the site declares them, in its order.
    /// `any_time`: some product the filters list is of `time: any` (the
    /// time facet then offers "any time of day").
    fn facet_options(&self, field: &Field, any_time: bool) -> Option<Vec<[String; 2]>> {
        let config = &self.site.config;
        let pair = |key: &str, label: &str| [key.to_string(), label.to_string()];
        Some(match field {
            Field::Spec(spec) => match &spec.kind {
                SpecKind::Bool => vec![
                    pair("yes", &self.t("value.yes", &[])),
                    pair("no", &self.t("value.no", &[])),
                ],
                SpecKind::Enum { values }
                | SpecKind::List {
                    values: Some(values),
                } => values.iter().map(|c| pair(&c.key, &c.label)).collect(),
                _ => return None,
            },
            Field::Terms(_) => return None,
            Field::Frequency => {
                let vocabulary = &config.usage.vocabulary;
                // A measure by its noun for many ("Counted in hours").
                let events = vocabulary
                    .events
                    .iter()
                    .map(|w| (w, "filter.event", w.label()));
                let measures = (vocabulary.measures.iter())
                    .map(|w| (w, "filter.measure", w.label.as_deref().unwrap_or(&w.other)));
                let occasions = events.chain(measures).map(|(word, text, name)| {
                    let label = self.t(text, &[("event", name), ("measure", name)]);
                    pair(&word.key, &capitalize(&label))
                });
                let buckets = Bucket::ALL
                    .iter()
                    .map(|b| pair(b.key(), &self.t(&format!("filter.bucket.{}", b.key()), &[])));
                buckets.chain(occasions).collect()
            }
            Field::Time => (config.usage.slots.iter())
                .map(|s| pair(&s.key, &s.label))
                .chain(any_time.then(|| pair(ANY_TIME, &self.t("usage.any_time", &[]))))
                .collect(),
            Field::Step => config
                .usage
                .steps
                .iter()
                .map(|s| pair(&s.key, &s.label))
                .collect(),
        })
    }
}
