//! How diagnostics are printed: for people (the message, the source line
//! with a caret, the help), as JSON lines for editors and scripts, and as
//! GitHub Actions annotations. Every format shows the same data, and only
//! the command line picks one: the formats stand apart from the diagnostic
//! they print.

use std::fmt;

use super::{Diagnostic, Diagnostics};

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

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
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
