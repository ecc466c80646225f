//! The only stage that reads the disk: walks `content/`, the theme and the
//! site's `templates/` and `static/`, and parses every YAML file and guide
//! front matter into raw values that keep their source positions.
//!
//! Nothing is validated against anything else here (that is `model`'s job);
//! only what a single file can tell: YAML syntax and shape, front matter
//! fences, file names that are not slugs, and two files with one slug.
//!
//! `Sources` holds it all; each kind of source is read in its own place:
//! content folders (`folder`), the files in them (`raw`), templates and
//! strings (`templates`), static files (`static_files`), the images content
//! names (`images`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{Config, UntranslatedWords};
use crate::i18n::Strings;
use crate::schedule::Grammar;
use vial_base::diagnostic::{Code, Diagnostic, Diagnostics, SourceFile};

mod folder;
mod images;
mod raw;
mod read;
mod static_files;
mod templates;
mod translations;
pub mod walk;

pub use folder::Folder;
pub use images::{ImageFile, ImageFiles, ImageFormat, ImageProblem, plain as image_error_words};
pub use raw::{
    Entry, IMAGE_EXTENSIONS, RawCategory, RawFrontMatter, RawGuide, RawImage, RawImages, RawLink,
    RawProduct, RawSpecValue, RawTerm, RawTermInfo, RawTerms, RawTrait, RawUsage, RawVerdict,
    RawWords, Shape, TaxonomyShape, image_path, parse_product,
};
use raw::{parse_category, parse_guide, parse_term_info, parse_verdict};
pub use read::{iso_day, read_source};
use static_files::list_static;
pub use static_files::{Assets, StaticFile};
pub use templates::{TemplateChange, TemplateSource};
use templates::{load_strings, load_templates};
pub use translations::{Translations, translation_of};
pub use walk::is_ignored;

/// The folders of a site the loader reads, below the site folder: what
/// the user wrote. A build never writes into one (`output::guard`), and
/// `vial serve` watches them.
pub const CONTENT: &str = "content";
pub const TEMPLATES: &str = "templates";
pub const STATIC: &str = "static";
pub const THEMES: &str = "themes";
/// The site's own interface strings, `i18n/<language>.yaml`.
pub const STRINGS: &str = "i18n";
/// The folder of free pages, below `content/`.
pub const PAGES: &str = "pages";
pub const SOURCE_FOLDERS: [&str; 5] = [CONTENT, TEMPLATES, STATIC, THEMES, STRINGS];

/// Everything a site is made of, as read from disk.
#[derive(Debug)]
pub struct Sources {
    pub categories: Folder<RawCategory>,
    pub products: Folder<RawProduct>,
    pub guides: Folder<RawGuide>,
    /// Free pages (`content/pages/`, folders and all): read as guides are,
    /// with no taxonomy's terms.
    pub pages: Folder<RawGuide>,
    /// Written verdicts of category-versus-category pages.
    pub verdicts: Folder<RawVerdict>,
    /// Description files of each taxonomy's terms (`content/<key>/`), by
    /// taxonomy key.
    pub terms: BTreeMap<String, Folder<RawTermInfo>>,
    /// Theme templates with the site's overrides already applied.
    pub templates: Vec<TemplateSource>,
    /// The UI strings files for the site's language: the theme's, then the
    /// site's (later ones win key by key).
    pub strings: Vec<SourceFile>,
    /// How the site's language reads schedules: from the strings files,
    /// with the site's events and measures.
    pub grammar: Arc<Grammar>,
    template_problems: Vec<Diagnostic>,
    /// Links among the static files that lead out of the site.
    static_problems: Vec<Diagnostic>,
    pub static_files: Vec<StaticFile>,
    pub assets: Assets,
    /// The image files products, categories and guides name.
    pub images: ImageFiles,
    /// The words of each language besides the default one, by its code.
    pub translations: BTreeMap<String, Translations>,
    /// Translation files that cannot be used.
    translation_problems: Vec<Diagnostic>,
}

/// How the site's language reads schedules, from its strings files (their
/// own problems are the theme's to report).
fn grammar_of(config: &Config, strings: &[SourceFile], problems: &mut Diagnostics) -> Arc<Grammar> {
    let (read, _) = Strings::load(&config.language, strings);
    let (grammar, found) = Grammar::new(&read, &config.usage.vocabulary);
    problems.extend(found);
    grammar
}

/// Entries taken out of `Sources` (`Sources::take_entries`).
pub struct Taken {
    pub products: Vec<Entry<RawProduct>>,
    pub guides: Vec<Entry<RawGuide>>,
}

/// What a reload found changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reloaded {
    pub content: bool,
    pub templates: TemplateChange,
    pub static_files: bool,
}

impl Reloaded {
    /// Both reloads' changes.
    pub fn and(self, other: Reloaded) -> Reloaded {
        Reloaded {
            content: self.content || other.content,
            templates: self.templates.and(other.templates),
            static_files: self.static_files || other.static_files,
        }
    }
}

const YAML: &[&str] = &["yaml", "yml"];

/// What is wrong with the words site.yaml declares in `language`'s
/// language (`language` is `Config::for_language` of `default`): forms
/// that cannot be read, events and measures it cannot say (with
/// `strings`, its strings files), and, as one warning, the words written
/// without a form in it.
pub fn language_words(default: &Config, language: &Config, strings: &[SourceFile]) -> Diagnostics {
    let code = language.language.as_str();
    let mut problems = Diagnostics::default();
    if let Err(found) = default.words_in(code) {
        problems.extend(found);
    }
    let (read, _) = Strings::load(code, strings);
    problems.extend(Grammar::new(&read, &language.usage.vocabulary).1);
    let mut left: Vec<&UntranslatedWords> = (default.untranslated_words.iter())
        .filter(|w| w.codes.iter().any(|c| c == code))
        .collect();
    left.sort_by_key(|w| (w.location.line, w.location.column));
    if let Some(first) = left.first() {
        let lines: Vec<String> = left
            .iter()
            .take(8)
            .map(|w| format!("`{}` (line {})", w.field, w.location.line))
            .collect();
        let more = if left.len() > lines.len() {
            ", …"
        } else {
            ""
        };
        let warning = default
            .source
            .error(
                Code::UntranslatedLabel,
                first.location.clone(),
                format!(
                    "{} of the words site.yaml declares have no `{code}` form: pages in `{code}` show the default language's",
                    left.len()
                ),
            )
            .with_help(format!(
                "write each as its forms by language, as `label: {{{}: …, {code}: …}}`: {}{more}",
                default.languages.default,
                lines.join(", ")
            ))
            .into_warning();
        problems.push(warning);
    }
    problems
}

/// The interface strings files of the language `config` is for (a
/// language's config, `Config::for_language`): the theme's, then the
/// site's, as `Sources::strings` holds them for the default language.
pub fn language_strings(config: &Config) -> (Vec<SourceFile>, Diagnostics) {
    let mut problems = Diagnostics::default();
    let strings = load_strings(config, &mut problems);
    (strings, problems)
}

impl Sources {
    /// Loads everything. Files with problems are kept as problems, so later
    /// stages can report theirs in the same run.
    pub fn load(config: &Config) -> Sources {
        let root = &config.root;
        let mut template_problems = Diagnostics::default();
        let templates = load_templates(config, &mut template_problems);
        let strings = load_strings(config, &mut template_problems);
        let grammar = grammar_of(config, &strings, &mut template_problems);
        let shape = Arc::new(Shape::of(config));
        let products_shape = Arc::clone(&shape);
        let (static_files, assets, static_problems) = list_static(config);
        // The products load beside the other folders: each folder's load
        // ends on one core (listing its files is serial, and so are its
        // map and its duplicate slugs), which the other's reading fills.
        let (products, (categories, guides, pages, verdicts, terms)) = rayon::join(
            || {
                let parse = move |file| parse_product(&products_shape, file);
                Folder::load(
                    config,
                    Path::new(CONTENT).join("products"),
                    YAML,
                    Arc::new(parse),
                )
            },
            || {
                let guides = move |file| parse_guide(&shape, file);
                // A page files under no taxonomy: its shape has none.
                let pages = |file| parse_guide(&Shape::default(), file);
                (
                    Folder::load(
                        config,
                        Path::new(CONTENT).join("categories"),
                        YAML,
                        Arc::new(parse_category),
                    ),
                    Folder::load(
                        config,
                        Path::new(CONTENT).join("guides"),
                        &["md"],
                        Arc::new(guides),
                    ),
                    Folder::load_nested(
                        config,
                        Path::new(CONTENT).join(PAGES),
                        &["md"],
                        Arc::new(pages),
                    ),
                    Folder::load(
                        config,
                        Path::new(CONTENT).join("compare"),
                        &["md"],
                        Arc::new(parse_verdict),
                    ),
                    config
                        .taxonomies
                        .iter()
                        .map(|t| {
                            let dir = Path::new(CONTENT).join(&t.key);
                            let folder = Folder::load(config, dir, YAML, Arc::new(parse_term_info));
                            (t.key.clone(), folder)
                        })
                        .collect(),
                )
            },
        );
        let mut sources = Sources {
            categories,
            products,
            guides,
            pages,
            verdicts,
            terms,
            templates,
            strings,
            grammar,
            template_problems: template_problems.0,
            static_problems,
            static_files,
            assets,
            images: ImageFiles::default(),
            translations: BTreeMap::new(),
            translation_problems: Vec::new(),
        };
        sources.load_translations(config);
        sources.images = ImageFiles::read(root, sources.image_paths(), &config.limits);
        sources
    }

    /// Reads every translation file again (a site of one language has none).
    fn load_translations(&mut self, config: &Config) {
        (self.translations, self.translation_problems) = translations::load(config, self);
    }

    /// Every image file the content names, each once.
    fn image_paths(&self) -> BTreeSet<PathBuf> {
        let categories = self.categories.entries().flat_map(|e| e.raw.images.iter());
        let products = self.products.entries().flat_map(|e| e.raw.images.iter());
        let guides = (self.guides.entries().chain(self.pages.entries()))
            .flat_map(|e| e.raw.front.images.iter());
        categories
            .chain(products)
            .chain(guides)
            .filter_map(|image| image.path.clone())
            .collect()
    }

    /// Re-reads what `changed` (paths relative to the root) touches.
    pub fn reload(&mut self, config: &Config, changed: &[PathBuf]) -> Reloaded {
        let root = &config.root;
        let mut content = false;
        content |= self.categories.reload(root, changed);
        content |= self.products.reload(root, changed);
        content |= self.guides.reload(root, changed);
        content |= self.pages.reload(root, changed);
        content |= self.verdicts.reload(root, changed);
        for folder in self.terms.values_mut() {
            content |= folder.reload(root, changed);
        }
        // Translations are few beside their originals, and a change to an
        // original may make one an orphan or not: all are read again.
        if content && config.languages.several() {
            self.load_translations(config);
        }
        // An image edit changes what the files that show it read as.
        content |= self
            .images
            .refresh(root, self.image_paths(), changed, &config.limits);
        let theme = Path::new(THEMES).join(&config.theme);
        let under = |dirs: &[&Path]| {
            changed
                .iter()
                .any(|p| dirs.iter().any(|d| p.starts_with(d) || d.starts_with(p)))
        };
        // Strings are compiled into the templates and every page uses them.
        let strings = under(&[&theme.join(STRINGS), Path::new(STRINGS)]);
        let mut templates = TemplateChange::Unchanged;
        if strings || under(&[&theme.join(TEMPLATES), Path::new(TEMPLATES)]) {
            let mut problems = Diagnostics::default();
            let before = std::mem::take(&mut self.templates);
            self.templates = load_templates(config, &mut problems);
            self.strings = load_strings(config, &mut problems);
            self.grammar = grammar_of(config, &self.strings, &mut problems);
            self.template_problems = problems.0;
            templates = if strings {
                TemplateChange::All
            } else {
                TemplateChange::between(&before, &self.templates)
            };
        }
        let static_files = under(&[&theme.join(STATIC), Path::new(STATIC)]);
        if static_files {
            let assets;
            (self.static_files, assets, self.static_problems) = list_static(config);
            // Templates name assets by their published names: new hashes
            // mean new pages.
            if assets != self.assets {
                self.assets = assets;
                templates = TemplateChange::All;
            }
        }
        Reloaded {
            content,
            templates,
            static_files,
        }
    }

    /// Takes the products' and guides' entries out, once their problems
    /// are known (`check`), for a model that reads them once: it drops
    /// each entry as soon as it is made from it. Held whole beside the
    /// whole model, they made the peak of a large build.
    pub fn take_entries(&mut self) -> Taken {
        let (products, guides) = (&mut self.products, &mut self.guides);
        let (products, guides) = rayon::join(|| products.take_entries(), || guides.take_entries());
        Taken { products, guides }
    }

    /// Lets go of the content files' parsed entries once the model holds
    /// what it needs of them: a build or a check reads them no more (the
    /// preview keeps them, to re-read only the files that change). They
    /// are a large part of the build's memory that would otherwise stay to
    /// the end of the build. Templates, strings and static files stay.
    ///
    /// They are dropped on another core, while this one goes on: freeing
    /// them on this one kept it busy while the other sat idle.
    pub fn release_content(&mut self) {
        let released = (
            self.categories.release(),
            self.products.release(),
            self.guides.release(),
            self.pages.release(),
            self.verdicts.release(),
            self.terms
                .values_mut()
                .map(Folder::release)
                .collect::<Vec<_>>(),
        );
        rayon::spawn(move || drop(released));
    }

    /// Whether the theme site.yaml names was not found (already reported).
    pub fn theme_missing(&self) -> bool {
        self.template_problems
            .iter()
            .any(|d| d.code == Code::UnknownTheme)
    }

    /// Every problem found while loading.
    pub fn problems(&self) -> Diagnostics {
        self.check().0
    }

    /// Slugs of content files that exist but could not be read or parsed:
    /// references to them are not reported again as unknown.
    pub fn unreadable(&self) -> BTreeSet<String> {
        self.check().1
    }

    /// `problems` and `unreadable` in one pass over the files.
    pub fn check(&self) -> (Diagnostics, BTreeSet<String>) {
        let mut out = Diagnostics(self.template_problems.clone());
        out.extend(self.static_problems.iter().cloned());
        out.extend(self.translation_problems.iter().cloned());
        let mut unreadable = BTreeSet::new();
        self.folder_problems(&mut out, &mut unreadable);
        (out, unreadable)
    }

    fn folder_problems(&self, out: &mut Diagnostics, unreadable: &mut BTreeSet<String>) {
        self.categories.problems(out, unreadable);
        self.products.problems(out, unreadable);
        self.guides.problems(out, unreadable);
        self.pages.problems(out, unreadable);
        self.verdicts.problems(out, unreadable);
        for folder in self.terms.values() {
            folder.problems(out, unreadable);
        }
    }
}
