//! What a published site needs beyond its pages: sitemap, robots.txt,
//! feeds, share metadata, JSON-LD, exports, deploying below a path,
//! fingerprinted assets, minifying, and the check of every internal link.
//! Everything is parsed (HTML, XML, JSON), never grepped.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{TestSite, text};
use scraper::{Html, Selector};
use serde_json::Value;
use vial_build::BuildOptions;

const KB: &str = "http://localhost:8080/kb/";

/// Every HTML file of an output folder, parsed, by path.
fn html_pages(dir: &Path) -> BTreeMap<String, Html> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let path = e.path().strip_prefix(dir).unwrap();
            let text = fs::read_to_string(e.path()).unwrap();
            (
                path.to_string_lossy().into_owned(),
                Html::parse_document(&text),
            )
        })
        .collect()
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn attr(html: &Html, css: &str, name: &str) -> Option<String> {
    select(html, css)
        .first()
        .and_then(|e| e.value().attr(name))
        .map(str::to_string)
}

/// The file below `dir` an absolute path of the site names (`/kb/x/` with
/// base path `/kb/`), if it exists.
fn file_of(dir: &Path, base_path: &str, url_path: &str) -> Option<PathBuf> {
    let inside = url_path.strip_prefix(base_path)?;
    let inside = inside.split(['#', '?']).next().unwrap();
    let path = dir.join(inside);
    let file = if inside.is_empty() || inside.ends_with('/') {
        path.join("index.html")
    } else {
        path
    };
    file.is_file().then_some(file)
}

fn built_under_kb() -> TestSite {
    let site = TestSite::fixture("basic");
    let options = BuildOptions {
        base_url: Some(KB.to_string()),
        ..site.options()
    };
    if let Err(e) = vial_build::build(&options) {
        panic!("build failed:\n{}", e.problems);
    }
    site
}

#[test]
fn a_site_below_a_path_links_only_below_it_and_every_link_resolves() {
    let site = built_under_kb();
    let out = site.output();
    let pages = html_pages(&out);
    assert!(pages.len() > 20, "{} pages", pages.len());
    let mut checked = 0;
    for (path, html) in &pages {
        for element in select(html, "[href], [src]") {
            for name in ["href", "src"] {
                let Some(link) = element.value().attr(name) else {
                    continue;
                };
                if link.starts_with('#') {
                    continue;
                }
                let absolute = link.strip_prefix("http://localhost:8080").unwrap_or(link);
                assert!(
                    !absolute.contains("://"),
                    "{path}: `{link}` leaves the site (or still names example.org)"
                );
                assert!(
                    absolute.starts_with("/kb/"),
                    "{path}: `{link}` is not below /kb/"
                );
                assert!(
                    file_of(&out, "/kb/", absolute).is_some(),
                    "{path}: `{link}` does not resolve to a written file"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "only {checked} links checked");
}

#[test]
fn the_sitemap_lists_every_page_with_its_date_and_robots_points_at_it() {
    let site = built_under_kb();
    let out = site.output();
    let xml = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is well-formed XML");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert_eq!(doc.root_element().tag_name().name(), "urlset");
    assert_eq!(doc.root_element().tag_name().namespace(), Some(ns));
    let mut listed = BTreeMap::new();
    for url in doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((ns, "url")))
    {
        let loc = url
            .children()
            .find(|n| n.has_tag_name((ns, "loc")))
            .unwrap();
        let loc = loc.text().unwrap().to_string();
        let lastmod = url
            .children()
            .find(|n| n.has_tag_name((ns, "lastmod")))
            .and_then(|n| n.text())
            .map(str::to_string);
        listed.insert(loc, lastmod);
    }
    // Every page but the 404 page, once each.
    let pages: BTreeSet<String> = html_pages(&out)
        .keys()
        .filter(|p| *p != "404.html")
        .map(|p| format!("{KB}{}", p.trim_end_matches("index.html")))
        .collect();
    assert_eq!(listed.keys().cloned().collect::<BTreeSet<_>>(), pages);
    // A guide's date is its `updated`, else its `date`; a product's, its
    // `updated`, else the day its file changed.
    assert_eq!(
        listed[&format!("{KB}guides/routine/")].as_deref(),
        Some("2026-03-02")
    );
    let product_day = listed[&format!("{KB}products/boost-ampoule/")]
        .clone()
        .unwrap();
    assert!(is_day(&product_day), "{product_day}");
    let robots = fs::read_to_string(out.join("robots.txt")).unwrap();
    let sitemap_line = robots.lines().find(|l| l.starts_with("Sitemap:")).unwrap();
    assert_eq!(sitemap_line, format!("Sitemap: {KB}sitemap.xml"));
}

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// The root element's name and the text of each `<loc>` of a sitemap file.
fn sitemap_locs(out: &Path, file: &str) -> (String, Vec<String>) {
    let xml = fs::read_to_string(out.join(file)).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP_NS), "{file}");
    let locs = root
        .descendants()
        .filter(|n| n.has_tag_name((SITEMAP_NS, "loc")))
        .map(|n| n.text().unwrap().to_string())
        .collect();
    (root.tag_name().name().to_string(), locs)
}

#[test]
fn a_site_with_more_pages_than_a_sitemap_file_lists_gets_an_index_of_parts() {
    let whole = built_under_kb();
    let (root, every_url) = sitemap_locs(&whole.output(), "sitemap.xml");
    assert_eq!(root, "urlset");
    let per_file = 7;
    assert!(every_url.len() > 2 * per_file, "{} pages", every_url.len());

    let site = TestSite::fixture("basic");
    let options = BuildOptions {
        base_url: Some(KB.to_string()),
        sitemap_urls: Some(per_file),
        ..site.options()
    };
    if let Err(e) = vial_build::build(&options) {
        panic!("build failed:\n{}", e.problems);
    }
    let out = site.output();
    // sitemap.xml (where robots.txt points) lists the parts...
    let (root, parts) = sitemap_locs(&out, "sitemap.xml");
    assert_eq!(root, "sitemapindex");
    let expected: Vec<String> = (1..=every_url.len().div_ceil(per_file))
        .map(|n| format!("{KB}sitemap{n}.xml"))
        .collect();
    assert_eq!(parts, expected);
    // ...which list every page once, in the same order, each at most
    // `per_file`.
    let mut listed = Vec::new();
    for part in &parts {
        let (root, urls) = sitemap_locs(&out, part.strip_prefix(KB).unwrap());
        assert_eq!(root, "urlset");
        assert!(
            !urls.is_empty() && urls.len() <= per_file,
            "{part}: {}",
            urls.len()
        );
        listed.extend(urls);
    }
    assert_eq!(listed, every_url);
    let robots = fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {KB}sitemap.xml"))
    );
}

#[test]
fn a_theme_without_a_sitemap_index_template_gets_the_built_in_one() {
    let site = TestSite::fixture("basic");
    // A theme of its own: the default one without `sitemap_index.xml`,
    // as a theme made before that template existed.
    let default = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for entry in walkdir::WalkDir::new(&default)
        .into_iter()
        .filter_map(Result::ok)
    {
        let below = entry.path().strip_prefix(&default).unwrap();
        if entry.file_type().is_file() && below != Path::new("templates/sitemap_index.xml") {
            let to = site.root().join("themes/mine").join(below);
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::copy(entry.path(), to).unwrap();
        }
    }
    let config = site.read("site.yaml");
    site.write("site.yaml", &format!("{config}\ntheme: mine\n"));
    let options = BuildOptions {
        sitemap_urls: Some(10),
        ..site.options()
    };
    if let Err(e) = vial_build::build(&options) {
        panic!("build failed:\n{}", e.problems);
    }
    let (root, parts) = sitemap_locs(&site.output(), "sitemap.xml");
    assert_eq!(root, "sitemapindex");
    assert!(parts.len() > 1, "{parts:?}");
}

fn is_day(text: &str) -> bool {
    text.len() == 10
        && text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// The entries of an Atom feed: (title, link, updated, content).
fn feed_entries(xml: &str) -> Vec<(String, String, String, String)> {
    let atom = "http://www.w3.org/2005/Atom";
    let doc = roxmltree::Document::parse(xml).expect("feed is well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((atom, "feed")));
    for required in ["id", "title", "updated"] {
        assert!(
            feed.children().any(|n| n.has_tag_name((atom, required))),
            "feed has no <{required}>"
        );
    }
    fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
        n.children()
            .find(|c| c.has_tag_name(("http://www.w3.org/2005/Atom", name)))
            .unwrap_or_else(|| panic!("entry has no <{name}>"))
    }
    feed.children()
        .filter(|n| n.has_tag_name((atom, "entry")))
        .map(|e| {
            child(e, "id");
            child(e, "author");
            let content = child(e, "content");
            assert_eq!(content.attribute("type"), Some("html"));
            (
                child(e, "title").text().unwrap_or_default().to_string(),
                child(e, "link").attribute("href").unwrap().to_string(),
                child(e, "updated").text().unwrap().to_string(),
                content.text().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn feeds_carry_full_content_with_absolute_links() {
    let site = built_under_kb();
    let out = site.output();
    let guides = feed_entries(&fs::read_to_string(out.join("atom.xml")).unwrap());
    // Drafts stay out; newest first.
    let titles: Vec<&str> = guides.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(titles, ["Fitting an ampoule in", "Serum basics"]);
    let (_, link, updated, content) = &guides[0];
    assert_eq!(link, &format!("{KB}guides/routine/"));
    assert_eq!(updated, "2026-03-02T00:00:00Z");
    // The whole article, not a teaser, with links a feed reader can follow.
    let body = Html::parse_fragment(content);
    assert!(!select(&body, "h2").is_empty(), "{content}");
    let links: Vec<&str> = select(&body, "a[href]")
        .into_iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(!links.is_empty());
    for href in links {
        assert!(href.starts_with(KB), "feed link `{href}` is not absolute");
    }
    let products = feed_entries(&fs::read_to_string(out.join("products/atom.xml")).unwrap());
    assert_eq!(products.len(), 3);
    for (_, link, updated, _) in &products {
        assert!(link.starts_with(&format!("{KB}products/")));
        assert!(is_day(&updated[..10]));
    }
    // Both feeds are announced on every page.
    let home = site.page("/");
    let feeds: Vec<String> = home
        .select("link[rel=alternate][type='application/atom+xml']")
        .iter()
        .map(|l| l.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(feeds, ["/kb/atom.xml", "/kb/products/atom.xml"]);
}

#[test]
fn every_page_has_share_metadata_and_its_own_description() {
    let site = TestSite::fixture("basic");
    site.built();
    let pages = html_pages(&site.output());
    let site_description = "A fixture site.";
    let mut descriptions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, html) in &pages {
        let description = attr(html, "meta[name=description]", "content")
            .unwrap_or_else(|| panic!("{path}: no description"));
        assert!(!description.trim().is_empty(), "{path}: empty description");
        if path != "index.html" {
            assert_ne!(
                description, site_description,
                "{path} reuses the site's description"
            );
        }
        descriptions
            .entry(description)
            .or_default()
            .push(path.clone());
        assert!(
            attr(html, "link[rel=icon]", "href").is_some(),
            "{path}: no favicon"
        );
        if path == "404.html" {
            // Not to be indexed or shared: it answers every wrong address.
            assert_eq!(attr(html, "link[rel=canonical]", "href"), None);
            assert_eq!(attr(html, "meta[property='og:url']", "content"), None);
            let robots = attr(html, "meta[name=robots]", "content").unwrap_or_default();
            assert!(robots.contains("noindex"), "404 page robots: {robots:?}");
            continue;
        }
        for property in [
            "og:title",
            "og:description",
            "og:type",
            "og:url",
            "og:site_name",
        ] {
            let css = format!("meta[property='{property}']");
            assert!(
                attr(html, &css, "content").is_some(),
                "{path}: no {property}"
            );
        }
        assert!(
            attr(html, "meta[name='twitter:card']", "content").is_some(),
            "{path}: no twitter:card"
        );
        let canonical = attr(html, "link[rel=canonical]", "href");
        let expected = format!(
            "https://example.org/{}",
            path.trim_end_matches("index.html")
        );
        assert_eq!(canonical.as_deref(), Some(expected.as_str()), "{path}");
        assert_eq!(
            attr(html, "meta[property='og:url']", "content").as_deref(),
            Some(expected.as_str())
        );
        assert_eq!(attr(html, "meta[name=robots]", "content"), None, "{path}");
    }
    // Pages of a paged list may share a description; no other two pages do.
    for (description, paths) in &descriptions {
        assert!(
            paths.len() == 1,
            "{paths:?} share the description {description:?}"
        );
    }
    // The product page is shared as a product, a guide as an article.
    let product = site.page("/products/boost-ampoule/");
    assert_eq!(
        product
            .one("meta[property='og:description']")
            .value()
            .attr("content"),
        Some("A five-day vitamin C course.")
    );
    let guide = site.page("/guides/routine/");
    assert_eq!(
        guide
            .one("meta[property='og:type']")
            .value()
            .attr("content"),
        Some("article")
    );
}

/// The JSON-LD graph of a page: its nodes by `@type`.
fn jsonld(html: &Html, path: &str) -> BTreeMap<String, Value> {
    let scripts = select(html, "script[type='application/ld+json']");
    assert_eq!(scripts.len(), 1, "{path}: {} JSON-LD blocks", scripts.len());
    let text: String = scripts[0].text().collect();
    let value: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{path}: JSON-LD is not valid JSON ({e}):\n{text}"));
    assert_eq!(value["@context"], "https://schema.org");
    value["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| (node["@type"].as_str().unwrap().to_string(), node.clone()))
        .collect()
}

#[test]
fn structured_data_is_valid_json_on_every_page_and_describes_it() {
    let site = built_under_kb();
    let pages = html_pages(&site.output());
    for (path, html) in pages.iter().filter(|(p, _)| *p != "404.html") {
        let graph = jsonld(html, path);
        if path != "index.html" {
            let crumbs = graph
                .get("BreadcrumbList")
                .unwrap_or_else(|| panic!("{path}: no BreadcrumbList"));
            for item in crumbs["itemListElement"].as_array().unwrap() {
                assert!(
                    item["item"].as_str().unwrap().starts_with(KB),
                    "{path}: {item}"
                );
            }
        }
    }
    let graph = jsonld(&pages["products/boost-ampoule/index.html"], "product");
    let product = &graph["Product"];
    assert_eq!(product["name"], "Boost Ampoule");
    assert_eq!(product["brand"]["name"], "Lumen Lab");
    assert_eq!(product["category"], "Ampoule");
    assert_eq!(product["url"], format!("{KB}products/boost-ampoule/"));
    assert_eq!(product["description"], "A five-day vitamin C course.");
    // Nothing is invented: no ratings, reviews or offers.
    for invented in ["aggregateRating", "review", "offers"] {
        assert!(product.get(invented).is_none(), "{invented} in {product}");
    }
    let graph = jsonld(&pages["guides/routine/index.html"], "guide");
    let article = &graph["Article"];
    assert_eq!(article["headline"], "Fitting an ampoule in");
    assert_eq!(article["author"]["name"], "The editors");
    assert_eq!(article["datePublished"], "2026-03-02");
    let graph = jsonld(&pages["categories/ampoule/index.html"], "category");
    let names: Vec<&str> = graph["ItemList"]["itemListElement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn content_cannot_break_out_of_the_structured_data() {
    let site = TestSite::fixture("basic");
    let text = site.read("content/products/boost-ampoule.yaml");
    let hostile = r#"Boost </script><script>alert(1)</script> "quoted" \ <!-- x"#;
    site.write(
        "content/products/boost-ampoule.yaml",
        &text.replace(
            "name: Boost Ampoule",
            &format!("name: '{}'", hostile.replace('\'', "''")),
        ),
    );
    site.built();
    let page = site.page("/products/boost-ampoule/");
    // The page still has exactly its own scripts, and the data reads back.
    assert!(
        page.select("script")
            .iter()
            .all(|s| s.value().attr("src").is_some()
                || s.value().attr("type") == Some("application/ld+json"))
    );
    let graph = jsonld(&page.html, "product");
    assert_eq!(graph["Product"]["name"], hostile);
    assert_eq!(text_of(&page, "h1"), hostile);
}

fn text_of(page: &crate::common::Page, css: &str) -> String {
    text(page.one(css))
}

fn validator(schema: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas/exports")
        .join(schema);
    let schema: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, value: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not match its schema:\n{}",
        errors.join("\n")
    );
}

#[test]
fn exports_match_their_documented_schemas() {
    let products_schema = validator("products.v1.json");
    let categories_schema = validator("categories.v1.json");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for example in [root.to_path_buf(), root.join("examples/houseplants")] {
        // A copy: a build writes its picture cache into the site folder.
        let copy = tempfile::tempdir().unwrap();
        for part in ["site.yaml", "content", "static", "templates", "i18n"] {
            let from = example.join(part);
            if from.is_dir() {
                crate::common::copy_dir(&from, &copy.path().join(part));
            } else if from.is_file() {
                fs::copy(&from, copy.path().join(part)).unwrap();
            }
        }
        let out = tempfile::tempdir().unwrap();
        let options = BuildOptions {
            output: Some(out.path().to_path_buf()),
            ..BuildOptions::new(copy.path())
        };
        vial_build::build(&options).unwrap_or_else(|e| panic!("{}", e.problems));
        let read = |name: &str| -> Value {
            serde_json::from_str(&fs::read_to_string(out.path().join(name)).unwrap()).unwrap()
        };
        let products = read("products.json");
        assert_valid(&products_schema, &products, "products.json");
        let categories = read("categories.json");
        assert_valid(&categories_schema, &categories, "categories.json");
        // Every product of the site, each in the category that lists it;
        // a translation (`<slug>.de.yaml`) is no product of its own.
        let count = fs::read_dir(copy.path().join("content/products"))
            .unwrap()
            .filter(|e| {
                let path = e.as_ref().unwrap().path();
                let translation = path
                    .file_stem()
                    .is_some_and(|s| s.to_string_lossy().contains('.'));
                path.extension().is_some_and(|x| x == "yaml") && !translation
            })
            .count();
        // Pictures are exported with absolute URLs of published files.
        let with_image = products["products"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["image"]["url"].as_str())
            .collect::<Vec<_>>();
        assert!(!with_image.is_empty());
        for url in with_image {
            let path = url.split_once("/images/").unwrap().1;
            assert!(out.path().join("images").join(path).is_file(), "{url}");
        }
        assert_eq!(products["products"].as_array().unwrap().len(), count);
        for category in categories["categories"].as_array().unwrap() {
            for slug in category["products"].as_array().unwrap() {
                let product = products["products"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|p| p["slug"] == *slug)
                    .unwrap();
                assert_eq!(product["category"], category["slug"]);
            }
        }
    }
    // The normalized fields, on a known product.
    let site = built_under_kb();
    let products: Value =
        serde_json::from_str(&fs::read_to_string(site.output().join("products.json")).unwrap())
            .unwrap();
    let boost = products["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "boost-ampoule")
        .unwrap();
    assert_eq!(boost["url"], format!("{KB}products/boost-ampoule/"));
    assert_eq!(boost["usage"]["slots"], serde_json::json!(["am"]));
    assert_eq!(boost["usage"]["steps"], serde_json::json!(["treat"]));
    assert_eq!(boost["usage"]["schedule"]["phrase"], "A course of 3–5 days");
    assert_eq!(boost["terms"]["actives"][0]["name"], "Vitamin C");
    assert_eq!(boost["terms"]["actives"][0]["strength"], 15.0);
    assert_eq!(boost["specs"]["volume"]["value"], 2.0);
}

#[test]
fn a_placeholder_base_url_is_a_warning_naming_its_line() {
    let site = TestSite::fixture("basic");
    let report = site.build().unwrap();
    let warning = report
        .warnings
        .iter()
        .find(|w| w.code == vial_base::diagnostic::Code::PlaceholderUrl)
        .expect("a warning about example.org");
    let shown = warning.to_string();
    assert!(shown.contains("site.yaml:2:"), "{shown}");
    assert!(!warning.is_error());
    // A real address, or one given on the command line, is no placeholder.
    let options = BuildOptions {
        base_url: Some("https://notes.test-site.net/".into()),
        ..site.options()
    };
    let report = vial_build::build(&options).unwrap();
    assert!(
        report
            .warnings
            .iter()
            .all(|w| w.code != vial_base::diagnostic::Code::PlaceholderUrl)
    );
}

#[test]
fn assets_carry_a_content_hash_that_changes_with_their_bytes() {
    let site = TestSite::fixture("basic");
    site.write("static/css/extra.css", "p { color: teal; }\n");
    site.write("static/notes.pdf", "not an asset");
    site.built();
    let stylesheet = |site: &TestSite| {
        site.page("/")
            .one("link[rel=stylesheet][href*='/style.']")
            .value()
            .attr("href")
            .unwrap()
            .to_string()
    };
    let first = stylesheet(&site);
    let name = first.strip_prefix('/').unwrap();
    assert!(name.starts_with("style.") && name.ends_with(".css") && name != "style.css");
    assert!(site.output().join(name).is_file());
    // The plain names stay, for links from outside and `url()` in CSS.
    assert!(site.output().join("style.css").is_file());
    let hashed: Vec<String> = fs::read_dir(site.output().join("css"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(hashed.len(), 2, "{hashed:?}");
    assert!(site.output().join("notes.pdf").is_file());
    // A theme override of the stylesheet gets a new name.
    let css = fs::read_to_string(site.output().join("style.css")).unwrap();
    site.write(
        "static/style.css",
        &format!("{css}\nbody {{ margin: 0 }}\n"),
    );
    site.built();
    let second = stylesheet(&site);
    assert_ne!(first, second);
    // An asset a template asks for that does not exist stops the build at
    // the template's line.
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}\n<img src=\"{{ asset(path='gone.png') }}\" alt=\"\">{% endblock content %}",
    );
    let errors = site.errors();
    assert!(
        errors.contains("gone.png") && errors.contains("templates/404.html:2"),
        "{errors}"
    );
}

/// Without the `minify` feature, `--minify` is refused, not ignored.
#[cfg(not(feature = "minify"))]
#[test]
fn minify_is_refused_by_a_vial_built_without_it() {
    let site = TestSite::fixture("basic");
    let out = site.run(&["build", "--minify"]);
    assert_eq!(out.status.code(), Some(1));
    let errors = String::from_utf8_lossy(&out.stderr);
    assert!(
        errors.contains("--minify: error: this vial was built without"),
        "{errors}"
    );
    assert!(!site.output().exists());
}

#[cfg(feature = "minify")]
#[test]
fn minified_pages_say_the_same_in_fewer_bytes() {
    let plain = TestSite::fixture("basic");
    plain.built();
    let small = TestSite::fixture("basic");
    let options = BuildOptions {
        minify: true,
        ..small.options()
    };
    vial_build::build(&options).unwrap();
    let size = |site: &TestSite, path: &str| fs::metadata(site.output().join(path)).unwrap().len();
    for path in [
        "index.html",
        "guides/routine/index.html",
        "style.css",
        "vial.js",
    ] {
        assert!(
            size(&small, path) < size(&plain, path),
            "{path}: {} vs {}",
            size(&small, path),
            size(&plain, path)
        );
    }
    for url in ["/", "/guides/routine/", "/products/boost-ampoule/"] {
        let (a, b) = (plain.page(url), small.page(url));
        // Whitespace between blocks goes; the words stay.
        let words = |page: &crate::common::Page, css: &str| -> Vec<String> {
            page.select(css)
                .into_iter()
                .map(|e| e.text().collect::<String>().split_whitespace().collect())
                .collect()
        };
        for css in ["h1", "main", "title"] {
            assert_eq!(words(&a, css), words(&b, css), "{url} {css}");
        }
        assert_eq!(
            a.select("a[href]").len(),
            b.select("a[href]").len(),
            "{url}: links"
        );
        // The structured data survives minifying.
        jsonld(&b.html, url);
    }
    // Indentation and line breaks go (the minifier keeps a few comments).
    let js = fs::read_to_string(small.output().join("vial.js")).unwrap();
    let original = fs::read_to_string(plain.output().join("vial.js")).unwrap();
    assert!(
        js.lines().all(|l| !l.starts_with(char::is_whitespace)),
        "{js}"
    );
    assert!(js.len() * 4 < original.len() * 3, "{js}");
}

#[test]
fn a_broken_internal_link_fails_the_build_and_keeps_the_last_output() {
    let site = TestSite::fixture("basic");
    site.built();
    let before = site.snapshot_output();
    // In a guide, as raw HTML (markdown links are checked earlier, against
    // the content), and in a template.
    let guide = site.read("content/guides/basics.md");
    site.write(
        "content/guides/basics.md",
        &format!("{guide}\n<a href=\"/nowhere/\">x</a> and <a href=\"#no-such-part\">y</a>\n"),
    );
    let errors = site.errors();
    assert!(errors.contains("guides/basics/index.html"), "{errors}");
    assert!(errors.contains("`/nowhere/`"), "{errors}");
    assert!(errors.contains("id `no-such-part`"), "{errors}");
    // `vial check` finds the same dead links, without writing anything.
    let check = site.run(&["check"]);
    let said = String::from_utf8_lossy(&check.stderr).to_string();
    assert!(!check.status.success(), "{said}");
    assert!(
        said.contains("`/nowhere/`") && said.contains("id `no-such-part`"),
        "{said}"
    );
    assert_eq!(
        site.snapshot_output(),
        before,
        "the previous output changed"
    );
    site.write("content/guides/basics.md", &guide);
    site.write(
        "templates/partials/footer.html",
        "<a href=\"/gone.html\">gone</a>",
    );
    let base = site.read("public/404.html");
    assert!(!base.is_empty());
    let mut template = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .unwrap();
    template = template.replacen("</main>", "</main><a href=\"/gone.html\">gone</a>", 1);
    site.write("templates/base.html", &template);
    let errors = site.errors();
    // One problem for the link, however many pages have it.
    assert_eq!(errors.matches("`/gone.html`").count(), 1, "{errors}");
    assert!(errors.contains("other pages link to"), "{errors}");
    assert_eq!(site.snapshot_output(), before);
}

#[test]
fn a_static_file_in_the_way_of_a_generated_one_is_a_warning() {
    let site = TestSite::fixture("basic");
    site.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    let report = site.build().unwrap();
    let warning = report
        .warnings
        .iter()
        .find(|w| w.code == vial_base::diagnostic::Code::ShadowedFile)
        .expect("a warning about static/robots.txt");
    assert!(warning.to_string().contains("static/robots.txt"));
    let robots = site.read("public/robots.txt");
    assert!(robots.contains("Sitemap:"), "{robots}");
}

#[test]
fn a_static_file_in_the_way_of_a_product_page_is_a_warning() {
    let site = TestSite::fixture("basic");
    let slug = first_product(&site);
    site.write(&format!("static/products/{slug}/index.html"), "<p>mine</p>");
    let report = site.build().unwrap();
    let shadowed: Vec<String> = report
        .warnings
        .iter()
        .filter(|w| w.code == vial_base::diagnostic::Code::ShadowedFile)
        .map(ToString::to_string)
        .collect();
    assert_eq!(shadowed.len(), 1, "{shadowed:?}");
    assert!(shadowed[0].contains(&format!("static/products/{slug}/index.html")));
    let page = site.read(&format!("public/products/{slug}/index.html"));
    assert!(!page.contains("<p>mine</p>"), "the product page wins");
}

/// The slug of the fixture's first product file.
fn first_product(site: &TestSite) -> String {
    let mut names: Vec<String> = fs::read_dir(site.root().join("content/products"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names.remove(0)
}

#[test]
fn a_seasonal_schedule_counts_the_uses_of_its_year() {
    // `once in spring` and `once a year in spring` are one use a year; a
    // rhythm in a season lasts as long as the season.
    let site = TestSite::fixture("basic");
    for (product, frequency) in [
        ("meso-ampoule", "once in spring"),
        ("boost-ampoule", "once a year in spring"),
        ("daily-serum", "every 2 weeks in spring and summer"),
    ] {
        let path = format!("content/products/{product}.yaml");
        let text = site.read(&path);
        let line = text.lines().find(|l| l.contains("frequency:")).unwrap();
        site.write(
            &path,
            &text.replace(line, &format!("  frequency: {frequency}")),
        );
    }
    site.built();
    let products = site.json("products.json");
    let uses = |slug: &str| {
        let product = products["products"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["slug"] == slug)
            .unwrap();
        product["usage"]["schedule"]["uses_per_year"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(uses("meso-ampoule"), 1.0);
    assert_eq!(uses("boost-ampoule"), 1.0);
    assert_eq!(uses("daily-serum"), 13.0);
}
