//! `taxonomies:` of site.yaml: the product fields (and guide fields) that
//! group products and get pages of their own, like Zola's taxonomies. A
//! taxonomy is data: its field, its names, its URL, whether a product has
//! one term or many, and whether its terms carry a number (a strength).
//! Undeclared, nothing of it exists: no field, no page, no menu item.

use super::is_key;
use vial_base::diagnostic::Code;
use vial_base::text::slugify_path;
use vial_yaml::{Field, Fields, Reader};

/// Names a taxonomy may not take: link kinds and sections of their own.
const RESERVED: [&str; 7] = [
    "product",
    "category",
    "guide",
    "products",
    "categories",
    "guides",
    "routine",
];

/// How a taxonomy's term pages order their products.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// By name.
    Name,
    /// By strength, highest first (those without one last).
    Descending,
    /// By strength, lowest first.
    Ascending,
}

/// A number a term may carry on a product: `- name: Niacinamide, percent: 5`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strength {
    /// The field that holds it on each entry.
    pub field: String,
    pub label: String,
    pub unit: Option<String>,
    pub order: Order,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxonomyDecl {
    /// The field in product files and guide front matter.
    pub key: String,
    /// One term: `Concern`.
    pub label: String,
    /// Many: `Concerns`.
    pub plural: String,
    /// Whether site.yaml writes `plural` (else it is the label and `s`,
    /// the default language's way, which no other language takes).
    pub plural_written: bool,
    /// What links call it besides its key: its label in the default
    /// language, as a slug (`[[concern:acne]]`), the same in every
    /// language.
    pub link_name: String,
    /// URL segment of its pages.
    pub path: String,
    /// One term per product (`brand: Name`), not a list.
    pub single: bool,
    pub required: bool,
    /// Guides may carry it in their front matter.
    pub guides: bool,
    /// Products sharing a term are shown as related.
    pub related: bool,
    /// Its terms are names of their own (brands), written as declared in
    /// every place; otherwise they are common nouns, which a link inside a
    /// sentence writes the language's way ("have fungus gnats"). Defaults
    /// to `single`.
    pub proper_names: bool,
    pub strength: Option<Strength>,
    /// Its terms are the description files of `content/<key>/` and no
    /// others: a term without one is an error.
    pub closed: bool,
}

impl TaxonomyDecl {
    /// Whether `kind` names this taxonomy in a link (`[[concern:x]]`): its
    /// key, or its label as a slug.
    pub fn is_named(&self, kind: &str) -> bool {
        kind == self.key || kind == self.link_name
    }

    /// The name links use.
    pub fn link_kind(&self) -> String {
        self.link_name.clone()
    }
}

/// Reads `taxonomies:`; problems go to `r`.
pub(super) fn read_taxonomies<'t>(r: &mut Reader<'t>, field: Field<'t>) -> Vec<TaxonomyDecl> {
    let mut out: Vec<TaxonomyDecl> = Vec::new();
    for item in field.list(r).unwrap_or_default() {
        let Some(decl) = read_one(r, &item) else {
            continue;
        };
        let clash = out.iter().find(|t| {
            t.key == decl.key
                || t.path == decl.path
                || t.is_named(&decl.key)
                || decl.is_named(&t.key)
        });
        if let Some(other) = clash {
            r.error(
                Code::InvalidValue,
                item.at(),
                format!(
                    "taxonomy `{}` takes a name or path that `{}` has",
                    decl.key, other.key
                ),
                "give each taxonomy its own key, label and path",
            );
            continue;
        }
        out.push(decl);
    }
    out
}

fn read_one<'t>(r: &mut Reader<'t>, item: &Field<'t>) -> Option<TaxonomyDecl> {
    let mut g = item.fields(r)?;
    let key = g.required_text(r, "key");
    let label = g.required_words(r, "label");
    let plural = g.words(r, "plural");
    let path = g.text(r, "path");
    let flag = |r: &mut Reader<'t>, g: &mut Fields<'t>, name: &'static str| {
        g.get(name).and_then(|f| f.bool(r))
    };
    let single = flag(r, &mut g, "single").unwrap_or(false);
    let required = flag(r, &mut g, "required").unwrap_or(false);
    let guides = flag(r, &mut g, "guides").unwrap_or(false);
    let related = flag(r, &mut g, "related");
    let proper_names = flag(r, &mut g, "proper_names");
    let closed = flag(r, &mut g, "closed").unwrap_or(false);
    let strength = g.get("strength").and_then(|f| read_strength(r, f));
    g.finish(r);
    let (key, label) = (key?, label?);
    if !is_key(&key.value) || RESERVED.contains(&key.value.as_str()) {
        r.error(
            Code::InvalidValue,
            key.at,
            format!("`{}` cannot be a taxonomy's key", key.value),
            "use lowercase letters, digits, `-` and `_`, and not `product`, `category` or `guide`",
        );
        return None;
    }
    let path_value = path
        .as_ref()
        .map_or_else(|| slugify_path(&key.value), |p| p.value.clone());
    if !super::is_slug(&path_value) || RESERVED.contains(&path_value.as_str()) {
        let at = path.as_ref().map_or(key.at, |p| p.at);
        r.error(
            Code::InvalidValue,
            at,
            format!("`{path_value}` cannot be a taxonomy's path"),
            "use lowercase letters, digits and `-`, and not a section vial has (`products`, `categories`, `guides`, `routine`)",
        );
        return None;
    }
    if single && strength.is_some() {
        r.error(
            Code::InvalidValue,
            key.at,
            format!("taxonomy `{}` is `single` and has a `strength`", key.value),
            "a strength belongs to taxonomies with a list of terms; drop one of the two",
        );
        return None;
    }
    Some(TaxonomyDecl {
        plural_written: plural.is_some(),
        plural: plural.map_or_else(
            || {
                r.note_words_from_key("plural", label.at);
                format!("{}s", label.value)
            },
            |p| p.value,
        ),
        path: path_value,
        related: related.unwrap_or(!single),
        proper_names: proper_names.unwrap_or(single),
        key: key.value,
        link_name: slugify_path(&label.value),
        label: label.value,
        single,
        required,
        guides,
        strength,
        closed,
    })
}

fn read_strength<'t>(r: &mut Reader<'t>, field: Field<'t>) -> Option<Strength> {
    let mut g = field.fields(r)?;
    let name = g.required_text(r, "field");
    let label = g.required_words(r, "label");
    let unit = g.text(r, "unit").map(|u| u.value);
    let order = g
        .get("order")
        .and_then(|f| f.one_of(r, &["descending", "ascending", "name"]));
    g.finish(r);
    let name = name?;
    if !is_key(&name.value) || name.value == "name" {
        r.error(
            Code::InvalidValue,
            name.at,
            format!("`{}` cannot be the strength's field", name.value),
            "use lowercase letters, digits, `-` and `_`, such as `percent`",
        );
        return None;
    }
    Some(Strength {
        field: name.value,
        label: label?.value,
        unit,
        order: match order.as_ref().map(|o| o.value.as_str()) {
            Some("ascending") => Order::Ascending,
            Some("name") => Order::Name,
            _ => Order::Descending,
        },
    })
}
