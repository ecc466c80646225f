//! A product file as written: the fields every site has, the terms of the
//! site's taxonomies, specs as written (their types are checked against
//! site.yaml by the model) and how the product is used. The largest kind
//! of file, and the one read most often: its own place.

use super::image::images;
use super::link::{RawLink, links};
use super::term::taxonomy_terms;
use super::{
    Parsed, RawImages, RawTerms, Shape, other_names, read_aliases, read_yaml, text_or_empty, texts,
};
use vial_base::diagnostic::{Code, SourceFile};
use vial_yaml::{Fields, Reader, Spanned, Value};

/// A product file as written. Required fields are `None` when missing
/// (already reported), so the rest can still be checked.
#[derive(Debug)]
pub struct RawProduct {
    pub name: Option<Spanned<String>>,
    pub category: Option<Spanned<String>>,
    /// When the product's page last changed in substance (YYYY-MM-DD).
    pub updated: Option<Spanned<String>>,
    pub summary: String,
    pub description: Option<Spanned<String>>,
    /// Other names and spellings, for search (`aka:`).
    pub aka: Vec<String>,
    /// Old addresses that redirect here (`aliases:`), normalised.
    pub aliases: Vec<Spanned<String>>,
    /// The terms of each declared taxonomy the file names.
    pub terms: Vec<RawTerms>,
    /// Spec keys with their values, in the order written.
    pub specs: Vec<(Spanned<String>, Spanned<RawSpecValue>)>,
    pub usage: Option<RawUsage>,
    pub images: RawImages,
    /// Links to the shops that sell it, in the order written.
    pub links: Vec<RawLink>,
}

/// A spec value as written; its type is checked against the declaration.
#[derive(Debug, Clone, PartialEq)]
pub enum RawSpecValue {
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<String>),
    /// A group of fields: never a valid spec.
    Group,
}

#[derive(Debug)]
pub struct RawUsage {
    pub frequency: Option<Spanned<String>>,
    /// Slot keys, already checked against the declared slots.
    pub time: Option<Spanned<Vec<String>>>,
    /// `time: any`: at no particular time of day.
    pub any_time: bool,
    /// One step or several, as written.
    pub steps: Vec<Spanned<String>>,
    pub position: Option<Spanned<String>>,
    pub instructions: Option<Spanned<String>>,
    pub cautions: Vec<String>,
}

/// Reads a product file of a site of `shape`; public for the benchmarks.
pub fn parse_product(shape: &Shape, file: SourceFile) -> Parsed<RawProduct> {
    let path = file.path.clone();
    read_yaml(file, "product", |r, mut top| {
        let name = top.required_text(r, "name");
        let category = top.required_text(r, "category");
        let updated = top.text(r, "updated");
        let summary = text_or_empty(top.text(r, "summary"));
        let description = top.text(r, "description");
        let aka = other_names(r, &mut top);
        let aliases = read_aliases(r, &mut top);
        let terms = shape
            .taxonomies
            .iter()
            .filter_map(|t| taxonomy_terms(r, &mut top, t))
            .collect();
        let specs = top
            .get("specs")
            .and_then(|f| f.fields(r))
            .map(|mut group| {
                let specs = group
                    .entries()
                    .iter()
                    .map(|e| {
                        let key = Spanned {
                            value: e.key.name.clone(),
                            at: e.key.at,
                        };
                        let value = Spanned {
                            value: spec_value(&e.value.value),
                            at: e.value.at,
                        };
                        (key, value)
                    })
                    .collect();
                group.finish(r);
                specs
            })
            .unwrap_or_default();
        let usage = top
            .require(r, "usage")
            .and_then(|f| f.fields(r))
            .map(|group| usage(r, group, shape));
        let images = images(r, &mut top, &path);
        let links = links(r, &mut top);
        top.finish(r);
        RawProduct {
            name,
            category,
            updated,
            summary,
            description,
            aka,
            aliases,
            terms,
            specs,
            usage,
            images,
            links,
        }
    })
}

fn usage<'t>(r: &mut Reader<'t>, mut group: Fields<'t>, shape: &Shape) -> RawUsage {
    let frequency = group.required_text(r, "frequency");
    let mut any_time = false;
    let time = if shape.slots.is_empty() {
        undeclared(r, &mut group, "time", "time slots (`usage.slots`)");
        None
    } else {
        group.require(r, "time").and_then(|field| {
            if let Value::Scalar(s) = &field.node.value
                && s.text.trim() == crate::model::ANY_TIME
            {
                any_time = true;
                return None;
            }
            let allowed: Vec<&str> = shape.slots.iter().map(String::as_str).collect();
            let items = field.list(r)?;
            let slots: Vec<String> = items
                .iter()
                .filter_map(|item| item.one_of(r, &allowed))
                .map(|t| t.value)
                .collect();
            // An unknown slot is reported; an "empty" list would say it twice.
            if slots.len() < items.len() {
                return None;
            }
            Some(Spanned {
                value: slots,
                at: field.at(),
            })
        })
    };
    let steps = if shape.steps {
        match group.get("step") {
            Some(field) if matches!(field.node.value, Value::List(_)) => field.texts(r),
            Some(field) => field.text(r).into_iter().collect(),
            None => Vec::new(),
        }
    } else {
        undeclared(r, &mut group, "step", "routine steps (`usage.steps`)");
        Vec::new()
    };
    let position = group.text(r, "position");
    let instructions = group.text(r, "instructions");
    let cautions = texts(r, group.get("cautions"))
        .into_iter()
        .map(|c| c.value)
        .collect();
    group.finish(r);
    RawUsage {
        frequency,
        time,
        any_time,
        steps,
        position,
        instructions,
        cautions,
    }
}

/// A field the site has not declared what it needs for: reported once, in
/// words that say what to declare.
fn undeclared<'t>(r: &mut Reader<'t>, group: &mut Fields<'t>, name: &'static str, what: &str) {
    if let Some(field) = group.get(name) {
        r.error(
            Code::UnknownField,
            field.at(),
            format!("`{name}` is not used on this site: site.yaml declares no {what}"),
            format!("remove `{name}`, or declare {what} in site.yaml"),
        );
    }
}

/// A spec value as written; whether it fits its declaration is checked
/// against site.yaml later.
fn spec_value(value: &Value) -> RawSpecValue {
    match value {
        Value::Empty => RawSpecValue::Text(String::new()),
        Value::Scalar(s) => match (s.style, s.text.as_str()) {
            (vial_yaml::Style::Plain, t) if t.eq_ignore_ascii_case("true") => {
                RawSpecValue::Bool(true)
            }
            (vial_yaml::Style::Plain, t) if t.eq_ignore_ascii_case("false") => {
                RawSpecValue::Bool(false)
            }
            (vial_yaml::Style::Plain, t) => vial_yaml::read::parse_number(t)
                .map_or_else(|| RawSpecValue::Text(t.to_string()), RawSpecValue::Number),
            (_, t) => RawSpecValue::Text(t.to_string()),
        },
        Value::List(items) => RawSpecValue::List(
            items
                .iter()
                .filter_map(|n| match &n.value {
                    Value::Scalar(s) => Some(s.text.clone()),
                    _ => None,
                })
                .collect(),
        ),
        Value::Map(_) => RawSpecValue::Group,
    }
}
