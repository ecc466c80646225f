//! Cross-links: every `[[wiki link]]`, `@/` source link and embedded
//! ```` ```compare ```` / ```` ```usage ```` block in every markdown text is
//! resolved here, before anything renders. The result is the list of
//! mentions (who links to whom, with the sentence around the link) from which
//! backlinks are read, and every broken link as a diagnostic.
//!
//! What is kept grows with the pages linked, not with the links: a text keeps
//! one mention per page it links to (the first, the one its backlink shows),
//! and the backlinks share that mention's sentence rather than copy it.
//!
//! Rendering resolves links again through the same `Resolver`, so a link that
//! passed here cannot fail there.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Tag, TagEnd};
use rayon::prelude::*;

use crate::config::Config;
use crate::markdown::is_internal;
use crate::model::{Markdown, Site, Slug};
use vial_base::diagnostic::{Code, Diagnostic, Diagnostics, Snippet, suggestion};

mod excerpt;

pub use excerpt::sentence_around;
use excerpt::shortened;

/// Something a link can point at.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Target {
    Product(Slug),
    Category(Slug),
    Guide(Slug),
    /// A term of the taxonomy with this key.
    Term(String, Slug),
    /// A category-versus-category page, by its pair's slug. Its text (the
    /// verdict) links to pages; no link points at it.
    Compare(Slug),
}

impl Target {
    pub fn slug(&self) -> &str {
        match self {
            Target::Product(s)
            | Target::Category(s)
            | Target::Guide(s)
            | Target::Term(_, s)
            | Target::Compare(s) => s,
        }
    }

    /// `product`, `category`, `guide`, or the taxonomy's key.
    pub fn kind(&self) -> &str {
        match self {
            Target::Product(_) => "product",
            Target::Category(_) => "category",
            Target::Guide(_) => "guide",
            Target::Term(key, _) => key,
            Target::Compare(_) => "compare",
        }
    }

    /// The URL path below the site's base path, with a trailing slash.
    pub fn path(&self, config: &Config) -> String {
        let section = match self {
            Target::Product(_) => "products",
            Target::Category(_) => "categories",
            Target::Guide(_) => "guides",
            Target::Term(key, _) => config.taxonomy(key).map_or(key.as_str(), |t| &t.path),
            Target::Compare(_) => "compare",
        };
        format!("{section}/{}/", self.slug())
    }
}

/// Why a link does not resolve, and what the user probably meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub message: String,
    pub help: String,
    /// The name that did not resolve (empty when the problem is the form).
    pub subject: String,
}

/// Turns link destinations into targets.
pub struct Resolver<'a> {
    site: &'a Site,
}

/// Link kinds every site has.
const PAGE_KINDS: [&str; 3] = ["product", "category", "guide"];

impl<'a> Resolver<'a> {
    pub fn new(site: &'a Site) -> Self {
        Self { site }
    }

    fn exists(&self, target: &Target) -> bool {
        let site = self.site;
        match target {
            Target::Product(s) => site.products.contains_key(s),
            Target::Category(s) => site.categories.contains_key(s),
            Target::Guide(s) => site.guides.contains_key(s),
            Target::Term(key, s) => site.taxonomies.term(key, s).is_some(),
            Target::Compare(s) => site.config.category_pairs.iter().any(|p| p.slug() == *s),
        }
    }

    /// The slugs of one kind of target.
    fn slugs_of(&self, target: &Target) -> Vec<&'a str> {
        let site = self.site;
        match target {
            Target::Product(_) => site.products.keys().map(String::as_str).collect(),
            Target::Category(_) => site.categories.keys().map(String::as_str).collect(),
            Target::Guide(_) => site.guides.keys().map(String::as_str).collect(),
            Target::Term(key, _) => site
                .taxonomies
                .terms(key)
                .map(|t| t.slug.as_str())
                .collect(),
            Target::Compare(_) => site.verdicts.keys().map(String::as_str).collect(),
        }
    }

    /// Every link kind: pages, then each taxonomy by the name links use.
    fn kinds(&self) -> Vec<String> {
        PAGE_KINDS
            .iter()
            .map(|k| k.to_string())
            .chain(self.site.config.taxonomies.iter().map(|t| t.link_kind()))
            .collect()
    }

    /// A target of `kind` (`product`, or a taxonomy's key or singular
    /// label as a slug) named `slug`.
    fn make_target(&self, kind: &str, slug: &str) -> Option<Target> {
        let slug = slug.to_string();
        Some(match kind {
            "product" => Target::Product(slug),
            "category" => Target::Category(slug),
            "guide" => Target::Guide(slug),
            kind => {
                let decl = self
                    .site
                    .config
                    .taxonomies
                    .iter()
                    .find(|t| t.is_named(kind))?;
                Target::Term(decl.key.clone(), slug)
            }
        })
    }

    /// Resolves a wiki link (`slug`, `kind:slug`) or a source link
    /// (`@/products/x.yaml`); a `#fragment` is ignored here.
    pub fn resolve(&self, destination: &str) -> Result<Target, Unresolved> {
        let destination = destination.trim();
        let without_fragment = destination.split('#').next().unwrap_or("");
        if let Some(source) = without_fragment.strip_prefix("@/") {
            return self.resolve_source(source);
        }
        match without_fragment.split_once(':') {
            Some((kind, slug)) => self.resolve_kind(kind.trim(), slug.trim()),
            None => self.resolve_bare(without_fragment),
        }
    }

    fn resolve_kind(&self, kind: &str, slug: &str) -> Result<Target, Unresolved> {
        let target = self.make_target(kind, slug).ok_or_else(|| {
            let kinds = self.kinds();
            Unresolved {
                message: format!("unknown link kind `{kind}`"),
                help: suggestion(kind, kinds.iter().map(String::as_str)),
                subject: kind.to_string(),
            }
        })?;
        if self.exists(&target) {
            return Ok(target);
        }
        let mut slugs = self.slugs_of(&target);
        slugs.extend(self.site.broken.iter().map(String::as_str));
        Err(Unresolved {
            message: format!("no {kind} `{slug}`"),
            help: suggestion(slug, slugs.iter().copied()),
            subject: slug.to_string(),
        })
    }

    fn resolve_bare(&self, slug: &str) -> Result<Target, Unresolved> {
        let found: Vec<Target> = PAGE_KINDS
            .into_iter()
            .filter_map(|kind| self.make_target(kind, slug))
            .filter(|t| self.exists(t))
            .collect();
        match found.as_slice() {
            [one] => Ok(one.clone()),
            [] => {
                // Files that failed to load are still what the author meant.
                let mut all: Vec<&str> = PAGE_KINDS
                    .into_iter()
                    .filter_map(|kind| self.make_target(kind, slug))
                    .flat_map(|t| self.slugs_of(&t))
                    .chain(self.site.broken.iter().map(String::as_str))
                    .collect();
                all.sort();
                all.dedup();
                Err(Unresolved {
                    message: format!("broken link: nothing is called `{slug}`"),
                    help: suggestion(slug, all.iter().copied()),
                    subject: slug.to_string(),
                })
            }
            many => Err(Unresolved {
                message: format!("ambiguous link `{slug}`"),
                subject: slug.to_string(),
                help: format!(
                    "name the kind: {}",
                    many.iter()
                        .map(|t| format!("`[[{}:{slug}]]`", t.kind()))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            }),
        }
    }

    fn resolve_source(&self, source: &str) -> Result<Target, Unresolved> {
        let (folder, file) = source.rsplit_once('/').unwrap_or(("", source));
        let slug = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        let kind = match folder {
            "products" => "product",
            "categories" => "category",
            "guides" => "guide",
            _ => {
                return Err(Unresolved {
                    message: format!("`@/{source}` is not a content file"),
                    help: "link to `@/products/<slug>.yaml`, `@/categories/<slug>.yaml` or `@/guides/<slug>.md`".into(),
                    subject: source.to_string(),
                });
            }
        };
        self.resolve_kind(kind, slug)
    }

    /// The name a link shows when the author gave no text.
    pub fn title(&self, target: &Target) -> String {
        let site = self.site;
        let name = match target {
            Target::Product(s) => site.product(s).map(|p| p.name.clone()),
            Target::Category(s) => site.categories.get(s).map(|c| c.name.clone()),
            Target::Guide(s) => site.guide(s).map(|g| g.title.clone()),
            Target::Term(key, s) => site.taxonomies.term(key, s).map(|t| t.name.clone()),
            // Its title is said in the site's language: the renderer's.
            Target::Compare(_) => None,
        };
        name.unwrap_or_else(|| target.slug().to_string())
    }
}

/// A fenced block that embeds generated content in markdown.
#[derive(Debug, Clone, PartialEq)]
pub enum Embed {
    Compare(CompareSpec),
    Usage { product: Slug },
}

#[derive(Debug, Clone, PartialEq)]
pub enum CompareSubject {
    Products(Vec<Slug>),
    Category(Slug),
    /// The products of a taxonomy's term: its key and the term's slug.
    Term(String, Slug),
    Categories(Vec<Slug>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompareSpec {
    pub subject: CompareSubject,
    /// Field keys; `None` for the default set.
    pub fields: Option<Vec<String>>,
}

/// Fields a comparison can show besides the declared specs.
pub const USAGE_FIELDS: [&str; 3] = ["frequency", "time", "step"];

/// A block's fields as `name: text` or `name: [texts]`.
enum BlockValue {
    One(String),
    Many(Vec<String>),
}

/// The fields of a block's YAML body, each once, in the order written.
fn block_fields(language: &str, body: &str) -> Result<Vec<(String, BlockValue)>, Unresolved> {
    let bad = |message: String| {
        Unresolved {
        message,
        help: match language {
            "compare" => "write `products: [a, b]`, `category: slug`, a taxonomy and a term (`concern: slug`) or `categories: [a, b]`, and optionally `fields: [...]`".into(),
            _ => "write `product: <slug>`".into(),
        },
        subject: String::new(),
    }
    };
    let tree = vial_yaml::tree::parse(body)
        .map_err(|e| bad(format!("cannot read the `{language}` block: {}", e.message)))?;
    let entries = match tree.root.value {
        vial_yaml::Value::Map(entries) => entries,
        vial_yaml::Value::Empty => Vec::new(),
        _ => {
            return Err(bad(format!(
                "a `{language}` block holds fields, as `name: value`"
            )));
        }
    };
    let mut fields = Vec::new();
    for entry in entries {
        let value = match entry.value.value {
            vial_yaml::Value::Scalar(s) => BlockValue::One(s.text),
            vial_yaml::Value::List(items) => BlockValue::Many(
                items
                    .into_iter()
                    .filter_map(|n| match n.value {
                        vial_yaml::Value::Scalar(s) => Some(s.text),
                        _ => None,
                    })
                    .collect(),
            ),
            _ => return Err(bad(format!("`{}` needs a value", entry.key.name))),
        };
        fields.push((entry.key.name, value));
    }
    Ok(fields)
}

/// Parses and checks a fenced block's body. `None` if the language is not one
/// vial embeds (the block is then ordinary code).
pub fn parse_embed(site: &Site, language: &str, body: &str) -> Option<Result<Embed, Unresolved>> {
    if !matches!(language, "usage" | "compare") {
        return None;
    }
    Some(
        block_fields(language, body).and_then(|fields| match language {
            "usage" => usage_block(site, fields),
            _ => compare_block(site, fields),
        }),
    )
}

fn usage_block(site: &Site, fields: Vec<(String, BlockValue)>) -> Result<Embed, Unresolved> {
    let resolver = Resolver::new(site);
    match fields.as_slice() {
        [(name, BlockValue::One(slug))] if name == "product" => {
            resolver.resolve_kind("product", slug)?;
            Ok(Embed::Usage {
                product: slug.clone(),
            })
        }
        _ => Err(Unresolved {
            message: "a `usage` block names one product".into(),
            help: "write `product: <slug>`".into(),
            subject: String::new(),
        }),
    }
}

fn compare_block(site: &Site, fields: Vec<(String, BlockValue)>) -> Result<Embed, Unresolved> {
    let resolver = Resolver::new(site);
    let check =
        |kind: &str, slug: &str| resolver.resolve_kind(kind, slug).map(|_| slug.to_string());
    let mut subjects = Vec::new();
    let mut shown_fields = None;
    for (name, value) in fields {
        let subject = match (name.as_str(), value) {
            ("fields", BlockValue::Many(keys)) => {
                shown_fields = Some(keys);
                continue;
            }
            ("products", BlockValue::Many(slugs)) => CompareSubject::Products(
                slugs
                    .iter()
                    .map(|s| check("product", s))
                    .collect::<Result<_, _>>()?,
            ),
            ("category", BlockValue::One(slug)) => {
                CompareSubject::Category(check("category", &slug)?)
            }
            ("categories", BlockValue::Many(slugs)) => CompareSubject::Categories(
                slugs
                    .iter()
                    .map(|s| check("category", s))
                    .collect::<Result<_, _>>()?,
            ),
            (kind, BlockValue::One(slug)) => match resolver.resolve_kind(kind, &slug)? {
                Target::Term(key, slug) => CompareSubject::Term(key, slug),
                _ => {
                    return Err(Unresolved {
                        message: format!("`{kind}` does not go in a `compare` block"),
                        help: "name `products`, `category`, `categories` or a taxonomy".into(),
                        subject: kind.to_string(),
                    });
                }
            },
            (kind, _) => {
                return Err(Unresolved {
                    message: format!("`{kind}` in a `compare` block takes another kind of value"),
                    help: "write `products: [a, b]`, `categories: [a, b]`, `fields: [...]`, or `category: slug`".into(),
                    subject: kind.to_string(),
                });
            }
        };
        subjects.push(subject);
    }
    let [subject] = <[CompareSubject; 1]>::try_from(subjects).map_err(|_| Unresolved {
        message: "a `compare` block needs exactly one of `products`, `category`, `categories` or a taxonomy's term".into(),
        help: "e.g. `products: [first-product, second-product]`".into(),
        subject: String::new(),
    })?;
    if let Some(fields) = &shown_fields {
        let known: Vec<&str> = site
            .config
            .specs
            .iter()
            .map(|s| s.key.as_str())
            .chain(site.config.taxonomies.iter().map(|t| t.key.as_str()))
            .chain(USAGE_FIELDS)
            .collect();
        if let Some(unknown) = fields.iter().find(|f| !known.contains(&f.as_str())) {
            return Err(Unresolved {
                message: format!("unknown comparison field `{unknown}`"),
                help: suggestion(unknown, known.iter().copied()),
                subject: unknown.clone(),
            });
        }
    }
    Ok(Embed::Compare(CompareSpec {
        subject,
        fields: shown_fields,
    }))
}

/// One link from a page to a target, with the sentence it sits in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mention {
    pub from: Target,
    pub to: Target,
    /// Shared by the scan that found it and the backlinks that show it.
    pub snippet: Arc<str>,
}

/// A page that mentions a target, with the sentence it does it in: a
/// `Mention` without its target, which the backlinks hold it under (one
/// copy of the target per mention made the backlinks much larger).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backlink {
    pub from: Target,
    pub snippet: Arc<str>,
}

/// Everything the link stage learnt.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Links {
    /// For each target, the pages that mention it (each page once), sorted.
    /// Shared with the previous build when no mention changed.
    pub backlinks: Arc<BTreeMap<Target, Vec<Backlink>>>,
    /// What each text contained, for the next rebuild.
    pub scans: ScanCache,
}

impl Links {
    /// Lets go of each text's scan, kept for the next rebuild: a build
    /// links once. Otherwise the scans stay beside the backlinks, to the
    /// end of the build.
    ///
    /// They are dropped on another core, while this one goes on.
    pub fn forget_scans(&mut self) {
        let scans = std::mem::take(&mut self.scans);
        rayon::spawn(move || drop(scans));
    }

    pub fn backlinks_of(&self, target: &Target) -> &[Backlink] {
        self.backlinks.get(target).map_or(&[], Vec::as_slice)
    }
}

/// A markdown text and the page it belongs to.
struct Document<'a> {
    owner: Target,
    markdown: &'a Markdown,
    /// Which of the owner's texts this is (description, instructions...).
    field: u8,
    /// The hash of the file the text comes from, when it is a product's
    /// or a guide's: an unchanged file means an unchanged text.
    source: Option<u64>,
}

/// What scanning one markdown text found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scan {
    /// The first mention of each other page, in text order: later mentions
    /// of the same page never show, so they are not kept.
    mentions: Vec<Mention>,
    problems: Vec<Diagnostic>,
}

impl Scan {
    /// The first mention of each page the text links to, in text order.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }
}

/// Scans kept for the next rebuild, in the order `documents` lists the
/// texts. Between two rebuilds the texts are nearly always the same ones
/// in the same order, so a text's last scan is looked for at its own
/// position first; a map by owner is made only when texts came or went.
/// (A map made anew on each edit copied every owner twice.)
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScanCache(Vec<KeptScan>);

/// One text's scan, with the file text it was made from (none for texts
/// that are scanned every time).
#[derive(Debug, Clone, PartialEq)]
struct KeptScan {
    owner: Target,
    field: u8,
    source: Option<u64>,
    scan: Arc<Scan>,
}

/// Positions in a `ScanCache`, by owner and field.
type ScanIndex<'a> = rustc_hash::FxHashMap<(&'a Target, u8), usize>;

impl ScanCache {
    /// The scan kept for `doc`, the `at`th text. `index` is made on first
    /// need and shared by the threads that look.
    fn find<'a>(
        &'a self,
        at: usize,
        doc: &Document,
        index: &std::sync::OnceLock<ScanIndex<'a>>,
    ) -> Option<&'a KeptScan> {
        let is_doc = |k: &KeptScan| k.field == doc.field && k.owner == doc.owner;
        match self.0.get(at) {
            Some(kept) if is_doc(kept) => Some(kept),
            _ => {
                let index = index.get_or_init(|| {
                    (self.0.iter().enumerate())
                        .map(|(i, k)| ((&k.owner, k.field), i))
                        .collect()
                });
                index.get(&(&doc.owner, doc.field)).map(|&i| &self.0[i])
            }
        }
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    /// The scan of `owner`'s `field`th text (0 for most pages' only one).
    pub fn scan_of(&self, owner: &Target, field: u8) -> Option<&Scan> {
        let kept = self
            .0
            .iter()
            .find(|k| k.field == field && k.owner == *owner)?;
        Some(&kept.scan)
    }
}

fn documents(site: &Site) -> Vec<Document<'_>> {
    let mut docs = Vec::new();
    for g in site.guides.values() {
        docs.push(Document {
            owner: Target::Guide(g.slug.clone()),
            markdown: &g.body,
            field: 0,
            source: Some(g.source),
        });
    }
    for p in site.products.values() {
        for (field, markdown) in [(0, &p.description), (1, &p.usage.instructions)] {
            docs.push(Document {
                owner: Target::Product(p.slug.clone()),
                markdown,
                field,
                source: Some(p.source),
            });
        }
    }
    for v in site.verdicts.values() {
        docs.push(Document {
            owner: Target::Compare(v.slug.clone()),
            markdown: &v.body,
            field: 0,
            source: Some(v.source),
        });
    }
    for c in site.categories.values() {
        docs.push(Document {
            owner: Target::Category(c.slug.clone()),
            markdown: &c.description,
            field: 0,
            source: None,
        });
    }
    for (key, terms) in &site.taxonomies.by_key {
        for taxon in terms.values() {
            if let Some(markdown) = &taxon.description {
                docs.push(Document {
                    owner: Target::Term(key.clone(), taxon.slug.clone()),
                    markdown,
                    field: 0,
                    source: None,
                });
            }
        }
    }
    docs
}

/// Resolves every link of the site; all broken ones are reported together.
pub fn link(site: &Site) -> Result<Links, Diagnostics> {
    link_reusing(site, None)
}

/// Texts scanned in one go at most: small enough that the threads share
/// the long guides, large enough that a task is worth its overhead.
const SCANS_PER_TASK: usize = 16;

/// `link`, reusing the scans of texts whose file did not change since
/// `previous` (the site and links of the last build), as long as no page
/// appeared, went or changed its name: a link's text and every snippet
/// show names.
pub fn link_reusing(site: &Site, previous: Option<(&Site, &Links)>) -> Result<Links, Diagnostics> {
    let resolver = Resolver::new(site);
    let previous = previous.filter(|(old, _)| same_names(old, site));
    let cache = previous.map(|(_, links)| &links.scans);
    let docs = documents(site);
    // Each text's scan, and whether it mentions what it did last time.
    let index = std::sync::OnceLock::new();
    // Guides come first and cost many times what a product's text does:
    // left to rayon's few first splits, one thread scanned them alone
    // while the others waited.
    let scans: Vec<(Arc<Scan>, bool)> = docs
        .par_iter()
        .with_max_len(SCANS_PER_TASK)
        .enumerate()
        .map(|(at, doc)| {
            let old = cache.and_then(|c| c.find(at, doc, &index));
            let unchanged =
                old.filter(|kept| doc.source.is_some_and(|hash| kept.source == Some(hash)));
            match (unchanged, old) {
                (Some(kept), _) => (Arc::clone(&kept.scan), true),
                (None, old) => {
                    let scan = scan(site, &resolver, doc);
                    let same = old.is_some_and(|kept| kept.scan.mentions == scan.mentions);
                    (Arc::new(scan), same)
                }
            }
        })
        .collect();
    let mut problems = Diagnostics::default();
    // Whether every text mentions exactly what it did in the last build.
    let mut same_mentions = cache.is_some_and(|c| c.len() == docs.len());
    let mut cached = Vec::with_capacity(docs.len());
    for ((scan, same), doc) in scans.iter().zip(docs) {
        problems.extend(scan.problems.iter().cloned());
        same_mentions = same_mentions && *same;
        cached.push(KeptScan {
            owner: doc.owner,
            field: doc.field,
            source: doc.source,
            scan: Arc::clone(scan),
        });
    }
    let cached = ScanCache(cached);
    let scans: Vec<Arc<Scan>> = scans.into_iter().map(|(scan, _)| scan).collect();
    if problems.has_errors() {
        return Err(problems);
    }
    let backlinks = match previous {
        Some((old, links)) if same_mentions && same_front_matter(old, site) => {
            Arc::clone(&links.backlinks)
        }
        _ => Arc::new(backlinks(site, &scans)),
    };
    Ok(Links {
        backlinks,
        scans: cached,
    })
}

/// Every mention of every text and of guides' front matter, one per linking
/// page and target: the first in text order wins.
fn backlinks(site: &Site, scans: &[Arc<Scan>]) -> BTreeMap<Target, Vec<Backlink>> {
    // Related products named in guide front matter count as mentions, after
    // those of every text.
    let front_matter = site.guides.values().flat_map(|guide| {
        let summary: Arc<str> = Arc::from(guide.summary.as_str());
        guide.products.iter().map(move |product| Mention {
            from: Target::Guide(guide.slug.clone()),
            to: Target::Product(product.clone()),
            snippet: Arc::clone(&summary),
        })
    });
    let mut mentions: Vec<Mention> = scans
        .iter()
        .flat_map(|s| s.mentions.iter().cloned())
        .chain(front_matter)
        .filter(|m| m.from != m.to)
        .collect();
    // One sort on every core, by target, then by linking page; stable, so
    // that of a page's mentions of a target, the first stays. (A map filled
    // one mention at a time kept one core busy while the others waited.)
    mentions.par_sort_by(|a, b| a.to.cmp(&b.to).then_with(|| a.from.cmp(&b.from)));
    mentions.dedup_by(|later, first| later.to == first.to && later.from == first.from);
    let mut backlinks: Vec<(Target, Vec<Backlink>)> = Vec::new();
    for Mention { from, to, snippet } in mentions {
        let backlink = Backlink { from, snippet };
        match backlinks.last_mut() {
            Some((target, list)) if *target == to => list.push(backlink),
            _ => backlinks.push((to, vec![backlink])),
        }
    }
    for (_, list) in &mut backlinks {
        list.shrink_to_fit();
    }
    backlinks.into_iter().collect()
}

/// Whether guides' front matter names the same related products, with the
/// same summaries, in both sites.
fn same_front_matter(old: &Site, new: &Site) -> bool {
    old.guides.len() == new.guides.len()
        && old
            .guides
            .iter()
            .zip(&new.guides)
            .all(|((ka, a), (kb, b))| {
                ka == kb
                    && (Arc::ptr_eq(a, b) || (a.products == b.products && a.summary == b.summary))
            })
}

/// Whether every page that can be linked has the same name in both sites:
/// then a text's links and snippets read the same in both.
fn same_names(old: &Site, new: &Site) -> bool {
    fn same<'a, V: 'a>(
        mut a: impl ExactSizeIterator<Item = (&'a Slug, &'a V)>,
        mut b: impl ExactSizeIterator<Item = (&'a Slug, &'a V)>,
        name: impl Fn(&V) -> &str,
    ) -> bool {
        a.len() == b.len()
            && a.by_ref()
                .zip(b.by_ref())
                .all(|((ka, va), (kb, vb))| ka == kb && name(va) == name(vb))
    }
    let (ta, tb) = (&old.taxonomies.by_key, &new.taxonomies.by_key);
    same(old.products.iter(), new.products.iter(), |p| &p.name)
        && same(old.guides.iter(), new.guides.iter(), |g| &g.title)
        && same(old.categories.iter(), new.categories.iter(), |c| &c.name)
        && ta.len() == tb.len()
        && ta
            .iter()
            .zip(tb)
            .all(|((ka, a), (kb, b))| ka == kb && same(a.iter(), b.iter(), |t| &t.name))
}

/// Maps a byte offset in a markdown text to its position in the file.
pub fn markdown_location(markdown: &Markdown, offset: usize) -> vial_base::diagnostic::Location {
    let (line, column) = vial_base::diagnostic::line_column(&markdown.text, offset);
    vial_base::diagnostic::Location {
        path: markdown.path.clone(),
        line: markdown.line_offset + line,
        column: column + markdown.indent,
    }
}

fn scan(site: &Site, resolver: &Resolver, doc: &Document) -> Scan {
    let markdown = doc.markdown;
    let mut mentions = Vec::new();
    let mut problems = Vec::new();
    if markdown.is_empty() {
        return Scan::default();
    }
    let error_at = |offset: usize, u: Unresolved| {
        let location = markdown_location(markdown, offset);
        let snippet = Snippet::around(&line_of(markdown, offset), location.column);
        let mut d = Diagnostic::error(Code::BrokenLink, location, u.message).with_help(u.help);
        d.snippet = Some(Box::new(snippet));
        d
    };
    // Text of the current block, to cut the sentence around a link from.
    let mut block_text = String::new();
    let mut pending: Vec<(Target, usize)> = Vec::new();
    // Pages this text already mentions: a later link to one of them is
    // never shown, so it costs no sentence.
    let mut mentioned: HashSet<Target> = HashSet::new();
    let mut fence: Option<(String, usize, String)> = None;
    let mut showing_title = false;
    for (event, range) in crate::markdown::parser(&markdown.text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                fence = Some((lang.to_string(), range.start, String::new()));
            }
            Event::Text(text) if fence.is_some() => {
                if let Some((_, _, body)) = fence.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, start, body)) = fence.take()
                    && let Some(Err(u)) = parse_embed(site, lang.trim(), &body)
                    && !site.broken.contains(&u.subject)
                {
                    // Point at the offending name inside the block.
                    let at = markdown.text[start..range.end]
                        .find(&u.subject)
                        .filter(|_| !u.subject.is_empty())
                        .map_or(start, |i| start + i);
                    problems.push(error_at(at, u));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if is_internal(link_type, &dest_url) => match resolver.resolve(&dest_url) {
                Ok(target) => {
                    let at = block_text.len();
                    // The page shows the target's name, not the slug the
                    // parser gives as the link's text: so does the snippet.
                    if matches!(link_type, LinkType::WikiLink { has_pothole: false }) {
                        block_text.push_str(&resolver.title(&target));
                        showing_title = true;
                    }
                    // A page's link to itself is not a backlink.
                    if target != doc.owner && !mentioned.contains(&target) {
                        mentioned.insert(target.clone());
                        pending.push((target, at));
                    }
                }
                Err(_) if refers_to_broken(site, &dest_url) => {}
                Err(u) => problems.push(error_at(range.start, u)),
            },
            Event::End(TagEnd::Link) => showing_title = false,
            Event::Text(_) | Event::Code(_) if showing_title => {}
            Event::Text(text) | Event::Code(text) => block_text.push_str(&text),
            Event::SoftBreak | Event::HardBreak => block_text.push(' '),
            // A link in a table shows the row it sits in, cell by cell.
            Event::End(TagEnd::TableCell) => block_text.push_str(CELL_SEPARATOR),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::Heading(_),
            ) => {
                let row = matches!(event, Event::End(TagEnd::TableRow | TagEnd::TableHead));
                let text = block_text.trim_end_matches(CELL_SEPARATOR);
                for (target, at) in pending.drain(..) {
                    let snippet = if row {
                        shortened(text)
                    } else {
                        sentence_around(text, at)
                    };
                    mentions.push(Mention {
                        from: doc.owner.clone(),
                        to: target,
                        snippet: snippet.into(),
                    });
                }
                block_text.clear();
            }
            _ => {}
        }
    }
    Scan { mentions, problems }
}

/// Between the cells of a table row in a snippet.
const CELL_SEPARATOR: &str = " · ";

/// A link to a file that exists but failed to load was already reported.
fn refers_to_broken(site: &Site, destination: &str) -> bool {
    let path = destination.split('#').next().unwrap_or("");
    let name = path.rsplit(['/', ':']).next().unwrap_or(path);
    let slug = name.split('.').next().unwrap_or(name);
    site.broken.contains(slug.trim())
}

fn line_of(markdown: &Markdown, offset: usize) -> String {
    let start = markdown.text[..offset.min(markdown.text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = markdown.text[start..].lines().next().unwrap_or("");
    format!("{}{line}", " ".repeat(markdown.indent))
}
