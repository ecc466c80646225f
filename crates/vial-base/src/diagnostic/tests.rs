//! Tests of diagnostics: positions, snippets cut to a window, hints for
//! misspelt names, and each printed format.

use super::snippet::{SNIPPET_AFTER, SNIPPET_BEFORE};
use super::*;

#[test]
fn line_column_counts_characters_from_one() {
    let text = "ab\ncdé\nf";
    assert_eq!(line_column(text, 0), (1, 1));
    assert_eq!(line_column(text, 3), (2, 1));
    assert_eq!(line_column(text, 7), (2, 4));
    assert_eq!(line_column(text, 100), (3, 2));
}

#[test]
fn did_you_mean_finds_near_misses_only() {
    let fields = ["frequency", "time", "step"];
    assert_eq!(did_you_mean("frequncy", fields), Some("frequency"));
    assert_eq!(did_you_mean("colour", fields), None);
}

#[test]
fn nearest_keeps_three_related_names_at_most() {
    let slugs = [
        "sticky-trap",
        "sticky-traps-large",
        "yellow-sticky-cards",
        "neem-oil",
        "repotting-mix",
        "trap-crop",
    ];
    assert_eq!(nearest("sticky-traps", slugs), ["sticky-trap"]);
    assert_eq!(
        nearest("sticky", slugs),
        ["sticky-trap", "sticky-traps-large", "yellow-sticky-cards"]
    );
    assert_eq!(nearest("fertiliser", slugs), Vec::<&str>::new());
    assert_eq!(nearest("neem", slugs), ["neem-oil"]);
}

#[test]
fn suggestions_never_list_a_whole_catalogue() {
    let many: Vec<String> = (0..10_000).map(|i| format!("product-{i}")).collect();
    let hint = suggestion("zzz-unrelated", many.iter().map(String::as_str));
    assert_eq!(hint, "none of the 10000 names comes close");
    let few = ["low", "medium", "high"];
    assert_eq!(
        suggestion("extreme", few),
        "expected one of `low`, `medium`, `high`"
    );
    assert_eq!(suggestion("hihg", few), "did you mean `high`?");
}

#[test]
fn display_shows_location_snippet_caret_and_help() {
    let file = SourceFile::new("content/products/a.yaml", "name: A\ncategory: ampule\n");
    let d = file
        .error(
            Code::UnknownCategory,
            file.location(2, 11),
            "unknown category `ampule`",
        )
        .with_help("did you mean `ampoule`?");
    let shown = d.to_string();
    assert_eq!(
        shown,
        "content/products/a.yaml:2:11: error: unknown category `ampule`\n  |\n2 | category: ampule\n  |           ^\n  = help: did you mean `ampoule`?\n"
    );
}

#[test]
fn snippets_of_long_lines_are_cut_around_the_column() {
    let line = "x".repeat(1_000_000) + "BAD" + &"y".repeat(1_000_000);
    let snippet = Snippet::around(&line, 1_000_001);
    assert!(snippet.text.chars().count() <= SNIPPET_BEFORE + SNIPPET_AFTER + 2);
    assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'));
    let caret: String = snippet
        .text
        .chars()
        .skip(snippet.caret - 1)
        .take(3)
        .collect();
    assert_eq!(caret, "BAD");
    let short = Snippet::around("key: value", 6);
    assert_eq!((short.text.as_str(), short.caret), ("key: value", 6));
}

#[test]
fn a_whole_file_location_shows_no_line() {
    let d = Diagnostic::error(Code::Io, Location::file("public"), "cannot write");
    assert_eq!(d.to_string(), "public: error: cannot write\n");
    assert_eq!(d.json()["line"], serde_json::Value::Null);
}

#[test]
fn machine_formats_carry_file_line_code_and_help() {
    let file = SourceFile::new("content/products/a.yaml", "name: A\nbrand: [A, B]\n");
    let d = file
        .error(
            Code::WrongType,
            file.location(2, 8),
            "`brand` takes one name, not a list",
        )
        .with_help("write `brand: A`, with one name");
    let json: serde_json::Value = serde_json::from_str(d.render(Format::Json).trim_end()).unwrap();
    assert_eq!(json["file"], "content/products/a.yaml");
    assert_eq!(json["line"], 2);
    assert_eq!(json["column"], 8);
    assert_eq!(json["code"], "wrong-type");
    assert_eq!(json["severity"], "error");
    assert_eq!(json["help"], "write `brand: A`, with one name");
    assert_eq!(
        d.render(Format::Github),
        "::error file=content/products/a.yaml,line=2,col=8,title=wrong-type::`brand` takes one name, not a list%0Ahelp: write `brand: A`, with one name\n"
    );
}
