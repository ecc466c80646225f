//! The search index: written beside the pages under the site's base path,
//! records read from the model (products from their data, guides from
//! their text), every word of the interface from the strings files, and
//! kept exact by `vial serve`'s rebuilds.

use std::collections::BTreeMap;

use crate::common::TestSite;
use serde_json::Value;
use vial_build::session::Session;

const DIGITS: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// A record file's summary and parts, joined: all the text its excerpt can
/// show.
pub(crate) fn shown_text(record: &Value) -> String {
    let parts = record["x"].as_array().expect("parts are a list");
    std::iter::once(&record["s"])
        .chain(parts)
        .map(|p| p.as_str().expect("parts are text"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Reads the index the way the browser does.
pub(crate) struct Index {
    dir: std::path::PathBuf,
    pub(crate) entry: Value,
}

impl Index {
    pub(crate) fn of(site: &TestSite) -> Index {
        let dir = site.output().join("search");
        let entry = json(&dir.join("index.json"));
        Index { dir, entry }
    }

    fn records(&self) -> usize {
        self.entry["n"].as_u64().unwrap() as usize
    }

    pub(crate) fn record(&self, n: usize) -> Value {
        json(&self.dir.join(format!("r/{n}.json")))
    }

    /// The number of the record whose page is `url`.
    pub(crate) fn number_of(&self, url: &str) -> usize {
        (0..self.records())
            .find(|n| self.record(*n)["u"] == url)
            .unwrap_or_else(|| panic!("no record for {url}"))
    }

    /// The kind (key, label, plural) of record `n`.
    fn kind_of(&self, n: usize) -> (String, String, String) {
        let kinds = self.entry["kinds"].as_array().unwrap();
        let kind = kinds
            .iter()
            .find(|k| k[3].as_u64().unwrap() as usize <= n && n < k[4].as_u64().unwrap() as usize)
            .unwrap();
        let s = |i: usize| kind[i].as_str().unwrap().to_string();
        (s(0), s(1), s(2))
    }

    /// The shard file of `prefix`.
    pub(crate) fn shard(&self, prefix: &str) -> Value {
        json(&self.dir.join(format!("t/{prefix}.json")))
    }

    /// The groups of words sharing a stem that the shard of `prefix`
    /// lists for the browser (under `~`), each as its words.
    fn stem_groups(&self, prefix: &str) -> Vec<Vec<String>> {
        let shard = json(&self.dir.join(format!("t/{prefix}.json")));
        shard["~"].as_str().map_or(Vec::new(), |groups| {
            groups
                .split(' ')
                .map(|g| g.split(',').map(String::from).collect())
                .collect()
        })
    }

    /// Asserts that the shard of `prefix` groups `words` (and no more).
    fn assert_grouped(&self, prefix: &str, words: &[&str]) {
        let groups = self.stem_groups(prefix);
        assert!(groups.iter().any(|g| g == words), "{groups:?}");
    }

    /// Records holding exactly `word`, with their scores.
    pub(crate) fn postings(&self, word: &str) -> BTreeMap<usize, u32> {
        let key: String = word.chars().take(2).collect();
        let shards: Vec<&str> = self.entry["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert!(shards.contains(&key.as_str()), "no shard `{key}`");
        let shard = json(&self.dir.join(format!("t/{key}.json")));
        let Some(packed) = shard[word].as_str() else {
            return BTreeMap::new();
        };
        let mut numbers = Vec::new();
        let (mut n, mut shift) = (0u32, 0);
        for c in packed.chars() {
            let d = DIGITS.find(c).unwrap() as u32;
            n |= (d & 31) << shift;
            if d >= 32 {
                shift += 5;
            } else {
                numbers.push(n);
                (n, shift) = (0, 0);
            }
        }
        // Per score: the score, a count, then gaps between record numbers.
        let mut found = BTreeMap::new();
        let mut numbers = numbers.into_iter();
        while let (Some(score), Some(count)) = (numbers.next(), numbers.next()) {
            let mut at = 0;
            for _ in 0..count {
                at += numbers.next().unwrap() as usize;
                found.insert(at, score);
            }
        }
        found
    }
}

fn json(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_index_is_written_beside_the_pages_and_lists_its_shards() {
    let site = TestSite::fixture("basic");
    site.built();
    let index = Index::of(&site);
    for shard in index.entry["shards"].as_array().unwrap() {
        let path = index
            .dir
            .join(format!("t/{}.json", shard.as_str().unwrap()));
        assert!(path.is_file(), "{} is listed but missing", path.display());
    }
    // One record per product, category, guide and term, numbered densely.
    let n = index.records();
    assert!(n > 0);
    for i in 0..n {
        assert!(index.dir.join(format!("r/{i}.json")).is_file());
    }
    assert!(!index.dir.join(format!("r/{n}.json")).exists());
    assert!(site.output().join("search.js").is_file());
}

#[test]
fn a_product_is_indexed_from_its_data_as_its_page_shows_it() {
    let site = TestSite::fixture("basic");
    site.built();
    let index = Index::of(&site);
    let n = index.number_of("/products/meso-ampoule/");
    let record = index.record(n);
    assert_eq!(record["t"], "Lastlight Ampoule");
    assert_eq!(record["m"], "by Vale & Vial · Ampoule");
    assert_eq!(record["s"], "Goes on last, over moisturizer.");
    let text = &shown_text(&record);
    for shown in [
        "Goes on last, over moisturizer.",
        "Once a week",
        "Evening",
        "Treat",
        "Actives: Hyaluronic acid",
        "Concerns: Dullness",
        "Strength: High",
        "Volume: 2 ml",
        "Preservative-free: Yes",
        "Packaging: Single-dose vial",
        "Smooth over moisturizer as the last step.",
        "Stop if your skin stings.",
    ] {
        assert!(text.contains(shown), "`{shown}` missing from {text}");
    }
    assert!(!text.contains("**"), "markup left in {text}");
    assert_eq!(
        index.kind_of(n),
        ("product".into(), "Product".into(), "Products".into())
    );
    // Its words lead to it, the name's weighing most.
    for word in [
        "lastlight",
        "vale",
        "hyaluronic",
        "dullness",
        "week",
        "vial",
    ] {
        assert!(
            index.postings(word).contains_key(&n),
            "`{word}` does not find it"
        );
    }
    let name = index.postings("lastlight")[&n];
    let body = index.postings("stings")[&n];
    assert!(name > body, "name {name} should outweigh body {body}");
}

#[test]
fn a_schedule_is_found_by_the_words_readers_see() {
    let site = TestSite::fixture("basic");
    let product = site.read("content/products/daily-serum.yaml");
    let frequency = product
        .lines()
        .find(|l| l.trim_start().starts_with("frequency:"))
        .unwrap()
        .to_string();
    site.write(
        "content/products/daily-serum.yaml",
        &product.replace(&frequency, "  frequency: every other day"),
    );
    site.built();
    let index = Index::of(&site);
    let n = index.number_of("/products/daily-serum/");
    assert!(shown_text(&index.record(n)).contains("Every other day"));
    for word in ["every", "other", "day"] {
        assert!(index.postings(word).contains_key(&n), "`{word}`");
    }
}

#[test]
fn a_guide_is_indexed_from_its_text_without_markup() {
    let site = TestSite::fixture("basic");
    site.built();
    let index = Index::of(&site);
    let n = index.number_of("/guides/routine/");
    let record = index.record(n);
    assert_eq!(record["t"], "Fitting an ampoule in");
    assert_eq!(record["m"], "March 2, 2026");
    let text = &shown_text(&record);
    // Wiki links read as the names their pages show.
    assert!(text.contains("The odd one is Lastlight Ampoule, which goes on last."));
    assert!(text.contains("Try the daily one first."));
    assert!(!text.contains("[[meso-ampoule"), "{text}");
    // Code is shown as written.
    assert!(text.contains("[[not-a-link]]"), "{text}");
    assert!(!text.contains("## "), "{text}");
    assert_eq!(index.kind_of(n).0, "guide");
    assert!(index.postings("odd").contains_key(&n));
}

#[test]
fn categories_and_terms_are_records_and_filters_have_ranges() {
    let site = TestSite::fixture("basic");
    site.built();
    let index = Index::of(&site);
    let kinds: Vec<(String, String, String)> = index.entry["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            let s = |i: usize| k[i].as_str().unwrap().to_string();
            (s(0), s(1), s(2))
        })
        .collect();
    let keys: Vec<&str> = kinds.iter().map(|k| k.0.as_str()).collect();
    assert_eq!(
        keys,
        [
            "product", "category", "guide", "brand", "concerns", "actives"
        ]
    );
    // Taxonomies are named as site.yaml declares them.
    assert_eq!(
        kinds[5],
        ("actives".into(), "Active".into(), "Actives".into())
    );
    let term = index.number_of("/actives/hyaluronic-acid/");
    assert_eq!(index.kind_of(term).0, "actives");
    assert_eq!(index.record(term)["t"], "Hyaluronic acid");
    // A category's filter covers its products and its own page.
    let categories = index.entry["categories"].as_array().unwrap();
    let ampoule = categories.iter().find(|c| c[0] == "Ampoule").unwrap();
    let (from, to, page) = (
        ampoule[1].as_u64().unwrap() as usize,
        ampoule[2].as_u64().unwrap() as usize,
        ampoule[3].as_u64().unwrap() as usize,
    );
    let urls: Vec<String> = (from..to)
        .map(|n| index.record(n)["u"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        urls,
        ["/products/boost-ampoule/", "/products/meso-ampoule/"]
    );
    assert_eq!(index.record(page)["u"], "/categories/ampoule/");
}

#[test]
fn the_index_and_its_urls_live_under_the_base_path() {
    let site = TestSite::fixture("basic");
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        &config.replace("https://example.org", "https://example.org/kb/"),
    );
    site.built();
    let index = Index::of(&site);
    for n in 0..index.records() {
        let url = index.record(n)["u"].as_str().unwrap().to_string();
        assert!(url.starts_with("/kb/"), "{url}");
    }
    let page = site.page("/products/meso-ampoule/");
    let search = page.one("[data-search-index]");
    assert_eq!(
        search.value().attr("data-search-index"),
        Some("/kb/search/")
    );
    // Loaded from the base path, under a name with its hash.
    let scripts: Vec<&str> = page
        .select("script[src]")
        .into_iter()
        .filter_map(|s| s.value().attr("src"))
        .collect();
    assert!(
        scripts
            .iter()
            .any(|s| s.starts_with("/kb/search.") && s.ends_with(".js")),
        "{scripts:?}"
    );
}

#[test]
fn every_word_of_the_search_box_comes_from_the_strings_file() {
    let site = TestSite::fixture("basic");
    site.in_german();
    site.built();
    let page = site.page("/");
    let search = page.one("[data-search-index]");
    assert_eq!(search.value().attr("data-count-one"), Some("1 Treffer"));
    assert_eq!(search.value().attr("data-count-other"), Some("{n} Treffer"));
    let label = crate::common::text(page.one("label[for=site-search-input]"));
    assert_eq!(label, "Suche");
    let index = Index::of(&site);
    let kinds = index.entry["kinds"].as_array().unwrap();
    assert_eq!(kinds[0][1], "Produkt");
    assert_eq!(kinds[2][2], "Ratgeber");
}

#[test]
fn a_rebuild_changes_only_the_index_files_an_edit_touches() {
    let site = TestSite::fixture("basic");
    let mut session = Session::new(site.options());
    session.build().unwrap();
    let before = site.snapshot_output();
    let path = "content/products/meso-ampoule.yaml";
    let text = site.read(path);
    site.write(
        path,
        &text.replace(
            "Goes on last, over moisturizer.",
            "Goes on last; zinnwaldite.",
        ),
    );
    session.rebuild(&[path.into()]).unwrap();
    let after = site.snapshot_output();
    let changed: Vec<String> = after
        .iter()
        .filter(|(p, bytes)| {
            p.starts_with("search")
                && before.iter().find(|(q, _)| q == p).map(|(_, b)| b) != Some(bytes)
        })
        .map(|(p, _)| p.display().to_string())
        .collect();
    let index = Index::of(&site);
    let n = index.number_of("/products/meso-ampoule/");
    assert!(index.postings("zinnwaldite").contains_key(&n));
    // The entry, the record, and the shards of words that came and went.
    assert!(
        changed.contains(&"search/index.json".to_string()),
        "{changed:?}"
    );
    assert!(
        changed.contains(&format!("search/r/{n}.json")),
        "{changed:?}"
    );
    assert!(
        changed.contains(&"search/t/zi.json".to_string()),
        "{changed:?}"
    );
    assert!(
        changed
            .iter()
            .all(|p| !p.starts_with("search/r/") || *p == format!("search/r/{n}.json")),
        "other records rewritten: {changed:?}"
    );
    // And it is what a clean build writes.
    let clean = TestSite::fixture("basic");
    clean.write(path, &site.read(path));
    clean.built();
    assert!(index_files(after) == index_files(clean.snapshot_output()));
}

#[test]
fn a_deleted_product_takes_its_record_out_of_the_index() {
    let site = TestSite::fixture("basic");
    let mut session = Session::new(site.options());
    session.build().unwrap();
    let records = Index::of(&site).records();
    let path = "content/products/extra-serum.yaml";
    let daily = site.read("content/products/daily-serum.yaml");
    site.write(path, &daily.replacen("name: ", "name: Quartzline ", 1));
    session.rebuild(&[path.into()]).unwrap();
    let index = Index::of(&site);
    assert_eq!(index.records(), records + 1);
    let n = index.number_of("/products/extra-serum/");
    assert!(index.postings("quartzline").contains_key(&n));
    site.remove(path);
    session.rebuild(&[path.into()]).unwrap();
    let index = Index::of(&site);
    assert_eq!(index.records(), records);
    assert!(!index.dir.join(format!("r/{records}.json")).exists());
    assert!(
        (0..records).all(|n| index.record(n)["u"] != "/products/extra-serum/"),
        "the deleted product is still found"
    );
    assert!(!index.dir.join("t/qu.json").exists() || index.postings("quartzline").is_empty());
}

/// The files of the index in an output snapshot.
fn index_files(files: Vec<(std::path::PathBuf, Vec<u8>)>) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    files
        .into_iter()
        .filter(|(p, _)| p.starts_with("search"))
        .collect()
}

/// A build whose content is the last build's keeps the index's files as
/// they are (none is deleted as unwritten), but not a static file of the
/// site in the same folder; one that finds a file of the index gone makes
/// it again; and a content edit still reaches it.
#[test]
fn a_build_of_unchanged_content_keeps_the_index_and_an_edit_reaches_it() {
    let site = TestSite::fixture("basic");
    let note = "search/note.txt";
    site.write(&format!("static/{note}"), "one");
    site.built();
    let first = index_files(site.snapshot_output());
    assert!(first.len() > 3, "{} index files", first.len());
    // A static file's bytes are no content: the index stands, and the
    // static file is written.
    site.write(&format!("static/{note}"), "two");
    let again = site.build().unwrap();
    assert_eq!(again.pages_rendered, 0);
    assert_eq!(again.files.written, 1);
    assert_eq!(
        std::fs::read_to_string(site.output().join(note)).unwrap(),
        "two"
    );
    site.write(&format!("static/{note}"), "one");
    site.built();
    assert!(index_files(site.snapshot_output()) == first);

    std::fs::remove_file(site.output().join("search/index.json")).unwrap();
    let report = site.build().unwrap();
    assert_eq!(report.files.written, 1, "the entry written again");
    assert!(index_files(site.snapshot_output()) == first);

    let index = built_with_description(&site, "A light serum; zinnwaldite.");
    let n = index.number_of("/products/daily-serum/");
    assert!(index.postings("zinnwaldite").contains_key(&n));
    crate::incremental::assert_matches_clean_build(&site, "a description edited");
}

/// The basic fixture with `text` as the description of a product, built.
fn built_with_description(site: &TestSite, text: &str) -> Index {
    let path = "content/products/daily-serum.yaml";
    let product = site.read(path);
    site.write(path, &product.replace("A light serum for every day.", text));
    site.built();
    Index::of(site)
}

#[test]
fn each_shard_groups_its_words_of_one_stem_in_the_sites_language() {
    // The browser has no stemmer: a typed word that the site uses finds
    // the others of its stem through its shard's groups.
    let site = TestSite::fixture("basic");
    let index = built_with_description(&site, "Fertilizers, a fertilizer; Pflanze Pflanzen.");
    index.assert_grouped("fe", &["fertilizer", "fertilizers"]);
    // Each word still has its own postings: an exact match ranks first.
    let n = index.number_of("/products/daily-serum/");
    assert!(index.postings("fertilizers").contains_key(&n));
    // English stems leave these German words apart.
    assert!(index.stem_groups("pf").is_empty());
}

#[test]
fn a_german_site_groups_words_by_german_stems() {
    let site = TestSite::fixture("basic");
    site.in_german();
    let index = built_with_description(&site, "Dünger und Düngers; Pflanze, Pflanzen.");
    // Folded first (ü is u), then stemmed: the browser folds the same way.
    index.assert_grouped("du", &["dunger", "dungers"]);
    index.assert_grouped("pf", &["pflanze", "pflanzen"]);
}
