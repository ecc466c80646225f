//! Saying a schedule again in the site's language (`schedule.*` keys of
//! the interface strings), phrase by phrase: a course says the schedule it
//! keeps, a seasonal one the seasons it holds in. Its own place because it
//! reads the strings, where parsing and measuring a schedule read nothing.

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
            Schedule::Seasonal { seasons, each } => {
                seasonal(s, vocabulary, seasons, each.as_deref())
            }
            Schedule::Event { tie, every, event } => on_event(s, vocabulary, *tie, *every, event),
            Schedule::Measure { every, measure } => by_measure(s, vocabulary, *every, measure),
        }
    }
}

/// `daily`, `twice a week`, `every 3 days`, `twice a day every 2 weeks`.
fn rate(s: &Strings, times: Count, every: Count, period: Period) -> String {
    let one = Count::one(1);
    match (times == one, every == one, period) {
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

/// `every watering`, `after every 3 wet rides`: the event in the words the
/// site declares for it.
fn on_event(s: &Strings, vocabulary: &Vocabulary, tie: Tie, every: Count, event: &str) -> String {
    let word = vocabulary.events.iter().find(|w| w.key == event);
    let (one, other) = word.map_or((event, event), |w| (w.one.as_str(), w.other.as_str()));
    let base = if every == Count::one(1) {
        s.text("schedule.every_event", &[("event", one)])
    } else {
        s.count("schedule.every_events", every, &[("events", other)])
    };
    match tie {
        Tie::Every => base,
        Tie::After => s.text("schedule.after", &[("schedule", &base)]),
        Tie::With => s.text("schedule.with", &[("schedule", &base)]),
        Tie::Before => s.text("schedule.before", &[("schedule", &base)]),
        Tie::At => s.text("schedule.at", &[("schedule", &base)]),
    }
}

/// `every 500 km`: the measure in the words the site declares for it.
fn by_measure(s: &Strings, vocabulary: &Vocabulary, every: Count, measure: &str) -> String {
    let word = vocabulary.measures.iter().find(|w| w.key == measure);
    let name = word.map_or(measure, |w| {
        if every == Count::one(1) {
            w.one.as_str()
        } else {
            w.other.as_str()
        }
    });
    s.count("schedule.every_measure", every, &[("measure", name)])
}

impl Period {
    fn key(self) -> &'static str {
        match self {
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
