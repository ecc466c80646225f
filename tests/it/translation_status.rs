//! The translation status `vial check` and `vial build` report for a site
//! in several languages: what has no translation (one summary per
//! language), what a translation leaves out, and what was translated from
//! an original edited since.

use vial_base::diagnostic::{Code, Diagnostic};

use crate::common::TestSite;
use crate::languages::{PRODUCT_DE, bilingual};

const MESO: &str = "content/products/meso-ampoule.yaml";
const MESO_DE: &str = "content/products/meso-ampoule.de.yaml";

/// The warnings of a build with `code`.
fn built_warnings(site: &TestSite, code: Code) -> Vec<Diagnostic> {
    let report = site.build().unwrap_or_else(|e| panic!("{e}"));
    report
        .warnings
        .0
        .into_iter()
        .filter(|d| d.code == code)
        .collect()
}

/// The warnings of `vial check` with `code`.
fn checked_warnings(site: &TestSite, code: Code) -> Vec<Diagnostic> {
    let warnings = vial_build::check(&site.options()).unwrap_or_else(|e| panic!("{e}"));
    warnings.0.into_iter().filter(|d| d.code == code).collect()
}

fn edit(site: &TestSite, path: &str, from: &str, to: &str) {
    site.replace_in(path, from, to);
}

#[test]
fn what_has_no_translation_is_counted_in_one_warning_per_language() {
    let site = bilingual();
    let config = site.read("site.yaml").replace(
        "de: {title: Testnotizen}",
        "de: {title: Testnotizen}\n  fr: {}",
    );
    site.write("site.yaml", &config)
        .write("content/concerns/dullness.yaml", "what_it_does: Brightens.\n")
        .write(MESO_DE, PRODUCT_DE)
        .write("content/categories/ampoule.de.yaml", "name: Ampulle\nsummary: Kurz.\ndescription: Stark.\ntraits:\n  - {name: Stärke, value: Hoch}\n  - {name: Verpackung, value: Ampullen}\n")
        .write("content/products/daily-serum.fr.yaml", "name: Sérum\n");
    let found = built_warnings(&site, Code::Untranslated);
    let said: Vec<(&str, usize)> = found
        .iter()
        .map(|d| (d.message.as_str(), d.location.line))
        .collect();
    assert_eq!(
        said,
        [
            (
                "de: 2 of 3 products, 1 of 2 categories, 1 of 1 term and 2 of 2 guides have no translation",
                6
            ),
            (
                "fr: 2 of 3 products, 2 of 2 categories, 1 of 1 term and 2 of 2 guides have no translation",
                7
            ),
        ],
        "{found:?}"
    );
    assert!(found[0].location.path.ends_with("site.yaml"));
    let help = found[0].help.as_deref().unwrap();
    assert!(
        help.starts_with("missing, among others: `content/products/boost-ampoule.de.yaml`, `content/categories/serum.de.yaml` and `content/concerns/dullness.de.yaml`."),
        "{help}"
    );
    // Everything translated: no summary at all.
    for (path, text) in [
        ("content/products/boost-ampoule.de.yaml", "name: Boost\n"),
        ("content/products/daily-serum.de.yaml", "name: Tagesserum\n"),
        ("content/categories/serum.de.yaml", "name: Serum\n"),
        ("content/concerns/dullness.de.yaml", "name: Fahlheit\n"),
        (
            "content/guides/basics.de.md",
            "---\ntitle: Grundlagen\n---\nText.\n",
        ),
        (
            "content/guides/routine.de.md",
            "---\ntitle: Routine\n---\nText.\n",
        ),
    ] {
        site.write(path, text);
    }
    let found = checked_warnings(&site, Code::Untranslated);
    assert!(
        found.iter().all(|d| d.message.starts_with("fr: ")),
        "{found:?}"
    );
}

#[test]
fn a_translation_that_leaves_out_a_text_is_reported_at_its_file() {
    let site = bilingual();
    // Other names may stay the original's: they are not missed.
    edit(&site, MESO, "summary:", "aka: [Last Light]\nsummary:");
    site.write(
        MESO_DE,
        "name: Letztlicht-Ampulle\nsummary: Kommt zuletzt.\n",
    )
    .write(
        "content/guides/basics.de.md",
        "---\ntitle: Grundlagen\nsummary: Was ein Serum tut.\n---\n\n",
    );
    let found = built_warnings(&site, Code::PartialTranslation);
    let said: Vec<(String, usize, &str)> = found
        .iter()
        .map(|d| {
            let path = d.location.path.to_string_lossy().into_owned();
            (path, d.location.line, d.message.as_str())
        })
        .collect();
    assert_eq!(
        said,
        [
            (
                "content/guides/basics.de.md".to_string(),
                0,
                "this translation leaves out the text below the front matter of basics.md"
            ),
            (
                MESO_DE.to_string(),
                0,
                "this translation leaves out `usage.instructions` and `usage.cautions` of meso-ampoule.yaml"
            ),
        ]
    );
    // The whole of it translated: nothing left out.
    site.write(MESO_DE, PRODUCT_DE);
    let found = built_warnings(&site, Code::PartialTranslation);
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn an_original_edited_after_its_translation_is_outdated_until_the_translation_is_saved() {
    let site = bilingual();
    site.write(MESO_DE, PRODUCT_DE);
    assert!(built_warnings(&site, Code::OutdatedTranslation).is_empty());
    edit(
        &site,
        MESO,
        "summary: Goes on last",
        "summary: Goes on at the very end",
    );
    for _ in 0..2 {
        let found = built_warnings(&site, Code::OutdatedTranslation);
        let said: Vec<String> = found.iter().map(|d| d.to_string()).collect();
        assert_eq!(found.len(), 1, "{said:?}");
        let d = &found[0];
        assert_eq!(
            (d.location.path.to_str(), d.location.line, d.location.column),
            (Some(MESO_DE), 2, 1)
        );
        assert_eq!(
            d.message,
            "`summary` was translated from an older text of meso-ampoule.yaml"
        );
        assert!(
            said[0].contains("2 | summary: Kommt zuletzt"),
            "{}",
            said[0]
        );
    }
    // `vial check` says the same.
    assert_eq!(checked_warnings(&site, Code::OutdatedTranslation).len(), 1);
    // The translation saved anew: it is newer than its original.
    edit(&site, MESO_DE, "Kommt zuletzt", "Kommt ganz zuletzt");
    assert!(checked_warnings(&site, Code::OutdatedTranslation).is_empty());
    assert!(built_warnings(&site, Code::OutdatedTranslation).is_empty());
    // A list and a block of text are fingerprinted too, each at its line.
    edit(
        &site,
        MESO,
        "Stop if your skin stings.",
        "Stop at once if it stings.",
    );
    edit(&site, MESO, "as the **last** step", "as the **final** step");
    let found = checked_warnings(&site, Code::OutdatedTranslation);
    let at: Vec<(usize, &str)> = found
        .iter()
        .map(|d| (d.location.line, d.message.as_str()))
        .collect();
    assert_eq!(
        at,
        [
            (
                4,
                "`usage.instructions` was translated from an older text of meso-ampoule.yaml"
            ),
            (
                5,
                "`usage.cautions` was translated from an older text of meso-ampoule.yaml"
            ),
        ]
    );
}

#[test]
fn without_the_record_nothing_is_outdated() {
    let site = bilingual();
    site.write(MESO_DE, PRODUCT_DE).built();
    edit(
        &site,
        MESO,
        "summary: Goes on last",
        "summary: Goes on at the end",
    );
    // A fresh checkout: no `.vial/`.
    std::fs::remove_dir_all(site.root().join(".vial")).unwrap();
    assert!(checked_warnings(&site, Code::OutdatedTranslation).is_empty());
    // A damaged record is as none, and is written anew.
    let record = site.root().join(".vial/sources/translations");
    std::fs::write(&record, "not a record\n").unwrap();
    assert!(checked_warnings(&site, Code::OutdatedTranslation).is_empty());
    assert!(
        std::fs::read_to_string(&record)
            .unwrap()
            .starts_with("vial-translations ")
    );
}

#[test]
fn a_site_in_one_language_keeps_no_translation_record() {
    let site = TestSite::fixture("basic");
    site.built();
    assert!(vial_build::check(&site.options()).is_ok());
    assert!(site.root().join(".vial/outputs").is_dir());
    assert!(!site.root().join(".vial/sources/translations").exists());
}

#[test]
fn translation_warnings_come_out_as_json_lines_with_their_codes() {
    let site = bilingual();
    site.write(
        MESO_DE,
        "name: Letztlicht-Ampulle\nsummary: Kommt zuletzt.\n",
    )
    .built();
    edit(
        &site,
        MESO,
        "summary: Goes on last",
        "summary: Goes on at the end",
    );
    let out = site.run(&["check", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let codes: Vec<(&str, &str, Option<u64>)> = lines
        .iter()
        .map(|l| {
            (
                l["code"].as_str().unwrap(),
                l["file"].as_str().unwrap(),
                l["line"].as_u64(),
            )
        })
        .collect();
    for expected in [
        ("untranslated", "site.yaml", Some(6)),
        ("partial-translation", MESO_DE, None),
        ("outdated-translation", MESO_DE, Some(2)),
    ] {
        assert!(
            codes
                .iter()
                .any(|c| c.0 == expected.0 && c.1.ends_with(expected.1) && c.2 == expected.2),
            "{expected:?} in {codes:?}"
        );
    }
    assert!(lines.iter().all(|l| l["severity"] == "warning"));
}

#[test]
fn a_guides_text_edited_after_its_translation_is_outdated_at_its_first_line() {
    let site = bilingual();
    site.write(
        "content/guides/basics.de.md",
        "---\ntitle: Grundlagen\nsummary: Was ein Serum tut.\n---\n\nEin Serum ist der Pflegeschritt.\n",
    )
    .built();
    edit(
        &site,
        "content/guides/basics.md",
        "A serum is the treatment step.",
        "A serum is the step that treats.",
    );
    let found = checked_warnings(&site, Code::OutdatedTranslation);
    let at: Vec<(usize, usize, &str)> = found
        .iter()
        .map(|d| (d.location.line, d.location.column, d.message.as_str()))
        .collect();
    assert_eq!(
        at,
        [(
            6,
            1,
            "the text below the front matter was translated from an older text of basics.md"
        )]
    );
}

#[test]
fn a_build_without_drafts_keeps_what_a_draft_translation_was_written_against() {
    let site = bilingual();
    let drafts = vial_build::BuildOptions {
        drafts: true,
        ..site.options()
    };
    let outdated = |options: &vial_build::BuildOptions| -> usize {
        let warnings = vial_build::check(options).unwrap_or_else(|e| panic!("{e}"));
        warnings
            .iter()
            .filter(|d| d.code == Code::OutdatedTranslation)
            .count()
    };
    site.write(
        "content/guides/draft-notes.de.md",
        "---\ntitle: Unfertige Notizen\n---\n\nNoch nicht fertig.\n",
    );
    assert_eq!(outdated(&drafts), 0);
    edit(
        &site,
        "content/guides/draft-notes.md",
        "Not ready.",
        "Not ready yet.",
    );
    // Without drafts its original is not on the site: nothing is said,
    // and nothing is forgotten.
    assert_eq!(outdated(&site.options()), 0);
    assert_eq!(outdated(&drafts), 1);
}
