//! `vial init DIR`: a small site in no particular domain that builds as is,
//! or, with `--example NAME`, a copy of one of the example sites built into
//! vial. It writes only into a new or empty folder.

use std::fs;
use std::path::Path;

use vial_base::diagnostic::{Code, Diagnostic, Location};

/// A file of an example site: its path and bytes.
type ExampleFile = (&'static str, &'static [u8]);

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// The names `--example` takes.
pub fn example_names() -> Vec<&'static str> {
    EXAMPLES.iter().map(|(name, _)| *name).collect()
}

const NEUTRAL: &[(&str, &str)] = &[
    (
        "site.yaml",
        r#"# Settings and the words of your domain. "The content model" in vial's
# book explains each part; everything below `description` is optional.
title: My catalogue
base_url: https://example.org
description: Notes on the things I keep, and how to use them well.
usage:
  steps:                      # the order a routine goes in
    - prepare
    - use
    - store
taxonomies:                   # product fields that group products into pages
  - key: brand
    label: Brand
    plural: Brands
    single: true
    path: brands
  - key: tags
    label: Tag
    plural: Tags
    guides: true
specs:                        # the fields comparison tables show
  - key: weight
    label: Weight
    type: number
    unit: g
  - key: refillable
    label: Refillable
    type: bool
"#,
    ),
    (
        "content/categories/tools.yaml",
        r#"name: Tools
summary: Things you pick up, use and put away again.
description: |
  A category groups products that readers compare with each other.
traits:
  - name: How often
    value: Now and then
"#,
    ),
    (
        "content/products/first-tool.yaml",
        r#"name: First Tool
brand: Example Brand
category: tools
summary: A sturdy everyday tool.
tags: [everyday]
specs:
  weight: 250
  refillable: false
usage:
  frequency: once a week        # `daily`, `every 2 weeks`, `as needed`...
  step: use
  instructions: |
    Describe how to use it, in **markdown**.
  cautions:
    - Keep it dry.
"#,
    ),
    (
        "content/guides/getting-started.md",
        r#"---
title: Getting started
summary: How this site is put together.
date: 2026-01-01
tags: [everyday]
products: [first-tool]
---

Products live in `content/products/`, guides like this one in
`content/guides/`. Link to a product with its slug: [[first-tool]].
"#,
    ),
];

/// Writes the starter site (or the example `example`) into `dir`,
/// refusing to overwrite anything.
pub fn init(dir: &Path, example: Option<&str>) -> Result<usize, Diagnostic> {
    let neutral: Vec<ExampleFile> = NEUTRAL.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    let files: &[ExampleFile] = match example {
        None => &neutral,
        Some(name) => EXAMPLES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, files)| *files)
            .ok_or_else(|| {
                Diagnostic::error(
                    Code::InvalidValue,
                    Location::file("--example"),
                    format!("there is no example called `{name}`"),
                )
                .with_help(format!(
                    "the examples are {}",
                    example_names()
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?,
    };
    for (path, _) in files {
        let target = dir.join(path);
        if target.exists() {
            return Err(Diagnostic::error(
                Code::Io,
                Location::file(&target),
                format!("{} already exists", target.display()),
            )
            .with_help("choose an empty or new folder for `vial init`"));
        }
    }
    for (path, text) in files {
        let target = dir.join(path);
        let write = || -> std::io::Result<()> {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&target, text)
        };
        write().map_err(|e| {
            Diagnostic::error(
                Code::Io,
                Location::file(&target),
                format!("cannot write: {}", vial_base::diagnostic::io_reason(&e)),
            )
            .with_help("check that the folder is writable")
        })?;
    }
    Ok(files.len())
}
