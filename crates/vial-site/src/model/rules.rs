//! The routine builder's groups and rules (`routine:` of site.yaml) applied
//! to one product: the groups it belongs to, and the rules it breaks on its
//! own, whatever a reader uses with it (the cautions of its usage card).
//! Rules that need two products are the browser's to check, on the
//! reader's own routine. Also checks what the declarations name in the
//! content: an unknown category is an error, a term no product carries a
//! warning (a rule may be written before the products it is about).

use std::collections::BTreeMap;

use super::{Category, Product, Slug, SpecValue, Taxonomies};
use crate::config::{Config, Criterion, GroupDecl, Named, RuleKind, strength_taxonomy};
use vial_base::diagnostic::{Code, Diagnostic, suggestion};

/// Whether `p` meets every criterion of `group`.
pub fn in_group(group: &GroupDecl, p: &Product) -> bool {
    meets(&group.criteria, p)
}

/// Whether `p` meets every one of `criteria` (any value of each).
pub fn meets(criteria: &[Criterion], p: &Product) -> bool {
    criteria.iter().all(|c| match c {
        Criterion::Terms { taxonomy, terms } => p
            .terms_of(taxonomy)
            .iter()
            .any(|used| terms.iter().any(|t| t.name == used.term.slug)),
        Criterion::Steps(steps) => p.usage.steps.iter().any(|s| steps.contains(s)),
        Criterion::Categories(categories) => categories.iter().any(|c| c.name == p.category),
        Criterion::Slots(slots) => p.usage.slots.iter().any(|s| slots.contains(s)),
        Criterion::Values { spec, values } => match p.specs.get(spec) {
            Some(SpecValue::Choice(v)) => values.iter().any(|x| x == v.as_str()),
            Some(SpecValue::List(items)) => {
                items.iter().any(|i| values.iter().any(|x| x == i.as_str()))
            }
            _ => false,
        },
    })
}

/// The reminders of `p`'s usage card: those whose scope it meets, but for
/// those about it.
pub fn reminders_of<'c>(config: &'c Config, p: &Product) -> impl Iterator<Item = &'c str> {
    config
        .usage
        .reminders
        .iter()
        .filter(move |r| meets(&r.scope, p) && (r.about.is_empty() || !meets(&r.about, p)))
        .map(|r| r.message.as_str())
}

/// The indexes of the declared groups `p` belongs to.
pub fn groups_of(config: &Config, p: &Product) -> Vec<usize> {
    let groups = &config.routine.groups;
    (0..groups.len())
        .filter(|&i| in_group(&groups[i], p))
        .collect()
}

/// The highest strength `p` carries among the terms `group` names.
fn strength_in(config: &Config, group: &GroupDecl, p: &Product) -> Option<f64> {
    let taxonomy = strength_taxonomy(group, &config.taxonomies)?;
    let named: Vec<&Named> = group
        .criteria
        .iter()
        .filter_map(|c| match c {
            Criterion::Terms { taxonomy: t, terms } if *t == taxonomy.key => Some(terms),
            _ => None,
        })
        .flatten()
        .collect();
    p.terms_of(&taxonomy.key)
        .iter()
        .filter(|used| named.iter().any(|n| n.name == used.term.slug))
        .filter_map(|used| used.strength)
        .reduce(f64::max)
}

/// The indexes of the rules `p` breaks by itself: it belongs to two groups
/// that must stay apart, it needs a companion it is not, or it is stronger
/// than a rule allows. A rule of one slot counts only if `p` is used then.
pub fn broken_alone(config: &Config, p: &Product) -> Vec<usize> {
    let declared = &config.routine;
    let member = groups_of(config, p);
    let has = |g: &usize| member.contains(g);
    (0..declared.rules.len())
        .filter(|&i| {
            let rule = &declared.rules[i];
            if rule.slot.is_some_and(|s| !p.usage.slots.contains(&s)) {
                return false;
            }
            match &rule.kind {
                RuleKind::Apart(groups) => {
                    groups.len() > 1 && groups.iter().filter(|g| has(g)).count() > 1
                }
                RuleKind::OnePerStep(_) => false,
                RuleKind::Needs { when, needs } => has(when) && !has(needs),
                RuleKind::Above { when, above } => {
                    has(when)
                        && strength_in(config, &declared.groups[*when], p)
                            .is_some_and(|s| s > *above)
                }
            }
        })
        .collect()
}

/// Categories the groups and reminders name that do not exist (errors),
/// and terms that no product carries (warnings).
pub(super) fn check(
    config: &Config,
    categories: &BTreeMap<Slug, Category>,
    taxonomies: &Taxonomies,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut problems = (Vec::new(), Vec::new());
    let named = |what: Whose, criteria: &[Criterion], problems: &mut Problems| {
        for criterion in criteria {
            check_criterion(config, categories, taxonomies, criterion, what, problems);
        }
    };
    for group in &config.routine.groups {
        let what = format!("group `{}`", group.key);
        named(
            (&what, "the group's rules pass it by"),
            &group.criteria,
            &mut problems,
        );
    }
    for reminder in &config.usage.reminders {
        let scope = ("a reminder", "the reminder is shown on no card for it");
        named(scope, &reminder.scope, &mut problems);
        let about = (
            "a reminder's `about`",
            "no card is spared the reminder for it",
        );
        named(about, &reminder.about, &mut problems);
    }
    problems
}

/// Errors and warnings.
type Problems = (Vec<Diagnostic>, Vec<Diagnostic>);

/// What names a criterion, and what becomes of a term no product has.
type Whose<'a> = (&'a str, &'a str);

/// The unknown categories and terms of one criterion, which `what` names.
fn check_criterion(
    config: &Config,
    categories: &BTreeMap<Slug, Category>,
    taxonomies: &Taxonomies,
    criterion: &Criterion,
    (what, unused): Whose,
    (errors, warnings): &mut Problems,
) {
    match criterion {
        Criterion::Categories(named) => {
            for c in named.iter().filter(|c| !categories.contains_key(&c.name)) {
                errors.push(
                    config
                        .source
                        .error(
                            Code::UnknownCategory,
                            c.location.clone(),
                            format!("unknown category `{}` in {what}", c.name),
                        )
                        .with_help(format!(
                            "{} (categories are the files in content/categories/)",
                            suggestion(&c.name, categories.keys().map(String::as_str))
                        )),
                );
            }
        }
        Criterion::Terms { taxonomy, terms } => {
            let label = config
                .taxonomy(taxonomy)
                .map_or(taxonomy.clone(), |t| t.label.to_lowercase());
            for t in terms
                .iter()
                .filter(|t| taxonomies.term(taxonomy, &t.name).is_none())
            {
                let known: Vec<&str> = taxonomies
                    .terms(taxonomy)
                    .map(|x| x.slug.as_str())
                    .collect();
                warnings.push(
                    config
                        .source
                        .error(
                            Code::UnknownTerm,
                            t.location.clone(),
                            format!("no product has the {label} `{}` that {what} names", t.name),
                        )
                        .with_help(format!(
                            "until a product has it, {unused} ({})",
                            suggestion(&t.name, known.iter().copied())
                        ))
                        .into_warning(),
                );
            }
        }
        Criterion::Steps(_) | Criterion::Slots(_) | Criterion::Values { .. } => {}
    }
}
