//! The parser's events into a `Tree`: nodes filed under their parents,
//! repeated keys and complex keys set aside as problems, `*aliases` copied
//! and counted against `MAX_VALUES`. The one place that knows the parser's
//! event stream; what a tree is stays apart from how one is built.

use std::collections::HashMap;

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};

use super::explain::explain;
use super::{
    Entry, Key, MAX_VALUES, Node, Pos, Scalar, Style, SyntaxError, Tree, TreeProblem, Value,
};

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
            Err(e) => return Err(explain(&e, text, builder.last_scalar)),
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
