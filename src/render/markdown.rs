//! Markdown to HTML as a chain of small event transforms over
//! pulldown-cmark: heading anchors, cross-links and embedded blocks. Each
//! transform passes every event it does not own through unchanged.

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::link::is_internal;
use crate::model::slugify;

/// The parser with the extensions vial's markdown uses, everywhere alike.
pub fn parser(text: &str) -> Parser<'_> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS;
    Parser::new_ext(text, options)
}

/// What markdown needs from the rest of the site.
pub trait Surroundings {
    /// The URL and title of an internal link, `None` if it does not resolve
    /// (the link stage has already reported it).
    fn link(&self, destination: &str) -> Option<(String, String)>;
    /// HTML for a fenced block of `language`, `None` if it is ordinary code.
    fn embed(&self, language: &str, body: &str) -> Option<String>;
}

/// Renders markdown to HTML with every vial transform applied.
pub fn render_markdown(text: &str, site: &dyn Surroundings) -> String {
    if text.trim().is_empty() {
        return String::new();
    }
    let events = parser(text);
    let events = embeds(events, site);
    let events = links(events, site);
    let events = heading_anchors(events);
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// Replaces fenced blocks vial knows (`compare`, `usage`) by their HTML.
fn embeds<'a>(events: impl Iterator<Item = Event<'a>>, site: &dyn Surroundings) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut fence: Option<(CowStr<'a>, Vec<Event<'a>>)> = None;
    for event in events {
        match (&mut fence, event) {
            (None, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang)))) => {
                fence = Some((
                    lang.clone(),
                    vec![Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang)))],
                ));
            }
            (Some(_), Event::End(TagEnd::CodeBlock)) => {
                let Some((lang, mut buffered)) = fence.take() else {
                    continue;
                };
                let body: String = buffered
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                match site.embed(lang.trim(), &body) {
                    Some(html) => out.push(Event::Html(html.into())),
                    None => {
                        buffered.push(Event::End(TagEnd::CodeBlock));
                        out.append(&mut buffered);
                    }
                }
            }
            (Some((_, buffered)), event) => buffered.push(event),
            (None, event) => out.push(event),
        }
    }
    out
}

/// Points wiki links and `@/` links at their pages; a wiki link without its
/// own text shows the target's name.
fn links<'a>(events: Vec<Event<'a>>, site: &dyn Surroundings) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    // While inside a wiki link without text, the parser's text (the raw
    // destination) is replaced by the target's title.
    let mut replacing_text = false;
    for event in events {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if is_internal(link_type, &dest_url) => {
                let fragment = dest_url.split_once('#').map(|(_, f)| f.to_string());
                match site.link(&dest_url) {
                    Some((url, name)) => {
                        let url = match fragment {
                            Some(f) => format!("{url}#{f}"),
                            None => url,
                        };
                        out.push(Event::Start(Tag::Link {
                            link_type: LinkType::Inline,
                            dest_url: url.into(),
                            title,
                            id,
                        }));
                        if matches!(link_type, LinkType::WikiLink { has_pothole: false }) {
                            out.push(Event::Text(name.into()));
                            replacing_text = true;
                        }
                    }
                    None => out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })),
                }
            }
            Event::End(TagEnd::Link) if replacing_text => {
                replacing_text = false;
                out.push(Event::End(TagEnd::Link));
            }
            _ if replacing_text => {}
            event => out.push(event),
        }
    }
    out
}

/// Gives every heading an `id` (its slug, made unique) so it can be linked.
fn heading_anchors(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut used: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(events.len());
    let mut heading: Option<usize> = None;
    let mut text = String::new();
    for event in events {
        match &event {
            Event::Start(Tag::Heading { .. }) => {
                heading = Some(out.len());
                text.clear();
            }
            Event::Text(t) | Event::Code(t) if heading.is_some() => text.push_str(t),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(start) = heading.take()
                    && let Event::Start(Tag::Heading { id, .. }) = &mut out[start]
                {
                    let base = id
                        .as_ref()
                        .map_or_else(|| slugify(&text), |i| i.to_string());
                    let base = if base.is_empty() {
                        "section".to_string()
                    } else {
                        base
                    };
                    let mut unique = base.clone();
                    let mut n = 1;
                    while !used.insert(unique.clone()) {
                        unique = format!("{base}-{n}");
                        n += 1;
                    }
                    *id = Some(unique.into());
                }
            }
            _ => {}
        }
        out.push(event);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake;
    impl Surroundings for Fake {
        fn link(&self, destination: &str) -> Option<(String, String)> {
            match destination.split('#').next()? {
                "meso-ampoule" | "@/products/meso-ampoule.yaml" => {
                    Some(("/products/meso-ampoule/".into(), "Lastlight Ampoule".into()))
                }
                _ => None,
            }
        }
        fn embed(&self, language: &str, body: &str) -> Option<String> {
            (language == "usage")
                .then(|| format!("<div class=\"usage-card\">{}</div>", body.trim()))
        }
    }

    #[test]
    fn wiki_links_show_the_target_name() {
        let html = render_markdown("See [[meso-ampoule]].", &Fake);
        assert_eq!(
            html,
            "<p>See <a href=\"/products/meso-ampoule/\">Lastlight Ampoule</a>.</p>\n"
        );
    }

    #[test]
    fn piped_wiki_links_keep_their_text() {
        let html = render_markdown("[[meso-ampoule|this one]]", &Fake);
        assert_eq!(
            html,
            "<p><a href=\"/products/meso-ampoule/\">this one</a></p>\n"
        );
    }

    #[test]
    fn source_links_resolve_with_fragment() {
        let html = render_markdown("[x](@/products/meso-ampoule.yaml#usage)", &Fake);
        assert_eq!(
            html,
            "<p><a href=\"/products/meso-ampoule/#usage\">x</a></p>\n"
        );
    }

    #[test]
    fn wiki_syntax_in_code_is_left_alone() {
        let html = render_markdown("`[[meso-ampoule]]`\n\n```\n[[meso-ampoule]]\n```\n", &Fake);
        assert!(html.contains("<code>[[meso-ampoule]]</code>"));
        assert!(html.contains("<pre><code>[[meso-ampoule]]\n</code></pre>"));
    }

    #[test]
    fn known_fences_are_embedded_and_others_stay_code() {
        let html = render_markdown(
            "```usage\nproduct: x\n```\n\n```rust\nfn a() {}\n```\n",
            &Fake,
        );
        assert!(html.contains("<div class=\"usage-card\">product: x</div>"));
        assert!(html.contains("<pre><code class=\"language-rust\">fn a() {}\n</code></pre>"));
    }

    #[test]
    fn headings_get_unique_ids() {
        let html = render_markdown("## How often\n\n## How often\n", &Fake);
        assert!(html.contains("<h2 id=\"how-often\">"));
        assert!(html.contains("<h2 id=\"how-often-1\">"));
    }
}
