//! One markdown text read for its links: each link resolved, each broken
//! one (and each bad embedded block) a diagnostic at its line, and the
//! first mention of each other page kept with the sentence around it.
//! Its own place because scans are kept between rebuilds (`ScanCache`):
//! a text whose file did not change is not read again.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Tag, TagEnd};
use rayon::prelude::*;

use super::embed::parse_embed;
use super::excerpt::{sentence_around, shortened};
use super::resolve::{Resolver, Unresolved};
use super::{Mention, Target};
use crate::markdown::is_internal;
use crate::model::{Markdown, Site};
use vial_base::diagnostic::{Code, Diagnostic, Location, Snippet};

/// A markdown text and the page it belongs to.
pub(super) struct Document<'a> {
    pub(super) owner: Target,
    markdown: &'a Markdown,
    /// Which of the owner's texts this is (description, instructions...).
    pub(super) field: u8,
    /// The hash of the file the text comes from, when it is a product's
    /// or a guide's: an unchanged file means an unchanged text.
    pub(super) source: Option<u64>,
}

/// What scanning one markdown text found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scan {
    /// The first mention of each other page, in text order: later mentions
    /// of the same page never show, so they are not kept.
    mentions: Vec<Mention>,
    pub(super) problems: Vec<Diagnostic>,
}

impl Scan {
    /// The first mention of each page the text links to, in text order.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }
}

/// Scans kept for the next rebuild, in the order `documents` lists the
/// texts. Between two rebuilds the texts are nearly always the same ones
/// in the same order, so a text's last scan is looked for at its own
/// position first; a map by owner is made only when texts came or went.
/// (A map made anew on each edit copied every owner twice.)
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScanCache(pub(super) Vec<KeptScan>);

/// One text's scan, with the file text it was made from (none for texts
/// that are scanned every time).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct KeptScan {
    pub(super) owner: Target,
    pub(super) field: u8,
    pub(super) source: Option<u64>,
    pub(super) scan: Arc<Scan>,
}

/// Positions in a `ScanCache`, by owner and field.
type ScanIndex<'a> = rustc_hash::FxHashMap<(&'a Target, u8), usize>;

impl ScanCache {
    /// The scan kept for `doc`, the `at`th text. `index` is made on first
    /// need and shared by the threads that look.
    fn find<'a>(
        &'a self,
        at: usize,
        doc: &Document,
        index: &std::sync::OnceLock<ScanIndex<'a>>,
    ) -> Option<&'a KeptScan> {
        let is_doc = |k: &KeptScan| k.field == doc.field && k.owner == doc.owner;
        match self.0.get(at) {
            Some(kept) if is_doc(kept) => Some(kept),
            _ => {
                let index = index.get_or_init(|| {
                    (self.0.iter().enumerate())
                        .map(|(i, k)| ((&k.owner, k.field), i))
                        .collect()
                });
                index.get(&(&doc.owner, doc.field)).map(|&i| &self.0[i])
            }
        }
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    /// The scan of `owner`'s `field`th text (0 for most pages' only one).
    pub fn scan_of(&self, owner: &Target, field: u8) -> Option<&Scan> {
        let kept = self
            .0
            .iter()
            .find(|k| k.field == field && k.owner == *owner)?;
        Some(&kept.scan)
    }
}

/// Every markdown text of the site, with the page it belongs to: guides
/// first (the longest), then products, verdicts, categories and terms.
pub(super) fn documents(site: &Site) -> Vec<Document<'_>> {
    let mut docs = Vec::new();
    for g in site.guides.values() {
        docs.push(Document {
            owner: Target::Guide(g.slug.clone()),
            markdown: &g.body,
            field: 0,
            source: Some(g.source),
        });
    }
    for g in site.pages.values() {
        docs.push(Document {
            owner: Target::Page(g.slug.clone()),
            markdown: &g.body,
            field: 0,
            source: Some(g.source),
        });
    }
    for p in site.products.values() {
        for (field, markdown) in [(0, &p.description), (1, &p.usage.instructions)] {
            docs.push(Document {
                owner: Target::Product(p.slug.clone()),
                markdown,
                field,
                source: Some(p.source),
            });
        }
    }
    for v in site.verdicts.values() {
        docs.push(Document {
            owner: Target::Compare(v.slug.clone()),
            markdown: &v.body,
            field: 0,
            source: Some(v.source),
        });
    }
    for c in site.categories.values() {
        docs.push(Document {
            owner: Target::Category(c.slug.clone()),
            markdown: &c.description,
            field: 0,
            source: None,
        });
    }
    for (key, terms) in &site.taxonomies.by_key {
        for taxon in terms.values() {
            if let Some(markdown) = &taxon.description {
                docs.push(Document {
                    owner: Target::Term(key.clone(), taxon.slug.clone()),
                    markdown,
                    field: 0,
                    source: None,
                });
            }
        }
    }
    docs
}

/// Texts scanned in one go at most: small enough that the threads share
/// the long guides, large enough that a task is worth its overhead.
const SCANS_PER_TASK: usize = 16;

/// Each text's scan, and whether it mentions what it did in the last build:
/// kept from `cache` when the text's file did not change, else made anew.
pub(super) fn scan_all(
    site: &Site,
    resolver: &Resolver,
    docs: &[Document],
    cache: Option<&ScanCache>,
) -> Vec<(Arc<Scan>, bool)> {
    let index = std::sync::OnceLock::new();
    // Guides come first and cost many times what a product's text does:
    // left to rayon's few first splits, one thread scanned them alone
    // while the others waited.
    docs.par_iter()
        .with_max_len(SCANS_PER_TASK)
        .enumerate()
        .map(|(at, doc)| {
            let old = cache.and_then(|c| c.find(at, doc, &index));
            let unchanged =
                old.filter(|kept| doc.source.is_some_and(|hash| kept.source == Some(hash)));
            match (unchanged, old) {
                (Some(kept), _) => (Arc::clone(&kept.scan), true),
                (None, old) => {
                    let scan = scan(site, resolver, doc);
                    let same = old.is_some_and(|kept| kept.scan.mentions == scan.mentions);
                    (Arc::new(scan), same)
                }
            }
        })
        .collect()
}

/// Maps a byte offset in a markdown text to its position in the file.
fn markdown_location(markdown: &Markdown, offset: usize) -> Location {
    let (line, column) = vial_base::diagnostic::line_column(&markdown.text, offset);
    Location {
        path: markdown.path.clone(),
        line: markdown.line_offset + line,
        column: column + markdown.indent,
    }
}

/// The links of one text, in one pass over its markdown events.
fn scan(site: &Site, resolver: &Resolver, doc: &Document) -> Scan {
    if doc.markdown.is_empty() {
        return Scan::default();
    }
    let mut scanner = Scanner {
        site,
        resolver,
        doc,
        block_text: String::new(),
        pending: Vec::new(),
        mentioned: HashSet::new(),
        fence: None,
        showing_title: false,
        mentions: Vec::new(),
        problems: Vec::new(),
    };
    for (event, range) in crate::markdown::parser(&doc.markdown.text).into_offset_iter() {
        scanner.event(event, range);
    }
    Scan {
        mentions: scanner.mentions,
        problems: scanner.problems,
    }
}

/// Where a scan is in its text, and what it found so far.
struct Scanner<'s> {
    site: &'s Site,
    resolver: &'s Resolver<'s>,
    doc: &'s Document<'s>,
    /// Text of the current block, to cut the sentence around a link from.
    block_text: String,
    /// The current block's links to pages not mentioned before, each with
    /// where it starts in `block_text`: their sentence is known at its end.
    pending: Vec<(Target, usize)>,
    /// Pages this text already mentions: a later link to one of them is
    /// never shown, so it costs no sentence.
    mentioned: HashSet<Target>,
    /// The fenced block being read: its language, where it starts, its body.
    fence: Option<(String, usize, String)>,
    /// Whether the text read now is a wiki link's slug, shown as the
    /// target's name (already in `block_text`).
    showing_title: bool,
    mentions: Vec<Mention>,
    problems: Vec<Diagnostic>,
}

impl Scanner<'_> {
    fn event(&mut self, event: Event, range: Range<usize>) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                self.fence = Some((lang.to_string(), range.start, String::new()));
            }
            Event::Text(text) if self.fence.is_some() => {
                if let Some((_, _, body)) = self.fence.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => self.end_fence(range.end),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if is_internal(link_type, &dest_url) => self.link(link_type, &dest_url, range.start),
            Event::End(TagEnd::Link) => self.showing_title = false,
            Event::Text(_) | Event::Code(_) if self.showing_title => {}
            Event::Text(text) | Event::Code(text) => self.block_text.push_str(&text),
            Event::SoftBreak | Event::HardBreak => self.block_text.push(' '),
            // A link in a table shows the row it sits in, cell by cell.
            Event::End(TagEnd::TableCell) => self.block_text.push_str(CELL_SEPARATOR),
            Event::End(
                end @ (TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::Heading(_)),
            ) => self.end_block(matches!(end, TagEnd::TableRow | TagEnd::TableHead)),
            _ => {}
        }
    }

    /// A fenced block ends at `end`: if it embeds content, its problem.
    fn end_fence(&mut self, end: usize) {
        let markdown = self.doc.markdown;
        if let Some((lang, start, body)) = self.fence.take()
            && let Some(Err(u)) = parse_embed(self.site, lang.trim(), &body)
            && !self.site.broken.contains(&u.subject)
        {
            // Point at the offending name inside the block.
            let at = markdown.text[start..end]
                .find(&u.subject)
                .filter(|_| !u.subject.is_empty())
                .map_or(start, |i| start + i);
            self.problems.push(error_at(markdown, at, u));
        }
    }

    /// An internal link at `offset`: a mention of its target, or a problem.
    fn link(&mut self, link_type: LinkType, destination: &str, offset: usize) {
        match self.resolver.resolve(destination) {
            Ok(target) => {
                let at = self.block_text.len();
                // The page shows the target's name, not the slug the
                // parser gives as the link's text: so does the snippet.
                if matches!(link_type, LinkType::WikiLink { has_pothole: false }) {
                    self.block_text.push_str(&self.resolver.title(&target));
                    self.showing_title = true;
                }
                // A page's link to itself is not a backlink.
                if target != self.doc.owner && !self.mentioned.contains(&target) {
                    self.mentioned.insert(target.clone());
                    self.pending.push((target, at));
                }
            }
            Err(_) if refers_to_broken(self.site, destination) => {}
            Err(u) => self.problems.push(error_at(self.doc.markdown, offset, u)),
        }
    }

    /// A block ends: each link waiting in it becomes a mention, with the
    /// sentence it sits in (the whole row, for a table's).
    fn end_block(&mut self, row: bool) {
        let text = self.block_text.trim_end_matches(CELL_SEPARATOR);
        for (target, at) in self.pending.drain(..) {
            let snippet = if row {
                shortened(text)
            } else {
                sentence_around(text, at)
            };
            self.mentions.push(Mention {
                from: self.doc.owner.clone(),
                to: target,
                snippet: snippet.into(),
            });
        }
        self.block_text.clear();
    }
}

/// A broken link's error at `offset` of `markdown`, showing its line.
fn error_at(markdown: &Markdown, offset: usize, u: Unresolved) -> Diagnostic {
    let location = markdown_location(markdown, offset);
    let snippet = Snippet::around(&line_of(markdown, offset), location.column);
    let mut d = Diagnostic::error(Code::BrokenLink, location, u.message).with_help(u.help);
    d.snippet = Some(Box::new(snippet));
    d
}

/// Between the cells of a table row in a snippet.
const CELL_SEPARATOR: &str = " · ";

/// A link to a file that exists but failed to load was already reported.
fn refers_to_broken(site: &Site, destination: &str) -> bool {
    let path = destination.split('#').next().unwrap_or("");
    let name = path.rsplit(['/', ':']).next().unwrap_or(path);
    let slug = name.split('.').next().unwrap_or(name);
    site.broken.contains(slug.trim())
}

fn line_of(markdown: &Markdown, offset: usize) -> String {
    let start = markdown.text[..offset.min(markdown.text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = markdown.text[start..].lines().next().unwrap_or("");
    format!("{}{line}", " ".repeat(markdown.indent))
}
