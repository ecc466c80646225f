//! A page's links and ids read out of its HTML: a small tokenizer that
//! borrows what it finds from the page, not a parser that builds a tree.
//! Its own place: what counts as a link or an id in HTML is apart from
//! what the check does with them.

use std::borrow::Cow;

use memchr::memchr;

/// What a page links to and the ids it has.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Found<'h> {
    pub(super) links: Vec<Cow<'h, str>>,
    pub(super) ids: Vec<Cow<'h, str>>,
}

/// The link attributes and ids of an HTML document. A small tokenizer, not
/// a full parser: it knows comments, quoted and unquoted attribute values,
/// and that `<script>`, `<style>`, `<textarea>` and `<title>` hold text.
pub(super) fn scan_html(html: &str) -> Found<'_> {
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

/// Where `needle` (which starts with `<`) first occurs, in any case.
fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let (bytes, needle) = (haystack.as_bytes(), needle.as_bytes());
    memchr::memchr_iter(b'<', bytes).find(|&i| {
        bytes
            .get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}
