//! The site's address (`base_url`, `--base-url`): parsed with the `url`
//! crate, and refused when it cannot be where a site is published, since
//! every canonical link, feed entry and internal link is made from it.

use percent_encoding::percent_decode_str;

/// A site's address: the URL without its last `/`, and its path with one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub url: String,
    pub path: String,
}

/// Parses `text` as a site's address, or says in a few words why it
/// cannot be one.
pub fn parse(text: &str) -> Result<Address, &'static str> {
    if text.chars().any(char::is_whitespace) {
        return Err("an address has no spaces");
    }
    let url = url::Url::parse(text).map_err(|_| "it is not an address")?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("it must start with `https://` or `http://`");
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("it names no host");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("it must not hold a user name or a password");
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("it must not have a `?` or `#` part: pages are added after its path");
    }
    // The url crate resolves `..` away; what was written is checked, in
    // every spelling (`%2e%2e`, `%2F`).
    let written_path = text
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or("");
    for segment in written_path.split('/') {
        let decoded = percent_decode_str(segment).decode_utf8_lossy();
        if decoded == "." || decoded == ".." || decoded.contains(['/', '\\']) {
            return Err("its path must not go up or sideways (`..`, `%2e%2e`, `%2f`)");
        }
        if decoded.chars().any(char::is_control) {
            return Err("its path holds a character no address has");
        }
    }
    let path = format!("{}/", url.path().trim_end_matches('/'));
    let url = url.as_str().trim_end_matches('/').to_string();
    Ok(Address { url, path })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_of_sites_parse_to_their_url_and_path() {
        let cases = [
            ("https://example.org", "https://example.org", "/"),
            ("https://example.org/", "https://example.org", "/"),
            (
                "http://localhost:8080/kb/",
                "http://localhost:8080/kb",
                "/kb/",
            ),
            (
                "HTTPS://Notes.Test/Docs",
                "https://notes.test/Docs",
                "/Docs/",
            ),
        ];
        for (text, url, path) in cases {
            let address = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(
                (address.url.as_str(), address.path.as_str()),
                (url, path),
                "{text}"
            );
        }
    }

    #[test]
    fn what_cannot_be_a_site_address_is_refused() {
        for text in [
            "https://example.org ",
            " https://example.org",
            "https://exa mple.org/",
            "https://user:secret@example.org/",
            "https://user@example.org/",
            "https://example.org/kb/../../",
            "https://example.org/kb/%2e%2e/",
            "https://example.org/a%2Fb/",
            "https://notes.test/#frag",
            "https://notes.test/?page=1",
            "ftp://example.org/",
            "example.org",
            "/kb/",
            "https://",
            "",
        ] {
            assert!(parse(text).is_err(), "{text:?} was taken");
        }
    }
}
