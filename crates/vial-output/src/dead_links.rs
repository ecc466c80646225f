//! After a build's pages are written (staged) and before they go live:
//! every internal `href`, `src`, `srcset` and `poster` of every page must
//! reach a file of the output, and every `#fragment` an element of its
//! page. External links are not fetched.
//!
//! Pages are scanned while they are written, in parallel; what each links
//! to is kept once per distinct target (not once per page), so what is
//! kept grows with the site's targets, not with its pages times their
//! links.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex};

use xxhash_rust::xxh3::Xxh3Builder;

use percent_encoding::percent_decode_str;

use vial_base::diagnostic::{Code, Diagnostic, Diagnostics, Location};

/// The links of the pages scanned so far.
#[derive(Debug, Default)]
pub struct LinkCheck {
    /// `https://example.org/kb`, to treat absolute links to the site as
    /// internal.
    base_url: String,
    /// `/kb/`: internal links start with it.
    base_path: String,
    /// Files (and folders, as `products/x/`) the build is known to write,
    /// by the xxh3 hash of their path (`known_key`): a link to one needs
    /// no record. Others are kept and looked up once the build's files
    /// are all known. Hashes, not paths: the paths of a large site would
    /// be held to the end of the build, and two of a build's paths share a
    /// hash about once in 10^10 builds.
    known: HashSet<u64, rustc_hash::FxBuildHasher>,
    /// Each target file, and the first page that links to it.
    targets: Mutex<Links>,
    /// Each `file#fragment` linked to.
    fragments: Mutex<Links>,
    /// The ids of each scanned page.
    ids: Mutex<PageIds>,
    /// Links that leave the site's path or its folder.
    outside: Mutex<Links>,
}

/// The ids of each scanned page, one per line: read only for the few
/// links with a fragment. Each set of ids is held once: the pages of a
/// template mostly have the same, and a copy per page would grow with
/// the number of pages.
#[derive(Debug, Default)]
struct PageIds {
    sets: HashSet<Arc<str>, Xxh3Builder>,
    /// By the page's `known_key`.
    pages: HashMap<u64, Arc<str>, rustc_hash::FxBuildHasher>,
}

impl PageIds {
    fn insert(&mut self, page: &str, ids: String) {
        let set = match self.sets.get(ids.as_str()) {
            Some(set) => Arc::clone(set),
            None => {
                let set: Arc<str> = ids.into();
                self.sets.insert(Arc::clone(&set));
                set
            }
        };
        self.pages.insert(known_key(page), set);
    }
}

/// Links by what they reach (a file, `file#fragment`, or the link itself).
type Links = HashMap<String, Seen, Xxh3Builder>;

/// One page's links by what they reach, borrowing from its HTML.
type PageLinks<'h> = HashMap<Cow<'h, str>, Cow<'h, str>, Xxh3Builder>;

/// Where a target was first linked from, and how many pages link to it.
#[derive(Debug, Clone)]
struct Seen {
    page: String,
    link: String,
    pages: usize,
}

impl LinkCheck {
    /// `files` are the paths the build writes (`products/x/index.html`).
    pub fn new<'f>(base_url: &str, base_path: &str, files: impl Iterator<Item = &'f str>) -> Self {
        let mut known = HashSet::default();
        for file in files {
            if let Some(folder) = file.strip_suffix("index.html") {
                known.insert(known_key(folder));
            }
            known.insert(known_key(file));
        }
        Self {
            base_url: base_url.trim_end_matches('/').to_string(),
            base_path: base_path.to_string(),
            known,
            ..Self::default()
        }
    }

    /// Reads the links and ids of the page written at `page`
    /// (`products/x/index.html`).
    pub fn scan(&self, page: &str, html: &str) {
        let found = scan_html(html);
        let ids = found.ids.join("\n");
        let mut targets = PageLinks::default();
        let mut fragments = PageLinks::default();
        let mut outside = PageLinks::default();
        for link in &found.links {
            let link: &str = link;
            match self.resolve(page, link) {
                Resolved::External => {}
                Resolved::Outside => {
                    outside
                        .entry(Cow::Borrowed(link))
                        .or_insert(Cow::Borrowed(link));
                }
                Resolved::Here(fragment) => {
                    let here = found.ids.iter().any(|id| *id == fragment);
                    if !here && !is_top(&fragment) {
                        let key = format!("{page}#{fragment}");
                        fragments
                            .entry(Cow::Owned(key))
                            .or_insert(Cow::Borrowed(link));
                    }
                }
                Resolved::File(target, fragment) => {
                    if let Some(fragment) = fragment.filter(|f| !is_top(f)) {
                        let key = format!("{target}#{fragment}");
                        fragments
                            .entry(Cow::Owned(key))
                            .or_insert(Cow::Borrowed(link));
                    }
                    if !self.known.contains(&known_key(&target)) {
                        targets.entry(target).or_insert(Cow::Borrowed(link));
                    }
                }
            }
        }
        merge(&self.targets, page, targets);
        merge(&self.fragments, page, fragments);
        merge(&self.outside, page, outside);
        lock(&self.ids).insert(page, ids);
    }

    /// The problems: links to files for which `exists` is false, fragments
    /// missing from a scanned page, links out of the site. A fragment of a
    /// page this build did not scan (a rebuild that kept it) is trusted.
    pub fn problems(self, dir: &Path, exists: &dyn Fn(&str) -> bool) -> Diagnostics {
        let known = &self.known;
        let exists = &|file: &str| known.contains(&known_key(file)) || exists(file);
        let ids = into_inner(self.ids).pages;
        let ids = |file: &str| {
            ids.get(&known_key(file))
                .map(|all| all.split('\n').collect::<HashSet<&str>>())
        };
        let mut problems = Diagnostics::default();
        let mut dead: Vec<(String, Seen)> = into_inner(self.targets)
            .into_iter()
            .filter(|(target, _)| resolve_file(target, exists).is_none())
            .collect();
        dead.sort_by(|a, b| a.1.page.cmp(&b.1.page).then(a.0.cmp(&b.0)));
        for (_, seen) in &dead {
            problems.push(dead_link(dir, seen, "there is no such file in the output"));
        }
        let mut anchors: Vec<((String, String), Seen)> = into_inner(self.fragments)
            .into_iter()
            .filter_map(|(key, seen)| {
                let (target, fragment) = key.split_once('#')?;
                Some(((target.to_string(), fragment.to_string()), seen))
            })
            .filter(|((target, fragment), _)| {
                let Some(file) = resolve_file(target, exists) else {
                    return false; // already reported as a dead link
                };
                ids(&file).is_some_and(|found| !fragment_found(&found, fragment))
            })
            .collect();
        anchors.sort_by(|a, b| a.1.page.cmp(&b.1.page).then(a.0.cmp(&b.0)));
        for ((_, fragment), seen) in &anchors {
            let reason = format!("the page has no element with id `{fragment}`");
            problems.push(dead_link(dir, seen, &reason));
        }
        let mut outside: Vec<Seen> = into_inner(self.outside).into_values().collect();
        outside.sort_by(|a, b| a.page.cmp(&b.page).then(a.link.cmp(&b.link)));
        for seen in &outside {
            let reason = format!(
                "it leaves the site's path `{}` (from `base_url`)",
                self.base_path
            );
            problems.push(dead_link(dir, seen, &reason));
        }
        problems
    }

    /// What `link`, found on `page`, points at.
    fn resolve<'h>(&self, page: &str, link: &'h str) -> Resolved<'h> {
        let link = link.trim();
        // Most links are plain paths below the base path: nothing to
        // decode or normalize, nothing to allocate.
        if let Some(inside) = link.strip_prefix(self.base_path.as_str())
            && !inside.contains(['#', '?', '%', '\\'])
            && !inside.split('/').any(|part| part == "." || part == "..")
            && !inside.starts_with('/')
            && !inside.contains("//")
        {
            return Resolved::File(Cow::Borrowed(inside), None);
        }
        let (rest, fragment) = match link.split_once('#') {
            Some((rest, fragment)) => (rest, Some(fragment)),
            None => (link, None),
        };
        let rest = rest.split_once('?').map_or(rest, |(path, _)| path);
        let fragment = fragment.map(|f| percent_decode_str(f).decode_utf8_lossy().into_owned());
        let path = if let Some(own) = self.strip_base_url(rest) {
            own
        } else if has_scheme(rest) || rest.starts_with("//") {
            return Resolved::External;
        } else if rest.is_empty() {
            return match fragment {
                Some(f) if !f.is_empty() && !f.starts_with(":~:") => Resolved::Here(f),
                _ => Resolved::External,
            };
        } else if rest.starts_with('/') {
            // `/kb` is the site's root as much as `/kb/`.
            match format!("{rest}/").strip_prefix(&self.base_path) {
                Some(inside) => inside.strip_suffix('/').unwrap_or(inside).to_string(),
                None => return Resolved::Outside,
            }
        } else {
            let dir = page.rsplit_once('/').map_or("", |(dir, _)| dir);
            if dir.is_empty() {
                rest.to_string()
            } else {
                format!("{dir}/{rest}")
            }
        };
        let decoded = percent_decode_str(&path).decode_utf8_lossy();
        match normalize(&decoded) {
            Some(target) => Resolved::File(
                Cow::Owned(target),
                fragment.filter(|f| !f.starts_with(":~:")),
            ),
            None => Resolved::Outside,
        }
    }

    /// The path inside the output of an absolute URL of the site itself.
    fn strip_base_url(&self, url: &str) -> Option<String> {
        let rest = url.strip_prefix(&self.base_url)?;
        if rest.is_empty() {
            return Some(String::new());
        }
        rest.strip_prefix('/').map(str::to_string)
    }
}

enum Resolved<'h> {
    /// Another site, or a scheme such as `mailto:`.
    External,
    /// Above the site's path or its output folder.
    Outside,
    /// An element of the page itself.
    Here(String),
    /// A file of the output (`products/x/`, a folder, ends with `/`).
    File(Cow<'h, str>, Option<String>),
}

/// The key of a path in `LinkCheck::known` and `PageIds::pages`.
fn known_key(path: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(path.as_bytes())
}

/// `a/./b/../c/` → `a/c/`; `None` above the root.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    let mut out = parts.join("/");
    if (path.ends_with('/') || path.is_empty() || path.ends_with("/.")) && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// The file a target names: itself, or the `index.html` of a folder (as a
/// web server answers `/products/` and `/products`).
fn resolve_file(target: &str, exists: &dyn Fn(&str) -> bool) -> Option<String> {
    if target.is_empty() || target.ends_with('/') {
        let index = format!("{target}index.html");
        return exists(&index).then_some(index);
    }
    if exists(target) {
        return Some(target.to_string());
    }
    let index = format!("{target}/index.html");
    exists(&index).then_some(index)
}

fn fragment_found(ids: &HashSet<&str>, fragment: &str) -> bool {
    is_top(fragment) || ids.contains(fragment)
}

/// `#` and `#top` scroll to the top of any page.
fn is_top(fragment: &str) -> bool {
    fragment.is_empty() || fragment.eq_ignore_ascii_case("top")
}

fn has_scheme(link: &str) -> bool {
    match link.find(':') {
        Some(colon) => {
            let scheme = &link[..colon];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

fn dead_link(dir: &Path, seen: &Seen, reason: &str) -> Diagnostic {
    let pages = match seen.pages {
        0 | 1 => format!("the page `{}` links", seen.page),
        2 => format!("`{}` and 1 other page link", seen.page),
        n => format!("`{}` and {} other pages link", seen.page, n - 1),
    };
    Diagnostic::error(
        Code::DeadLink,
        Location::file(dir.join(&seen.page)),
        format!("{pages} to `{}`, but {reason}", seen.link),
    )
    .with_help(
        "if the link is in a guide or a product, correct it there; if every page has it, it comes from a template of the theme",
    )
}

/// Adds one page's links to `into`, keeping the first page per key.
fn merge(into: &Mutex<Links>, page: &str, found: PageLinks<'_>) {
    if found.is_empty() {
        return;
    }
    let mut into = lock(into);
    for (key, link) in found {
        if let Some(seen) = into.get_mut(key.as_ref()) {
            seen.pages += 1;
            // The first page in path order, so reports are the same
            // whichever thread scanned first.
            if page < seen.page.as_str() {
                seen.page = page.to_string();
                seen.link = link.into_owned();
            }
        } else {
            let seen = Seen {
                page: page.to_string(),
                link: link.into_owned(),
                pages: 1,
            };
            into.insert(key.into_owned(), seen);
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn into_inner<T>(m: Mutex<T>) -> T {
    m.into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// What a page links to and the ids it has.
#[derive(Debug, Default, PartialEq)]
struct Found<'h> {
    links: Vec<Cow<'h, str>>,
    ids: Vec<Cow<'h, str>>,
}

/// The link attributes and ids of an HTML document. A small tokenizer, not
/// a full parser: it knows comments, quoted and unquoted attribute values,
/// and that `<script>`, `<style>`, `<textarea>` and `<title>` hold text.
fn scan_html(html: &str) -> Found<'_> {
    let bytes = html.as_bytes();
    let mut found = Found {
        links: Vec::with_capacity(64),
        ids: Vec::with_capacity(16),
    };
    let mut at = 0;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(bytes.len(), |end| start + end + 3);
            continue;
        }
        let name_len = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - 1);
        if name_len == 0 || !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            // `</p>`, `<!doctype>`, a stray `<` in text.
            at = start + 1;
            continue;
        }
        let name = &rest[1..=name_len];
        let end = read_attributes(&html[start + 1 + name_len..], &mut found);
        at = start + 1 + name_len + end;
        let holds_text = ["script", "style", "textarea", "title"]
            .iter()
            .any(|t| t.eq_ignore_ascii_case(name));
        if holds_text {
            let close = format!("</{name}");
            at = find_ignore_case(&html[at..], &close).map_or(bytes.len(), |i| at + i);
        }
    }
    found
}

/// Reads the attributes of a tag up to its `>`; returns the bytes read.
fn read_attributes<'h>(tag: &'h str, found: &mut Found<'h>) -> usize {
    let bytes = tag.as_bytes();
    let mut i = 0;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return i;
        }
        if bytes[i] == b'>' {
            return i + 1;
        }
        let name_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let name = &tag[name_start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] != b'=' {
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = match bytes.get(i) {
            Some(&quote @ (b'"' | b'\'')) => {
                let end = memchr(quote, &bytes[i + 1..]).map_or(bytes.len(), |e| i + 1 + e);
                let value = &tag[i + 1..end];
                i = (end + 1).min(bytes.len());
                value
            }
            _ => {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                &tag[start..i]
            }
        };
        keep_attribute(name, value, found);
    }
}

fn keep_attribute<'h>(name: &str, value: &'h str, found: &mut Found<'h>) {
    let is = |n: &str| name.eq_ignore_ascii_case(n);
    if is("href") || is("src") || is("poster") {
        found.links.push(unescape(value));
    } else if is("srcset") {
        for candidate in value.split(',') {
            if let Some(url) = candidate.split_whitespace().next() {
                found.links.push(unescape(url));
            }
        }
    } else if is("id") || is("name") {
        found.ids.push(unescape(value));
    }
}

/// The character references an attribute of ours may hold.
fn unescape(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    Cow::Owned(
        value
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

use memchr::memchr;

/// Where `needle` (which starts with `<`) first occurs, in any case.
fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let (bytes, needle) = (haystack.as_bytes(), needle.as_bytes());
    memchr::memchr_iter(b'<', bytes).find(|&i| {
        bytes
            .get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(pages: &[(&str, &str)]) -> Vec<String> {
        let check = LinkCheck::new("https://example.org/kb", "/kb/", ["index.html"].into_iter());
        for (path, html) in pages {
            check.scan(path, html);
        }
        let files: HashSet<&str> = pages.iter().map(|(p, _)| *p).collect();
        check
            .problems(Path::new("public"), &|p| {
                files.contains(p) || p == "style.css"
            })
            .iter()
            .map(|d| d.message.clone())
            .collect()
    }

    #[test]
    fn links_resolve_relative_absolute_and_to_folders() {
        let home = r##"<a href="/kb/">home</a><a href="products/a/">a</a>
            <a href='/kb/products/a'>a</a><link rel=stylesheet href=/kb/style.css>
            <a href="https://example.org/kb/products/a/#use">abs</a>
            <a href="https://elsewhere.org/x">out</a><a href="mailto:a@b.c">mail</a>
            <a href="#top">top</a><a href="?q=1">query</a><a href="//cdn.example.net/x.js">cdn</a>"##;
        let product =
            r#"<h2 id="use">Use</h2><a href="../../">up</a><img src="../../style.css" alt="">"#;
        let problems = check(&[("index.html", home), ("products/a/index.html", product)]);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn missing_files_fragments_and_links_out_of_the_path_are_reported() {
        let home = r##"<a href="/kb/nope/">x</a><a href="/elsewhere/">y</a>
            <a href="#missing">z</a><a href="products/a/#gone">w</a>
            <a href="../../../">above</a>"##;
        let product = r#"<p id="here">"#;
        let problems = check(&[("index.html", home), ("products/a/index.html", product)]);
        assert_eq!(problems.len(), 5, "{problems:#?}");
        assert!(
            problems
                .iter()
                .any(|p| p.contains("`/kb/nope/`") && p.contains("no such file"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("`#missing`") && p.contains("id `missing`"))
        );
        assert!(problems.iter().any(|p| p.contains("`products/a/#gone`")));
        assert!(
            problems
                .iter()
                .any(|p| p.contains("`/elsewhere/`") && p.contains("`/kb/`"))
        );
    }

    #[test]
    fn one_broken_link_on_many_pages_is_one_problem() {
        let pages: Vec<(String, &str)> = (0..50)
            .map(|i| (format!("p{i:02}/index.html"), r#"<a href="/kb/gone.css">"#))
            .collect();
        let pages: Vec<(&str, &str)> = pages.iter().map(|(p, h)| (p.as_str(), *h)).collect();
        let problems = check(&pages);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("`p00/index.html` and 49 other pages link to"));
    }

    #[test]
    fn text_in_scripts_comments_and_titles_is_not_a_link() {
        let found = scan_html(
            r#"<title><a href="x"></title><!-- <a href="y"> --><script>let s = '<a href="z">';</script>
            <img srcset="a.webp 480w, b.webp 960w" src="c.png" alt="<a href='q'>"><p id=one name="two">"#,
        );
        assert_eq!(found.links, ["a.webp", "b.webp", "c.png"]);
        assert_eq!(found.ids, ["one", "two"]);
    }
}
