//! Content files as written: each kind of file read out of its YAML into a
//! raw value, every problem of the file gathered (see `yaml::read`).
//!
//! Only what one file can tell is checked here: the fields and the kinds of
//! their values. Whether a category exists or a step is declared is
//! `model`'s job.

use super::{FrontMatterProblem, split_front_matter};
use crate::config::TimeOfDay;
use crate::diagnostic::{Code, Diagnostic, SourceFile};
use crate::yaml::{Field, Fields, Origin, Reader, Spanned, Value};

/// A category file as written.
#[derive(Debug)]
pub struct RawCategory {
    pub name: Option<Spanned<String>>,
    pub summary: String,
    pub description: Option<Spanned<String>>,
    pub traits: Vec<RawTrait>,
}

#[derive(Debug)]
pub struct RawTrait {
    pub name: String,
    pub value: String,
}

/// A product file as written. Required fields are `None` when missing
/// (already reported), so the rest can still be checked.
#[derive(Debug)]
pub struct RawProduct {
    pub name: Option<Spanned<String>>,
    pub brand: Option<Spanned<String>>,
    pub category: Option<Spanned<String>>,
    pub summary: String,
    pub description: Option<Spanned<String>>,
    pub actives: Vec<RawActive>,
    pub concerns: Vec<Spanned<String>>,
    /// Spec keys with their values, in the order written.
    pub specs: Vec<(Spanned<String>, Spanned<RawSpecValue>)>,
    pub usage: Option<RawUsage>,
}

#[derive(Debug)]
pub struct RawActive {
    pub name: Spanned<String>,
    pub percent: Option<Spanned<f64>>,
}

/// A spec value as written; its type is checked against the declaration.
#[derive(Debug, Clone, PartialEq)]
pub enum RawSpecValue {
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<String>),
    /// A group of fields: never a valid spec.
    Group,
}

#[derive(Debug)]
pub struct RawUsage {
    pub frequency: Option<Spanned<String>>,
    pub time: Option<Spanned<Vec<TimeOfDay>>>,
    pub step: Option<Spanned<String>>,
    pub position: Option<Spanned<String>>,
    pub instructions: Option<Spanned<String>>,
    pub cautions: Vec<String>,
}

#[derive(Debug)]
pub struct RawFrontMatter {
    pub title: Option<Spanned<String>>,
    pub summary: String,
    pub date: Option<Spanned<String>>,
    pub updated: Option<Spanned<String>>,
    pub author: Option<String>,
    pub concerns: Vec<Spanned<String>>,
    pub products: Vec<Spanned<String>>,
    pub draft: bool,
}

/// An optional file that describes an active or a concern.
#[derive(Debug)]
pub struct RawTermInfo {
    pub name: Option<String>,
    pub what_it_does: Option<String>,
    pub description: Option<Spanned<String>>,
}

#[derive(Debug)]
pub struct RawGuide {
    pub front: RawFrontMatter,
    /// The markdown below the front matter.
    pub body: String,
    /// Lines of the file above the body.
    pub body_line_offset: usize,
}

/// One parsed content file, with the problems reading it found. An entry
/// with problems is still checked against the rest of the site (to report
/// everything at once) but never becomes part of it.
#[derive(Debug)]
pub struct Entry<T> {
    pub slug: String,
    pub origin: Origin,
    pub raw: T,
    pub problems: Vec<Diagnostic>,
}

/// What parsing one file gives: an entry, or the problems that stopped it
/// (unreadable, or not YAML at all).
pub type Parsed<T> = Result<(Origin, T, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Reads a whole YAML file as a `what` with `read`.
fn read_yaml<T>(
    file: SourceFile,
    what: &str,
    read: impl for<'t> FnOnce(&mut Reader<'t>, Fields<'t>) -> T,
) -> Parsed<T> {
    let origin = Origin::whole(file);
    let (raw, problems) = origin.read(&origin.file.text, what, read);
    match raw {
        Some(raw) => Ok((origin, raw, problems)),
        None => Err(problems),
    }
}

pub(super) fn parse_category(file: SourceFile) -> Parsed<RawCategory> {
    read_yaml(file, "category", |r, mut top| {
        let name = top.required_text(r, "name");
        let summary = text_or_empty(top.text(r, "summary"));
        let description = top.text(r, "description");
        let traits = top
            .get("traits")
            .and_then(|f| f.list(r))
            .unwrap_or_default()
            .iter()
            .filter_map(|item| {
                let mut fields = item.fields(r)?;
                let name = fields.required_text(r, "name");
                let value = fields.required_text(r, "value");
                fields.finish(r);
                Some(RawTrait {
                    name: name?.value,
                    value: value?.value,
                })
            })
            .collect();
        top.finish(r);
        RawCategory {
            name,
            summary,
            description,
            traits,
        }
    })
}

/// Reads a product file; public for the benchmarks.
pub fn parse_product(file: SourceFile) -> Parsed<RawProduct> {
    read_yaml(file, "product", |r, mut top| {
        let name = top.required_text(r, "name");
        let brand = top.required_text(r, "brand");
        let category = top.required_text(r, "category");
        let summary = text_or_empty(top.text(r, "summary"));
        let description = top.text(r, "description");
        let actives = top
            .get("actives")
            .and_then(|f| f.list(r))
            .unwrap_or_default()
            .iter()
            .filter_map(|item| active(r, item))
            .collect();
        let concerns = texts(r, top.get("concerns"));
        let specs = top
            .get("specs")
            .and_then(|f| f.fields(r))
            .map(|mut group| {
                let specs = group
                    .entries()
                    .iter()
                    .map(|e| {
                        let key = Spanned {
                            value: e.key.name.clone(),
                            at: e.key.at,
                        };
                        let value = Spanned {
                            value: spec_value(&e.value.value),
                            at: e.value.at,
                        };
                        (key, value)
                    })
                    .collect();
                group.finish(r);
                specs
            })
            .unwrap_or_default();
        let usage = top
            .require(r, "usage")
            .and_then(|f| f.fields(r))
            .map(|group| usage(r, group));
        top.finish(r);
        RawProduct {
            name,
            brand,
            category,
            summary,
            description,
            actives,
            concerns,
            specs,
            usage,
        }
    })
}

fn active<'t>(r: &mut Reader<'t>, item: &Field<'t>) -> Option<RawActive> {
    // An active is a name, or a name with its strength.
    if let Value::Scalar(_) = item.node.value {
        return item.text(r).map(|name| RawActive {
            name,
            percent: None,
        });
    }
    let mut fields = item.fields(r)?;
    let name = fields.required_text(r, "name");
    let percent = fields.get("percent").and_then(|f| f.number(r));
    fields.finish(r);
    Some(RawActive {
        name: name?,
        percent,
    })
}

fn usage<'t>(r: &mut Reader<'t>, mut group: Fields<'t>) -> RawUsage {
    let frequency = group.required_text(r, "frequency");
    let time = group.require(r, "time").and_then(|field| {
        let items = field.list(r)?;
        let times: Vec<TimeOfDay> = items
            .iter()
            .filter_map(|item| item.one_of(r, &["am", "pm"]))
            .map(|t| match t.value.as_str() {
                "am" => TimeOfDay::Am,
                _ => TimeOfDay::Pm,
            })
            .collect();
        // An unknown time is reported; an "empty" list would say it twice.
        if times.len() < items.len() {
            return None;
        }
        Some(Spanned {
            value: times,
            at: field.at(),
        })
    });
    let step = group.required_text(r, "step");
    let position = group.text(r, "position");
    let instructions = group.text(r, "instructions");
    let cautions = texts(r, group.get("cautions"))
        .into_iter()
        .map(|c| c.value)
        .collect();
    group.finish(r);
    RawUsage {
        frequency,
        time,
        step,
        position,
        instructions,
        cautions,
    }
}

/// A spec value as written; whether it fits its declaration is checked
/// against site.yaml later.
fn spec_value(value: &Value) -> RawSpecValue {
    match value {
        Value::Empty => RawSpecValue::Text(String::new()),
        Value::Scalar(s) => match (s.style, s.text.as_str()) {
            (crate::yaml::Style::Plain, t) if t.eq_ignore_ascii_case("true") => {
                RawSpecValue::Bool(true)
            }
            (crate::yaml::Style::Plain, t) if t.eq_ignore_ascii_case("false") => {
                RawSpecValue::Bool(false)
            }
            (crate::yaml::Style::Plain, t) => crate::yaml::read::parse_number(t)
                .map_or_else(|| RawSpecValue::Text(t.to_string()), RawSpecValue::Number),
            (_, t) => RawSpecValue::Text(t.to_string()),
        },
        Value::List(items) => RawSpecValue::List(
            items
                .iter()
                .filter_map(|n| match &n.value {
                    Value::Scalar(s) => Some(s.text.clone()),
                    _ => None,
                })
                .collect(),
        ),
        Value::Map(_) => RawSpecValue::Group,
    }
}

pub(super) fn parse_term_info(file: SourceFile) -> Parsed<RawTermInfo> {
    read_yaml(file, "description", |r, mut top| {
        let info = RawTermInfo {
            name: top.text(r, "name").map(|t| t.value),
            what_it_does: top.text(r, "what_it_does").map(|t| t.value),
            description: top.text(r, "description"),
        };
        top.finish(r);
        info
    })
}

pub(super) fn parse_guide(file: SourceFile) -> Parsed<RawGuide> {
    let split = split_front_matter(&file.text).map_err(|problem| {
        let (message, help) = match problem {
            FrontMatterProblem::Missing => (
                "guide has no front matter",
                "start the file with a line `---`, then `title: ...`, then a closing `---`",
            ),
            FrontMatterProblem::NotClosed => (
                "front matter is not closed",
                "add a line with only `---` after the last front matter field",
            ),
        };
        vec![
            file.error(Code::FrontMatter, file.location(1, 1), message)
                .with_help(help),
        ]
    })?;
    let origin = Origin {
        line_offset: split.yaml_line_offset,
        file: file.clone(),
    };
    let (front, problems) = origin.read(split.yaml, "front matter", |r, mut top| {
        let front = RawFrontMatter {
            title: top.required_text(r, "title"),
            summary: text_or_empty(top.text(r, "summary")),
            date: top.text(r, "date"),
            updated: top.text(r, "updated"),
            author: top.text(r, "author").map(|t| t.value),
            concerns: texts(r, top.get("concerns")),
            products: texts(r, top.get("products")),
            draft: top.get("draft").and_then(|f| f.bool(r)).unwrap_or(false),
        };
        top.finish(r);
        front
    });
    let Some(front) = front else {
        return Err(problems);
    };
    let guide = RawGuide {
        front,
        body: split.body.to_string(),
        body_line_offset: split.body_line_offset,
    };
    Ok((origin, guide, problems))
}

fn text_or_empty(text: Option<Spanned<String>>) -> String {
    text.map(|t| t.value).unwrap_or_default()
}

fn texts<'t>(r: &mut Reader<'t>, field: Option<Field<'t>>) -> Vec<Spanned<String>> {
    field.map(|f| f.texts(r)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRODUCT: &str = include_str!("../../content/products/meso-ampoule.yaml");
    const GUIDE: &str = include_str!("../../content/guides/ampoules-in-your-routine.md");
    const SITE: &str = include_str!("../../site.yaml");

    /// A small deterministic generator, so a failure reproduces.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 as usize
        }
    }

    /// `text` with a few characters inserted, deleted or replaced by ones
    /// that matter to YAML.
    fn mutate(text: &str, rng: &mut Rng) -> String {
        const PIECES: [&str; 16] = [
            ":", " ", "\t", "\n", "-", "[", "]", "{", "}", "'", "\"", "&a ", "*a", "#", "é", "|\n",
        ];
        let mut chars: Vec<char> = text.chars().collect();
        for _ in 0..1 + rng.next() % 4 {
            let at = rng.next() % (chars.len() + 1);
            match rng.next() % 3 {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                _ => {
                    let piece = PIECES[rng.next() % PIECES.len()];
                    for (i, c) in piece.chars().enumerate() {
                        chars.insert((at + i).min(chars.len()), c);
                    }
                }
            }
        }
        chars.into_iter().collect()
    }

    #[test]
    fn mutated_files_never_panic_and_every_problem_has_a_line() {
        // VIAL_FUZZ_ROUNDS=200000 for a longer run.
        let rounds = std::env::var("VIAL_FUZZ_ROUNDS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(3000);
        let mut rng = Rng(0x5eed_1234_abcd_9876);
        for _ in 0..rounds {
            let mutated = mutate(PRODUCT, &mut rng);
            let problems = match parse_product(SourceFile::new("p.yaml", mutated.as_str())) {
                Ok((_, _, problems)) | Err(problems) => problems,
            };
            for d in problems {
                assert!(d.location.has_line(), "{d}\nin:\n{mutated}");
            }
            let mutated = mutate(SITE, &mut rng);
            let file = SourceFile::new("site.yaml", mutated.as_str());
            if let Err(problems) = crate::config::Config::parse(std::path::Path::new("/s"), file) {
                for d in problems {
                    assert!(d.location.has_line(), "{d}\nin:\n{mutated}");
                }
            }
            let mutated = mutate(GUIDE, &mut rng);
            let problems = match parse_guide(SourceFile::new("g.md", mutated.as_str())) {
                Ok((_, _, problems)) | Err(problems) => problems,
            };
            for d in problems {
                assert!(d.location.has_line(), "{d}\nin:\n{mutated}");
            }
        }
    }
}
