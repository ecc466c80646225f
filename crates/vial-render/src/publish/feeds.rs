//! The Atom feeds: the newest guides (`atom.xml`) and the most recently
//! updated products (`products/atom.xml`), each entry with its full
//! content, every link made absolute for a reader far from the site. The
//! feed is the theme's `atom.xml` template.

use serde::Serialize;

use crate::{Reads, Renderer, escape};
use vial_site::link::Target;
use vial_site::model::{Guide, Product};
use vial_site::words::byline;

/// How many entries a feed holds.
const FEED_ENTRIES: usize = 20;

/// A feed: which entries, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Feed {
    Guides,
    Products,
}

impl Feed {
    pub fn path(self) -> &'static str {
        match self {
            Feed::Guides => "atom.xml",
            Feed::Products => "products/atom.xml",
        }
    }
}

/// An entry of a feed, as the `atom.xml` template sees it.
#[derive(Debug, Clone, Serialize)]
struct FeedEntry {
    title: String,
    /// Absolute.
    url: String,
    updated: String,
    summary: String,
    author: Option<String>,
    /// Full content, every link absolute.
    content_html: String,
    /// The default language's code when its words stand for want of a
    /// translation: the entry's `xml:lang`.
    lang: Option<String>,
}

impl Renderer<'_> {
    /// The context of a feed's `atom.xml`.
    pub(super) fn feed(
        &self,
        feed: Feed,
        context: &mut tera::Context,
        reads: &mut Reads,
    ) -> (&'static str, String) {
        let (title, entries) = match feed {
            Feed::Guides => (self.t("feed.guides", &[]), self.guide_entries(reads)),
            Feed::Products => (self.t("feed.products", &[]), self.product_entries(reads)),
        };
        let updated = entries
            .iter()
            .map(|e| e.updated.as_str())
            .max()
            .unwrap_or("1970-01-01")
            .to_string();
        context.insert("feed_title", &title);
        context.insert("feed_url", &self.permalink(feed.path()));
        context.insert("feed_updated", &updated);
        context.insert("entries", &entries);
        ("atom.xml", feed.path().into())
    }

    /// `html` with every root-relative `href` and `src` made absolute: feed
    /// readers show it far from the site.
    fn absolute_links(&self, html: &str) -> String {
        let origin = self.origin();
        html.replace("href=\"/", &format!("href=\"{origin}/"))
            .replace("src=\"/", &format!("src=\"{origin}/"))
    }

    /// The newest guides. `reads` gets each and what its text reads; which
    /// guides they are depends on every guide's date and title, which a
    /// rebuild watches apart (`incremental::Stale::listed_by_date`).
    fn guide_entries(&self, reads: &mut Reads) -> Vec<FeedEntry> {
        self.site
            .guides_by_date()
            .take(FEED_ENTRIES)
            .map(|g: &Guide| {
                reads.insert(Target::Guide(g.slug.clone()));
                FeedEntry {
                    lang: self.fallback_lang(self.site.fallback.guides.contains(&g.slug)),
                    title: g.title.clone(),
                    url: self.target_permalink(&Target::Guide(g.slug.clone())),
                    updated: g
                        .updated
                        .clone()
                        .or_else(|| g.date.clone())
                        .unwrap_or_else(|| "1970-01-01".into()),
                    summary: g.summary.clone(),
                    author: g.author.clone(),
                    content_html: self.absolute_links(&self.markdown(&g.body.text, reads)),
                }
            })
            .collect()
    }

    /// Products, most recently updated first (by their `updated` date, then
    /// name). What it reads, as for `guide_entries`.
    fn product_entries(&self, reads: &mut Reads) -> Vec<FeedEntry> {
        let mut products: Vec<&Product> = (self.site.product_order.iter())
            .filter_map(|slug| self.site.product(slug))
            .collect();
        products.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.name.cmp(&b.name)));
        products
            .into_iter()
            .take(FEED_ENTRIES)
            .map(|p| {
                reads.insert(Target::Product(p.slug.clone()));
                let description = self.markdown(&p.description.text, reads);
                FeedEntry {
                    lang: self.fallback_lang(self.site.fallback.products.contains(&p.slug)),
                    title: p.name.clone(),
                    url: self.target_permalink(&Target::Product(p.slug.clone())),
                    updated: p.updated.clone().unwrap_or_else(|| "1970-01-01".into()),
                    summary: p.summary.clone(),
                    author: byline(&self.words(), p),
                    content_html: self
                        .absolute_links(&format!("<p>{}</p>{description}", escape(&p.summary))),
                }
            })
            .collect()
    }
}
