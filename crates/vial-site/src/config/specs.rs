//! `specs:` of site.yaml: the fields products may carry in `specs:`, each a
//! row (or column) of comparison tables. Enums and lists declare their
//! values in order, with labels; numbers declare a unit, and may allow others
//! a product can write instead (`volume: 1.5 l` beside `30 ml`).

use std::collections::BTreeSet;

use super::{is_slug, new_key};
use vial_base::diagnostic::Code;
use vial_base::text::capitalize;
use vial_yaml::{Field, Reader, Spanned, Value};

/// An allowed value of an enum or list spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SpecKind {
    Text,
    /// A number in `unit`; `units` are the others a product may write, with
    /// how many `unit`s one of each is.
    Number {
        unit: Option<String>,
        units: Vec<(String, f64)>,
    },
    Bool,
    /// One of `values`, which sort in the order declared.
    Enum {
        values: Vec<Choice>,
    },
    /// Several values; any, or only those declared.
    List {
        values: Option<Vec<Choice>>,
    },
}

impl SpecKind {
    pub fn name(&self) -> &'static str {
        match self {
            SpecKind::Text => "text",
            SpecKind::Number { .. } => "number",
            SpecKind::Bool => "bool",
            SpecKind::Enum { .. } => "enum",
            SpecKind::List { .. } => "list",
        }
    }

    /// The declared values of an enum or list.
    pub fn choices(&self) -> Option<&[Choice]> {
        match self {
            SpecKind::Enum { values }
            | SpecKind::List {
                values: Some(values),
            } => Some(values),
            _ => None,
        }
    }
}

/// A field products may carry; one row (or column) of a comparison table.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecField {
    pub key: String,
    pub label: String,
    pub kind: SpecKind,
}

impl SpecField {
    /// The label of a declared value, or the value itself.
    pub fn value_label<'a>(&'a self, key: &'a str) -> &'a str {
        self.kind
            .choices()
            .and_then(|c| c.iter().find(|c| c.key == key))
            .map_or(key, |c| c.label.as_str())
    }

    /// The words readers see for a value: its declared label, else the
    /// value as written, starting with a capital when written all in
    /// small letters (as a term's name does), so a free list reads like
    /// the declared ones beside it.
    pub fn value_shown<'a>(&'a self, key: &'a str) -> std::borrow::Cow<'a, str> {
        match self
            .kind
            .choices()
            .and_then(|c| c.iter().find(|c| c.key == key))
        {
            Some(choice) => choice.label.as_str().into(),
            None if key.chars().any(char::is_uppercase) => key.into(),
            None => capitalize(key).into(),
        }
    }

    /// Where a declared value stands in the declared order.
    pub fn value_rank(&self, key: &str) -> Option<usize> {
        self.kind.choices()?.iter().position(|c| c.key == key)
    }
}

struct RawSpec {
    key: Spanned<String>,
    label: Option<String>,
    kind: Spanned<String>,
    unit: Option<String>,
    units: Vec<(String, f64)>,
    values: Option<Spanned<Vec<Choice>>>,
}

/// Reads `specs:`.
pub(super) fn read_specs<'t>(r: &mut Reader<'t>, field: Field<'t>) -> Vec<SpecField> {
    let raw: Vec<RawSpec> = field
        .list(r)
        .unwrap_or_default()
        .iter()
        .filter_map(|item| read_spec(r, item))
        .collect();
    check_specs(r, raw)
}

fn read_spec<'t>(r: &mut Reader<'t>, item: &Field<'t>) -> Option<RawSpec> {
    let mut g = item.fields(r)?;
    let key = g.required_text(r, "key");
    let label = g.words(r, "label").map(|l| l.value);
    let kind = g
        .require(r, "type")
        .and_then(|f| f.one_of(r, &["text", "number", "bool", "enum", "list"]));
    let unit = g.text(r, "unit").map(|u| u.value);
    let units = g.get("units").map(|f| read_units(r, f)).unwrap_or_default();
    let values = g.get("values").and_then(|f| {
        let at = f.at();
        let items = f.list(r)?;
        let choices = items
            .iter()
            .filter_map(|item| read_choice(r, item))
            .collect();
        Some(Spanned { value: choices, at })
    });
    g.finish(r);
    Some(RawSpec {
        key: key?,
        label,
        kind: kind?,
        unit,
        units,
        values,
    })
}

/// `low`, or `{key: very-high, label: Very high}`.
fn read_choice<'t>(r: &mut Reader<'t>, item: &Field<'t>) -> Option<Choice> {
    let (key, label) = match &item.node.value {
        Value::Map(_) => {
            let mut g = item.fields(r)?;
            let key = g.required_text(r, "key");
            let label = g.words(r, "label").map(|l| l.value);
            g.finish(r);
            (key?, label)
        }
        _ => (item.text(r)?, None),
    };
    let label = label.unwrap_or_else(|| {
        r.note_words_from_key("value", key.at);
        if is_slug(&key.value) {
            capitalize(&key.value.replace('-', " "))
        } else {
            key.value.clone()
        }
    });
    Some(Choice {
        key: key.value,
        label,
    })
}

/// `units: {l: 1000}`: other units and how many of the main unit each is.
fn read_units<'t>(r: &mut Reader<'t>, field: Field<'t>) -> Vec<(String, f64)> {
    let Some(mut g) = field.fields(r) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in g.entries() {
        let value = match &entry.value.value {
            Value::Scalar(s) => vial_yaml::read::parse_number(&s.text),
            _ => None,
        };
        match value {
            Some(n) if n > 0.0 => out.push((entry.key.name.clone(), n)),
            _ => r.error(
                Code::InvalidValue,
                entry.value.at,
                format!(
                    "unit `{}` needs how many of the main unit it is",
                    entry.key.name
                ),
                format!("write, for example, `{}: 1000`", entry.key.name),
            ),
        }
    }
    g.finish(r);
    out
}

fn check_specs(r: &mut Reader, raw: Vec<RawSpec>) -> Vec<SpecField> {
    let mut seen = BTreeSet::new();
    let mut specs = Vec::new();
    for spec in raw {
        let key = &spec.key;
        let spec_key = |k: &str| {
            !k.is_empty()
                && k.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        };
        if !new_key(r, &mut seen, key, "spec", (spec_key, "pack_size")) {
            continue;
        }
        let values = spec.values.inspect(|v| {
            let mut seen = BTreeSet::new();
            for choice in &v.value {
                if !seen.insert(choice.key.clone()) {
                    r.error(
                        Code::InvalidValue,
                        v.at,
                        format!("value `{}` is listed twice", choice.key),
                        "list each value once, in the order they should sort",
                    );
                }
            }
        });
        let kind = match (spec.kind.value.as_str(), values) {
            ("enum", Some(values)) if !values.value.is_empty() => SpecKind::Enum {
                values: values.value,
            },
            ("enum", _) => {
                r.error(
                    Code::MissingField,
                    key.at,
                    format!("enum spec `{}` has no `values`", key.value),
                    "list the allowed values in order, e.g. `values: [low, medium, high]`",
                );
                continue;
            }
            ("list", values) => SpecKind::List {
                values: values.map(|v| v.value),
            },
            (_, Some(values)) => {
                r.error(
                    Code::InvalidValue,
                    values.at,
                    format!(
                        "spec `{}` has `values` but is not an enum or a list",
                        key.value
                    ),
                    "set `type: enum` or `type: list`, or remove `values`",
                );
                continue;
            }
            ("number", None) => SpecKind::Number {
                unit: spec.unit,
                units: spec.units,
            },
            ("bool", None) => SpecKind::Bool,
            _ => SpecKind::Text,
        };
        specs.push(SpecField {
            label: spec.label.unwrap_or_else(|| {
                r.note_words_from_key("label", key.at);
                capitalize(&key.value.replace('_', " "))
            }),
            key: key.value.clone(),
            kind,
        });
    }
    specs
}
