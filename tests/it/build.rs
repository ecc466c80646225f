//! Building whole sites: pages, usage cards, comparison tables, overrides,
//! escaping, determinism, drafts and `init`.

use crate::common::{TestSite, text, texts_in};

#[test]
fn usage_card_shows_how_often_when_where_and_cautions() {
    let site = TestSite::fixture("basic");
    site.built();
    let page = site.page("/products/meso-ampoule/");
    let card = page.one(".product-side .usage-card");
    assert_eq!(texts_in(card, ".usage-frequency dd"), ["Once a week"]);
    assert_eq!(texts_in(card, ".usage-time dd"), ["Evening"]);
    // The routine strip lists the declared steps in order, and a `last`
    // override moves the product after all of them: the step line names the
    // product's own step and the move as a refinement of it (never "after
    // Protect" alone, as if it were a protect step), and no step shows
    // twice.
    assert_eq!(
        texts_in(card, ".usage-step dd"),
        ["Treat, moved to the end"]
    );
    assert_eq!(
        texts_in(card, ".routine li"),
        [
            "Cleanse",
            "Treat",
            "Moisturize",
            "Protect",
            "Lastlight Ampoule"
        ]
    );
    assert_eq!(texts_in(card, ".routine li.here"), ["Lastlight Ampoule"]);
    // On the product's own page the card's title does not link to it.
    assert!(texts_in(card, ".usage-title a").is_empty());
    assert_eq!(
        texts_in(card, ".usage-position"),
        ["Comes last, after every other step."]
    );
    assert_eq!(texts_in(card, ".usage-instructions strong"), ["last"]);
    assert_eq!(
        texts_in(card, ".usage-reminders li"),
        ["One strong active a night."]
    );
    assert_eq!(
        texts_in(card, ".usage-cautions li"),
        ["Stop if your skin stings.", "Space sessions out."]
    );
}

#[test]
fn morning_use_gets_the_morning_reminder_and_the_step_is_marked() {
    let site = TestSite::fixture("basic");
    site.built();
    let page = site.page("/products/daily-serum/");
    let card = page.one(".usage-card");
    assert_eq!(texts_in(card, ".usage-frequency dd"), ["Twice daily"]);
    assert_eq!(texts_in(card, ".usage-time dd"), ["Morning and Evening"]);
    assert_eq!(texts_in(card, ".routine li.here"), ["Treat"]);
    assert_eq!(
        texts_in(card, ".usage-reminders li"),
        ["Finish with sunscreen.", "One strong active a night."]
    );
}

#[test]
fn product_page_shows_brand_category_actives_concerns_and_specs() {
    let site = TestSite::fixture("basic");
    site.built();
    let page = site.page("/products/daily-serum/");
    assert_eq!(page.texts("h1"), ["Daily Serum"]);
    assert_eq!(
        page.one(".byline a").value().attr("href"),
        Some("/brands/lumen-lab/")
    );
    assert_eq!(
        page.one(".breadcrumb a").value().attr("href"),
        Some("/categories/serum/")
    );
    assert_eq!(
        page.texts(".terms-actives li"),
        ["Hyaluronic acid 1%", "Niacinamide 5%"]
    );
    assert_eq!(
        page.texts(".terms-concerns li"),
        ["Dehydration", "Dullness"]
    );
    assert_eq!(
        page.texts(".specs dt"),
        [
            "Strength",
            "Volume",
            "Preservative-free",
            "Packaging",
            "Skin types"
        ]
    );
    assert_eq!(
        page.texts(".specs dd"),
        ["Medium", "30 ml", "No", "Dropper bottle", "Dry, Normal"]
    );
}

#[test]
fn small_category_compares_products_side_by_side() {
    let site = TestSite::fixture("basic");
    site.built();
    let page = site.page("/categories/ampoule/");
    let table = page.one("table.comparison");
    assert!(
        table
            .value()
            .classes()
            .any(|c| c == "comparison-side-by-side")
    );
    // A column per product, with scoped headers.
    assert_eq!(
        texts_in(table, "thead th[scope=col] a"),
        ["Boost Ampoule", "Lastlight Ampoule"]
    );
    let rows: Vec<String> = texts_in(table, "tbody th[scope=row]");
    assert_eq!(
        rows,
        [
            "Strength",
            "Volume",
            "Preservative-free",
            "Packaging",
            "How often",
            "When",
            "Routine step"
        ]
    );
    // Skin types: neither ampoule has them, so the row says nothing and goes.
    let frequency_row = table
        .select(&scraper::Selector::parse("tbody tr").unwrap())
        .find(|tr| texts_in(*tr, "th").first().map(String::as_str) == Some("How often"))
        .unwrap();
    assert_eq!(
        texts_in(frequency_row, "td"),
        ["A course of 3–5 days", "Once a week"]
    );
    assert_eq!(texts_in(frequency_row, "td.differs").len(), 2);
    let volume_row = table
        .select(&scraper::Selector::parse("tbody tr").unwrap())
        .find(|tr| texts_in(*tr, "th").first().map(String::as_str) == Some("Volume"))
        .unwrap();
    // Each figure carries its unit; the header names none.
    assert_eq!(texts_in(volume_row, "td"), ["2 ml", "2 ml"]);
    assert!(
        texts_in(volume_row, "td.differs").is_empty(),
        "equal values are not marked"
    );
}

/// A spec written in another declared unit (`1 l` beside `2` ml) shows in
/// the unit it was written in, in every table and on the product page; no
/// header names a unit the cells contradict ("Volume (ml)" over "1 l").
#[test]
fn every_figure_shows_its_own_unit_and_no_header_contradicts_it() {
    let site = TestSite::fixture("basic");
    let config = site
        .read("site.yaml")
        .replace("    unit: ml\n", "    unit: ml\n    units: {l: 1000}\n");
    site.write("site.yaml", &config);
    let boost = site
        .read("content/products/boost-ampoule.yaml")
        .replace("volume: 2\n", "volume: 1.5 l\n");
    site.write("content/products/boost-ampoule.yaml", &boost);
    site.built();
    let page = site.page("/categories/ampoule/");
    let table = page.one("table.comparison");
    let volume_row = table
        .select(&scraper::Selector::parse("tbody tr").unwrap())
        .find(|tr| texts_in(*tr, "th").first().map(String::as_str) == Some("Volume"))
        .expect("a Volume row headed without a unit");
    assert_eq!(texts_in(volume_row, "td"), ["1.5 l", "2 ml"]);
    for header in page.texts("table th") {
        assert!(!header.contains("(ml)"), "a unit in the header `{header}`");
    }
    let boost = site.page("/products/boost-ampoule/");
    let at = boost.texts(".specs dt").iter().position(|t| t == "Volume");
    assert_eq!(boost.texts(".specs dd")[at.unwrap()], "1.5 l");
    // The compare picker's data and the export carry the same words, and
    // the number in the declared unit to sort and compute with.
    let volume = &site.exported("boost-ampoule")["specs"]["volume"];
    assert_eq!(volume["shown"], "1.5 l");
    assert_eq!(volume["value"], 1500.0);
    assert_eq!(volume["unit"], "ml");
}

fn product_yaml(name: &str, volume: usize) -> String {
    format!(
        "name: {name}\nbrand: Bulk Co\ncategory: serum\nspecs:\n  volume: {volume}\nusage:\n  frequency: daily\n  time: [am]\n  step: treat\n"
    )
}

#[test]
fn large_category_gets_a_row_per_product_and_pages() {
    let site = TestSite::fixture("basic");
    let config = site.read("site.yaml").replace(
        "usage:",
        "comparison:\n  side_by_side_max: 3\n  page_size: 4\nusage:",
    );
    site.write("site.yaml", &config);
    for i in 0..9 {
        site.write(
            &format!("content/products/bulk-{i}.yaml"),
            &product_yaml(&format!("Bulk {i}"), 10 + i),
        );
    }
    site.built();
    // 10 serums, 4 rows a page: 3 pages.
    let first = site.page("/categories/serum/");
    let table = first.one("table.comparison");
    assert!(table.value().classes().any(|c| c == "comparison-rows"));
    assert_eq!(
        texts_in(table, "tbody th[scope=row] a"),
        ["Bulk 0", "Bulk 1", "Bulk 2", "Bulk 3"]
    );
    assert_eq!(
        texts_in(table, "thead th[scope=col]")
            .first()
            .map(String::as_str),
        Some("Product")
    );
    assert_eq!(first.texts(".pagination a[rel=next]"), ["Next →"]);
    let last = site.page("/categories/serum/page/3/");
    assert_eq!(
        texts_in(last.one("table.comparison"), "tbody th[scope=row] a"),
        ["Bulk 8", "Daily Serum"]
    );
    assert!(last.select(".pagination a[rel=next]").is_empty());
    assert!(!site.exists("/categories/serum/page/4/"));
}

#[test]
fn list_pages_home_and_404_exist() {
    let site = TestSite::fixture("basic");
    site.built();
    let products = site.page("/products/");
    assert_eq!(
        products.texts(".product-list > li > a"),
        ["Boost Ampoule", "Daily Serum", "Lastlight Ampoule"]
    );
    assert_eq!(
        site.page("/guides/").texts(".guide-list > li > a"),
        ["Fitting an ampoule in", "Serum basics"]
    );
    assert_eq!(
        site.page("/categories/").texts(".card h2 a"),
        ["Ampoule", "Serum"]
    );
    let home = site.page("/");
    assert_eq!(home.texts(".hero .meta"), ["3 products in 2 categories."]);
    assert_eq!(site.page("/404.html").texts("h1"), ["Page not found"]);
    assert!(site.exists("/style.css"));
    assert!(site.exists("/vial.js"));
}

#[test]
fn drafts_are_built_only_when_asked() {
    let site = TestSite::fixture("basic");
    site.built();
    assert!(!site.exists("/guides/draft-notes/"));
    let mut options = site.options();
    options.drafts = true;
    vial_build::build(&options).unwrap();
    assert!(site.exists("/guides/draft-notes/"));
}

#[test]
fn site_templates_override_the_theme_file_by_file() {
    let site = TestSite::fixture("basic");
    site.write(
        "templates/product.html",
        "{% extends \"base.html\" %}{% block content %}<h1 class=\"custom\">{{ product.name }} by {{ product.byline.title }}</h1>{% endblock content %}",
    );
    site.write("static/extra.txt", "hello");
    site.built();
    let page = site.page("/products/daily-serum/");
    assert_eq!(page.texts("h1.custom"), ["Daily Serum by Lumen Lab"]);
    // The theme's base template is still used around it.
    assert_eq!(page.texts(".site-title"), ["Test Notes"]);
    // Other templates are untouched.
    assert_eq!(
        site.page("/categories/serum/").select(".usage-card").len(),
        0
    );
    assert!(
        !site
            .page("/guides/routine/")
            .select(".usage-card")
            .is_empty()
    );
    assert_eq!(
        std::fs::read_to_string(site.output().join("extra.txt")).unwrap(),
        "hello"
    );
}

#[test]
fn text_from_yaml_is_escaped() {
    let site = TestSite::fixture("basic");
    let evil = site
        .read("content/products/daily-serum.yaml")
        .replace("name: Daily Serum", "name: \"<script>alert(1)</script>\"")
        .replace("brand: Lumen Lab", "brand: \"<b>Bold</b> & Co\"");
    site.write("content/products/daily-serum.yaml", &evil);
    site.built();
    let page = site.page("/products/daily-serum/");
    assert_eq!(page.texts("h1"), ["<script>alert(1)</script>"]);
    assert!(page.select("main script").is_empty());
    assert_eq!(page.texts(".byline a"), ["<b>Bold</b> & Co"]);
    assert!(page.select(".byline b").is_empty());
    let raw =
        std::fs::read_to_string(site.output().join("products/daily-serum/index.html")).unwrap();
    assert!(raw.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = TestSite::fixture("basic");
    site.built();
    let first = site.snapshot_output();
    site.built();
    let second = site.snapshot_output();
    assert!(first.len() > 20);
    assert_eq!(first, second);
}

#[test]
fn init_creates_a_neutral_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("new-site");
    let made = init(&[root.to_str().unwrap()]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let report = vial_build::build(&vial_build::BuildOptions::new(&root))
        .unwrap_or_else(|e| panic!("{}", e.problems));
    assert!(report.pages_written > 5);
    let html = std::fs::read_to_string(root.join("public/products/first-tool/index.html")).unwrap();
    let page = scraper::Html::parse_document(&html);
    let card = page
        .select(&scraper::Selector::parse(".usage-card").unwrap())
        .next()
        .unwrap();
    assert!(text(card).contains("Once a week"));
    // No domain but the user's: nothing of the skincare example.
    for entry in walkdir::WalkDir::new(&root).into_iter().flatten() {
        if entry.file_type().is_file()
            && entry
                .path()
                .extension()
                .is_some_and(|e| e != "css" && e != "js")
        {
            let text = std::fs::read_to_string(entry.path())
                .unwrap_or_default()
                .to_lowercase();
            for word in [
                "skin",
                "serum",
                "ampoule",
                "sunscreen",
                "moisturi",
                "cleanse",
            ] {
                assert!(
                    !text.contains(word),
                    "`{word}` in {}",
                    entry.path().display()
                );
            }
        }
    }
    // Running it again refuses to overwrite.
    assert_eq!(init(&[root.to_str().unwrap()]).status.code(), Some(1));
}

/// Runs `vial init` with `args`.
fn init(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_vial"))
        .arg("init")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn init_copies_every_example_and_each_builds() {
    for name in ["skincare", "houseplants"] {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(name);
        let made = init(&["--example", name, root.to_str().unwrap()]);
        assert!(
            made.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&made.stderr)
        );
        let files = walkdir::WalkDir::new(&root)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .count();
        assert!(files > 20, "{name}: {files} files");
        let report = vial_build::build(&vial_build::BuildOptions::new(&root))
            .unwrap_or_else(|e| panic!("{name}:\n{}", e.problems));
        assert!(report.pages_written > 40, "{name}");
    }
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("x");
    let wrong = init(&["--example", "bikes", x.to_str().unwrap()]);
    assert_eq!(wrong.status.code(), Some(1));
    let errors = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        errors.contains("`skincare`") && errors.contains("`houseplants`"),
        "{errors}"
    );
}

#[test]
fn built_in_theme_matches_the_theme_folder() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let mut on_disk: Vec<String> = walkdir::WalkDir::new(dir.join("templates"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir.join("templates"))
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let built_in: Vec<String> = vial_site::default_theme::TEMPLATES
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    assert_eq!(
        on_disk, built_in,
        "update src/theme.rs when adding or removing theme files"
    );
    let statics: Vec<&str> = vial_site::default_theme::STATIC
        .iter()
        .map(|(n, _)| *n)
        .collect();
    let mut static_on_disk: Vec<String> = std::fs::read_dir(dir.join("static"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    static_on_disk.sort();
    assert_eq!(static_on_disk, statics);
}

#[test]
fn the_example_site_builds() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let compiled =
        vial_build::compile(&vial_build::BuildOptions::new(root)).unwrap_or_else(|e| panic!("{e}"));
    assert!(compiled.site.products.len() >= 12);
    assert!(compiled.site.guides.len() >= 4);
    assert!(compiled.warnings.errors().next().is_none());
}

#[test]
fn product_and_taxonomy_lists_are_paginated() {
    let site = TestSite::paged(2);
    site.built();
    let first = site.page("/products/");
    assert_eq!(
        first.texts(".product-list > li > a"),
        ["Boost Ampoule", "Daily Serum"]
    );
    assert_eq!(first.texts(".pagination a[rel=next]"), ["Next →"]);
    let second = site.page("/products/page/2/");
    assert_eq!(
        second.texts(".product-list > li > a"),
        ["Lastlight Ampoule"]
    );
    assert_eq!(
        second.texts(".page-header .meta"),
        ["3 products · page 2 of 2"]
    );
    // The `dullness` concern has three products: two pages.
    assert_eq!(
        site.page("/concerns/dullness/")
            .texts(".product-list > li > a"),
        ["Boost Ampoule", "Daily Serum"]
    );
    assert_eq!(
        site.page("/concerns/dullness/page/2/")
            .texts(".product-list > li > a"),
        ["Lastlight Ampoule"]
    );
    assert!(!site.exists("/concerns/dullness/page/3/"));
}

#[test]
fn long_lists_link_a_window_of_their_pages() {
    let site = TestSite::paged(1);
    // Nine more ampoules: twelve products, twelve pages of one.
    for n in 1..=9 {
        site.write(
            &format!("content/products/extra-{n}.yaml"),
            &format!("name: Extra {n}\nbrand: Lumen Lab\ncategory: ampoule\nusage:\n  frequency: daily\n  time: [am]\n  step: treat\n"),
        );
    }
    site.built();
    // Every entry of the nav, links and the current page alike, in order.
    let nav = |url: &str| {
        site.page(url)
            .texts(".pagination > a:not([rel]), .pagination > span")
    };
    assert_eq!(
        nav("/products/page/6/"),
        ["1", "…", "4", "5", "6", "7", "8", "…", "12"]
    );
    // No ellipsis stands for a single page: 2 and 11 are linked instead.
    assert_eq!(
        nav("/products/page/5/"),
        ["1", "2", "3", "4", "5", "6", "7", "…", "12"]
    );
    assert_eq!(
        nav("/products/page/8/"),
        ["1", "…", "6", "7", "8", "9", "10", "11", "12"]
    );
    assert_eq!(nav("/products/"), ["1", "2", "3", "…", "12"]);
    assert_eq!(nav("/products/page/12/"), ["1", "…", "10", "11", "12"]);
    let page = site.page("/products/page/6/");
    assert_eq!(page.texts(".pagination [aria-current=page]"), ["6"]);
    assert_eq!(
        page.one(".pagination a[rel=prev]").value().attr("href"),
        Some("/products/page/5/")
    );
}

#[test]
fn guide_lists_are_paginated_newest_first() {
    let site = TestSite::paged(1);
    // A second guide filed under `dullness`, so that its term has more
    // guides than fit on one page.
    site.write(
        "content/guides/glow.md",
        "---\ntitle: A glow plan\ndate: 2026-05-01\nconcerns: [dullness]\n---\n\nText.\n",
    );
    site.built();
    let first = site.page("/guides/");
    assert_eq!(first.texts(".guide-list > li > a"), ["A glow plan"]);
    assert_eq!(
        first.texts(".page-header .meta"),
        ["3 guides · page 1 of 3"]
    );
    assert_eq!(
        site.page("/guides/page/2/").texts(".guide-list > li > a"),
        ["Fitting an ampoule in"]
    );
    let last = site.page("/guides/page/3/");
    assert_eq!(last.texts(".guide-list > li > a"), ["Serum basics"]);
    assert!(last.select(".pagination a[rel=next]").is_empty());
    assert!(!site.exists("/guides/page/4/"));
    // A term's guides are split like its products, one page each: the term
    // has three products, so its third page shows a product and no guide.
    let term = |n: usize| match n {
        1 => site.page("/concerns/dullness/"),
        n => site.page(&format!("/concerns/dullness/page/{n}/")),
    };
    assert_eq!(
        term(1).texts("#taxon-guides + .guide-list > li > a"),
        ["A glow plan"]
    );
    assert_eq!(
        term(2).texts("#taxon-guides + .guide-list > li > a"),
        ["Fitting an ampoule in"]
    );
    assert!(term(3).select("#taxon-guides").is_empty());
    assert_eq!(
        term(3).texts(".product-list > li > a"),
        ["Lastlight Ampoule"]
    );
}
