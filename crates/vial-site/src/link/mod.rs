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
//!
//! Here are the targets, the driver (`link_reusing`) and the backlinks
//! gathered from every text's mentions; a destination is resolved in
//! `resolve`, an embedded block read in `embed`, one text scanned in `scan`,
//! and the sentence around a link cut in `excerpt`.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::model::{Site, Slug};
use vial_base::diagnostic::Diagnostics;

mod embed;
mod excerpt;
mod resolve;
mod scan;

pub use embed::{CompareSpec, CompareSubject, Embed, USAGE_FIELDS, parse_embed};
pub use excerpt::sentence_around;
pub use resolve::{Resolver, Unresolved};
use scan::{KeptScan, documents, scan_all};
pub use scan::{Scan, ScanCache};

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
    /// A free page (`content/pages/`), by its path below that folder.
    Page(Slug),
}

impl Target {
    pub fn slug(&self) -> &str {
        match self {
            Target::Product(s)
            | Target::Category(s)
            | Target::Guide(s)
            | Target::Term(_, s)
            | Target::Compare(s)
            | Target::Page(s) => s,
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
            Target::Page(_) => "page",
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
            // A free page is at its own path, in no section.
            Target::Page(s) => return format!("{s}/"),
        };
        format!("{section}/{}/", self.slug())
    }
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

/// Resolves every link of the site; all broken ones are reported together.
pub fn link(site: &Site) -> Result<Links, Diagnostics> {
    link_reusing(site, None)
}

/// `link`, reusing the scans of texts whose file did not change since
/// `previous` (the site and links of the last build), as long as no page
/// appeared, went or changed its name: a link's text and every snippet
/// show names.
pub fn link_reusing(site: &Site, previous: Option<(&Site, &Links)>) -> Result<Links, Diagnostics> {
    let resolver = Resolver::new(site);
    let previous = previous.filter(|(old, _)| same_names(old, site));
    let cache = previous.map(|(_, links)| &links.scans);
    let docs = documents(site);
    let scans = scan_all(site, &resolver, &docs, cache);
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
        .flat_map(|s| s.mentions().iter().cloned())
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
