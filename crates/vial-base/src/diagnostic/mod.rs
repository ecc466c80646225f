//! Diagnostics: every problem a build finds, with the file, line and column it
//! happened at, the offending source line, and a hint on how to fix it.
//!
//! Stages never print or stop at the first problem: they return `Diagnostic`s,
//! and the caller decides how to show them (for people, as JSON lines, or as
//! GitHub annotations) and which exit code follows.
//!
//! Here: a diagnostic and the list of a build's. Beside it, where a problem
//! is (`source`), what kind it is (`code`), the source line shown under it
//! (`snippet`), how it is printed in each format (`formats`), and the hint
//! for a misspelt name (`suggest`).

mod code;
mod formats;
mod snippet;
mod source;
mod suggest;

pub use code::{About, Code};
pub use formats::Format;
pub use snippet::Snippet;
pub use source::{Location, SourceFile, line_column};
pub use suggest::{did_you_mean, nearest, suggestion};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub location: Location,
    pub message: String,
    pub help: Option<String>,
    /// The source line the location points into (boxed: most diagnostics
    /// travel in `Result`s, which should stay small).
    pub snippet: Option<Box<Snippet>>,
}

impl Diagnostic {
    /// An error without a source line to show (a missing file, an I/O failure).
    pub fn error(code: Code, location: Location, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code,
            location,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn into_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// All the problems of one build, sorted by file and position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Sorts by location so output is stable however the work was scheduled.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.location, a.severity, &a.message).cmp(&(&b.location, b.severity, &b.message))
        });
        self.0.dedup();
        self
    }

    /// Errors only; warnings are dropped.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl std::error::Error for Diagnostics {}

/// An I/O error in plain words, without the OS error number.
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "it does not exist".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::StorageFull => "the disk is full".into(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        ErrorKind::NotADirectory => "a file stands where a folder is needed".into(),
        ErrorKind::IsADirectory => "a folder stands where a file is needed".into(),
        ErrorKind::QuotaExceeded => "the disk quota is used up".into(),
        ErrorKind::FileTooLarge => "the file is larger than the system allows".into(),
        ErrorKind::InvalidFilename => "the name is longer than the file system allows".into(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests;
