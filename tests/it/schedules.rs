//! Schedules in the site's language: read from what a German site writes,
//! said in German on its pages, an unreadable one explained with German
//! examples; events and measures by whole phrases; products of no time of
//! day (`time: any`) on a site that declares slots.

use crate::common::TestSite;

/// The basic fixture's site.yaml with `usage:` extended by `declared`
/// (lines indented under `usage:`).
fn with_usage(site: &TestSite, declared: &str) {
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        &config.replacen("usage:\n", &format!("usage:\n{declared}"), 1),
    );
}

/// Replaces the schedule of a fixture product.
fn frequency(site: &TestSite, slug: &str, from: &str, to: &str) {
    let path = format!("content/products/{slug}.yaml");
    let text = site.read(&path);
    let from = format!("frequency: {from}");
    assert!(text.contains(&from), "{path}");
    site.write(&path, &text.replace(&from, &format!("frequency: {to}")));
}

/// What a product's usage card says of its schedule.
fn shown(site: &TestSite, slug: &str) -> Vec<String> {
    site.page(&format!("/products/{slug}/"))
        .texts(".usage-frequency dd")
}

#[test]
fn a_german_site_writes_its_schedules_in_german_and_shows_them_in_german() {
    let site = TestSite::fixture("basic");
    site.in_german();
    frequency(
        &site,
        "daily-serum",
        "zweimal täglich",
        "2- bis 3-mal pro Woche",
    );
    site.built();
    assert_eq!(shown(&site, "daily-serum"), ["2–3-mal pro Woche"]);
    assert_eq!(shown(&site, "meso-ampoule"), ["Einmal pro Woche"]);
    assert_eq!(shown(&site, "boost-ampoule"), ["Eine Kur von 3–5 Tagen"]);
    // The routine builder's data says it as pages do.
    let data = site.json("data/serum.json");
    let phrases: Vec<&str> = data["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["f"].as_str().unwrap())
        .collect();
    assert!(phrases.contains(&"2–3-mal pro Woche"), "{phrases:?}");
}

#[test]
fn an_english_schedule_on_a_german_site_is_explained_with_german_examples() {
    let site = TestSite::fixture("basic");
    site.in_german();
    frequency(&site, "meso-ampoule", "einmal pro Woche", "once a week");
    let errors = site.errors();
    assert!(
        errors.contains("content/products/meso-ampoule.yaml:15:14: error: cannot read the schedule `once a week`"),
        "{errors}"
    );
    assert!(errors.contains("`jeden zweiten Tag`"), "{errors}");
    assert!(errors.contains("`2- bis 3-mal pro Woche`"), "{errors}");
    assert!(!errors.contains("`every other day`"), "{errors}");
}

#[test]
fn an_english_site_reads_hour_intervals_and_cycles() {
    let site = TestSite::fixture("basic");
    frequency(&site, "daily-serum", "twice daily", "every 8 hours");
    frequency(
        &site,
        "meso-ampoule",
        "once a week",
        "daily for 8 weeks, then 4 weeks off",
    );
    site.built();
    assert_eq!(shown(&site, "daily-serum"), ["Every 8 hours"]);
    assert_eq!(
        shown(&site, "meso-ampoule"),
        ["Daily for 8 weeks, then 4 weeks off, repeated"]
    );
    // 8 of every 12 weeks, daily.
    let cycle = site.exported("meso-ampoule");
    let uses = cycle["usage"]["schedule"]["uses_per_year"]
        .as_f64()
        .unwrap();
    assert!((uses - 365.0 * 8.0 / 12.0).abs() < 1e-6, "{uses}");
    assert_eq!(cycle["usage"]["schedule"]["bucket"], "daily");
    let hours = site.exported("daily-serum");
    assert_eq!(hours["usage"]["schedule"]["uses_per_year"], 365.0 * 3.0);
}

#[test]
fn a_german_site_declares_its_events_as_whole_phrases() {
    let site = TestSite::fixture("basic");
    site.in_german();
    with_usage(
        &site,
        "  events:\n    - key: cleanse-day\n      label: Reinigungstag\n      phrases:\n        every: \"an jedem Reinigungstag\"\n        every_n: \"an jedem {n}. Reinigungstag\"\n  measures:\n    - key: ml\n      phrases: {every_n: \"alle {n} ml\"}\n",
    );
    frequency(
        &site,
        "meso-ampoule",
        "einmal pro Woche",
        "an jedem 3. Reinigungstag",
    );
    frequency(
        &site,
        "daily-serum",
        "zweimal täglich",
        "an jedem Reinigungstag im Winter",
    );
    site.built();
    assert_eq!(shown(&site, "meso-ampoule"), ["An jedem 3. Reinigungstag"]);
    assert_eq!(
        shown(&site, "daily-serum"),
        ["An jedem Reinigungstag im Winter"]
    );
    // No theme words glued to the phrase anywhere.
    for slug in ["meso-ampoule", "daily-serum"] {
        let html =
            std::fs::read_to_string(site.output().join(format!("products/{slug}/index.html")))
                .unwrap();
        assert!(!html.contains("bei jedem Mal"), "{slug}");
    }
    // An unreadable schedule offers the site's own phrases.
    frequency(
        &site,
        "boost-ampoule",
        "eine Kur von 3–5 Tagen",
        "bei Vollmond",
    );
    let errors = site.errors();
    assert!(errors.contains("`an jedem Reinigungstag`"), "{errors}");
    assert!(errors.contains("`alle 3 ml`"), "{errors}");
}

#[test]
fn nouns_without_phrases_on_a_german_site_are_an_error_at_their_line() {
    let site = TestSite::fixture("basic");
    site.in_german();
    with_usage(
        &site,
        "  events:\n    - {key: meal, one: Mahlzeit, other: Mahlzeiten}\n",
    );
    let errors = site.errors();
    assert!(
        errors.contains("the event `meal` has no phrases in `de`"),
        "{errors}"
    );
    assert!(errors.contains("site.yaml:"), "{errors}");
    assert!(errors.contains("phrases:"), "{errors}");
}

#[test]
fn english_events_declared_with_nouns_read_and_show_as_before() {
    let site = TestSite::fixture("basic");
    with_usage(
        &site,
        "  events:\n    - {key: wet-ride, one: wet ride, other: wet rides}\n",
    );
    frequency(&site, "meso-ampoule", "once a week", "after every wet ride");
    frequency(&site, "daily-serum", "twice daily", "every 3 wet rides");
    site.built();
    assert_eq!(shown(&site, "meso-ampoule"), ["After every wet ride"]);
    assert_eq!(shown(&site, "daily-serum"), ["Every 3 wet rides"]);
}

#[test]
fn a_product_of_any_time_of_day_says_so_and_fits_every_slot_filter() {
    let site = TestSite::fixture("basic");
    let path = "content/products/meso-ampoule.yaml";
    let text = site.read(path);
    let time = text
        .lines()
        .find(|l| l.trim_start().starts_with("time:"))
        .unwrap()
        .to_string();
    site.write(path, &text.replace(&time, "  time: any"));
    site.built();
    let page = site.page("/products/meso-ampoule/");
    assert_eq!(page.texts(".usage-time dd"), ["Any time of day"]);
    let data = site.json("data/ampoule.json");
    let product = data["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["s"] == "meso-ampoule")
        .unwrap();
    // The routine builder's slot after the declared two.
    assert_eq!(product["t"], serde_json::json!([2]));
    assert_eq!(product["k"]["time"], serde_json::json!(["am", "pm", "any"]));
    assert_eq!(
        site.exported("meso-ampoule")["usage"]["slots"],
        serde_json::json!(["any"])
    );
    let routine = std::fs::read_to_string(site.output().join("routine/index.html")).unwrap();
    assert!(routine.contains("Any time of day"), "the builder's slots");
    // A slot keyed `any` would say the same as `time: any`.
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        &config.replace("{key: pm, label: Evening}", "{key: any, label: Evening}"),
    );
    let errors = site.errors();
    assert!(errors.contains("`any` cannot be a slot's key"), "{errors}");
}

/// The preview reads schedules again when the words they are read with
/// change, though no product file did.
#[test]
fn the_preview_reads_schedules_again_when_their_words_change() {
    let site = TestSite::fixture("basic");
    frequency(&site, "daily-serum", "twice daily", "fortnightly");
    let mut session = vial_build::session::Session::new(site.options());
    session.build().unwrap();
    // The site's strings read `fortnightly` as every 3 weeks.
    site.write(
        "i18n/en.yaml",
        "grammar:\n  schedule:\n    aliases:\n      fortnightly: every 3 weeks\n      fortnightlyy: every 3 weeks\n",
    );
    let report = session.rebuild(&["i18n/en.yaml".into()]).unwrap();
    // A word the site adds is no misspelt string.
    assert!(
        !report.warnings.to_string().contains("no template reads"),
        "{}",
        report.warnings
    );
    let shown = site
        .page("/products/daily-serum/")
        .texts(".usage-frequency dd");
    assert_eq!(shown, ["Every 3 weeks"]);
    // Words that read as nothing: the schedule no longer reads, at its line.
    site.write(
        "i18n/en.yaml",
        "grammar:\n  schedule:\n    aliases:\n      fortnightly: now and then\n",
    );
    let errors = session
        .rebuild(&["i18n/en.yaml".into()])
        .unwrap_err()
        .to_string();
    assert!(
        errors.contains("daily-serum.yaml:20:14: error: cannot read the schedule `fortnightly`"),
        "{errors}"
    );
}
