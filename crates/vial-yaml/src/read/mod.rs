//! Typed, forgiving reads of a YAML `Tree`.
//!
//! Each field is read on its own: a value of the wrong kind is reported and
//! skipped, and reading goes on, so one run reports everything wrong with a
//! file (a misspelt key, a wrong `true`, a list where text belongs), each at
//! its line, in a content editor's words. Unknown fields are reported when a
//! group is finished, against the fields that were asked for; a field
//! missing from one group and found at another indentation is reported once,
//! as misplaced.
//!
//! Here: the reader of a document and the problems it gathers. Reading a
//! group of fields is `group`, one value `value`, numbers as people write
//! them `number`; the fields left unmatched when a document is finished
//! are paired up in `unmatched`, and names listed in messages in `listed`.

mod group;
mod listed;
mod number;
mod unmatched;
mod value;
mod words;

pub use group::Fields;
pub use number::parse_number;
pub use value::Field;
pub use words::{MissingForms, WordLanguages};

use std::borrow::Cow;
use std::fmt;

use super::Origin;
use super::tree::{Pos, Tree, TreeProblem, Value};
use unmatched::{Missing, Unknown};
use vial_base::diagnostic::{Code, Diagnostic, Location};

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub at: Pos,
}

/// A field's name: most are written in the code, some come from site.yaml.
pub type Name = Cow<'static, str>;

/// What a message is about: a field, or the items of a list field.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Subject {
    Field(Name),
    ItemOf(Name),
}

impl Subject {
    fn name(&self) -> &str {
        match self {
            Subject::Field(n) | Subject::ItemOf(n) => n,
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Field(n) => write!(f, "`{n}`"),
            Subject::ItemOf(n) => write!(f, "each item of `{n}`"),
        }
    }
}

/// A group of fields as named in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Group {
    /// The document itself: "the product".
    Top(&'static str),
    Field(Name),
    ItemOf(Name),
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Group::Top(what) => write!(f, "the {what}"),
            Group::Field(n) => write!(f, "`{n}`"),
            Group::ItemOf(n) => write!(f, "this item of `{n}`"),
        }
    }
}

/// Reads one document and gathers its problems.
pub struct Reader<'a> {
    origin: &'a Origin,
    what: &'static str,
    problems: Vec<Diagnostic>,
    missing: Vec<Missing>,
    unknown: Vec<Unknown<'a>>,
    /// The fields each finished group asked for, to tell where a misplaced
    /// field belongs.
    groups: Vec<(Group, Vec<Name>)>,
    /// The languages words are read in (`words`), if several.
    words: Option<WordLanguages>,
    missing_forms: Vec<MissingForms>,
}

impl<'a> Reader<'a> {
    /// A reader of `tree`, a document of `origin` that holds a `what`
    /// ("product", "front matter"). The tree's own problems come first.
    pub fn new(origin: &'a Origin, tree: &'a Tree, what: &'static str) -> Self {
        let mut reader = Reader {
            origin,
            what,
            problems: Vec::new(),
            missing: Vec::new(),
            unknown: Vec::new(),
            groups: Vec::new(),
            words: None,
            missing_forms: Vec::new(),
        };
        for problem in &tree.problems {
            reader.tree_problem(problem);
        }
        reader
    }

    fn tree_problem(&mut self, problem: &TreeProblem) {
        match problem {
            TreeProblem::DuplicateKey { name, first, again } => self.error(
                Code::DuplicateKey,
                *again,
                format!(
                    "`{name}` appears twice (lines {} and {})",
                    first.line + self.origin.line_offset,
                    again.line + self.origin.line_offset
                ),
                "keep one of them; vial reads the first",
            ),
            TreeProblem::ComplexKey { at } => self.error(
                Code::YamlSyntax,
                *at,
                "a field name must be a plain word",
                "write fields as `name: value`",
            ),
            TreeProblem::SecondDocument { at } => self.error(
                Code::YamlSyntax,
                *at,
                "this file holds a second document after `---`",
                "one file holds one entry: remove the `---` line, or move what follows into a file of its own",
            ),
        }
    }

    /// The fields of the document. A document that is not a group of
    /// fields is reported, and reads as one without any.
    pub fn root(&mut self, tree: &'a Tree) -> Fields<'a> {
        let group = Group::Top(self.what);
        match &tree.root.value {
            Value::Map(entries) => Fields::new(entries, group, tree.root.at),
            Value::Empty => Fields::new(&[], group, tree.root.at),
            _ => {
                self.error(
                    Code::WrongType,
                    tree.root.at,
                    format!("a {} is a group of fields", self.what),
                    "write one field per line, as `name: value`",
                );
                Fields::new(&[], group, tree.root.at)
            }
        }
    }

    /// Reports a problem at a position of the document.
    pub fn error(
        &mut self,
        code: Code,
        at: Pos,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let d = self
            .origin
            .file
            .error(code, self.origin.location(at), message)
            .with_help(help);
        self.problems.push(d);
    }

    /// Where a position of the document is, for a problem found later.
    pub fn location(&self, at: Pos) -> Location {
        self.origin.location(at)
    }

    /// Adds a problem found outside this reader.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.problems.push(diagnostic);
    }

    /// Every problem of the document, misplaced fields paired up.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        let missing = std::mem::take(&mut self.missing);
        let unknown = std::mem::take(&mut self.unknown);
        for (group, at, fields) in unmatched::missing_by_group(&missing, &unknown) {
            self.report_missing(group, at, &fields);
        }
        for u in &unknown {
            self.report_unknown(u, &missing);
        }
        self.problems
    }
}

#[cfg(test)]
mod tests;
