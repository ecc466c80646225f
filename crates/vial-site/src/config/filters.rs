//! `filters:` of site.yaml: the facets readers can narrow a category, a
//! term's page or the product list by. Each is named the way comparison
//! fields are: a spec with values to pick from (an enum, yes/no, a list), a
//! taxonomy, or `frequency`, `time` and `step` of the usage.

use super::{SpecField, SpecKind, TaxonomyDecl, UsageDecl};
use vial_base::diagnostic::{Code, suggestion};
use vial_yaml::{Field, Reader};

/// Whether products can be filtered by this spec: by values a reader can
/// tick, not by free text or numbers.
pub fn filterable(spec: &SpecField) -> bool {
    matches!(
        spec.kind,
        SpecKind::Bool | SpecKind::Enum { .. } | SpecKind::List { .. }
    )
}

/// Every facet a site could offer: its filterable specs, its taxonomies,
/// then how often, when (with slots) and the step (with steps), in that
/// order. A site without `filters:` offers them all.
pub fn all_facets(
    specs: &[SpecField],
    taxonomies: &[TaxonomyDecl],
    usage: &UsageDecl,
) -> Vec<String> {
    let mut keys: Vec<String> = specs
        .iter()
        .filter(|s| filterable(s))
        .map(|s| s.key.clone())
        .collect();
    keys.extend(taxonomies.iter().map(|t| t.key.clone()));
    keys.push("frequency".into());
    if !usage.slots.is_empty() {
        keys.push("time".into());
    }
    if !usage.steps.is_empty() {
        keys.push("step".into());
    }
    keys
}

/// The facets `filters:` names, each once, each one the site can offer.
pub fn read_filters(
    r: &mut Reader,
    field: Field,
    specs: &[SpecField],
    taxonomies: &[TaxonomyDecl],
    usage: &UsageDecl,
) -> Vec<String> {
    let offered = all_facets(specs, taxonomies, usage);
    let mut keys: Vec<String> = Vec::new();
    for key in field.texts(r) {
        if keys.contains(&key.value) {
            r.error(
                Code::InvalidValue,
                key.at,
                format!("filter `{}` is named twice", key.value),
                "name each filter once",
            );
        } else if offered.contains(&key.value) {
            keys.push(key.value);
        } else if let Some(spec) = specs.iter().find(|s| s.key == key.value) {
            r.error(
                Code::InvalidValue,
                key.at,
                format!(
                    "products cannot be filtered by `{}`: it is a {} spec",
                    key.value,
                    spec.kind.name()
                ),
                "filters offer values to tick: name an enum, yes/no or list spec, a taxonomy, `frequency`, `time` or `step`",
            );
        } else {
            r.error(
                Code::UnknownField,
                key.at,
                format!("there is no filter `{}`", key.value),
                suggestion(&key.value, offered.iter().map(String::as_str)),
            );
        }
    }
    keys
}
