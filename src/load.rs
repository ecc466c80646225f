//! The only stage that reads the disk: walks `content/`, the theme and the
//! site's `templates/` and `static/`, and parses every YAML file and guide
//! front matter into raw values that keep their source positions.
//!
//! Nothing is validated against anything else here (that is `model`'s job);
//! only what a single file can tell: YAML syntax and shape, front matter
//! fences, file names that are not slugs, and two files with one slug.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;
use walkdir::WalkDir;

use crate::config::{Config, TimeOfDay, is_slug};
use crate::diagnostic::{Diagnostic, Diagnostics, Location, SourceFile};
use crate::theme;
use crate::yaml::Origin;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCategory {
    pub name: Spanned<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    #[serde(default)]
    pub traits: Vec<RawTrait>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTrait {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProduct {
    pub name: Spanned<String>,
    pub brand: Spanned<String>,
    pub category: Spanned<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    #[serde(default)]
    pub actives: Vec<RawActive>,
    #[serde(default)]
    pub concerns: Vec<Spanned<String>>,
    #[serde(default)]
    pub specs: BTreeMap<String, Spanned<RawSpecValue>>,
    pub usage: RawUsage,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActive {
    pub name: Spanned<String>,
    #[serde(default)]
    pub percent: Option<Spanned<f64>>,
}

/// A spec value as written; its type is checked against the declaration.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum RawSpecValue {
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUsage {
    pub frequency: Spanned<String>,
    pub time: Spanned<Vec<TimeOfDay>>,
    pub step: Spanned<String>,
    #[serde(default)]
    pub position: Option<Spanned<String>>,
    #[serde(default)]
    pub instructions: Option<Spanned<String>>,
    #[serde(default)]
    pub cautions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub title: Spanned<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub date: Option<Spanned<String>>,
    #[serde(default)]
    pub updated: Option<Spanned<String>>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub concerns: Vec<Spanned<String>>,
    #[serde(default)]
    pub products: Vec<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
}

/// An optional file that describes an active or a concern.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTermInfo {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub what_it_does: Option<String>,
    #[serde(default)]
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

/// One parsed content file.
#[derive(Debug)]
pub struct Entry<T> {
    pub slug: String,
    pub origin: Origin,
    pub raw: T,
}

/// A template by the name tera knows it (`product.html`), with its file.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub name: String,
    pub file: SourceFile,
}

/// A file copied as is into the output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum StaticFile {
    /// A file on disk, at an absolute path.
    Disk { from: PathBuf, to: PathBuf },
    /// A file of the theme built into vial.
    Builtin { bytes: &'static [u8], to: PathBuf },
}

impl StaticFile {
    pub fn target(&self) -> &Path {
        match self {
            StaticFile::Disk { to, .. } | StaticFile::Builtin { to, .. } => to,
        }
    }
}

#[derive(Debug, Default)]
pub struct Sources {
    pub categories: Vec<Entry<RawCategory>>,
    pub products: Vec<Entry<RawProduct>>,
    pub guides: Vec<Entry<RawGuide>>,
    pub actives: Vec<Entry<RawTermInfo>>,
    pub concerns: Vec<Entry<RawTermInfo>>,
    /// Theme templates with the site's overrides already applied.
    pub templates: Vec<TemplateSource>,
    pub static_files: Vec<StaticFile>,
    /// Slugs of content files that exist but could not be read or parsed:
    /// references to them are not reported again as unknown.
    pub unreadable: BTreeSet<String>,
}

/// Reads a file under `root` into a `SourceFile` named by its relative path.
pub fn read_source(root: &Path, relative: &Path) -> Result<SourceFile, Diagnostic> {
    let text = std::fs::read_to_string(root.join(relative)).map_err(|e| {
        let help = match e.kind() {
            std::io::ErrorKind::NotFound if relative == Path::new(crate::config::CONFIG_FILE) => {
                "run `vial build` in a site folder, pass `--root DIR`, or create one with `vial init DIR`"
            }
            std::io::ErrorKind::InvalidData => "save the file as UTF-8",
            _ => "check that the file exists and is readable",
        };
        Diagnostic::error(Location::file(relative), format!("cannot read file: {e}")).with_help(help)
    })?;
    Ok(SourceFile::new(relative, text))
}

/// Loads everything the site is made of. Files with problems are left out
/// and every problem is returned beside what did load, so later stages can
/// report theirs in the same run.
pub fn load(config: &Config) -> (Sources, Diagnostics) {
    let root = &config.root;
    let mut problems = Diagnostics::default();
    let mut unreadable = BTreeSet::new();
    const YAML: &[&str] = &["yaml", "yml"];
    let (p, u) = (&mut problems, &mut unreadable);
    let categories = load_entries(root, "content/categories", YAML, p, u, parse_yaml);
    let products = load_entries(root, "content/products", YAML, p, u, parse_yaml);
    let actives = load_entries(root, "content/actives", YAML, p, u, parse_yaml);
    let concerns = load_entries(root, "content/concerns", YAML, p, u, parse_yaml);
    let guides = load_entries(root, "content/guides", &["md"], p, u, parse_guide);
    let templates = load_templates(config, &mut problems);
    let static_files = list_static(config);
    let sources = Sources {
        categories,
        products,
        guides,
        actives,
        concerns,
        templates,
        static_files,
        unreadable,
    };
    (sources, problems)
}

fn parse_yaml<T: DeserializeOwned>(file: SourceFile) -> Result<(Origin, T), Diagnostic> {
    let origin = Origin::whole(file);
    let raw = origin.parse(&origin.file.text)?;
    Ok((origin, raw))
}

fn parse_guide(file: SourceFile) -> Result<(Origin, RawGuide), Diagnostic> {
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
        file.error(file.location(1, 1), message).with_help(help)
    })?;
    let origin = Origin {
        line_offset: split.yaml_line_offset,
        file: file.clone(),
    };
    let front: RawFrontMatter = origin.parse(split.yaml)?;
    let guide = RawGuide {
        front,
        body: split.body.to_string(),
        body_line_offset: split.body_line_offset,
    };
    Ok((origin, guide))
}

#[derive(Debug, PartialEq, Eq)]
pub struct FrontMatterSplit<'a> {
    pub yaml: &'a str,
    pub yaml_line_offset: usize,
    pub body: &'a str,
    pub body_line_offset: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub enum FrontMatterProblem {
    Missing,
    NotClosed,
}

/// Splits `---` fenced YAML front matter from the markdown body.
pub fn split_front_matter(text: &str) -> Result<FrontMatterSplit<'_>, FrontMatterProblem> {
    let text_start = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - text_start.len();
    let mut lines = text_start.split_inclusive('\n');
    let first = lines.next().ok_or(FrontMatterProblem::Missing)?;
    if first.trim_end() != "---" {
        return Err(FrontMatterProblem::Missing);
    }
    let yaml_start = bom + first.len();
    let mut offset = yaml_start;
    for (line_number, line) in (2..).zip(lines) {
        if line.trim_end() == "---" {
            return Ok(FrontMatterSplit {
                yaml: &text[yaml_start..offset],
                yaml_line_offset: 1,
                body: &text[offset + line.len()..],
                body_line_offset: line_number,
            });
        }
        offset += line.len();
    }
    Err(FrontMatterProblem::NotClosed)
}

/// A content file that could not be loaded: its slug and why.
type Failed = (String, Diagnostic);

/// Files of one content folder, parsed in parallel, with slug checks.
fn load_entries<T: Send>(
    root: &Path,
    folder: &str,
    extensions: &[&str],
    problems: &mut Diagnostics,
    unreadable: &mut BTreeSet<String>,
    parse: fn(SourceFile) -> Result<(Origin, T), Diagnostic>,
) -> Vec<Entry<T>> {
    let files = list_files(&root.join(folder), extensions);
    // A failure keeps its slug, so references to the file are not reported
    // as unknown on top of the file's own problem.
    let results: Vec<Result<Entry<T>, Box<Failed>>> = files
        .par_iter()
        .map(|absolute| {
            let relative = absolute.strip_prefix(root).unwrap_or(absolute);
            let slug = slug_of(relative);
            let failed = |d| Box::new((slug.clone(), d));
            let file = read_source(root, relative).map_err(failed)?;
            let (origin, raw) = parse(file).map_err(failed)?;
            Ok(Entry { slug, origin, raw })
        })
        .collect();
    let mut entries: Vec<Entry<T>> = Vec::new();
    let mut by_slug: BTreeMap<String, PathBuf> = BTreeMap::new();
    for result in results {
        match result {
            Err(failure) => {
                let (slug, d) = *failure;
                unreadable.insert(slug);
                problems.push(d);
            }
            Ok(entry) => {
                let path = &entry.origin.file.path;
                if !is_slug(&entry.slug) {
                    problems.push(
                        Diagnostic::error(
                            Location::file(path),
                            format!("file name `{}` is not a valid slug", entry.slug),
                        )
                        .with_help(format!(
                            "rename the file to `{}` (lowercase letters, digits and `-`)",
                            crate::model::slugify(&entry.slug)
                        )),
                    );
                } else if let Some(first) = by_slug.get(&entry.slug) {
                    problems.push(
                        Diagnostic::error(
                            Location::file(path),
                            format!(
                                "duplicate slug `{}`: {} has it too",
                                entry.slug,
                                first.display()
                            ),
                        )
                        .with_help("rename one of the two files; the file name is the slug"),
                    );
                } else {
                    by_slug.insert(entry.slug.clone(), path.clone());
                    entries.push(entry);
                }
            }
        }
    }
    entries
}

fn slug_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Files under `dir` with one of `extensions`, sorted; editor temp files and
/// hidden files are skipped.
fn list_files(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name().to_string_lossy().as_ref()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            extensions.is_empty()
                || p.extension()
                    .is_some_and(|ext| extensions.iter().any(|x| ext == *x))
        })
        .collect();
    files.sort();
    files
}

/// Hidden files and the temp files editors leave beside the ones they save.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

fn load_templates(config: &Config, problems: &mut Diagnostics) -> Vec<TemplateSource> {
    let mut by_name: BTreeMap<String, TemplateSource> = BTreeMap::new();
    let theme_dir = config.root.join("themes").join(&config.theme);
    if theme_dir.is_dir() {
        read_templates(
            &config.root,
            &theme_dir.join("templates"),
            &mut by_name,
            problems,
        );
    } else if config.theme == theme::DEFAULT {
        for (name, text) in theme::TEMPLATES {
            let file = SourceFile::new(format!("(built-in theme)/templates/{name}"), *text);
            by_name.insert(
                name.to_string(),
                TemplateSource {
                    name: name.to_string(),
                    file,
                },
            );
        }
    } else {
        problems.push(
            config
                .source
                .error(
                    config.source.location(1, 1),
                    format!("theme `{}` not found", config.theme),
                )
                .with_help(format!(
                    "create `themes/{}/templates/`, or set `theme: default`",
                    config.theme
                )),
        );
    }
    // The site's own templates replace the theme's, file by file.
    read_templates(
        &config.root,
        &config.root.join("templates"),
        &mut by_name,
        problems,
    );
    by_name.into_values().collect()
}

fn read_templates(
    root: &Path,
    dir: &Path,
    by_name: &mut BTreeMap<String, TemplateSource>,
    problems: &mut Diagnostics,
) {
    for absolute in list_files(dir, &["html", "xml", "txt"]) {
        let name = absolute
            .strip_prefix(dir)
            .unwrap_or(&absolute)
            .to_string_lossy()
            .replace('\\', "/");
        let relative = absolute.strip_prefix(root).unwrap_or(&absolute);
        match read_source(root, relative) {
            Ok(file) => {
                by_name.insert(name.clone(), TemplateSource { name, file });
            }
            Err(d) => problems.push(d),
        }
    }
}

fn list_static(config: &Config) -> Vec<StaticFile> {
    let mut by_target: BTreeMap<PathBuf, StaticFile> = BTreeMap::new();
    let theme_dir = config.root.join("themes").join(&config.theme);
    if theme_dir.is_dir() {
        add_static_dir(&theme_dir.join("static"), &mut by_target);
    } else if config.theme == theme::DEFAULT {
        for (name, bytes) in theme::STATIC {
            let to = PathBuf::from(name);
            by_target.insert(to.clone(), StaticFile::Builtin { bytes, to });
        }
    }
    add_static_dir(&config.root.join("static"), &mut by_target);
    by_target.into_values().collect()
}

fn add_static_dir(dir: &Path, by_target: &mut BTreeMap<PathBuf, StaticFile>) {
    for from in list_files(dir, &[]) {
        let to = from.strip_prefix(dir).unwrap_or(&from).to_path_buf();
        by_target.insert(to.clone(), StaticFile::Disk { from, to });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_from_the_body() {
        let split = split_front_matter("---\ntitle: A\n---\n# Body\n").unwrap();
        assert_eq!(split.yaml, "title: A\n");
        assert_eq!(split.body, "# Body\n");
        assert_eq!(split.body_line_offset, 3);
    }

    #[test]
    fn unclosed_or_missing_front_matter_is_reported() {
        assert_eq!(
            split_front_matter("---\ntitle: A\n# Body\n"),
            Err(FrontMatterProblem::NotClosed)
        );
        assert_eq!(
            split_front_matter("# Body\n"),
            Err(FrontMatterProblem::Missing)
        );
        assert_eq!(split_front_matter(""), Err(FrontMatterProblem::Missing));
    }

    #[test]
    fn editor_temp_files_are_ignored() {
        for name in [".#a.md", "a.md~", ".a.md.swp", "4913"] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("a.md"));
    }
}
