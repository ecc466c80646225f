//! The variant cache: one file per variant in `.vial/cache/images/` of the
//! site, named by the variant's key. Safe to delete at any time: a missing
//! entry is made again. Entries are written to a temporary name and renamed
//! into place, so a killed build never leaves half a file under a real name.

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
        self.dir.join(format!(
            "{:032x}.{}",
            variant.key,
            variant.encoding.format().extension()
        ))
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
