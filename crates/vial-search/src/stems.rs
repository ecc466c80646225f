//! Stemming in the site's language, without a stemmer in the browser:
//! each shard lists, under the key `~`, the groups of its words that
//! share a Snowball stem (`fertilizer fertilizers`). The browser looks a
//! typed word up in its shard and takes the other words of its group as
//! stemmed matches, so the two sides can never stem differently, and the
//! script stays the same for every language. A word the site never uses
//! has no group: the browser's prefix and typo matching still find it
//! (`docs/src/search.md`).
//!
//! Groups stay within a shard: a shard's bytes then depend on its own
//! words only, so an update rewrites the shards it touched and no other.
//! Words of one stem almost always share their first two letters (the
//! stem starts them); those that do not are not grouped.

use std::collections::BTreeMap;

use rust_stemmers::{Algorithm, Stemmer};

/// The key of the groups in a shard: no word holds `~`.
pub(super) const GROUPS_KEY: &str = "~";

/// The Snowball algorithm for `language` (`en`, `de-AT`…), if Snowball has
/// one: a language it lacks gets no stemming.
pub(super) fn algorithm(language: &str) -> Option<Algorithm> {
    let code = language.split(['-', '_']).next()?.to_ascii_lowercase();
    Some(match code.as_str() {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "en" => Algorithm::English,
        "es" => Algorithm::Spanish,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "nl" => Algorithm::Dutch,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

/// The groups of `words` (one shard's, sorted) that share a stem, as the
/// browser reads them: groups separated by spaces, their words by commas,
/// in word order. `None` when no two words share a stem.
pub(super) fn groups(words: &[&str], algorithm: Option<Algorithm>) -> Option<String> {
    let stemmer = Stemmer::create(algorithm?);
    let mut by_stem: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for word in words {
        // Digits stem to themselves: skip the call.
        if word.bytes().any(|b| !b.is_ascii_digit()) {
            let stem = stemmer.stem(word).into_owned();
            by_stem.entry(stem).or_default().push(word);
        }
    }
    let mut groups: Vec<Vec<&str>> = by_stem.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_unstable();
    (!groups.is_empty()).then(|| {
        groups
            .iter()
            .map(|g| g.join(","))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_one_stem_are_grouped_in_the_sites_language() {
        let en = algorithm("en-GB");
        let words = ["serum", "serums", "set", "setting", "settings", "sun"];
        assert_eq!(
            groups(&words, en).as_deref(),
            Some("serum,serums set,setting,settings")
        );
        // German stems fold what the index folded: Dünger, Düngers.
        assert_eq!(
            groups(&["dung", "dunger", "dungers"], algorithm("de")).as_deref(),
            Some("dung,dunger,dungers")
        );
        // No Snowball stemmer for Japanese: no groups.
        assert_eq!(groups(&words, algorithm("ja")), None);
    }
}
