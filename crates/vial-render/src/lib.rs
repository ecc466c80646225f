//! Rendering: (site, links, theme) in, pages out, no I/O.
//!
//! 1. The theme is compiled once (`theme`): its templates (the site's
//!    overrides on top) with the UI strings of the site's language behind
//!    `t()`.
//! 2. The list of pages is planned from the model (`plan`).
//! 3. Pages render in parallel (`renderer`); each builds its view from the
//!    model (`pages`, one module per kind of page; `publish` for the site
//!    files), renders its markdown through the event transforms in
//!    `markdown` with the site around them (`surroundings`), and records
//!    which content it read so a later rebuild can redo only what a change
//!    touches.
//!
//! Every word a page shows comes from content or from the strings file.

mod alternates;
mod backlinks;
mod body;
mod category_data;
pub mod comparison;
mod fold;
mod fragments;
pub mod markdown;
mod menus;
mod page;
mod pages;
mod picture;
mod placement;
mod plan;
pub mod publish;
mod reads;
mod renderer;
mod routine_builder;
pub mod similar;
mod surroundings;
mod theme;
pub mod views;

pub use alternates::{Alternate, LanguageLink, sitemap_paths};
pub use body::{Body, Entries, Entry, Made};
pub use fragments::Fragments;
pub use page::{Page, PageKind, PageRecord};
pub use plan::{compare_path, output_path, page_file, plan, plan_in, taxon_pages, url_path};
pub use reads::{Reads, product_number};
pub use renderer::Renderer;
pub use surroundings::EMBED_PARTIALS;
pub use theme::{AssetUrls, Theme, compile_theme, dependents, template_error};

/// FNV-1a: a hash that is the same on every machine and every run, so
/// choices made with it keep builds byte-identical.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf29ce484222325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

/// HTML-escapes text for the few places HTML is built outside templates.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
