//! After a build's pages are written (staged) and before they go live:
//! every internal `href`, `src`, `srcset` and `poster` of every page must
//! reach a file of the output, and every `#fragment` an element of its
//! page. External links are not fetched.
//!
//! Pages are scanned while they are written, in parallel; what each links
//! to is kept once per distinct target (not once per page), so what is
//! kept grows with the site's targets, not with its pages times their
//! links.
//!
//! Here: what is kept of the scanned pages and the problems made of it.
//! How a link's URL is resolved to a file of the output is `urls`; how a
//! page's links and ids are read out of its HTML is `html`.

mod html;
mod urls;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex};

use xxhash_rust::xxh3::Xxh3Builder;

use html::scan_html;
use urls::{Resolved, resolve_file};
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
}

/// The key of a path in `LinkCheck::known` and `PageIds::pages`.
fn known_key(path: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(path.as_bytes())
}

fn fragment_found(ids: &HashSet<&str>, fragment: &str) -> bool {
    is_top(fragment) || ids.contains(fragment)
}

/// `#` and `#top` scroll to the top of any page.
fn is_top(fragment: &str) -> bool {
    fragment.is_empty() || fragment.eq_ignore_ascii_case("top")
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

#[cfg(test)]
mod tests;
