//! What vial keeps about an output folder between builds. It lives in the
//! site's `.vial/outputs/<key>/`, keyed by the output's path, never in the
//! output itself: a deploy of the output carries none of it, and a folder
//! that comes from elsewhere (a CI cache, a shared drive, a checkout that
//! committed `public/`) cannot tell vial what to delete.
//!
//! - `manifest`: every file vial wrote into the output (`Manifest`);
//! - `added`: the files a build is about to move in, listed before they
//!   are, so that a build killed halfway leaves no file vial does not know;
//! - `pending`: vial's own folders inside the output (staging, spares)
//!   not yet removed, so that only those are ever cleared;
//! - `reads`: what the last build's pages read (`incremental::memo`).
//!
//! Each file is sealed: a first line naming its kind and format, and a last
//! line with the number of lines and a checksum of everything before it. A
//! file that does not open completely is not vial's, and says nothing.
//!
//! Beside them, `.vial/sources/` (`Place::sources`) keeps what vial knows
//! of the site's own files whatever the output: `translations`, when each
//! translation was last saved (`vial_build`'s translation status), and
//! `addresses`, each content file's page and the renames not yet declared
//! (`vial_build`'s renames).
//!
//! The output holds one marker file, `.vial-output`, with a random tag that
//! the manifest repeats. It tells the folder vial built from another put in
//! its place, and the messages a better word for a folder whose record is
//! lost; on its own it proves nothing.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use super::guard;

/// The marker's file name, at the top of the output folder.
pub const MARKER: &str = ".vial-output";
/// Where every output's state lives, below the site folder.
pub const STATE_DIR: &str = ".vial/outputs";
/// Where what vial keeps about the site's own files lives (whatever the
/// output): `Place::sources`.
pub const SOURCES_STATE_DIR: &str = ".vial/sources";
/// The state format: a file of another version is not read.
const VERSION: u32 = 2;

/// The state folder of one output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// `.vial/outputs/<key>/` of the site.
    pub folder: PathBuf,
    /// The output as the key was made from it: its path relative to the
    /// site when inside it (so a site folder moved or copied with its
    /// output keeps its state), the absolute path otherwise.
    pub identity: String,
}

impl Place {
    /// The state folder of `output`, for the site at `root`.
    pub fn of(root: &Path, output: &Path) -> Place {
        let root_resolved = guard::resolve(root);
        let resolved = guard::resolve(output);
        let identity = match resolved.strip_prefix(&root_resolved) {
            Ok(relative) => relative.to_string_lossy().replace('\\', "/"),
            Err(_) => resolved.to_string_lossy().into_owned(),
        };
        let key = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(identity.as_bytes()));
        Place {
            folder: root.join(STATE_DIR).join(key),
            identity,
        }
    }

    /// The state folder of the site's own files, `.vial/sources/`: what
    /// vial keeps about what it reads rather than about an output folder
    /// (when each translation was last saved), written as safely.
    pub fn sources(root: &Path) -> Place {
        Place {
            folder: root.join(SOURCES_STATE_DIR),
            identity: String::new(),
        }
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.folder.join(name)
    }

    /// Reads the state file `name` of kind `kind`: its lines, if it opens
    /// completely; `None` if it is absent; an error if it is damaged.
    pub fn read(&self, name: &str, kind: &str) -> io::Result<Option<String>> {
        let bytes = match fs::read(self.file(name)) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        unseal(kind, bytes)
            .map(Some)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "damaged"))
    }

    /// Writes `body` (whole lines) as the state file `name` of kind
    /// `kind`, atomically.
    pub fn write(&self, name: &str, kind: &str, body: &[u8]) -> io::Result<()> {
        self.write_bytes(name, &seal(kind, body))
    }

    /// Writes `bytes` as the file `name`, atomically.
    pub fn write_bytes(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        fs::create_dir_all(&self.folder)?;
        let temporary = self.file(&format!("{name}.tmp"));
        let written = fs::File::create(&temporary).and_then(|mut f| f.write_all(bytes));
        match written.and_then(|()| fs::rename(&temporary, self.file(name))) {
            Ok(()) => Ok(()),
            Err(e) => {
                let _ = fs::remove_file(&temporary);
                Err(e)
            }
        }
    }

    pub fn remove(&self, name: &str) -> io::Result<()> {
        match fs::remove_file(self.file(name)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

fn checksum(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(bytes, u64::from(VERSION))
}

/// `body` between its header and its closing line.
pub fn seal(kind: &str, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 64);
    out.extend_from_slice(format!("vial-{kind} {VERSION}\n").as_bytes());
    out.extend_from_slice(body);
    let lines = body.iter().filter(|b| **b == b'\n').count();
    let sum = checksum(&out);
    out.extend_from_slice(format!("end {lines} {sum:016x}\n").as_bytes());
    out
}

/// The body of a sealed file of kind `kind`, if it is whole: the right
/// header, every line, the checksum, nothing after.
pub fn unseal(kind: &str, bytes: Vec<u8>) -> Option<String> {
    let text = String::from_utf8(bytes).ok()?;
    let header = format!("vial-{kind} {VERSION}\n");
    if !text.starts_with(&header) || !text.ends_with('\n') {
        return None;
    }
    let without_newline = &text[..text.len() - 1];
    let last_start = without_newline.rfind('\n')? + 1;
    let closing = &without_newline[last_start..];
    let mut parts = closing.split(' ');
    let (Some("end"), Some(lines), Some(sum), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let sealed = &text[..last_start];
    let body = &sealed[header.len()..];
    let counted = body.bytes().filter(|b| *b == b'\n').count();
    if lines.parse::<usize>().ok()? != counted
        || u64::from_str_radix(sum, 16).ok()? != checksum(sealed.as_bytes())
        || sum.len() != 16
    {
        return None;
    }
    Some(body.to_string())
}

/// The tag in the output's marker, if it has a marker vial could have
/// written.
pub fn read_marker(output: &Path) -> Option<u64> {
    let meta = fs::symlink_metadata(output.join(MARKER)).ok()?;
    if !meta.is_file() || meta.len() > 4096 {
        return None;
    }
    let text = fs::read_to_string(output.join(MARKER)).ok()?;
    let first = text.lines().next()?;
    let tag = first.strip_prefix("vial-output ")?;
    (tag.len() == 16)
        .then(|| u64::from_str_radix(tag, 16).ok())
        .flatten()
}

/// Writes the marker with `tag` into `output`, atomically.
pub fn write_marker(output: &Path, tag: u64) -> io::Result<()> {
    let text = format!(
        "vial-output {tag:016x}\n\
         # vial wrote this folder. The list of the files it wrote is kept in the\n\
         # site's .vial/ folder, not here; this file alone proves nothing.\n"
    );
    let temporary = output.join(format!("{MARKER}.tmp"));
    fs::write(&temporary, text)?;
    fs::rename(&temporary, output.join(MARKER))
}

/// A tag no other folder has: the time, the process and a counter, hashed.
pub fn new_tag() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let seed = format!(
        "{nanos} {} {}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    );
    xxhash_rust::xxh3::xxh3_64(seed.as_bytes())
}

/// Whether `name` can be one of vial's own folders in the output: one
/// component, starting with `.vial-`.
pub fn is_bookkeeping_name(name: &str) -> bool {
    name.starts_with(".vial-") && !name.contains(['/', '\\', '\0']) && name != MARKER
}

/// Whether a path can be a file vial writes: relative, `/`-separated,
/// every component a plain visible name without control characters. vial
/// publishes no hidden file, so a state file listing one is not vial's.
pub fn is_output_path(path: &str) -> bool {
    !path.is_empty()
        && !path.contains(|c: char| c == '\\' || c.is_control())
        && path
            .split('/')
            .all(|c| !c.is_empty() && !c.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_file_opens_only_whole() {
        let sealed = seal("manifest", b"a\nb c\n");
        assert_eq!(
            unseal("manifest", sealed.clone()).as_deref(),
            Some("a\nb c\n")
        );
        assert_eq!(unseal("added", sealed.clone()), None, "another kind");
        for cut in 0..sealed.len() {
            assert_eq!(
                unseal("manifest", sealed[..cut].to_vec()),
                None,
                "cut at {cut}"
            );
        }
        let mut changed = sealed.clone();
        changed[15] ^= 1;
        assert_eq!(unseal("manifest", changed), None);
        let mut longer = sealed;
        longer.extend_from_slice(b"more\n");
        assert_eq!(unseal("manifest", longer), None);
        for garbage in [&b""[..], b"hello", b"\xff\xfe\0", b"vial-manifest 2\n"] {
            assert_eq!(unseal("manifest", garbage.to_vec()), None);
        }
        assert_eq!(unseal("x", seal("x", b"")).as_deref(), Some(""));
    }

    #[test]
    fn only_plain_relative_paths_are_output_paths() {
        for good in ["index.html", "products/a b/index.html", "search/ab.json"] {
            assert!(is_output_path(good), "{good}");
        }
        for bad in [
            "",
            "../victim.txt",
            "/etc/passwd",
            "a/../../b",
            "a//b",
            "./a",
            "a/.",
            ".vial-output",
            "a/.git/config",
            "a\\..\\b",
            "a\nb",
        ] {
            assert!(!is_output_path(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_site_moved_with_its_output_keeps_its_key() {
        let one = tempfile::tempdir().unwrap();
        let two = tempfile::tempdir().unwrap();
        let a = Place::of(one.path(), &one.path().join("public"));
        let b = Place::of(two.path(), &two.path().join("public"));
        assert_eq!(a.identity, "public");
        assert_eq!(
            a.folder.file_name(),
            b.folder.file_name(),
            "the same key for the same relative output"
        );
        let outside = Place::of(one.path(), &two.path().join("out"));
        assert_ne!(outside.folder.file_name(), a.folder.file_name());
    }

    #[test]
    fn the_marker_reads_back_its_tag_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_marker(dir.path()), None);
        write_marker(dir.path(), 0xabc).unwrap();
        assert_eq!(read_marker(dir.path()), Some(0xabc));
        fs::write(dir.path().join(MARKER), "").unwrap();
        assert_eq!(read_marker(dir.path()), None);
        fs::write(dir.path().join(MARKER), "vial-output xyz\n").unwrap();
        assert_eq!(read_marker(dir.path()), None);
    }
}
