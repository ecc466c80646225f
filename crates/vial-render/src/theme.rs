//! The theme compiled: its templates (the site's overrides on top) and the
//! UI strings of the site's language, reachable from templates as
//! `t(key="...", n=3, name="...")`.
//!
//! `t` escapes the string and every value it fills in, except values whose
//! name ends in `_html`, which a template builds itself (a link); its result
//! is safe. Every key a template names in `t(key="...")` and every key Rust
//! formats with must exist, or the build stops at the template's line.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use tera::{Kwargs, State, Tera, Value};

use vial_base::diagnostic::{Code, Diagnostic, Diagnostics, Location, SourceFile};
use vial_site::i18n::{Count, RUST_KEYS, Strings, fill};
use vial_site::load::TemplateSource;

use super::fold::fold_constants;

/// Templates and strings, compiled together: a change to either recompiles
/// both.
pub struct Theme {
    pub tera: Tera,
    pub strings: Arc<Strings>,
    /// What compiling it found that does not stop a build (a misspelt
    /// strings key), said again on every build that uses it.
    pub warnings: Vec<Diagnostic>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Theme({:?})", self.strings)
    }
}

/// `sitemap.xml` when a site has more pages than one sitemap file lists.
/// A theme may have its own; one made before it existed gets this one.
const SITEMAP_INDEX: (&str, &str) = (
    "sitemap_index.xml",
    include_str!("../../../themes/default/templates/sitemap_index.xml"),
);

/// Templates every theme must have.
const REQUIRED_TEMPLATES: [&str; 16] = [
    "index.html",
    "sitemap.xml",
    "atom.xml",
    "robots.txt",
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

/// Compiles the templates with the strings of `language` read from
/// `strings` (the theme's file, then the site's). Every problem of either
/// comes back.
pub fn compile_theme(
    templates: &[TemplateSource],
    language: &str,
    strings: &[SourceFile],
    assets: AssetUrls,
) -> Result<Theme, Diagnostics> {
    let (strings_read, mut problems) = Strings::load(language, strings);
    problems.extend(strings_read.missing(RUST_KEYS, strings));
    problems.extend(template_keys(templates, &strings_read));
    problems.extend(strings_read.misspelt(|key| {
        // The words schedules are read with: a site adds its own.
        if key.starts_with(vial_site::schedule::GRAMMAR_KEYS) {
            return true;
        }
        let quoted = format!("\"{key}\"");
        templates.iter().any(|t| t.file.text.contains(&quoted))
    }));
    let strings_read = Arc::new(strings_read);
    // What `t` and `asset` would write for a call with this one argument;
    // any other call (or a mistake, which must still fail) is left to them.
    let constant = |name: &str, argument: &str, literal: &str| match (name, argument) {
        ("t", "key") => strings_read
            .has(literal)
            .then(|| translate(&strings_read, literal, None, &[])),
        ("asset", "path") => assets.get(literal.trim_start_matches('/')).cloned(),
        _ => None,
    };
    let folded: Vec<_> = templates
        .iter()
        .map(|t| fold_constants(&t.file.text, &constant))
        .collect();
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    register_t(&mut tera, Arc::clone(&strings_read));
    register_asset(&mut tera, assets);
    if let Err(e) = tera.add_raw_templates(
        templates
            .iter()
            .zip(&folded)
            .map(|(t, text)| (t.name.as_str(), text.as_ref())),
    ) {
        problems.extend(template_errors(&e, templates));
    } else if !tera.contains_template(SITEMAP_INDEX.0)
        && let Err(e) = tera.add_raw_template(SITEMAP_INDEX.0, SITEMAP_INDEX.1)
    {
        problems.extend(template_errors(&e, templates));
    } else if let Some(required) = REQUIRED_TEMPLATES
        .iter()
        .find(|r| !tera.contains_template(r))
    {
        problems.push(
            Diagnostic::error(
                Code::Template,
                Location::file("templates"),
                format!("template `{required}` is missing"),
            )
            .with_help(format!(
                "add `templates/{required}`, or remove the theme override that hides it"
            )),
        );
    }
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Diagnostics(problems));
    }
    Ok(Theme {
        tera,
        strings: strings_read,
        warnings: problems,
    })
}

/// The URL of each static file (base path included), by the name a
/// template asks for.
pub type AssetUrls = std::collections::BTreeMap<String, String>;

/// What tera escapes every value from the content with: the same five
/// characters as `tera::escape_html`, but the runs between them are
/// written whole. Tera's writes a byte at a time through `dyn Write`,
/// for every value of every page.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut from = 0;
    for (at, byte) in bytes.iter().enumerate() {
        let entity: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[from..at])?;
        out.write_all(entity)?;
        from = at + 1;
    }
    out.write_all(&bytes[from..])
}

/// `asset(path="style.css")`: the file's published URL, with the content
/// hash in its name when the build fingerprints assets. A name that is not
/// a static file stops the build at the template's line.
fn register_asset(tera: &mut Tera, assets: AssetUrls) {
    tera.register_function(
        "asset",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let path: &str = kwargs.must_get("path")?;
            let path = path.trim_start_matches('/');
            match assets.get(path) {
                Some(url) => Ok(Value::safe_string(url)),
                None => Err(tera::Error::message(format!(
                    "there is no file `{path}` in the theme's `static/` folder or the site's"
                ))),
            }
        },
    );
}

/// `t(key=..., n=..., name=...)` in templates.
fn register_t(tera: &mut Tera, strings: Arc<Strings>) {
    tera.register_function(
        "t",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let key: &str = kwargs.must_get("key")?;
            if !strings.has(key) {
                return Err(tera::Error::message(format!(
                    "no text for `{key}` in the strings of `{}`",
                    strings.language()
                )));
            }
            let mut n = None;
            let mut args: Vec<(String, String)> = Vec::new();
            for (name, value) in kwargs.iter() {
                let Some(name) = name.as_str() else { continue };
                if name == "key" {
                    continue;
                }
                if name == "n" {
                    n = value.as_i64();
                }
                let text = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_string);
                match name.strip_suffix("_html") {
                    Some(bare) => args.push((bare.to_string(), text)),
                    None => args.push((name.to_string(), super::escape(&text))),
                }
            }
            let args: Vec<(&str, &str)> =
                args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            Ok(Value::safe_string(&translate(&strings, key, n, &args)))
        },
    );
}

/// What `t(key=..., n=...)` writes: the key's text (the form for `n`),
/// escaped, with `args` (escaped already, or HTML) filled in.
fn translate(strings: &Strings, key: &str, n: Option<i64>, args: &[(&str, &str)]) -> String {
    let count = n.map(|n| Count::one(n.clamp(0, u32::MAX as i64) as u32));
    fill(&super::escape(strings.form(key, count)), args)
}

/// Keys templates name in `t(key="...")` that no strings file has,
/// reported at the template's line.
fn template_keys(templates: &[TemplateSource], strings: &Strings) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for template in templates {
        let text = &template.file.text;
        let mut from = 0;
        while let Some(found) = text[from..].find("t(key=\"") {
            let start = from + found + "t(key=\"".len();
            let Some(len) = text[start..].find('"') else {
                break;
            };
            let key = &text[start..start + len];
            if !strings.has(key) {
                let location = template.file.location_at(start);
                problems.push(
                    template
                        .file
                        .error(
                            Code::MissingString,
                            location,
                            format!(
                                "no text for `{key}` in the strings of `{}`",
                                strings.language()
                            ),
                        )
                        .with_help(format!(
                            "add it to the site's i18n/{}.yaml (only the keys it adds or changes), or fix the key",
                            strings.language()
                        )),
                );
            }
            from = start + len;
        }
    }
    problems
}

/// Every problem of a tera error, each at its template's line. tera checks
/// the names a template uses (filters, functions, tests, blocks) once all
/// are loaded and reports every unknown one in a single message of text
/// reports, each with its ` --> name:line:column`; each becomes a
/// diagnostic of its own, so an editor sees them all where they are.
pub fn template_errors(error: &tera::Error, templates: &[TemplateSource]) -> Vec<Diagnostic> {
    if let tera::ErrorKind::Msg(text) = error.kind() {
        let found: Vec<Diagnostic> = text
            .split("\n\n")
            .filter_map(|report| reported_at(report, templates))
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    vec![template_error(error, templates)]
}

/// One of tera's text reports (`error: …` then ` --> name:line:column`) as
/// a diagnostic at that line; `None` when it does not read as one.
fn reported_at(report: &str, templates: &[TemplateSource]) -> Option<Diagnostic> {
    let mut lines = report.trim_start().lines();
    let message = lines.next()?.strip_prefix("error: ")?;
    let place = lines.next()?.trim_start().strip_prefix("--> ")?;
    let mut parts = place.rsplitn(3, ':');
    let column: usize = parts.next()?.parse().ok()?;
    let line: usize = parts.next()?.parse().ok()?;
    let name = parts.next()?;
    let file = &templates.iter().find(|t| t.name == name)?.file;
    Some(
        file.error(Code::Template, file.location(line, column), message)
            .with_help(TEMPLATE_HELP),
    )
}

const TEMPLATE_HELP: &str = "fix the template (syntax: https://keats.github.io/tera/docs/)";

/// A tera error as a diagnostic that names the template file and line.
pub fn template_error(error: &tera::Error, templates: &[TemplateSource]) -> Diagnostic {
    let file_of = |name: &str| templates.iter().find(|t| t.name == name).map(|t| &t.file);
    let help = TEMPLATE_HELP;
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

/// The templates affected when the templates named in `changed` change:
/// themselves and, transitively, every template that extends, includes or
/// imports one of them. `None` when a template names another through a
/// variable, which cannot be followed.
pub fn dependents(
    templates: &[TemplateSource],
    changed: &BTreeSet<String>,
) -> Option<BTreeSet<String>> {
    let mut users: HashMap<&str, Vec<&str>> = HashMap::new();
    for template in templates {
        for used in uses(&template.file.text)? {
            users.entry(used).or_default().push(&template.name);
        }
    }
    let mut affected = changed.clone();
    let mut queue: Vec<&str> = changed.iter().map(String::as_str).collect();
    while let Some(name) = queue.pop() {
        for user in users.get(name).into_iter().flatten() {
            if affected.insert(user.to_string()) {
                queue.push(user);
            }
        }
    }
    Some(affected)
}

/// The templates `text` extends, includes or imports, or `None` if one of
/// those tags names no template literally. A tag inside a comment or a
/// `raw` block counts too: that only re-renders a few pages more.
fn uses(text: &str) -> Option<Vec<&str>> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("%}") else { break };
        let tag = after[..end].trim_start_matches(['-', '+']).trim_start();
        rest = &after[end + 2..];
        let keyword = tag.split_whitespace().next().unwrap_or("");
        if !matches!(keyword, "extends" | "include" | "import" | "from") {
            continue;
        }
        let names = quoted(tag);
        if names.is_empty() {
            return None;
        }
        found.extend(names);
    }
    Some(found)
}

/// The string literals of a tag: `"a.html"`, `'b.html'`.
fn quoted(tag: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = tag;
    while let Some(open) = rest.find(['"', '\'', '`']) {
        let quote = rest[open..].chars().next().unwrap_or('"');
        let after = &rest[open + 1..];
        let Some(close) = after.find(quote) else {
            break;
        };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping_writes_what_teras_own_escape_writes() {
        let escaped = |escape: tera::EscapeFn, text: &str| {
            let mut out = Vec::new();
            escape(text, &mut out).expect("a Vec takes any bytes");
            String::from_utf8(out).expect("escaping keeps UTF-8")
        };
        for text in [
            "",
            "plain",
            "&",
            "<script>alert('x')</script>",
            "a \"quoted\" & <b>bold</b> 'single'",
            "ends with <",
            "> starts",
            "naïve café → 5 % niacinamide & 2 % zinc",
            "&&<<>>\"\"''",
        ] {
            assert_eq!(
                escaped(super::escape_html, text),
                escaped(tera::escape_html, text),
                "{text}"
            );
        }
    }

    use super::*;
    use vial_base::diagnostic::SourceFile;

    fn template(name: &str, text: &str) -> TemplateSource {
        TemplateSource {
            name: name.into(),
            file: SourceFile::new(format!("templates/{name}"), text),
        }
    }

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_partial_affects_the_templates_that_include_it_and_their_children() {
        let templates = [
            template(
                "base.html",
                r#"<nav>{% include "partials/nav.html" %}</nav>{% block content %}{% endblock %}"#,
            ),
            template("partials/nav.html", "nav"),
            template("partials/card.html", "card"),
            template(
                "product.html",
                r#"{% extends "base.html" %}{% block content %}{%- include 'partials/card.html' -%}{% endblock %}"#,
            ),
            template("guide.html", r#"{% extends "base.html" %}"#),
            template("macros.html", "{% macro m() %}{% endmacro %}"),
            template("category.html", r#"{% import "macros.html" as m %}"#),
        ];
        let affected = |changed: &[&str]| dependents(&templates, &names(changed)).unwrap();
        assert_eq!(
            affected(&["partials/card.html"]),
            names(&["partials/card.html", "product.html"])
        );
        assert_eq!(
            affected(&["partials/nav.html"]),
            names(&[
                "partials/nav.html",
                "base.html",
                "product.html",
                "guide.html"
            ])
        );
        assert_eq!(
            affected(&["macros.html"]),
            names(&["macros.html", "category.html"])
        );
        assert_eq!(affected(&["guide.html"]), names(&["guide.html"]));
    }

    #[test]
    fn an_include_through_a_variable_cannot_be_followed() {
        let templates = [
            template("product.html", "{% include which %}"),
            template("partials/card.html", "card"),
        ];
        assert_eq!(
            dependents(&templates, &names(&["partials/card.html"])),
            None
        );
    }
}
