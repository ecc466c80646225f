//! The only stage that writes: brings the output folder up to date with a
//! build, and never changes or deletes a file vial did not write.
//!
//! What vial knows of the folder (the files it wrote, with their hashes) is
//! kept in the site's `.vial/outputs/<key>/` (`state`), never in the output:
//! nothing found in the output decides what vial deletes.
//!
//! 1. `Output::open` decides whether the folder may be written: it must not
//!    be a file, and it must be the one vial last built there (its state,
//!    and the marker whose tag the state repeats) or empty, unless the
//!    build is forced; it must be writable. Leftovers of a killed build
//!    that the state names are deleted in the background.
//! 2. `Update::put` takes each file of the build. A file whose bytes and
//!    disk state match the manifest is left alone (it keeps its
//!    modification time); the others are written into a staging folder
//!    inside the output, flat (numbered files: creating folders is what
//!    costs most on a busy disk). A first build writes straight into the
//!    new folder.
//! 3. `Update::commit_checked` first checks that every internal link of the
//!    pages reaches a file of the new output (`links`). `Update::commit`
//!    then checks everything it is about to touch (`commit`): the folders
//!    files go to are real folders inside the output, and every file it
//!    replaces still has the bytes vial wrote. Only then does it move the
//!    staged files into place, delete the files of the last build that this
//!    one did not write (those whose bytes are still vial's), and write the
//!    new manifest. Any problem before the moves leaves the previous output
//!    exactly as it was.

mod commit;
mod dead_links;
mod folders;
mod guard;
mod manifest;
mod problems;
pub mod state;
#[cfg(test)]
mod tests;
mod update;
mod write;

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

pub use dead_links::LinkCheck;
pub use guard::{Unsafe, check as check_path, resolve};
pub use manifest::{Manifest, Record};
use problems::{io_problem, read_only};
pub use state::{MARKER, Place};
pub use update::{Committed, Failed, Removal, Update};
use vial_base::diagnostic::{Code, Diagnostic};
pub use write::Make;

/// What the last build read, for the next (`incremental::memo`): a file of
/// the output's state folder.
pub const MEMO: &str = "reads";
/// vial's own folders inside the output not yet removed: one name a line.
const PENDING: &str = "pending";

/// What the output folder is to this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// It does not exist yet.
    New,
    /// vial built it; the manifest lists its files.
    Ours,
    /// Every file in it may be replaced: it is empty, the build is forced,
    /// or a first build into it did not finish.
    Adopted,
}

/// The state of the previous output after a failed build, so the message
/// can say exactly what happened to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Previous {
    /// The previous output is exactly as it was.
    Untouched,
    /// There was none, and nothing was left behind.
    None,
    /// A problem while moving files into place left the output part old and
    /// part new; the next build finishes it.
    PartlyUpdated { replaced: usize, of: usize },
}

/// An output folder a build may write.
#[derive(Debug)]
pub struct Output {
    dir: PathBuf,
    place: Place,
    kind: Kind,
    /// Shared with the thread writing it after a rebuild (see `commit`).
    manifest: Arc<Manifest>,
    /// vial's own folders in the output that exist or may: leftovers of
    /// killed builds being deleted, this build's staging, the spares.
    pending: Mutex<BTreeSet<String>>,
    /// Threads deleting leftovers of killed builds, with the names they
    /// delete.
    cleanup: Vec<(JoinHandle<()>, Vec<String>)>,
    /// The manifest being written after a rebuild (see `commit`).
    writing: Option<JoinHandle<io::Result<()>>>,
    /// That write failed: the next build writes it first.
    unwritten: bool,
    /// The folder big files keep a spare in, when they do (see
    /// `keep_spares`).
    spares: Option<String>,
}

impl Output {
    /// Opens `dir`, the output of the site at `root`, for a build. Refuses
    /// a file, a folder vial did not write (unless `force`) and a folder it
    /// cannot write into; changes nothing in the output but deleting what a
    /// killed build left.
    pub fn open(root: &Path, dir: &Path, force: bool) -> Result<Output, Diagnostic> {
        let place = Place::of(root, dir);
        let (kind, manifest) = Self::inspect(&place, dir, force)?;
        let mut output = Output {
            dir: dir.to_path_buf(),
            place,
            kind,
            manifest: Arc::new(manifest),
            pending: Mutex::new(BTreeSet::new()),
            cleanup: Vec::new(),
            writing: None,
            unwritten: false,
            spares: None,
        };
        if kind != Kind::New {
            output.clear_leftovers();
        }
        // A build killed while it moved files in left the files it was
        // moving listed apart: they join the manifest before this build
        // lists its own.
        if kind == Kind::Ours && Manifest::has_added(&output.place) {
            let manifest = Arc::make_mut(&mut output.manifest);
            manifest.settle(dir);
            manifest
                .write(&output.place)
                .map_err(|e| io_problem("write the record of", dir, &e))?;
        }
        Ok(output)
    }

    /// What `dir` is to a build, and the manifest that applies, checked
    /// without changing anything: `vial check` reports the same refusals.
    fn inspect(place: &Place, dir: &Path, force: bool) -> Result<(Kind, Manifest), Diagnostic> {
        match fs::symlink_metadata(dir) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok((Kind::New, Manifest::new(state::new_tag())));
            }
            Err(e) => return Err(io_problem("look at", dir, &e)),
            Ok(_) => {}
        }
        let meta = match fs::metadata(dir) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(problems::dangling(dir)),
            Err(e) => return Err(io_problem("look at", dir, &e)),
        };
        if !meta.is_dir() {
            return Err(problems::not_a_folder(dir));
        }
        let marker = state::read_marker(dir);
        let recorded = Manifest::read(place);
        let kind = match (&recorded, marker) {
            (Ok(Some(m)), Some(tag)) if m.tag == tag && !m.partial => Kind::Ours,
            (Ok(Some(m)), Some(tag)) if m.tag == tag => Kind::Adopted,
            _ if force || is_empty(dir) => Kind::Adopted,
            (Err(e), _) if e.kind() != io::ErrorKind::InvalidData => {
                return Err(io_problem("read the record of", dir, e));
            }
            (recorded, marker) => {
                let found = problems::Found {
                    marker: marker.is_some(),
                    record: match recorded {
                        Ok(Some(_)) => problems::Record::Present,
                        Ok(None) => problems::Record::Missing,
                        Err(_) => problems::Record::Damaged,
                    },
                    older_vial: dir.join(".vial-manifest").is_file(),
                };
                return Err(problems::not_ours(dir, &place.folder, &found));
            }
        };
        if !is_writable(dir) {
            return Err(read_only(dir));
        }
        let manifest = match (kind, recorded) {
            (Kind::Ours, Ok(Some(manifest))) => manifest,
            // An unfinished first build: the folder is still that build's.
            (_, Ok(Some(manifest))) if Some(manifest.tag) == marker => Manifest::new(manifest.tag),
            _ => Manifest::new(state::new_tag()),
        };
        Ok((kind, manifest))
    }

    /// Checks `dir` as `open` would, changing nothing. A folder vial did not
    /// write is a warning here: `check` writes nothing, `build` refuses.
    pub fn check(root: &Path, dir: &Path) -> Result<Option<Diagnostic>, Diagnostic> {
        match Self::inspect(&Place::of(root, dir), dir, false) {
            Ok(_) => Ok(None),
            Err(d) if d.code == Code::OutputNotOurs && dir.is_dir() => Ok(Some(d.into_warning())),
            Err(d) => Err(d),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The output's state folder.
    pub fn place(&self) -> &Place {
        &self.place
    }

    /// From now on, the file a big file replaces is kept as a spare, and
    /// the next version of that file is written into it. On tmpfs, writing
    /// a new big file (`products.json`) is much slower than writing over
    /// one, the pages of a new file being found one by one. For a
    /// session of rebuilds (`vial serve`); the spares go when the output
    /// is dropped, or else with the next build's leftovers.
    pub fn keep_spares(&mut self) {
        let name = format!(".vial-spares-{:016x}", state::new_tag());
        if self.note_pending(Some(&name), None).is_ok() {
            self.spares = Some(name);
        }
    }

    /// Whether the last build's file at `path` was big (`BIG_FILE`).
    fn is_big(&self, path: &str) -> bool {
        self.manifest
            .files
            .get(path)
            .is_some_and(|r| r.size >= update::BIG_FILE)
    }

    /// Where the spare of the file at `path` waits, when spares are kept.
    fn spare_of(&self, path: &str) -> Option<PathBuf> {
        let folder = self.spares.as_ref()?;
        let name = format!("{:016x}", manifest::hash(path.as_bytes()));
        Some(self.dir.join(folder).join(name))
    }

    /// Records that vial's folder `add` may exist in the output from now
    /// on, and that `remove` no longer does: written before the folder is
    /// made, so that only folders vial made are ever cleared.
    fn note_pending(&self, add: Option<&str>, remove: Option<&[String]>) -> io::Result<()> {
        let mut pending = problems::lock(&self.pending);
        pending.extend(add.map(str::to_string));
        if let Some(names) = remove {
            for name in names {
                pending.remove(name);
            }
        }
        if pending.is_empty() {
            return self.place.remove(PENDING);
        }
        let mut body = String::new();
        for name in pending.iter() {
            body.push_str(name);
            body.push('\n');
        }
        self.place.write(PENDING, "pending", body.as_bytes())
    }

    /// Deletes, in the background, vial's own folders that a killed build
    /// or session left (those its state names, and only if they are still
    /// real folders): a killed build must not slow the next one down.
    fn clear_leftovers(&mut self) {
        let Ok(Some(body)) = self.place.read(PENDING, "pending") else {
            return;
        };
        let names: Vec<String> = body
            .lines()
            .filter(|name| state::is_bookkeeping_name(name))
            .map(str::to_string)
            .collect();
        problems::lock(&self.pending).extend(names.iter().cloned());
        let folders: Vec<PathBuf> = names
            .iter()
            .map(|name| self.dir.join(name))
            .filter(|path| fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()))
            .collect();
        let handle = std::thread::spawn(move || {
            for folder in folders {
                clear_folder(&folder);
            }
        });
        self.cleanup.push((handle, names));
    }

    /// Stores what the build just committed read, for the next build
    /// (`incremental::memo`). Should that fail, no memo is left, and the
    /// next build renders every page.
    pub fn store_memo(&self, bytes: &[u8]) {
        if self.place.write_bytes(MEMO, bytes).is_err() {
            let _ = self.place.remove(MEMO);
        }
    }

    /// Waits for the deletion of leftovers to finish.
    pub fn finish_cleanup(&mut self) {
        let mut cleared = Vec::new();
        for (handle, names) in self.cleanup.drain(..) {
            let _ = handle.join();
            cleared.extend(names);
        }
        if !cleared.is_empty() {
            let _ = self.note_pending(None, Some(&cleared));
        }
    }

    /// Waits for the manifest of the last rebuild to be written.
    pub fn settle(&mut self) {
        if let Some(handle) = self.writing.take() {
            self.unwritten |= !matches!(handle.join(), Ok(Ok(())));
        }
    }

    /// Starts writing a build.
    pub fn begin(&mut self) -> Result<Update<'_>, Diagnostic> {
        self.settle();
        if self.unwritten {
            self.manifest
                .write(&self.place)
                .map_err(|e| io_problem("write the record of", &self.dir, &e))?;
            self.unwritten = false;
        }
        let staging = match self.kind {
            Kind::New => {
                self.create()?;
                self.dir.clone()
            }
            Kind::Ours | Kind::Adopted => {
                // The staging folder comes with the first changed file, so
                // a build that changes nothing leaves the folder untouched.
                if !is_writable(&self.dir) {
                    let denied = io::Error::from(io::ErrorKind::PermissionDenied);
                    return Err(io_problem("write into", &self.dir, &denied));
                }
                let name = format!(".vial-staging-{:016x}", state::new_tag());
                self.dir.join(name)
            }
        };
        Ok(Update::new(self, staging))
    }

    /// Makes the folder of a first build, marked as vial's and recorded as
    /// partial: should the build be killed, the next one finds a folder
    /// that is vial's and replaces all of it.
    fn create(&mut self) -> Result<(), Diagnostic> {
        if let Some(parent) = self.dir.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| io_problem("create the output folder", &self.dir, &e))?;
        }
        fs::create_dir(&self.dir)
            .map_err(|e| io_problem("create the output folder", &self.dir, &e))?;
        let partial = Manifest {
            partial: true,
            ..Manifest::new(self.manifest.tag)
        };
        state::write_marker(&self.dir, partial.tag)
            .and_then(|()| partial.write(&self.place))
            .map_err(|e| {
                let _ = fs::remove_dir_all(&self.dir);
                io_problem("write into", &self.dir, &e)
            })
    }

    /// Forgets a first build that failed: its folder is gone.
    fn forget_new(&self) {
        let _ = fs::remove_dir_all(&self.dir);
        let _ = fs::remove_dir_all(&self.place.folder);
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Some(spares) = self.spares.take() {
            let _ = fs::remove_dir_all(self.dir.join(&spares));
            let _ = self.note_pending(None, Some(&[spares]));
        }
    }
}

/// Deletes one of vial's own folders in the output: the files in it that
/// vial names as it does there (staged files are numbered, spares are
/// named by a hash), then the folder if that left it empty. Anything else
/// found in it is not vial's, and stays.
fn clear_folder(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let stem = name.strip_suffix(".next").unwrap_or(&name);
        let vials = !stem.is_empty() && stem.bytes().all(|b| b.is_ascii_hexdigit());
        if vials && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
    let _ = fs::remove_dir(folder);
}

/// Whether `dir` holds nothing, or nothing but vial's marker.
fn is_empty(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .all(|e| e.file_name() == MARKER)
    })
}

/// Whether this process may create and delete entries in `dir`.
#[cfg(unix)]
fn is_writable(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `path` is a valid NUL-terminated string for the call.
    unsafe { libc::access(path.as_ptr(), libc::W_OK | libc::X_OK) == 0 }
}

#[cfg(not(unix))]
fn is_writable(dir: &Path) -> bool {
    fs::metadata(dir).is_ok_and(|m| !m.permissions().readonly())
}
