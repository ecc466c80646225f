//! Markdown to HTML as a chain of small event transforms over
//! pulldown-cmark: heading anchors, cross-links and embedded blocks. Each
//! transform passes every event it does not own through unchanged, and holds
//! back only the events it must see together (a fenced block, a heading):
//! never the whole text's, so a long text costs the parser's memory and the
//! HTML, nothing per link on top.

use std::collections::VecDeque;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Tag, TagEnd};

use vial_site::markdown::{is_internal, parser};

mod headings;
mod inline;

pub use headings::Heading;
use headings::{Keep, heading_anchors, outline};
pub use inline::render_inline;

/// What markdown needs from the rest of the site.
pub trait Surroundings {
    /// The URL and title of an internal link, `None` if it does not resolve
    /// (the link stage has already reported it). `in_sentence`: the link
    /// stands inside a sentence, not at its start, so a common noun's name
    /// may be written the way the language writes it there ("as a serum").
    fn link(&self, destination: &str, in_sentence: bool) -> Option<(String, String)>;
    /// The language of the page a resolving link leads to, when it is
    /// not the text's (`hreflang`), and of the target's name, when that
    /// is not in the text's language (`lang`, for a link that shows it).
    fn languages(&self, destination: &str) -> (Option<String>, Option<String>) {
        let _ = destination;
        (None, None)
    }
    /// HTML for a fenced block of `language`, `None` if it is ordinary code.
    fn embed(&self, language: &str, body: &str) -> Option<String>;
    /// A table's HTML in the frame the site puts tables in; `columns` are
    /// its column headers, to name it by.
    fn table(&self, columns: &[String], html: String) -> String {
        let _ = columns;
        html
    }
}

/// Renders markdown to HTML with every vial transform applied.
pub fn render_markdown(text: &str, site: &dyn Surroundings) -> String {
    render_with_outline(text, site).0
}

/// `render_markdown`, and the text's headings in order.
pub fn render_with_outline(text: &str, site: &dyn Surroundings) -> (String, Vec<Heading>) {
    render_keeping(text, &Keep::default(), site)
}

/// `render_with_outline` of a translation, which keeps the ids of the
/// headings of `original` (the text it translates) reachable, so that a
/// link to one of them, written for the original, lands at its
/// translation (see `headings`).
pub fn render_translation(
    text: &str,
    original: &str,
    site: &dyn Surroundings,
) -> (String, Vec<Heading>) {
    let keep = Keep::new(&outline(original, site), text);
    render_keeping(text, &keep, site)
}

fn render_keeping(text: &str, keep: &Keep, site: &dyn Surroundings) -> (String, Vec<Heading>) {
    if text.trim().is_empty() {
        return (String::new(), Vec::new());
    }
    let outline = std::cell::RefCell::new(Vec::new());
    let events = parser(text);
    let events = embeds(events, site);
    let events = links(events, site);
    let events = heading_anchors(events, &outline, keep);
    let events = tables(events, site);
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    (html, outline.into_inner())
}

/// Replaces fenced blocks vial knows (`compare`, `usage`) by their HTML.
fn embeds<'a>(
    mut events: impl Iterator<Item = Event<'a>>,
    site: &dyn Surroundings,
) -> impl Iterator<Item = Event<'a>> {
    // The events of a fenced block that turned out to be ordinary code.
    let mut replay: VecDeque<Event<'a>> = VecDeque::new();
    std::iter::from_fn(move || {
        if let Some(event) = replay.pop_front() {
            return Some(event);
        }
        match events.next()? {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                let mut block = Vec::new();
                for event in events.by_ref() {
                    if event == Event::End(TagEnd::CodeBlock) {
                        break;
                    }
                    block.push(event);
                }
                let body: String = block
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                if let Some(html) = site.embed(lang.trim(), &body) {
                    return Some(Event::Html(html.into()));
                }
                replay.extend(block);
                replay.push_back(Event::End(TagEnd::CodeBlock));
                Some(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))))
            }
            event => Some(event),
        }
    })
}

/// Points wiki links and `@/` links at their pages; a wiki link without its
/// own text shows the target's name.
fn links<'a>(
    mut events: impl Iterator<Item = Event<'a>>,
    site: &dyn Surroundings,
) -> impl Iterator<Item = Event<'a>> {
    // The target's name, to follow the start of a wiki link without text.
    let mut name: Option<Event<'a>> = None;
    // While inside a wiki link without text, the parser's text (the raw
    // destination) is replaced by the target's title.
    let mut replacing_text = false;
    // Whether the next text starts a sentence: at the start of a block, or
    // after text that ends one.
    let mut sentence_start = true;
    // Whether the open link was written as HTML, to carry its languages.
    let mut html_link = false;
    std::iter::from_fn(move || {
        if let Some(event) = name.take() {
            return Some(event);
        }
        loop {
            let event = events.next()?;
            if !replacing_text {
                sentence_start = starts_sentence(&event, sentence_start);
            }
            match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) if is_internal(link_type, &dest_url) => {
                    let fragment = dest_url.split_once('#').map(|(_, f)| f.to_string());
                    return Some(match site.link(&dest_url, !sentence_start) {
                        Some((url, target_name)) => {
                            let url = match fragment {
                                Some(f) => format!("{url}#{f}"),
                                None => url,
                            };
                            let shows_name =
                                matches!(link_type, LinkType::WikiLink { has_pothole: false });
                            if shows_name {
                                name = Some(Event::Text(target_name.into()));
                                replacing_text = true;
                            }
                            let (hreflang, lang) = site.languages(&dest_url);
                            // Words written around a piped link are the text's.
                            let lang = lang.filter(|_| shows_name);
                            if hreflang.is_some() || lang.is_some() {
                                html_link = true;
                                return Some(Event::InlineHtml(
                                    link_open(&url, &title, hreflang, lang).into(),
                                ));
                            }
                            Event::Start(Tag::Link {
                                link_type: LinkType::Inline,
                                dest_url: url.into(),
                                title,
                                id,
                            })
                        }
                        None => Event::Start(Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        }),
                    });
                }
                Event::End(TagEnd::Link) if replacing_text || html_link => {
                    if replacing_text {
                        sentence_start = false;
                    }
                    replacing_text = false;
                    if std::mem::take(&mut html_link) {
                        return Some(Event::InlineHtml("</a>".into()));
                    }
                    return Some(Event::End(TagEnd::Link));
                }
                _ if replacing_text => {}
                event => return Some(event),
            }
        }
    })
}

/// The start of a link that says its languages, which markdown's own
/// link cannot: `hreflang` for a page in another language, `lang` for a
/// name in another language.
fn link_open(url: &str, title: &str, hreflang: Option<String>, lang: Option<String>) -> String {
    let mut html = format!("<a href=\"{}\"", crate::escape(url));
    if !title.is_empty() {
        html.push_str(&format!(" title=\"{}\"", crate::escape(title)));
    }
    for (name, value) in [("hreflang", hreflang), ("lang", lang)] {
        if let Some(value) = value {
            html.push_str(&format!(" {name}=\"{}\"", crate::escape(&value)));
        }
    }
    html.push('>');
    html
}

/// Whether the text after `event` starts a sentence, given whether the text
/// before it did: a block starts one, text ending in `.`, `!` or `?` (before
/// any closing quotes or brackets) ends one, other text and code do not.
fn starts_sentence(event: &Event, before: bool) -> bool {
    match event {
        Event::Start(
            Tag::Paragraph
            | Tag::Item
            | Tag::Heading { .. }
            | Tag::TableCell
            | Tag::BlockQuote(_)
            | Tag::FootnoteDefinition(_),
        ) => true,
        Event::Text(t) => {
            let end = t
                .trim_end()
                .trim_end_matches(['"', '\'', ')', ']', '»', '«', '“', '”', '’']);
            if end.is_empty() && t.trim().is_empty() {
                before
            } else {
                end.ends_with(['.', '!', '?'])
            }
        }
        Event::Code(_) | Event::InlineHtml(_) | Event::End(TagEnd::Link) => false,
        _ => before,
    }
}

/// Puts each table in the frame the site gives tables (a labelled scroll
/// region), named by its column headers. A header cell with nothing in it
/// becomes a data cell: a header must say what it heads. Holds back one
/// table at a time.
fn tables<'a>(
    mut events: impl Iterator<Item = Event<'a>>,
    site: &dyn Surroundings,
) -> impl Iterator<Item = Event<'a>> {
    std::iter::from_fn(move || match events.next()? {
        Event::Start(Tag::Table(alignments)) => {
            let mut head: Vec<Vec<Event<'a>>> = Vec::new();
            let mut body: Vec<Event<'a>> = Vec::new();
            let mut in_head = false;
            for event in events.by_ref() {
                match event {
                    Event::End(TagEnd::Table) => break,
                    Event::Start(Tag::TableHead) => in_head = true,
                    Event::End(TagEnd::TableHead) => in_head = false,
                    Event::Start(Tag::TableCell) if in_head => head.push(Vec::new()),
                    Event::End(TagEnd::TableCell) if in_head => {}
                    event if in_head => {
                        if let Some(cell) = head.last_mut() {
                            cell.push(event);
                        }
                    }
                    event => body.push(event),
                }
            }
            Some(Event::Html(table_html(site, alignments, head, body).into()))
        }
        event => Some(event),
    })
}

/// A table's HTML: the head row written here (so an empty header can be a
/// `td`), the body by pulldown-cmark.
fn table_html(
    site: &dyn Surroundings,
    alignments: Vec<Alignment>,
    head: Vec<Vec<Event>>,
    body: Vec<Event>,
) -> String {
    let mut html = String::from("<table><thead><tr>");
    let mut columns = Vec::new();
    for (i, cell) in head.into_iter().enumerate() {
        let text: String = cell
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let element = if text.trim().is_empty() { "td" } else { "th" };
        let style = match alignments.get(i) {
            Some(Alignment::Left) => " style=\"text-align: left\"",
            Some(Alignment::Center) => " style=\"text-align: center\"",
            Some(Alignment::Right) => " style=\"text-align: right\"",
            _ => "",
        };
        html.push_str(&format!("<{element}{style}>"));
        pulldown_cmark::html::push_html(&mut html, cell.into_iter());
        html.push_str(&format!("</{element}>"));
        if !text.trim().is_empty() {
            columns.push(text.trim().to_string());
        }
    }
    html.push_str("</tr></thead>");
    // The body alone: an empty head first puts the writer in body mode.
    let mut rest = String::new();
    let events = [
        Event::Start(Tag::Table(alignments)),
        Event::Start(Tag::TableHead),
        Event::End(TagEnd::TableHead),
    ]
    .into_iter()
    .chain(body)
    .chain([Event::End(TagEnd::Table)]);
    pulldown_cmark::html::push_html(&mut rest, events);
    html.push_str(
        rest.strip_prefix("<table><thead><tr></tr></thead>")
            .unwrap_or(&rest),
    );
    site.table(&columns, html)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake;
    impl Surroundings for Fake {
        fn link(&self, destination: &str, _: bool) -> Option<(String, String)> {
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
    fn transforms_pass_events_on_as_they_come() {
        let text = "See [[meso-ampoule]].\n\n## How often\n\n```usage\nproduct: x\n```\n";
        let pulled = std::cell::Cell::new(0);
        let source = parser(text).inspect(|_| pulled.set(pulled.get() + 1));
        let outline = std::cell::RefCell::new(Vec::new());
        let keep = Keep::default();
        let mut events = heading_anchors(links(embeds(source, &Fake), &Fake), &outline, &keep);
        assert_eq!(events.next(), Some(Event::Start(Tag::Paragraph)));
        assert_eq!(pulled.get(), 1);
        assert_eq!(events.next(), Some(Event::Text("See ".into())));
        assert!(matches!(
            events.next(),
            Some(Event::Start(Tag::Link { .. }))
        ));
        // A link's name follows its start without reading on.
        let at_link = pulled.get();
        assert_eq!(events.next(), Some(Event::Text("Lastlight Ampoule".into())));
        assert_eq!(pulled.get(), at_link);
        assert_eq!(events.next(), Some(Event::End(TagEnd::Link)));
        // A heading is held back until its end, to name it; a fenced block
        // until its end, to embed it.
        let rest: Vec<Event> = events.collect();
        assert!(
            matches!(&rest[2], Event::Start(Tag::Heading { id: Some(id), .. }) if id.as_ref() == "how-often")
        );
        assert!(matches!(rest.last(), Some(Event::Html(_))));
    }

    #[test]
    fn headings_get_unique_ids() {
        let html = render_markdown("## How often\n\n## How often\n", &Fake);
        assert!(html.contains("<h2 id=\"how-often\">"));
        assert!(html.contains("<h2 id=\"how-often-1\">"));
    }

    #[test]
    fn headings_make_the_outline() {
        let (_, outline) = render_with_outline("# Top\n\n## Why `often`\n\n### Detail\n", &Fake);
        let got: Vec<(u8, &str, &str)> = outline
            .iter()
            .map(|h| (h.level, h.id.as_str(), h.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (1, "top", "Top"),
                (2, "why-often", "Why often"),
                (3, "detail", "Detail")
            ]
        );
    }

    #[test]
    fn tables_are_framed_and_an_empty_header_is_a_data_cell() {
        struct Framing;
        impl Surroundings for Framing {
            fn link(&self, _: &str, _: bool) -> Option<(String, String)> {
                None
            }
            fn embed(&self, _: &str, _: &str) -> Option<String> {
                None
            }
            fn table(&self, columns: &[String], html: String) -> String {
                format!("<div aria-label=\"{}\">{html}</div>", columns.join(", "))
            }
        }
        let html = render_markdown(
            "|   | Serum | *Ampoule* |\n|---|:-:|--:|\n| Dose | low | **high** |\n",
            &Framing,
        );
        assert_eq!(
            html,
            "<div aria-label=\"Serum, Ampoule\"><table><thead><tr><td></td>\
             <th style=\"text-align: center\">Serum</th>\
             <th style=\"text-align: right\"><em>Ampoule</em></th></tr></thead><tbody>\n\
             <tr><td>Dose</td><td style=\"text-align: center\">low</td>\
             <td style=\"text-align: right\"><strong>high</strong></td></tr>\n\
             </tbody></table>\n</div>"
        );
    }
}
