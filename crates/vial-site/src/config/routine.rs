//! `routine:` of site.yaml: the groups of products the routine builder
//! knows and the rules that caution a reader about using them together.
//! Rules are data: a group names products by a taxonomy's terms, by routine
//! steps or by categories; a rule says which groups must not meet in one
//! slot on one day, which steps take one product at a time, which group
//! needs another beside it, or above which strength a group's terms are
//! strong. Everything a rule names is checked here against the slots,
//! steps and taxonomies of the same file; terms and categories, which live
//! in the content, are checked by the model.

use std::collections::BTreeSet;

use super::scope::{Criterion, Kinds, Names, read_criteria, step};
use super::{TaxonomyDecl, UsageDecl, is_key, new_key};
use vial_base::diagnostic::{Code, suggestion};
use vial_yaml::{Field, Fields, Origin, Pos, Reader, Spanned, Value};

/// The routine builder's declarations (empty when site.yaml has none).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoutineDecl {
    pub groups: Vec<GroupDecl>,
    pub rules: Vec<Rule>,
}

/// Products named together: those that meet every criterion (and, within
/// one, any of its values).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDecl {
    pub key: String,
    pub criteria: Vec<Criterion>,
}

/// A caution the routine builder gives when its condition holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub key: String,
    /// What the reader is told, in the site's language.
    pub message: String,
    /// Only products used in this slot (an index into the slots).
    pub slot: Option<usize>,
    pub kind: RuleKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RuleKind {
    /// Products of these groups (indexes) must not share a slot on one day:
    /// two of the group when one is named, else one each of two of them.
    Apart(Vec<usize>),
    /// One product at a time at each of these steps (indexes), per slot
    /// and day.
    OnePerStep(Vec<usize>),
    /// A product of group `when` needs one of group `needs` in the same
    /// slot on the same day.
    Needs { when: usize, needs: usize },
    /// A product of group `when` whose terms of the group carry a strength
    /// above this number.
    Above { when: usize, above: f64 },
}

impl RuleKind {
    /// The key routine.js knows the kind by.
    pub fn key(&self) -> &'static str {
        match self {
            RuleKind::Apart(_) => "apart",
            RuleKind::OnePerStep(_) => "one_per_step",
            RuleKind::Needs { .. } => "needs",
            RuleKind::Above { .. } => "above",
        }
    }
}

/// The fields that give a rule its kind.
const KINDS: [&str; 4] = ["apart", "one_per_step", "needs", "above"];

/// Reads `routine:`, checking its names against the slots, steps and
/// taxonomies already read.
pub(super) fn read_routine<'t>(
    r: &mut Reader<'t>,
    mut group: Fields<'t>,
    origin: &Origin,
    usage: &UsageDecl,
    taxonomies: &[TaxonomyDecl],
) -> RoutineDecl {
    let groups = group
        .get("groups")
        .and_then(|f| f.fields(r))
        .map(|g| read_groups(r, g, origin, usage, taxonomies))
        .unwrap_or_default();
    let rules = group
        .get("rules")
        .map(|f| read_rules(r, f, usage, taxonomies, &groups))
        .unwrap_or_default();
    group.finish(r);
    RoutineDecl { groups, rules }
}

fn read_groups<'t>(
    r: &mut Reader<'t>,
    mut all: Fields<'t>,
    origin: &Origin,
    usage: &UsageDecl,
    taxonomies: &[TaxonomyDecl],
) -> Vec<GroupDecl> {
    let mut out = Vec::new();
    for entry in all.entries() {
        let key = &entry.key;
        if !is_key(&key.name) {
            r.error(
                Code::InvalidValue,
                key.at,
                format!("group `{}` is not a valid key", key.name),
                "use lowercase letters, digits, `-` and `_`, as in `retinoids`",
            );
            continue;
        }
        let Some(mut fields) = all.get(key.name.clone()).and_then(|f| f.fields(r)) else {
            continue;
        };
        let names = Names {
            origin,
            usage,
            taxonomies,
            specs: &[],
        };
        let criteria = read_criteria(r, &mut fields, &names, Kinds::Group);
        let at = fields.at();
        fields.finish(r);
        // A group whose fields are all unknown was reported above, and is
        // kept so that rules naming it are not reported too.
        let written = matches!(&entry.value.value, Value::Map(e) if !e.is_empty());
        if criteria.is_empty() && !written {
            let taxonomy = taxonomies.first().map_or("actives", |t| t.key.as_str());
            r.error(
                Code::MissingField,
                at,
                format!("group `{}` names no products", key.name),
                format!(
                    "name them by a taxonomy's terms (`{taxonomy}: [...]`), by `steps: [...]` or by `categories: [...]`"
                ),
            );
            continue;
        }
        out.push(GroupDecl {
            key: key.name.clone(),
            criteria,
        });
    }
    out
}

/// A declared group's index; an unknown one is reported.
fn group_index(r: &mut Reader, groups: &[GroupDecl], written: &Spanned<String>) -> Option<usize> {
    let found = groups.iter().position(|g| g.key == written.value);
    if found.is_none() {
        r.error(
            Code::UnknownGroup,
            written.at,
            format!("unknown group `{}`", written.value),
            format!(
                "{} (groups are declared under `routine.groups`)",
                suggestion(&written.value, groups.iter().map(|g| g.key.as_str()))
            ),
        );
    }
    found
}

/// Reads `rules:`, checking the groups, steps and slots each names.
fn read_rules<'t>(
    r: &mut Reader<'t>,
    field: Field<'t>,
    usage: &UsageDecl,
    taxonomies: &[TaxonomyDecl],
    groups: &[GroupDecl],
) -> Vec<Rule> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for item in field.list(r).unwrap_or_default() {
        let Some(mut g) = item.fields(r) else {
            continue;
        };
        let key = g.required_text(r, "key");
        let message = g.required_words(r, "message");
        let slot = g.get("slot").and_then(|f| slot(r, usage, f));
        let when = g.get("when").and_then(|f| f.text(r));
        let written: Vec<(&str, Field<'t>)> = KINDS
            .iter()
            .filter_map(|k| Some((*k, g.get(*k)?)))
            .collect();
        let at = g.at();
        g.finish(r);
        let (Some(key), Some(message)) = (key, message) else {
            continue;
        };
        if !new_key(r, &mut seen, &key, "rule", (is_key, "one-strong-active")) {
            continue;
        }
        let Some((name, field)) = one_kind(r, &key, &written, at) else {
            continue;
        };
        let Some(when_group) = when_group(r, when.as_ref(), name, &field, groups) else {
            continue;
        };
        let kind = match (name, when_group) {
            ("apart", _) => apart(r, &field, groups),
            ("one_per_step", _) => one_per_step(r, &field, usage),
            ("needs", Some(when)) => field
                .text(r)
                .and_then(|w| group_index(r, groups, &w))
                .map(|needs| RuleKind::Needs { when, needs }),
            (_, Some(when)) => above(r, &field, when, groups, taxonomies),
            _ => None,
        };
        if let Some(kind) = kind {
            out.push(Rule {
                key: key.value,
                message: message.value,
                slot: slot.flatten(),
                kind,
            });
        }
    }
    out
}

/// The one field of `KINDS` a rule has written, which gives it its kind;
/// none or several are reported.
fn one_kind<'t>(
    r: &mut Reader<'t>,
    key: &Spanned<String>,
    written: &[(&'static str, Field<'t>)],
    at: Pos,
) -> Option<(&'static str, Field<'t>)> {
    match written {
        [one] => Some(one.clone()),
        [] => {
            r.error(
                Code::MissingField,
                at,
                format!("rule `{}` checks nothing", key.value),
                "give it one of `apart: [groups]`, `one_per_step: [steps]`, `needs: group` or `above: number` (the last two with `when: group`)",
            );
            None
        }
        [(first, _), (second, f), ..] => {
            r.error(
                Code::InvalidValue,
                f.at(),
                format!("rule `{}` has both `{first}` and `{second}`", key.value),
                "a rule checks one thing: make two rules of it",
            );
            None
        }
    }
}

/// The group a rule's `when` names, which `needs` and `above` take and
/// the others do not: `Some(None)` for a rule without one, `None` when
/// `when` is wrong or missing (reported).
fn when_group(
    r: &mut Reader,
    when: Option<&Spanned<String>>,
    name: &str,
    field: &Field,
    groups: &[GroupDecl],
) -> Option<Option<usize>> {
    match (when, name) {
        (Some(w), "needs" | "above") => group_index(r, groups, w).map(Some),
        (None, "needs" | "above") => {
            r.error(
                Code::MissingField,
                field.at(),
                format!("`{name}` needs a `when`"),
                "add `when: <group>`: the products the rule is about",
            );
            None
        }
        (Some(w), _) => {
            r.error(
                Code::InvalidValue,
                w.at,
                format!("`when` goes with `needs` or `above`, not with `{name}`"),
                "remove `when`",
            );
            None
        }
        (None, _) => Some(None),
    }
}

/// `apart: [groups]`: every group named must be declared, and one named.
fn apart(r: &mut Reader, field: &Field, groups: &[GroupDecl]) -> Option<RuleKind> {
    let named = field.texts(r);
    let found: Vec<usize> = named
        .iter()
        .filter_map(|w| group_index(r, groups, w))
        .collect();
    if named.is_empty() {
        r.error(
            Code::MissingField,
            field.at(),
            "`apart` names no groups",
            "write one group (no two of it together) or several (none of one with one of another)",
        );
    }
    (found.len() == named.len() && !found.is_empty()).then_some(RuleKind::Apart(found))
}

/// `one_per_step: [steps]`: every step named must be declared.
fn one_per_step(r: &mut Reader, field: &Field, usage: &UsageDecl) -> Option<RuleKind> {
    let named = field.texts(r);
    let found: Vec<usize> = named.iter().filter_map(|s| step(r, usage, s)).collect();
    (found.len() == named.len() && !found.is_empty()).then_some(RuleKind::OnePerStep(found))
}

/// `above: number`, for the group `when`, which must name terms that carry
/// a strength.
fn above(
    r: &mut Reader,
    field: &Field,
    when: usize,
    groups: &[GroupDecl],
    taxonomies: &[TaxonomyDecl],
) -> Option<RuleKind> {
    let above = field.number(r);
    strength_taxonomy(&groups[when], taxonomies).map_or_else(
        || {
            r.error(
                Code::InvalidValue,
                field.at(),
                format!("group `{}` has no strengths to compare", groups[when].key),
                "`above` compares the strength of a group's terms: name the group by the terms of a taxonomy that declares a `strength`",
            );
            None
        },
        |_| above.map(|a| RuleKind::Above { when, above: a.value }),
    )
}

/// `slot: <key>`: `Some(None)` when it is not a declared slot (reported).
fn slot<'t>(r: &mut Reader<'t>, usage: &UsageDecl, field: Field<'t>) -> Option<Option<usize>> {
    if usage.slots.is_empty() {
        r.error(
            Code::InvalidValue,
            field.at(),
            "this site declares no slots",
            "remove `slot`, or declare slots under `usage.slots`",
        );
        return Some(None);
    }
    let keys: Vec<&str> = usage.slot_keys().collect();
    Some(
        field
            .one_of(r, &keys)
            .and_then(|k| usage.slot_index(&k.value)),
    )
}

/// The taxonomy whose terms' strengths a group compares: the first it
/// names terms of that declares a strength.
pub fn strength_taxonomy<'d>(
    group: &GroupDecl,
    taxonomies: &'d [TaxonomyDecl],
) -> Option<&'d TaxonomyDecl> {
    group.criteria.iter().find_map(|c| match c {
        Criterion::Terms { taxonomy, .. } => taxonomies
            .iter()
            .find(|t| &t.key == taxonomy && t.strength.is_some()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::{CONFIG_FILE, Config};
    use vial_base::diagnostic::{Diagnostic, Diagnostics, SourceFile};

    const SITE: &str = "title: T\nbase_url: https://example.org\nusage:\n  slots: [am, pm]\n  steps: [cleanse, treat, protect]\ntaxonomies:\n  - key: actives\n    label: Active\n    strength: {field: percent, label: Strength, unit: \"%\"}\n  - {key: concerns, label: Concern}\n";

    fn parse(routine: &str) -> Result<Config, Diagnostics> {
        let text = format!("{SITE}routine:\n{routine}");
        Config::parse(Path::new("/site"), SourceFile::new(CONFIG_FILE, text))
    }

    /// Each problem as `line:column message | help`.
    fn problems(routine: &str) -> Vec<String> {
        parse(routine)
            .unwrap_err()
            .0
            .iter()
            .map(Diagnostic::brief)
            .collect()
    }

    #[test]
    fn groups_and_every_kind_of_rule_read() {
        let config = parse(
            "  groups:\n    retinoids: {actives: [Retinal, retinol]}\n    treatments: {steps: [treat]}\n    sunscreens: {steps: [protect], categories: [sunscreen]}\n  rules:\n    - key: two-retinoids\n      message: One retinoid at a time.\n      apart: [retinoids]\n      slot: pm\n    - key: one-cleanser\n      message: One cleanser is enough.\n      one_per_step: [cleanse]\n    - key: sunscreen\n      message: Follow with sunscreen.\n      when: treatments\n      slot: am\n      needs: sunscreens\n    - key: strong\n      message: Strong.\n      when: retinoids\n      above: 0.1\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let routine = config.routine;
        assert_eq!(routine.groups.len(), 3);
        let Criterion::Terms { taxonomy, terms } = &routine.groups[0].criteria[0] else {
            panic!("{:?}", routine.groups[0]);
        };
        assert_eq!(taxonomy, "actives");
        let slugs: Vec<&str> = terms.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(slugs, ["retinal", "retinol"]);
        assert_eq!(terms[1].location.line, 13);
        assert_eq!(routine.groups[2].criteria.len(), 2);
        let kinds: Vec<(&str, Option<usize>, &RuleKind)> = routine
            .rules
            .iter()
            .map(|r| (r.key.as_str(), r.slot, &r.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("two-retinoids", Some(1), &RuleKind::Apart(vec![0])),
                ("one-cleanser", None, &RuleKind::OnePerStep(vec![0])),
                ("sunscreen", Some(0), &RuleKind::Needs { when: 1, needs: 2 }),
                (
                    "strong",
                    None,
                    &RuleKind::Above {
                        when: 0,
                        above: 0.1
                    }
                ),
            ]
        );
    }

    #[test]
    fn every_wrong_name_is_reported_at_its_line_with_a_suggestion() {
        let found = problems(
            "  groups:\n    retinoids: {activs: [retinal]}\n    treatments: {steps: [treet]}\n    concerned: {concerns: [dullness]}\n  rules:\n    - key: a\n      message: M\n      apart: [retinoid]\n    - key: b\n      message: M\n      when: concerned\n      above: 2\n    - key: c\n      message: M\n      apart: [treatments]\n      needs: treatments\n    - key: d\n      message: M\n    - key: e\n      message: M\n      needs: treatments\n    - key: f\n      message: M\n      slot: noon\n      one_per_step: [treat]\n",
        );
        assert_eq!(
            found,
            [
                "14:26 unknown routine step `treet` | did you mean `treat`? (steps are listed under `usage.steps`)",
                "19:15 unknown group `retinoid` | did you mean `retinoids`? (groups are declared under `routine.groups`)",
                "23:14 group `concerned` has no strengths to compare | `above` compares the strength of a group's terms: name the group by the terms of a taxonomy that declares a `strength`",
                "27:14 rule `c` has both `apart` and `needs` | a rule checks one thing: make two rules of it",
                "28:7 rule `d` checks nothing | give it one of `apart: [groups]`, `one_per_step: [steps]`, `needs: group` or `above: number` (the last two with `when: group`)",
                "32:14 `needs` needs a `when` | add `when: <group>`: the products the rule is about",
                "35:13 `noon` is not one of `am`, `pm` | expected one of `am`, `pm`",
                "13:17 unknown field `activs` | did you mean `actives`?",
            ]
        );
    }

    #[test]
    fn a_slot_on_a_site_without_slots_is_an_error() {
        let text = "title: T\nbase_url: https://example.org\nusage:\n  steps: [feed]\nroutine:\n  groups:\n    feeds: {steps: [feed]}\n  rules:\n    - {key: one, message: M, apart: [feeds], slot: am}\n";
        let errors =
            Config::parse(Path::new("/site"), SourceFile::new(CONFIG_FILE, text)).unwrap_err();
        assert_eq!(errors.0.len(), 1, "{errors}");
        assert_eq!(errors.0[0].message, "this site declares no slots");
    }
}
