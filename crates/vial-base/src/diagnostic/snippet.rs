//! The source line shown under a message, with a caret at the column. Cut
//! to a window so any line, however long, prints as a short one: rules of
//! their own (how much either side, tabs, where the caret lands), apart
//! from what the message says.

/// The part of a source line shown under a message, cut to a window around
/// the column so a file of one huge line does not flood the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// 1-based character column of the caret within `text`.
    pub caret: usize,
}

/// Lines up to this many characters are shown whole.
const SNIPPET_WHOLE: usize = 140;
/// Of longer lines, this many characters before and after the column.
pub(super) const SNIPPET_BEFORE: usize = 50;
pub(super) const SNIPPET_AFTER: usize = 70;

impl Snippet {
    /// The window of `line` around the 1-based character `column`, with `…`
    /// where it was cut. Tabs show as single spaces so the caret lines up.
    pub fn around(line: &str, column: usize) -> Snippet {
        let column = column.max(1);
        // Counting stops early: a file of one huge line is not walked whole.
        if line.chars().take(SNIPPET_WHOLE + 1).count() <= SNIPPET_WHOLE {
            return Snippet {
                text: line.replace('\t', " "),
                caret: column,
            };
        }
        let start = column.saturating_sub(1 + SNIPPET_BEFORE);
        let end = column - 1 + SNIPPET_AFTER;
        let mut text = String::new();
        if start > 0 {
            text.push('…');
        }
        let mut chars = line.chars().skip(start);
        text.extend(
            chars
                .by_ref()
                .take(end - start)
                .map(|c| if c == '\t' { ' ' } else { c }),
        );
        if chars.next().is_some() {
            text.push('…');
        }
        Snippet {
            caret: column - start + usize::from(start > 0),
            text,
        }
    }
}
