//! Words into tokens, and the patterns a grammar is written in, matched
//! against them. Its own place because it knows no schedule: what a
//! placeholder holds (a number, a unit, another schedule) is asked of the
//! caller (`Fill`).
//!
//! Text and patterns are cut into tokens the same way: lowercase runs of
//! letters, runs of digits, and any other sign on its own. A dash between
//! two numbers makes a range (`2-3`, `2–3`, and so does a `to` word of the
//! language: `2 to 3`, `2 bis 3`); any other dash only parts words
//! (`28-day` is `28 day`, `3-mal` is `3 mal`, `2- bis 3-mal` is `2-3 mal`).

/// What a placeholder stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Hole {
    /// A number or a range.
    N,
    /// A unit of the calendar (`days`).
    Unit,
    /// A one-word rate (`daily`).
    Adverb,
    /// A number of uses (`twice`, `3 times`).
    Times,
    Seasons,
    /// Another schedule.
    Schedule,
    /// A course (of days or weeks, kept on a schedule or not).
    Course,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Item {
    /// One of these tokens.
    Words(Vec<String>, bool),
    Hole(Hole, bool),
}

/// A pattern: tokens and placeholders in order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Pattern(Vec<Item>);

/// What a grammar tells the tokenizer: its number words (the first is 1)
/// and the words between the ends of a range.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(super) struct Numbers {
    pub words: Vec<String>,
    pub to: Vec<String>,
}

impl Numbers {
    /// `text` as tokens; ranges as one token `2-3`.
    pub fn tokens(&self, text: &str) -> Vec<String> {
        let mut raw: Vec<String> = Vec::new();
        let mut current = String::new();
        let flush = |current: &mut String, raw: &mut Vec<String>| {
            if !current.is_empty() {
                raw.push(std::mem::take(current));
            }
        };
        for c in text.to_lowercase().chars() {
            let c = if matches!(c, '–' | '—' | '‑') {
                '-'
            } else {
                c
            };
            let same = current.chars().next().is_some_and(|first| {
                (first.is_ascii_digit() && c.is_ascii_digit())
                    || (first.is_alphabetic() && c.is_alphabetic())
            });
            if !same {
                flush(&mut current, &mut raw);
            }
            if c.is_whitespace() {
                continue;
            }
            current.push(c);
            if !c.is_alphanumeric() {
                flush(&mut current, &mut raw);
            }
        }
        flush(&mut current, &mut raw);
        for token in &mut raw {
            if let Some(i) = self.words.iter().position(|w| w == token) {
                *token = (i + 1).to_string();
            }
        }
        self.ranges(raw)
    }

    /// `2 - 3` and `2 to 3` into `2-3`; other dashes dropped first (`2-
    /// bis 3` is `2 bis 3`).
    fn ranges(&self, raw: Vec<String>) -> Vec<String> {
        let between_numbers = |i: usize| {
            i > 0 && i + 1 < raw.len() && is_number(&raw[i - 1]) && is_number(&raw[i + 1])
        };
        let kept: Vec<&String> = (0..raw.len())
            .filter(|&i| raw[i] != "-" || between_numbers(i))
            .map(|i| &raw[i])
            .collect();
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while i < kept.len() {
            let joins = |t: &str| t == "-" || self.to.iter().any(|w| w == t);
            if i + 2 < kept.len()
                && is_number(kept[i])
                && joins(kept[i + 1])
                && is_number(kept[i + 2])
            {
                out.push(format!("{}-{}", kept[i], kept[i + 2]));
                i += 3;
                continue;
            }
            out.push(kept[i].clone());
            i += 1;
        }
        out
    }

    /// A pattern of the grammar (with `a|b`, `?` and placeholders), or a
    /// site's phrase (`plain`: only `{n}`, every other sign as written).
    pub fn pattern(&self, text: &str, plain: bool) -> Pattern {
        let mut items = Vec::new();
        for word in text.split_whitespace() {
            let (word, optional) = match word.strip_suffix('?') {
                Some(w) if !plain && !w.is_empty() => (w, true),
                _ => (word, false),
            };
            if let Some(hole) = word.strip_prefix('{').and_then(|w| w.strip_suffix('}'))
                && let Some(hole) = hole_named(hole, plain)
            {
                items.push(Item::Hole(hole, optional));
            } else if !plain && word.contains('|') {
                let words = word.split('|').map(|w| self.tokens(w).join(" ")).collect();
                items.push(Item::Words(words, optional));
            } else {
                self.plain_word(word, optional, &mut items);
            }
        }
        Pattern(items)
    }

    /// A word that may hold `{n}` inside (`{n}.`), as tokens.
    fn plain_word(&self, word: &str, optional: bool, items: &mut Vec<Item>) {
        let mut rest = word;
        while !rest.is_empty() {
            let (before, hole, after) = match rest.find("{n}") {
                Some(at) => (&rest[..at], true, &rest[at + 3..]),
                None => (rest, false, ""),
            };
            for token in self.tokens(before) {
                items.push(Item::Words(vec![token], optional));
            }
            if hole {
                items.push(Item::Hole(Hole::N, optional));
            }
            rest = after;
        }
    }
}

fn hole_named(name: &str, plain: bool) -> Option<Hole> {
    Some(match name {
        "n" => Hole::N,
        _ if plain => return None,
        "unit" => Hole::Unit,
        "adverb" => Hole::Adverb,
        "times" => Hole::Times,
        "seasons" => Hole::Seasons,
        "schedule" => Hole::Schedule,
        "course" => Hole::Course,
        _ => return None,
    })
}

pub(super) fn is_number(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit())
}

/// What the caller reads a placeholder's tokens as.
pub(super) trait Fill {
    type Value: Clone;
    /// `tokens` (all of them) as what `hole` stands for, if they read so.
    /// `whole` is the length of the text the pattern is matched against:
    /// a schedule inside is shorter, or reading would never end.
    fn fill(&self, hole: Hole, tokens: &[String], whole: usize) -> Option<Self::Value>;
    /// Whether a placeholder holds a single token (read faster).
    fn one_token(hole: Hole) -> bool {
        matches!(hole, Hole::N | Hole::Unit | Hole::Adverb)
    }
}

impl Pattern {
    /// Matches all of `tokens`; `done` makes something of the values the
    /// placeholders hold, in order, or refuses them (then other ways of
    /// matching are tried).
    pub fn read<F: Fill, R>(
        &self,
        tokens: &[String],
        fill: &F,
        done: &mut dyn FnMut(&[F::Value]) -> Option<R>,
    ) -> Option<R> {
        let mut values = Vec::new();
        step(&self.0, tokens, tokens.len(), fill, &mut values, done)
    }
}

fn step<F: Fill, R>(
    items: &[Item],
    tokens: &[String],
    whole: usize,
    fill: &F,
    values: &mut Vec<F::Value>,
    done: &mut dyn FnMut(&[F::Value]) -> Option<R>,
) -> Option<R> {
    let Some((item, rest)) = items.split_first() else {
        return if tokens.is_empty() {
            done(values)
        } else {
            None
        };
    };
    let optional = match item {
        Item::Words(words, optional) => {
            if let Some(first) = tokens.first()
                && words.iter().any(|w| w == first)
                && let Some(r) = step(rest, &tokens[1..], whole, fill, values, done)
            {
                return Some(r);
            }
            *optional
        }
        Item::Hole(hole, optional) => {
            let most = if F::one_token(*hole) { 1 } else { tokens.len() };
            for len in 1..=most.min(tokens.len()) {
                // Reading a placeholder may read a whole schedule: only
                // where what follows it can.
                if !may_start(rest, &tokens[len..]) {
                    continue;
                }
                let Some(value) = fill.fill(*hole, &tokens[..len], whole) else {
                    continue;
                };
                values.push(value);
                let found = step(rest, &tokens[len..], whole, fill, values, done);
                values.pop();
                if found.is_some() {
                    return found;
                }
            }
            *optional
        }
    };
    if optional {
        return step(rest, tokens, whole, fill, values, done);
    }
    None
}

/// Whether `items` may match the start of `tokens`, by their first word.
fn may_start(items: &[Item], tokens: &[String]) -> bool {
    match items.split_first() {
        None => tokens.is_empty(),
        Some((Item::Hole(_, optional), rest)) => {
            !tokens.is_empty() || (*optional && may_start(rest, tokens))
        }
        Some((Item::Words(words, optional), rest)) => {
            tokens.first().is_some_and(|t| words.contains(t))
                || (*optional && may_start(rest, tokens))
        }
    }
}
