//! Reading a schedule as a product file writes it: words into tokens,
//! tokens into a `Schedule` by a small grammar. Its own place because the
//! grammar is English and grows with the forms people write, while what a
//! schedule means does not.
//!
//! The grammar (case does not matter; `2-3`, `2–3` and `2 to 3` are ranges,
//! allowed wherever a count is):
//!
//! | written | meaning |
//! | --- | --- |
//! | `daily`, `every day`, `twice daily`, `3 times a day` | times a day |
//! | `every other day`, `every 3 days`, `every 1-2 years` | once every so many days, weeks, months or years |
//! | `weekly`, `fortnightly`, `monthly`, `quarterly`, `yearly` | the same, in one word |
//! | `once a week`, `twice a month`, `2-3 times a week`, `4 times a year` | times a week, month or year |
//! | `once`, `as needed` | a single use; whenever it is needed |
//! | `a course of 3-5 days`, `a 28-day course` | a course of days or weeks |
//! | `a course of 3-5 days, then once a week` | a course, then a schedule |
//! | `every 5-7 days for 3 weeks`, `daily for 10 days, then weekly` | a schedule kept for a while (a course) |
//! | `every spring`, `in spring and autumn` | once in each season named |
//! | `every 2 weeks in spring and summer` | a schedule that holds in those seasons |
//! | `every watering`, `every 3 waterings`, `after every wet ride` | events the site declares |
//! | `every 500 km` | measures the site declares |
//!
//! `every other night` reads as `every other day`.

use super::{Period, Schedule, Season, Tie, Vocabulary};
use crate::i18n::Count;

impl Schedule {
    /// Reads a schedule. The error is a hint on what to write.
    pub fn parse(text: &str, vocabulary: &Vocabulary) -> Result<Schedule, String> {
        let tokens = tokens(text);
        let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
        Parser { vocabulary }
            .schedule(&words)
            .ok_or_else(|| forms_hint(vocabulary))
    }
}

/// What to write instead of an unreadable schedule.
fn forms_hint(vocabulary: &Vocabulary) -> String {
    let mut examples = vec![
        "`daily`",
        "`twice daily`",
        "`every other day`",
        "`2-3 times a week`",
        "`every 2 weeks`",
        "`monthly`",
        "`as needed`",
        "`a course of 3-5 days, then once a week`",
        "`every 2 weeks in spring and summer`",
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    if let Some(event) = vocabulary.events.first() {
        examples.push(format!("`every {}`", event.one));
    }
    if let Some(measure) = vocabulary.measures.first() {
        examples.push(format!("`every 500 {}`", measure.other));
    }
    format!("write a schedule such as {}", examples.join(", "))
}

/// Lowercase words, with numbers and ranges as single tokens: `2-3`, `2`.
fn tokens(text: &str) -> Vec<String> {
    let text = text
        .to_lowercase()
        .replace(['–', '—'], "-")
        .replace(',', " , ");
    let mut out: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        // `28-day` is a number and a unit; `3x` is three times.
        if let Some((number, unit)) = word.split_once('-')
            && number.bytes().all(|b| b.is_ascii_digit())
            && !number.is_empty()
            && unit.bytes().all(|b| b.is_ascii_alphabetic())
            && !unit.is_empty()
        {
            out.push(number.to_string());
            out.push(unit.to_string());
            continue;
        }
        if let Some(number) = word.strip_suffix('x')
            && !number.is_empty()
            && number.bytes().all(|b| b.is_ascii_digit())
        {
            out.push(number.to_string());
            out.push("times".to_string());
            continue;
        }
        out.push(number_word(word).unwrap_or(word).to_string());
    }
    // `2 - 3` and `2 to 3` are ranges.
    let mut merged: Vec<String> = Vec::new();
    let mut i = 0;
    while i < out.len() {
        if i + 2 < out.len()
            && is_number(&out[i])
            && (out[i + 1] == "-" || out[i + 1] == "to")
            && is_number(&out[i + 2])
        {
            merged.push(format!("{}-{}", out[i], out[i + 2]));
            i += 3;
        } else {
            merged.push(out[i].clone());
            i += 1;
        }
    }
    merged
}

fn is_number(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

fn number_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "one" => "1",
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        "ten" => "10",
        "eleven" => "11",
        "twelve" => "12",
        _ => return None,
    })
}

/// `3` or `2-3`, at least 1, smallest first.
fn count(word: &str) -> Option<Count> {
    let (min, max) = match word.split_once('-') {
        Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
        None => {
            let n = word.parse().ok()?;
            (n, n)
        }
    };
    (min >= 1 && min <= max && max <= 100_000).then_some(Count { min, max })
}

fn period(word: &str) -> Option<Period> {
    Some(match word {
        "day" | "days" | "night" | "nights" => Period::Day,
        "week" | "weeks" => Period::Week,
        "month" | "months" => Period::Month,
        "year" | "years" => Period::Year,
        _ => return None,
    })
}

/// `daily`, `weekly`…: the period of a one-word rate.
fn adverb(word: &str) -> Option<Period> {
    Some(match word {
        "daily" | "nightly" => Period::Day,
        "weekly" => Period::Week,
        "monthly" => Period::Month,
        "yearly" | "annually" => Period::Year,
        _ => return None,
    })
}

fn season(word: &str) -> Option<Season> {
    Some(match word {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "autumn" | "fall" => Season::Autumn,
        "winter" => Season::Winter,
        _ => return None,
    })
}

struct Parser<'v> {
    vocabulary: &'v Vocabulary,
}

impl Parser<'_> {
    /// A whole schedule: a course and what follows it, or a schedule and
    /// the seasons it holds in.
    fn schedule(&self, words: &[&str]) -> Option<Schedule> {
        if let Some((course, rest)) = self.course(words) {
            let rest = match rest {
                [",", rest @ ..] => rest,
                rest => rest,
            };
            let rest = match rest {
                ["then", rest @ ..] => rest,
                [] => rest,
                _ => return None,
            };
            let then = if rest.is_empty() {
                None
            } else {
                Some(Box::new(self.seasonal(rest)?))
            };
            let Schedule::Course {
                length,
                period,
                each,
                ..
            } = course
            else {
                return None;
            };
            return Some(Schedule::Course {
                length,
                period,
                each,
                then,
            });
        }
        self.seasonal(words)
    }

    /// `every spring`, `in spring and autumn`, or a schedule with an
    /// optional `in <seasons>` at its end.
    fn seasonal(&self, words: &[&str]) -> Option<Schedule> {
        match words {
            ["every" | "each", rest @ ..] | ["in" | "during", rest @ ..] => {
                if let Some(seasons) = seasons(rest) {
                    return Some(Schedule::Seasonal {
                        seasons,
                        each: None,
                    });
                }
            }
            _ => {}
        }
        if let Some(at) = words.iter().position(|w| *w == "in" || *w == "during")
            && let Some(seasons) = seasons(&words[at + 1..])
        {
            let each = self.base(&words[..at])?;
            return Some(Schedule::Seasonal {
                seasons,
                each: Some(Box::new(each)),
            });
        }
        self.base(words)
    }

    /// A course: `a course of 3-5 days`, `course of 28 days`, `a 3-5 day
    /// course`, `every 5-7 days for 3 weeks`; the words after it come back.
    fn course<'w>(&self, words: &'w [&'w str]) -> Option<(Schedule, &'w [&'w str])> {
        // `<schedule> for N days|weeks`, then perhaps more.
        if let Some(at) = words.iter().position(|w| *w == "for")
            && let [n, unit, rest @ ..] = &words[at + 1..]
            && let (Some(length), Some(unit)) = (count(n), period(unit))
            && matches!(unit, Period::Day | Period::Week)
        {
            let each = self.base(&words[..at])?;
            return Some((
                Schedule::Course {
                    length,
                    period: unit,
                    each: Some(Box::new(each)),
                    then: None,
                },
                rest,
            ));
        }
        let words = match words {
            ["a" | "an", rest @ ..] => rest,
            rest => rest,
        };
        let (length, unit, rest) = match words {
            ["course", "of", n, unit, rest @ ..] => (count(n)?, period(unit)?, rest),
            [n, unit, "course", rest @ ..] => (count(n)?, period(unit)?, rest),
            _ => return None,
        };
        matches!(unit, Period::Day | Period::Week).then_some((
            Schedule::Course {
                length,
                period: unit,
                each: None,
                then: None,
            },
            rest,
        ))
    }

    /// One schedule without seasons or courses.
    fn base(&self, words: &[&str]) -> Option<Schedule> {
        let rate = |times: Count, every: Count, period: Period| Schedule::Rate {
            times,
            every,
            period,
        };
        let one = Count::one(1);
        let schedule = match words {
            ["once"] => Schedule::Once,
            ["as" | "when" | "if", "needed" | "required"] => Schedule::AsNeeded,
            ["fortnightly"] | ["biweekly"] => rate(one, Count::one(2), Period::Week),
            ["quarterly"] => rate(one, Count::one(3), Period::Month),
            [word] => rate(one, one, adverb(word)?),
            ["every" | "each", "other", unit] => rate(one, Count::one(2), period(unit)?),
            ["every" | "each", unit] if period(unit).is_some() => rate(one, one, period(unit)?),
            ["every", n, unit] if period(unit).is_some() => rate(one, count(n)?, period(unit)?),
            [times @ .., "a" | "an" | "per" | "each" | "every", unit] if period(unit).is_some() => {
                rate(self.times(times)?, one, period(unit)?)
            }
            [times @ .., word] if adverb(word).is_some() && !times.is_empty() => {
                rate(self.times(times)?, one, adverb(word)?)
            }
            _ => return self.event(words).or_else(|| self.measure(words)),
        };
        Some(schedule)
    }

    /// `once`, `twice`, `thrice`, `3 times`, `2-3 times`.
    fn times(&self, words: &[&str]) -> Option<Count> {
        match words {
            ["once"] => Some(Count::one(1)),
            ["twice"] => Some(Count::one(2)),
            ["thrice"] => Some(Count::one(3)),
            [n, "times" | "time"] => count(n),
            _ => None,
        }
    }

    /// `every watering`, `every 3 waterings`, `after every wet ride`.
    fn event(&self, words: &[&str]) -> Option<Schedule> {
        let (tie, words) = match words {
            ["after", rest @ ..] => (Tie::After, rest),
            ["with", rest @ ..] => (Tie::With, rest),
            ["before", rest @ ..] => (Tie::Before, rest),
            ["at", rest @ ..] => (Tie::At, rest),
            rest => (Tie::Every, rest),
        };
        let ["every" | "each", rest @ ..] = words else {
            return None;
        };
        let (every, name) = match rest {
            [n, name @ ..] if count(n).is_some() => (count(n)?, name),
            name => (Count::one(1), name),
        };
        let phrase = name.join(" ");
        let word = self.vocabulary.events.iter().find(|w| {
            let written = if every == Count::one(1) {
                &w.one
            } else {
                &w.other
            };
            written.to_lowercase() == phrase
                || w.one.to_lowercase() == phrase
                || w.other.to_lowercase() == phrase
        })?;
        Some(Schedule::Event {
            tie,
            every,
            event: word.key.clone(),
        })
    }

    /// `every 500 km`.
    fn measure(&self, words: &[&str]) -> Option<Schedule> {
        let ["every", n, name @ ..] = words else {
            return None;
        };
        let every = count(n)?;
        let phrase = name.join(" ");
        let word = self.vocabulary.measures.iter().find(|w| {
            w.one.to_lowercase() == phrase || w.other.to_lowercase() == phrase || w.key == phrase
        })?;
        Some(Schedule::Measure {
            every,
            measure: word.key.clone(),
        })
    }
}

/// `spring`, `spring and summer`, `spring, summer and autumn`, in calendar
/// order, each once.
fn seasons(words: &[&str]) -> Option<Vec<Season>> {
    let mut found = Vec::new();
    let mut expect_season = true;
    for word in words {
        if expect_season {
            found.push(season(word)?);
        } else if !matches!(*word, "and" | "," | "or") {
            return None;
        }
        expect_season = !expect_season;
    }
    if found.is_empty() || expect_season {
        return None;
    }
    found.sort();
    found.dedup();
    Some(found)
}
