//! `vial init DIR`: a minimal site that builds as is (one category, one
//! product, one guide), using the default theme built into vial.

use std::fs;
use std::path::Path;

use crate::diagnostic::{Code, Diagnostic, Location};

const FILES: &[(&str, &str)] = &[
    (
        "site.yaml",
        r#"title: My product notes
base_url: https://example.org
description: Notes on the products I use and how to use them.
routine:
  steps: [cleanse, treat, moisturize, protect]
  reminders:
    am: ["Finish with sunscreen in the morning."]
specs:
  - key: volume
    label: Volume
    type: number
    unit: ml
  - key: fragrance_free
    label: Fragrance-free
    type: bool
"#,
    ),
    (
        "content/categories/serum.yaml",
        r#"name: Serum
summary: A concentrated treatment for everyday use.
description: |
  Serums sit in the **treat** step, after cleansing and before moisturizer.
traits:
  - name: How often
    value: Daily
"#,
    ),
    (
        "content/products/first-serum.yaml",
        r#"name: First Serum
brand: Example Brand
category: serum
summary: A light, hydrating everyday serum.
actives:
  - name: Hyaluronic acid
    percent: 1
concerns: [dehydration]
specs:
  volume: 30
  fragrance_free: true
usage:
  frequency: daily
  time: [am, pm]
  step: treat
  instructions: |
    Press two or three drops into damp skin.
  cautions:
    - Patch test first if your skin is sensitive.
"#,
    ),
    (
        "content/guides/getting-started.md",
        r#"---
title: Getting started
summary: How this site is put together.
date: 2026-01-01
products: [first-serum]
---

Products live in `content/products/`, guides like this one in
`content/guides/`. Link to a product with its slug: [[first-serum]].
"#,
    ),
];

/// Writes the starter site into `dir`, refusing to overwrite anything.
pub fn init(dir: &Path) -> Result<usize, Diagnostic> {
    for (path, _) in FILES {
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
    for (path, text) in FILES {
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
                format!("cannot write: {e}"),
            )
            .with_help("check that the folder is writable")
        })?;
    }
    Ok(FILES.len())
}
