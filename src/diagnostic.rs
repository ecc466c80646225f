//! Diagnostics: every problem a build finds, with the file, line and column it
//! happened at, the offending source line, and a hint on how to fix it.
//!
//! Stages never print or stop at the first problem: they return `Diagnostic`s,
//! and the caller decides how to show them and which exit code follows.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file as read from disk, kept so later stages can point into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the site root, as shown to the user.
    pub path: PathBuf,
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
        }
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

    /// An error at `location`, with the source line attached as a snippet.
    pub fn error(&self, location: Location, message: impl Into<String>) -> Diagnostic {
        let snippet = self.line_text(location.line).map(str::to_owned);
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
            help: None,
            snippet,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// A location for a whole file, when nothing more precise is known.
    pub fn file(path: impl AsRef<Path>) -> Self {
        Self {
            path: path.as_ref().to_path_buf(),
            line: 1,
            column: 1,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    pub message: String,
    pub help: Option<String>,
    /// The source line the location points into.
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// An error without a source line to show (a missing file, an I/O failure).
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{}: {level}: {}", self.location, self.message)?;
        if let Some(snippet) = &self.snippet {
            let number = self.location.line.to_string();
            let gutter = " ".repeat(number.len());
            // Tabs would shift the caret; show them as single spaces.
            let shown = snippet.replace('\t', " ");
            let caret_pad = " ".repeat(self.location.column.saturating_sub(1));
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{number} | {shown}")?;
            writeln!(f, "{gutter} | {caret_pad}^")?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {help}")?;
        }
        Ok(())
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

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// The closest candidate to a misspelt `word`, if one is close enough to be
/// what the user meant.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, c)| c)
}

/// "did you mean `x`?" when a candidate is close, else the full list of choices.
pub fn suggestion<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str> + Clone) -> String {
    match did_you_mean(word, candidates.clone()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => {
            let all: Vec<String> = candidates.into_iter().map(|c| format!("`{c}`")).collect();
            if all.is_empty() {
                "there is nothing to choose from yet".to_string()
            } else {
                format!("expected one of {}", all.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_from_one() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 7), (2, 4));
        assert_eq!(line_column(text, 100), (3, 2));
    }

    #[test]
    fn did_you_mean_finds_near_misses_only() {
        let fields = ["frequency", "time", "step"];
        assert_eq!(did_you_mean("frequncy", fields), Some("frequency"));
        assert_eq!(did_you_mean("colour", fields), None);
    }

    #[test]
    fn display_shows_location_snippet_caret_and_help() {
        let file = SourceFile::new("content/products/a.yaml", "name: A\ncategory: ampule\n");
        let d = file
            .error(file.location(2, 11), "unknown category `ampule`")
            .with_help("did you mean `ampoule`?");
        let shown = d.to_string();
        assert_eq!(
            shown,
            "content/products/a.yaml:2:11: error: unknown category `ampule`\n  |\n2 | category: ampule\n  |           ^\n  = help: did you mean `ampoule`?\n"
        );
    }
}
