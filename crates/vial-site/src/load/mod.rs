//! The only stage that reads the disk: walks `content/`, the theme and the
//! site's `templates/` and `static/`, and parses every YAML file and guide
//! front matter into raw values that keep their source positions.
//!
//! Nothing is validated against anything else here (that is `model`'s job);
//! only what a single file can tell: YAML syntax and shape, front matter
//! fences, file names that are not slugs, and two files with one slug.

use std::borrow::Cow;
use std::collections::hash_map::Entry as Slot;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::{Config, SLUG_LENGTH, is_slug};
use crate::default_theme;
use vial_base::diagnostic::{Code, Diagnostic, Diagnostics, Location, SourceFile};

mod images;
mod raw;
mod read;
pub mod walk;

pub use images::{ImageFile, ImageFiles, ImageFormat, ImageProblem, plain as image_error_words};
pub use raw::{
    Entry, IMAGE_EXTENSIONS, RawCategory, RawFrontMatter, RawGuide, RawImage, RawImages,
    RawProduct, RawSpecValue, RawTerm, RawTermInfo, RawTerms, RawTrait, RawUsage, RawVerdict,
    Shape, TaxonomyShape, image_path, parse_product,
};
use raw::{Parsed, parse_category, parse_guide, parse_term_info, parse_verdict};
pub use read::{iso_day, read_source};
pub use walk::is_ignored;
use walk::{Listed, list_files};

/// The folders of a site the loader reads, below the site folder: what
/// the user wrote. A build never writes into one (`output::guard`), and
/// `vial serve` watches them.
pub const CONTENT: &str = "content";
pub const TEMPLATES: &str = "templates";
pub const STATIC: &str = "static";
pub const THEMES: &str = "themes";
/// The site's own interface strings, `i18n/<language>.yaml`.
pub const STRINGS: &str = "i18n";
pub const SOURCE_FOLDERS: [&str; 5] = [CONTENT, TEMPLATES, STATIC, THEMES, STRINGS];

/// A template by the name tera knows it (`product.html`), with its file.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub name: String,
    pub file: SourceFile,
}

/// A file copied as is into the output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum StaticFile {
    /// A file on disk, at an absolute path.
    Disk { from: PathBuf, to: PathBuf },
    /// A file of the theme built into vial.
    Builtin { bytes: &'static [u8], to: PathBuf },
}

impl StaticFile {
    pub fn target(&self) -> &Path {
        match self {
            StaticFile::Disk { to, .. } | StaticFile::Builtin { to, .. } => to,
        }
    }

    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
        match self {
            StaticFile::Builtin { bytes, .. } => Ok(std::borrow::Cow::Borrowed(bytes)),
            StaticFile::Disk { from, .. } => std::fs::read(from).map(std::borrow::Cow::Owned),
        }
    }

    /// The same file published under another name.
    fn published_as(&self, name: PathBuf) -> StaticFile {
        match self {
            StaticFile::Disk { from, .. } => StaticFile::Disk {
                from: from.clone(),
                to: name,
            },
            StaticFile::Builtin { bytes, .. } => StaticFile::Builtin { bytes, to: name },
        }
    }
}

/// Where each static file is published, by the name templates ask
/// `asset(path=...)` for (`style.css` → `style.3f9a01c2.css`).
pub type Assets = BTreeMap<String, String>;

/// Files a browser may cache for a long time once their name carries a hash
/// of their bytes.
const FINGERPRINTED: &[&str] = &[
    "css", "js", "mjs", "svg", "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "woff", "woff2",
];

/// A file read: its entry, or the problems that stopped it.
type Loaded<T> = Result<Entry<T>, Vec<Diagnostic>>;

/// How a folder's files are parsed: the site's shape is part of it.
type Parse<T> = Arc<dyn Fn(SourceFile) -> Parsed<T> + Send + Sync>;

/// The parsed files of one content folder, keyed by path, so a rebuild can
/// re-read just the files that changed.
pub struct Folder<T> {
    dir: PathBuf,
    extensions: &'static [&'static str],
    parse: Parse<T>,
    /// The most bytes of one file read (`limits: text_file_mb`).
    limit: u64,
    files: BTreeMap<PathBuf, Loaded<T>>,
    /// Files whose slug an earlier file (path order) already has, each
    /// with that first file. Kept with `files`: the model asks for the
    /// entries several times per rebuild, and telling duplicates apart
    /// each time made a set of every slug of the folder.
    shadowed: BTreeMap<PathBuf, PathBuf>,
    /// Whether some loaded file's name is not a valid slug.
    misnamed: bool,
    /// The slug of every listed entry (see `entries`), with its file. Kept
    /// with `shadowed`: guides check their products against it on every
    /// rebuild, which would otherwise make a set of every slug each time.
    slugs: FxHashMap<String, PathBuf>,
    /// Files that have a problem of their own (a name that is no slug, a
    /// failure to read or parse, problems while reading), updated as files
    /// are read: finding them walked every entry on every rebuild. A
    /// file deleted since may still be listed; `problems` skips it.
    flagged: BTreeSet<PathBuf>,
}

impl<T> std::fmt::Debug for Folder<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Folder({}, {} files)",
            self.dir.display(),
            self.files.len()
        )
    }
}

impl<T: Send> Folder<T> {
    fn load(
        config: &Config,
        dir: impl Into<PathBuf>,
        extensions: &'static [&'static str],
        parse: Parse<T>,
    ) -> Self {
        let root = &config.root;
        let dir = dir.into();
        let listed = list_files(root, &root.join(&dir), extensions);
        let mut folder = Folder {
            dir,
            extensions,
            parse,
            limit: config.limits.text_file,
            files: BTreeMap::new(),
            shadowed: BTreeMap::new(),
            misnamed: false,
            slugs: FxHashMap::default(),
            flagged: BTreeSet::new(),
        };
        folder.read(root, listed);
        folder.find_shadowed();
        folder
    }

    /// Reads and parses the files `listed` (absolute) in parallel; a link
    /// out of the site is a problem of its own path.
    fn read(&mut self, root: &Path, listed: Listed) {
        let refused: Vec<(PathBuf, Loaded<T>)> = listed
            .outside
            .iter()
            .map(|(link, target)| {
                let relative = link.strip_prefix(root).unwrap_or(link).to_path_buf();
                let problem = walk::outside_problem(root, link, target);
                (relative, Err(vec![problem]))
            })
            .collect();
        let paths = listed.files;
        let (parse, limit) = (&self.parse, self.limit);
        let parsed: Vec<(PathBuf, Loaded<T>)> = paths
            .par_iter()
            .map(|absolute| {
                let relative = absolute
                    .strip_prefix(root)
                    .unwrap_or(absolute)
                    .to_path_buf();
                let slug = slug_of(&relative);
                let entry = read_source(root, &relative, limit)
                    .map_err(|d| vec![d])
                    .and_then(|file| parse(file))
                    .map(|(origin, raw, problems)| Entry {
                        slug,
                        origin,
                        raw,
                        problems,
                    });
                (relative, entry)
            })
            .collect();
        let parsed: Vec<(PathBuf, Loaded<T>)> = parsed.into_iter().chain(refused).collect();
        for (path, result) in &parsed {
            if has_problems(result) {
                self.flagged.insert(path.clone());
            } else {
                self.flagged.remove(path);
            }
        }
        if self.files.is_empty() {
            // In path order already: built in one go, where inserting one
            // by one compared paths a dozen times each.
            self.files = parsed.into_iter().collect();
        } else {
            self.files.extend(parsed);
        }
    }

    /// Which files' slugs were taken first by another file. Only entries
    /// that loaded and have a valid slug take one.
    fn find_shadowed(&mut self) {
        let mut first: FxHashMap<&str, &Path> =
            FxHashMap::with_capacity_and_hasher(self.files.len(), Default::default());
        let mut shadowed = BTreeMap::new();
        let mut misnamed = false;
        for (path, result) in &self.files {
            let Ok(entry) = result else { continue };
            if !is_slug(&entry.slug) {
                misnamed = true;
                continue;
            }
            match first.entry(&entry.slug) {
                Slot::Occupied(taken) => {
                    shadowed.insert(path.clone(), taken.get().to_path_buf());
                }
                Slot::Vacant(free) => {
                    free.insert(path);
                }
            }
        }
        self.slugs = first
            .into_iter()
            .map(|(slug, path)| (slug.to_string(), path.to_path_buf()))
            .collect();
        self.shadowed = shadowed;
        self.misnamed = misnamed;
    }

    /// Takes the listed entries (those `entries` gives) out of the folder;
    /// the folder still knows their slugs (`has_slug`).
    fn take_entries(&mut self) -> Vec<Entry<T>> {
        let all_listed = self.shadowed.is_empty() && !self.misnamed;
        std::mem::take(&mut self.files)
            .into_iter()
            .filter_map(|(path, result)| {
                let entry = result.ok()?;
                let listed =
                    all_listed || (is_slug(&entry.slug) && !self.shadowed.contains_key(&path));
                listed.then_some(entry)
            })
            .collect()
    }

    /// Forgets the files read, and what was found out about them; returns
    /// them, for the caller to drop.
    fn release(&mut self) -> impl Send + 'static
    where
        T: 'static,
    {
        (
            std::mem::take(&mut self.files),
            std::mem::take(&mut self.shadowed),
            std::mem::take(&mut self.slugs),
            std::mem::take(&mut self.flagged),
        )
    }

    /// Whether an entry listed by `entries` has this slug.
    pub fn has_slug(&self, slug: &str) -> bool {
        self.slugs.contains_key(slug)
    }

    /// The slugs of the entries `entries` lists, in no order.
    pub fn slugs(&self) -> impl Iterator<Item = &str> {
        self.slugs.keys().map(String::as_str)
    }

    /// Brings the folder up to date with `changed` (paths relative to the
    /// root: files or folders, created, modified or deleted). Returns whether
    /// any of them concerned this folder.
    fn reload(&mut self, root: &Path, changed: &[PathBuf]) -> bool {
        let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let dir = self.dir.as_path();
        let mut touched = false;
        let mut reread = Listed::default();
        let files_before = self.files.len();
        // Each file forgotten, and whether it had loaded.
        let mut forgotten: Vec<(PathBuf, bool)> = Vec::new();
        for path in changed {
            // A change to `content/` itself or above may add or remove this
            // whole folder.
            let (scope, concerns_us) = if path.starts_with(dir) {
                (path.as_path(), true)
            } else if dir.starts_with(path) {
                (dir, true)
            } else {
                (path.as_path(), false)
            };
            if !concerns_us {
                continue;
            }
            touched = true;
            // Forget what was under the changed path, then read what is there now.
            forgotten.extend(forget(&mut self.files, scope));
            let absolute = root.join(scope);
            if absolute.is_dir() {
                let listed = list_files(root, &absolute, self.extensions);
                reread.files.extend(listed.files);
                reread.outside.extend(listed.outside);
            } else if absolute.is_file() && self.wants(scope) {
                match walk::leads_outside(&real_root, &absolute) {
                    Some(target) => reread.outside.push((absolute, target)),
                    None => reread.files.push(absolute),
                }
            }
        }
        reread.files.sort();
        reread.files.dedup();
        self.read(root, reread);
        // Which files take a slug depends only on which paths hold entries
        // that loaded. When the same paths came back and all loaded, before
        // and now (a text edit, the usual case), the last answer holds:
        // finding it again walked every file of the folder.
        let same_entries = self.files.len() == files_before
            && forgotten
                .iter()
                .all(|(path, loaded)| *loaded && self.files.get(path).is_some_and(Result::is_ok));
        if !same_entries {
            self.find_shadowed();
        }
        touched
    }

    fn wants(&self, path: &Path) -> bool {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        !is_ignored(&name)
            && path
                .extension()
                .is_some_and(|ext| self.extensions.iter().any(|x| ext == *x))
    }

    /// Entries whose file name is a valid slug, the first of each slug.
    pub fn entries(&self) -> impl Iterator<Item = &Entry<T>> + Clone {
        // The usual folder: every file well named, no slug twice.
        let all_listed = self.shadowed.is_empty() && !self.misnamed;
        self.files.iter().filter_map(move |(path, result)| {
            let entry = result.as_ref().ok()?;
            let listed = all_listed || (is_slug(&entry.slug) && !self.shadowed.contains_key(path));
            listed.then_some(entry)
        })
    }

    /// Every problem of the folder. Files that failed, or read with
    /// problems, have their slugs put in `unreadable`: they are left out of
    /// the site, and links to them are not reported again.
    fn problems(&self, out: &mut Diagnostics, unreadable: &mut BTreeSet<String>) {
        // Only files flagged or shadowed have any, in path order.
        let mut paths: Vec<&PathBuf> = self.flagged.iter().chain(self.shadowed.keys()).collect();
        paths.sort();
        paths.dedup();
        let files = paths
            .into_iter()
            .filter_map(|path| Some((path, self.files.get(path)?)));
        for (path, result) in files {
            // The name is checked even when the content failed: both get fixed.
            let slug: Cow<str> = match result {
                Ok(entry) => Cow::Borrowed(&entry.slug),
                Err(_) => Cow::Owned(slug_of(path)),
            };
            if slug.len() > SLUG_LENGTH {
                out.push(
                    Diagnostic::error(
                        Code::FileName,
                        Location::file(path),
                        format!(
                            "file name `{slug}` is {} characters long; vial allows {SLUG_LENGTH}",
                            slug.len()
                        ),
                    )
                    .with_help("shorten it: the file name is the page's address"),
                );
            } else if !is_slug(&slug) {
                out.push(
                    Diagnostic::error(
                        Code::FileName,
                        Location::file(path),
                        format!("file name `{slug}` is not a valid slug"),
                    )
                    .with_help(format!(
                        "rename the file to `{}` (lowercase letters, digits and `-`)",
                        vial_base::text::slugify(&slug)
                    )),
                );
            }
            match (result, self.shadowed.get(path)) {
                (Err(problems), _) => {
                    out.extend(problems.iter().cloned());
                    unreadable.insert(slug.into_owned());
                }
                (Ok(entry), _) if !is_slug(&slug) => out.extend(entry.problems.iter().cloned()),
                (Ok(_), Some(first)) => out.push(
                    Diagnostic::error(
                        Code::DuplicateSlug,
                        Location::file(path),
                        format!("duplicate slug `{slug}`: {} has it too", first.display()),
                    )
                    .with_help("rename one of the two files; the file name is the slug"),
                ),
                (Ok(entry), None) => {
                    if !entry.problems.is_empty() {
                        out.extend(entry.problems.iter().cloned());
                        unreadable.insert(slug.into_owned());
                    }
                }
            }
        }
    }
}

/// Whether a file has a problem of its own, shadowed or not.
fn has_problems<T>(result: &Loaded<T>) -> bool {
    match result {
        Ok(entry) => !is_slug(&entry.slug) || !entry.problems.is_empty(),
        Err(_) => true,
    }
}

/// Everything a site is made of, as read from disk.
#[derive(Debug)]
pub struct Sources {
    pub categories: Folder<RawCategory>,
    pub products: Folder<RawProduct>,
    pub guides: Folder<RawGuide>,
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
    template_problems: Vec<Diagnostic>,
    /// Links among the static files that lead out of the site.
    static_problems: Vec<Diagnostic>,
    pub static_files: Vec<StaticFile>,
    pub assets: Assets,
    /// The image files products, categories and guides name.
    pub images: ImageFiles,
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

/// What a reload changed of the templates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum TemplateChange {
    #[default]
    Unchanged,
    /// These templates (by name) were edited, added or removed.
    Only(BTreeSet<String>),
    /// Something every template uses: the strings, or assets' names.
    All,
}

impl TemplateChange {
    pub fn any(&self) -> bool {
        *self != TemplateChange::Unchanged
    }

    fn and(self, other: TemplateChange) -> TemplateChange {
        use TemplateChange::*;
        match (self, other) {
            (All, _) | (_, All) => All,
            (Unchanged, change) | (change, Unchanged) => change,
            (Only(mut names), Only(more)) => {
                names.extend(more);
                Only(names)
            }
        }
    }

    /// The templates whose text differs between `before` and `after`.
    fn between(before: &[TemplateSource], after: &[TemplateSource]) -> TemplateChange {
        let texts = |templates: &[TemplateSource]| -> BTreeMap<String, Arc<str>> {
            templates
                .iter()
                .map(|t| (t.name.clone(), t.file.text.clone()))
                .collect()
        };
        let (before, after) = (texts(before), texts(after));
        let changed: BTreeSet<String> = before
            .keys()
            .chain(after.keys())
            .filter(|name| before.get(*name) != after.get(*name))
            .cloned()
            .collect();
        if changed.is_empty() {
            TemplateChange::Unchanged
        } else {
            TemplateChange::Only(changed)
        }
    }
}

const YAML: &[&str] = &["yaml", "yml"];

impl Sources {
    /// Loads everything. Files with problems are kept as problems, so later
    /// stages can report theirs in the same run.
    pub fn load(config: &Config) -> Sources {
        let root = &config.root;
        let mut template_problems = Diagnostics::default();
        let templates = load_templates(config, &mut template_problems);
        let strings = load_strings(config, &mut template_problems);
        let shape = Arc::new(Shape::of(config));
        let products_shape = Arc::clone(&shape);
        let (static_files, assets, static_problems) = list_static(config);
        // The products load beside the other folders: each folder's load
        // ends on one core (listing its files is serial, and so are its
        // map and its duplicate slugs), which the other's reading fills.
        let (products, (categories, guides, verdicts, terms)) = rayon::join(
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
            verdicts,
            terms,
            templates,
            strings,
            template_problems: template_problems.0,
            static_problems,
            static_files,
            assets,
            images: ImageFiles::default(),
        };
        sources.images = ImageFiles::read(root, sources.image_paths(), &config.limits);
        sources
    }

    /// Every image file the content names, each once.
    fn image_paths(&self) -> BTreeSet<PathBuf> {
        let categories = self.categories.entries().flat_map(|e| e.raw.images.iter());
        let products = self.products.entries().flat_map(|e| e.raw.images.iter());
        let guides = self
            .guides
            .entries()
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
        content |= self.verdicts.reload(root, changed);
        for folder in self.terms.values_mut() {
            content |= folder.reload(root, changed);
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
        let mut unreadable = BTreeSet::new();
        self.folder_problems(&mut out, &mut unreadable);
        (out, unreadable)
    }

    fn folder_problems(&self, out: &mut Diagnostics, unreadable: &mut BTreeSet<String>) {
        self.categories.problems(out, unreadable);
        self.products.problems(out, unreadable);
        self.guides.problems(out, unreadable);
        self.verdicts.problems(out, unreadable);
        for folder in self.terms.values() {
            folder.problems(out, unreadable);
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct FrontMatterSplit<'a> {
    pub yaml: &'a str,
    pub yaml_line_offset: usize,
    pub body: &'a str,
    pub body_line_offset: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub enum FrontMatterProblem {
    Missing,
    NotClosed,
}

/// Splits `---` fenced YAML front matter from the markdown body.
pub fn split_front_matter(text: &str) -> Result<FrontMatterSplit<'_>, FrontMatterProblem> {
    let text_start = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - text_start.len();
    let mut lines = text_start.split_inclusive('\n');
    let first = lines.next().ok_or(FrontMatterProblem::Missing)?;
    if first.trim_end() != "---" {
        return Err(FrontMatterProblem::Missing);
    }
    let yaml_start = bom + first.len();
    let mut offset = yaml_start;
    for (line_number, line) in (2..).zip(lines) {
        if line.trim_end() == "---" {
            return Ok(FrontMatterSplit {
                yaml: &text[yaml_start..offset],
                yaml_line_offset: 1,
                body: &text[offset + line.len()..],
                body_line_offset: line_number,
            });
        }
        offset += line.len();
    }
    Err(FrontMatterProblem::NotClosed)
}

fn slug_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Drops the files at or under `scope`. Paths order by component, so
/// they sit together from `scope` on: a one-file edit need not look at
/// all the others. Returns each path dropped, and whether its file had
/// loaded.
fn forget<V, E>(files: &mut BTreeMap<PathBuf, Result<V, E>>, scope: &Path) -> Vec<(PathBuf, bool)> {
    // `a/b/c` sorts before `a/b-c` and `a/b.yaml`: components compare
    // one by one.
    let under: Vec<PathBuf> = files
        .range::<Path, _>((std::ops::Bound::Included(scope), std::ops::Bound::Unbounded))
        .map(|(p, _)| p)
        .take_while(|p| p.starts_with(scope))
        .cloned()
        .collect();
    under
        .into_iter()
        .filter_map(|path| {
            let loaded = files.remove(&path)?.is_ok();
            Some((path, loaded))
        })
        .collect()
}

/// The strings files for the site's language: the theme's (English when the
/// theme has none for it, with a warning), then the site's own
/// `i18n/<language>.yaml`.
fn load_strings(config: &Config, problems: &mut Diagnostics) -> Vec<SourceFile> {
    let language = &config.language;
    let file_name = format!("{language}.yaml");
    let theme_dir = config.root.join(THEMES).join(&config.theme).join(STRINGS);
    let theme_file = |name: &str| -> Option<SourceFile> {
        if theme_dir.is_dir() {
            let relative = Path::new(THEMES)
                .join(&config.theme)
                .join(STRINGS)
                .join(name);
            read_inside(config, &relative).ok()
        } else if config.theme == default_theme::DEFAULT {
            default_theme::STRINGS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(n, text)| SourceFile::new(format!("(built-in theme)/i18n/{n}"), *text))
        } else {
            None
        }
    };
    let mut files = Vec::new();
    // A theme that does not exist is reported once, where it is named.
    let theme_exists =
        theme_dir.parent().is_some_and(Path::is_dir) || config.theme == default_theme::DEFAULT;
    match theme_file(&file_name) {
        _ if !theme_exists => {}
        Some(file) => files.push(file),
        None => {
            files.extend(theme_file("en.yaml"));
            problems.push(
                Diagnostic::error(
                    Code::MissingString,
                    config
                        .language_location
                        .clone()
                        .unwrap_or_else(|| Location::file(&config.source.path)),
                    format!("the theme has no strings for `{language}`; its English ones are used"),
                )
                .with_help(format!(
                    "translate them in i18n/{file_name} (the theme's i18n/en.yaml lists every key)"
                ))
                .into_warning(),
            );
        }
    }
    let site_file = Path::new(STRINGS).join(&file_name);
    if config.root.join(&site_file).is_file() {
        match read_inside(config, &site_file) {
            Ok(file) => files.push(file),
            Err(d) => problems.push(d),
        }
    }
    files
}

/// `read_source` for a file the loader names rather than finds in a walk:
/// a link out of the site folder is refused there too.
fn read_inside(config: &Config, relative: &Path) -> Result<SourceFile, Diagnostic> {
    let absolute = config.root.join(relative);
    if absolute.is_symlink() {
        let real_root = config
            .root
            .canonicalize()
            .unwrap_or_else(|_| config.root.clone());
        if let Some(target) = walk::leads_outside(&real_root, &absolute) {
            return Err(walk::outside_problem(&config.root, &absolute, &target));
        }
    }
    read_source(&config.root, relative, config.limits.text_file)
}

fn load_templates(config: &Config, problems: &mut Diagnostics) -> Vec<TemplateSource> {
    let mut by_name: BTreeMap<String, TemplateSource> = BTreeMap::new();
    let theme_dir = config.root.join(THEMES).join(&config.theme);
    if theme_dir.is_dir() {
        read_templates(config, &theme_dir.join(TEMPLATES), &mut by_name, problems);
    } else if config.theme == default_theme::DEFAULT {
        for (name, text) in default_theme::TEMPLATES {
            let file = SourceFile::new(format!("(built-in theme)/templates/{name}"), *text);
            by_name.insert(
                name.to_string(),
                TemplateSource {
                    name: name.to_string(),
                    file,
                },
            );
        }
    } else {
        let location = config
            .theme_location
            .clone()
            .unwrap_or_else(|| Location::file(&config.source.path));
        problems.push(
            config
                .source
                .error(
                    Code::UnknownTheme,
                    location,
                    format!("theme `{}` not found", config.theme),
                )
                .with_help(format!(
                    "create `themes/{}/templates/`, or set `theme: default` (the theme built into vial)",
                    config.theme
                )),
        );
    }
    // The site's own templates replace the theme's, file by file.
    read_templates(config, &config.root.join(TEMPLATES), &mut by_name, problems);
    by_name.into_values().collect()
}

fn read_templates(
    config: &Config,
    dir: &Path,
    by_name: &mut BTreeMap<String, TemplateSource>,
    problems: &mut Diagnostics,
) {
    let root = &config.root;
    let listed = list_files(root, dir, &["html", "xml", "txt"]);
    problems.extend(listed.problems(root));
    for absolute in listed.files {
        let name = absolute
            .strip_prefix(dir)
            .unwrap_or(&absolute)
            .to_string_lossy()
            .replace('\\', "/");
        let relative = absolute.strip_prefix(root).unwrap_or(&absolute);
        match read_source(root, relative, config.limits.text_file) {
            Ok(file) => {
                by_name.insert(name.clone(), TemplateSource { name, file });
            }
            Err(d) => problems.push(d),
        }
    }
}

/// The static files of the theme and the site, with what templates call
/// them, and the links among them that lead out of the site.
fn list_static(config: &Config) -> (Vec<StaticFile>, Assets, Vec<Diagnostic>) {
    let mut by_target: BTreeMap<PathBuf, StaticFile> = BTreeMap::new();
    let mut problems = Vec::new();
    let theme_dir = config.root.join(THEMES).join(&config.theme);
    if theme_dir.is_dir() {
        add_static_dir(
            config,
            &theme_dir.join(STATIC),
            &mut by_target,
            &mut problems,
        );
    } else if config.theme == default_theme::DEFAULT {
        for (name, bytes) in default_theme::STATIC {
            let to = PathBuf::from(name);
            by_target.insert(to.clone(), StaticFile::Builtin { bytes, to });
        }
    }
    add_static_dir(
        config,
        &config.root.join(STATIC),
        &mut by_target,
        &mut problems,
    );
    let mut assets = Assets::new();
    let mut files = Vec::with_capacity(by_target.len());
    for file in by_target.into_values() {
        let name = file.target().to_string_lossy().replace('\\', "/");
        let hashed = config
            .fingerprint_assets
            .then(|| fingerprinted_name(&file))
            .flatten();
        // The plain name stays published too: a stylesheet's `url(font.woff2)`
        // and links from outside the site keep working.
        if let Some(hashed) = hashed {
            assets.insert(name, hashed.to_string_lossy().replace('\\', "/"));
            files.push(file.published_as(hashed));
        } else {
            assets.insert(name.clone(), name);
        }
        files.push(file);
    }
    (files, assets, problems)
}

/// `css/style.css` → `css/style.1a2b3c4d.css`, for the kinds of files a
/// browser caches; `None` for others or when the file cannot be read (the
/// copy reports that).
fn fingerprinted_name(file: &StaticFile) -> Option<PathBuf> {
    let target = file.target();
    let extension = target.extension()?.to_str()?;
    if !FINGERPRINTED.contains(&extension.to_ascii_lowercase().as_str()) {
        return None;
    }
    let bytes = file.read().ok()?;
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    let stem = target.file_stem()?.to_string_lossy();
    Some(target.with_file_name(format!("{stem}.{:08x}.{extension}", hash as u32)))
}

fn add_static_dir(
    config: &Config,
    dir: &Path,
    by_target: &mut BTreeMap<PathBuf, StaticFile>,
    problems: &mut Vec<Diagnostic>,
) {
    let listed = list_files(&config.root, dir, &[]);
    problems.extend(listed.problems(&config.root));
    for from in listed.files {
        let to = from.strip_prefix(dir).unwrap_or(&from).to_path_buf();
        by_target.insert(to.clone(), StaticFile::Disk { from, to });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgetting_a_path_drops_it_and_what_is_under_it_only() {
        let paths = [
            "content/products/a.yaml",
            "content/products/b",
            "content/products/b/c.yaml",
            "content/products/b/d/e.yaml",
            "content/products/b-c.yaml",
            "content/products/b.yaml",
            "content/products/ba.yaml",
        ];
        let files = || -> BTreeMap<PathBuf, Result<(), ()>> {
            paths.iter().map(|p| (PathBuf::from(p), Ok(()))).collect()
        };
        let left = |scope: &str| {
            let mut files = files();
            forget(&mut files, Path::new(scope));
            files
                .into_keys()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            left("content/products/b"),
            [
                "content/products/a.yaml",
                "content/products/b-c.yaml",
                "content/products/b.yaml",
                "content/products/ba.yaml"
            ]
        );
        assert_eq!(left("content/products/b.yaml").len(), paths.len() - 1);
        assert_eq!(left("content/products/b/c.yaml").len(), paths.len() - 1);
        assert!(left("content").is_empty());
        assert_eq!(left("content/guides").len(), paths.len());
    }

    #[test]
    fn front_matter_is_split_from_the_body() {
        let split = split_front_matter("---\ntitle: A\n---\n# Body\n").unwrap();
        assert_eq!(split.yaml, "title: A\n");
        assert_eq!(split.body, "# Body\n");
        assert_eq!(split.body_line_offset, 3);
    }

    #[test]
    fn unclosed_or_missing_front_matter_is_reported() {
        assert_eq!(
            split_front_matter("---\ntitle: A\n# Body\n"),
            Err(FrontMatterProblem::NotClosed)
        );
        assert_eq!(
            split_front_matter("# Body\n"),
            Err(FrontMatterProblem::Missing)
        );
        assert_eq!(split_front_matter(""), Err(FrontMatterProblem::Missing));
    }

    #[test]
    fn editor_temp_files_are_ignored() {
        for name in [
            ".#a.md",
            "#a.md#",
            "a.md~",
            ".a.md.swp",
            "a.md.swo",
            "4913",
            "a.md___jb_tmp___",
            "a.md___jb_old___",
            "a.md.kate-swp",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        for name in ["a.md", "#", "c#-notes.md", "movie.swf", "4913.md"] {
            assert!(!is_ignored(name), "{name}");
        }
    }
}
