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
            // A link out of the language says where it leads, and in what
            // language the name it shows is; words the translator wrote
            // for it are the page's own.
            if !path.starts_with("/de/") && path.ends_with('/') {
                assert_eq!(a.value().attr("hreflang"), Some("en"), "{url}: {href}");
                let lang = (text(a) != "das tägliche").then_some("en");
                assert_eq!(a.value().attr("lang"), lang, "{url}: {href}");
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
    page.hreflang()
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

/// The fixture in English and German without `omit`: what German has no
/// words for is shown in English.
fn falling_back() -> TestSite {
    let site = omitting();
    let config = site.read("site.yaml").replace("untranslated: omit", "");
    site.write("site.yaml", &config).built();
    site
}

/// The text and `lang` of each element `css` finds on the page at `url`.
fn lang_of(site: &TestSite, url: &str, css: &str) -> Vec<(String, Option<String>)> {
    site.page(url)
        .select(css)
        .iter()
        .map(|e| (text(*e), e.value().attr("lang").map(String::from)))
        .collect()
}

#[test]
fn fallback_words_are_marked_in_tables_breadcrumbs_and_lists() {
    let site = falling_back();
    let lang_of = |url: &str, css: &str| lang_of(&site, url, css);
    let en = Some("en".to_string());
    // A breadcrumb names the untranslated category in English, the
    // translated one in German.
    let crumbs = lang_of("/de/products/boost-ampoule/", "p.breadcrumb a");
    assert_eq!(crumbs, [("Ampoule".into(), en.clone())]);
    let crumbs = lang_of("/de/products/daily-serum/", "p.breadcrumb a");
    assert_eq!(crumbs, [("Seren".into(), None)]);
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

#[test]
fn fallback_words_are_marked_in_chips_backlinks_cards_and_data() {
    let site = falling_back();
    let lang_of = |url: &str, css: &str| lang_of(&site, url, css);
    let en = Some("en".to_string());
    // Term chips: no term has German words.
    let chips = lang_of("/de/products/meso-ampoule/", ".chips a");
    assert!(!chips.is_empty());
    assert!(chips.iter().all(|(_, l)| l == &en), "{chips:?}");
    let chips = lang_of("/de/guides/routine/", ".chips a");
    assert_eq!(chips, [("Dullness".into(), en.clone())]);
    // The term list: the term's name and its products' names.
    let terms = lang_of("/de/concerns/", ".term-cards h2 a, .term-products li");
    assert!(
        terms.contains(&("Dullness".into(), en.clone())),
        "{terms:?}"
    );
    assert!(
        terms.contains(&("Letztlicht-Ampulle".into(), None)),
        "{terms:?}"
    );
    // "Mentioned in": the untranslated guide's title and words.
    let routine = site.page("/de/guides/routine/");
    let backlink = routine.one(".backlinks a");
    assert_eq!(text(backlink), "Serum basics");
    assert_eq!(backlink.value().attr("lang"), Some("en"));
    let quote = routine.one(".backlinks blockquote");
    assert_eq!(quote.value().attr("lang"), Some("en"));
    // Category cards on the home page and the routine builder's page,
    // with their summaries.
    let home = lang_of("/de/", ".cards h3 a, .cards p:not(.meta)");
    assert!(home.contains(&("Ampoule".into(), en.clone())), "{home:?}");
    assert!(home.contains(&("Short, strong courses.".into(), en.clone())));
    assert!(home.contains(&("Seren".into(), None)), "{home:?}");
    let routine_page = lang_of("/de/routine/", ".routine-categories a");
    assert!(routine_page.contains(&("Ampoule".into(), en.clone())));
    // The usage card of an untranslated product on its own page.
    let card = site.page("/de/products/daily-serum/");
    let title = card.one(".usage-card .usage-title span");
    assert_eq!(
        (text(title), title.value().attr("lang")),
        ("Daily Serum".to_string(), Some("en"))
    );
    // An untranslated category's traits.
    let traits = site.page("/de/categories/ampoule/");
    assert_eq!(traits.one(".traits dl").value().attr("lang"), Some("en"));
    // A feed's entries.
    let feed = output(&site, "de/atom.xml");
    let doc = roxmltree::Document::parse(&feed).expect("well-formed XML");
    let entry_lang = |title: &str| {
        let entry = doc
            .descendants()
            .find(|n| n.has_tag_name("entry") && n.children().any(|c| c.text() == Some(title)))
            .unwrap_or_else(|| panic!("no entry {title}"));
        entry
            .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
            .map(String::from)
    };
    assert_eq!(entry_lang("Serum basics"), en);
    assert_eq!(entry_lang("Eine Ampulle einplanen"), None);
    // The scripts' data: the search's category filter and the compare
    // picker's names.
    let entry = site.json("de/search/index.json");
    let categories = entry["categories"].as_array().unwrap();
    let ampoule = categories.iter().find(|c| c[0] == "Ampoule").unwrap();
    assert_eq!(ampoule[4], "en");
    let seren = categories.iter().find(|c| c[0] == "Seren").unwrap();
    assert_eq!(seren.as_array().unwrap().len(), 4, "{seren}");
    let products = &site.json("de/data/ampoule.json")["products"];
    let lang = |slug: &str| {
        let p = products.as_array().unwrap().iter().find(|p| p["s"] == slug);
        p.unwrap()["l"].clone()
    };
    assert_eq!(lang("boost-ampoule"), "en");
    assert!(lang("meso-ampoule").is_null());
}

#[test]
fn a_link_to_a_heading_lands_on_its_translation() {
    let site = omitting();
    let config = site.read("site.yaml").replace("untranslated: omit", "");
    let routine = site
        .read("content/guides/routine.de.md")
        .replace("## Where it goes", "## Wohin sie gehört");
    // A translation that keeps the original's link to the heading.
    site.write("site.yaml", &config)
        .write("content/guides/routine.de.md", &routine)
        .write(
            "content/products/meso-ampoule.de.yaml",
            "name: Letztlicht-Ampulle\ndescription: Siehe [[guide:routine#where-it-goes]].\n",
        )
        .built();
    // The English text of the untranslated guide, on the German site,
    // links the heading by its English id; so does the translation.
    let basics = site.page("/de/guides/basics/");
    let link = basics.one(".prose a");
    assert_eq!(
        link.value().attr("href"),
        Some("/de/guides/routine/#where-it-goes")
    );
    let ampoule = site.page("/de/products/meso-ampoule/");
    let link = ampoule.one(".prose a");
    assert_eq!(
        link.value().attr("href"),
        Some("/de/guides/routine/#where-it-goes")
    );
    // It lands on the translated heading, whose own id, the one its
    // readers see, is made of its own words.
    let page = site.page("/de/guides/routine/");
    let heading = page.one("h2#wohin-sie-gehort");
    assert_eq!(text(heading), "Wohin sie gehört");
    page.one("h2#wohin-sie-gehort > span#where-it-goes:empty");
    assert_eq!(page.select("[id=where-it-goes]").len(), 1);
    // The English page is as it was.
    let english = site.page("/guides/routine/");
    english.one("h2#where-it-goes");
    assert!(english.select("h2 span").is_empty());
}
