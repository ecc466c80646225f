//! The view of each kind of page but products': the home page, lists,
//! categories, guides, taxonomy pages and category-versus-category pages.

use tera::Context;

use super::Reads;
use super::category_data::FilterScope;
use super::comparison::{TableSpec, default_fields, product_table, side_by_side};
use super::picture::Role;
use super::views::*;
use super::{PageKind, Renderer, compare_path, paged, table_pages};
use vial_base::text::format_number;
use vial_site::config::{Order, TaxonomyDecl};
use vial_site::i18n::Count;
use vial_site::link::Target;
use vial_site::model::{Category, Guide, Product, Taxon};
use vial_site::words::byline;

/// A guide with this many sections gets a table of contents.
const CONTENTS_FROM: usize = 3;

impl Renderer<'_> {
    /// The URL path of a page below the base path (`products/x/`, or a
    /// file's name).
    pub(super) fn path_of(&self, kind: &PageKind) -> String {
        url_path(kind, &self.site.config)
    }

    /// Puts the page's view into `context`; returns its template and meta.
    pub(super) fn fill(
        &self,
        kind: &PageKind,
        context: &mut Context,
        reads: &mut Reads,
    ) -> (&'static str, PageMeta) {
        let site = self.site;
        let home = self.crumb(&site.config.title, "");
        match kind {
            PageKind::Home => {
                let categories = self.category_cards(reads);
                // Which guides are the latest depends on every guide's date
                // and title, which a rebuild watches apart
                // (`incremental::Stale::guides_listed`); the page reads
                // those it shows.
                let guides: Vec<GuideCard> = site
                    .guides_by_date()
                    .take(6)
                    .map(|g| self.guide_card(g, reads))
                    .collect();
                context.insert("categories", &categories);
                context.insert("guides", &guides);
                context.insert("product_count", &site.products.len());
                let meta = self.meta(kind, "home", &site.config.title, &site.config.description);
                ("index.html", meta)
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
                context.insert(
                    "filters",
                    &self.filter_settings(FilterScope::Everything, total > 1),
                );
                context.insert("products", &cards);
                context.insert("product_count", &site.products.len());
                context.insert(
                    "pagination",
                    &self.pagination(*number, total, &|n| paged("products/", n)),
                );
                let mut meta = self.meta(
                    kind,
                    "products",
                    &self.t("meta.products", &[]),
                    &self.t("meta.products_description", &[]),
                );
                meta.breadcrumbs = vec![home, self.crumb(&meta.title, "products/")];
                ("products.html", meta)
            }
            PageKind::Categories => {
                context.insert("categories", &self.category_cards(reads));
                context.insert("comparisons", &self.pair_links(None, reads));
                let mut meta = self.meta(
                    kind,
                    "categories",
                    &self.t("meta.categories", &[]),
                    &self.t("meta.categories_description", &[]),
                );
                meta.breadcrumbs = vec![home, self.crumb(&meta.title, "categories/")];
                ("categories.html", meta)
            }
            PageKind::Guides(number) => {
                let per_page = site.config.list_page_size;
                // Which guides are on which page depends on every guide's
                // date and title, watched apart (`Stale::guides_listed`).
                let guides: Vec<GuideCard> = site
                    .guides_by_date()
                    .skip((number - 1) * per_page)
                    .take(per_page)
                    .map(|g| self.guide_card(g, reads))
                    .collect();
                let total = site.guides.len().div_ceil(per_page).max(1);
                context.insert("guides", &guides);
                context.insert("guide_count", &site.guides.len());
                context.insert(
                    "pagination",
                    &self.pagination(*number, total, &|n| paged("guides/", n)),
                );
                let mut meta = self.meta(
                    kind,
                    "guides",
                    &self.t("meta.guides", &[]),
                    &self.t("meta.guides_description", &[]),
                );
                meta.breadcrumbs = vec![home, self.crumb(&meta.title, "guides/")];
                ("guides.html", meta)
            }
            PageKind::NotFound => {
                let mut meta = self.meta(
                    kind,
                    "404",
                    &self.t("meta.not_found", &[]),
                    &self.t("meta.not_found_description", &[]),
                );
                meta.noindex = true;
                ("404.html", meta)
            }
            PageKind::Product(slug) => {
                let product = &site.products[slug];
                let view = self.product_view(product, reads);
                let category = &site.categories[&product.category];
                let description = if product.summary.is_empty() {
                    self.t(
                        "meta.product_description",
                        &[("product", &product.name), ("category", &category.name)],
                    )
                } else {
                    product.summary.clone()
                };
                let mut meta = self.meta(kind, "product", &product.name, &description);
                meta.og_type = "product";
                meta.breadcrumbs = vec![
                    home,
                    self.crumb(&self.t("meta.categories", &[]), "categories/"),
                    self.crumb(
                        &category.name,
                        &Target::Category(category.slug.clone()).path(&site.config),
                    ),
                    self.crumb(&product.name, &self.path_of(kind)),
                ];
                context.insert("product", &view);
                meta.image = view.image.clone();
                ("product.html", meta)
            }
            PageKind::Category(slug, number) => {
                let category = &site.categories[slug];
                let view = self.category_view(category, *number, reads);
                context.insert("category", &view);
                let several = table_pages(site, category) > 1;
                context.insert(
                    "filters",
                    &self.filter_settings(FilterScope::Category(slug), several),
                );
                let description = if category.summary.is_empty() {
                    let count = self.strings.count(
                        "count.products",
                        Count::one(category.products.len() as u32),
                        &[],
                    );
                    self.t(
                        "meta.category_description",
                        &[("category", &category.name), ("products", &count)],
                    )
                } else {
                    category.summary.clone()
                };
                let mut meta = self.meta(kind, "category", &category.name, &description);
                meta.breadcrumbs = vec![
                    home,
                    self.crumb(&self.t("meta.categories", &[]), "categories/"),
                    self.crumb(&category.name, &self.path_of(kind)),
                ];
                meta.image = view.image.clone();
                ("category.html", meta)
            }
            PageKind::Guide(slug) => {
                let guide = &site.guides[slug];
                let view = self.guide_view(guide, reads);
                context.insert("guide", &view);
                let description = if guide.summary.is_empty() {
                    guide.title.clone()
                } else {
                    guide.summary.clone()
                };
                let mut meta = self.meta(kind, "guide", &guide.title, &description);
                meta.og_type = "article";
                meta.breadcrumbs = vec![
                    home,
                    self.crumb(&self.t("meta.guides", &[]), "guides/"),
                    self.crumb(&guide.title, &self.path_of(kind)),
                ];
                meta.image = view.image.clone();
                ("guide.html", meta)
            }
            PageKind::Taxonomy(key) => {
                let decl = site.config.taxonomy(key).expect("planned from the config");
                let view = self.taxonomy_index(decl, reads);
                context.insert("taxonomy", &view);
                let description = self.t("meta.taxonomy_description", &[("plural", &decl.plural)]);
                let mut meta = self.meta(kind, "taxonomy-list", &decl.plural, &description);
                meta.breadcrumbs = vec![home, self.crumb(&decl.plural, &self.path_of(kind))];
                ("taxonomy_list.html", meta)
            }
            PageKind::Taxon(key, slug, number) => {
                let decl = site.config.taxonomy(key).expect("planned from the config");
                let taxon = site
                    .taxonomies
                    .term(key, slug)
                    .expect("planned from the site");
                let view = self.taxon_view(decl, taxon, *number, reads);
                context.insert("taxon", &view);
                let several = taxon.products.len() > site.config.list_page_size;
                context.insert(
                    "filters",
                    &self.filter_settings(FilterScope::Term(key, taxon), several),
                );
                let description = taxon.what_it_does.clone().unwrap_or_else(|| {
                    let count = self.strings.count(
                        "count.products",
                        Count::one(taxon.products.len() as u32),
                        &[],
                    );
                    self.t(
                        "meta.term_description",
                        &[
                            ("term", &taxon.name),
                            ("products", &count),
                            ("taxonomy", &decl.label),
                        ],
                    )
                });
                let mut meta = self.meta(kind, "taxonomy", &taxon.name, &description);
                meta.breadcrumbs = vec![
                    home,
                    self.crumb(&decl.plural, &format!("{}/", decl.path)),
                    self.crumb(&taxon.name, &self.path_of(kind)),
                ];
                ("taxonomy.html", meta)
            }
            PageKind::CompareIndex => {
                context.insert("comparisons", &self.pair_cards(reads));
                context.insert("picker", &self.picker_settings());
                let mut meta = self.meta(
                    kind,
                    "compare-index",
                    &self.t("meta.compare_index", &[]),
                    &self.t("meta.compare_index_description", &[]),
                );
                meta.breadcrumbs = vec![home, self.crumb(&meta.title, &self.path_of(kind))];
                ("compare_index.html", meta)
            }
            PageKind::Compare(left, right) => {
                let (l, r) = (&site.categories[left], &site.categories[right]);
                reads.insert(Target::Category(left.clone()));
                reads.insert(Target::Category(right.clone()));
                let slug = format!("{left}-vs-{right}");
                reads.insert(Target::Compare(slug.clone()));
                let verdict = site.verdicts.get(&slug);
                let path = self.path_of(kind);
                let names = [("left", l.name.as_str()), ("right", r.name.as_str())];
                let view = CompareView {
                    title: self.t("meta.compare", &names),
                    url: self.url(&path),
                    left: self.category_link(l),
                    right: self.category_link(r),
                    summary: verdict.map(|v| v.summary.clone()).unwrap_or_default(),
                    verdict_html: verdict
                        .map(|v| self.markdown(&v.body.text, reads))
                        .unwrap_or_default(),
                    table: self.category_comparison(&[l, r], reads),
                    backlinks: self.backlinks(&Target::Compare(slug), reads),
                };
                let description = match verdict {
                    Some(v) if !v.summary.is_empty() => v.summary.clone(),
                    _ => self.t("meta.compare_description", &names),
                };
                let mut meta = self.meta(kind, "compare", &view.title, &description);
                meta.breadcrumbs = vec![
                    home,
                    self.crumb(&self.t("meta.compare_index", &[]), "compare/"),
                    self.crumb(&view.title, &path),
                ];
                context.insert("compare", &view);
                ("compare.html", meta)
            }
            PageKind::Routine => {
                let view = self.routine_view(reads);
                context.insert("routine", &view);
                let title = self.t("routine.title", &[]);
                let mut meta = self.meta(
                    kind,
                    "routine",
                    &title,
                    &self.t("meta.routine_description", &[]),
                );
                meta.breadcrumbs = vec![home, self.crumb(&title, &self.path_of(kind))];
                ("routine.html", meta)
            }
            PageKind::Sitemap
            | PageKind::SitemapIndex
            | PageKind::SitemapPart(_)
            | PageKind::Robots
            | PageKind::Feed(_)
            | PageKind::Export(_)
            | PageKind::CategoryData(_)
            | PageKind::DataIndex => {
                unreachable!("site files are not pages")
            }
        }
    }

    /// A link of a breadcrumb trail.
    fn crumb(&self, title: &str, path: &str) -> LinkView {
        LinkView {
            title: title.to_string(),
            url: self.url(path),
        }
    }

    /// A product in a list; `strength` is the number it carries for the term
    /// the list is about.
    pub(super) fn product_card(
        &self,
        p: &Product,
        strength: Option<String>,
        reads: &mut Reads,
    ) -> ProductCard {
        reads.insert(Target::Product(p.slug.clone()));
        reads.insert(Target::Category(p.category.clone()));
        let category = &self.site.categories[&p.category];
        ProductCard {
            name: p.name.clone(),
            url: self.product_url(p),
            byline: byline(&self.words(), p),
            category: self.category_link(category),
            summary: p.summary.clone(),
            strength,
            reasons: Vec::new(),
            image: p.images.main().map(|i| self.image_view(i, Role::Thumbnail)),
            routine_key: p.key(),
        }
    }

    fn date(&self, iso: &Option<String>) -> Option<DateView> {
        iso.as_ref().map(|iso| DateView {
            shown: self.strings.date(iso),
            iso: iso.clone(),
        })
    }

    fn guide_card(&self, g: &Guide, reads: &mut Reads) -> GuideCard {
        reads.insert(Target::Guide(g.slug.clone()));
        GuideCard {
            title: g.title.clone(),
            url: self.target_url(&Target::Guide(g.slug.clone())),
            summary: g.summary.clone(),
            date: self.date(&g.date),
        }
    }

    pub(super) fn category_cards(&self, reads: &mut Reads) -> Vec<CategoryCard> {
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

    fn category_view(&self, c: &Category, number: usize, reads: &mut Reads) -> CategoryView {
        let site = self.site;
        reads.insert(Target::Category(c.slug.clone()));
        let layout = &site.config.comparison;
        let total = table_pages(site, c);
        // Only this page's share of the members is looked up.
        let (skip, take) = if c.products.len() <= layout.side_by_side_max {
            (0, c.products.len())
        } else {
            ((number - 1) * layout.page_size, layout.page_size)
        };
        let shown: Vec<&Product> = c
            .products
            .iter()
            .skip(skip)
            .take(take)
            .filter_map(|s| site.product(s))
            .collect();
        for p in &shown {
            reads.insert(Target::Product(p.slug.clone()));
        }
        let table = (!shown.is_empty()).then(|| {
            let caption = if total > 1 {
                self.t(
                    "comparison.compared_page",
                    &[
                        ("name", &c.name),
                        ("page", &number.to_string()),
                        ("total", &total.to_string()),
                    ],
                )
            } else {
                self.t("comparison.compared", &[("name", &c.name)])
            };
            let spec = TableSpec {
                caption,
                side_by_side: side_by_side(&site.config, c.products.len()),
                current: None,
            };
            product_table(
                &self.words(),
                &shown,
                &default_fields(&site.config),
                spec,
                &|q| self.product_url(q),
            )
        });
        let base = Target::Category(c.slug.clone()).path(&site.config);
        let pagination = self.pagination(number, total, &|n| paged(&base, n));
        let (image, gallery) = self.image_views(&c.images, Role::Main);
        CategoryView {
            slug: c.slug.clone(),
            name: c.name.clone(),
            url: self.url(&paged(&base, number)),
            summary: c.summary.clone(),
            description_html: self.markdown(&c.description.text, reads),
            image,
            gallery,
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

    /// Every category-versus-category page, with its verdict's summary.
    fn pair_cards(&self, reads: &mut Reads) -> Vec<CompareCard> {
        let site = self.site;
        self.pair_links(None, reads)
            .into_iter()
            .zip(&site.config.category_pairs)
            .map(|(link, pair)| {
                let slug = pair.slug();
                reads.insert(Target::Compare(slug.clone()));
                let summary = site
                    .verdicts
                    .get(&slug)
                    .map(|v| v.summary.clone())
                    .unwrap_or_default();
                CompareCard {
                    title: link.title,
                    url: link.url,
                    summary,
                    left: self.category_link(&site.categories[&pair.left]),
                    right: self.category_link(&site.categories[&pair.right]),
                }
            })
            .collect()
    }

    /// Links to the category-versus-category pages (those involving `only`).
    fn pair_links(&self, only: Option<&str>, reads: &mut Reads) -> Vec<LinkView> {
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
                title: self.t(
                    "meta.compare",
                    &[
                        ("left", &site.categories[&pair.left].name),
                        ("right", &site.categories[&pair.right].name),
                    ],
                ),
                url: self.url(&compare_path(&pair.left, &pair.right)),
            })
            .collect()
    }

    fn guide_view(&self, g: &Guide, reads: &mut Reads) -> GuideView {
        reads.insert(Target::Guide(g.slug.clone()));
        let terms = self
            .site
            .config
            .taxonomies
            .iter()
            .filter_map(|decl| {
                let terms = g.terms.get(&decl.key).filter(|t| !t.is_empty())?;
                Some(TermGroup {
                    key: decl.key.clone(),
                    label: decl.label.clone(),
                    plural: decl.plural.clone(),
                    terms: terms
                        .iter()
                        .map(|t| TermView {
                            name: t.name.to_string(),
                            url: self
                                .target_url(&Target::Term(decl.key.clone(), t.slug.to_string())),
                            strength: None,
                        })
                        .collect(),
                })
            })
            .collect();
        let (content_html, outline) = self.markdown_with_outline(&g.body.text, reads);
        let sections = outline.iter().filter(|h| h.level == 2).count();
        let contents = if sections >= CONTENTS_FROM {
            outline
                .into_iter()
                .filter(|h| h.level == 2 || h.level == 3)
                .map(|h| ContentsEntry {
                    text: h.text,
                    url: format!("#{}", h.id),
                    level: h.level,
                })
                .collect()
        } else {
            Vec::new()
        };
        let (image, gallery) = self.image_views(&g.images, Role::Hero);
        GuideView {
            slug: g.slug.clone(),
            title: g.title.clone(),
            url: self.target_url(&Target::Guide(g.slug.clone())),
            summary: g.summary.clone(),
            date: self.date(&g.date),
            updated: self.date(&g.updated),
            author: g.author.clone(),
            terms,
            image,
            gallery,
            content_html,
            contents,
            products: g
                .products
                .iter()
                .filter_map(|s| self.site.product(s))
                .map(|p| self.product_card(p, None, reads))
                .collect(),
            backlinks: self.backlinks(&Target::Guide(g.slug.clone()), reads),
        }
    }

    fn taxonomy_index(&self, decl: &TaxonomyDecl, reads: &mut Reads) -> TaxonomyIndexView {
        let mut terms: Vec<TaxonCard> = self
            .site
            .taxonomies
            .terms(&decl.key)
            .map(|t| {
                let target = Target::Term(decl.key.clone(), t.slug.clone());
                let url = self.target_url(&target);
                reads.insert(target);
                TaxonCard {
                    name: t.name.clone(),
                    url,
                    product_count: t.products.len(),
                }
            })
            .collect();
        terms.sort_by_key(|t| t.name.to_lowercase());
        TaxonomyIndexView {
            taxonomy: self.taxonomy_view(decl),
            terms,
        }
    }

    fn taxon_view(
        &self,
        decl: &TaxonomyDecl,
        taxon: &Taxon,
        number: usize,
        reads: &mut Reads,
    ) -> TaxonView {
        let site = self.site;
        let target = Target::Term(decl.key.clone(), taxon.slug.clone());
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
                let strength = p
                    .terms_of(&decl.key)
                    .iter()
                    .find(|t| t.term.slug == taxon.slug)
                    .and_then(|t| t.strength)
                    .map(|n| strength_text(n, decl));
                self.product_card(p, strength, reads)
            })
            .collect();
        let total = super::taxon_pages(taxon, per_page);
        let base = target.path(&site.config);
        let count = self.strings.count(
            "count.products",
            Count::one(taxon.products.len() as u32),
            &[],
        );
        let order_note = decl.strength.as_ref().and_then(|s| {
            let key = match s.order {
                Order::Descending => "taxonomy.highest_first",
                Order::Ascending => "taxonomy.lowest_first",
                Order::Name => return None,
            };
            Some(self.t(
                key,
                &[("count", &count), ("label", &s.label.to_lowercase())],
            ))
        });
        TaxonView {
            taxonomy: self.taxonomy_view(decl),
            name: taxon.name.clone(),
            url: self.url(&paged(&base, number)),
            what_it_does: taxon.what_it_does.clone(),
            description_html: taxon
                .description
                .as_ref()
                .map(|d| self.markdown(&d.text, reads))
                .unwrap_or_default(),
            product_count: taxon.products.len(),
            order_note,
            products,
            pagination: self.pagination(number, total, &|n| paged(&base, n)),
            guides: taxon
                .guides
                .iter()
                .skip((number - 1) * per_page)
                .take(per_page)
                .filter_map(|g| site.guide(g))
                .map(|g| self.guide_card(g, reads))
                .collect(),
            backlinks: self.backlinks(&target, reads),
        }
    }
}

/// A strength with its unit: `2%`, `50 mg`. A unit that starts with a
/// letter is set apart by a space.
pub(super) fn strength_text(n: f64, decl: &TaxonomyDecl) -> String {
    let number = format_number(n);
    match decl.strength.as_ref().and_then(|s| s.unit.as_deref()) {
        Some(unit) if unit.starts_with(char::is_alphabetic) => format!("{number} {unit}"),
        Some(unit) => format!("{number}{unit}"),
        None => number,
    }
}

/// The URL path of a page below the site's root (`products/x/`).
pub fn url_path(kind: &PageKind, config: &vial_site::config::Config) -> String {
    match kind {
        PageKind::Home => String::new(),
        PageKind::Products(n) => paged("products/", *n),
        PageKind::Categories => "categories/".into(),
        PageKind::Guides(n) => paged("guides/", *n),
        PageKind::NotFound => "404.html".into(),
        PageKind::Product(slug) => Target::Product(slug.clone()).path(config),
        PageKind::Category(slug, n) => paged(&Target::Category(slug.clone()).path(config), *n),
        PageKind::Guide(slug) => Target::Guide(slug.clone()).path(config),
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
        PageKind::Routine => format!("{}/", super::routine_builder::DIR),
        PageKind::CategoryData(category) => {
            format!("{}/{category}.json", super::category_data::DIR)
        }
        PageKind::DataIndex => format!("{}/index.json", super::category_data::DIR),
    }
}
