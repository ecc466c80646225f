//! Terms of a taxonomy as files write them: the terms a product or a guide
//! is filed under, and the optional file that describes one term
//! (`content/<taxonomy>/<term>.yaml`).

use super::{Parsed, TaxonomyShape, other_names, read_aliases, read_yaml};
use vial_base::diagnostic::SourceFile;
use vial_yaml::{Field, Fields, Reader, Spanned, Value};

/// The terms a file gives one taxonomy, in the order written.
#[derive(Debug)]
pub struct RawTerms {
    pub taxonomy: String,
    pub terms: Vec<RawTerm>,
}

#[derive(Debug)]
pub struct RawTerm {
    pub name: Spanned<String>,
    pub strength: Option<Spanned<f64>>,
}

/// An optional file that describes a taxonomy's term.
#[derive(Debug)]
pub struct RawTermInfo {
    pub name: Option<String>,
    pub what_it_does: Option<String>,
    pub description: Option<Spanned<String>>,
    /// Other names and spellings, for search (`aka:`).
    pub aka: Vec<String>,
    /// Old addresses that redirect here (`aliases:`), normalised.
    pub aliases: Vec<Spanned<String>>,
}

/// The terms a file gives the taxonomy `t`: one name for a `single` one, a
/// list of names (or of `{name, <strength>}`) for the others.
pub(super) fn taxonomy_terms<'t>(
    r: &mut Reader<'t>,
    fields: &mut Fields<'t>,
    t: &TaxonomyShape,
) -> Option<RawTerms> {
    let field = if t.required {
        fields.require(r, t.key.clone())
    } else {
        fields.get(t.key.clone())
    }?;
    let terms = if t.single {
        field
            .text(r)
            .map(|name| RawTerm {
                name,
                strength: None,
            })
            .into_iter()
            .collect()
    } else {
        field
            .list(r)
            .unwrap_or_default()
            .iter()
            .filter_map(|item| term(r, item, t.strength.as_deref()))
            .collect()
    };
    Some(RawTerms {
        taxonomy: t.key.clone(),
        terms,
    })
}

/// A term as a name, or as `{name, <strength>}` when terms carry a number.
fn term<'t>(r: &mut Reader<'t>, item: &Field<'t>, strength: Option<&str>) -> Option<RawTerm> {
    if let (Value::Map(_), Some(strength)) = (&item.node.value, strength) {
        let mut fields = item.fields(r)?;
        let name = fields.required_text(r, "name");
        let number = fields.get(strength.to_string()).and_then(|f| f.number(r));
        fields.finish(r);
        return Some(RawTerm {
            name: name?,
            strength: number,
        });
    }
    item.text(r).map(|name| RawTerm {
        name,
        strength: None,
    })
}

pub(in crate::load) fn parse_term_info(file: SourceFile) -> Parsed<RawTermInfo> {
    read_yaml(file, "description", |r, mut top| {
        let info = RawTermInfo {
            name: top.text(r, "name").map(|t| t.value),
            what_it_does: top.text(r, "what_it_does").map(|t| t.value),
            description: top.text(r, "description"),
            aka: other_names(r, &mut top),
            aliases: read_aliases(r, &mut top),
        };
        top.finish(r);
        info
    })
}
