//! The sitemap, as one file or, past the number of addresses a sitemap
//! may list, as an index of parts; and robots.txt, which points search
//! engines at it. Both are theme templates (`sitemap.xml`,
//! `sitemap_index.xml`, `robots.txt`) filled from the plan.

use serde::Serialize;

use crate::{PageKind, Renderer, plan};

/// A page of the sitemap.
#[derive(Debug, Clone, Serialize)]
struct SitemapEntry {
    url: String,
    lastmod: Option<String>,
}

/// A part of a split sitemap, as `sitemap_index.xml` lists it.
#[derive(Debug, Clone, Serialize)]
struct SitemapPartView {
    url: String,
}

impl Renderer<'_> {
    /// The context of `sitemap.xml`, or of part `n` of a split sitemap:
    /// every page the sitemap lists, with when it last changed.
    pub(super) fn sitemap(
        &self,
        kind: &PageKind,
        context: &mut tera::Context,
    ) -> (&'static str, String) {
        let per_file = self.site.config.sitemap_urls;
        let skip = match kind {
            PageKind::SitemapPart(n) => (n - 1) * per_file,
            _ => 0,
        };
        let entries: Vec<SitemapEntry> = plan(self.site)
            .iter()
            .filter(|k| k.in_sitemap())
            .skip(skip)
            .take(per_file)
            .map(|k| SitemapEntry {
                url: self.permalink(&self.path_of(k)),
                lastmod: self.lastmod(k),
            })
            .collect();
        context.insert("entries", &entries);
        ("sitemap.xml", self.path_of(kind))
    }

    /// The context of the index of a split sitemap: its parts.
    pub(super) fn sitemap_index(&self, context: &mut tera::Context) -> (&'static str, String) {
        let parts: Vec<SitemapPartView> = plan(self.site)
            .iter()
            .filter_map(|k| match k {
                PageKind::SitemapPart(_) => Some(SitemapPartView {
                    url: self.permalink(&self.path_of(k)),
                }),
                _ => None,
            })
            .collect();
        context.insert("sitemaps", &parts);
        ("sitemap_index.xml", "sitemap.xml".into())
    }

    /// The context of `robots.txt`: where the sitemap is.
    pub(super) fn robots(&self, context: &mut tera::Context) -> (&'static str, String) {
        context.insert("sitemap", &self.permalink("sitemap.xml"));
        ("robots.txt", "robots.txt".into())
    }

    /// The date a page last changed, as written, when its content says.
    fn lastmod(&self, kind: &PageKind) -> Option<String> {
        let site = self.site;
        match kind {
            PageKind::Guide(slug) => site
                .guides
                .get(slug)
                .and_then(|g| g.updated.clone().or_else(|| g.date.clone())),
            PageKind::Product(slug) => site.products.get(slug).and_then(|p| p.updated.clone()),
            _ => None,
        }
    }
}
