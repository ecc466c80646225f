//! The compare picker: ticks on category pages, the product list and term
//! pages; the settings on `/compare/`; per-category data that says what the
//! built comparison tables say.

use crate::common::{TestSite, text, texts_in};
use serde_json::Value;

/// The slugs the ticks of a page name, in page order.
fn ticks(site: &TestSite, url: &str) -> Vec<String> {
    let page = site.page(url);
    page.select("label.pick")
        .into_iter()
        .map(|label| {
            let selector = scraper::Selector::parse("input[type=checkbox]").unwrap();
            let input = label.select(&selector).next().expect("a checkbox");
            assert!(input.attr("aria-label").is_some_and(|l| !l.is_empty()));
            input.attr("value").unwrap().to_string()
        })
        .collect()
}

fn settings(site: &TestSite) -> Value {
    let page = site.page("/compare/");
    let script = page.one("section.picked script.picker-settings");
    serde_json::from_str(&script.inner_html()).unwrap()
}

#[test]
fn category_list_and_term_pages_have_ticks_and_a_hidden_bar() {
    let site = TestSite::fixture("basic");
    site.built();
    // The ticks are drawn in place (nothing moves when compare.js starts
    // them); without JavaScript the page's noscript.css hides them.
    let raw = std::fs::read_to_string(site.output().join("products/index.html")).unwrap();
    let noscript = raw.split("<noscript>").nth(1).expect("a noscript element");
    let href = noscript
        .split("href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let css = std::fs::read_to_string(site.output().join(href.trim_start_matches('/'))).unwrap();
    assert!(css.contains("label.pick"), "{href} does not hide the ticks");
    assert_eq!(settings(&site)["data"], "/data/");
    for category in ["serum", "ampoule"] {
        // A tick names `<category>/<slug>`, so a shared link finds the
        // data file its product is in.
        let data = site.json(&format!("data/{category}.json"));
        let mut expected: Vec<String> = data["products"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| format!("{category}/{}", p["s"].as_str().unwrap()))
            .collect();
        expected.sort();
        let url = format!("/categories/{category}/");
        let mut ticked = ticks(&site, &url);
        ticked.sort();
        assert_eq!(ticked, expected, "{url}");
        let page = site.page(&url);
        assert!(page.one(".compare-bar").attr("hidden").is_some());
    }
    let mut all = ticks(&site, "/products/");
    all.sort();
    assert_eq!(
        all,
        [
            "ampoule/boost-ampoule",
            "ampoule/meso-ampoule",
            "serum/daily-serum"
        ]
    );
    let mut brand = ticks(&site, "/brands/lumen-lab/");
    brand.sort();
    assert_eq!(brand, ["ampoule/boost-ampoule", "serum/daily-serum"]);
    // A product's page compares, but picks nothing.
    assert!(ticks(&site, "/products/daily-serum/").is_empty());
    assert!(
        site.page("/products/daily-serum/")
            .select(".compare-bar")
            .is_empty()
    );
}

#[test]
fn the_data_says_what_the_built_tables_say() {
    let site = TestSite::fixture("basic");
    site.built();
    let settings = settings(&site);
    let fields: Vec<&str> = settings["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(settings["max"], 4);
    assert_eq!(settings["products"], "/products/");
    let mut compared = 0;
    for category in ["serum", "ampoule"] {
        let data = site.json(&format!("data/{category}.json"));
        let products = data["products"].as_array().unwrap();
        let page = site.page(&format!("/categories/{category}/"));
        let table = page.one("table.comparison-side-by-side");
        let names = texts_in(table, "thead th a");
        assert_eq!(names.len(), products.len());
        let row_selector = scraper::Selector::parse("tbody tr").unwrap();
        let cell_selector = scraper::Selector::parse("td").unwrap();
        let label_selector = scraper::Selector::parse("th .label").unwrap();
        let mut shown = Vec::new();
        for row in table.select(&row_selector) {
            let label = text(row.select(&label_selector).next().unwrap());
            let at = fields
                .iter()
                .position(|f| *f == label)
                .unwrap_or_else(|| panic!("{label} is not a field of the picker"));
            shown.push(at);
            for (cell, name) in row.select(&cell_selector).zip(&names) {
                let product = products
                    .iter()
                    .find(|p| p["n"] == name.as_str())
                    .unwrap_or_else(|| panic!("{name} missing from data/{category}.json"));
                let value = &product["v"][at];
                let blank = cell.value().classes().any(|c| c == "blank");
                if blank {
                    assert!(value.is_null(), "{name} {label}: {value}");
                } else {
                    assert_eq!(value.as_str(), Some(text(cell).as_str()), "{name} {label}");
                    compared += 1;
                }
            }
        }
        // A row the table leaves out is one no product of it has (the
        // picker's rows of terms are its own).
        for (at, field) in fields.iter().enumerate() {
            if !shown.contains(&at) && !["Concerns", "Actives"].contains(field) {
                assert!(
                    products.iter().all(|p| p["v"][at].is_null()),
                    "{category}: {field} is in the data but not in the table"
                );
            }
        }
        // The byline is the brand, as under the table's product names.
        for p in products {
            assert!(p["b"].is_string(), "{}", p["s"]);
        }
    }
    assert!(compared > 10, "compared only {compared} values");
}

#[test]
fn the_picker_has_rows_for_the_category_and_each_taxonomy_with_strengths() {
    let site = TestSite::fixture("basic");
    site.built();
    let settings = settings(&site);
    assert_eq!(settings["category"], "Category");
    assert_eq!(
        settings["categories"],
        serde_json::json!([["ampoule", "Ampoule"], ["serum", "Serum"]])
    );
    // Each taxonomy but the brand (the byline, under each name), before
    // the built tables' fields.
    let fields = settings["fields"].as_array().unwrap();
    assert_eq!(fields[..3], ["Concerns", "Actives", "Strength"]);
    let data = site.json("data/serum.json");
    let daily = data["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["s"] == "daily-serum")
        .unwrap();
    assert_eq!(daily["v"][0], "Dehydration, Dullness");
    assert_eq!(daily["v"][1], "Hyaluronic acid 1%, Niacinamide 5%");
}

#[test]
fn the_compare_page_exists_without_declared_category_pairs() {
    let site = TestSite::fixture("basic");
    let config = site.read("site.yaml");
    let without = config.split("compare:\n").next().unwrap().to_string();
    site.write("site.yaml", &without);
    site.built();
    let page = site.page("/compare/");
    page.one("section.picked");
    assert!(page.select(".cards").is_empty());
    assert!(site.output().join("data/serum.json").exists());
    // Every word of the section comes from the strings file.
    let section = page.one("section.picked");
    for attribute in [
        "data-caption",
        "data-corner",
        "data-none",
        "data-missing",
        "data-too-few",
    ] {
        assert!(
            section.attr(attribute).is_some_and(|v| !v.is_empty()),
            "{attribute}"
        );
    }
}

#[test]
fn content_is_data_not_markup() {
    let site = TestSite::fixture("basic");
    let product = site.read("content/products/daily-serum.yaml");
    site.write(
        "content/products/daily-serum.yaml",
        &product.replace(
            "name: Daily Serum",
            "name: \"Daily </script><b>Serum</b> & co\"",
        ),
    );
    site.built();
    let data = site.json("data/serum.json");
    assert_eq!(data["products"][0]["n"], "Daily </script><b>Serum</b> & co");
    // The settings script cannot be ended early by anything.
    let raw = std::fs::read_to_string(site.output().join("compare/index.html")).unwrap();
    let script = raw.split("class=\"picker-settings\">").nth(1).unwrap();
    let body = script.split("</script>").next().unwrap();
    assert!(!body.contains('<'));
}
