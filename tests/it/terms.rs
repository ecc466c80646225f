//! What taxonomy pages say of their terms: the index's cards, a term
//! page's heading and filters, and the category-versus-category cards and
//! pages; and the checks on the terms content names (near misses, closed
//! lists).

use crate::common::{TestSite, texts_in};

#[test]
fn a_taxonomy_index_shows_each_terms_line_counts_and_first_products() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/concerns/dullness.yaml",
        "what_it_does: Skin that looks flat and tired.\n",
    );
    site.built();
    let page = site.page("/concerns/");
    let cards = page.select(".term-cards > li");
    let names: Vec<Vec<String>> = cards.iter().map(|c| texts_in(*c, "h2 a")).collect();
    assert_eq!(names, [["Dehydration"], ["Dullness"]]);
    let dullness = cards[1];
    assert_eq!(
        texts_in(dullness, "p:not(.meta)"),
        ["Skin that looks flat and tired."]
    );
    // Its products in the term page's order, and its guide counted.
    assert_eq!(
        texts_in(dullness, ".term-products li"),
        ["Boost Ampoule", "Daily Serum", "Lastlight Ampoule"]
    );
    assert_eq!(texts_in(dullness, ".meta"), ["3 products · 1 guide"]);
    // No line is made up for a term its files do not describe.
    assert_eq!(texts_in(cards[0], "p:not(.meta)"), Vec::<String>::new());
    assert_eq!(texts_in(cards[0], ".meta"), ["1 product"]);
}

#[test]
fn a_taxonomy_index_names_three_products_and_counts_the_rest() {
    let site = TestSite::fixture("basic");
    for name in ["Aster", "Birch", "Cedar"] {
        let slug = name.to_lowercase();
        site.write(
            &format!("content/products/{slug}.yaml"),
            &format!(
                "name: {name} Serum\nbrand: Lumen Lab\ncategory: serum\nsummary: A serum.\nusage:\n  frequency: daily\n  time: [am]\n  step: treat\n"
            ),
        );
    }
    site.built();
    let page = site.page("/brands/");
    let lumen = page.select(".term-cards > li")[0];
    assert_eq!(
        texts_in(lumen, ".term-products li"),
        ["Aster Serum", "Birch Serum", "Boost Ampoule", "and 2 more"]
    );
    assert_eq!(texts_in(lumen, ".meta"), ["5 products"]);
}

#[test]
fn a_term_page_says_its_order_only_when_its_strengths_differ() {
    let site = TestSite::fixture("basic");
    site.built();
    let heading = |url: &str| site.page(url).texts("#taxon-products");
    assert_eq!(
        heading("/actives/hyaluronic-acid/"),
        ["2 products, highest strength first"]
    );
    // One product: nothing is ordered.
    assert_eq!(heading("/actives/vitamin-c/"), ["1 product"]);
    // Two of one strength: in name order, so no word of strength.
    let lastlight = site.read("content/products/meso-ampoule.yaml");
    site.write(
        "content/products/meso-ampoule.yaml",
        &lastlight.replace("percent: 2", "percent: 1"),
    );
    site.built();
    assert_eq!(heading("/actives/hyaluronic-acid/"), ["2 products"]);
}

#[test]
fn a_term_page_with_one_product_offers_no_filters() {
    let site = TestSite::fixture("basic");
    site.built();
    let page = site.page("/actives/vitamin-c/");
    assert!(page.select("details.facets").is_empty());
    assert!(
        !site
            .page("/actives/hyaluronic-acid/")
            .select("details.facets")
            .is_empty()
    );
}

#[test]
fn a_category_pair_without_a_verdict_still_has_a_line_that_is_true() {
    let site = TestSite::fixture("basic");
    site.built();
    let line = "Serum (1 product) and Ampoule (2 products) side by side.";
    let index = site.page("/compare/");
    assert_eq!(index.texts(".cards .card p"), [line]);
    let page = site.page("/compare/serum-vs-ampoule/");
    assert_eq!(page.texts(".page-header .lead"), [line]);
    // A verdict's summary takes its place.
    site.write(
        "content/compare/serum-vs-ampoule.md",
        "---\nsummary: Serums daily, ampoules in bursts.\n---\n\nText.\n",
    );
    site.built();
    assert_eq!(
        site.page("/compare/").texts(".cards .card p"),
        ["Serums daily, ampoules in bursts."]
    );
}

const MESO: &str = "content/products/meso-ampoule.yaml";

/// The basic fixture with `from` replaced by `to` in `path`.
fn with(path: &str, from: &str, to: &str) -> TestSite {
    let site = TestSite::fixture("basic");
    let text = site.read(path);
    assert!(text.contains(from), "{path} has no `{from}`");
    site.write(path, &text.replacen(from, to, 1));
    site
}

/// Where the first line naming `needle` is in `path`: line and column.
fn line_of(site: &TestSite, path: &str, needle: &str) -> (usize, usize) {
    site.read(path)
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find(needle).map(|c| (i + 1, c + 1)))
        .unwrap_or_else(|| panic!("no `{needle}` in {path}"))
}

#[test]
fn a_term_used_once_a_letter_from_another_is_a_warning_at_its_line() {
    let site = with(MESO, "[Dullness]", "[Dulness]");
    let report = site.build().unwrap_or_else(|e| panic!("{e}"));
    let warnings = report.warnings.to_string();
    let (line, column) = line_of(&site, MESO, "Dulness");
    let at = format!(
        "{MESO}:{line}:{column}: warning: the concern `Dulness` is used only here, and `Dullness` (used 3 times) is a letter or a plural away"
    );
    assert!(warnings.contains(&at), "no `{at}` in:\n{warnings}");
    assert!(warnings.contains("did you mean `Dullness`?"), "{warnings}");
    // The page it made is still built: a warning, not an error.
    assert!(site.exists("/concerns/dulness/"));
    // A description file says the term is meant.
    site.write(
        "content/concerns/dulness.yaml",
        "what_it_does: A word of its own.\n",
    );
    let report = site.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !report.warnings.to_string().contains("similar-term")
            && !report.warnings.to_string().contains("Dulness"),
        "{}",
        report.warnings
    );
}

#[test]
fn a_plural_beside_its_singular_is_a_warning_and_two_terms_used_once_warn_once() {
    let site = with(MESO, "[Dullness]", "[Dullness, Breakout]");
    let text = site.read("content/products/daily-serum.yaml");
    site.write(
        "content/products/daily-serum.yaml",
        &text.replace(
            "[dehydration, dullness]",
            "[dehydration, dullness, Breakouts]",
        ),
    );
    let report = site.build().unwrap_or_else(|e| panic!("{e}"));
    let warnings: Vec<String> = report
        .warnings
        .iter()
        .filter(|d| d.code.as_str() == "similar-term")
        .map(|d| d.to_string())
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    // Each names the other's place, so one warning points at both.
    assert!(
        warnings[0].starts_with("content/products/meso-ampoule.yaml:")
            && warnings[0].contains(
                "`Breakout` is used only here, and `Breakouts` (at content/products/daily-serum.yaml:"
            ),
        "{warnings:?}"
    );
}

#[test]
fn a_closed_taxonomy_refuses_a_term_it_does_not_list_at_its_line() {
    let site = TestSite::fixture("basic");
    site.close_concerns();
    // Declared and not used yet: part of the list, no warning.
    site.write(
        "content/concerns/redness.yaml",
        "what_it_does: Flushed skin.\n",
    );
    let report = site.build().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        report
            .warnings
            .iter()
            .all(|d| d.code.as_str() != "unused-description"),
        "{}",
        report.warnings
    );
    assert!(!site.exists("/concerns/redness/"));

    let text = site.read(MESO);
    site.write(MESO, &text.replace("[Dullness]", "[Dulness]"));
    let errors = site.errors();
    let (line, column) = line_of(&site, MESO, "Dulness");
    let at = format!(
        "{MESO}:{line}:{column}: error: `Dulness` is not one of the concerns this site lists"
    );
    assert!(errors.contains(&at), "no `{at}` in:\n{errors}");
    assert!(errors.contains("did you mean `dullness`?"), "{errors}");
    assert!(errors.contains("content/concerns/dulness.yaml"), "{errors}");
    // A guide's term is checked too.
    site.write(MESO, &text);
    let guide = site.read("content/guides/routine.md");
    site.write(
        "content/guides/routine.md",
        &guide.replace("concerns: [dullness]", "concerns: [dryness]"),
    );
    let errors = site.errors();
    let (line, column) = line_of(&site, "content/guides/routine.md", "dryness");
    let at = format!(
        "content/guides/routine.md:{line}:{column}: error: `Dryness` is not one of the concerns"
    );
    assert!(errors.contains(&at), "no `{at}` in:\n{errors}");
}
