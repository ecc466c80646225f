//! Content files as written: each kind of file read out of its YAML into a
//! raw value, every problem of the file gathered (see `yaml::read`).
//!
//! Only what one file can tell is checked here: the fields and the kinds of
//! their values. Whether a category exists or a step is declared is
//! `model`'s job.

use std::path::{Component, Path, PathBuf};

use super::{FrontMatterProblem, split_front_matter};
use crate::config::Config;
use vial_base::diagnostic::{Code, Diagnostic, SourceFile};
use vial_yaml::{Field, Fields, Origin, Reader, Spanned, Value};

/// What a site's product files and guide front matter may hold beyond the
/// fields every site has: its taxonomies and time slots.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shape {
    pub taxonomies: Vec<TaxonomyShape>,
    /// Slot keys; none means products have no `time`.
    pub slots: Vec<String>,
    /// Whether the site declares routine steps.
    pub steps: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxonomyShape {
    pub key: String,
    pub single: bool,
    pub required: bool,
    pub guides: bool,
    /// The field a term's number is written in, if terms carry one.
    pub strength: Option<String>,
}

impl Shape {
    pub fn of(config: &Config) -> Shape {
        Shape {
            taxonomies: config
                .taxonomies
                .iter()
                .map(|t| TaxonomyShape {
                    key: t.key.clone(),
                    single: t.single,
                    required: t.required,
                    guides: t.guides,
                    strength: t.strength.as_ref().map(|s| s.field.clone()),
                })
                .collect(),
            slots: config.usage.slots.iter().map(|s| s.key.clone()).collect(),
            steps: !config.usage.steps.is_empty(),
        }
    }
}

/// A category file as written.
#[derive(Debug)]
pub struct RawCategory {
    pub name: Option<Spanned<String>>,
    pub summary: String,
    pub description: Option<Spanned<String>>,
    pub traits: Vec<RawTrait>,
    pub images: RawImages,
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
    pub category: Option<Spanned<String>>,
    /// When the product's page last changed in substance (YYYY-MM-DD).
    pub updated: Option<Spanned<String>>,
    pub summary: String,
    pub description: Option<Spanned<String>>,
    /// The terms of each declared taxonomy the file names.
    pub terms: Vec<RawTerms>,
    /// Spec keys with their values, in the order written.
    pub specs: Vec<(Spanned<String>, Spanned<RawSpecValue>)>,
    pub usage: Option<RawUsage>,
    pub images: RawImages,
}

/// The `image:` and `images:` of a product, category or guide.
#[derive(Debug, Default)]
pub struct RawImages {
    pub main: Option<RawImage>,
    /// The gallery, in the order written.
    pub gallery: Vec<RawImage>,
}

impl RawImages {
    /// The main image, then the gallery.
    pub fn iter(&self) -> impl Iterator<Item = &RawImage> {
        self.main.iter().chain(&self.gallery)
    }
}

/// An image as a content file names it: `{src, alt}`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawImage {
    /// As written, relative to the content file.
    pub src: Spanned<String>,
    /// The file it names, relative to the site root; `None` when `src`
    /// cannot name an image of the site (already reported).
    pub path: Option<PathBuf>,
    /// `None` when missing (already reported).
    pub alt: Option<String>,
}

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
    /// Slot keys, already checked against the declared slots.
    pub time: Option<Spanned<Vec<String>>>,
    /// One step or several, as written.
    pub steps: Vec<Spanned<String>>,
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
    /// Terms of the taxonomies guides may carry.
    pub terms: Vec<RawTerms>,
    pub products: Vec<Spanned<String>>,
    pub draft: bool,
    pub images: RawImages,
}

/// An optional file that describes a taxonomy's term.
#[derive(Debug)]
pub struct RawTermInfo {
    pub name: Option<String>,
    pub what_it_does: Option<String>,
    pub description: Option<Spanned<String>>,
}

#[derive(Debug)]
pub struct RawGuide {
    pub front: RawFrontMatter,
    /// Where the markdown below the front matter lies in the file's text
    /// (`Entry::body`): a copy beside the text held every guide twice
    /// until the model was made.
    pub body: std::ops::Range<usize>,
    /// Lines of the file above the body.
    pub body_line_offset: usize,
}

/// A written verdict of a category-versus-category page
/// (`content/compare/<left>-vs-<right>.md`): optional front matter with a
/// `summary`, then markdown.
#[derive(Debug)]
pub struct RawVerdict {
    pub summary: String,
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

impl Entry<RawGuide> {
    /// The markdown below the front matter.
    pub fn body(&self) -> &str {
        &self.origin.file.text[self.raw.body.clone()]
    }
}

/// What parsing one file gives: an entry, or the problems that stopped it
/// (unreadable, or not YAML at all).
pub type Parsed<T> = Result<(Origin, T, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Reads a whole YAML file as a `what` with `read`.
fn read_yaml<T>(
    file: SourceFile,
    what: &'static str,
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
    let path = file.path.clone();
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
        let images = images(r, &mut top, &path);
        top.finish(r);
        RawCategory {
            name,
            summary,
            description,
            traits,
            images,
        }
    })
}

/// Reads a product file of a site of `shape`; public for the benchmarks.
pub fn parse_product(shape: &Shape, file: SourceFile) -> Parsed<RawProduct> {
    let path = file.path.clone();
    read_yaml(file, "product", |r, mut top| {
        let name = top.required_text(r, "name");
        let category = top.required_text(r, "category");
        let updated = top.text(r, "updated");
        let summary = text_or_empty(top.text(r, "summary"));
        let description = top.text(r, "description");
        let terms = shape
            .taxonomies
            .iter()
            .filter_map(|t| taxonomy_terms(r, &mut top, t))
            .collect();
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
            .map(|group| usage(r, group, shape));
        let images = images(r, &mut top, &path);
        top.finish(r);
        RawProduct {
            name,
            category,
            updated,
            summary,
            description,
            terms,
            specs,
            usage,
            images,
        }
    })
}

/// The terms a file gives the taxonomy `t`: one name for a `single` one, a
/// list of names (or of `{name, <strength>}`) for the others.
fn taxonomy_terms<'t>(
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

fn usage<'t>(r: &mut Reader<'t>, mut group: Fields<'t>, shape: &Shape) -> RawUsage {
    let frequency = group.required_text(r, "frequency");
    let time = if shape.slots.is_empty() {
        undeclared(r, &mut group, "time", "time slots (`usage.slots`)");
        None
    } else {
        group.require(r, "time").and_then(|field| {
            let allowed: Vec<&str> = shape.slots.iter().map(String::as_str).collect();
            let items = field.list(r)?;
            let slots: Vec<String> = items
                .iter()
                .filter_map(|item| item.one_of(r, &allowed))
                .map(|t| t.value)
                .collect();
            // An unknown slot is reported; an "empty" list would say it twice.
            if slots.len() < items.len() {
                return None;
            }
            Some(Spanned {
                value: slots,
                at: field.at(),
            })
        })
    };
    let steps = if shape.steps {
        match group.get("step") {
            Some(field) if matches!(field.node.value, Value::List(_)) => field.texts(r),
            Some(field) => field.text(r).into_iter().collect(),
            None => Vec::new(),
        }
    } else {
        undeclared(r, &mut group, "step", "routine steps (`usage.steps`)");
        Vec::new()
    };
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
        steps,
        position,
        instructions,
        cautions,
    }
}

/// A field the site has not declared what it needs for: reported once, in
/// words that say what to declare.
fn undeclared<'t>(r: &mut Reader<'t>, group: &mut Fields<'t>, name: &'static str, what: &str) {
    if let Some(field) = group.get(name) {
        r.error(
            Code::UnknownField,
            field.at(),
            format!("`{name}` is not used on this site: site.yaml declares no {what}"),
            format!("remove `{name}`, or declare {what} in site.yaml"),
        );
    }
}

/// A spec value as written; whether it fits its declaration is checked
/// against site.yaml later.
fn spec_value(value: &Value) -> RawSpecValue {
    match value {
        Value::Empty => RawSpecValue::Text(String::new()),
        Value::Scalar(s) => match (s.style, s.text.as_str()) {
            (vial_yaml::Style::Plain, t) if t.eq_ignore_ascii_case("true") => {
                RawSpecValue::Bool(true)
            }
            (vial_yaml::Style::Plain, t) if t.eq_ignore_ascii_case("false") => {
                RawSpecValue::Bool(false)
            }
            (vial_yaml::Style::Plain, t) => vial_yaml::read::parse_number(t)
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

pub(super) fn parse_guide(shape: &Shape, file: SourceFile) -> Parsed<RawGuide> {
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
            terms: shape
                .taxonomies
                .iter()
                .filter(|t| t.guides)
                .filter_map(|t| {
                    // A guide is filed under terms: always a list, no strengths.
                    let field = top.get(t.key.clone())?;
                    let terms = field
                        .texts(r)
                        .into_iter()
                        .map(|name| RawTerm {
                            name,
                            strength: None,
                        })
                        .collect();
                    Some(RawTerms {
                        taxonomy: t.key.clone(),
                        terms,
                    })
                })
                .collect(),
            products: texts(r, top.get("products")),
            draft: top.get("draft").and_then(|f| f.bool(r)).unwrap_or(false),
            images: images(r, &mut top, &file.path),
        };
        top.finish(r);
        front
    });
    let Some(front) = front else {
        return Err(problems);
    };
    let body_start = split.body.as_ptr() as usize - file.text.as_ptr() as usize;
    let guide = RawGuide {
        front,
        body: body_start..body_start + split.body.len(),
        body_line_offset: split.body_line_offset,
    };
    Ok((origin, guide, problems))
}

pub(super) fn parse_verdict(file: SourceFile) -> Parsed<RawVerdict> {
    let whole = |file: &SourceFile| Origin {
        line_offset: 0,
        file: file.clone(),
    };
    let split = match split_front_matter(&file.text) {
        Ok(split) => split,
        // Front matter is optional: the whole file is the verdict.
        Err(FrontMatterProblem::Missing) => {
            let verdict = RawVerdict {
                summary: String::new(),
                body: file.text.to_string(),
                body_line_offset: 0,
            };
            return Ok((whole(&file), verdict, Vec::new()));
        }
        Err(FrontMatterProblem::NotClosed) => {
            return Err(vec![
                file.error(
                    Code::FrontMatter,
                    file.location(1, 1),
                    "front matter is not closed",
                )
                .with_help("add a line with only `---` after the last front matter field"),
            ]);
        }
    };
    let origin = Origin {
        line_offset: split.yaml_line_offset,
        file: file.clone(),
    };
    let (summary, problems) = origin.read(split.yaml, "front matter", |r, mut top| {
        let summary = text_or_empty(top.text(r, "summary"));
        top.finish(r);
        summary
    });
    let Some(summary) = summary else {
        return Err(problems);
    };
    let verdict = RawVerdict {
        summary,
        body: split.body.to_string(),
        body_line_offset: split.body_line_offset,
    };
    Ok((origin, verdict, problems))
}

/// The `image:` (one `{src, alt}`) and `images:` (a list of them) of a
/// content file at `file`.
fn images<'t>(r: &mut Reader<'t>, top: &mut Fields<'t>, file: &Path) -> RawImages {
    let main = top
        .get("image")
        .and_then(|field| image(r, &field, "`image`", file));
    let gallery = top
        .get("images")
        .and_then(|field| field.list(r))
        .unwrap_or_default()
        .iter()
        .filter_map(|item| image(r, item, "this image of `images`", file))
        .collect();
    RawImages { main, gallery }
}

/// One `{src, alt}`; `what` names it in messages. Alt text is required:
/// there is no short form without it.
fn image<'t>(r: &mut Reader<'t>, field: &Field<'t>, what: &str, file: &Path) -> Option<RawImage> {
    if let Value::Scalar(s) = &field.node.value {
        r.error(
            Code::WrongType,
            field.at(),
            format!("{what} needs a `src` and an `alt` text"),
            format!(
                "write `{{src: {}, alt: …}}`, the alt text saying what the picture shows",
                s.text
            ),
        );
        return None;
    }
    let mut fields = field.fields(r)?;
    let src = fields.required_text(r, "src");
    let alt = match fields.get("alt") {
        None => {
            r.error(
                Code::MissingField,
                fields.at(),
                format!("{what} has no `alt` text"),
                ALT_HELP,
            );
            None
        }
        Some(alt) => match alt.text(r) {
            Some(text) if !text.value.trim().is_empty() => Some(text.value.trim().to_string()),
            Some(text) => {
                r.error(Code::MissingField, text.at, "`alt` is empty", ALT_HELP);
                None
            }
            None if alt.node.value == Value::Empty => {
                r.error(Code::MissingField, alt.at(), "`alt` is empty", ALT_HELP);
                None
            }
            // A list or a group: reported by `text`.
            None => None,
        },
    };
    fields.finish(r);
    let src = src?;
    let path = match image_path(file, &src.value) {
        Ok(path) => Some(path),
        Err((message, help)) => {
            r.error(Code::InvalidValue, src.at, message, help);
            None
        }
    };
    Some(RawImage { src, path, alt })
}

const ALT_HELP: &str =
    "add `alt: …`: a few words that say what the picture shows, for readers who cannot see it";

/// The file extensions of the images vial resizes.
pub const IMAGE_EXTENSIONS: [&str; 4] = ["png", "jpg", "jpeg", "webp"];

/// The image `src` names, relative to the site root: `src` is relative to
/// the folder of `file` (a content file) and must stay inside `content/`.
/// The error is a message and a hint.
pub fn image_path(file: &Path, src: &str) -> Result<PathBuf, (String, String)> {
    let src = src.trim();
    if src.contains("://") || src.starts_with("//") {
        return Err((
            format!("`{src}` is not a file of the site"),
            "vial resizes images kept in the site: save the picture beside this file and write its file name".into(),
        ));
    }
    if src.starts_with('/') || src.contains('\\') {
        return Err((
            format!("`{src}` is not a path relative to this file"),
            "write the path from this file's folder with `/`, as in `src: pictures/front.png` or `src: ../images/front.png`".into(),
        ));
    }
    let mut path: Vec<&str> = Vec::new();
    for part in file.parent().unwrap_or(Path::new("")).components() {
        if let Component::Normal(name) = part {
            path.push(name.to_str().unwrap_or_default());
        }
    }
    for part in src.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                path.pop();
            }
            name => path.push(name),
        }
        if path.first() != Some(&super::CONTENT) {
            return Err((
                format!("`{src}` leads out of the site's `content/` folder"),
                "keep images inside `content/`, beside the files that show them".into(),
            ));
        }
    }
    let extension = src
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    if !IMAGE_EXTENSIONS.contains(&extension.as_str()) {
        let help = if extension == "svg" {
            "an SVG needs no resizing: put it in `static/` and show it from markdown".to_string()
        } else {
            "save the picture as PNG (drawings), JPEG (photos) or WebP".to_string()
        };
        return Err((format!("`{src}` is not a PNG, JPEG or WebP image"), help));
    }
    Ok(path.iter().collect())
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

    const PRODUCT: &str = include_str!("../../../../content/products/meso-ampoule.yaml");
    const GUIDE: &str = include_str!("../../../../content/guides/ampoules-in-your-routine.md");
    const SITE: &str = include_str!("../../../../site.yaml");

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
    fn image_paths_are_relative_to_the_file_and_stay_in_content() {
        let file = Path::new("content/products/a.yaml");
        let ok = |src: &str| image_path(file, src).unwrap();
        let problem = |src: &str| image_path(file, src).unwrap_err();
        assert_eq!(ok("a.png"), Path::new("content/products/a.png"));
        assert_eq!(
            ok("./shots/a.webp"),
            Path::new("content/products/shots/a.webp")
        );
        assert_eq!(ok("../images/a.JPG"), Path::new("content/images/a.JPG"));
        assert!(problem("../../a.png").0.contains("leads out of"));
        assert!(problem("/images/a.png").0.contains("not a path relative"));
        assert!(
            problem("https://example.org/a.png")
                .0
                .contains("not a file of the site")
        );
        assert!(problem("a.gif").0.contains("not a PNG, JPEG or WebP"));
        assert!(problem("logo.svg").1.contains("static/"));
    }

    fn product_problems(yaml: &str) -> Vec<String> {
        let config = crate::config::Config::parse(
            std::path::Path::new("/s"),
            SourceFile::new("site.yaml", SITE),
        )
        .unwrap();
        let file = SourceFile::new("content/products/p.yaml", yaml);
        let problems = match parse_product(&Shape::of(&config), file) {
            Ok((_, _, problems)) | Err(problems) => problems,
        };
        problems
            .iter()
            .map(|d| format!("{}:{} {}", d.location.line, d.location.column, d.message))
            .collect()
    }

    #[test]
    fn an_image_without_alt_text_is_an_error_at_its_line() {
        let base = "name: A\nbrand: B\ncategory: serum\nusage:\n  frequency: daily\n  time: [am]\n";
        let problems = product_problems(&format!("{base}image:\n  src: a.png\n"));
        assert_eq!(problems, ["7:1 `image` has no `alt` text"]);
        let problems = product_problems(&format!(
            "{base}images:\n  - src: a.png\n    alt: A jar\n  - src: b.png\n    alt: \"\"\n"
        ));
        assert_eq!(problems, ["11:10 `alt` is empty"]);
        let problems = product_problems(&format!("{base}image: a.png\n"));
        assert_eq!(problems, ["7:8 `image` needs a `src` and an `alt` text"]);
        let problems = product_problems(&format!("{base}image:\n  src: a.png\n  alt: A jar\n"));
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn mutated_files_never_panic_and_every_problem_has_a_line() {
        // VIAL_FUZZ_ROUNDS=200000 for a longer run.
        let rounds = std::env::var("VIAL_FUZZ_ROUNDS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(3000);
        let config = crate::config::Config::parse(
            std::path::Path::new("/s"),
            SourceFile::new("site.yaml", SITE),
        )
        .unwrap();
        let shape = Shape::of(&config);
        let mut rng = Rng(0x5eed_1234_abcd_9876);
        for _ in 0..rounds {
            let mutated = mutate(PRODUCT, &mut rng);
            let problems = match parse_product(&shape, SourceFile::new("p.yaml", mutated.as_str()))
            {
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
            let problems = match parse_guide(&shape, SourceFile::new("g.md", mutated.as_str())) {
                Ok((_, _, problems)) | Err(problems) => problems,
            };
            for d in problems {
                assert!(d.location.has_line(), "{d}\nin:\n{mutated}");
            }
        }
    }
}
