//! A short text of site.yaml (the disclosure beside shop links) as inline
//! markdown: emphasis, code and links, inside one line of the theme's
//! HTML. It is no page's text: blocks (paragraphs, lists, headings) keep
//! only their words, raw HTML is shown as written, and a link that starts
//! with `/` leads to that address below the site's path, so that
//! `[how we earn money](/disclosure/)` works on a site published at
//! `https://example.org/plants/` as at a domain's root.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The HTML of `text`, its `/…` links below `base_path` (which ends in
/// `/`).
pub fn render_inline(text: &str, base_path: &str) -> String {
    let events = Parser::new(text.trim()).filter_map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = match dest_url.strip_prefix('/') {
                Some(rest) if !rest.starts_with('/') => format!("{base_path}{rest}").into(),
                _ => dest_url,
            };
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::Start(tag) if is_inline(&tag) => Some(Event::Start(tag)),
        Event::End(tag) if is_inline_end(tag) => Some(Event::End(tag)),
        // A block's words stay, a space apart from the next block's; the
        // block does not.
        Event::Start(_) => None,
        Event::End(_) => Some(Event::Text(" ".into())),
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        event => Some(event),
    });
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html.trim_end().to_string()
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. }
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link
    )
}

#[cfg(test)]
mod tests {
    use super::render_inline;

    #[test]
    fn links_from_the_site_root_go_below_its_path() {
        assert_eq!(
            render_inline("See [how we earn](/disclosure/).", "/plants/"),
            "See <a href=\"/plants/disclosure/\">how we earn</a>."
        );
        assert_eq!(
            render_inline("[a](https://x.example/) [b](//cdn.example/)", "/kb/"),
            "<a href=\"https://x.example/\">a</a> <a href=\"//cdn.example/\">b</a>"
        );
    }

    #[test]
    fn blocks_and_html_are_not_passed_through() {
        let html = render_inline("# Big\n\nsay <b onclick=\"x()\">hi</b> *ok*", "/");
        assert_eq!(
            html,
            "Big say &lt;b onclick=\"x()\"&gt;hi&lt;/b&gt; <em>ok</em>"
        );
    }
}
