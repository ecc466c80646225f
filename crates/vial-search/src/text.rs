//! Words as the index sees them: lower case, Latin accents folded away
//! (`Crème` and `creme` are one word), split at anything that is not a
//! letter or a digit. The browser splits queries the same way; the folding
//! table travels in the index's entry file so the two can never disagree.
//!
//! Also: the plain text of markdown, for indexing and excerpts.

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Tag, TagEnd};

use vial_site::markdown::parser;

/// Letters that fold to other letters, each followed by what it becomes.
/// Lower case only: text is lowered first. Latin-1 and Latin Extended-A.
const FOLDS: &[(char, &str)] = &[
    ('à', "a"),
    ('á', "a"),
    ('â', "a"),
    ('ã', "a"),
    ('ä', "a"),
    ('å', "a"),
    ('ā', "a"),
    ('ă', "a"),
    ('ą', "a"),
    ('æ', "ae"),
    ('ç', "c"),
    ('ć', "c"),
    ('ĉ', "c"),
    ('ċ', "c"),
    ('č', "c"),
    ('ď', "d"),
    ('đ', "d"),
    ('ð', "d"),
    ('è', "e"),
    ('é', "e"),
    ('ê', "e"),
    ('ë', "e"),
    ('ē', "e"),
    ('ĕ', "e"),
    ('ė', "e"),
    ('ę', "e"),
    ('ě', "e"),
    ('ĝ', "g"),
    ('ğ', "g"),
    ('ġ', "g"),
    ('ģ', "g"),
    ('ĥ', "h"),
    ('ħ', "h"),
    ('ì', "i"),
    ('í', "i"),
    ('î', "i"),
    ('ï', "i"),
    ('ĩ', "i"),
    ('ī', "i"),
    ('ĭ', "i"),
    ('į', "i"),
    ('ı', "i"),
    ('ĳ', "ij"),
    ('ĵ', "j"),
    ('ķ', "k"),
    ('ĺ', "l"),
    ('ļ', "l"),
    ('ľ', "l"),
    ('ŀ', "l"),
    ('ł', "l"),
    ('ñ', "n"),
    ('ń', "n"),
    ('ņ', "n"),
    ('ň', "n"),
    ('ò', "o"),
    ('ó', "o"),
    ('ô', "o"),
    ('õ', "o"),
    ('ö', "o"),
    ('ø', "o"),
    ('ō', "o"),
    ('ŏ', "o"),
    ('ő', "o"),
    ('œ', "oe"),
    ('ŕ', "r"),
    ('ŗ', "r"),
    ('ř', "r"),
    ('ś', "s"),
    ('ŝ', "s"),
    ('ş', "s"),
    ('š', "s"),
    ('ß', "ss"),
    ('ţ', "t"),
    ('ť', "t"),
    ('ŧ', "t"),
    ('þ', "th"),
    ('ù', "u"),
    ('ú', "u"),
    ('û', "u"),
    ('ü', "u"),
    ('ũ', "u"),
    ('ū', "u"),
    ('ŭ', "u"),
    ('ů', "u"),
    ('ű', "u"),
    ('ų', "u"),
    ('ŵ', "w"),
    ('ý', "y"),
    ('ÿ', "y"),
    ('ŷ', "y"),
    ('ź', "z"),
    ('ż', "z"),
    ('ž', "z"),
];

/// Words longer than this are noise (hashes, URLs run together).
pub const MAX_WORD: usize = 40;

/// The folding table as the browser reads it: space-separated entries,
/// each a letter followed by what it becomes.
pub fn folds_for_browser() -> String {
    FOLDS
        .iter()
        .map(|(from, to)| format!("{from}{to}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn fold_into(c: char, word: &mut String) {
    if c.is_ascii() {
        word.push(c);
        return;
    }
    match FOLDS.iter().find(|(from, _)| *from == c) {
        Some((_, to)) => word.push_str(to),
        None => word.push(c),
    }
}

/// Calls `each` with every word of `text`, lowered and folded, in order.
pub fn words(text: &str, mut each: impl FnMut(&str)) {
    let mut folded = String::new();
    fold_words(text, &mut folded);
    folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .for_each(&mut each);
}

/// Appends the words of `text`, lowered and folded, to `out`, each
/// followed by a space.
pub fn fold_words(text: &str, out: &mut String) {
    let mut start = out.len();
    let end_word = |out: &mut String, start: &mut usize| {
        if out.len() > *start {
            // No more bytes than letters allowed: no need to count them.
            let word = &out[*start..];
            if word.len() > MAX_WORD && word.chars().count() > MAX_WORD {
                out.truncate(*start);
            } else {
                out.push(' ');
            }
        }
        *start = out.len();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii() || !c.is_alphanumeric() {
            end_word(out, &mut start);
        } else {
            for lower in c.to_lowercase() {
                fold_into(lower, out);
            }
        }
    }
    end_word(out, &mut start);
}

/// `text` as the index folds words, one space between them: a name or a
/// synonym as the browser compares it with the words typed.
pub(crate) fn phrase(text: &str) -> String {
    let mut folded = String::with_capacity(text.len() + 1);
    fold_words(text, &mut folded);
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Fenced blocks that vial turns into tables and cards: not prose.
const EMBEDS: [&str; 2] = ["compare", "usage"];

/// The text a reader sees of `markdown`, on one line: markup, HTML and
/// embedded blocks dropped, a wiki link without its own text replaced by
/// `title_of` its destination (the name the page shows). Returns the text
/// and the destinations it named, with the titles used.
pub fn plain_text(
    markdown: &str,
    title_of: &dyn Fn(&str) -> Option<String>,
) -> (String, Vec<(String, String)>) {
    let mut out = String::with_capacity(markdown.len());
    let mut named = Vec::new();
    let mut skip_until: Option<TagEnd> = None;
    let space = |out: &mut String| {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    };
    for event in parser(markdown) {
        if let Some(end) = &skip_until {
            if matches!(&event, Event::End(e) if e == end) {
                skip_until = None;
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang)))
                if EMBEDS.contains(&lang.trim()) =>
            {
                skip_until = Some(TagEnd::CodeBlock);
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole: false },
                dest_url,
                ..
            }) => {
                let title = title_of(&dest_url).unwrap_or_else(|| dest_url.to_string());
                out.push_str(&title);
                named.push((dest_url.to_string(), title));
                skip_until = Some(TagEnd::Link);
            }
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => space(&mut out),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) => space(&mut out),
            _ => {}
        }
    }
    let text = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (text, named)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        words(text, |w| found.push(w.to_string()));
        found
    }

    #[test]
    fn words_are_lowered_folded_and_split_at_punctuation() {
        assert_eq!(
            all("Crème, Niacinamide-rich: every other DAY (2.5 ml) Straße"),
            [
                "creme",
                "niacinamide",
                "rich",
                "every",
                "other",
                "day",
                "2",
                "5",
                "ml",
                "strasse"
            ]
        );
        assert_eq!(
            all("Ölflasche für Pflanzen"),
            ["olflasche", "fur", "pflanzen"]
        );
    }

    #[test]
    fn overlong_words_are_dropped() {
        let long = "a".repeat(MAX_WORD + 1);
        assert_eq!(all(&format!("short {long} end")), ["short", "end"]);
    }

    #[test]
    fn plain_text_drops_markup_and_embeds_and_names_wiki_links() {
        let md = "# Why\n\nUse **[[meso-ampoule]]** every *other* day, see [[guide:x|this]].\n\n```compare\nproducts: [a, b]\n```\n\n<div>html</div>\n\n- one\n- `two`\n";
        let (text, named) = plain_text(md, &|dest| {
            (dest == "meso-ampoule").then(|| "Meso Ampoule".to_string())
        });
        assert_eq!(
            text,
            "Why Use Meso Ampoule every other day, see this. one two"
        );
        assert_eq!(
            named,
            [("meso-ampoule".to_string(), "Meso Ampoule".to_string())]
        );
    }
}
