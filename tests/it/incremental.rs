//! Incremental rebuilds: after any sequence of edits, the output equals a
//! clean build of the same files, and only affected pages are re-rendered.

use std::path::{Path, PathBuf};

use crate::common::{TestSite, copy_dir, picture};
use vial_build::session::Session;

/// Builds the current files from scratch elsewhere (with the site's record
/// of its files) and returns that output.
fn clean_build(site: &TestSite) -> Vec<(PathBuf, Vec<u8>)> {
    let copy = TestSite::fixture("basic");
    std::fs::remove_dir_all(copy.root()).unwrap();
    std::fs::create_dir_all(copy.root()).unwrap();
    for entry in std::fs::read_dir(site.root()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "public" || name.to_string_lossy().starts_with('.') {
            continue;
        }
        let to = copy.root().join(&name);
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), to).unwrap();
        }
    }
    // What vial remembers of the site's files (renames) is the site's, not
    // the output's: a clean build starts from it too.
    let sources = site.root().join(".vial/sources");
    if sources.is_dir() {
        copy_dir(&sources, &copy.root().join(".vial/sources"));
    }
    copy.built();
    copy.snapshot_output()
}

/// The sitemap, robots.txt, both feeds and both exports list every
/// product: a rebuild renders them again (and writes them only if they
/// changed).
const SITE_FILES: usize = 6;

pub(crate) fn assert_matches_clean_build(site: &TestSite, what: &str) {
    let incremental = site.snapshot_output();
    let clean = clean_build(site);
    let paths =
        |files: &[(PathBuf, Vec<u8>)]| files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(
        paths(&incremental),
        paths(&clean),
        "after {what}: different files"
    );
    for ((path, a), (_, b)) in incremental.iter().zip(&clean) {
        assert!(
            a == b,
            "after {what}: {} differs from a clean build",
            path.display()
        );
    }
}

/// The fixture's products' schedules, rewritten in German.
fn in_german_words(site: &TestSite) -> Vec<PathBuf> {
    let german = [
        ("twice daily", "zweimal täglich"),
        ("once a week", "einmal pro Woche"),
        ("course of 3-5 days", "eine Kur von 3–5 Tagen"),
        ("daily", "täglich"),
    ];
    let folder = site.root().join("content/products");
    let mut changed = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let path = format!("content/products/{name}");
        let text = site.read(&path);
        let Some((english, german)) = german
            .iter()
            .find(|(english, _)| text.contains(&format!("frequency: {english}\n")))
        else {
            continue;
        };
        changed.push(edit(
            site,
            &path,
            &format!("frequency: {english}\n"),
            &format!("frequency: {german}\n"),
        ));
    }
    changed
}

fn edit(site: &TestSite, path: &str, from: &str, to: &str) -> PathBuf {
    let text = site.read(path);
    assert!(text.contains(from), "{path} has no `{from}`");
    site.write(path, &text.replacen(from, to, 1));
    PathBuf::from(path)
}

#[test]
fn a_product_edit_re_renders_only_the_pages_that_read_it() {
    let site = TestSite::fixture("basic");
    let mut session = Session::new(site.options());
    let first = session.build().unwrap();
    assert!(first.full);
    let total = first.rendered;
    let changed = edit(
        &site,
        "content/products/boost-ampoule.yaml",
        "summary: A five-day vitamin C course.",
        "summary: A five-day course.",
    );
    let report = session.rebuild(&[changed]).unwrap();
    assert!(!report.full);
    assert!(
        report.rendered - SITE_FILES < total / 2,
        "rendered {} of {total}",
        report.rendered
    );
    assert!(report.written >= 1);
    assert_eq!(
        site.page("/products/boost-ampoule/").texts(".lead"),
        ["A five-day course."]
    );
    assert_matches_clean_build(&site, "a summary edit");
    // A guide that does not mention the product was not rendered again; its
    // file is untouched.
    let nothing = session
        .rebuild(&[PathBuf::from("content/products/boost-ampoule.yaml")])
        .unwrap();
    assert_eq!(nothing.written, 0, "an unchanged file rewrites nothing");
}

/// An edit to the site's files, returning the paths it touched.
type Edit = Box<dyn Fn(&TestSite) -> Vec<PathBuf>>;

/// A template of the built-in theme, as shipped.
fn theme_template(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("themes/default/templates")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_template_edit_re_renders_only_the_pages_that_use_it() {
    let site = TestSite::fixture("basic");
    let mut session = Session::new(site.options());
    session.build().unwrap();
    let products = std::fs::read_dir(site.root().join("content/products"))
        .unwrap()
        .count();
    let theme = theme_template("product.html");
    site.write(
        "templates/product.html",
        &theme.replace(
            "{% endblock content %}",
            "<!-- edited -->{% endblock content %}",
        ),
    );
    let report = session
        .rebuild(&[PathBuf::from("templates/product.html")])
        .unwrap();
    assert_eq!((report.rendered, report.full), (products, false));
    assert!(
        std::fs::read_to_string(site.output().join("products/daily-serum/index.html"))
            .unwrap()
            .contains("<!-- edited -->")
    );
    assert_matches_clean_build(&site, "a product template edit");
    // A partial that product pages include, and markdown embeds: product
    // pages and the pages whose markdown may embed it.
    let theme = theme_template("partials/usage_card.html");
    site.write(
        "templates/partials/usage_card.html",
        &format!("<!-- card -->{theme}"),
    );
    let report = session
        .rebuild(&[PathBuf::from("templates/partials/usage_card.html")])
        .unwrap();
    assert!(!report.full && report.rendered > products, "{report:?}");
    assert_matches_clean_build(&site, "a usage card edit");
}

#[test]
fn every_kind_of_edit_ends_equal_to_a_clean_build() {
    let site = TestSite::fixture("basic");
    let mut session = Session::new(site.options());
    session.build().unwrap();
    for (what, step) in edit_steps() {
        let changed = step(&site);
        if let Err(e) = session.rebuild(&changed) {
            panic!("{what}: {e}");
        }
        assert_matches_clean_build(&site, what);
    }
    assert_only_the_last_picture_is_left(&site);
}

/// `vial build` after each edit renders only the pages that read what
/// changed (the last build's memo tells which), and the output equals a
/// clean build's all the same.
#[test]
fn a_build_after_every_kind_of_edit_equals_a_clean_build() {
    let site = TestSite::fixture("basic");
    let first = site.build().unwrap();
    assert_eq!(first.pages_rendered, first.pages_written);
    let again = site.build().unwrap();
    assert_eq!(again.pages_rendered, 0, "nothing changed");
    assert_eq!(again.files.written, 0);
    let mut spared = 0;
    for (what, step) in edit_steps() {
        step(&site);
        let report = site.build().unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(report.pages_rendered > 0, "{what}: nothing rendered");
        spared += usize::from(report.pages_rendered < report.pages_written);
        assert_matches_clean_build(&site, what);
    }
    // Content edits spare pages (17 of the 31 steps); an edit of a
    // template, the strings, a static file or site.yaml renders every page.
    assert!(spared >= 15, "only {spared} edits spared a page");
    assert_only_the_last_picture_is_left(&site);
}

/// `vial serve` keeps no memo: the last build's goes with the preview's
/// first change, or the next build would take the preview's files for the
/// last build's.
#[test]
fn a_build_after_the_preview_changed_the_output_renders_every_page() {
    let site = an_edit_written_by_another_then_undone("an edit previewed, then undone", |site| {
        let mut preview = Session::new(site.options());
        preview.build().unwrap();
    });
    let again = site.build().unwrap();
    assert_eq!(again.pages_rendered, 0, "the build left a memo");
}

/// A vial older than the memo rewrites the output and its manifest but
/// leaves the memo: the memo no longer matches the manifest, and the next
/// build renders every page.
#[test]
fn a_memo_left_by_a_vial_that_did_not_know_it_is_ignored() {
    an_edit_written_by_another_then_undone("an edit built by another vial, then undone", |site| {
        let memo = vial_output::Place::of(site.root(), &site.output()).file(vial_output::MEMO);
        let kept = std::fs::read(&memo).unwrap();
        site.build().unwrap();
        // What an older vial would leave: the new output, the old memo.
        std::fs::write(&memo, kept).unwrap();
    });
}

/// Builds, renames a product, lets `another` bring the output up to date
/// with the rename, and undoes it with nothing running: the output still
/// shows the rename while the sources are again those of the first build.
/// The next build must render every page, and equal a clean build.
fn an_edit_written_by_another_then_undone(what: &str, another: impl FnOnce(&TestSite)) -> TestSite {
    let site = TestSite::fixture("basic");
    site.build().unwrap();
    let (product, name, renamed) = (
        "content/products/meso-ampoule.yaml",
        "name: Lastlight Ampoule",
        "name: Zeta Ampoule",
    );
    edit(&site, product, name, renamed);
    another(&site);
    edit(&site, product, renamed, name);
    let report = site.build().unwrap();
    assert_eq!(report.pages_rendered, report.pages_written, "{what}");
    assert_matches_clean_build(&site, what);
    site
}

/// A page whose file may no longer be the one vial wrote is rendered
/// again, though nothing it read changed; one whose bytes changed is not
/// overwritten.
#[test]
fn a_page_touched_or_deleted_by_hand_is_rendered_again_and_an_edited_one_kept() {
    let site = TestSite::fixture("basic");
    site.build().unwrap();
    let output = site.output();
    let page = output.join("products/meso-ampoule/index.html");
    let bytes = std::fs::read(&page).unwrap();
    std::fs::write(&page, &bytes).unwrap();
    std::fs::remove_file(output.join("guides/index.html")).unwrap();
    let report = site.build().unwrap();
    assert_eq!(report.pages_rendered, 2);
    assert_eq!(report.files.written, 2);
    assert_matches_clean_build(&site, "two pages changed by hand");

    std::fs::write(&page, "edited").unwrap();
    let problems = site.build().unwrap_err();
    assert!(
        problems.0[0]
            .message
            .contains("changed since vial wrote it"),
        "{problems}"
    );
    assert_eq!(std::fs::read_to_string(&page).unwrap(), "edited");
}

/// What vial knows of an output is kept by the output's path: a folder
/// moved to another path is not known there (its marker says so), and is
/// known again once back.
#[test]
fn a_moved_output_folder_is_known_again_only_where_it_was() {
    let site = TestSite::fixture("basic");
    site.build().unwrap();
    std::fs::rename(site.output(), site.root().join("moved")).unwrap();
    let options = vial_build::BuildOptions {
        output: Some("moved".into()),
        ..site.options()
    };
    let refused = vial_build::build(&options).unwrap_err().problems;
    assert!(refused.0[0].message.contains("no record"), "{refused}");
    std::fs::rename(site.root().join("moved"), site.output()).unwrap();
    let report = site.build().unwrap();
    assert_eq!(report.pages_rendered, 0);
    assert_eq!(report.files.written, 0);
}

/// `vial check` after a build renders the pages an edit touched, and
/// finds the template error that only the edited product's data brings.
#[test]
fn check_after_a_build_finds_an_error_only_an_edit_brings() {
    let site = TestSite::fixture("basic");
    let shipped = theme_template("product.html");
    assert!(shipped.contains("{{ product.name }}</h1>"));
    let template = shipped.replace(
        "{{ product.name }}</h1>",
        "{{ product.name }}</h1>{% if product.name == \"Boom\" %}{{ no_such_value.field }}{% endif %}",
    );
    site.write("templates/product.html", &template);
    site.build().unwrap();
    assert!(vial_build::check(&site.options()).is_ok());
    edit(
        &site,
        "content/products/meso-ampoule.yaml",
        "name: Lastlight Ampoule",
        "name: Boom",
    );
    let problems = vial_build::check(&site.options()).expect_err("the edited page fails");
    assert!(problems.to_string().contains("no_such_value"), "{problems}");
}

fn edit_steps() -> Vec<(&'static str, Edit)> {
    vec![
        (
            "renaming a product",
            Box::new(|s| {
                vec![edit(
                    s,
                    "content/products/meso-ampoule.yaml",
                    "name: Lastlight Ampoule",
                    "name: Zeta Ampoule",
                )]
            }),
        ),
        (
            "moving a product to another category",
            Box::new(|s| {
                vec![edit(
                    s,
                    "content/products/boost-ampoule.yaml",
                    "category: ampoule",
                    "category: serum",
                )]
            }),
        ),
        (
            "changing a brand",
            Box::new(|s| {
                vec![edit(
                    s,
                    "content/products/daily-serum.yaml",
                    "brand: Lumen Lab",
                    "brand: New Brand",
                )]
            }),
        ),
        (
            "adding a product",
            Box::new(|s| {
                s.write("content/products/new-serum.yaml", "name: New Serum\nbrand: Lumen Lab\ncategory: serum\nconcerns: [redness]\nactives:\n  - name: Centella\n    percent: 3\nusage:\n  frequency: daily\n  time: [pm]\n  step: treat\n");
                vec![PathBuf::from("content/products/new-serum.yaml")]
            }),
        ),
        (
            "linking a product from a guide",
            Box::new(|s| {
                vec![edit(
                    s,
                    "content/guides/basics.md",
                    "A serum is the treatment step.",
                    "A serum like [[new-serum]] is the treatment step.",
                )]
            }),
        ),
        (
            "deleting a product",
            Box::new(|s| {
                let text = s
                    .read("content/guides/basics.md")
                    .replace("[[new-serum]]", "this");
                s.write("content/guides/basics.md", &text);
                s.remove("content/products/new-serum.yaml");
                vec![
                    PathBuf::from("content/products/new-serum.yaml"),
                    PathBuf::from("content/guides/basics.md"),
                ]
            }),
        ),
        (
            "changing a guide's date",
            Box::new(|s| {
                vec![edit(
                    s,
                    "content/guides/basics.md",
                    "date: 2026-01-10",
                    "date: 2026-05-10",
                )]
            }),
        ),
        (
            "adding a term description",
            Box::new(|s| {
                s.write(
                    "content/concerns/dullness.yaml",
                    "name: Dull skin\nwhat_it_does: Flat, tired-looking skin.\n",
                );
                vec![PathBuf::from("content/concerns/dullness.yaml")]
            }),
        ),
        (
            "giving a term, a product and a category other names",
            Box::new(|s| {
                s.write(
                    "content/concerns/dullness.yaml",
                    "name: Dull skin\naka: [lacklustre skin, dullness]\n",
                );
                vec![
                    PathBuf::from("content/concerns/dullness.yaml"),
                    edit(
                        s,
                        "content/products/daily-serum.yaml",
                        "name: Daily Serum",
                        "name: Daily Serum\naka: DS",
                    ),
                    edit(
                        s,
                        "content/categories/serum.yaml",
                        "name: Serum",
                        "name: Serum\naka: [essence]",
                    ),
                ]
            }),
        ),
        (
            "declaring search synonyms and weights",
            Box::new(|s| {
                let config = s.read("site.yaml");
                s.write(
                    "site.yaml",
                    &format!("{config}search:\n  synonyms:\n    - [boost, lift]\n  weights: {{body: 0}}\n"),
                );
                vec![PathBuf::from("site.yaml")]
            }),
        ),
        (
            "editing a template",
            Box::new(|s| {
                s.write("templates/guides.html", "{% extends \"base.html\" %}{% block content %}<h1>All guides</h1>{% include \"partials/guide_list.html\" %}{% endblock content %}");
                vec![PathBuf::from("templates/guides.html")]
            }),
        ),
        (
            "overriding a partial that markdown embeds",
            Box::new(|s| {
                let theme = theme_template("partials/usage_card.html");
                s.write(
                    "templates/partials/usage_card.html",
                    &format!("<!-- edited -->{theme}"),
                );
                vec![PathBuf::from("templates/partials/usage_card.html")]
            }),
        ),
        (
            "overriding the base template",
            Box::new(|s| {
                let theme = theme_template("base.html");
                s.write(
                    "templates/base.html",
                    &theme.replacen("<body", "<body data-edited", 1),
                );
                vec![PathBuf::from("templates/base.html")]
            }),
        ),
        (
            "removing template overrides",
            Box::new(|s| {
                s.remove("templates/partials/usage_card.html");
                s.remove("templates/base.html");
                vec![
                    PathBuf::from("templates/partials/usage_card.html"),
                    PathBuf::from("templates/base.html"),
                ]
            }),
        ),
        (
            "adding a static file",
            Box::new(|s| {
                s.write("static/robots.txt", "User-agent: *\n");
                vec![PathBuf::from("static/robots.txt")]
            }),
        ),
        (
            "deleting a static file",
            Box::new(|s| {
                s.remove("static/robots.txt");
                vec![PathBuf::from("static/robots.txt")]
            }),
        ),
        (
            "editing site.yaml",
            Box::new(|s| {
                vec![edit(
                    s,
                    "site.yaml",
                    "title: Test Notes",
                    "title: Renamed Notes",
                )]
            }),
        ),
        (
            "renaming a guide file",
            Box::new(|s| {
                let text = s.read("content/guides/basics.md");
                s.remove("content/guides/basics.md");
                s.write("content/guides/serum-basics.md", &text);
                vec![
                    PathBuf::from("content/guides/basics.md"),
                    PathBuf::from("content/guides/serum-basics.md"),
                ]
            }),
        ),
        (
            "removing a whole folder",
            Box::new(|s| {
                std::fs::remove_dir_all(s.root().join("content/concerns")).unwrap();
                vec![PathBuf::from("content/concerns")]
            }),
        ),
        (
            "adding a site strings file",
            Box::new(|s| {
                s.write("i18n/en.yaml", "usage:\n  how_often: Use it\n");
                vec![PathBuf::from("i18n/en.yaml")]
            }),
        ),
        (
            "editing the site strings file",
            Box::new(|s| vec![edit(s, "i18n/en.yaml", "Use it", "Apply it")]),
        ),
        (
            "removing the site strings file",
            Box::new(|s| {
                s.remove("i18n/en.yaml");
                vec![PathBuf::from("i18n/en.yaml")]
            }),
        ),
        (
            "relabelling a slot and a step",
            Box::new(|s| {
                let text = s
                    .read("site.yaml")
                    .replace("{key: am, label: Morning}", "{key: am, label: Daytime}")
                    .replace(
                        "steps: [cleanse, treat,",
                        "steps: [cleanse, {key: treat, label: Apply},",
                    );
                s.write("site.yaml", &text);
                vec![PathBuf::from("site.yaml")]
            }),
        ),
        (
            "renaming a taxonomy's path and label",
            Box::new(|s| {
                vec![edit(
                    s,
                    "site.yaml",
                    "{key: concerns, label: Concern, plural: Concerns, guides: true}",
                    "{key: concerns, label: Goal, plural: Goals, path: goals, guides: true}",
                )]
            }),
        ),
        (
            "declaring an enum's labels in another order",
            Box::new(|s| {
                vec![edit(
                    s,
                    "site.yaml",
                    "values: [low, medium, high]",
                    "values: [high, medium, {key: low, label: Gentle}]",
                )]
            }),
        ),
        (
            "switching the language",
            Box::new(|s| {
                let mut changed = vec![edit(
                    s,
                    "site.yaml",
                    "description: A fixture site.",
                    "description: A fixture site.\nlanguage: de",
                )];
                // A German site writes its schedules in German.
                changed.extend(in_german_words(s));
                changed
            }),
        ),
        (
            "giving a product a picture",
            Box::new(|s| {
                s.write_bytes("content/products/daily.png", &picture(700, 500, "png", 1));
                vec![
                    PathBuf::from("content/products/daily.png"),
                    edit(
                        s,
                        "content/products/daily-serum.yaml",
                        "summary:",
                        "image: {src: daily.png, alt: A bottle}\nsummary:",
                    ),
                ]
            }),
        ),
        (
            "repainting the picture",
            Box::new(|s| {
                s.write_bytes("content/products/daily.png", &picture(700, 500, "png", 2));
                vec![PathBuf::from("content/products/daily.png")]
            }),
        ),
        (
            "naming the same picture from a category",
            Box::new(|s| {
                vec![edit(
                    s,
                    "content/categories/serum.yaml",
                    "name: Serum",
                    "name: Serum\nimage: {src: ../products/daily.png, alt: A bottle}",
                )]
            }),
        ),
        (
            "giving a guide a photo and a gallery",
            Box::new(|s| {
                s.write_bytes(
                    "content/guides/pictures/shelf.jpg",
                    &picture(500, 300, "jpg", 3),
                );
                s.write_bytes(
                    "content/guides/pictures/jar.webp",
                    &picture(300, 300, "webp", 4),
                );
                vec![
                    PathBuf::from("content/guides/pictures"),
                    edit(
                        s,
                        "content/guides/serum-basics.md",
                        "---\n",
                        "---\nimage: {src: pictures/shelf.jpg, alt: A shelf}\nimages:\n  - {src: pictures/jar.webp, alt: A jar}\n",
                    ),
                ]
            }),
        ),
        (
            "resizing the guide's photo",
            Box::new(|s| {
                s.write_bytes(
                    "content/guides/pictures/shelf.jpg",
                    &picture(400, 300, "jpg", 3),
                );
                vec![PathBuf::from("content/guides/pictures/shelf.jpg")]
            }),
        ),
        (
            "taking the picture off the product",
            Box::new(|s| {
                vec![edit(
                    s,
                    "content/products/daily-serum.yaml",
                    "image: {src: daily.png, alt: A bottle}\n",
                    "",
                )]
            }),
        ),
        (
            "adding pages, one named in the footer menu with a category",
            Box::new(|s| {
                s.write(
                    "content/pages/about.md",
                    "---\ntitle: About\n---\n\nSee [[guide:routine]].\n",
                );
                s.write(
                    "content/pages/help/contact.md",
                    "---\ntitle: Contact\n---\n\nWrite.\n",
                );
                let config = s.read("site.yaml");
                s.write(
                    "site.yaml",
                    &format!(
                        "{config}menus:\n  footer:\n    - page: about\n    - category: serum\n"
                    ),
                );
                vec![
                    PathBuf::from("content/pages/about.md"),
                    PathBuf::from("content/pages/help/contact.md"),
                    PathBuf::from("site.yaml"),
                ]
            }),
        ),
        (
            "retitling a page a menu names",
            Box::new(|s| {
                vec![edit(
                    s,
                    "content/pages/about.md",
                    "title: About",
                    "title: Who we are",
                )]
            }),
        ),
        (
            "renaming a category a menu names",
            Box::new(|s| {
                vec![edit(
                    s,
                    "content/categories/serum.yaml",
                    "name: Serum",
                    "name: Serums",
                )]
            }),
        ),
        (
            "deleting a nested page",
            Box::new(|s| {
                s.remove("content/pages/help/contact.md");
                vec![PathBuf::from("content/pages/help/contact.md")]
            }),
        ),
        (
            "taking the pictures off the category and the guide",
            Box::new(|s| {
                let guide = s
                    .read("content/guides/serum-basics.md")
                    .replace("image: {src: pictures/shelf.jpg, alt: A shelf}\n", "");
                s.write("content/guides/serum-basics.md", &guide);
                vec![
                    edit(
                        s,
                        "content/categories/serum.yaml",
                        "\nimage: {src: ../products/daily.png, alt: A bottle}",
                        "",
                    ),
                    PathBuf::from("content/guides/serum-basics.md"),
                ]
            }),
        ),
    ]
}

fn assert_only_the_last_picture_is_left(site: &TestSite) {
    // The last edits left one picture, the guide's gallery.
    let images = std::fs::read_dir(site.output().join("images")).unwrap();
    assert!(
        images
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .all(|name| name.starts_with("jar-300.")),
    );
}

#[test]
fn a_picture_edit_re_renders_only_the_pages_that_show_it() {
    let site = TestSite::fixture("basic");
    site.write_bytes("content/products/boost.png", &picture(400, 300, "png", 1));
    edit(
        &site,
        "content/products/boost-ampoule.yaml",
        "summary:",
        "image: {src: boost.png, alt: A vial}\nsummary:",
    );
    let mut session = Session::new(site.options());
    let total = session.build().unwrap().rendered;
    site.write_bytes("content/products/boost.png", &picture(400, 300, "png", 2));
    let report = session
        .rebuild(&[PathBuf::from("content/products/boost.png")])
        .unwrap();
    assert!(
        report.rendered > SITE_FILES && report.rendered - SITE_FILES < total / 2,
        "{report:?}"
    );
    assert_matches_clean_build(&site, "a picture edit");
    // A picture nobody names changes nothing.
    site.write_bytes("content/products/unused.png", &picture(40, 30, "png", 1));
    let nothing = session
        .rebuild(&[PathBuf::from("content/products/unused.png")])
        .unwrap();
    assert_eq!((nothing.rendered, nothing.written), (0, 0));
}

#[test]
fn a_duplicate_slug_stays_reported_through_edits_until_it_goes() {
    let site = TestSite::fixture("basic");
    let mut session = Session::new(site.options());
    session.build().unwrap();
    let original = site.read("content/products/daily-serum.yaml");
    let twin = "content/products/more/daily-serum.yaml";
    // Unreadable first: a file that does not load takes no slug.
    site.write(twin, "name: [unclosed\n");
    let errors = session
        .rebuild(&[PathBuf::from(twin)])
        .unwrap_err()
        .to_string();
    assert!(!errors.contains("duplicate slug"), "{errors}");
    site.write(twin, &original);
    let errors = session
        .rebuild(&[PathBuf::from(twin)])
        .unwrap_err()
        .to_string();
    assert!(errors.contains("duplicate slug `daily-serum`"), "{errors}");
    // Editing the text of either file leaves both in place: still reported.
    for path in [twin, "content/products/daily-serum.yaml"] {
        let changed = edit(&site, path, "name: Daily Serum", "name: Daily Serum Again");
        let errors = session.rebuild(&[changed]).unwrap_err().to_string();
        assert!(
            errors.contains("duplicate slug `daily-serum`"),
            "{path}: {errors}"
        );
        let back = edit(&site, path, "name: Daily Serum Again", "name: Daily Serum");
        assert!(session.rebuild(&[back]).is_err());
    }
    site.remove(twin);
    session.rebuild(&[PathBuf::from(twin)]).unwrap();
    assert_matches_clean_build(&site, "after the twin went");
}

#[test]
fn a_file_with_a_problem_of_its_own_stays_reported_until_fixed() {
    let site = TestSite::fixture("basic");
    let mut session = Session::new(site.options());
    session.build().unwrap();
    let unreadable = "content/products/meso-ampoule.yaml";
    let misnamed = "content/products/Bad_Name.yaml";
    let original = site.read(unreadable);
    let rebuild = |session: &mut Session, path: &str| {
        session
            .rebuild(&[PathBuf::from(path)])
            .map_err(|e| e.to_string())
    };
    site.write(unreadable, "name: [unclosed\n");
    let errors = rebuild(&mut session, unreadable).unwrap_err();
    assert!(errors.contains(&format!("{unreadable}:1:")), "{errors}");
    site.write(misnamed, &original);
    let both = rebuild(&mut session, misnamed).unwrap_err();
    // An edit elsewhere reads neither file again: both stay reported.
    let other = edit(
        &site,
        "content/products/daily-serum.yaml",
        "name: Daily Serum",
        "name: Daily Serum 2",
    );
    let again = session.rebuild(&[other]).unwrap_err().to_string();
    assert_eq!(again, both);
    assert!(again.contains(&format!("{unreadable}:1:")), "{again}");
    assert!(again.contains("`Bad_Name` is not a valid slug"), "{again}");
    site.write(unreadable, &original);
    let left = rebuild(&mut session, unreadable).unwrap_err();
    assert!(!left.contains(unreadable), "{left}");
    assert!(left.contains("`Bad_Name` is not a valid slug"), "{left}");
    site.remove(misnamed);
    rebuild(&mut session, misnamed).unwrap();
    assert_matches_clean_build(&site, "once both files were fixed");
}

#[test]
fn a_session_rewrites_a_big_file_over_a_spare_it_drops_at_the_end() {
    let site = TestSite::fixture("basic");
    // `products.json` past a megabyte: one long summary.
    let path = "content/products/daily-serum.yaml";
    let long = "word ".repeat(250_000);
    let text = site
        .read(path)
        .replacen("summary: ", &format!("summary: {long}"), 1);
    site.write(path, &text);
    let mut session = Session::new(site.options());
    session.build().unwrap();
    let spares_folder = || {
        std::fs::read_dir(site.output())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(".vial-spares-")
            })
    };
    for n in 0..3 {
        let edited = text.replacen("summary: ", &format!("summary: {n} "), 1);
        site.write(path, &edited);
        session.rebuild(&[PathBuf::from(path)]).unwrap();
        let json = site.read("public/products.json");
        assert!(json.contains(&format!("\"{n} word word")), "edit {n} is in");
    }
    // One per file past a megabyte: every page that shows the summary.
    let spares = spares_folder().unwrap();
    let kept = std::fs::read_dir(&spares).unwrap().count();
    assert!(kept > 1, "{kept} spares");
    drop(session);
    assert!(!spares.exists(), "the spare goes with the session");
    assert_matches_clean_build(&site, "three edits of a big file");
}

#[test]
fn a_broken_edit_keeps_the_last_good_output_and_recovers() {
    let site = TestSite::fixture("basic");
    let mut session = Session::new(site.options());
    session.build().unwrap();
    let before = site.snapshot_output();
    let changed = edit(
        &site,
        "content/products/meso-ampoule.yaml",
        "step: treat",
        "step: treet",
    );
    let errors = session
        .rebuild(std::slice::from_ref(&changed))
        .unwrap_err()
        .to_string();
    assert!(
        errors.contains(
            "content/products/meso-ampoule.yaml:17:9: error: unknown routine step `treet`"
        ),
        "{errors}"
    );
    assert_eq!(site.snapshot_output(), before);
    // An unrelated edit while broken still reports the problem.
    let other = edit(
        &site,
        "content/products/daily-serum.yaml",
        "name: Daily Serum",
        "name: Daily Serum 2",
    );
    assert!(session.rebuild(&[other]).is_err());
    assert_eq!(site.snapshot_output(), before);
    // Fixing it brings everything up to date, both edits included.
    let fixed = edit(
        &site,
        "content/products/meso-ampoule.yaml",
        "step: treet",
        "step: treat",
    );
    session.rebuild(&[fixed]).unwrap();
    assert_matches_clean_build(&site, "fixing the broken file");
    assert_eq!(
        site.page("/products/daily-serum/").texts("h1"),
        ["Daily Serum 2"]
    );
}

/// A small deterministic generator, so the soak is the same every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

#[test]
fn two_hundred_random_edits_end_equal_to_a_clean_build() {
    let site = small_pages_site();
    let mut session = Session::new(site.options());
    session.build().unwrap();
    let mut rng = Lcg(7);
    for i in 0..200 {
        let changed = random_edit(&site, &mut rng, i);
        if let Err(e) = session.rebuild(&[PathBuf::from(&changed)]) {
            panic!("edit {i} ({changed}): {e}");
        }
        if i % 50 == 49 {
            assert_matches_clean_build(&site, &format!("edit {i}"));
        }
    }
    assert_matches_clean_build(&site, "200 edits");
    assert!(Path::new(&site.output()).exists());
}

/// The same edits, each followed by `vial build`, which renders only the
/// pages its memo says read what changed.
#[test]
fn a_build_after_each_of_sixty_random_edits_equals_a_clean_build() {
    let site = small_pages_site();
    site.built();
    let mut rng = Lcg(11);
    for i in 0..60 {
        let changed = random_edit(&site, &mut rng, i);
        let report = site
            .build()
            .unwrap_or_else(|e| panic!("edit {i} ({changed}): {e}"));
        assert!(report.pages_rendered < report.pages_written, "edit {i}");
        if i % 3 == 2 {
            assert_matches_clean_build(&site, &format!("edit {i} ({changed})"));
        }
    }
}

/// A guide re-dated onto the first page of the guide list shows up there,
/// in the preview and in the next build, though that page read only the
/// guide it showed before: the lists watch every guide's date and title.
#[test]
fn a_guide_re_dated_to_the_top_moves_to_the_first_page_of_the_list() {
    let site = TestSite::paged(1);
    let first = |site: &TestSite| site.page("/guides/").texts(".guide-list > li > a");
    let redate =
        |site: &TestSite, from: &str, to: &str| edit(site, "content/guides/basics.md", from, to);
    let mut session = Session::new(site.options());
    session.build().unwrap();
    assert_eq!(first(&site), ["Fitting an ampoule in"]);
    let changed = redate(&site, "date: 2026-01-10", "date: 2026-05-10");
    session.rebuild(&[changed]).unwrap();
    assert_eq!(first(&site), ["Serum basics"]);
    assert_matches_clean_build(&site, "re-dating a guide in the preview");

    site.build().unwrap();
    redate(&site, "date: 2026-05-10", "date: 2026-01-10");
    let report = site.build().unwrap();
    assert!(report.pages_rendered < report.pages_written, "{report:?}");
    assert_eq!(first(&site), ["Fitting an ampoule in"]);
    assert_matches_clean_build(&site, "re-dating a guide before a build");
}

/// The basic site with tiny list pages, so that edits move products
/// between them.
fn small_pages_site() -> TestSite {
    let site = TestSite::fixture("basic");
    let config = site.read("site.yaml").replace(
        "usage:",
        "lists:\n  page_size: 2\ncomparison:\n  side_by_side_max: 2\n  page_size: 2\nusage:",
    );
    site.write("site.yaml", &config);
    site
}

/// One random edit: a product rewritten, added or deleted, or a guide's
/// mention changed. Returns the file it changed.
fn random_edit(site: &TestSite, rng: &mut Lcg, i: usize) -> String {
    let names = ["Alpha", "Beta", "Gamma", "Delta"];
    let frequencies = [
        "daily",
        "once a week",
        "course of 3-5 days",
        "as needed",
        "twice a week",
    ];
    let product = [
        "daily-serum",
        "meso-ampoule",
        "boost-ampoule",
        "extra-1",
        "extra-2",
    ][rng.next(5)];
    let path = format!("content/products/{product}.yaml");
    match rng.next(4) {
        0 if site.root().join(&path).exists() && product.starts_with("extra") => {
            site.remove(&path);
            path
        }
        1 => {
            let guide = format!(
                "Edit {i} mentions [[{}]].",
                ["daily-serum", "meso-ampoule", "boost-ampoule"][rng.next(3)]
            );
            let text = site.read("content/guides/basics.md");
            let (front, _) = text.rsplit_once("---\n").unwrap();
            site.write(
                "content/guides/basics.md",
                &format!("{front}---\n\n{guide}\n"),
            );
            "content/guides/basics.md".to_string()
        }
        _ => {
            let category = ["serum", "ampoule"][rng.next(2)];
            let yaml = format!(
                "name: {} {i}\nbrand: Brand {}\ncategory: {category}\nconcerns: [c{}]\nactives:\n  - name: A{}\n    percent: {}\nusage:\n  frequency: {}\n  time: [am]\n  step: treat\n",
                names[rng.next(4)],
                rng.next(3),
                rng.next(3),
                rng.next(3),
                rng.next(20),
                frequencies[rng.next(5)]
            );
            site.write(&path, &yaml);
            path
        }
    }
}

#[test]
fn a_template_saved_while_a_product_is_broken_applies_once_fixed() {
    let site = TestSite::fixture("basic");
    let mut session = Session::new(site.options());
    session.build().unwrap();
    let broken = edit(
        &site,
        "content/products/meso-ampoule.yaml",
        "step: treat",
        "step: treet",
    );
    assert!(session.rebuild(&[broken]).is_err());
    site.write(
        "templates/guides.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Every guide</h1>{% endblock content %}",
    );
    site.write("static/extra.css", "body {}");
    assert!(
        session
            .rebuild(&[
                PathBuf::from("templates/guides.html"),
                PathBuf::from("static/extra.css")
            ])
            .is_err()
    );
    let fixed = edit(
        &site,
        "content/products/meso-ampoule.yaml",
        "step: treet",
        "step: treat",
    );
    session.rebuild(&[fixed]).unwrap();
    assert_eq!(site.page("/guides/").texts("h1"), ["Every guide"]);
    assert_matches_clean_build(&site, "a template saved while broken");
}

#[test]
fn the_category_data_stays_exact() {
    let site = TestSite::fixture("basic");
    let mut session = Session::new(site.options());
    session.build().unwrap();
    let data = |category: &str| site.read(&format!("public/data/{category}.json"));
    // A spec value changes the product's record.
    let changed = edit(
        &site,
        "content/products/boost-ampoule.yaml",
        "strength: high",
        "strength: low",
    );
    session.rebuild(&[changed]).unwrap();
    assert!(data("ampoule").contains("\"Low\"") || data("ampoule").contains("\"low\""));
    assert_matches_clean_build(&site, "a spec edit");
    // A product moves to another category: both files change.
    let moved = edit(
        &site,
        "content/products/meso-ampoule.yaml",
        "category: ampoule",
        "category: serum",
    );
    session.rebuild(&[moved]).unwrap();
    assert!(data("serum").contains("\"meso-ampoule\""));
    assert!(!data("ampoule").contains("\"meso-ampoule\""));
    assert_matches_clean_build(&site, "a product moving category");
    // A new product, then its removal.
    let new = "content/products/new-serum.yaml";
    site.write(
        new,
        &site
            .read("content/products/daily-serum.yaml")
            .replace("name: Daily Serum", "name: New Serum"),
    );
    session.rebuild(&[PathBuf::from(new)]).unwrap();
    assert!(data("serum").contains("\"new-serum\""));
    assert_matches_clean_build(&site, "a new product");
    site.remove(new);
    session.rebuild(&[PathBuf::from(new)]).unwrap();
    assert!(!data("serum").contains("\"new-serum\""));
    assert_matches_clean_build(&site, "a removed product");
}

/// `vial serve` keeps the profiles similar products are ranked on while an
/// edit leaves every product's ranking facts alone; edits that change them
/// (a spec, a term's strength, a name), and the edits back, still end equal
/// to a clean build.
#[test]
fn similar_products_follow_edits_whether_or_not_they_change_the_ranking() {
    let site = TestSite::fixture("basic");
    let mut session = Session::new(site.options());
    session.build().unwrap();
    let path = "content/products/boost-ampoule.yaml";
    let original = site.read(path);
    let edits = [
        (
            "summary",
            "summary: A five-day vitamin C course.",
            "summary: Edited.",
        ),
        ("spec", "strength: high", "strength: low"),
        ("strength", "percent: 15", "percent: 2"),
        ("term", "concerns: [dullness]", "concerns: [acne]"),
        ("name", "name: Boost Ampoule", "name: Aardvark Ampoule"),
    ];
    for (what, from, to) in edits {
        assert!(original.contains(from), "{what}: the fixture changed");
        for text in [original.replace(from, to), original.clone()] {
            site.write(path, &text);
            session.rebuild(&[PathBuf::from(path)]).unwrap();
            assert_matches_clean_build(&site, what);
        }
    }
}

/// A product page re-renders when a product it weighed as a candidate but
/// did not show starts to rank among its similar products, though it read
/// nothing of that product's text; and it stays as it is when only that
/// product's text changes.
#[test]
fn a_candidate_that_starts_to_rank_shows_up_on_the_pages_that_weighed_it() {
    let site = TestSite::fixture("basic");
    // More products sharing Boost Ampoule's concern than a page shows as
    // similar, in another category (so not listed beside it either): they
    // tie, so they rank by name, and the last ones are weighed but not
    // shown. Products sharing nothing keep the concern from being one most
    // of the catalogue has, and a low bar lets it count alone.
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{config}similar:\n  weights: {{concerns: 1, strength: 1}}\n  min_score: 0.5\n"),
    );
    for n in 1..=20 {
        site.write(
            &format!("content/products/padding-{n}.yaml"),
            &format!(
                "name: Padding {n}\nbrand: Made Up\ncategory: serum\n\
                 usage:\n  frequency: daily\n  time: [am]\n  step: treat\n"
            ),
        );
    }
    for n in 1..=9 {
        site.write(
            &format!("content/products/filler-{n}.yaml"),
            &format!(
                "name: Filler {n}\nbrand: Made Up\ncategory: serum\nsummary: Filler number {n}.\n\
                 concerns: [dullness]\nusage:\n  frequency: daily\n  time: [am]\n  step: treat\n"
            ),
        );
    }
    let mut session = Session::new(site.options());
    session.build().unwrap();
    let similar = |site: &TestSite| {
        site.page("/products/boost-ampoule/")
            .texts(".similar .product-list > li > a:not(.thumb)")
    };
    let before = similar(&site);
    assert!(!before.is_empty(), "the page lists similar products");
    assert!(
        !before.iter().any(|name| name.contains("Filler 9")),
        "Filler 9 starts outside the similar products: {before:?}"
    );

    let path = "content/products/filler-9.yaml";
    let changed = edit(&site, path, "summary: Filler number 9.", "summary: Edited.");
    session.rebuild(&[changed]).unwrap();
    assert_eq!(similar(&site), before);
    assert_matches_clean_build(&site, "a candidate's summary");

    // Sharing Boost Ampoule's specs ranks it above the other fillers. No
    // list or term changes with it: only the ranking tells the page.
    let changed = edit(
        &site,
        path,
        "summary: Edited.",
        "summary: Edited.\nspecs:\n  strength: high\n  volume: 2\n  preservative_free: true",
    );
    session.rebuild(&[changed]).unwrap();
    assert!(
        similar(&site).iter().any(|name| name.contains("Filler 9")),
        "Filler 9 now ranks among the similar products: {:?}",
        similar(&site)
    );
    assert_matches_clean_build(&site, "a candidate that starts to rank");
}

/// The sitemap follows the pages of a list when an edit moves a product
/// from one term to another: one term loses a page, the other gains one,
/// and no product, guide or term appears or goes.
#[test]
fn the_sitemap_follows_list_pages_that_come_and_go() {
    let site = TestSite::paged(1);
    let mut session = Session::new(site.options());
    session.build().unwrap();
    let sitemap =
        |site: &TestSite| std::fs::read_to_string(site.output().join("sitemap.xml")).unwrap();
    assert!(sitemap(&site).contains("/concerns/dullness/page/3/"));
    assert!(!sitemap(&site).contains("/concerns/dehydration/page/2/"));
    let changed = edit(
        &site,
        "content/products/boost-ampoule.yaml",
        "concerns: [dullness]",
        "concerns: [dehydration]",
    );
    session.rebuild(&[changed]).unwrap();
    assert!(!sitemap(&site).contains("/concerns/dullness/page/3/"));
    assert!(sitemap(&site).contains("/concerns/dehydration/page/2/"));
    assert_matches_clean_build(&site, "a product moved between terms");
}
