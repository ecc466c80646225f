//! What the index holds of each page: the site's model and strings in, one
//! `Record` per product, category, guide and taxonomy term out, in the order
//! that gives them their numbers (products grouped by category, so a
//! category filter is a range of numbers).
//!
//! Products are read from their data, the way their pages show it: name,
//! byline term, category, every declared taxonomy's terms, spec labels and
//! values (`spec_value`), the schedule (`Schedule::describe`), slots and
//! steps; markdown as plain text. Every word comes from the site or its
//! strings.

use std::borrow::Cow;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::text::plain_text;
use vial_site::config::{Config, SpecKind};
use vial_site::i18n::{Count, Strings};
use vial_site::link::{Resolver, Target};
use vial_site::model::{Category, Guide, Product, Site, Slug, Taxon};
use vial_site::words::{Words, byline, spec_value};

/// How much a word counts where it appears.
pub mod weight {
    pub const TITLE: u8 = 16;
    /// Byline, category, taxonomy terms.
    pub const NAME: u8 = 8;
    /// Usage and specs.
    pub const FACT: u8 = 4;
    pub const SUMMARY: u8 = 2;
    pub const BODY: u8 = 1;
}

/// One searchable page.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub target: Target,
    pub url: String,
    pub title: String,
    /// The line under the title: byline and category, a date, a count.
    pub meta: String,
    /// The text the excerpt is cut from: its parts, joined.
    pub text: String,
    /// Where each part of `text` lies, with its weight.
    parts: Vec<(u8, std::ops::Range<usize>)>,
    /// Wiki links of its markdown and the titles they showed.
    named: Vec<(String, String)>,
    /// A hash of all of the above: records with the same one index alike.
    pub fingerprint: u64,
}

/// A kind of page and the record numbers it has.
#[derive(Debug, Clone, PartialEq)]
pub struct KindRange {
    pub key: String,
    /// One: shown on a result.
    pub label: String,
    /// Many: shown in the filter.
    pub plural: String,
    pub from: usize,
    pub to: usize,
}

/// A category: its products' numbers and its own page's.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryRange {
    pub name: String,
    pub from: usize,
    pub to: usize,
    pub page: usize,
}

/// Every record in number order, with the ranges filters use.
#[derive(Debug, Default)]
pub struct Catalogue {
    /// Every record's fingerprint, by number.
    pub fingerprints: Vec<u64>,
    /// The records, by number; none for an index made once, which needs
    /// nothing of them once `Made` saw them.
    pub records: Vec<Arc<Record>>,
    pub kinds: Vec<KindRange>,
    pub categories: Vec<CategoryRange>,
}

/// Records kept between builds. A product's or guide's record is read
/// again only when its file changed (a new `Arc`), its category was renamed,
/// a page its wiki links name shows another title, or the site's
/// declarations or strings changed: on an edit in `vial serve`, the other
/// 12,000 records cost a lookup each.
#[derive(Debug, Default)]
pub struct RecordCache {
    context: Option<(Config, Arc<Strings>)>,
    /// A hash of every page's name: while it stays, every wiki link shows
    /// the title it showed.
    titles: u64,
    products: FxHashMap<Slug, (Arc<Product>, String, Arc<Record>)>,
    guides: FxHashMap<Slug, (Arc<Guide>, Arc<Record>)>,
    /// For an index made once: nothing is kept (at 10,000 products the
    /// maps were 3.5 MB at the peak of the build).
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
}

/// Puts the entry `make` gives under `slug`, unless the one there already
/// holds `record` (then nothing about it changed). The maps are brought up
/// to date in place: rebuilding them copied 12,000 slugs per edit.
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

impl RecordCache {
    fn product(
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

    fn guide(
        &self,
        site: &Site,
        g: &Arc<Guide>,
        resolver: Option<&Resolver>,
    ) -> Option<Arc<Record>> {
        let (old, record) = self.guides.get(&g.slug)?;
        (Arc::ptr_eq(old, g) && record.links_hold(site, resolver)).then(|| Arc::clone(record))
    }
}

impl Record {
    /// Indexed text with its weight: the title, the meta, then each part
    /// of the text.
    pub fn fields(&self) -> impl Iterator<Item = (u8, &str)> {
        [(weight::TITLE, &*self.title), (weight::NAME, &*self.meta)]
            .into_iter()
            .chain(
                self.parts
                    .iter()
                    .map(|(w, at)| (*w, &self.text[at.clone()])),
            )
    }

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
        Target::Term(key, s) => Cow::Borrowed(&site.taxonomies.term(&key, &s)?.name),
        // Named by its slug, as `Resolver::title` names it.
        target @ Target::Compare(_) => Cow::Owned(target.slug().to_string()),
    })
}

fn link_title(resolver: &Resolver, dest: &str) -> Option<String> {
    let target = resolver.resolve(dest).ok()?;
    Some(resolver.title(&target))
}

/// A hash of every page a wiki link can name, with the name it shows.
fn titles_hash(site: &Site) -> u64 {
    // One buffer hashed at once: 36,000 small updates of a streaming hash
    // took milliseconds of every rebuild.
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
    for (key, terms) in &site.taxonomies.by_key {
        for t in terms.values() {
            add(key, &t.slug, &t.name);
        }
    }
    xxhash_rust::xxh3::xxh3_64(&all)
}

/// Joins the non-empty parts with ` · `.
fn joined<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(SEPARATOR)
}

/// Between the parts of a record's text.
const SEPARATOR: &str = " · ";

/// How many records are made at once before `Made` sees them.
const SLICE: usize = 1024;

/// Sees each slice of records as soon as it is made, with the number of
/// its first record: a build indexes them there and lets them go, so that
/// the texts of 12,000 records never wait together (10 MB at 10,000
/// products).
pub type Made<'m> = dyn FnMut(usize, &[Arc<Record>]) + 'm;

/// `make` of each item, in parallel, a slice at a time, numbered after
/// those of `cat`; `made` sees each slice. The records go into `cat`
/// unless `once`.
fn in_slices<T: Sync>(
    items: &[T],
    cat: &mut Catalogue,
    once: bool,
    made: &mut Made<'_>,
    make: impl Fn(&T) -> Arc<Record> + Sync,
) {
    for slice in items.chunks(SLICE) {
        let slice: Vec<Arc<Record>> = slice.par_iter().map(&make).collect();
        made(cat.fingerprints.len(), &slice);
        cat.fingerprints.extend(slice.iter().map(|r| r.fingerprint));
        if !once {
            cat.records.extend(slice);
        }
    }
}

/// Reads every record of `site`, taking what did not change from `cache`
/// and leaving this build's records in it; `made` sees them as they are
/// made, before `cache` holds them.
pub fn catalogue(
    site: &Site,
    strings: &Arc<Strings>,
    cache: &mut RecordCache,
    made: &mut Made<'_>,
) -> Catalogue {
    let same_context = cache.context.as_ref().is_some_and(|(config, s)| {
        (Arc::ptr_eq(s, strings) || **s == **strings) && *config == site.config
    });
    if !same_context {
        *cache = RecordCache {
            context: Some((site.config.clone(), Arc::clone(strings))),
            once: cache.once,
            ..RecordCache::default()
        };
    }
    let reader = Reader {
        site,
        strings,
        resolver: Resolver::new(site),
    };
    let titles = titles_hash(site);
    // Links are checked only when some page's name changed.
    let check = (titles != cache.titles).then_some(&reader.resolver);
    cache.titles = titles;
    let once = cache.once;
    let mut cat = Catalogue::default();
    // The records numbered from `from` on are of kind `key`.
    let push = |cat: &mut Catalogue, key: &str, label: String, plural: String, from| {
        cat.kinds.push(KindRange {
            key: key.to_string(),
            label,
            plural,
            from,
            to: cat.fingerprints.len(),
        });
    };
    // Products, category by category, in each category's name order.
    let mut products: Vec<(&Category, &Arc<Product>)> = Vec::new();
    let mut ranges = Vec::new();
    for category in site.categories.values() {
        let from = products.len();
        products.extend(
            category
                .products
                .iter()
                .filter_map(|slug| Some((category, site.products.get(slug)?))),
        );
        ranges.push((category.name.clone(), from, products.len()));
    }
    in_slices(&products, &mut cat, once, made, |(c, p)| {
        cache
            .product(site, p, &c.name, check)
            .unwrap_or_else(|| Arc::new(reader.product(p, c)))
    });
    for ((c, p), r) in products.iter().zip(&cat.records) {
        let entry = || (Arc::clone(p), c.name.clone(), Arc::clone(r));
        keep(&mut cache.products, &p.slug, r, |e| &e.2, entry);
    }
    forget_gone(
        &mut cache.products,
        products.iter().map(|(_, p)| p.slug.as_str()),
    );
    push(
        &mut cat,
        "product",
        strings.text("search.kind.product", &[]),
        strings.text("search.kinds.product", &[]),
        0,
    );
    let pages_from = cat.fingerprints.len();
    let categories: Vec<&Category> = site.categories.values().collect();
    in_slices(&categories, &mut cat, once, made, |c| {
        Arc::new(reader.category(c))
    });
    push(
        &mut cat,
        "category",
        strings.text("search.kind.category", &[]),
        strings.text("search.kinds.category", &[]),
        pages_from,
    );
    cat.categories = ranges
        .into_iter()
        .enumerate()
        .map(|(i, (name, from, to))| CategoryRange {
            name,
            from,
            to,
            page: pages_from + i,
        })
        .collect();
    let guides: Vec<&Arc<Guide>> = site.guides.values().collect();
    let guides_from = cat.fingerprints.len();
    in_slices(&guides, &mut cat, once, made, |g| {
        cache
            .guide(site, g, check)
            .unwrap_or_else(|| Arc::new(reader.guide(g)))
    });
    let records = cat.records.get(guides_from..).unwrap_or_default();
    for (g, r) in guides.iter().zip(records) {
        keep(
            &mut cache.guides,
            &g.slug,
            r,
            |e| &e.1,
            || (Arc::clone(g), Arc::clone(r)),
        );
    }
    forget_gone(&mut cache.guides, guides.iter().map(|g| g.slug.as_str()));
    push(
        &mut cat,
        "guide",
        strings.text("search.kind.guide", &[]),
        strings.text("search.kinds.guide", &[]),
        guides_from,
    );
    for decl in &site.config.taxonomies {
        let terms: Vec<&Taxon> = site.taxonomies.terms(&decl.key).collect();
        let from = cat.fingerprints.len();
        in_slices(&terms, &mut cat, once, made, |t| {
            Arc::new(reader.term(&decl.key, t))
        });
        push(
            &mut cat,
            &decl.key,
            decl.label.clone(),
            decl.plural.clone(),
            from,
        );
    }
    cat
}

struct Reader<'a> {
    site: &'a Site,
    strings: &'a Strings,
    resolver: Resolver<'a>,
}

/// Plain text of a record's markdown, and the wiki links it named.
#[derive(Default)]
struct Plains {
    named: Vec<(String, String)>,
}

impl Plains {
    fn text(&mut self, reader: &Reader, markdown: &str) -> String {
        if markdown.trim().is_empty() {
            return String::new();
        }
        let (text, named) = plain_text(markdown, &|dest| link_title(&reader.resolver, dest));
        self.named.extend(named);
        text
    }
}

impl Reader<'_> {
    fn config(&self) -> &Config {
        &self.site.config
    }

    fn url(&self, target: &Target) -> String {
        format!("{}{}", self.config().base_path, target.path(self.config()))
    }

    fn record(
        &self,
        target: Target,
        title: &str,
        meta: String,
        text: Vec<(u8, String)>,
        plains: Plains,
    ) -> Record {
        let url = self.url(&target);
        // `joined`, keeping where each part went: the parts are indexed
        // from there, not from copies (17 MB at 10,000 products).
        let mut joined = String::with_capacity(text.iter().map(|(_, t)| t.len() + 4).sum());
        let mut parts = Vec::with_capacity(text.len());
        for (weight, part) in &text {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            if !joined.is_empty() {
                joined.push_str(SEPARATOR);
            }
            parts.push((*weight, joined.len()..joined.len() + part.len()));
            joined.push_str(part);
        }
        let text = joined;
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(url.as_bytes());
        h.update(&[0]);
        h.update(text.as_bytes());
        for field in [title, &meta] {
            h.update(&[0]);
            h.update(field.as_bytes());
        }
        for (weight, at) in &parts {
            h.update(&[0, *weight]);
            h.update(&at.start.to_le_bytes());
            h.update(&at.end.to_le_bytes());
        }
        Record {
            url,
            target,
            title: title.to_string(),
            meta,
            text,
            parts,
            named: plains.named,
            fingerprint: h.digest(),
        }
    }

    fn product(&self, p: &Product, category: &Category) -> Record {
        let s = self.strings;
        let config = self.config();
        let words = Words {
            site: self.site,
            strings: s,
        };
        let meta = match byline(&words, p) {
            Some(name) => joined([
                s.text("product.by", &[("name", &name)]).as_str(),
                &category.name,
            ]),
            None => category.name.clone(),
        };
        let usage = &p.usage;
        let mut facts = vec![usage.schedule.describe(s, &config.usage.vocabulary)];
        let labels = |list: Vec<String>| s.list(&list);
        facts.push(labels(
            usage
                .slots
                .iter()
                .map(|i| config.usage.slots[*i].label.clone())
                .collect(),
        ));
        facts.push(labels(
            usage
                .steps
                .iter()
                .map(|i| config.usage.steps[*i].label.clone())
                .collect(),
        ));
        let terms: Vec<String> = config
            .taxonomies
            .iter()
            .filter(|decl| !decl.single)
            .filter_map(|decl| {
                let used = p.terms_of(&decl.key);
                (!used.is_empty()).then(|| {
                    let names: Vec<&str> = used.iter().map(|t| t.term.name.as_str()).collect();
                    format!(
                        "{}: {}",
                        decl.plural,
                        names.join(&s.text("value.list_separator", &[]))
                    )
                })
            })
            .collect();
        let specs: Vec<String> = config
            .specs
            .iter()
            .filter_map(|spec| {
                let value = p.specs.get(&spec.key)?;
                let shown = spec_value(spec, value, s).text;
                // The label as the comparison tables show it.
                Some(match &spec.kind {
                    SpecKind::Number {
                        unit: Some(unit), ..
                    } => format!("{} ({unit}): {shown}", spec.label),
                    _ => format!("{}: {shown}", spec.label),
                })
            })
            .collect();
        let mut plains = Plains::default();
        let body = joined([
            plains.text(self, &p.description.text).as_str(),
            &plains.text(self, &usage.instructions.text),
            &usage.cautions.join(" "),
        ]);
        let text = vec![
            (weight::SUMMARY, p.summary.clone()),
            (weight::FACT, joined(facts.iter().map(String::as_str))),
            (weight::NAME, joined(terms.iter().map(String::as_str))),
            (weight::FACT, joined(specs.iter().map(String::as_str))),
            (weight::BODY, body),
        ];
        self.record(Target::Product(p.slug.clone()), &p.name, meta, text, plains)
    }

    fn count(&self, n: usize) -> String {
        self.strings.count(
            "count.products",
            Count::one(u32::try_from(n).unwrap_or(u32::MAX)),
            &[],
        )
    }

    fn category(&self, c: &Category) -> Record {
        let traits: Vec<String> = c
            .traits
            .iter()
            .map(|(name, value)| format!("{name}: {value}"))
            .collect();
        let mut plains = Plains::default();
        let text = vec![
            (weight::SUMMARY, c.summary.clone()),
            (weight::BODY, plains.text(self, &c.description.text)),
            (weight::BODY, joined(traits.iter().map(String::as_str))),
        ];
        let meta = self.count(c.products.len());
        self.record(
            Target::Category(c.slug.clone()),
            &c.name,
            meta,
            text,
            plains,
        )
    }

    fn guide(&self, g: &Guide) -> Record {
        let config = self.config();
        let terms: Vec<String> = config
            .taxonomies
            .iter()
            .filter_map(|decl| {
                let used = g.terms.get(&decl.key).filter(|t| !t.is_empty())?;
                let names: Vec<&str> = used.iter().map(|t| t.name.as_str()).collect();
                Some(format!(
                    "{}: {}",
                    decl.plural,
                    names.join(&self.strings.text("value.list_separator", &[]))
                ))
            })
            .collect();
        let mut plains = Plains::default();
        let text = vec![
            (weight::SUMMARY, g.summary.clone()),
            (weight::NAME, joined(terms.iter().map(String::as_str))),
            (weight::BODY, plains.text(self, &g.body.text)),
        ];
        let meta = g
            .date
            .as_deref()
            .map(|d| self.strings.date(d))
            .unwrap_or_default();
        self.record(Target::Guide(g.slug.clone()), &g.title, meta, text, plains)
    }

    fn term(&self, key: &str, t: &Taxon) -> Record {
        let mut plains = Plains::default();
        let text = vec![
            (weight::SUMMARY, t.what_it_does.clone().unwrap_or_default()),
            (
                weight::BODY,
                t.description
                    .as_ref()
                    .map(|d| plains.text(self, &d.text))
                    .unwrap_or_default(),
            ),
        ];
        let meta = self.count(t.products.len());
        self.record(
            Target::Term(key.to_string(), t.slug.clone()),
            &t.name,
            meta,
            text,
            plains,
        )
    }
}
