//! The routine builder: the `/routine/` page, the per-category data the
//! browser lays a routine out with, rules checked on each product's own
//! card, `vial check` on rules that name what does not exist, and
//! `vial serve` keeping the data exact.

use std::path::PathBuf;

use crate::common::{TestSite, copy_dir, snapshot, text};
use serde_json::Value;
use vial_build::session::Session;

/// Groups and rules for the `basic` fixture: Boost Ampoule (vitamin C 15%,
/// mornings, a course) breaks `strong-vitamin-c` and `sunscreen` alone.
const ROUTINE: &str = "routine:
  groups:
    vitamin-c: {actives: [vitamin-c]}
    ampoules: {categories: [ampoule]}
    sunscreens: {steps: [protect]}
  rules:
    - key: sunscreen
      message: Follow a vitamin C morning with sunscreen.
      when: vitamin-c
      needs: sunscreens
      slot: am
    - key: one-ampoule
      message: One ampoule at a time.
      apart: [ampoules]
    - key: one-treatment
      message: One treatment a slot, <b>please</b> </script>.
      one_per_step: [treat]
    - key: strong-vitamin-c
      message: Vitamin C above 10% is strong.
      when: vitamin-c
      above: 10
";

fn site() -> TestSite {
    let site = TestSite::fixture("basic");
    let config = site.read("site.yaml");
    site.write("site.yaml", &format!("{config}{ROUTINE}"));
    site
}

/// The builder's settings, as the script reads them from the page.
fn settings(site: &TestSite) -> Value {
    let page = site.page("/routine/");
    let node = page.one("script#routine-settings");
    let json: String = node.text().collect();
    // Nothing in it can end the script element early.
    assert!(!json.contains('<'), "{json}");
    serde_json::from_str(&json).expect("settings are JSON")
}

/// Slugs of a category's data file, in its order.
fn slugs(data: &Value) -> Vec<&str> {
    data["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["s"].as_str().unwrap())
        .collect()
}

fn product<'a>(data: &'a Value, slug: &str) -> &'a Value {
    data["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["s"] == slug)
        .unwrap_or_else(|| panic!("no {slug} in {data}"))
}

#[test]
fn the_page_lists_the_rules_and_holds_the_builders_settings() {
    let site = site();
    site.built();
    let page = site.page("/routine/");
    assert_eq!(page.texts("h1"), ["My routine"]);
    // Without JavaScript: what the builder does, the rules, where to look.
    assert_eq!(
        page.select(".routine-rules li")
            .into_iter()
            .map(|li| li.value().attr("data-rule").unwrap())
            .collect::<Vec<_>>(),
        [
            "sunscreen",
            "one-ampoule",
            "one-treatment",
            "strong-vitamin-c"
        ]
    );
    assert_eq!(
        page.texts(".routine-rules li")[2],
        "One treatment a slot, <b>please</b> </script>."
    );
    assert_eq!(page.texts(".routine-categories a"), ["Ampoule", "Serum"]);
    // Drawn empty, in place (noscript.css hides it without JavaScript).
    assert!(page.one(".routine-app").value().attr("hidden").is_none());
    // The menu links to it on every page.
    let home = site.page("/");
    assert!(
        home.select(".site-nav a")
            .iter()
            .any(|a| a.value().attr("href") == Some("/routine/") && text(*a) == "My routine")
    );
    // The settings survive a message that would end a script element.
    let s = settings(&site);
    assert_eq!(s["data"], "/data/");
    assert_eq!(s["products"], "/products/");
    assert_eq!(s["categories"], serde_json::json!(["ampoule", "serum"]));
    // The declared slots, then where products of `time: any` go.
    assert_eq!(
        s["slots"],
        serde_json::json!(["Morning", "Evening", "Any time of day"])
    );
    assert_eq!(
        s["steps"],
        serde_json::json!(["Cleanse", "Treat", "Moisturize", "Protect"])
    );
    let rules = s["rules"].as_array().unwrap();
    let kinds: Vec<&str> = rules.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["needs", "apart", "one_per_step", "above"]);
    assert_eq!(rules[0]["slot"], 0);
    assert_eq!(rules[0]["groups"], serde_json::json!([0]));
    assert_eq!(rules[0]["needs"], 2);
    assert_eq!(rules[1]["groups"], serde_json::json!([1]));
    assert_eq!(rules[2]["steps"], serde_json::json!([1]));
    assert_eq!(
        rules[2]["message"],
        "One treatment a slot, <b>please</b> </script>."
    );
}

#[test]
fn each_category_gets_its_own_compact_data() {
    let site = site();
    site.built();
    let mut files: Vec<String> = std::fs::read_dir(site.output().join("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["ampoule.json", "index.json", "serum.json"]);
    let ampoules = site.json("data/ampoule.json");
    // In the category's name order, the order of the search index.
    assert_eq!(slugs(&ampoules), ["boost-ampoule", "meso-ampoule"]);
    let boost = product(&ampoules, "boost-ampoule");
    assert_eq!(boost["n"], "Boost Ampoule");
    assert_eq!(boost["t"], serde_json::json!([0]));
    // At the treat step (index 1): rank 3 * 1 + 2.
    assert_eq!(boost["o"], serde_json::json!([[5, 1]]));
    // A course is used every day while it lasts, and says how long: 3 to
    // 5 days. Nothing follows it.
    assert_eq!(boost["w"], 127);
    assert_eq!(boost["c"], serde_json::json!([3, 5]));
    assert!(boost.get("a").is_none(), "{boost}");
    assert_eq!(boost["f"], "A course of 3–5 days");
    assert_eq!(boost["g"], serde_json::json!([0, 1]));
    assert_eq!(boost["x"], serde_json::json!([0, 3]));
    let meso = product(&ampoules, "meso-ampoule");
    // `position: last`: after every step.
    assert_eq!(meso["o"], serde_json::json!([[13, 1]]));
    assert_eq!(meso["w"], 1);
    assert_eq!(meso["t"], serde_json::json!([1]));
    assert_eq!(meso["g"], serde_json::json!([1]));
    assert!(meso.get("x").is_none(), "empty lists are left out: {meso}");
    assert!(meso.get("c").is_none(), "not a course: {meso}");
    let serums = site.json("data/serum.json");
    let daily = product(&serums, "daily-serum");
    assert_eq!(daily["t"], serde_json::json!([0, 1]));
    assert!(daily.get("g").is_none());
    // Compact: one line, nothing but the keys the scripts read.
    let raw = std::fs::read_to_string(site.output().join("data/ampoule.json")).unwrap();
    assert_eq!(raw.lines().count(), 1);
    for p in ampoules["products"].as_array().unwrap() {
        for key in p.as_object().unwrap().keys() {
            assert!(
                [
                    "s", "n", "b", "v", "t", "o", "w", "c", "a", "f", "g", "x", "k"
                ]
                .contains(&key.as_str()),
                "{key}"
            );
        }
    }
}

/// The `w`, `c` and `a` of the meso ampoule written with `frequency`.
fn course_data(frequency: &str) -> [Value; 3] {
    let site = site();
    let file = "content/products/meso-ampoule.yaml";
    let text = site.read(file);
    site.write(
        file,
        &text.replace("frequency: once a week", &format!("frequency: {frequency}")),
    );
    site.built();
    let ampoules = site.json("data/ampoule.json");
    let meso = product(&ampoules, "meso-ampoule");
    ["w", "c", "a"].map(|k| meso.get(k).cloned().unwrap_or(Value::Null))
}

#[test]
fn a_course_says_how_long_it_lasts_and_what_follows_it() {
    use serde_json::json;
    // Weeks are counted in days; the rhythm is the course's own, from its
    // first day; what follows it has its own days of the week.
    assert_eq!(
        course_data("a course of 3 weeks, then once a week"),
        [json!(127), json!([21, 21]), json!(1)]
    );
    assert_eq!(
        course_data("every 5-7 days for 2-3 weeks"),
        [json!(1), json!([14, 21]), Value::Null]
    );
    assert_eq!(
        course_data("daily for 8 weeks"),
        [json!(127), json!([56, 56]), Value::Null]
    );
    // What follows off the calendar keeps no days: 0.
    assert_eq!(
        course_data("a course of 5 days, then as needed"),
        [json!(127), json!([5, 5]), json!(0)]
    );
    // Not a course: neither.
    assert_eq!(
        course_data("twice a week"),
        [json!(9), Value::Null, Value::Null]
    );
}

#[test]
fn a_product_that_breaks_a_rule_alone_shows_it_on_its_card() {
    let site = site();
    site.built();
    let boost = site.page("/products/boost-ampoule/");
    let rules: Vec<(String, String)> = boost
        .select(".usage-cautions li.usage-rule")
        .into_iter()
        .map(|li| (li.value().attr("data-rule").unwrap().to_string(), text(li)))
        .collect();
    assert_eq!(
        rules,
        [
            (
                "sunscreen".to_string(),
                "Follow a vitamin C morning with sunscreen.".to_string()
            ),
            (
                "strong-vitamin-c".to_string(),
                "Vitamin C above 10% is strong.".to_string()
            ),
        ]
    );
    // The product's own cautions stay, first.
    assert_eq!(boost.texts(".usage-cautions li")[0], "Wear sunscreen.");
    // Nothing to say about the others.
    for url in ["/products/daily-serum/", "/products/meso-ampoule/"] {
        assert!(site.page(url).select(".usage-rule").is_empty(), "{url}");
    }
}

#[test]
fn add_buttons_name_each_product_on_its_page_and_in_lists() {
    let site = site();
    site.built();
    let page = site.page("/products/boost-ampoule/");
    let button = page.one("header button.routine-add");
    assert_eq!(
        button.value().attr("data-routine"),
        Some("ampoule/boost-ampoule")
    );
    // A toggle drawn in place with its label (noscript.css hides it
    // without JavaScript).
    assert_eq!(button.value().attr("aria-pressed"), Some("false"));
    assert_eq!(crate::common::text(button), "Add to my routine");
    let list = site.page("/products/");
    let keys: Vec<&str> = list
        .select("button.routine-add")
        .into_iter()
        .map(|b| b.value().attr("data-routine").unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "ampoule/boost-ampoule",
            "serum/daily-serum",
            "ampoule/meso-ampoule"
        ]
    );
    // The builder's script is on its page only.
    let script = |page: &crate::common::Page| {
        page.select("script[src]")
            .iter()
            .any(|s| s.value().attr("src").unwrap().contains("routine-builder"))
    };
    assert!(script(&site.page("/routine/")));
    assert!(!script(&page));
}

#[test]
fn check_reports_rules_that_name_what_does_not_exist() {
    // A term no product has yet: a warning at its line, with the nearest.
    let site = site();
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        &config.replace("actives: [vitamin-c]", "actives: [vitamin-c, vitamin-e]"),
    );
    let out = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "warning: no product has the active `vitamin-e` that group `vitamin-c` names"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `vitamin-c`?"), "{stderr}");
    let line = config
        .lines()
        .position(|l| l.contains("actives: [vitamin-c]"))
        .unwrap()
        + 1;
    assert!(stderr.contains(&format!("site.yaml:{line}:")), "{stderr}");
    // A step or a group that is not declared: an error, with a suggestion.
    site.write(
        "site.yaml",
        &config
            .replace("steps: [protect]", "steps: [protekt]")
            .replace("apart: [ampoules]", "apart: [ampoule]"),
    );
    let out = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("error: unknown routine step `protekt`")
            && stderr.contains("did you mean `protect`?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: unknown group `ampoule`")
            && stderr.contains("did you mean `ampoules`?"),
        "{stderr}"
    );
    // A category that does not exist: an error.
    site.write(
        "site.yaml",
        &config.replace("categories: [ampoule]", "categories: [ampoules]"),
    );
    let out = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("error: unknown category `ampoules` in group `ampoules`"),
        "{stderr}"
    );
}

#[test]
fn a_site_without_slots_or_rules_gets_one_list() {
    let site = TestSite::fixture("basic");
    std::fs::remove_dir_all(site.root()).unwrap();
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/houseplants");
    copy_dir(&example, site.root());
    let _ = std::fs::remove_dir_all(site.output());
    site.built();
    let s = settings(&site);
    assert_eq!(s["slots"], serde_json::json!([]));
    assert_eq!(s["data"], "/plants/data/");
    let keys: Vec<&str> = s["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["no-feeding-after-repotting", "one-feed-at-a-time"]);
    let feeds = site.json("data/fertilizer.json");
    for p in feeds["products"].as_array().unwrap() {
        assert!(p.get("t").is_none(), "no slots, no `t`: {p}");
        assert_eq!(p["g"], serde_json::json!([1]), "{p}");
    }
    // Without rules the page says so.
    let plain = TestSite::fixture("basic");
    plain.built();
    let page = plain.page("/routine/");
    assert!(page.select(".routine-rules").is_empty());
    assert_eq!(
        page.texts(".routine-about p")[1],
        "This site declares no rules to check."
    );
}

#[test]
fn serve_keeps_the_data_exact() {
    let site = site();
    let mut session = Session::new(site.options());
    session.build().unwrap();
    let edits: [(&str, &str, &str); 5] = [
        // The schedule, the strength that breaks a rule, the name (order).
        (
            "content/products/boost-ampoule.yaml",
            "course of 3-5 days",
            "twice a week",
        ),
        (
            "content/products/boost-ampoule.yaml",
            "percent: 15",
            "percent: 8",
        ),
        (
            "content/products/meso-ampoule.yaml",
            "name: Lastlight Ampoule",
            "name: Aurora Ampoule",
        ),
        // Moved to another category: it leaves one file for the other.
        (
            "content/products/daily-serum.yaml",
            "category: serum",
            "category: ampoule",
        ),
        (
            "content/products/meso-ampoule.yaml",
            "step: treat",
            "step: protect",
        ),
    ];
    for (path, from, to) in edits {
        let text = site.read(path);
        assert!(text.contains(from), "{path} has no {from}");
        site.write(path, &text.replacen(from, to, 1));
        session.rebuild(&[PathBuf::from(path)]).unwrap();
        let clean = TestSite::fixture("basic");
        std::fs::remove_dir_all(clean.root()).unwrap();
        copy_dir(site.root(), clean.root());
        std::fs::remove_dir_all(clean.output()).unwrap();
        clean.built();
        let pick = |dir: PathBuf| -> Vec<(PathBuf, Vec<u8>)> {
            snapshot(&dir)
                .into_iter()
                .filter(|(p, _)| {
                    p.starts_with("routine") || p.starts_with("products/boost-ampoule")
                })
                .collect()
        };
        let (now, fresh) = (pick(site.output()), pick(clean.output()));
        assert_eq!(
            now.iter().map(|f| &f.0).collect::<Vec<_>>(),
            fresh.iter().map(|f| &f.0).collect::<Vec<_>>()
        );
        for ((file, a), (_, b)) in now.iter().zip(&fresh) {
            assert!(
                a == b,
                "after `{to}`: {} differs from a clean build",
                file.display()
            );
        }
    }
    // The last edits show: Boost is no longer strong; the serum is an ampoule.
    let ampoules = site.json("data/ampoule.json");
    assert_eq!(
        slugs(&ampoules),
        ["meso-ampoule", "boost-ampoule", "daily-serum"]
    );
    assert_eq!(
        product(&ampoules, "boost-ampoule")["x"],
        serde_json::json!([0])
    );
    assert_eq!(product(&ampoules, "boost-ampoule")["w"], 9);
    assert_eq!(slugs(&site.json("data/serum.json")), Vec::<&str>::new());
}
