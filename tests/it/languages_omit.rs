//! `untranslated: omit`, the one sitemap of a site in several languages,
//! and the marking of words shown for want of a translation.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::{Page, TestSite, snapshot, text};
use vial_build::BuildOptions;

const ORIGIN: &str = "https://example.org";

/// The basic fixture in English and German, leaving out what has no German
/// words: German has the ampoule, the serum category and the routine
/// guide (whose links name the daily serum, the boost ampoule and the
/// ampoule category, all left out); nothing else.
fn omitting() -> TestSite {
    let site = TestSite::fixture("basic");
    let config = site.read("site.yaml").replace(
        "description: A fixture site.",
        "description: A fixture site.\nlanguage: en\nlanguages:\n  de: {title: Testnotizen}\nuntranslated: omit",
    );
    site.write("site.yaml", &config)
        .write(
            "content/products/meso-ampoule.de.yaml",
            "name: Letztlicht-Ampulle\nsummary: Kommt zuletzt.\n",
        )
        .write("content/categories/serum.de.yaml", "name: Seren\n")
        .write(
            "content/guides/routine.de.md",
            "---\ntitle: Eine Ampulle einplanen\n---\n## Where it goes\n\nStatt eines [[category:serum]]. Die [[meso-ampoule]] zuletzt, [[daily-serum|das tägliche]] zuerst, [[category:ampoule]] sonst.\n\n```usage\nproduct: daily-serum\n```\n\n```compare\nproducts: [meso-ampoule, boost-ampoule]\nfields: [strength, step]\n```\n",
        )
        .built();
    site
}

/// A file of the build, by its path below the output folder.
fn output(site: &TestSite, path: &str) -> String {
    std::fs::read_to_string(site.output().join(path)).expect(path)
}

/// Every HTML page of the build, as its URL.
fn pages(site: &TestSite) -> Vec<String> {
    snapshot(&site.output())
        .into_iter()
        .map(|(path, _)| path.to_string_lossy().replace('\\', "/"))
        .filter(|p| p.ends_with("index.html"))
        .map(|p| format!("/{}", p.trim_end_matches("index.html")))
        .collect()
}

#[test]
fn omit_leaves_untranslated_pages_out_of_the_language() {
    let site = omitting();
    for gone in [
        "/de/products/daily-serum/",
        "/de/products/boost-ampoule/",
        "/de/categories/ampoule/",
        "/de/guides/basics/",
        "/de/brands/lumen-lab/",
    ] {
        assert!(!site.exists(gone), "{gone} is published");
    }
    for kept in [
        "/de/products/meso-ampoule/",
        "/de/categories/serum/",
        "/de/guides/routine/",
        "/products/daily-serum/",
    ] {
        assert!(site.exists(kept), "{kept} is missing");
    }
    // Lists leave it out.
    let names = |url: &str, css: &str| site.page(url).texts(css);
    assert_eq!(
        names("/de/products/", ".product-list > li > a:not(.thumb)"),
        ["Letztlicht-Ampulle"]
    );
    assert_eq!(
        names("/de/guides/", ".guide-list > li > a"),
        ["Eine Ampulle einplanen"]
    );
    // The search index and the feeds do too.
    let records = site.json("de/search/index.json")["n"].as_u64().unwrap();
    let urls: Vec<String> = (0..records)
        .map(|n| site.json(&format!("de/search/r/{n}.json"))["u"].to_string())
        .collect();
    assert!(
        urls.iter()
            .any(|u| u.contains("/de/products/meso-ampoule/"))
    );
    assert!(!urls.iter().any(|u| u.contains("daily-serum")), "{urls:?}");
    let feed = output(&site, "de/atom.xml");
    assert!(feed.contains("/de/guides/routine/"), "{feed}");
    assert!(!feed.contains("basics"), "{feed}");
}

#[test]
#[ignore = "unfinished: comparison tables' header cells carry no hreflang/lang yet"]
fn nothing_in_a_language_links_to_a_page_it_leaves_out() {
    let site = omitting();
    let mut elsewhere = BTreeSet::new();
    for url in pages(&site).iter().filter(|u| u.starts_with("/de/")) {
        let page = site.page(url);
        for a in page.select("a[href]") {
            let href = a.value().attr("href").unwrap_or_default();
            let path = href.split('#').next().unwrap_or_default();
            if !path.starts_with('/') {
                continue;
            }
            assert!(site.exists(path), "{url} links to {href}, which is missing");
            // A link out of the language says where it leads, in what
            // language its name is.
            if !path.starts_with("/de/") && path.ends_with('/') {
                assert_eq!(a.value().attr("hreflang"), Some("en"), "{url}: {href}");
                assert_eq!(a.value().attr("lang"), Some("en"), "{url}: {href}");
                elsewhere.insert(path.to_string());
            }
        }
    }
    // The guide's links to what German leaves out lead to the English
    // pages; the translated product's category too.
    for english in [
        "/products/daily-serum/",
        "/products/boost-ampoule/",
        "/categories/ampoule/",
    ] {
        assert!(elsewhere.contains(english), "{english}: {elsewhere:?}");
    }
}

/// The `hreflang` links of the page at `url`: (code, absolute URL).
fn hreflang(page: &Page) -> Vec<(String, String)> {
    page.select("link[rel=alternate][hreflang]")
        .iter()
        .map(|l| {
            let attr = |name| l.value().attr(name).unwrap_or_default().to_string();
            (attr("hreflang"), attr("href"))
        })
        .collect()
}

#[test]
fn hreflang_pairs_point_both_ways_under_omit() {
    let site = omitting();
    let all = pages(&site);
    let mut alone = 0;
    for url in &all {
        let links = hreflang(&site.page(url));
        if links.is_empty() {
            // A page without twins: its language's twin is left out.
            assert!(!url.starts_with("/de/"), "{url} has no English twin");
            assert!(!site.exists(&format!("/de{url}")), "{url} names no twin");
            alone += 1;
            continue;
        }
        let codes: Vec<&str> = links.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, ["x-default", "en", "de"], "{url}");
        for (code, href) in &links[1..] {
            let twin = href.strip_prefix(ORIGIN).expect("absolute");
            assert!(site.exists(twin), "{url} names {twin} ({code}), missing");
            let back = hreflang(&site.page(twin));
            assert!(
                back.iter().any(|(_, h)| h == &format!("{ORIGIN}{url}")),
                "{twin} ({code}) does not link back to {url}"
            );
        }
    }
    assert!(alone >= 4, "{alone} pages alone");
    // Its switcher offers no German page either.
    let serum = site.page("/products/daily-serum/");
    assert!(
        serum
            .select("nav.language-switcher a[hreflang=de]")
            .is_empty()
    );
}

/// Each `<url>` of a sitemap file: its `<loc>` and its alternates by
/// `hreflang`.
fn sitemap_urls(xml: &str) -> Vec<(String, BTreeMap<String, String>)> {
    const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
    const XHTML: &str = "http://www.w3.org/1999/xhtml";
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    doc.root_element()
        .children()
        .filter(|n| n.has_tag_name((NS, "url")))
        .map(|url| {
            let loc = url
                .children()
                .find(|n| n.has_tag_name((NS, "loc")))
                .and_then(|n| n.text())
                .unwrap_or_default()
                .to_string();
            let alternates = url
                .children()
                .filter(|n| n.has_tag_name((XHTML, "link")))
                .map(|n| {
                    assert_eq!(n.attribute("rel"), Some("alternate"));
                    let attr = |a| n.attribute(a).unwrap_or_default().to_string();
                    (attr("hreflang"), attr("href"))
                })
                .collect();
            (loc, alternates)
        })
        .collect()
}

#[test]
fn one_sitemap_lists_every_language_with_its_twins() {
    let site = omitting();
    assert!(!site.exists("/de/sitemap.xml"));
    let robots = output(&site, "robots.txt");
    assert!(robots.contains(&format!("Sitemap: {ORIGIN}/sitemap.xml")));
    let urls = sitemap_urls(&output(&site, "sitemap.xml"));
    let find = |loc: &str| {
        let url = format!("{ORIGIN}{loc}");
        urls.iter().find(|(l, _)| *l == url).map(|(_, a)| a.clone())
    };
    let twins: BTreeMap<String, String> = [
        ("en", "/products/meso-ampoule/"),
        ("de", "/de/products/meso-ampoule/"),
        ("x-default", "/products/meso-ampoule/"),
    ]
    .into_iter()
    .map(|(code, path)| (code.to_string(), format!("{ORIGIN}{path}")))
    .collect();
    assert_eq!(find("/products/meso-ampoule/"), Some(twins.clone()));
    assert_eq!(find("/de/products/meso-ampoule/"), Some(twins));
    // A page one language leaves out is listed once, with no twin.
    assert_eq!(find("/products/daily-serum/"), Some(BTreeMap::new()));
    assert_eq!(find("/de/products/daily-serum/"), None);
    // Every page of every language, once.
    let listed: BTreeSet<String> = urls.iter().map(|(l, _)| l.clone()).collect();
    assert_eq!(listed.len(), urls.len());
    let published: BTreeSet<String> = pages(&site)
        .into_iter()
        .map(|p| format!("{ORIGIN}{p}"))
        .collect();
    assert_eq!(listed, published);
}

#[test]
fn a_sitemap_of_several_languages_splits_into_parts_of_every_language() {
    let site = omitting();
    let whole = sitemap_urls(&output(&site, "sitemap.xml"));
    let per_file = 10;
    let options = BuildOptions {
        sitemap_urls: Some(per_file),
        ..site.options()
    };
    if let Err(e) = vial_build::build(&options) {
        panic!("build failed:\n{}", e.problems);
    }
    let index = output(&site, "sitemap.xml");
    assert!(index.contains("<sitemapindex"), "{index}");
    let mut parts = Vec::new();
    for n in 1..=whole.len().div_ceil(per_file) {
        let part = sitemap_urls(&output(&site, &format!("sitemap{n}.xml")));
        assert!(part.len() <= per_file);
        parts.extend(part);
    }
    assert_eq!(parts, whole);
    assert!(!site.exists(&format!(
        "/sitemap{}.xml",
        whole.len().div_ceil(per_file) + 1
    )));
}

#[test]
#[ignore = "unfinished: tables, usage card heading and category cards not marked yet"]
fn fallback_words_are_marked_in_tables_breadcrumbs_and_lists() {
    let site = omitting();
    let config = site.read("site.yaml").replace("untranslated: omit", "");
    site.write("site.yaml", &config).built();
    let lang_of = |url: &str, css: &str| -> Vec<(String, Option<String>)> {
        site.page(url)
            .select(css)
            .iter()
            .map(|e| (text(*e), e.value().attr("lang").map(String::from)))
            .collect()
    };
    let en = Some("en".to_string());
    // A breadcrumb names the untranslated category in English.
    let crumbs = lang_of("/de/products/daily-serum/", "nav.breadcrumbs a");
    assert!(
        crumbs.contains(&("Daily Serum".into(), en.clone()))
            || crumbs.iter().any(|(_, l)| l == &en),
        "{crumbs:?}"
    );
    // A comparison table's product names.
    let table = lang_of("/de/guides/routine/", "table.comparison thead a");
    assert!(
        table.contains(&("Boost Ampoule".into(), en.clone())),
        "{table:?}"
    );
    assert!(
        table.contains(&("Letztlicht-Ampulle".into(), None)),
        "{table:?}"
    );
    // The usage card's heading.
    let card = lang_of(
        "/de/guides/routine/",
        ".usage-card h3, .usage-card h2, .usage-card a",
    );
    assert!(
        card.iter()
            .any(|(t, l)| t.contains("Daily Serum") && l == &en),
        "{card:?}"
    );
    // Category cards.
    let categories = lang_of("/de/categories/", "a");
    assert!(
        categories.contains(&("Ampoule".into(), en)),
        "{categories:?}"
    );
}
