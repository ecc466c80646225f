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
fn products_that_every_filter_sees_alike_offer_no_filters() {
    let site = TestSite::fixture("basic");
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{config}filters: [strength, preservative_free]\n"),
    );
    site.built();
    // Both ampoules are strong and preservative-free: nothing to tick
    // that would leave fewer.
    assert!(
        site.page("/categories/ampoule/")
            .select("details.facets")
            .is_empty()
    );
    // Lumen Lab's two differ in strength.
    assert!(
        !site
            .page("/brands/lumen-lab/")
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
