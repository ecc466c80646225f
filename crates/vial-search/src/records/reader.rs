//! How each kind of page reads as a record: a product from its data, the
//! way its page shows it (byline and category, schedule, slots and steps,
//! terms, specs, then its texts), a category, a guide and a taxonomy term
//! from their texts. Markdown is read as plain text, noting the wiki links
//! it named and the titles they showed.

use vial_site::config::{Config, TaxonomyDecl};
use vial_site::i18n::{Count, Strings};
use vial_site::link::{Resolver, Target};
use vial_site::model::{Category, Guide, Product, Site, Taxon, Term};
use vial_site::words::{Words, byline, spec_value};

use super::Record;
use crate::text::plain_text;
use vial_site::config::SearchWeights;

/// Joins the non-empty parts with ` · `.
fn joined<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(SEPARATOR)
}

/// Between the parts of a record's text.
const SEPARATOR: &str = " · ";

/// What reads pages as records: the site, its strings, and the resolver
/// of its wiki links.
pub(super) struct Reader<'a> {
    pub(super) site: &'a Site,
    pub(super) strings: &'a Strings,
    pub(super) resolver: Resolver<'a>,
}

/// Plain text of a record's markdown, and the wiki links it named.
#[derive(Default)]
struct Plains {
    named: Vec<(String, String)>,
}

impl Plains {
    fn text(&mut self, reader: &Reader, markdown: &str) -> String {
        if markdown.trim().is_empty() {
            return String::new();
        }
        let (text, named) = plain_text(markdown, &|dest| link_title(&reader.resolver, dest));
        self.named.extend(named);
        text
    }
}

impl Plains {
    /// Notes the names the record shows for terms as if they were the
    /// titles of links to them (`concerns:dullness`): a description file
    /// that renames a term makes the kept record be read again.
    fn read_term_names<'t>(
        &mut self,
        reader: &Reader,
        terms: impl Iterator<Item = (&'t TaxonomyDecl, &'t Term)>,
    ) {
        for (decl, term) in terms {
            let name = reader.site.term_name(&decl.key, term);
            (self.named).push((format!("{}:{}", decl.key, term.slug), name.to_string()));
        }
    }
}

fn link_title(resolver: &Resolver, dest: &str) -> Option<String> {
    let target = resolver.resolve(dest).ok()?;
    Some(resolver.title(&target))
}

impl Reader<'_> {
    fn config(&self) -> &Config {
        &self.site.config
    }

    fn weights(&self) -> SearchWeights {
        self.config().search.weights
    }

    /// "Also known as: …", the part of a record that shows its `aka:`.
    fn aka_part(&self, aka: &[String]) -> (u8, String) {
        let text = if aka.is_empty() {
            String::new()
        } else {
            let names = self.strings.list(aka);
            self.strings
                .text("search.also_known_as", &[("names", &names)])
        };
        (self.weights().aka, text)
    }

    fn url(&self, target: &Target) -> String {
        format!("{}{}", self.config().base_path, target.path(self.config()))
    }

    /// The record of a page: `summary` first, then the other parts of its
    /// `text`; `aka` its other names, `None` for a page a reader does not
    /// type by name (a guide).
    fn record(
        &self,
        (target, title): (Target, &str),
        meta: String,
        summary: &str,
        text: Vec<(u8, String)>,
        aka: Option<&[String]>,
        plains: Plains,
    ) -> Record {
        let url = self.url(&target);
        let weights = self.weights();
        let has_summary = !summary.trim().is_empty();
        let text: Vec<(u8, String)> = std::iter::once((weights.summary, summary.to_string()))
            .chain(aka.map(|aka| self.aka_part(aka)))
            .chain(text)
            .collect();
        let names: Vec<String> = aka.map_or_else(Vec::new, |aka| {
            std::iter::once(title.to_string())
                .chain(aka.iter().cloned())
                .collect()
        });
        // `joined`, keeping where each part went: the parts are indexed
        // from there, not from copies as large as the text.
        let mut joined = String::with_capacity(text.iter().map(|(_, t)| t.len() + 4).sum());
        let mut parts = Vec::with_capacity(text.len());
        for (weight, part) in &text {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            if !joined.is_empty() {
                joined.push_str(SEPARATOR);
            }
            parts.push((*weight, joined.len()..joined.len() + part.len()));
            joined.push_str(part);
        }
        let text = joined;
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(url.as_bytes());
        h.update(&[0]);
        h.update(text.as_bytes());
        for field in [title, &meta]
            .into_iter()
            .chain(names.iter().map(String::as_str))
        {
            h.update(&[0]);
            h.update(field.as_bytes());
        }
        h.update(&[weights.title, weights.names, u8::from(has_summary)]);
        for (weight, at) in &parts {
            h.update(&[0, *weight]);
            h.update(&at.start.to_le_bytes());
            h.update(&at.end.to_le_bytes());
        }
        Record {
            url,
            target,
            title: title.to_string(),
            meta,
            head_weights: (weights.title, weights.names),
            names,
            text,
            parts,
            has_summary,
            named: plains.named,
            fingerprint: h.digest(),
        }
    }

    pub(super) fn product(&self, p: &Product, category: &Category) -> Record {
        let s = self.strings;
        let config = self.config();
        let words = Words {
            site: self.site,
            strings: s,
        };
        let meta = match byline(&words, p) {
            Some(name) => joined([
                s.text("product.by", &[("name", &name)]).as_str(),
                &category.name,
            ]),
            None => category.name.clone(),
        };
        let usage = &p.usage;
        let mut facts = vec![usage.schedule.describe(s, &config.usage.vocabulary)];
        let labels = |list: Vec<String>| s.list(&list);
        facts.push(labels(
            usage
                .slots
                .iter()
                .map(|i| config.usage.slots[*i].label.clone())
                .collect(),
        ));
        facts.push(labels(
            usage
                .steps
                .iter()
                .map(|i| config.usage.steps[*i].label.clone())
                .collect(),
        ));
        let terms: Vec<String> = config
            .taxonomies
            .iter()
            .filter(|decl| !decl.single)
            .filter_map(|decl| {
                let used = p.terms_of(&decl.key);
                (!used.is_empty()).then(|| {
                    let names: Vec<&str> = (used.iter())
                        .map(|t| self.site.term_name(&decl.key, &t.term))
                        .collect();
                    format!(
                        "{}: {}",
                        decl.plural,
                        names.join(&s.text("value.list_separator", &[]))
                    )
                })
            })
            .collect();
        let specs: Vec<String> = config
            .specs
            .iter()
            .filter_map(|spec| {
                let value = p.specs.get(&spec.key)?;
                // The value carries its unit, as on the page.
                let shown = spec_value(spec, value, s).text;
                Some(format!("{}: {shown}", spec.label))
            })
            .collect();
        let mut plains = Plains::default();
        plains.read_term_names(
            self,
            config
                .taxonomies
                .iter()
                .flat_map(|d| p.terms_of(&d.key).iter().map(move |u| (d, &u.term))),
        );
        let body = joined([
            plains.text(self, &p.description.text).as_str(),
            &plains.text(self, &usage.instructions.text),
            &usage.cautions.join(" "),
        ]);
        let w = self.weights();
        let text = vec![
            (w.usage, joined(facts.iter().map(String::as_str))),
            (w.names, joined(terms.iter().map(String::as_str))),
            (w.specs, joined(specs.iter().map(String::as_str))),
            (w.body, body),
        ];
        self.record(
            (Target::Product(p.slug.clone()), &p.name),
            meta,
            &p.summary,
            text,
            Some(&p.aka),
            plains,
        )
    }

    fn count(&self, n: usize) -> String {
        self.strings.count(
            "count.products",
            Count::one(u32::try_from(n).unwrap_or(u32::MAX)),
            &[],
        )
    }

    pub(super) fn category(&self, c: &Category) -> Record {
        let traits: Vec<String> = c
            .traits
            .iter()
            .map(|(name, value)| format!("{name}: {value}"))
            .collect();
        let mut plains = Plains::default();
        let w = self.weights();
        let text = vec![
            (w.body, plains.text(self, &c.description.text)),
            (w.body, joined(traits.iter().map(String::as_str))),
        ];
        let meta = self.count(c.products.len());
        self.record(
            (Target::Category(c.slug.clone()), &c.name),
            meta,
            &c.summary,
            text,
            Some(&c.aka),
            plains,
        )
    }

    /// The record of guide `g`, or of a free page (`target`), which is
    /// held as a guide.
    pub(super) fn guide(&self, g: &Guide, target: Target) -> Record {
        let config = self.config();
        let terms: Vec<String> = config
            .taxonomies
            .iter()
            .filter_map(|decl| {
                let used = g.terms.get(&decl.key).filter(|t| !t.is_empty())?;
                let names: Vec<&str> = (used.iter())
                    .map(|t| self.site.term_name(&decl.key, &t.term))
                    .collect();
                Some(format!(
                    "{}: {}",
                    decl.plural,
                    names.join(&self.strings.text("value.list_separator", &[]))
                ))
            })
            .collect();
        let mut plains = Plains::default();
        plains.read_term_names(
            self,
            config.taxonomies.iter().flat_map(|d| {
                g.terms
                    .get(&d.key)
                    .into_iter()
                    .flatten()
                    .map(move |t| (d, &t.term))
            }),
        );
        let w = self.weights();
        let text = vec![
            (w.names, joined(terms.iter().map(String::as_str))),
            (w.body, plains.text(self, &g.body.text)),
        ];
        let meta = g
            .date
            .as_deref()
            .map(|d| self.strings.date(d))
            .unwrap_or_default();
        self.record((target, &g.title), meta, &g.summary, text, None, plains)
    }

    pub(super) fn term(&self, key: &str, t: &Taxon) -> Record {
        let mut plains = Plains::default();
        let description = (t.description.as_ref()).map(|d| plains.text(self, &d.text));
        let text = vec![(self.weights().body, description.unwrap_or_default())];
        let meta = self.count(t.products.len());
        self.record(
            (Target::Term(key.to_string(), t.slug.clone()), &t.name),
            meta,
            t.what_it_does.as_deref().unwrap_or_default(),
            text,
            Some(&t.aka),
            plains,
        )
    }
}
