//! Fenced blocks that embed generated content in markdown
//! (```` ```compare ```` and ```` ```usage ````): their YAML body read and
//! every page it names checked. Its own place because a block is data, not
//! a link: the link stage checks it, and rendering reads it again to draw
//! the table or card.

use super::Target;
use super::resolve::{Resolver, Unresolved};
use crate::model::{Site, Slug};
use vial_base::diagnostic::suggestion;

/// A fenced block that embeds generated content in markdown.
#[derive(Debug, Clone, PartialEq)]
pub enum Embed {
    Compare(CompareSpec),
    Usage { product: Slug },
}

#[derive(Debug, Clone, PartialEq)]
pub enum CompareSubject {
    Products(Vec<Slug>),
    Category(Slug),
    /// The products of a taxonomy's term: its key and the term's slug.
    Term(String, Slug),
    Categories(Vec<Slug>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompareSpec {
    pub subject: CompareSubject,
    /// Field keys; `None` for the default set.
    pub fields: Option<Vec<String>>,
}

/// Fields a comparison can show besides the declared specs.
pub const USAGE_FIELDS: [&str; 3] = ["frequency", "time", "step"];

/// A block's fields as `name: text` or `name: [texts]`.
enum BlockValue {
    One(String),
    Many(Vec<String>),
}

/// The fields of a block's YAML body, each once, in the order written.
fn block_fields(language: &str, body: &str) -> Result<Vec<(String, BlockValue)>, Unresolved> {
    let bad = |message: String| {
        Unresolved {
        message,
        help: match language {
            "compare" => "write `products: [a, b]`, `category: slug`, a taxonomy and a term (`concern: slug`) or `categories: [a, b]`, and optionally `fields: [...]`".into(),
            _ => "write `product: <slug>`".into(),
        },
        subject: String::new(),
    }
    };
    let tree = vial_yaml::tree::parse(body)
        .map_err(|e| bad(format!("cannot read the `{language}` block: {}", e.message)))?;
    let entries = match tree.root.value {
        vial_yaml::Value::Map(entries) => entries,
        vial_yaml::Value::Empty => Vec::new(),
        _ => {
            return Err(bad(format!(
                "a `{language}` block holds fields, as `name: value`"
            )));
        }
    };
    let mut fields = Vec::new();
    for entry in entries {
        let value = match entry.value.value {
            vial_yaml::Value::Scalar(s) => BlockValue::One(s.text),
            vial_yaml::Value::List(items) => BlockValue::Many(
                items
                    .into_iter()
                    .filter_map(|n| match n.value {
                        vial_yaml::Value::Scalar(s) => Some(s.text),
                        _ => None,
                    })
                    .collect(),
            ),
            _ => return Err(bad(format!("`{}` needs a value", entry.key.name))),
        };
        fields.push((entry.key.name, value));
    }
    Ok(fields)
}

/// Parses and checks a fenced block's body. `None` if the language is not one
/// vial embeds (the block is then ordinary code).
pub fn parse_embed(site: &Site, language: &str, body: &str) -> Option<Result<Embed, Unresolved>> {
    if !matches!(language, "usage" | "compare") {
        return None;
    }
    Some(
        block_fields(language, body).and_then(|fields| match language {
            "usage" => usage_block(site, fields),
            _ => compare_block(site, fields),
        }),
    )
}

fn usage_block(site: &Site, fields: Vec<(String, BlockValue)>) -> Result<Embed, Unresolved> {
    let resolver = Resolver::new(site);
    match fields.as_slice() {
        [(name, BlockValue::One(slug))] if name == "product" => {
            resolver.resolve_kind("product", slug)?;
            Ok(Embed::Usage {
                product: slug.clone(),
            })
        }
        _ => Err(Unresolved {
            message: "a `usage` block names one product".into(),
            help: "write `product: <slug>`".into(),
            subject: String::new(),
        }),
    }
}

fn compare_block(site: &Site, fields: Vec<(String, BlockValue)>) -> Result<Embed, Unresolved> {
    let resolver = Resolver::new(site);
    let check =
        |kind: &str, slug: &str| resolver.resolve_kind(kind, slug).map(|_| slug.to_string());
    let mut subjects = Vec::new();
    let mut shown_fields = None;
    for (name, value) in fields {
        let subject = match (name.as_str(), value) {
            ("fields", BlockValue::Many(keys)) => {
                shown_fields = Some(keys);
                continue;
            }
            ("products", BlockValue::Many(slugs)) => CompareSubject::Products(
                slugs
                    .iter()
                    .map(|s| check("product", s))
                    .collect::<Result<_, _>>()?,
            ),
            ("category", BlockValue::One(slug)) => {
                CompareSubject::Category(check("category", &slug)?)
            }
            ("categories", BlockValue::Many(slugs)) => CompareSubject::Categories(
                slugs
                    .iter()
                    .map(|s| check("category", s))
                    .collect::<Result<_, _>>()?,
            ),
            (kind, BlockValue::One(slug)) => match resolver.resolve_kind(kind, &slug)? {
                Target::Term(key, slug) => CompareSubject::Term(key, slug),
                _ => {
                    return Err(Unresolved {
                        message: format!("`{kind}` does not go in a `compare` block"),
                        help: "name `products`, `category`, `categories` or a taxonomy".into(),
                        subject: kind.to_string(),
                    });
                }
            },
            (kind, _) => {
                return Err(Unresolved {
                    message: format!("`{kind}` in a `compare` block takes another kind of value"),
                    help: "write `products: [a, b]`, `categories: [a, b]`, `fields: [...]`, or `category: slug`".into(),
                    subject: kind.to_string(),
                });
            }
        };
        subjects.push(subject);
    }
    let [subject] = <[CompareSubject; 1]>::try_from(subjects).map_err(|_| Unresolved {
        message: "a `compare` block needs exactly one of `products`, `category`, `categories` or a taxonomy's term".into(),
        help: "e.g. `products: [first-product, second-product]`".into(),
        subject: String::new(),
    })?;
    if let Some(fields) = &shown_fields {
        let known: Vec<&str> = site
            .config
            .specs
            .iter()
            .map(|s| s.key.as_str())
            .chain(site.config.taxonomies.iter().map(|t| t.key.as_str()))
            .chain(USAGE_FIELDS)
            .collect();
        if let Some(unknown) = fields.iter().find(|f| !known.contains(&f.as_str())) {
            return Err(Unresolved {
                message: format!("unknown comparison field `{unknown}`"),
                help: suggestion(unknown, known.iter().copied()),
                subject: unknown.clone(),
            });
        }
    }
    Ok(Embed::Compare(CompareSpec {
        subject,
        fields: shown_fields,
    }))
}
