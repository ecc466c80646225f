//! `similar:` of site.yaml: what makes two products alike enough to list
//! one beside the other. Each field that counts has a weight: sharing the
//! category, a term of a taxonomy, or a declared value of a spec (an
//! enum's value, a list's item) adds that weight, less the more of the
//! catalogue shares the same thing. A product is listed only when what it
//! shares adds up to `min_score`: by default a shared category alone, or
//! one shared term, is not enough.

use super::{SpecField, TaxonomyDecl};
use vial_base::diagnostic::{Code, suggestion};
use vial_yaml::{Fields, Reader};

/// How products are weighed against each other.
#[derive(Debug, Clone, PartialEq)]
pub struct SimilarDecl {
    /// What sharing the category is worth.
    pub category: f64,
    /// What sharing one term of each taxonomy is worth, in the order the
    /// taxonomies are declared.
    pub taxonomies: Vec<f64>,
    /// What sharing a value of each spec is worth, in the order the specs
    /// are declared (0 for a spec whose values are not named).
    pub specs: Vec<f64>,
    /// What a product must share, added up, to be listed.
    pub min_score: f64,
    /// The most listed.
    pub max: usize,
}

/// Without `min_score`: a shared category or one shared term (worth at
/// most 1 each) is not enough, both together at their rarest are.
const MIN_SCORE: f64 = 2.0;
const MAX: usize = 6;

impl SimilarDecl {
    /// Without `weights:`: the category, every term of a taxonomy that
    /// relates products and every value of an enum or list spec count 1.
    pub fn defaults(taxonomies: &[TaxonomyDecl], specs: &[SpecField]) -> Self {
        SimilarDecl {
            category: 1.0,
            taxonomies: taxonomies
                .iter()
                .map(|t| if t.related { 1.0 } else { 0.0 })
                .collect(),
            specs: specs
                .iter()
                .map(|s| if names_values(s) { 1.0 } else { 0.0 })
                .collect(),
            min_score: MIN_SCORE,
            max: MAX,
        }
    }
}

/// Whether a spec's shared values can be named: an enum's, a list's.
fn names_values(spec: &SpecField) -> bool {
    matches!(
        spec.kind,
        super::SpecKind::Enum { .. } | super::SpecKind::List { .. }
    )
}

/// Reads `similar:`, checking each weight's field against the taxonomies
/// and specs.
pub(super) fn read_similar<'t>(
    r: &mut Reader<'t>,
    mut group: Fields<'t>,
    taxonomies: &[TaxonomyDecl],
    specs: &[SpecField],
) -> SimilarDecl {
    let mut decl = SimilarDecl::defaults(taxonomies, specs);
    if let Some(mut weights) = group.get("weights").and_then(|f| f.fields(r)) {
        // Declared weights replace the defaults: a field not named counts
        // nothing.
        decl.category = 0.0;
        decl.taxonomies.fill(0.0);
        decl.specs.fill(0.0);
        read_weights(r, &mut weights, &mut decl, (taxonomies, specs));
        weights.finish(r);
    }
    if let Some(n) = group.get("min_score").and_then(|f| f.number(r)) {
        if n.value >= 0.0 {
            decl.min_score = n.value;
        } else {
            r.error(
                Code::InvalidValue,
                n.at,
                "`min_score` cannot be below 0",
                "write what a product must share to be listed, as in `min_score: 2`",
            );
        }
    }
    if let Some(n) = group.get("max").and_then(|f| f.number(r)) {
        if n.value >= 0.0 && n.value.fract() == 0.0 && n.value <= 1000.0 {
            decl.max = n.value as usize;
        } else {
            r.error(
                Code::InvalidValue,
                n.at,
                "`max` is a whole number from 0 to 1000",
                "write how many similar products a page lists at most, as in `max: 6` (0 lists none)",
            );
        }
    }
    group.finish(r);
    decl
}

/// Each `<field>: <weight>` of `weights:`.
fn read_weights<'t>(
    r: &mut Reader<'t>,
    weights: &mut Fields<'t>,
    decl: &mut SimilarDecl,
    (taxonomies, specs): (&[TaxonomyDecl], &[SpecField]),
) {
    for entry in weights.entries() {
        let name = entry.key.name.as_str();
        let Some(field) = weights.get(entry.key.name.clone()) else {
            continue;
        };
        let Some(weight) = field.number(r) else {
            continue;
        };
        if weight.value < 0.0 {
            r.error(
                Code::InvalidValue,
                weight.at,
                format!("the weight of `{name}` cannot be below 0"),
                "write 0 for a field that does not count, or leave it out",
            );
            continue;
        }
        let at_taxonomy = taxonomies.iter().position(|t| t.key == name);
        let at_spec = specs.iter().position(|s| s.key == name);
        match (name, at_taxonomy, at_spec) {
            ("category", _, _) => decl.category = weight.value,
            (_, Some(at), _) => decl.taxonomies[at] = weight.value,
            (_, None, Some(at)) if names_values(&specs[at]) => decl.specs[at] = weight.value,
            (_, None, Some(at)) => r.error(
                Code::InvalidValue,
                entry.key.at,
                format!(
                    "spec `{name}` is a {}: two products do not share a value of it",
                    specs[at].kind.name()
                ),
                "weigh `category`, a taxonomy, or an enum or list spec",
            ),
            _ => {
                let known = std::iter::once("category")
                    .chain(taxonomies.iter().map(|t| t.key.as_str()))
                    .chain(
                        specs
                            .iter()
                            .filter(|s| names_values(s))
                            .map(|s| s.key.as_str()),
                    );
                r.error(
                    Code::UnknownField,
                    entry.key.at,
                    format!("`{name}` is not a field products can share"),
                    format!(
                        "{} (weigh `category`, a taxonomy's key or an enum or list spec's key)",
                        suggestion(name, known)
                    ),
                );
            }
        }
    }
}
