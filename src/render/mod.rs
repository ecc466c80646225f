//! Rendering: (site, links, templates) in, pages out, no I/O.
//!
//! 1. Templates are compiled once (theme first, the site's overrides on top).
//! 2. The list of pages is planned from the model.
//! 3. Pages render in parallel; each builds its view from the model, renders
//!    its markdown through the event transforms in `markdown`, and records
//!    which content it read so a later rebuild can redo only what a change
//!    touches.

pub mod comparison;
pub mod markdown;
pub mod views;

use std::collections::BTreeSet;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::config::TimeOfDay;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::link::{CompareSubject, Embed, Links, Mention, Resolver, Target, parse_embed};
use crate::load::TemplateSource;
use crate::model::{Category, Guide, Position, Product, Site, Taxon, Term, format_number};
use comparison::{
    Field, category_table, default_fields, named_fields, product_table, side_by_side,
};
use markdown::{Surroundings, render_markdown};
use views::*;

/// What is kept of a page after it is written: enough to tell, on the next
/// rebuild, whether to render it again and whether its bytes changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRecord {
    pub kind: PageKind,
    pub path: String,
    pub reads: BTreeSet<Target>,
    pub hash: u64,
}

impl Page {
    /// A hash of the HTML, to tell whether a re-rendered page changed.
    pub fn hash(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.html.hash(&mut hasher);
        hasher.finish()
    }

    /// Forgets the HTML, keeping its hash.
    pub fn record(self) -> PageRecord {
        PageRecord {
            hash: self.hash(),
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
    pub html: String,
    /// The content this page was built from.
    pub reads: BTreeSet<Target>,
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
    Guides,
    Guide(String),
    Taxonomy(TaxonomyKind),
    /// A brand, concern or active and the page of its product list.
    Taxon(TaxonomyKind, String, usize),
    Compare(String, String),
    NotFound,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TaxonomyKind {
    Brand,
    Concern,
    Active,
}

impl TaxonomyKind {
    const ALL: [TaxonomyKind; 3] = [
        TaxonomyKind::Brand,
        TaxonomyKind::Concern,
        TaxonomyKind::Active,
    ];

    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            TaxonomyKind::Brand => ("brand", "Brands", "brands"),
            TaxonomyKind::Concern => ("concern", "Concerns", "concerns"),
            TaxonomyKind::Active => ("active", "Actives", "actives"),
        }
    }

    fn target(self, slug: &str) -> Target {
        let slug = slug.to_string();
        match self {
            TaxonomyKind::Brand => Target::Brand(slug),
            TaxonomyKind::Concern => Target::Concern(slug),
            TaxonomyKind::Active => Target::Active(slug),
        }
    }
}

/// Compiles the templates; every broken template is reported.
pub fn compile_templates(templates: &[TemplateSource]) -> Result<Tera, Diagnostics> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.add_raw_templates(
        templates
            .iter()
            .map(|t| (t.name.as_str(), t.file.text.as_ref())),
    )
    .map_err(|e| Diagnostics(vec![template_error(&e, templates)]))?;
    for required in REQUIRED_TEMPLATES {
        if !tera.contains_template(required) {
            return Err(Diagnostics(vec![
                Diagnostic::error(
                    Code::Template,
                    Location::file("templates"),
                    format!("template `{required}` is missing"),
                )
                .with_help(format!(
                    "add `templates/{required}`, or remove the theme override that hides it"
                )),
            ]));
        }
    }
    Ok(tera)
}

const REQUIRED_TEMPLATES: [&str; 13] = [
    "index.html",
    "product.html",
    "products.html",
    "category.html",
    "categories.html",
    "guide.html",
    "guides.html",
    "taxonomy.html",
    "taxonomy_list.html",
    "compare.html",
    "404.html",
    "partials/usage_card.html",
    "partials/comparison.html",
];

/// A tera error as a diagnostic that names the template file and line.
pub fn template_error(error: &tera::Error, templates: &[TemplateSource]) -> Diagnostic {
    let file_of = |name: &str| templates.iter().find(|t| t.name == name).map(|t| &t.file);
    let help = "fix the template (syntax: https://keats.github.io/tera/docs/)";
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            match file_of(report.filename()) {
                Some(file) => file
                    .error(
                        Code::Template,
                        file.location(span.start_line, span.start_col + 1),
                        report.message(),
                    )
                    .with_help(help),
                None => Diagnostic::error(
                    Code::Template,
                    Location::file(report.filename()),
                    report.message(),
                )
                .with_help(help),
            }
        }
        other => {
            let message = other.to_string();
            let name = templates
                .iter()
                .find(|t| message.contains(&format!("`{}`", t.name)) || message.contains(&t.name));
            let location = name.map_or_else(
                || Location::file("templates"),
                |t| Location::file(&t.file.path),
            );
            Diagnostic::error(
                Code::Template,
                location,
                format!("template error: {message}"),
            )
            .with_help(help)
        }
    }
}

/// Every page the site has.
pub fn plan(site: &Site) -> Vec<PageKind> {
    let per_page = site.config.list_page_size;
    let mut pages = vec![
        PageKind::Home,
        PageKind::Categories,
        PageKind::Guides,
        PageKind::NotFound,
    ];
    pages.extend((1..=site.products.len().div_ceil(per_page).max(1)).map(PageKind::Products));
    pages.extend(site.products.keys().cloned().map(PageKind::Product));
    for category in site.categories.values() {
        for page in 1..=table_pages(site, category) {
            pages.push(PageKind::Category(category.slug.clone(), page));
        }
    }
    pages.extend(site.guides.keys().cloned().map(PageKind::Guide));
    for kind in TaxonomyKind::ALL {
        pages.push(PageKind::Taxonomy(kind));
        for taxon in taxa(site, kind).values() {
            let count = taxon.products.len().div_ceil(per_page).max(1);
            pages.extend((1..=count).map(|n| PageKind::Taxon(kind, taxon.slug.clone(), n)));
        }
    }
    for pair in &site.config.category_pairs {
        pages.push(PageKind::Compare(pair.left.clone(), pair.right.clone()));
    }
    pages
}

fn taxa(site: &Site, kind: TaxonomyKind) -> &std::collections::BTreeMap<String, Taxon> {
    match kind {
        TaxonomyKind::Brand => &site.taxonomies.brands,
        TaxonomyKind::Concern => &site.taxonomies.concerns,
        TaxonomyKind::Active => &site.taxonomies.actives,
    }
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
    templates: &'a [TemplateSource],
    resolver: Resolver<'a>,
    /// The same for every page: built once.
    site_view: SiteView,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        links: &'a Links,
        tera: &'a Tera,
        templates: &'a [TemplateSource],
    ) -> Self {
        Self {
            site,
            links,
            tera,
            templates,
            resolver: Resolver::new(site),
            site_view: Self::site_view(site),
        }
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
        let results: Vec<Result<T, Diagnostic>> = pages
            .par_iter()
            .map(|p| self.page(p).and_then(&sink))
            .collect();
        let mut done = Vec::with_capacity(results.len());
        let mut problems = Diagnostics::default();
        for result in results {
            match result {
                Ok(value) => done.push(value),
                Err(d) => problems.push(d),
            }
        }
        if problems.has_errors() {
            return Err(problems.sorted());
        }
        Ok(done)
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.base_path)
    }

    fn target_url(&self, target: &Target) -> String {
        self.url(&target.path())
    }

    fn site_view(site: &Site) -> SiteView {
        let config = &site.config;
        let nav = [
            ("Products", "products/"),
            ("Categories", "categories/"),
            ("Guides", "guides/"),
            ("Concerns", "concerns/"),
            ("Actives", "actives/"),
            ("Brands", "brands/"),
        ];
        SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            language: config.language.clone(),
            base_url: config.base_url.clone(),
            base_path: config.base_path.clone(),
            nav: nav
                .iter()
                .map(|(title, path)| LinkView {
                    title: title.to_string(),
                    url: format!("{}{path}", config.base_path),
                })
                .collect(),
        }
    }

    fn page(&self, kind: &PageKind) -> Result<Page, Diagnostic> {
        let mut reads = BTreeSet::new();
        let mut context = Context::new();
        let (template, path, meta) = self.fill(kind, &mut context, &mut reads);
        context.insert("site", &self.site_view);
        context.insert("page", &meta);
        let html = self
            .tera
            .render(template, &context)
            .map_err(|e| template_error(&e, self.templates))?;
        Ok(Page {
            kind: kind.clone(),
            path: output_path(&path),
            html,
            reads,
        })
    }

    fn meta(&self, kind: &'static str, title: &str, description: &str, path: &str) -> PageMeta {
        PageMeta {
            title: title.to_string(),
            description: description.to_string(),
            url: self.url(path),
            permalink: format!("{}/{path}", self.site.config.base_url),
            kind,
        }
    }

    /// Puts the page's view into `context`; returns template, URL path, meta.
    fn fill(
        &self,
        kind: &PageKind,
        context: &mut Context,
        reads: &mut BTreeSet<Target>,
    ) -> (&'static str, String, PageMeta) {
        let site = self.site;
        match kind {
            PageKind::Home => {
                let categories = self.category_cards(reads);
                // Which guides are the latest depends on every guide's date.
                reads.extend(site.guides.keys().cloned().map(Target::Guide));
                let guides: Vec<GuideCard> = site
                    .guides_by_date()
                    .into_iter()
                    .take(6)
                    .map(|g| self.guide_card(g, reads))
                    .collect();
                context.insert("categories", &categories);
                context.insert("guides", &guides);
                context.insert("product_count", &site.products.len());
                let meta = self.meta("home", &site.config.title, &site.config.description, "");
                ("index.html", String::new(), meta)
            }
            PageKind::Products(number) => {
                let per_page = site.config.list_page_size;
                let cards: Vec<ProductCard> = site
                    .product_order
                    .iter()
                    .skip((number - 1) * per_page)
                    .take(per_page)
                    .filter_map(|s| site.product(s))
                    .map(|p| self.product_card(p, None, reads))
                    .collect();
                let total = site.products.len().div_ceil(per_page).max(1);
                context.insert("products", &cards);
                context.insert("product_count", &site.products.len());
                context.insert(
                    "pagination",
                    &self.pagination(*number, total, &|n| paged("products/", n)),
                );
                let path = paged("products/", *number);
                (
                    "products.html",
                    path.clone(),
                    self.meta("products", "Products", "Every product on the site.", &path),
                )
            }
            PageKind::Categories => {
                context.insert("categories", &self.category_cards(reads));
                let comparisons = self.pair_links(None, reads);
                context.insert("comparisons", &comparisons);
                (
                    "categories.html",
                    "categories/".into(),
                    self.meta(
                        "categories",
                        "Categories",
                        "Every category of product.",
                        "categories/",
                    ),
                )
            }
            PageKind::Guides => {
                let guides: Vec<GuideCard> = site
                    .guides_by_date()
                    .into_iter()
                    .map(|g| self.guide_card(g, reads))
                    .collect();
                context.insert("guides", &guides);
                (
                    "guides.html",
                    "guides/".into(),
                    self.meta("guides", "Guides", "Every guide on the site.", "guides/"),
                )
            }
            PageKind::NotFound => (
                "404.html",
                "404.html".into(),
                self.meta("404", "Page not found", "", "404.html"),
            ),
            PageKind::Product(slug) => {
                let product = &site.products[slug];
                let view = self.product_view(product, reads);
                context.insert("product", &view);
                let path = Target::Product(slug.clone()).path();
                let meta = self.meta("product", &product.name, &product.summary, &path);
                ("product.html", path, meta)
            }
            PageKind::Category(slug, number) => {
                let category = &site.categories[slug];
                let view = self.category_view(category, *number, reads);
                context.insert("category", &view);
                let path = paged(&Target::Category(slug.clone()).path(), *number);
                let meta = self.meta("category", &category.name, &category.summary, &path);
                ("category.html", path, meta)
            }
            PageKind::Guide(slug) => {
                let guide = &site.guides[slug];
                let view = self.guide_view(guide, reads);
                context.insert("guide", &view);
                let path = Target::Guide(slug.clone()).path();
                let meta = self.meta("guide", &guide.title, &guide.summary, &path);
                ("guide.html", path, meta)
            }
            PageKind::Taxonomy(kind) => {
                let (_, plural, section) = kind.names();
                let view = self.taxonomy_index(*kind, reads);
                context.insert("taxonomy", &view);
                let path = format!("{section}/");
                (
                    "taxonomy_list.html",
                    path.clone(),
                    self.meta("taxonomy-list", plural, "", &path),
                )
            }
            PageKind::Taxon(kind, slug, number) => {
                let taxon = &taxa(site, *kind)[slug];
                let view = self.taxon_view(*kind, taxon, *number, reads);
                context.insert("taxon", &view);
                let base = kind.target(slug).path();
                let path = paged(&base, *number);
                let description = taxon.what_it_does.clone().unwrap_or_default();
                (
                    "taxonomy.html",
                    path.clone(),
                    self.meta("taxonomy", &taxon.name, &description, &path),
                )
            }
            PageKind::Compare(left, right) => {
                let (l, r) = (&site.categories[left], &site.categories[right]);
                reads.insert(Target::Category(left.clone()));
                reads.insert(Target::Category(right.clone()));
                let path = compare_path(left, right);
                let view = CompareView {
                    title: format!("{} vs {}", l.name, r.name),
                    url: self.url(&path),
                    left: self.category_link(l),
                    right: self.category_link(r),
                    table: self.category_comparison(&[l, r], reads),
                };
                let description = format!("{} and {} side by side.", l.name, r.name);
                let meta = self.meta("compare", &view.title, &description, &path);
                context.insert("compare", &view);
                ("compare.html", path, meta)
            }
        }
    }

    fn markdown(&self, text: &str, reads: &mut BTreeSet<Target>) -> String {
        let tracker = Tracking {
            renderer: self,
            reads: std::cell::RefCell::new(BTreeSet::new()),
        };
        let html = render_markdown(text, &tracker);
        reads.extend(tracker.reads.into_inner());
        html
    }

    fn concern_links(&self, concerns: &[Term]) -> Vec<LinkView> {
        concerns
            .iter()
            .map(|t| LinkView {
                title: t.name.clone(),
                url: self.target_url(&Target::Concern(t.slug.clone())),
            })
            .collect()
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

    fn product_card(
        &self,
        p: &Product,
        percent: Option<f64>,
        reads: &mut BTreeSet<Target>,
    ) -> ProductCard {
        reads.insert(Target::Product(p.slug.clone()));
        reads.insert(Target::Category(p.category.clone()));
        let category = &self.site.categories[&p.category];
        ProductCard {
            name: p.name.clone(),
            url: self.product_url(p),
            brand: p.brand.name.clone(),
            category: self.category_link(category),
            summary: p.summary.clone(),
            percent: percent.map(|v| format!("{}%", format_number(v))),
        }
    }

    fn guide_card(&self, g: &Guide, reads: &mut BTreeSet<Target>) -> GuideCard {
        reads.insert(Target::Guide(g.slug.clone()));
        GuideCard {
            title: g.title.clone(),
            url: self.target_url(&Target::Guide(g.slug.clone())),
            summary: g.summary.clone(),
            date: g.date.clone(),
        }
    }

    fn category_cards(&self, reads: &mut BTreeSet<Target>) -> Vec<CategoryCard> {
        let mut categories: Vec<&Category> = self.site.categories.values().collect();
        categories.sort_by_key(|c| (c.name.to_lowercase(), c.slug.clone()));
        categories
            .into_iter()
            .map(|c| {
                reads.insert(Target::Category(c.slug.clone()));
                CategoryCard {
                    name: c.name.clone(),
                    url: self.category_link(c).url,
                    summary: c.summary.clone(),
                    product_count: c.products.len(),
                }
            })
            .collect()
    }

    fn backlinks(&self, target: &Target, reads: &mut BTreeSet<Target>) -> Vec<BacklinkView> {
        self.links
            .backlinks_of(target)
            .iter()
            .map(|Mention { from, snippet, .. }| {
                reads.insert(from.clone());
                BacklinkView {
                    title: self.resolver.title(from),
                    url: self.target_url(from),
                    kind: from.kind(),
                    snippet: snippet.to_string(),
                }
            })
            .collect()
    }

    pub fn usage_card(&self, p: &Product, reads: &mut BTreeSet<Target>) -> UsageCard {
        reads.insert(Target::Product(p.slug.clone()));
        let routine = &self.site.config.routine;
        let usage = &p.usage;
        let step_label = routine.steps[usage.step].label.clone();
        let mut strip: Vec<RoutineStepView> = routine
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| RoutineStepView {
                label: s.label.clone(),
                here: i == usage.step && usage.position.is_none(),
            })
            .collect();
        // An override moves the product out of its step: show it where it goes.
        let moved = RoutineStepView {
            label: format!("{} ({})", step_label, p.name),
            here: true,
        };
        let position = usage.position.as_ref().map(|position| {
            let step = |i: &usize| routine.steps[*i].label.to_lowercase();
            match position {
                Position::First => {
                    strip.insert(0, moved);
                    "Goes on first, before the rest of the routine.".to_string()
                }
                Position::Last => {
                    strip.push(moved);
                    "Goes on as the very last step, over everything else.".to_string()
                }
                Position::After(i) => {
                    strip.insert(i + 1, moved);
                    format!("Goes on after the {} step.", step(i))
                }
                Position::Before(i) => {
                    strip.insert(*i, moved);
                    format!("Goes on before the {} step.", step(i))
                }
            }
        });
        let reminders = usage
            .times
            .iter()
            .flat_map(|t| routine.reminders.for_time(*t).iter().cloned())
            .collect();
        UsageCard {
            product: LinkView {
                title: p.name.clone(),
                url: self.product_url(p),
            },
            frequency: usage.frequency.to_string(),
            times: usage
                .times
                .iter()
                .map(|t| TimeView {
                    key: match t {
                        TimeOfDay::Am => "am",
                        TimeOfDay::Pm => "pm",
                    },
                    label: t.label(),
                })
                .collect(),
            step: step_label,
            routine: strip,
            position,
            reminders,
            instructions_html: self.markdown(&usage.instructions.text, reads),
            cautions: usage.cautions.clone(),
        }
    }

    fn product_view(&self, p: &Product, reads: &mut BTreeSet<Target>) -> ProductView {
        let site = self.site;
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
            product_table(
                site,
                &neighbours,
                &default_fields(&site.config),
                format!(
                    "{} next to other {} products",
                    p.name,
                    category.name.to_lowercase()
                ),
                true,
                Some(&p.slug),
                &|q| self.product_url(q),
            )
        });
        ProductView {
            slug: p.slug.clone(),
            name: p.name.clone(),
            url: self.product_url(p),
            brand: LinkView {
                title: p.brand.name.clone(),
                url: self.target_url(&Target::Brand(p.brand.slug.clone())),
            },
            category: self.category_link(category),
            summary: p.summary.clone(),
            description_html: self.markdown(&p.description.text, reads),
            actives: p
                .actives
                .iter()
                .map(|a| ActiveView {
                    name: a.term.name.clone(),
                    url: self.target_url(&Target::Active(a.term.slug.clone())),
                    percent: a.percent.map(|v| format!("{}%", format_number(v))),
                })
                .collect(),
            concerns: self.concern_links(&p.concerns),
            specs: site
                .config
                .specs
                .iter()
                .filter_map(|spec| {
                    let value = p.specs.get(&spec.key)?;
                    let unit = match &spec.kind {
                        crate::config::SpecKind::Number { unit: Some(u) } => format!(" {u}"),
                        _ => String::new(),
                    };
                    Some(SpecRow {
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

    /// Up to six products of other categories that share a concern or an
    /// active with `p`: a few from each shared term, taken from a point in
    /// the term's list that depends on `p`, so related lists vary across
    /// products and cost the same whatever the catalogue's size.
    fn related(&self, p: &Product, reads: &mut BTreeSet<Target>) -> Vec<ProductCard> {
        const WANTED: usize = 6;
        const PER_TERM: usize = 2;
        let tax = &self.site.taxonomies;
        let terms = p
            .concerns
            .iter()
            .filter_map(|t| Some((Target::Concern(t.slug.clone()), tax.concerns.get(&t.slug)?)))
            .chain(p.actives.iter().filter_map(|a| {
                Some((
                    Target::Active(a.term.slug.clone()),
                    tax.actives.get(&a.term.slug)?,
                ))
            }));
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
                .filter(|other| {
                    *other != p.slug && self.site.products[*other].category != p.category
                })
                .filter(|other| !chosen.contains(other))
                .take(PER_TERM)
                .collect::<Vec<_>>();
            chosen.extend(picks);
        }
        chosen.truncate(WANTED);
        chosen
            .into_iter()
            .map(|slug| self.product_card(&self.site.products[slug], None, reads))
            .collect()
    }

    fn category_view(
        &self,
        c: &Category,
        number: usize,
        reads: &mut BTreeSet<Target>,
    ) -> CategoryView {
        let site = self.site;
        reads.insert(Target::Category(c.slug.clone()));
        let layout = &site.config.comparison;
        let total = table_pages(site, c);
        let members: Vec<&Product> = c.products.iter().filter_map(|s| site.product(s)).collect();
        let shown: Vec<&Product> = if members.len() <= layout.side_by_side_max {
            members
        } else {
            members
                .into_iter()
                .skip((number - 1) * layout.page_size)
                .take(layout.page_size)
                .collect()
        };
        for p in &shown {
            reads.insert(Target::Product(p.slug.clone()));
        }
        let table = (!shown.is_empty()).then(|| {
            let caption = if total > 1 {
                format!("{} compared (page {number} of {total})", c.name)
            } else {
                format!("{} compared", c.name)
            };
            let columns = side_by_side(&site.config, c.products.len());
            product_table(
                site,
                &shown,
                &default_fields(&site.config),
                caption,
                columns,
                None,
                &|q| self.product_url(q),
            )
        });
        let base = Target::Category(c.slug.clone()).path();
        let pagination = self.pagination(number, total, &|n| paged(&base, n));
        CategoryView {
            slug: c.slug.clone(),
            name: c.name.clone(),
            url: self.url(&paged(&base, number)),
            summary: c.summary.clone(),
            description_html: self.markdown(&c.description.text, reads),
            traits: c
                .traits
                .iter()
                .map(|(name, value)| TraitView {
                    name: name.clone(),
                    value: value.clone(),
                })
                .collect(),
            product_count: c.products.len(),
            table,
            pagination,
            comparisons: self.pair_links(Some(&c.slug), reads),
            backlinks: self.backlinks(&Target::Category(c.slug.clone()), reads),
        }
    }

    /// Links to the category-versus-category pages (those involving `only`).
    fn pair_links(&self, only: Option<&str>, reads: &mut BTreeSet<Target>) -> Vec<LinkView> {
        let site = self.site;
        site.config
            .category_pairs
            .iter()
            .filter(|pair| only.is_none_or(|c| pair.left == c || pair.right == c))
            .inspect(|pair| {
                reads.insert(Target::Category(pair.left.clone()));
                reads.insert(Target::Category(pair.right.clone()));
            })
            .map(|pair| LinkView {
                title: format!(
                    "{} vs {}",
                    site.categories[&pair.left].name, site.categories[&pair.right].name
                ),
                url: self.url(&compare_path(&pair.left, &pair.right)),
            })
            .collect()
    }

    fn category_comparison(
        &self,
        categories: &[&Category],
        reads: &mut BTreeSet<Target>,
    ) -> ComparisonTable {
        for c in categories {
            reads.insert(Target::Category(c.slug.clone()));
            reads.extend(c.products.iter().cloned().map(Target::Product));
        }
        category_table(self.site, categories, &|c| self.category_link(c).url)
    }

    fn guide_view(&self, g: &Guide, reads: &mut BTreeSet<Target>) -> GuideView {
        reads.insert(Target::Guide(g.slug.clone()));
        GuideView {
            slug: g.slug.clone(),
            title: g.title.clone(),
            url: self.target_url(&Target::Guide(g.slug.clone())),
            summary: g.summary.clone(),
            date: g.date.clone(),
            updated: g.updated.clone(),
            author: g.author.clone(),
            concerns: self.concern_links(&g.concerns),
            content_html: self.markdown(&g.body.text, reads),
            products: g
                .products
                .iter()
                .filter_map(|s| self.site.product(s))
                .map(|p| self.product_card(p, None, reads))
                .collect(),
            backlinks: self.backlinks(&Target::Guide(g.slug.clone()), reads),
        }
    }

    fn taxonomy_index(
        &self,
        kind: TaxonomyKind,
        reads: &mut BTreeSet<Target>,
    ) -> TaxonomyIndexView {
        let (singular, plural, _) = kind.names();
        let mut terms: Vec<TaxonCard> = taxa(self.site, kind)
            .values()
            .inspect(|t| {
                reads.insert(kind.target(&t.slug));
            })
            .map(|t| TaxonCard {
                name: t.name.clone(),
                url: self.target_url(&kind.target(&t.slug)),
                product_count: t.products.len(),
            })
            .collect();
        terms.sort_by_key(|t| t.name.to_lowercase());
        TaxonomyIndexView {
            kind: singular,
            kind_plural: plural,
            terms,
        }
    }

    fn taxon_view(
        &self,
        kind: TaxonomyKind,
        taxon: &Taxon,
        number: usize,
        reads: &mut BTreeSet<Target>,
    ) -> TaxonView {
        let site = self.site;
        let (singular, plural, section) = kind.names();
        let target = kind.target(&taxon.slug);
        // The taxon holds the member list in display order: reading it covers
        // which products are on which page.
        reads.insert(target.clone());
        let per_page = site.config.list_page_size;
        let products = taxon
            .products
            .iter()
            .skip((number - 1) * per_page)
            .take(per_page)
            .filter_map(|s| site.product(s))
            .map(|p| {
                let percent = match kind {
                    TaxonomyKind::Active => p
                        .actives
                        .iter()
                        .find(|a| a.term.slug == taxon.slug)
                        .and_then(|a| a.percent),
                    _ => None,
                };
                self.product_card(p, percent, reads)
            })
            .collect();
        let total = taxon.products.len().div_ceil(per_page).max(1);
        let base = target.path();
        TaxonView {
            kind: singular,
            kind_plural: plural,
            index_url: self.url(&format!("{section}/")),
            name: taxon.name.clone(),
            url: self.url(&paged(&base, number)),
            what_it_does: taxon.what_it_does.clone(),
            description_html: taxon
                .description
                .as_ref()
                .map(|d| self.markdown(&d.text, reads))
                .unwrap_or_default(),
            product_count: taxon.products.len(),
            products,
            pagination: self.pagination(number, total, &|n| paged(&base, n)),
            guides: taxon
                .guides
                .iter()
                .filter_map(|g| site.guide(g))
                .map(|g| self.guide_card(g, reads))
                .collect(),
            backlinks: self.backlinks(&target, reads),
        }
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
            pages: (1..=total)
                .map(|n| PageLink {
                    number: n,
                    url: url(n),
                    current: n == current,
                })
                .collect(),
        })
    }

    fn render_partial(&self, template: &str, name: &str, value: &impl serde::Serialize) -> String {
        let mut context = Context::new();
        context.insert("site", &self.site_view);
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

    fn embed(&self, embed: &Embed, reads: &mut BTreeSet<Target>) -> String {
        let site = self.site;
        match embed {
            Embed::Usage { product } => {
                let card = self.usage_card(&site.products[product], reads);
                self.render_partial("partials/usage_card.html", "card", &card)
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
                                (p.iter().collect(), "Products compared".into())
                            }
                            CompareSubject::Category(c) => {
                                let c = &site.categories[c];
                                (c.products.iter().collect(), format!("{} compared", c.name))
                            }
                            CompareSubject::Concern(c) => {
                                let t = &site.taxonomies.concerns[c];
                                (
                                    t.products.iter().collect(),
                                    format!("Products for {}", t.name.to_lowercase()),
                                )
                            }
                            CompareSubject::Categories(_) => unreachable!("handled above"),
                        };
                        let products: Vec<&Product> =
                            slugs.into_iter().filter_map(|s| site.product(s)).collect();
                        for p in &products {
                            reads.insert(Target::Product(p.slug.clone()));
                        }
                        let columns = side_by_side(&site.config, products.len());
                        product_table(site, &products, &fields, caption, columns, None, &|q| {
                            self.product_url(q)
                        })
                    }
                };
                self.render_partial("partials/comparison.html", "table", &table)
            }
        }
    }
}

/// The renderer as markdown sees it, noting what each link and embed reads.
struct Tracking<'r, 'a> {
    renderer: &'r Renderer<'a>,
    reads: std::cell::RefCell<BTreeSet<Target>>,
}

impl Surroundings for Tracking<'_, '_> {
    fn link(&self, destination: &str) -> Option<(String, String)> {
        let r = self.renderer;
        let target = r.resolver.resolve(destination).ok()?;
        let found = (r.target_url(&target), r.resolver.title(&target));
        self.reads.borrow_mut().insert(target);
        Some(found)
    }

    fn embed(&self, language: &str, body: &str) -> Option<String> {
        let embed = parse_embed(self.renderer.site, language, body)?.ok()?;
        let mut reads = BTreeSet::new();
        let html = self.renderer.embed(&embed, &mut reads);
        self.reads.borrow_mut().extend(reads);
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
fn escape(s: &str) -> String {
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
fn output_path(url_path: &str) -> String {
    if url_path.is_empty() {
        "index.html".into()
    } else if url_path.ends_with('/') {
        format!("{url_path}index.html")
    } else {
        url_path.to_string()
    }
}
