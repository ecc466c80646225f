//! Saying a schedule again in a language (`schedule.*` keys of its
//! interface strings), phrase by phrase: a course says the schedule it
//! keeps, a seasonal one the seasons it holds in. An event or a measure is
//! said by the site's whole phrase, or the language's frame filled with
//! its noun (`every {one}`): never a noun glued into a sentence of the
//! theme. Its own place because it reads the strings, where measuring a
//! schedule reads nothing.

use std::fmt;

use super::{Period, Schedule, Season, Tie, Vocabulary};
use crate::i18n::{Count, Strings};

impl Schedule {
    /// The schedule as a phrase in the strings' language, starting with a
    /// capital letter.
    pub fn describe(&self, strings: &Strings, vocabulary: &Vocabulary) -> String {
        vial_base::text::capitalize(&self.phrase(strings, vocabulary))
    }

    fn phrase(&self, s: &Strings, vocabulary: &Vocabulary) -> String {
        match self {
            Schedule::Rate {
                times,
                every,
                period,
            } => rate(s, *times, *every, *period),
            Schedule::Once => s.text("schedule.once", &[]),
            Schedule::AsNeeded => s.text("schedule.as_needed", &[]),
            Schedule::Course {
                length,
                period,
                each,
                then,
            } => {
                let course = course(s, vocabulary, *length, *period, each.as_deref());
                match then {
                    Some(then) => s.text(
                        "schedule.then",
                        &[("course", &course), ("then", &then.phrase(s, vocabulary))],
                    ),
                    None => course,
                }
            }
            Schedule::Cycle {
                course,
                off,
                off_period,
            } => {
                let key = match off_period {
                    Period::Week => "schedule.off_weeks",
                    _ => "schedule.off_days",
                };
                let off = s.count(key, *off, &[]);
                s.text(
                    "schedule.cycle",
                    &[("course", &course.phrase(s, vocabulary)), ("off", &off)],
                )
            }
            Schedule::Seasonal { seasons, each } => {
                seasonal(s, vocabulary, seasons, each.as_deref())
            }
            Schedule::Event { tie, every, event } => {
                occasion(s, vocabulary, false, *tie, *every, event)
            }
            Schedule::Measure { every, measure } => {
                occasion(s, vocabulary, true, Tie::Every, *every, measure)
            }
        }
    }
}

/// `daily`, `twice a week`, `every 3 days`, `twice a day every 2 weeks`.
fn rate(s: &Strings, times: Count, every: Count, period: Period) -> String {
    let one = Count::one(1);
    match (times == one, every == one, period) {
        // Only an interval is read in hours.
        (_, _, Period::Hour) => s.count("schedule.every_hours", every, &[]),
        (true, true, Period::Day) => s.text("schedule.daily", &[]),
        (_, true, p) => s.count(&format!("schedule.per_{}", singular(p)), times, &[]),
        (true, false, p) => s.count(&format!("schedule.every_{}", p.key()), every, &[]),
        (false, false, p) => format!(
            "{} {}",
            s.count(
                &format!("schedule.per_{}", singular(Period::Day)),
                times,
                &[]
            ),
            s.count(&format!("schedule.every_{}", p.key()), every, &[])
        ),
    }
}

/// A course of so many days or weeks, on the schedule `each` if it has
/// one (what follows the course is the caller's).
fn course(
    s: &Strings,
    vocabulary: &Vocabulary,
    length: Count,
    period: Period,
    each: Option<&Schedule>,
) -> String {
    match each {
        None => {
            let key = match period {
                Period::Week => "schedule.course_weeks",
                _ => "schedule.course_days",
            };
            s.count(key, length, &[])
        }
        Some(each) => {
            let key = match period {
                Period::Week => "schedule.for_weeks",
                _ => "schedule.for_days",
            };
            s.count(key, length, &[("schedule", &each.phrase(s, vocabulary))])
        }
    }
}

/// Once in each season named, or on the schedule `each` in them.
fn seasonal(
    s: &Strings,
    vocabulary: &Vocabulary,
    seasons: &[Season],
    each: Option<&Schedule>,
) -> String {
    let names: Vec<String> = seasons.iter().map(|x| s.text(x.key(), &[])).collect();
    let seasons = s.list(&names);
    match each {
        Some(each) => s.text(
            "schedule.in_seasons",
            &[
                ("schedule", &each.phrase(s, vocabulary)),
                ("seasons", &seasons),
            ],
        ),
        None => s.text("schedule.every_season", &[("seasons", &seasons)]),
    }
}

/// `every watering`, `after every 3 wet rides`, `every 500 km`: the
/// phrase the site declares for the event or measure, or the language's
/// frame of its tie filled with its noun; the key when the language has
/// neither (a problem already reported where the word is declared).
fn occasion(
    s: &Strings,
    vocabulary: &Vocabulary,
    measure: bool,
    tie: Tie,
    every: Count,
    key: &str,
) -> String {
    let words = if measure {
        &vocabulary.measures
    } else {
        &vocabulary.events
    };
    let Some(word) = words.iter().find(|w| w.key == key) else {
        return key.to_string();
    };
    let phrases = super::grammar::phrases(s, word, measure);
    let many = every != Count::one(1);
    // The tie's phrase for one or for a number, else any of the tie (a
    // number's phrase says one too), else the plain `every` ones.
    let find = |tie: Tie, many: Option<bool>| {
        phrases
            .iter()
            .find(|(t, m, _)| *t == tie && many.is_none_or(|many| *m == many))
    };
    let phrase = find(tie, Some(many))
        .or_else(|| find(tie, Some(true)))
        .or_else(|| find(Tie::Every, Some(many)))
        .or_else(|| find(Tie::Every, Some(true)))
        .or_else(|| find(Tie::Every, None));
    match phrase {
        Some((.., p)) => crate::i18n::fill(p, &[("n", &every.to_string())]),
        None => key.to_string(),
    }
}

impl Period {
    fn key(self) -> &'static str {
        match self {
            Period::Hour => "hours",
            Period::Day => "days",
            Period::Week => "weeks",
            Period::Month => "months",
            Period::Year => "years",
        }
    }
}

impl Season {
    fn key(self) -> &'static str {
        match self {
            Season::Spring => "season.spring",
            Season::Summer => "season.summer",
            Season::Autumn => "season.autumn",
            Season::Winter => "season.winter",
        }
    }
}

fn singular(period: Period) -> &'static str {
    match period {
        Period::Hour => "hour",
        Period::Day => "day",
        Period::Week => "week",
        Period::Month => "month",
        Period::Year => "year",
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(singular(*self))
    }
}
