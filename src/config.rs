//! `site.yaml`: parsed as written (`RawConfig`), then validated into a
//! `Config` with defaults applied and paths resolved against the site root.
//!
//! Nothing about skincare lives here: routine steps, reminders and the spec
//! fields products may carry all come from the file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::{Code, Diagnostics, Location, SourceFile};
use crate::yaml::{Fields, Origin, Reader, Spanned};

pub const CONFIG_FILE: &str = "site.yaml";

/// Time of day a product is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeOfDay {
    Am,
    Pm,
}

impl TimeOfDay {
    pub fn label(self) -> &'static str {
        match self {
            TimeOfDay::Am => "Morning",
            TimeOfDay::Pm => "Evening",
        }
    }
}

/// Reminders shown on usage cards for products used at that time of day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reminders {
    pub am: Vec<String>,
    pub pm: Vec<String>,
}

impl Reminders {
    pub fn for_time(&self, time: TimeOfDay) -> &[String] {
        match time {
            TimeOfDay::Am => &self.am,
            TimeOfDay::Pm => &self.pm,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Routine {
    pub steps: Vec<Step>,
    pub reminders: Reminders,
}

impl Routine {
    pub fn step_index(&self, key: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.key == key)
    }

    pub fn step_keys(&self) -> impl Iterator<Item = &str> + Clone {
        self.steps.iter().map(|s| s.key.as_str())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum SpecKind {
    Text,
    Number { unit: Option<String> },
    Bool,
    Enum { values: Vec<String> },
    List,
}

impl SpecKind {
    pub fn name(&self) -> &'static str {
        match self {
            SpecKind::Text => "text",
            SpecKind::Number { .. } => "number",
            SpecKind::Bool => "bool",
            SpecKind::Enum { .. } => "enum",
            SpecKind::List => "list",
        }
    }
}

/// A field products may carry; one column (or row) of a comparison table.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecField {
    pub key: String,
    pub label: String,
    pub kind: SpecKind,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonLayout {
    /// Up to this many products a table gets a column per product.
    pub side_by_side_max: usize,
    /// Rows per page when a table has a row per product.
    pub page_size: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub root: PathBuf,
    pub title: String,
    /// Without a trailing slash.
    pub base_url: String,
    /// The path part of `base_url`, with a trailing slash: every internal
    /// link starts with it, so a site can live below a domain's root.
    pub base_path: String,
    pub description: String,
    pub language: String,
    pub theme: String,
    /// Where site.yaml names the theme, if it does.
    pub theme_location: Option<Location>,
    pub output_dir: PathBuf,
    /// Where site.yaml names the output folder, if it does.
    pub output_location: Option<Location>,
    pub comparison: ComparisonLayout,
    /// Entries per page of the product list and taxonomy pages.
    pub list_page_size: usize,
    pub routine: Routine,
    pub specs: Vec<SpecField>,
    /// Category slug pairs to compare on their own pages.
    pub category_pairs: Vec<CategoryPair>,
    pub source: SourceFile,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CategoryPair {
    pub left: String,
    pub right: String,
    pub location: Location,
}

impl Config {
    pub fn spec(&self, key: &str) -> Option<&SpecField> {
        self.specs.iter().find(|s| s.key == key)
    }

    /// Parses and validates `site.yaml`.
    pub fn parse(root: &Path, source: SourceFile) -> Result<Config, Diagnostics> {
        let origin = Origin::whole(source);
        let (config, problems) = origin.read(&origin.file.text, "site settings", |r, top| {
            read_config(r, top, &origin, root)
        });
        let problems = Diagnostics(problems);
        match config {
            Some(Some(config)) if !problems.has_errors() => Ok(config),
            _ => Err(problems),
        }
    }
}

/// The settings of site.yaml; `None` when a required one is missing.
fn read_config<'t>(
    r: &mut Reader<'t>,
    mut top: Fields<'t>,
    origin: &Origin,
    root: &Path,
) -> Option<Config> {
    let title = top.required_text(r, "title");
    let base_url = top.required_text(r, "base_url");
    let description = top.text(r, "description");
    let language = top.text(r, "language");
    let theme = top.text(r, "theme");
    let output = top.text(r, "output");
    let comparison = top
        .get("comparison")
        .and_then(|f| f.fields(r))
        .map(|mut g| {
            let side = count(r, &mut g, "side_by_side_max");
            let page = count(r, &mut g, "page_size");
            g.finish(r);
            (side, page)
        });
    let list_page_size = top
        .get("lists")
        .and_then(|f| f.fields(r))
        .and_then(|mut g| {
            let page = count(r, &mut g, "page_size");
            g.finish(r);
            page
        });
    let routine = top
        .require(r, "routine")
        .and_then(|f| f.fields(r))
        .map(|g| read_routine(r, g));
    let specs = top
        .get("specs")
        .and_then(|f| f.list(r))
        .unwrap_or_default()
        .iter()
        .filter_map(|item| read_spec(r, item))
        .collect::<Vec<_>>();
    let specs = check_specs(r, specs);
    let category_pairs = top
        .get("compare")
        .and_then(|f| f.list(r))
        .unwrap_or_default()
        .iter()
        .filter_map(|pair| {
            let names = pair.texts(r);
            match names.as_slice() {
                [left, right] => Some(CategoryPair {
                    left: left.value.clone(),
                    right: right.value.clone(),
                    location: origin.location(pair.at()),
                }),
                _ => {
                    r.error(
                        Code::InvalidValue,
                        pair.at(),
                        "a comparison pair needs exactly two categories",
                        "write it as `[serum, ampoule]`",
                    );
                    None
                }
            }
        })
        .collect();
    top.finish(r);
    let base_url_text = base_url?;
    let base_url = base_url_text.value.trim_end_matches('/').to_string();
    let base_path = base_path(&base_url).or_else(|| {
        r.error(
            Code::InvalidValue,
            base_url_text.at,
            "`base_url` is not an absolute http(s) URL",
            "write it like `https://example.org` or `https://example.org/docs`",
        );
        None
    })?;
    let theme_location = theme.as_ref().map(|t| origin.at(t));
    let theme = match theme {
        Some(t) if !is_slug(&t.value) => {
            r.error(
                Code::InvalidValue,
                t.at,
                format!("theme name `{}` is not a folder name", t.value),
                "use lowercase letters, digits and `-`, as in `default`",
            );
            return None;
        }
        Some(t) => t.value,
        None => "default".to_string(),
    };
    let (side_by_side_max, page_size) = comparison.unwrap_or_default();
    Some(Config {
        root: root.to_path_buf(),
        title: title?.value,
        base_url,
        base_path,
        description: description.map(|d| d.value).unwrap_or_default(),
        language: language.map_or_else(|| "en".to_string(), |l| l.value),
        theme,
        theme_location,
        output_location: output.as_ref().map(|o| origin.at(o)),
        output_dir: root.join(output.map_or_else(|| "public".to_string(), |o| o.value)),
        comparison: ComparisonLayout {
            side_by_side_max: side_by_side_max.unwrap_or(6),
            page_size: page_size.unwrap_or(50).max(1),
        },
        list_page_size: list_page_size.unwrap_or(100).max(1),
        routine: routine??,
        specs,
        category_pairs,
        source: origin.file.clone(),
    })
}

/// A whole number of at least 1.
fn count<'t>(r: &mut Reader<'t>, group: &mut Fields<'t>, name: &'t str) -> Option<usize> {
    let n = group.get(name)?.number(r)?;
    if n.value >= 1.0 && n.value.fract() == 0.0 && n.value <= 1e9 {
        return Some(n.value as usize);
    }
    r.error(
        Code::InvalidValue,
        n.at,
        format!("`{name}` is a whole number of at least 1"),
        format!("write, for example, `{name}: 50`"),
    );
    None
}

fn read_routine<'t>(r: &mut Reader<'t>, mut group: Fields<'t>) -> Option<Routine> {
    let steps_field = group.require(r, "steps");
    let reminders = group
        .get("reminders")
        .and_then(|f| f.fields(r))
        .map(|mut g| {
            let texts = |r: &mut Reader<'t>, g: &mut Fields<'t>, name: &'t str| {
                g.get(name)
                    .map(|f| f.texts(r).into_iter().map(|t| t.value).collect())
                    .unwrap_or_default()
            };
            let reminders = Reminders {
                am: texts(r, &mut g, "am"),
                pm: texts(r, &mut g, "pm"),
            };
            g.finish(r);
            reminders
        })
        .unwrap_or_default();
    group.finish(r);
    let steps_field = steps_field?;
    let mut seen = BTreeSet::new();
    let mut steps = Vec::new();
    let mut broken = false;
    for step in steps_field.texts(r) {
        if !is_slug(&step.value) {
            r.error(
                Code::InvalidValue,
                step.at,
                format!("routine step `{}` is not a valid key", step.value),
                "use lowercase letters, digits and `-`, as in `prepare`",
            );
            broken = true;
        } else if !seen.insert(step.value.clone()) {
            r.error(
                Code::InvalidValue,
                step.at,
                format!("routine step `{}` is listed twice", step.value),
                "each step appears once, in the order of the routine",
            );
            broken = true;
        } else {
            steps.push(Step {
                label: capitalize(&step.value.replace('-', " ")),
                key: step.value,
            });
        }
    }
    if steps.is_empty() && !broken {
        r.error(
            Code::MissingField,
            steps_field.at(),
            "`steps` lists no step",
            "list the steps in order, e.g. `steps: [prepare, apply, finish]`",
        );
        return None;
    }
    Some(Routine { steps, reminders })
}

/// One declared spec, as written.
struct RawSpec {
    key: Spanned<String>,
    label: String,
    kind: Spanned<String>,
    unit: Option<String>,
    values: Option<Vec<String>>,
}

fn read_spec<'t>(r: &mut Reader<'t>, item: &crate::yaml::Field<'t>) -> Option<RawSpec> {
    let mut g = item.fields(r)?;
    let key = g.required_text(r, "key");
    let label = g.required_text(r, "label");
    let kind = g
        .require(r, "type")
        .and_then(|f| f.one_of(r, &["text", "number", "bool", "enum", "list"]));
    let unit = g.text(r, "unit").map(|u| u.value);
    let values = g
        .get("values")
        .map(|f| f.texts(r).into_iter().map(|v| v.value).collect());
    g.finish(r);
    Some(RawSpec {
        key: key?,
        label: label?.value,
        kind: kind?,
        unit,
        values,
    })
}

fn check_specs(r: &mut Reader, raw: Vec<RawSpec>) -> Vec<SpecField> {
    let mut seen = BTreeSet::new();
    let mut specs = Vec::new();
    for spec in raw {
        let key = &spec.key;
        if !key
            .value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            || key.value.is_empty()
        {
            r.error(
                Code::InvalidValue,
                key.at,
                format!("spec key `{}` is not valid", key.value),
                "use lowercase letters, digits and `_`, as in `preservative_free`",
            );
            continue;
        }
        if !seen.insert(key.value.clone()) {
            r.error(
                Code::InvalidValue,
                key.at,
                format!("spec `{}` is declared twice", key.value),
                "remove one of the two declarations",
            );
            continue;
        }
        let kind = match (spec.kind.value.as_str(), spec.values) {
            ("enum", Some(values)) if !values.is_empty() => SpecKind::Enum { values },
            ("enum", _) => {
                r.error(
                    Code::MissingField,
                    key.at,
                    format!("enum spec `{}` has no `values`", key.value),
                    "list the allowed values, e.g. `values: [low, medium, high]`",
                );
                continue;
            }
            (_, Some(_)) => {
                r.error(
                    Code::InvalidValue,
                    key.at,
                    format!("spec `{}` has `values` but is not an enum", key.value),
                    "set `type: enum`, or remove `values`",
                );
                continue;
            }
            ("number", None) => SpecKind::Number { unit: spec.unit },
            ("bool", None) => SpecKind::Bool,
            ("list", None) => SpecKind::List,
            _ => SpecKind::Text,
        };
        specs.push(SpecField {
            key: key.value.clone(),
            label: spec.label,
            kind,
        });
    }
    specs
}

/// The path of an absolute http(s) URL, with a trailing slash.
fn base_path(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    if host.is_empty() {
        return None;
    }
    Some(format!("{}/", path.trim_end_matches('/')))
}

/// Slugs name files and URLs: lowercase ASCII letters, digits and `-`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostics> {
        Config::parse(Path::new("/site"), SourceFile::new(CONFIG_FILE, text))
    }

    const MINIMAL: &str =
        "title: T\nbase_url: https://example.org/docs/\nroutine:\n  steps: [cleanse, treat]\n";

    #[test]
    fn defaults_are_applied() {
        let config = parse(MINIMAL).unwrap();
        assert_eq!(config.base_url, "https://example.org/docs");
        assert_eq!(config.base_path, "/docs/");
        assert_eq!(config.theme, "default");
        assert_eq!(config.output_dir, Path::new("/site/public"));
        assert_eq!(config.routine.steps[1].label, "Treat");
    }

    #[test]
    fn enum_spec_without_values_is_an_error() {
        let text =
            format!("{MINIMAL}specs:\n  - key: strength\n    label: Strength\n    type: enum\n");
        let errors = parse(&text).unwrap_err();
        assert_eq!(errors.0.len(), 1);
        assert_eq!(errors.0[0].location.line, 6);
        assert!(errors.0[0].message.contains("has no `values`"));
    }

    #[test]
    fn slugs_are_lowercase_ascii_with_dashes() {
        assert!(is_slug("meso-ampoule-2"));
        assert!(!is_slug("Meso"));
        assert!(!is_slug("a_b"));
        assert!(!is_slug("-a"));
        assert!(!is_slug(""));
    }
}
