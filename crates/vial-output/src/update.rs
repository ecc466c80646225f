//! A build being written: every file of it is handed to `Update::put` (from
//! any thread), then `commit` puts them in place.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::folders::unwritable_folder;
use super::manifest::{self, Record};
use super::problems::{self, lock};
use super::write::{Bytes, Make, write_file, write_over};
use super::{Kind, LinkCheck, Output, Previous, state};
use vial_base::diagnostic::Diagnostics;

/// Files this big that a build replaces are closed off the critical path
/// (`commit::move_staged`), and kept as spares in `vial serve`.
pub(super) const BIG_FILE: u64 = 1 << 20;

/// A build being written. Dropped without `commit`, it removes what it
/// staged, and the previous output stays exactly as it was.
pub struct Update<'o> {
    pub(super) output: &'o mut Output,
    /// Where files are written before they move into place; the output
    /// folder itself for a first build.
    pub(super) staging: PathBuf,
    /// Whether the staging folder was made (on the first changed file).
    staging_made: OnceLock<io::Result<()>>,
    /// Every file of the build: its record, and how it was written.
    puts: Mutex<Puts>,
    /// Staged files so far, to number the next.
    staged: AtomicUsize,
    /// Folders this build made, or found there, for files: each is made
    /// once. Asked for every file, the search folder's thousands of files
    /// cost a failed `mkdir` and a `stat` each.
    folders: Mutex<HashSet<PathBuf>>,
    /// Files in the way that vial did not write.
    conflicts: Mutex<Vec<String>>,
    /// The first write that failed (the output path it was for), and how
    /// many did.
    failure: Mutex<Option<(PathBuf, io::Error)>>,
    failed: AtomicBool,
    failures: AtomicUsize,
    done: bool,
}

/// The route a file of the build takes to its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Route {
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

pub(super) type Puts = HashMap<String, (Record, Route)>;

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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Committed {
    /// Files written (new or changed).
    pub written: usize,
    /// Files left alone because their bytes did not change.
    pub unchanged: usize,
    /// Files deleted.
    pub removed: usize,
    /// Files of the last build it did not delete, because their bytes are
    /// not vial's any more (warnings).
    pub left: Diagnostics,
}

/// Why a commit failed, and what became of the previous output.
#[derive(Debug)]
pub struct Failed {
    pub problems: Diagnostics,
    pub previous: Previous,
}

impl<'o> Update<'o> {
    pub(super) fn new(output: &'o mut Output, staging: PathBuf) -> Update<'o> {
        Update {
            output,
            staging,
            staging_made: OnceLock::new(),
            puts: Mutex::new(HashMap::new()),
            staged: AtomicUsize::new(0),
            folders: Mutex::new(HashSet::new()),
            conflicts: Mutex::new(Vec::new()),
            failure: Mutex::new(None),
            failed: AtomicBool::new(false),
            failures: AtomicUsize::new(0),
            done: false,
        }
    }
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
        self.put_bytes(path, Bytes::Pieces(&[bytes]), hash, Some(hash));
    }

    /// `put_hashed`, for a file made of `pieces` (written as they are,
    /// never joined). `hash` may be any hash of the bytes that is the same
    /// for the same bytes of this path: it is only compared with the one
    /// the last build kept for the path.
    pub fn put_pieces(&self, path: &str, pieces: &[&[u8]], hash: u64) {
        self.put_bytes(path, Bytes::Pieces(pieces), hash, None);
    }

    /// `put_pieces`, for a file too big to hold: `make` hands its pieces,
    /// in order, to the function it is given, and is called only if the
    /// file must be written.
    pub fn put_made(&self, path: &str, make: &Make<'_>, hash: u64) {
        self.put_bytes(path, Bytes::Made(make), hash, None);
    }

    fn put_bytes(&self, path: &str, bytes: Bytes<'_>, hash: u64, content: Option<u64>) {
        if self.failed.load(Ordering::Relaxed) {
            self.failures.fetch_add(1, Ordering::Relaxed);
            return;
        }
        let target = self.output.dir.join(path);
        if !state::is_output_path(path) {
            let invalid =
                io::Error::new(io::ErrorKind::InvalidInput, "vial publishes no such name");
            return self.fail(target, invalid);
        }
        let output = &*self.output;
        if output.kind != Kind::New {
            let on_disk = fs::symlink_metadata(&target);
            if let Ok(meta) = &on_disk
                && let Some(old) = output.manifest.record(path, meta)
                && old.hash == hash
                && old.matches(meta)
            {
                return self.record(path, *old, Route::Unchanged);
            }
            // A file vial never wrote, where this build must write one.
            if output.kind == Kind::Ours
                && !output.manifest.files.contains_key(path)
                && on_disk.is_ok()
            {
                lock(&self.conflicts).push(path.to_string());
                return;
            }
        }
        if output.kind != Kind::New
            && output.is_big(path)
            && let Some(spare) = output.spare_of(path)
            && let Ok(written) = write_over(&spare, &bytes, content)
        {
            // No spare yet (the first version replaced) or one that cannot
            // be written: the file is staged instead.
            let record = Record::of(hash, written.content, &written.meta);
            return self.record(path, record, Route::Spare);
        }
        let (to, how) = match output.kind {
            Kind::New => (target.clone(), Route::Direct),
            _ => {
                if let Err(e) = self.make_staging() {
                    return self.fail(target, e);
                }
                let n = self.staged.fetch_add(1, Ordering::Relaxed);
                (self.staging.join(n.to_string()), Route::Staged(n))
            }
        };
        match self
            .make_folder_of(&to)
            .and_then(|()| write_file(&to, &bytes, content))
        {
            Ok(written) => self.record(path, Record::of(hash, written.content, &written.meta), how),
            Err(e) => self.fail(target, e),
        }
    }

    /// Makes the staging folder, once, after noting it in the state: only
    /// folders vial made are ever cleared.
    fn make_staging(&self) -> io::Result<()> {
        let made = self.staging_made.get_or_init(|| {
            let name = self
                .staging
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            self.output.note_pending(name.as_deref(), None)?;
            fs::create_dir(&self.staging)
        });
        match made {
            Ok(()) => Ok(()),
            Err(e) => Err(io::Error::new(e.kind(), e.to_string())),
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
        let Ok(meta) = fs::symlink_metadata(self.output.dir.join(path)) else {
            return false;
        };
        match self.output.manifest.record(path, &meta) {
            Some(old) if old.matches(&meta) => {
                self.record(path, *old, Route::Unchanged);
                true
            }
            _ => false,
        }
    }

    /// Takes every file the last build wrote in `folder` as this build's,
    /// but those `others` makes, if the output still holds each of them as
    /// written: files the caller would make again byte for byte. False,
    /// taking none, if one of them was changed or removed, or the last
    /// build wrote none there.
    pub fn keep_folder(&self, folder: &str, others: impl Fn(&str) -> bool) -> bool {
        if self.output.kind != Kind::Ours {
            return false;
        }
        let prefix = format!("{folder}/");
        let files = &self.output.manifest.files;
        let paths: Vec<&String> = (files.range(prefix.clone()..).map(|(path, _)| path))
            .take_while(|path| path.starts_with(&prefix))
            .filter(|path| !others(path))
            .collect();
        let still = |path: &&String| -> Option<Record> {
            let meta = fs::symlink_metadata(self.output.dir.join(path)).ok()?;
            let record = self.output.manifest.record(path, &meta)?;
            record.matches(&meta).then_some(*record)
        };
        let Some(records) = paths.par_iter().map(still).collect::<Option<Vec<Record>>>() else {
            return false;
        };
        for (path, record) in paths.iter().zip(records) {
            self.record(path, record, Route::Unchanged);
        }
        !paths.is_empty()
    }

    /// Whether the build has a file at `path` already.
    pub fn has(&self, path: &str) -> bool {
        lock(&self.puts).contains_key(path)
    }

    /// A file of the build that could not be read from `source`: the build
    /// fails with it, as with a failed write.
    pub fn unreadable(&self, source: PathBuf, error: io::Error) {
        self.fail(source, error);
    }

    fn record(&self, path: &str, record: Record, written: Route) {
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
        match self.output.kind {
            Kind::New => self.output.forget_new(),
            _ => self.remove_staging(),
        }
    }

    /// Removes the staging folder, if this build made it.
    pub(super) fn remove_staging(&self) {
        if self.staging_made.get().is_some_and(Result::is_ok) {
            let _ = fs::remove_dir_all(&self.staging);
            let name = self
                .staging
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            let _ = self.output.note_pending(None, Some(&Vec::from_iter(name)));
        }
    }

    /// Stops without changing the previous output, with `problems` as the
    /// reason.
    pub(super) fn refuse(mut self, problems: Diagnostics) -> Failed {
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
            let problem = problems::write_failure(&self.output.dir, &path, &error, count);
            return Err(self.refuse(problem.into()));
        }
        let conflicts = std::mem::take(&mut *lock(&self.conflicts));
        if !conflicts.is_empty() {
            let problems = problems::conflicts(&self.output.dir, conflicts);
            return Err(self.refuse(problems));
        }
        let puts = std::mem::take(&mut *lock(&self.puts));
        let stale = self.stale(&puts, &removal);
        if self.output.kind != Kind::New
            && let Some(dir) = unwritable_folder(&self.output.dir, changed(&puts).chain(&stale))
        {
            return Err(self.refuse(problems::read_only(&dir).into()));
        }
        let keep_others = matches!(removal, Removal::Only(_));
        let committed = self.move_into_place(&puts, &stale, keep_others);
        if committed.is_err() {
            self.remove_staging();
        }
        self.done = true;
        committed
    }

    /// Files of the previous output this build deletes.
    pub(super) fn stale(&self, puts: &Puts, removal: &Removal) -> Vec<String> {
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
            (Removal::Unwritten, Kind::Adopted) => self
                .files_below()
                .into_iter()
                .filter(|p| !puts.contains_key(p))
                .collect(),
        }
    }

    /// Every file below the output but vial's marker and its own folders,
    /// `/`-separated: what an adopted folder holds.
    fn files_below(&self) -> Vec<String> {
        let dir = &self.output.dir;
        let pending = lock(&self.output.pending).clone();
        WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .filter_entry(|e| {
                let name = e.file_name().to_string_lossy();
                !(e.depth() == 1 && (name == state::MARKER || pending.contains(name.as_ref())))
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
}

/// The paths of the files a build writes: new or changed.
fn changed(puts: &Puts) -> impl Iterator<Item = &String> {
    puts.iter()
        .filter(|(_, (_, written))| *written != Route::Unchanged)
        .map(|(path, _)| path)
}

impl Drop for Update<'_> {
    fn drop(&mut self) {
        self.abandon();
    }
}
