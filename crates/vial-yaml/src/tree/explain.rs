//! Syntax errors in a content editor's words. The parser says what it
//! expected in YAML's own terms (scalars, mappings, flow sequences); a
//! person needs the line to look at and what to write there. The parser's
//! complaints and the advice each gets live here, apart from building the
//! tree.

use serde_saphyr::granit_parser::ScanError;

use super::{Pos, SyntaxError};

/// A syntax error in plain words, at the place a person would look.
/// `last_scalar` is where the last value read before the error started.
pub(super) fn explain(error: &ScanError, text: &str, last_scalar: Option<Pos>) -> SyntaxError {
    let marker = error.marker();
    let at = Pos {
        line: marker.line().max(1),
        column: marker.col() + 1,
    };
    let info = error.info();
    if info.contains("tab") {
        return explain_tab(at, text);
    }
    if let Some(open) = unclosed_flow(text, at) {
        return unclosed(open);
    }
    misplaced_line(&info, at, text, last_scalar)
        .or_else(|| unreadable_value(&info, at, text))
        .unwrap_or_else(|| {
            problem(
                at,
                "this line is not valid YAML",
                "look for a missing `:` after a field name, a stray character, an unclosed quote or bracket, or a line indented differently from its neighbours",
            )
        })
}

/// A line that stands where it cannot: text holding `: ` read as another
/// field, a list item among fields, a line indented differently from its
/// neighbours.
fn misplaced_line(
    info: &str,
    at: Pos,
    text: &str,
    last_scalar: Option<Pos>,
) -> Option<SyntaxError> {
    if info.contains("mapping values are not allowed") {
        let same_line = last_scalar.is_some_and(|s| s.line == at.line);
        if same_line {
            return Some(problem(
                at,
                "this text contains `: `, which YAML reads as the start of another field",
                quote_hint(line_of(text, at.line)),
            ));
        }
        return Some(indentation(first_char(text, at.line)));
    }
    if info.contains("did not find expected key") {
        if line_of(text, at.line).trim_start().starts_with("- ") {
            return Some(problem(
                first_char(text, at.line),
                "a list item where a field was expected",
                "put list items under the field they belong to, indented below it",
            ));
        }
        return Some(indentation(first_char(text, at.line)));
    }
    info.contains("expected '-'").then(|| {
        problem(
            first_char(text, at.line),
            "this line is indented differently from the list items above it",
            "start every item of a list with `- `, in the same column",
        )
    })
}

/// A value that cannot be read: a quote never closed, an `*alias` to
/// nothing defined, a character no value starts with, lists and groups
/// nested past what vial reads.
fn unreadable_value(info: &str, at: Pos, text: &str) -> Option<SyntaxError> {
    if info.contains("unclosed quote") || info.contains("unterminated") {
        return Some(problem(
            at,
            "this quote is never closed",
            "end the text with the quote mark it starts with; inside '…' write a ' as '', inside \"…\" write \\\"",
        ));
    }
    if info.contains("unknown anchor") {
        return Some(problem(
            at,
            "this `*` names something that is not defined above it",
            "define it first with `&name` on an earlier value, or put the text in quotes if the `*` is part of it",
        ));
    }
    if info.contains("unexpected character") || info.contains("misplaced bracket") {
        let line = line_of(text, at.line);
        let found = line.chars().nth(at.column - 1).unwrap_or(' ');
        return Some(problem(
            at,
            format!("`{found}` cannot start a value here"),
            quote_hint(line),
        ));
    }
    (info.contains("recursion limit") || info.contains("nesting")).then(|| SyntaxError {
        too_large: true,
        ..problem(
            at,
            "this file is nested too deeply",
            "lists and groups may be nested a few levels, not hundreds",
        )
    })
}

/// A list or group whose bracket, opened on an earlier line, is never
/// closed.
fn unclosed((bracket, at): (char, Pos)) -> SyntaxError {
    let (what, close) = if bracket == '[' {
        ("list", ']')
    } else {
        ("group", '}')
    };
    problem(
        at,
        format!(
            "the {what} opened with `{bracket}` on line {} is not closed",
            at.line
        ),
        format!("end the {what} with `{close}`, as in `concerns: [dryness, dullness]`"),
    )
}

fn problem(at: Pos, message: impl Into<String>, help: impl Into<String>) -> SyntaxError {
    SyntaxError {
        at,
        too_large: false,
        message: message.into(),
        help: help.into(),
    }
}

/// The text of the 1-based line `n`, or nothing past the end.
fn line_of(text: &str, n: usize) -> &str {
    text.lines().nth(n.saturating_sub(1)).unwrap_or("")
}

/// Where line `n`'s text starts, after its indentation.
fn first_char(text: &str, n: usize) -> Pos {
    Pos {
        line: n,
        column: line_of(text, n).chars().take_while(|c| *c == ' ').count() + 1,
    }
}

fn indentation(at: Pos) -> SyntaxError {
    SyntaxError {
        at,
        too_large: false,
        message: "this line is indented differently from the lines above it".into(),
        help: "the fields of one group start in the same column: line it up with the field it belongs with".into(),
    }
}

/// A tab is reported where it is: the parser may notice it a line early.
fn explain_tab(at: Pos, text: &str) -> SyntaxError {
    let indented = (at.line..=at.line + 1).find_map(|n| {
        let line = text.lines().nth(n - 1)?;
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        indent.find('\t').map(|i| Pos {
            line: n,
            column: indent[..i].chars().count() + 1,
        })
    });
    match indented {
        Some(at) => SyntaxError {
            at,
            too_large: false,
            message: "this line is indented with a tab".into(),
            help: "indent with spaces, not tabs".into(),
        },
        None => SyntaxError {
            at,
            too_large: false,
            message: "a tab where YAML expects spaces".into(),
            help: "replace the tab with spaces".into(),
        },
    }
}

/// `key: "the rest"`, built from the offending line.
fn quote_hint(line: &str) -> String {
    let trimmed = line.trim_start();
    let (prefix, rest) = trimmed
        .strip_prefix("- ")
        .map_or(("", trimmed), |rest| ("- ", rest));
    match rest.split_once(": ") {
        Some((key, value)) if !key.contains(' ') || key.len() < 30 => {
            let value = value.trim().replace('\\', "\\\\").replace('"', "\\\"");
            format!("put the whole text in quotes: `{prefix}{key}: \"{value}\"`")
        }
        _ => "put the whole text in quotes".to_string(),
    }
}

/// The innermost `[` or `{` left open before `at`, if it was opened on an
/// earlier line: a list that runs on until the parser chokes was not
/// closed. Brackets inside quotes and comments are skipped.
fn unclosed_flow(text: &str, at: Pos) -> Option<(char, Pos)> {
    let mut open: Vec<(char, Pos)> = Vec::new();
    for (number, line) in text.lines().enumerate().take(at.line) {
        let number = number + 1;
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        for (column, c) in line.chars().enumerate() {
            if number == at.line && column + 1 >= at.column {
                break;
            }
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if open.last().is_some() || previous == ' ' => quote = Some(c),
                (None, '#') if previous == ' ' || column == 0 => break,
                (None, '[' | '{') => open.push((
                    c,
                    Pos {
                        line: number,
                        column: column + 1,
                    },
                )),
                (None, ']' | '}') => {
                    open.pop();
                }
                _ => {}
            }
            previous = c;
        }
    }
    open.pop().filter(|(_, pos)| pos.line < at.line)
}
