//! Similar products: listed only on enough evidence, weighed as the site
//! declares (`similar:`), each with the reasons it was counted for.

use crate::common::{TestSite, text, texts_in};

/// The basic fixture and four products: Retinal Serum and Retinal Ampoule
/// share two actives and a concern; Plain Serum shares only the category
/// with Retinal Serum; Oily Ampoule shares a concern and a skin type with
/// it. `similar` is written into site.yaml when given.
fn site(similar: Option<&str>) -> TestSite {
    let site = TestSite::fixture("basic");
    let product = |slug: &str, name: &str, category: &str, rest: &str| {
        site.write(
            &format!("content/products/{slug}.yaml"),
            &format!(
                "name: {name}\nbrand: Test Lab\ncategory: {category}\n{rest}usage:\n  frequency: daily\n  time: [pm]\n  step: treat\n"
            ),
        );
    };
    product(
        "retinal-serum",
        "Retinal Serum",
        "serum",
        "actives: [Retinal, Bakuchiol]\nconcerns: [fine-lines]\nspecs:\n  skin_types: [oily]\n",
    );
    product(
        "retinal-ampoule",
        "Retinal Ampoule",
        "ampoule",
        "actives: [Retinal, Bakuchiol]\nconcerns: [fine-lines]\n",
    );
    product("plain-serum", "Plain Serum", "serum", "");
    product(
        "oily-ampoule",
        "Oily Ampoule",
        "ampoule",
        "concerns: [fine-lines]\nspecs:\n  skin_types: [oily]\n",
    );
    if let Some(similar) = similar {
        let config = site.read("site.yaml");
        site.write("site.yaml", &format!("{config}similar:\n{similar}"));
    }
    site
}

/// The similar products listed on `product`'s page, each with its reasons.
fn listed(site: &TestSite, product: &str) -> Vec<(String, Vec<String>)> {
    let page = site.page(&format!("/products/{product}/"));
    page.select("section.similar .product-list > li")
        .into_iter()
        .map(|li| {
            let name = li
                .select(&scraper::Selector::parse(":scope > a:not(.thumb)").unwrap())
                .next()
                .map(text)
                .unwrap_or_default();
            (name, texts_in(li, ".reasons li"))
        })
        .collect()
}

#[test]
fn a_shared_category_alone_or_one_broad_term_lists_nothing() {
    let site = site(None);
    site.built();
    // Two shared actives and a concern: enough, and said.
    assert_eq!(
        listed(&site, "retinal-serum"),
        [(
            "Retinal Ampoule".to_string(),
            vec![
                "Active: Retinal".to_string(),
                "Active: Bakuchiol".to_string()
            ]
        )]
    );
    // Plain Serum shares only its category with two serums: no list, and
    // no section saying "Similar products" over nothing.
    assert!(listed(&site, "plain-serum").is_empty());
    let page = site.page("/products/plain-serum/");
    assert!(page.select("section.similar").is_empty());
    assert!(!text(page.one("main")).contains("Similar products"));
}

#[test]
fn declared_weights_decide_what_counts_and_the_reasons_say_what_was_shared() {
    let site = site(Some(
        "  weights: {concerns: 3, skin_types: 1}\n  min_score: 2\n",
    ));
    site.built();
    // Actives no longer count: the ampoule is listed for the concern, and
    // the oily one for the concern and the skin type, which it shares more
    // of.
    assert_eq!(
        listed(&site, "retinal-serum"),
        [
            (
                "Oily Ampoule".to_string(),
                vec![
                    "Concern: Fine lines".to_string(),
                    "Skin types: oily".to_string()
                ]
            ),
            (
                "Retinal Ampoule".to_string(),
                vec!["Concern: Fine lines".to_string()]
            ),
        ]
    );
    assert!(listed(&site, "plain-serum").is_empty());

    // A higher bar and a shorter list.
    let site = self::site(Some(
        "  weights: {concerns: 3, skin_types: 1}\n  min_score: 3\n  max: 1\n",
    ));
    site.built();
    let names: Vec<String> = listed(&site, "retinal-serum")
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names, ["Oily Ampoule"]);
}

#[test]
fn a_weight_of_what_products_cannot_share_is_an_error_at_its_line() {
    let site = site(Some(
        "  weights:\n    concern: 3\n    volume: 1\n    category: -1\n  min_scor: 2\n",
    ));
    let errors = site.errors();
    let line = |needle: &str| {
        site.read("site.yaml")
            .lines()
            .position(|l| l.contains(needle))
            .unwrap()
            + 1
    };
    for expected in [
        format!(
            "site.yaml:{}:5: error: `concern` is not a field products can share",
            line("concern: 3")
        ),
        "did you mean `concerns`?".to_string(),
        format!(
            "site.yaml:{}:5: error: spec `volume` is a number: two products do not share a value of it",
            line("volume: 1")
        ),
        format!(
            "site.yaml:{}:15: error: the weight of `category` cannot be below 0",
            line("category: -1")
        ),
        format!(
            "site.yaml:{}:3: error: unknown field `min_scor`",
            line("min_scor")
        ),
    ] {
        assert!(errors.contains(&expected), "no `{expected}` in:\n{errors}");
    }
}
