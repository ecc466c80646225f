//! The sitemap, as one file or, past the number of addresses a sitemap
//! may list, as an index of parts; and robots.txt, which points search
//! engines at it. Both are theme templates (`sitemap.xml`,
//! `sitemap_index.xml`, `robots.txt`) filled from the plan.
//!
//! A site in several languages has one sitemap, at its root: every
//! language's pages, each with its twins in the others (`alternates`, as
//! Google reads them: `xhtml:link rel="alternate" hreflang`).

use serde::Serialize;

use crate::{LanguageLink, PageKind, Renderer, plan_in};

/// A page of the sitemap.
#[derive(Debug, Clone, Serialize)]
struct SitemapEntry {
    url: String,
    lastmod: Option<String>,
    /// The page in every language that publishes it, itself included,
    /// then `x-default`; empty for a site in one language.
    alternates: Vec<SitemapAlternate>,
}

/// One twin of a page in the sitemap.
#[derive(Debug, Clone, Serialize)]
struct SitemapAlternate {
    hreflang: String,
    url: String,
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
        let plan = plan_in(self.site, self.languages);
        let pages = plan.iter().filter(|k| k.in_sitemap());
        let entries: Vec<SitemapEntry> = match self.languages {
            [] => (pages.skip(skip).take(per_file))
                .map(|k| SitemapEntry {
                    url: self.permalink(&self.path_of(k)),
                    lastmod: self.lastmod(k),
                    alternates: Vec::new(),
                })
                .collect(),
            languages => (pages.flat_map(|k| self.in_each_language(k, languages)))
                .skip(skip)
                .take(per_file)
                .collect(),
        };
        context.insert("entries", &entries);
        ("sitemap.xml", self.path_of(kind))
    }

    /// The page `kind` of the default language's plan in each language
    /// that publishes it, each naming the others. A language publishes
    /// no page the default one has not: its pages are the default one's,
    /// less what it leaves out (`untranslated: omit`).
    fn in_each_language(&self, kind: &PageKind, languages: &[LanguageLink]) -> Vec<SitemapEntry> {
        let path = self.path_of(kind);
        let root = &self.site.config.root_url;
        let twins: Vec<&LanguageLink> = (languages.iter())
            .filter(|l| l.publishes(kind, &path))
            .collect();
        let url_in = |l: &LanguageLink| format!("{root}/{}{path}", l.prefix);
        let mut alternates: Vec<SitemapAlternate> = (twins.iter())
            .map(|l| SitemapAlternate {
                hreflang: l.code.clone(),
                url: url_in(l),
            })
            .collect();
        // The default language's page stands for the others' readers.
        if let (true, Some(default)) = (twins.len() > 1, twins.first()) {
            alternates.push(SitemapAlternate {
                hreflang: "x-default".into(),
                url: url_in(default),
            });
        } else {
            alternates.clear();
        }
        let lastmod = self.lastmod(kind);
        (twins.iter())
            .map(|l| SitemapEntry {
                url: url_in(l),
                lastmod: lastmod.clone(),
                alternates: alternates.clone(),
            })
            .collect()
    }

    /// The context of the index of a split sitemap: its parts.
    pub(super) fn sitemap_index(&self, context: &mut tera::Context) -> (&'static str, String) {
        let parts: Vec<SitemapPartView> = plan_in(self.site, self.languages)
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
