//! The only stage that writes: brings the output folder up to date with a
//! build, all or nothing, and never touches a file vial did not write.
//!
//! 1. `Output::open` decides whether the folder may be written: it must not
//!    be a file, it must be vial's own (its `.vial-manifest` says so) or
//!    empty, unless the build is forced, and it must be writable. Leftovers
//!    of a killed build are deleted in the background.
//! 2. `Update::put` takes each file of the build. A file whose bytes and
//!    disk state match the manifest is left alone (it keeps its
//!    modification time); the others are written into a staging folder
//!    inside the output, flat (numbered files: creating folders is what
//!    costs most on a busy disk). A first build writes straight into the
//!    new folder.
//! 3. `Update::commit_checked` first checks that every internal link of the
//!    pages reaches a file of the new output (`links`).
//!    `Update::commit` checks everything it is about to touch, then moves
//!    the staged files into place, deletes the files of the last build that
//!    this one did not write, and writes the new manifest. Any problem
//!    before that leaves the previous output exactly as it was.

mod guard;
mod links;
mod manifest;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::load::StaticFile;
pub use guard::{SOURCE_FOLDERS, Unsafe, check as check_path, resolve};
pub use links::LinkCheck;
use manifest::Updated;
pub use manifest::{MANIFEST, Manifest, Record};

/// Where staged files wait inside the output folder.
const STAGING: &str = ".vial-staging";
/// Leftover staging folders are renamed to this prefix, then deleted.
const TRASH: &str = ".vial-trash-";
/// Where the spares of big files wait between the rebuilds of `vial serve`
/// (see `Output::keep_spares`).
const SPARES: &str = ".vial-spares";
/// What the last build read, for the next (`incremental::memo`).
pub const MEMO: &str = ".vial-reads";
/// The memo being written, before it moves into place.
const MEMO_WRITING: &str = ".vial-reads.tmp";

/// What the output folder is to this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// It does not exist yet.
    New,
    /// vial wrote it; the manifest lists its files.
    Ours,
    /// Every file in it may be replaced: empty, forced, or left by a
    /// first build that did not finish.
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
    kind: Kind,
    /// Shared with the thread writing it after a rebuild (see `commit`).
    manifest: Arc<Manifest>,
    /// Threads deleting leftovers of killed builds.
    cleanup: Vec<JoinHandle<()>>,
    /// The manifest being written after a rebuild (see `commit`).
    writing: Option<JoinHandle<io::Result<()>>>,
    /// That write failed: the next build writes it first.
    unwritten: bool,
    /// Whether big files keep a spare (see `keep_spares`).
    spares: bool,
}

/// How to say `dir` in a message: as the user named it, relative to the
/// site when it is inside.
fn shown(dir: &Path) -> String {
    dir.display().to_string()
}

impl Output {
    /// Opens `dir` for a build. Refuses a file, a folder vial did not write
    /// (unless `force`) and a folder it cannot write into; changes nothing
    /// but deleting what a killed build left.
    pub fn open(dir: &Path, force: bool) -> Result<Output, Diagnostic> {
        let kind = Self::inspect(dir, force)?;
        let manifest = match kind {
            Kind::Ours => Manifest::read(dir)
                .map_err(|e| io_problem("read the manifest of", &dir.join(MANIFEST), &e))?
                .unwrap_or_default(),
            _ => Manifest::default(),
        };
        let mut output = Output {
            dir: dir.to_path_buf(),
            kind,
            manifest: Arc::new(manifest),
            cleanup: Vec::new(),
            writing: None,
            unwritten: false,
            spares: false,
        };
        if kind != Kind::New {
            output.clear_leftovers();
        }
        Ok(output)
    }

    /// What `dir` is to a build, checked without changing anything: `vial
    /// check` reports the same refusals.
    fn inspect(dir: &Path, force: bool) -> Result<Kind, Diagnostic> {
        let meta = match fs::metadata(dir) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Kind::New),
            Err(e) => return Err(io_problem("look at", dir, &e)),
        };
        if !meta.is_dir() {
            return Err(Diagnostic::error(
                Code::OutputNotOurs,
                Location::file(dir),
                format!("the output `{}` is a file, not a folder", shown(dir)),
            )
            .with_help(
                "vial leaves it alone: choose another output folder (`output:` in site.yaml, or `--output`), or move the file away",
            ));
        }
        let kind = match Manifest::read(dir) {
            Ok(Some(m)) if !m.partial => Kind::Ours,
            Ok(Some(_)) => Kind::Adopted,
            Ok(None) if force || is_empty(dir) => Kind::Adopted,
            Ok(None) => {
                return Err(Diagnostic::error(
                    Code::OutputNotOurs,
                    Location::file(dir),
                    format!("the output folder `{}` already exists and vial did not write it", shown(dir)),
                )
                .with_help(
                    "vial replaces only folders it wrote, so as never to delete your files: move the folder away, choose another output folder, or run `vial build --force` to replace it anyway",
                ));
            }
            Err(e) => return Err(io_problem("read the manifest of", &dir.join(MANIFEST), &e)),
        };
        if !is_writable(dir) {
            return Err(read_only(dir));
        }
        Ok(kind)
    }

    /// Checks `dir` as `open` would, changing nothing. A folder vial did not
    /// write is a warning here: `check` writes nothing, `build` refuses.
    pub fn check(dir: &Path) -> Result<Option<Diagnostic>, Diagnostic> {
        match Self::inspect(dir, false) {
            Ok(_) => Ok(None),
            Err(d) if d.code == Code::OutputNotOurs && dir.is_dir() => Ok(Some(d.into_warning())),
            Err(d) => Err(d),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// From now on, the file a big file replaces is kept as a spare, and
    /// the next version of that file is written into it. On tmpfs, writing
    /// a new 16 MB file (`products.json`) took twice as long as writing
    /// over one, the pages of a new file being found one by one. For a
    /// session of rebuilds (`vial serve`); the spares go when the output
    /// is dropped, or else with the next build's leftovers.
    pub fn keep_spares(&mut self) {
        self.spares = true;
    }

    /// Whether the last build's file at `path` was big (`BIG_FILE`).
    fn is_big(&self, path: &str) -> bool {
        self.manifest
            .files
            .get(path)
            .is_some_and(|r| r.size >= BIG_FILE)
    }

    /// Where the spare of the file at `path` waits.
    fn spare_of(&self, path: &str) -> PathBuf {
        let name = format!("{:016x}", manifest::hash(path.as_bytes()));
        self.dir.join(SPARES).join(name)
    }

    /// Moves leftover staging folders aside and deletes them in the
    /// background: a killed build must not slow the next one down.
    fn clear_leftovers(&mut self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let mut trash = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name == STAGING || name == SPARES {
                let aside =
                    self.dir
                        .join(format!("{TRASH}{}-{}", std::process::id(), unique_suffix()));
                if fs::rename(entry.path(), &aside).is_ok() {
                    trash.push(aside);
                }
            } else if name.starts_with(TRASH) {
                trash.push(entry.path());
            } else if name == MEMO_WRITING {
                // A memo a killed build did not finish.
                let _ = fs::remove_file(entry.path());
            }
        }
        if !trash.is_empty() {
            self.cleanup.push(std::thread::spawn(move || {
                for dir in trash {
                    let _ = fs::remove_dir_all(dir);
                }
            }));
        }
    }

    /// Stores what the build just committed read, for the next build
    /// (`incremental::memo`). Should that fail, no memo is left, and the
    /// next build renders every page.
    pub fn store_memo(&self, bytes: &[u8]) {
        let memo = self.dir.join(MEMO);
        let temporary = self.dir.join(MEMO_WRITING);
        let stored = fs::write(&temporary, bytes).and_then(|()| fs::rename(&temporary, &memo));
        if stored.is_err() {
            let _ = fs::remove_file(&temporary);
            let _ = fs::remove_file(&memo);
        }
    }

    /// Waits for the deletion of leftovers to finish.
    pub fn finish_cleanup(&mut self) {
        for handle in self.cleanup.drain(..) {
            let _ = handle.join();
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
                .write(&self.dir)
                .map_err(|e| io_problem("write into", &self.dir, &e))?;
            self.unwritten = false;
        }
        let staging = match self.kind {
            Kind::New => {
                fs::create_dir_all(&self.dir)
                    .map_err(|e| io_problem("create the output folder", &self.dir, &e))?;
                // Should this build be killed, the next one finds a folder
                // that is vial's and replaces all of it.
                let partial = Manifest {
                    partial: true,
                    ..Manifest::default()
                };
                partial.write(&self.dir).map_err(|e| {
                    let _ = fs::remove_dir_all(&self.dir);
                    io_problem("write into", &self.dir, &e)
                })?;
                self.dir.clone()
            }
            Kind::Ours | Kind::Adopted => {
                let staging = self.dir.join(STAGING);
                if staging.exists() {
                    let _ = fs::remove_dir_all(&staging);
                }
                // The staging folder comes with the first changed file, so
                // a build that changes nothing leaves the folder untouched.
                if !is_writable(&self.dir) {
                    let denied = io::Error::from(io::ErrorKind::PermissionDenied);
                    return Err(io_problem("write into", &self.dir, &denied));
                }
                staging
            }
        };
        Ok(Update {
            output: self,
            staging,
            puts: Mutex::new(HashMap::new()),
            staged: AtomicUsize::new(0),
            folders: Mutex::new(HashSet::new()),
            conflicts: Mutex::new(Vec::new()),
            failure: Mutex::new(None),
            failed: AtomicBool::new(false),
            failures: AtomicUsize::new(0),
            done: false,
        })
    }
}

/// A build being written. Dropped without `commit`, it removes what it
/// staged, and the previous output stays exactly as it was.
pub struct Update<'o> {
    output: &'o mut Output,
    /// Where files are written before they move into place; the output
    /// folder itself for a first build.
    staging: PathBuf,
    /// Every file of the build: its record, and how it was written.
    puts: Mutex<HashMap<String, (Record, Written)>>,
    /// Staged files so far, to number the next.
    staged: AtomicUsize,
    /// Folders this build made, or found there, for files: each is made
    /// once. Asked for every file, the search folder's 12,500 files at
    /// 10,000 products cost a failed `mkdir` and a `stat` each.
    folders: Mutex<HashSet<PathBuf>>,
    /// Files in the way that vial did not write.
    conflicts: Mutex<Vec<String>>,
    /// The first write that failed, and how many did.
    failure: Mutex<Option<(PathBuf, io::Error)>>,
    failed: AtomicBool,
    failures: AtomicUsize,
    done: bool,
}

/// How a file of the build reached the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    /// Same bytes as the file already there, which is left alone.
    Unchanged,
    /// Into the staging folder, under this number.
    Staged(usize),
    /// Over the spare of its path (`Output::keep_spares`), to be moved in
    /// like a staged file.
    Spare,
    /// Straight to its place (a first build).
    Direct,
}

type Puts = HashMap<String, (Record, Written)>;

/// Which files of the previous output a commit deletes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal<'a> {
    /// Every file the previous build wrote that this one did not: a full
    /// build.
    Unwritten,
    /// Just these paths, if vial wrote them: a rebuild that knows what went.
    Only(&'a [String]),
}

/// What a commit did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Committed {
    /// Files written (new or changed).
    pub written: usize,
    /// Files left alone because their bytes did not change.
    pub unchanged: usize,
    /// Files deleted.
    pub removed: usize,
}

/// Why a commit failed, and what became of the previous output.
#[derive(Debug)]
pub struct Failed {
    pub problems: Diagnostics,
    pub previous: Previous,
}

impl Update<'_> {
    /// Takes one file of the build (`path` below the output, `/`-separated).
    /// Safe to call from many threads. A failure is kept and reported once,
    /// by `commit`; after one, nothing more is written.
    pub fn put(&self, path: &str, bytes: &[u8]) {
        self.put_hashed(path, bytes, manifest::hash(bytes));
    }

    /// `put`, for a caller that already hashed `bytes` (xxh3, as
    /// `manifest::hash` does): a rebuild hashes its pages to tell which
    /// changed, and need not hash them twice.
    pub fn put_hashed(&self, path: &str, bytes: &[u8], hash: u64) {
        debug_assert_eq!(hash, manifest::hash(bytes), "{path}: not the bytes' hash");
        self.put_pieces(path, &[bytes], hash);
    }

    /// `put_hashed`, for a file made of `pieces` (written as they are,
    /// never joined). `hash` may be any hash of the bytes that is the same
    /// for the same bytes of this path: it is only compared with the one
    /// the last build kept for the path.
    pub fn put_pieces(&self, path: &str, pieces: &[&[u8]], hash: u64) {
        self.put_bytes(path, Bytes::Pieces(pieces), hash);
    }

    /// `put_pieces`, for a file too big to hold: `make` hands its pieces,
    /// in order, to the function it is given, and is called only if the
    /// file must be written.
    pub fn put_made(&self, path: &str, make: &Make<'_>, hash: u64) {
        self.put_bytes(path, Bytes::Made(make), hash);
    }

    fn put_bytes(&self, path: &str, bytes: Bytes<'_>, hash: u64) {
        if self.failed.load(Ordering::Relaxed) {
            self.failures.fetch_add(1, Ordering::Relaxed);
            return;
        }
        let target = self.output.dir.join(path);
        if self.output.kind != Kind::New {
            if let Some(old) = self.output.manifest.files.get(path)
                && old.hash == hash
                && fs::symlink_metadata(&target).is_ok_and(|m| old.matches(&m))
            {
                self.record(path, *old, Written::Unchanged);
                return;
            }
            // A file vial never wrote, where this build must write one.
            if self.output.kind == Kind::Ours
                && !self.output.manifest.files.contains_key(path)
                && fs::symlink_metadata(&target).is_ok()
            {
                lock(&self.conflicts).push(path.to_string());
                return;
            }
        }
        if self.output.spares
            && self.output.kind != Kind::New
            && self.output.is_big(path)
            && let Ok(meta) = write_over(&self.output.spare_of(path), &bytes)
        {
            // No spare yet (the first version replaced) or one that cannot
            // be written: the file is staged instead.
            return self.record(path, Record::of(hash, &meta), Written::Spare);
        }
        let (to, written) = match self.output.kind {
            Kind::New => (target, Written::Direct),
            _ => {
                let n = self.staged.fetch_add(1, Ordering::Relaxed);
                (self.staging.join(n.to_string()), Written::Staged(n))
            }
        };
        match self
            .make_folder_of(&to)
            .and_then(|()| write_file(&to, &bytes))
        {
            Ok(meta) => self.record(path, Record::of(hash, &meta), written),
            Err(e) => self.fail(to, e),
        }
    }

    /// Makes the folder `file` goes in, unless this build did already.
    fn make_folder_of(&self, file: &Path) -> io::Result<()> {
        let Some(folder) = file.parent() else {
            return Ok(());
        };
        if lock(&self.folders).contains(folder) {
            return Ok(());
        }
        fs::create_dir_all(folder)?;
        lock(&self.folders).insert(folder.to_path_buf());
        Ok(())
    }

    /// Takes the file the last build wrote at `path` as this build's, if
    /// the output still holds that very file (the manifest's size and
    /// time): a page that need not be rendered again. False if the page
    /// must be rendered after all.
    pub fn keep(&self, path: &str) -> bool {
        if self.output.kind != Kind::Ours {
            return false;
        }
        let Some(old) = self.output.manifest.files.get(path) else {
            return false;
        };
        let held = fs::symlink_metadata(self.output.dir.join(path)).is_ok_and(|m| old.matches(&m));
        if held {
            self.record(path, *old, Written::Unchanged);
        }
        held
    }

    /// Takes a static file, unless a page of the build already has its path
    /// (pages win).
    pub fn put_static(&self, file: &StaticFile, minify: bool) {
        let path = file.target().to_string_lossy().replace('\\', "/");
        if lock(&self.puts).contains_key(&path) {
            return;
        }
        match file.read() {
            Ok(bytes) if minify => self.put(&path, &crate::minify::asset(&path, bytes)),
            Ok(bytes) => self.put(&path, &bytes),
            Err(e) => {
                let from = match file {
                    StaticFile::Disk { from, .. } => from.clone(),
                    StaticFile::Builtin { to, .. } => to.clone(),
                };
                self.fail(from, e);
            }
        }
    }

    fn record(&self, path: &str, record: Record, written: Written) {
        lock(&self.puts).insert(path.to_string(), (record, written));
    }

    fn fail(&self, path: PathBuf, error: io::Error) {
        self.failures.fetch_add(1, Ordering::Relaxed);
        let mut first = lock(&self.failure);
        if first.is_none() {
            *first = Some((path, error));
        }
        self.failed.store(true, Ordering::Relaxed);
    }

    /// What the previous output is if this update stops now.
    pub fn previous(&self) -> Previous {
        match self.output.kind {
            Kind::New => Previous::None,
            _ => Previous::Untouched,
        }
    }

    /// Removes what was staged (for a first build, the whole new folder).
    fn abandon(&mut self) {
        if self.done {
            return;
        }
        self.done = true;
        let _ = match self.output.kind {
            Kind::New => fs::remove_dir_all(&self.output.dir),
            _ => fs::remove_dir_all(&self.staging),
        };
    }

    /// Stops without changing the previous output, with `problems` as the
    /// reason.
    fn refuse(mut self, problems: Diagnostics) -> Failed {
        let previous = self.previous();
        self.abandon();
        Failed { problems, previous }
    }

    /// Checks the links `links` scanned against the files the output will
    /// hold, then commits; a broken link leaves the previous output as it
    /// was.
    pub fn commit_checked(self, removal: Removal, links: LinkCheck) -> Result<Committed, Failed> {
        let problems = {
            let puts = lock(&self.puts);
            let stale: HashSet<String> = self.stale(&puts, &removal).into_iter().collect();
            let kept = &self.output.manifest.files;
            let keeps_others = matches!(removal, Removal::Only(_));
            links.problems(&self.output.dir, &|path: &str| {
                puts.contains_key(path)
                    || (keeps_others && kept.contains_key(path) && !stale.contains(path))
            })
        };
        if problems.has_errors() {
            return Err(self.refuse(problems));
        }
        self.commit(removal)
    }

    /// Puts the build in place: see the module documentation.
    pub fn commit(mut self, removal: Removal) -> Result<Committed, Failed> {
        let failure = lock(&self.failure).take();
        if let Some((path, error)) = failure {
            let count = self.failures.load(Ordering::Relaxed);
            let problem = write_failure(&self.output.dir, &path, &error, count);
            return Err(self.refuse(problem.into()));
        }
        let conflicts = std::mem::take(&mut *lock(&self.conflicts));
        if !conflicts.is_empty() {
            let problems = conflict_problems(&self.output.dir, conflicts);
            return Err(self.refuse(problems));
        }
        let puts = std::mem::take(&mut *lock(&self.puts));
        let stale = self.stale(&puts, &removal);
        if self.output.kind != Kind::New
            && let Some(dir) = self.unwritable_folder(&puts, &stale)
        {
            return Err(self.refuse(read_only(&dir).into()));
        }
        let keep_others = matches!(removal, Removal::Only(_));
        let moved = self.move_into_place(&puts, &stale, keep_others);
        self.done = true;
        if moved.is_err() {
            let _ = fs::remove_dir_all(&self.staging);
        }
        moved
    }

    /// Files of the previous output this build deletes.
    fn stale(&self, puts: &Puts, removal: &Removal) -> Vec<String> {
        let manifest = &self.output.manifest;
        match (removal, self.output.kind) {
            (_, Kind::New) => Vec::new(),
            (Removal::Only(paths), _) => paths
                .iter()
                .filter(|p| !puts.contains_key(*p) && manifest.files.contains_key(*p))
                .cloned()
                .collect(),
            (Removal::Unwritten, Kind::Ours) => manifest
                .files
                .keys()
                .filter(|p| !puts.contains_key(*p))
                .cloned()
                .collect(),
            (Removal::Unwritten, Kind::Adopted) => files_below(&self.output.dir)
                .into_iter()
                .filter(|p| !puts.contains_key(p))
                .collect(),
        }
    }

    /// A folder the commit must change but cannot write into.
    fn unwritable_folder(&self, puts: &Puts, stale: &[String]) -> Option<PathBuf> {
        let touched = puts
            .iter()
            .filter(|(_, (_, written))| *written != Written::Unchanged)
            .map(|(path, _)| path)
            .chain(stale);
        let mut seen = HashSet::new();
        for path in touched {
            let mut folder = self.output.dir.join(path);
            // The nearest folder that exists is the one written into.
            while folder.pop() && folder.starts_with(&self.output.dir) {
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

    /// The one step that changes the previous output.
    fn move_into_place(
        &mut self,
        puts: &Puts,
        stale: &[String],
        keep_others: bool,
    ) -> Result<Committed, Failed> {
        let dir = self.output.dir.clone();
        let staged: Vec<(&String, PathBuf)> = puts
            .iter()
            .filter_map(|(p, (_, written))| match written {
                Written::Staged(n) => Some((p, self.staging.join(n.to_string()))),
                Written::Spare => Some((p, self.output.spare_of(p))),
                _ => None,
            })
            .collect();
        let written = puts
            .values()
            .filter(|(_, w)| *w != Written::Unchanged)
            .count();
        let unchanged = puts.len() - written;
        let next = Manifest {
            files: puts.iter().map(|(p, (r, _))| (p.clone(), *r)).collect(),
            partial: false,
        };
        let listed = &self.output.manifest.files;
        // The memo describes the files it lies beside: it goes before any
        // of them changes, and the build that made the change writes the
        // next one (`vial build`) or none (`vial serve`).
        if written > 0 || !stale.is_empty() {
            let memo = dir.join(MEMO);
            match fs::remove_file(&memo) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(failed(io_problem("delete", &memo, &e), Previous::Untouched)),
            }
        }
        if self.output.kind != Kind::New {
            // Until the last step, every file in the folder is listed: a
            // build killed halfway leaves a folder the next one can finish.
            // New files are listed beside the manifest before they move in.
            // Files that replace listed ones need no new listing: a file
            // that no longer matches its record is simply written again.
            let added: Vec<(&String, &Record)> = staged
                .iter()
                .filter(|(path, _)| !listed.contains_key(*path))
                .filter_map(|(path, _)| next.files.get_key_value(*path))
                .collect();
            if !added.is_empty() {
                Manifest::write_added(&dir, added.into_iter())
                    .map_err(|e| failed(io_problem("write into", &dir, &e), Previous::Untouched))?;
            }
            let big = |path: &str| self.output.is_big(path);
            let spare =
                |path: &str| (self.output.spares && big(path)).then(|| self.output.spare_of(path));
            if let Err((target, e, done)) = move_staged(&dir, &staged, big, spare) {
                let previous = if done == 0 {
                    Previous::Untouched
                } else {
                    Previous::PartlyUpdated {
                        replaced: done,
                        of: staged.len(),
                    }
                };
                return Err(failed(io_problem("replace", &target, &e), previous));
            }
            let _ = fs::remove_dir_all(&self.staging);
        }
        // Past this point the new files are all in place.
        let everything_moved = Previous::PartlyUpdated {
            replaced: staged.len(),
            of: staged.len(),
        };
        let mut removed = 0;
        for path in stale {
            let target = dir.join(path);
            match fs::remove_file(&target) {
                Ok(()) => {
                    removed += 1;
                    prune_empty_parents(&dir, &target);
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(failed(io_problem("delete", &target, &e), everything_moved));
                }
            }
        }
        // A rebuild that named what it removed keeps the rest of the last
        // build's files (updated in place: they are most of the list); a
        // full build lists just its own.
        let updated = if keep_others {
            Arc::make_mut(&mut self.output.manifest).update(next.files, stale)
        } else if *self.output.manifest == next {
            Updated::Nothing
        } else {
            self.output.manifest = Arc::new(next);
            Updated::Paths
        };
        let manifest = &self.output.manifest;
        match updated {
            // A build that changed nothing leaves the manifest alone too,
            // so the folder is exactly as it was.
            Updated::Nothing if self.output.kind == Kind::Ours => {}
            // A rebuild's manifest is written after it returns (25,000
            // lines take a while); should that fail, the next build writes
            // it first. Until it lands, what is on disk lists every file
            // vial wrote: new files were listed beside it before they
            // moved in (above), deleted ones stay listed, which the next
            // build ignores, and rewritten files, unlike their records,
            // are written again.
            Updated::Records | Updated::Paths if keep_others && self.output.kind == Kind::Ours => {
                let manifest = Arc::clone(manifest);
                self.output.writing = Some(std::thread::spawn(move || manifest.write(&dir)));
            }
            _ => manifest
                .write(&dir)
                .map_err(|e| failed(io_problem("write into", &dir, &e), everything_moved))?,
        }
        self.output.kind = Kind::Ours;
        Ok(Committed {
            written,
            unchanged,
            removed,
        })
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if self.spares {
            let _ = fs::remove_dir_all(self.dir.join(SPARES));
        }
    }
}

impl Drop for Update<'_> {
    fn drop(&mut self) {
        self.abandon();
    }
}

fn failed(problem: Diagnostic, previous: Previous) -> Failed {
    Failed {
        problems: problem.into(),
        previous,
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Files this big that a build replaces are closed off the critical path
/// (`move_staged`).
const BIG_FILE: u64 = 1 << 20;

/// Moves staged files (path below `dir`, number in `staging`) into place,
/// in parallel: after a change to every page the renames are most of a
/// commit. Once one fails, no more start; the error comes back with its
/// file and how many were moved.
fn move_staged(
    dir: &Path,
    staged: &[(&String, PathBuf)],
    big: impl Fn(&str) -> bool + Sync,
    spare: impl Fn(&str) -> Option<PathBuf> + Sync,
) -> Result<(), (PathBuf, io::Error, usize)> {
    let replaced = AtomicUsize::new(0);
    let failure: Mutex<Option<(PathBuf, io::Error)>> = Mutex::new(None);
    let failing = AtomicBool::new(false);
    // The files a big file replaces stay open until the renames are done,
    // and are closed on another thread: the last close frees their pages,
    // which took milliseconds inside the rename of a 16 MB `products.json`.
    // Where it keeps a spare, the file replaced becomes the spare instead.
    let replaced_files: Mutex<Vec<fs::File>> = Mutex::new(Vec::new());
    staged.par_iter().for_each(|(path, from)| {
        if failing.load(Ordering::Relaxed) {
            return;
        }
        let target = dir.join(path);
        let spare = spare(path);
        let kept = spare.as_ref().and_then(|spare| keep_aside(&target, spare));
        if kept.is_none()
            && big(path)
            && let Ok(old) = fs::File::open(&target)
        {
            lock(&replaced_files).push(old);
        }
        let moved = target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::rename(from, &target));
        match (moved, kept) {
            (Ok(()), kept) => {
                if let (Some(aside), Some(spare)) = (kept, spare) {
                    let _ = fs::rename(aside, spare);
                }
                replaced.fetch_add(1, Ordering::Relaxed);
            }
            (Err(e), kept) => {
                if let Some(aside) = kept {
                    let _ = fs::remove_file(aside);
                }
                failing.store(true, Ordering::Relaxed);
                lock(&failure).get_or_insert((target, e));
            }
        }
    });
    let replaced_files = replaced_files
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    if !replaced_files.is_empty() {
        std::thread::spawn(move || drop(replaced_files));
    }
    match failure.into_inner().unwrap_or_else(|e| e.into_inner()) {
        Some((target, e)) => Err((target, e, replaced.into_inner())),
        None => Ok(()),
    }
}

/// Links the file at `target` beside its `spare` before it is replaced, so
/// it outlives the rename and can become the spare; `None` when there is
/// no file or the file system has no hard links.
fn keep_aside(target: &Path, spare: &Path) -> Option<PathBuf> {
    let aside = spare.with_extension("next");
    let _ = fs::remove_file(&aside);
    fs::create_dir_all(spare.parent()?).ok()?;
    fs::hard_link(target, &aside).ok()?;
    Some(aside)
}

/// Writes `pieces` to `path`, one after the other, creating its folders;
/// returns its metadata.
/// Makes a file's bytes piece by piece: calls its argument with each
/// piece, in order, and stops at the first error it returns.
pub type Make<'m> = dyn Fn(&mut dyn FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> + Sync + 'm;

/// The bytes of a file to write.
enum Bytes<'b> {
    /// In memory, in pieces.
    Pieces(&'b [&'b [u8]]),
    /// Made while they are written.
    Made(&'b Make<'b>),
}

impl Bytes<'_> {
    /// Writes the bytes to `file`; returns how many there were.
    fn write_to(&self, file: &mut fs::File) -> io::Result<u64> {
        match self {
            Bytes::Pieces([bytes]) => file.write_all(bytes).map(|()| bytes.len() as u64),
            Bytes::Pieces(pieces) => {
                write_pieces(file, pieces)?;
                Ok(pieces.iter().map(|p| p.len() as u64).sum())
            }
            Bytes::Made(make) => {
                let mut out = io::BufWriter::with_capacity(1 << 20, file);
                let mut len = 0;
                make(&mut |piece| {
                    len += piece.len() as u64;
                    out.write_all(piece)
                })?;
                out.flush()?;
                Ok(len)
            }
        }
    }
}

/// Writes `bytes` to a new file at `path`, in a folder that exists.
fn write_file(path: &Path, bytes: &Bytes<'_>) -> io::Result<fs::Metadata> {
    let mut file = fs::File::create(path)?;
    bytes.write_to(&mut file)?;
    file.metadata()
}

/// Writes `bytes` over the file at `path` from its start, and cuts what
/// is left of its old bytes; returns its metadata.
fn write_over(path: &Path, bytes: &Bytes<'_>) -> io::Result<fs::Metadata> {
    let mut file = fs::OpenOptions::new().write(true).open(path)?;
    let len = bytes.write_to(&mut file)?;
    file.set_len(len)?;
    file.metadata()
}

/// Writes many pieces with few system calls and no copy.
fn write_pieces(file: &mut fs::File, pieces: &[&[u8]]) -> io::Result<()> {
    // Linux takes at most 1,024 pieces per call (IOV_MAX).
    for group in pieces.chunks(1024) {
        let mut slices: Vec<io::IoSlice> = group.iter().map(|p| io::IoSlice::new(p)).collect();
        let mut left = &mut slices[..];
        // Drops leading empty pieces: a write of nothing would look like
        // a full disk.
        io::IoSlice::advance_slices(&mut left, 0);
        while !left.is_empty() {
            match file.write_vectored(left) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => io::IoSlice::advance_slices(&mut left, n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(())
}

/// Every file below `dir`, `/`-separated, but vial's own bookkeeping.
fn files_below(dir: &Path) -> Vec<String> {
    WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            !(e.depth() == 1
                && (name == STAGING
                    || name == SPARES
                    || name.starts_with(MEMO)
                    || name.starts_with(TRASH)
                    || name.starts_with(MANIFEST)))
        })
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            e.path()
                .strip_prefix(dir)
                .ok()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        })
        .collect()
}

/// Removes folders left empty by a deleted file, up to the output root.
fn prune_empty_parents(output: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == output || !d.starts_with(output) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

fn is_empty(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
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

fn unique_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// An I/O error in plain words, without the OS error number.
pub fn io_reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "it does not exist".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        io::ErrorKind::NotADirectory => "a file stands where a folder is needed".into(),
        io::ErrorKind::IsADirectory => "a folder stands where a file is needed".into(),
        io::ErrorKind::QuotaExceeded => "the disk quota is used up".into(),
        io::ErrorKind::FileTooLarge => "the file is larger than the system allows".into(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

fn io_problem(what: &str, path: &Path, error: &io::Error) -> Diagnostic {
    let help = match error.kind() {
        io::ErrorKind::PermissionDenied => format!("check the permissions of `{}`", path.display()),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            "free some space on the disk, then build again".to_string()
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

fn read_only(dir: &Path) -> Diagnostic {
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

/// One diagnostic for every write that failed: they share a cause.
fn write_failure(output: &Path, path: &Path, error: &io::Error, count: usize) -> Diagnostic {
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

/// The files in the way, a few by name.
fn conflict_problems(output: &Path, mut paths: Vec<String>) -> Diagnostics {
    const SHOWN: usize = 10;
    paths.sort();
    let total = paths.len();
    let mut problems: Vec<Diagnostic> = paths
        .iter()
        .take(SHOWN)
        .map(|path| {
            let file = output.join(path);
            Diagnostic::error(
                Code::OutputConflict,
                Location::file(&file),
                format!(
                    "`{}` was not written by vial, and the site has a file of that name",
                    file.display()
                ),
            )
            .with_help("move it away (or into `static/`, to have vial copy it), then build again")
        })
        .collect();
    if total > SHOWN {
        problems.push(Diagnostic::error(
            Code::OutputConflict,
            Location::file(output),
            format!(
                "{} more files in `{}` were not written by vial and stand in the way",
                total - SHOWN,
                output.display()
            ),
        ));
    }
    Diagnostics(problems)
}

#[cfg(test)]
mod tests;
