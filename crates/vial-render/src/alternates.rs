//! A page in the site's other languages: the `hreflang` links of its head
//! and the language switcher. Every language has the same pages at the
//! same paths below its folder, so a page's twins are its path below each
//! language's folder.

use serde::Serialize;

use super::{PageKind, Renderer};

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

    /// The page `kind` in every language, the default one first; none for
    /// a site in one language, or for a page that is no HTML page.
    pub(crate) fn alternates(&self, kind: &PageKind) -> Vec<Alternate> {
        if self.languages.len() < 2 || !kind.is_page() {
            return Vec::new();
        }
        let config = &self.site.config;
        let path = self.path_of(kind);
        let here = config.language_prefix();
        self.languages
            .iter()
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
