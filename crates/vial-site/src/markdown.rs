//! vial's markdown: the extensions it reads, and which links it resolves
//! itself. The link stage scans with them, the renderer and the search
//! index read with them: one dialect everywhere.

use pulldown_cmark::{LinkType, Options, Parser};

/// The parser with the extensions vial's markdown uses, everywhere alike.
pub fn parser(text: &str) -> Parser<'_> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS;
    Parser::new_ext(text, options)
}

/// True for link destinations vial resolves (as opposed to URLs).
pub fn is_internal(link_type: LinkType, destination: &str) -> bool {
    matches!(link_type, LinkType::WikiLink { .. }) || destination.starts_with("@/")
}
