//! Rendering: (site, links, theme) in, pages out, no I/O.
//!
//! 1. The theme is compiled once: its templates (the site's overrides on
//!    top) with the UI strings of the site's language behind `t()`.
//! 2. The list of pages is planned from the model.
//! 3. Pages render in parallel; each builds its view from the model (`pages`
//!    for lists and terms, `product` for products), renders its markdown
//!    through the event transforms in `markdown`, and records which content
//!    it read so a later rebuild can redo only what a change touches.
//!
//! Every word a page shows comes from content or from the strings file.

mod body;
mod category_data;
pub mod comparison;
mod fold;
mod fragments;
pub mod markdown;
mod pages;
mod picture;
mod placement;
mod product;
pub mod publish;
mod reads;
mod routine_builder;
pub mod similar;
mod theme;
pub mod views;

use rayon::prelude::*;
use tera::{Context, Tera};

pub use body::{Body, Entries, Entry, Made};
use comparison::{
    Field, TableSpec, category_table, default_fields, named_fields, product_table, side_by_side,
};
pub use fragments::Fragments;
use markdown::{Heading, Surroundings, render_with_outline};
pub use reads::{Reads, product_number};
pub use theme::{AssetUrls, Theme, compile_theme, dependents, template_error};
use vial_base::diagnostic::{Diagnostic, Diagnostics};
use vial_site::i18n::Strings;
use vial_site::link::{Backlink, CompareSubject, Embed, Links, Resolver, Target, parse_embed};
use vial_site::load::TemplateSource;
use vial_site::model::{Category, Product, Site};
use vial_site::words::Words;
use views::*;

/// What is kept of a page after it is written: enough to tell, on the next
/// rebuild, whether to render it again and whether its bytes changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRecord {
    pub kind: PageKind,
    pub path: String,
    pub reads: Reads,
    pub hash: u64,
}

impl Page {
    /// A hash of the bytes, to tell whether a re-rendered page changed:
    /// the hash the output keeps in its manifest (`Body::hash`), so a
    /// rebuild hands it to `Update::put_pieces` instead of hashing twice.
    pub fn hash(&self) -> u64 {
        self.body.hash()
    }

    /// Forgets the bytes, keeping their hash (`hash()`, computed once by
    /// the caller that wrote them).
    pub fn record(self, hash: u64) -> PageRecord {
        PageRecord {
            hash,
            kind: self.kind,
            path: self.path,
            reads: self.reads,
        }
    }
}

/// One rendered file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub kind: PageKind,
    /// Path below the output folder, `/`-separated (`products/x/index.html`).
    pub path: String,
    pub body: Body,
    /// The content this page was built from.
    pub reads: Reads,
}

/// What a page shows; one variant per template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    Home,
    /// A page of the product list (1-based).
    Products(usize),
    Product(String),
    Categories,
    /// A category and the page of its comparison table (1-based).
    Category(String, usize),
    /// A page of the guide list (1-based).
    Guides(usize),
    Guide(String),
    /// The index of a taxonomy (its key).
    Taxonomy(String),
    /// A term of a taxonomy (key, slug) and the page of its product list.
    Taxon(String, String, usize),
    /// Every category-versus-category page.
    CompareIndex,
    Compare(String, String),
    NotFound,
    /// Every page's URL, in one file (`sitemap.xml`).
    Sitemap,
    /// `sitemap.xml` when the pages are too many for one file: the list of
    /// the parts.
    SitemapIndex,
    /// One part of a split sitemap (1-based), `sitemap1.xml`...
    SitemapPart(usize),
    Robots,
    Feed(publish::Feed),
    Export(publish::Export),
    /// The routine builder.
    Routine,
    /// The data the theme's scripts (routine builder, compare picker) read
    /// a category's products from (its slug).
    CategoryData(String),
    /// The list of the per-category data files, for scripts on pages that
    /// draw on every category (so those pages do not list them).
    DataIndex,
}

impl PageKind {
    /// The template the page is rendered with (exports have none).
    pub fn template(&self) -> Option<&'static str> {
        Some(match self {
            PageKind::Home => "index.html",
            PageKind::Products(_) => "products.html",
            PageKind::Product(_) => "product.html",
            PageKind::Categories => "categories.html",
            PageKind::Category(..) => "category.html",
            PageKind::Guides(_) => "guides.html",
            PageKind::Guide(_) => "guide.html",
            PageKind::Taxonomy(_) => "taxonomy_list.html",
            PageKind::Taxon(..) => "taxonomy.html",
            PageKind::CompareIndex => "compare_index.html",
            PageKind::Compare(..) => "compare.html",
            PageKind::NotFound => "404.html",
            PageKind::Sitemap | PageKind::SitemapPart(_) => "sitemap.xml",
            PageKind::SitemapIndex => "sitemap_index.xml",
            PageKind::Robots => "robots.txt",
            PageKind::Feed(_) => "atom.xml",
            PageKind::Routine => "routine.html",
            PageKind::Export(_) | PageKind::CategoryData(_) | PageKind::DataIndex => return None,
        })
    }

    /// Whether the page renders markdown (feeds and exports carry it
    /// too), whose `usage` and `compare` blocks and tables are drawn with
    /// the partials in `EMBED_PARTIALS`.
    pub fn may_embed(&self) -> bool {
        matches!(
            self,
            PageKind::Product(_)
                | PageKind::Category(..)
                | PageKind::Guide(_)
                | PageKind::Taxon(..)
                | PageKind::Compare(..)
                | PageKind::Feed(_)
                | PageKind::Export(_)
        )
    }

    /// An HTML page (not a site file such as the sitemap or a feed).
    pub fn is_page(&self) -> bool {
        !matches!(
            self,
            PageKind::Sitemap
                | PageKind::SitemapIndex
                | PageKind::SitemapPart(_)
                | PageKind::Robots
                | PageKind::Feed(_)
                | PageKind::Export(_)
                | PageKind::CategoryData(_)
                | PageKind::DataIndex
        )
    }

    /// Whether the sitemap lists the page: every page but the 404 page.
    pub fn in_sitemap(&self) -> bool {
        self.is_page() && *self != PageKind::NotFound
    }

    /// A file made from every product or category (the exports), which
    /// any change may change: it does not list what it read.
    pub fn reads_everything(&self) -> bool {
        matches!(self, PageKind::Export(_))
    }

    /// A file made from a whole category or more: tens to thousands of
    /// times the work of a product page.
    fn is_large(&self) -> bool {
        matches!(
            self,
            PageKind::Export(_)
                | PageKind::CategoryData(_)
                | PageKind::DataIndex
                | PageKind::Sitemap
                | PageKind::SitemapPart(_)
                | PageKind::Feed(_)
        )
    }
}

/// How many pages a term's list takes: its products and its guides are
/// paginated side by side, so page n shows the n-th share of each.
pub fn taxon_pages(taxon: &vial_site::model::Taxon, per_page: usize) -> usize {
    taxon
        .products
        .len()
        .max(taxon.guides.len())
        .div_ceil(per_page)
        .max(1)
}

/// The partials markdown is rendered with: its embeds, then the frame of
/// its tables.
pub const EMBED_PARTIALS: [&str; 3] = [
    "partials/usage_card.html",
    "partials/comparison.html",
    "partials/prose_table.html",
];

/// Every page the site has.
pub fn plan(site: &Site) -> Vec<PageKind> {
    let per_page = site.config.list_page_size;
    let mut pages = vec![PageKind::Home, PageKind::Categories, PageKind::NotFound];
    pages.extend((1..=site.products.len().div_ceil(per_page).max(1)).map(PageKind::Products));
    pages.extend((1..=site.guides.len().div_ceil(per_page).max(1)).map(PageKind::Guides));
    pages.extend(site.products.keys().cloned().map(PageKind::Product));
    for category in site.categories.values() {
        for page in 1..=table_pages(site, category) {
            pages.push(PageKind::Category(category.slug.clone(), page));
        }
    }
    pages.extend(site.guides.keys().cloned().map(PageKind::Guide));
    for decl in &site.config.taxonomies {
        pages.push(PageKind::Taxonomy(decl.key.clone()));
        for taxon in site.taxonomies.terms(&decl.key) {
            let count = taxon_pages(taxon, per_page);
            pages.extend(
                (1..=count).map(|n| PageKind::Taxon(decl.key.clone(), taxon.slug.clone(), n)),
            );
        }
    }
    // The compare picker shows its products on the index.
    pages.push(PageKind::CompareIndex);
    for pair in &site.config.category_pairs {
        pages.push(PageKind::Compare(pair.left.clone(), pair.right.clone()));
    }
    pages.push(PageKind::Routine);
    pages.extend(site.categories.keys().cloned().map(PageKind::CategoryData));
    pages.push(PageKind::DataIndex);
    // One sitemap file, or an index of as many parts as the pages need.
    let urls = pages.iter().filter(|k| k.in_sitemap()).count();
    if urls <= site.config.sitemap_urls {
        pages.push(PageKind::Sitemap);
    } else {
        pages.push(PageKind::SitemapIndex);
        let parts = urls.div_ceil(site.config.sitemap_urls);
        pages.extend((1..=parts).map(PageKind::SitemapPart));
    }
    pages.extend([
        PageKind::Robots,
        PageKind::Feed(publish::Feed::Guides),
        PageKind::Feed(publish::Feed::Products),
        PageKind::Export(publish::Export::Products),
        PageKind::Export(publish::Export::Categories),
    ]);
    pages
}

/// How many pages a category's comparison table needs.
fn table_pages(site: &Site, category: &Category) -> usize {
    let layout = &site.config.comparison;
    if category.products.len() <= layout.side_by_side_max {
        1
    } else {
        category.products.len().div_ceil(layout.page_size)
    }
}

/// Renders pages. Everything was validated before, so the only errors left
/// are template errors.
pub struct Renderer<'a> {
    site: &'a Site,
    links: &'a Links,
    tera: &'a Tera,
    strings: &'a Strings,
    templates: &'a [TemplateSource],
    resolver: Resolver<'a>,
    /// The same for every page: built and converted for the templates
    /// once (a template value's maps and lists are shared, not copied).
    site_view: tera::Value,
    /// Products in the compact form similar products are ranked on, made
    /// the first time a page needs it.
    ranking: std::sync::OnceLock<similar::Ranking<'a>>,
    /// Pieces of earlier renders to take over, in `vial serve`.
    fragments: Option<&'a Fragments>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        links: &'a Links,
        theme: &'a Theme,
        templates: &'a [TemplateSource],
    ) -> Self {
        let mut renderer = Self {
            site,
            links,
            tera: &theme.tera,
            strings: &theme.strings,
            templates,
            resolver: Resolver::new(site),
            site_view: tera::Value::none(),
            ranking: std::sync::OnceLock::new(),
            fragments: None,
        };
        renderer.site_view = tera::Value::from_serializable(&renderer.build_site_view());
        renderer
    }

    /// Takes over what `fragments` kept of earlier renders, and keeps what
    /// this one makes.
    pub fn keeping(mut self, fragments: &'a Fragments) -> Self {
        self.fragments = Some(fragments);
        self
    }

    /// Renders the given pages in parallel; all template errors are gathered.
    pub fn render(&self, pages: &[PageKind]) -> Result<Vec<Page>, Diagnostics> {
        self.render_each(pages, Ok)
    }

    /// Renders pages in parallel and hands each to `sink` as soon as it is
    /// done (to write it, or hash it), so a site's pages never all sit in
    /// memory at once. Every error of every page comes back together.
    pub fn render_each<T: Send>(
        &self,
        pages: &[PageKind],
        sink: impl Fn(Page) -> Result<T, Diagnostic> + Sync,
    ) -> Result<Vec<T>, Diagnostics> {
        // Problems are set aside as they come: a list with room for a
        // problem at every page was a fifth of the memory a 200,000
        // product build gained while it rendered.
        let problems = std::sync::Mutex::new(Diagnostics::default());
        // The large files first: the plan lists them last, and one thread
        // worked through them alone at the end of a build (a tenth of a
        // second at 10,000 products). Started first, the other pages fill
        // in around them. The results come back in the plan's order.
        let (large, rest): (Vec<usize>, Vec<usize>) =
            (0..pages.len()).partition(|&i| pages[i].is_large());
        let order: Vec<usize> = large.into_iter().chain(rest).collect();
        let done: Vec<Option<T>> = order
            .par_iter()
            .map(|&i| match self.page(&pages[i]).and_then(&sink) {
                Ok(value) => Some(value),
                Err(d) => {
                    problems.lock().unwrap_or_else(|e| e.into_inner()).push(d);
                    None
                }
            })
            .collect();
        let problems = problems.into_inner().unwrap_or_else(|e| e.into_inner());
        if problems.has_errors() {
            return Err(problems.sorted());
        }
        let mut in_plan_order: Vec<Option<T>> = (0..pages.len()).map(|_| None).collect();
        for (i, value) in order.into_iter().zip(done) {
            in_plan_order[i] = value;
        }
        Ok(in_plan_order.into_iter().flatten().collect())
    }

    pub fn config(&self) -> &vial_site::config::Config {
        &self.site.config
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.base_path)
    }

    fn target_url(&self, target: &Target) -> String {
        self.url(&target.path(&self.site.config))
    }

    fn t(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.strings.text(key, args)
    }

    fn words(&self) -> Words<'_> {
        Words {
            site: self.site,
            strings: self.strings,
        }
    }

    fn build_site_view(&self) -> SiteView {
        let config = &self.site.config;
        let mut sections = vec!["products", "categories"];
        if !config.category_pairs.is_empty() {
            sections.push("compare");
        }
        sections.push("guides");
        let mut nav: Vec<LinkView> = sections
            .iter()
            .map(|section| LinkView {
                title: self.t(&format!("nav.{section}"), &[]),
                url: self.url(&format!("{section}/")),
            })
            .collect();
        let taxonomies: Vec<TaxonomyView> = config
            .taxonomies
            .iter()
            .map(|t| self.taxonomy_view(t))
            .collect();
        nav.extend(taxonomies.iter().map(|t| LinkView {
            title: t.plural.clone(),
            url: t.url.clone(),
        }));
        nav.push(LinkView {
            title: self.t("nav.routine", &[]),
            url: self.url(&format!("{}/", routine_builder::DIR)),
        });
        SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            language: config.language.clone(),
            base_url: config.base_url.clone(),
            base_path: config.base_path.clone(),
            nav,
            taxonomies,
        }
    }

    fn taxonomy_view(&self, t: &vial_site::config::TaxonomyDecl) -> TaxonomyView {
        TaxonomyView {
            key: t.key.clone(),
            label: t.label.clone(),
            plural: t.plural.clone(),
            url: self.url(&format!("{}/", t.path)),
        }
    }

    fn page(&self, kind: &PageKind) -> Result<Page, Diagnostic> {
        let mut reads = Reads::default();
        let mut context = Context::new();
        let path = self.path_of(kind);
        context.insert_value("site", self.site_view.clone());
        let body = if let PageKind::Export(export) = kind {
            self.export(*export)
        } else if let PageKind::CategoryData(category) = kind {
            self.category_data(category, &mut reads)
        } else if let PageKind::DataIndex = kind {
            Body::Text(self.data_index())
        } else {
            let template = match self.site_file_template(kind, &mut context, &mut reads) {
                Some((template, _)) => template,
                None => {
                    let (template, mut meta) = self.fill(kind, &mut context, &mut reads);
                    debug_assert_eq!(Some(template), kind.template());
                    meta.jsonld = self.jsonld(kind, &meta);
                    context.insert("page", &meta);
                    template
                }
            };
            let html = self
                .tera
                .render(template, &context)
                .map_err(|e| template_error(&e, self.templates))?;
            Body::Text(if self.site.config.minify && kind.is_page() {
                minified(html)
            } else {
                html
            })
        };
        Ok(Page {
            kind: kind.clone(),
            path: output_path(&path),
            body,
            reads,
        })
    }

    /// The meta of page `kind`: what it is, its title and description.
    fn meta(
        &self,
        kind: &PageKind,
        name: &'static str,
        title: &str,
        description: &str,
    ) -> PageMeta {
        let path = self.path_of(kind);
        PageMeta {
            title: title.to_string(),
            description: description.to_string(),
            url: self.url(&path),
            permalink: self.permalink(&path),
            kind: name,
            og_type: "website",
            image: None,
            noindex: false,
            breadcrumbs: Vec::new(),
            jsonld: String::new(),
        }
    }

    fn markdown(&self, text: &str, reads: &mut Reads) -> String {
        self.markdown_with_outline(text, reads).0
    }

    /// The HTML of a markdown text, and its headings.
    fn markdown_with_outline(&self, text: &str, reads: &mut Reads) -> (String, Vec<Heading>) {
        let tracker = Tracking {
            renderer: self,
            reads: std::cell::RefCell::new(Reads::default()),
        };
        let rendered = render_with_outline(text, &tracker);
        reads.merge(tracker.reads.into_inner());
        rendered
    }

    fn category_link(&self, c: &Category) -> LinkView {
        LinkView {
            title: c.name.clone(),
            url: self.target_url(&Target::Category(c.slug.clone())),
        }
    }

    fn product_url(&self, p: &Product) -> String {
        self.target_url(&Target::Product(p.slug.clone()))
    }

    /// What a linking page is, in the site's words.
    fn kind_label(&self, target: &Target) -> String {
        match target {
            Target::Term(key, _) => self
                .site
                .config
                .taxonomy(key)
                .map_or_else(|| key.clone(), |t| t.label.to_lowercase()),
            page => self.t(&format!("kind.{}", page.kind()), &[]),
        }
    }

    /// The title of a page that links somewhere, as its page shows it.
    fn title_of(&self, target: &Target, reads: &mut Reads) -> String {
        let pair = match target {
            Target::Compare(slug) => self
                .site
                .config
                .category_pairs
                .iter()
                .find(|p| p.slug() == *slug),
            _ => None,
        };
        match pair {
            Some(pair) => {
                let (l, r) = (
                    &self.site.categories[&pair.left],
                    &self.site.categories[&pair.right],
                );
                reads.insert(Target::Category(l.slug.clone()));
                reads.insert(Target::Category(r.slug.clone()));
                self.t("meta.compare", &[("left", &l.name), ("right", &r.name)])
            }
            None => self.resolver.title(target),
        }
    }

    fn backlinks(&self, target: &Target, reads: &mut Reads) -> Vec<BacklinkView> {
        self.links
            .backlinks_of(target)
            .iter()
            .map(|Backlink { from, snippet }| {
                reads.insert(from.clone());
                BacklinkView {
                    title: self.title_of(from, reads),
                    url: self.target_url(from),
                    kind: self.kind_label(from),
                    snippet: snippet.to_string(),
                }
            })
            .collect()
    }

    /// Links between the pages of a paginated page; `None` for one page.
    fn pagination(
        &self,
        current: usize,
        total: usize,
        path_of: &dyn Fn(usize) -> String,
    ) -> Option<Pagination> {
        let url = |n: usize| self.url(&path_of(n));
        (total > 1).then(|| Pagination {
            current,
            total,
            previous: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
            pages: page_window(current, total)
                .map(|(n, gap)| PageLink {
                    number: n,
                    url: url(n),
                    current: n == current,
                    gap,
                })
                .collect(),
        })
    }

    fn render_partial(&self, template: &str, name: &str, value: &impl serde::Serialize) -> String {
        let mut context = Context::new();
        context.insert_value("site", self.site_view.clone());
        context.insert(name.to_string(), value);
        // Partials were compiled and checked with the rest; a failure here is
        // a rendering error in user templates, shown in place rather than lost.
        self.tera.render(template, &context).unwrap_or_else(|e| {
            format!(
                "<p class=\"render-error\">{}</p>",
                escape(&template_error(&e, self.templates).to_string())
            )
        })
    }

    fn category_comparison(&self, categories: &[&Category], reads: &mut Reads) -> ComparisonTable {
        for c in categories {
            reads.insert(Target::Category(c.slug.clone()));
            reads.extend(c.products.iter().cloned().map(Target::Product));
        }
        category_table(&self.words(), categories, &|c| self.category_link(c).url)
    }

    fn embed(&self, embed: &Embed, reads: &mut Reads) -> String {
        let site = self.site;
        match embed {
            Embed::Usage { product } => {
                let card = self.usage_card(&site.products[product], false, reads);
                self.render_partial(EMBED_PARTIALS[0], "card", &card)
            }
            Embed::Compare(spec) => {
                let fields: Vec<Field> = match &spec.fields {
                    Some(keys) => named_fields(&site.config, keys),
                    None => default_fields(&site.config),
                };
                let table = match &spec.subject {
                    CompareSubject::Categories(slugs) => {
                        let categories: Vec<&Category> =
                            slugs.iter().map(|s| &site.categories[s]).collect();
                        self.category_comparison(&categories, reads)
                    }
                    subject => {
                        let (slugs, caption): (Vec<&String>, String) = match subject {
                            CompareSubject::Products(p) => {
                                (p.iter().collect(), self.t("comparison.products", &[]))
                            }
                            CompareSubject::Category(c) => {
                                let c = &site.categories[c];
                                (
                                    c.products.iter().collect(),
                                    self.t("comparison.compared", &[("name", &c.name)]),
                                )
                            }
                            CompareSubject::Term(key, slug) => {
                                let term = site.taxonomies.term(key, slug);
                                reads.insert(Target::Term(key.clone(), slug.clone()));
                                (
                                    term.map(|t| t.products.iter().collect())
                                        .unwrap_or_default(),
                                    self.t(
                                        "comparison.for_term",
                                        &[("term", term.map_or(slug.as_str(), |t| &t.name))],
                                    ),
                                )
                            }
                            CompareSubject::Categories(_) => unreachable!("handled above"),
                        };
                        let products: Vec<&Product> =
                            slugs.into_iter().filter_map(|s| site.product(s)).collect();
                        for p in &products {
                            reads.insert(Target::Product(p.slug.clone()));
                        }
                        let spec = TableSpec {
                            caption,
                            side_by_side: side_by_side(&site.config, products.len()),
                            current: None,
                        };
                        product_table(&self.words(), &products, &fields, spec, &|q| {
                            self.product_url(q)
                        })
                    }
                };
                self.render_partial(EMBED_PARTIALS[1], "table", &table)
            }
        }
    }
}

/// The renderer as markdown sees it, noting what each link and embed reads.
struct Tracking<'r, 'a> {
    renderer: &'r Renderer<'a>,
    reads: std::cell::RefCell<Reads>,
}

impl Surroundings for Tracking<'_, '_> {
    fn link(&self, destination: &str) -> Option<(String, String)> {
        let r = self.renderer;
        let target = r.resolver.resolve(destination).ok()?;
        let found = (r.target_url(&target), r.resolver.title(&target));
        self.reads.borrow_mut().insert(target);
        Some(found)
    }

    fn table(&self, columns: &[String], html: String) -> String {
        let r = self.renderer;
        let frame = ProseTable {
            columns: r.strings.list(columns),
            html,
        };
        r.render_partial(EMBED_PARTIALS[2], "prose_table", &frame)
    }

    fn embed(&self, language: &str, body: &str) -> Option<String> {
        let embed = parse_embed(self.renderer.site, language, body)?.ok()?;
        let mut reads = Reads::default();
        let html = self.renderer.embed(&embed, &mut reads);
        self.reads.borrow_mut().merge(reads);
        Some(html)
    }
}

/// FNV-1a: a hash that is the same on every machine and every run, so
/// choices made with it keep builds byte-identical.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf29ce484222325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

/// HTML-escapes text for the few places HTML is built outside templates.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The path of page `number` of a paginated page at `base` (`x/` or `x/page/2/`).
fn paged(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

pub fn compare_path(left: &str, right: &str) -> String {
    format!("compare/{left}-vs-{right}/")
}

/// `products/x/` becomes `products/x/index.html`; files stay as they are.
/// The file a page is written to, below the output folder.
pub fn page_file(kind: &PageKind, config: &vial_site::config::Config) -> String {
    output_path(&pages::url_path(kind, config))
}

fn output_path(url_path: &str) -> String {
    if url_path.is_empty() {
        "index.html".into()
    } else if url_path.ends_with('/') {
        format!("{url_path}index.html")
    } else {
        url_path.to_string()
    }
}

/// A page minified (`--minify`); the driver refuses the flag in a vial
/// built without the `minify` feature, so the page is never left as is.
#[cfg(feature = "minify")]
fn minified(html: String) -> String {
    vial_minify::html(&html)
}

#[cfg(not(feature = "minify"))]
fn minified(html: String) -> String {
    html
}
