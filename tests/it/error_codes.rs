//! The book's chapter of error codes, written from `Code::ALL` and from real
//! builds: every code has a broken site here that vial reports it for, and
//! the chapter shows what vial said. The test fails when the chapter
//! differs from what the code and the builds say; `VIAL_WRITE_DOCS=1 cargo
//! test` writes it anew.

use std::fmt::Write as _;
use std::path::Path;

use vial_base::diagnostic::{Code, Diagnostic};

use crate::common::{TestSite, picture};

const MESO: &str = "content/products/meso-ampoule.yaml";
const GUIDE: &str = "content/guides/routine.md";

fn replace_in(site: &TestSite, path: &str, from: &str, to: &str) {
    site.replace_in(path, from, to);
}

fn put(site: &TestSite, path: &str, text: &str) {
    site.write(path, text);
}

fn append(site: &TestSite, path: &str, text: &str) {
    let before = site.read(path);
    site.write(path, &format!("{before}{text}"));
}

/// Breaks the basic fixture so that vial reports `code`.
fn break_for(code: Code, site: &TestSite) {
    match code {
        Code::YamlSyntax => replace_in(site, MESO, "[Dullness]", "[Dullness"),
        Code::DuplicateKey => replace_in(
            site,
            MESO,
            "category: ampoule",
            "category: ampoule\nbrand: Other",
        ),
        Code::UnknownField => replace_in(site, MESO, "summary:", "sumary:"),
        Code::MissingField => replace_in(site, MESO, "category: ampoule\n", ""),
        Code::WrongType => replace_in(site, MESO, "time: [pm]", "time: pm"),
        Code::InvalidValue => replace_in(site, MESO, "strength: high", "strength: extreme"),
        Code::TooLarge => replace_in(
            site,
            MESO,
            "[Dullness]",
            &format!("[{}]", "very ".repeat(60)),
        ),
        Code::FrontMatter => put(
            site,
            "content/guides/notes.md",
            "---\ntitle: Notes\n\nText.\n",
        ),
        Code::FileName => put(site, "content/products/Night Oil.yaml", &site.read(MESO)),
        Code::DuplicateSlug => {
            replace_in(site, MESO, "[Dullness]", "[Skin (dry), Skin dry]");
        }
        Code::UnknownCategory => replace_in(site, MESO, "category: ampoule", "category: ampule"),
        Code::UnknownStep => replace_in(site, MESO, "step: treat", "step: tone"),
        Code::UnknownSpec => replace_in(site, MESO, "volume: 2", "volume: 2\n  colour: amber"),
        Code::UnknownProduct => replace_in(site, GUIDE, "[boost-ampoule]", "[bost-ampoule]"),
        Code::UnknownTheme => append(site, "site.yaml", "theme: fancy\n"),
        Code::UnknownGroup => append(
            site,
            "site.yaml",
            "routine:\n  groups:\n    ampoules: {categories: [ampoule]}\n  rules:\n    - key: one-ampoule\n      message: One ampoule at a time.\n      apart: [ampoule]\n",
        ),
        Code::UnknownTerm => append(
            site,
            "site.yaml",
            "routine:\n  groups:\n    brighteners: {concerns: [dulness]}\n  rules:\n    - key: one-brightener\n      message: One brightener at a time.\n      apart: [brighteners]\n",
        ),
        Code::UndeclaredTerm => {
            site.close_concerns();
            replace_in(site, MESO, "[Dullness]", "[Dulness]");
        }
        Code::SimilarTerm => replace_in(site, MESO, "[Dullness]", "[Dulness]"),
        Code::Frequency => replace_in(site, MESO, "once a week", "now and then"),
        Code::Position => replace_in(site, MESO, "position: last", "position: middle"),
        Code::BrokenLink => replace_in(site, GUIDE, "[[meso-ampoule]]", "[[meso-ampul]]"),
        Code::UnusedDescription => {
            site.write("content/concerns/redness.yaml", "what_it_does: Calms.\n");
        }
        Code::Template => put(
            site,
            "templates/guides.html",
            "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ title | nope }}</h1>\n{% endblock content %}\n",
        ),
        Code::OutputInSources => append(site, "site.yaml", "output: content\n"),
        Code::OutputNotOurs => put(site, "public/notes.txt", "mine\n"),
        Code::OutputConflict => {
            site.built();
            site.write(
                "public/products/meso-ampoule/index.html",
                "edited by hand\n",
            );
        }
        Code::NoSite => {
            site.remove("site.yaml");
        }
        Code::MissingString => put(
            site,
            "templates/guides.html",
            "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ t(key=\"guides.heading\") }}</h1>\n{% endblock content %}\n",
        ),
        Code::UnknownString => put(site, "i18n/en.yaml", "usage:\n  how_oftn: Use it\n"),
        Code::PlaceholderUrl => {}
        Code::DeadLink => append(
            site,
            GUIDE,
            "\nSee <a href=\"/nowhere/\">the old page</a>.\n",
        ),
        Code::ShadowedFile => put(site, "static/guides/index.html", "<p>mine</p>\n"),
        Code::InvalidAlias => replace_in(
            site,
            MESO,
            "category: ampoule",
            "category: ampoule\naliases: [https://old.example.org/meso/]",
        ),
        Code::AliasClash => replace_in(
            site,
            MESO,
            "category: ampoule",
            "category: ampoule\naliases: [/guides/routine/]",
        ),
        Code::RedirectsFile => {
            put(site, "static/_redirects", "/old /new 301\n");
            append(site, "site.yaml", "redirects: netlify\n");
        }
        Code::ImageNotFound => append(site, MESO, "image:\n  src: vial.jpg\n  alt: The vial\n"),
        Code::ImageUnreadable => {
            site.write("content/products/vial.png", "not a picture");
            append(site, MESO, "image:\n  src: vial.png\n  alt: The vial\n");
        }
        Code::ImageTooLarge => {
            site.write_bytes("content/products/banner.png", &picture(6001, 2, "png", 1));
            append(
                site,
                MESO,
                "image:\n  src: banner.png\n  alt: A long banner\n",
            );
        }
        Code::Io => {
            site.write("notes.txt", "a file where a folder is needed\n");
            append(site, "site.yaml", "output: notes.txt/public\n");
        }
        Code::UntranslatedLabel => replace_in(
            site,
            "site.yaml",
            "description: A fixture site.",
            "description: A fixture site.\nlanguages:\n  de: {}",
        ),
        Code::LinkOutside => {
            // A file every Unix system has, so the example reads the same
            // on every machine.
            let link = site.root().join("content/products/linked.yaml");
            std::os::unix::fs::symlink("/etc/passwd", link).unwrap();
        }
        Code::Untranslated => {
            with_german(site);
            put(site, MESO_DE, "name: Letztlicht-Ampulle\n");
        }
        Code::PartialTranslation => {
            with_german(site);
            put(
                site,
                MESO_DE,
                "name: Letztlicht-Ampulle\nsummary: Kommt zuletzt.\n",
            );
        }
        Code::NoDisclosure => append(
            site,
            MESO,
            "links:\n  - label: Glow Cabinet\n    url: https://glow-cabinet.example/meso\n    sponsored: true\n",
        ),
        Code::OutdatedTranslation => {
            with_german(site);
            put(
                site,
                MESO_DE,
                "name: Letztlicht-Ampulle\nsummary: Kommt zuletzt, über die Feuchtigkeitspflege.\n",
            );
            site.built();
            replace_in(site, MESO, "Goes on last", "Goes on at the very end");
        }
        Code::AddressTaken => put(site, "content/pages/products.md", "---\ntitle: All\n---\n"),
        Code::UnknownPage => append(site, "site.yaml", "menus:\n  footer:\n    - page: about\n"),
        Code::RenamedPage => {
            site.built();
            let guides = site.root().join("content/guides");
            std::fs::rename(guides.join("basics.md"), guides.join("serum-basics.md")).unwrap();
        }
    }
}

const MESO_DE: &str = "content/products/meso-ampoule.de.yaml";

/// Declares German beside the fixture's English.
fn with_german(site: &TestSite) {
    append(site, "site.yaml", "language: en\nlanguages:\n  de: {}\n");
}

/// What vial says of the broken site: the first problem with `code`,
/// errors and warnings alike, with the temporary folder's path taken out.
fn reported(code: Code) -> Option<String> {
    let site = TestSite::fixture("basic");
    break_for(code, &site);
    let problems: Vec<Diagnostic> = match site.build() {
        Ok(report) => report.warnings.0,
        Err(problems) => problems.0,
    };
    let found = problems.into_iter().find(|d| d.code == code)?;
    let root = site.root().display().to_string();
    let said = found.to_string().replace(&format!("{root}/"), "");
    Some(said.replace(&root, "my-site").trim_end().to_string())
}

fn chapter() -> String {
    let mut out = String::from(
        "<!-- Written by `VIAL_WRITE_DOCS=1 cargo test` from the codes in \
         crates/vial-base/src/diagnostic/code.rs and the broken sites of \
         tests/it/error_codes.rs: edit those, not this file. -->\n",
    );
    let mut missing = Vec::new();
    for &code in Code::ALL {
        let about = code.about();
        let Some(example) = reported(code) else {
            missing.push(about.name);
            continue;
        };
        let _ = write!(
            out,
            "\n### {}\n\n{}\n\n```text\n{example}\n```\n\n**Fix:** {}\n",
            about.name, about.meaning, about.fix
        );
    }
    assert!(
        missing.is_empty(),
        "tests/it/error_codes.rs: no broken site reports {missing:?}"
    );
    out
}

#[test]
fn the_books_error_codes_are_what_vial_reports() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src/error-codes.md");
    let written = chapter();
    if std::env::var_os("VIAL_WRITE_DOCS").is_some() {
        std::fs::write(&path, &written).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == written,
        "{} is not what vial reports: run `VIAL_WRITE_DOCS=1 cargo test` and commit it",
        path.display()
    );
}
