//! A translation file as written (`<slug>.<code>.yaml`, `<slug>.<code>.md`):
//! only the words of the original it translates. Whatever else it writes
//! is data every language shares, and is reported where it is written, so
//! that no language's copy of a fact can drift from the others'.

use super::category::traits;
use super::front_matter::{FrontMatterProblem, split_front_matter};
use super::{Parsed, RawTrait, other_names};
use vial_base::diagnostic::{Code, Location, SourceFile};
use vial_yaml::{Fields, Origin, Reader, Spanned};

/// What a translation translates: each kind has its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordsOf {
    Product,
    Category,
    Term,
    Guide,
    /// A free page (`content/pages/`): a guide's words.
    Page,
    /// A category pair's verdict (`content/compare/<left>-vs-<right>.md`).
    Verdict,
}

impl WordsOf {
    /// The fields of the kind that hold words (`usage` holds some).
    fn fields(self) -> &'static [&'static str] {
        match self {
            WordsOf::Product => &[
                "name",
                "summary",
                "description",
                "aka",
                "usage",
                "image",
                "images",
            ],
            WordsOf::Category => &[
                "name",
                "summary",
                "description",
                "aka",
                "traits",
                "image",
                "images",
            ],
            WordsOf::Term => &["name", "what_it_does", "description", "aka"],
            WordsOf::Guide | WordsOf::Page => &["title", "summary", "author", "image", "images"],
            WordsOf::Verdict => &["summary"],
        }
    }
}

/// The words a translation gives; what it leaves out stays the original's.
#[derive(Debug, Default)]
pub struct RawWords {
    /// `name:`, or a guide's `title:`.
    pub name: Option<Spanned<String>>,
    pub summary: Option<String>,
    pub description: Option<Spanned<String>>,
    pub aka: Option<Vec<String>>,
    pub what_it_does: Option<String>,
    /// A guide's `author`, where it is words ("the editors") rather than
    /// a name.
    pub author: Option<String>,
    pub instructions: Option<Spanned<String>>,
    pub cautions: Option<Vec<String>>,
    /// A category's traits, in the original's order.
    pub traits: Option<Vec<RawTrait>>,
    /// The alt text of the main image (`image: {alt}`) and of the
    /// gallery's (`images: [{alt}, …]`, in the original's order).
    pub image_alt: Option<String>,
    pub gallery_alts: Option<Vec<String>>,
    /// A guide's or verdict's markdown below its front matter, with the
    /// lines above it.
    pub body: Option<(String, usize)>,
    /// Where each field it translates is written, by the field's name in
    /// the original (`usage.instructions`; `body` for a guide's text), in
    /// the file's order: what the translation status points at.
    pub written: Vec<(&'static str, Location)>,
}

/// Reads a translation of a `kind`; `original` names the file whose data
/// it shares, for the help of a field it may not write.
pub fn parse_words(kind: WordsOf, original: &str, file: SourceFile) -> Parsed<RawWords> {
    if matches!(kind, WordsOf::Guide | WordsOf::Page | WordsOf::Verdict) {
        return parse_markdown_words(kind, original, file);
    }
    let origin = Origin::whole(file);
    let (words, problems) = origin.read(&origin.file.text, "translation", |r, top| {
        read_words(r, top, kind, original)
    });
    match words {
        Some(words) => Ok((origin, words, problems)),
        None => Err(problems),
    }
}

/// A guide's or verdict's translation: front matter with its title
/// and/or summary, then the translated body. A verdict, like its original,
/// may go without front matter: then the whole file is its text.
fn parse_markdown_words(kind: WordsOf, original: &str, file: SourceFile) -> Parsed<RawWords> {
    let split = match split_front_matter(&file.text) {
        Ok(split) => split,
        Err(FrontMatterProblem::Missing) if kind == WordsOf::Verdict => {
            let words = RawWords {
                body: Some((file.text.to_string(), 0)),
                ..RawWords::default()
            };
            return Ok((Origin::whole(file), words, Vec::new()));
        }
        Err(FrontMatterProblem::Missing) => {
            let d = file
                .error(Code::FrontMatter, file.location(1, 1), "translation has no front matter")
                .with_help("start the file with a line `---`, then `title: ...`, then a closing `---`, then the guide's text");
            return Err(vec![d]);
        }
        Err(FrontMatterProblem::NotClosed) => {
            let d = file
                .error(
                    Code::FrontMatter,
                    file.location(1, 1),
                    "front matter is not closed",
                )
                .with_help("add a line with only `---` after the last front matter field");
            return Err(vec![d]);
        }
    };
    let origin = Origin {
        line_offset: split.yaml_line_offset,
        file: file.clone(),
    };
    let body = (split.body.to_string(), split.body_line_offset);
    let (words, problems) = origin.read(split.yaml, "front matter", |r, top| {
        if kind == WordsOf::Verdict {
            read_verdict_words(r, top)
        } else {
            read_words(r, top, kind, original)
        }
    });
    let mut words = words.ok_or_else(|| problems.clone())?;
    // The text is where its first line that is not blank is.
    if let Some(first) = body.0.lines().position(|l| !l.trim().is_empty()) {
        let at = file.location(body.1 + 1 + first, 1);
        words.written.push(("body", at));
    }
    words.body = Some(body);
    Ok((origin, words, problems))
}

/// A verdict's front matter holds only words (its `summary`): any other
/// field is no verdict's, and is reported as in the original.
fn read_verdict_words<'t>(r: &mut Reader<'t>, mut top: Fields<'t>) -> RawWords {
    let summary = top.text(r, "summary").map(|s| s.value);
    top.finish(r);
    RawWords {
        summary,
        ..RawWords::default()
    }
}

fn read_words<'t>(
    r: &mut Reader<'t>,
    mut top: Fields<'t>,
    kind: WordsOf,
    original: &str,
) -> RawWords {
    let mut words = RawWords::default();
    for entry in top.entries() {
        let key = entry.key.name.as_str();
        if !kind.fields().contains(&key) {
            shared(r, entry.key.at, key, original);
        }
    }
    words.name = top.text(
        r,
        if matches!(kind, WordsOf::Guide | WordsOf::Page) {
            "title"
        } else {
            "name"
        },
    );
    words.summary = top.text(r, "summary").map(|s| s.value);
    words.description = top.text(r, "description");
    words.what_it_does = top.text(r, "what_it_does").map(|s| s.value);
    words.author = top.text(r, "author").map(|s| s.value);
    if top.entries().iter().any(|e| e.key.name == "aka") {
        words.aka = Some(other_names(r, &mut top));
    }
    if let Some(mut usage) = top.get("usage").and_then(|f| f.fields(r)) {
        for entry in usage.entries() {
            let key = entry.key.name.as_str();
            if !["instructions", "cautions"].contains(&key) {
                shared(r, entry.key.at, &format!("usage.{key}"), original);
            }
        }
        words.instructions = usage.text(r, "instructions");
        words.cautions = usage
            .get("cautions")
            .map(|f| f.texts(r).into_iter().map(|c| c.value).collect());
    }
    words.traits = traits(r, &mut top);
    alt_texts(r, &mut top, &mut words, original);
    words.written = written(r, &mut top, &words);
    words
}

/// Where each field `words` took a value from is written.
fn written<'t>(
    r: &mut Reader<'t>,
    top: &mut Fields<'t>,
    words: &RawWords,
) -> Vec<(&'static str, Location)> {
    let given = [
        ("name", words.name.is_some()),
        ("title", words.name.is_some()),
        ("summary", words.summary.is_some()),
        ("description", words.description.is_some()),
        ("aka", words.aka.as_ref().is_some_and(|a| !a.is_empty())),
        ("what_it_does", words.what_it_does.is_some()),
        ("author", words.author.is_some()),
        ("image", words.image_alt.is_some()),
        (
            "images",
            words.gallery_alts.as_ref().is_some_and(|a| !a.is_empty()),
        ),
        (
            "traits",
            words.traits.as_ref().is_some_and(|t| !t.is_empty()),
        ),
    ];
    let mut out = Vec::new();
    for entry in top.entries() {
        let key = entry.key.name.as_str();
        if let Some(&(name, true)) = given.iter().find(|(name, _)| *name == key) {
            out.push((name, r.location(entry.key.at)));
        }
    }
    let usage = [
        (
            "instructions",
            "usage.instructions",
            words.instructions.is_some(),
        ),
        (
            "cautions",
            "usage.cautions",
            words.cautions.as_ref().is_some_and(|c| !c.is_empty()),
        ),
    ];
    let inner = top.entries().iter().find(|e| e.key.name == "usage");
    if let Some(vial_yaml::Value::Map(entries)) = inner.map(|e| &e.value.value) {
        for entry in entries {
            if let Some(&(_, name, true)) = usage.iter().find(|(key, ..)| *key == entry.key.name) {
                out.push((name, r.location(entry.key.at)));
            }
        }
    }
    out
}

/// The alt texts of the images: `image: {alt}`, `images: [{alt}, …]`.
/// Which picture is shown is data (`src`, shared).
fn alt_texts<'t>(r: &mut Reader<'t>, top: &mut Fields<'t>, words: &mut RawWords, original: &str) {
    let alt = |r: &mut Reader<'t>, field: vial_yaml::Field<'t>, name: &str| {
        let mut g = field.fields(r)?;
        for entry in g.entries() {
            if entry.key.name != "alt" {
                shared(
                    r,
                    entry.key.at,
                    &format!("{name}.{}", entry.key.name),
                    original,
                );
            }
        }
        g.text(r, "alt").map(|a| a.value)
    };
    if let Some(field) = top.get("image") {
        words.image_alt = alt(r, field, "image");
    }
    if let Some(items) = top.get("images").and_then(|f| f.list(r)) {
        let alts = items
            .into_iter()
            .map(|item| alt(r, item, "images").unwrap_or_default());
        words.gallery_alts = Some(alts.collect());
    }
}

/// A field a translation may not write: its value is the same in every
/// language.
fn shared(r: &mut Reader, at: vial_yaml::Pos, key: &str, original: &str) {
    r.error(
        Code::InvalidValue,
        at,
        format!("`{key}` is shared by every language: write it in {original}"),
        "a translation holds only the words of its original (its name, summary, description and the like); remove this field here",
    );
}
