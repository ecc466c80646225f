//! Every word of the UI that does not come from content: the theme's strings
//! file `i18n/<language>.yaml`, with the site's own `i18n/<language>.yaml`
//! on top, key by key.
//!
//! A strings file is YAML: groups of keys (flattened to `group.key`), each a
//! text with `{name}` placeholders, or a set of forms chosen by a number:
//! an exact number (`"1"`, `"2"`) first, then the language's plural category
//! (`zero`, `one`, `two`, `few`, `many`, `other`, after CLDR). Templates call
//! `t(key="...", n=3, name="...")`; Rust code formats with `Strings::format`.
//! A key Rust or a template needs but no file has is a build error.

use std::collections::{BTreeMap, HashMap};

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};

use vial_base::diagnostic::{Code, Diagnostic, Location, SourceFile, did_you_mean};
use vial_yaml::{Origin, Pos, Reader, Value};

/// A number a string is chosen by: a count, or a range of counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Count {
    pub min: u32,
    pub max: u32,
}

impl Count {
    pub fn one(n: u32) -> Count {
        Count { min: n, max: n }
    }

    pub fn is_range(&self) -> bool {
        self.min != self.max
    }

    /// The middle of the range, for sorting and sums.
    pub fn mid(&self) -> f64 {
        (self.min as f64 + self.max as f64) / 2.0
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_range() {
            write!(f, "{}–{}", self.min, self.max)
        } else {
            write!(f, "{}", self.min)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Entry {
    Text(String),
    /// A list (month names, the words a schedule is read with): its
    /// items, and the text they show as (joined by commas).
    List(Vec<String>, String),
    /// Forms by exact number or plural category, as written.
    Forms(Vec<(String, String)>),
}

/// The UI strings of one language.
pub struct Strings {
    language: String,
    entries: HashMap<String, Entry>,
    rules: Option<PluralRules>,
    /// The keys the last file (the site's) adds, which no file before it
    /// has, with the file and where in it.
    added: Vec<(String, SourceFile, Location)>,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Strings({}, {} keys)", self.language, self.entries.len())
    }
}

impl PartialEq for Strings {
    fn eq(&self, other: &Self) -> bool {
        self.language == other.language && self.entries == other.entries
    }
}

/// Keys Rust code formats with; every strings file in use must have them.
pub const RUST_KEYS: &[&str] = &[
    "value.yes",
    "value.no",
    "value.none",
    "value.and",
    "value.list_separator",
    "grammar.small_letters_in_sentences",
    "date.months",
    "date.format",
    "nav.products",
    "nav.categories",
    "nav.guides",
    "nav.routine",
    "routine.title",
    "meta.routine_description",
    "kind.product",
    "kind.category",
    "kind.guide",
    "kind.compare",
    "kind.page",
    "search.also_known_as",
    "search.kind.product",
    "search.kind.category",
    "search.kind.guide",
    "search.kinds.product",
    "search.kinds.category",
    "search.kinds.guide",
    "search.kind.page",
    "search.kinds.page",
    "count.products",
    "schedule.daily",
    "schedule.per_day",
    "schedule.per_week",
    "schedule.per_month",
    "schedule.per_year",
    "schedule.every_days",
    "schedule.every_weeks",
    "schedule.every_months",
    "schedule.every_years",
    "schedule.every_hours",
    "schedule.cycle",
    "schedule.off_days",
    "schedule.off_weeks",
    "schedule.once",
    "schedule.as_needed",
    "schedule.course_days",
    "schedule.course_weeks",
    "schedule.for_days",
    "schedule.for_weeks",
    "schedule.then",
    "schedule.in_seasons",
    "schedule.every_season",
    "season.spring",
    "season.summer",
    "season.autumn",
    "season.winter",
    "position.first",
    "position.last",
    "position.after",
    "position.before",
    "usage.any_time",
    "usage.placed_first",
    "usage.placed_last",
    "usage.placed_after",
    "usage.placed_before",
    "product.comparison_caption",
    "taxonomy.highest_first",
    "taxonomy.lowest_first",
    "comparison.product",
    "comparison.products",
    "comparison.category",
    "comparison.compared",
    "comparison.compared_page",
    "comparison.for_term",
    "comparison.frequency",
    "comparison.time",
    "comparison.step",
    "comparison.count",
    "comparison.common_frequency",
    "comparison.used_in_slot",
    "comparison.usual_step",
    "comparison.share",
    "comparison.most_common",
    "comparison.varies",
    "comparison.versus",
    "meta.products",
    "meta.products_description",
    "meta.categories",
    "meta.categories_description",
    "meta.guides",
    "meta.guides_description",
    "meta.not_found",
    "meta.not_found_description",
    "meta.compare",
    "meta.compare_description",
    "meta.product_description",
    "meta.category_description",
    "meta.taxonomy_description",
    "meta.term_description",
    "feed.guides",
    "feed.products",
    "filter.bucket.daily",
    "filter.bucket.several-a-week",
    "filter.bucket.weekly",
    "filter.bucket.less-often",
    "filter.bucket.course",
    "filter.bucket.as-needed",
    "filter.bucket.on-event",
    "filter.event",
    "filter.measure",
];

impl Strings {
    /// Reads `files` in order (the theme's, then the site's: later keys
    /// win) for `language`. Problems come back with the strings read.
    pub fn load(language: &str, files: &[SourceFile]) -> (Strings, Vec<Diagnostic>) {
        let mut entries = HashMap::new();
        let mut problems = Vec::new();
        let mut added = Vec::new();
        for (i, file) in files.iter().enumerate() {
            let origin = Origin::whole(file.clone());
            let (read, mut found) = origin.read(&file.text, "strings file", |r, mut top| {
                let mut flat = Vec::new();
                for entry in top.entries() {
                    flatten(r, &entry.key.name, entry.key.at, &entry.value, &mut flat);
                }
                top.finish(r);
                flat
            });
            problems.append(&mut found);
            for (key, entry, at) in read.unwrap_or_default() {
                if i > 0 && i + 1 == files.len() && !entries.contains_key(&key) {
                    added.push((key.clone(), file.clone(), file.location(at.line, at.column)));
                }
                entries.insert(key, entry);
            }
        }
        let rules = language
            .parse::<unic_langid::LanguageIdentifier>()
            .ok()
            .and_then(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok());
        let strings = Strings {
            language: language.to_string(),
            entries,
            rules,
            added,
        };
        (strings, problems)
    }

    pub fn language(&self) -> &str {
        &self.language
    }

    pub fn has(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Keys of `needed` that no file has, reported at the last file (the
    /// one a site would add them to).
    pub fn missing(&self, needed: &[&str], files: &[SourceFile]) -> Vec<Diagnostic> {
        let location = files
            .last()
            .map_or_else(|| Location::file("i18n"), |f| Location::file(&f.path));
        needed
            .iter()
            .filter(|k| !self.has(k))
            .map(|key| {
                Diagnostic::error(
                    Code::MissingString,
                    location.clone(),
                    format!("no text for `{key}` in the strings of `{}`", self.language),
                )
                .with_help(format!(
                    "add it to the site's i18n/{}.yaml (as `{}:` under `{}:`); the theme's en.yaml shows the English",
                    self.language,
                    key.rsplit('.').next().unwrap_or(key),
                    key.split('.').next().unwrap_or(key)
                ))
            })
            .collect()
    }

    /// The keys the site's file adds that nothing reads (`read` says what
    /// the templates read) and that are a letter or two from a key the
    /// theme has: misspelt, so the theme's text shows in their place.
    /// Warnings, at the key's line.
    pub fn misspelt(&self, read: impl Fn(&str) -> bool) -> Vec<Diagnostic> {
        let theirs: Vec<&str> = self
            .entries
            .keys()
            .map(String::as_str)
            .filter(|k| !self.added.iter().any(|(added, ..)| added == k))
            .collect();
        self.added
            .iter()
            .filter(|(key, ..)| !read(key))
            .filter_map(|(key, file, at)| {
                let meant = did_you_mean(key, theirs.iter().copied())?;
                Some(
                    file.error(
                        Code::UnknownString,
                        at.clone(),
                        format!("no template reads the string `{key}`"),
                    )
                    .with_help(format!(
                        "did you mean `{meant}`? Until the key is right, the theme's text shows"
                    ))
                    .into_warning(),
                )
            })
            .collect()
    }

    /// The text of `key` with `{name}` placeholders filled from `args`.
    pub fn text(&self, key: &str, args: &[(&str, &str)]) -> String {
        let raw = match self.entries.get(key) {
            Some(Entry::Text(t)) => t.as_str(),
            Some(Entry::List(_, joined)) => joined.as_str(),
            Some(Entry::Forms(forms)) => forms
                .iter()
                .find(|(k, _)| k == "other")
                .map_or("", |(_, t)| t.as_str()),
            // Checked at load; a stray key shows itself rather than vanish.
            None => key,
        };
        fill(raw, args)
    }

    /// The items of a list key as written (a text is a list of one; a
    /// missing key, of none).
    pub fn items(&self, key: &str) -> Vec<&str> {
        match self.entries.get(key) {
            Some(Entry::List(items, _)) => items.iter().map(String::as_str).collect(),
            Some(Entry::Text(t)) => vec![t.as_str()],
            Some(Entry::Forms(forms)) => forms.iter().map(|(_, t)| t.as_str()).collect(),
            None => Vec::new(),
        }
    }

    /// The keys below `prefix` (`grammar.schedule.aliases`), without it,
    /// sorted.
    pub fn keys_under<'s>(&'s self, prefix: &str) -> Vec<&'s str> {
        let mut keys: Vec<&str> = self
            .entries
            .keys()
            .filter_map(|k| k.strip_prefix(prefix)?.strip_prefix('.'))
            .collect();
        keys.sort_unstable();
        keys
    }

    /// The text of `key` as written (the form for `n`, when given), with
    /// its placeholders left in.
    pub fn form<'s>(&'s self, key: &'s str, n: Option<Count>) -> &'s str {
        match (self.entries.get(key), n) {
            (Some(Entry::Text(t)), _) => t,
            (Some(Entry::List(_, joined)), _) => joined,
            (Some(Entry::Forms(forms)), Some(n)) => self.pick(forms, n),
            (Some(Entry::Forms(forms)), None) => forms
                .iter()
                .find(|(k, _)| k == "other")
                .map_or("", |(_, t)| t.as_str()),
            (None, _) => key,
        }
    }

    /// The form of `key` for `n` (a range picks by its upper end), with
    /// `{n}` and `args` filled.
    pub fn count(&self, key: &str, n: Count, args: &[(&str, &str)]) -> String {
        let shown = n.to_string();
        let mut all: Vec<(&str, &str)> = vec![("n", &shown)];
        all.extend_from_slice(args);
        let raw = match self.entries.get(key) {
            Some(Entry::Forms(forms)) => self.pick(forms, n),
            Some(Entry::Text(t)) => t.as_str(),
            Some(Entry::List(_, joined)) => joined.as_str(),
            None => key,
        };
        fill(raw, &all)
    }

    fn pick<'s>(&self, forms: &'s [(String, String)], n: Count) -> &'s str {
        let exact = (!n.is_range()).then(|| n.max.to_string());
        if let Some(exact) = exact
            && let Some((_, t)) = forms.iter().find(|(k, _)| *k == exact)
        {
            return t;
        }
        let category = self
            .rules
            .as_ref()
            .and_then(|r| r.select(n.max as u64).ok())
            .unwrap_or(PluralCategory::OTHER);
        let name = match category {
            PluralCategory::ZERO => "zero",
            PluralCategory::ONE => "one",
            PluralCategory::TWO => "two",
            PluralCategory::FEW => "few",
            PluralCategory::MANY => "many",
            PluralCategory::OTHER => "other",
        };
        forms
            .iter()
            .find(|(k, _)| k == name)
            .or_else(|| forms.iter().find(|(k, _)| k == "other"))
            .map_or("", |(_, t)| t.as_str())
    }

    /// A list of items joined the way the language joins them: `a, b and c`.
    pub fn list(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!(
                "{} {} {last}",
                rest.join(&self.text("value.list_separator", &[])),
                self.text("value.and", &[])
            ),
        }
    }

    /// `YYYY-MM-DD` as the language writes dates; anything else as is.
    pub fn date(&self, iso: &str) -> String {
        let parts: Vec<&str> = iso.split('-').collect();
        let [year, month, day] = parts.as_slice() else {
            return iso.to_string();
        };
        let (Ok(m), Ok(d)) = (month.parse::<usize>(), day.parse::<u32>()) else {
            return iso.to_string();
        };
        let months = self.text("date.months", &[]);
        let Some(name) = months.split(',').map(str::trim).nth(m.wrapping_sub(1)) else {
            return iso.to_string();
        };
        let day = d.to_string();
        self.text(
            "date.format",
            &[("year", year), ("month", name), ("day", &day)],
        )
    }

    /// Every key and its text (forms: the `other` form), for templates that
    /// look strings up by name.
    pub fn keys(&self) -> BTreeMap<&str, String> {
        self.entries
            .keys()
            .map(|k| (k.as_str(), self.text(k, &[])))
            .collect()
    }
}

/// `{name}` replaced by its value; unknown placeholders stay as written.
pub fn fill(raw: &str, args: &[(&str, &str)]) -> String {
    if !raw.contains('{') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len() + 16);
    let mut rest = raw;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Adds the entries below `prefix` (whose key is `at`) to `out`: text,
/// forms, or a group.
fn flatten(
    r: &mut Reader,
    prefix: &str,
    at: Pos,
    node: &vial_yaml::Node,
    out: &mut Vec<(String, Entry, Pos)>,
) {
    match &node.value {
        Value::Scalar(s) => out.push((prefix.to_string(), Entry::Text(s.text.clone()), at)),
        Value::Empty => out.push((prefix.to_string(), Entry::Text(String::new()), at)),
        Value::List(items) => {
            let texts: Vec<String> = items
                .iter()
                .filter_map(|n| match &n.value {
                    Value::Scalar(s) => Some(s.text.clone()),
                    _ => None,
                })
                .collect();
            let joined = texts.join(", ");
            out.push((prefix.to_string(), Entry::List(texts, joined), at));
        }
        Value::Map(entries) => {
            let is_forms = !entries.is_empty() && entries.iter().all(|e| is_form_key(&e.key.name));
            if is_forms {
                let forms = entries
                    .iter()
                    .filter_map(|e| match &e.value.value {
                        Value::Scalar(s) => Some((e.key.name.clone(), s.text.clone())),
                        _ => {
                            form_error(r, e.value.at, prefix, &e.key.name);
                            None
                        }
                    })
                    .collect();
                out.push((prefix.to_string(), Entry::Forms(forms), at));
            } else {
                for e in entries {
                    flatten(
                        r,
                        &format!("{prefix}.{}", e.key.name),
                        e.key.at,
                        &e.value,
                        out,
                    );
                }
            }
        }
    }
}

fn form_error(r: &mut Reader, at: Pos, key: &str, form: &str) {
    r.error(
        Code::WrongType,
        at,
        format!("the `{form}` form of `{key}` is not text"),
        "write each form as one line of text",
    );
}

fn is_form_key(key: &str) -> bool {
    matches!(key, "zero" | "one" | "two" | "few" | "many" | "other")
        || (!key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests;
