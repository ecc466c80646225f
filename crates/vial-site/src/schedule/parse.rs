//! Reading a schedule as a product file writes it, in the words of a
//! language's `Grammar`: the text into tokens, then the first of the
//! grammar's meanings one of whose patterns matches all of them. Its own
//! place because what is read grows with the forms people write, while
//! what a schedule means does not.
//!
//! Tried in this order: the site's events and measures (`every watering`,
//! `every 500 km`), then `once`, `as_needed`, a rate (`twice daily`, `3
//! times a week`), an interval (`every 3 days`, `every 8 hours`), `every
//! other day`, a course (`a course of 3-5 days`), a schedule kept for a
//! while (`daily for 10 days`), a course then a schedule, a course in turns
//! with a break (`daily for 8 weeks, then 4 weeks off`), seasons (`every
//! spring`), a schedule in seasons; last, the grammar's aliases
//! (`fortnightly` is read as `every 2 weeks`). The English and German
//! forms are in the theme's strings files and in docs/src/schedules.md.

use super::grammar::Meaning;
use super::pattern::{Fill, Hole, is_number};
use super::{Grammar, Period, Schedule, Season};
use crate::i18n::Count;

impl Schedule {
    /// Reads a schedule in the words of `grammar`. The error is a hint on
    /// what to write, with examples in the grammar's language.
    pub fn parse(text: &str, grammar: &Grammar) -> Result<Schedule, String> {
        let tokens = grammar.numbers.tokens(text);
        grammar.schedule(&tokens).ok_or_else(|| forms_hint(grammar))
    }
}

/// What to write instead of an unreadable schedule: the grammar's examples
/// and the site's own phrases, `{n}` as a number.
fn forms_hint(grammar: &Grammar) -> String {
    let mut examples: Vec<String> = grammar.examples.iter().map(|e| format!("`{e}`")).collect();
    let mut seen = std::collections::BTreeSet::new();
    for occasion in &grammar.occasions {
        if seen.insert((&occasion.key, occasion.measure)) {
            examples.push(format!("`{}`", occasion.example));
        }
    }
    format!("write a schedule such as {}", examples.join(", "))
}

/// What a placeholder read as.
#[derive(Debug, Clone)]
pub(super) enum Value {
    N(Count),
    Unit(Period),
    Times(Count),
    Seasons(Vec<Season>),
    Schedule(Schedule),
}

impl Fill for Grammar {
    type Value = Value;

    fn fill(&self, hole: Hole, tokens: &[String], whole: usize) -> Option<Value> {
        let one = || match tokens {
            [token] => Some(token.as_str()),
            _ => None,
        };
        let find = |list: &[(String, Period)]| {
            let token = one()?;
            list.iter().find(|(w, _)| w == token).map(|(_, p)| *p)
        };
        Some(match hole {
            Hole::N => Value::N(count(one()?)?),
            Hole::Unit => Value::Unit(find(&self.units)?),
            Hole::Adverb => Value::Unit(find(&self.adverbs)?),
            Hole::Times => Value::Times(self.times(tokens)?),
            Hole::Seasons => Value::Seasons(self.seasons(tokens)?),
            // A schedule inside is shorter than the text it is part of.
            Hole::Schedule if tokens.len() < whole => Value::Schedule(self.schedule(tokens)?),
            Hole::Course if tokens.len() < whole => match self.schedule(tokens)? {
                course @ Schedule::Course { then: None, .. } => Value::Schedule(course),
                _ => return None,
            },
            Hole::Schedule | Hole::Course => return None,
        })
    }
}

impl Grammar {
    /// `tokens` as a schedule, or what an alias of them reads as.
    fn schedule(&self, tokens: &[String]) -> Option<Schedule> {
        self.read(tokens).or_else(|| {
            let (_, meant) = self.aliases.iter().find(|(written, _)| written == tokens)?;
            self.read(meant)
        })
    }

    /// `tokens` as a schedule of the site's words or of the meanings.
    fn read(&self, tokens: &[String]) -> Option<Schedule> {
        if tokens.is_empty() {
            return None;
        }
        for occasion in &self.occasions {
            let found = occasion.pattern.read(tokens, self, &mut |values| {
                let every = first_n(values).unwrap_or(Count::one(1));
                Some(match occasion.measure {
                    true => Schedule::Measure {
                        every,
                        measure: occasion.key.clone(),
                    },
                    false => Schedule::Event {
                        tie: occasion.tie,
                        every,
                        event: occasion.key.clone(),
                    },
                })
            });
            if found.is_some() {
                return found;
            }
        }
        self.meanings.iter().find_map(|(meaning, patterns)| {
            patterns
                .iter()
                .find_map(|pattern| pattern.read(tokens, self, &mut |v| build(*meaning, v)))
        })
    }

    /// `twice`, `3 times`, `2-3 mal`.
    fn times(&self, tokens: &[String]) -> Option<Count> {
        if let [token] = tokens
            && let Some(i) = self.times_words.iter().position(|w| w == token)
        {
            return Some(Count::one(i as u32 + 1));
        }
        self.times
            .iter()
            .find_map(|pattern| pattern.read(tokens, self, &mut |v| first_n(v)))
    }

    /// `spring`, `spring and summer`, `spring, summer and autumn`, in
    /// calendar order, each once.
    fn seasons(&self, tokens: &[String]) -> Option<Vec<Season>> {
        let mut found = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            if i % 2 == 0 {
                let (_, season) = self.seasons.iter().find(|(w, _)| w == token)?;
                found.push(*season);
            } else if !self.and.contains(token) {
                return None;
            }
        }
        if tokens.len().is_multiple_of(2) {
            return None;
        }
        found.sort();
        found.dedup();
        Some(found)
    }
}

/// The schedule `meaning` makes of the values its pattern read.
fn build(meaning: Meaning, values: &[Value]) -> Option<Schedule> {
    let one = Count::one(1);
    let n = first_n(values);
    let unit = values.iter().find_map(|v| match v {
        Value::Unit(p) => Some(*p),
        _ => None,
    });
    let inner = values.iter().find_map(|v| match v {
        Value::Schedule(s) => Some(s.clone()),
        _ => None,
    });
    let times = values.iter().find_map(|v| match v {
        Value::Times(t) => Some(*t),
        _ => None,
    });
    let rate = |times, every, period| Schedule::Rate {
        times,
        every,
        period,
    };
    let course_unit = unit.filter(|p| matches!(p, Period::Day | Period::Week));
    Some(match meaning {
        Meaning::Once => Schedule::Once,
        Meaning::AsNeeded => Schedule::AsNeeded,
        // An hour is read only in an interval: `3 times an hour` is not
        // a schedule pages can say.
        Meaning::Rate => rate(
            times.unwrap_or(one),
            one,
            unit.filter(|p| *p != Period::Hour)?,
        ),
        Meaning::Every => rate(one, n.unwrap_or(one), unit?),
        Meaning::EveryOther => rate(one, Count::one(2), unit?),
        Meaning::Course => Schedule::Course {
            length: n?,
            period: course_unit?,
            each: None,
            then: None,
        },
        Meaning::For => Schedule::Course {
            length: n?,
            period: course_unit?,
            each: Some(Box::new(inner.filter(Schedule::is_simple)?)),
            then: None,
        },
        Meaning::Then => {
            let mut schedules = values.iter().filter_map(|v| match v {
                Value::Schedule(s) => Some(s),
                _ => None,
            });
            let (course, then) = (schedules.next()?, schedules.next()?);
            let Schedule::Course {
                length,
                period,
                each,
                then: None,
            } = course.clone()
            else {
                return None;
            };
            if !matches!(then, Schedule::Seasonal { .. }) && !then.is_simple() {
                return None;
            }
            Schedule::Course {
                length,
                period,
                each,
                then: Some(Box::new(then.clone())),
            }
        }
        Meaning::Cycle => Schedule::Cycle {
            course: Box::new(inner?),
            off: n?,
            off_period: course_unit?,
        },
        Meaning::EverySeason => Schedule::Seasonal {
            seasons: seasons_of(values)?,
            each: None,
        },
        Meaning::InSeasons => Schedule::Seasonal {
            seasons: seasons_of(values)?,
            each: Some(Box::new(inner.filter(Schedule::is_simple)?)),
        },
    })
}

fn seasons_of(values: &[Value]) -> Option<Vec<Season>> {
    values.iter().find_map(|v| match v {
        Value::Seasons(s) => Some(s.clone()),
        _ => None,
    })
}

fn first_n(values: &[Value]) -> Option<Count> {
    values.iter().find_map(|v| match v {
        Value::N(n) => Some(*n),
        _ => None,
    })
}

impl Schedule {
    /// Neither a course, a cycle nor seasons: what a course keeps, what
    /// follows it and what a season holds.
    fn is_simple(&self) -> bool {
        !matches!(
            self,
            Schedule::Course { .. } | Schedule::Cycle { .. } | Schedule::Seasonal { .. }
        )
    }
}

/// `3` or `2-3`, at least 1, smallest first.
fn count(token: &str) -> Option<Count> {
    let (min, max) = match token.split_once('-') {
        Some((a, b)) if is_number(a) && is_number(b) => (a.parse().ok()?, b.parse().ok()?),
        _ if is_number(token) => {
            let n = token.parse().ok()?;
            (n, n)
        }
        _ => return None,
    };
    (min >= 1 && min <= max && max <= 100_000).then_some(Count { min, max })
}
