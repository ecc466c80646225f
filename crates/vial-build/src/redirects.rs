//! What is checked of the site's redirects once every page is known: an
//! old address (`aliases:`) must be nobody's live address (a page, in any
//! language, another alias, a static file), and `redirects:` must not
//! write over a `_redirects` of the site's own. Errors at the alias's
//! line; a host that reads fewer redirects than the site has is warned of.

use std::collections::BTreeMap;

use vial_base::diagnostic::{Code, Diagnostic, Location, Snippet};
use vial_render::{self as render, PageKind};
use vial_site::config::{Config, REDIRECTS_FILE};
use vial_site::link::Target;
use vial_site::load::{Sources, StaticFile};
use vial_site::model::{Redirect, Site};

/// Every problem of the site's redirects: errors (clashes, a second
/// `_redirects`), then a warning if the host reads fewer than there are.
pub(crate) fn redirect_problems(site: &Site, sources: &Sources) -> Vec<Diagnostic> {
    let config = &site.config;
    let mut problems = Vec::new();
    problems.extend(second_redirects_file(config, &sources.static_files));
    if site.redirects.is_empty() {
        return problems;
    }
    let live = live_pages(site);
    let statics = static_paths(sources);
    let mut previous: Option<&Redirect> = None;
    for redirect in &site.redirects {
        let Some(at) = &redirect.declared_at else {
            continue;
        };
        let shown = format!("/{}", redirect.from);
        if let Some(first) = previous.filter(|p| p.from == redirect.from) {
            problems.push(two_aliases(config, &shown, first, redirect, at));
        } else if let Some(kind) = taken(&live, &redirect.from) {
            let own = redirect.from == redirect.to.path(config);
            problems.push(live_page(config, &shown, kind, own, at));
        } else if let Some(file) = taken(&statics, &redirect.from) {
            problems.push(static_file(config, &shown, file, at));
        }
        previous = Some(redirect);
    }
    problems.extend(over_the_limit(site));
    problems
}

/// Whether nothing the site publishes is at `from` (below the base path):
/// no page in any language, no alias, no static file. Looks the site over
/// only when first asked.
pub(crate) fn free_address<'a>(site: &'a Site, sources: &'a Sources) -> impl Fn(&str) -> bool + 'a {
    let taken_by = std::cell::OnceCell::new();
    move |from: &str| {
        let (live, statics) = taken_by.get_or_init(|| (live_pages(site), static_paths(sources)));
        site.redirect(from).is_none()
            && taken(live, from).is_none()
            && taken(statics, from).is_none()
    }
}

fn static_paths(sources: &Sources) -> BTreeMap<String, &StaticFile> {
    (sources.static_files.iter())
        .map(|f| (f.target().to_string_lossy().replace('\\', "/"), f))
        .collect()
}

/// What of `files` (by output path) the alias `from` would write over:
/// the file its page is (`old/index.html`, `old.html`), or a file where
/// its folder would go (`robots.txt/`).
fn taken<'a, T>(files: &'a BTreeMap<String, T>, from: &str) -> Option<&'a T> {
    (files.get(&render::output_path(from))).or_else(|| files.get(from.trim_end_matches('/')))
}

/// Every page's file (below the output folder), with the page, in every
/// language: another language's are below its folder (`de/…`).
fn live_pages(site: &Site) -> BTreeMap<String, PageKind> {
    let config = &site.config;
    let pages: Vec<(String, PageKind)> = render::plan(site)
        .into_iter()
        .filter(|k| !matches!(k, PageKind::Redirect(_)))
        .map(|k| (render::output_path(&render::url_path(&k, config)), k))
        .collect();
    let prefixes: Vec<String> = (config.languages.others.iter())
        .filter_map(|l| config.for_language(&l.code))
        .map(|c| c.language_prefix().to_string())
        .collect();
    let mut live: BTreeMap<String, PageKind> = BTreeMap::new();
    for prefix in &prefixes {
        live.extend(
            pages
                .iter()
                .map(|(p, k)| (format!("{prefix}{p}"), k.clone())),
        );
    }
    live.extend(pages);
    live
}

/// The alias is the address of the page `kind` (`own`: of its own page).
fn live_page(
    config: &Config,
    shown: &str,
    kind: &PageKind,
    own: bool,
    at: &Location,
) -> Diagnostic {
    let (message, help) = if own {
        (
            format!("`{shown}` is this page's own address: it cannot be an alias of it"),
            "remove the alias; an alias is an address the page had before".to_string(),
        )
    } else {
        (
            format!(
                "`{shown}` is the address of {}; an alias cannot replace a live page",
                describe(config, kind)
            ),
            "remove the alias, or rename the page that lives there first".to_string(),
        )
    };
    at_alias(config, at, message).with_help(help)
}

/// Two pages (or one, twice) claim the old address.
fn two_aliases(
    config: &Config,
    shown: &str,
    first: &Redirect,
    now: &Redirect,
    at: &Location,
) -> Diagnostic {
    let first_at = first
        .declared_at
        .as_ref()
        .map_or_else(String::new, |l| format!(" (at {l})"));
    at_alias(
        config,
        at,
        format!(
            "`{shown}` is already an alias of {}{first_at}: one old address leads to one page",
            describe_target(config, &first.to)
        ),
    )
    .with_help(format!(
        "keep the alias on one of the two pages; this one is {}",
        describe_target(config, &now.to)
    ))
}

/// A static file sits at the alias's address.
fn static_file(config: &Config, shown: &str, file: &StaticFile, at: &Location) -> Diagnostic {
    let name = match file {
        StaticFile::Disk { from, .. } => from
            .strip_prefix(&config.root)
            .unwrap_or(from)
            .display()
            .to_string(),
        StaticFile::Builtin { to, .. } => format!("the theme's `{}`", to.display()),
    };
    at_alias(
        config,
        at,
        format!("`{shown}` is the address of the static file `{name}`; an alias cannot replace it"),
    )
    .with_help("remove the alias, or move the static file")
}

/// `redirects:` beside a `_redirects` of the site's own: one would be lost.
fn second_redirects_file(config: &Config, statics: &[StaticFile]) -> Option<Diagnostic> {
    let declared = config.redirects.as_ref()?;
    let own = statics.iter().find_map(|f| match f {
        StaticFile::Disk { from, to } if to.as_os_str() == REDIRECTS_FILE => Some(from),
        _ => None,
    })?;
    let shown = own.strip_prefix(&config.root).unwrap_or(own).display();
    let message = format!(
        "`redirects: {}` writes `{REDIRECTS_FILE}`, and the site has its own, `{shown}`",
        declared.host.name()
    );
    Some(at_setting(config, message).with_help(format!(
        "keep one: remove `redirects:` to publish `{shown}` as it is, or delete `{shown}` to let vial write the file from the aliases"
    )))
}

/// A problem of the `_redirects` file, at `redirects:` in site.yaml.
fn at_setting(config: &Config, message: String) -> Diagnostic {
    let at = config.redirects.as_ref().map(|r| r.location.clone());
    let at = at.unwrap_or_else(|| config.source.location(1, 1));
    config.source.error(Code::RedirectsFile, at, message)
}

/// A warning when the host reads fewer redirects than the file holds.
fn over_the_limit(site: &Site) -> Option<Diagnostic> {
    let config = &site.config;
    let declared = config.redirects.as_ref()?;
    let limit = declared.host.limit()?;
    let languages = 1 + config.languages.others.len();
    let count = site.redirects.len() * languages;
    if count <= limit {
        return None;
    }
    let up_to = if languages > 1 { "up to " } else { "" };
    let message = format!(
        "`{REDIRECTS_FILE}` holds {up_to}{count} redirects; {} reads the first {limit} only",
        declared.host.name()
    );
    Some(
        at_setting(config, message)
            .with_help("the redirect pages still send readers on; to keep every 301, drop the aliases no one uses any more")
            .into_warning(),
    )
}

/// A clash at the alias written at `at`, with its line shown: read again
/// from its file, which only a site with a problem pays for.
fn at_alias(config: &Config, at: &Location, message: String) -> Diagnostic {
    let mut problem = Diagnostic::error(Code::AliasClash, at.clone(), message);
    let text = std::fs::read_to_string(config.root.join(&at.path)).unwrap_or_default();
    if let Some(line) = text.lines().nth(at.line.saturating_sub(1)) {
        problem.snippet = Some(Box::new(Snippet::around(line, at.column)));
    }
    problem
}

/// A page, in a content editor's words: "the guide `x`".
fn describe(config: &Config, kind: &PageKind) -> String {
    match kind {
        PageKind::Product(s) => describe_target(config, &Target::Product(s.clone())),
        PageKind::Guide(s) => describe_target(config, &Target::Guide(s.clone())),
        PageKind::FreePage(s) => describe_target(config, &Target::Page(s.clone())),
        PageKind::Category(s, 1) => describe_target(config, &Target::Category(s.clone())),
        PageKind::Taxon(k, s, 1) => describe_target(config, &Target::Term(k.clone(), s.clone())),
        PageKind::Category(s, n) => format!("page {n} of the category `{s}`"),
        PageKind::Taxon(_, s, n) => format!("page {n} of `{s}`"),
        kind if kind.is_page() => "a page the site publishes".to_string(),
        _ => format!("`{}`, a file vial writes", render::url_path(kind, config)),
    }
}

/// A page of content, in a content editor's words: "the product `x`".
fn describe_target(config: &Config, target: &Target) -> String {
    let kind = match target {
        Target::Term(key, _) => config
            .taxonomy(key)
            .map_or_else(|| key.clone(), |t| t.label.to_lowercase()),
        other => other.kind().to_string(),
    };
    format!("the {kind} `{}`", target.slug())
}
