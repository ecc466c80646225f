//! The written verdicts of category-versus-category pages: a file
//! `content/compare/<left>-vs-<right>.md` belongs to the pair `site.yaml`
//! declares under `compare:`; a file that names no declared pair is an
//! error at the file.

use super::{Markdown, Slug};
use crate::config::Config;
use crate::load::{Entry, RawVerdict};
use vial_base::diagnostic::{Code, Diagnostic, Location, suggestion};

/// A category pair's verdict: a summary and markdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// `<left>-vs-<right>`, the pair's slug.
    pub slug: Slug,
    pub summary: String,
    pub body: Markdown,
    /// The hash of its file: an unchanged file means an unchanged verdict.
    pub source: u64,
}

pub(super) fn verdict(
    config: &Config,
    entry: &Entry<RawVerdict>,
) -> Result<Verdict, Vec<Diagnostic>> {
    let origin = &entry.origin;
    let pairs: Vec<String> = config.category_pairs.iter().map(|p| p.slug()).collect();
    if !pairs.contains(&entry.slug) {
        let help = if pairs.is_empty() {
            "declare the pair in site.yaml first: `compare: [[left, right]]`".to_string()
        } else {
            format!(
                "{} (a verdict is named after a pair of site.yaml's `compare:`)",
                suggestion(&entry.slug, pairs.iter().map(String::as_str))
            )
        };
        return Err(vec![
            Diagnostic::error(
                Code::FileName,
                Location::file(&origin.file.path),
                format!("`{}` names no comparison of the site", entry.slug),
            )
            .with_help(help),
        ]);
    }
    if !entry.problems.is_empty() {
        return Err(Vec::new());
    }
    Ok(Verdict {
        slug: entry.slug.clone(),
        summary: entry.raw.summary.trim().to_string(),
        body: Markdown {
            text: entry.raw.body.clone(),
            path: origin.file.path.clone(),
            line_offset: entry.raw.body_line_offset,
            indent: 0,
        },
        source: origin.file.hash,
    })
}
