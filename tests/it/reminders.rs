//! Reminders on usage cards: each on the cards of the products it names
//! (by slot, step, category, term or spec value), never on a product it is
//! about; every name it writes is checked at its line.

use crate::common::{TestSite, texts_in};

/// The basic fixture (Daily Serum: serum, am and pm, vitamin-free; Boost
/// Ampoule: ampoule, am, vitamin C, strength high; Lastlight Ampoule:
/// ampoule, pm, strength high) with these reminders.
fn site_with(reminders: &str) -> TestSite {
    let site = TestSite::fixture("basic");
    let config = site.read("site.yaml");
    let start = config.find("  reminders:").unwrap();
    let end = config.find("taxonomies:").unwrap();
    site.write(
        "site.yaml",
        &format!("{}{reminders}{}", &config[..start], &config[end..]),
    );
    site
}

fn reminders_on(site: &TestSite, product: &str) -> Vec<String> {
    let page = site.page(&format!("/products/{product}/"));
    texts_in(page.one(".product-side .usage-card"), ".usage-reminders li")
}

#[test]
fn a_scoped_reminder_shows_only_on_products_in_its_scope_and_never_on_one_it_is_about() {
    let site = site_with(
        "  reminders:\n    - Read the label.\n    - message: Finish with sunscreen.\n      slots: [am]\n      about: {categories: [ampoule]}\n    - message: Vitamin C turns brown in the light.\n      actives: [vitamin-c]\n    - message: One strong treatment a day.\n      steps: [treat]\n      strength: [high]\n    - message: Ampoules in the evening only.\n      categories: [ampoule]\n      slots: [pm]\n",
    );
    site.built();
    assert_eq!(
        reminders_on(&site, "daily-serum"),
        ["Read the label.", "Finish with sunscreen."]
    );
    // A morning ampoule is in the sunscreen reminder's slot, but the
    // reminder is about ampoules: not on its card.
    assert_eq!(
        reminders_on(&site, "boost-ampoule"),
        [
            "Read the label.",
            "Vitamin C turns brown in the light.",
            "One strong treatment a day."
        ]
    );
    assert_eq!(
        reminders_on(&site, "meso-ampoule"),
        [
            "Read the label.",
            "One strong treatment a day.",
            "Ampoules in the evening only."
        ]
    );
}

#[test]
fn every_name_a_reminder_writes_is_checked_at_its_line() {
    let site = site_with(
        "  reminders:\n    - message: A\n      slots: [noon]\n    - message: B\n      steps: [treet]\n    - message: C\n      strength: [hihg]\n    - message: D\n      volume: [2]\n    - message: E\n      categoris: [serum]\n    - message: F\n      about: {categories: [ampule]}\n    - message: G\n      about: {}\n",
    );
    let errors = site.errors();
    for expected in [
        "site.yaml:11:15: error: `noon` is not one of `am`, `pm`",
        "site.yaml:13:15: error: unknown routine step `treet`",
        "did you mean `treat`?",
        "site.yaml:15:18: error: `hihg` is not one of `low`, `medium`, `high`",
        "did you mean `high`?",
        "site.yaml:17:15: error: spec `volume` is a number and has no declared values to name",
        "site.yaml:19:7: error: unknown field `categoris`",
        "did you mean `categories`?",
        "site.yaml:23:14: error: `about` names no products",
    ] {
        assert!(errors.contains(expected), "no `{expected}` in:\n{errors}");
    }

    // Categories live in the content: checked once it is read.
    let site = site_with(
        "  reminders:\n    - message: F\n      about: {categories: [ampule]}\n    - message: T\n      actives: [vitamin-e]\n",
    );
    let errors = site.errors();
    assert!(
        errors
            .contains("site.yaml:11:28: error: unknown category `ampule` in a reminder's `about`"),
        "{errors}"
    );
    assert!(errors.contains("did you mean `ampoule`?"), "{errors}");
}

#[test]
fn a_term_no_product_has_is_a_warning_and_the_reminder_shows_nowhere() {
    let site = site_with("  reminders:\n    - message: T\n      actives: [vitamin-e]\n");
    let report = site.build().unwrap_or_else(|e| panic!("{e}"));
    let warnings = report.warnings.to_string();
    assert!(
        warnings.contains(
            "site.yaml:11:17: warning: no product has the active `vitamin-e` that a reminder names"
        ),
        "{warnings}"
    );
    assert!(warnings.contains("did you mean `vitamin-c`?"), "{warnings}");
    for product in ["daily-serum", "boost-ampoule", "meso-ampoule"] {
        assert!(reminders_on(&site, product).is_empty(), "{product}");
    }
}
