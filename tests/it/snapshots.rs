//! Snapshots of output that should change only on purpose: the full
//! diagnostics of a build with many problems, and the usage card's markup.
//! Update with `INSTA_UPDATE=always cargo test --test snapshots` and review
//! the diff.

use crate::common::TestSite;

#[test]
fn diagnostics_of_a_build_with_many_problems() {
    let site = TestSite::fixture("basic");
    let edit = |path: &str, from: &str, to: &str| {
        let text = site.read(path);
        site.write(path, &text.replacen(from, to, 1));
    };
    edit(
        "content/products/meso-ampoule.yaml",
        "category: ampoule",
        "category: ampule",
    );
    edit(
        "content/products/meso-ampoule.yaml",
        "strength: high",
        "strength: extreme",
    );
    edit(
        "content/products/daily-serum.yaml",
        "  frequency:",
        "  frequncy:",
    );
    edit(
        "content/products/boost-ampoule.yaml",
        "time: [am]",
        "time: [noon]",
    );
    edit(
        "content/guides/routine.md",
        "[[daily-serum|the daily one]]",
        "[[daily-serun|the daily one]]",
    );
    site.write("content/guides/open.md", "---\ntitle: Never closed\n");
    site.write("content/products/Bad Name.yaml", "name: X\n");
    insta::assert_snapshot!(site.errors());
}

#[test]
fn usage_card_markup() {
    let site = TestSite::fixture("basic");
    site.built();
    let html =
        std::fs::read_to_string(site.output().join("products/meso-ampoule/index.html")).unwrap();
    let start = html.find("<aside class=\"usage-card\"").unwrap();
    let end = html[start..].find("</aside>").unwrap() + start + "</aside>".len();
    insta::assert_snapshot!(&html[start..end]);
}
