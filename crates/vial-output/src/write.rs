//! Writing one file's bytes, in as few system calls as it takes, and
//! hashing them on the way when the caller's hash is not of the bytes
//! themselves.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use xxhash_rust::xxh3::Xxh3;

/// Makes a file's bytes piece by piece: calls its argument with each
/// piece, in order, and stops at the first error it returns.
pub type Make<'m> = dyn Fn(&mut dyn FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> + Sync + 'm;

/// The bytes of a file to write.
pub enum Bytes<'b> {
    /// In memory, in pieces.
    Pieces(&'b [&'b [u8]]),
    /// Made while they are written.
    Made(&'b Make<'b>),
}

/// A file as written: its metadata and the xxh3 of its bytes.
pub struct OnDisk {
    pub meta: fs::Metadata,
    pub content: u64,
}

impl Bytes<'_> {
    /// Writes the bytes to `file`; returns how many there were and their
    /// xxh3 (`content` when the caller knows it).
    fn write_to(&self, file: &mut fs::File, content: Option<u64>) -> io::Result<(u64, u64)> {
        match (self, content) {
            (Bytes::Pieces([bytes]), _) => {
                file.write_all(bytes)?;
                let content = content.unwrap_or_else(|| super::manifest::hash(bytes));
                Ok((bytes.len() as u64, content))
            }
            (Bytes::Pieces(pieces), _) => {
                write_pieces(file, pieces)?;
                let content = content.unwrap_or_else(|| {
                    let mut hasher = Xxh3::new();
                    pieces.iter().for_each(|p| hasher.update(p));
                    hasher.digest()
                });
                Ok((pieces.iter().map(|p| p.len() as u64).sum(), content))
            }
            (Bytes::Made(make), _) => {
                let mut out = io::BufWriter::with_capacity(1 << 20, file);
                let mut hasher = Xxh3::new();
                let mut len = 0;
                make(&mut |piece| {
                    len += piece.len() as u64;
                    hasher.update(piece);
                    out.write_all(piece)
                })?;
                out.flush()?;
                Ok((len, hasher.digest()))
            }
        }
    }
}

/// Writes `bytes` to a new file at `path`, in a folder that exists.
pub fn write_file(path: &Path, bytes: &Bytes<'_>, content: Option<u64>) -> io::Result<OnDisk> {
    let mut file = fs::File::create(path)?;
    let (_, content) = bytes.write_to(&mut file, content)?;
    Ok(OnDisk {
        meta: file.metadata()?,
        content,
    })
}

/// Writes `bytes` over the file at `path` from its start, and cuts what
/// is left of its old bytes.
pub fn write_over(path: &Path, bytes: &Bytes<'_>, content: Option<u64>) -> io::Result<OnDisk> {
    let mut file = fs::OpenOptions::new().write(true).open(path)?;
    let (len, content) = bytes.write_to(&mut file, content)?;
    file.set_len(len)?;
    Ok(OnDisk {
        meta: file.metadata()?,
        content,
    })
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

/// The xxh3 of the regular file at `path`, read whole; `None` if it
/// cannot be read.
pub fn content_of(path: &Path) -> Option<u64> {
    use std::io::Read;
    let mut file = fs::File::open(path).ok()?;
    let mut hasher = Xxh3::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        match file.read(&mut buffer) {
            Ok(0) => return Some(hasher.digest()),
            Ok(n) => hasher.update(&buffer[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}
