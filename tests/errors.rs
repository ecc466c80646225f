//! Bad input: every problem names its file, line and column, shows the line,
//! says how to fix it; all problems come together; the previous output is
//! left exactly as it was; nothing panics.

mod common;

use common::TestSite;

/// The first line of a diagnostic for `path`, e.g. `path:4:3: error: ...`.
fn headline<'a>(errors: &'a str, path: &str) -> &'a str {
    errors
        .lines()
        .find(|l| l.starts_with(path))
        .unwrap_or_else(|| panic!("no error for {path} in:\n{errors}"))
}

fn broken(edit: impl Fn(&TestSite)) -> (TestSite, String) {
    let site = TestSite::fixture("basic");
    edit(&site);
    let errors = site.errors();
    (site, errors)
}

fn replace_in(site: &TestSite, path: &str, from: &str, to: &str) {
    let text = site.read(path);
    assert!(text.contains(from), "{path} has no `{from}`");
    site.write(path, &text.replacen(from, to, 1));
}

#[test]
fn unknown_field_suggests_the_field_meant() {
    let (_, errors) = broken(|s| {
        replace_in(
            s,
            "content/products/meso-ampoule.yaml",
            "  frequency:",
            "  frequncy:",
        )
    });
    assert_eq!(
        headline(&errors, "content/products/meso-ampoule.yaml"),
        "content/products/meso-ampoule.yaml:15:3: error: unknown field `frequncy`"
    );
    assert!(errors.contains("15 |   frequncy: once a week"), "{errors}");
    assert!(
        errors.contains("help: did you mean `frequency`?"),
        "{errors}"
    );
}

#[test]
fn yaml_syntax_error_points_at_the_line() {
    let (_, errors) = broken(|s| {
        replace_in(
            s,
            "content/products/daily-serum.yaml",
            "concerns: [dehydration, dullness]",
            "concerns: [dehydration, dullness",
        )
    });
    let line = headline(&errors, "content/products/daily-serum.yaml");
    assert!(
        line.starts_with("content/products/daily-serum.yaml:"),
        "{line}"
    );
    let number: usize = line.split(':').nth(1).unwrap().parse().unwrap();
    assert!((12..=13).contains(&number), "{line}");
}

#[test]
fn wrong_type_says_what_was_expected() {
    let (_, errors) = broken(|s| {
        replace_in(
            s,
            "content/products/daily-serum.yaml",
            "volume: 30",
            "volume: lots",
        )
    });
    assert_eq!(
        headline(&errors, "content/products/daily-serum.yaml"),
        "content/products/daily-serum.yaml:15:11: error: spec `volume` must be a number (in ml)"
    );
    assert!(
        errors.contains("help: write a plain number, e.g. `volume: 30`"),
        "{errors}"
    );
}

#[test]
fn missing_required_field_is_named() {
    let (_, errors) = broken(|s| {
        replace_in(
            s,
            "content/products/boost-ampoule.yaml",
            "name: Boost Ampoule\n",
            "",
        )
    });
    let line = headline(&errors, "content/products/boost-ampoule.yaml");
    assert!(line.ends_with("error: the product has no `name`"), "{line}");
    assert!(errors.contains("help: add `name: …`"), "{errors}");
}

#[test]
fn unknown_category_suggests_the_nearest() {
    let (_, errors) = broken(|s| {
        replace_in(
            s,
            "content/products/meso-ampoule.yaml",
            "category: ampoule",
            "category: ampule",
        )
    });
    assert_eq!(
        headline(&errors, "content/products/meso-ampoule.yaml"),
        "content/products/meso-ampoule.yaml:3:11: error: unknown category `ampule`"
    );
    assert!(errors.contains("3 | category: ampule"), "{errors}");
    assert!(errors.contains("did you mean `ampoule`?"), "{errors}");
}

#[test]
fn unknown_routine_step_lists_the_steps() {
    let (_, errors) = broken(|s| {
        replace_in(
            s,
            "content/products/meso-ampoule.yaml",
            "step: treat",
            "step: exfoliate",
        )
    });
    assert_eq!(
        headline(&errors, "content/products/meso-ampoule.yaml"),
        "content/products/meso-ampoule.yaml:17:9: error: unknown routine step `exfoliate`"
    );
    assert!(
        errors.contains("expected one of `cleanse`, `treat`, `moisturize`, `protect`"),
        "{errors}"
    );
}

#[test]
fn unknown_spec_and_disallowed_enum_value_are_reported() {
    let (_, errors) = broken(|s| {
        replace_in(
            s,
            "content/products/meso-ampoule.yaml",
            "strength: high",
            "strength: extreme",
        );
        replace_in(
            s,
            "content/products/meso-ampoule.yaml",
            "volume: 2",
            "volumes: 2",
        );
    });
    assert!(errors.contains("content/products/meso-ampoule.yaml:10:13: error: spec `strength` must be one of its declared values"), "{errors}");
    assert!(
        errors.contains("`extreme` is not allowed; expected one of `low`, `medium`, `high`"),
        "{errors}"
    );
    assert!(
        errors.contains("content/products/meso-ampoule.yaml:11:3: error: unknown spec `volumes`"),
        "{errors}"
    );
    assert!(errors.contains("did you mean `volume`?"), "{errors}");
}

#[test]
fn bad_frequency_lists_the_accepted_forms() {
    let (_, errors) = broken(|s| {
        replace_in(
            s,
            "content/products/meso-ampoule.yaml",
            "once a week",
            "sometimes",
        )
    });
    assert_eq!(
        headline(&errors, "content/products/meso-ampoule.yaml"),
        "content/products/meso-ampoule.yaml:15:14: error: cannot read frequency `sometimes`"
    );
    assert!(errors.contains("`course of N-M days`"), "{errors}");
}

#[test]
fn unknown_time_of_day_suggests_am_or_pm() {
    let (_, errors) = broken(|s| {
        replace_in(
            s,
            "content/products/meso-ampoule.yaml",
            "time: [pm]",
            "time: [night]",
        )
    });
    let line = headline(&errors, "content/products/meso-ampoule.yaml");
    assert!(
        line.starts_with("content/products/meso-ampoule.yaml:16:10:"),
        "{line}"
    );
    assert!(line.ends_with("`night` is not one of `am`, `pm`"), "{line}");
    assert_eq!(errors.matches("error:").count(), 1, "{errors}");
}

#[test]
fn duplicate_slugs_are_reported() {
    let (_, errors) = broken(|s| {
        let text = s.read("content/products/meso-ampoule.yaml");
        s.write("content/products/meso-ampoule.yml", &text);
    });
    assert!(errors.contains("duplicate slug `meso-ampoule`"), "{errors}");
    assert!(
        errors.contains("help: rename one of the two files"),
        "{errors}"
    );
}

#[test]
fn file_names_must_be_slugs() {
    let (_, errors) = broken(|s| {
        let text = s.read("content/products/meso-ampoule.yaml");
        s.write("content/products/Lastlight Ampoule.yaml", &text);
    });
    assert!(errors.contains("content/products/Lastlight Ampoule.yaml: error: file name `Lastlight Ampoule` is not a valid slug"), "{errors}");
    assert!(
        errors.contains("rename the file to `lastlight-ampoule`"),
        "{errors}"
    );
}

#[test]
fn unclosed_front_matter_is_reported() {
    let (_, errors) = broken(|s| {
        s.write(
            "content/guides/open.md",
            "---\ntitle: Open\n\nNo closing fence.\n",
        );
    });
    assert!(
        errors.contains("content/guides/open.md:1:1: error: front matter is not closed"),
        "{errors}"
    );
    assert!(errors.contains("add a line with only `---`"), "{errors}");
}

#[test]
fn front_matter_errors_count_lines_from_the_top_of_the_file() {
    let (_, errors) = broken(|s| {
        s.write(
            "content/guides/typo.md",
            "---\ntitle: Typo\nsumary: oops\n---\nBody\n",
        );
    });
    assert_eq!(
        headline(&errors, "content/guides/typo.md"),
        "content/guides/typo.md:3:1: error: unknown field `sumary`"
    );
    assert!(errors.contains("did you mean `summary`?"), "{errors}");
}

#[test]
fn unknown_product_in_front_matter_is_reported() {
    let (_, errors) = broken(|s| {
        replace_in(
            s,
            "content/guides/basics.md",
            "products: [daily-serum]",
            "products: [daily-serun]",
        )
    });
    assert_eq!(
        headline(&errors, "content/guides/basics.md"),
        "content/guides/basics.md:5:12: error: unknown product `daily-serun`"
    );
    assert!(errors.contains("did you mean `daily-serum`?"), "{errors}");
}

#[test]
fn template_errors_name_the_template() {
    let (_, errors) = broken(|s| {
        s.write("templates/product.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ product.name \n{% endblock content %}");
    });
    let line = headline(&errors, "templates/product.html");
    assert!(line.starts_with("templates/product.html:"), "{line}");
    assert!(errors.contains("help: fix the template"), "{errors}");
}

#[test]
fn template_rendering_errors_name_the_template() {
    let (_, errors) = broken(|s| {
        s.write("templates/guide.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ guide.no_such_field }}\n{% endblock content %}");
    });
    let line = headline(&errors, "templates/guide.html");
    assert!(line.starts_with("templates/guide.html:3:"), "{line}");
}

#[test]
fn all_problems_are_reported_together() {
    let (_, errors) = broken(|s| {
        replace_in(
            s,
            "content/products/meso-ampoule.yaml",
            "category: ampoule",
            "category: ampule",
        );
        replace_in(
            s,
            "content/products/daily-serum.yaml",
            "  frequency:",
            "  frequncy:",
        );
        s.write("content/guides/open.md", "---\ntitle: Open\n");
        replace_in(
            s,
            "content/guides/routine.md",
            "[[meso-ampoule]]",
            "[[meso-ampoul]]",
        );
    });
    for path in [
        "content/products/meso-ampoule.yaml:3:11",
        "content/products/daily-serum.yaml:",
        "content/guides/open.md:1:1",
    ] {
        assert!(errors.contains(path), "missing {path} in:\n{errors}");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = TestSite::fixture("basic");
    site.built();
    let before = site.snapshot_output();
    replace_in(
        &site,
        "content/products/meso-ampoule.yaml",
        "step: treat",
        "step: treet",
    );
    replace_in(
        &site,
        "content/products/daily-serum.yaml",
        "name: Daily Serum",
        "name: Changed",
    );
    site.errors();
    assert_eq!(site.snapshot_output(), before);
    // No staging folder is left behind either.
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("vial-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn garbage_input_never_panics() {
    let garbage: &[&[u8]] = &[
        b"",
        b"\xff\xfe\x00binary",
        b"- just\n- a list\n",
        b"name: [unclosed",
        b"name: x\nusage: 5\n",
        b"{{{{",
        b"name: x\nbrand: y\ncategory: serum\nusage:\n  frequency: daily\n  time: []\n  step: treat\n",
        b"name: x\nbrand: y\ncategory: serum\nactives:\n  - name: ''\n    percent: 500\nusage:\n  frequency: course of 0 days\n  time: [am]\n  step: treat\n  position: after nowhere\n",
        b"&anchor a: *anchor",
        b"---\n---\n---\n",
    ];
    for (i, bytes) in garbage.iter().enumerate() {
        let site = TestSite::fixture("basic");
        std::fs::write(site.root().join("content/products/junk.yaml"), bytes).unwrap();
        std::fs::write(site.root().join("content/guides/junk.md"), bytes).unwrap();
        let errors = site.errors();
        assert!(
            errors.contains("content/products/junk.yaml:"),
            "case {i}: {errors}"
        );
        assert!(
            errors.contains("content/guides/junk.md:"),
            "case {i}: {errors}"
        );
    }
}

#[test]
fn site_yaml_problems_are_reported() {
    let (_, errors) = broken(|s| {
        replace_in(
            s,
            "site.yaml",
            "    type: enum\n    values: [low, medium, high]\n",
            "    type: enum\n",
        );
        replace_in(
            s,
            "site.yaml",
            "  - [serum, ampoule]",
            "  - [serum, ampoulee]",
        );
    });
    assert!(
        errors.contains("site.yaml:10:10: error: enum spec `strength` has no `values`"),
        "{errors}"
    );
}

#[test]
fn cli_exits_with_one_and_prints_the_errors() {
    let site = TestSite::fixture("basic");
    replace_in(
        &site,
        "content/products/meso-ampoule.yaml",
        "category: ampoule",
        "category: ampule",
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vial"))
        .args(["build", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("content/products/meso-ampoule.yaml:3:11: error: unknown category `ampule`"),
        "{stderr}"
    );
    assert!(stderr.contains("build failed"), "{stderr}");
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_vial"))
        .args(["check", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(!site.output().exists(), "check writes nothing");
}
