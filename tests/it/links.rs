//! The knowledge graph: wiki links, backlinks, taxonomies, embedded
//! comparisons and usage cards, category-versus-category pages.

use crate::common::{TestSite, text, texts_in};
use scraper::Selector;

fn links_in(page: &crate::common::Page, css: &str) -> Vec<(String, String)> {
    page.select(css)
        .into_iter()
        .map(|a| (text(a), a.value().attr("href").unwrap_or("").to_string()))
        .collect()
}

#[test]
fn wiki_links_point_at_their_target_and_show_its_name() {
    let site = TestSite::fixture("basic");
    site.built();
    let page = site.page("/guides/routine/");
    let links = links_in(&page, ".prose p a");
    assert_eq!(
        links,
        [
            // Inside a sentence: "the place of a serum".
            ("serum".to_string(), "/categories/serum/".to_string()),
            (
                "Lastlight Ampoule".to_string(),
                "/products/meso-ampoule/".to_string()
            ),
            (
                "the daily one".to_string(),
                "/products/daily-serum/".to_string()
            ),
        ]
    );
    // `@/` source links resolve too, keeping their fragment.
    let basics = site.page("/guides/basics/");
    assert_eq!(
        links_in(&basics, ".prose a"),
        [(
            "the routine guide".to_string(),
            "/guides/routine/#where-it-goes".to_string()
        )]
    );
    // Links in category descriptions work the same way.
    let ampoule = site.page("/categories/ampoule/");
    assert_eq!(
        links_in(&ampoule, ".prose a"),
        [("serum".to_string(), "/categories/serum/".to_string())]
    );
}

#[test]
fn wiki_syntax_inside_code_is_left_alone() {
    let site = TestSite::fixture("basic");
    site.built();
    let page = site.page("/guides/routine/");
    assert_eq!(page.texts(".prose p code"), ["[[not-a-link]]"]);
    assert_eq!(page.texts(".prose pre code"), ["[[also-not-a-link]]"]);
}

#[test]
fn broken_links_are_errors_with_line_and_suggestion() {
    let site = TestSite::fixture("basic");
    let guide = site
        .read("content/guides/routine.md")
        .replace("[[meso-ampoule]]", "[[meso-ampule]]");
    site.write("content/guides/routine.md", &guide);
    let errors = site.errors();
    assert!(
        errors.contains(
            "content/guides/routine.md:12:68: error: broken link: nothing is called `meso-ampule`"
        ),
        "{errors}"
    );
    assert!(errors.contains("did you mean `meso-ampoule`?"), "{errors}");
    // `vial check` finds it too.
    assert!(vial_build::check(&site.options()).is_err());
}

#[test]
fn links_in_yaml_markdown_report_the_yaml_line() {
    let site = TestSite::fixture("basic");
    let product = site.read("content/products/daily-serum.yaml").replace(
        "A light serum for every day.",
        "A light serum, see [[guide:nope]].",
    );
    site.write("content/products/daily-serum.yaml", &product);
    let errors = site.errors();
    assert!(
        errors.contains("content/products/daily-serum.yaml:6:22: error: no guide `nope`"),
        "{errors}"
    );
}

#[test]
fn a_slug_of_two_kinds_must_name_its_kind() {
    let site = TestSite::fixture("basic");
    // A guide named like a category.
    site.write(
        "content/guides/serum.md",
        "---\ntitle: All about serums\n---\nSee [[serum]].\n",
    );
    let errors = site.errors();
    assert!(
        errors.contains("content/guides/serum.md:4:5: error: ambiguous link `serum`"),
        "{errors}"
    );
    assert!(
        errors.contains("`[[category:serum]]` or `[[guide:serum]]`"),
        "{errors}"
    );
    site.write(
        "content/guides/serum.md",
        "---\ntitle: All about serums\n---\nSee [[category:serum]].\n",
    );
    site.built();
}

#[test]
fn backlinks_list_linking_pages_with_the_sentence_around_the_link() {
    let site = TestSite::fixture("basic");
    site.built();
    let page = site.page("/products/meso-ampoule/");
    let section = page.one("section.backlinks");
    assert_eq!(
        links_in(&page, "section.backlinks li > a"),
        [(
            "Fitting an ampoule in".to_string(),
            "/guides/routine/".to_string()
        )]
    );
    assert_eq!(
        texts_in(section, "blockquote"),
        ["The odd one is Lastlight Ampoule, which goes on last."]
    );
    // Front matter `products:` counts as a mention, with the guide summary.
    let boost = site.page("/products/boost-ampoule/");
    assert_eq!(
        boost.texts("section.backlinks blockquote"),
        ["Where it goes and how often."]
    );
    // Categories and guides get backlinks too.
    assert_eq!(
        links_in(&site.page("/categories/serum/"), "section.backlinks li > a"),
        [
            ("Ampoule".to_string(), "/categories/ampoule/".to_string()),
            (
                "Fitting an ampoule in".to_string(),
                "/guides/routine/".to_string()
            )
        ]
    );
    assert_eq!(
        links_in(&site.page("/guides/routine/"), "section.backlinks li > a"),
        [("Serum basics".to_string(), "/guides/basics/".to_string())]
    );
}

#[test]
fn a_text_keeps_one_sentence_per_page_it_links_to_however_many_links() {
    use std::sync::Arc;
    use vial_site::link::Target;

    let site = TestSite::fixture("basic");
    let mut body =
        String::from("---\ntitle: Many links\nsummary: Links galore.\ndate: 2026-03-03\n---\n\n");
    // 100,000 links to two products and to the guide itself.
    for i in 0..25_000 {
        body.push_str(&format!(
            "Note {i} pairs [[meso-ampoule]] with [[daily-serum]]. \
             Then [[meso-ampoule]] again, and [[guide:many-links]] too.\n\n"
        ));
    }
    site.write("content/guides/many-links.md", &body);
    let compiled = vial_build::compile(&site.options()).unwrap_or_else(|e| panic!("{e}"));
    let links = &compiled.links;

    let guide = Target::Guide("many-links".into());
    let scan = links.scans.scan_of(&guide, 0).expect("the guide's scan");
    let kept: Vec<(&str, &str)> = scan
        .mentions()
        .iter()
        .map(|m| (m.to.slug(), &*m.snippet))
        .collect();
    // The first link to each other page, with its sentence; nothing for the
    // 99,998 other links.
    let first = "Note 0 pairs Lastlight Ampoule with Daily Serum.";
    assert_eq!(kept, [("meso-ampoule", first), ("daily-serum", first)]);

    // The backlinks show that very sentence, not a copy of it.
    for mention in scan.mentions() {
        let shown = links
            .backlinks_of(&mention.to)
            .iter()
            .find(|m| m.from == guide)
            .expect("a backlink from the guide");
        assert!(Arc::ptr_eq(&shown.snippet, &mention.snippet));
    }
    assert!(links.backlinks_of(&guide).iter().all(|m| m.from != guide));
}

#[test]
fn snippets_are_escaped() {
    let site = TestSite::fixture("basic");
    let guide = site.read("content/guides/basics.md").replace(
        "A serum is the treatment step.",
        "A <b>bold</b> claim about [[daily-serum]].",
    );
    site.write("content/guides/basics.md", &guide);
    site.built();
    let page = site.page("/products/daily-serum/");
    let quotes = page.texts("section.backlinks blockquote");
    assert!(
        quotes.contains(&"A bold claim about Daily Serum.".to_string()),
        "{quotes:?}"
    );
    assert!(page.select("section.backlinks blockquote b").is_empty());
}

#[test]
fn product_page_lists_similar_products_with_what_they_share() {
    let site = TestSite::fixture("basic");
    site.built();
    let page = site.page("/products/meso-ampoule/");
    // Boost Ampoule shares the category and the strength, which only the
    // two have: enough. Daily Serum shares one active at another strength,
    // and a concern every product has: not enough.
    assert_eq!(
        page.texts(".similar .product-list > li > a"),
        ["Boost Ampoule"]
    );
    let reasons: Vec<Vec<String>> = page
        .select(".similar .product-list > li")
        .into_iter()
        .map(|li| texts_in(li, ".reasons li"))
        .collect();
    assert_eq!(reasons, [vec!["Category: Ampoule", "Strength: High"]]);
    // What is listed as similar is not listed again below.
    assert!(page.select(".same-category").is_empty());
}

#[test]
fn taxonomy_pages_list_their_products_and_merge_spellings() {
    let site = TestSite::fixture("basic");
    site.built();
    // `hyaluronic  acid` and `Hyaluronic acid` are one active; sorted by strength.
    let active = site.page("/actives/hyaluronic-acid/");
    assert_eq!(active.texts("h1"), ["Hyaluronic acid"]);
    assert_eq!(
        active.texts(".product-list > li > a"),
        ["Lastlight Ampoule", "Daily Serum"]
    );
    assert_eq!(active.texts(".product-list .strength"), ["2%", "1%"]);
    // `Dullness` and `dullness` merge; the concern page also lists guides about it.
    let concern = site.page("/concerns/dullness/");
    assert_eq!(
        concern.texts(".product-list > li > a"),
        ["Boost Ampoule", "Daily Serum", "Lastlight Ampoule"]
    );
    assert_eq!(
        concern.texts(".guide-list > li > a"),
        ["Fitting an ampoule in"]
    );
    let brand = site.page("/brands/lumen-lab/");
    assert_eq!(
        brand.texts(".product-list > li > a"),
        ["Boost Ampoule", "Daily Serum"]
    );
    // Index pages list every term with its product count.
    let actives = site.page("/actives/");
    assert_eq!(
        actives.texts(".term-cards h2 a"),
        ["Hyaluronic acid", "Niacinamide", "Vitamin C"]
    );
    assert_eq!(
        actives.texts(".term-cards .meta"),
        ["2 products", "1 product", "1 product"]
    );
    assert_eq!(
        site.page("/brands/").texts(".term-cards h2 a"),
        ["Lumen Lab", "Vale & Vial"]
    );
}

#[test]
fn term_description_files_add_to_their_page_and_unused_ones_warn() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/actives/niacinamide.yaml",
        "name: Niacinamide (vitamin B3)\nwhat_it_does: Evens out tone.\ndescription: |\n  Found in [[daily-serum]].\n",
    );
    site.write(
        "content/actives/retinol.yaml",
        "what_it_does: Not used here.\n",
    );
    let report = site.build().unwrap_or_else(|e| panic!("{e}"));
    let page = site.page("/actives/niacinamide/");
    assert_eq!(page.texts("h1"), ["Niacinamide (vitamin B3)"]);
    assert_eq!(page.texts(".lead"), ["Evens out tone."]);
    assert_eq!(page.texts(".prose a"), ["Daily Serum"]);
    let warnings = report.warnings.to_string();
    assert!(
        warnings.contains(
            "content/actives/retinol.yaml: warning: no product or guide uses the active `retinol`"
        ),
        "{warnings}"
    );
}

#[test]
fn compare_blocks_render_tables_and_mark_differences() {
    let site = TestSite::fixture("basic");
    site.built();
    let page = site.page("/guides/routine/");
    let tables = page.select(".prose table.comparison");
    assert_eq!(tables.len(), 2);
    let products = tables[0];
    assert_eq!(
        texts_in(products, "thead th[scope=col] a"),
        ["Lastlight Ampoule", "Boost Ampoule"]
    );
    assert_eq!(
        texts_in(products, "tbody th[scope=row]"),
        ["Strength", "Volume", "How often", "Routine step"]
    );
    let row = |label: &str| {
        products
            .select(&Selector::parse("tbody tr").unwrap())
            .find(|tr| texts_in(*tr, "th")[0] == label)
            .unwrap()
    };
    assert!(texts_in(row("Strength"), "td.differs").is_empty());
    assert_eq!(
        texts_in(row("How often"), "td.differs"),
        ["Once a week", "A course of 3–5 days"]
    );
    assert_eq!(
        texts_in(row("Routine step"), "td"),
        ["Treat, moved to the end", "Treat"]
    );
    // The category block lays the traits side by side, then computed usage.
    let categories = tables[1];
    assert_eq!(
        texts_in(categories, "thead th[scope=col] a"),
        ["Serum", "Ampoule"]
    );
    let rows = texts_in(categories, "tbody th[scope=row]");
    assert_eq!(
        rows,
        [
            "Strength",
            "Packaging",
            "Products on this site",
            "Most common schedule",
            "Used: Morning",
            "Used: Evening",
            "Usual routine step"
        ]
    );
}

#[test]
fn usage_blocks_embed_the_card() {
    let site = TestSite::fixture("basic");
    site.built();
    let page = site.page("/guides/routine/");
    let card = page.one(".prose .usage-card");
    assert_eq!(texts_in(card, ".usage-title a"), ["Lastlight Ampoule"]);
    assert_eq!(texts_in(card, ".usage-frequency dd"), ["Once a week"]);
}

#[test]
fn compare_block_errors_point_into_the_block() {
    let site = TestSite::fixture("basic");
    let guide = site
        .read("content/guides/routine.md")
        .replace(
            "products: [meso-ampoule, boost-ampoule]",
            "products: [meso-ampoule, bost-ampoule]",
        )
        .replace(
            "fields: [strength, volume, frequency, step]",
            "fields: [strenght]",
        );
    site.write("content/guides/routine.md", &guide);
    let errors = site.errors();
    assert!(
        errors.contains("content/guides/routine.md:25:26: error: no product `bost-ampoule`"),
        "{errors}"
    );
    assert!(errors.contains("did you mean `boost-ampoule`?"), "{errors}");
    let guide = site
        .read("content/guides/routine.md")
        .replace("bost-ampoule", "boost-ampoule");
    site.write("content/guides/routine.md", &guide);
    let errors = site.errors();
    assert!(
        errors.contains(
            "content/guides/routine.md:26:10: error: unknown comparison field `strenght`"
        ),
        "{errors}"
    );
    assert!(errors.contains("did you mean `strength`?"), "{errors}");
}

#[test]
fn category_pair_pages_compare_traits_and_typical_use() {
    let site = TestSite::fixture("basic");
    site.built();
    let page = site.page("/compare/serum-vs-ampoule/");
    assert_eq!(page.texts("h1"), ["Serum vs Ampoule"]);
    let table = page.one("table.comparison");
    let row = |label: &str| {
        table
            .select(&Selector::parse("tbody tr").unwrap())
            .find(|tr| texts_in(*tr, "th")[0] == label)
            .map(|tr| texts_in(tr, "td"))
            .unwrap()
    };
    assert_eq!(
        row("Packaging"),
        ["Bottle with a dropper", "Single-dose vials"]
    );
    assert_eq!(row("Products on this site"), ["1", "2"]);
    // Two ampoules on two schedules: nothing is "most common".
    assert_eq!(
        row("Most common schedule"),
        ["Twice daily", "Varies (2 different)"]
    );
    assert_eq!(row("Used: Morning"), ["100% (1 of 1)", "50% (1 of 2)"]);
    assert_eq!(row("Used: Evening"), ["100% (1 of 1)", "50% (1 of 2)"]);
    // A third ampoule on the schedule of one of them: shared by two of
    // three, and said so.
    let meso = site.read("content/products/meso-ampoule.yaml");
    site.write("content/products/third-ampoule.yaml", &meso);
    site.built();
    let page = site.page("/compare/serum-vs-ampoule/");
    let table = page.one("table.comparison");
    let schedules = table
        .select(&Selector::parse("tbody tr").unwrap())
        .find(|tr| texts_in(*tr, "th")[0] == "Most common schedule")
        .map(|tr| texts_in(tr, "td"))
        .unwrap();
    assert_eq!(schedules, ["Twice daily", "Once a week (2 of 3)"]);
    // Linked from both categories.
    let serum = site.page("/categories/serum/");
    assert_eq!(
        links_in(&serum, ".compare-links a"),
        [(
            "Serum vs Ampoule".to_string(),
            "/compare/serum-vs-ampoule/".to_string()
        )]
    );
}

#[test]
fn tables_with_a_row_per_product_are_sortable_by_declared_order_with_blanks_marked() {
    let site = TestSite::fixture("basic");
    let config = site
        .read("site.yaml")
        .replace("usage:", "comparison:\n  side_by_side_max: 1\nusage:");
    site.write("site.yaml", &config);
    site.built();
    let page = site.page("/categories/serum/");
    // One serum: a table of one row is not worth sorting.
    assert!(
        page.one("table.comparison")
            .value()
            .attr("data-sortable")
            .is_none()
    );
    let page = site.page("/categories/ampoule/");
    let table = page.one("table.comparison");
    assert!(table.value().attr("data-sortable").is_some());
    // Every header is a real scoped header, with data in plain cells; the
    // script adds the buttons, so the page holds none.
    assert!(!texts_in(table, "thead th[scope=col]").is_empty());
    assert!(
        table
            .select(&Selector::parse("button").unwrap())
            .next()
            .is_none()
    );
    // An enum sorts by its place in the declaration, numbers as numbers,
    // yes before no; a cell with no value is marked blank and has no key.
    let keys = |label: &str| -> Vec<Option<String>> {
        let columns = texts_in(table, "thead th");
        let at = columns.iter().position(|c| c == label).unwrap();
        table
            .select(&Selector::parse("tbody tr").unwrap())
            .map(|tr| {
                let cell = tr.child_elements().nth(at).unwrap();
                cell.value().attr("data-sort").map(str::to_string)
            })
            .collect()
    };
    assert_eq!(keys("Strength"), [Some("2.0".into()), Some("2.0".into())]);
    assert_eq!(keys("Volume"), [Some("2.0".into()), Some("2.0".into())]);
    let site = TestSite::fixture("basic");
    site.write("site.yaml", &config);
    let boost = site
        .read("content/products/boost-ampoule.yaml")
        .replace("  strength: high\n", "  strength: low\n")
        .replace("  volume: 2\n", "");
    site.write("content/products/boost-ampoule.yaml", &boost);
    site.built();
    let page = site.page("/categories/ampoule/");
    let table = page.one("table.comparison");
    let cells = |css: &str| -> Vec<(String, Option<String>)> {
        table
            .select(&Selector::parse(css).unwrap())
            .map(|td| (text(td), td.value().attr("data-sort").map(str::to_string)))
            .collect()
    };
    // Boost Ampoule, then Lastlight Ampoule.
    assert_eq!(
        cells("tbody td[data-label=Strength]"),
        [
            ("Low".into(), Some("0.0".into())),
            ("High".into(), Some("2.0".into()))
        ]
    );
    assert_eq!(
        cells("tbody td.blank"),
        [("—not given".into(), None)],
        "a blank shows a dash and says so to a screen reader"
    );
    // The script is published under a name that carries its content hash.
    let scripts: Vec<&str> = page
        .select("script[src]")
        .into_iter()
        .filter_map(|s| s.value().attr("src"))
        .collect();
    let name = scripts
        .iter()
        .filter_map(|s| s.strip_prefix('/'))
        .find(|n| n.starts_with("vial."))
        .unwrap_or_else(|| panic!("no vial.js in {scripts:?}"));
    assert!(
        name.ends_with(".js") && name.len() == "vial.12345678.js".len(),
        "{name}"
    );
    let js = std::fs::read_to_string(site.output().join(name)).unwrap();
    assert!(js.contains("table[data-sortable]"));
}
