//! Translation files: `<slug>.<code>.yaml` beside a product's, category's
//! or term's file, `<slug>.<code>.md` beside a guide's or verdict's, where `<code>` is
//! one of the languages site.yaml declares besides the default one. They
//! hold the words only (`raw::words`); the original's folder never lists
//! them as entries of its own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::raw::{Entry, RawWords, WordsOf, parse_words};
use super::walk::list_files;
use super::{CONTENT, Folder, read_source};
use crate::config::{Config, Languages};
use vial_base::diagnostic::{Code, Diagnostic, Location};

/// The translations into one language, by the slug they translate.
#[derive(Debug, Default)]
pub struct Translations {
    pub products: BTreeMap<String, Entry<RawWords>>,
    pub categories: BTreeMap<String, Entry<RawWords>>,
    pub guides: BTreeMap<String, Entry<RawWords>>,
    /// Free pages, by their path below `content/pages/`.
    pub pages: BTreeMap<String, Entry<RawWords>>,
    /// Verdicts of category pairs, by the pair's slug.
    pub verdicts: BTreeMap<String, Entry<RawWords>>,
    /// By taxonomy key, then term slug.
    pub terms: BTreeMap<String, BTreeMap<String, Entry<RawWords>>>,
}

/// The slug and language code of a translation file's name
/// (`meso-ampoule.de.yaml`); `None` for any other file.
pub fn translation_of<'p>(path: &'p Path, languages: &Languages) -> Option<(&'p str, &'p str)> {
    let stem = path.file_stem()?.to_str()?;
    let (slug, code) = stem.rsplit_once('.')?;
    languages.is_other(code).then_some((slug, code))
}

/// One content folder's translations: where they are, how they read.
struct Kind<'a> {
    dir: PathBuf,
    extension: &'static [&'static str],
    words: WordsOf,
    /// The folder of originals, to tell a translation without one.
    originals: &'a dyn HasSlug,
}

/// Whether a folder of originals has an entry of a slug.
pub(super) trait HasSlug: Sync {
    fn has(&self, slug: &str) -> bool;
}

impl<T: Send + Sync> HasSlug for Folder<T> {
    fn has(&self, slug: &str) -> bool {
        self.has_slug(slug)
    }
}

/// Every translation of the site, by language code, with the problems of
/// those that cannot be used.
pub(super) fn load(
    config: &Config,
    sources: &super::Sources,
) -> (BTreeMap<String, Translations>, Vec<Diagnostic>) {
    let mut out: BTreeMap<String, Translations> = BTreeMap::new();
    let mut problems = Vec::new();
    if !config.languages.several() {
        return (out, problems);
    }
    let content = Path::new(CONTENT);
    let mut kinds = vec![
        (
            None,
            kind(
                content.join("products"),
                &["yaml", "yml"],
                WordsOf::Product,
                &sources.products,
            ),
        ),
        (
            None,
            kind(
                content.join("categories"),
                &["yaml", "yml"],
                WordsOf::Category,
                &sources.categories,
            ),
        ),
        (
            None,
            kind(
                content.join("guides"),
                &["md"],
                WordsOf::Guide,
                &sources.guides,
            ),
        ),
        (
            None,
            kind(
                content.join(super::PAGES),
                &["md"],
                WordsOf::Page,
                &sources.pages,
            ),
        ),
        (
            None,
            kind(
                content.join("compare"),
                &["md"],
                WordsOf::Verdict,
                &sources.verdicts,
            ),
        ),
    ];
    for (key, folder) in &sources.terms {
        let dir = content.join(key);
        kinds.push((
            Some(key.clone()),
            kind(dir, &["yaml", "yml"], WordsOf::Term, folder),
        ));
    }
    for (taxonomy, kind) in kinds {
        let root = &config.root;
        for absolute in list_files(root, &root.join(&kind.dir), kind.extension).files {
            let relative = absolute.strip_prefix(root).unwrap_or(&absolute);
            let Some((name, code)) = translation_of(relative, &config.languages) else {
                continue;
            };
            // A free page's slug is its path below its folder.
            let folders = (relative.parent())
                .and_then(|p| p.strip_prefix(&kind.dir).ok())
                .filter(|p| kind.words == WordsOf::Page && !p.as_os_str().is_empty());
            let slug = &match folders {
                Some(p) => format!("{}/{name}", p.to_string_lossy().replace('\\', "/")),
                None => name.to_string(),
            };
            if !kind.originals.has(slug) {
                problems.push(orphan(relative, slug, &kind));
                continue;
            }
            let ext = relative.extension().and_then(|e| e.to_str()).unwrap_or("");
            let original = format!("{name}.{ext}");
            let parsed = read_source(root, relative, config.limits.text_file)
                .map_err(|d| vec![d])
                .and_then(|file| parse_words(kind.words, &original, file));
            let entry = match parsed {
                Ok((origin, raw, found)) if found.is_empty() => Entry {
                    slug: slug.to_string(),
                    origin,
                    raw,
                    problems: found,
                },
                Ok((_, _, found)) | Err(found) => {
                    problems.extend(found);
                    continue;
                }
            };
            let into = out.entry(code.to_string()).or_default();
            let map = match (&taxonomy, kind.words) {
                (Some(key), _) => into.terms.entry(key.clone()).or_default(),
                (None, WordsOf::Product) => &mut into.products,
                (None, WordsOf::Category) => &mut into.categories,
                (None, WordsOf::Verdict) => &mut into.verdicts,
                (None, WordsOf::Page) => &mut into.pages,
                (None, _) => &mut into.guides,
            };
            map.insert(slug.to_string(), entry);
        }
    }
    (out, problems)
}

fn kind<'a>(
    dir: PathBuf,
    extension: &'static [&'static str],
    words: WordsOf,
    originals: &'a dyn HasSlug,
) -> Kind<'a> {
    Kind {
        dir,
        extension,
        words,
        originals,
    }
}

/// A translation whose original is not there.
fn orphan(path: &Path, slug: &str, kind: &Kind) -> Diagnostic {
    let ext = if matches!(
        kind.words,
        WordsOf::Guide | WordsOf::Page | WordsOf::Verdict
    ) {
        "md"
    } else {
        "yaml"
    };
    Diagnostic::error(
        Code::FileName,
        Location::file(path),
        format!(
            "`{}` translates `{slug}`, but there is no {}",
            path.display(),
            kind.dir.join(format!("{slug}.{ext}")).display()
        ),
    )
    .with_help(format!("name a translation after the file it translates (`<slug>.<language>.{ext}`), and write that file first: it holds the data every language shares"))
}
