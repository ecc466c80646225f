//! `--minify`: HTML pages and stylesheets made smaller with minify-html
//! (which minifies CSS with lightningcss and inline JavaScript with oxc),
//! script files with oxc itself, so that their comments go too. Output
//! that would not be smaller, or that the minifiers cannot read, is
//! published as it was.

use std::borrow::Cow;

use minify_html::Cfg;

/// Settings that keep every page valid HTML: closing tags, quoted
/// attributes and `<html>`/`<head>` stay, so a validator or crawler reads
/// the page as the unminified one.
fn settings() -> Cfg {
    Cfg {
        minify_css: true,
        minify_js: true,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..Cfg::new()
    }
}

/// A whole HTML page.
pub fn html(page: &str) -> String {
    let out = minify_html::minify(page.as_bytes(), &settings());
    // minify-html writes back the UTF-8 it was given; a surprise keeps the
    // page as it was rather than losing it.
    String::from_utf8(out).unwrap_or_else(|_| page.to_string())
}

/// A static file, by its name: stylesheets and scripts are minified as the
/// body of a `<style>` or `<script>` element, other files are untouched.
pub fn asset<'a>(name: &str, bytes: Cow<'a, [u8]>) -> Cow<'a, [u8]> {
    let extension = name.rsplit_once('.').map(|(_, e)| e);
    if let Some(kind @ ("js" | "mjs")) = extension {
        return match script(&bytes, kind == "mjs") {
            Some(small) if small.len() < bytes.len() => Cow::Owned(small.into_bytes()),
            _ => bytes,
        };
    }
    let (open, close): (&[u8], &[u8]) = match extension {
        Some("css") => (b"<style>", b"</style>"),
        _ => return bytes,
    };
    // A script that contains its own closing tag cannot be wrapped.
    if contains(&bytes, close) {
        return bytes;
    }
    let wrapped = [open, &bytes, close].concat();
    let out = minify_html::minify(&wrapped, &settings());
    match out
        .strip_prefix(open)
        .and_then(|rest| rest.strip_suffix(close))
    {
        Some(body) if body.len() < bytes.len() => Cow::Owned(body.to_vec()),
        _ => bytes,
    }
}

/// A script minified with oxc as minify-html does it (its safest
/// compression, names shortened), without the comments minify-html keeps;
/// licence comments (`/*!`, `@license`) stay. `None` if it is not UTF-8 or
/// does not parse.
fn script(bytes: &[u8], module: bool) -> Option<String> {
    use oxc_codegen::{Codegen, CodegenOptions, CommentOptions, LegalComment};
    use oxc_minifier::{CompressOptions, MangleOptions, Minifier, MinifierOptions};

    let source = std::str::from_utf8(bytes).ok()?;
    let allocator = oxc_allocator::Allocator::default();
    let source_type = if module {
        oxc_span::SourceType::mjs()
    } else {
        oxc_span::SourceType::default()
    };
    let parsed = oxc_parser::Parser::new(&allocator, source, source_type).parse();
    if !parsed.errors.is_empty() {
        return None;
    }
    let mut program = parsed.program;
    Minifier::new(MinifierOptions {
        mangle: Some(MangleOptions::default()),
        compress: Some(CompressOptions::safest()),
    })
    .minify(&allocator, &mut program);
    let options = CodegenOptions {
        comments: CommentOptions {
            legal: LegalComment::Inline,
            ..CommentOptions::disabled()
        },
        ..CodegenOptions::minify()
    };
    Some(Codegen::new().with_options(options).build(&program).code)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_and_scripts_shrink_and_other_files_do_not_change() {
        let css = asset("a.css", Cow::Borrowed(b"body {\n  color : red ;\n}\n"));
        assert_eq!(&*css, b"body{color:red}");
        let js = asset(
            "a.js",
            Cow::Borrowed(
                b"function add(first, second) {\n  return first + second;\n}\nadd(1, 2);\n",
            ),
        );
        assert!(js.len() < 60, "{}", String::from_utf8_lossy(&js));
        let svg: &[u8] = b"<svg>  </svg>";
        assert_eq!(&*asset("a.svg", Cow::Borrowed(svg)), svg);
    }

    #[test]
    fn pages_keep_their_text_and_structure() {
        let page = "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>A &amp; B</title>\n</head>\n<body>\n  <p>One   two</p>\n  <pre>  kept\n  as is</pre>\n</body>\n</html>\n";
        let out = html(page);
        assert!(out.len() < page.len());
        assert!(out.contains("<pre>  kept\n  as is</pre>"), "{out}");
        assert!(out.contains("</p>") && out.contains("<html"), "{out}");
    }
}
