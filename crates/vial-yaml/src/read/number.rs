//! Numbers as people write them in YAML (`2`, `-0.5`, `1_000`), and the
//! number a value starts with when a unit or `%` follows it. The model
//! reads numbers this way too, outside the reader.

/// A YAML number as a person writes it: `2`, `-0.5`, `1e3`, `1_000`.
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned = text.replace('_', "");
    let looks_numeric = cleaned
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    if !looks_numeric || cleaned.is_empty() {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The number a value starts with, once a unit or `%` is dropped and a
/// decimal comma is read as a point.
pub(super) fn leading_number(text: &str) -> Option<f64> {
    let text = text.replace(',', ".");
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+')))
        .map_or(text.len(), |(i, _)| i);
    parse_number(text[..end].trim_end_matches('.'))
}
