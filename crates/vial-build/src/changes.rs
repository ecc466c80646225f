//! What changed between two builds of a site, as link targets (`Stale`),
//! and which pages render again because of it (`pages_to_render`). The
//! preview finds what changed by comparing its last model with the new
//! one; a build, from the memo the last build left (`memo`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use vial_render::{self as render, PageKind, product_number};
use vial_site::link::{Links, Target};
use vial_site::model::Site;

use crate::ledger::Ledger;

/// The pages of `plan` to render again, given the pages of the last build
/// (`old`, with what each read), what differs since (`stale`) and the
/// templates that changed. `complete` says whether `old` holds every page
/// of the last build, or only those still planned (a memo's).
pub fn pages_to_render(
    old: &Ledger,
    complete: bool,
    stale: &Stale,
    plan: &[PageKind],
    templates: &BTreeSet<String>,
) -> Vec<PageKind> {
    if stale.everything {
        return plan.to_vec();
    }
    let embeds = render::EMBED_PARTIALS
        .iter()
        .any(|p| templates.contains(*p));
    let uses_changed = |kind: &PageKind| {
        kind.template().is_some_and(|t| templates.contains(t)) || (embeds && kind.may_embed())
    };
    // The plan follows from the site's members and the length of each list
    // (a category's, a term's): when none of them changed, it is the last
    // build's, and the index names the pages that read what changed.
    let same_plan = templates.is_empty()
        && complete
        && !stale.keys_changed
        && plan.len() == old.len()
        && !stale
            .targets
            .iter()
            .any(|t| matches!(t, Target::Category(_) | Target::Term(..)));
    if same_plan {
        let mut touched: Vec<PageKind> = old
            .reading(stale.targets.iter(), stale.reranked.iter())
            .chain(plan.iter().filter(|kind| match kind {
                // Files that do not list what they read.
                PageKind::Sitemap
                | PageKind::SitemapIndex
                | PageKind::SitemapPart(_)
                | PageKind::Feed(_) => stale.listed_by_date,
                PageKind::Products(_) => stale.order_changed,
                kind if lists_guides_by_date(kind) => stale.guides_listed,
                kind => kind.reads_everything() && stale.any(),
            }))
            .cloned()
            .collect();
        touched.sort_unstable();
        touched.dedup();
        return touched;
    }
    let reranked: Vec<u64> = stale.reranked.iter().map(|p| product_number(p)).collect();
    plan.par_iter()
        .filter(|kind| match old.get(kind) {
            None => true,
            Some(_) if uses_changed(kind) => true,
            // Made from site.yaml alone, whose changes rebuild everything.
            Some(_) if **kind == PageKind::Robots => false,
            // Every page, with its date.
            Some(_)
                if matches!(
                    kind,
                    PageKind::Sitemap | PageKind::SitemapIndex | PageKind::SitemapPart(_)
                ) =>
            {
                stale.listed_by_date
                    || stale.keys_changed
                    || !complete
                    || plan.len() != old.len()
                    || plan.iter().any(|k| !old.contains(k))
            }
            // The newest entries: which they are, and what they show.
            Some(page) if matches!(kind, PageKind::Feed(_)) => {
                stale.listed_by_date || page.reads.any_of(&stale.targets, &reranked)
            }
            // The exports list everything.
            Some(_) if kind.reads_everything() => stale.any(),
            Some(page) => {
                (stale.keys_changed && is_index(kind))
                    || (stale.order_changed && matches!(kind, PageKind::Products(_)))
                    || (stale.guides_listed && lists_guides_by_date(kind))
                    || page.reads.any_of(&stale.targets, &reranked)
            }
        })
        .cloned()
        .collect()
}

/// Pages that list members of a kind: they change when a member appears or
/// goes, even if they read nothing that changed.
fn is_index(kind: &PageKind) -> bool {
    matches!(
        kind,
        PageKind::Home
            | PageKind::Products(_)
            | PageKind::Categories
            | PageKind::Guides(_)
            | PageKind::Taxonomy(_)
            | PageKind::CompareIndex
            | PageKind::Routine
    )
}

/// Pages that show guides newest first: which guides they show depends on
/// every guide's date and title (`Stale::guides_listed`).
fn lists_guides_by_date(kind: &PageKind) -> bool {
    matches!(kind, PageKind::Home | PageKind::Guides(_))
}

impl Stale {
    /// Nothing stale yet; `order_changed` as given.
    pub fn new(order_changed: bool) -> Stale {
        Stale {
            targets: BTreeSet::new(),
            reranked: BTreeSet::new(),
            keys_changed: false,
            order_changed,
            listed_by_date: false,
            guides_listed: false,
            everything: false,
        }
    }

    /// Marks every page stale when a free page changed, or a category
    /// while the menus name one (`name_categories`): a menu shows their
    /// names on every page (see `everything`).
    pub fn note_menus(&mut self, name_categories: bool) {
        self.everything |= (self.targets.iter()).any(|t| match t {
            Target::Page(_) => true,
            Target::Category(_) => name_categories,
            _ => false,
        });
    }

    /// Whether anything a page can show changed.
    pub fn any(&self) -> bool {
        !self.targets.is_empty() || self.keys_changed || self.order_changed
    }
}

/// What differs between two builds of a site.
pub struct Stale {
    /// The items that differ, as the link targets pages read.
    pub targets: BTreeSet<Target>,
    /// Products that rank differently as similar products: they appeared,
    /// went, or changed what ranks them (`similar::same_ranking`).
    pub reranked: BTreeSet<String>,
    /// A product, category, guide or term appeared or went away.
    pub keys_changed: bool,
    /// The product list's order changed (a product was renamed).
    pub order_changed: bool,
    /// What the feeds choose their newest entries by, or the sitemap's
    /// dates, changed: a product's name or `updated` date, a guide's title
    /// or dates; or a product or guide appeared or went.
    pub listed_by_date: bool,
    /// What the guide lists are ordered by changed: a guide's title or
    /// dates. (A guide that appears or goes changes the keys.) The lists
    /// watch this instead of reading every guide: each of `/guides/`'s
    /// pages reading all of them made the memo grow with the square of the
    /// guides.
    pub guides_listed: bool,
    /// A free page changed, came or went, or a category a menu may name:
    /// every page renders again. A menu shows their names on every page;
    /// free pages are few and seldom edited, so this simplest exact answer
    /// costs little.
    pub everything: bool,
}

/// What differs between two builds, as link targets.
pub fn stale_targets(old: &Site, new: &Site, old_links: &Links, new_links: &Links) -> Stale {
    let mut stale = Stale::new(old.product_order != new.product_order);
    diff_products(old, new, &mut stale);
    diff_map(
        &old.categories,
        &new.categories,
        Target::Category,
        PartialEq::eq,
        &mut stale,
    );
    diff_guides(old, new, &mut stale);
    diff_map(&old.pages, &new.pages, Target::Page, same_arc, &mut stale);
    diff_map(
        &old.verdicts,
        &new.verdicts,
        Target::Compare,
        same_arc,
        &mut stale,
    );
    diff_terms(old, new, &mut stale);
    diff_backlinks(old_links, new_links, &mut stale);
    stale.note_menus(new.config.menus.name_categories());
    // A redirect that comes or goes is a page that comes or goes: the
    // plan is not the last one (a memo sees it in the pages' paths).
    stale.keys_changed |= !same_redirects(old, new);
    stale
}

/// Whether two sites redirect the same old addresses to the same pages
/// (where an alias is written does not matter).
fn same_redirects(old: &Site, new: &Site) -> bool {
    old.redirects.len() == new.redirects.len()
        && (old.redirects.iter())
            .zip(&new.redirects)
            .all(|(a, b)| a.from == b.from && a.to == b.to)
}

/// The products that differ; whether the feeds and the sitemap list them
/// differently (a name or `updated` date changed, or one came or went);
/// which rank differently as similar products.
fn diff_products(old: &Site, new: &Site, stale: &mut Stale) {
    diff_map(
        &old.products,
        &new.products,
        Target::Product,
        same_arc,
        stale,
    );
    stale.listed_by_date = stale.targets.iter().any(|t| match t {
        Target::Product(slug) => match (old.products.get(slug), new.products.get(slug)) {
            (Some(a), Some(b)) => (&a.name, &a.updated) != (&b.name, &b.updated),
            _ => true,
        },
        _ => false,
    });
    stale.reranked = stale
        .targets
        .iter()
        .filter_map(|t| match t {
            Target::Product(slug) => Some(slug),
            _ => None,
        })
        .filter(
            |slug| match (old.products.get(*slug), new.products.get(*slug)) {
                (Some(a), Some(b)) => !render::similar::same_ranking(a, b),
                _ => true,
            },
        )
        .cloned()
        .collect();
}

/// The guides that differ, and whether the guide lists order them
/// differently (a title or a date changed, or one came or went), which
/// the feeds and the sitemap follow too.
fn diff_guides(old: &Site, new: &Site, stale: &mut Stale) {
    diff_map(&old.guides, &new.guides, Target::Guide, same_arc, stale);
    stale.guides_listed = stale.targets.iter().any(|t| match t {
        Target::Guide(slug) => match (old.guides.get(slug), new.guides.get(slug)) {
            (Some(a), Some(b)) => {
                (&a.title, &a.date, &a.updated) != (&b.title, &b.date, &b.updated)
            }
            _ => true,
        },
        _ => false,
    });
    stale.listed_by_date |= stale.guides_listed;
}

/// The terms of each taxonomy whose products differ.
fn diff_terms(old: &Site, new: &Site, stale: &mut Stale) {
    let empty = BTreeMap::new();
    // The model hands the taxonomies over as they were while no terms
    // changed: then none differs, and comparing their product lists (tens
    // of thousands of slugs) would only say so.
    let keys: BTreeSet<&String> = if Arc::ptr_eq(&old.taxonomies, &new.taxonomies) {
        BTreeSet::new()
    } else {
        old.taxonomies
            .by_key
            .keys()
            .chain(new.taxonomies.by_key.keys())
            .collect()
    };
    for key in keys {
        let a = old.taxonomies.by_key.get(key).unwrap_or(&empty);
        let b = new.taxonomies.by_key.get(key).unwrap_or(&empty);
        diff_map(
            a,
            b,
            |slug| Target::Term(key.clone(), slug),
            PartialEq::eq,
            stale,
        );
    }
}

/// The targets whose backlinks differ: a page's backlinks are part of it
/// (unless no mention changed at all).
fn diff_backlinks(old: &Links, new: &Links, stale: &mut Stale) {
    if Arc::ptr_eq(&old.backlinks, &new.backlinks) {
        return;
    }
    let keys: BTreeSet<&Target> = old.backlinks.keys().chain(new.backlinks.keys()).collect();
    for target in keys {
        if old.backlinks.get(target) != new.backlinks.get(target) {
            stale.targets.insert(target.clone());
        }
    }
}

/// The maps of the model `diff_map` compares: values by slug.
trait BySlug<V> {
    fn entries<'a>(&'a self) -> impl Iterator<Item = (&'a String, &'a V)>
    where
        V: 'a;
    fn find(&self, slug: &str) -> Option<&V>;
}

/// Both maps look up and list the same way; only their types differ.
macro_rules! by_slug {
    ($map:ty) => {
        impl<V> BySlug<V> for $map {
            fn entries<'a>(&'a self) -> impl Iterator<Item = (&'a String, &'a V)>
            where
                V: 'a,
            {
                self.iter()
            }
            fn find(&self, slug: &str) -> Option<&V> {
                self.get(slug)
            }
        }
    };
}

by_slug!(BTreeMap<String, V>);
by_slug!(vial_site::model::ProductMap<V>);

fn diff_map<V>(
    old: &impl BySlug<V>,
    new: &impl BySlug<V>,
    target: impl Fn(String) -> Target,
    same: fn(&V, &V) -> bool,
    stale: &mut Stale,
) {
    for (slug, value) in old.entries() {
        match new.find(slug) {
            Some(v) if same(v, value) => {}
            Some(_) => {
                stale.targets.insert(target(slug.clone()));
            }
            None => {
                stale.keys_changed = true;
                stale.targets.insert(target(slug.clone()));
            }
        }
    }
    for (slug, _) in new.entries().filter(|(s, _)| old.find(s).is_none()) {
        stale.keys_changed = true;
        stale.targets.insert(target(slug.clone()));
    }
}

/// Products and guides taken over unchanged share their `Arc`.
fn same_arc<T: PartialEq>(a: &Arc<T>, b: &Arc<T>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}
