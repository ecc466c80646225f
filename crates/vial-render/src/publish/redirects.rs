//! What the site's redirects publish (`Site::redirects`): a page at each
//! old address that sends the reader on (the theme's `redirect.html`: a
//! meta refresh, the new address as canonical, kept out of search
//! engines), and, with `redirects:`, the host's `_redirects` file, which
//! answers old addresses with a real 301 before the page is ever read.

use serde::Serialize;

use crate::{Reads, Renderer};
use vial_site::config::RedirectHost;

/// What `redirect.html` is given: where the reader goes.
#[derive(Debug, Clone, Serialize)]
struct RedirectView {
    /// The new page's name.
    title: String,
    /// Its URL from the site's root, for the refresh and the link: the
    /// redirect works wherever the site is previewed.
    url: String,
    /// Its absolute address, for `rel=canonical`.
    permalink: String,
}

impl Renderer<'_> {
    /// The context of the redirect page at `from` (below the base path).
    pub(super) fn redirect_page(
        &self,
        from: &str,
        context: &mut tera::Context,
        reads: &mut Reads,
    ) -> (&'static str, String) {
        // The plan names only redirects the site has.
        if let Some(redirect) = self.site.redirect(from) {
            let to = &redirect.to;
            reads.insert(to.clone());
            let view = RedirectView {
                title: self.resolver.title(to),
                url: self.target_url(to),
                permalink: self.target_permalink(to),
            };
            context.insert("redirect", &view);
        }
        ("redirect.html", from.to_string())
    }

    /// `_redirects`: a `from to status` line per redirect of every
    /// language that publishes its page, paths from the host's root (the
    /// base path in front).
    pub(crate) fn host_redirects(&self) -> String {
        let config = &self.site.config;
        let Some(host) = &config.redirects else {
            return String::new();
        };
        // Netlify serves a file where one exists (the redirect page)
        // unless the rule is forced; Cloudflare always redirects.
        let status = match host.host {
            RedirectHost::Netlify => "301!",
            RedirectHost::Cloudflare => "301",
        };
        let root = &config.root_path;
        let mut out = String::new();
        let mut last: Option<&str> = None;
        for r in &self.site.redirects {
            // Two pages claiming one address are reported, never written.
            if last == Some(r.from.as_str()) {
                continue;
            }
            last = Some(&r.from);
            let to = r.to.path(config);
            for prefix in self.prefixes_publishing(&to) {
                out.push_str(&format!(
                    "{} {} {status}\n",
                    encoded(&format!("{root}{prefix}{}", r.from)),
                    encoded(&format!("{root}{prefix}{to}")),
                ));
            }
        }
        out
    }

    /// The folders of the languages that publish the page at `path`
    /// (below each): the default language's (empty) alone for a site in
    /// one.
    fn prefixes_publishing(&self, path: &str) -> Vec<&str> {
        if self.languages.is_empty() {
            return vec![""];
        }
        (self.languages.iter())
            .filter(|l| l.prefix.is_empty() || l.pages.contains(path))
            .map(|l| l.prefix.as_str())
            .collect()
    }
}

/// A path as the hosts read it: characters beyond ASCII percent-encoded
/// (Netlify asks for it). The base path is
/// encoded already (`base_url` is read as a URL), and an alias holds no
/// `%` once read: nothing is encoded twice.
fn encoded(path: &str) -> String {
    use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
    const SET: &AsciiSet = &CONTROLS.add(b' ');
    utf8_percent_encode(path, SET).to_string()
}
