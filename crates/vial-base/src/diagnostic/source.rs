//! Where a problem is: the file it was found in, kept as read so a message
//! can quote its line, and the line and column within it. Every stage that
//! reads a file makes locations here; byte offsets become lines and
//! columns once, the way editors count them.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Code, Diagnostic, Snippet};

/// A file as read from disk, kept so later stages can point into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the site root, as shown to the user.
    pub path: PathBuf,
    pub text: Arc<str>,
    /// The day the file was last modified (`YYYY-MM-DD`, UTC), when read
    /// from disk.
    pub modified: Option<String>,
    /// A hash of the text and the day: what the model keeps of the file to
    /// tell, on a rebuild, that it did not change (it does not keep the
    /// text: a build lets it go once the model is made).
    pub hash: u64,
    /// What tells this file on disk from any other, when read from disk (0
    /// where the system cannot say): a hash of its inode number and the
    /// time it was created. A file moved keeps both; a new file may be
    /// given a deleted one's inode, never its creation time. It tells a
    /// file moved and edited at once from a new one (`vial_build`'s
    /// renames).
    pub identity: u64,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        let text = text.into();
        Self {
            path: path.into(),
            hash: Self::hash_of(&text, None),
            text,
            modified: None,
            identity: 0,
        }
    }

    /// The file, with its identity on disk.
    pub fn with_identity(self, identity: u64) -> Self {
        Self { identity, ..self }
    }

    /// The file, last modified on `day`.
    pub fn modified_on(self, day: Option<String>) -> Self {
        Self {
            hash: Self::hash_of(&self.text, day.as_deref()),
            modified: day,
            ..self
        }
    }

    fn hash_of(text: &str, day: Option<&str>) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(text.as_bytes());
        if let Some(day) = day {
            h.update(&[0xff]);
            h.update(day.as_bytes());
        }
        h.digest()
    }

    /// A location from a 1-based line and column.
    pub fn location(&self, line: usize, column: usize) -> Location {
        Location {
            path: self.path.clone(),
            line: line.max(1),
            column: column.max(1),
        }
    }

    /// A location from a byte offset into the text.
    pub fn location_at(&self, offset: usize) -> Location {
        let (line, column) = line_column(&self.text, offset);
        self.location(line, column)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        self.text.lines().nth(line.checked_sub(1)?)
    }

    /// An error at `location`, with (a window of) its source line attached.
    pub fn error(&self, code: Code, location: Location, message: impl Into<String>) -> Diagnostic {
        let snippet = self
            .line_text(location.line)
            .map(|line| Box::new(Snippet::around(line, location.column)));
        Diagnostic {
            snippet,
            ..Diagnostic::error(code, location, message)
        }
    }
}

/// Turns a byte offset into a 1-based line and a 1-based column counted in
/// characters, the way editors show it.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Where a problem is. A line of 0 means the file (or folder) as a whole.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// A whole file or folder, when no line applies.
    pub fn file(path: impl AsRef<Path>) -> Self {
        Self {
            path: path.as_ref().to_path_buf(),
            line: 0,
            column: 0,
        }
    }

    pub fn has_line(&self) -> bool {
        self.line > 0
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.has_line() {
            write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
        } else {
            write!(f, "{}", self.path.display())
        }
    }
}
