//! Diagnostics: every problem a build finds, with the file, line and column it
//! happened at, the offending source line, and a hint on how to fix it.
//!
//! Stages never print or stop at the first problem: they return `Diagnostic`s,
//! and the caller decides how to show them (for people, as JSON lines, or as
//! GitHub annotations) and which exit code follows.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        let text = text.into();
        Self {
            path: path.into(),
            hash: Self::hash_of(&text, None),
            text,
            modified: None,
        }
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

/// What kind of problem a diagnostic reports: a stable name that editors and
/// CI can match on, whatever the wording of the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The YAML itself cannot be read.
    YamlSyntax,
    /// A key written twice in one group.
    DuplicateKey,
    UnknownField,
    MissingField,
    /// A value of the wrong kind (a list for text, text for a number).
    WrongType,
    /// A value outside its allowed set or range.
    InvalidValue,
    /// The file holds more than vial reads from one file.
    TooLarge,
    FrontMatter,
    FileName,
    DuplicateSlug,
    UnknownCategory,
    UnknownStep,
    UnknownSpec,
    UnknownProduct,
    UnknownTheme,
    /// A routine rule names a group that is not declared.
    UnknownGroup,
    /// A routine group names a term that no product carries (a warning).
    UnknownTerm,
    Frequency,
    Position,
    BrokenLink,
    EmbeddedBlock,
    UnusedDescription,
    Template,
    /// The output folder is, holds or lies inside the site's sources.
    OutputInSources,
    /// The output folder exists and is not one vial wrote.
    OutputNotOurs,
    /// A file vial did not write stands where it must write one.
    OutputConflict,
    /// The site folder has no site.yaml.
    NoSite,
    /// A UI string no strings file has.
    MissingString,
    /// `base_url` is still a placeholder such as example.org.
    PlaceholderUrl,
    /// A written page links to a file or anchor that is not there.
    DeadLink,
    /// A static file has the path of a page vial writes, which wins.
    ShadowedFile,
    /// An image a content file names is not there.
    ImageNotFound,
    /// An image file that cannot be read or decoded.
    ImageUnreadable,
    /// An image so large it slows every cold build (a warning).
    ImageTooLarge,
    /// Reading or writing a file failed.
    Io,
    /// A symbolic link among the sources leads out of the site folder.
    LinkOutside,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::YamlSyntax => "yaml-syntax",
            Code::DuplicateKey => "duplicate-key",
            Code::UnknownField => "unknown-field",
            Code::MissingField => "missing-field",
            Code::WrongType => "wrong-type",
            Code::InvalidValue => "invalid-value",
            Code::TooLarge => "too-large",
            Code::FrontMatter => "front-matter",
            Code::FileName => "file-name",
            Code::DuplicateSlug => "duplicate-slug",
            Code::UnknownCategory => "unknown-category",
            Code::UnknownStep => "unknown-step",
            Code::UnknownSpec => "unknown-spec",
            Code::UnknownProduct => "unknown-product",
            Code::UnknownTheme => "unknown-theme",
            Code::UnknownGroup => "unknown-group",
            Code::UnknownTerm => "unknown-term",
            Code::Frequency => "frequency",
            Code::Position => "position",
            Code::BrokenLink => "broken-link",
            Code::EmbeddedBlock => "embedded-block",
            Code::UnusedDescription => "unused-description",
            Code::Template => "template",
            Code::OutputInSources => "output-in-sources",
            Code::OutputNotOurs => "output-not-ours",
            Code::OutputConflict => "output-conflict",
            Code::NoSite => "no-site",
            Code::MissingString => "missing-string",
            Code::PlaceholderUrl => "placeholder-url",
            Code::DeadLink => "dead-link",
            Code::ShadowedFile => "shadowed-file",
            Code::ImageNotFound => "image-not-found",
            Code::ImageUnreadable => "image-unreadable",
            Code::ImageTooLarge => "image-too-large",
            Code::LinkOutside => "link-outside",
            Code::Io => "io",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The part of a source line shown under a message, cut to a window around
/// the column so a file of one huge line does not flood the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// 1-based character column of the caret within `text`.
    pub caret: usize,
}

/// Lines up to this many characters are shown whole.
const SNIPPET_WHOLE: usize = 140;
/// Of longer lines, this many characters before and after the column.
const SNIPPET_BEFORE: usize = 50;
const SNIPPET_AFTER: usize = 70;

impl Snippet {
    /// The window of `line` around the 1-based character `column`, with `…`
    /// where it was cut. Tabs show as single spaces so the caret lines up.
    pub fn around(line: &str, column: usize) -> Snippet {
        let column = column.max(1);
        // Counting stops early: a file of one huge line is not walked whole.
        if line.chars().take(SNIPPET_WHOLE + 1).count() <= SNIPPET_WHOLE {
            return Snippet {
                text: line.replace('\t', " "),
                caret: column,
            };
        }
        let start = column.saturating_sub(1 + SNIPPET_BEFORE);
        let end = column - 1 + SNIPPET_AFTER;
        let mut text = String::new();
        if start > 0 {
            text.push('…');
        }
        let mut chars = line.chars().skip(start);
        text.extend(
            chars
                .by_ref()
                .take(end - start)
                .map(|c| if c == '\t' { ' ' } else { c }),
        );
        if chars.next().is_some() {
            text.push('…');
        }
        Snippet {
            caret: column - start + usize::from(start > 0),
            text,
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = self.severity.name();
        writeln!(f, "{}: {level}: {}", self.location, self.message)?;
        if let (Some(snippet), true) = (&self.snippet, self.location.has_line()) {
            let number = self.location.line.to_string();
            let gutter = " ".repeat(number.len());
            let caret_pad = " ".repeat(snippet.caret.saturating_sub(1));
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{number} | {}", snippet.text)?;
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

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// For people: the message, the source line with a caret, the help.
    #[default]
    Human,
    /// One JSON object per line, for editors and scripts.
    Json,
    /// GitHub Actions workflow commands, shown inline on pull requests.
    Github,
}

impl Diagnostic {
    /// `line:column message | help`: one line, as tests compare
    /// diagnostics.
    pub fn brief(&self) -> String {
        format!(
            "{}:{} {} | {}",
            self.location.line,
            self.location.column,
            self.message,
            self.help.as_deref().unwrap_or("")
        )
    }

    /// The diagnostic in `format`, ending with a newline.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Human => self.to_string(),
            Format::Json => format!("{}\n", self.json()),
            Format::Github => self.github(),
        }
    }

    /// One JSON object: `file`, `line`, `column`, `end_line`, `end_column`
    /// (null for a whole file), `severity`, `code`, `message`, `help`.
    pub fn json(&self) -> serde_json::Value {
        let position = |n: usize| (n > 0).then_some(n);
        let line = position(self.location.line);
        let column = line.and(position(self.location.column));
        serde_json::json!({
            "file": self.location.path.to_string_lossy().replace('\\', "/"),
            "line": line,
            "column": column,
            "end_line": line,
            "end_column": column,
            "severity": self.severity.name(),
            "code": self.code.as_str(),
            "message": self.message,
            "help": self.help,
        })
    }

    /// A GitHub Actions annotation: `::error file=…,line=…,col=…,title=…::…`.
    fn github(&self) -> String {
        let mut properties = vec![format!(
            "file={}",
            github_property(&self.location.path.to_string_lossy().replace('\\', "/"))
        )];
        if self.location.has_line() {
            properties.push(format!("line={}", self.location.line));
            properties.push(format!("col={}", self.location.column));
        }
        properties.push(format!("title={}", github_property(self.code.as_str())));
        let mut message = self.message.clone();
        if let Some(help) = &self.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        format!(
            "::{} {}::{}\n",
            self.severity.name(),
            properties.join(","),
            github_data(&message)
        )
    }
}

/// Escapes the message part of a workflow command.
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a `key=value` property of a workflow command.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Up to three candidates close to a misspelt `word`, nearest first: those
/// within a small edit distance; failing any, those that share a prefix, a
/// substring or a whole word with it.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let word_lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .collect()
    };
    let own_words = words(word);
    let mut close: Vec<(usize, &str)> = Vec::new();
    let mut related: Vec<(usize, &str)> = Vec::new();
    for c in candidates {
        let lower = c.to_lowercase();
        let distance = strsim::osa_distance(&word_lower, &lower);
        if distance <= limit {
            close.push((distance, c));
        } else if (word_lower.chars().count() >= 3
            && (lower.contains(&word_lower)
                || (lower.chars().count() >= 3 && word_lower.contains(&lower))))
            || words(c).iter().any(|w| own_words.contains(w))
        {
            related.push((distance, c));
        }
    }
    // Far behind the nearest is noise: `bost-ampoule` means `boost-ampoule`,
    // not `meso-ampoule`.
    if let Some(nearest) = close.iter().map(|(d, _)| *d).min() {
        close.retain(|(d, _)| *d <= nearest + 1);
    }
    let mut best = if close.is_empty() { related } else { close };
    best.sort();
    best.dedup_by(|a, b| a.1 == b.1);
    best.into_iter().take(3).map(|(_, c)| c).collect()
}

/// The closest candidate to a misspelt `word`, if one is close enough to be
/// what the user meant.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(word, c), c))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Up to this many choices are listed in full when none is close.
const LISTED_CHOICES: usize = 8;

/// A short hint for a name that is not one of `candidates`: the nearest
/// ones ("did you mean `x`?"), else every choice when there are few, else
/// nothing useful to say.
pub fn suggestion<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let close = nearest(word, candidates.clone());
    let quoted = |names: &[&str]| {
        names
            .iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match close.as_slice() {
        [one] => format!("did you mean `{one}`?"),
        [_, ..] => format!("did you mean one of {}?", quoted(&close)),
        [] => {
            let all: Vec<&str> = candidates.into_iter().collect();
            match all.len() {
                0 => "there is nothing to choose from yet".to_string(),
                n if n <= LISTED_CHOICES => format!("expected one of {}", quoted(&all)),
                n => format!("none of the {n} names comes close"),
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
    fn nearest_keeps_three_related_names_at_most() {
        let slugs = [
            "sticky-trap",
            "sticky-traps-large",
            "yellow-sticky-cards",
            "neem-oil",
            "repotting-mix",
            "trap-crop",
        ];
        assert_eq!(nearest("sticky-traps", slugs), ["sticky-trap"]);
        assert_eq!(
            nearest("sticky", slugs),
            ["sticky-trap", "sticky-traps-large", "yellow-sticky-cards"]
        );
        assert_eq!(nearest("fertiliser", slugs), Vec::<&str>::new());
        assert_eq!(nearest("neem", slugs), ["neem-oil"]);
    }

    #[test]
    fn suggestions_never_list_a_whole_catalogue() {
        let many: Vec<String> = (0..10_000).map(|i| format!("product-{i}")).collect();
        let hint = suggestion("zzz-unrelated", many.iter().map(String::as_str));
        assert_eq!(hint, "none of the 10000 names comes close");
        let few = ["low", "medium", "high"];
        assert_eq!(
            suggestion("extreme", few),
            "expected one of `low`, `medium`, `high`"
        );
        assert_eq!(suggestion("hihg", few), "did you mean `high`?");
    }

    #[test]
    fn display_shows_location_snippet_caret_and_help() {
        let file = SourceFile::new("content/products/a.yaml", "name: A\ncategory: ampule\n");
        let d = file
            .error(
                Code::UnknownCategory,
                file.location(2, 11),
                "unknown category `ampule`",
            )
            .with_help("did you mean `ampoule`?");
        let shown = d.to_string();
        assert_eq!(
            shown,
            "content/products/a.yaml:2:11: error: unknown category `ampule`\n  |\n2 | category: ampule\n  |           ^\n  = help: did you mean `ampoule`?\n"
        );
    }

    #[test]
    fn snippets_of_long_lines_are_cut_around_the_column() {
        let line = "x".repeat(1_000_000) + "BAD" + &"y".repeat(1_000_000);
        let snippet = Snippet::around(&line, 1_000_001);
        assert!(snippet.text.chars().count() <= SNIPPET_BEFORE + SNIPPET_AFTER + 2);
        assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'));
        let caret: String = snippet
            .text
            .chars()
            .skip(snippet.caret - 1)
            .take(3)
            .collect();
        assert_eq!(caret, "BAD");
        let short = Snippet::around("key: value", 6);
        assert_eq!((short.text.as_str(), short.caret), ("key: value", 6));
    }

    #[test]
    fn a_whole_file_location_shows_no_line() {
        let d = Diagnostic::error(Code::Io, Location::file("public"), "cannot write");
        assert_eq!(d.to_string(), "public: error: cannot write\n");
        assert_eq!(d.json()["line"], serde_json::Value::Null);
    }

    #[test]
    fn machine_formats_carry_file_line_code_and_help() {
        let file = SourceFile::new("content/products/a.yaml", "name: A\nbrand: [A, B]\n");
        let d = file
            .error(
                Code::WrongType,
                file.location(2, 8),
                "`brand` takes one name, not a list",
            )
            .with_help("write `brand: A`, with one name");
        let json: serde_json::Value =
            serde_json::from_str(d.render(Format::Json).trim_end()).unwrap();
        assert_eq!(json["file"], "content/products/a.yaml");
        assert_eq!(json["line"], 2);
        assert_eq!(json["column"], 8);
        assert_eq!(json["code"], "wrong-type");
        assert_eq!(json["severity"], "error");
        assert_eq!(json["help"], "write `brand: A`, with one name");
        assert_eq!(
            d.render(Format::Github),
            "::error file=content/products/a.yaml,line=2,col=8,title=wrong-type::`brand` takes one name, not a list%0Ahelp: write `brand: A`, with one name\n"
        );
    }
}
