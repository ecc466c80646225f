//! The one step that changes the previous output: first everything it is
//! about to touch is checked (the folders files go to are real folders
//! inside the output, every file it replaces or deletes still has the bytes
//! vial wrote), then the staged files move in, the stale ones go, and the
//! manifest is written.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::folders::Folders;
use super::manifest::{Manifest, Record, Updated};
use super::problems::{self, io_problem, lock};
use super::update::{Committed, Failed, Puts, Route, Update};
use super::write::content_of;
use super::{Kind, MEMO, Previous, state};
use vial_base::diagnostic::Diagnostics;

impl Update<'_> {
    /// Checks, then changes the output: see the module documentation.
    pub(super) fn move_into_place(
        &mut self,
        puts: &Puts,
        stale: &[String],
        keep_others: bool,
    ) -> Result<Committed, Failed> {
        let dir = self.output.dir.clone();
        let kind = self.output.kind;
        let staged = self.staged(puts);
        let written = puts
            .values()
            .filter(|(_, w)| *w != Route::Unchanged)
            .count();
        let mut next = Manifest {
            files: puts.iter().map(|(p, (r, _))| (p.clone(), *r)).collect(),
            ..Manifest::new(self.output.manifest.tag)
        };
        let (stale, left) = self.check_before_changing(&dir, kind, &staged, stale)?;
        // The memo describes the files of the output: it goes before any
        // of them changes, and the build that made the change writes the
        // next one (`vial build`) or none (`vial serve`).
        if written > 0 || !stale.is_empty() {
            self.forget_memo()?;
        }
        if kind != Kind::New {
            self.move_in(&dir, &staged, &next)?;
        }
        let removed = delete(&dir, &stale, |path| {
            // A file that cannot be deleted stays vial's, to try again.
            if let Some(record) = self.output.manifest.files.get(path) {
                next.files.insert(path.to_string(), *record);
            }
        });
        let left = problems::left_in_place(&dir, left);
        self.write_manifest(next, &stale, keep_others, staged.len())?;
        Ok(Committed {
            written,
            unchanged: puts.len() - written,
            removed,
            left,
        })
    }

    /// Each file to move in, with where it waits: its staged copy, or the
    /// spare it was written into.
    fn staged<'p>(&self, puts: &'p Puts) -> Vec<(&'p String, PathBuf)> {
        puts.iter()
            .filter_map(|(p, (_, written))| match written {
                Route::Staged(n) => Some((p, self.staging.join(n.to_string()))),
                Route::Spare => self.output.spare_of(p).map(|spare| (p, spare)),
                _ => None,
            })
            .collect()
    }

    /// Everything checked before the output changes, in an output that
    /// exists (`kind`, in `dir`): the folders the `staged` files go to are
    /// made real folders of it; in one vial wrote, no file they replace may
    /// be another's or edited since. Any problem undoes the folders and
    /// leaves the output untouched. Returns the `stale` files vial may
    /// delete, and those it leaves in place.
    fn check_before_changing(
        &self,
        dir: &Path,
        kind: Kind,
        staged: &[(&String, PathBuf)],
        stale: &[String],
    ) -> Result<(Vec<String>, Vec<String>), Failed> {
        let mut stale = stale.to_vec();
        let mut left = Vec::new();
        if kind != Kind::New {
            let mut folders = Folders::new(dir);
            if let Err(problem) = folders.prepare(staged.iter().map(|(p, _)| p.as_str())) {
                folders.undo();
                return Err(failed(problem.into(), Previous::Untouched));
            }
            if kind == Kind::Ours {
                let (unknown, edited) = self.replaced_not_ours(staged);
                if !unknown.is_empty() || !edited.is_empty() {
                    folders.undo();
                    let mut problems = problems::conflicts(dir, unknown);
                    problems.extend(problems::edited(dir, edited));
                    return Err(failed(problems, Previous::Untouched));
                }
                (stale, left) = self.deletable(&mut folders, stale);
            }
        }
        Ok((stale, left))
    }

    /// Deletes the memo of the last build; failing, the output is
    /// untouched.
    fn forget_memo(&self) -> Result<(), Failed> {
        let place = &self.output.place;
        place.remove(MEMO).map_err(|e| {
            failed(
                io_problem("delete", &place.file(MEMO), &e).into(),
                Previous::Untouched,
            )
        })
    }

    /// Lists the `staged` files in the state (`list_before_moving`), moves
    /// them into `dir` and removes the staging folder. A failure says how
    /// much of the previous output was replaced.
    fn move_in(
        &self,
        dir: &Path,
        staged: &[(&String, PathBuf)],
        next: &Manifest,
    ) -> Result<(), Failed> {
        self.list_before_moving(staged, next).map_err(|e| {
            failed(
                io_problem("write the record of", dir, &e).into(),
                Previous::Untouched,
            )
        })?;
        let big = |path: &str| self.output.is_big(path);
        let spare = |path: &str| big(path).then(|| self.output.spare_of(path)).flatten();
        if let Err((target, e, done)) = move_staged(dir, staged, big, spare) {
            let previous = if done == 0 {
                Previous::Untouched
            } else {
                Previous::PartlyUpdated {
                    replaced: done,
                    of: staged.len(),
                }
            };
            return Err(failed(io_problem("replace", &target, &e).into(), previous));
        }
        self.remove_staging();
        Ok(())
    }

    /// Of the files staged, those in the output that vial did not write
    /// (`unknown`) or whose bytes changed since it did (`edited`). A file
    /// untouched since vial wrote it is not read; another's bytes are, when
    /// its size is one vial wrote.
    fn replaced_not_ours(&self, staged: &[(&String, PathBuf)]) -> (Vec<String>, Vec<String>) {
        let manifest = &self.output.manifest;
        let dir = &self.output.dir;
        let found: Vec<(bool, String)> = staged
            .par_iter()
            .filter_map(|(path, _)| {
                let target = dir.join(path);
                let meta = fs::symlink_metadata(&target).ok()?;
                let Some(record) = manifest.record(path, &meta) else {
                    return Some((true, path.to_string()));
                };
                let ours = record.untouched(&meta)
                    || (meta.is_file()
                        && sizes(manifest, path).contains(&meta.len())
                        && content_of(&target).is_some_and(|c| manifest.wrote(path, c)));
                (!ours).then(|| (false, path.to_string()))
            })
            .collect();
        let (unknown, edited): (Vec<_>, Vec<_>) = found.into_iter().partition(|(u, _)| *u);
        let paths = |list: Vec<(bool, String)>| list.into_iter().map(|(_, p)| p).collect();
        (paths(unknown), paths(edited))
    }

    /// Of the stale files, those vial may delete (still its bytes, in real
    /// folders of the output) and those it leaves in place.
    fn deletable(&self, folders: &mut Folders, stale: Vec<String>) -> (Vec<String>, Vec<String>) {
        let manifest = &self.output.manifest;
        let dir = &self.output.dir;
        let (inside, mut left): (Vec<String>, Vec<String>) =
            stale.into_iter().partition(|path| folders.is_real(path));
        let checked: Vec<(String, bool)> = inside
            .into_par_iter()
            .filter_map(|path| {
                let target = dir.join(&path);
                let meta = fs::symlink_metadata(&target).ok()?;
                let ours = meta.is_file()
                    && sizes(manifest, &path).contains(&meta.len())
                    && content_of(&target).is_some_and(|c| manifest.wrote(&path, c));
                Some((path, ours))
            })
            .collect();
        let mut delete = Vec::new();
        for (path, ours) in checked {
            if ours {
                delete.push(path);
            } else {
                left.push(path);
            }
        }
        (delete, left)
    }

    /// Before anything moves in, the state lists what will be there: new
    /// files, and the new records of replaced ones (a build killed while
    /// moving leaves files of either version, and both are vial's). A
    /// folder adopted whole is marked and recorded as partial instead:
    /// killed, its next build adopts it again.
    fn list_before_moving(&self, staged: &[(&String, PathBuf)], next: &Manifest) -> io::Result<()> {
        let output = &*self.output;
        match output.kind {
            Kind::Ours => {
                let added = staged
                    .iter()
                    .filter_map(|(path, _)| next.files.get_key_value(*path))
                    .filter(|(path, record)| output.manifest.files.get(*path) != Some(*record));
                let mut added = added.peekable();
                if added.peek().is_none() {
                    return Ok(());
                }
                Manifest::write_added(&output.place, output.manifest.tag, added)
            }
            _ => {
                state::write_marker(&output.dir, next.tag)?;
                let partial = Manifest {
                    partial: true,
                    ..Manifest::new(next.tag)
                };
                partial.write(&output.place)
            }
        }
    }

    /// Writes the manifest of the committed build, `next`, once its `moved`
    /// files are in place.
    fn write_manifest(
        &mut self,
        next: Manifest,
        stale: &[String],
        keep_others: bool,
        moved: usize,
    ) -> Result<(), Failed> {
        let output = &mut *self.output;
        // A rebuild that named what it removed keeps the rest of the last
        // build's files (updated in place: they are most of the list); a
        // full build lists just its own.
        let updated = if keep_others {
            Arc::make_mut(&mut output.manifest).update(next.files, stale)
        } else if *output.manifest == next {
            Updated::Nothing
        } else {
            output.manifest = Arc::new(next);
            Updated::Paths
        };
        let place = output.place.clone();
        let manifest = &output.manifest;
        let everything_moved = || Previous::PartlyUpdated {
            replaced: moved,
            of: moved,
        };
        match updated {
            // A build that changed nothing leaves the manifest alone too.
            Updated::Nothing if output.kind == Kind::Ours => {}
            // A rebuild's manifest is written after it returns (tens of
            // thousands of lines take a while); should that fail, the next
            // build writes it first. Until it lands, the state lists every
            // file vial wrote: new and rewritten files were listed beside
            // it before they moved in (above), and deleted ones stay
            // listed, which the next build ignores.
            Updated::Records | Updated::Paths if keep_others && output.kind == Kind::Ours => {
                let manifest = Arc::clone(manifest);
                output.writing = Some(std::thread::spawn(move || manifest.write(&place)));
            }
            _ => manifest.write(&place).map_err(|e| {
                failed(
                    io_problem("write the record of", &output.dir, &e).into(),
                    everything_moved(),
                )
            })?,
        }
        output.kind = Kind::Ours;
        Ok(())
    }
}

/// The sizes vial wrote `path` with.
fn sizes(manifest: &Manifest, path: &str) -> Vec<u64> {
    [manifest.files.get(path), manifest.also.get(path)]
        .into_iter()
        .flatten()
        .map(|r: &Record| r.size)
        .collect()
}

pub(super) fn failed(problems: Diagnostics, previous: Previous) -> Failed {
    Failed { problems, previous }
}

/// Deletes `stale` (paths below `dir`), pruning the folders it empties;
/// `kept` hears of each file that could not be deleted. Returns how many
/// were.
fn delete(dir: &Path, stale: &[String], mut kept: impl FnMut(&str)) -> usize {
    let mut removed = 0;
    for path in stale {
        let target = dir.join(path);
        match fs::remove_file(&target) {
            Ok(()) => {
                removed += 1;
                prune_empty_parents(dir, &target);
            }
            // Gone already, or a name no file can have.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::InvalidFilename
                ) => {}
            Err(_) => kept(path),
        }
    }
    removed
}

/// Moves staged files (path below `dir`, from where they were staged) into
/// place, in parallel: after a change to every page the renames are most
/// of a commit. The folders they go to exist (`Folders::prepare`). Once
/// one fails, no more start; the error comes back with its file and how
/// many were moved.
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
    // which held up the rename of a big file such as `products.json`.
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
        match (fs::rename(from, &target), kept) {
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
