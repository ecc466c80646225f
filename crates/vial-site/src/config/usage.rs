//! `usage:` of site.yaml: how products of this site are used. Every part is
//! optional: the time slots of a day (a skincare site's morning and evening,
//! a supplement site's `with-food` and `bedtime`), the steps of a routine in
//! order, the reminders usage cards show (`reminders`), and the events and measures
//! schedules may count (`every watering`, `every 500 km`).

use std::collections::BTreeSet;

use super::{Reminder, is_key, is_slug, new_key};
use crate::model::ANY_TIME;
use crate::schedule::{Phrases, Vocabulary, Word};
use vial_base::diagnostic::Code;
use vial_base::text::capitalize;
use vial_yaml::{Field, Fields, Reader, Value};

/// A time of use a site declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub key: String,
    pub label: String,
}

/// A step of the routine, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub key: String,
    pub label: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct UsageDecl {
    pub slots: Vec<Slot>,
    pub steps: Vec<Step>,
    /// Read after the taxonomies and specs they may name (`reminders`).
    pub reminders: Vec<Reminder>,
    pub vocabulary: Vocabulary,
}

impl UsageDecl {
    pub fn step_index(&self, key: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.key == key)
    }

    pub fn step_keys(&self) -> impl Iterator<Item = &str> + Clone {
        self.steps.iter().map(|s| s.key.as_str())
    }

    pub fn slot_index(&self, key: &str) -> Option<usize> {
        self.slots.iter().position(|s| s.key == key)
    }

    pub fn slot_keys(&self) -> impl Iterator<Item = &str> + Clone {
        self.slots.iter().map(|s| s.key.as_str())
    }
}

/// Reads `usage:`, but for its reminders, which are handed back unread:
/// they may name taxonomies and specs, read later.
pub(super) fn read_usage<'t>(
    r: &mut Reader<'t>,
    mut group: Fields<'t>,
) -> (UsageDecl, Option<Field<'t>>) {
    let slots = group
        .get("slots")
        .map(|f| named_list(r, f, "slot"))
        .unwrap_or_default()
        .into_iter()
        .map(|(key, label, _)| Slot { key, label })
        .collect::<Vec<_>>();
    let steps: Vec<Step> = group
        .get("steps")
        .map(|f| named_list(r, f, "step"))
        .unwrap_or_default()
        .into_iter()
        .map(|(key, label, description)| Step {
            key,
            label,
            description,
        })
        .collect();
    let reminders = group.get("reminders");
    let events = group.get("events").map(|f| words(r, f)).unwrap_or_default();
    let measures = group
        .get("measures")
        .map(|f| words(r, f))
        .unwrap_or_default();
    group.finish(r);
    let usage = UsageDecl {
        slots,
        steps,
        reminders: Vec::new(),
        vocabulary: Vocabulary { events, measures },
    };
    (usage, reminders)
}

/// A list whose items are a key (`treat`) or `{key, label, description}`;
/// the label defaults to the key in words. Keys are slugs, each once.
fn named_list<'t>(
    r: &mut Reader<'t>,
    field: Field<'t>,
    what: &str,
) -> Vec<(String, String, Option<String>)> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for item in field.list(r).unwrap_or_default() {
        let (key, label, description) = match &item.node.value {
            Value::Scalar(_) => {
                let Some(key) = item.text(r) else { continue };
                (key, None, None)
            }
            _ => {
                let Some(mut g) = item.fields(r) else {
                    continue;
                };
                let key = g.required_text(r, "key");
                let label = g.words(r, "label").map(|l| l.value);
                let description = g.words(r, "description").map(|d| d.value);
                g.finish(r);
                let Some(key) = key else { continue };
                (key, label, description)
            }
        };
        if !new_key(r, &mut seen, &key, what, (is_slug, "first-step")) {
            continue;
        }
        if what == "slot" && key.value == ANY_TIME {
            r.error(
                Code::InvalidValue,
                key.at,
                format!("`{ANY_TIME}` cannot be a slot's key: a product writes `time: {ANY_TIME}` when it has no time of day"),
                "give the slot another key",
            );
            continue;
        }
        let label = label.unwrap_or_else(|| {
            r.note_words_from_key(what, key.at);
            capitalize(&key.value.replace('-', " "))
        });
        out.push((key.value, label, description));
    }
    out
}

/// Events or measures: each `{key, one, other}` (`one` defaults to the key
/// in words, `other` to `one`), or `{key, phrases: {every, every_n},
/// label}` with whole phrases, or a bare key used for both nouns.
fn words<'t>(r: &mut Reader<'t>, field: Field<'t>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for item in field.list(r).unwrap_or_default() {
        let at = Some(r.location(item.at()));
        let word = match &item.node.value {
            Value::Scalar(_) => item.text(r).map(|key| Word {
                one: key.value.replace('-', " "),
                other: key.value.replace('-', " "),
                key: key.value,
                label: None,
                phrases: None,
                at,
            }),
            _ => item.fields(r).and_then(|g| declared_word(r, g, at)),
        };
        if let Some(word) = word {
            if out.iter().any(|w| w.key == word.key) {
                r.error(
                    Code::InvalidValue,
                    item.at(),
                    format!("`{}` is declared twice", word.key),
                    "declare each once",
                );
                continue;
            }
            out.push(word);
        }
    }
    out
}

/// `{key, one, other, label, phrases}`.
fn declared_word<'t>(
    r: &mut Reader<'t>,
    mut g: Fields<'t>,
    at: Option<vial_base::diagnostic::Location>,
) -> Option<Word> {
    let key = g.required_text(r, "key");
    let one = g.words(r, "one").map(|t| t.value);
    let other = g.words(r, "other").map(|t| t.value);
    let label = g.words(r, "label").map(|t| t.value);
    let phrases = g.get("phrases").and_then(|f| phrases(r, f));
    g.finish(r);
    let key = key?;
    if !is_key(&key.value) {
        r.error(
            Code::InvalidValue,
            key.at,
            format!("`{}` is not a valid key", key.value),
            "use lowercase letters, digits, `-` and `_`",
        );
        return None;
    }
    let one = one.unwrap_or_else(|| key.value.replace('-', " "));
    Some(Word {
        other: other.unwrap_or_else(|| one.clone()),
        one,
        key: key.value,
        label,
        phrases,
        at,
    })
}

/// `phrases: {every: "bei jedem Gießen", every_n: "bei jedem {n}. Gießen"}`:
/// one of them at least, `every_n` with `{n}`.
fn phrases<'t>(r: &mut Reader<'t>, field: Field<'t>) -> Option<Phrases> {
    let at = field.at();
    let mut g = field.fields(r)?;
    let every = g.words(r, "every");
    let every_n = g.words(r, "every_n");
    g.finish(r);
    if let Some(n) = &every_n
        && !n.value.contains("{n}")
    {
        r.error(
            Code::InvalidValue,
            n.at,
            "`every_n` has no `{n}`",
            "write where the number goes, as in `every {n} waterings`",
        );
        return None;
    }
    if every.is_none() && every_n.is_none() {
        r.error(
            Code::MissingField,
            at,
            "`phrases` has neither `every` nor `every_n`",
            "write the phrase for one (`every: \"every watering\"`), for a number (`every_n: \"every {n} waterings\"`), or both",
        );
        return None;
    }
    Some(Phrases {
        every: every.map(|t| t.value),
        every_n: every_n.map(|t| t.value),
    })
}
