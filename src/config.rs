//! `site.yaml`: parsed as written (`RawConfig`), then validated into a
//! `Config` with defaults applied and paths resolved against the site root.
//!
//! Nothing about skincare lives here: routine steps, reminders and the spec
//! fields products may carry all come from the file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::yaml::Origin;

pub const CONFIG_FILE: &str = "site.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    theme: Option<Spanned<String>>,
    #[serde(default)]
    output: Option<String>,
    #[serde(default)]
    comparison: RawComparison,
    #[serde(default)]
    lists: RawLists,
    routine: RawRoutine,
    #[serde(default)]
    specs: Vec<RawSpec>,
    /// Category pairs that get a `/compare/<a>-vs-<b>/` page.
    #[serde(default)]
    compare: Vec<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComparison {
    side_by_side_max: Option<usize>,
    page_size: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLists {
    page_size: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoutine {
    steps: Vec<Spanned<String>>,
    #[serde(default)]
    reminders: Reminders,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    key: Spanned<String>,
    label: String,
    #[serde(rename = "type")]
    kind: RawSpecType,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    values: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum RawSpecType {
    Text,
    Number,
    Bool,
    Enum,
    List,
}

/// Time of day a product is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Reminders {
    #[serde(default)]
    pub am: Vec<String>,
    #[serde(default)]
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
    pub output_dir: PathBuf,
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
    pub location: crate::diagnostic::Location,
}

impl Config {
    pub fn spec(&self, key: &str) -> Option<&SpecField> {
        self.specs.iter().find(|s| s.key == key)
    }

    /// Parses and validates `site.yaml`.
    pub fn parse(root: &Path, source: SourceFile) -> Result<Config, Diagnostics> {
        let origin = Origin::whole(source);
        let raw: RawConfig = origin
            .parse(&origin.file.text)
            .map_err(|d| Diagnostics(vec![d]))?;
        let mut problems = Diagnostics::default();
        let routine = validate_routine(&origin, raw.routine, &mut problems);
        let specs = validate_specs(&origin, raw.specs, &mut problems);
        let base_url = raw.base_url.value.trim_end_matches('/').to_string();
        let base_path = base_path(&base_url).unwrap_or_else(|| {
            problems.push(
                origin
                    .error(&raw.base_url, "`base_url` is not an absolute http(s) URL")
                    .with_help("write it like `https://example.org` or `https://example.org/docs`"),
            );
            "/".to_string()
        });
        let theme = match raw.theme {
            Some(t) if !is_slug(&t.value) => {
                problems.push(
                    origin
                        .error(&t, format!("theme name `{}` is not a folder name", t.value))
                        .with_help("use lowercase letters, digits and `-`, as in `default`"),
                );
                "default".to_string()
            }
            Some(t) => t.value,
            None => "default".to_string(),
        };
        let category_pairs = raw
            .compare
            .iter()
            .filter_map(|pair| match pair.value.as_slice() {
                [left, right] => Some(CategoryPair {
                    left: left.value.clone(),
                    right: right.value.clone(),
                    location: origin.at(pair),
                }),
                _ => {
                    problems.push(
                        origin
                            .error(pair, "a comparison pair needs exactly two categories")
                            .with_help("write it as `[serum, ampoule]`"),
                    );
                    None
                }
            })
            .collect();
        if problems.has_errors() {
            return Err(problems);
        }
        let output = raw.output.unwrap_or_else(|| "public".to_string());
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title,
            base_url,
            base_path,
            description: raw.description,
            language: raw.language.unwrap_or_else(|| "en".to_string()),
            theme,
            output_dir: root.join(output),
            comparison: ComparisonLayout {
                side_by_side_max: raw.comparison.side_by_side_max.unwrap_or(6),
                page_size: raw.comparison.page_size.unwrap_or(50).max(1),
            },
            list_page_size: raw.lists.page_size.unwrap_or(100).max(1),
            routine,
            specs,
            category_pairs,
            source: origin.file,
        })
    }
}

fn validate_routine(origin: &Origin, raw: RawRoutine, problems: &mut Diagnostics) -> Routine {
    let mut seen = BTreeSet::new();
    let mut steps = Vec::new();
    for step in raw.steps {
        if !is_slug(&step.value) {
            problems.push(
                origin
                    .error(
                        &step,
                        format!("routine step `{}` is not a valid key", step.value),
                    )
                    .with_help("use lowercase letters, digits and `-`, as in `moisturize`"),
            );
        } else if !seen.insert(step.value.clone()) {
            problems.push(
                origin
                    .error(
                        &step,
                        format!("routine step `{}` is listed twice", step.value),
                    )
                    .with_help("each step appears once, in the order of the routine"),
            );
        } else {
            steps.push(Step {
                label: capitalize(&step.value.replace('-', " ")),
                key: step.value,
            });
        }
    }
    if steps.is_empty() && !problems.has_errors() {
        problems.push(
            Diagnostic::error(
                crate::diagnostic::Location::file(&origin.file.path),
                "`routine.steps` is empty",
            )
            .with_help("list the steps in order, e.g. `steps: [cleanse, treat, moisturize]`"),
        );
    }
    Routine {
        steps,
        reminders: raw.reminders,
    }
}

fn validate_specs(
    origin: &Origin,
    raw: Vec<RawSpec>,
    problems: &mut Diagnostics,
) -> Vec<SpecField> {
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
            problems.push(
                origin
                    .error(key, format!("spec key `{}` is not valid", key.value))
                    .with_help("use lowercase letters, digits and `_`, as in `preservative_free`"),
            );
            continue;
        }
        if !seen.insert(key.value.clone()) {
            problems.push(
                origin
                    .error(key, format!("spec `{}` is declared twice", key.value))
                    .with_help("remove one of the two declarations"),
            );
            continue;
        }
        let kind = match (spec.kind, spec.values) {
            (RawSpecType::Enum, Some(values)) if !values.is_empty() => SpecKind::Enum { values },
            (RawSpecType::Enum, _) => {
                problems.push(
                    origin
                        .error(key, format!("enum spec `{}` has no `values`", key.value))
                        .with_help("list the allowed values, e.g. `values: [low, medium, high]`"),
                );
                continue;
            }
            (_, Some(_)) => {
                problems.push(
                    origin
                        .error(
                            key,
                            format!("spec `{}` has `values` but is not an enum", key.value),
                        )
                        .with_help("set `type: enum`, or remove `values`"),
                );
                continue;
            }
            (RawSpecType::Text, None) => SpecKind::Text,
            (RawSpecType::Number, None) => SpecKind::Number { unit: spec.unit },
            (RawSpecType::Bool, None) => SpecKind::Bool,
            (RawSpecType::List, None) => SpecKind::List,
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
