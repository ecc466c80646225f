//! What the output stage says when it cannot, or will not, do something:
//! each message names the file a person can act on, and the fix.

use std::io;
use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};

use vial_base::diagnostic::{Code, Diagnostic, Diagnostics, Location, io_reason};

pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

pub fn io_problem(what: &str, path: &Path, error: &io::Error) -> Diagnostic {
    let help = match error.kind() {
        io::ErrorKind::PermissionDenied => format!("check the permissions of `{}`", path.display()),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            "free some space on the disk, then build again".to_string()
        }
        io::ErrorKind::InvalidFilename => {
            "shorten the name it comes from (a file name, a term)".to_string()
        }
        _ => format!("check that `{}` can be written", path.display()),
    };
    Diagnostic::error(
        Code::Io,
        Location::file(path),
        format!("cannot {what} `{}`: {}", path.display(), io_reason(error)),
    )
    .with_help(help)
}

pub fn read_only(dir: &Path) -> Diagnostic {
    Diagnostic::error(
        Code::Io,
        Location::file(dir),
        format!(
            "cannot write into `{}`: the folder is read-only",
            dir.display()
        ),
    )
    .with_help(format!(
        "make it writable (`chmod u+w {}`), or choose another output folder",
        dir.display()
    ))
}

/// One diagnostic for every write that failed: they share a cause. `path`
/// is the file of the output that could not be written.
pub fn write_failure(output: &Path, path: &Path, error: &io::Error, count: usize) -> Diagnostic {
    let mut d = io_problem("write", path, error);
    if count > 1 {
        d.message
            .push_str(&format!(" (and {} more files)", count - 1));
    }
    if matches!(
        error.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    ) {
        d = d.with_help(format!(
            "free some space on the disk that holds `{}`, then build again",
            output.display()
        ));
    }
    d
}

pub fn not_a_folder(dir: &Path) -> Diagnostic {
    Diagnostic::error(
        Code::OutputNotOurs,
        Location::file(dir),
        format!("the output `{}` is a file, not a folder", dir.display()),
    )
    .with_help(
        "vial leaves it alone: choose another output folder (`output:` in site.yaml, or `--output`), or move the file away",
    )
}

/// The output path is a symbolic link to nothing.
pub fn dangling(dir: &Path) -> Diagnostic {
    let target = std::fs::read_link(dir)
        .map(|t| format!(" `{}`", t.display()))
        .unwrap_or_default();
    Diagnostic::error(
        Code::OutputNotOurs,
        Location::file(dir),
        format!(
            "the output `{}` is a symbolic link to{target}, which does not exist",
            dir.display()
        ),
    )
    .with_help("create the folder it points to, or remove the link and let vial create the folder")
}

/// What the state says of a folder that is not the one vial last built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// The site has no record for this output.
    Missing,
    /// The record does not read whole.
    Damaged,
    /// A record exists, but does not match what is in the folder.
    Present,
}

/// What was found in a folder vial will not replace.
pub struct Found {
    /// It holds vial's marker.
    pub marker: bool,
    pub record: Record,
    /// It holds the list an older vial kept in the output itself.
    pub older_vial: bool,
}

/// A folder that exists, is not empty, and is not one vial can tell it
/// built: what was found, and the ways on.
pub fn not_ours(dir: &Path, state: &Path, found: &Found) -> Diagnostic {
    let shown = dir.display();
    let message = match (found.marker, found.record, found.older_vial) {
        (false, _, true) => format!(
            "the output folder `{shown}` was written by an older vial, which kept its list of files inside the folder; vial no longer trusts a list found there"
        ),
        (true, Record::Missing, _) => format!(
            "vial wrote `{shown}`, but this site has no record of the files it wrote there (`{}` is missing: a fresh checkout, or `.vial/` deleted)",
            state.display()
        ),
        (true, Record::Damaged, _) => format!(
            "vial wrote `{shown}`, but its record of the files it wrote there (`{}`) is damaged",
            state.display()
        ),
        (true, Record::Present, _) => format!(
            "`{shown}` is not the folder vial last built there: its marker does not match this site's record"
        ),
        (false, Record::Present, _) => format!(
            "`{shown}` has lost vial's marker `.vial-output`, so vial cannot tell it is the folder it built"
        ),
        (false, _, false) => {
            format!("the output folder `{shown}` already exists and vial did not write it")
        }
    };
    Diagnostic::error(Code::OutputNotOurs, Location::file(dir), message).with_help(
        "vial replaces only files it knows it wrote, so as never to delete yours: move the folder away or choose another output folder; or, if nothing in it is yours, run `vial build --force` once, which replaces and deletes everything in it",
    )
}

/// The files in the way, a few by name.
pub fn conflicts(output: &Path, mut paths: Vec<String>) -> Diagnostics {
    listed(output, &mut paths, |file| {
        Diagnostic::error(
            Code::OutputConflict,
            Location::file(file),
            format!(
                "`{}` was not written by vial, and the site has a file of that name",
                file.display()
            ),
        )
        .with_help("move it away (or into `static/`, to have vial copy it), then build again")
    })
}

/// Files vial wrote whose bytes changed since: it will not replace them.
pub fn edited(output: &Path, mut paths: Vec<String>) -> Diagnostics {
    listed(output, &mut paths, |file| {
        Diagnostic::error(
            Code::OutputConflict,
            Location::file(file),
            format!(
                "`{}` changed since vial wrote it, and vial does not overwrite changes it did not make",
                file.display()
            ),
        )
        .with_help(
            "make the change in the site's sources instead, then delete the file and build again",
        )
    })
}

/// A folder of the output that is a link (or a file) where vial must
/// write into a real folder.
pub fn blocked(output: &Path, folder: &Path, link: bool) -> Diagnostic {
    let shown = output.join(folder);
    let what = if link { "a symbolic link" } else { "a file" };
    Diagnostic::error(
        Code::OutputConflict,
        Location::file(&shown),
        format!(
            "`{}` is {what}, where vial writes a folder of the site: it writes only into real folders inside the output",
            shown.display()
        ),
    )
    .with_help("move it away (vial will make the folder), then build again")
}

/// Files of the last build that this one would delete, left in place:
/// their bytes are not vial's any more, or they lie through a link.
pub fn left_in_place(output: &Path, mut paths: Vec<String>) -> Diagnostics {
    let mut left = listed(output, &mut paths, |file| {
        Diagnostic::error(
            Code::OutputConflict,
            Location::file(file),
            format!(
                "`{}` is no longer part of the site, but it changed since vial wrote it, so it was left in place",
                file.display()
            ),
        )
        .with_help("delete it yourself if you do not need it")
    });
    for d in &mut left.0 {
        *d = d.clone().into_warning();
    }
    left
}

/// A diagnostic per path, the first ten by name, then one for the rest.
fn listed(output: &Path, paths: &mut [String], one: impl Fn(&Path) -> Diagnostic) -> Diagnostics {
    const SHOWN: usize = 10;
    paths.sort();
    let mut problems: Vec<Diagnostic> = paths
        .iter()
        .take(SHOWN)
        .map(|path| one(&output.join(path)))
        .collect();
    if let Some(first) = problems.first()
        && paths.len() > SHOWN
    {
        let mut more = first.clone();
        more.location = Location::file(output);
        more.message = format!(
            "and {} more files like it in `{}`",
            paths.len() - SHOWN,
            output.display()
        );
        problems.push(more);
    }
    Diagnostics(problems)
}
