//! `.vial-manifest`: the list of files vial wrote into an output folder,
//! each with the hash, size and modification time it was written with.
//!
//! It is how vial knows a folder is its own (it replaces nothing else), which
//! of the folder's files it may delete (only those it wrote), and which
//! files a build need not write again (same bytes, untouched since).

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write as _};
use std::path::Path;
use std::time::UNIX_EPOCH;

/// The manifest's file name, in the output folder's top.
pub const MANIFEST: &str = ".vial-manifest";

/// Files a build is about to add, listed before they are created; the
/// manifest written after them covers them and deletes this list. Its name
/// starts with the manifest's, so it is bookkeeping, never output.
const ADDED: &str = ".vial-manifest-added";

const HEADER: &str = "vial-output 1";
/// A first build that has not finished: every file of the folder is vial's.
const PARTIAL: &str = "partial";

/// One file as vial wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    /// xxh3 of the bytes, or for a file written in pieces the hash its
    /// writer made of them (`Update::put_pieces`): only compared with the
    /// next build's hash of the same path.
    pub hash: u64,
    pub size: u64,
    /// Modification time in nanoseconds since 1970, as written.
    pub mtime: u64,
}

impl Record {
    /// The record of a file just written with bytes of hash `hash`.
    pub fn of(hash: u64, meta: &fs::Metadata) -> Record {
        Record {
            hash,
            size: meta.len(),
            mtime: mtime(meta),
        }
    }

    /// Whether the file on disk still is what vial wrote: same size and
    /// modification time (its bytes are not read again).
    pub fn matches(&self, meta: &fs::Metadata) -> bool {
        meta.is_file() && meta.len() == self.size && mtime(meta) == self.mtime
    }
}

pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

fn mtime(meta: &fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64)
}

/// What `Manifest::update` changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Updated {
    Nothing,
    /// Only records of files it already listed.
    Records,
    /// The files it lists (or it was partial).
    Paths,
}

/// What a folder's manifest says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Files by path below the folder, `/`-separated.
    pub files: HashMap<String, Record>,
    /// Written before a first build's files: the folder holds nothing but
    /// vial's, though not all of them are listed.
    pub partial: bool,
}

impl Manifest {
    /// The manifest of `dir`, `None` when it has none. A manifest vial
    /// cannot read still marks the folder as vial's: it reads as partial.
    pub fn read(dir: &Path) -> io::Result<Option<Manifest>> {
        let text = match fs::read_to_string(dir.join(MANIFEST)) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                return Ok(Some(Manifest {
                    partial: true,
                    ..Manifest::default()
                }));
            }
            Err(e) => return Err(e),
        };
        let mut manifest = Manifest::parse(&text);
        // Files a build added after this manifest was written.
        match fs::read_to_string(dir.join(ADDED)) {
            Ok(text) => {
                for (path, record) in Manifest::parse(&text).files {
                    manifest.files.entry(path).or_insert(record);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        Ok(Some(manifest))
    }

    /// Lists `files` as vial's before they are created in `dir`, without
    /// rewriting the whole manifest: `read` adds them to it.
    pub fn write_added<'a>(
        dir: &Path,
        files: impl Iterator<Item = (&'a String, &'a Record)>,
    ) -> io::Result<()> {
        let added = Manifest {
            files: files.map(|(p, r)| (p.clone(), *r)).collect(),
            partial: false,
        };
        added.write_as(dir, ADDED)
    }

    pub fn parse(text: &str) -> Manifest {
        let mut lines = text.lines();
        let header = lines.next().unwrap_or("");
        let Some(rest) = header.strip_prefix(HEADER) else {
            return Manifest {
                partial: true,
                ..Manifest::default()
            };
        };
        let partial = rest.trim() == PARTIAL;
        let files = lines
            .filter(|l| !l.starts_with('#'))
            .filter_map(|line| {
                let mut parts = line.splitn(4, ' ');
                let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
                let size = parts.next()?.parse().ok()?;
                let mtime = parts.next()?.parse().ok()?;
                let path = parts.next()?;
                Some((path.to_string(), Record { hash, size, mtime }))
            })
            .collect();
        Manifest { files, partial }
    }

    /// Lists `files` (new or rewritten) and forgets `gone`; what that
    /// changed.
    pub fn update(&mut self, files: HashMap<String, Record>, gone: &[String]) -> Updated {
        let mut paths = std::mem::take(&mut self.partial);
        let mut records = false;
        for path in gone {
            paths |= self.files.remove(path).is_some();
        }
        for (path, record) in files {
            match self.files.insert(path, record) {
                None => paths = true,
                Some(old) => records |= old != record,
            }
        }
        if paths {
            Updated::Paths
        } else if records {
            Updated::Records
        } else {
            Updated::Nothing
        }
    }

    /// The manifest as text, files sorted so it diffs well (what `write`
    /// writes; the tests read it back).
    #[cfg(test)]
    fn render(&self) -> String {
        let mut text = Vec::with_capacity(64 + self.files.len() * 64);
        self.render_into(&mut text);
        // Paths come from `String`s, the rest is ASCII.
        String::from_utf8(text).unwrap_or_default()
    }

    /// Appends the manifest's text to `out`. Written by hand: `vial serve`
    /// rewrites 25,000 lines on each edit, and `write!` took most of that.
    fn render_into(&self, out: &mut Vec<u8>) {
        let mut paths: Vec<(&String, &Record)> = self.files.iter().collect();
        paths.sort_unstable_by_key(|(p, _)| *p);
        out.extend_from_slice(HEADER.as_bytes());
        if self.partial {
            out.push(b' ');
            out.extend_from_slice(PARTIAL.as_bytes());
        }
        out.extend_from_slice(
            b"\n# Written by vial: the files of this folder it created, so that a build\n\
              # replaces and deletes only those. Do not edit.\n",
        );
        let mut numbers = itoa::Buffer::new();
        for (path, r) in paths {
            push_hex(out, r.hash);
            out.push(b' ');
            out.extend_from_slice(numbers.format(r.size).as_bytes());
            out.push(b' ');
            out.extend_from_slice(numbers.format(r.mtime).as_bytes());
            out.push(b' ');
            out.extend_from_slice(path.as_bytes());
            out.push(b'\n');
        }
    }

    /// Writes the manifest into `dir`, atomically; it lists every file,
    /// so the list of added ones goes.
    pub fn write(&self, dir: &Path) -> io::Result<()> {
        self.write_as(dir, MANIFEST)?;
        match fs::remove_file(dir.join(ADDED)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    fn write_as(&self, dir: &Path, name: &str) -> io::Result<()> {
        let temp = dir.join(format!("{name}.tmp"));
        let mut text = Vec::with_capacity(64 + self.files.len() * 64);
        self.render_into(&mut text);
        let mut file = fs::File::create(&temp)?;
        file.write_all(&text)?;
        drop(file);
        fs::rename(&temp, dir.join(name))
    }
}

/// `n` as 16 lowercase hex digits, as `{:016x}` writes it.
fn push_hex(out: &mut Vec<u8>, n: u64) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.extend(
        (0..16)
            .rev()
            .map(|i| DIGITS[((n >> (i * 4)) & 0xf) as usize]),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_what_it_wrote() {
        let mut manifest = Manifest::default();
        manifest.files.insert(
            "products/a b/index.html".into(),
            Record {
                hash: 0xdead_beef,
                size: 12,
                mtime: 1_700_000_000_123_456_789,
            },
        );
        assert_eq!(Manifest::parse(&manifest.render()), manifest);
        manifest.partial = true;
        assert_eq!(Manifest::parse(&manifest.render()), manifest);
    }

    #[test]
    fn numbers_are_written_as_format_would() {
        for n in [0, 1, 0xdead_beef, u64::MAX, 1_700_000_000_123_456_789] {
            let mut out = Vec::new();
            push_hex(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), format!("{n:016x}"));
        }
    }

    #[test]
    fn a_damaged_manifest_still_marks_the_folder_as_ours() {
        let manifest = Manifest::parse("garbage\n");
        assert!(manifest.partial);
        let manifest = Manifest::parse("vial-output 1\nnot a record\n");
        assert!(!manifest.partial);
        assert!(manifest.files.is_empty());
    }
}
