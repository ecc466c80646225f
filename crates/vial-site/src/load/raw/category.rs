//! A category file as written: its name, words and traits. Its own place
//! because a category is the one content file that names no other.

use super::image::images;
use super::{Parsed, RawImages, other_names, read_aliases, read_yaml, text_or_empty};
use vial_base::diagnostic::SourceFile;
use vial_yaml::{Fields, Reader, Spanned};

/// A category file as written.
#[derive(Debug)]
pub struct RawCategory {
    pub name: Option<Spanned<String>>,
    pub summary: String,
    pub description: Option<Spanned<String>>,
    /// Other names and spellings, for search (`aka:`).
    pub aka: Vec<String>,
    /// Old addresses that redirect here (`aliases:`), normalised.
    pub aliases: Vec<Spanned<String>>,
    pub traits: Vec<RawTrait>,
    pub images: RawImages,
}

#[derive(Debug)]
pub struct RawTrait {
    pub name: String,
    pub value: String,
}

pub(in crate::load) fn parse_category(file: SourceFile) -> Parsed<RawCategory> {
    let path = file.path.clone();
    read_yaml(file, "category", |r, mut top| {
        let name = top.required_text(r, "name");
        let summary = text_or_empty(top.text(r, "summary"));
        let description = top.text(r, "description");
        let aka = other_names(r, &mut top);
        let aliases = read_aliases(r, &mut top);
        let traits = traits(r, &mut top).unwrap_or_default();
        let images = images(r, &mut top, &path);
        top.finish(r);
        RawCategory {
            name,
            summary,
            description,
            aka,
            aliases,
            traits,
            images,
        }
    })
}

/// `traits:`, each `{name, value}`; `None` when not written.
pub(super) fn traits<'t>(r: &mut Reader<'t>, top: &mut Fields<'t>) -> Option<Vec<RawTrait>> {
    let items = top.get("traits")?.list(r).unwrap_or_default();
    let traits = items
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
    Some(traits)
}
