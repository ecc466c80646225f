//! Images: every width a page offers exists at its size, in WebP and in the
//! source's format; problems are reported at the line that names the
//! image; and a rebuild with unchanged images decodes and encodes nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::common::{Page, TestSite, picture};
use scraper::ElementRef;

/// Adds top-level `yaml` at the end of a product or category file.
fn append(site: &TestSite, path: &str, yaml: &str) {
    let text = site.read(path);
    site.write(path, &format!("{}\n{yaml}", text.trim_end()));
}

/// The line `append` writes its first line to.
fn next_line(site: &TestSite, path: &str) -> usize {
    site.read(path).trim_end().lines().count() + 1
}

fn attr<'a>(element: ElementRef<'a>, name: &str) -> &'a str {
    element
        .value()
        .attr(name)
        .unwrap_or_else(|| panic!("no `{name}` on {:?}", element.value()))
}

/// The URLs and widths of a `srcset`.
fn srcset(element: ElementRef<'_>) -> Vec<(String, u32)> {
    attr(element, "srcset")
        .split(", ")
        .map(|candidate| {
            let (url, width) = candidate.split_once(' ').unwrap();
            (
                url.to_string(),
                width.trim_end_matches('w').parse().unwrap(),
            )
        })
        .collect()
}

fn widths(element: ElementRef<'_>) -> Vec<u32> {
    srcset(element).into_iter().map(|(_, w)| w).collect()
}

/// The file of an output URL.
fn output_file(site: &TestSite, url: &str) -> PathBuf {
    site.output().join(url.trim_start_matches('/'))
}

/// Checks that every candidate of `element`'s srcset is a file of the
/// given format, exactly as wide as it says and of the source's aspect.
fn assert_variants(site: &TestSite, element: ElementRef<'_>, extension: &str, aspect: (u32, u32)) {
    for (url, width) in srcset(element) {
        assert!(url.ends_with(&format!(".{extension}")), "{url}");
        let file = output_file(site, &url);
        let (w, h) =
            image::image_dimensions(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(w, width, "{url}");
        assert_eq!(h, (width * aspect.1 + aspect.0 / 2) / aspect.0, "{url}");
    }
}

fn product_page(site: &TestSite, slug: &str) -> Page {
    site.page(&format!("/products/{slug}/"))
}

#[test]
fn a_product_image_is_a_picture_with_a_variant_per_width() {
    let site = TestSite::fixture("basic");
    site.write_bytes(
        "content/products/daily-serum.png",
        &picture(1200, 600, "png", 1),
    );
    append(
        &site,
        "content/products/daily-serum.yaml",
        "image:\n  src: daily-serum.png\n  alt: A pale blue dropper bottle\n",
    );
    site.built();
    let page = product_page(&site, "daily-serum");

    let webp = page.one(".page-image source[type=\"image/webp\"]");
    assert_eq!(widths(webp), [320, 640, 960, 1200]);
    assert_variants(&site, webp, "webp", (1200, 600));
    let img = page.one(".page-image img");
    assert_eq!(widths(img), [320, 640, 960, 1200]);
    assert_variants(&site, img, "png", (1200, 600));
    // `src` is the widest fallback, and `width`/`height` are its size.
    assert_eq!(attr(img, "src"), srcset(img).last().unwrap().0);
    assert_eq!((attr(img, "width"), attr(img, "height")), ("1200", "600"));
    assert_eq!(attr(img, "alt"), "A pale blue dropper bottle");
    assert_eq!(attr(webp, "sizes"), attr(img, "sizes"));
    // The main image is above the fold: loaded at once, first.
    assert_eq!(img.value().attr("loading"), None);
    assert_eq!(attr(img, "fetchpriority"), "high");

    // In lists, a thumbnail that waits until it is scrolled to.
    let list = site.page("/products/");
    let thumb = list.one(".product-list .thumb img");
    assert_eq!(attr(thumb, "loading"), "lazy");
    assert_eq!(attr(thumb, "decoding"), "async");
    assert_eq!(attr(thumb, "src"), attr(img, "src"));
    // Products without a picture keep their plain card.
    assert_eq!(list.select(".product-list li").len(), 3);
    assert_eq!(list.select(".product-list li.with-image").len(), 1);
}

#[test]
fn the_main_image_is_the_page_image_for_og_image() {
    let site = TestSite::fixture("basic");
    site.write_bytes(
        "content/products/daily-serum.jpg",
        &picture(600, 400, "jpg", 1),
    );
    append(
        &site,
        "content/products/daily-serum.yaml",
        "image:\n  src: daily-serum.jpg\n  alt: A bottle\n",
    );
    site.write(
        "templates/product.html",
        "{% extends \"base.html\" %}{% block content %}{% if page.image %}<p id=\"og\">{{ page.image.og_url }} {{ page.image.width }}x{{ page.image.height }}</p>{% endif %}{% endblock content %}",
    );
    site.built();
    let og = product_page(&site, "daily-serum").texts("#og").remove(0);
    let (url, size) = og.split_once(' ').unwrap();
    assert!(
        url.starts_with("https://example.org/images/daily-serum-600.") && url.ends_with(".jpg"),
        "{url}"
    );
    assert_eq!(size, "600x400");
    let file = output_file(&site, url.trim_start_matches("https://example.org"));
    assert_eq!(image::image_dimensions(file).unwrap(), (600, 400));
}

#[test]
fn a_photo_falls_back_to_jpeg_and_a_webp_needs_no_fallback() {
    let site = TestSite::fixture("basic");
    site.write_bytes("content/products/boost.jpg", &picture(800, 600, "jpg", 2));
    append(
        &site,
        "content/products/boost-ampoule.yaml",
        "image:\n  src: boost.jpg\n  alt: An amber vial\n",
    );
    site.write_bytes(
        "content/categories/serum.webp",
        &picture(400, 400, "webp", 3),
    );
    append(
        &site,
        "content/categories/serum.yaml",
        "image:\n  src: serum.webp\n  alt: Three dropper bottles\n",
    );
    site.built();

    let page = product_page(&site, "boost-ampoule");
    let webp = page.one(".page-image source[type=\"image/webp\"]");
    assert_eq!(widths(webp), [320, 640, 800]);
    let img = page.one(".page-image img");
    assert_variants(&site, img, "jpg", (800, 600));

    let category = site.page("/categories/serum/");
    assert!(category.select(".page-image source").is_empty());
    let img = category.one(".page-image img");
    assert_eq!(widths(img), [320, 400]);
    assert_variants(&site, img, "webp", (1, 1));
}

#[test]
fn a_guide_has_a_hero_image_and_a_gallery() {
    let site = TestSite::fixture("basic");
    for (name, seed) in [("hero", 1), ("one", 2), ("two", 3)] {
        site.write_bytes(
            &format!("content/guides/pictures/{name}.png"),
            &picture(700, 350, "png", seed),
        );
    }
    let text = site.read("content/guides/basics.md").replacen(
        "---\n",
        "---\nimage:\n  src: pictures/hero.png\n  alt: A shelf\nimages:\n  - src: pictures/one.png\n    alt: A jar\n  - {src: pictures/two.png, alt: A tube}\n",
        1,
    );
    site.write("content/guides/basics.md", &text);
    site.built();
    let page = site.page("/guides/basics/");
    let hero = page.one(".hero-image img");
    assert_eq!(hero.value().attr("loading"), None);
    // 640 is within 10% of 700: it would add nothing.
    assert_eq!(widths(hero), [320, 700]);
    let gallery = page.select(".gallery img");
    let alts: Vec<&str> = gallery.iter().map(|img| attr(*img, "alt")).collect();
    assert_eq!(alts, ["A jar", "A tube"]);
    assert!(gallery.iter().all(|img| attr(*img, "loading") == "lazy"));
    // Each picture of a gallery links to its widest variant.
    let links = page.select(".gallery a");
    assert_eq!(attr(links[0], "href"), attr(gallery[0], "src"));
}

#[test]
fn image_problems_are_errors_at_the_line_that_names_the_image() {
    let site = TestSite::fixture("basic");
    let no_alt = next_line(&site, "content/products/daily-serum.yaml");
    append(
        &site,
        "content/products/daily-serum.yaml",
        "image:\n  src: daily.png\n",
    );
    site.write_bytes("content/products/daily.png", &picture(10, 10, "png", 1));
    // The picture is in content/images/, the product looks beside itself.
    site.write_bytes("content/images/boost.png", &picture(10, 10, "png", 1));
    let missing = next_line(&site, "content/products/boost-ampoule.yaml") + 1;
    append(
        &site,
        "content/products/boost-ampoule.yaml",
        "image:\n  src: boost.png\n  alt: A vial\n",
    );
    site.write(
        "content/products/notes.png",
        "these are notes, not a picture",
    );
    let unreadable = next_line(&site, "content/products/meso-ampoule.yaml") + 1;
    append(
        &site,
        "content/products/meso-ampoule.yaml",
        "images:\n  - src: notes.png\n    alt: Notes\n",
    );
    let outside = next_line(&site, "content/categories/serum.yaml") + 1;
    append(
        &site,
        "content/categories/serum.yaml",
        "image:\n  src: ../../secret.png\n  alt: A secret\n",
    );
    let errors = site.errors();
    for expected in [
        format!(
            "content/products/daily-serum.yaml:{no_alt}:1: error: `image` has no `alt` text"
        ),
        "help: add `alt: …`: a few words that say what the picture shows".to_string(),
        format!(
            "content/products/boost-ampoule.yaml:{missing}:8: error: image `boost.png` not found"
        ),
        "help: did you mean `../images/boost.png`? (image paths are relative to this file's folder, `content/products/`)".to_string(),
        format!(
            "content/products/meso-ampoule.yaml:{unreadable}:10: error: cannot read image `notes.png`:"
        ),
        format!(
            "content/categories/serum.yaml:{outside}:8: error: `../../secret.png` leads out of the site's `content/` folder"
        ),
    ] {
        assert!(errors.contains(&expected), "no `{expected}` in:\n{errors}");
    }
    // Editors and CI match on stable codes.
    let json = String::from_utf8(site.run(&["check", "--format", "json"]).stdout).unwrap();
    for code in ["image-not-found", "image-unreadable", "missing-field"] {
        assert!(
            json.contains(&format!("\"code\":\"{code}\"")),
            "{code}:\n{json}"
        );
    }
}

#[test]
fn an_image_over_six_thousand_pixels_is_a_warning_at_its_line() {
    let site = TestSite::fixture("basic");
    site.write_bytes("content/products/banner.png", &picture(6001, 2, "png", 1));
    let line = next_line(&site, "content/products/daily-serum.yaml") + 1;
    append(
        &site,
        "content/products/daily-serum.yaml",
        "image:\n  src: banner.png\n  alt: A long banner\n",
    );
    let report = site.build().unwrap();
    let warnings = report.warnings.to_string();
    assert!(
        warnings.contains(&format!(
            "content/products/daily-serum.yaml:{line}:8: warning: image `banner.png` is large (0.0 MB, 6001 × 2 px)"
        )),
        "{warnings}"
    );
    // It is still resized: pages never show more than 1280 px.
    let page = product_page(&site, "daily-serum");
    assert_eq!(widths(page.one(".page-image img")), [320, 640, 960, 1280]);
}

/// Modification times of the cache's files.
fn cache_state(root: &Path) -> Vec<(PathBuf, SystemTime)> {
    let mut files: Vec<(PathBuf, SystemTime)> = fs::read_dir(root.join(vial_images::CACHE_DIR))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.path(), e.metadata().unwrap().modified().unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_rebuild_with_unchanged_images_decodes_and_encodes_nothing() {
    let site = TestSite::fixture("basic");
    site.write_bytes("content/products/daily.png", &picture(700, 500, "png", 1));
    site.write_bytes("content/products/boost.jpg", &picture(500, 700, "jpg", 2));
    // The same bytes under another name: decoded once.
    site.write_bytes(
        "content/products/daily-again.png",
        &picture(700, 500, "png", 1),
    );
    let name_it = |product: &str, src: &str| {
        append(
            &site,
            &format!("content/products/{product}.yaml"),
            &format!("image:\n  src: {src}\n  alt: A picture\n"),
        );
    };
    name_it("daily-serum", "daily.png");
    name_it("boost-ampoule", "boost.jpg");
    name_it("meso-ampoule", "daily-again.png");

    let first = site.build().unwrap().images;
    assert_eq!(first.decoded, 2, "{first:?}");
    assert!(first.encoded > 0);
    let cache = cache_state(site.root());
    assert_eq!(cache.len(), first.encoded);
    let output = site.snapshot_output();

    let second = site.build().unwrap();
    assert_eq!(
        (second.images.decoded, second.images.encoded),
        (0, 0),
        "{:?}",
        second.images
    );
    assert_eq!(second.images.cached, first.cached + first.encoded);
    assert_eq!(
        cache_state(site.root()),
        cache,
        "the cache was not rewritten"
    );
    assert_eq!(second.files.written, 0);
    assert_eq!(site.snapshot_output(), output);

    // The cache is safe to delete: the next build makes the same files.
    fs::remove_dir_all(site.root().join(".vial/cache")).unwrap();
    let third = site.build().unwrap().images;
    assert_eq!(third, first);
    assert_eq!(site.snapshot_output(), output);

    // A changed picture is the only one decoded again.
    site.write_bytes("content/products/boost.jpg", &picture(500, 700, "jpg", 9));
    let fourth = site.build().unwrap().images;
    assert_eq!(fourth.decoded, 1, "{fourth:?}");
    let page = product_page(&site, "boost-ampoule");
    let img = page.one(".page-image img");
    assert_variants(&site, img, "jpg", (500, 700));
    // The old variants left the output, and the cache, with the old picture.
    let variants = fs::read_dir(site.output().join("images")).unwrap().count();
    assert_eq!(
        variants,
        output
            .iter()
            .filter(|(p, _)| p.starts_with("images"))
            .count()
    );
    assert_eq!(cache_state(site.root()).len(), cache.len());
}
