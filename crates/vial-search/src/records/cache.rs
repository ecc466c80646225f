//! Records kept between builds, so that a rebuild reads again only the
//! pages that changed: the cache, when what it holds still holds (the
//! same declarations and strings, the same page under each wiki link's
//! title), and how it is brought up to date after a build.

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::Record;
use vial_site::config::Config;
use vial_site::i18n::Strings;
use vial_site::link::{Resolver, Target};
use vial_site::model::{Category, Guide, Product, Site, Slug};

/// Records kept between builds. A product's or guide's record is read
/// again only when its file changed (a new `Arc`), its category was renamed,
/// a page its wiki links name shows another title, or the site's
/// declarations or strings changed: on an edit in `vial serve`, every
/// other record costs a lookup.
#[derive(Debug, Default)]
pub struct RecordCache {
    context: Option<(Config, Arc<Strings>)>,
    /// A hash of every page's name: while it stays, every wiki link shows
    /// the title it showed.
    titles: u64,
    products: FxHashMap<Slug, (Arc<Product>, String, Arc<Record>)>,
    guides: FxHashMap<Slug, (Arc<Guide>, Arc<Record>)>,
    /// For an index made once: nothing is kept (the maps were held at the
    /// peak of the build, for nothing).
    once: bool,
}

impl RecordCache {
    /// A cache that keeps nothing.
    pub fn none() -> Self {
        RecordCache {
            once: true,
            ..RecordCache::default()
        }
    }

    /// Empties the cache unless it was made with `site`'s declarations and
    /// `strings`: every record depends on them.
    pub(super) fn hold_context(&mut self, site: &Site, strings: &Arc<Strings>) {
        let same_context = self.context.as_ref().is_some_and(|(config, s)| {
            (Arc::ptr_eq(s, strings) || **s == **strings) && *config == site.config
        });
        if !same_context {
            *self = RecordCache {
                context: Some((site.config.clone(), Arc::clone(strings))),
                once: self.once,
                ..RecordCache::default()
            };
        }
    }

    /// Whether some page's name changed since the last build (so the kept
    /// records' wiki links are checked).
    pub(super) fn names_changed(&mut self, site: &Site) -> bool {
        let titles = titles_hash(site);
        let changed = titles != self.titles;
        self.titles = titles;
        changed
    }

    /// Whether this cache keeps nothing.
    pub(super) fn once(&self) -> bool {
        self.once
    }

    /// The kept record of `p`, if it still holds.
    pub(super) fn product(
        &self,
        site: &Site,
        p: &Arc<Product>,
        category: &str,
        resolver: Option<&Resolver>,
    ) -> Option<Arc<Record>> {
        let (old, old_category, record) = self.products.get(&p.slug)?;
        (Arc::ptr_eq(old, p) && old_category == category && record.links_hold(site, resolver))
            .then(|| Arc::clone(record))
    }

    /// The kept record of `g`, if it still holds.
    pub(super) fn guide(
        &self,
        site: &Site,
        g: &Arc<Guide>,
        resolver: Option<&Resolver>,
    ) -> Option<Arc<Record>> {
        let (old, record) = self.guides.get(&g.slug)?;
        (Arc::ptr_eq(old, g) && record.links_hold(site, resolver)).then(|| Arc::clone(record))
    }

    /// Keeps the records of `products` (by category), one for each, and
    /// forgets those of products that went.
    pub(super) fn keep_products(
        &mut self,
        products: &[(&Category, &Arc<Product>)],
        records: &[Arc<Record>],
    ) {
        for ((c, p), r) in products.iter().zip(records) {
            let entry = || (Arc::clone(p), c.name.clone(), Arc::clone(r));
            keep(&mut self.products, &p.slug, r, |e| &e.2, entry);
        }
        forget_gone(
            &mut self.products,
            products.iter().map(|(_, p)| p.slug.as_str()),
        );
    }

    /// Keeps the records of `guides`, one for each, and forgets those of
    /// guides that went.
    pub(super) fn keep_guides(&mut self, guides: &[&Arc<Guide>], records: &[Arc<Record>]) {
        for (g, r) in guides.iter().zip(records) {
            keep(
                &mut self.guides,
                &g.slug,
                r,
                |e| &e.1,
                || (Arc::clone(g), Arc::clone(r)),
            );
        }
        forget_gone(&mut self.guides, guides.iter().map(|g| g.slug.as_str()));
    }
}

/// Puts the entry `make` gives under `slug`, unless the one there already
/// holds `record` (then nothing about it changed). The maps are brought up
/// to date in place: rebuilding them copied every slug on every edit.
fn keep<V>(
    map: &mut FxHashMap<Slug, V>,
    slug: &str,
    record: &Arc<Record>,
    held: impl Fn(&V) -> &Arc<Record>,
    make: impl FnOnce() -> V,
) {
    match map.get_mut(slug) {
        Some(entry) if Arc::ptr_eq(held(entry), record) => {}
        Some(entry) => *entry = make(),
        None => {
            map.insert(slug.to_string(), make());
        }
    }
}

/// Drops the entries of slugs no longer among `now`.
fn forget_gone<'a, V>(map: &mut FxHashMap<Slug, V>, now: impl ExactSizeIterator<Item = &'a str>) {
    if map.len() > now.len() {
        let now: FxHashSet<&str> = now.collect();
        map.retain(|slug, _| now.contains(slug.as_str()));
    }
}

impl Record {
    /// Whether the wiki links of its markdown still show the titles it
    /// was read with.
    fn links_hold(&self, site: &Site, resolver: Option<&Resolver>) -> bool {
        resolver.is_none()
            || self.named.iter().all(|(dest, title)| {
                resolver.and_then(|r| shown_title(site, r, dest)).as_deref() == Some(title.as_str())
            })
    }
}

/// `link_title` without copying the title: the check of every kept record
/// runs on each rebuild.
fn shown_title<'s>(site: &'s Site, resolver: &Resolver, dest: &str) -> Option<Cow<'s, str>> {
    Some(match resolver.resolve(dest).ok()? {
        Target::Product(s) => Cow::Borrowed(&site.product(&s)?.name),
        Target::Category(s) => Cow::Borrowed(&site.categories.get(&s)?.name),
        Target::Guide(s) => Cow::Borrowed(&site.guide(&s)?.title),
        Target::Page(s) => Cow::Borrowed(&site.pages.get(&s)?.title),
        Target::Term(key, s) => Cow::Borrowed(&site.taxonomies.term(&key, &s)?.name),
        // Named by its slug, as `Resolver::title` names it.
        target @ Target::Compare(_) => Cow::Owned(target.slug().to_string()),
    })
}

/// A hash of every page a wiki link can name, with the name it shows.
fn titles_hash(site: &Site) -> u64 {
    // One buffer hashed at once: a small update of a streaming hash per
    // name was a cost on every rebuild.
    let mut all = Vec::with_capacity(64 * (site.products.len() + site.guides.len()));
    let mut add = |kind: &str, slug: &str, name: &str| {
        for part in [kind, slug, name] {
            all.extend_from_slice(part.as_bytes());
            all.push(0);
        }
    };
    for p in site.products.values() {
        add("p", &p.slug, &p.name);
    }
    for c in site.categories.values() {
        add("c", &c.slug, &c.name);
    }
    for g in site.guides.values() {
        add("g", &g.slug, &g.title);
    }
    for g in site.pages.values() {
        add("f", &g.slug, &g.title);
    }
    for (key, terms) in &site.taxonomies.by_key {
        for t in terms.values() {
            add(key, &t.slug, &t.name);
        }
    }
    xxhash_rust::xxh3::xxh3_64(&all)
}
