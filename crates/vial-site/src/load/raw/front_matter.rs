//! The markdown content files: guides, and the written verdicts of
//! category-versus-category pages. Each is YAML front matter between `---`
//! fences above a markdown body; a guide must have it, a verdict may go
//! without. Its own place because these files are split before YAML reads
//! them, and their problems count lines from the fence.

use super::image::images;
use super::{
    Entry, Parsed, RawImages, RawTerm, RawTerms, Shape, read_aliases, text_or_empty, texts,
};
use vial_base::diagnostic::{Code, SourceFile};
use vial_yaml::{Origin, Spanned};

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
    /// Old addresses that redirect here (`aliases:`), normalised.
    pub aliases: Vec<Spanned<String>>,
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

impl Entry<RawGuide> {
    /// The markdown below the front matter.
    pub fn body(&self) -> &str {
        &self.origin.file.text[self.raw.body.clone()]
    }
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

/// A file's front matter and body, each with the lines above it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct FrontMatterSplit<'a> {
    pub(super) yaml: &'a str,
    pub(super) yaml_line_offset: usize,
    pub(super) body: &'a str,
    pub(super) body_line_offset: usize,
}

/// Why a file has no front matter to split off.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum FrontMatterProblem {
    Missing,
    NotClosed,
}

/// Splits `---` fenced YAML front matter from the markdown body.
pub(super) fn split_front_matter(text: &str) -> Result<FrontMatterSplit<'_>, FrontMatterProblem> {
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

pub(in crate::load) fn parse_guide(shape: &Shape, file: SourceFile) -> Parsed<RawGuide> {
    let split = split_front_matter(&file.text).map_err(|problem| {
        let (message, help) = match problem {
            FrontMatterProblem::Missing => (
                "the file has no front matter",
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
            aliases: read_aliases(r, &mut top),
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

pub(in crate::load) fn parse_verdict(file: SourceFile) -> Parsed<RawVerdict> {
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
}
