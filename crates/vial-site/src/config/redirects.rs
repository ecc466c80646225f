//! `redirects:`, the host whose redirect file vial writes beside the
//! redirect pages: `netlify` or `cloudflare`, whose `_redirects` both read
//! `from to status` lines.

use vial_base::diagnostic::Location;
use vial_yaml::{Fields, Origin, Reader};

/// A host that reads a `_redirects` file at the site's root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectHost {
    Netlify,
    Cloudflare,
}

impl RedirectHost {
    /// The most redirects the host reads from the file, if it has a limit:
    /// Cloudflare Pages reads 2,000 static redirects (and 100 dynamic).
    pub fn limit(self) -> Option<usize> {
        match self {
            RedirectHost::Netlify => None,
            RedirectHost::Cloudflare => Some(2_000),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            RedirectHost::Netlify => "netlify",
            RedirectHost::Cloudflare => "cloudflare",
        }
    }
}

/// `redirects:` as site.yaml writes it, with where.
#[derive(Debug, Clone, PartialEq)]
pub struct HostRedirects {
    pub host: RedirectHost,
    pub location: Location,
}

/// The file name both hosts read, at the site's root.
pub const REDIRECTS_FILE: &str = "_redirects";

pub(super) fn read_redirects<'t>(
    r: &mut Reader<'t>,
    top: &mut Fields<'t>,
    origin: &Origin,
) -> Option<HostRedirects> {
    let written = top
        .get("redirects")?
        .one_of(r, &["netlify", "cloudflare"])?;
    let host = match written.value.as_str() {
        "netlify" => RedirectHost::Netlify,
        _ => RedirectHost::Cloudflare,
    };
    Some(HostRedirects {
        host,
        location: origin.at(&written),
    })
}
