//! `usage.reminders` of site.yaml: notes usage cards show, each on the
//! cards of the products it is for and never on those it is about. A
//! reminder names the products it is for as a routine group does (a
//! taxonomy's terms, `steps`, `categories`), and also by `slots` and by the
//! declared values of a spec; `about:` names the products it speaks of the
//! same way ("finish with sunscreen" is about sunscreens, and would be
//! nonsense on one). Read after the taxonomies and specs it may name.

use super::scope::{Criterion, Kinds, Names, read_criteria};
use vial_base::diagnostic::Code;
use vial_yaml::{Field, Reader, Value};

/// A note shown on usage cards.
#[derive(Debug, Clone, PartialEq)]
pub struct Reminder {
    pub message: String,
    /// Only cards of products that meet every one (none: every card).
    pub scope: Vec<Criterion>,
    /// Never on cards of products that meet every one of these: the
    /// products the reminder speaks of (none: no product is left out).
    pub about: Vec<Criterion>,
}

/// Reads `reminders:`: a list whose items are a message (every card) or
/// `{message, about, <criteria>}`.
pub(super) fn read_reminders<'t>(
    r: &mut Reader<'t>,
    field: Field<'t>,
    names: &Names,
) -> Vec<Reminder> {
    let mut out = Vec::new();
    for item in field.list(r).unwrap_or_default() {
        if let Value::Scalar(_) = item.node.value {
            if let Some(message) = item.words(r) {
                out.push(Reminder {
                    message: message.value,
                    scope: Vec::new(),
                    about: Vec::new(),
                });
            }
            continue;
        }
        let Some(mut g) = item.fields(r) else {
            continue;
        };
        let message = g.required_words(r, "message");
        let about = g.get("about").and_then(|f| about(r, f, names));
        let scope = read_criteria(r, &mut g, names, Kinds::Reminder);
        g.finish(r);
        if let Some(message) = message {
            out.push(Reminder {
                message: message.value,
                scope,
                about: about.unwrap_or_default(),
            });
        }
    }
    out
}

/// `about: {<criteria>}`; one that names nothing is reported.
fn about<'t>(r: &mut Reader<'t>, field: Field<'t>, names: &Names) -> Option<Vec<Criterion>> {
    let mut g = field.fields(r)?;
    let criteria = read_criteria(r, &mut g, names, Kinds::Reminder);
    let (at, written) = (
        field.at(),
        matches!(&field.node.value, Value::Map(e) if !e.is_empty()),
    );
    g.finish(r);
    if criteria.is_empty() && !written {
        r.error(
            Code::MissingField,
            at,
            "`about` names no products",
            "name the products the reminder speaks of, as in `about: {categories: [sunscreen]}`",
        );
    }
    Some(criteria)
}
