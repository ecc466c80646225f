//! Which products a declaration is about: the criteria a routine group and
//! a reminder name products by (a taxonomy's terms, routine steps,
//! categories; a reminder also by time slots and by the declared values of
//! a spec). Steps, slots and spec values are checked here against the rest
//! of site.yaml; categories and terms, which live in the content, are
//! checked by the model.

use super::{SpecField, TaxonomyDecl, UsageDecl};
use vial_base::diagnostic::{Code, Location, suggestion};
use vial_yaml::{Field, Fields, Origin, Reader, Spanned};

/// A name written in site.yaml, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub name: String,
    pub location: Location,
}

/// One thing a product must have; within one, any of its values will do.
#[derive(Debug, Clone, PartialEq)]
pub enum Criterion {
    /// Any of these terms (slugs) of a taxonomy (its key).
    Terms { taxonomy: String, terms: Vec<Named> },
    /// Used at any of these steps (indexes into the steps).
    Steps(Vec<usize>),
    /// In any of these categories (slugs).
    Categories(Vec<Named>),
    /// Used in any of these slots (indexes into the slots).
    Slots(Vec<usize>),
    /// Any of these declared values (keys) of a spec (its key): an enum's
    /// value, or an item of a list.
    Values { spec: String, values: Vec<String> },
}

/// What the criteria of a group of fields are checked against.
pub(super) struct Names<'c> {
    pub origin: &'c Origin,
    pub usage: &'c UsageDecl,
    pub taxonomies: &'c [TaxonomyDecl],
    pub specs: &'c [SpecField],
}

/// Which criteria a declaration may name: a routine group names products
/// by terms, steps and categories; a reminder also by slots and specs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kinds {
    Group,
    Reminder,
}

/// Reads the criteria written in `fields`, reporting each unknown step,
/// slot or spec value at its line; the fields are left to the caller to
/// finish (which reports unknown ones).
pub(super) fn read_criteria<'t>(
    r: &mut Reader<'t>,
    fields: &mut Fields<'t>,
    names: &Names,
    kinds: Kinds,
) -> Vec<Criterion> {
    let mut criteria = Vec::new();
    let named = |r: &mut Reader<'t>, f: Field<'t>| -> Vec<Named> {
        f.texts(r)
            .into_iter()
            .map(|t| Named {
                location: names.origin.at(&t),
                name: vial_base::text::slugify(&t.value),
            })
            .collect()
    };
    for t in names.taxonomies {
        if let Some(f) = fields.get(t.key.clone()) {
            criteria.push(Criterion::Terms {
                taxonomy: t.key.clone(),
                terms: named(r, f),
            });
        }
    }
    if let Some(f) = fields.get("steps") {
        let steps = f
            .texts(r)
            .iter()
            .filter_map(|s| step(r, names.usage, s))
            .collect();
        criteria.push(Criterion::Steps(steps));
    }
    if let Some(f) = fields.get("categories") {
        criteria.push(Criterion::Categories(named(r, f)));
    }
    if kinds == Kinds::Reminder {
        if let Some(f) = fields.get("slots") {
            criteria.push(Criterion::Slots(slots(r, names.usage, &f)));
        }
        for spec in names.specs {
            if let Some(f) = fields.get(spec.key.clone()) {
                criteria.extend(values(r, spec, &f));
            }
        }
    }
    criteria
}

/// A declared step's index; an unknown one is reported.
pub(super) fn step(r: &mut Reader, usage: &UsageDecl, written: &Spanned<String>) -> Option<usize> {
    let found = usage.step_index(&written.value);
    if found.is_none() {
        r.error(
            Code::UnknownStep,
            written.at,
            format!("unknown routine step `{}`", written.value),
            format!(
                "{} (steps are listed under `usage.steps`)",
                suggestion(&written.value, usage.step_keys())
            ),
        );
    }
    found
}

/// `slots: [keys]`: each a declared slot; unknown ones are reported.
fn slots<'t>(r: &mut Reader<'t>, usage: &UsageDecl, field: &Field<'t>) -> Vec<usize> {
    if usage.slots.is_empty() {
        r.error(
            Code::InvalidValue,
            field.at(),
            "this site declares no slots",
            "remove `slots`, or declare slots under `usage.slots`",
        );
        return Vec::new();
    }
    let keys: Vec<&str> = usage.slot_keys().collect();
    field
        .list(r)
        .unwrap_or_default()
        .iter()
        .filter_map(|item| item.one_of(r, &keys))
        .filter_map(|k| usage.slot_index(&k.value))
        .collect()
}

/// `<spec>: [values]`: the spec must declare its values (an enum, a list
/// with `values:`), and each written must be one of them.
fn values<'t>(r: &mut Reader<'t>, spec: &SpecField, field: &Field<'t>) -> Option<Criterion> {
    let Some(choices) = spec.kind.choices() else {
        r.error(
            Code::InvalidValue,
            field.at(),
            format!(
                "spec `{}` is a {} and has no declared values to name",
                spec.key,
                spec.kind.name()
            ),
            "name products by a spec that declares `values:` (an enum, or a list with values), or remove it",
        );
        return None;
    };
    let keys: Vec<&str> = choices.iter().map(|c| c.key.as_str()).collect();
    let values = field
        .list(r)
        .unwrap_or_default()
        .iter()
        .filter_map(|item| item.one_of(r, &keys))
        .map(|v| v.value)
        .collect();
    Some(Criterion::Values {
        spec: spec.key.clone(),
        values,
    })
}
