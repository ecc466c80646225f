//! Tests of the reader: every problem of a file in one run, misplaced
//! fields reported once, and numbers read as people write them.

use super::number::leading_number;
use super::*;
use crate::{Origin, tree};
use vial_base::diagnostic::SourceFile;

fn problems(text: &str, read: impl for<'t> Fn(&mut Reader<'t>, Fields<'t>)) -> Vec<String> {
    let origin = Origin::whole(SourceFile::new("p.yaml", text));
    let tree = tree::parse(text).unwrap();
    let mut reader = Reader::new(&origin, &tree, "product");
    let fields = reader.root(&tree);
    read(&mut reader, fields);
    reader.finish().iter().map(Diagnostic::brief).collect()
}

fn product<'t>(r: &mut Reader<'t>, mut top: Fields<'t>) {
    top.required_text(r, "name");
    top.required_text(r, "brand");
    if let Some(f) = top.get("draft") {
        f.bool(r);
    }
    if let Some(f) = top.get("percent") {
        f.number(r);
    }
    if let Some(usage) = top.require(r, "usage").and_then(|f| f.fields(r)) {
        let mut usage = usage;
        usage.required_text(r, "frequency");
        if let Some(time) = usage.require(r, "time") {
            for item in time.list(r).unwrap_or_default() {
                item.one_of(r, &["am", "pm"]);
            }
        }
        usage.get("cautions").map(|c| c.texts(r));
        usage.finish(r);
    }
    top.finish(r);
}

#[test]
fn every_problem_of_a_file_is_reported_in_one_run() {
    let text = "name: A\nbrand: [A, B]\ndraft: yes\nusage:\n  frequncy: daily\n  time: [noon]\n";
    assert_eq!(
        problems(text, product),
        [
            "2:8 `brand` takes one value, not a list | write one value: `brand: A`",
            "3:8 `draft` is `true` or `false` | write `draft: true` or `draft: false`",
            "6:10 `noon` is not one of `am`, `pm` | expected one of `am`, `pm`",
            "5:3 unknown field `frequncy` | did you mean `frequency`?",
        ]
    );
}

#[test]
fn a_field_at_the_wrong_indentation_is_reported_once_as_misplaced() {
    let text = "name: A\nbrand: B\nusage:\n  frequency: daily\ntime: [am]\n";
    assert_eq!(
        problems(text, product),
        [
            "5:1 `time` is not inside `usage` | indent `time` to line up with the other fields of `usage`"
        ]
    );
}

#[test]
fn a_scalar_where_a_list_belongs_shows_the_list_to_write() {
    let text = "name: A\nbrand: B\nusage:\n  frequency: daily\n  time: pm\n";
    assert_eq!(
        problems(text, product),
        ["5:9 `time` is a list | write `time: [pm]`"]
    );
}

#[test]
fn numbers_with_units_suggest_the_plain_number() {
    let text = "name: A\nbrand: B\npercent: 0.9%\nusage:\n  frequency: daily\n  time: [am]\n";
    assert_eq!(
        problems(text, product),
        ["3:10 `percent` is a number | write `percent: 0.9`"]
    );
}

#[test]
fn missing_top_level_field_names_the_document() {
    let text = "brand: B\nusage:\n  frequency: daily\n  time: [am]\n";
    assert_eq!(
        problems(text, product),
        ["1:1 the product has no `name` | add `name: …`"]
    );
}

#[test]
fn a_repeated_key_names_both_lines() {
    let text = "name: A\nbrand: B\nusage:\n  frequency: daily\n  time: [am]\nbrand: C\n";
    assert_eq!(
        problems(text, product),
        ["6:1 `brand` appears twice (lines 2 and 6) | keep one of them; vial reads the first"]
    );
}

#[test]
fn numbers_read_as_people_write_them() {
    assert_eq!(parse_number("2"), Some(2.0));
    assert_eq!(parse_number("-0.5"), Some(-0.5));
    assert_eq!(parse_number("1_000"), Some(1000.0));
    assert_eq!(parse_number("0.9%"), None);
    assert_eq!(parse_number("inf"), None);
    assert_eq!(leading_number("30 ml"), Some(30.0));
    assert_eq!(leading_number("2,5 %"), Some(2.5));
    assert_eq!(leading_number("lots"), None);
}
