//! The plan of a site: every page it has, in the order the driver renders
//! and the sitemap lists them, and where each goes (its URL path below the
//! base path, and the file below the output folder). Arithmetic on the
//! model, nothing rendered: the driver plans a build with it, and the
//! sitemap lists what it planned.

use super::{LanguageLink, PageKind};
use super::{category_data, publish, routine_builder};
use vial_site::config::Config;
use vial_site::link::Target;
use vial_site::model::{Category, Site, Taxon};

/// Every page the site has; a site in several languages (`languages`,
/// the default one first, as `Renderer::in_languages` takes them) lists
/// every language's pages in the default language's sitemap.
pub fn plan(site: &Site) -> Vec<PageKind> {
    plan_in(site, &[])
}

/// `plan`, for the default language of a site published in `languages`.
pub fn plan_in(site: &Site, languages: &[LanguageLink]) -> Vec<PageKind> {
    let per_page = site.config.list_page_size;
    let mut pages = vec![PageKind::Home, PageKind::Categories, PageKind::NotFound];
    // A language that leaves out what has no translation (`omits`) lists
    // and plans only what it has.
    let products = site.product_order.len();
    let guides = site.guides_by_date().len();
    pages.extend((1..=products.div_ceil(per_page).max(1)).map(PageKind::Products));
    pages.extend((1..=guides.div_ceil(per_page).max(1)).map(PageKind::Guides));
    // Most sites leave nothing out: no target is made to ask.
    let omitting = site.leaves_out();
    let kept = |target: Target| !site.omits(&target);
    pages.extend(
        (site.products.keys())
            .filter(|s| !omitting || kept(Target::Product(s.to_string())))
            .cloned()
            .map(PageKind::Product),
    );
    let categories: Vec<&Category> = (site.categories.values())
        .filter(|c| !omitting || kept(Target::Category(c.slug.clone())))
        .collect();
    for category in &categories {
        for page in 1..=table_pages(site, category) {
            pages.push(PageKind::Category(category.slug.clone(), page));
        }
    }
    pages.extend(
        (site.guides.keys())
            .filter(|s| !omitting || kept(Target::Guide(s.to_string())))
            .cloned()
            .map(PageKind::Guide),
    );
    pages.extend(
        (site.pages.keys())
            .filter(|s| !omitting || kept(Target::Page(s.to_string())))
            .cloned()
            .map(PageKind::FreePage),
    );
    for decl in &site.config.taxonomies {
        pages.push(PageKind::Taxonomy(decl.key.clone()));
        for taxon in site.taxonomies.terms(&decl.key) {
            if omitting && !kept(Target::Term(decl.key.clone(), taxon.slug.clone())) {
                continue;
            }
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
    // Data, not pages: every category's, with the products this language
    // has, so that a product of a category it leaves out can still be
    // picked in the routine builder.
    pages.extend(site.categories.keys().cloned().map(PageKind::CategoryData));
    pages.push(PageKind::DataIndex);
    // Each old address, in each language that publishes its page.
    let mut froms: Vec<&str> = (site.redirects.iter())
        .filter(|r| !omitting || kept(r.to.clone()))
        .map(|r| r.from.as_str())
        .collect();
    // Two pages claiming one address are an error the driver reports.
    froms.dedup();
    pages.extend(froms.into_iter().map(|f| PageKind::Redirect(f.to_string())));
    // One robots.txt and one sitemap, at the site's root: the default
    // language's, listing every language's pages.
    if site.config.language_prefix().is_empty() {
        let urls = match languages {
            [] => pages.iter().filter(|k| k.in_sitemap()).count(),
            all => all.iter().map(|l| l.sitemap_urls()).sum(),
        };
        sitemap_files(urls, site.config.sitemap_urls, &mut pages);
        pages.push(PageKind::Robots);
        // Without redirects, no file: one left by an earlier build goes.
        if site.config.redirects.is_some() && !site.redirects.is_empty() {
            pages.push(PageKind::HostRedirects);
        }
    }
    pages.extend([
        PageKind::Feed(publish::Feed::Guides),
        PageKind::Feed(publish::Feed::Products),
        PageKind::Export(publish::Export::Products),
        PageKind::Export(publish::Export::Categories),
    ]);
    pages
}

/// One sitemap file, or an index of as many parts as `urls` need.
fn sitemap_files(urls: usize, per_file: usize, pages: &mut Vec<PageKind>) {
    if urls <= per_file {
        pages.push(PageKind::Sitemap);
    } else {
        pages.push(PageKind::SitemapIndex);
        pages.extend((1..=urls.div_ceil(per_file)).map(PageKind::SitemapPart));
    }
}

/// How many pages a category's comparison table needs.
pub(crate) fn table_pages(site: &Site, category: &Category) -> usize {
    let layout = &site.config.comparison;
    if category.products.len() <= layout.side_by_side_max {
        1
    } else {
        category.products.len().div_ceil(layout.page_size)
    }
}

/// How many pages a term's list takes: its products and its guides are
/// paginated side by side, so page n shows the n-th share of each.
pub fn taxon_pages(taxon: &Taxon, per_page: usize) -> usize {
    taxon
        .products
        .len()
        .max(taxon.guides.len())
        .div_ceil(per_page)
        .max(1)
}

/// The URL path of a page below the site's root (`products/x/`).
pub fn url_path(kind: &PageKind, config: &Config) -> String {
    match kind {
        PageKind::Home => String::new(),
        PageKind::Products(n) => paged("products/", *n),
        PageKind::Categories => "categories/".into(),
        PageKind::Guides(n) => paged("guides/", *n),
        PageKind::NotFound => "404.html".into(),
        PageKind::Product(slug) => Target::Product(slug.clone()).path(config),
        PageKind::Category(slug, n) => paged(&Target::Category(slug.clone()).path(config), *n),
        PageKind::Guide(slug) => Target::Guide(slug.clone()).path(config),
        PageKind::FreePage(slug) => Target::Page(slug.clone()).path(config),
        PageKind::Taxonomy(key) => {
            format!(
                "{}/",
                config.taxonomy(key).map_or(key.as_str(), |t| &t.path)
            )
        }
        PageKind::Taxon(key, slug, n) => {
            paged(&Target::Term(key.clone(), slug.clone()).path(config), *n)
        }
        PageKind::CompareIndex => "compare/".into(),
        PageKind::Compare(left, right) => compare_path(left, right),
        PageKind::Sitemap | PageKind::SitemapIndex => "sitemap.xml".into(),
        PageKind::SitemapPart(n) => format!("sitemap{n}.xml"),
        PageKind::Robots => "robots.txt".into(),
        PageKind::Feed(feed) => feed.path().into(),
        PageKind::Export(export) => export.path().into(),
        PageKind::Routine => format!("{}/", routine_builder::DIR),
        PageKind::CategoryData(category) => {
            format!("{}/{category}.json", category_data::DIR)
        }
        PageKind::DataIndex => format!("{}/index.json", category_data::DIR),
        PageKind::Redirect(from) => from.clone(),
        PageKind::HostRedirects => vial_site::config::REDIRECTS_FILE.into(),
    }
}

/// The path of page `number` of a paginated page at `base` (`x/` or `x/page/2/`).
pub(crate) fn paged(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

/// The URL path of the page comparing two categories.
pub fn compare_path(left: &str, right: &str) -> String {
    format!("compare/{left}-vs-{right}/")
}

/// The file a page is written to, below the output folder: below its
/// language's folder (`de/`) when it is not the default language's.
pub fn page_file(kind: &PageKind, config: &Config) -> String {
    let file = output_path(&url_path(kind, config));
    match config.language_prefix() {
        "" => file,
        prefix => format!("{prefix}{file}"),
    }
}

/// `products/x/` becomes `products/x/index.html`; files stay as they are.
pub fn output_path(url_path: &str) -> String {
    if url_path.is_empty() {
        "index.html".into()
    } else if url_path.ends_with('/') {
        format!("{url_path}index.html")
    } else {
        url_path.to_string()
    }
}
