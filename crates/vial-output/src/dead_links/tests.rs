//! Tests of the link check: links resolved as a browser would, every kind
//! of dead link reported once, and text that only looks like a link.

use super::*;

fn check(pages: &[(&str, &str)]) -> Vec<String> {
    let check = LinkCheck::new("https://example.org/kb", "/kb/", ["index.html"].into_iter());
    for (path, html) in pages {
        check.scan(path, html);
    }
    let files: HashSet<&str> = pages.iter().map(|(p, _)| *p).collect();
    check
        .problems(Path::new("public"), &|p| {
            files.contains(p) || p == "style.css"
        })
        .iter()
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn links_resolve_relative_absolute_and_to_folders() {
    let home = r##"<a href="/kb/">home</a><a href="products/a/">a</a>
        <a href='/kb/products/a'>a</a><link rel=stylesheet href=/kb/style.css>
        <a href="https://example.org/kb/products/a/#use">abs</a>
        <a href="https://elsewhere.org/x">out</a><a href="mailto:a@b.c">mail</a>
        <a href="#top">top</a><a href="?q=1">query</a><a href="//cdn.example.net/x.js">cdn</a>"##;
    let product =
        r#"<h2 id="use">Use</h2><a href="../../">up</a><img src="../../style.css" alt="">"#;
    let problems = check(&[("index.html", home), ("products/a/index.html", product)]);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn missing_files_fragments_and_links_out_of_the_path_are_reported() {
    let home = r##"<a href="/kb/nope/">x</a><a href="/elsewhere/">y</a>
        <a href="#missing">z</a><a href="products/a/#gone">w</a>
        <a href="../../../">above</a>"##;
    let product = r#"<p id="here">"#;
    let problems = check(&[("index.html", home), ("products/a/index.html", product)]);
    assert_eq!(problems.len(), 5, "{problems:#?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`/kb/nope/`") && p.contains("no such file"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`#missing`") && p.contains("id `missing`"))
    );
    assert!(problems.iter().any(|p| p.contains("`products/a/#gone`")));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`/elsewhere/`") && p.contains("`/kb/`"))
    );
}

#[test]
fn one_broken_link_on_many_pages_is_one_problem() {
    let pages: Vec<(String, &str)> = (0..50)
        .map(|i| (format!("p{i:02}/index.html"), r#"<a href="/kb/gone.css">"#))
        .collect();
    let pages: Vec<(&str, &str)> = pages.iter().map(|(p, h)| (p.as_str(), *h)).collect();
    let problems = check(&pages);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].starts_with("`p00/index.html` and 49 other pages link to"));
}

#[test]
fn text_in_scripts_comments_and_titles_is_not_a_link() {
    let found = scan_html(
        r#"<title><a href="x"></title><!-- <a href="y"> --><script>let s = '<a href="z">';</script>
        <img srcset="a.webp 480w, b.webp 960w" src="c.png" alt="<a href='q'>"><p id=one name="two">"#,
    );
    assert_eq!(found.links, ["a.webp", "b.webp", "c.png"]);
    assert_eq!(found.ids, ["one", "two"]);
}
