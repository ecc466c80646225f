//! Every word of the UI comes from the theme's strings: a site in German
//! shows no English UI phrase, and a site in another domain shows nothing
//! of the skincare example.

use std::path::Path;

use crate::common::TestSite;
use scraper::{Html, Selector};

/// The visible text of every page below `dir`, with the text of the
/// attributes a reader meets (labels, titles, alternative text).
fn visible_text(dir: &Path) -> Vec<(String, String)> {
    page_text(dir, true)
}

/// The text of every page below `dir` a reader meets, as `visible_text`;
/// with `scripts`, the text of scripts (their data) too.
fn page_text(dir: &Path, scripts: bool) -> Vec<(String, String)> {
    let attributes = Selector::parse("[aria-label], [title], [alt]").unwrap();
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
        let mut text: String = (html.root_element().descendants())
            .filter(|node| {
                scripts
                    || !node.ancestors().any(|a| {
                        a.value()
                            .as_element()
                            .is_some_and(|e| matches!(e.name(), "script" | "style"))
                    })
            })
            .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
            .collect::<Vec<_>>()
            .join(" ");
        for element in html.select(&attributes) {
            for name in ["aria-label", "title", "alt"] {
                if let Some(value) = element.value().attr(name) {
                    text.push(' ');
                    text.push_str(value);
                }
            }
        }
        pages.push((entry.path().display().to_string(), text));
    }
    assert!(pages.len() > 10);
    pages
}

/// The literal pieces of every English string (around its `{placeholders}`)
/// that a German page must not show: those of two words or more.
fn english_phrases() -> Vec<String> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/en.yaml"),
    )
    .unwrap();
    let mut phrases = Vec::new();
    for line in text.lines() {
        let Some((_, value)) = line.split_once(": ") else {
            continue;
        };
        let value = value.trim().trim_matches('"');
        for piece in value.split(['{', '}']).step_by(2) {
            let piece = piece.trim_matches(|c: char| !c.is_alphabetic());
            if piece.split_whitespace().count() >= 2 {
                phrases.push(piece.to_string());
            }
        }
    }
    assert!(phrases.len() > 30, "{phrases:?}");
    phrases
}

#[test]
fn a_german_site_shows_no_english_ui_words() {
    let site = TestSite::fixture("basic");
    site.in_german();
    site.built();
    let phrases = english_phrases();
    for (page, text) in visible_text(&site.output()) {
        for phrase in &phrases {
            assert!(!text.contains(phrase.as_str()), "`{phrase}` on {page}");
        }
    }
    let product = site.page("/products/meso-ampoule/");
    assert_eq!(product.texts(".usage-frequency dt"), ["Wie oft"]);
    assert_eq!(product.texts(".usage-frequency dd"), ["Einmal pro Woche"]);
    assert_eq!(
        product.texts(".usage-position"),
        ["Kommt zuletzt, nach allen anderen Schritten."]
    );
    let guide = site.page("/guides/routine/");
    assert!(
        guide
            .texts(".page-header time")
            .iter()
            .any(|d| d.contains("März 2026")),
        "{:?}",
        guide.texts(".page-header time")
    );
}

#[test]
fn a_language_without_strings_falls_back_to_english_with_a_warning() {
    let site = TestSite::fixture("basic");
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        &config.replace(
            "description: A fixture site.",
            "description: A fixture site.\nlanguage: fr",
        ),
    );
    let report = site.build().unwrap();
    let warnings = report.warnings.to_string();
    assert!(
        warnings.contains("site.yaml:4:11: warning: the theme has no strings for `fr`"),
        "{warnings}"
    );
    // A site's own strings file fills the gap, key by key.
    site.write("i18n/fr.yaml", "usage:\n  how_often: Fréquence\n");
    site.built();
    let product = site.page("/products/meso-ampoule/");
    assert_eq!(product.texts(".usage-frequency dt"), ["Fréquence"]);
    assert_eq!(product.texts(".usage-cautions h3"), ["Cautions"]);
}

#[test]
fn a_missing_string_is_an_error_at_the_template_line() {
    let site = TestSite::fixture("basic");
    site.write(
        "templates/guides.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ t(key=\"guides.heading\") }}</h1>\n{% endblock content %}\n",
    );
    let errors = site.errors();
    assert!(
        errors.starts_with(
            "templates/guides.html:3:15: error: no text for `guides.heading` in the strings of `en`"
        ),
        "{errors}"
    );
}

#[test]
fn the_houseplant_example_shows_nothing_of_skincare() {
    let (_root, out) = built_houseplants();
    let words = [
        "skin",
        "serum",
        "ampoule",
        "sunscreen",
        "moisturi",
        "cleanse",
        "morning",
        "evening",
        "active",
        "concern",
    ];
    for (page, text) in visible_text(&out.path().join("public")) {
        let lower = text.to_lowercase();
        for word in words {
            assert!(!lower.contains(word), "`{word}` on {page}");
        }
    }
}

/// The houseplant example (English and German), built into a folder of
/// its own: the site's copy (a build writes its image cache into the site
/// folder) and the folder with the output in `public/`.
fn built_houseplants() -> (tempfile::TempDir, tempfile::TempDir) {
    let root = tempfile::tempdir().unwrap();
    crate::common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/houseplants"),
        root.path(),
    );
    let out = tempfile::tempdir().unwrap();
    let options = vial_build::BuildOptions {
        output: Some(out.path().join("public")),
        ..vial_build::BuildOptions::new(root.path())
    };
    vial_build::build(&options).unwrap_or_else(|e| panic!("{}", e.problems));
    (root, out)
}

/// The English forms of the words site.yaml writes in both languages
/// (`{en: Repot, de: Umtopfen}`), where they differ.
fn english_forms(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            let forms = map.len() == 2 && map.contains_key("en") && map.contains_key("de");
            match (forms, map.get("en"), map.get("de")) {
                (true, Some(serde_json::Value::String(en)), Some(de))
                    if de.as_str() != Some(en.as_str()) =>
                {
                    out.push(en.clone());
                }
                _ => map.values().for_each(|v| english_forms(v, out)),
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| english_forms(v, out)),
        _ => {}
    }
}

/// Whether `text` holds `word` as a whole word.
fn holds_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn the_houseplant_example_in_german_shows_no_english() {
    let (root, out) = built_houseplants();
    let public = out.path().join("public");
    // What readers see: the data of scripts holds slugs (`watering-aids`).
    let german: Vec<(String, String)> = page_text(&public.join("de"), false);
    // The theme's English phrases.
    for phrase in english_phrases() {
        for (page, text) in &german {
            assert!(!text.contains(phrase.as_str()), "`{phrase}` on {page}");
        }
    }
    // site.yaml's English labels, reminders and rules.
    let site: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string(root.path().join("site.yaml")).unwrap())
            .unwrap();
    let mut labels = Vec::new();
    english_forms(&site, &mut labels);
    assert!(labels.len() > 30, "{labels:?}");
    // English schedule words (not `winter`: German writes it alike), and
    // the guides' author, which is words too.
    let schedule = [
        "every", "daily", "weekly", "monthly", "once", "twice", "spring", "summer", "autumn",
        "watering", "then", "days", "weeks", "months", "years", "repeated", "editors",
    ];
    for (page, text) in &german {
        // Addresses (a printed page shows its own) hold slugs, not words.
        let words: Vec<&str> = (text.split_whitespace())
            .filter(|w| !w.contains('/'))
            .collect();
        let text = &words.join(" ");
        for label in &labels {
            assert!(!holds_word(text, label), "`{label}` on {page}");
        }
        let lower = text.to_lowercase();
        for word in schedule {
            assert!(!holds_word(&lower, word), "`{word}` on {page}");
        }
    }
    // Every word is translated: nothing on a German page is marked as
    // English but the language switcher's link to the English page.
    let english = Selector::parse("[lang=en]:not(html):not([hreflang])").unwrap();
    for entry in walkdir::WalkDir::new(public.join("de"))
        .into_iter()
        .flatten()
    {
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
            let marked: Vec<String> = html.select(&english).map(|e| e.html()).collect();
            assert!(marked.is_empty(), "{}: {marked:?}", entry.path().display());
        }
    }
}

#[test]
fn every_hreflang_of_the_houseplant_example_points_both_ways() {
    let (_root, out) = built_houseplants();
    let public = out.path().join("public");
    let alternates = Selector::parse("link[rel=alternate][hreflang]").unwrap();
    let base = "https://example.org/plants/";
    let twins_of = |url: &str| -> Vec<(String, String)> {
        let path = public
            .join(url.strip_prefix(base).unwrap())
            .join("index.html");
        let html = Html::parse_document(&std::fs::read_to_string(&path).unwrap());
        html.select(&alternates)
            .map(|l| {
                let v = l.value();
                (
                    v.attr("hreflang").unwrap().to_string(),
                    v.attr("href").unwrap().to_string(),
                )
            })
            .collect()
    };
    let mut pairs = 0;
    for entry in walkdir::WalkDir::new(public.join("de"))
        .into_iter()
        .flatten()
    {
        if entry.file_name() != "index.html" {
            continue;
        }
        // An old address (`aliases:`) is no page with twins: it sends the
        // reader on.
        let text = std::fs::read_to_string(entry.path()).unwrap();
        if text.contains("http-equiv=\"refresh\"") {
            continue;
        }
        let relative = entry
            .path()
            .parent()
            .unwrap()
            .strip_prefix(&public)
            .unwrap();
        let url = format!("{base}{}/", relative.display());
        let twins = twins_of(&url);
        assert!(
            twins.contains(&("de".to_string(), url.clone())),
            "{url}: {twins:?}"
        );
        for (code, twin) in &twins {
            let back = twins_of(twin);
            assert!(
                back.contains(&("de".to_string(), url.clone())),
                "{twin} ({code}) does not link back to {url}"
            );
            pairs += 1;
        }
    }
    assert!(pairs > 150, "{pairs}");
}
