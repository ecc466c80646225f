//! Tests of the tree: values kept as written, repeated keys, aliases
//! counted, and syntax errors told in plain words at the right line.

use super::*;

fn map(text: &str) -> Vec<Entry> {
    match parse(text).unwrap().root.value {
        Value::Map(entries) => entries,
        other => panic!("not a map: {other:?}"),
    }
}

fn error(text: &str) -> SyntaxError {
    parse(text).unwrap_err()
}

#[test]
fn scalars_keep_their_text_style_and_position() {
    let entries = map("a: 1.10\nb: 'yes'\nc:\nd: |\n  line\n");
    let scalar = |i: usize| match &entries[i].value.value {
        Value::Scalar(s) => (s.text.as_str(), s.style),
        other => panic!("{other:?}"),
    };
    assert_eq!(scalar(0), ("1.10", Style::Plain));
    assert_eq!(scalar(1), ("yes", Style::Quoted));
    assert_eq!(entries[2].value.value, Value::Empty);
    assert_eq!(scalar(3), ("line\n", Style::Block));
    assert_eq!(entries[3].value.at, Pos { line: 5, column: 3 });
    assert_eq!(entries[1].key.at, Pos { line: 2, column: 1 });
}

#[test]
fn a_repeated_key_is_kept_once_and_reported_with_both_lines() {
    let tree = parse("brand: A\nname: X\nbrand: B\n").unwrap();
    assert_eq!(
        tree.problems,
        [TreeProblem::DuplicateKey {
            name: "brand".into(),
            first: Pos { line: 1, column: 1 },
            again: Pos { line: 3, column: 1 },
        }]
    );
    let Value::Map(entries) = tree.root.value else {
        panic!()
    };
    assert_eq!(entries.len(), 2);
}

#[test]
fn aliases_copy_and_count_toward_the_limit() {
    let entries = map("a: &x [1, 2]\nb: *x\n");
    assert_eq!(entries[0].value.value, entries[1].value.value);
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..8 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let e = error(&bomb);
    assert!(e.too_large, "{e:?}");
    assert!(e.message.contains("too many values"));
}

#[test]
fn syntax_errors_speak_plainly_at_the_right_line() {
    let e = error("summary: Tip: shake well\n");
    assert!(e.message.contains("contains `: `"), "{e:?}");
    assert_eq!(
        e.help,
        "put the whole text in quotes: `summary: \"Tip: shake well\"`"
    );

    let e = error("name: a\n\tbrand: b\n");
    assert_eq!(
        (e.at.line, e.message.as_str()),
        (2, "this line is indented with a tab")
    );
    assert_eq!(e.help, "indent with spaces, not tabs");

    let e = error("usage:\n   frequency: daily\n  step: treat\n");
    assert_eq!(e.at, Pos { line: 3, column: 3 });
    assert!(e.message.contains("indented differently"), "{e:?}");

    let e = error("usage:\n  frequency: daily\n   step: treat\n");
    assert_eq!(e.at.line, 3);
    assert!(e.message.contains("indented differently"), "{e:?}");

    let e = error("concerns: [a, b\nname: x\n");
    assert_eq!(
        e.at,
        Pos {
            line: 1,
            column: 11
        }
    );
    assert_eq!(
        e.message,
        "the list opened with `[` on line 1 is not closed"
    );

    let e = error("a: 'open\nb: c\n");
    assert_eq!(e.message, "this quote is never closed");
}

#[test]
fn no_message_uses_parser_words() {
    let broken = [
        "a: [b\n",
        "a: {b: c\n",
        "- a\nb: c\n",
        "a: b\n- c\n",
        "a: *x\n",
        "@a: b\n",
        "a: `b`\n",
        "a:\n  b: 1\n c: 2\n",
        "a: \"x\n",
        "? [a]\n: b\nc: [\n",
    ];
    let jargon = [
        "scalar",
        "mapping",
        "sequence",
        "token",
        "indicator",
        "block",
        "flow",
    ];
    for text in broken {
        let e = error(text);
        let shown = format!("{} {}", e.message, e.help).to_lowercase();
        for word in jargon {
            assert!(!shown.contains(word), "{text:?}: {shown}");
        }
    }
}

#[test]
fn only_the_first_document_is_read() {
    let tree = parse("a: 1\n---\nb: 2\n").unwrap();
    assert_eq!(
        tree.problems,
        [TreeProblem::SecondDocument {
            at: Pos { line: 2, column: 1 }
        }]
    );
}
