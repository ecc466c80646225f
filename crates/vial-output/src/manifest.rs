//! The manifest: the files vial wrote into an output folder, each with the
//! hashes, size and modification time it was written with. Kept in the
//! output's state folder (`state`), sealed.
//!
//! It is how vial knows which of the folder's files it may replace or
//! delete (only those it wrote, and only while their bytes are still the
//! ones it wrote), and which files a build need not write again (same
//! bytes, untouched since).

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::time::UNIX_EPOCH;

use super::state::{self, Place};

/// The manifest's state file.
const MANIFEST: &str = "manifest";
/// Files a build is about to move in, listed before they are; the manifest
/// written after them covers them and deletes this list.
const ADDED: &str = "added";

/// One file as vial wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    /// What the writer hashed to tell whether the file changed: xxh3 of
    /// the bytes, or for a file written in pieces the hash its writer made
    /// of them (`Update::put_pieces`). Only compared with the next build's
    /// hash of the same path.
    pub hash: u64,
    /// xxh3 of the bytes as they are on disk: what a file must still hash
    /// to before vial replaces or deletes it.
    pub content: u64,
    pub size: u64,
    /// Modification time in nanoseconds since 1970, as written.
    pub mtime: u64,
    /// The file's inode number (0 where the system has none): with the
    /// size and time, what tells a file untouched since vial wrote it.
    pub inode: u64,
}

impl Record {
    /// The record of a file just written with bytes of hash `hash` and
    /// content hash `content`.
    pub fn of(hash: u64, content: u64, meta: &fs::Metadata) -> Record {
        Record {
            hash,
            content,
            size: meta.len(),
            mtime: mtime(meta),
            inode: inode(meta),
        }
    }

    /// Whether the file on disk still looks as vial wrote it: a regular
    /// file of the same size and modification time (its bytes are not
    /// read again). Enough to leave a file alone, not to replace it.
    pub fn matches(&self, meta: &fs::Metadata) -> bool {
        meta.is_file() && meta.len() == self.size && mtime(meta) == self.mtime
    }

    /// Whether the file is the very one vial wrote, untouched since: the
    /// same inode, size and modification time (a write changes the time,
    /// a copy or a save through a new file the inode). Enough to replace
    /// it without reading it; anything else is settled by its bytes.
    pub fn untouched(&self, meta: &fs::Metadata) -> bool {
        self.inode != 0 && self.matches(meta) && inode(meta) == self.inode
    }
}

pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(unix)]
fn inode(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_: &fs::Metadata) -> u64 {
    0
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

/// What an output's manifest says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Files by path below the folder, `/`-separated. Kept in order: the
    /// manifest is written sorted (it diffs well), and `vial serve` writes
    /// it after every edit, where sorting every path of a large output
    /// each time was half of the write (see bench/README.md).
    pub files: BTreeMap<String, Record>,
    /// Second records of listed files, from a build killed while it moved
    /// them in: the file on disk is one or the other.
    pub also: HashMap<String, Record>,
    /// Written before a first build's files: the folder holds nothing but
    /// vial's, though not all of them are listed.
    pub partial: bool,
    /// The tag of the output's marker (`state::MARKER`).
    pub tag: u64,
}

impl Manifest {
    /// An empty manifest for the output marked with `tag`.
    pub fn new(tag: u64) -> Manifest {
        Manifest {
            tag,
            ..Manifest::default()
        }
    }

    /// The manifest kept at `place`, with the files a killed build added
    /// after it. `None` when there is none; an `InvalidData` error when it
    /// does not read completely, names another folder or lists a path vial
    /// cannot have written.
    pub fn read(place: &Place) -> io::Result<Option<Manifest>> {
        let Some(body) = place.read(MANIFEST, "manifest")? else {
            return Ok(None);
        };
        let mut manifest = Manifest::parse(&body, &place.identity).ok_or_else(damaged)?;
        // A list of added files that does not open was never finished:
        // the files it would name were not moved in.
        if let Ok(Some(body)) = place.read(ADDED, "added")
            && let Some(added) = Manifest::parse(&body, &place.identity)
            && added.tag == manifest.tag
        {
            for (path, record) in added.files {
                match manifest.files.get(&path) {
                    None => {
                        manifest.files.insert(path, record);
                    }
                    Some(old) if *old != record => {
                        manifest.also.insert(path, record);
                    }
                    Some(_) => {}
                }
            }
        }
        Ok(Some(manifest))
    }

    /// The body's lines: the output it describes, its tag, whether it is
    /// partial, then one record a line. `None` if any line is not what
    /// vial writes.
    fn parse(body: &str, identity: &str) -> Option<Manifest> {
        let mut lines = body.lines();
        if lines.next()? != format!("output {}", shown_identity(identity)) {
            return None;
        }
        let tag = lines.next()?.strip_prefix("tag ")?;
        let tag = hex(tag)?;
        let partial = match lines.next()? {
            "partial" => true,
            "complete" => false,
            _ => return None,
        };
        let mut files = BTreeMap::new();
        for line in lines {
            let (path, record) = parse_record(line)?;
            if files.insert(path, record).is_some() {
                return None;
            }
        }
        Some(Manifest {
            files,
            also: HashMap::new(),
            partial,
            tag,
        })
    }

    /// Lists `files` as vial's at `place` before they are moved in, without
    /// rewriting the whole manifest: `read` adds them to it.
    pub fn write_added<'a>(
        place: &Place,
        tag: u64,
        files: impl Iterator<Item = (&'a String, &'a Record)>,
    ) -> io::Result<()> {
        let mut body = Vec::new();
        header_into(&mut body, &place.identity, tag, false);
        // In no order: only read back, never compared.
        records_into(&mut body, files);
        place.write(ADDED, "added", &body)
    }

    /// The record the file at `path` was written with, given its metadata
    /// now: of the two a killed build may have left, the one it matches.
    pub fn record(&self, path: &str, meta: &fs::Metadata) -> Option<&Record> {
        let main = self.files.get(path)?;
        match self.also.get(path) {
            Some(other) if !main.matches(meta) && other.matches(meta) => Some(other),
            _ => Some(main),
        }
    }

    /// Keeps, of the two records a build killed while moving files in left
    /// for a path, the one the file in `dir` matches: what it wrote becomes
    /// one list again.
    pub fn settle(&mut self, dir: &std::path::Path) {
        for (path, record) in std::mem::take(&mut self.also) {
            let meta = fs::symlink_metadata(dir.join(&path));
            if meta.is_ok_and(|m| record.matches(&m)) {
                self.files.insert(path, record);
            }
        }
    }

    /// Whether the list of files a build was about to move in is still
    /// there: that build was killed.
    pub fn has_added(place: &Place) -> bool {
        place.file(ADDED).exists()
    }

    /// Whether bytes hashing to `content` at `path` are bytes vial wrote
    /// there.
    pub fn wrote(&self, path: &str, content: u64) -> bool {
        self.files.get(path).is_some_and(|r| r.content == content)
            || self.also.get(path).is_some_and(|r| r.content == content)
    }

    /// Lists `files` (new or rewritten) and forgets `gone`; what that
    /// changed.
    pub fn update(
        &mut self,
        files: impl IntoIterator<Item = (String, Record)>,
        gone: &[String],
    ) -> Updated {
        let mut paths = std::mem::take(&mut self.partial);
        let mut records = !self.also.is_empty();
        self.also.clear();
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

    /// The manifest's body, files sorted so it diffs well. Written by
    /// hand: `vial serve` rewrites tens of thousands of lines on each
    /// edit, and `write!` took most of that.
    fn body(&self, identity: &str) -> Vec<u8> {
        let mut body = Vec::with_capacity(128 + self.files.len() * 80);
        header_into(&mut body, identity, self.tag, self.partial);
        records_into(&mut body, &self.files);
        body
    }

    /// Writes the manifest at `place`, atomically; it lists every file, so
    /// the list of added ones goes.
    pub fn write(&self, place: &Place) -> io::Result<()> {
        place.write(MANIFEST, "manifest", &self.body(&place.identity))?;
        place.remove(ADDED)
    }

    /// The manifest's bytes as `write` leaves them, to hash.
    pub fn stored(place: &Place) -> Option<Vec<u8>> {
        fs::read(place.file(MANIFEST)).ok()
    }
}

fn damaged() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "damaged")
}

/// The identity as a manifest line shows it: one line, whatever the path.
fn shown_identity(identity: &str) -> String {
    identity.replace(|c: char| c.is_control(), "?")
}

fn header_into(out: &mut Vec<u8>, identity: &str, tag: u64, partial: bool) {
    out.extend_from_slice(b"output ");
    out.extend_from_slice(shown_identity(identity).as_bytes());
    out.extend_from_slice(b"\ntag ");
    push_hex(out, tag);
    out.extend_from_slice(if partial {
        b"\npartial\n"
    } else {
        b"\ncomplete\n"
    });
}

fn records_into<'a>(
    out: &mut Vec<u8>,
    records: impl IntoIterator<Item = (&'a String, &'a Record)>,
) {
    let mut numbers = itoa::Buffer::new();
    for (path, r) in records {
        push_hex(out, r.hash);
        out.push(b' ');
        push_hex(out, r.content);
        out.push(b' ');
        out.extend_from_slice(numbers.format(r.size).as_bytes());
        out.push(b' ');
        out.extend_from_slice(numbers.format(r.mtime).as_bytes());
        out.push(b' ');
        out.extend_from_slice(numbers.format(r.inode).as_bytes());
        out.push(b' ');
        out.extend_from_slice(path.as_bytes());
        out.push(b'\n');
    }
}

/// `hash content size mtime inode path`, with a path vial can have
/// written.
fn parse_record(line: &str) -> Option<(String, Record)> {
    let mut parts = line.splitn(6, ' ');
    let hash = hex(parts.next()?)?;
    let content = hex(parts.next()?)?;
    let size = parts.next()?.parse().ok()?;
    let mtime = parts.next()?.parse().ok()?;
    let inode = parts.next()?.parse().ok()?;
    let path = parts.next()?;
    state::is_output_path(path).then(|| {
        let record = Record {
            hash,
            content,
            size,
            mtime,
            inode,
        };
        (path.to_string(), record)
    })
}

/// 16 lowercase hex digits, as `push_hex` writes them.
fn hex(text: &str) -> Option<u64> {
    let digits = text
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (text.len() == 16 && digits)
        .then(|| u64::from_str_radix(text, 16).ok())
        .flatten()
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

    fn place() -> (tempfile::TempDir, Place) {
        let site = tempfile::tempdir().unwrap();
        let place = Place::of(site.path(), &site.path().join("public"));
        (site, place)
    }

    fn record(n: u64) -> Record {
        Record {
            hash: 0xdead_beef + n,
            content: n,
            size: 12,
            mtime: 1_700_000_000_123_456_789,
            inode: 7,
        }
    }

    #[test]
    fn a_manifest_reads_back_what_it_wrote() {
        let (_site, place) = place();
        let mut manifest = Manifest::new(7);
        manifest
            .files
            .insert("products/a b/index.html".into(), record(1));
        manifest.write(&place).unwrap();
        assert_eq!(Manifest::read(&place).unwrap(), Some(manifest.clone()));
        manifest.partial = true;
        manifest.write(&place).unwrap();
        assert_eq!(Manifest::read(&place).unwrap(), Some(manifest));
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
    fn a_manifest_that_does_not_read_whole_is_damaged_not_ours() {
        let (_site, place) = place();
        for text in [
            &b""[..],
            b"hello",
            b"\x00\xff",
            b"vial-manifest 2\noutput public\n",
        ] {
            place.write_bytes("manifest", text).unwrap();
            let read = Manifest::read(&place);
            assert_eq!(read.unwrap_err().kind(), io::ErrorKind::InvalidData);
        }
    }

    #[test]
    fn a_sealed_manifest_with_a_path_out_of_the_output_is_refused() {
        let (_site, place) = place();
        for path in ["../victim.txt", "/etc/passwd", "a/../../b", ".vial-output"] {
            let body = format!(
                "output public\ntag 0000000000000001\ncomplete\n{} {} 1 1 1 {path}\n",
                "0".repeat(16),
                "0".repeat(16)
            );
            place
                .write("manifest", "manifest", body.as_bytes())
                .unwrap();
            assert!(Manifest::read(&place).is_err(), "{path}");
        }
        // The same manifest for another output folder is not this one's.
        let body = "output elsewhere\ntag 0000000000000001\ncomplete\n";
        place
            .write("manifest", "manifest", body.as_bytes())
            .unwrap();
        assert!(Manifest::read(&place).is_err());
    }

    #[test]
    fn added_files_join_the_manifest_with_both_records_of_a_replaced_one() {
        let (_site, place) = place();
        let mut manifest = Manifest::new(3);
        manifest.files.insert("a.html".into(), record(1));
        manifest.write(&place).unwrap();
        let added = [
            ("a.html".to_string(), record(2)),
            ("b.html".to_string(), record(3)),
        ];
        Manifest::write_added(&place, 3, added.iter().map(|(p, r)| (p, r))).unwrap();
        let read = Manifest::read(&place).unwrap().unwrap();
        assert_eq!(read.files["a.html"], record(1));
        assert_eq!(read.also["a.html"], record(2));
        assert_eq!(read.files["b.html"], record(3));
        assert!(read.wrote("a.html", 1) && read.wrote("a.html", 2));
        assert!(!read.wrote("a.html", 3));
        // A list for another marker is some other build's, and ignored.
        Manifest::write_added(&place, 4, added.iter().map(|(p, r)| (p, r))).unwrap();
        assert!(
            !Manifest::read(&place)
                .unwrap()
                .unwrap()
                .files
                .contains_key("b.html")
        );
    }
}
