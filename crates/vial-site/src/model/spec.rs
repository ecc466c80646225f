//! A product's specs checked against their declarations in site.yaml: each
//! key declared, each value of the declared kind (text, a number in one of
//! the declared units, yes or no, one or several declared values). Its own
//! place because the kinds of specs, and what a value of each may be, are
//! a small language of their own.

use compact_str::CompactString;

use super::ByKey;
use crate::config::{Config, SpecField, SpecKind};
use crate::load::RawSpecValue;
use vial_base::diagnostic::{Code, Diagnostic, suggestion};
use vial_base::text::format_number;
use vial_yaml::{Origin, Spanned};

/// A spec value, checked against its declaration. Words (Yes, labels) are
/// the renderer's: the model keeps keys and numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum SpecValue {
    Text(CompactString),
    /// `value` in the declared unit, to sort by; `shown` as written, with
    /// its unit (the declared one when written without): a reader sees
    /// each figure with its own unit, so a table never heads a column in
    /// millilitres over cells written in litres.
    Number {
        value: f64,
        shown: CompactString,
    },
    Bool(bool),
    /// The key of an enum's value.
    Choice(CompactString),
    List(Box<[CompactString]>),
}

/// The specs of a product as written, each checked; problems go into
/// `problems`, the specs that passed come back.
pub(super) fn specs(
    config: &Config,
    origin: &Origin,
    raw: &[(Spanned<String>, Spanned<RawSpecValue>)],
    problems: &mut Vec<Diagnostic>,
) -> ByKey<SpecValue> {
    let mut specs = Vec::with_capacity(raw.len());
    for (key_at, value) in raw {
        let key = &key_at.value;
        let Some(field) = config.spec(key) else {
            problems.push(
                origin
                    .error(Code::UnknownSpec, key_at, format!("unknown spec `{key}`"))
                    .with_help(format!(
                        "{} (specs are declared under `specs:` in site.yaml)",
                        suggestion(key, config.specs.iter().map(|s| s.key.as_str()))
                    )),
            );
            continue;
        };
        match spec_value(field, &value.value) {
            Ok(v) => {
                specs.push((key.as_str(), v));
            }
            Err(help) => problems.push(
                origin
                    .error(
                        Code::InvalidValue,
                        value,
                        format!("spec `{key}` must be {}", describe_kind(&field.kind)),
                    )
                    .with_help(help),
            ),
        }
    }
    specs.into_iter().collect()
}

fn describe_kind(kind: &SpecKind) -> String {
    match kind {
        SpecKind::Text => "text".into(),
        SpecKind::Number { unit: Some(u), .. } => format!("a number (in {u})"),
        SpecKind::Number { unit: None, .. } => "a number".into(),
        SpecKind::Bool => "`true` or `false`".into(),
        SpecKind::Enum { .. } => "one of its declared values".into(),
        SpecKind::List { values: Some(_) } => "a list of its declared values".into(),
        SpecKind::List { values: None } => "a list".into(),
    }
}

fn choices(field: &SpecField) -> Vec<&str> {
    field
        .kind
        .choices()
        .map(|c| c.iter().map(|c| c.key.as_str()).collect())
        .unwrap_or_default()
}

/// Checks a raw value against its declared type. The error is a hint.
fn spec_value(field: &SpecField, raw: &RawSpecValue) -> Result<SpecValue, String> {
    let key = &field.key;
    let scalar = |raw: &RawSpecValue| match raw {
        RawSpecValue::Text(s) => Some(s.clone()),
        RawSpecValue::Number(n) => Some(format_number(*n)),
        RawSpecValue::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match (&field.kind, raw) {
        (SpecKind::Text, RawSpecValue::List(_) | RawSpecValue::Group) => {
            Err(format!("write it as text, e.g. `{key}: \"...\"`"))
        }
        (SpecKind::Text, raw) => Ok(SpecValue::Text(scalar(raw).unwrap_or_default().into())),
        (SpecKind::Number { unit, .. }, RawSpecValue::Number(n)) => Ok(SpecValue::Number {
            value: *n,
            shown: with_unit(*n, unit.as_deref()).into(),
        }),
        (SpecKind::Number { unit, units }, RawSpecValue::Text(text)) => {
            number_with_unit(text, unit.as_deref(), units).ok_or_else(|| {
                let others: Vec<String> = unit
                    .iter()
                    .cloned()
                    .chain(units.iter().map(|(u, _)| u.clone()))
                    .collect();
                match others.as_slice() {
                    [] | [_] => format!("write a plain number, e.g. `{key}: 30`"),
                    _ => format!(
                        "write a number, alone or with one of these units: {}",
                        others
                            .iter()
                            .map(|u| format!("`{u}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                }
            })
        }
        (SpecKind::Number { .. }, _) => Err(format!("write a plain number, e.g. `{key}: 30`")),
        (SpecKind::Bool, RawSpecValue::Bool(b)) => Ok(SpecValue::Bool(*b)),
        (SpecKind::Bool, _) => Err(format!("write `{key}: true` or `{key}: false`")),
        (SpecKind::Enum { .. }, raw) => {
            let Some(text) = scalar(raw) else {
                return Err(format!("write one value: {}", choices(field).join(", ")));
            };
            if field.value_rank(&text).is_some() {
                Ok(SpecValue::Choice(text.into()))
            } else {
                Err(format!(
                    "`{text}` is not allowed; {}",
                    suggestion(&text, choices(field))
                ))
            }
        }
        (SpecKind::List { values }, raw) => {
            let items = match raw {
                RawSpecValue::List(items) => items.clone(),
                RawSpecValue::Text(s) => vec![s.clone()],
                _ => return Err(format!("write a list, e.g. `{key}: [a, b]`")),
            };
            if values.is_some()
                && let Some(bad) = items.iter().find(|i| field.value_rank(i).is_none())
            {
                return Err(format!(
                    "`{bad}` is not allowed; {}",
                    suggestion(bad, choices(field))
                ));
            }
            Ok(SpecValue::List(items.into_iter().map(Into::into).collect()))
        }
    }
}

/// `1.5 l`, `30 ml`, `30`: the number in the main unit, and as written.
fn number_with_unit(text: &str, unit: Option<&str>, units: &[(String, f64)]) -> Option<SpecValue> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(text.len());
    let number = vial_yaml::read::parse_number(text[..split].trim())?;
    let written_unit = text[split..].trim();
    let factor = if written_unit.is_empty() || Some(written_unit) == unit {
        1.0
    } else {
        units.iter().find(|(u, _)| u == written_unit)?.1
    };
    let shown = if written_unit.is_empty() {
        with_unit(number, unit)
    } else {
        with_unit(number, Some(written_unit))
    };
    Some(SpecValue::Number {
        value: number * factor,
        shown: shown.into(),
    })
}

/// `30 ml`; a bare number where the spec declares no unit.
fn with_unit(number: f64, unit: Option<&str>) -> String {
    match unit {
        Some(unit) => format!("{} {unit}", format_number(number)),
        None => format_number(number),
    }
}
