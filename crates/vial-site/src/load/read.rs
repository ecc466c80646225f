//! Reading one text source: whole, as UTF-8, and no larger than the site
//! allows (`limits:`), or a problem that says where and why.

use std::io::Read;
use std::path::Path;

use crate::config::Limits;
use vial_base::diagnostic::{Code, Diagnostic, Location, SourceFile, io_reason};

/// Reads a file under `root` into a `SourceFile` named by its relative
/// path: at most `limit` bytes, which must be UTF-8 text.
pub fn read_source(root: &Path, relative: &Path, limit: u64) -> Result<SourceFile, Diagnostic> {
    let absolute = root.join(relative);
    let unreadable = |e: std::io::Error| {
        Diagnostic::error(
            Code::Io,
            Location::file(relative),
            format!("cannot read the file: {}", io_reason(&e)),
        )
        .with_help("check that the file exists and is readable")
    };
    // One `stat` of the open file gives both the day it changed and its
    // size: `fs::metadata` and `fs::read_to_string` made one each, and a
    // `File`'s own `read_to_string` makes another and a seek.
    let file = std::fs::File::open(&absolute).map_err(unreadable)?;
    let meta = file.metadata().ok();
    let modified = meta.as_ref().and_then(|m| m.modified().ok()).map(iso_day);
    let size = meta.as_ref().map_or(0, |m| m.len());
    let identity = meta.as_ref().map_or(0, identity_on_disk);
    if size > limit {
        return Err(too_large(relative, size, limit));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // A file that grows while it is read stops at the limit too.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(relative, bytes.len() as u64, limit));
    }
    let text = String::from_utf8(bytes).map_err(|e| not_utf8(relative, e))?;
    Ok(SourceFile::new(relative, text)
        .modified_on(modified)
        .with_identity(identity))
}

/// The file's inode number and creation time, hashed (`SourceFile::identity`);
/// 0 where the system gives either none.
#[cfg(unix)]
fn identity_on_disk(meta: &std::fs::Metadata) -> u64 {
    let inode = std::os::unix::fs::MetadataExt::ino(meta);
    let Some(created) = meta
        .created()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
    else {
        return 0;
    };
    let mut bytes = [0u8; 24];
    bytes[..8].copy_from_slice(&inode.to_le_bytes());
    bytes[8..].copy_from_slice(&created.as_nanos().to_le_bytes()[..16]);
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

#[cfg(not(unix))]
fn identity_on_disk(_: &std::fs::Metadata) -> u64 {
    0
}

fn too_large(relative: &Path, size: u64, limit: u64) -> Diagnostic {
    Diagnostic::error(
        Code::TooLarge,
        Location::file(relative),
        format!(
            "the file is {}, more than the {} vial reads of one file",
            Limits::megabytes(size),
            Limits::megabytes(limit)
        ),
    )
    .with_help(
        "split it into smaller files (one product or guide per file); if it must be this large, raise `limits: text_file_mb` in site.yaml",
    )
}

/// Bytes that are not UTF-8: the line and column of the first bad byte,
/// with the line as it reads.
fn not_utf8(relative: &Path, error: std::string::FromUtf8Error) -> Diagnostic {
    let at = error.utf8_error().valid_up_to();
    let bytes = error.into_bytes();
    let text = String::from_utf8_lossy(&bytes);
    // The lossy text has the same bytes up to the first bad one.
    let file = SourceFile::new(relative, text.as_ref());
    let location = file.location_at(at);
    let byte = bytes.get(at).copied().unwrap_or(0);
    file.error(
        Code::Io,
        location,
        format!("the file is not UTF-8 text: byte 0x{byte:02x} cannot start a character here"),
    )
    .with_help(
        "save the file as UTF-8 (in most editors: Save with encoding, UTF-8); this byte often comes from text pasted from a document in another encoding",
    )
}

/// The UTC day of a time, as `YYYY-MM-DD` (days from 1970 to the civil
/// calendar, after Howard Hinnant's `civil_from_days`).
pub fn iso_day(time: std::time::SystemTime) -> String {
    let secs = time
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
