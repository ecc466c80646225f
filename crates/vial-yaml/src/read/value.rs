//! Reading one value (a field's, or an item of a list field) as the kind
//! the code expects: text, a number, `true` or `false`, a list, a group.
//! A value of another kind is reported in words that show what to write
//! instead, and reads as nothing.

use super::listed::quoted;
use super::number::{leading_number, parse_number};
use super::{Fields, Group, Reader, Spanned, Subject};
use crate::tree::{Node, Pos, Value};
use vial_base::diagnostic::{Code, suggestion};
use vial_base::text::format_number;

/// One value being read: a field's, or an item of a list field.
#[derive(Debug, Clone)]
pub struct Field<'a> {
    pub(super) subject: Subject,
    pub(super) key_at: Option<Pos>,
    pub node: &'a Node,
}

impl<'a> Field<'a> {
    /// Where the value is; for an empty value, where its key is.
    pub fn at(&self) -> Pos {
        match (&self.node.value, self.key_at) {
            (Value::Empty, Some(key)) => key,
            _ => self.node.at,
        }
    }

    fn spanned<T>(&self, value: T) -> Spanned<T> {
        Spanned {
            value,
            at: self.at(),
        }
    }

    fn wrong(&self, r: &mut Reader, message: String, help: String) {
        r.error(Code::WrongType, self.at(), message, help);
    }

    /// Text (any scalar, as written). Empty is `None`; a list or a group
    /// is reported.
    pub fn text(&self, r: &mut Reader) -> Option<Spanned<String>> {
        let name = self.subject.name();
        match &self.node.value {
            Value::Scalar(s) => Some(self.spanned(s.text.clone())),
            Value::Empty => None,
            Value::List(items) => {
                let help = match (&self.subject, items.first().map(|n| &n.value)) {
                    (Subject::Field(_), Some(Value::Scalar(first))) => {
                        format!("write one value: `{name}: {}`", first.text)
                    }
                    (Subject::Field(_), _) => format!("write one value after `{name}:`"),
                    (Subject::ItemOf(_), _) => {
                        format!("write the items of `{name}` one per line, each as `- value`")
                    }
                };
                self.wrong(
                    r,
                    format!("{} takes one value, not a list", self.subject),
                    help,
                );
                None
            }
            Value::Map(_) => {
                self.wrong(
                    r,
                    format!("{} takes text, not a group of fields", self.subject),
                    "write the text on the same line; if it contains `: `, put it in quotes"
                        .to_string(),
                );
                None
            }
        }
    }

    /// A plain number. `0.9%` or `30 ml` are reported with the number to
    /// write instead.
    pub fn number(&self, r: &mut Reader) -> Option<Spanned<f64>> {
        let name = self.subject.name();
        let text = match &self.node.value {
            Value::Empty => return None,
            Value::Scalar(s) => s.text.trim(),
            _ => {
                self.wrong(
                    r,
                    format!("{} is a number", self.subject),
                    format!("write one number, as in `{name}: 2`"),
                );
                return None;
            }
        };
        if let Some(n) = parse_number(text) {
            return Some(self.spanned(n));
        }
        let help = match leading_number(text) {
            Some(n) => format!("write `{name}: {}`", format_number(n)),
            None => format!("write a plain number, as in `{name}: 2`"),
        };
        self.wrong(r, format!("{} is a number", self.subject), help);
        None
    }

    /// `true` or `false`.
    pub fn bool(&self, r: &mut Reader) -> Option<bool> {
        let name = self.subject.name();
        match &self.node.value {
            Value::Empty => None,
            Value::Scalar(s) if s.text.eq_ignore_ascii_case("true") => Some(true),
            Value::Scalar(s) if s.text.eq_ignore_ascii_case("false") => Some(false),
            _ => {
                r.error(
                    Code::InvalidValue,
                    self.at(),
                    format!("{} is `true` or `false`", self.subject),
                    format!("write `{name}: true` or `{name}: false`"),
                );
                None
            }
        }
    }

    /// The items of a list (empty when nothing is written).
    pub fn list(&self, r: &mut Reader) -> Option<Vec<Field<'a>>> {
        let name = self.subject.name();
        match &self.node.value {
            Value::List(items) => Some(
                items
                    .iter()
                    .map(|node| Field {
                        subject: Subject::ItemOf(match &self.subject {
                            Subject::Field(n) | Subject::ItemOf(n) => n.clone(),
                        }),
                        key_at: None,
                        node,
                    })
                    .collect(),
            ),
            Value::Empty => Some(Vec::new()),
            Value::Scalar(s) => {
                self.wrong(
                    r,
                    format!("{} is a list", self.subject),
                    format!("write `{name}: [{}]`", s.text),
                );
                None
            }
            Value::Map(_) => {
                self.wrong(
                    r,
                    format!("{} is a list, not a group of fields", self.subject),
                    format!("start each item of `{name}` on its own line with `- `"),
                );
                None
            }
        }
    }

    /// A list of texts; items that are not text are reported and skipped.
    pub fn texts(&self, r: &mut Reader) -> Vec<Spanned<String>> {
        self.list(r)
            .unwrap_or_default()
            .iter()
            .filter_map(|item| item.text(r))
            .collect()
    }

    /// A group of fields (empty when nothing is written).
    pub fn fields(&self, r: &mut Reader) -> Option<Fields<'a>> {
        let group = match &self.subject {
            Subject::Field(n) => Group::Field(n.clone()),
            Subject::ItemOf(n) => Group::ItemOf(n.clone()),
        };
        let at = self.key_at.unwrap_or(self.node.at);
        match &self.node.value {
            Value::Map(entries) => Some(Fields::new(entries, group, at)),
            Value::Empty => Some(Fields::new(&[], group, at)),
            _ => {
                let name = self.subject.name();
                self.wrong(
                    r,
                    format!("{} is a group of fields", self.subject),
                    format!(
                        "write its fields on the lines below `{name}:`, indented by two spaces"
                    ),
                );
                None
            }
        }
    }

    /// Text that must be one of `allowed`.
    pub fn one_of(&self, r: &mut Reader, allowed: &[&str]) -> Option<Spanned<String>> {
        let text = self.text(r)?;
        if allowed.contains(&text.value.as_str()) {
            return Some(text);
        }
        r.error(
            Code::InvalidValue,
            text.at,
            format!("`{}` is not one of {}", text.value, quoted(allowed)),
            suggestion(&text.value, allowed.iter().copied()),
        );
        None
    }
}
