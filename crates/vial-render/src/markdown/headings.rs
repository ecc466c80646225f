//! Heading ids. Every heading gets an `id`, its slug made unique
//! (`## Where it goes` is `#where-it-goes`), so it can be linked.
//!
//! A translation's headings are in other words, so their slugs are not
//! the original's: a link written for the original (in a text shown for
//! want of a translation, or in a translation that kept it) would lead
//! nowhere. So a translation keeps each id of the original that its own
//! headings do not have, as an empty anchor at the start of the heading
//! in the same place: the original's n-th heading's at the translation's
//! n-th, those past the translation's last heading at its last (at the
//! text's start when it has none). When the translation has the
//! original's headings, level for level, every link lands on the heading
//! it was written for; the translation's own ids, from its own words, are
//! the ones its table of contents and its readers' addresses show.

use std::cell::RefCell;
use std::collections::{HashSet, VecDeque};

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Surroundings;
use vial_base::text::slugify;
use vial_site::markdown::parser;

/// A heading of a text, for its table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// The original's heading ids a translation keeps; none for a text that
/// translates nothing.
#[derive(Debug, Default)]
pub(super) struct Keep {
    /// The original's heading ids, in order.
    ids: Vec<String>,
    /// How many headings the translation has.
    count: usize,
}

impl Keep {
    /// The ids of `original`'s headings, for the translation `text`.
    pub(super) fn new(original: &[Heading], text: &str) -> Self {
        let count = parser(text)
            .filter(|e| matches!(e, Event::Start(Tag::Heading { .. })))
            .count();
        Keep {
            ids: original.iter().map(|h| h.id.clone()).collect(),
            count,
        }
    }

    /// The original's ids kept at the translation's heading `n` (from 0):
    /// its own, and at the last heading those past it.
    fn at(&self, n: usize) -> &[String] {
        let from = n.min(self.ids.len());
        let to = if n + 1 == self.count {
            self.ids.len()
        } else {
            (n + 1).min(self.ids.len())
        };
        &self.ids[from..to]
    }

    /// The ids kept before the text, which has no heading to keep them at.
    fn before_text(&self) -> &[String] {
        match self.count {
            0 => &self.ids,
            _ => &[],
        }
    }
}

/// Empty elements with the ids `ids`, for a link to land on.
fn anchors<'i>(ids: impl Iterator<Item = &'i String>) -> String {
    ids.map(|id| format!("<span id=\"{}\"></span>", crate::escape(id)))
        .collect()
}

/// The headings of `text` with their ids, as `heading_anchors` gives them.
pub(super) fn outline(text: &str, site: &dyn Surroundings) -> Vec<Heading> {
    let outline = RefCell::new(Vec::new());
    let keep = Keep::default();
    heading_anchors(super::links(parser(text), site), &outline, &keep).for_each(drop);
    outline.into_inner()
}

/// Gives every heading an `id` (its slug, made unique) so it can be linked,
/// keeps the original's ids in a translation (`keep`), and notes each
/// heading in `outline`.
pub(super) fn heading_anchors<'a, 'o>(
    mut events: impl Iterator<Item = Event<'a>> + 'o,
    outline: &'o RefCell<Vec<Heading>>,
    keep: &'o Keep,
) -> impl Iterator<Item = Event<'a>> + 'o
where
    'a: 'o,
{
    // The original's ids are taken first, so that no heading of the
    // translation takes one for itself elsewhere.
    let mut used: HashSet<String> = keep.ids.iter().cloned().collect();
    // The rest of a heading whose start was given its id.
    let mut heading: VecDeque<Event<'a>> = VecDeque::new();
    let mut seen = 0;
    let before = keep.before_text();
    if !before.is_empty() {
        heading.push_back(Event::Html(anchors(before.iter()).into()));
    }
    std::iter::from_fn(move || {
        if let Some(event) = heading.pop_front() {
            return Some(event);
        }
        match events.next()? {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // The id comes from the heading's text: hold the heading
                // back until its end.
                let mut text = String::new();
                for event in events.by_ref() {
                    if let Event::Text(t) | Event::Code(t) = &event {
                        text.push_str(t);
                    }
                    let end = matches!(event, Event::End(TagEnd::Heading(_)));
                    heading.push_back(event);
                    if end {
                        break;
                    }
                }
                let base = id
                    .as_ref()
                    .map_or_else(|| slugify(&text), |i| i.to_string());
                let base = if base.is_empty() {
                    "section".to_string()
                } else {
                    base
                };
                let kept = keep.at(seen);
                seen += 1;
                // A heading the translation kept in the original's words
                // has the original's id already.
                let unique = if kept.first() == Some(&base) {
                    base
                } else {
                    let mut unique = base.clone();
                    let mut n = 1;
                    while !used.insert(unique.clone()) {
                        unique = format!("{base}-{n}");
                        n += 1;
                    }
                    unique
                };
                let extra = anchors(kept.iter().filter(|k| **k != unique));
                if !extra.is_empty() {
                    heading.push_front(Event::InlineHtml(extra.into()));
                }
                outline.borrow_mut().push(Heading {
                    level: level as u8,
                    id: unique.clone(),
                    text: text.trim().to_string(),
                });
                Some(Event::Start(Tag::Heading {
                    level,
                    id: Some(unique.into()),
                    classes,
                    attrs,
                }))
            }
            event => Some(event),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str, original: &[&str]) -> String {
        let original: Vec<Heading> = (original.iter())
            .map(|id| Heading {
                level: 2,
                id: id.to_string(),
                text: String::new(),
            })
            .collect();
        let keep = Keep::new(&original, text);
        let outline = RefCell::new(Vec::new());
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, heading_anchors(parser(text), &outline, &keep));
        html
    }

    #[test]
    fn a_translation_keeps_the_originals_ids_at_its_headings() {
        let html = ids("## Wohin\n\n## Wie oft\n", &["where", "how-often"]);
        assert_eq!(
            html,
            "<h2 id=\"wohin\"><span id=\"where\"></span>Wohin</h2>\n\
             <h2 id=\"wie-oft\"><span id=\"how-often\"></span>Wie oft</h2>\n"
        );
    }

    #[test]
    fn a_heading_kept_in_the_originals_words_needs_no_anchor() {
        let html = ids("## Where\n\n## Wie oft\n", &["where", "how-often"]);
        assert!(html.starts_with("<h2 id=\"where\">Where</h2>"), "{html}");
    }

    #[test]
    fn ids_past_the_translations_last_heading_are_kept_at_it() {
        let html = ids("## Alles\n", &["where", "how-often", "why"]);
        assert_eq!(
            html,
            "<h2 id=\"alles\"><span id=\"where\"></span><span id=\"how-often\"></span><span id=\"why\"></span>Alles</h2>\n"
        );
        let html = ids("Kein Abschnitt.\n", &["where"]);
        assert!(
            html.starts_with("<span id=\"where\"></span>\n<p>"),
            "{html}"
        );
    }

    #[test]
    fn no_heading_of_a_translation_takes_an_id_the_original_keeps() {
        // The first heading's words slugify to the second's original id.
        let html = ids("## Why\n\n## Warum\n", &["where", "why"]);
        assert!(
            html.contains("<h2 id=\"why-1\"><span id=\"where\"></span>Why</h2>"),
            "{html}"
        );
        assert!(
            html.contains("<h2 id=\"warum\"><span id=\"why\"></span>Warum</h2>"),
            "{html}"
        );
    }
}
