//! `aliases:`: a page at each old address that sends the reader on, the
//! host's `_redirects` with `redirects:`, and every alias that cannot be
//! one reported at its line.

use crate::common::TestSite;
use crate::incremental::assert_matches_clean_build;
use vial_build::session::Session;

const SERUM: &str = "content/products/daily-serum.yaml";

/// Gives the product `daily-serum` the aliases `list` (YAML).
fn serum_aliases<'s>(site: &'s TestSite, list: &str) -> &'s TestSite {
    site.replace_in(
        SERUM,
        "category: serum\n",
        &format!("category: serum\naliases: {list}\n"),
    )
}

/// The basic fixture with the alias `/products/old-serum/` on
/// `daily-serum` and `settings` added to its site.yaml.
fn old_serum(settings: &str) -> TestSite {
    let site = TestSite::fixture("basic");
    serum_aliases(&site, "[/products/old-serum/]");
    append(&site, "site.yaml", settings);
    site
}

fn append(site: &TestSite, path: &str, text: &str) {
    let before = site.read(path);
    site.write(path, &format!("{before}{text}"));
}

/// What a redirect page says: (refresh URL, canonical, robots, lang,
/// link href, link text).
fn redirect_of(site: &TestSite, url: &str) -> [String; 6] {
    let page = site.page(url);
    let attr = |css: &str, name: &str| {
        page.one(css)
            .value()
            .attr(name)
            .unwrap_or_default()
            .to_string()
    };
    let refresh = attr("meta[http-equiv=refresh]", "content");
    let link = page.one("body a");
    [
        refresh
            .strip_prefix("0; url=")
            .unwrap_or(&refresh)
            .to_string(),
        attr("link[rel=canonical]", "href"),
        attr("meta[name=robots]", "content"),
        attr("html", "lang"),
        link.value().attr("href").unwrap_or_default().to_string(),
        crate::common::text(link),
    ]
}

#[test]
fn a_product_alias_is_a_page_that_sends_the_reader_to_the_product() {
    let site = TestSite::fixture("basic");
    serum_aliases(&site, "[/products/old-serum/, old/serum.html]").built();
    for old in ["/products/old-serum/", "/old/serum.html"] {
        assert_eq!(
            redirect_of(&site, old),
            [
                "/products/daily-serum/",
                "https://example.org/products/daily-serum/",
                "noindex",
                "en",
                "/products/daily-serum/",
                "Daily Serum",
            ],
            "{old}"
        );
    }
    let said = crate::common::text(site.page("/products/old-serum/").one("body p"));
    assert_eq!(said, "This page has moved to Daily Serum.");
    // An old address is no page to list: not in the sitemap, the feeds or
    // the search index.
    for file in ["sitemap.xml", "atom.xml", "products/atom.xml"] {
        let text = std::fs::read_to_string(site.output().join(file)).unwrap_or_default();
        assert!(!text.contains("old-serum"), "{file} lists the old address");
    }
    let search = crate::common::snapshot(&site.output().join("search"));
    assert!(!search.is_empty(), "the search index was written");
    for (path, bytes) in search {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("old-serum"), "{} lists it", path.display());
    }
    // Without `redirects:`, no host file.
    assert!(!site.output().join("_redirects").exists());
}

#[test]
fn categories_guides_terms_and_free_pages_take_aliases_too() {
    let site = TestSite::fixture("basic");
    site.replace_in(
        "content/categories/serum.yaml",
        "name: Serum\n",
        "name: Serum\naliases: /categories/serums/\n",
    );
    site.replace_in(
        "content/guides/basics.md",
        "title: Serum basics\n",
        "title: Serum basics\naliases: [guides/serum-101]\n",
    );
    site.write(
        "content/concerns/dullness.yaml",
        "name: Dullness\naliases: [concerns/dull-skin/]\n",
    );
    site.write(
        "content/pages/about.md",
        "---\ntitle: About us\naliases: [about-us/, who-we-are]\n---\nWho writes here.\n",
    );
    site.built();
    let to = |url: &str| redirect_of(&site, url)[0].clone();
    assert_eq!(to("/categories/serums/"), "/categories/serum/");
    assert_eq!(to("/guides/serum-101/"), "/guides/basics/");
    assert_eq!(to("/concerns/dull-skin/"), "/concerns/dullness/");
    assert_eq!(to("/about-us/"), "/about/");
    assert_eq!(to("/who-we-are/"), "/about/");
    assert_eq!(redirect_of(&site, "/guides/serum-101/")[5], "Serum basics");
}

#[test]
fn a_link_written_to_an_old_address_is_no_dead_link() {
    let site = old_serum("");
    append(
        &site,
        "content/guides/basics.md",
        "\nSee [the old page](/products/old-serum/).\n",
    );
    site.built();
    let links = site.page("/guides/basics/");
    assert!(
        links
            .select("a")
            .iter()
            .any(|a| a.value().attr("href") == Some("/products/old-serum/"))
    );
}

#[test]
fn each_language_that_publishes_the_page_redirects_in_its_own_folder() {
    let site = old_serum("language: en\nlanguages:\n  de: {}\nredirects: netlify\n");
    site.built();
    assert_eq!(
        redirect_of(&site, "/de/products/old-serum/"),
        [
            "/de/products/daily-serum/",
            "https://example.org/de/products/daily-serum/",
            "noindex",
            "de",
            "/de/products/daily-serum/",
            "Daily Serum",
        ]
    );
    assert_eq!(
        site.read("public/_redirects"),
        "/products/old-serum/ /products/daily-serum/ 301!\n\
         /de/products/old-serum/ /de/products/daily-serum/ 301!\n"
    );
}

#[test]
fn a_language_that_leaves_the_page_out_has_no_redirect_to_it() {
    let site = old_serum(
        "language: en\nlanguages:\n  de: {}\nuntranslated: omit\nredirects: cloudflare\n",
    );
    site.built();
    assert!(site.exists("/products/old-serum/"));
    assert!(!site.exists("/de/products/daily-serum/"));
    assert!(!site.exists("/de/products/old-serum/"));
    assert_eq!(
        site.read("public/_redirects"),
        "/products/old-serum/ /products/daily-serum/ 301\n"
    );
}

#[test]
fn redirects_netlify_lists_every_old_address_below_the_base_path() {
    let site = TestSite::fixture("basic");
    serum_aliases(&site, "[/products/old-serum/, shop/serum.html]");
    site.replace_in(
        "site.yaml",
        "base_url: https://example.org",
        "base_url: https://example.org/plants/",
    );
    append(&site, "site.yaml", "redirects: netlify\n");
    site.built();
    // Netlify serves a file where there is one unless the rule is forced
    // (`!`): the redirect page is such a file.
    assert_eq!(
        site.read("public/_redirects"),
        "/plants/products/old-serum/ /plants/products/daily-serum/ 301!\n\
         /plants/shop/serum.html /plants/products/daily-serum/ 301!\n"
    );
    assert_eq!(
        redirect_of(&site, "/products/old-serum/")[..2],
        [
            "/plants/products/daily-serum/".to_string(),
            "https://example.org/plants/products/daily-serum/".to_string(),
        ]
    );
}

#[test]
fn redirects_without_aliases_write_no_file_and_an_unknown_host_is_refused() {
    let site = TestSite::fixture("basic");
    append(&site, "site.yaml", "redirects: netlify\n");
    site.built();
    assert!(!site.output().join("_redirects").exists());
    site.replace_in("site.yaml", "redirects: netlify", "redirects: vercel");
    let errors = site.errors();
    assert!(
        errors.contains("site.yaml:")
            && errors.contains("`vercel` is not one of `netlify`, `cloudflare`"),
        "{errors}"
    );
}

#[test]
fn an_alias_removed_takes_its_page_and_the_redirects_file_with_it() {
    let site = old_serum("redirects: cloudflare\n");
    site.built();
    assert!(site.exists("/products/old-serum/"));
    assert!(site.output().join("_redirects").exists());
    // Renamed: the next build (which reuses what it can of the last)
    // writes the new page and takes the old one away.
    site.replace_in(SERUM, "old-serum", "older-serum");
    site.built();
    assert!(!site.exists("/products/old-serum/"));
    assert_eq!(
        redirect_of(&site, "/products/older-serum/")[0],
        "/products/daily-serum/"
    );
    assert_eq!(
        site.read("public/_redirects"),
        "/products/older-serum/ /products/daily-serum/ 301\n"
    );
    site.replace_in(SERUM, "aliases: [/products/older-serum/]\n", "");
    site.built();
    assert!(!site.exists("/products/older-serum/"));
    assert!(!site.output().join("products/older-serum").exists());
    assert!(!site.output().join("_redirects").exists());
    assert!(site.exists("/products/daily-serum/"));
}

#[test]
fn each_alias_that_cannot_be_one_is_an_error_at_its_line() {
    let site = TestSite::fixture("basic");
    serum_aliases(
        &site,
        "\n  - https://old.example.org/serum/\n  - /a/../b/\n  - /old/?page=2\n  - \"\"\n  - /.vial/outputs/\n  - /old page/\n  - /old/\n  - old",
    );
    let errors = site.errors();
    for (line, what) in [
        (5, "it names a site"),
        (6, "it goes up"),
        (7, "`?` or `#`"),
        (8, "it is empty"),
        (9, "vial's own files"),
        (10, "holds a character"),
        (12, "written twice"),
    ] {
        assert!(
            errors.contains(&format!("daily-serum.yaml:{line}:5: error: "))
                && errors.contains(what),
            "line {line} ({what}):\n{errors}"
        );
    }
    let problems = site.build().unwrap_err();
    assert_eq!(problems.error_count(), 7, "{errors}");
    assert!(
        (problems.errors()).all(|d| d.code == vial_base::diagnostic::Code::InvalidAlias),
        "{errors}"
    );
}

#[test]
fn an_alias_cannot_replace_a_live_page_a_static_file_or_another_alias() {
    let site = TestSite::fixture("basic");
    serum_aliases(
        &site,
        "[/guides/basics/, products/daily-serum, /legacy/, /products/old-serum/, /robots.txt, guides/index.html]",
    );
    site.write("static/legacy/index.html", "<p>mine</p>\n");
    site.replace_in(
        "content/products/meso-ampoule.yaml",
        "category: ampoule\n",
        "category: ampoule\naliases: /products/old-serum\n",
    );
    let errors = site.errors();
    for expected in [
        "daily-serum.yaml:4:11: error: `/guides/basics/` is the address of the guide `basics`; an alias cannot replace a live page",
        "daily-serum.yaml:4:28: error: `/products/daily-serum/` is this page's own address",
        "daily-serum.yaml:4:50: error: `/legacy/` is the address of the static file `static/legacy/index.html`",
        "meso-ampoule.yaml:4:10: error: `/products/old-serum/` is already an alias of the product `daily-serum` (at ",
        // A folder where a file is, and the file a list page is written to.
        "daily-serum.yaml:4:82: error: `/robots.txt/` is the address of `robots.txt`, a file vial writes",
        "daily-serum.yaml:4:95: error: `/guides/index.html` is the address of a page the site publishes",
    ] {
        assert!(errors.contains(expected), "{expected}\n---\n{errors}");
    }
}

#[test]
fn a_static_redirects_file_and_redirects_cannot_both_be_published() {
    let site = TestSite::fixture("basic");
    site.write("static/_redirects", "/a /b 301\n");
    site.built();
    // Without `redirects:`, the site's own file is published as it is.
    assert_eq!(site.read("public/_redirects"), "/a /b 301\n");
    append(&site, "site.yaml", "redirects: netlify\n");
    let errors = site.errors();
    assert!(
        errors.contains("site.yaml:")
            && errors.contains("`redirects: netlify` writes `_redirects`, and the site has its own, `static/_redirects`")
            && errors.contains("keep one"),
        "{errors}"
    );
}

#[test]
fn cloudflare_is_warned_of_more_redirects_than_it_reads() {
    let site = TestSite::fixture("basic");
    let many: Vec<String> = (0..2001).map(|n| format!("old/{n}")).collect();
    serum_aliases(&site, &format!("[{}]", many.join(", ")));
    append(&site, "site.yaml", "redirects: cloudflare\n");
    let report = site.build().unwrap();
    let warning = report
        .warnings
        .0
        .iter()
        .find(|d| d.code == vial_base::diagnostic::Code::RedirectsFile)
        .expect("a warning");
    assert!(
        warning
            .message
            .contains("holds 2001 redirects; cloudflare reads the first 2000 only"),
        "{}",
        warning.message
    );
    assert_eq!(site.read("public/_redirects").lines().count(), 2001);
}

#[test]
fn names_in_a_redirect_page_are_escaped() {
    let site = old_serum("");
    site.replace_in(
        SERUM,
        "name: Daily Serum",
        "name: \"<script>alert(1)</script> & \\\"Serum\\\"\"",
    );
    site.built();
    let raw = site.read("public/products/old-serum/index.html");
    assert!(!raw.contains("<script>"), "{raw}");
    assert_eq!(
        redirect_of(&site, "/products/old-serum/")[5],
        "<script>alert(1)</script> & \"Serum\""
    );
}

#[test]
fn vial_serve_adds_and_removes_redirect_pages_as_aliases_change() {
    let site = TestSite::fixture("basic");
    append(&site, "site.yaml", "redirects: netlify\n");
    let mut session = Session::new(site.options());
    session.build().unwrap();
    let path = std::path::PathBuf::from(SERUM);
    for (what, list) in [
        ("an alias added", Some("[/products/old-serum/]")),
        ("an alias renamed", Some("[/products/older-serum/]")),
        ("a second alias", Some("[/products/older-serum/, /serum/]")),
        ("every alias removed", None),
    ] {
        let text = site.read(SERUM);
        let without: String = text
            .lines()
            .filter(|l| !l.starts_with("aliases:"))
            .map(|l| format!("{l}\n"))
            .collect();
        site.write(SERUM, &without);
        if let Some(list) = list {
            serum_aliases(&site, list);
        }
        session.rebuild(std::slice::from_ref(&path)).unwrap();
        assert_matches_clean_build(&site, what);
    }
    assert!(!site.exists("/products/older-serum/"));
}
