//! A page in the site's other languages: the `hreflang` links of its head
//! and the language switcher. A page has the same path below every
//! language's folder, so its twins are its path below each folder of a
//! language that publishes it (`untranslated: omit` leaves out what has no
//! translation, and the pages of a list it shortens).

use std::collections::BTreeSet;
use std::sync::Arc;

use serde::Serialize;

use super::{PageKind, Renderer};
use vial_site::link::Target;
use vial_site::model::Site;

/// A language the site is published in, as the switcher names it.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageLink {
    /// Its code, as in `de`.
    pub code: String,
    /// Its name in its own words (`Deutsch`), from its strings.
    pub name: String,
    /// Its folder below the site's root: empty for the default language,
    /// `de/` for the others.
    pub prefix: String,
    /// The paths below its folder of the pages it publishes that the
    /// sitemap lists (`sitemap_paths`): every page but the 404 page.
    pub pages: Arc<BTreeSet<String>>,
}

impl LanguageLink {
    /// How many addresses of this language the sitemap lists.
    pub fn sitemap_urls(&self) -> usize {
        self.pages.len()
    }

    /// Whether the language publishes the page at `path` (below its
    /// folder); every language has a 404 page.
    pub(crate) fn publishes(&self, kind: &PageKind, path: &str) -> bool {
        !kind.in_sitemap() || self.pages.contains(path)
    }
}

/// The paths below its folder of the pages of `site` the sitemap lists.
pub fn sitemap_paths(site: &Site) -> BTreeSet<String> {
    super::plan(site)
        .iter()
        .filter(|k| k.in_sitemap())
        .map(|k| super::plan::url_path(k, &site.config))
        .collect()
}

/// One language's twin of a page.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Alternate {
    pub code: String,
    pub name: String,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL, for `hreflang`.
    pub permalink: String,
    /// Whether it is the page itself.
    pub current: bool,
}

impl<'a> Renderer<'a> {
    /// Renders a site published in `languages` (every language, the default
    /// one first): each page links its twins in the others.
    pub fn in_languages(mut self, languages: &'a [LanguageLink]) -> Self {
        self.languages = languages;
        self
    }

    /// The default language's code for words of it shown on a page of
    /// another language, for want of a translation (`fallback`).
    pub(crate) fn fallback_lang(&self, fallback: bool) -> Option<String> {
        fallback.then(|| self.site.config.languages.default.clone())
    }

    /// The URL of the page `target`: in this language, or in the default
    /// one when this one leaves it out (`omits`).
    pub(crate) fn target_url(&self, target: &Target) -> String {
        let path = target.path(&self.site.config);
        match self.site.omits(target) {
            true => self.shared_url(&path),
            false => self.url(&path),
        }
    }

    /// The default language's code for a link to `target` that leads to
    /// its page in that language, which this one leaves out (`omits`):
    /// the link's `hreflang`.
    pub(crate) fn elsewhere(&self, target: &Target) -> Option<String> {
        self.fallback_lang(self.site.omits(target))
    }

    /// A link to the page `target` named `title` (its name): marked with
    /// the default language where the name is in its words, and where the
    /// link leads to its page.
    pub(crate) fn target_link(&self, target: &Target, title: &str) -> crate::views::LinkView {
        crate::views::LinkView {
            title: title.to_string(),
            url: self.target_url(target),
            lang: self.fallback_lang(self.site.fallback.has(target)),
            hreflang: self.elsewhere(target),
        }
    }

    /// The page `kind` in every language that publishes it, the default
    /// one first; none for a site in one language, or for a page that is
    /// no HTML page. A language that leaves the page out is left out, so
    /// no page names a twin that does not exist.
    pub(crate) fn alternates(&self, kind: &PageKind) -> Vec<Alternate> {
        if self.languages.len() < 2 || !kind.is_page() {
            return Vec::new();
        }
        let config = &self.site.config;
        let path = self.path_of(kind);
        let here = config.language_prefix();
        let twins: Vec<&LanguageLink> = (self.languages.iter())
            .filter(|e| e.publishes(kind, &path))
            .collect();
        // A page no other language has has no twins to name.
        if twins.len() < 2 {
            return Vec::new();
        }
        twins
            .into_iter()
            .map(|e| Alternate {
                code: e.code.clone(),
                name: e.name.clone(),
                url: format!("{}{}{path}", config.root_path, e.prefix),
                permalink: format!("{}/{}{path}", config.root_url, e.prefix),
                current: e.prefix == here,
            })
            .collect()
    }
}
