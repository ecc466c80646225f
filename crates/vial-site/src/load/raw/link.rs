//! A product's `links:` to the shops that sell it, as written: each a
//! `{label, url}`, `sponsored: true` when the site earns from it. Its own
//! place because an address readers follow must be one a browser opens as
//! a web page: `http` or `https`, written in full.

use vial_base::diagnostic::Code;
use vial_yaml::{Field, Fields, Pos, Reader, Spanned};

/// A link to a shop as written.
#[derive(Debug, Clone, PartialEq)]
pub struct RawLink {
    pub label: Spanned<String>,
    pub url: Spanned<String>,
    /// Where `sponsored: true` is written, when it is.
    pub sponsored: Option<Pos>,
}

/// The `links:` of a product; a link with a problem is reported and left
/// out.
pub(super) fn links<'t>(r: &mut Reader<'t>, top: &mut Fields<'t>) -> Vec<RawLink> {
    top.get("links")
        .and_then(|field| field.list(r))
        .unwrap_or_default()
        .iter()
        .filter_map(|item| link(r, item))
        .collect()
}

fn link<'t>(r: &mut Reader<'t>, item: &Field<'t>) -> Option<RawLink> {
    let mut fields = item.fields(r)?;
    let label = fields.required_text(r, "label");
    let url = fields.required_text(r, "url");
    let sponsored = fields
        .get("sponsored")
        .and_then(|field| field.bool(r).filter(|&s| s).map(|_| field.at()));
    fields.finish(r);
    let url = url?;
    if let Err((message, help)) = web_address(&url.value) {
        r.error(Code::InvalidValue, url.at, message, help);
        return None;
    }
    Some(RawLink {
        label: label?,
        url: Spanned {
            value: url.value.trim().to_string(),
            at: url.at,
        },
        sponsored,
    })
}

const FULL_ADDRESS: &str = "write the full address, starting with https://";

/// Whether `url` is a whole web address (`https://host…`); the error is a
/// message and a hint, in a content editor's words.
fn web_address(url: &str) -> Result<(), (String, String)> {
    let url = url.trim();
    // A scheme is letters before the first `:` that comes before any `/`,
    // `?` or `#` (so `/a:b` is a path, `mailto:x` a scheme).
    let scheme = url
        .split_once(':')
        .map(|(s, _)| s)
        .filter(|s| !s.is_empty() && !s.contains(['/', '?', '#']));
    let Some(scheme) = scheme else {
        let help = if url.starts_with('/') || url.starts_with('.') {
            format!("{FULL_ADDRESS}: a link to a shop leads to another site")
        } else {
            format!(
                "{FULL_ADDRESS}, as in `https://{}`",
                url.trim_start_matches('/')
            )
        };
        return Err((format!("`{url}` is not a full web address"), help));
    };
    if !["http", "https"].contains(&scheme.to_ascii_lowercase().as_str()) {
        return Err((
            format!("`{scheme}:` addresses are not allowed here: a shop link opens a web page"),
            FULL_ADDRESS.to_string(),
        ));
    }
    let rest = &url[scheme.len() + 1..];
    let host = rest
        .strip_prefix("//")
        .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    match host {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(()),
        _ => Err((
            format!("`{url}` names no site after `{scheme}:`"),
            format!("{FULL_ADDRESS} and the shop's domain, as in `https://shop.example/…`"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::web_address;

    #[test]
    fn only_whole_http_addresses_are_web_addresses() {
        for ok in [
            "https://leafy.example/pots",
            "HTTP://shop.example",
            " https://a.example?q=1 ",
        ] {
            assert!(web_address(ok).is_ok(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "ftp://files.example/x",
            "www.shop.com/x",
            "/shop/",
            "./shop",
            "https:shop.example",
            "https:///path",
            "mailto:a@b.example",
            "",
            ":foo",
        ] {
            assert!(web_address(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_address_without_scheme_is_shown_with_one() {
        let (_, help) = web_address("www.shop.com/x").unwrap_err();
        assert!(help.contains("https://www.shop.com/x"), "{help}");
    }
}
