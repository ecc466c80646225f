//! A site's other languages (`languages:` in site.yaml): each one's model
//! (the default one's with its translation's words), links and theme (the
//! templates with that language's strings), rendered beside the default
//! language's pages into the same output update.

use vial_base::diagnostic::Diagnostics;
use vial_render::{self as render, LanguageLink, PageKind, Renderer, Theme};
use vial_site::config::Config;
use vial_site::link::{self, Links};
use vial_site::load::{Sources, Translations, language_strings, language_words};
use vial_site::model::Site;

use crate::translation_status;
use crate::validate::{asset_urls, shadowed_statics};

/// One other language's site, as its pages are rendered from.
pub struct Edition {
    pub site: Site,
    pub links: Links,
    pub theme: Theme,
}

/// What `render_site` renders of one other language: every page (nothing
/// of another language is reused from the last build).
pub struct Language<'r> {
    pub renderer: Renderer<'r>,
    pub plan: Vec<PageKind>,
}

/// The site in each of its other languages, in the order site.yaml
/// declares them; none for a site in one language. Every problem of every
/// language (a translation's dead link, a strings file's missing key)
/// comes back together, with the translation status's warnings.
pub fn editions(
    config: &Config,
    sources: &Sources,
    site: &Site,
) -> Result<(Vec<Edition>, Diagnostics), Diagnostics> {
    let mut problems = translation_status::report(config, sources, site);
    let mut editions = Vec::new();
    let none = Translations::default();
    for decl in &config.languages.others {
        let code = decl.code.as_str();
        let words = sources.translations.get(code).unwrap_or(&none);
        let Some(translated) = site.translated(code, words) else {
            continue;
        };
        let (strings, found) = language_strings(&translated.config);
        problems.extend(found);
        problems.extend(language_words(config, &translated.config, &strings));
        let theme = render::compile_theme(
            &sources.templates,
            code,
            &strings,
            asset_urls(config, sources),
        );
        let links = link::link(&translated);
        match (theme, links) {
            (Ok(theme), Ok(links)) => {
                problems.extend(theme.warnings.iter().cloned());
                problems.extend(shadowed_statics(&translated, sources));
                editions.push(Edition {
                    site: translated,
                    links,
                    theme,
                });
            }
            (theme, links) => {
                problems.extend(theme.err().into_iter().flatten());
                problems.extend(links.err().into_iter().flatten());
            }
        }
    }
    if problems.has_errors() {
        return Err(problems.sorted());
    }
    Ok((editions, problems))
}

/// Each edition's renderer and plan; `links` names every language, for
/// each page's twins.
pub fn languages<'r>(
    editions: &'r [Edition],
    sources: &'r Sources,
    links: &'r [LanguageLink],
) -> Vec<Language<'r>> {
    editions
        .iter()
        .map(|e| Language {
            renderer: Renderer::new(&e.site, &e.links, &e.theme, &sources.templates)
                .in_languages(links),
            plan: render::plan(&e.site),
        })
        .collect()
}

/// Every language the site is published in, the default one (whose
/// theme is `theme`) first, each named in its own words; none for a site
/// in one language.
pub fn language_links(site: &Site, theme: &Theme, editions: &[Edition]) -> Vec<LanguageLink> {
    if editions.is_empty() {
        return Vec::new();
    }
    let link = |site: &Site, theme: &Theme| {
        let code = site.config.language.clone();
        // A theme of its own may not name its language: its code does.
        let name = match theme.strings.has(LANGUAGE_NAME) {
            true => theme.strings.text(LANGUAGE_NAME, &[]),
            false => code.clone(),
        };
        LanguageLink {
            code,
            name,
            prefix: site.config.language_prefix().to_string(),
            pages: std::sync::Arc::new(render::sitemap_paths(site)),
        }
    };
    std::iter::once(link(site, theme))
        .chain(editions.iter().map(|e| link(&e.site, &e.theme)))
        .collect()
}

/// The strings key of a language's name in its own words (`Deutsch`).
const LANGUAGE_NAME: &str = "language.name";

/// The index of a language's pages, into its folder (`de/search/…`).
pub fn search_index(edition: &Edition, put: &vial_search::Put<'_>) {
    let prefix = edition.site.config.language_prefix();
    let put_below =
        |path: &str, bytes: &[u8], hash: u64| put(&format!("{prefix}{path}"), bytes, hash);
    drop(vial_search::Index::build_once(
        &edition.site,
        &edition.theme.strings,
        &put_below,
    ));
}
