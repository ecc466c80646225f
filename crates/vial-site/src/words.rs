//! What the site's values say in its own words: a spec value as a reader
//! sees it (and the number it sorts by), a product's byline. Comparison
//! tables, exports and the search index all speak this way.

use vial_base::text::format_number;

use crate::config::{SpecField, TaxonomyDecl};
use crate::i18n::Strings;
use crate::model::{Product, Site, SpecValue, TermUse};

/// What a table needs besides the products: the site and its words.
pub struct Words<'a> {
    pub site: &'a Site,
    pub strings: &'a Strings,
}

/// A value of a comparison cell: what it says and, where text order is not
/// the right one, the number it sorts by.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub text: String,
    pub sort: Option<f64>,
}

impl Value {
    pub fn text(text: String) -> Value {
        Value { text, sort: None }
    }

    pub fn ranked(text: String, rank: Option<f64>) -> Value {
        Value { text, sort: rank }
    }
}

/// A spec value as a reader sees it, with the number it sorts by.
pub fn spec_value(spec: &SpecField, value: &SpecValue, s: &Strings) -> Value {
    let rank = |key: &str| spec.value_rank(key).map(|r| r as f64);
    match value {
        SpecValue::Text(t) => Value::text(t.to_string()),
        SpecValue::Number { value, shown } => Value::ranked(shown.to_string(), Some(*value)),
        SpecValue::Bool(true) => Value::ranked(s.text("value.yes", &[]), Some(0.0)),
        SpecValue::Bool(false) => Value::ranked(s.text("value.no", &[]), Some(1.0)),
        SpecValue::Choice(key) => Value::ranked(spec.value_shown(key).into_owned(), rank(key)),
        SpecValue::List(items) => {
            let labels: Vec<String> = items
                .iter()
                .map(|i| spec.value_shown(i).into_owned())
                .collect();
            // A list of declared values sorts by its first value's place.
            let first = items.iter().filter_map(|i| rank(i)).reduce(f64::min);
            Value::ranked(labels.join(&s.text("value.list_separator", &[])), first)
        }
    }
}

/// A strength with its unit: `2%`, `50 mg`. A unit that starts with a
/// letter is set apart by a space.
pub fn strength_text(n: f64, decl: &TaxonomyDecl) -> String {
    let number = format_number(n);
    match decl.strength.as_ref().and_then(|s| s.unit.as_deref()) {
        Some(unit) if unit.starts_with(char::is_alphabetic) => format!("{number} {unit}"),
        Some(unit) => format!("{number}{unit}"),
        None => number,
    }
}

/// A term as a product carries it: its name (the taxonomy's, see
/// `Site::term_name`), then its strength where it has one (`Retinal 0.1%`).
pub fn term_text(site: &Site, used: &TermUse, decl: &TaxonomyDecl) -> String {
    let name = site.term_name(&decl.key, &used.term);
    match used.strength {
        Some(n) => format!("{name} {}", strength_text(n, decl)),
        None => name.to_string(),
    }
}

/// The product's term of the site's first one-term taxonomy: its brand.
pub fn byline(w: &Words, p: &Product) -> Option<String> {
    let decl = w.site.config.taxonomies.iter().find(|t| t.single)?;
    p.terms_of(&decl.key)
        .first()
        .map(|t| w.site.term_name(&decl.key, &t.term).to_string())
}
