//! The book in docs/ is tested like code: every site file it shows as one
//! (a code block marked `check=<path>`) is checked with `vial check` in the
//! bundled example site, and every link between its pages resolves.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

fn book() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src")
}

/// Every chapter of the book, by path relative to docs/src, with its text.
fn chapters() -> BTreeMap<PathBuf, String> {
    walkdir::WalkDir::new(book())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            let relative = e.path().strip_prefix(book()).unwrap().to_path_buf();
            (relative, fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

/// A site file the book shows: the path the block names, and its text.
struct Example {
    chapter: PathBuf,
    path: String,
    text: String,
}

/// The code blocks marked `check=<path>` in their info string.
fn examples(chapter: &Path, text: &str) -> Vec<Example> {
    let mut found = Vec::new();
    let mut open: Option<(String, String)> = None;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                open = info
                    .split_whitespace()
                    .find_map(|word| word.strip_prefix("check="))
                    .map(|path| (path.to_string(), String::new()));
            }
            Event::Text(t) => {
                if let Some((_, body)) = open.as_mut() {
                    body.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((path, text)) = open.take() {
                    let chapter = chapter.to_path_buf();
                    found.push(Example {
                        chapter,
                        path,
                        text,
                    });
                }
            }
            _ => {}
        }
    }
    found
}

/// The bundled example site (the repository's own), copied.
fn example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    crate::common::copy_dir(&repo.join("content"), &dir.path().join("content"));
    dir
}

#[test]
fn every_site_file_in_the_book_passes_vial_check() {
    let mut checked = 0;
    for (chapter, text) in chapters() {
        for example in examples(&chapter, &text) {
            let site = example_site();
            let target = site.path().join(&example.path);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::write(&target, &example.text).unwrap();
            let options = vial_build::BuildOptions::new(site.path());
            if let Err(problems) = vial_build::check(&options) {
                panic!(
                    "{}: the example of {} does not pass `vial check`:\n{problems}",
                    example.chapter.display(),
                    example.path
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} examples are marked `check=`");
}

/// The ids mdBook gives a chapter's headings.
fn heading_ids(text: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) if level <= HeadingLevel::H6 => {
                heading = Some(String::new());
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    let id = normalize_id(&h);
                    let mut unique = id.clone();
                    let mut n = 1;
                    while !ids.insert(unique.clone()) {
                        unique = format!("{id}-{n}");
                        n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    ids
}

/// A heading's id as mdBook makes it.
fn normalize_id(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// Every link and image of a chapter.
fn destinations(text: &str) -> Vec<String> {
    Parser::new_ext(text, Options::ENABLE_TABLES)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn every_link_between_the_books_pages_resolves() {
    let chapters = chapters();
    let ids: BTreeMap<&PathBuf, BTreeSet<String>> =
        chapters.iter().map(|(p, t)| (p, heading_ids(t))).collect();
    let mut broken = Vec::new();
    for (chapter, text) in &chapters {
        for dest in destinations(text) {
            if dest.contains("://") || dest.starts_with("mailto:") {
                continue;
            }
            let (file, anchor) = dest.split_once('#').unwrap_or((&dest, ""));
            let target = if file.is_empty() {
                chapter.clone()
            } else {
                normalize(&chapter.parent().unwrap().join(file))
            };
            if !book().join(&target).exists() {
                broken.push(format!("{}: {dest} (no such file)", chapter.display()));
            } else if !anchor.is_empty() && !ids.get(&target).is_some_and(|i| i.contains(anchor)) {
                broken.push(format!("{}: {dest} (no such heading)", chapter.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// `a/../b` as `b`.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn every_chapter_is_in_the_summary_and_every_summary_entry_exists() {
    let summary = fs::read_to_string(book().join("SUMMARY.md")).unwrap();
    let listed: BTreeSet<String> = destinations(&summary).into_iter().collect();
    for file in &listed {
        assert!(
            book().join(file).is_file(),
            "SUMMARY.md lists {file}, which does not exist"
        );
    }
    let included: BTreeSet<String> = chapters()
        .values()
        .flat_map(|text| {
            text.match_indices("{{#include ")
                .filter_map(|(i, _)| {
                    let rest = &text[i + 11..];
                    rest.find("}}").map(|end| rest[..end].trim().to_string())
                })
                .collect::<Vec<_>>()
        })
        .collect();
    for chapter in chapters().keys() {
        let name = chapter.to_string_lossy().to_string();
        assert!(
            name == "SUMMARY.md" || listed.contains(&name) || included.contains(&name),
            "{name} is in docs/src but not in SUMMARY.md"
        );
    }
}

#[test]
fn every_link_of_the_readme_resolves() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(repo.join("README.md")).unwrap();
    let broken: Vec<String> = destinations(&readme)
        .into_iter()
        .filter(|dest| !dest.contains("://"))
        .filter(|dest| {
            let file = dest.split_once('#').map_or(dest.as_str(), |(f, _)| f);
            !repo.join(file).exists()
        })
        .collect();
    assert!(
        broken.is_empty(),
        "README.md links to nothing at {broken:?}"
    );
}
