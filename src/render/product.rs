//! A product's page: its terms and specs, its usage card (schedule, slots,
//! steps and where it goes in the routine, in the site's words), its
//! comparison with neighbours, and related products.

use std::collections::BTreeSet;

use super::comparison::{TableSpec, default_fields, product_table, spec_cell};
use super::pages::strength_text;
use super::picture::Role;
use super::views::*;
use super::{Renderer, stable_hash};
use crate::link::Target;
use crate::model::{Position, Product};

impl Renderer<'_> {
    pub(super) fn usage_card(&self, p: &Product, reads: &mut BTreeSet<Target>) -> UsageCard {
        reads.insert(Target::Product(p.slug.clone()));
        let declared = &self.site.config.usage;
        let usage = &p.usage;
        let step_labels: Vec<String> = usage
            .steps
            .iter()
            .map(|i| declared.steps[*i].label.clone())
            .collect();
        let (routine, position) = self.routine_strip(p);
        let reminders = declared
            .reminders
            .iter()
            .filter(|r| r.slot.is_none_or(|slot| usage.slots.contains(&slot)))
            .filter(|r| r.step.is_none_or(|step| usage.steps.contains(&step)))
            .map(|r| r.text.clone())
            .collect();
        UsageCard {
            product: LinkView {
                title: p.name.clone(),
                url: self.product_url(p),
            },
            frequency: usage.schedule.describe(self.strings, &declared.vocabulary),
            slots: usage
                .slots
                .iter()
                .map(|i| SlotView {
                    key: declared.slots[*i].key.clone(),
                    label: declared.slots[*i].label.clone(),
                })
                .collect(),
            steps: step_labels,
            routine,
            position,
            reminders,
            instructions_html: self.markdown(&usage.instructions.text, reads),
            cautions: usage.cautions.clone(),
            rule_cautions: self.rule_cautions(p),
        }
    }

    /// The routine with the product marked where it goes, and a sentence
    /// when a `position` moves it out of its step.
    fn routine_strip(&self, p: &Product) -> (Vec<RoutineStepView>, Option<String>) {
        let declared = &self.site.config.usage;
        let usage = &p.usage;
        if usage.steps.is_empty() {
            return (Vec::new(), None);
        }
        let mut strip: Vec<RoutineStepView> = declared
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| RoutineStepView {
                label: s.label.clone(),
                here: usage.steps.contains(&i) && usage.position.is_none(),
            })
            .collect();
        let Some(position) = &usage.position else {
            return (strip, None);
        };
        // An override moves the product out of its step: show it where it goes.
        let step_label = declared.steps[usage.steps[0]].label.clone();
        let moved = RoutineStepView {
            label: format!("{step_label} ({})", p.name),
            here: true,
        };
        let step = |i: &usize| declared.steps[*i].label.to_lowercase();
        let sentence = match position {
            Position::First => {
                strip.insert(0, moved);
                self.t("position.first", &[])
            }
            Position::Last => {
                strip.push(moved);
                self.t("position.last", &[])
            }
            Position::After(i) => {
                strip.insert(i + 1, moved);
                self.t("position.after", &[("step", &step(i))])
            }
            Position::Before(i) => {
                strip.insert(*i, moved);
                self.t("position.before", &[("step", &step(i))])
            }
        };
        (strip, Some(sentence))
    }

    pub(super) fn product_view(&self, p: &Product, reads: &mut BTreeSet<Target>) -> ProductView {
        let site = self.site;
        let config = &site.config;
        let category = &site.categories[&p.category];
        reads.insert(Target::Category(category.slug.clone()));
        // Neighbours in the category's name order: small, stable lists
        // whatever the category's size.
        let position = category.position(&p.slug);
        let around = |count: usize| {
            let start = position
                .saturating_sub(count / 2)
                .min(category.products.len().saturating_sub(count));
            category
                .products
                .iter()
                .skip(start)
                .take(count)
                .filter_map(|s| site.product(s))
        };
        let same_category: Vec<&Product> =
            around(13).filter(|q| q.slug != p.slug).take(12).collect();
        let neighbours: Vec<&Product> = around(4).collect();
        let comparison = (neighbours.len() > 1).then(|| {
            for n in &neighbours {
                reads.insert(Target::Product(n.slug.clone()));
            }
            let spec = TableSpec {
                caption: self.t("product.comparison_caption", &[("product", &p.name)]),
                side_by_side: true,
                current: Some(&p.slug),
            };
            product_table(
                &self.words(),
                &neighbours,
                &default_fields(config),
                spec,
                &|q| self.product_url(q),
            )
        });
        let byline = config
            .taxonomies
            .iter()
            .find(|t| t.single)
            .and_then(|decl| {
                let used = p.terms_of(&decl.key).first()?;
                Some(LinkView {
                    title: used.term.name.clone(),
                    url: self.target_url(&Target::Term(decl.key.clone(), used.term.slug.clone())),
                })
            });
        let terms = config
            .taxonomies
            .iter()
            .filter(|decl| !decl.single)
            .filter_map(|decl| {
                let used = p.terms_of(&decl.key);
                (!used.is_empty()).then(|| TermGroup {
                    key: decl.key.clone(),
                    label: decl.label.clone(),
                    plural: decl.plural.clone(),
                    terms: used
                        .iter()
                        .map(|t| TermView {
                            name: t.term.name.clone(),
                            url: self
                                .target_url(&Target::Term(decl.key.clone(), t.term.slug.clone())),
                            strength: t.strength.map(|n| strength_text(n, decl)),
                        })
                        .collect(),
                })
            })
            .collect();
        let (image, gallery) = self.image_views(&p.images, Role::Main);
        ProductView {
            slug: p.slug.clone(),
            routine_key: self.routine_key(p),
            name: p.name.clone(),
            url: self.product_url(p),
            byline,
            category: self.category_link(category),
            summary: p.summary.clone(),
            description_html: self.markdown(&p.description.text, reads),
            image,
            gallery,
            terms,
            specs: config
                .specs
                .iter()
                .filter_map(|spec| {
                    let (value, _) = spec_cell(spec, p.specs.get(&spec.key)?, self.strings);
                    let unit = match &spec.kind {
                        crate::config::SpecKind::Number { unit: Some(u), .. }
                            if value
                                .chars()
                                .all(|c| c.is_ascii_digit() || c == '.' || c == '-') =>
                        {
                            format!(" {u}")
                        }
                        _ => String::new(),
                    };
                    Some(SpecRow {
                        key: spec.key.clone(),
                        label: spec.label.clone(),
                        value: format!("{value}{unit}"),
                    })
                })
                .collect(),
            usage: self.usage_card(p, reads),
            backlinks: self.backlinks(&Target::Product(p.slug.clone()), reads),
            same_category: same_category
                .iter()
                .map(|q| self.product_card(q, None, reads))
                .collect(),
            related: self.related(p, reads),
            comparison,
        }
    }

    /// Up to six products of other categories that share a term of a
    /// `related` taxonomy with `p`: a few from each shared term, taken from
    /// a point in the term's list that depends on `p`, so related lists vary
    /// across products and cost the same whatever the catalogue's size.
    fn related(&self, p: &Product, reads: &mut BTreeSet<Target>) -> Vec<ProductCard> {
        const WANTED: usize = 6;
        const PER_TERM: usize = 2;
        let site = self.site;
        let terms = site
            .config
            .taxonomies
            .iter()
            .filter(|decl| decl.related)
            .flat_map(|decl| {
                p.terms_of(&decl.key).iter().filter_map(|used| {
                    let taxon = site.taxonomies.term(&decl.key, &used.term.slug)?;
                    Some((
                        Target::Term(decl.key.clone(), used.term.slug.clone()),
                        taxon,
                    ))
                })
            });
        let seed = stable_hash(&p.slug);
        let mut chosen: Vec<&str> = Vec::new();
        for (target, taxon) in terms {
            if chosen.len() >= WANTED {
                break;
            }
            reads.insert(target);
            let members = &taxon.products;
            let start = (seed % members.len().max(1) as u64) as usize;
            // Whether a member is in `p`'s category is read through that
            // category, which this page reads.
            let picks = members
                .iter()
                .cycle()
                .skip(start)
                .take(members.len())
                .map(String::as_str)
                .filter(|other| *other != p.slug && site.products[*other].category != p.category)
                .filter(|other| !chosen.contains(other))
                .take(PER_TERM)
                .collect::<Vec<_>>();
            chosen.extend(picks);
        }
        chosen.truncate(WANTED);
        chosen
            .into_iter()
            .map(|slug| self.product_card(&site.products[slug], None, reads))
            .collect()
    }
}
