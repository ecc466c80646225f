//! Free pages (`content/pages/<path>.md`, published at `/<path>/`): built
//! with their title, listed in the sitemap and the search index, linked as
//! `[[page:…]]`, nested, drafts, translated, and kept off addresses the
//! site already uses.

use crate::common::{TestSite, text};
use crate::languages::bilingual;
use crate::search::Index;

const ABOUT: &str = "---\ntitle: About these notes\nsummary: Who writes them.\n---\n\nWe test things. See [[guide:routine]].\n";

fn with_about() -> TestSite {
    let site = TestSite::fixture("basic");
    site.write("content/pages/about.md", ABOUT);
    site
}

#[test]
fn a_page_is_built_at_its_path_with_its_title() {
    let site = with_about();
    site.built();
    let page = site.page("/about/");
    assert_eq!(text(page.one("h1")), "About these notes");
    assert_eq!(text(page.one(".lead")), "Who writes them.");
    assert_eq!(text(page.one("title")), "About these notes · Test Notes");
    assert_eq!(
        page.one(".prose a").value().attr("href"),
        Some("/guides/routine/")
    );
}

#[test]
fn a_page_is_in_the_sitemap_and_the_search_index() {
    let site = with_about();
    site.built();
    let sitemap = std::fs::read_to_string(site.output().join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://example.org/about/</loc>"),
        "{sitemap}"
    );
    let index = Index::of(&site);
    let record = index.record(index.number_of("/about/"));
    assert_eq!(record["t"], "About these notes");
    let kinds = index.entry["kinds"].as_array().unwrap();
    assert!(
        kinds.iter().any(|k| k[0] == "page" && k[1] == "Page"),
        "{kinds:?}"
    );
}

#[test]
fn a_page_link_resolves_and_a_misspelled_one_suggests_the_page() {
    let site = with_about();
    site.replace_in(
        "content/guides/routine.md",
        "\n\n",
        "\n\nWho we are: [[page:about]].\n\n",
    );
    site.built();
    let guide = site.page("/guides/routine/");
    let links: Vec<_> = (guide.select(".prose a").into_iter())
        .map(|a| (text(a), a.value().attr("href").unwrap_or("").to_string()))
        .collect();
    assert!(
        links.contains(&("About these notes".into(), "/about/".into())),
        "{links:?}"
    );
    site.replace_in(
        "content/guides/routine.md",
        "[[page:about]]",
        "[[page:abuot]]",
    );
    let errors = site.errors();
    assert!(errors.contains("no page `abuot`"), "{errors}");
    assert!(errors.contains("`about`"), "{errors}");
    assert!(errors.contains("content/guides/routine.md:"), "{errors}");
}

#[test]
fn a_nested_page_is_at_its_folders_path() {
    let site = with_about();
    site.write(
        "content/pages/help/contact.md",
        "---\ntitle: Contact\n---\n\nWrite to us. Also [[page:about]].\n",
    );
    site.replace_in(
        "content/pages/about.md",
        "We test things.",
        "[[page:help/contact]] or [write](@/pages/help/contact.md).",
    );
    site.built();
    assert_eq!(text(site.page("/help/contact/").one("h1")), "Contact");
    let about = site.page("/about/");
    let hrefs: Vec<_> = (about.select(".prose a").into_iter())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(
        hrefs[..2],
        ["/help/contact/", "/help/contact/"],
        "{hrefs:?}"
    );
}

#[test]
fn a_draft_page_is_built_only_with_drafts() {
    let site = with_about();
    site.replace_in(
        "content/pages/about.md",
        "summary:",
        "draft: true\nsummary:",
    );
    site.built();
    assert!(!site.exists("/about/"));
    let mut options = site.options();
    options.drafts = true;
    vial_build::build(&options).unwrap();
    assert!(site.exists("/about/"));
}

#[test]
fn a_page_on_an_address_the_site_uses_is_an_error_at_its_first_line() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/pages/guides.md",
        "---\ntitle: Our guides\n---\n\nText.\n",
    );
    let errors = site.errors();
    assert!(errors.contains("content/pages/guides.md:1:1"), "{errors}");
    assert!(
        errors.contains("`/guides/` is taken by vial's `guides/` pages"),
        "{errors}"
    );
    assert!(errors.contains("rename"), "{errors}");
    // A taxonomy's path is taken too.
    site.remove("content/pages/guides.md");
    site.write("content/pages/brands/all.md", "---\ntitle: Brands\n---\n");
    let errors = site.errors();
    assert!(
        errors.contains("content/pages/brands/all.md:1:1"),
        "{errors}"
    );
    assert!(errors.contains("taxonomy `brand`"), "{errors}");
}

#[test]
fn a_front_matter_problem_of_a_page_is_reported_at_its_line() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\ndate: soon\n---\n",
    );
    let errors = site.errors();
    assert!(errors.contains("content/pages/about.md:3:7"), "{errors}");
    assert!(errors.contains("`soon` is not a date"), "{errors}");
}

#[test]
fn a_page_translation_gives_its_words_in_the_other_language() {
    let site = bilingual();
    site.write("content/pages/about.md", ABOUT);
    site.write(
        "content/pages/about.de.md",
        "---\ntitle: Über diese Notizen\n---\n\nWir testen Dinge.\n",
    );
    site.built();
    let de = site.page("/de/about/");
    assert_eq!(text(de.one("h1")), "Über diese Notizen");
    assert!(text(de.one(".prose")).contains("Wir testen Dinge."));
    assert_eq!(text(site.page("/about/").one("h1")), "About these notes");
    // A translation of no page is an error, as a guide's is.
    site.write("content/pages/team.de.md", "---\ntitle: Team\n---\n");
    let errors = site.errors();
    assert!(errors.contains("content/pages/team.de.md"), "{errors}");
}

#[test]
fn a_page_without_its_translation_is_counted_in_the_translation_status() {
    let site = bilingual();
    site.write("content/pages/about.md", ABOUT);
    let out = site.run(&["check"]);
    let said =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    let counted = "2 of 2 guides and 1 of 1 page have no translation";
    assert!(said.contains(counted), "{said}");
}
