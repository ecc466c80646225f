//! YAML into typed values, with every failure turned into a `Diagnostic` that
//! points at the right line of the right file (front matter included).

use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Location, SourceFile, did_you_mean};

/// Where a YAML document sits: its file, and the line of that file the
/// document starts on (front matter starts below its `---` fence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: SourceFile,
    /// Lines before the document in the file.
    pub line_offset: usize,
}

impl Origin {
    pub fn whole(file: SourceFile) -> Self {
        Self {
            file,
            line_offset: 0,
        }
    }

    /// The file location of a YAML value.
    pub fn at<T>(&self, value: &Spanned<T>) -> Location {
        let loc = value.referenced;
        if loc.line() == 0 {
            return Location::file(&self.file.path);
        }
        self.file.location(
            loc.line() as usize + self.line_offset,
            loc.column() as usize,
        )
    }

    /// An error pointing at a YAML value, with its line as the snippet.
    pub fn error<T>(&self, value: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
        self.file.error(self.at(value), message)
    }

    /// Parses `yaml` (the document this origin describes) into `T`.
    pub fn parse<T: DeserializeOwned>(&self, yaml: &str) -> Result<T, Diagnostic> {
        // An empty document is an empty mapping to the user: report the
        // missing fields rather than a confusing "unexpected end".
        let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
        serde_saphyr::from_str(yaml).map_err(|e| self.convert(&e))
    }

    fn convert(&self, error: &serde_saphyr::Error) -> Diagnostic {
        let location = match error.location() {
            Some(loc) if loc.line() > 0 => self.file.location(
                loc.line() as usize + self.line_offset,
                loc.column() as usize,
            ),
            _ => self.file.location(self.line_offset + 1, 1),
        };
        let raw = error.without_snippet().to_string();
        let message = strip_position(&raw);
        let (message, help) = explain(message);
        let diagnostic = self.file.error(location, message);
        match help {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        }
    }
}

/// serde-saphyr appends " at line L, column C"; the location is shown
/// separately, so drop it from the message.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(", column ") => &message[..i],
        _ => message,
    }
}

/// Splits serde's "unknown field `x`, expected one of a, b" into a short
/// message and a hint that suggests the nearest valid name.
fn explain(message: &str) -> (String, Option<String>) {
    for kind in ["unknown field", "unknown variant"] {
        let Some(rest) = message.strip_prefix(kind) else {
            continue;
        };
        let Some((name, expected)) = rest.split_once(", expected ") else {
            continue;
        };
        let name = name.trim().trim_matches('`');
        let choices: Vec<&str> = expected
            .trim_start_matches("one of ")
            .split([',', ' '])
            .map(|c| c.trim().trim_matches('`'))
            .filter(|c| !c.is_empty() && *c != "or")
            .collect();
        let what = if kind == "unknown field" {
            "field"
        } else {
            "value"
        };
        let help = match did_you_mean(name, choices.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!(
                "valid {what}s here: {}",
                choices
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        return (format!("{kind} `{name}`"), Some(help));
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return (
            message.to_string(),
            Some(format!("add {field}, it is required")),
        );
    }
    (message.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Usage {
        frequency: String,
        time: Option<Vec<String>>,
    }

    fn origin(text: &str, offset: usize) -> Origin {
        Origin {
            file: SourceFile::new("x.yaml", text),
            line_offset: offset,
        }
    }

    #[test]
    fn unknown_field_suggests_the_nearest_field() {
        let text = "frequncy: daily\n";
        let err = origin(text, 0).parse::<Usage>(text).unwrap_err();
        assert_eq!(err.message, "unknown field `frequncy`");
        assert_eq!(err.help.as_deref(), Some("did you mean `frequency`?"));
        assert_eq!((err.location.line, err.location.column), (1, 1));
    }

    #[test]
    fn line_offset_shifts_reported_lines() {
        let text = "---\ntime: [am]\n";
        let err = origin(text, 1).parse::<Usage>("time: [am]\n").unwrap_err();
        assert_eq!(err.location.line, 2);
        assert!(err.message.contains("missing field `frequency`"));
    }
}
