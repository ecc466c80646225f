//! Names as readers see them: a term reads the same on every page, small
//! letters and capitals are treated one way, and a link inside a sentence
//! writes a common noun the way the site's language does.

use crate::common::{TestSite, texts_in};

#[test]
fn a_term_reads_the_same_on_every_page() {
    let site = TestSite::fixture("basic");
    // The term's file names it; a product writes it in small letters.
    site.write(
        "content/concerns/dehydration.yaml",
        "name: Dehydration (tight skin)\n",
    );
    let serum = site.read("content/products/daily-serum.yaml").replace(
        "concerns: [dehydration, dullness]",
        "concerns: [dehydration, fine lines, dullness]",
    );
    site.write("content/products/daily-serum.yaml", &serum);
    site.built();
    let product = site.page("/products/daily-serum/");
    assert_eq!(
        product.texts(".terms-concerns li"),
        ["Dehydration (tight skin)", "Fine lines", "Dullness"]
    );
    let term = site.page("/concerns/dehydration/");
    assert_eq!(term.texts("h1"), ["Dehydration (tight skin)"]);
    let fine = site.page("/concerns/fine-lines/");
    assert_eq!(fine.texts("h1"), ["Fine lines"]);
    // The export and the search records say the same.
    let daily = site.exported("daily-serum");
    let names: Vec<&str> = daily["terms"]["concerns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Dehydration (tight skin)", "Fine lines", "Dullness"]
    );
}

#[test]
fn a_free_list_value_starts_with_a_capital_like_a_term() {
    let site = TestSite::fixture("basic");
    site.built();
    let product = site.page("/products/daily-serum/");
    let at = product
        .texts(".specs dt")
        .iter()
        .position(|t| t == "Skin types");
    assert_eq!(product.texts(".specs dd")[at.unwrap()], "Dry, Normal");
    // The filters label the values from the category's data file.
    let data = site.json("data/serum.json");
    assert_eq!(data["labels"]["skin_types"]["dry"], "Dry");
    assert_eq!(data["labels"]["skin_types"]["normal"], "Normal");
}

const GUIDE: &str = "---\ntitle: Names\n---\n\n\
[[category:serum]] first. Pick one as a [[category:serum]]. \
Then [[concern:dullness]] fades; [[brand:lumen-lab]] makes one. \
Or use a [[category:serum|Serum of your choice]].\n";

fn links_of(site: &TestSite) -> Vec<String> {
    let page = site.page("/guides/names/");
    texts_in(page.one(".prose"), "a")
}

#[test]
fn a_link_inside_a_sentence_writes_a_common_noun_in_small_letters() {
    let site = TestSite::fixture("basic");
    site.write("content/guides/names.md", GUIDE);
    site.built();
    assert_eq!(
        links_of(&site),
        [
            // A sentence starts with it: the capital stays.
            "Serum",
            "serum",
            "dullness",
            // A brand is a proper name (its taxonomy is `single`).
            "Lumen Lab",
            // The author's own text is kept.
            "Serum of your choice"
        ]
    );
}

#[test]
fn a_language_that_capitalises_nouns_keeps_the_capitals() {
    let site = TestSite::fixture("basic");
    site.in_german();
    site.write("content/guides/names.md", GUIDE);
    site.built();
    assert_eq!(
        links_of(&site),
        [
            "Serum",
            "Serum",
            "Dullness",
            "Lumen Lab",
            "Serum of your choice"
        ]
    );
}
