//! YAML documents read into typed values, with every problem of a file
//! reported at its line, in plain words (front matter included).
//!
//! `tree` parses text into nodes that keep their positions; `read` reads
//! typed values out of them, forgivingly, gathering every problem.

pub mod read;
pub mod tree;

pub use read::{Field, Fields, MissingForms, Reader, Spanned, WordLanguages};
pub use tree::{Node, Pos, Style, Value};

use vial_base::diagnostic::{Code, Diagnostic, Location, SourceFile};

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

    /// The file location of a position in the document.
    pub fn location(&self, at: Pos) -> Location {
        self.file.location(at.line + self.line_offset, at.column)
    }

    /// The file location of a value.
    pub fn at<T>(&self, value: &Spanned<T>) -> Location {
        self.location(value.at)
    }

    /// An error pointing at a value, with its line as the snippet.
    pub fn error<T>(
        &self,
        code: Code,
        value: &Spanned<T>,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.file.error(code, self.at(value), message)
    }

    /// Parses `yaml` (the document this origin describes, a `what` such as
    /// "product") and reads it with `read`. Every problem comes back; the
    /// value is `None` only when the YAML itself cannot be parsed.
    pub fn read<T>(
        &self,
        yaml: &str,
        what: &'static str,
        read: impl for<'t> FnOnce(&mut Reader<'t>, Fields<'t>) -> T,
    ) -> (Option<T>, Vec<Diagnostic>) {
        let tree = match tree::parse(yaml) {
            Ok(tree) => tree,
            Err(e) => {
                let code = if e.too_large {
                    Code::TooLarge
                } else {
                    Code::YamlSyntax
                };
                let d = self
                    .file
                    .error(code, self.location(e.at), e.message)
                    .with_help(e.help);
                return (None, vec![d]);
            }
        };
        let mut reader = Reader::new(self, &tree, what);
        let fields = reader.root(&tree);
        let value = read(&mut reader, fields);
        (Some(value), reader.finish())
    }
}
