//! Listing a folder of the site: its files, sorted, without the hidden
//! files and the leftovers editors save beside them, and without what a
//! symbolic link leads to outside the site folder (vial publishes only
//! what the site holds, so a link to `~/Pictures/` is a problem at the
//! link, not a file to copy).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use vial_base::diagnostic::{Code, Diagnostic, Location};

/// What a walk of a folder found.
#[derive(Debug, Default)]
pub struct Listed {
    /// Files with one of the extensions asked for, sorted.
    pub files: Vec<PathBuf>,
    /// Links that lead out of the site folder, with where they lead.
    pub outside: Vec<(PathBuf, PathBuf)>,
}

impl Listed {
    /// One error per link out of the site, at the link (relative to `root`
    /// when inside it).
    pub fn problems(&self, root: &Path) -> Vec<Diagnostic> {
        self.outside
            .iter()
            .map(|(link, target)| outside_problem(root, link, target))
            .collect()
    }
}

/// A link that leads out of the site folder.
pub fn outside_problem(root: &Path, link: &Path, target: &Path) -> Diagnostic {
    let shown = link.strip_prefix(root).unwrap_or(link);
    Diagnostic::error(
        Code::LinkOutside,
        Location::file(shown),
        format!(
            "`{}` is a symbolic link to `{}`, outside the site folder: vial reads and publishes only what the site folder holds",
            shown.display(),
            target.display()
        ),
    )
    .with_help("copy what it links to into the site folder (links that stay inside it are fine)")
}

/// Where `path` leads if it leaves the site folder `root_real`
/// (canonical); `None` when it stays inside (or cannot be resolved, which
/// reading it then reports).
pub fn leads_outside(root_real: &Path, path: &Path) -> Option<PathBuf> {
    let real = path.canonicalize().ok()?;
    (!real.starts_with(root_real)).then_some(real)
}

/// Files under `dir` with one of `extensions` (any when empty), sorted;
/// editor temp files and hidden files are skipped, and links out of the
/// site folder `root` are listed apart, not followed.
pub fn list_files(root: &Path, dir: &Path, extensions: &[&str]) -> Listed {
    let root_real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut outside = Vec::new();
    // Sorted siblings walked depth first come out in path order, so the
    // sort below finds them sorted and does little of its costly comparing
    // of paths component by component.
    let mut files: Vec<PathBuf> = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && is_ignored(e.file_name().to_string_lossy().as_ref()) {
                return false;
            }
            // Only a link can lead out; its target is checked once, and
            // what lies below a link that stays inside stays inside too.
            match e
                .path_is_symlink()
                .then(|| leads_outside(&root_real, e.path()))
            {
                Some(Some(target)) => {
                    outside.push((e.path().to_path_buf(), target));
                    false
                }
                _ => true,
            }
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            extensions.is_empty()
                || p.extension()
                    .is_some_and(|ext| extensions.iter().any(|x| ext == *x))
        })
        .collect();
    files.sort();
    Listed { files, outside }
}

/// Hidden files and the temp files editors leave beside the ones they save:
/// vim's swap files and its `4913` write probe, `~` backups, emacs's
/// `#auto-save#` files (its `.#lock` links are hidden), JetBrains' safe-write
/// copies, kate's swap files and `.tmp` files.
pub fn is_ignored(name: &str) -> bool {
    const SUFFIXES: [&str; 10] = [
        "~",
        ".swp",
        ".swo",
        ".swx",
        ".swpx",
        ".kate-swp",
        ".tmp",
        "___jb_tmp___",
        "___jb_old___",
        "___jb_bak___",
    ];
    let auto_save = name.len() > 1 && name.starts_with('#') && name.ends_with('#');
    name.starts_with('.')
        || name == "4913"
        || auto_save
        || SUFFIXES.iter().any(|suffix| name.ends_with(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

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
