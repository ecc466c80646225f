//! A site in several languages (`languages:` in site.yaml): translation
//! files hold words only, and a language's site is the default one's model
//! with those words overlaid.

use crate::common::TestSite;
use vial_site::config::{CONFIG_FILE, Config};
use vial_site::load::Sources;
use vial_site::model::Site;

/// The basic fixture in English with German declared.
fn bilingual() -> TestSite {
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

const PRODUCT_DE: &str = "name: Letztlicht-Ampulle\nsummary: Kommt zuletzt, über die Feuchtigkeitspflege.\nusage:\n  instructions: Als **letzten** Schritt auftragen.\n  cautions: [Bei Brennen absetzen.]\n";

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
