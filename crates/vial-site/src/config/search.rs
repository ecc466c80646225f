//! `search:` of site.yaml: what the site's search treats as one word
//! (`synonyms`), and how much a word counts by where it appears
//! (`weights`). The search index (vial-search) reads both; nothing here
//! knows a word of any language.

use vial_base::diagnostic::{Code, suggestion};
use vial_yaml::{Field, Fields, Reader, Spanned};

/// How the site's search is tuned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchDecl {
    /// Groups of words or phrases a reader may type for one another, as
    /// written (`[retinol, retinal, retinoid]`).
    pub synonyms: Vec<Vec<String>>,
    pub weights: SearchWeights,
}

/// How much a word counts where it appears: from 0 (not indexed there)
/// to 16.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchWeights {
    /// A page's name or title.
    pub title: u8,
    /// Its other names (`aka:`).
    pub aka: u8,
    /// The names of what it is filed under: byline, category, terms.
    pub names: u8,
    /// How it is used: the schedule, slots and steps.
    pub usage: u8,
    /// Spec labels and values.
    pub specs: u8,
    pub summary: u8,
    /// Description, instructions, cautions, a guide's body.
    pub body: u8,
}

/// The highest weight a field can have: a word's score is capped at 31,
/// so two fields at most can tell a record apart at the top.
pub const MAX_WEIGHT: u8 = 16;

impl Default for SearchWeights {
    fn default() -> Self {
        SearchWeights {
            title: 16,
            aka: 12,
            names: 8,
            usage: 4,
            specs: 4,
            summary: 2,
            body: 1,
        }
    }
}

/// The fields `weights:` may name, in the order of `SearchWeights`.
const FIELDS: [&str; 7] = ["title", "aka", "names", "usage", "specs", "summary", "body"];

impl SearchWeights {
    fn field(&mut self, name: &str) -> Option<&mut u8> {
        Some(match name {
            "title" => &mut self.title,
            "aka" => &mut self.aka,
            "names" => &mut self.names,
            "usage" => &mut self.usage,
            "specs" => &mut self.specs,
            "summary" => &mut self.summary,
            "body" => &mut self.body,
            _ => return None,
        })
    }
}

/// Reads `search:`: `synonyms` and `weights`.
pub(super) fn read_search<'t>(r: &mut Reader<'t>, mut group: Fields<'t>) -> SearchDecl {
    let synonyms = group
        .get("synonyms")
        .and_then(|f| f.list(r))
        .unwrap_or_default()
        .iter()
        .filter_map(|item| synonym_group(r, item))
        .collect();
    let mut weights = SearchWeights::default();
    if let Some(mut fields) = group.get("weights").and_then(|f| f.fields(r)) {
        read_weights(r, &mut fields, &mut weights);
        fields.finish(r);
    }
    group.finish(r);
    SearchDecl { synonyms, weights }
}

/// One group of `synonyms:`: a list of two words or phrases at least.
fn synonym_group<'t>(r: &mut Reader<'t>, item: &Field<'t>) -> Option<Vec<String>> {
    let names: Vec<Spanned<String>> = item.texts(r);
    let words: Vec<String> = names
        .iter()
        .map(|n| n.value.trim().to_string())
        .filter(|n| n.chars().any(char::is_alphanumeric))
        .collect();
    if words.len() < 2 {
        r.error(
            Code::InvalidValue,
            item.at(),
            "a group of synonyms needs two words or phrases at least",
            "write the words a reader may type for one another in one list, as in `- [retinol, retinal, retinoid]`",
        );
        return None;
    }
    Some(words)
}

/// Each `<field>: <weight>` of `weights:`.
fn read_weights<'t>(r: &mut Reader<'t>, fields: &mut Fields<'t>, weights: &mut SearchWeights) {
    for entry in fields.entries() {
        let name = entry.key.name.as_str();
        let Some(weight) = fields.get(entry.key.name.clone()).and_then(|f| f.number(r)) else {
            continue;
        };
        let Some(slot) = weights.field(name) else {
            r.error(
                Code::UnknownField,
                entry.key.at,
                format!("`{name}` is not a field the search weighs"),
                format!(
                    "{} (the fields are {})",
                    suggestion(name, FIELDS.iter().copied()),
                    FIELDS.map(|f| format!("`{f}`")).join(", ")
                ),
            );
            continue;
        };
        let value = weight.value;
        if value.fract() == 0.0 && (0.0..=f64::from(MAX_WEIGHT)).contains(&value) {
            *slot = value as u8;
        } else {
            r.error(
                Code::InvalidValue,
                weight.at,
                format!("the weight of `{name}` is a whole number from 0 to {MAX_WEIGHT}"),
                "write how much a word found there counts, as in `title: 16` (0 leaves the field out of the search)",
            );
        }
    }
}
