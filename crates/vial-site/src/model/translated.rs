//! A site in another language: the same model, its words overlaid by the
//! language's translation files. Every fact (specs, schedules, terms,
//! links) is the default language's, so no language can drift from it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::{Guide, Markdown, Site, Slug, Taxonomies, by_date};
use crate::config::Config;
use crate::config::Untranslated;
use crate::link::Target;
use crate::load::{Entry, RawWords, Translations};

/// What a language's site shows in the default language's words, for
/// want of a translation: the renderer marks it with that language, or
/// leaves the page out (`untranslated: omit`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fallback {
    pub products: BTreeSet<Slug>,
    pub categories: BTreeSet<Slug>,
    pub guides: BTreeSet<Slug>,
    /// Free pages, by their path below `content/pages/`.
    pub pages: BTreeSet<Slug>,
    /// Verdicts of category pairs, by the pair's slug.
    pub verdicts: BTreeSet<Slug>,
    /// `(taxonomy key, term slug)` of terms whose file has no translation.
    pub terms: BTreeSet<(String, Slug)>,
}

impl Fallback {
    /// Whether nothing falls back: every site in one language, and the
    /// default language's site of any.
    pub fn is_empty(&self) -> bool {
        self.products.is_empty()
            && self.categories.is_empty()
            && self.guides.is_empty()
            && self.pages.is_empty()
            && self.verdicts.is_empty()
            && self.terms.is_empty()
    }

    /// Whether the page `target` shows the default language's words.
    pub fn has(&self, target: &Target) -> bool {
        match target {
            Target::Product(s) => self.products.contains(s),
            Target::Category(s) => self.categories.contains(s),
            Target::Guide(s) => self.guides.contains(s),
            Target::Page(s) => self.pages.contains(s),
            // Most sites have none: no key is made to look for it.
            Target::Term(_, _) if self.terms.is_empty() => false,
            Target::Term(key, s) => self.terms.contains(&(key.clone(), s.clone())),
            Target::Compare(_) => false,
        }
    }
}

impl Site {
    /// The site in language `code`, its words taken from `words` where
    /// they translate something (the default language's otherwise). `None`
    /// when the site does not declare `code`.
    pub fn translated(&self, code: &str, words: &Translations) -> Option<Site> {
        let config = self.config.for_language(code)?;
        let mut site = self.clone();
        site.config = config;
        let mut fallback = Fallback::default();
        for (slug, product) in site.products.iter_mut() {
            let Some(entry) = words.products.get(slug) else {
                fallback.products.insert(slug.clone());
                continue;
            };
            let p = Arc::make_mut(product);
            let w = &entry.raw;
            overlay_text(&mut p.name, w.name.as_ref().map(|n| &n.value));
            overlay_text(&mut p.summary, w.summary.as_ref());
            overlay_markdown(&mut p.description, entry, w.description.as_ref());
            overlay_markdown(&mut p.usage.instructions, entry, w.instructions.as_ref());
            if let Some(aka) = &w.aka {
                p.aka = aka.clone();
            }
            if let Some(cautions) = &w.cautions {
                p.usage.cautions = cautions.clone();
            }
            p.images
                .with_alt_texts(w.image_alt.as_ref(), w.gallery_alts.as_ref());
        }
        for (slug, category) in site.categories.iter_mut() {
            let Some(entry) = words.categories.get(slug) else {
                fallback.categories.insert(slug.clone());
                continue;
            };
            let w = &entry.raw;
            overlay_text(&mut category.name, w.name.as_ref().map(|n| &n.value));
            overlay_text(&mut category.summary, w.summary.as_ref());
            overlay_markdown(&mut category.description, entry, w.description.as_ref());
            if let Some(aka) = &w.aka {
                category.aka = aka.clone();
            }
            (category.images).with_alt_texts(w.image_alt.as_ref(), w.gallery_alts.as_ref());
            // Traits translate in the order the original lists them.
            for (t, words) in category.traits.iter_mut().zip(w.traits.iter().flatten()) {
                *t = (words.name.clone(), words.value.clone());
            }
        }
        translate_guides(&mut site.guides, &words.guides, &mut fallback.guides);
        translate_guides(&mut site.pages, &words.pages, &mut fallback.pages);
        site.guide_order = by_date(&site.guides);
        translate_verdicts(&mut site, words, &mut fallback);
        let mut taxonomies = Taxonomies::clone(&site.taxonomies);
        translate_terms(&site.config, &mut taxonomies, words, &mut fallback);
        site.follow_translated_names(&mut taxonomies);
        site.taxonomies = Arc::new(taxonomies);
        site.fallback = fallback;
        if site.config.languages.untranslated == Untranslated::Omit {
            site.leave_out_untranslated();
        }
        Some(site)
    }

    /// Whether this language leaves the page `target` out: `untranslated:
    /// omit`, and no translation. Its entry stays in the model, so that a
    /// link to it (a product's category, a guide's `[[link]]`) still
    /// resolves, to the default language's page; every list leaves it out.
    pub fn omits(&self, target: &Target) -> bool {
        self.leaves_out() && self.fallback.has(target)
    }

    /// Whether this language leaves anything out (`omits`): a cheap test
    /// to make before making the targets to ask about.
    pub fn leaves_out(&self) -> bool {
        self.config.languages.untranslated == Untranslated::Omit && !self.fallback.is_empty()
    }

    /// Takes what has no translation out of every list of the model: the
    /// product and guide orders, each category's products and each term's
    /// products and guides. The renderer leaves it out of the lists that
    /// walk the model's maps (`omits`).
    fn leave_out_untranslated(&mut self) {
        let fallback = &self.fallback;
        self.product_order
            .retain(|s| !fallback.products.contains(s));
        self.guide_order
            .retain(|g| !fallback.guides.contains(&g.slug));
        for category in self.categories.values_mut() {
            category.products.retain(|s| !fallback.products.contains(s));
            // Positions follow from the products: made again on first use.
            category.positions = Default::default();
        }
        let taxonomies = Arc::make_mut(&mut self.taxonomies);
        let mut emptied = Vec::new();
        for (key, terms) in taxonomies.by_key.iter_mut() {
            for (slug, taxon) in terms.iter_mut() {
                taxon.products.retain(|s| !fallback.products.contains(s));
                taxon.guides.retain(|s| !fallback.guides.contains(s));
                // A term (a brand, which needs no translation) with
                // nothing left in this language has no page in it.
                if taxon.products.is_empty() && taxon.guides.is_empty() {
                    emptied.push((key.clone(), slug.clone()));
                }
            }
        }
        self.fallback.terms.extend(emptied);
    }
}

impl Site {
    /// Puts the lists in name order (the product list, each category's
    /// products, the terms' products where no strength orders them) in
    /// the order of the translated names: a German list is alphabetical
    /// in German.
    fn follow_translated_names(&mut self, taxonomies: &mut Taxonomies) {
        let mut order: Vec<(String, &Slug)> = (self.products.values())
            .map(|p| (p.name.to_lowercase(), &p.slug))
            .collect();
        order.sort_unstable();
        let rank: HashMap<&str, usize> = (order.iter().enumerate())
            .map(|(i, (_, slug))| (slug.as_str(), i))
            .collect();
        let by_rank = |list: &mut Vec<Slug>| {
            list.sort_by_key(|slug| rank.get(slug.as_str()).copied().unwrap_or(usize::MAX));
        };
        let product_order = order.iter().map(|(_, slug)| (*slug).clone()).collect();
        for category in self.categories.values_mut() {
            by_rank(&mut category.products);
            // Positions follow from the products: made again on first use.
            category.positions = Default::default();
        }
        for decl in self
            .config
            .taxonomies
            .iter()
            .filter(|t| t.strength.is_none())
        {
            for taxon in taxonomies.by_key.get_mut(&decl.key).into_iter().flatten() {
                by_rank(&mut taxon.1.products);
            }
        }
        self.product_order = product_order;
    }
}

/// Overlays guides' (or free pages') words; those without a translation
/// go into `fallback`.
fn translate_guides(
    guides: &mut BTreeMap<Slug, Arc<Guide>>,
    words: &BTreeMap<String, Entry<RawWords>>,
    fallback: &mut BTreeSet<Slug>,
) {
    for (slug, guide) in guides.iter_mut() {
        let Some(entry) = words.get(slug) else {
            fallback.insert(slug.clone());
            continue;
        };
        let g = Arc::make_mut(guide);
        let w = &entry.raw;
        overlay_text(&mut g.title, w.name.as_ref().map(|n| &n.value));
        overlay_text(&mut g.summary, w.summary.as_ref());
        if let Some(author) = &w.author {
            g.author = Some(author.clone());
        }
        (g.images).with_alt_texts(w.image_alt.as_ref(), w.gallery_alts.as_ref());
        if let Some(translation) = body_of(entry) {
            g.original_body = Some(std::mem::replace(&mut g.body, translation));
        }
    }
}

/// Overlays the verdicts' words: a summary, and the text below it.
fn translate_verdicts(site: &mut Site, words: &Translations, fallback: &mut Fallback) {
    for (slug, verdict) in site.verdicts.iter_mut() {
        let Some(entry) = words.verdicts.get(slug) else {
            fallback.verdicts.insert(slug.clone());
            continue;
        };
        let v = Arc::make_mut(verdict);
        let w = &entry.raw;
        if let Some(summary) = &w.summary {
            v.summary = summary.trim().to_string();
        }
        if let Some(body) = body_of(entry) {
            v.body = body;
        }
    }
}

/// Overlays the terms' words; a term without a translation keeps its name.
/// A name of its own (a brand's) with no words about it is the same in
/// every language: it has nothing to translate, so nothing falls back.
fn translate_terms(
    config: &Config,
    taxonomies: &mut Taxonomies,
    words: &Translations,
    fallback: &mut Fallback,
) {
    for (key, terms) in taxonomies.by_key.iter_mut() {
        let translated = words.terms.get(key);
        let proper_names = config.taxonomy(key).is_some_and(|t| t.proper_names);
        for (slug, taxon) in terms.iter_mut() {
            let Some(entry) = translated.and_then(|t| t.get(slug)) else {
                let has_words = taxon.description.is_some() || taxon.what_it_does.is_some();
                if has_words || !proper_names {
                    fallback.terms.insert((key.clone(), slug.clone()));
                }
                continue;
            };
            let w = &entry.raw;
            overlay_text(&mut taxon.name, w.name.as_ref().map(|n| &n.value));
            if let Some(what) = &w.what_it_does {
                taxon.what_it_does = Some(what.clone());
            }
            if let Some(description) = &w.description {
                taxon.description = Some(Markdown::from_yaml(&entry.origin, description));
            }
            if let Some(aka) = &w.aka {
                taxon.aka = aka.clone();
            }
        }
    }
}

/// A guide's or verdict's translated text below its front matter, read
/// at its own file's lines.
fn body_of(entry: &Entry<RawWords>) -> Option<Markdown> {
    let (text, line_offset) = entry.raw.body.as_ref()?;
    Some(Markdown {
        text: text.clone(),
        path: entry.origin.file.path.clone(),
        line_offset: *line_offset,
        indent: 0,
    })
}

fn overlay_text(into: &mut String, words: Option<&String>) {
    if let Some(words) = words {
        into.clone_from(words);
    }
}

fn overlay_markdown(
    into: &mut Markdown,
    entry: &Entry<RawWords>,
    words: Option<&vial_yaml::Spanned<String>>,
) {
    if let Some(words) = words {
        *into = Markdown::from_yaml(&entry.origin, words);
    }
}
