//! YAML text into a tree of `Node`s that remember where each value was
//! written.
//!
//! Built on the event parser under serde-saphyr (granit-parser) rather than
//! on a typed deserializer, because a deserializer stops at the first
//! problem and forgets what it has not yet reached. The tree keeps every
//! scalar's text exactly as written (`1.10` stays `1.10`), every key's
//! position, and every repeated key, so that `read` can report everything
//! wrong with a file in one run. Syntax errors, the one thing that stops a
//! file, are explained here in a content editor's words.

use std::collections::HashMap;

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, ScanError};

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

/// Parses one YAML document.
pub fn parse(text: &str) -> Result<Tree, SyntaxError> {
    let mut builder = Builder::default();
    for event in Parser::new_from_str(text) {
        match event {
            Ok((event, span)) => {
                let at = Pos {
                    line: span.start.line(),
                    column: span.start.col() + 1,
                };
                if !builder.event(event, at)? {
                    break;
                }
            }
            Err(e) => return Err(explain(&e, text, &builder)),
        }
    }
    Ok(Tree {
        root: builder.root.unwrap_or(Node {
            value: Value::Empty,
            at: Pos::START,
        }),
        problems: builder.problems,
    })
}

enum Frame {
    List {
        at: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        at: Pos,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<Key>,
        /// A complex key was dropped: so is its value.
        skip_value: bool,
        seen: HashMap<String, Pos>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    /// Anchored nodes by anchor id, with how many values each holds.
    anchors: HashMap<usize, (Node, usize)>,
    values: usize,
    problems: Vec<TreeProblem>,
    document_done: bool,
    /// Where the last scalar started: syntax errors are explained by it.
    last_scalar: Option<Pos>,
}

impl Builder {
    /// Takes one event. `Ok(false)` when the rest of the stream is ignored.
    fn event(&mut self, event: Event, at: Pos) -> Result<bool, SyntaxError> {
        match event {
            Event::DocumentStart(..) if self.document_done => {
                self.problems.push(TreeProblem::SecondDocument { at });
                return Ok(false);
            }
            Event::DocumentEnd => self.document_done = true,
            Event::Scalar(text, style, anchor, tag) => {
                self.last_scalar = Some(at);
                let value = match (style, tag.is_some()) {
                    (ScalarStyle::Plain, false) if is_null(&text) => Value::Empty,
                    (ScalarStyle::Plain, false) => plain(text.into_owned()),
                    (ScalarStyle::Literal | ScalarStyle::Folded, _) => Value::Scalar(Scalar {
                        text: text.into_owned(),
                        style: Style::Block,
                    }),
                    _ => Value::Scalar(Scalar {
                        text: text.into_owned(),
                        style: Style::Quoted,
                    }),
                };
                self.complete(Node { value, at }, anchor, 1)?;
            }
            Event::SequenceStart(_, anchor, _) => {
                self.stack.push(Frame::List {
                    at,
                    anchor,
                    items: Vec::new(),
                });
            }
            Event::MappingStart(_, anchor, _) => {
                self.stack.push(Frame::Map {
                    at,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                    skip_value: false,
                    seen: HashMap::new(),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => self.close()?,
            Event::Alias(id) => {
                let (node, count) = self.anchors.get(&id).cloned().unwrap_or((
                    Node {
                        value: Value::Empty,
                        at,
                    },
                    1,
                ));
                self.complete(Node { at, ..node }, 0, count)?;
            }
            _ => {}
        }
        Ok(true)
    }

    fn close(&mut self) -> Result<(), SyntaxError> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let (node, anchor) = match frame {
            Frame::List { at, anchor, items } => (
                Node {
                    value: Value::List(items),
                    at,
                },
                anchor,
            ),
            Frame::Map {
                at,
                anchor,
                entries,
                ..
            } => (
                Node {
                    value: Value::Map(entries),
                    at,
                },
                anchor,
            ),
        };
        self.complete(node, anchor, 1)
    }

    /// Files a finished node under its parent. `count` is how many values it
    /// adds: one, or everything an alias repeats.
    fn complete(&mut self, node: Node, anchor: usize, count: usize) -> Result<(), SyntaxError> {
        self.values += count;
        if self.values > MAX_VALUES {
            return Err(SyntaxError {
                at: node.at,
                too_large: true,
                message: format!(
                    "this file holds too many values (vial reads at most {MAX_VALUES} from one file)"
                ),
                help: "split it into smaller files; if it repeats `*aliases`, each use counts as a copy of what it names".into(),
            });
        }
        if anchor != 0 {
            let size = match &node.value {
                Value::List(_) | Value::Map(_) => count_values(&node),
                _ => 1,
            };
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::List { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                key,
                skip_value,
                seen,
                ..
            }) => match key.take() {
                None => match node.value {
                    Value::Scalar(s) => {
                        *key = Some(Key {
                            name: s.text,
                            at: node.at,
                        })
                    }
                    Value::Empty => {
                        *key = Some(Key {
                            name: String::new(),
                            at: node.at,
                        })
                    }
                    _ => {
                        self.problems.push(TreeProblem::ComplexKey { at: node.at });
                        *skip_value = true;
                        // Stand-in key: the value that follows is dropped.
                        *key = Some(Key {
                            name: String::new(),
                            at: node.at,
                        });
                    }
                },
                Some(k) => {
                    if std::mem::take(skip_value) {
                        return Ok(());
                    }
                    match seen.get(&k.name) {
                        Some(first) => self.problems.push(TreeProblem::DuplicateKey {
                            name: k.name,
                            first: *first,
                            again: k.at,
                        }),
                        None => {
                            seen.insert(k.name.clone(), k.at);
                            entries.push(Entry {
                                key: k,
                                value: node,
                            });
                        }
                    }
                }
            },
        }
        Ok(())
    }
}

fn count_values(node: &Node) -> usize {
    1 + match &node.value {
        Value::List(items) => items.iter().map(count_values).sum(),
        Value::Map(entries) => entries.iter().map(|e| 1 + count_values(&e.value)).sum(),
        _ => 0,
    }
}

fn plain(text: String) -> Value {
    Value::Scalar(Scalar {
        text,
        style: Style::Plain,
    })
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// A syntax error in plain words, at the place a person would look.
fn explain(error: &ScanError, text: &str, builder: &Builder) -> SyntaxError {
    let marker = error.marker();
    let at = Pos {
        line: marker.line().max(1),
        column: marker.col() + 1,
    };
    let info = error.info();
    let line_of = |n: usize| text.lines().nth(n.saturating_sub(1)).unwrap_or("");
    let first_char = |n: usize| Pos {
        line: n,
        column: line_of(n).chars().take_while(|c| *c == ' ').count() + 1,
    };
    let problem = |at: Pos, message: &str, help: &str| SyntaxError {
        at,
        too_large: false,
        message: message.to_string(),
        help: help.to_string(),
    };
    if info.contains("tab") {
        return explain_tab(at, text);
    }
    if let Some(open) = unclosed_flow(text, at) {
        let (what, close) = if open.0 == '[' {
            ("list", ']')
        } else {
            ("group", '}')
        };
        return problem(
            open.1,
            &format!(
                "the {what} opened with `{}` on line {} is not closed",
                open.0, open.1.line
            ),
            &format!("end the {what} with `{close}`, as in `concerns: [dryness, dullness]`"),
        );
    }
    if info.contains("mapping values are not allowed") {
        let same_line = builder.last_scalar.is_some_and(|s| s.line == at.line);
        if same_line {
            return problem(
                at,
                "this text contains `: `, which YAML reads as the start of another field",
                &quote_hint(line_of(at.line)),
            );
        }
        return indentation(first_char(at.line));
    }
    if info.contains("did not find expected key") {
        if line_of(at.line).trim_start().starts_with("- ") {
            return problem(
                first_char(at.line),
                "a list item where a field was expected",
                "put list items under the field they belong to, indented below it",
            );
        }
        return indentation(first_char(at.line));
    }
    if info.contains("expected '-'") {
        return problem(
            first_char(at.line),
            "this line is indented differently from the list items above it",
            "start every item of a list with `- `, in the same column",
        );
    }
    if info.contains("unclosed quote") || info.contains("unterminated") {
        return problem(
            at,
            "this quote is never closed",
            "end the text with the quote mark it starts with; inside '…' write a ' as '', inside \"…\" write \\\"",
        );
    }
    if info.contains("unknown anchor") {
        return problem(
            at,
            "this `*` names something that is not defined above it",
            "define it first with `&name` on an earlier value, or put the text in quotes if the `*` is part of it",
        );
    }
    if info.contains("unexpected character") || info.contains("misplaced bracket") {
        let found = line_of(at.line).chars().nth(at.column - 1).unwrap_or(' ');
        return problem(
            at,
            &format!("`{found}` cannot start a value here"),
            &quote_hint(line_of(at.line)),
        );
    }
    if info.contains("recursion limit") || info.contains("nesting") {
        return SyntaxError {
            too_large: true,
            ..problem(
                at,
                "this file is nested too deeply",
                "lists and groups may be nested a few levels, not hundreds",
            )
        };
    }
    problem(
        at,
        "this line is not valid YAML",
        "look for a missing `:` after a field name, a stray character, an unclosed quote or bracket, or a line indented differently from its neighbours",
    )
}

fn indentation(at: Pos) -> SyntaxError {
    SyntaxError {
        at,
        too_large: false,
        message: "this line is indented differently from the lines above it".into(),
        help: "the fields of one group start in the same column: line it up with the field it belongs with".into(),
    }
}

/// A tab is reported where it is: the parser may notice it a line early.
fn explain_tab(at: Pos, text: &str) -> SyntaxError {
    let indented = (at.line..=at.line + 1).find_map(|n| {
        let line = text.lines().nth(n - 1)?;
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        indent.find('\t').map(|i| Pos {
            line: n,
            column: indent[..i].chars().count() + 1,
        })
    });
    match indented {
        Some(at) => SyntaxError {
            at,
            too_large: false,
            message: "this line is indented with a tab".into(),
            help: "indent with spaces, not tabs".into(),
        },
        None => SyntaxError {
            at,
            too_large: false,
            message: "a tab where YAML expects spaces".into(),
            help: "replace the tab with spaces".into(),
        },
    }
}

/// `key: "the rest"`, built from the offending line.
fn quote_hint(line: &str) -> String {
    let trimmed = line.trim_start();
    let (prefix, rest) = trimmed
        .strip_prefix("- ")
        .map_or(("", trimmed), |rest| ("- ", rest));
    match rest.split_once(": ") {
        Some((key, value)) if !key.contains(' ') || key.len() < 30 => {
            let value = value.trim().replace('\\', "\\\\").replace('"', "\\\"");
            format!("put the whole text in quotes: `{prefix}{key}: \"{value}\"`")
        }
        _ => "put the whole text in quotes".to_string(),
    }
}

/// The innermost `[` or `{` left open before `at`, if it was opened on an
/// earlier line: a list that runs on until the parser chokes was not
/// closed. Brackets inside quotes and comments are skipped.
fn unclosed_flow(text: &str, at: Pos) -> Option<(char, Pos)> {
    let mut open: Vec<(char, Pos)> = Vec::new();
    for (number, line) in text.lines().enumerate().take(at.line) {
        let number = number + 1;
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        for (column, c) in line.chars().enumerate() {
            if number == at.line && column + 1 >= at.column {
                break;
            }
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if open.last().is_some() || previous == ' ' => quote = Some(c),
                (None, '#') if previous == ' ' || column == 0 => break,
                (None, '[' | '{') => open.push((
                    c,
                    Pos {
                        line: number,
                        column: column + 1,
                    },
                )),
                (None, ']' | '}') => {
                    open.pop();
                }
                _ => {}
            }
            previous = c;
        }
    }
    open.pop().filter(|(_, pos)| pos.line < at.line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(text: &str) -> Vec<Entry> {
        match parse(text).unwrap().root.value {
            Value::Map(entries) => entries,
            other => panic!("not a map: {other:?}"),
        }
    }

    fn error(text: &str) -> SyntaxError {
        parse(text).unwrap_err()
    }

    #[test]
    fn scalars_keep_their_text_style_and_position() {
        let entries = map("a: 1.10\nb: 'yes'\nc:\nd: |\n  line\n");
        let scalar = |i: usize| match &entries[i].value.value {
            Value::Scalar(s) => (s.text.as_str(), s.style),
            other => panic!("{other:?}"),
        };
        assert_eq!(scalar(0), ("1.10", Style::Plain));
        assert_eq!(scalar(1), ("yes", Style::Quoted));
        assert_eq!(entries[2].value.value, Value::Empty);
        assert_eq!(scalar(3), ("line\n", Style::Block));
        assert_eq!(entries[3].value.at, Pos { line: 5, column: 3 });
        assert_eq!(entries[1].key.at, Pos { line: 2, column: 1 });
    }

    #[test]
    fn a_repeated_key_is_kept_once_and_reported_with_both_lines() {
        let tree = parse("brand: A\nname: X\nbrand: B\n").unwrap();
        assert_eq!(
            tree.problems,
            [TreeProblem::DuplicateKey {
                name: "brand".into(),
                first: Pos { line: 1, column: 1 },
                again: Pos { line: 3, column: 1 },
            }]
        );
        let Value::Map(entries) = tree.root.value else {
            panic!()
        };
        assert_eq!(entries.len(), 2);
    }

    #[test]
    fn aliases_copy_and_count_toward_the_limit() {
        let entries = map("a: &x [1, 2]\nb: *x\n");
        assert_eq!(entries[0].value.value, entries[1].value.value);
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..8 {
            let p = i - 1;
            bomb.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let e = error(&bomb);
        assert!(e.too_large, "{e:?}");
        assert!(e.message.contains("too many values"));
    }

    #[test]
    fn syntax_errors_speak_plainly_at_the_right_line() {
        let e = error("summary: Tip: shake well\n");
        assert!(e.message.contains("contains `: `"), "{e:?}");
        assert_eq!(
            e.help,
            "put the whole text in quotes: `summary: \"Tip: shake well\"`"
        );

        let e = error("name: a\n\tbrand: b\n");
        assert_eq!(
            (e.at.line, e.message.as_str()),
            (2, "this line is indented with a tab")
        );
        assert_eq!(e.help, "indent with spaces, not tabs");

        let e = error("usage:\n   frequency: daily\n  step: treat\n");
        assert_eq!(e.at, Pos { line: 3, column: 3 });
        assert!(e.message.contains("indented differently"), "{e:?}");

        let e = error("usage:\n  frequency: daily\n   step: treat\n");
        assert_eq!(e.at.line, 3);
        assert!(e.message.contains("indented differently"), "{e:?}");

        let e = error("concerns: [a, b\nname: x\n");
        assert_eq!(
            e.at,
            Pos {
                line: 1,
                column: 11
            }
        );
        assert_eq!(
            e.message,
            "the list opened with `[` on line 1 is not closed"
        );

        let e = error("a: 'open\nb: c\n");
        assert_eq!(e.message, "this quote is never closed");
    }

    #[test]
    fn no_message_uses_parser_words() {
        let broken = [
            "a: [b\n",
            "a: {b: c\n",
            "- a\nb: c\n",
            "a: b\n- c\n",
            "a: *x\n",
            "@a: b\n",
            "a: `b`\n",
            "a:\n  b: 1\n c: 2\n",
            "a: \"x\n",
            "? [a]\n: b\nc: [\n",
        ];
        let jargon = [
            "scalar",
            "mapping",
            "sequence",
            "token",
            "indicator",
            "block",
            "flow",
        ];
        for text in broken {
            let e = error(text);
            let shown = format!("{} {}", e.message, e.help).to_lowercase();
            for word in jargon {
                assert!(!shown.contains(word), "{text:?}: {shown}");
            }
        }
    }

    #[test]
    fn only_the_first_document_is_read() {
        let tree = parse("a: 1\n---\nb: 2\n").unwrap();
        assert_eq!(
            tree.problems,
            [TreeProblem::SecondDocument {
                at: Pos { line: 2, column: 1 }
            }]
        );
    }
}
