//! `site.yaml`: read into a validated `Config`, defaults applied and paths
//! resolved against the site root.
//!
//! A site declares its domain here; vial's code knows none. `usage:` says
//! how products are used (time slots, routine steps, reminders, the events
//! and measures schedules count), `taxonomies:` which fields group products
//! into pages, `specs:` the fields comparison tables show, `filters:` what
//! lists can be narrowed by.

mod address;
mod filters;
mod languages;
mod limits;
mod links;
mod menus;
mod redirects;
mod reminders;
mod routine;
mod scope;
mod search;
mod similar;
mod specs;
mod taxonomy;
mod usage;
mod words;

use std::path::{Path, PathBuf};

pub use filters::filterable;
pub use languages::{LanguageDecl, Languages, Untranslated, is_code};
pub use limits::{Limits, PICTURE_SIDE, SLUG_LENGTH};
pub use links::LinksDecl;
pub use menus::{LISTS, MenuEntry, MenuTarget, Menus};
pub use redirects::{HostRedirects, REDIRECTS_FILE, RedirectHost};
pub use reminders::Reminder;
pub use routine::{GroupDecl, RoutineDecl, Rule, RuleKind, strength_taxonomy};
pub use scope::{Criterion, Named};
pub use search::{MAX_WEIGHT, SearchDecl, SearchWeights};
pub use similar::SimilarDecl;
pub use specs::{Choice, SpecField, SpecKind};
pub use taxonomy::{Order, Strength, TaxonomyDecl};
pub use usage::{Slot, Step, UsageDecl};
use vial_base::diagnostic::{Code, Diagnostics, Location, SourceFile};
use vial_yaml::{Fields, Origin, Reader, Spanned};
pub use words::UntranslatedWords;

pub const CONFIG_FILE: &str = "site.yaml";

#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonLayout {
    /// Up to this many products a table gets a column per product.
    pub side_by_side_max: usize,
    /// Rows per page when a table has a row per product.
    pub page_size: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub root: PathBuf,
    pub title: String,
    /// Without a trailing slash.
    pub base_url: String,
    /// Where site.yaml sets `base_url`.
    pub base_url_location: Option<Location>,
    /// The path part of `base_url`, with a trailing slash: every internal
    /// link starts with it, so a site can live below a domain's root.
    pub base_path: String,
    /// The site's root address, without a trailing slash, and its path,
    /// with one: where pictures, theme assets and static files are, shared
    /// by every language. The default language's `base_url` and
    /// `base_path` are these; another language's are below `<code>/`.
    pub root_url: String,
    pub root_path: String,
    pub description: String,
    pub language: String,
    /// Where site.yaml names the language, if it does.
    pub language_location: Option<Location>,
    /// The languages the site is published in (`languages:`).
    pub languages: Languages,
    pub theme: String,
    /// Where site.yaml names the theme, if it does.
    pub theme_location: Option<Location>,
    pub output_dir: PathBuf,
    /// Where site.yaml names the output folder, if it does.
    pub output_location: Option<Location>,
    pub comparison: ComparisonLayout,
    /// Entries per page of the product list and taxonomy pages.
    pub list_page_size: usize,
    pub usage: UsageDecl,
    pub taxonomies: Vec<TaxonomyDecl>,
    pub specs: Vec<SpecField>,
    /// The routine builder's groups and rules.
    pub routine: RoutineDecl,
    /// What makes products similar (`similar:`).
    pub similar: SimilarDecl,
    /// Synonyms and field weights of the search (`search:`).
    pub search: SearchDecl,
    /// What is said beside products' links to shops (`links:`).
    pub links: LinksDecl,
    /// Category slug pairs to compare on their own pages.
    pub category_pairs: Vec<CategoryPair>,
    /// The header's and footer's menus (`menus:`).
    pub menus: Menus,
    /// The host whose `_redirects` file vial writes (`redirects:`).
    pub redirects: Option<HostRedirects>,
    /// The facets lists can be filtered by, as comparison field keys.
    pub filters: Vec<String>,
    /// Publish theme CSS, JS and images under names carrying a hash of
    /// their bytes (off while previewing, where a stylesheet edit should
    /// not re-render every page).
    pub fingerprint_assets: bool,
    /// Minify pages, stylesheets and scripts (`--minify`).
    pub minify: bool,
    /// The most URLs one sitemap file lists; beyond, `sitemap.xml` is an
    /// index of files that each list that many (`SITEMAP_URLS`).
    pub sitemap_urls: usize,
    /// How much vial reads of one input (`limits:`).
    pub limits: Limits,
    /// Words of site.yaml (labels, messages) written without a form in
    /// some other language, where they are.
    pub untranslated_words: Vec<UntranslatedWords>,
    pub source: SourceFile,
}

/// The most URLs a sitemap file lists, as Zola does: the sitemap protocol
/// allows 50,000, and a file of 30,000 is made without holding much.
pub const SITEMAP_URLS: usize = 30_000;

#[derive(Debug, Clone, PartialEq)]
pub struct CategoryPair {
    pub left: String,
    pub right: String,
    pub location: Location,
}

impl CategoryPair {
    /// `<left>-vs-<right>`: the pair's page and its verdict file are named so.
    pub fn slug(&self) -> String {
        format!("{}-vs-{}", self.left, self.right)
    }
}

impl Config {
    pub fn spec(&self, key: &str) -> Option<&SpecField> {
        self.specs.iter().find(|s| s.key == key)
    }

    pub fn taxonomy(&self, key: &str) -> Option<&TaxonomyDecl> {
        self.taxonomies.iter().find(|t| t.key == key)
    }

    /// Parses and validates `site.yaml`.
    pub fn parse(root: &Path, source: SourceFile) -> Result<Config, Diagnostics> {
        Config::parse_in(root, source, None)
    }

    /// Parses `site.yaml` with its words (labels, messages) in language
    /// `reading` (the default language's when `None`).
    fn parse_in(
        root: &Path,
        source: SourceFile,
        reading: Option<&str>,
    ) -> Result<Config, Diagnostics> {
        let origin = Origin::whole(source);
        let (config, problems) = origin.read(&origin.file.text, "site settings", |r, top| {
            read_config(r, top, &origin, root, reading)
        });
        let problems = Diagnostics(problems);
        match config {
            Some(Some(config)) if !problems.has_errors() => Ok(config),
            _ => Err(problems),
        }
    }
}

/// The settings of site.yaml; `None` when a required one is missing.
fn read_config<'t>(
    r: &mut Reader<'t>,
    mut top: Fields<'t>,
    origin: &Origin,
    root: &Path,
    reading: Option<&str>,
) -> Option<Config> {
    let title = top.required_text(r, "title");
    let base_url = top.required_text(r, "base_url");
    let description = top.text(r, "description");
    let language = top.text(r, "language");
    let default_language = language.as_ref().map_or("en", |l| l.value.as_str());
    let languages = languages::read_languages(r, &mut top, origin, default_language);
    words::read_words_in(r, &languages, reading);
    let theme = top.text(r, "theme");
    let output = top.text(r, "output");
    let comparison = read_comparison(r, &mut top);
    let limits = group(r, &mut top, "limits", limits::read_limits);
    let list_page_size = read_list_page_size(r, &mut top);
    let (mut usage, reminders) = group(r, &mut top, "usage", usage::read_usage);
    let taxonomies = top
        .get("taxonomies")
        .map(|f| taxonomy::read_taxonomies(r, f))
        .unwrap_or_default();
    let specs = top
        .get("specs")
        .map(|f| specs::read_specs(r, f))
        .unwrap_or_default();
    if let Some(field) = reminders {
        let names = scope::Names {
            origin,
            usage: &usage,
            taxonomies: &taxonomies,
            specs: &specs,
        };
        usage.reminders = reminders::read_reminders(r, field, &names);
    }
    let routine = group(r, &mut top, "routine", |r, g| {
        routine::read_routine(r, g, origin, &usage, &taxonomies)
    });
    let filters = match top.get("filters") {
        Some(f) => filters::read_filters(r, f, &specs, &taxonomies, &usage),
        None => filters::all_facets(&specs, &taxonomies, &usage),
    };
    let similar = match top.get("similar").and_then(|f| f.fields(r)) {
        Some(g) => similar::read_similar(r, g, &taxonomies, &specs),
        None => SimilarDecl::defaults(&taxonomies, &specs),
    };
    let search = group(r, &mut top, "search", search::read_search);
    let links = group(r, &mut top, "links", links::read_links);
    let category_pairs = read_category_pairs(r, &mut top, origin);
    let menus = match top.get("menus").and_then(|f| f.fields(r)) {
        Some(g) => menus::read_menus(r, g, origin, &taxonomies),
        None => Menus::default(),
    };
    let redirects = redirects::read_redirects(r, &mut top, origin);
    top.finish(r);
    let untranslated_words = words::untranslated(r, origin);
    let base_url_text = base_url?;
    let address = site_address(r, &base_url_text)?;
    let (base_url, base_path) = (address.url, address.path);
    let theme_location = theme.as_ref().map(|t| origin.at(t));
    let theme = theme_name(r, theme)?;
    Some(Config {
        root: root.to_path_buf(),
        title: title?.value,
        base_url_location: Some(origin.at(&base_url_text)),
        root_url: base_url.clone(),
        root_path: base_path.clone(),
        base_url,
        base_path,
        description: description.map(|d| d.value).unwrap_or_default(),
        language_location: language.as_ref().map(|l| origin.at(l)),
        language: language.map_or_else(|| "en".to_string(), |l| l.value),
        languages,
        theme,
        theme_location,
        output_location: output.as_ref().map(|o| origin.at(o)),
        output_dir: root.join(output.map_or_else(|| "public".to_string(), |o| o.value)),
        comparison,
        list_page_size,
        usage,
        taxonomies,
        specs,
        routine,
        similar,
        search,
        links,
        category_pairs,
        menus,
        redirects,
        filters,
        fingerprint_assets: true,
        minify: false,
        sitemap_urls: SITEMAP_URLS,
        limits,
        untranslated_words,
        source: origin.file.clone(),
    })
}

/// The group of fields `name`, read by `read`; its default when site.yaml
/// has none (or writes it as something else than fields, reported).
fn group<'t, T: Default>(
    r: &mut Reader<'t>,
    top: &mut Fields<'t>,
    name: &'static str,
    read: impl FnOnce(&mut Reader<'t>, Fields<'t>) -> T,
) -> T {
    top.get(name)
        .and_then(|f| f.fields(r))
        .map(|g| read(r, g))
        .unwrap_or_default()
}

/// `comparison:`, how comparison tables are laid out, defaults applied.
fn read_comparison<'t>(r: &mut Reader<'t>, top: &mut Fields<'t>) -> ComparisonLayout {
    let (side_by_side_max, page_size) = group(r, top, "comparison", |r, mut g| {
        let side = count(r, &mut g, "side_by_side_max");
        let page = count(r, &mut g, "page_size");
        g.finish(r);
        (side, page)
    });
    ComparisonLayout {
        side_by_side_max: side_by_side_max.unwrap_or(6),
        page_size: page_size.unwrap_or(50).max(1),
    }
}

/// `lists: page_size`, the entries per page of lists, default applied.
fn read_list_page_size<'t>(r: &mut Reader<'t>, top: &mut Fields<'t>) -> usize {
    let page_size = group(r, top, "lists", |r, mut g| {
        let page = count(r, &mut g, "page_size");
        g.finish(r);
        page
    });
    page_size.unwrap_or(100).max(1)
}

/// `compare:`, the category pairs that get a page of their own, each
/// written as `[left, right]`.
fn read_category_pairs<'t>(
    r: &mut Reader<'t>,
    top: &mut Fields<'t>,
    origin: &Origin,
) -> Vec<CategoryPair> {
    top.get("compare")
        .and_then(|f| f.list(r))
        .unwrap_or_default()
        .iter()
        .filter_map(|pair| {
            let names = pair.texts(r);
            match names.as_slice() {
                [left, right] => Some(CategoryPair {
                    left: left.value.clone(),
                    right: right.value.clone(),
                    location: origin.location(pair.at()),
                }),
                _ => {
                    r.error(
                        Code::InvalidValue,
                        pair.at(),
                        "a comparison pair needs exactly two categories",
                        "write it as `[first-category, second-category]`",
                    );
                    None
                }
            }
        })
        .collect()
}

/// The site's address as `base_url` writes it, or why it cannot be one.
fn site_address(r: &mut Reader, base_url: &Spanned<String>) -> Option<address::Address> {
    address::parse(base_url.value.trim())
        .map_err(|why| {
            r.error(
                Code::InvalidValue,
                base_url.at,
                format!("`base_url` cannot be the site's address: {why}"),
                "write the address the site will be published at, like `https://example.org` or `https://example.org/docs/`",
            );
        })
        .ok()
}

/// The theme's folder name, `default` when site.yaml names none; `None`
/// when the name cannot be a folder's (reported).
fn theme_name(r: &mut Reader, theme: Option<Spanned<String>>) -> Option<String> {
    match theme {
        Some(t) if !is_slug(&t.value) => {
            r.error(
                Code::InvalidValue,
                t.at,
                format!("theme name `{}` is not a folder name", t.value),
                "use lowercase letters, digits and `-`, as in `default`",
            );
            None
        }
        Some(t) => Some(t.value),
        None => Some("default".to_string()),
    }
}

/// A whole number of at least 1.
fn count<'t>(r: &mut Reader<'t>, group: &mut Fields<'t>, name: &'static str) -> Option<usize> {
    let n = group.get(name)?.number(r)?;
    if n.value >= 1.0 && n.value.fract() == 0.0 && n.value <= 1e9 {
        return Some(n.value as usize);
    }
    r.error(
        Code::InvalidValue,
        n.at,
        format!("`{name}` is a whole number of at least 1"),
        format!("write, for example, `{name}: 50`"),
    );
    None
}

impl Config {
    /// Replaces `base_url` (from `--base-url`), or says why `url` cannot
    /// be the site's address.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), &'static str> {
        let address = address::parse(url)?;
        self.root_path = address.path.clone();
        self.root_url = address.url.clone();
        self.base_path = address.path;
        self.base_url = address.url;
        self.base_url_location = None;
        Ok(())
    }

    /// A warning when `base_url` is still a placeholder domain: canonical
    /// links, feeds and the sitemap would point nowhere.
    pub fn placeholder_warning(&self) -> Option<vial_base::diagnostic::Diagnostic> {
        let host = self
            .base_url
            .split_once("://")
            .map(|(_, rest)| rest.split(['/', ':']).next().unwrap_or(""))?;
        let placeholder = ["example.org", "example.com", "example.net"]
            .iter()
            .any(|p| host == *p || host.ends_with(&format!(".{p}")));
        if !placeholder {
            return None;
        }
        let message = format!("`base_url` is still the placeholder `{}`", self.base_url);
        let help = "set it to the address the site will be published at: canonical links, share cards, feeds and the sitemap use it (or pass `--base-url`)";
        let d = match &self.base_url_location {
            Some(at) => self.source.error(Code::PlaceholderUrl, at.clone(), message),
            None => vial_base::diagnostic::Diagnostic::error(
                Code::PlaceholderUrl,
                Location::file("--base-url"),
                message,
            ),
        };
        Some(d.with_help(help).into_warning())
    }
}

/// Slugs name files and URLs: lowercase ASCII letters, digits and `-`, at
/// most `SLUG_LENGTH` of them.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= SLUG_LENGTH
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Whether `key`, one of a list of declarations of `what`, is well formed
/// (by `valid`, `example` showing one that is) and not declared before;
/// reports why not.
fn new_key(
    r: &mut Reader,
    seen: &mut std::collections::BTreeSet<String>,
    key: &vial_yaml::Spanned<String>,
    what: &str,
    (valid, example): (fn(&str) -> bool, &str),
) -> bool {
    if !valid(&key.value) {
        r.error(
            Code::InvalidValue,
            key.at,
            format!("{what} `{}` is not a valid key", key.value),
            format!("use lowercase letters and digits, as in `{example}`"),
        );
        return false;
    }
    if !seen.insert(key.value.clone()) {
        r.error(
            Code::InvalidValue,
            key.at,
            format!("{what} `{}` is declared twice", key.value),
            "declare each once",
        );
        return false;
    }
    true
}

/// Keys of fields and declarations: lowercase ASCII letters, digits, `-`
/// and `_`.
pub fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn parse(text: &str) -> Result<Config, Diagnostics> {
        Config::parse(Path::new("/site"), SourceFile::new(CONFIG_FILE, text))
    }

    pub(super) const MINIMAL: &str = "title: T\nbase_url: https://example.org/docs/\n";

    #[test]
    fn defaults_are_applied() {
        let config = parse(MINIMAL).unwrap();
        assert_eq!(config.base_url, "https://example.org/docs");
        assert_eq!(config.base_path, "/docs/");
        assert_eq!(config.theme, "default");
        assert_eq!(config.output_dir, Path::new("/site/public"));
        assert!(config.usage.slots.is_empty() && config.usage.steps.is_empty());
        assert!(config.taxonomies.is_empty());
    }

    #[test]
    fn usage_declares_slots_steps_reminders_and_events() {
        let text = format!(
            "{MINIMAL}usage:\n  slots:\n    - {{key: with-food, label: With food}}\n    - bedtime\n  steps:\n    - prepare\n    - key: top-dress\n      label: Top-dress\n      description: A thin layer on top.\n  reminders:\n    - {{message: Not with coffee., slots: [bedtime], about: {{steps: [prepare]}}}}\n    - Read the label.\n  events:\n    - {{key: watering, one: watering, other: waterings}}\n    - meal\n"
        );
        let usage = parse(&text).unwrap().usage;
        let slots: Vec<(&str, &str)> = usage
            .slots
            .iter()
            .map(|s| (s.key.as_str(), s.label.as_str()))
            .collect();
        assert_eq!(slots, [("with-food", "With food"), ("bedtime", "Bedtime")]);
        assert_eq!(usage.steps[1].label, "Top-dress");
        assert_eq!(
            usage.steps[1].description.as_deref(),
            Some("A thin layer on top.")
        );
        assert_eq!(usage.steps[0].label, "Prepare");
        assert_eq!(usage.reminders.len(), 2);
        assert_eq!(usage.reminders[0].scope, [Criterion::Slots(vec![1])]);
        assert_eq!(usage.reminders[0].about, [Criterion::Steps(vec![0])]);
        assert_eq!(usage.reminders[1].message, "Read the label.");
        assert!(usage.reminders[1].scope.is_empty());
        assert_eq!(usage.vocabulary.events[0].other, "waterings");
        assert_eq!(usage.vocabulary.events[1].other, "meal");
    }

    #[test]
    fn taxonomies_take_defaults_and_refuse_clashes() {
        let text = format!(
            "{MINIMAL}taxonomies:\n  - {{key: brand, label: Brand, single: true, path: brands}}\n  - key: plant_types\n    label: Plant type\n    guides: true\n  - key: actives\n    label: Active\n    strength: {{field: percent, label: Strength, unit: \"%\"}}\n"
        );
        let config = parse(&text).unwrap();
        let [brand, plants, actives] = config.taxonomies.as_slice() else {
            panic!("{:?}", config.taxonomies)
        };
        assert_eq!((brand.path.as_str(), brand.related), ("brands", false));
        assert_eq!(plants.path, "plant-types");
        assert_eq!(plants.plural, "Plant types");
        assert!(plants.is_named("plant-type") && plants.is_named("plant_types"));
        assert_eq!(actives.strength.as_ref().unwrap().order, Order::Descending);

        let clash = format!(
            "{MINIMAL}taxonomies:\n  - {{key: tags, label: Tag}}\n  - {{key: labels, label: Label, path: tags}}\n"
        );
        let errors = parse(&clash).unwrap_err();
        assert!(
            errors.0[0].message.contains("takes a name or path"),
            "{errors}"
        );
        let reserved = format!("{MINIMAL}taxonomies:\n  - {{key: product, label: Product}}\n");
        assert!(parse(&reserved).is_err());
    }

    #[test]
    fn enum_values_keep_their_order_and_labels() {
        let text = format!(
            "{MINIMAL}specs:\n  - key: strength\n    label: Strength\n    type: enum\n    values: [low, high, {{key: very-high, label: Very high}}]\n  - key: volume\n    type: number\n    unit: ml\n    units: {{l: 1000}}\n"
        );
        let config = parse(&text).unwrap();
        let strength = config.spec("strength").unwrap();
        assert_eq!(strength.value_label("very-high"), "Very high");
        assert_eq!(strength.value_label("low"), "Low");
        assert_eq!(strength.value_rank("high"), Some(1));
        let volume = config.spec("volume").unwrap();
        assert_eq!(volume.label, "Volume");
        assert_eq!(
            volume.kind,
            SpecKind::Number {
                unit: Some("ml".into()),
                units: vec![("l".into(), 1000.0)]
            }
        );
    }

    #[test]
    fn enum_spec_without_values_is_an_error() {
        let text =
            format!("{MINIMAL}specs:\n  - key: strength\n    label: Strength\n    type: enum\n");
        let errors = parse(&text).unwrap_err();
        assert_eq!(errors.0.len(), 1);
        assert_eq!(errors.0[0].location.line, 4);
        assert!(errors.0[0].message.contains("has no `values`"));
    }

    #[test]
    fn slugs_are_lowercase_ascii_with_dashes() {
        assert!(is_slug("meso-ampoule-2"));
        assert!(!is_slug("Meso"));
        assert!(!is_slug("a_b"));
        assert!(!is_slug("-a"));
        assert!(!is_slug(""));
    }
}
