//! Careless and hostile inputs (an enormous picture header, a name too
//! long for a file, a link out of the site, a bad address): each is an
//! error at its file and line, found by `check` as by `build`, with exit
//! code 1, and the previous output stays as it was.

use std::process::Output;

use crate::common::{TestSite, picture, png_claiming};

const PRODUCT: &str = "content/products/meso-ampoule.yaml";

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `check` and then `build` on a site built once before: both fail
/// with exit code 1 and print `expected`, and the output is as it was.
fn refused_by_check_and_build(site: &TestSite, expected: &[&str]) {
    let before = site.snapshot_output();
    for command in ["check", "build"] {
        let out = site.run(&[command]);
        let errors = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{command}: {errors}");
        for part in expected {
            assert!(errors.contains(part), "{command}: no `{part}` in\n{errors}");
        }
        assert!(!errors.contains("panicked"), "{errors}");
    }
    assert_eq!(site.snapshot_output(), before, "the output changed");
}

fn built_site() -> TestSite {
    let site = TestSite::fixture("basic");
    site.built();
    site
}

/// Names `file` as the product's image, on the product's last line.
fn with_image(site: &TestSite, file: &str, bytes: &[u8]) -> usize {
    site.write_bytes(&format!("content/products/{file}"), bytes);
    let text = site.read(PRODUCT);
    let line = text.trim_end().lines().count() + 1;
    site.write(
        PRODUCT,
        &format!("{}\nimage: {{src: {file}, alt: A vial}}\n", text.trim_end()),
    );
    line
}

#[test]
fn a_picture_header_claiming_billions_of_pixels_is_an_error_not_an_abort() {
    for (width, height, words) in [
        (
            100_000,
            100_000,
            "a picture may be at most 16383 pixels on a side",
        ),
        (
            1,
            5_000_000,
            "a picture may be at most 16383 pixels on a side",
        ),
        (9_000, 9_000, "more than the 50 megapixels vial decodes"),
    ] {
        let site = built_site();
        let line = with_image(&site, "bomb.png", &png_claiming(width, height));
        let at = format!("{PRODUCT}:{line}:");
        refused_by_check_and_build(&site, &[&at, "cannot use image `bomb.png`", words]);
    }
    // A JPEG whose frame claims 65,500 × 65,500.
    let site = built_site();
    let mut jpeg = picture(16, 16, "jpg", 2);
    let frame = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    jpeg[frame + 5..frame + 9].copy_from_slice(&[0xFF, 0xDC, 0xFF, 0xDC]);
    with_image(&site, "bomb.jpg", &jpeg);
    refused_by_check_and_build(&site, &["65500 × 65500 pixels"]);
}

#[test]
fn a_picture_limit_can_be_raised_in_site_yaml() {
    let site = built_site();
    with_image(&site, "big.png", &picture(400, 300, "png", 3));
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{config}limits:\n  picture_megapixels: 0.1\n"),
    );
    refused_by_check_and_build(
        &site,
        &[
            "(0.1 megapixels), more than the 0.1 megapixels vial decodes",
            "picture_megapixels",
        ],
    );
    site.write(
        "site.yaml",
        &format!("{config}limits:\n  picture_megapixels: 0.2\n"),
    );
    site.built();
}

#[test]
fn a_picture_cut_in_half_is_an_error_at_its_line() {
    for format in ["jpg", "png", "webp"] {
        let site = built_site();
        let whole = picture(200, 100, format, 4);
        let line = with_image(&site, &format!("half.{format}"), &whole[..whole.len() / 2]);
        let at = format!("{PRODUCT}:{line}:");
        refused_by_check_and_build(&site, &[&at, "cut off"]);
    }
}

#[test]
fn a_name_too_long_for_a_file_is_found_by_check_at_its_line() {
    let site = built_site();
    let long = "Dull ".repeat(60);
    let text = site.read(PRODUCT);
    site.write(
        PRODUCT,
        &text.replace("concerns: [Dullness]", &format!("concerns: [{long}]")),
    );
    refused_by_check_and_build(&site, &[&format!("{PRODUCT}:8:"), "vial allows 120"]);
    // The sources put back, the next build succeeds: nothing was stuck.
    site.write(PRODUCT, &text);
    site.built();
    // A file name too long is refused the same way.
    let long_name = format!("content/products/{}.yaml", "a".repeat(121));
    site.write(&long_name, &text.replace("Lastlight", "Long"));
    refused_by_check_and_build(&site, &["vial allows 120"]);
}

#[test]
fn names_in_other_scripts_make_their_own_pages_and_two_names_for_one_page_are_named() {
    let site = TestSite::fixture("basic");
    let text = site.read(PRODUCT);
    site.write(
        PRODUCT,
        &text.replace("concerns: [Dullness]", "concerns: [Ölige Haut, 日本語]"),
    );
    let other = "content/products/daily-serum.yaml";
    let serum = site.read(other);
    let with_concerns = if serum.contains("concerns:") {
        serum.replacen("concerns: [", "concerns: [Älige Haut, ", 1)
    } else {
        format!("{}\nconcerns: [Älige Haut]\n", serum.trim_end())
    };
    site.write(other, &with_concerns);
    site.built();
    assert!(site.exists("/concerns/olige-haut/"));
    assert!(site.exists("/concerns/alige-haut/"));
    assert!(site.exists("/concerns/ri-ben-yu/"));
    assert_eq!(
        site.page("/concerns/olige-haut/")
            .one("h1")
            .text()
            .collect::<String>()
            .trim(),
        "Ölige Haut"
    );

    // Two spellings of one word that are not one name: both are named.
    site.write(other, &with_concerns.replace("Älige Haut", "Olige Haut"));
    let errors = site.errors();
    assert!(
        errors.contains("`Olige Haut` and `Ölige Haut`")
            || errors.contains("`Ölige Haut` and `Olige Haut`"),
        "{errors}"
    );
    assert!(errors.contains("concerns/olige-haut/"), "{errors}");
    assert!(
        errors.contains(PRODUCT) && errors.contains(other),
        "both files named: {errors}"
    );
}

#[test]
fn a_source_larger_than_the_limit_is_refused_before_it_is_read() {
    let site = built_site();
    let text = site.read(PRODUCT);
    let description = "word ".repeat(2_200_000);
    site.write(PRODUCT, &format!("{text}description: {description}\n"));
    refused_by_check_and_build(
        &site,
        &[
            PRODUCT,
            "more than the 10 MB vial reads of one file",
            "text_file_mb",
        ],
    );
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{config}limits:\n  text_file_mb: 20\n"),
    );
    site.built();
}

#[test]
fn base_urls_that_cannot_be_a_sites_address_are_refused() {
    let site = TestSite::fixture("basic");
    for url in [
        "https://example.org ",
        "https://exa mple.org/",
        "https://user:pw@example.org/",
        "https://example.org/kb/../../",
        "https://example.org/%2e%2e/",
        "https://notes.test/#frag",
    ] {
        let out = site.run(&["build", "--base-url", url]);
        assert_eq!(out.status.code(), Some(1), "{url}");
        assert!(
            stderr(&out).starts_with("--base-url: error:"),
            "{url}: {}",
            stderr(&out)
        );
    }
    assert!(!site.output().exists());
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        &config.replace("https://example.org", "https://notes.test/#frag"),
    );
    let out = site.run(&["check"]);
    assert!(stderr(&out).contains("site.yaml:2:"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn links_out_of_the_site_folder_are_refused_at_the_link() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.jpg"), picture(64, 64, "jpg", 5)).unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let site = built_site();
    let product_dir = site.root().join("content/products");
    std::os::unix::fs::symlink(
        outside.path().join("secret.jpg"),
        product_dir.join("linked.jpg"),
    )
    .unwrap();
    let text = site.read(PRODUCT);
    site.write(
        PRODUCT,
        &format!(
            "{}\nimage: {{src: linked.jpg, alt: A vial}}\n",
            text.trim_end()
        ),
    );
    refused_by_check_and_build(&site, &["symbolic link", "outside the site folder"]);
    site.write(PRODUCT, &text);
    std::fs::remove_file(product_dir.join("linked.jpg")).unwrap();
    // A static folder that leads outside: nothing of it is published.
    std::os::unix::fs::symlink(outside.path(), site.root().join("static")).unwrap();
    refused_by_check_and_build(&site, &["`static` is a symbolic link"]);
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_link_to_nothing_is_named_by_check_and_build() {
    let site = TestSite::fixture("basic");
    std::os::unix::fs::symlink(site.root().join("gone"), site.output()).unwrap();
    for command in ["check", "build"] {
        let out = site.run(&[command]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        let errors = stderr(&out);
        assert!(
            errors.contains("is a symbolic link to"),
            "{command}: {errors}"
        );
        assert!(
            errors.contains("which does not exist"),
            "{command}: {errors}"
        );
    }
}
