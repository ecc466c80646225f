//! Menus declared in site.yaml (`menus: main:` and `footer:`): without
//! them the header is the navigation vial makes; with them, exactly the
//! entries, in order, labelled in each language; every bad entry is an
//! error at its line.

use crate::common::{Page, TestSite, text};
use crate::languages::bilingual;

const ABOUT: &str = "---\ntitle: About these notes\n---\n\nWe test things.\n";

/// The (label, href, aria-current) of each link of the menu `css` selects.
fn menu(page: &Page, css: &str) -> Vec<(String, String, String)> {
    let attr = |a: &scraper::ElementRef, name| a.value().attr(name).unwrap_or("").to_string();
    (page.select(&format!("{css} a")).into_iter())
        .map(|a| (text(a), attr(&a, "href"), attr(&a, "aria-current")))
        .collect()
}

fn link(label: &str, href: &str, current: &str) -> (String, String, String) {
    (label.into(), href.into(), current.into())
}

/// The basic fixture with an About page and `menus` appended to site.yaml.
fn with_menus(site: TestSite, menus: &str) -> TestSite {
    site.write("content/pages/about.md", ABOUT);
    let config = site.read("site.yaml");
    site.write("site.yaml", &format!("{config}menus:\n{menus}"));
    site
}

const MENUS: &str = "  main:
    - list: guides
    - page: about
    - taxonomy: concerns
    - category: serum
    - url: https://example.com/shop
      label: Our shop
  footer:
    - page: about
    - list: products
      label: Everything
";

#[test]
fn without_menus_the_header_is_the_navigation_vial_makes() {
    let site = TestSite::fixture("basic");
    site.write("content/pages/about.md", ABOUT);
    site.built();
    let page = site.page("/guides/routine/");
    let labels: Vec<String> = menu(&page, ".site-nav").into_iter().map(|l| l.0).collect();
    assert_eq!(
        labels,
        [
            "Products",
            "Categories",
            "Comparisons",
            "Guides",
            "Brands",
            "Concerns",
            "Actives",
            "My routine"
        ]
    );
    assert_eq!(
        menu(&page, ".site-nav")[3],
        link("Guides", "/guides/", "true")
    );
    assert!(page.select(".footer-nav").is_empty());
}

#[test]
fn declared_menus_show_their_entries_in_order_with_their_labels() {
    let site = with_menus(TestSite::fixture("basic"), MENUS);
    site.built();
    let page = site.page("/about/");
    assert_eq!(
        menu(&page, ".site-nav"),
        [
            link("Guides", "/guides/", ""),
            link("About these notes", "/about/", "page"),
            link("Concerns", "/concerns/", ""),
            link("Serum", "/categories/serum/", ""),
            link("Our shop", "https://example.com/shop", ""),
        ]
    );
    assert_eq!(
        menu(&page, ".footer-nav"),
        [
            link("About these notes", "/about/", "page"),
            link("Everything", "/products/", ""),
        ]
    );
    let footer = page.one(".site-footer nav");
    assert_eq!(footer.value().attr("aria-label"), Some("About this site"));
    let guide = site.page("/guides/routine/");
    assert_eq!(
        menu(&guide, ".site-nav")[0],
        link("Guides", "/guides/", "true")
    );
    assert_eq!(menu(&guide, ".footer-nav")[0].2, "");
}

#[test]
fn menus_speak_each_language() {
    let site = bilingual();
    site.write(
        "content/pages/about.de.md",
        "---\ntitle: Über diese Notizen\n---\n\nWir testen Dinge.\n",
    );
    let site = with_menus(
        site,
        "  main:\n    - list: guides\n    - page: about\n    - list: products\n      label: {en: Everything, de: Alles}\n  footer:\n    - taxonomy: concerns\n",
    );
    site.built();
    let de = site.page("/de/about/");
    assert_eq!(
        menu(&de, ".site-nav"),
        [
            link("Ratgeber", "/de/guides/", ""),
            link("Über diese Notizen", "/de/about/", "page"),
            link("Alles", "/de/products/", ""),
        ]
    );
    assert_eq!(
        de.one(".site-footer nav").value().attr("aria-label"),
        Some("Über diese Website")
    );
    let en = site.page("/about/");
    assert_eq!(
        menu(&en, ".site-nav")[2],
        link("Everything", "/products/", "")
    );
}

/// The errors of a build with `menus` declared.
fn menu_errors(menus: &str) -> String {
    with_menus(TestSite::fixture("basic"), menus).errors()
}

#[test]
fn each_kind_of_bad_entry_is_an_error_at_its_line() {
    let site = TestSite::fixture("basic");
    let line = site.read("site.yaml").lines().count() + 4;
    let cases = [
        ("page: abuot", "the menu names no page `abuot`", "`about`"),
        (
            "category: serun",
            "the menu names no category `serun`",
            "`serum`",
        ),
        (
            "taxonomy: concern",
            "no taxonomy `concern` is declared",
            "`concerns`",
        ),
        (
            "list: product",
            "vial makes no list `product`",
            "`products`",
        ),
        (
            "url: ftp://example.com/\n      label: Files",
            "is not a web address",
            "https://",
        ),
    ];
    for (entry, message, help) in cases {
        let errors = menu_errors(&format!("  main:\n    - list: guides\n    - {entry}\n"));
        assert!(
            errors.contains(&format!("site.yaml:{line}:")),
            "{entry}: {errors}"
        );
        assert!(errors.contains(message), "{entry}: {errors}");
        assert!(errors.contains(help), "{entry}: {errors}");
    }
    let errors = menu_errors("  footer:\n    - url: https://example.com/\n");
    assert!(errors.contains("needs a `label:`"), "{errors}");
}
