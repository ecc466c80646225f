//! One content folder (`content/products/`, `content/guides/`...) as the
//! loader holds it: each file read and parsed in parallel, keyed by path,
//! with what the model asks of it on every rebuild kept beside the files
//! (which file takes a slug, which has problems). It is its own place
//! because the preview keeps a folder between rebuilds and brings it up to
//! date file by file (`reload`), where the rest of the loader reads once.

use std::borrow::Cow;
use std::collections::hash_map::Entry as Slot;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::raw::{Entry, Parsed};
use super::read_source;
use super::translations::translation_of;
use super::walk::{self, Listed, is_ignored, list_files};
use crate::config::{Config, Languages, SLUG_LENGTH};
use vial_base::diagnostic::{Code, Diagnostic, Diagnostics, Location, SourceFile};

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
    /// The site's languages: a file named `<slug>.<code>.<ext>` for one of
    /// them is a translation (`translations`), no entry of this folder.
    languages: Languages,
    /// Whether a file's slug is its path below the folder (`help/contact`,
    /// free pages) rather than its name alone (products in subfolders).
    nested: bool,
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
    pub(super) fn load(
        config: &Config,
        dir: impl Into<PathBuf>,
        extensions: &'static [&'static str],
        parse: Parse<T>,
    ) -> Self {
        Self::load_as(config, dir.into(), extensions, parse, false)
    }

    /// `load`, each file's slug its path below `dir` (`help/contact`).
    pub(super) fn load_nested(
        config: &Config,
        dir: impl Into<PathBuf>,
        extensions: &'static [&'static str],
        parse: Parse<T>,
    ) -> Self {
        Self::load_as(config, dir.into(), extensions, parse, true)
    }

    fn load_as(
        config: &Config,
        dir: PathBuf,
        extensions: &'static [&'static str],
        parse: Parse<T>,
        nested: bool,
    ) -> Self {
        let root = &config.root;
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
            languages: config.languages.clone(),
            nested,
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
        let mut paths = listed.files;
        if self.languages.several() {
            let languages = &self.languages;
            paths.retain(|p| translation_of(p, languages).is_none());
        }
        let (parse, limit) = (&self.parse, self.limit);
        let below = self.nested.then_some(self.dir.as_path());
        let parsed: Vec<(PathBuf, Loaded<T>)> = paths
            .par_iter()
            .map(|absolute| {
                let relative = absolute
                    .strip_prefix(root)
                    .unwrap_or(absolute)
                    .to_path_buf();
                let slug = slug_of(&relative, below);
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
    pub(super) fn take_entries(&mut self) -> Vec<Entry<T>> {
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
    pub(super) fn release(&mut self) -> impl Send + 'static
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

    /// The file of the entry of `slug`, if `entries` lists one.
    pub fn path_of(&self, slug: &str) -> Option<&Path> {
        self.slugs.get(slug).map(PathBuf::as_path)
    }

    /// The slugs of the entries `entries` lists, in no order.
    pub fn slugs(&self) -> impl Iterator<Item = &str> {
        self.slugs.keys().map(String::as_str)
    }

    /// Brings the folder up to date with `changed` (paths relative to the
    /// root: files or folders, created, modified or deleted). Returns whether
    /// any of them concerned this folder.
    pub(super) fn reload(&mut self, root: &Path, changed: &[PathBuf]) -> bool {
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
    pub(super) fn problems(&self, out: &mut Diagnostics, unreadable: &mut BTreeSet<String>) {
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
                Err(_) => Cow::Owned(slug_of(path, self.nested.then_some(self.dir.as_path()))),
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
fn slug_of(path: &Path, below: Option<&Path>) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folders = below
        .and_then(|dir| path.parent()?.strip_prefix(dir).ok())
        .map(|p| p.components().map(|c| c.as_os_str().to_string_lossy()))
        .into_iter()
        .flatten();
    folders.map(|f| f.into_owned() + "/").collect::<String>() + &stem
}

/// Whether `slug` is valid: each of its folders' names and its file's
/// name a slug (only a nested folder's slugs have folders).
fn is_slug(slug: &str) -> bool {
    slug.split('/').all(crate::config::is_slug)
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
}
