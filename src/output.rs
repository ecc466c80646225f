//! The only stage that writes: puts rendered pages and static files in the
//! output folder, all or nothing.
//!
//! A full build renders into a staging folder beside the output and swaps it
//! in only when every file is written, so a failed build never leaves a half
//! site and never touches the previous one.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Location};
use crate::load::StaticFile;
use crate::render::Page;

/// A new site being written beside the output folder. Pages go in as they
/// are rendered; `finish` swaps the folder in. Dropped unfinished (a build
/// that failed), it deletes itself and the previous output stays as it was.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    finished: bool,
}

fn io_error(what: &str, path: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::error(Location::file(path), format!("cannot {what}: {e}"))
        .with_help("check that the output folder's parent exists and is writable")
}

impl Staging {
    /// Creates the staging folder and copies the static files into it
    /// (pages of the same name, written later, win).
    pub fn new(output: &Path, statics: &[StaticFile]) -> Result<Staging, Diagnostic> {
        let dir = sibling(output, "staging");
        if dir.exists() {
            fs::remove_dir_all(&dir)
                .map_err(|e| io_error("remove an old staging folder", &dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| io_error("create the staging folder", &dir, e))?;
        let staging = Staging {
            dir,
            output: output.to_path_buf(),
            finished: false,
        };
        for file in statics {
            let to = staging.dir.join(file.target());
            let copied = to
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .and_then(|()| match file {
                    StaticFile::Disk { from, .. } => fs::copy(from, &to).map(|_| ()),
                    StaticFile::Builtin { bytes, .. } => fs::write(&to, bytes),
                });
            copied.map_err(|e| io_error("copy a static file", &to, e))?;
        }
        Ok(staging)
    }

    pub fn write(&self, page: &Page) -> Result<(), Diagnostic> {
        write_page(&self.dir, page)
            .map_err(|e| io_error("write a page", &self.dir.join(&page.path), e))
    }

    /// Puts the new site in place of the old one.
    pub fn finish(mut self) -> Result<(), Diagnostic> {
        swap_in(&self.dir, &self.output)
            .map_err(|e| io_error("replace the output folder", &self.output, e))?;
        self.finished = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes a whole site to `output`, replacing what was there only on success.
pub fn write_site(
    output: &Path,
    pages: &[Page],
    statics: &[StaticFile],
) -> Result<usize, Diagnostic> {
    let staging = Staging::new(output, statics)?;
    pages.par_iter().try_for_each(|page| staging.write(page))?;
    staging.finish()?;
    Ok(pages.len())
}

/// `public` becomes `.public.vial-<what>` in the same parent folder, so the
/// final rename stays on one file system.
fn sibling(output: &Path, what: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.vial-{what}"))
}

/// Writes one page below `dir`, creating its folders.
pub fn write_page(dir: &Path, page: &Page) -> io::Result<()> {
    let to = dir.join(&page.path);
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(to, &page.html)
}

fn swap_in(staging: &Path, output: &Path) -> io::Result<()> {
    let old = sibling(output, "old");
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    let had_output = output.exists();
    if had_output {
        fs::rename(output, &old)?;
    }
    if let Err(e) = fs::rename(staging, output) {
        // Put the previous site back before reporting.
        if had_output {
            let _ = fs::rename(&old, output);
        }
        return Err(e);
    }
    if had_output {
        fs::remove_dir_all(&old)?;
    }
    Ok(())
}

/// Brings an existing output folder up to date in place: writes `pages`
/// (each file replaced atomically, so a reader never sees half a page),
/// copies `statics`, and deletes `removed` paths. Used by rebuilds while a
/// preview server reads the folder.
pub fn sync(
    output: &Path,
    pages: &[&Page],
    statics: &[StaticFile],
    removed: &[String],
) -> Result<(), Diagnostic> {
    let io_error = |path: &Path, e: io::Error| {
        Diagnostic::error(
            Location::file(path),
            format!("cannot update the output: {e}"),
        )
        .with_help("check that the output folder is writable")
    };
    for file in statics {
        let to = output.join(file.target());
        let bytes = match file {
            StaticFile::Disk { from, .. } => fs::read(from).map_err(|e| io_error(from, e))?,
            StaticFile::Builtin { bytes, .. } => bytes.to_vec(),
        };
        replace_file(&to, &bytes).map_err(|e| io_error(&to, e))?;
    }
    pages.par_iter().try_for_each(|page| {
        let to = output.join(&page.path);
        replace_file(&to, page.html.as_bytes()).map_err(|e| io_error(&to, e))
    })?;
    for path in removed {
        let target = output.join(path);
        match fs::remove_file(&target) {
            Ok(()) => prune_empty_parents(output, &target),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error(&target, e)),
        }
    }
    Ok(())
}

/// Writes a sibling temp file, then renames it over the target.
fn replace_file(to: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)?;
    }
    let name = to
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temp = to.with_file_name(format!(".{name}.vial-tmp"));
    fs::write(&temp, bytes)?;
    fs::rename(&temp, to)
}

/// Removes folders left empty by a deleted page, up to the output root.
fn prune_empty_parents(output: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == output || !d.starts_with(output) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}
