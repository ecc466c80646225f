//! `aliases:`, the old addresses of a page, as any content file writes
//! them: one path or a list, each checked here for what one file can tell
//! (a path of this site, no `..`, no `?` or `#`). Whether it clashes with a
//! live page is known only once every page is (the driver checks that).
//!
//! An alias is a path from the site's root, written as Hugo writes it
//! (`/old/path/`) or as Zola does (`old/path`): both mean the same, and
//! are kept as `old/path/`. A last part ending in `.html` or `.htm` names
//! a file (`old/page.html`), as older sites' addresses often do.

use percent_encoding::percent_decode_str;
use vial_base::diagnostic::Code;
use vial_yaml::{Fields, Reader, Spanned, Value};

/// `aliases:` of a content file: each old address, normalised
/// (`old/path/`), with where it is written. A bad one is reported at its
/// line and left out.
pub(crate) fn read_aliases<'t>(r: &mut Reader<'t>, top: &mut Fields<'t>) -> Vec<Spanned<String>> {
    let Some(field) = top.get("aliases") else {
        return Vec::new();
    };
    let written = match field.node.value {
        Value::List(_) => field.texts(r),
        _ => field.text(r).into_iter().collect(),
    };
    let mut aliases: Vec<Spanned<String>> = Vec::with_capacity(written.len());
    for alias in written {
        match alias_path(&alias.value) {
            Ok(path) if aliases.iter().any(|a| a.value == path) => r.error(
                Code::InvalidAlias,
                alias.at,
                format!("the alias `{}` is written twice", alias.value.trim()),
                "remove one of the two",
            ),
            Ok(path) => aliases.push(Spanned {
                value: path,
                at: alias.at,
            }),
            Err(why) => r.error(
                Code::InvalidAlias,
                alias.at,
                format!(
                    "`{}` cannot be an alias: {why}",
                    alias.value.trim().escape_debug()
                ),
                "write the old address as a path of this site, as `/products/old-name/` or `products/old-name/`",
            ),
        }
    }
    aliases
}

/// An alias as written, as a path below the site's root (`old/path/`, or
/// `old/page.html`), or why it cannot be one.
pub fn alias_path(written: &str) -> Result<String, &'static str> {
    let text = written.trim();
    if text.is_empty() || text == "/" {
        return Err("it is empty (the home page cannot be an alias)");
    }
    if text.contains("://") || text.starts_with("//") {
        return Err(
            "it names a site (an alias is a path of this one, without `https://` or a host)",
        );
    }
    if text.contains(['?', '#']) {
        return Err("it has a `?` or `#` part (an alias is a page's path only)");
    }
    if text.contains(':') {
        return Err("it holds a `:` (an alias is a path of this site, not a link)");
    }
    let inner = text.trim_start_matches('/');
    let file = inner.ends_with(".html") || inner.ends_with(".htm");
    let mut parts = Vec::new();
    for segment in inner.trim_end_matches('/').split('/') {
        let decoded = percent_decode_str(segment)
            .decode_utf8()
            .map_err(|_| "it holds a `%` code that is no character")?;
        if decoded.is_empty() {
            return Err("it has an empty part (`//`)");
        }
        if decoded == "." || decoded == ".." {
            return Err("it goes up or sideways (`..`, `.`)");
        }
        if !decoded.chars().all(allowed) {
            return Err(
                "it holds a character no address of the site has (letters, digits, `-`, `_`, `.` and `~` only, with `/` between parts)",
            );
        }
        parts.push(decoded.into_owned());
    }
    if parts[0] == ".vial" || parts[0].starts_with(".vial-") {
        return Err("it points into vial's own files");
    }
    let path = parts.join("/");
    Ok(if file { path } else { format!("{path}/") })
}

/// The characters of an alias's parts: letters (of any script, for old
/// addresses in other languages), digits and the few marks addresses use.
fn allowed(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '~')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_path_is_one_alias() {
        for (written, path) in [
            ("/products/old-slug/", "products/old-slug/"),
            ("products/old-slug", "products/old-slug/"),
            ("products/old-slug/", "products/old-slug/"),
            (" /old ", "old/"),
            ("/shop/item.html", "shop/item.html"),
            ("/gr%C3%B6%C3%9Fe/", "größe/"),
            ("Old_Page~1/v2.0", "Old_Page~1/v2.0/"),
        ] {
            assert_eq!(alias_path(written).as_deref(), Ok(path), "{written}");
        }
    }

    #[test]
    fn what_is_no_path_of_the_site_is_refused() {
        for written in [
            "",
            "/",
            "https://example.org/old/",
            "//example.org/old/",
            "mailto:a@b.c",
            "/a/../b/",
            "/a/%2e%2e/b/",
            "/a%2Fb/",
            "/old/?page=2",
            "/old/#top",
            "/a//b/",
            "/old page/",
            "/<script>/",
            "/.vial/outputs/",
            "/.vial-output",
            "/a\\b/",
            "/%ff/",
        ] {
            assert!(alias_path(written).is_err(), "{written:?} was taken");
        }
    }
}
