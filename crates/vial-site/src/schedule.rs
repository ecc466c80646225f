//! Schedules: how often something is used, written in plain English and read
//! into a normalized `Schedule` that can be compared, sorted, grouped and
//! said again in the site's language.
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

use std::fmt;

use crate::i18n::{Count, Strings};

/// A unit of the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Day,
    Week,
    Month,
    Year,
}

impl Period {
    fn per_year(self) -> f64 {
        match self {
            Period::Day => 365.0,
            Period::Week => 52.0,
            Period::Month => 12.0,
            Period::Year => 1.0,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Period::Day => "days",
            Period::Week => "weeks",
            Period::Month => "months",
            Period::Year => "years",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
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

/// How an event schedule is tied to its event: `every watering`, `after
/// every wet ride`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tie {
    Every,
    After,
    With,
    Before,
    At,
}

/// A normalized schedule.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Schedule {
    /// `times` uses every `every` periods: `twice daily` is 2 every 1 day,
    /// `every 2 weeks` is 1 every 2 weeks.
    Rate {
        times: Count,
        every: Count,
        period: Period,
    },
    Once,
    AsNeeded,
    /// A course of `length` days or weeks, on a schedule of its own or
    /// not (`each`), perhaps followed by another schedule.
    Course {
        length: Count,
        period: Period,
        each: Option<Box<Schedule>>,
        then: Option<Box<Schedule>>,
    },
    /// In the seasons named (in calendar order): once each, or on a
    /// schedule.
    Seasonal {
        seasons: Vec<Season>,
        each: Option<Box<Schedule>>,
    },
    /// Every `every`-th occurrence of a declared event (its key).
    Event {
        tie: Tie,
        every: Count,
        event: String,
    },
    /// Every `every` units of a declared measure (its key).
    Measure {
        every: Count,
        measure: String,
    },
}

/// Events and measures a site's schedules may name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    pub events: Vec<Word>,
    pub measures: Vec<Word>,
}

/// A declared word: its key, and how it is written for one and for many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub key: String,
    pub one: String,
    pub other: String,
}

/// Rough groups of schedules, for filters and summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bucket {
    Daily,
    Weekly,
    LessOften,
    AsNeeded,
    OnEvent,
}

impl Bucket {
    /// Every bucket, from the most often to the least regular.
    pub const ALL: [Bucket; 5] = [
        Bucket::Daily,
        Bucket::Weekly,
        Bucket::LessOften,
        Bucket::AsNeeded,
        Bucket::OnEvent,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Bucket::Daily => "daily",
            Bucket::Weekly => "weekly",
            Bucket::LessOften => "less-often",
            Bucket::AsNeeded => "as-needed",
            Bucket::OnEvent => "on-event",
        }
    }
}

/// The days of a seven-day week a schedule is used on, one bit a day (bit 0
/// is the week's first day): how the routine builder lays out products that
/// keep a weekly rhythm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Weekdays(u8);

impl Weekdays {
    pub const ALL: Weekdays = Weekdays(0b111_1111);

    /// `n` days (1 to 7) spread as evenly as seven days allow, from the
    /// first: two are the first and the fourth, three every other day.
    fn spread(n: u32) -> Weekdays {
        let n = n.clamp(1, 7);
        Weekdays((0..n).fold(0, |bits, i| bits | 1 << (i * 7 / n)))
    }

    /// Every `k`-th day (1 to 7) from the first.
    fn every(k: u32) -> Weekdays {
        let step = k.clamp(1, 7) as usize;
        Weekdays((0..7).step_by(step).fold(0, |bits, day| bits | 1 << day))
    }

    /// The days as bits, bit 0 the week's first day.
    pub fn bits(self) -> u8 {
        self.0
    }

    /// Whether day `day` (0 to 6) is one of them.
    pub fn contains(self, day: usize) -> bool {
        day < 7 && self.0 & (1 << day) != 0
    }
}

impl Schedule {
    /// Reads a schedule. The error is a hint on what to write.
    pub fn parse(text: &str, vocabulary: &Vocabulary) -> Result<Schedule, String> {
        let tokens = tokens(text);
        let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
        Parser { vocabulary }
            .schedule(&words)
            .ok_or_else(|| forms_hint(vocabulary))
    }

    /// About how many uses a year: for sorting and summaries. `None` for
    /// uses that follow no calendar (as needed, events, measures).
    pub fn per_year(&self) -> Option<f64> {
        match self {
            Schedule::Rate {
                times,
                every,
                period,
            } => Some(times.mid() / every.mid() * period.per_year()),
            Schedule::Once => Some(0.0),
            Schedule::AsNeeded | Schedule::Event { .. } | Schedule::Measure { .. } => None,
            Schedule::Course {
                then: Some(then), ..
            } => then.per_year(),
            // A course on its own: its uses, as if it came once a year.
            Schedule::Course {
                length,
                period,
                each,
                then: None,
            } => {
                let days = length.mid() * if *period == Period::Week { 7.0 } else { 1.0 };
                match each {
                    Some(each) => each.per_year().map(|n| n * days / 365.0),
                    None => Some(days),
                }
            }
            Schedule::Seasonal { seasons, each } => {
                let share = seasons.len() as f64 / 4.0;
                match each {
                    Some(each) => each.per_year().map(|n| n * share),
                    None => Some(seasons.len() as f64),
                }
            }
        }
    }

    /// A key that sorts the most frequent first, then those without a
    /// calendar, each group in a fixed order.
    pub fn sort_key(&self) -> (u8, u64) {
        match (self.per_year(), self.off_calendar()) {
            (Some(n), _) => (0, (1e9 - n * 1000.0).max(0.0) as u64),
            (None, Some(Bucket::OnEvent)) => (1, self.every().map_or(0, |c| c.min as u64)),
            _ => (2, 0),
        }
    }

    pub fn bucket(&self) -> Bucket {
        if let Some(bucket) = self.off_calendar() {
            return bucket;
        }
        match self.per_year() {
            Some(n) if n >= 300.0 => Bucket::Daily,
            Some(n) if n >= 40.0 => Bucket::Weekly,
            _ => Bucket::LessOften,
        }
    }

    /// The days of a week the schedule is used on, when it keeps a weekly
    /// rhythm (at least once a week). Ranges take the fewer uses (`2-3 times
    /// a week` is two days, `every 2-3 days` every third day): rest days
    /// are the safer side. A course, and a schedule of some seasons, give
    /// the rhythm they keep while they last (a course on its own is daily).
    /// `None` for what is rarer than weekly or follows no calendar.
    pub fn weekdays(&self) -> Option<Weekdays> {
        match self {
            Schedule::Rate {
                every,
                period: Period::Day,
                ..
            } if every.max > 1 => (every.max <= 7).then(|| Weekdays::every(every.max)),
            Schedule::Rate {
                times,
                every,
                period,
            } => {
                let per_week = times.min as f64 / every.max as f64 * period.per_year() / 52.0;
                // Weeks are 52 a year, so `4 times a month` is weekly.
                let days = (per_week + 0.1).floor();
                (days >= 1.0).then(|| Weekdays::spread(days.min(7.0) as u32))
            }
            Schedule::Course { each: None, .. } => Some(Weekdays::ALL),
            Schedule::Course {
                each: Some(each), ..
            }
            | Schedule::Seasonal {
                each: Some(each), ..
            } => each.weekdays(),
            _ => None,
        }
    }

    /// The group of a schedule that follows no calendar (events, measures,
    /// as needed), looking inside seasons and courses.
    fn off_calendar(&self) -> Option<Bucket> {
        match self {
            Schedule::AsNeeded => Some(Bucket::AsNeeded),
            Schedule::Event { .. } | Schedule::Measure { .. } => Some(Bucket::OnEvent),
            Schedule::Seasonal {
                each: Some(inner), ..
            }
            | Schedule::Course {
                then: Some(inner), ..
            } => inner.off_calendar(),
            Schedule::Course {
                each: Some(inner),
                then: None,
                ..
            } => inner.off_calendar(),
            _ => None,
        }
    }

    /// How many events or units an event or measure schedule counts.
    fn every(&self) -> Option<Count> {
        match self {
            Schedule::Event { every, .. } | Schedule::Measure { every, .. } => Some(*every),
            Schedule::Seasonal {
                each: Some(inner), ..
            }
            | Schedule::Course {
                then: Some(inner), ..
            } => inner.every(),
            _ => None,
        }
    }

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
            } => {
                let one = Count::one(1);
                match (*times == one, *every == one, period) {
                    (true, true, Period::Day) => s.text("schedule.daily", &[]),
                    (_, true, p) => s.count(&format!("schedule.per_{}", singular(*p)), *times, &[]),
                    (true, false, p) => {
                        s.count(&format!("schedule.every_{}", p.key()), *every, &[])
                    }
                    (false, false, p) => format!(
                        "{} {}",
                        s.count(
                            &format!("schedule.per_{}", singular(Period::Day)),
                            *times,
                            &[]
                        ),
                        s.count(&format!("schedule.every_{}", p.key()), *every, &[])
                    ),
                }
            }
            Schedule::Once => s.text("schedule.once", &[]),
            Schedule::AsNeeded => s.text("schedule.as_needed", &[]),
            Schedule::Course {
                length,
                period,
                each,
                then,
            } => {
                let course = match each {
                    None => {
                        let key = match period {
                            Period::Week => "schedule.course_weeks",
                            _ => "schedule.course_days",
                        };
                        s.count(key, *length, &[])
                    }
                    Some(each) => {
                        let key = match period {
                            Period::Week => "schedule.for_weeks",
                            _ => "schedule.for_days",
                        };
                        s.count(key, *length, &[("schedule", &each.phrase(s, vocabulary))])
                    }
                };
                match then {
                    Some(then) => s.text(
                        "schedule.then",
                        &[("course", &course), ("then", &then.phrase(s, vocabulary))],
                    ),
                    None => course,
                }
            }
            Schedule::Seasonal { seasons, each } => {
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
            Schedule::Event { tie, every, event } => {
                let word = vocabulary.events.iter().find(|w| &w.key == event);
                let (one, other) = word.map_or((event.as_str(), event.as_str()), |w| {
                    (w.one.as_str(), w.other.as_str())
                });
                let base = if *every == Count::one(1) {
                    s.text("schedule.every_event", &[("event", one)])
                } else {
                    s.count("schedule.every_events", *every, &[("events", other)])
                };
                match tie {
                    Tie::Every => base,
                    Tie::After => s.text("schedule.after", &[("schedule", &base)]),
                    Tie::With => s.text("schedule.with", &[("schedule", &base)]),
                    Tie::Before => s.text("schedule.before", &[("schedule", &base)]),
                    Tie::At => s.text("schedule.at", &[("schedule", &base)]),
                }
            }
            Schedule::Measure { every, measure } => {
                let word = vocabulary.measures.iter().find(|w| &w.key == measure);
                let name = word.map_or(measure.as_str(), |w| {
                    if *every == Count::one(1) {
                        w.one.as_str()
                    } else {
                        w.other.as_str()
                    }
                });
                s.count("schedule.every_measure", *every, &[("measure", name)])
            }
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

#[cfg(test)]
mod tests;
