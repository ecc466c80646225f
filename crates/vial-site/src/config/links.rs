//! `links:`: what the site says beside the links of its products to the
//! shops that sell them. A link the site earns from (`sponsored: true`)
//! must be disclosed to readers; `disclosure` is the site's own words for
//! it, inline markdown, in each language.

use vial_yaml::{Fields, Reader};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinksDecl {
    /// Shown beside a product's links when one of them is sponsored:
    /// inline markdown, in the language being read.
    pub disclosure: Option<String>,
}

pub(super) fn read_links<'t>(r: &mut Reader<'t>, mut group: Fields<'t>) -> LinksDecl {
    let disclosure = group
        .words(r, "disclosure")
        .map(|d| d.value.trim().to_string())
        .filter(|d| !d.is_empty());
    group.finish(r);
    LinksDecl { disclosure }
}
