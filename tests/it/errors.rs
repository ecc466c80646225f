//! Bad input: every problem names its file, line and column, shows the line,
//! says how to fix it; all problems come together; the previous output is
//! left exactly as it was; nothing panics.

use crate::common::TestSite;

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
    site.replace_in(path, from, to);
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
        "content/products/meso-ampoule.yaml:15:14: error: cannot read the schedule `sometimes`"
    );
    assert!(errors.contains("`every other day`"), "{errors}");
    assert!(
        errors.contains("`a course of 3-5 days, then once a week`"),
        "{errors}"
    );
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
fn template_errors_after_a_constant_call_keep_their_column() {
    // `t(...)` and `asset(...)` with a literal are written into the
    // template before it compiles; the error must still point at the
    // column the author sees: 79, where `no_such_field` starts.
    let (_, errors) = broken(|s| {
        s.write("templates/guide.html", "{% extends \"base.html\" %}\n{% block content %}\n<a href=\"{{ asset(path='style.css') }}\">{{ t(key=\"site.skip\") }}</a> {{ guide.no_such_field }}\n{% endblock content %}");
    });
    let line = headline(&errors, "templates/guide.html");
    assert!(line.starts_with("templates/guide.html:3:79:"), "{line}");
}

#[test]
fn every_unknown_filter_and_function_is_an_error_at_its_line() {
    // tera reports the names it does not know all at once, in one message:
    // each is an error of its own, at the column the author sees.
    let (_, errors) = broken(|s| {
        s.write("templates/guide.html", "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ t(key=\"site.skip\") }} {{ guide.title | shout }}</p>\n{{ nope() }}\n{% endblock content %}");
    });
    assert!(
        errors.contains("templates/guide.html:3:46: error: Unknown filter `shout`"),
        "{errors}"
    );
    assert!(
        errors.contains("templates/guide.html:4:4: error: Unknown function `nope`"),
        "{errors}"
    );
    assert!(!errors.contains("error: error:"), "{errors}");
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
fn a_file_not_saved_as_utf8_is_named_with_how_to_fix_it() {
    let site = TestSite::fixture("basic");
    // "café" in Latin-1: the é is one byte that UTF-8 does not allow there.
    std::fs::write(
        site.root().join("content/guides/latin1.md"),
        b"---\ntitle: Caf\xe9\n---\nText.\n",
    )
    .unwrap();
    let errors = site.errors();
    assert!(
        errors.contains("content/guides/latin1.md:2:11: error: the file is not UTF-8 text")
            && errors.contains("title: Caf")
            && errors.contains("save the file as UTF-8"),
        "{errors}"
    );
    assert!(!errors.contains("stream did not contain"), "{errors}");
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
        errors.contains("site.yaml:20:10: error: enum spec `strength` has no `values`"),
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
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("content/products/meso-ampoule.yaml:3:11: error: unknown category `ampule`"),
        "{stderr}"
    );
    assert!(stderr.contains("build failed"), "{stderr}");
    let check = site.run(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(!site.output().exists(), "check writes nothing");
}

/// The product file `meso-ampoule` with `from` replaced by `to`, built; the
/// rendered diagnostics.
fn product_mistake(from: &str, to: &str) -> String {
    let (_, errors) = broken(|s| replace_in(s, "content/products/meso-ampoule.yaml", from, to));
    errors
}

/// Words of parsers and of Rust that a content editor should never see.
const JARGON: [&str; 9] = [
    "scalar",
    "mapping",
    "sequence",
    "variant",
    "Option<",
    "DuplicateKeyPolicy",
    "budget",
    "deserializ",
    "os error",
];

fn assert_plain(errors: &str) {
    for word in JARGON {
        assert!(
            !errors.to_lowercase().contains(&word.to_lowercase()),
            "`{word}` in:\n{errors}"
        );
    }
}

#[test]
fn common_yaml_mistakes_get_plain_words_at_the_right_line() {
    let path = "content/products/meso-ampoule.yaml";
    // (from, to, headline, help)
    let cases = [
        (
            "usage:\n",
            "brand: Someone Else\nusage:\n",
            "14:1: error: `brand` appears twice (lines 2 and 14)",
            "keep one of them",
        ),
        (
            "time: [pm]",
            "time: pm",
            "16:9: error: `time` is a list",
            "write `time: [pm]`",
        ),
        (
            "brand: Vale & Vial",
            "brand: [Vale, Vial]",
            "2:8: error: `brand` takes one value, not a list",
            "write one value: `brand: Vale`",
        ),
        (
            "  step: treat",
            "\tstep: treat",
            "17:1: error: this line is indented with a tab",
            "indent with spaces, not tabs",
        ),
        (
            "summary: Goes on last, over moisturizer.",
            "summary: Tip: goes on last",
            "4:13: error: this text contains `: `",
            "put the whole text in quotes: `summary: \"Tip: goes on last\"`",
        ),
        (
            "percent: 2",
            "percent: 0.9%",
            "7:14: error: `percent` is a number",
            "write `percent: 0.9`",
        ),
        (
            "  step: treat",
            "   step: treat",
            "17:4: error: this line is indented differently from the lines above it",
            "line it up",
        ),
        (
            "time: [pm]",
            "time: [night]",
            "16:10: error: `night` is not one of `am`, `pm`",
            "expected one of `am`, `pm`",
        ),
        (
            "  time: [pm]\n",
            "",
            "14:1: error: `usage` has no `time`",
            "add `time: …` among the fields of `usage`",
        ),
        (
            "  time: [pm]\n  step: treat\n  position: last\n  instructions: |\n    Smooth over moisturizer as the **last** step.\n  cautions:\n    - Stop if your skin stings.\n    - Space sessions out.\n",
            "  step: treat\ntime: [pm]\n",
            "17:1: error: `time` is not inside `usage`",
            "indent `time` to line up with the other fields of `usage`",
        ),
    ];
    for (from, to, headline, help) in cases {
        let errors = product_mistake(from, to);
        let expected = format!("{path}:{headline}");
        assert!(
            errors.lines().any(|l| l.starts_with(&expected)),
            "expected `{expected}` in:\n{errors}"
        );
        assert!(
            errors.contains(help),
            "expected help `{help}` in:\n{errors}"
        );
        assert_plain(&errors);
    }
}

#[test]
fn an_alias_bomb_is_too_large_not_a_crash() {
    let mut bomb = String::from("name: Bomb\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let (_, errors) = broken(|s| {
        s.write("content/products/bomb.yaml", &bomb);
    });
    assert!(
        errors.contains("content/products/bomb.yaml:")
            && errors.contains("this file holds too many values (vial reads at most 100000"),
        "{errors}"
    );
    assert_plain(&errors);
}

#[test]
fn every_problem_of_a_file_comes_in_one_run() {
    let (_, errors) = broken(|s| {
        let path = "content/products/meso-ampoule.yaml";
        replace_in(s, path, "position: last", "postion: last");
        replace_in(
            s,
            path,
            "preservative_free: true",
            "preservative_free: maybe",
        );
        replace_in(s, path, "once a week", "sometimes");
    });
    let mine: Vec<&str> = errors
        .lines()
        .filter(|l| l.starts_with("content/products/meso-ampoule.yaml:"))
        .collect();
    assert_eq!(mine.len(), 3, "{errors}");
    assert!(
        mine[0].ends_with("spec `preservative_free` must be `true` or `false`"),
        "{errors}"
    );
    assert!(
        mine[1].ends_with("cannot read the schedule `sometimes`"),
        "{errors}"
    );
    assert!(mine[2].ends_with("unknown field `postion`"), "{errors}");
    assert!(errors.contains("did you mean `position`?"), "{errors}");
}

#[test]
fn suggestions_name_three_slugs_at_most() {
    let (_, errors) = broken(|s| {
        let text = s.read("content/products/meso-ampoule.yaml");
        for i in 0..300 {
            s.write(
                &format!("content/products/sticky-trap-{i}.yaml"),
                &text.replace("Lastlight Ampoule", &format!("Sticky Trap {i}")),
            );
        }
        let guide = s.read("content/guides/basics.md");
        s.write(
            "content/guides/basics.md",
            &format!("{guide}\nSee [[sticky-traps]] and [[fertiliser]].\n"),
        );
    });
    let helps: Vec<&str> = errors.lines().filter(|l| l.contains("= help:")).collect();
    assert_eq!(helps.len(), 2, "{errors}");
    for help in helps {
        assert!(help.matches('`').count() <= 6, "{help}");
        assert!(help.len() < 200, "{help}");
    }
}

#[test]
fn a_huge_line_shows_a_short_snippet() {
    let site = TestSite::fixture("basic");
    let line = format!("name: \"{}", "x".repeat(2_000_000));
    site.write("content/products/huge.yaml", &line);
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/products/huge.yaml:1:"), "{stderr}");
    assert!(stderr.len() < 2_000, "{} bytes on stderr", stderr.len());
}

#[test]
fn site_yaml_problems_point_at_their_key_without_knock_on_errors() {
    let (_, errors) = broken(|s| {
        let text = s.read("site.yaml");
        s.write(
            "site.yaml",
            &text.replace(
                "description: A fixture site.",
                "description: A fixture site.\ntheme: fancy",
            ),
        );
    });
    assert!(
        errors.starts_with("site.yaml:4:8: error: theme `fancy` not found"),
        "{errors}"
    );
    assert!(
        !errors.contains("is missing"),
        "no knock-on errors: {errors}"
    );

    let (_, errors) = broken(|s| {
        replace_in(s, "site.yaml", "slots: [pm]", "slots: [noon]");
    });
    assert!(
        errors.starts_with("site.yaml:11:55: error: `noon` is not one of `am`, `pm`"),
        "{errors}"
    );
    assert!(errors.contains("`am`, `pm`"), "{errors}");
}

#[test]
fn a_wrong_root_says_which_folder_and_how_to_make_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    for (root, says) in [
        (missing.clone(), "does not exist"),
        (
            dir.path().to_path_buf(),
            "has no site.yaml: it is not a vial site",
        ),
    ] {
        let out = crate::common::run_vial(&["build"], &root);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{stderr}");
        assert!(stderr.contains(&root.display().to_string()), "{stderr}");
        assert!(stderr.contains("vial init"), "{stderr}");
        assert!(!stderr.contains(":1:1"), "{stderr}");
        assert!(!stderr.contains("untouched"), "{stderr}");
        assert!(stderr.contains("nothing was written"), "{stderr}");
    }
}

#[test]
fn every_flag_of_every_command_is_described() {
    let commands: &[&str] = if cfg!(feature = "serve") {
        &["build", "check", "serve", "init"]
    } else {
        &["build", "check", "init"]
    };
    for &command in commands {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_vial"))
            .args([command, "-h"])
            .output()
            .unwrap();
        let help = String::from_utf8_lossy(&out.stdout);
        let options: Vec<&str> = help
            .lines()
            .filter(|l| l.trim_start().starts_with('-') && !l.contains("--help"))
            .collect();
        assert!(!options.is_empty() || command == "init", "{help}");
        for line in options {
            let spec_end = line.trim_start().find("  ").unwrap_or(line.len());
            let description = line.trim_start()[spec_end..].trim();
            assert!(
                description.len() > 10,
                "`vial {command}`: `{}` has no description",
                line.trim()
            );
        }
    }
}

#[test]
fn check_prints_json_lines_and_github_annotations() {
    let site = TestSite::fixture("basic");
    replace_in(
        &site,
        "content/products/meso-ampoule.yaml",
        "category: ampoule",
        "category: ampule",
    );
    replace_in(
        &site,
        "content/products/boost-ampoule.yaml",
        "time: [",
        "tiem: [",
    );
    let run = |format: &str| site.run(&["check", "--format", format]);
    let json = run("json");
    assert_eq!(json.status.code(), Some(1));
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&json.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    let codes: Vec<&str> = records
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"unknown-category"), "{codes:?}");
    assert!(codes.contains(&"unknown-field"), "{codes:?}");
    let category = records
        .iter()
        .find(|r| r["code"] == "unknown-category")
        .unwrap();
    assert_eq!(category["file"], "content/products/meso-ampoule.yaml");
    assert_eq!(category["line"], 3);
    assert_eq!(category["column"], 11);
    assert_eq!(category["end_line"], 3);
    assert_eq!(category["severity"], "error");
    assert!(category["message"].as_str().unwrap().contains("ampule"));
    assert!(category["help"].as_str().unwrap().contains("ampoule"));

    let github = run("github");
    let stdout = String::from_utf8_lossy(&github.stdout);
    assert!(
        stdout.lines().any(|l| l.starts_with(
            "::error file=content/products/meso-ampoule.yaml,line=3,col=11,title=unknown-category::unknown category `ampule`%0Ahelp: "
        )),
        "{stdout}"
    );
    assert!(stdout.lines().all(|l| l.starts_with("::")), "{stdout}");
}

#[test]
fn a_day_that_is_not_in_the_calendar_is_an_error_at_its_line() {
    // 30 February would be published as "February 30, 2026", in the
    // sitemap and JSON-LD too.
    let (_, errors) = broken(|s| {
        replace_in(
            s,
            "content/guides/routine.md",
            "date: 2026-03-02",
            "date: 2026-02-30",
        );
    });
    assert!(
        errors.contains("content/guides/routine.md:4:7: error: `2026-02-30` is not a date"),
        "{errors}"
    );
    assert!(errors.contains("help: 2026-02 has 28 days"), "{errors}");
}
