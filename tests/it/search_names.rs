//! What a site tells its search: other names (`aka:`), synonyms and field
//! weights (`search:` in site.yaml), as the index the browser reads holds
//! them; and each mistake in them reported at its line.

use crate::common::TestSite;
use crate::search::{Index, shown_text};

const DIGITS: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// The records that `name` (folded words, one space between) names, read
/// from the table of its shard as the browser reads it: per record, an
/// FNV-1a hash of the name in six digits of 6 bits, then the record's
/// number as a gap, in digits of 5 bits (32 added to all but the last).
fn named(index: &Index, name: &str) -> Vec<usize> {
    let hash = name.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    let shard = index.shard(&name.chars().take(2).collect::<String>());
    let digits: Vec<u32> = (shard["="].as_str().unwrap_or_default().chars())
        .map(|c| DIGITS.find(c).unwrap() as u32)
        .collect();
    let (mut found, mut at, mut record) = (Vec::new(), 0, 0);
    while at + 6 < digits.len() {
        let h = digits[at..at + 6]
            .iter()
            .fold(0u64, |h, d| h * 64 + u64::from(*d));
        at += 6;
        let (mut gap, mut shift) = (0, 0);
        loop {
            let d = digits[at];
            at += 1;
            gap |= (d & 31) << shift;
            shift += 5;
            if d < 32 {
                break;
            }
        }
        record += gap as usize;
        if h == u64::from(hash) {
            found.push(record);
        }
    }
    found
}

/// The fixture with `aka:` on a product and a term, and `search:` as given.
fn site(search: &str) -> TestSite {
    let site = TestSite::fixture("basic");
    let product = site.read("content/products/meso-ampoule.yaml");
    site.write(
        "content/products/meso-ampoule.yaml",
        &product.replace(
            "name: Lastlight Ampoule\n",
            "name: Lastlight Ampoule\naka: [Last Light, LL Vial]\n",
        ),
    )
    .write(
        "content/actives/hyaluronic-acid.yaml",
        "name: Hyaluronic acid\naka: hyaluronan\nwhat_it_does: Holds water.\n",
    );
    let config = site.read("site.yaml");
    site.write("site.yaml", &format!("{config}{search}"));
    site
}

#[test]
fn other_names_find_their_page_by_name_and_show_in_its_excerpt() {
    let site = site("");
    site.built();
    let index = Index::of(&site);
    let n = index.number_of("/products/meso-ampoule/");
    // Each name, typed whole, is in the names table of its first word's
    // shard, so the browser can put the page first.
    for name in ["lastlight ampoule", "last light", "ll vial"] {
        assert_eq!(named(&index, name), [n], "`{name}`");
    }
    // Its words find it too, and the reader sees why.
    assert!(index.postings("ll").contains_key(&n));
    assert!(shown_text(&index.record(n)).contains("Also known as: Last Light and LL Vial"));
    // A guide's title is no name: typed whole it is just its words.
    let guide = index.number_of("/guides/routine/");
    assert!(
        !index
            .postings("fitting an ampoule in ")
            .contains_key(&guide)
    );
    // A term's other name is its page's name, and a synonym of its name
    // everywhere: the entry lists the group for the browser.
    let term = index.number_of("/actives/hyaluronic-acid/");
    assert_eq!(named(&index, "hyaluronan"), [term]);
    assert_eq!(named(&index, "hyaluronic acid"), [term]);
    let groups = &index.entry["syn"];
    assert!(
        groups
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(["hyaluronan", "hyaluronic acid"])),
        "{groups}"
    );
}

#[test]
fn declared_synonyms_are_folded_and_listed_for_the_browser() {
    let site = site(
        "search:\n  synonyms:\n    - [Retinol, retinal, Rétinoïde, vitamin A]\n    - [crème, cream, Creme]\n",
    );
    site.built();
    let groups = Index::of(&site).entry["syn"].clone();
    let groups = groups.as_array().unwrap();
    // Lowered and folded as the index folds words; a spelling that folds
    // to another of its group is one.
    for group in [
        serde_json::json!(["retinal", "retinoide", "retinol", "vitamin a"]),
        serde_json::json!(["cream", "creme"]),
    ] {
        assert!(groups.contains(&group), "{groups:?}");
    }
}

#[test]
fn declared_weights_change_what_a_word_scores_where_it_appears() {
    let defaults = site("");
    defaults.built();
    let before = Index::of(&defaults);
    let n = before.number_of("/products/meso-ampoule/");
    assert!(before.postings("stings").contains_key(&n));
    let weighed = site("search:\n  weights: {body: 0, title: 2, summary: 9}\n");
    weighed.built();
    let after = Index::of(&weighed);
    // The body is left out; the summary now outweighs the name.
    assert!(!after.postings("stings").contains_key(&n));
    let (name, summary) = (
        after.postings("lastlight")[&n],
        after.postings("moisturizer")[&n],
    );
    assert!(summary > name, "summary {summary}, name {name}");
    assert!(before.postings("lastlight")[&n] > after.postings("lastlight")[&n]);
}

#[test]
fn mistakes_in_search_settings_are_reported_at_their_lines() {
    let site =
        site("search:\n  synonyms:\n    - [alone]\n  weights:\n    titel: 3\n    body: 40\n");
    let errors = site.errors();
    for expected in [
        "a group of synonyms needs two words or phrases at least",
        "`titel` is not a field the search weighs",
        "did you mean `title`",
        "the weight of `body` is a whole number from 0 to 16",
    ] {
        assert!(
            errors.contains(expected),
            "`{expected}` missing from:\n{errors}"
        );
    }
    let lines = site.read("site.yaml").lines().count();
    for line in [lines - 3, lines - 1, lines] {
        assert!(
            errors.contains(&format!("site.yaml:{line}:")),
            "line {line}:\n{errors}"
        );
    }
}
