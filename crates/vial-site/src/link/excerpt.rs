//! The excerpt a backlink shows: the sentence around a mention, where an
//! abbreviation's full stop (`Dr.`, `e.g.`) ends no sentence.

/// Words that end with a full stop but not a sentence: titles before a
/// name, and the like. Lowercase, without the stop. (A word with a stop
/// inside, `e.g.`, and a stop followed by a lowercase word or a number,
/// `No. 5`, are never ends either.)
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "st", "sr", "jr", "vs", "cf", "approx", "ca", "vgl", "bzw",
    "ggf", "inkl", "evtl", "sog", "hr", "fr",
];

/// Whether the `.`, `!` or `?` at byte `i` of `text` ends a sentence.
fn ends_sentence(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    if !matches!(bytes[i], b'.' | b'!' | b'?') {
        return false;
    }
    let after = &text[i + 1..];
    if !after.starts_with(' ') {
        return false;
    }
    if bytes[i] != b'.' {
        return true;
    }
    // The next word starts in lowercase, or is a number: it goes on.
    if after
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
    {
        return false;
    }
    let word = text[..i]
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    !(word.contains('.') || single_letter || ABBREVIATIONS.contains(&word.to_lowercase().as_str()))
}

/// The sentence of `text` that contains byte `at`, trimmed to a readable
/// length. Abbreviations (`Dr.`, `e.g.`) do not end sentences.
pub fn sentence_around(text: &str, at: usize) -> String {
    let at = at.min(text.len());
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(i, _)| ends_sentence(text, i))
        .map_or(0, |(i, _)| i + 1);
    let end = text[at..]
        .char_indices()
        .find(|&(i, _)| ends_sentence(text, at + i))
        .map_or(text.len(), |(i, _)| at + i + 1);
    shortened(text.get(start..end).unwrap_or(text).trim())
}

/// Text cut to a readable length, with an ellipsis when cut.
pub(super) fn shortened(text: &str) -> String {
    const MAX: usize = 240;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_around_picks_the_sentence_with_the_link() {
        let text = "First one. The second mentions it here. Third.";
        let at = text.find("mentions").unwrap();
        assert_eq!(sentence_around(text, at), "The second mentions it here.");
        assert_eq!(sentence_around(text, 0), "First one.");
        assert_eq!(sentence_around(text, text.len()), "Third.");
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "Skip this. Ask an expert such as Dr. Barbara Sturm about it. Next.";
        let at = text.find("Sturm").unwrap();
        assert_eq!(
            sentence_around(text, at),
            "Ask an expert such as Dr. Barbara Sturm about it."
        );
        let text = "No. Use a mild one, e.g. a gel, vs. a cream. Then wait.";
        let at = text.find("gel").unwrap();
        assert_eq!(
            sentence_around(text, at),
            "Use a mild one, e.g. a gel, vs. a cream."
        );
        let text = "See fig. 2 and No. 5 here. Made by J. Smith and co. in spring. Done.";
        assert_eq!(
            sentence_around(text, text.find("Smith").unwrap()),
            "Made by J. Smith and co. in spring."
        );
        let text = "Does it sting? Stop! Then rest.";
        assert_eq!(sentence_around(text, text.find("Stop").unwrap()), "Stop!");
    }
}
