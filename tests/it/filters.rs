//! Facet filters: `filters:` in site.yaml, the settings on category pages,
//! term pages and the product list, and the facet values each product has
//! in its category's data file.

use crate::common::TestSite;
use serde_json::Value;

/// The filter settings of a page; `None` when it offers no filters.
fn settings(site: &TestSite, url: &str) -> Option<Value> {
    let page = site.page(url);
    let scripts = page.select("details.facets script.filter-settings");
    let script = scripts.first()?;
    // In place from the start (noscript.css hides it without JavaScript);
    // the list it narrows follows.
    assert!(page.one("details.facets").attr("hidden").is_none(), "{url}");
    page.one(".filter-scope");
    page.one(".filter-results[hidden]");
    Some(serde_json::from_str(&script.inner_html()).unwrap())
}

fn facet_keys(settings: &Value) -> Vec<&str> {
    settings["facets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["key"].as_str().unwrap())
        .collect()
}

fn with_filters(line: &str) -> TestSite {
    let site = TestSite::fixture("basic");
    let config = site.read("site.yaml");
    site.write("site.yaml", &format!("{config}{line}\n"));
    site
}

/// A product's record in its category's data file.
fn record(site: &TestSite, category: &str, slug: &str) -> Value {
    let data = site.json(&format!("data/{category}.json"));
    data["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["s"] == slug)
        .unwrap_or_else(|| panic!("{slug} is not in data/{category}.json"))
        .clone()
}

#[test]
fn without_a_filters_list_every_facet_a_site_can_offer_is_offered() {
    let site = TestSite::fixture("basic");
    site.built();
    let s = settings(&site, "/products/").expect("the product list filters");
    // Enum, bool and list specs in declared order (not the number or the
    // text), the taxonomies, then the usage.
    assert_eq!(
        facet_keys(&s),
        [
            "strength",
            "preservative_free",
            "skin_types",
            "brand",
            "concerns",
            "actives",
            "frequency",
            "time",
            "step"
        ]
    );
    assert_eq!(s["data"], "/data/");
    assert_eq!(s["products"], "/products/");
    // Every category's file, as the index beside them names them: the
    // page does not list them, so it need not change when one comes.
    assert!(s.get("categories").is_none());
    assert_eq!(
        site.json("data/index.json"),
        serde_json::json!({"categories": ["ampoule", "serum"]})
    );
    assert_eq!(s["paged"], false);
    assert!(s.get("scope").is_none());
    let facet = |key: &str| {
        s["facets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["key"] == key)
            .unwrap()
            .clone()
    };
    // Declared values come with their labels, in the declared order; terms
    // and free lists are labelled by the data.
    assert_eq!(
        facet("strength")["options"],
        serde_json::json!([["low", "Low"], ["medium", "Medium"], ["high", "High"]])
    );
    assert_eq!(
        facet("preservative_free")["options"],
        serde_json::json!([["yes", "Yes"], ["no", "No"]])
    );
    assert_eq!(
        facet("time")["options"],
        serde_json::json!([["am", "Morning"], ["pm", "Evening"]])
    );
    assert_eq!(
        facet("frequency")["options"][0],
        serde_json::json!(["daily", "Daily"])
    );
    assert_eq!(
        facet("step")["options"][1],
        serde_json::json!(["treat", "Treat"])
    );
    assert!(facet("concerns").get("options").is_none());
    assert!(facet("skin_types").get("options").is_none());
    assert_eq!(facet("strength")["label"], "Strength");
    assert_eq!(facet("concerns")["label"], "Concerns");
}

#[test]
fn each_product_carries_the_keys_of_its_facet_values() {
    let site = TestSite::fixture("basic");
    site.built();
    let daily = record(&site, "serum", "daily-serum");
    assert_eq!(
        daily["k"],
        serde_json::json!({
            "strength": ["medium"],
            "preservative_free": ["no"],
            "skin_types": ["dry", "normal"],
            "brand": ["lumen-lab"],
            "concerns": ["dehydration", "dullness"],
            "actives": ["hyaluronic-acid", "niacinamide"],
            "frequency": ["daily"],
            "time": ["am", "pm"],
            "step": ["treat"]
        })
    );
    let boost = record(&site, "ampoule", "boost-ampoule");
    assert_eq!(boost["k"]["preservative_free"], serde_json::json!(["yes"]));
    // No skin types written: no key at all.
    assert!(boost["k"].get("skin_types").is_none());
    // Terms are named as their pages name them.
    let data = site.json("data/serum.json");
    assert_eq!(data["labels"]["concerns"]["dehydration"], "Dehydration");
    assert_eq!(data["labels"]["brand"]["lumen-lab"], "Lumen Lab");
}

#[test]
fn a_terms_page_filters_its_own_products_and_a_category_its_own() {
    let site = TestSite::fixture("basic");
    site.built();
    let term = settings(&site, "/brands/lumen-lab/").expect("two products: filters");
    assert_eq!(term["scope"], serde_json::json!(["brand", "lumen-lab"]));
    assert!(term.get("categories").is_none());
    let category = settings(&site, "/categories/ampoule/").expect("two products: filters");
    assert_eq!(category["categories"], serde_json::json!(["ampoule"]));
    assert!(category.get("scope").is_none());
    // What the script hides is named on the page: a column per product.
    let page = site.page("/categories/ampoule/");
    let mut keys: Vec<String> = page
        .select(".filter-scope thead th[data-key]")
        .iter()
        .map(|th| th.attr("data-key").unwrap().to_string())
        .collect();
    keys.sort();
    assert_eq!(keys, ["ampoule/boost-ampoule", "ampoule/meso-ampoule"]);
    let list = site.page("/products/");
    assert_eq!(list.select(".filter-scope li[data-key]").len(), 3);
    // One product: nothing to narrow.
    assert!(settings(&site, "/categories/serum/").is_none());
    assert!(
        site.page("/categories/serum/")
            .select("details.facets")
            .is_empty()
    );
}

#[test]
fn pages_showing_part_of_their_products_say_so() {
    let site = TestSite::fixture("basic");
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!(
            "{config}lists:\n  page_size: 2\ncomparison:\n  side_by_side_max: 1\n  page_size: 1\n"
        ),
    );
    site.built();
    for url in ["/products/", "/products/page/2/", "/categories/ampoule/"] {
        let s = settings(&site, url).unwrap_or_else(|| panic!("{url}: no filters"));
        assert_eq!(s["paged"], true, "{url}");
    }
    // Rows, one per product, each named.
    let page = site.page("/categories/ampoule/page/2/");
    assert_eq!(page.select(".filter-scope tbody th[data-key]").len(), 1);
}

#[test]
fn a_site_names_its_filters_and_an_empty_list_offers_none() {
    let site = with_filters("filters: [concerns, time]");
    site.built();
    let s = settings(&site, "/products/").unwrap();
    assert_eq!(facet_keys(&s), ["concerns", "time"]);
    // Every taxonomy is still in the data: a term's page needs its own.
    let daily = record(&site, "serum", "daily-serum");
    let mut keys: Vec<&str> = daily["k"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(keys, ["actives", "brand", "concerns", "time"]);

    let none = with_filters("filters: []");
    none.built();
    for url in ["/products/", "/categories/ampoule/", "/brands/lumen-lab/"] {
        assert!(settings(&none, url).is_none(), "{url}");
    }
    // No script is loaded for nothing.
    let page = none.page("/products/");
    assert!(
        page.select("script[src]")
            .iter()
            .all(|s| !s.attr("src").unwrap().contains("filters"))
    );
}

#[test]
fn a_misnamed_filter_is_an_error_that_says_what_to_write() {
    let site = with_filters("filters: [concern, volume, packaging, concerns, concerns]");
    let errors = site.errors();
    assert!(errors.contains("there is no filter `concern`"), "{errors}");
    assert!(errors.contains("did you mean `concerns`?"), "{errors}");
    assert!(
        errors.contains("products cannot be filtered by `volume`: it is a number spec"),
        "{errors}"
    );
    assert!(
        errors.contains("products cannot be filtered by `packaging`: it is a text spec"),
        "{errors}"
    );
    assert!(
        errors.contains("filter `concerns` is named twice"),
        "{errors}"
    );
    // Each at its place in site.yaml.
    let line = site.read("site.yaml").lines().count();
    assert!(errors.contains(&format!("site.yaml:{line}:11")), "{errors}");
}

#[test]
fn filter_labels_and_term_names_are_data_not_markup() {
    let site = TestSite::fixture("basic");
    let product = site.read("content/products/daily-serum.yaml");
    site.write(
        "content/products/daily-serum.yaml",
        &product.replace(
            "concerns: [dehydration, dullness]",
            "concerns: [\"</script><b>x</b>\", dullness]",
        ),
    );
    site.built();
    let data = site.json("data/serum.json");
    let names: Vec<&str> = data["labels"]["concerns"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(names.contains(&"</script><b>x</b>"), "{names:?}");
    let raw = std::fs::read_to_string(site.output().join("products/index.html")).unwrap();
    let script = raw.split("class=\"filter-settings\">").nth(1).unwrap();
    let body = script.split("</script>").next().unwrap();
    assert!(!body.contains('<'));
}

/// The frequency filter files a schedule by the rhythm a reader keeps:
/// every other day is several times a week, a course is a course (not
/// "weekly" or "less often" by its uses a year), and a schedule tied to a
/// declared event is labelled with the event's word.
#[test]
fn the_frequency_filter_files_each_schedule_where_a_reader_looks_for_it() {
    let site = TestSite::fixture("basic");
    let config = site.read("site.yaml").replace(
        "usage:\n",
        "usage:\n  events:\n    - {key: wash, one: face wash, other: face washes}\n",
    );
    site.write("site.yaml", &config);
    let with = |slug: &str, from: &str, to: &str| {
        let path = format!("content/products/{slug}.yaml");
        let text = site.read(&path);
        assert!(text.contains(from), "{slug} has no `{from}`");
        site.write(&path, &text.replace(from, to));
    };
    with(
        "daily-serum",
        "frequency: twice daily",
        "frequency: every other day",
    );
    with(
        "meso-ampoule",
        "frequency: once a week",
        "frequency: after every 2 face washes",
    );
    site.built();
    let keys = |category: &str, slug: &str| record(&site, category, slug)["k"]["frequency"].clone();
    assert_eq!(
        keys("serum", "daily-serum"),
        serde_json::json!(["several-a-week"])
    );
    assert_eq!(
        keys("ampoule", "boost-ampoule"),
        serde_json::json!(["course"])
    );
    assert_eq!(keys("ampoule", "meso-ampoule"), serde_json::json!(["wash"]));
    let s = settings(&site, "/products/").unwrap();
    let options = s["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "frequency")
        .unwrap()["options"]
        .clone();
    let label = |key: &str| {
        options
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o[0] == key)
            .map(|o| o[1].as_str().unwrap().to_string())
    };
    assert_eq!(
        label("several-a-week").as_deref(),
        Some("Several times a week")
    );
    assert_eq!(label("course").as_deref(), Some("As a course"));
    assert_eq!(label("wash").as_deref(), Some("Tied to face wash"));
    // The export says the same bucket.
    let bucket = |slug: &str| site.exported(slug)["usage"]["schedule"]["bucket"].clone();
    assert_eq!(bucket("boost-ampoule"), "course");
    assert_eq!(bucket("daily-serum"), "several-a-week");
    assert_eq!(bucket("meso-ampoule"), "on-event");
}

#[test]
fn products_that_every_filter_sees_alike_offer_no_filters() {
    let site = with_filters("filters: [strength, preservative_free]");
    site.built();
    // Both ampoules are strong and preservative-free: no tick would leave
    // fewer of them.
    assert!(settings(&site, "/categories/ampoule/").is_none());
    // Lumen Lab's two differ in strength.
    let brand = settings(&site, "/brands/lumen-lab/").expect("they differ: filters");
    assert_eq!(facet_keys(&brand), ["strength", "preservative_free"]);
}
