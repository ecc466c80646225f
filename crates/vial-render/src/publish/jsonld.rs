//! A page's structured data (JSON-LD): what the page is (a product, an
//! article), the list it shows, and where it sits (its breadcrumbs), as
//! schema.org nodes in one graph for search engines to read.

use serde::Serialize;

use crate::views::{LinkView, PageMeta};
use crate::{PageKind, Renderer};
use vial_site::link::Target;
use vial_site::words::byline;

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

impl Renderer<'_> {
    /// The page's structured data: what it is, and where it sits.
    pub(crate) fn jsonld(&self, kind: &PageKind, meta: &PageMeta) -> String {
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
            site.product(slug).map(|p| {
                LinkView::new(
                    p.name.clone(),
                    self.target_permalink(&Target::Product(p.slug.clone())),
                )
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
