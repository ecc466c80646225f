//! A product file checked against the site: its category exists, its terms
//! have names, its specs are declared and of their declared type, and its
//! usage names a readable schedule, declared slots and steps.

use std::collections::{BTreeMap, BTreeSet};

use super::{
    Category, Markdown, Position, Product, Slug, SpecValue, Term, TermUse, Usage, format_number,
    same_name,
};
use crate::config::{Config, SLUG_LENGTH, SpecField, SpecKind, TaxonomyDecl};
use crate::load::{Entry, ImageFiles, RawProduct, RawSpecValue, RawTerm, RawTerms, RawUsage};
use crate::schedule::Schedule;
use compact_str::CompactString;
use vial_base::diagnostic::{Code, Diagnostic, suggestion};
use vial_yaml::{Origin, Spanned};

/// Validates a product against the site. An entry that read with problems
/// (already reported) is checked too, for the problems it has beyond
/// those, and never becomes a product.
pub(super) fn product(
    config: &Config,
    categories: &BTreeMap<Slug, Category>,
    unreadable: &BTreeSet<Slug>,
    files: &ImageFiles,
    entry: &Entry<RawProduct>,
) -> Result<Product, Vec<Diagnostic>> {
    let origin = &entry.origin;
    let raw = &entry.raw;
    let mut problems = Vec::new();
    if let Some(category) = &raw.category
        && !categories.contains_key(&category.value)
        && !unreadable.contains(&category.value)
    {
        problems.push(
            origin
                .error(
                    Code::UnknownCategory,
                    category,
                    format!("unknown category `{}`", category.value),
                )
                .with_help(format!(
                    "{} (categories are the files in content/categories/)",
                    suggestion(&category.value, categories.keys().map(String::as_str))
                )),
        );
    }
    if let Some(updated) = &raw.updated
        && !super::is_date(&updated.value)
    {
        problems.push(
            origin
                .error(
                    Code::InvalidValue,
                    updated,
                    format!("`{}` is not a date", updated.value),
                )
                .with_help("write dates as YYYY-MM-DD, e.g. `2026-03-01`"),
        );
    }
    let terms = raw
        .terms
        .iter()
        .map(|t| (t.taxonomy.as_str(), terms(config, origin, t, &mut problems)))
        .collect();
    let specs = specs(config, origin, &raw.specs, &mut problems);
    let usage = raw
        .usage
        .as_ref()
        .and_then(|u| usage(config, origin, u, &mut problems));
    let images = super::image::images(origin, &raw.images, files, &mut problems);
    let (Some(name), Some(category), Some(usage), true) = (
        &raw.name,
        &raw.category,
        usage,
        problems.is_empty() && entry.problems.is_empty(),
    ) else {
        return Err(problems);
    };
    Ok(Product {
        slug: entry.slug.clone(),
        name: name.value.trim().to_string(),
        category: category.value.clone(),
        summary: raw.summary.trim().to_string(),
        description: Markdown::from_yaml_opt(origin, &raw.description),
        terms,
        specs,
        usage,
        updated: raw
            .updated
            .as_ref()
            .map(|u| u.value.clone())
            .or_else(|| origin.file.modified.clone()),
        images,
        location: origin.at(name),
        source: origin.file.hash,
    })
}

/// A taxonomy's terms as written, each slug once; strengths checked.
fn terms(
    config: &Config,
    origin: &Origin,
    raw: &RawTerms,
    problems: &mut Vec<Diagnostic>,
) -> Box<[TermUse]> {
    let decl = config.taxonomy(&raw.taxonomy);
    let mut out = Vec::new();
    for (term, written) in named(origin, &raw.terms, decl, problems) {
        if let Some(strength) = &written.strength
            && strength.value < 0.0
        {
            let label = decl
                .and_then(|d| d.strength.as_ref())
                .map_or("strength", |s| s.label.as_str());
            problems.push(
                origin
                    .error(
                        Code::InvalidValue,
                        strength,
                        format!("{label} {} is below zero", format_number(strength.value)),
                    )
                    .with_help("write a number of zero or more"),
            );
            continue;
        }
        // The line and column alone: a `Location` per use would copy the
        // file's path each time.
        let at = written.name.at;
        out.push(TermUse {
            term,
            strength: written.strength.as_ref().map(|s| s.value),
            at: ((at.line + origin.line_offset) as u32, at.column as u32),
        });
    }
    out.into_boxed_slice()
}

/// The terms of a guide's taxonomy, as written, each slug once.
pub(super) fn terms_named(
    origin: &Origin,
    written: &[RawTerm],
    decl: Option<&TaxonomyDecl>,
    problems: &mut Vec<Diagnostic>,
) -> Box<[Term]> {
    named(origin, written, decl, problems)
        .into_iter()
        .map(|(term, _)| term)
        .collect()
}

/// Each term written, with its slug checked (`term_slug`), and each slug
/// once: the same name written twice is one term, two names that make one
/// slug are a problem.
fn named<'r>(
    origin: &Origin,
    written: &'r [RawTerm],
    decl: Option<&TaxonomyDecl>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(Term, &'r RawTerm)> {
    let mut seen: BTreeMap<CompactString, &str> = BTreeMap::new();
    let mut out = Vec::new();
    for one in written {
        let term = Term::new(&one.name.value);
        if let Err(problem) = term_slug(origin, &one.name, &term.slug) {
            problems.push(problem);
            continue;
        }
        match seen.get(&term.slug) {
            None => {
                seen.insert(term.slug.clone(), &one.name.value);
                out.push((term, one));
            }
            Some(first) if !same_name(first, &one.name.value) => {
                let path = decl.map_or(String::new(), |d| format!("{}/", d.path));
                problems.push(one_slug(
                    origin,
                    &one.name,
                    first,
                    &format!("{path}{}", term.slug),
                ));
            }
            Some(_) => {}
        }
    }
    out
}

/// A term's slug is a folder's name: it must have a letter or a digit,
/// and fit in a file name.
pub(super) fn term_slug(
    origin: &Origin,
    name: &Spanned<String>,
    slug: &str,
) -> Result<(), Diagnostic> {
    if slug.is_empty() {
        return Err(origin
            .error(Code::MissingField, name, "this term has no name")
            .with_help("write a name with at least one letter or digit"));
    }
    if slug.len() > SLUG_LENGTH {
        return Err(origin
            .error(
                Code::TooLarge,
                name,
                format!(
                    "this name makes an address of {} characters; vial allows {SLUG_LENGTH}",
                    slug.len()
                ),
            )
            .with_help(
                "write a shorter name; a description file of the term can give it a longer one to show (`name:`)",
            ));
    }
    Ok(())
}

/// Two names, written in one file, that make one page's address.
fn one_slug(origin: &Origin, name: &Spanned<String>, first: &str, address: &str) -> Diagnostic {
    origin
        .error(
            Code::DuplicateSlug,
            name,
            format!(
                "`{}` and `{first}` are two names for one page, `{address}/`",
                name.value
            ),
        )
        .with_help("write the term the same way everywhere; or, if they are two things, name them apart by a letter or a digit")
}

fn specs(
    config: &Config,
    origin: &Origin,
    raw: &[(Spanned<String>, Spanned<RawSpecValue>)],
    problems: &mut Vec<Diagnostic>,
) -> super::ByKey<SpecValue> {
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
        (SpecKind::Number { unit, units }, RawSpecValue::Number(n)) => {
            let _ = (unit, units);
            Ok(SpecValue::Number {
                value: *n,
                shown: format_number(*n).into(),
            })
        }
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
    let shown = if written_unit.is_empty() || Some(written_unit) == unit {
        format_number(number)
    } else {
        format!("{} {written_unit}", format_number(number))
    };
    Some(SpecValue::Number {
        value: number * factor,
        shown: shown.into(),
    })
}

fn usage(
    config: &Config,
    origin: &Origin,
    raw: &RawUsage,
    problems: &mut Vec<Diagnostic>,
) -> Option<Usage> {
    let declared = &config.usage;
    let schedule = raw.frequency.as_ref().and_then(|written| {
        match Schedule::parse(&written.value, &declared.vocabulary) {
            Ok(schedule) => Some(schedule),
            Err(help) => {
                problems.push(
                    origin
                        .error(
                            Code::Frequency,
                            written,
                            format!("cannot read the schedule `{}`", written.value),
                        )
                        .with_help(help),
                );
                None
            }
        }
    });
    let mut steps = Vec::new();
    let mut steps_ok = true;
    for written in &raw.steps {
        match declared.step_index(&written.value) {
            Some(i) => steps.push(i),
            None => {
                steps_ok = false;
                problems.push(
                    origin
                        .error(
                            Code::UnknownStep,
                            written,
                            format!("unknown routine step `{}`", written.value),
                        )
                        .with_help(format!(
                            "{} (steps are listed under `usage.steps` in site.yaml)",
                            suggestion(&written.value, declared.step_keys())
                        )),
                );
            }
        }
    }
    steps.sort_unstable();
    steps.dedup();
    let slots = match &raw.time {
        Some(time) if time.value.is_empty() => {
            problems.push(
                origin
                    .error(Code::MissingField, time, "`time` is empty")
                    .with_help(format!(
                        "write one slot or more, e.g. `time: [{}]`",
                        declared.slot_keys().next().unwrap_or("…")
                    )),
            );
            None
        }
        Some(time) => {
            let mut slots: Vec<usize> = time
                .value
                .iter()
                .filter_map(|k| declared.slot_index(k))
                .collect();
            slots.sort_unstable();
            slots.dedup();
            Some(slots)
        }
        // No slots declared: products have no time.
        None if declared.slots.is_empty() => Some(Vec::new()),
        None => None,
    };
    let position = match &raw.position {
        None => Some(None),
        Some(p) => match parse_position(config, &p.value) {
            Ok(position) => Some(Some(position)),
            Err(help) => {
                problems.push(
                    origin
                        .error(
                            Code::Position,
                            p,
                            format!("cannot read position `{}`", p.value),
                        )
                        .with_help(help),
                );
                None
            }
        },
    };
    if !steps_ok {
        return None;
    }
    Some(Usage {
        schedule: schedule?,
        slots: slots?,
        steps,
        position: position?,
        instructions: Markdown::from_yaml_opt(origin, &raw.instructions),
        cautions: raw.cautions.iter().map(|c| c.trim().to_string()).collect(),
    })
}

fn parse_position(config: &Config, text: &str) -> Result<Position, String> {
    let text = text.trim().to_ascii_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    let declared = &config.usage;
    let step = |key: &str| {
        declared.step_index(key).ok_or_else(|| {
            format!(
                "unknown step `{key}`: {}",
                suggestion(key, declared.step_keys())
            )
        })
    };
    match words.as_slice() {
        ["first"] | ["first", "step"] => Ok(Position::First),
        ["last"] | ["last", "step"] => Ok(Position::Last),
        ["after", key] => step(key).map(Position::After),
        ["before", key] => step(key).map(Position::Before),
        _ => Err("write `first`, `last`, `after <step>` or `before <step>`".into()),
    }
}
