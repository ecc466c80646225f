//! What a published site needs beside its pages: the sitemap, robots.txt,
//! Atom feeds of guides and of products, JSON exports of the catalogue, and
//! the structured data (JSON-LD) and share metadata of every page.
//!
//! Feeds, sitemap and robots.txt are theme templates (`sitemap.xml`,
//! `atom.xml`, `robots.txt`), so a site can change them like any other;
//! exports are JSON of a documented, versioned shape.

use std::sync::Arc;

use serde::Serialize;
use serde_json::{Value, json};

use super::views::{LinkView, PageMeta};
use super::{Body, Entries, Entry, Made, PageKind, Renderer, escape};
use vial_site::config::SpecKind;
use vial_site::link::Target;
use vial_site::model::{Guide, Product, SpecValue};
use vial_site::words::{byline, spec_value};

/// The version of the export format: it changes only when a field changes
/// meaning or goes away.
pub const EXPORT_VERSION: u32 = 1;

/// How many entries a feed holds.
const FEED_ENTRIES: usize = 20;

/// A feed: which entries, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Feed {
    Guides,
    Products,
}

/// A JSON export of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Export {
    Products,
    Categories,
}

impl Feed {
    pub fn path(self) -> &'static str {
        match self {
            Feed::Guides => "atom.xml",
            Feed::Products => "products/atom.xml",
        }
    }
}

impl Export {
    pub fn path(self) -> &'static str {
        match self {
            Export::Products => "products.json",
            Export::Categories => "categories.json",
        }
    }
}

/// An entry of a feed, as the `atom.xml` template sees it.
#[derive(Debug, Clone, Serialize)]
struct FeedEntry {
    title: String,
    /// Absolute.
    url: String,
    updated: String,
    summary: String,
    author: Option<String>,
    /// Full content, every link absolute.
    content_html: String,
}

/// A product in `products.json` (see `schemas/exports/products.v1.json`).
#[derive(Serialize)]
struct ProductExport<'p> {
    slug: &'p str,
    name: &'p str,
    url: String,
    category: &'p str,
    summary: &'p str,
    updated: Option<&'p str>,
    image: Option<ImageExport>,
    images: Vec<ImageExport>,
    terms: std::collections::BTreeMap<&'p str, Vec<TermExport<'p>>>,
    specs: std::collections::BTreeMap<&'p str, SpecExport<'p>>,
    usage: UsageExport<'p>,
}

/// A picture in an export: its widest JPEG or PNG (or WebP) variant.
#[derive(Serialize, Clone)]
struct ImageExport {
    url: String,
    alt: String,
    width: u32,
    height: u32,
}

/// A category in `categories.json`. Its fields are in name order, as the
/// export always wrote them; the product list is written straight from the
/// model, not copied into a JSON value first (10,000 slugs, 3 ms a rebuild).
#[derive(Serialize)]
struct CategoryExport<'c> {
    image: Option<Value>,
    name: &'c str,
    products: &'c [String],
    slug: &'c str,
    summary: &'c str,
    traits: Vec<Value>,
    url: String,
}

#[derive(Serialize)]
struct TermExport<'p> {
    name: &'p str,
    slug: &'p str,
    url: String,
    strength: Option<f64>,
}

#[derive(Serialize)]
struct SpecExport<'p> {
    value: Value,
    unit: Option<&'p str>,
    label: &'p str,
    shown: String,
}

#[derive(Serialize)]
struct UsageExport<'p> {
    schedule: ScheduleExport,
    slots: Vec<&'p str>,
    steps: Vec<&'p str>,
    cautions: &'p [String],
}

#[derive(Serialize)]
struct ScheduleExport {
    phrase: String,
    uses_per_year: Option<f64>,
    bucket: &'static str,
}

/// A page's structured data: schema.org nodes in one graph.
#[derive(Serialize)]
struct JsonLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<Node<'a>>,
}

#[derive(Serialize)]
#[serde(tag = "@type")]
enum Node<'a> {
    Product {
        name: &'a str,
        url: &'a str,
        description: &'a str,
        category: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        brand: Option<Named>,
        #[serde(skip_serializing_if = "Option::is_none")]
        image: Option<&'a str>,
    },
    Article {
        headline: &'a str,
        url: &'a str,
        description: &'a str,
        #[serde(rename = "datePublished")]
        date_published: Option<&'a str>,
        #[serde(rename = "dateModified")]
        date_modified: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        author: Option<Named>,
    },
    ItemList {
        name: &'a str,
        #[serde(rename = "itemListElement")]
        item_list_element: Vec<ListItem>,
    },
    BreadcrumbList {
        #[serde(rename = "itemListElement")]
        item_list_element: Vec<ListItem>,
    },
}

/// A brand or a person: a type and a name.
#[derive(Serialize)]
struct Named {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
}

impl Named {
    fn new(kind: &'static str, name: String) -> Self {
        Self { kind, name }
    }
}

#[derive(Serialize)]
struct ListItem {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: usize,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

impl ListItem {
    /// The `index`th item (0-based) of a list.
    fn new(index: usize, name: String, item: Option<String>, url: Option<String>) -> Self {
        Self {
            kind: "ListItem",
            position: index + 1,
            name,
            item,
            url,
        }
    }
}

/// A page of the sitemap.
#[derive(Debug, Clone, Serialize)]
struct SitemapEntry {
    url: String,
    lastmod: Option<String>,
}

/// A part of a split sitemap, as `sitemap_index.xml` lists it.
#[derive(Debug, Clone, Serialize)]
struct SitemapPartView {
    url: String,
}

impl Renderer<'_> {
    /// An absolute URL of a path below the base path.
    pub(super) fn permalink(&self, path: &str) -> String {
        format!("{}/{path}", self.site.config.base_url)
    }

    /// The site's scheme and host: root-relative links become absolute
    /// by putting it in front.
    fn origin(&self) -> &str {
        let url = &self.site.config.base_url;
        let after_scheme = url.find("://").map_or(0, |i| i + 3);
        match url[after_scheme..].find('/') {
            Some(i) => &url[..after_scheme + i],
            None => url,
        }
    }

    /// `html` with every root-relative `href` and `src` made absolute: feed
    /// readers show it far from the site.
    fn absolute_links(&self, html: &str) -> String {
        let origin = self.origin();
        html.replace("href=\"/", &format!("href=\"{origin}/"))
            .replace("src=\"/", &format!("src=\"{origin}/"))
    }

    /// The date a page last changed, as written, when its content says.
    fn lastmod(&self, kind: &PageKind) -> Option<String> {
        let site = self.site;
        match kind {
            PageKind::Guide(slug) => site
                .guides
                .get(slug)
                .and_then(|g| g.updated.clone().or_else(|| g.date.clone())),
            PageKind::Product(slug) => site.products.get(slug).and_then(|p| p.updated.clone()),
            _ => None,
        }
    }

    /// Fills the context of a site file that is a template; `None` for the
    /// kinds that are not.
    pub(super) fn site_file_template(
        &self,
        kind: &PageKind,
        context: &mut tera::Context,
        reads: &mut super::Reads,
    ) -> Option<(&'static str, String)> {
        match kind {
            PageKind::Sitemap | PageKind::SitemapPart(_) => {
                let per_file = self.site.config.sitemap_urls;
                let skip = match kind {
                    PageKind::SitemapPart(n) => (n - 1) * per_file,
                    _ => 0,
                };
                let entries: Vec<SitemapEntry> = super::plan(self.site)
                    .iter()
                    .filter(|k| k.in_sitemap())
                    .skip(skip)
                    .take(per_file)
                    .map(|k| SitemapEntry {
                        url: self.permalink(&self.path_of(k)),
                        lastmod: self.lastmod(k),
                    })
                    .collect();
                context.insert("entries", &entries);
                Some(("sitemap.xml", self.path_of(kind)))
            }
            PageKind::SitemapIndex => {
                let parts: Vec<SitemapPartView> = super::plan(self.site)
                    .iter()
                    .filter_map(|k| match k {
                        PageKind::SitemapPart(_) => Some(SitemapPartView {
                            url: self.permalink(&self.path_of(k)),
                        }),
                        _ => None,
                    })
                    .collect();
                context.insert("sitemaps", &parts);
                Some(("sitemap_index.xml", "sitemap.xml".into()))
            }
            PageKind::Robots => {
                context.insert("sitemap", &self.permalink("sitemap.xml"));
                Some(("robots.txt", "robots.txt".into()))
            }
            PageKind::Feed(feed) => {
                let (title, entries) = match feed {
                    Feed::Guides => (self.t("feed.guides", &[]), self.guide_entries(reads)),
                    Feed::Products => (self.t("feed.products", &[]), self.product_entries(reads)),
                };
                let updated = entries
                    .iter()
                    .map(|e| e.updated.as_str())
                    .max()
                    .unwrap_or("1970-01-01")
                    .to_string();
                context.insert("feed_title", &title);
                context.insert("feed_url", &self.permalink(feed.path()));
                context.insert("feed_updated", &updated);
                context.insert("entries", &entries);
                Some(("atom.xml", feed.path().into()))
            }
            _ => None,
        }
    }

    /// The newest guides. `reads` gets each and what its text reads; which
    /// guides they are depends on every guide's date and title, which a
    /// rebuild watches apart (`incremental::Stale::listed_by_date`).
    fn guide_entries(&self, reads: &mut super::Reads) -> Vec<FeedEntry> {
        self.site
            .guides_by_date()
            .take(FEED_ENTRIES)
            .map(|g: &Guide| {
                reads.insert(Target::Guide(g.slug.clone()));
                FeedEntry {
                    title: g.title.clone(),
                    url: self.permalink(&Target::Guide(g.slug.clone()).path(&self.site.config)),
                    updated: g
                        .updated
                        .clone()
                        .or_else(|| g.date.clone())
                        .unwrap_or_else(|| "1970-01-01".into()),
                    summary: g.summary.clone(),
                    author: g.author.clone(),
                    content_html: self.absolute_links(&self.markdown(&g.body.text, reads)),
                }
            })
            .collect()
    }

    /// Products, most recently updated first (by their `updated` date, then
    /// name). What it reads, as for `guide_entries`.
    fn product_entries(&self, reads: &mut super::Reads) -> Vec<FeedEntry> {
        let mut products: Vec<&Product> = self.site.products.values().map(|p| p.as_ref()).collect();
        products.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.name.cmp(&b.name)));
        products
            .into_iter()
            .take(FEED_ENTRIES)
            .map(|p| {
                reads.insert(Target::Product(p.slug.clone()));
                let description = self.markdown(&p.description.text, reads);
                FeedEntry {
                    title: p.name.clone(),
                    url: self.permalink(&Target::Product(p.slug.clone()).path(&self.site.config)),
                    updated: p.updated.clone().unwrap_or_else(|| "1970-01-01".into()),
                    summary: p.summary.clone(),
                    author: byline(&self.words(), p),
                    content_html: self
                        .absolute_links(&format!("<p>{}</p>{description}", escape(&p.summary))),
                }
            })
            .collect()
    }

    /// A JSON export: one entry per line, so a 10,000-product file stays
    /// quick to write, diff and grep. Products are serialized in parallel.
    pub(super) fn export(&self, export: Export) -> Body {
        use rayon::prelude::*;
        let site = self.site;
        let entries: Vec<Entry> = match export {
            Export::Products => {
                let products = self.exported_products();
                let entry = |p: &Product| self.product_entry(p);
                match self.fragments {
                    Some(kept) => kept.exports(&products, entry),
                    None => {
                        // Nothing is kept for a next time: each entry is
                        // made to be hashed, and again when written.
                        let hashes: Vec<u64> = products
                            .par_iter()
                            .map(|p| xxhash_rust::xxh3::xxh3_64(entry(p).as_bytes()))
                            .collect();
                        let (head, separator, tail) = self.export_frame(export, !hashes.is_empty());
                        let hash = Entries::hash_of(&head, separator, &tail, hashes.into_iter());
                        return Body::Made(Made { hash });
                    }
                }
            }
            Export::Categories => site
                .categories
                .values()
                .map(|c| {
                    let url = Target::Category(c.slug.clone()).path(&site.config);
                    let entry = CategoryExport {
                        image: c.images.main().map(|i| json!(self.image_export(i))),
                        name: &c.name,
                        products: &c.products,
                        slug: &c.slug,
                        summary: &c.summary,
                        traits: (c.traits.iter())
                            .map(|(n, v)| json!({"name": n, "value": v}))
                            .collect(),
                        url: self.permalink(&url),
                    };
                    Entry::new(serde_json::to_string(&entry).unwrap_or_default())
                })
                .collect(),
        };
        let (head, separator, tail) = self.export_frame(export, !entries.is_empty());
        Body::Entries(Entries {
            head,
            entries,
            separator,
            tail,
        })
    }

    /// What comes before, between and after an export's entries.
    fn export_frame(&self, export: Export, any: bool) -> (String, &'static str, String) {
        let key = match export {
            Export::Products => "products",
            Export::Categories => "categories",
        };
        let site_title = json!(self.site.config.title);
        let head =
            format!("{{\"version\": {EXPORT_VERSION}, \"site\": {site_title}, \"{key}\": [\n");
        let tail = if any { "\n]}\n" } else { "]}\n" };
        (head, ",\n", tail.to_string())
    }

    /// The products of `products.json`, in its order.
    fn exported_products(&self) -> Vec<&Arc<Product>> {
        let site = self.site;
        (site.product_order.iter())
            .filter_map(|s| site.products.get(s))
            .collect()
    }

    fn product_entry(&self, p: &Product) -> String {
        serde_json::to_string(&self.product_export(p)).unwrap_or_default()
    }

    /// Makes `products.json` again (`Body::Made`), handing its pieces to
    /// `write` in order: its entries in slices made in parallel, so that no
    /// more than a slice is held at once.
    pub fn make_again(
        &self,
        write: &mut dyn FnMut(&[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        use rayon::prelude::*;
        let products = self.exported_products();
        let (head, separator, tail) = self.export_frame(Export::Products, !products.is_empty());
        write(head.as_bytes())?;
        for (n, slice) in products.chunks(512).enumerate() {
            let entries: Vec<String> = slice.par_iter().map(|p| self.product_entry(p)).collect();
            for (i, entry) in entries.iter().enumerate() {
                if n > 0 || i > 0 {
                    write(separator.as_bytes())?;
                }
                write(entry.as_bytes())?;
            }
        }
        write(tail.as_bytes())
    }

    fn image_export(&self, image: &vial_site::model::Image) -> ImageExport {
        let view = self.image_view(image, super::picture::Role::Main);
        ImageExport {
            url: view.og_url,
            alt: view.alt,
            width: view.width,
            height: view.height,
        }
    }

    fn product_export<'s>(&'s self, p: &'s Product) -> ProductExport<'s> {
        let config = &self.site.config;
        let declared = &config.usage;
        let terms = config
            .taxonomies
            .iter()
            .map(|t| {
                let used = p
                    .terms_of(&t.key)
                    .iter()
                    .map(|u| TermExport {
                        name: &u.term.name,
                        slug: &u.term.slug,
                        url: self.permalink(
                            &Target::Term(t.key.clone(), u.term.slug.to_string()).path(config),
                        ),
                        strength: u.strength,
                    })
                    .collect();
                (t.key.as_str(), used)
            })
            .collect();
        let specs = config
            .specs
            .iter()
            .filter_map(|spec| {
                let value = p.specs.get(&spec.key)?;
                let shown = spec_value(spec, value, self.strings).text;
                let raw = match value {
                    SpecValue::Text(t) => json!(t),
                    SpecValue::Number { value, .. } => json!(value),
                    SpecValue::Bool(b) => json!(b),
                    SpecValue::Choice(k) => json!(k),
                    SpecValue::List(items) => json!(items),
                };
                let unit = match &spec.kind {
                    SpecKind::Number { unit, .. } => unit.as_deref(),
                    _ => None,
                };
                let label = spec.label.as_str();
                Some((
                    spec.key.as_str(),
                    SpecExport {
                        value: raw,
                        unit,
                        label,
                        shown,
                    },
                ))
            })
            .collect();
        let schedule = &p.usage.schedule;
        ProductExport {
            slug: &p.slug,
            name: &p.name,
            url: self.permalink(&Target::Product(p.slug.clone()).path(config)),
            category: &p.category,
            summary: &p.summary,
            updated: p.updated.as_deref(),
            image: p.images.main().map(|i| self.image_export(i)),
            images: p
                .images
                .gallery()
                .iter()
                .map(|i| self.image_export(i))
                .collect(),
            terms,
            specs,
            usage: UsageExport {
                schedule: ScheduleExport {
                    phrase: schedule.describe(self.strings, &declared.vocabulary),
                    uses_per_year: schedule.per_year(),
                    bucket: schedule.bucket().key(),
                },
                slots: p
                    .usage
                    .slots
                    .iter()
                    .map(|i| declared.slots[*i].key.as_str())
                    .collect(),
                steps: p
                    .usage
                    .steps
                    .iter()
                    .map(|i| declared.steps[*i].key.as_str())
                    .collect(),
                cautions: &p.usage.cautions,
            },
        }
    }

    /// The page's structured data: what it is, and where it sits.
    pub(super) fn jsonld(&self, kind: &PageKind, meta: &PageMeta) -> String {
        let site = self.site;
        let mut graph: Vec<Node> = Vec::with_capacity(3);
        match kind {
            PageKind::Product(slug) => {
                if let Some(p) = site.products.get(slug) {
                    graph.push(Node::Product {
                        name: &p.name,
                        url: &meta.permalink,
                        description: &meta.description,
                        category: site.categories.get(&p.category).map(|c| c.name.as_str()),
                        brand: byline(&self.words(), p).map(|name| Named::new("Brand", name)),
                        image: meta.image.as_ref().map(|i| i.og_url.as_str()),
                    });
                }
            }
            PageKind::Guide(slug) => {
                if let Some(g) = site.guides.get(slug) {
                    graph.push(Node::Article {
                        headline: &g.title,
                        url: &meta.permalink,
                        description: &meta.description,
                        date_published: g.date.as_deref(),
                        date_modified: g.updated.as_deref().or(g.date.as_deref()),
                        author: g.author.clone().map(|name| Named::new("Person", name)),
                    });
                }
            }
            _ => {}
        }
        let items = self.list_items(kind);
        if !items.is_empty() {
            graph.push(Node::ItemList {
                name: &meta.title,
                item_list_element: items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| ListItem::new(i, item.title, None, Some(item.url)))
                    .collect(),
            });
        }
        if !meta.breadcrumbs.is_empty() {
            let origin = self.origin();
            graph.push(Node::BreadcrumbList {
                item_list_element: meta
                    .breadcrumbs
                    .iter()
                    .enumerate()
                    .map(|(i, b)| {
                        let item = format!("{origin}{}", b.url);
                        ListItem::new(i, b.title.clone(), Some(item), None)
                    })
                    .collect(),
            });
        }
        let data = JsonLd {
            context: "https://schema.org",
            graph,
        };
        // `<` as an escape: no text can close the script element early.
        serde_json::to_string(&data)
            .unwrap_or_default()
            .replace('<', "\\u003c")
    }

    /// The entries a list page shows, for its `ItemList`.
    fn list_items(&self, kind: &PageKind) -> Vec<LinkView> {
        let site = self.site;
        let per_page = site.config.list_page_size;
        let product_link = |slug: &String| {
            site.product(slug).map(|p| LinkView {
                title: p.name.clone(),
                url: self.permalink(&Target::Product(p.slug.clone()).path(&site.config)),
            })
        };
        match kind {
            PageKind::Products(n) => site
                .product_order
                .iter()
                .skip((n - 1) * per_page)
                .take(per_page)
                .filter_map(product_link)
                .collect(),
            PageKind::Category(slug, n) => {
                let layout = &site.config.comparison;
                let c = &site.categories[slug];
                let (skip, take) = if c.products.len() <= layout.side_by_side_max {
                    (0, c.products.len())
                } else {
                    ((n - 1) * layout.page_size, layout.page_size)
                };
                c.products
                    .iter()
                    .skip(skip)
                    .take(take)
                    .filter_map(product_link)
                    .collect()
            }
            PageKind::Taxon(key, slug, n) => site
                .taxonomies
                .term(key, slug)
                .map(|t| {
                    t.products
                        .iter()
                        .skip((n - 1) * per_page)
                        .take(per_page)
                        .filter_map(product_link)
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}
