//! The fields left unmatched once a document is read: asked for and not
//! written (`Missing`), written and not asked for (`Unknown`). They are
//! reported only when the whole document is known, because one may be the
//! other written at the wrong indentation: then it is reported once, as
//! misplaced, with where it belongs.

use super::listed::{listed, listed_plain, quoted};
use super::{Group, Name, Reader};
use crate::tree::{Key, Pos};
use vial_base::diagnostic::{Code, did_you_mean};

/// A field asked for and not written in its group.
pub(super) struct Missing {
    pub(super) field: Name,
    pub(super) group: Group,
    pub(super) at: Pos,
}

/// A field written in a group that did not ask for it.
pub(super) struct Unknown<'a> {
    pub(super) key: &'a Key,
    pub(super) group: Group,
    pub(super) known: Vec<Name>,
}

/// The fields missing from each group, to be reported together. A field
/// found elsewhere, or misspelt in its own group, is left out: the unknown
/// field's message says it all.
pub(super) fn missing_by_group<'m>(
    missing: &'m [Missing],
    unknown: &[Unknown],
) -> Vec<(&'m Group, Pos, Vec<&'m str>)> {
    let mut by_group: Vec<(&Group, Pos, Vec<&str>)> = Vec::new();
    for m in missing {
        let misspelt = |u: &Unknown| {
            u.group == m.group && did_you_mean(&u.key.name, [m.field.as_ref()]).is_some()
        };
        if unknown.iter().any(|u| u.key.name == m.field || misspelt(u)) {
            continue;
        }
        match by_group
            .iter_mut()
            .find(|(g, at, _)| **g == m.group && *at == m.at)
        {
            Some((_, _, fields)) => fields.push(&m.field),
            None => by_group.push((&m.group, m.at, vec![&m.field])),
        }
    }
    by_group
}

impl Reader<'_> {
    /// Reports the `fields` missing from `group`, written at `at`.
    pub(super) fn report_missing(&mut self, group: &Group, at: Pos, fields: &[&str]) {
        let names = listed(fields, "or");
        let lines = fields
            .iter()
            .map(|f| format!("`{f}: …`"))
            .collect::<Vec<_>>();
        let help = match group {
            Group::Top(_) => format!("add {}", listed_plain(&lines)),
            g => format!("add {} among the fields of {g}", listed_plain(&lines)),
        };
        self.error(
            Code::MissingField,
            at,
            format!("{group} has no {names}"),
            help,
        );
    }

    /// Reports a field nobody asked for: as misplaced when a group is
    /// `missing` it, else with the name it may be a misspelling of, the
    /// group it belongs to, or the fields its group has.
    pub(super) fn report_unknown(&mut self, u: &Unknown, missing: &[Missing]) {
        let name = u.key.name.as_str();
        if let Some(m) = missing.iter().find(|m| m.field == name) {
            self.error(
                Code::MissingField,
                u.key.at,
                format!("`{name}` is not inside {}", m.group),
                match &m.group {
                    Group::Top(_) => {
                        format!("move `{name}` left, to line up with the other top-level fields")
                    }
                    g => format!("indent `{name}` to line up with the other fields of {g}"),
                },
            );
            return;
        }
        let help = match did_you_mean(name, u.known.iter().map(|k| k.as_ref())) {
            Some(close) => format!("did you mean `{close}`?"),
            None => match self.home_of(name, &u.group) {
                Some(Group::Top(what)) => format!(
                    "`{name}` is a field of the {what} itself: move it left, out of {}",
                    u.group
                ),
                Some(home) => format!("`{name}` belongs inside {home}"),
                None => format!(
                    "{}; the fields here are {}",
                    "remove it or rename it",
                    quoted(&u.known.iter().map(|k| k.as_ref()).collect::<Vec<_>>())
                ),
            },
        };
        self.error(
            Code::UnknownField,
            u.key.at,
            format!("unknown field `{name}`"),
            help,
        );
    }

    /// Another group that asks for a field called `name`.
    fn home_of(&self, name: &str, except: &Group) -> Option<Group> {
        self.groups
            .iter()
            .find(|(group, known)| group != except && known.iter().any(|k| k == name))
            .map(|(group, _)| group.clone())
    }
}
