//! YAML text into a tree of `Node`s that remember where each value was
//! written.
//!
//! Built on the event parser under serde-saphyr (granit-parser) rather than
//! on a typed deserializer, because a deserializer stops at the first
//! problem and forgets what it has not yet reached. The tree keeps every
//! scalar's text exactly as written (`1.10` stays `1.10`), every key's
//! position, and every repeated key, so that `read` can report everything
//! wrong with a file in one run. Syntax errors, the one thing that stops a
//! file, are explained in a content editor's words.
//!
//! Here: what a tree is. `parse` makes one from the parser's events;
//! `explain` turns the parser's complaint into words when it cannot.

mod explain;
mod parse;

pub use parse::parse;

/// Where a value was written in its YAML document: 1-based line, and
/// 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, column: 1 };
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub at: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing after the colon, `~` or `null`.
    Empty,
    Scalar(Scalar),
    List(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    pub text: String,
    pub style: Style,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Unquoted: may read as a number or `true`/`false`.
    Plain,
    /// In quotes (or tagged): always text.
    Quoted,
    /// A `|` or `>` block.
    Block,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Key,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub at: Pos,
}

/// A problem that leaves the rest of the document readable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TreeProblem {
    /// The second `name` of a group is dropped; the first is kept.
    DuplicateKey {
        name: String,
        first: Pos,
        again: Pos,
    },
    /// A list or group used as a field name; the entry is dropped.
    ComplexKey { at: Pos },
    /// Everything from a second `---` on is ignored.
    SecondDocument { at: Pos },
}

/// Why a document cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub at: Pos,
    pub too_large: bool,
    pub message: String,
    pub help: String,
}

/// A parsed document and the problems that did not stop it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    pub root: Node,
    pub problems: Vec<TreeProblem>,
}

/// The most values one file may hold, counting each use of an `*alias` as
/// a copy of what it names: a guard against alias bombs and absurd files,
/// far above any real product or front matter.
pub const MAX_VALUES: usize = 100_000;

#[cfg(test)]
mod tests;
