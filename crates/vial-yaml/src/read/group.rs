//! Reading a group of fields: each field asked for by name, its absence
//! reported when it is required, and every name asked for remembered, so
//! that the fields nobody asked for can be told apart when the group is
//! finished.

use super::unmatched::{Missing, Unknown};
use super::{Field, Group, Name, Reader, Spanned, Subject};
use crate::tree::{Entry, Pos, Value};
use vial_base::diagnostic::Code;

/// A group of fields being read.
pub struct Fields<'a> {
    entries: &'a [Entry],
    group: Group,
    at: Pos,
    known: Vec<Name>,
    /// Every key is allowed (a group of free keys, such as specs).
    free: bool,
}

impl<'a> Fields<'a> {
    pub(super) fn new(entries: &'a [Entry], group: Group, at: Pos) -> Self {
        Fields {
            entries,
            group,
            at,
            known: Vec::new(),
            free: false,
        }
    }

    /// The field `name`, if written.
    pub fn get(&mut self, name: impl Into<Name>) -> Option<Field<'a>> {
        let name = name.into();
        let found = self.entries.iter().find(|e| e.key.name == name);
        self.known.push(name.clone());
        found.map(|e| Field {
            subject: Subject::Field(name),
            key_at: Some(e.key.at),
            node: &e.value,
        })
    }

    /// The field `name`; its absence is reported.
    pub fn require(&mut self, r: &mut Reader<'a>, name: impl Into<Name>) -> Option<Field<'a>> {
        let name = name.into();
        let field = self.get(name.clone());
        if field.is_none() {
            r.missing.push(Missing {
                field: name,
                group: self.group.clone(),
                at: self.at,
            });
        }
        field
    }

    /// Text that must be there and not be blank.
    pub fn required_text(
        &mut self,
        r: &mut Reader<'a>,
        name: impl Into<Name>,
    ) -> Option<Spanned<String>> {
        self.required(r, name.into(), Field::text)
    }

    /// Words (`Field::words`) that must be there and not be blank.
    pub fn required_words(
        &mut self,
        r: &mut Reader<'a>,
        name: impl Into<Name>,
    ) -> Option<Spanned<String>> {
        self.required(r, name.into(), Field::words)
    }

    fn required(
        &mut self,
        r: &mut Reader<'a>,
        name: Name,
        read: impl FnOnce(&Field<'a>, &mut Reader<'a>) -> Option<Spanned<String>>,
    ) -> Option<Spanned<String>> {
        let field = self.require(r, name.clone())?;
        match read(&field, r) {
            Some(text) if !text.value.trim().is_empty() => Some(text),
            Some(text) => {
                r.error(
                    Code::MissingField,
                    text.at,
                    format!("`{name}` is empty"),
                    format!("write the {name} after `{name}:`"),
                );
                None
            }
            None => {
                if field.node.value == Value::Empty {
                    r.error(
                        Code::MissingField,
                        field.at(),
                        format!("`{name}` has no value"),
                        format!("write the {name} after `{name}:`"),
                    );
                }
                None
            }
        }
    }

    /// Optional text: absent or empty is `None`.
    pub fn text(&mut self, r: &mut Reader<'a>, name: impl Into<Name>) -> Option<Spanned<String>> {
        self.get(name)?.text(r)
    }

    /// Where the group is written: its key's line, for "has no …" messages.
    pub fn at(&self) -> Pos {
        self.at
    }

    /// Every field as written, for groups whose keys are free (specs).
    pub fn entries(&mut self) -> &'a [Entry] {
        self.free = true;
        self.entries
    }

    /// Reports the fields nobody asked for.
    pub fn finish(self, r: &mut Reader<'a>) {
        if !self.free {
            for entry in self.entries {
                if !self.known.iter().any(|k| *k == entry.key.name) {
                    r.unknown.push(Unknown {
                        key: &entry.key,
                        group: self.group.clone(),
                        known: self.known.clone(),
                    });
                }
            }
        }
        r.groups.push((self.group, self.known));
    }
}
