//! What a link found on a page points at: another site, a place outside
//! the site's path, an element of the page itself, or a file of the output
//! (and which file a folder's link names). The rules of URLs (base path,
//! schemes, `..`, percent-encoding) are kept here, apart from what is
//! recorded of each link.

use std::borrow::Cow;

use percent_encoding::percent_decode_str;

use super::LinkCheck;

impl LinkCheck {
    /// What `link`, found on `page`, points at.
    pub(super) fn resolve<'h>(&self, page: &str, link: &'h str) -> Resolved<'h> {
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

pub(super) enum Resolved<'h> {
    /// Another site, or a scheme such as `mailto:`.
    External,
    /// Above the site's path or its output folder.
    Outside,
    /// An element of the page itself.
    Here(String),
    /// A file of the output (`products/x/`, a folder, ends with `/`).
    File(Cow<'h, str>, Option<String>),
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
pub(super) fn resolve_file(target: &str, exists: &dyn Fn(&str) -> bool) -> Option<String> {
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
