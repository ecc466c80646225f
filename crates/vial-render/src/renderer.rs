//! The renderer: the site, its links and the compiled theme in, pages out.
//! It renders the planned pages in parallel, each from the view its kind
//! builds (`pages`, or `publish` for the site files), and holds what every
//! page shares: the site's view, the URLs of content, pagination and the
//! partials. Its own place because it is how every page is rendered;
//! what each page shows is decided elsewhere.

use rayon::prelude::*;
use tera::{Context, Tera};

use super::plan::{page_file, url_path};
use super::theme::template_error;
use super::views::*;
use super::{Body, Fragments, Page, PageKind, Reads, Theme, escape, routine_builder, similar};
use vial_base::diagnostic::{Diagnostic, Diagnostics};
use vial_site::i18n::Strings;
use vial_site::link::{Links, Resolver, Target};
use vial_site::load::TemplateSource;
use vial_site::model::{Category, Product, Site, Term};
use vial_site::words::Words;

/// Renders pages. Everything was validated before, so the only errors left
/// are template errors.
pub struct Renderer<'a> {
    pub(crate) site: &'a Site,
    pub(crate) links: &'a Links,
    pub(crate) tera: &'a Tera,
    pub(crate) strings: &'a Strings,
    pub(crate) templates: &'a [TemplateSource],
    pub(crate) resolver: Resolver<'a>,
    /// The same for every page: built and converted for the templates
    /// once (a template value's maps and lists are shared, not copied).
    pub(crate) site_view: tera::Value,
    /// Products in the compact form similar products are ranked on, made
    /// the first time a page needs it.
    pub(crate) ranking: std::sync::OnceLock<similar::Ranking<'a>>,
    /// Whether some product of the site is of `time: any` (most sites
    /// have none, and lists need not look through their products then).
    pub(crate) any_time: std::sync::OnceLock<bool>,
    /// Pieces of earlier renders to take over, in `vial serve`.
    pub(crate) fragments: Option<&'a Fragments>,
    /// Every language the site is published in (`in_languages`); none for
    /// a site in one.
    pub(crate) languages: &'a [super::LanguageLink],
    /// Whether pages record what they read (`Page::reads`), for the memo
    /// of a build; `vial check` keeps no memo (`forgetting_reads`).
    pub(crate) keep_reads: bool,
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
            any_time: std::sync::OnceLock::new(),
            fragments: None,
            languages: &[],
            keep_reads: true,
        };
        renderer.site_view = tera::Value::from_serializable(&renderer.build_site_view());
        renderer
    }

    /// Renders pages without recording what they read: their `reads` are
    /// empty. For a render nothing is remembered of.
    pub fn forgetting_reads(mut self) -> Self {
        self.keep_reads = false;
        self
    }

    /// Takes over what `fragments` kept of earlier renders, and keeps what
    /// this one makes.
    pub fn keeping(mut self, fragments: &'a Fragments) -> Self {
        fragments.hold_term_names(self.site);
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
        // problem at every page was a large part of the memory a build
        // gained while it rendered.
        let problems = std::sync::Mutex::new(Diagnostics::default());
        // The large files first: the plan lists them last, and one thread
        // worked through them alone at the end of a build while the others
        // waited. Started first, the other pages fill in around them. The
        // results come back in the plan's order.
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

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.base_path)
    }

    /// The URL of a file every language shares (a picture's variant),
    /// below the site's root rather than the language's.
    pub(crate) fn shared_url(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.root_path)
    }

    pub(crate) fn t(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.strings.text(key, args)
    }

    pub(crate) fn words(&self) -> Words<'_> {
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
            .map(|section| {
                LinkView::new(
                    self.t(&format!("nav.{section}"), &[]),
                    self.url(&format!("{section}/")),
                )
            })
            .collect();
        let taxonomies: Vec<TaxonomyView> = config
            .taxonomies
            .iter()
            .map(|t| self.taxonomy_view(t))
            .collect();
        nav.extend(
            taxonomies
                .iter()
                .map(|t| LinkView::new(t.plural.clone(), t.url.clone())),
        );
        nav.push(LinkView::new(
            self.t("nav.routine", &[]),
            self.url(&format!("{}/", routine_builder::DIR)),
        ));
        // Menus site.yaml declares take the place of the one made above.
        if let Some(main) = &config.menus.main {
            nav = self.menu(main);
        }
        let footer_nav = (config.menus.footer.as_deref()).map_or_else(Vec::new, |f| self.menu(f));
        SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            language: config.language.clone(),
            base_url: config.base_url.clone(),
            base_path: config.base_path.clone(),
            root_path: config.root_path.clone(),
            nav,
            footer_nav,
            taxonomies,
        }
    }

    pub(crate) fn taxonomy_view(&self, t: &vial_site::config::TaxonomyDecl) -> TaxonomyView {
        TaxonomyView {
            key: t.key.clone(),
            label: t.label.clone(),
            plural: t.plural.clone(),
            url: self.url(&format!("{}/", t.path)),
        }
    }

    fn page(&self, kind: &PageKind) -> Result<Page, Diagnostic> {
        let mut reads = match self.keep_reads {
            true => Reads::default(),
            false => Reads::ignoring(),
        };
        let mut context = Context::new();
        context.insert_value("site", self.site_view.clone());
        let body = if let PageKind::Export(export) = kind {
            self.export(*export)
        } else if let PageKind::CategoryData(category) = kind {
            self.category_data(category, &mut reads)
        } else if let PageKind::DataIndex = kind {
            Body::Text(self.data_index())
        } else if let PageKind::HostRedirects = kind {
            Body::Text(self.host_redirects())
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
            path: page_file(kind, &self.site.config),
            body,
            reads,
        })
    }

    /// The meta of page `kind`: what it is, its title and description.
    pub(crate) fn meta(
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
            alternates: self.alternates(kind),
        }
    }

    pub(crate) fn category_link(&self, c: &Category) -> LinkView {
        self.target_link(&Target::Category(c.slug.clone()), &c.name)
    }

    /// A term of a product or guide, linked to its page and marked as
    /// `target_link` marks; `strength` is its strength there.
    pub(crate) fn term_view(&self, key: &str, term: &Term, strength: Option<String>) -> TermView {
        let target = Target::Term(key.to_string(), term.slug.to_string());
        let link = self.target_link(&target, self.site.term_name(key, term));
        TermView {
            name: link.title,
            url: link.url,
            strength,
            lang: link.lang,
            hreflang: link.hreflang,
        }
    }

    /// A link to `p` named by its name, marked as `target_link` marks.
    pub(crate) fn product_link(&self, p: &Product) -> LinkView {
        self.target_link(&Target::Product(p.slug.clone()), &p.name)
    }

    pub(crate) fn product_url(&self, p: &Product) -> String {
        self.target_url(&Target::Product(p.slug.clone()))
    }

    /// The URL path of a page below the base path (`products/x/`, or a
    /// file's name).
    pub(crate) fn path_of(&self, kind: &PageKind) -> String {
        url_path(kind, &self.site.config)
    }

    /// Links between the pages of a paginated page; `None` for one page.
    pub(crate) fn pagination(
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

    pub(crate) fn render_partial(
        &self,
        template: &str,
        name: &str,
        value: &impl serde::Serialize,
    ) -> String {
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
