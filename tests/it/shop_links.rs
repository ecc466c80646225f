//! A product's `links:` to shops: listed in order on its page, a sponsored
//! one marked (`rel="sponsored nofollow noopener"`, a visible tag) with
//! the site's disclosure beside them, every address checked for a whole
//! `http(s)` address, and a warning when the site has no disclosure.

use crate::common::{TestSite, text, texts_in};
use crate::languages::bilingual;
use vial_base::diagnostic::Code;

const MESO: &str = "content/products/meso-ampoule.yaml";
const DAILY: &str = "content/products/daily-serum.yaml";

/// A plain link, a sponsored one, another plain one.
const LINKS: &str = "links:
  - label: Vale & Vial shop
    url: https://vale-vial.example/meso
  - label: Glow Cabinet
    url: https://glow-cabinet.example/p/meso?ref=notes
    sponsored: true
  - label: Corner Pharmacy
    url: http://corner-pharmacy.example/meso
    sponsored: false
";

const DISCLOSURE: &str = "links:\n  disclosure: We earn a commission from these. See [how we earn money](/disclosure/).\n";

fn append(site: &TestSite, path: &str, text: &str) {
    let before = site.read(path);
    site.write(path, &format!("{before}{text}"));
}

/// The basic fixture at `https://example.org/kb/`, the meso ampoule with
/// `LINKS`, the daily serum with one plain link, a disclosure declared
/// and the page it links to.
fn with_links() -> TestSite {
    let site = TestSite::fixture("basic");
    site.replace_in(
        "site.yaml",
        "base_url: https://example.org",
        "base_url: https://example.org/kb/",
    );
    append(&site, "site.yaml", DISCLOSURE);
    append(&site, MESO, LINKS);
    append(
        &site,
        DAILY,
        "links:\n  - {label: Corner Pharmacy, url: \"https://corner-pharmacy.example/daily\"}\n",
    );
    site.write("static/disclosure/index.html", "<p>How we earn money.</p>");
    site
}

/// `file:line:column` of the first `needle` in `text`, 1-based; of what
/// follows its `|` when it has one.
fn at(file: &str, text: &str, needle: &str) -> String {
    let (before, _) = needle.split_once('|').unwrap_or(("", needle));
    let found = text
        .find(&needle.replace('|', ""))
        .unwrap_or_else(|| panic!("no `{needle}`"));
    let start = found + before.len();
    let line = text[..start].matches('\n').count() + 1;
    let column = start - text[..start].rfind('\n').map_or(0, |i| i + 1) + 1;
    format!("{file}:{line}:{column}")
}

#[test]
fn links_are_listed_in_order_and_only_sponsored_ones_say_so() {
    let site = with_links();
    site.built();
    let page = site.page("/products/meso-ampoule/");
    let section = page.one("section.shop-links");
    assert_eq!(texts_in(section, "h2"), ["Where to buy"]);
    let links = page.select(".shop-links li a");
    let seen: Vec<(String, &str, &str)> = links
        .iter()
        .map(|a| {
            let attr = |n| a.value().attr(n).unwrap_or("");
            (text(*a), attr("href"), attr("rel"))
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                "Vale & Vial shop".to_string(),
                "https://vale-vial.example/meso",
                "noopener"
            ),
            (
                "Glow Cabinet".to_string(),
                "https://glow-cabinet.example/p/meso?ref=notes",
                "sponsored nofollow noopener"
            ),
            (
                "Corner Pharmacy".to_string(),
                "http://corner-pharmacy.example/meso",
                "noopener"
            ),
        ]
    );
    // They open where the reader is, as every link of the theme does.
    assert!(links.iter().all(|a| a.value().attr("target").is_none()));
    // The sponsored one, and only it, carries the tag readers see.
    let tagged: Vec<String> = page
        .select(".shop-links li")
        .into_iter()
        .map(|li| texts_in(li, ".link-tag").join(""))
        .collect();
    assert_eq!(tagged, ["", "Sponsored", ""]);
}

#[test]
fn the_disclosure_is_shown_only_beside_a_sponsored_link_and_links_below_the_sites_path() {
    let site = with_links();
    site.built();
    let page = site.page("/products/meso-ampoule/");
    let disclosure = page.one(".shop-links .disclosure");
    assert_eq!(
        text(disclosure),
        "We earn a commission from these. See how we earn money."
    );
    let link = page.one(".shop-links .disclosure a");
    assert_eq!(link.value().attr("href"), Some("/kb/disclosure/"));
    // Links, none sponsored: nothing to disclose.
    let daily = site.page("/products/daily-serum/");
    assert_eq!(daily.texts(".shop-links li a"), ["Corner Pharmacy"]);
    assert!(daily.select(".disclosure").is_empty());
    // No links: no section.
    let boost = site.page("/products/boost-ampoule/");
    assert!(boost.select(".shop-links").is_empty());
}

#[test]
fn the_dead_link_check_sees_the_disclosure_s_link() {
    let site = with_links();
    site.remove("static/disclosure/index.html");
    let errors = site.errors();
    assert!(errors.contains("there is no such file"), "{errors}");
    assert!(errors.contains("/kb/disclosure/"), "{errors}");
}

#[test]
fn a_german_page_says_it_in_german() {
    let site = bilingual();
    append(&site, MESO, LINKS);
    append(
        &site,
        "site.yaml",
        "links:\n  disclosure:\n    en: We earn from [these links](/guides/).\n    de: Wir verdienen an [diesen Links](/guides/) mit.\n",
    );
    site.built();
    let english = site.page("/products/meso-ampoule/");
    assert_eq!(
        text(english.one(".disclosure")),
        "We earn from these links."
    );
    let german = site.page("/de/products/meso-ampoule/");
    assert_eq!(german.texts(".shop-links h2"), ["Bezugsquellen"]);
    assert_eq!(german.texts(".link-tag"), ["Werbung"]);
    assert_eq!(
        text(german.one(".disclosure")),
        "Wir verdienen an diesen Links mit."
    );
    // The German page's link leads to the German page.
    let link = german.one(".disclosure a");
    assert_eq!(link.value().attr("href"), Some("/de/guides/"));
    // The shops are the same in every language.
    assert_eq!(
        german.texts(".shop-links li a"),
        english.texts(".shop-links li a")
    );
}

#[test]
fn links_in_a_translation_are_refused_as_data() {
    let site = bilingual();
    site.write(
        "content/products/meso-ampoule.de.yaml",
        "name: Letztlicht-Ampulle\nlinks:\n  - {label: Laden, url: \"https://laden.example/\"}\n",
    );
    let errors = site.errors();
    assert!(
        errors.contains("`links` is shared by every language: write it in meso-ampoule.yaml"),
        "{errors}"
    );
    assert!(errors.contains("meso-ampoule.de.yaml:2:1"), "{errors}");
}

#[test]
fn a_hostile_label_or_address_comes_out_as_text() {
    let site = with_links();
    let label = r#"<img src=x onerror="alert(1)"> & "Shop""#;
    let url = r#"https://evil.example/?q="><script>alert(2)</script>'"#;
    append(
        &site,
        "content/products/boost-ampoule.yaml",
        &format!(
            "links:\n  - label: '{}'\n    url: '{}'\n    sponsored: true\n",
            label.replace('\'', "''"),
            url.replace('\'', "''")
        ),
    );
    site.built();
    let page = site.page("/products/boost-ampoule/");
    let link = page.one(".shop-links li a");
    assert_eq!(text(link), label);
    assert_eq!(link.value().attr("href"), Some(url));
    assert!(
        page.select(".shop-links img, .shop-links script")
            .is_empty()
    );
    let raw =
        std::fs::read_to_string(site.output().join("products/boost-ampoule/index.html")).unwrap();
    assert!(!raw.contains("<script>alert(2)"));
    assert!(!raw.contains("<img src=x"));
}

#[test]
fn every_bad_link_is_reported_at_once_where_it_is_written() {
    let site = TestSite::fixture("basic");
    append(&site, "site.yaml", DISCLOSURE);
    let links = "links:
  - label: Shop without scheme
    url: www.shop.com/meso
  - label: Script
    url: javascript:alert(1)
  - label: No address
  - label: Files
    url: ftp://files.example/meso
    sponsord: true
  - url: https://nameless.example/
";
    append(&site, MESO, links);
    let text = site.read(MESO);
    let errors = site.errors();
    // Each problem: its first line names where it is and what, the lines
    // below it how to fix it.
    let problems: Vec<&str> = errors.split("content/products/").skip(1).collect();
    for (needle, message, help) in [
        (
            "www.shop.com",
            "`www.shop.com/meso` is not a full web address",
            "write the full address, starting with https://, as in `https://www.shop.com/meso`",
        ),
        (
            "javascript:",
            "`javascript:` addresses are not allowed here",
            "write the full address, starting with https://",
        ),
        ("label: No address", "has no `url`", "add `url: …`"),
        (
            "ftp:",
            "`ftp:` addresses are not allowed here",
            "write the full address, starting with https://",
        ),
        (
            "sponsord",
            "unknown field `sponsord`",
            "did you mean `sponsored`?",
        ),
        ("url: https://nameless", "has no `label`", "add `label: …`"),
    ] {
        let place = at(MESO, &text, needle);
        let place = place.trim_start_matches("content/products/");
        let problem = problems
            .iter()
            .find(|p| p.starts_with(place))
            .unwrap_or_else(|| panic!("nothing at {place}:\n{errors}"));
        let first = problem.lines().next().unwrap_or("");
        assert!(first.contains(message), "{place}: {message}\n{problem}");
        assert!(problem.contains(help), "{place}: {help}\n{problem}");
    }
    assert_eq!(problems.len(), 6, "{errors}");
}

#[test]
fn a_sponsored_link_without_a_disclosure_is_a_warning_and_readers_still_are_told() {
    let site = TestSite::fixture("basic");
    append(&site, MESO, LINKS);
    let report = site.build().unwrap_or_else(|e| panic!("{e}"));
    let warning = report
        .warnings
        .iter()
        .find(|d| d.code == Code::NoDisclosure)
        .expect("a no-disclosure warning");
    let said = warning.to_string();
    let text = site.read(MESO);
    assert!(
        said.contains(&at(MESO, &text, "sponsored: |true")),
        "{said}"
    );
    assert!(
        said.contains("add `links:` to site.yaml with `disclosure: …`"),
        "{said}"
    );
    let page = site.page("/products/meso-ampoule/");
    assert_eq!(
        text_of(&page, ".shop-links .disclosure"),
        "We may earn money from links marked “Sponsored”."
    );
}

fn text_of(page: &crate::common::Page, css: &str) -> String {
    text(page.one(css))
}
