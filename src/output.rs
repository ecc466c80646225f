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
