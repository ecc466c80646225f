//! `languages:`, the languages a site is published in besides its default
//! one (`language:`, served at the site's root): each under `/<code>/`,
//! with its own title and description where given, and `untranslated:`,
//! what becomes of a page whose words have no translation.
//!
//! ```yaml
//! language: en
//! languages:
//!   de: {title: Blatt- und Wurzelnotizen, description: …}
//! untranslated: fallback   # or omit
//! ```

use std::collections::BTreeSet;

use vial_base::diagnostic::{Code, Location};
use vial_yaml::{Fields, Origin, Reader};

use super::Config;

/// One language the site is published in besides its default one.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageDecl {
    /// Its code, as in `de` or `pt-br`: the folder its pages are under and
    /// the middle part of its translation files' names.
    pub code: String,
    /// The site's title in it; the default language's when not given.
    pub title: Option<String>,
    pub description: Option<String>,
    pub location: Location,
}

/// What becomes of a page whose words have no translation in a language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Untranslated {
    /// It is published in the default language's words, marked so.
    #[default]
    Fallback,
    /// It is left out of that language.
    Omit,
}

/// The site's languages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Languages {
    /// The default language's code (`language:`), served at the root.
    pub default: String,
    /// The others, in the order site.yaml declares them.
    pub others: Vec<LanguageDecl>,
    pub untranslated: Untranslated,
}

impl Languages {
    /// Whether the site is published in more than one language.
    pub fn several(&self) -> bool {
        !self.others.is_empty()
    }

    /// Every language's code, the default one first.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.default.as_str()).chain(self.others.iter().map(|l| l.code.as_str()))
    }

    /// Whether `code` is one of the other languages: a file named
    /// `<slug>.<code>.yaml` is then a translation.
    pub fn is_other(&self, code: &str) -> bool {
        self.others.iter().any(|l| l.code == code)
    }
}

/// `languages:` and `untranslated:`; `default` is the code `language:`
/// gives.
pub(super) fn read_languages<'t>(
    r: &mut Reader<'t>,
    top: &mut Fields<'t>,
    origin: &Origin,
    default: &str,
) -> Languages {
    let others = top
        .get("languages")
        .and_then(|f| f.fields(r))
        .map(|mut group| declared(r, &mut group, origin, default))
        .unwrap_or_default();
    let untranslated = top
        .get("untranslated")
        .and_then(|f| f.one_of(r, &["fallback", "omit"]))
        .map_or(Untranslated::Fallback, |u| match u.value.as_str() {
            "omit" => Untranslated::Omit,
            _ => Untranslated::Fallback,
        });
    Languages {
        default: default.to_string(),
        others,
        untranslated,
    }
}

/// Each language `languages:` declares, checked: a well-formed code, not
/// declared twice, not the default one.
fn declared<'t>(
    r: &mut Reader<'t>,
    group: &mut Fields<'t>,
    origin: &Origin,
    default: &str,
) -> Vec<LanguageDecl> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for entry in group.entries() {
        let code = entry.key.name.as_str();
        if !is_code(code) {
            r.error(
                Code::InvalidValue,
                entry.key.at,
                format!("`{code}` is not a language code"),
                "write a language's code in lowercase, as in `de`, `fr` or `pt-br`",
            );
            continue;
        }
        if code == default {
            r.error(
                Code::InvalidValue,
                entry.key.at,
                format!("`{code}` is the default language (`language: {default}`)"),
                "list under `languages:` only the other languages: the default one is served at the site's root",
            );
            continue;
        }
        if !seen.insert(code) {
            r.error(
                Code::InvalidValue,
                entry.key.at,
                format!("language `{code}` is declared twice"),
                "declare each language once",
            );
            continue;
        }
        let (title, description) = match group.get(code.to_string()).and_then(|f| f.fields(r)) {
            Some(mut words) => {
                let title = words.text(r, "title").map(|t| t.value);
                let description = words.text(r, "description").map(|d| d.value);
                words.finish(r);
                (title, description)
            }
            None => (None, None),
        };
        out.push(LanguageDecl {
            code: code.to_string(),
            title,
            description,
            location: origin.location(entry.key.at),
        });
    }
    out
}

/// A language code as file names and addresses carry it: two or three
/// lowercase letters, then optionally `-` and a region or script of two
/// to eight letters or digits (`de`, `pt-br`, `zh-hant`).
pub fn is_code(code: &str) -> bool {
    let (language, region) = match code.split_once('-') {
        Some((l, r)) => (l, Some(r)),
        None => (code, None),
    };
    let language_ok =
        (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_lowercase());
    let region_ok = region.is_none_or(|r| {
        (2..=8).contains(&r.len())
            && r.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    language_ok && region_ok
}

impl Config {
    /// The folder a language's pages are under, relative to the site's
    /// root: empty for the default language, `<code>/` for the others.
    pub fn language_prefix(&self) -> &str {
        self.base_path
            .strip_prefix(self.root_path.as_str())
            .unwrap_or("")
    }

    /// The configuration the pages of language `code` are rendered with:
    /// its language, its title and description, the words site.yaml
    /// declares in it (the default language's where it has none, or
    /// where they cannot be read: `words_in` tells why), and addresses
    /// below `<code>/` (the site root, for pictures, theme assets and
    /// static files, stays). `None` when the site does not declare `code`.
    pub fn for_language(&self, code: &str) -> Option<Config> {
        if code == self.languages.default {
            return Some(self.clone());
        }
        let decl = self.languages.others.iter().find(|l| l.code == code)?;
        let mut config = self.clone();
        if let Ok(words) = self.words_in(code) {
            config.adopt_words(words);
        }
        config.language = code.to_string();
        // What is said of the language (a theme without its strings) is
        // said where it is declared.
        config.language_location = Some(decl.location.clone());
        config.base_url = format!("{}/{code}", self.root_url);
        config.base_path = format!("{}{code}/", self.root_path);
        if let Some(title) = &decl.title {
            config.title = title.clone();
        }
        if let Some(description) = &decl.description {
            config.description = description.clone();
        }
        Some(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::tests::{MINIMAL, parse};

    #[test]
    fn languages_give_each_other_language_a_config_below_its_code() {
        let text = format!(
            "{MINIMAL}language: en\nlanguages:\n  de: {{title: Notizen, description: Auf Deutsch.}}\n  fr:\nuntranslated: omit\n"
        );
        let config = parse(&text).unwrap();
        let codes: Vec<&str> = config.languages.codes().collect();
        assert_eq!(codes, ["en", "de", "fr"]);
        assert_eq!(config.languages.untranslated, Untranslated::Omit);
        assert_eq!(config.language_prefix(), "");
        let de = config.for_language("de").unwrap();
        assert_eq!(
            (
                de.language.as_str(),
                de.title.as_str(),
                de.description.as_str()
            ),
            ("de", "Notizen", "Auf Deutsch.")
        );
        assert_eq!(de.base_url, "https://example.org/docs/de");
        assert_eq!(
            (de.base_path.as_str(), de.root_path.as_str()),
            ("/docs/de/", "/docs/")
        );
        assert_eq!(de.language_prefix(), "de/");
        let fr = config.for_language("fr").unwrap();
        assert_eq!(fr.title, "T");
        assert!(config.for_language("it").is_none());
        assert!(!parse(MINIMAL).unwrap().languages.several());
    }

    #[test]
    fn a_bad_duplicate_or_default_language_is_an_error_at_its_line() {
        let text = format!(
            "{MINIMAL}language: en\nlanguages:\n  de: {{}}\n  German: {{}}\n  en: {{}}\n  de: {{}}\n"
        );
        let errors = parse(&text).unwrap_err();
        let found: Vec<(usize, &str)> = errors
            .0
            .iter()
            .map(|d| (d.location.line, d.message.as_str()))
            .collect();
        assert!(
            found.contains(&(6, "`German` is not a language code")),
            "{errors}"
        );
        assert!(
            found.contains(&(7, "`en` is the default language (`language: en`)")),
            "{errors}"
        );
        // A key written twice is the YAML reader's to report, at the second.
        assert!(found.iter().any(|(line, _)| *line == 8), "{errors}");
    }

    #[test]
    fn codes_are_lowercase_languages_with_an_optional_region() {
        for good in ["de", "fr", "ast", "pt-br", "zh-hant", "es-419"] {
            assert!(is_code(good), "{good}");
        }
        for bad in ["", "d", "deut", "DE", "pt_br", "pt-", "de-x", "de.yaml"] {
            assert!(!is_code(bad), "{bad}");
        }
    }
}
