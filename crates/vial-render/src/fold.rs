//! Template calls whose result is the same on every page, written into
//! the template once before it is compiled.
//!
//! A page of the default theme calls `asset(...)` ten times and `t(...)`
//! a dozen times with nothing but a literal name: the same text on every
//! page of a build, yet Tera builds a map of arguments for each call on
//! each page. Such a call is replaced by its text, followed by a comment as
//! long as the difference, so that every line and column of the template
//! stays where it was: an error still points at the template as its author
//! wrote it. A call whose text is longer than the call, or that could read
//! as template syntax, stays a call; either way the page is the same.

use std::borrow::Cow;

/// `source` with each `{{ name(arg="literal") }}` for which `value_of`
/// (given the name, the argument's name and the literal) gives a text
/// replaced by that text. Calls in comments, in `raw`
/// blocks, in tags and with whitespace control (`{{-`) are left alone.
pub fn fold_constants<'s>(
    source: &'s str,
    value_of: &dyn Fn(&str, &str, &str) -> Option<String>,
) -> Cow<'s, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = source[at..].find('{') {
        let start = at + offset;
        let rest = &source[start..];
        at = if rest.starts_with("{#") {
            end_of(source, start, "#}")
        } else if rest.starts_with("{%") {
            let tag_end = end_of(source, start, "%}");
            if is_raw(&source[start + 2..tag_end]) {
                end_of_raw(source, tag_end)
            } else {
                tag_end
            }
        } else if rest.starts_with("{{") {
            let end = end_of(source, start, "}}");
            let call = &source[start..end];
            if let Some(text) = constant(call, value_of).and_then(|t| padded(t, call.len())) {
                out.push_str(&source[copied..start]);
                out.push_str(&text);
                copied = end;
            }
            end
        } else {
            start + 1
        };
    }
    if copied == 0 {
        return Cow::Borrowed(source);
    }
    out.push_str(&source[copied..]);
    Cow::Owned(out)
}

/// Where the construct opened at `start` ends, after its `close`.
fn end_of(source: &str, start: usize, close: &str) -> usize {
    source[start + 2..]
        .find(close)
        .map_or(source.len(), |i| start + 2 + i + close.len())
}

/// Whether a tag's inside (between `{%` and `%}`) opens a raw block.
fn is_raw(tag: &str) -> bool {
    let tag = tag
        .trim_end_matches("%}")
        .trim_matches(|c: char| c == '-' || c.is_whitespace());
    tag == "raw"
}

/// Where a raw block opened before `from` ends, after its `endraw` tag.
fn end_of_raw(source: &str, from: usize) -> usize {
    let mut at = from;
    while let Some(offset) = source[at..].find("{%") {
        let start = at + offset;
        let end = end_of(source, start, "%}");
        let tag = source[start + 2..end].trim_end_matches("%}");
        if tag.trim_matches(|c: char| c == '-' || c.is_whitespace()) == "endraw" {
            return end;
        }
        at = end;
    }
    source.len()
}

/// The text of `{{ name(arg="literal") }}`, if `value_of` has one.
fn constant(call: &str, value_of: &dyn Fn(&str, &str, &str) -> Option<String>) -> Option<String> {
    let inside = call.strip_prefix("{{")?.strip_suffix("}}")?;
    if inside.starts_with('-') || inside.ends_with('-') {
        return None;
    }
    let (name, rest) = inside.trim().split_once('(')?;
    let (argument, rest) = rest.split_once('=')?;
    let rest = rest.trim_start();
    let quote = rest
        .chars()
        .next()
        .filter(|q| matches!(q, '"' | '\'' | '`'))?;
    let (literal, rest) = rest[1..].split_once(quote)?;
    if rest.trim() != ")" || !is_name(name) || !is_name(argument.trim()) {
        return None;
    }
    value_of(name, argument.trim(), literal)
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `text` made exactly `len` bytes long with a comment after it, unless it
/// is longer, too close to be padded (a comment takes four bytes) or could
/// open or join template syntax.
fn padded(mut text: String, len: usize) -> Option<String> {
    let syntax = ["{{", "{%", "{#"].iter().any(|s| text.contains(s))
        || text.starts_with(['{', '%', '#'])
        || text.ends_with('{')
        || text.contains('\n');
    if syntax {
        return None;
    }
    match len.checked_sub(text.len())? {
        0 => {}
        gap if gap >= 4 => {
            text.push_str("{#");
            text.extend(std::iter::repeat_n(' ', gap - 4));
            text.push_str("#}");
        }
        _ => return None,
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(name: &str, argument: &str, literal: &str) -> Option<String> {
        match (name, argument, literal) {
            ("t", "key", "site.skip") => Some("Skip".to_string()),
            ("t", "key", "long") => Some("a text longer than the call itself".to_string()),
            ("t", "key", "syntax") => Some("{{ x }}".to_string()),
            ("asset", "path", "style.css") => Some("/style.1a2b.css".to_string()),
            _ => None,
        }
    }

    fn fold(source: &str) -> String {
        fold_constants(source, &values).into_owned()
    }

    #[test]
    fn known_calls_become_their_text_and_keep_every_column() {
        let source =
            "<a>{{ t(key=\"site.skip\") }}</a>\n<link href=\"{{asset(path='style.css')}}\">";
        let folded = fold(source);
        // 24 and 27 bytes of call, 4 and 15 of text.
        let (gap1, gap2) = (" ".repeat(24 - 4 - 4), " ".repeat(27 - 15 - 4));
        assert_eq!(
            folded,
            format!("<a>Skip{{#{gap1}#}}</a>\n<link href=\"/style.1a2b.css{{#{gap2}#}}\">")
        );
        let lines = |s: &str| s.lines().map(str::len).collect::<Vec<_>>();
        assert_eq!(lines(&folded), lines(source));
    }

    #[test]
    fn other_calls_stay() {
        for source in [
            "{{ t(key=\"site.skip\", n=2) }}",
            "{{ t(key=\"unknown\") }}",
            "{{ t(name=\"site.skip\") }}",
            "{{ t(key=\"long\") }}",
            "{{ t(key=\"syntax\") }}",
            "{{ t(key=name) }}",
            "{{- t(key=\"site.skip\") }}",
            "{{ t(key=\"site.skip\") | upper }}",
            "{# {{ t(key=\"site.skip\") }} #}",
            "{% raw %}{{ t(key=\"site.skip\") }}{% endraw %}",
            "{%- raw -%}{{ t(key=\"site.skip\") }}{%- endraw %}",
            "{% set x = \"{{ t(key='site.skip') }}\" %}",
            "{{ t(key=\"site.skip\")",
        ] {
            assert_eq!(fold(source), source, "{source}");
        }
    }

    #[test]
    fn calls_after_a_raw_block_fold() {
        assert_eq!(
            fold("{% raw %}{{ a }}{% endraw %}{{ t(key='site.skip') }}"),
            format!(
                "{{% raw %}}{{{{ a }}}}{{% endraw %}}Skip{{#{}#}}",
                " ".repeat(16)
            )
        );
    }
}
