//! A product as the model holds it, and its file checked against the site:
//! its category exists, its terms have names, its specs are declared and of
//! their declared type (`spec`), and its usage names a readable schedule,
//! declared slots and steps.

use std::collections::{BTreeMap, BTreeSet};

use super::guide::not_a_date;
use super::redirects::aliases;
use super::spec::{SpecValue, specs};
use super::term::{TermUse, term_uses};
use super::{Alias, ByKey, Category, Images, Markdown, Slug, image};
use crate::config::{Config, UsageDecl};
use crate::load::{Entry, ImageFiles, RawProduct, RawUsage};
use crate::schedule::{Grammar, Schedule};
use vial_base::diagnostic::{Code, Diagnostic, Location, suggestion};
use vial_yaml::{Origin, Spanned};

/// Where a product goes when it does not sit at its routine step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    First,
    Last,
    After(usize),
    Before(usize),
}

/// What `time: any` is written as, and the key of "any time of day" where
/// slots are keys (filters, the usage card's class).
pub const ANY_TIME: &str = "any";

#[derive(Debug, Clone, PartialEq)]
pub struct Usage {
    pub schedule: Schedule,
    /// Indexes into the declared slots, in their order (empty when the
    /// site has none, or for `any_time`).
    pub slots: Vec<usize>,
    /// `time: any`: used at no particular time of day, on a site that
    /// declares slots.
    pub any_time: bool,
    /// Indexes into the declared steps, in their order.
    pub steps: Vec<usize>,
    pub position: Option<Position>,
    pub instructions: Markdown,
    pub cautions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    pub slug: Slug,
    pub name: String,
    pub category: Slug,
    pub summary: String,
    pub description: Markdown,
    /// Other names and spellings a reader may search for (`aka:`).
    pub aka: Vec<String>,
    /// Old addresses that lead here (`aliases:`).
    pub aliases: Vec<Alias>,
    /// Terms by taxonomy key, in the order written.
    pub terms: ByKey<Box<[TermUse]>>,
    pub specs: ByKey<SpecValue>,
    pub usage: Usage,
    /// When it last changed (YYYY-MM-DD): its `updated`, else the day its
    /// file was modified.
    pub updated: Option<String>,
    pub images: Images,
    /// Links to the shops that sell it, in the order written.
    pub links: Vec<ShopLink>,
    pub location: Location,
    /// The hash of its file (`SourceFile::hash`), to tell an unchanged
    /// file on a rebuild.
    pub source: u64,
}

/// A link to a shop that sells a product (`links:`).
#[derive(Debug, Clone, PartialEq)]
pub struct ShopLink {
    /// The shop's name, or what the link offers.
    pub label: String,
    /// A whole `http` or `https` address.
    pub url: String,
    /// Where `sponsored: true` is written, for a link the site earns from
    /// (an affiliate link); `None` for others.
    pub sponsored: Option<Location>,
}

impl Product {
    /// Whether one of its links earns the site money: its page must say
    /// so.
    pub fn has_sponsored_links(&self) -> bool {
        self.links.iter().any(|l| l.sponsored.is_some())
    }

    /// The product's terms of one taxonomy.
    pub fn terms_of(&self, taxonomy: &str) -> &[TermUse] {
        self.terms.get(taxonomy).map_or(&[], |uses| uses)
    }

    /// `<category>/<slug>`: how the theme's scripts (routine builder,
    /// compare picker) and the links they share name a product, so that
    /// they know which category's data file holds it.
    pub fn key(&self) -> String {
        format!("{}/{}", self.category, self.slug)
    }
}

/// Validates a product against the site. An entry that read with problems
/// (already reported) is checked too, for the problems it has beyond
/// those, and never becomes a product.
pub(super) fn product(
    config: &Config,
    categories: &BTreeMap<Slug, Category>,
    unreadable: &BTreeSet<Slug>,
    files: &ImageFiles,
    grammar: &Grammar,
    entry: &Entry<RawProduct>,
) -> Result<Product, Vec<Diagnostic>> {
    let origin = &entry.origin;
    let raw = &entry.raw;
    let mut problems = Vec::new();
    if let Some(category) = &raw.category
        && !categories.contains_key(&category.value)
        && !unreadable.contains(&category.value)
    {
        problems.push(unknown_category(origin, category, categories));
    }
    if let Some(updated) = &raw.updated {
        problems.extend(not_a_date(origin, updated));
    }
    let terms = raw
        .terms
        .iter()
        .map(|t| {
            (
                t.taxonomy.as_str(),
                term_uses(config, origin, t, &mut problems),
            )
        })
        .collect();
    let specs = specs(config, origin, &raw.specs, &mut problems);
    let usage = raw
        .usage
        .as_ref()
        .and_then(|u| usage(config, grammar, origin, u, &mut problems));
    let images = image::images(origin, &raw.images, files, &mut problems);
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
        aka: raw.aka.clone(),
        aliases: aliases(origin, &raw.aliases),
        terms,
        specs,
        usage,
        updated: raw
            .updated
            .as_ref()
            .map(|u| u.value.clone())
            .or_else(|| origin.file.modified.clone()),
        images,
        links: raw
            .links
            .iter()
            .map(|l| ShopLink {
                label: l.label.value.trim().to_string(),
                url: l.url.value.clone(),
                sponsored: l.sponsored.map(|at| origin.location(at)),
            })
            .collect(),
        location: origin.at(name),
        source: origin.file.hash,
    })
}

/// A warning when products link to shops the site earns from and
/// site.yaml has no words to tell readers so (`links: disclosure`): at
/// the first such product's `sponsored: true`, with how many there are,
/// rather than once per product.
pub(super) fn undisclosed<'p>(
    config: &Config,
    products: impl Iterator<Item = &'p Product>,
) -> Option<Diagnostic> {
    if config.links.disclosure.is_some() {
        return None;
    }
    let mut sponsored = products.filter(|p| p.has_sponsored_links());
    let first = sponsored.next()?;
    let others = sponsored.count();
    let at = first.links.iter().find_map(|l| l.sponsored.clone())?;
    let message = match others {
        0 => "a sponsored link, but site.yaml has no disclosure to show beside it".to_string(),
        n => format!(
            "a sponsored link, but site.yaml has no disclosure to show beside it ({n} more products have sponsored links)"
        ),
    };
    Some(
        Diagnostic::error(Code::NoDisclosure, at, message)
            .with_help(
                "readers must be told when the site earns from a link: add `links:` to site.yaml with `disclosure: …`, a sentence saying how the site earns from such links (until then the theme's short default is shown)",
            )
            .into_warning(),
    )
}

/// A category the product names that is not one of the site's.
fn unknown_category(
    origin: &Origin,
    category: &Spanned<String>,
    categories: &BTreeMap<Slug, Category>,
) -> Diagnostic {
    origin
        .error(
            Code::UnknownCategory,
            category,
            format!("unknown category `{}`", category.value),
        )
        .with_help(format!(
            "{} (categories are the files in content/categories/)",
            suggestion(&category.value, categories.keys().map(String::as_str))
        ))
}

/// How a product is used, checked: a readable schedule, declared slots and
/// steps, a position that names declared steps. Every problem goes into
/// `problems`; `None` when there was one.
fn usage(
    config: &Config,
    grammar: &Grammar,
    origin: &Origin,
    raw: &RawUsage,
    problems: &mut Vec<Diagnostic>,
) -> Option<Usage> {
    let declared = &config.usage;
    let schedule = schedule_of(grammar, origin, raw.frequency.as_ref(), problems);
    let steps = steps_of(declared, origin, &raw.steps, problems);
    let slots = slots_of(declared, raw.time.as_ref(), raw.any_time, origin, problems);
    let position = position_of(config, origin, raw.position.as_ref(), problems);
    Some(Usage {
        schedule: schedule?,
        slots: slots?,
        any_time: raw.any_time,
        steps: steps?,
        position: position?,
        instructions: Markdown::from_yaml_opt(origin, &raw.instructions),
        cautions: raw.cautions.iter().map(|c| c.trim().to_string()).collect(),
    })
}

/// The schedule `frequency` says, if it reads as one.
fn schedule_of(
    grammar: &Grammar,
    origin: &Origin,
    frequency: Option<&Spanned<String>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Schedule> {
    frequency.and_then(|written| match Schedule::parse(&written.value, grammar) {
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
    })
}

/// The declared steps named, as indexes in their order, each once; `None`
/// when one is not declared (each such is reported).
fn steps_of(
    declared: &UsageDecl,
    origin: &Origin,
    named: &[Spanned<String>],
    problems: &mut Vec<Diagnostic>,
) -> Option<Vec<usize>> {
    let mut steps = Vec::new();
    let mut steps_ok = true;
    for written in named {
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
    steps_ok.then_some(steps)
}

/// The slots `time` names, as indexes in their order, each once (unknown
/// ones were reported when the file was read). None is needed when the
/// site declares no slots; an empty list is a problem.
fn slots_of(
    declared: &UsageDecl,
    time: Option<&Spanned<Vec<String>>>,
    raw_any_time: bool,
    origin: &Origin,
    problems: &mut Vec<Diagnostic>,
) -> Option<Vec<usize>> {
    match time {
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
        // No slots declared: products have no time; `time: any`: none.
        None if declared.slots.is_empty() || raw_any_time => Some(Vec::new()),
        None => None,
    }
}

/// Where the product goes in a routine, if `position` says: `Some(None)`
/// when it does not, `None` when it cannot be read (reported).
fn position_of(
    config: &Config,
    origin: &Origin,
    position: Option<&Spanned<String>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Option<Position>> {
    match position {
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
    }
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
