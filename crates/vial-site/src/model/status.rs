//! How far one language's translation is: which products, categories,
//! terms and guides have no translation file, which texts each translation
//! leaves out, and a fingerprint of every original text each translation
//! translates, for the driver to tell an original edited since its
//! translation (`vial_build`'s translation status keeps those between
//! builds). It reads the default language's site and the language's
//! translation files, and judges nothing: it counts and hashes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::{Markdown, Site};
use crate::load::{Entry, RawWords, Sources, Translations};
use vial_base::diagnostic::{Location, SourceFile};

/// The kinds of file a translation translates, in the order a summary
/// names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Products,
    Categories,
    Terms,
    Guides,
    /// Free pages (`content/pages/`).
    Pages,
}

impl Part {
    /// How a count of them is said: `product`, or `products` for any
    /// other number than one.
    pub fn noun(self, count: usize) -> &'static str {
        let (one, other) = match self {
            Part::Products => ("product", "products"),
            Part::Categories => ("category", "categories"),
            Part::Terms => ("term", "terms"),
            Part::Guides => ("guide", "guides"),
            Part::Pages => ("page", "pages"),
        };
        if count == 1 { one } else { other }
    }
}

/// How many files of one kind the site has, and those without a
/// translation.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub part: Part,
    /// How many there are; a term counts when it has a file of its own
    /// (`content/<taxonomy>/<slug>.yaml`): only such a term can be
    /// translated.
    pub total: usize,
    /// The translation files that would translate those without one, in
    /// slug order (`content/products/<slug>.<code>.yaml`).
    pub missing: Vec<PathBuf>,
}

/// One text field an existing translation translates.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPrint {
    /// The field's name in the original (`usage.instructions`; `body` for
    /// a guide's text).
    pub field: &'static str,
    /// A hash of the original's text of it now (0 when the original has
    /// none).
    pub original: u64,
    /// Where the translation writes it.
    pub at: Location,
}

/// An existing translation file, with what it translates.
#[derive(Debug, Clone, PartialEq)]
pub struct Print {
    /// The translation file as read.
    pub file: SourceFile,
    /// A hash of its text alone (not of the day it was saved).
    pub text: u64,
    /// The file it translates.
    pub original: PathBuf,
    /// Each field it translates; `None` when its original is not on the
    /// site this build (a draft guide): nothing can be said of it.
    pub fields: Option<Vec<FieldPrint>>,
    /// The texts the original has that it leaves out, in the original's
    /// order.
    pub left_out: Vec<&'static str>,
}

/// One language's translation status.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    /// Each kind the site has files of, in `Part`'s order.
    pub coverage: Vec<Coverage>,
    /// Every translation file of the language, in path order.
    pub prints: Vec<Print>,
}

/// The texts an original has, each with its hash, by field name (`None`
/// where it has none).
type Texts = Vec<(&'static str, Option<u64>)>;

impl Status {
    /// The status of the translation into `code` (its files are `words`)
    /// of `site`, the default language's site; `sources` tells which terms
    /// have a file of their own.
    pub fn of(site: &Site, sources: &Sources, code: &str, words: &Translations) -> Status {
        let mut status = Status {
            coverage: Vec::new(),
            prints: Vec::new(),
        };
        let products = site.products.iter().map(|(slug, p)| {
            let texts = vec![
                ("name", text(&p.name)),
                ("summary", text(&p.summary)),
                ("description", markdown(&p.description)),
                ("aka", list(&p.aka)),
                ("usage.instructions", markdown(&p.usage.instructions)),
                ("usage.cautions", list(&p.usage.cautions)),
                ("image", main_alt(&p.images)),
                ("images", gallery_alts(&p.images)),
            ];
            (slug.as_str(), p.location.path.as_path(), texts)
        });
        status.add(Part::Products, code, products, &words.products);
        let categories = site.categories.iter().map(|(slug, c)| {
            let traits: Vec<String> = (c.traits.iter())
                .flat_map(|(name, value)| [name.clone(), value.clone()])
                .collect();
            let texts = vec![
                ("name", text(&c.name)),
                ("summary", text(&c.summary)),
                ("description", markdown(&c.description)),
                ("aka", list(&c.aka)),
                ("traits", list(&traits)),
                ("image", main_alt(&c.images)),
                ("images", gallery_alts(&c.images)),
            ];
            (slug.as_str(), c.location.path.as_path(), texts)
        });
        status.add(Part::Categories, code, categories, &words.categories);
        status.add_terms(site, sources, code, words);
        // A free page is held as a guide, and translated as one.
        fn guide<'a>(
            (slug, g): (&'a super::Slug, &'a std::sync::Arc<super::Guide>),
        ) -> (&'a str, &'a std::path::Path, Texts) {
            let texts = vec![
                ("title", text(&g.title)),
                ("summary", text(&g.summary)),
                ("body", markdown(&g.body)),
                ("image", main_alt(&g.images)),
                ("images", gallery_alts(&g.images)),
            ];
            (slug.as_str(), g.location.path.as_path(), texts)
        }
        status.add(
            Part::Guides,
            code,
            site.guides.iter().map(guide),
            &words.guides,
        );
        status.add(
            Part::Pages,
            code,
            site.pages.iter().map(guide),
            &words.pages,
        );
        status.coverage.retain(|c| c.total > 0);
        // A translation whose original is not on the site (a draft) is
        // kept as it stands: its record must outlive the build that leaves
        // the original out.
        let judged: BTreeSet<PathBuf> = status.prints.iter().map(|p| p.file.path.clone()).collect();
        let all = (words.products.values())
            .chain(words.categories.values())
            .chain(words.guides.values())
            .chain(words.pages.values())
            .chain(words.terms.values().flat_map(|t| t.values()));
        for entry in all {
            if !judged.contains(&entry.origin.file.path) {
                status.prints.push(Print {
                    original: PathBuf::new(),
                    fields: None,
                    ..print(entry, &[])
                });
            }
        }
        status.prints.sort_by(|a, b| a.file.path.cmp(&b.file.path));
        status
    }

    /// The terms with a file of their own, by taxonomy.
    fn add_terms(&mut self, site: &Site, sources: &Sources, code: &str, words: &Translations) {
        let none = BTreeMap::new();
        let mut coverage = Coverage {
            part: Part::Terms,
            total: 0,
            missing: Vec::new(),
        };
        for (key, terms) in &site.taxonomies.by_key {
            let Some(folder) = sources.terms.get(key) else {
                continue;
            };
            let translated = words.terms.get(key).unwrap_or(&none);
            let described = terms.iter().filter_map(|(slug, taxon)| {
                let path = folder.path_of(slug)?;
                let texts = vec![
                    ("name", text(&taxon.name)),
                    ("what_it_does", taxon.what_it_does.as_deref().and_then(text)),
                    ("description", taxon.description.as_ref().and_then(markdown)),
                    ("aka", list(&taxon.aka)),
                ];
                Some((slug.as_str(), path, texts))
            });
            let (total, missing) = self.judge(code, described, translated);
            coverage.total += total;
            coverage.missing.extend(missing);
        }
        self.coverage.push(coverage);
    }

    /// Counts the originals of one kind and fingerprints their
    /// translations.
    fn add<'a>(
        &mut self,
        part: Part,
        code: &str,
        originals: impl Iterator<Item = (&'a str, &'a Path, Texts)>,
        translated: &BTreeMap<String, Entry<RawWords>>,
    ) {
        let (total, missing) = self.judge(code, originals, translated);
        self.coverage.push(Coverage {
            part,
            total,
            missing,
        });
    }

    /// How many `originals` there are, and the translation files missing;
    /// the existing ones are fingerprinted into `prints`.
    fn judge<'a>(
        &mut self,
        code: &str,
        originals: impl Iterator<Item = (&'a str, &'a Path, Texts)>,
        translated: &BTreeMap<String, Entry<RawWords>>,
    ) -> (usize, Vec<PathBuf>) {
        let (mut total, mut missing) = (0, Vec::new());
        for (slug, path, texts) in originals {
            total += 1;
            match translated.get(slug) {
                Some(entry) => self.prints.push(Print {
                    original: path.to_path_buf(),
                    ..print(entry, &texts)
                }),
                None => missing.push(translation_path(path, code)),
            }
        }
        (total, missing)
    }
}

/// Texts a translation may leave out without a warning: other names
/// (`aka`, for search) are often the same in every language, and the
/// original's are searched when a translation gives none.
const NOT_MISSED: &[&str] = &["aka"];

/// What `entry` translates of the original's `texts`, and what it leaves
/// out.
fn print(entry: &Entry<RawWords>, texts: &[(&'static str, Option<u64>)]) -> Print {
    let written = &entry.raw.written;
    let fields = written
        .iter()
        .map(|(field, at)| FieldPrint {
            field,
            original: texts
                .iter()
                .find(|(name, _)| name == field)
                .and_then(|(_, hash)| *hash)
                .unwrap_or(0),
            at: at.clone(),
        })
        .collect();
    let left_out = texts
        .iter()
        .filter(|(name, hash)| {
            hash.is_some() && !NOT_MISSED.contains(name) && !written.iter().any(|(w, _)| w == name)
        })
        .map(|(name, _)| *name)
        .collect();
    let file = entry.origin.file.clone();
    Print {
        text: xxhash_rust::xxh3::xxh3_64(file.text.as_bytes()),
        file,
        original: PathBuf::new(),
        fields: Some(fields),
        left_out,
    }
}

/// The translation into `code` of the file at `original`:
/// `content/products/a.yaml` → `content/products/a.<code>.yaml`.
pub fn translation_path(original: &Path, code: &str) -> PathBuf {
    let ext = original.extension().and_then(|e| e.to_str()).unwrap_or("");
    original.with_extension(format!("{code}.{ext}"))
}

/// A text's hash; `None` when it is blank.
fn text(value: &str) -> Option<u64> {
    let value = value.trim();
    (!value.is_empty()).then(|| xxhash_rust::xxh3::xxh3_64(value.as_bytes()))
}

fn markdown(value: &Markdown) -> Option<u64> {
    text(&value.text)
}

/// The main image's alt text's hash.
fn main_alt(images: &super::Images) -> Option<u64> {
    text(&images.main()?.alt)
}

/// The gallery's alt texts' hash.
fn gallery_alts(images: &super::Images) -> Option<u64> {
    let alts: Vec<String> = images.gallery().iter().map(|i| i.alt.clone()).collect();
    list(&alts)
}

/// A list's hash, its items apart; `None` when it is empty.
fn list(values: &[String]) -> Option<u64> {
    if values.is_empty() {
        return None;
    }
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for value in values {
        h.update(value.as_bytes());
        h.update(&[0]);
    }
    Some(h.digest())
}
