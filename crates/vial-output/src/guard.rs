//! Where the output may not go: a build replaces its output folder, so the
//! folder must never be the site's own sources, nor vial's own records.
//!
//! Paths are compared as the file system resolves them (after `..` and
//! symlinks), so `output: ./content/../content` or a symlink to the site
//! root are caught too.

use std::path::{Component, Path, PathBuf};

/// vial's own folder in the site: its caches and the records of what it
/// wrote (`state`).
const VIAL_FOLDER: &str = ".vial";

/// Why an output path is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsafe {
    /// The output is the site folder itself.
    IsRoot,
    /// The output holds the site folder (a parent of it).
    ContainsRoot,
    /// The output is one of the guarded folders.
    IsSources(&'static str),
    /// The output lies inside one of the guarded folders.
    InSources(&'static str),
}

impl Unsafe {
    /// What building there would do, in a sentence.
    pub fn explain(&self, shown: &str) -> String {
        match self {
            Unsafe::IsRoot => {
                format!(
                    "the output folder `{shown}` is the site folder itself: a build would replace the whole site"
                )
            }
            Unsafe::ContainsRoot => {
                format!(
                    "the output folder `{shown}` holds the site folder: a build would replace the whole site"
                )
            }
            Unsafe::IsSources(folder) => format!(
                "the output folder `{shown}` is `{folder}/`, which holds {}: a build would replace {}",
                holds(folder),
                them(folder)
            ),
            Unsafe::InSources(folder) => format!(
                "the output folder `{shown}` is inside `{folder}/`, which holds {}: a build would replace {}",
                holds(folder),
                them(folder)
            ),
        }
    }
}

fn holds(folder: &str) -> &'static str {
    if folder == VIAL_FOLDER {
        "vial's records of what it wrote"
    } else {
        "the site's sources"
    }
}

fn them(folder: &str) -> &'static str {
    if folder == VIAL_FOLDER {
        "them, and lose track of its own files"
    } else {
        "them"
    }
}

/// Checks that `output` is neither `root`, nor above it, nor one of the
/// folders the site is read from (`sources`, below `root`: what the loader
/// reads) or vial keeps its records in, nor inside one.
pub fn check(root: &Path, output: &Path, sources: &[&'static str]) -> Result<(), Unsafe> {
    let root = resolve(root);
    let output = resolve(output);
    if output == root {
        return Err(Unsafe::IsRoot);
    }
    if root.starts_with(&output) {
        return Err(Unsafe::ContainsRoot);
    }
    for &folder in sources.iter().chain(&[VIAL_FOLDER]) {
        let guarded = root.join(folder);
        if output == guarded {
            return Err(Unsafe::IsSources(folder));
        }
        if output.starts_with(&guarded) {
            return Err(Unsafe::InSources(folder));
        }
    }
    Ok(())
}

/// `path` as the file system resolves it: the longest part that exists is
/// canonicalized (symlinks followed), the rest is added with `.` and `..`
/// applied.
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut existing = absolute.as_path();
    let mut rest: Vec<Component> = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return apply(real, rest.into_iter().rev());
        }
        let Some(parent) = existing.parent() else {
            return apply(PathBuf::new(), absolute.components());
        };
        if let Some(last) = existing.components().next_back() {
            rest.push(last);
        }
        existing = parent;
    }
}

/// `base` with `components` applied: `..` goes up, `.` stays.
fn apply<'a>(mut base: PathBuf, components: impl Iterator<Item = Component<'a>>) -> PathBuf {
    for component in components {
        match component {
            Component::ParentDir => {
                base.pop();
            }
            Component::CurDir => {}
            other => base.push(other.as_os_str()),
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCES: [&str; 5] = ["content", "templates", "static", "themes", "i18n"];

    #[test]
    fn sources_and_the_root_are_refused_in_any_spelling() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("content/products")).unwrap();
        let refused = [
            (root.join("content"), Unsafe::IsSources("content")),
            (root.join("i18n"), Unsafe::IsSources("i18n")),
            (root.join(".vial"), Unsafe::IsSources(".vial")),
            (root.join(".vial/cache"), Unsafe::InSources(".vial")),
            (root.join("content/products"), Unsafe::InSources("content")),
            (
                root.join("content/../content/new"),
                Unsafe::InSources("content"),
            ),
            (
                root.join("themes/default/static"),
                Unsafe::InSources("themes"),
            ),
            (root.join("static"), Unsafe::IsSources("static")),
            (root.join("templates"), Unsafe::IsSources("templates")),
            (root.to_path_buf(), Unsafe::IsRoot),
            (root.join("."), Unsafe::IsRoot),
            (root.join("public/.."), Unsafe::IsRoot),
            (root.join(".."), Unsafe::ContainsRoot),
            (PathBuf::from("/"), Unsafe::ContainsRoot),
        ];
        for (output, why) in refused {
            assert_eq!(
                check(root, &output, &SOURCES),
                Err(why),
                "{}",
                output.display()
            );
        }
        assert_eq!(check(root, &root.join("public"), &SOURCES), Ok(()));
        assert_eq!(check(root, &root.join("site-out/kb"), &SOURCES), Ok(()));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_followed() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::os::unix::fs::symlink(root.join("content"), root.join("out")).unwrap();
        assert_eq!(
            check(root, &root.join("out"), &SOURCES),
            Err(Unsafe::IsSources("content"))
        );
        std::fs::create_dir_all(root.join("i18n")).unwrap();
        std::os::unix::fs::symlink(root.join("i18n"), root.join("public")).unwrap();
        assert_eq!(
            check(root, &root.join("public"), &SOURCES),
            Err(Unsafe::IsSources("i18n"))
        );
        std::os::unix::fs::symlink(root, root.join("me")).unwrap();
        assert_eq!(check(root, &root.join("me"), &SOURCES), Err(Unsafe::IsRoot));
    }
}
