//! `vial schema`: JSON Schemas of a site's files as this site declares them
//! (its taxonomies, slots, steps and specs; its categories and products by
//! slug), so an editor with a YAML language server completes and checks
//! product and category files while they are written.
//!
//! In: the config and the loaded sources. Out: one schema per kind of file.
//! It describes what `load` and `model` accept; a test validates the
//! example sites' own files against it.

use serde_json::{Value, json};

use crate::config::{Config, SpecKind};
use crate::load::Sources;

/// The schemas, by file name: `product.json`, `category.json`,
/// `guide.json` and `page.json` (front matter of guides and of free
/// pages) and `term.json` (term description files).
pub fn schemas(config: &Config, sources: &Sources) -> Vec<(&'static str, Value)> {
    vec![
        ("product.json", product(config, sources)),
        ("category.json", category()),
        ("guide.json", front_matter(Some(config), sources, "guide")),
        // A free page's front matter is a guide's without terms.
        ("page.json", front_matter(None, sources, "page")),
        ("term.json", term()),
    ]
}

fn text(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

/// `aka:`: one other name, or a list of them.
fn other_names() -> Value {
    let description = "Other names and spellings readers may search for.";
    json!({ "oneOf": [
        { "type": "string" },
        { "type": "array", "items": { "type": "string" } },
    ], "description": description })
}

/// `aliases:`: one old address of the page, or a list of them.
pub(crate) fn aliases() -> Value {
    let description = "Old addresses of this page, as paths of the site (`/products/old-name/`): each redirects here.";
    let path = json!({ "type": "string", "minLength": 1, "pattern": "^[^:?#]*$" });
    json!({ "oneOf": [path.clone(), { "type": "array", "items": path }], "description": description })
}

fn one_of_keys<'a>(keys: impl Iterator<Item = &'a str>, description: &str) -> Value {
    let keys: Vec<&str> = keys.collect();
    if keys.is_empty() {
        text(description)
    } else {
        json!({ "type": "string", "enum": keys, "description": description })
    }
}

fn product(config: &Config, sources: &Sources) -> Value {
    let mut properties = serde_json::Map::new();
    let mut required = vec!["name", "category", "usage"];
    properties.insert(
        "name".into(),
        text("The product's name, as readers see it."),
    );
    properties.insert(
        "category".into(),
        one_of_keys(
            sources.categories.entries().map(|e| e.slug.as_str()),
            "A category: the name of a file in content/categories/.",
        ),
    );
    properties.insert("summary".into(), text("One sentence shown in lists."));
    properties.insert(
        "updated".into(),
        json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }),
    );
    properties.insert("description".into(), text("Markdown; links as [[slug]]."));
    properties.insert("aka".into(), other_names());
    properties.insert("aliases".into(), aliases());
    for t in &config.taxonomies {
        let term = match &t.strength {
            Some(s) => json!({ "oneOf": [
                { "type": "string" },
                { "type": "object", "required": ["name"], "additionalProperties": false,
                  "properties": { "name": { "type": "string" },
                                  s.field.as_str(): { "type": "number", "description": s.label } } }
            ]}),
            None => json!({ "type": "string" }),
        };
        let schema = if t.single {
            text(&format!("The product's {}.", t.label.to_lowercase()))
        } else {
            json!({ "type": "array", "items": term, "description": t.plural })
        };
        properties.insert(t.key.clone(), schema);
        if t.required {
            required.push(&t.key);
        }
    }
    let specs: serde_json::Map<String, Value> = config
        .specs
        .iter()
        .map(|spec| (spec.key.clone(), spec_schema(&spec.label, &spec.kind)))
        .collect();
    properties.insert(
        "specs".into(),
        json!({ "type": "object", "additionalProperties": false, "properties": specs }),
    );
    properties.insert("usage".into(), usage(config));
    add_images(&mut properties);
    properties.insert("links".into(), shop_links());
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("A product of {}", config.title),
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": properties,
    })
}

fn spec_schema(label: &str, kind: &SpecKind) -> Value {
    let choices = |values: &[crate::config::Choice]| -> Value {
        json!({ "enum": values.iter().map(|c| c.key.as_str()).collect::<Vec<_>>() })
    };
    match kind {
        SpecKind::Text => json!({ "type": ["string", "number", "boolean"], "description": label }),
        SpecKind::Number { unit, units } => {
            let mut names: Vec<&str> = units.iter().map(|(u, _)| u.as_str()).collect();
            names.extend(unit.as_deref());
            let pattern = format!(
                "^-?[0-9]+(\\.[0-9]+)? ?({})?$",
                names
                    .iter()
                    .map(|n| regex_escape(n))
                    .collect::<Vec<_>>()
                    .join("|")
            );
            json!({ "oneOf": [ { "type": "number" }, { "type": "string", "pattern": pattern } ],
                    "description": match unit { Some(u) => format!("{label}, in {u}"), None => label.to_string() } })
        }
        SpecKind::Bool => json!({ "type": "boolean", "description": label }),
        SpecKind::Enum { values } => {
            let mut schema = choices(values);
            schema["description"] = json!(label);
            schema
        }
        SpecKind::List { values } => {
            let item = values
                .as_deref()
                .map_or(json!({ "type": "string" }), choices);
            json!({ "oneOf": [ { "type": "array", "items": item }, item ], "description": label })
        }
    }
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let special = "\\.^$|?*+()[]{}".contains(c);
            special.then_some('\\').into_iter().chain([c])
        })
        .collect()
}

fn usage(config: &Config) -> Value {
    let declared = &config.usage;
    let mut properties = serde_json::Map::new();
    let mut required = vec!["frequency"];
    properties.insert(
        "frequency".into(),
        text("How often: `daily`, `twice daily`, `every other day`, `2-3 times a week`, `every 2 weeks`, `monthly`, `as needed`, `a course of 3-5 days, then once a week`, `every 2 weeks in spring and summer`..."),
    );
    if !declared.slots.is_empty() {
        let slots = one_of_keys(declared.slot_keys(), "A time slot declared in site.yaml.");
        properties.insert(
            "time".into(),
            json!({ "oneOf": [
                { "type": "array", "items": slots, "minItems": 1 },
                { "const": crate::model::ANY_TIME, "description": "At no particular time of day." },
            ] }),
        );
        required.push("time");
    }
    if !declared.steps.is_empty() {
        let step = one_of_keys(
            declared.step_keys(),
            "A routine step declared in site.yaml.",
        );
        properties.insert(
            "step".into(),
            json!({ "oneOf": [ step, { "type": "array", "items": step } ] }),
        );
        properties.insert(
            "position".into(),
            text("`first`, `last`, `after <step>` or `before <step>`."),
        );
    }
    properties.insert("instructions".into(), text("Markdown."));
    properties.insert(
        "cautions".into(),
        json!({ "type": "array", "items": { "type": "string" } }),
    );
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": properties,
    })
}

fn category() -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "A category",
        "type": "object",
        "additionalProperties": false,
        "required": ["name"],
        "properties": {
            "name": text("The category's name."),
            "summary": text("One sentence shown in lists."),
            "description": text("Markdown."),
            "aka": other_names(),
            "aliases": aliases(),
            "traits": { "type": "array", "items": {
                "type": "object", "additionalProperties": false, "required": ["name", "value"],
                "properties": { "name": { "type": "string" }, "value": { "type": "string" } } } },
            "image": image(),
            "images": { "type": "array", "items": image() },
        },
    })
}

/// `{src, alt}`: a picture beside the file, and what it shows.
fn image() -> Value {
    json!({
        "type": "object", "additionalProperties": false, "required": ["src", "alt"],
        "properties": {
            "src": { "type": "string", "pattern": "\\.([Pp][Nn][Gg]|[Jj][Pp][Ee]?[Gg]|[Ww][Ee][Bb][Pp])$",
                     "description": "A PNG, JPEG or WebP file, relative to this file's folder." },
            "alt": { "type": "string", "minLength": 1,
                     "description": "What the picture shows, for readers who cannot see it." },
        },
    })
}

/// `links:`: the shops that sell a product, each `{label, url}`.
fn shop_links() -> Value {
    json!({
        "type": "array",
        "description": "Links to the shops that sell it, in the order shown.",
        "items": {
            "type": "object", "additionalProperties": false, "required": ["label", "url"],
            "properties": {
                "label": { "type": "string", "minLength": 1, "description": "The shop's name, as readers see it." },
                "url": { "type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s]",
                         "description": "The full address, starting with https://." },
                "sponsored": { "type": "boolean",
                               "description": "true when the site earns from the link (an affiliate link, a paid placement)." },
            },
        },
    })
}

/// `image` (the main picture) and `images` (a gallery).
fn add_images(properties: &mut serde_json::Map<String, Value>) {
    properties.insert("image".into(), image());
    properties.insert(
        "images".into(),
        json!({ "type": "array", "items": image() }),
    );
}

/// A guide's front matter (with `config`, whose taxonomies a guide may
/// file it under), or a free page's (`whose` names which).
fn front_matter(config: Option<&Config>, sources: &Sources, whose: &str) -> Value {
    let mut properties = serde_json::Map::new();
    properties.insert("title".into(), text(&format!("The {whose}'s title.")));
    properties.insert("summary".into(), text("One sentence shown in lists."));
    let date = json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" });
    properties.insert("date".into(), date.clone());
    properties.insert("updated".into(), date);
    properties.insert("author".into(), text("Who wrote it."));
    let product = one_of_keys(
        sources.products.entries().map(|e| e.slug.as_str()),
        "A product: the name of a file in content/products/.",
    );
    properties.insert(
        "products".into(),
        json!({ "type": "array", "items": product }),
    );
    properties.insert("draft".into(), json!({ "type": "boolean" }));
    properties.insert("aliases".into(), aliases());
    add_images(&mut properties);
    let taxonomies = config.map_or(&[][..], |c| &c.taxonomies);
    for t in taxonomies.iter().filter(|t| t.guides) {
        properties.insert(
            t.key.clone(),
            json!({ "type": "array", "items": { "type": "string" }, "description": t.plural }),
        );
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("A {whose}'s front matter"),
        "type": "object",
        "additionalProperties": false,
        "required": ["title"],
        "properties": properties,
    })
}

fn term() -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "A term's description",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "name": text("The term's name, as readers see it."),
            "what_it_does": text("One sentence."),
            "description": text("Markdown."),
            "aka": other_names(),
            "aliases": aliases(),
        },
    })
}
