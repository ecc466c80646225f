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

/// Writes a whole site to `output`, replacing what was there only on success.
pub fn write_site(
    output: &Path,
    pages: &[Page],
    statics: &[StaticFile],
) -> Result<usize, Diagnostic> {
    let staging = sibling(output, "staging");
    let io_error = |what: &str, path: &Path, e: io::Error| {
        Diagnostic::error(Location::file(path), format!("cannot {what}: {e}"))
            .with_help("check that the output folder's parent exists and is writable")
    };
    if staging.exists() {
        fs::remove_dir_all(&staging)
            .map_err(|e| io_error("remove old staging folder", &staging, e))?;
    }
    let written = write_files(&staging, pages, statics);
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(io_error("write the site", &staging, e));
    }
    swap_in(&staging, output).map_err(|e| {
        let _ = fs::remove_dir_all(&staging);
        io_error("replace the output folder", output, e)
    })?;
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

fn write_files(dir: &Path, pages: &[Page], statics: &[StaticFile]) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    // Static files first: a page of the same name wins.
    for file in statics {
        let to = dir.join(file.target());
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        match file {
            StaticFile::Disk { from, .. } => {
                fs::copy(from, &to)?;
            }
            StaticFile::Builtin { bytes, .. } => fs::write(&to, bytes)?,
        }
    }
    pages.par_iter().try_for_each(|page| write_page(dir, page))
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
