//! The variant cache: one file per variant in `.vial/cache/images/` of the
//! site, named by the variant's key. Safe to delete at any time: a missing
//! entry is made again. Entries are written to a temporary name and renamed
//! into place, so a killed build never leaves half a file under a real name.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::Variant;

/// The cache's folder, relative to the site root.
pub const CACHE_DIR: &str = ".vial/cache/images";

pub(super) struct Cache {
    dir: PathBuf,
    /// Whether the folder was made (or found) already.
    ready: AtomicBool,
    /// Temporary names, unique within this process.
    next: AtomicUsize,
}

impl Cache {
    pub(super) fn new(dir: &Path) -> Self {
        Cache {
            dir: dir.to_path_buf(),
            ready: AtomicBool::new(false),
            next: AtomicUsize::new(0),
        }
    }

    fn path(&self, variant: &Variant) -> PathBuf {
        self.dir.join(file_name(variant))
    }

    /// Deletes the entries not named in `used`. Files that are not entries
    /// (another program's, or a write under way) are left alone.
    pub(super) fn prune(&self, used: &BTreeSet<String>) -> usize {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return 0;
        };
        entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| is_entry(name) && !used.contains(name))
            .filter(|name| fs::remove_file(self.dir.join(name)).is_ok())
            .count()
    }

    /// The cached bytes of `variant`, if any.
    pub(super) fn read(&self, variant: &Variant) -> Option<Vec<u8>> {
        fs::read(self.path(variant)).ok().filter(|b| !b.is_empty())
    }

    /// Stores `bytes` as `variant`. A cache that cannot be written (a
    /// read-only site) only costs the next build the same work again.
    pub(super) fn write(&self, variant: &Variant, bytes: &[u8]) {
        let _ = self.try_write(variant, bytes);
    }

    fn try_write(&self, variant: &Variant, bytes: &[u8]) -> io::Result<()> {
        if !self.ready.load(Ordering::Relaxed) {
            fs::create_dir_all(&self.dir)?;
            self.ready.store(true, Ordering::Relaxed);
        }
        let temporary = self.dir.join(format!(
            ".tmp-{}-{}",
            std::process::id(),
            self.next.fetch_add(1, Ordering::Relaxed)
        ));
        fs::write(&temporary, bytes)?;
        fs::rename(&temporary, self.path(variant)).inspect_err(|_| {
            let _ = fs::remove_file(&temporary);
        })
    }
}

/// The name of `variant`'s entry: its key, and its format's extension.
pub(super) fn file_name(variant: &Variant) -> String {
    format!(
        "{:032x}.{}",
        variant.key,
        variant.encoding.format().extension()
    )
}

/// Whether `name` is the name of an entry.
fn is_entry(name: &str) -> bool {
    name.split_once('.').is_some_and(|(key, extension)| {
        key.len() == 32
            && key.bytes().all(|b| b.is_ascii_hexdigit())
            && ["png", "jpg", "webp"].contains(&extension)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_entries_are_pruned() {
        assert!(is_entry("0123456789abcdef0123456789abcdef.webp"));
        assert!(!is_entry(".tmp-12-3"));
        assert!(!is_entry("notes.txt"));
        assert!(!is_entry("0123456789abcdef.png"));
    }
}
