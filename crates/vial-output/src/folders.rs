//! The folders of the output a commit touches: each checked to be a real
//! folder inside the output (never a symbolic link out of it), made when
//! missing, and writable.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::is_writable;
use super::problems::{self, io_problem};
use vial_base::diagnostic::Diagnostic;

/// The folders below the output that files go to or come from: checked to
/// be real folders (no links out of the output), and made when missing.
pub(super) struct Folders<'d> {
    dir: &'d Path,
    /// Folders found real, or made, relative to the output.
    real: FxHashSet<String>,
    /// Folders made for this build, in the order they were made.
    made: Vec<PathBuf>,
}

impl<'d> Folders<'d> {
    pub(super) fn new(dir: &'d Path) -> Self {
        Folders {
            dir,
            real: FxHashSet::default(),
            made: Vec::new(),
        }
    }

    /// Makes sure the folders of each of `paths` are real folders inside
    /// the output, making the missing ones; a link or a file in the way is
    /// the problem. The folders of one depth are looked at on every core,
    /// after those they are in.
    pub(super) fn prepare<'a>(
        &mut self,
        paths: impl Iterator<Item = &'a str>,
    ) -> Result<(), Diagnostic> {
        let mut by_depth: Vec<FxHashSet<&str>> = Vec::new();
        for path in paths {
            let mut end = path.len();
            while let Some(slash) = path[..end].rfind('/') {
                let folder = &path[..slash];
                let depth = folder.matches('/').count();
                if by_depth.len() <= depth {
                    by_depth.resize_with(depth + 1, FxHashSet::default);
                }
                if !by_depth[depth].insert(folder) {
                    break;
                }
                end = slash;
            }
        }
        let mut made_here: FxHashSet<&str> = FxHashSet::default();
        for level in by_depth {
            let level: Vec<&str> = level.into_iter().collect();
            let found: Vec<(&str, Result<bool, Diagnostic>)> = level
                .par_iter()
                .map(|folder| (*folder, self.make_real(folder, &made_here)))
                .collect();
            let mut problem = None;
            for (folder, result) in found {
                match result {
                    Ok(made) => {
                        if made {
                            self.made.push(self.dir.join(folder));
                            made_here.insert(folder);
                        }
                        self.real.insert(folder.to_string());
                    }
                    Err(d) => problem = problem.or(Some(d)),
                }
            }
            if let Some(problem) = problem {
                return Err(problem);
            }
        }
        Ok(())
    }

    /// Makes sure `folder` is a real folder of the output; whether it was
    /// made. A folder whose parent was just made is made without a look.
    fn make_real(&self, folder: &str, made: &FxHashSet<&str>) -> Result<bool, Diagnostic> {
        let parent_made = folder
            .rfind('/')
            .is_some_and(|slash| made.contains(&folder[..slash]));
        let absolute = self.dir.join(folder);
        let found = if parent_made {
            Err(io::ErrorKind::NotFound.into())
        } else {
            fs::symlink_metadata(&absolute)
        };
        match found {
            Ok(meta) if meta.is_dir() => Ok(false),
            Ok(meta) => Err(problems::blocked(
                self.dir,
                Path::new(folder),
                meta.is_symlink(),
            )),
            Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir(&absolute)
                .map(|()| true)
                .map_err(|e| io_problem("create the folder", &absolute, &e)),
            Err(e) => Err(io_problem("look at", &absolute, &e)),
        }
    }

    /// Whether every folder of `path` is a real folder of the output (or
    /// missing: then so is the file).
    pub(super) fn is_real(&mut self, path: &str) -> bool {
        let mut at = 0;
        while let Some(slash) = path[at..].find('/') {
            let folder = &path[..at + slash];
            at += slash + 1;
            if self.real.contains(folder) {
                continue;
            }
            match fs::symlink_metadata(self.dir.join(folder)) {
                Ok(meta) if meta.is_dir() => {
                    self.real.insert(folder.to_string());
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => return true,
                _ => return false,
            }
        }
        true
    }

    /// Removes the folders it made (they are still empty), deepest first.
    pub(super) fn undo(&self) {
        for folder in self.made.iter().rev() {
            let _ = fs::remove_dir(folder);
        }
    }
}

/// A folder the commit must change but cannot write into.
pub(super) fn unwritable_folder<'a>(
    dir: &Path,
    touched: impl Iterator<Item = &'a String>,
) -> Option<PathBuf> {
    let mut seen = HashSet::new();
    for path in touched {
        let mut folder = dir.join(path);
        // The nearest folder that exists is the one written into.
        while folder.pop() && folder.starts_with(dir) {
            if seen.contains(&folder) {
                break;
            }
            if folder.is_dir() {
                if !is_writable(&folder) {
                    return Some(folder);
                }
                seen.insert(folder.clone());
                break;
            }
        }
    }
    None
}
