//! Content files as written: each kind of file read out of its YAML into a
//! raw value, every problem of the file gathered (see `yaml::read`).
//!
//! Only what one file can tell is checked here: the fields and the kinds of
//! their values. Whether a category exists or a step is declared is
//! `model`'s job.
//!
//! Each kind of file is read in its own place (products, categories, the
//! terms files name and describe, the markdown files under front matter,
//! the images any of them shows); what they share is here: the entry a
//! file becomes, the site's shape, reading a whole YAML file.

mod alias;
mod category;
mod front_matter;
mod image;
mod link;
mod product;
mod term;
mod words;

use crate::config::Config;
use alias::read_aliases;
use vial_base::diagnostic::{Diagnostic, SourceFile};
use vial_yaml::{Field, Fields, Origin, Reader, Spanned};

pub(in crate::load) use category::parse_category;
pub use category::{RawCategory, RawTrait};
pub use front_matter::{RawFrontMatter, RawGuide, RawVerdict};
pub(in crate::load) use front_matter::{parse_guide, parse_verdict};
pub use image::{IMAGE_EXTENSIONS, RawImage, RawImages, image_path};
pub use link::RawLink;
pub use product::{RawProduct, RawSpecValue, RawUsage, parse_product};
pub(in crate::load) use term::parse_term_info;
pub use term::{RawTerm, RawTermInfo, RawTerms};
pub use words::{RawWords, WordsOf, parse_words};

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

fn text_or_empty(text: Option<Spanned<String>>) -> String {
    text.map(|t| t.value).unwrap_or_default()
}

/// `aka:`, a page's other names and spellings, for search: one name or a
/// list of them. Blank names are left out.
fn other_names<'t>(r: &mut Reader<'t>, top: &mut Fields<'t>) -> Vec<String> {
    let Some(field) = top.get("aka") else {
        return Vec::new();
    };
    let names = match field.node.value {
        vial_yaml::Value::List(_) => field.texts(r),
        _ => field.text(r).into_iter().collect(),
    };
    names
        .into_iter()
        .map(|n| n.value.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

fn texts<'t>(r: &mut Reader<'t>, field: Option<Field<'t>>) -> Vec<Spanned<String>> {
    field.map(|f| f.texts(r)).unwrap_or_default()
}

#[cfg(test)]
mod tests;
