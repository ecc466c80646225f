//! Small helpers on words and numbers that every stage shares: slugs made
//! from names, a capital first letter, numbers without a needless `.0`.

/// Lowercase ASCII words joined by `-`: `Vitamin C (ascorbic acid)` becomes
/// `vitamin-c-ascorbic-acid`, `Ölige Haut` `olige-haut`. Two spellings that
/// differ only in case, spaces, `-` and `_` are one term
/// (`model::same_name`); two other names that slugify alike are a problem.
pub fn slugify(s: &str) -> String {
    let mut slug = String::with_capacity(s.len());
    let mut push = |c: char| {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    };
    for c in s.chars() {
        if c.is_ascii() {
            push(c);
        } else {
            // Letters of other scripts in Latin ones (Ö → O, 日本 → Ri Ben),
            // as Zola's slugs do: dropped, they made "Ölige Haut" and
            // "Älige Haut" one term.
            deunicode::deunicode_char(c)
                .unwrap_or("-")
                .chars()
                .for_each(&mut push);
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// A key or label as a URL segment: `plant_types` becomes `plant-types`.
pub fn slugify_path(s: &str) -> String {
    slugify(&s.replace('_', "-"))
}

pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A name as it reads inside a sentence in languages that write common
/// nouns in small letters: `Serum` as `serum`, `Fungus gnats` as `fungus
/// gnats`, `Vitamin C` as `vitamin C`. A first word that is not a plain
/// capitalised word (`MTB`, `pH`, `X`) is left as it is.
pub fn in_sentence_case(name: &str) -> String {
    let first_word = name.split_whitespace().next().unwrap_or("");
    let mut chars = first_word.chars();
    let plain = chars.next().is_some_and(char::is_uppercase)
        && chars.clone().next().is_some()
        && chars.all(|c| !c.is_uppercase());
    if !plain {
        return name.to_string();
    }
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Numbers without a needless `.0`: `2`, `0.5`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_a_sentence_keep_acronyms_and_inner_capitals() {
        assert_eq!(in_sentence_case("Serum"), "serum");
        assert_eq!(in_sentence_case("Fungus gnats"), "fungus gnats");
        assert_eq!(in_sentence_case("Vitamin C"), "vitamin C");
        assert_eq!(in_sentence_case("MTB"), "MTB");
        assert_eq!(in_sentence_case("pH balance"), "pH balance");
        assert_eq!(in_sentence_case("X"), "X");
        assert_eq!(in_sentence_case("Ölige Haut"), "ölige Haut");
    }

    #[test]
    fn slugify_merges_spellings() {
        assert_eq!(slugify("Hyaluronic Acid"), "hyaluronic-acid");
        assert_eq!(slugify(" hyaluronic  acid "), "hyaluronic-acid");
        assert_eq!(
            slugify("Vitamin C (ascorbic acid)"),
            "vitamin-c-ascorbic-acid"
        );
        assert_eq!(slugify("Crème"), "creme");
    }

    #[test]
    fn slugs_spell_other_scripts_in_latin_letters() {
        assert_eq!(slugify("Ölige Haut"), "olige-haut");
        assert_ne!(slugify("Ölige Haut"), slugify("Älige Haut"));
        assert_eq!(slugify("日本語"), "ri-ben-yu");
        assert_eq!(slugify("Straße"), "strasse");
    }
}
