//! Link destinations turned into targets: a wiki link (`slug`,
//! `kind:slug`) or a source link (`@/products/x.yaml`) resolved against the
//! site's pages and taxonomies, or why not, with the name the author
//! probably meant. Its own place because rendering resolves links through
//! it too, so a link that passed the link stage cannot fail there.

use super::Target;
use crate::model::Site;
use vial_base::diagnostic::suggestion;

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
const PAGE_KINDS: [&str; 4] = ["product", "category", "guide", "page"];

impl<'a> Resolver<'a> {
    pub fn new(site: &'a Site) -> Self {
        Self { site }
    }

    /// Whether the site publishes `target`.
    pub fn exists(&self, target: &Target) -> bool {
        let site = self.site;
        match target {
            Target::Product(s) => site.products.contains_key(s),
            Target::Category(s) => site.categories.contains_key(s),
            Target::Guide(s) => site.guides.contains_key(s),
            Target::Page(s) => site.pages.contains_key(s),
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
            Target::Page(_) => site.pages.keys().map(String::as_str).collect(),
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
            "page" => Target::Page(slug),
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

    pub(super) fn resolve_kind(&self, kind: &str, slug: &str) -> Result<Target, Unresolved> {
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
        // A free page's slug keeps its folders (`pages/help/contact.md`).
        let (folder, file) = match source.strip_prefix("pages/") {
            Some(file) => ("pages", file),
            None => source.rsplit_once('/').unwrap_or(("", source)),
        };
        let slug = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        let kind = match folder {
            "products" => "product",
            "categories" => "category",
            "guides" => "guide",
            "pages" => "page",
            _ => {
                return Err(Unresolved {
                    message: format!("`@/{source}` is not a content file"),
                    help: "link to `@/products/<slug>.yaml`, `@/categories/<slug>.yaml`, `@/guides/<slug>.md` or `@/pages/<path>.md`".into(),
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
            Target::Page(s) => site.pages.get(s).map(|g| g.title.clone()),
            Target::Term(key, s) => site.taxonomies.term(key, s).map(|t| t.name.clone()),
            // Its title is said in the site's language: the renderer's.
            Target::Compare(_) => None,
        };
        name.unwrap_or_else(|| target.slug().to_string())
    }
}
