//! A site in several languages (`languages:` in site.yaml): translation
//! files hold words only, and a language's site is the default one's model
//! with those words overlaid.

use crate::common::TestSite;
use vial_site::config::{CONFIG_FILE, Config};
use vial_site::load::Sources;
use vial_site::model::Site;

/// The basic fixture in English with German declared.
pub(crate) fn bilingual() -> TestSite {
    let site = TestSite::fixture("basic");
    let config = site.read("site.yaml").replace(
        "description: A fixture site.",
        "description: A fixture site.\nlanguage: en\nlanguages:\n  de: {title: Testnotizen}",
    );
    site.write("site.yaml", &config);
    site
}

/// The site's model in the default language and its German one.
fn models(site: &TestSite) -> (Site, Site) {
    let text = site.read(CONFIG_FILE);
    let file = vial_base::diagnostic::SourceFile::new(CONFIG_FILE, text);
    let config = Config::parse(site.root(), file).expect("site.yaml");
    let sources = Sources::load(&config);
    let problems = sources.problems();
    assert!(!problems.has_errors(), "{problems}");
    let (english, problems) = Site::build(config, &sources, false);
    assert!(!problems.has_errors(), "{problems}");
    let german = english
        .translated("de", &sources.translations["de"])
        .expect("de is declared");
    (english, german)
}

pub(crate) const PRODUCT_DE: &str = "name: Letztlicht-Ampulle\nsummary: Kommt zuletzt, über die Feuchtigkeitspflege.\nusage:\n  instructions: Als **letzten** Schritt auftragen.\n  cautions: [Bei Brennen absetzen.]\n";

#[test]
fn a_translation_overlays_the_words_and_shares_the_data() {
    let site = bilingual();
    site.write("content/products/meso-ampoule.de.yaml", PRODUCT_DE)
        .write("content/categories/ampoule.de.yaml", "name: Ampulle\n")
        .write(
            "content/guides/basics.de.md",
            "---\ntitle: Grundlagen\n---\nErst reinigen.\n",
        );
    let (english, german) = models(&site);
    let (en, de) = (
        &english.products["meso-ampoule"],
        &german.products["meso-ampoule"],
    );
    assert_eq!(de.name, "Letztlicht-Ampulle");
    assert_eq!(de.usage.cautions, ["Bei Brennen absetzen."]);
    assert!(de.usage.instructions.text.contains("letzten"));
    // The data is the original's, in every language.
    assert_eq!(de.specs, en.specs);
    assert_eq!(de.category, en.category);
    assert_eq!(en.name, "Lastlight Ampoule");
    assert_eq!(german.categories["ampoule"].name, "Ampulle");
    assert_eq!(german.guides["basics"].title, "Grundlagen");
    assert_eq!(german.guides["basics"].body.text.trim(), "Erst reinigen.");
    // What has no translation is the default language's words, and known.
    assert_eq!(
        german.products["daily-serum"].name,
        english.products["daily-serum"].name
    );
    assert!(german.fallback.products.contains("daily-serum"));
    assert!(!german.fallback.products.contains("meso-ampoule"));
    assert!(english.fallback.products.is_empty());
    assert_eq!(german.config.title, "Testnotizen");
    assert_eq!(german.config.base_path, "/de/");
    assert_eq!(german.config.root_path, "/");
    // The translation is no product of its own.
    assert_eq!(german.products.len(), english.products.len());
}

#[test]
fn lists_in_name_order_follow_the_translated_names() {
    let site = bilingual();
    // "Daily Serum" becomes "Zarte Tagespflege": last in German.
    site.write(
        "content/products/daily-serum.de.yaml",
        "name: Zarte Tagespflege\n",
    );
    let (english, german) = models(&site);
    assert_eq!(
        english.product_order,
        ["boost-ampoule", "daily-serum", "meso-ampoule"]
    );
    assert_eq!(
        german.product_order,
        ["boost-ampoule", "meso-ampoule", "daily-serum"]
    );
    let by_concern = |site: &Site| {
        site.taxonomies
            .term("concerns", "dullness")
            .unwrap()
            .products
            .clone()
    };
    assert_eq!(
        by_concern(&english),
        ["boost-ampoule", "daily-serum", "meso-ampoule"]
    );
    assert_eq!(
        by_concern(&german),
        ["boost-ampoule", "meso-ampoule", "daily-serum"]
    );
}

#[test]
fn a_data_field_in_a_translation_is_an_error_at_its_line() {
    let site = bilingual();
    site.write(
        "content/products/meso-ampoule.de.yaml",
        "name: Letztlicht-Ampulle\nspecs:\n  strength: low\nusage:\n  frequency: täglich\n",
    );
    let errors = site.errors();
    assert!(
        errors.contains("`specs` is shared by every language: write it in meso-ampoule.yaml"),
        "{errors}"
    );
    assert!(errors.contains("meso-ampoule.de.yaml:2:"), "{errors}");
    assert!(errors.contains("`usage.frequency` is shared"), "{errors}");
    assert!(errors.contains("meso-ampoule.de.yaml:5:"), "{errors}");
}

#[test]
fn a_translation_without_an_original_is_an_error() {
    let site = bilingual();
    site.write("content/products/no-such.de.yaml", "name: Nichts\n");
    let errors = site.errors();
    assert!(
        errors.contains("translates `no-such`, but there is no"),
        "{errors}"
    );
}

#[test]
fn a_file_named_for_an_undeclared_language_is_still_a_misnamed_file() {
    let site = TestSite::fixture("basic");
    site.write("content/products/meso-ampoule.de.yaml", "name: X\n");
    let errors = site.errors();
    assert!(errors.contains("is not a valid slug"), "{errors}");
}

/// The bilingual fixture with a picture on one product and the German
/// words of another, built.
fn built_bilingual() -> TestSite {
    let site = bilingual();
    site.write_bytes(
        "content/products/daily-serum.png",
        &crate::common::picture(640, 320, "png", 1),
    );
    let serum = site.read("content/products/daily-serum.yaml");
    site.write(
        "content/products/daily-serum.yaml",
        &format!(
            "{}\nimage:\n  src: daily-serum.png\n  alt: A dropper bottle\n",
            serum.trim_end()
        ),
    );
    site.write("content/products/meso-ampoule.de.yaml", PRODUCT_DE)
        .built();
    site
}

#[test]
fn every_language_is_built_below_its_folder_in_its_own_words() {
    let site = built_bilingual();
    let de = site.page("/de/products/meso-ampoule/");
    assert_eq!(de.one("html").value().attr("lang"), Some("de"));
    assert_eq!(de.texts("h1"), ["Letztlicht-Ampulle"]);
    assert!(de.one("title").inner_html().contains("Testnotizen"));
    // The interface is the German strings', every link the German pages'.
    let nav = de.texts("nav.site-nav a");
    assert!(nav.iter().any(|t| t == "Produkte"), "{nav:?}");
    let links: Vec<&str> = de
        .select("nav.site-nav a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(links.iter().all(|l| l.starts_with("/de/")), "{links:?}");
    // The default language's pages are where they were, in its words.
    let en = site.page("/products/meso-ampoule/");
    assert_eq!(en.one("html").value().attr("lang"), Some("en"));
    assert_eq!(en.texts("h1"), ["Lastlight Ampoule"]);
    // A product without German words is on the German site in English.
    let serum = site.page("/de/products/daily-serum/");
    assert_eq!(
        serum.texts("h1"),
        site.page("/products/daily-serum/").texts("h1")
    );
}

#[test]
fn pictures_and_assets_are_shared_by_every_language() {
    let site = built_bilingual();
    let de = site.page("/de/products/daily-serum/");
    let img = de.one(".page-image img");
    let src = img.value().attr("src").expect("src");
    assert!(src.starts_with('/') && !src.starts_with("/de/"), "{src}");
    assert!(site.exists(src), "{src}");
    let styles: Vec<&str> = de
        .select("link[rel=stylesheet]")
        .iter()
        .filter_map(|l| l.value().attr("href"))
        .collect();
    assert!(!styles.is_empty());
    assert!(
        styles
            .iter()
            .all(|s| !s.starts_with("/de/") && site.exists(s)),
        "{styles:?}"
    );
    // Nothing but pages, their data and their index is written twice.
    let german: Vec<String> = crate::common::snapshot(&site.output().join("de"))
        .into_iter()
        .map(|(path, _)| path.to_string_lossy().replace('\\', "/"))
        .collect();
    let shared = |p: &&String| {
        [".css", ".js", ".png", ".webp", ".svg"]
            .iter()
            .any(|ext| p.ends_with(ext))
    };
    assert_eq!(german.iter().filter(shared).count(), 0, "{german:?}");
    // One robots.txt, at the site's root.
    assert!(site.exists("/robots.txt"));
    assert!(!site.exists("/de/robots.txt"));
}

#[test]
fn each_language_has_its_own_search_index() {
    let site = built_bilingual();
    let form = site.page("/de/");
    let index = form
        .select("[data-search-index]")
        .first()
        .and_then(|e| e.value().attr("data-search-index"))
        .expect("a search form")
        .to_string();
    assert_eq!(index, "/de/search/");
    let entry = site.json("de/search/index.json");
    let records = entry["n"].as_u64().expect("record count");
    let titles: Vec<String> = (0..records)
        .map(|n| site.json(&format!("de/search/r/{n}.json")))
        .filter(|r| r["u"] == "/de/products/meso-ampoule/")
        .map(|r| r["t"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(titles, ["Letztlicht-Ampulle"]);
    let english = site.json("search/index.json");
    assert_eq!(english["n"], entry["n"]);
}

#[test]
fn a_dead_link_in_a_translation_stops_build_and_check() {
    let site = bilingual();
    site.write(
        "content/products/meso-ampoule.de.yaml",
        "name: Letztlicht-Ampulle\ndescription: Siehe [das Serum](/de/products/kein-serum/).\n",
    );
    let errors = site.errors();
    assert!(errors.contains("/de/products/kein-serum/"), "{errors}");
    let checked = vial_build::check(&site.options()).expect_err("a dead link");
    assert!(checked.to_string().contains("kein-serum"), "{checked}");
}

#[test]
fn the_preview_shows_every_language_after_each_edit() {
    use std::path::PathBuf;
    use vial_build::session::Session;
    let site = TestSite::fixture("basic");
    let mut session = Session::new(site.options());
    session.build().expect("first preview");
    assert!(!site.exists("/de/"));
    // Declaring a language in site.yaml publishes it.
    let config = bilingual().read("site.yaml");
    site.write("site.yaml", &config);
    session
        .rebuild(&[PathBuf::from("site.yaml")])
        .expect("languages declared");
    assert!(site.exists("/de/products/meso-ampoule/"));
    // A translation's edit shows in its language, and in no other.
    site.write("content/products/meso-ampoule.de.yaml", PRODUCT_DE);
    let path = PathBuf::from("content/products/meso-ampoule.de.yaml");
    session
        .rebuild(std::slice::from_ref(&path))
        .expect("a translation");
    let h1 = |url: &str| site.page(url).texts("h1");
    assert_eq!(h1("/de/products/meso-ampoule/"), ["Letztlicht-Ampulle"]);
    site.write(
        "content/products/meso-ampoule.de.yaml",
        &PRODUCT_DE.replace("Letztlicht-Ampulle", "Schlusslicht-Ampulle"),
    );
    session.rebuild(&[path]).expect("an edit");
    assert_eq!(h1("/de/products/meso-ampoule/"), ["Schlusslicht-Ampulle"]);
    assert_eq!(h1("/products/meso-ampoule/"), ["Lastlight Ampoule"]);
    crate::incremental::assert_matches_clean_build(&site, "a translation's edit");
    // A label given a German form in site.yaml.
    let config = site.read("site.yaml").replace(
        "{key: pm, label: Evening}",
        "{key: pm, label: {en: Evening, de: Abends}}",
    );
    site.write("site.yaml", &config);
    session
        .rebuild(&[PathBuf::from("site.yaml")])
        .expect("a label's form");
    assert!(
        site.page("/de/products/meso-ampoule/")
            .html
            .html()
            .contains("Abends")
    );
    crate::incremental::assert_matches_clean_build(&site, "a label's German form");
    // A translation deleted: the page is in the default language's words.
    std::fs::remove_file(site.root().join("content/products/meso-ampoule.de.yaml")).unwrap();
    session
        .rebuild(&[PathBuf::from("content/products/meso-ampoule.de.yaml")])
        .expect("a translation deleted");
    assert_eq!(h1("/de/products/meso-ampoule/"), ["Lastlight Ampoule"]);
    crate::incremental::assert_matches_clean_build(&site, "a translation deleted");
}

/// The `hreflang` links of the page at `url`: (code, absolute URL).
fn hreflang(site: &TestSite, url: &str) -> Vec<(String, String)> {
    site.page(url).hreflang()
}

#[test]
fn every_page_links_its_twin_in_each_language_both_ways() {
    let site = built_bilingual();
    let origin = "https://example.org";
    let pages: Vec<String> = crate::common::snapshot(&site.output())
        .into_iter()
        .map(|(path, _)| path.to_string_lossy().replace('\\', "/"))
        .filter(|p| p.ends_with("index.html"))
        .map(|p| format!("/{}", p.trim_end_matches("index.html")))
        .collect();
    assert!(pages.len() > 40, "{pages:?}");
    for url in &pages {
        let links = hreflang(&site, url);
        let codes: Vec<&str> = links.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, ["x-default", "en", "de"], "{url}");
        let here = if url.starts_with("/de/") { "de" } else { "en" };
        let (_, own) = links.iter().find(|(c, _)| c == here).expect("own");
        assert_eq!(own, &format!("{origin}{url}"), "{url} names itself");
        assert_eq!(links[0].1, links[1].1, "{url}: x-default is English");
        // Each twin exists and links back.
        for (code, href) in &links[1..] {
            let twin = href.strip_prefix(origin).expect("absolute");
            let back = hreflang(&site, twin);
            assert!(
                back.iter()
                    .any(|(c, h)| c == here && h == &format!("{origin}{url}")),
                "{twin} ({code}) does not link back to {url}"
            );
        }
    }
}

#[test]
fn the_language_switcher_names_each_language_in_its_own_words() {
    let site = built_bilingual();
    let page = site.page("/de/guides/basics/");
    let switcher = page.one("nav.language-switcher");
    assert_eq!(switcher.value().attr("aria-label"), Some("Sprachen"));
    let links = crate::common::texts_in(switcher, "a");
    assert_eq!(links, ["English", "Deutsch"]);
    let current = page.one("nav.language-switcher a[aria-current=page]");
    assert_eq!(current.value().attr("href"), Some("/de/guides/basics/"));
    let english = page.one("nav.language-switcher a[hreflang=en]");
    assert_eq!(english.value().attr("href"), Some("/guides/basics/"));
    assert_eq!(english.value().attr("lang"), Some("en"));
    let en = site.page("/guides/basics/");
    let current = en.one("nav.language-switcher a[aria-current=page]");
    assert_eq!(current.value().attr("href"), Some("/guides/basics/"));
    // A reader's routine is kept under the site's root in every language:
    // switching language keeps it.
    let storage = |page: &crate::common::Page| {
        let script = page.one("script[data-storage]");
        script.value().attr("data-storage").map(String::from)
    };
    assert_eq!(storage(&page), Some("vial-routine:/".to_string()));
    assert_eq!(storage(&page), storage(&en));
    // So are the products picked to compare.
    let picks = |page: &crate::common::Page| {
        let bar = page.one(".compare-bar[data-storage]");
        bar.value().attr("data-storage").map(String::from)
    };
    let list = site.page("/de/categories/ampoule/");
    assert_eq!(picks(&list), Some("/compare/".to_string()));
    assert_eq!(picks(&list), picks(&site.page("/categories/ampoule/")));
}

#[test]
fn a_site_in_one_language_has_no_switcher_and_no_hreflang() {
    let site = TestSite::fixture("basic");
    site.built();
    let page = site.page("/products/meso-ampoule/");
    assert!(page.select("nav.language-switcher").is_empty());
    assert!(page.select("link[hreflang]").is_empty());
}

#[test]
fn words_without_a_translation_are_marked_with_their_language() {
    let site = built_bilingual();
    let lang = |url: &str, css: &str| -> Vec<Option<String>> {
        site.page(url)
            .select(css)
            .iter()
            .map(|e| e.value().attr("lang").map(str::to_string))
            .collect()
    };
    let en = || Some("en".to_string());
    // The serum has no German words: its name and summary are English.
    assert_eq!(lang("/de/products/daily-serum/", "h1"), [en()]);
    assert_eq!(lang("/de/products/daily-serum/", ".lead"), [en()]);
    // The ampoule's are German: nothing to mark.
    assert_eq!(lang("/de/products/meso-ampoule/", "h1"), [None]);
    let list = site.page("/de/products/");
    let marked: Vec<(String, Option<&str>)> = list
        .select(".product-list > li > a:not(.thumb)")
        .iter()
        .map(|a| (crate::common::text(*a), a.value().attr("lang")))
        .collect();
    assert!(
        marked.contains(&("Letztlicht-Ampulle".into(), None)),
        "{marked:?}"
    );
    assert!(
        marked.contains(&("Daily Serum".into(), Some("en"))),
        "{marked:?}"
    );
    // The default language marks nothing.
    assert!(
        site.page("/products/")
            .select("[lang=en]:not(html)")
            .iter()
            .all(|e| e.value().attr("hreflang").is_some())
    );
    assert_eq!(lang("/de/guides/basics/", "h1"), [en()]);
}

/// The bilingual fixture with an English verdict on its category pair.
fn with_verdict() -> TestSite {
    let site = bilingual();
    site.write(
        "content/compare/serum-vs-ampoule.md",
        "---\nsummary: The serum daily, the ampoule as a treat.\n---\nUse [[category:serum]] every day.\n",
    );
    site
}

#[test]
fn a_verdict_is_translated_like_a_guide() {
    let site = with_verdict();
    site.write(
        "content/compare/serum-vs-ampoule.de.md",
        "---\nsummary: Das Serum täglich, die Ampulle als Kur.\n---\nDas [[category:serum]] jeden Tag.\n",
    );
    let (english, german) = models(&site);
    let (en, de) = (
        &english.verdicts["serum-vs-ampoule"],
        &german.verdicts["serum-vs-ampoule"],
    );
    assert_eq!(de.summary, "Das Serum täglich, die Ampulle als Kur.");
    assert_eq!(de.body.text.trim(), "Das [[category:serum]] jeden Tag.");
    assert_eq!(en.summary, "The serum daily, the ampoule as a treat.");
    assert!(german.fallback.verdicts.is_empty());
    site.built();
    let page = site.page("/de/compare/serum-vs-ampoule/");
    assert_eq!(
        page.texts(".lead"),
        ["Das Serum täglich, die Ampulle als Kur."]
    );
    let verdict = page.one(".verdict .prose");
    assert_eq!(verdict.value().attr("lang"), None);
    // Its link is the German site's.
    let href = page
        .select(".verdict .prose a")
        .first()
        .and_then(|a| a.value().attr("href"))
        .map(str::to_string);
    assert_eq!(href.as_deref(), Some("/de/categories/serum/"));
    let english = site.page("/compare/serum-vs-ampoule/");
    assert_eq!(
        english.texts(".lead"),
        ["The serum daily, the ampoule as a treat."]
    );
    // A verdict may go without front matter, as its original may: then
    // the whole file is its text, and the summary stays the original's.
    site.write("content/compare/serum-vs-ampoule.de.md", "Nur Text.\n");
    let (_, german) = models(&site);
    let de = &german.verdicts["serum-vs-ampoule"];
    assert_eq!(de.body.text.trim(), "Nur Text.");
    assert_eq!(de.summary, "The serum daily, the ampoule as a treat.");
}

#[test]
fn a_verdict_without_a_translation_is_marked_with_its_language() {
    let site = with_verdict();
    site.built();
    let page = site.page("/de/compare/serum-vs-ampoule/");
    assert_eq!(page.one(".lead").value().attr("lang"), Some("en"));
    assert_eq!(page.one(".verdict .prose").value().attr("lang"), Some("en"));
    let index = site.page("/de/compare/");
    let cards: Vec<Option<&str>> = index
        .select(".cards .card p")
        .iter()
        .map(|p| p.value().attr("lang"))
        .collect();
    assert_eq!(cards, [Some("en")]);
    // The default language marks nothing.
    let english = site.page("/compare/serum-vs-ampoule/");
    assert_eq!(english.one(".lead").value().attr("lang"), None);
}

#[test]
fn another_field_in_a_verdict_translation_is_an_error_at_its_line() {
    // A verdict has no data to share: a field other than `summary` is no
    // verdict's, in a translation as in the original.
    let site = with_verdict();
    site.write(
        "content/compare/serum-vs-ampoule.de.md",
        "---\nsummary: Das Serum täglich.\nsumary: x\ndate: 2024-01-01\n---\nText.\n",
    );
    let errors = site.errors();
    assert!(errors.contains("serum-vs-ampoule.de.md:3:"), "{errors}");
    assert!(errors.contains("did you mean `summary`?"), "{errors}");
    assert!(errors.contains("serum-vs-ampoule.de.md:4:"), "{errors}");
    assert!(!errors.contains("is shared by every language"), "{errors}");
}

#[test]
fn a_verdict_translation_without_an_original_is_an_error() {
    let site = bilingual();
    site.write("content/compare/serum-vs-ampoule.de.md", "Nur Text.\n");
    let errors = site.errors();
    assert!(
        errors.contains(
            "translates `serum-vs-ampoule`, but there is no content/compare/serum-vs-ampoule.md"
        ),
        "{errors}"
    );
}

#[test]
fn a_static_file_in_the_way_of_another_language_s_page_is_a_warning() {
    let site = bilingual();
    site.write(
        "static/de/products/meso-ampoule/index.html",
        "<p>mine</p>\n",
    );
    let report = site.build().expect("builds");
    let shadowed: Vec<String> = (report.warnings.0.iter())
        .filter(|w| w.code == vial_base::diagnostic::Code::ShadowedFile)
        .map(|w| w.message.clone())
        .collect();
    assert_eq!(
        shadowed,
        [
            "`static/de/products/meso-ampoule/index.html` is not published: vial writes `de/products/meso-ampoule/index.html` itself"
        ]
    );
    // Under `untranslated: omit` the German page is not written: the file is.
    let config = site
        .read("site.yaml")
        .replace("languages:", "untranslated: omit\nlanguages:");
    site.write("site.yaml", &config);
    let report = site.build().expect("builds");
    assert!(
        !(report.warnings.0.iter()).any(|w| w.code == vial_base::diagnostic::Code::ShadowedFile)
    );
    assert_eq!(
        site.read("public/de/products/meso-ampoule/index.html"),
        "<p>mine</p>\n"
    );
}
