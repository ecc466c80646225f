//! "Where to buy" on a product's page: its links to shops, each sponsored
//! one marked for readers and for search engines (`rel="sponsored"`), and,
//! when one is, the site's disclosure of how it earns from them.

use serde::Serialize;

use crate::Renderer;
use crate::markdown::render_inline;
use vial_site::model::Product;

/// A product's links to shops, as its page shows them.
#[derive(Debug, Clone, Serialize)]
pub struct ShopLinksView {
    pub links: Vec<ShopLinkView>,
    /// The site's disclosure (`links: disclosure`), as HTML, when one of
    /// the links is sponsored; `None` there when the site declares none:
    /// the theme shows its own short words (readers are told either way).
    pub disclosure_html: Option<String>,
    /// Whether one of the links is sponsored: the disclosure is shown.
    pub sponsored: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ShopLinkView {
    pub label: String,
    pub url: String,
    pub sponsored: bool,
    /// The link's `rel`: a sponsored link is neither endorsed nor
    /// followed by search engines, as they ask.
    pub rel: &'static str,
}

impl Renderer<'_> {
    /// `p`'s links to shops; `None` when it has none.
    pub(super) fn shop_links(&self, p: &Product) -> Option<ShopLinksView> {
        if p.links.is_empty() {
            return None;
        }
        let sponsored = p.has_sponsored_links();
        let disclosure = self.site.config.links.disclosure.as_deref();
        Some(ShopLinksView {
            links: p
                .links
                .iter()
                .map(|l| ShopLinkView {
                    label: l.label.clone(),
                    url: l.url.clone(),
                    sponsored: l.sponsored.is_some(),
                    rel: if l.sponsored.is_some() {
                        "sponsored nofollow noopener"
                    } else {
                        "noopener"
                    },
                })
                .collect(),
            disclosure_html: disclosure
                .filter(|_| sponsored)
                .map(|d| render_inline(d, &self.site.config.base_path)),
            sponsored,
        })
    }
}
