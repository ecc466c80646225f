//! Renames vial notices between builds: a content file renamed (or moved,
//! then edited) keeps its old address alive with a redirect, and the
//! build says how to keep it for good.

use std::fs;

use vial_base::diagnostic::{Code, Diagnostic};

use crate::common::TestSite;
use crate::languages::bilingual;

const OLD: &str = "content/products/night-oil.yaml";
const NEW: &str = "content/products/midnight-oil.yaml";
const PRODUCT: &str = "name: Night Oil\nbrand: Vale & Vial\ncategory: serum\n\
    summary: A few drops at night.\n\
    usage:\n  frequency: once a week\n  time: [pm]\n  step: treat\n";

/// The fixture with a product nothing links to, built once.
fn built_with_product() -> TestSite {
    let site = TestSite::fixture("basic");
    site.write(OLD, PRODUCT);
    site.built();
    site
}

fn rename(site: &TestSite, from: &str, to: &str) {
    fs::rename(site.root().join(from), site.root().join(to)).unwrap();
}

/// The `renamed-page` warnings of a build.
fn renamed(site: &TestSite) -> Vec<Diagnostic> {
    let report = site.build().unwrap_or_else(|e| panic!("{e}"));
    let warnings = report.warnings.0.into_iter();
    warnings.filter(|d| d.code == Code::RenamedPage).collect()
}

/// Where the redirect page at `url` sends its reader.
fn redirect_target(site: &TestSite, url: &str) -> String {
    let page = site.page(url);
    let refresh = page.one("meta[http-equiv=refresh]").value().attr("content");
    let refresh = refresh.unwrap_or_default().to_string();
    assert!(
        page.one("meta[name=robots]").value().attr("content") == Some("noindex"),
        "a redirect page is not indexed"
    );
    refresh.trim_start_matches("0; url=").to_string()
}

#[test]
fn a_renamed_product_file_leaves_a_redirect_and_says_how_to_keep_it() {
    let site = built_with_product();
    rename(&site, OLD, NEW);
    let warnings = renamed(&site);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let warning = &warnings[0];
    assert_eq!(warning.location.path, std::path::Path::new(NEW));
    assert_eq!((warning.location.line, warning.location.column), (1, 1));
    assert!(warning.snippet.is_some(), "the file's line is shown");
    assert!(
        warning
            .message
            .contains("`products/night-oil/` is now `products/midnight-oil/`"),
        "{}",
        warning.message
    );
    let help = warning.help.as_deref().unwrap_or_default();
    assert!(help.contains("aliases: [/products/night-oil/]"), "{help}");
    assert_eq!(
        redirect_target(&site, "/products/night-oil/"),
        "/products/midnight-oil/"
    );
    assert!(site.exists("/products/midnight-oil/"));

    // Remembered: the next build still writes it, and still says so.
    assert_eq!(renamed(&site).len(), 1);
    assert_eq!(
        redirect_target(&site, "/products/night-oil/"),
        "/products/midnight-oil/"
    );

    // Declared: the alias writes it from now on, and the warning goes.
    site.replace_in(NEW, "summary:", "aliases: [/products/night-oil/]\nsummary:");
    assert!(renamed(&site).is_empty());
    assert_eq!(
        redirect_target(&site, "/products/night-oil/"),
        "/products/midnight-oil/"
    );
}

#[test]
fn a_file_moved_then_edited_is_still_followed_and_a_second_rename_too() {
    let site = built_with_product();
    rename(&site, OLD, NEW);
    site.replace_in(NEW, "A few drops", "Three drops");
    assert_eq!(renamed(&site).len(), 1, "same file on disk, new text");
    rename(&site, NEW, "content/products/moon-oil.yaml");
    let warnings = renamed(&site);
    let mut messages: Vec<&str> = warnings.iter().map(|d| d.message.as_str()).collect();
    messages.sort();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].starts_with("`products/midnight-oil/` is now `products/moon-oil/`"));
    assert!(messages[1].starts_with("`products/night-oil/` is now `products/moon-oil/`"));
    for old in ["/products/night-oil/", "/products/midnight-oil/"] {
        assert_eq!(redirect_target(&site, old), "/products/moon-oil/");
    }
}

#[test]
fn vial_check_lists_a_rename_not_yet_declared() {
    let site = built_with_product();
    rename(
        &site,
        "content/guides/basics.md",
        "content/guides/serum-basics.md",
    );
    let warnings = vial_build::check(&site.options()).unwrap_or_else(|e| panic!("{e}"));
    let renamed: Vec<&Diagnostic> = warnings
        .0
        .iter()
        .filter(|d| d.code == Code::RenamedPage)
        .collect();
    assert_eq!(renamed.len(), 1, "{renamed:?}");
    assert!(
        renamed[0]
            .message
            .contains("`guides/basics/` is now `guides/serum-basics/`")
    );
    // The check's record counts: the build after it writes the redirect.
    site.built();
    assert_eq!(
        redirect_target(&site, "/guides/basics/"),
        "/guides/serum-basics/"
    );
}

#[test]
fn nothing_is_guessed_without_a_record_or_between_look_alikes() {
    // A first build (or a fresh checkout) has no record.
    let site = TestSite::fixture("basic");
    site.write(OLD, PRODUCT);
    assert!(renamed(&site).is_empty());
    // A file deleted, and another with other words: no rename.
    site.remove(OLD);
    site.write(NEW, &PRODUCT.replace("A few drops", "Drops"));
    assert!(renamed(&site).is_empty());
    assert!(!site.exists("/products/night-oil/"));
    // Two new files with the text of one gone: no guess.
    site.built();
    site.remove(NEW);
    let text = PRODUCT.replace("A few drops", "Drops");
    site.write("content/products/a-oil.yaml", &text);
    site.write("content/products/b-oil.yaml", &text);
    assert!(renamed(&site).is_empty());
    assert!(!site.exists("/products/midnight-oil/"));
}

#[test]
fn a_page_that_takes_the_old_address_again_ends_the_redirect() {
    let site = built_with_product();
    rename(&site, OLD, NEW);
    assert_eq!(renamed(&site).len(), 1);
    // A new product at the old address: the live page wins, silently.
    site.write(OLD, &PRODUCT.replace("Night Oil", "Night Balm"));
    assert!(renamed(&site).is_empty());
    let page = site.page("/products/night-oil/");
    assert_eq!(page.texts("h1"), ["Night Balm"]);
}

#[test]
fn a_renamed_file_redirects_in_every_language_that_publishes_it() {
    let site = bilingual();
    site.write(OLD, PRODUCT);
    site.built();
    rename(&site, OLD, NEW);
    assert_eq!(renamed(&site).len(), 1);
    assert_eq!(
        redirect_target(&site, "/products/night-oil/"),
        "/products/midnight-oil/"
    );
    assert_eq!(
        redirect_target(&site, "/de/products/night-oil/"),
        "/de/products/midnight-oil/"
    );
}
