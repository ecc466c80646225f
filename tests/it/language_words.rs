//! The words site.yaml declares (labels, descriptions, reminders, rules'
//! messages, events' phrases) in each of a site's languages: written as
//! their forms by language code, shown in each language's pages, the
//! default language's where a language has none.

use crate::common::TestSite;

/// The basic fixture in English and German, its labels, a reminder, a
/// spec value and an event written in both.
fn declared_in_both() -> TestSite {
    let site = TestSite::fixture("basic");
    let config = site
        .read("site.yaml")
        .replace(
            "description: A fixture site.",
            "description: A fixture site.\nlanguage: en\nlanguages:\n  de: {title: Testnotizen}",
        )
        .replace(
            "{key: am, label: Morning}",
            "{key: am, label: {en: Morning, de: Morgens}}",
        )
        .replace(
            "{key: pm, label: Evening}",
            "{key: pm, label: {en: Evening, de: Abends}}",
        )
        .replace(
            "steps: [cleanse, treat, moisturize, protect]",
            "steps:\n    - cleanse\n    - key: treat\n      label: {en: Treat, de: Behandeln}\n      description: {en: The actives go on., de: Die Wirkstoffe kommen auf die Haut.}\n    - moisturize\n    - protect\n  events:\n    - key: shave\n      phrases:\n        every: {en: after every shave, de: nach jeder Rasur}\n        every_n: {en: \"after every {n} shaves\", de: \"nach jeder {n}. Rasur\"}",
        )
        .replace(
            "{message: \"One strong active a night.\", slots: [pm]}",
            "{message: {en: One strong active a night., de: Ein starker Wirkstoff pro Abend.}, slots: [pm]}",
        )
        .replace(
            "{key: concerns, label: Concern, plural: Concerns, guides: true}",
            "{key: concerns, label: {en: Concern, de: Anliegen}, plural: {en: Concerns, de: Anliegen}, guides: true}",
        )
        .replace(
            "values: [low, medium, high]",
            "values: [low, medium, {key: high, label: {en: High, de: Hoch}}]",
        )
        .replace(
            "    label: Strength\n    type: enum",
            "    label: {en: Strength, de: Stärke}\n    type: enum",
        );
    site.write("site.yaml", &config);
    let serum = site
        .read("content/products/daily-serum.yaml")
        .replace("frequency: twice daily", "frequency: after every shave");
    site.write("content/products/daily-serum.yaml", &serum);
    site
}

#[test]
fn each_language_shows_its_form_of_the_declared_words() {
    let site = declared_in_both();
    site.built();
    let de = site.page("/de/products/meso-ampoule/").html.html();
    for german in [
        "Abends",
        "Behandeln",
        "Ein starker Wirkstoff pro Abend.",
        "Stärke",
        "Hoch",
        "Anliegen",
    ] {
        assert!(de.contains(german), "{german} is not on the German page");
    }
    for english in ["Evening", "One strong active a night.", ">High<"] {
        assert!(!de.contains(english), "{english} is on the German page");
    }
    let en = site.page("/products/meso-ampoule/").html.html();
    for english in ["Evening", "Treat", "One strong active a night.", "High"] {
        assert!(en.contains(english), "{english} is not on the English page");
    }
    assert!(!en.contains("Behandeln") && !en.contains("Abends"));
    // An event's phrase is the language's own, never glued from another's.
    let serum_de = site.page("/de/products/daily-serum/");
    assert!(
        serum_de.html.html().contains("Nach jeder Rasur"),
        "{}",
        serum_de.html.html()
    );
    assert!((site.page("/products/daily-serum/").html.html()).contains("After every shave"));
}

#[test]
fn taxonomies_keep_their_addresses_and_link_names_in_every_language() {
    let site = declared_in_both();
    site.write(
        "content/guides/basics.de.md",
        "---\ntitle: Grundlagen\n---\nGegen [[concern:dullness]] hilft [[product:meso-ampoule]].\n",
    );
    site.built();
    // The German list of a term is where the English one is, below de/,
    // and named in German.
    let term = site.page("/de/concerns/dullness/");
    assert!(
        term.html.html().contains("Anliegen"),
        "{}",
        term.html.html()
    );
    let guide = site.page("/de/guides/basics/");
    let hrefs: Vec<&str> = guide
        .select("article a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(hrefs.contains(&"/de/concerns/dullness/"), "{hrefs:?}");
}

#[test]
fn words_without_a_form_in_a_language_are_one_warning_naming_their_lines() {
    let site = declared_in_both();
    let report = site.build().expect("builds");
    let warnings: Vec<_> = (report.warnings.0.iter())
        .filter(|d| d.code == vial_base::diagnostic::Code::UntranslatedLabel)
        .collect();
    assert_eq!(warnings.len(), 1, "{:?}", report.warnings);
    let warning = warnings[0];
    // Three steps named by their keys, the first reminder, the brand and
    // actives taxonomies and the other specs' labels are English only:
    // the first of them is where the warning is.
    assert!(
        warning.message.contains("have no `de` form"),
        "{}",
        warning.message
    );
    assert_eq!(warning.location.line, 12, "{warning}");
    let help = warning.help.as_deref().unwrap_or_default();
    assert!(help.contains("`step` (line 12)"), "{help}");
    // A site in one language has nothing to translate.
    let one = TestSite::fixture("basic");
    let report = one.build().expect("builds");
    assert!(
        !(report.warnings.0.iter())
            .any(|d| d.code == vial_base::diagnostic::Code::UntranslatedLabel)
    );
}

#[test]
fn a_form_in_an_undeclared_language_or_without_the_default_one_is_an_error() {
    let site = declared_in_both();
    let config = site
        .read("site.yaml")
        .replace("{en: Evening, de: Abends}", "{en: Evening, fr: Soir}")
        .replace("{en: Treat, de: Behandeln}", "{de: Behandeln}");
    site.write("site.yaml", &config);
    let errors = site.errors();
    assert!(
        errors.contains("`fr` is not one of the site's languages"),
        "{errors}"
    );
    assert!(
        errors.contains("`label` has no form in the default language (`en`)"),
        "{errors}"
    );
}

#[test]
fn a_language_s_own_forms_are_checked_at_their_lines() {
    let site = declared_in_both();
    // The German phrase for a number has no place for it.
    let config = site
        .read("site.yaml")
        .replace("de: \"nach jeder {n}. Rasur\"", "de: \"nach jeder Rasur\"");
    site.write("site.yaml", &config);
    let errors = site.errors();
    assert!(errors.contains("`every_n` has no `{n}`"), "{errors}");
    assert!(errors.contains("site.yaml:"), "{errors}");
    // An event with English nouns only cannot be said in German.
    let site = declared_in_both();
    let config = site.read("site.yaml").replace(
        "      phrases:\n        every: {en: after every shave, de: nach jeder Rasur}\n        every_n: {en: \"after every {n} shaves\", de: \"nach jeder {n}. Rasur\"}",
        "      one: shave\n      other: shaves",
    );
    site.write("site.yaml", &config);
    let errors = site.errors();
    assert!(errors.contains("has no phrases in `de`"), "{errors}");
}

#[test]
fn a_plural_made_from_the_label_is_never_made_in_another_language() {
    let site = declared_in_both();
    let config = site.read("site.yaml").replace(
        "{key: brand, label: Brand, plural: Brands,",
        "{key: brand, label: {en: Brand, de: Marke},",
    );
    site.write("site.yaml", &config);
    let file = vial_base::diagnostic::SourceFile::new("site.yaml", config);
    let config = vial_site::config::Config::parse(site.root(), file).expect("site.yaml");
    // English makes "Brands"; "Markes" would be no German word, so the
    // German pages say the default language's plural, and it is reported.
    let german = config.for_language("de").unwrap();
    let brand = german.taxonomy("brand").unwrap();
    assert_eq!(
        (brand.label.as_str(), brand.plural.as_str()),
        ("Marke", "Brands")
    );
    assert!(
        (config.untranslated_words.iter()).any(|w| w.field == "plural"),
        "{:?}",
        config.untranslated_words
    );
}
