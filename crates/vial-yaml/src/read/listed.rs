//! Names listed in messages the way a sentence lists them: `a`, `b` or
//! `c`. Shared by every message of the reader, apart from any one of them.

/// `` `a`, `b` or `c` ``.
pub(super) fn listed(names: &[&str], last: &str) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    join_last(&quoted, last)
}

/// `a, b and c`.
pub(super) fn listed_plain(items: &[String]) -> String {
    join_last(items, "and")
}

fn join_last(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., end] => format!("{} {last} {end}", rest.join(", ")),
    }
}

pub(super) fn quoted(names: &[&str]) -> String {
    if names.is_empty() {
        return "none".to_string();
    }
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
