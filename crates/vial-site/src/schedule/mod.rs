//! Schedules: how often something is used, written in plain words of the
//! site's language and read into a normalized `Schedule` that can be
//! compared, sorted, grouped and said again in any language.
//!
//! Here are the schedule and what it means on the calendar (uses a year,
//! its bucket, the days of a week it keeps); the words a language reads
//! schedules with are its `Grammar` (from its strings file), reading one
//! is `parse`, saying one is `describe`.

use crate::i18n::Count;

mod describe;
mod grammar;
mod parse;
mod pattern;

pub use grammar::{GRAMMAR_KEYS, Grammar};

/// A unit of the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// Only in an interval (`every 8 hours`): never a course's unit.
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl Period {
    /// Days it lasts, for a course's length and a cycle's break.
    fn days(self) -> f64 {
        match self {
            Period::Hour => 1.0 / 24.0,
            Period::Day => 1.0,
            Period::Week => 7.0,
            Period::Month => 365.0 / 12.0,
            Period::Year => 365.0,
        }
    }

    fn per_year(self) -> f64 {
        match self {
            Period::Hour => 365.0 * 24.0,
            Period::Day => 365.0,
            Period::Week => 52.0,
            Period::Month => 12.0,
            Period::Year => 1.0,
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
    /// A course kept in turns with a break, over and over: `daily for 8
    /// weeks, then 4 weeks off` is `course` (a `Course` without `then`),
    /// then `off` of `off_period` (days or weeks) without it.
    Cycle {
        course: Box<Schedule>,
        off: Count,
        off_period: Period,
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

/// A declared event or measure: its key, its noun for one and for many
/// (which the language's frames make phrases of: `every {one}`), and the
/// whole phrases the site declares instead, when it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub key: String,
    pub one: String,
    pub other: String,
    /// Its name in filters ("Tied to {label}"); `one` when not declared.
    pub label: Option<String>,
    pub phrases: Option<Phrases>,
    /// Where site.yaml declares it, for problems found once the strings
    /// are read.
    pub at: Option<vial_base::diagnostic::Location>,
}

/// Whole phrases of an event or a measure, read and shown as written:
/// `every` for one (`bei jedem Gießen`), `every_n` with `{n}` for a number
/// (`bei jedem {n}. Gießen`, `alle {n} km`). One of them at least.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrases {
    pub every: Option<String>,
    pub every_n: Option<String>,
}

impl Word {
    /// Its name in filters.
    pub fn label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.one)
    }
}

/// Rough groups of schedules, for filters and summaries. A schedule goes
/// by the rhythm a reader keeps while using the product: every other day is
/// several times a week (not weekly), a course is a course (a daily course
/// of 8 weeks is not "weekly" because it adds up to 56 uses a year), and
/// `every 2 weeks in spring` is less often than weekly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bucket {
    Daily,
    SeveralAWeek,
    Weekly,
    LessOften,
    /// A course on its own, with nothing after it.
    Course,
    AsNeeded,
    OnEvent,
}

impl Bucket {
    /// Every bucket, from the most often to the least regular.
    pub const ALL: [Bucket; 7] = [
        Bucket::Daily,
        Bucket::SeveralAWeek,
        Bucket::Weekly,
        Bucket::LessOften,
        Bucket::Course,
        Bucket::AsNeeded,
        Bucket::OnEvent,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Bucket::Daily => "daily",
            Bucket::SeveralAWeek => "several-a-week",
            Bucket::Weekly => "weekly",
            Bucket::LessOften => "less-often",
            Bucket::Course => "course",
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
            // The course's rhythm for the share of the days it is kept:
            // daily for 8 weeks, then 4 off, is 8 of every 12 weeks.
            Schedule::Cycle {
                course,
                off,
                off_period,
            } => {
                let Schedule::Course {
                    length,
                    period,
                    each,
                    ..
                } = &**course
                else {
                    return None;
                };
                let on = length.mid() * period.days();
                let share = on / (on + off.mid() * off_period.days());
                let rhythm = each.as_deref().map_or(Some(365.0), Schedule::per_year)?;
                Some(rhythm * share)
            }
            Schedule::Seasonal { seasons, each } => {
                let share = seasons.len() as f64 / 4.0;
                match each.as_deref() {
                    // `once in spring`: once in each season named.
                    None | Some(Schedule::Once) => Some(seasons.len() as f64),
                    // `once a year in spring`: the year's uses; the
                    // season says when they are, not how many.
                    Some(
                        yearly @ Schedule::Rate {
                            period: Period::Year,
                            ..
                        },
                    ) => yearly.per_year(),
                    // `every 2 weeks in spring`: the rhythm, while the
                    // seasons last.
                    Some(each) => each.per_year().map(|n| n * share),
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
        match self {
            Schedule::Course { then: None, .. } => Bucket::Course,
            // After the course, the rhythm kept for good.
            Schedule::Course {
                then: Some(then), ..
            } => then.bucket(),
            // The rhythm kept while the course lasts (a bare course is
            // daily); how much of the year is `per_year`'s.
            Schedule::Cycle { course, .. } => match &**course {
                Schedule::Course {
                    each: Some(each), ..
                } => each.bucket(),
                _ => Bucket::Daily,
            },
            // The rhythm while the season lasts.
            Schedule::Seasonal {
                each: Some(each), ..
            } if **each != Schedule::Once => each.bucket(),
            _ => match self.per_year() {
                Some(n) if n >= 300.0 => Bucket::Daily,
                // Every other day (182) down to twice a week (104) and
                // `1-2 times a week` (78): more than weekly.
                Some(n) if n >= 75.0 => Bucket::SeveralAWeek,
                Some(n) if n >= 40.0 => Bucket::Weekly,
                _ => Bucket::LessOften,
            },
        }
    }

    /// The declared event or measure an off-calendar schedule counts, and
    /// whether it is a measure: what "every watering" or "every 500 km" is
    /// tied to, looking inside seasons and courses.
    pub fn occasion(&self) -> Option<(&str, bool)> {
        match self {
            Schedule::Event { event, .. } => Some((event, false)),
            Schedule::Measure { measure, .. } => Some((measure, true)),
            Schedule::Seasonal {
                each: Some(inner), ..
            }
            | Schedule::Course {
                then: Some(inner), ..
            }
            | Schedule::Course {
                each: Some(inner),
                then: None,
                ..
            }
            | Schedule::Cycle { course: inner, .. } => inner.occasion(),
            _ => None,
        }
    }

    /// The days of a week the schedule is used on, when it keeps a weekly
    /// rhythm (at least once a week). Ranges take the fewer uses (`2-3 times
    /// a week` is two days, `every 2-3 days` every third day): rest days
    /// are the safer side. A course, and a schedule of some seasons, give
    /// the rhythm they keep while they last (a course on its own is daily;
    /// how long it lasts is `course_days`, what follows `after_course`).
    /// `None` for what is rarer than weekly or follows no calendar.
    pub fn weekdays(&self) -> Option<Weekdays> {
        match self {
            // Every few hours is every day; every 48 hours, every other.
            Schedule::Rate {
                every,
                period: Period::Hour,
                ..
            } => {
                let days = every.max.div_ceil(24);
                (days <= 7).then(|| Weekdays::every(days))
            }
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
            }
            | Schedule::Cycle { course: each, .. } => each.weekdays(),
            _ => None,
        }
    }

    /// A course's length in days, the fewest and the most: `a course of
    /// 3-5 days` is 3 to 5, `every 5-7 days for 2-3 weeks` 14 to 21. The
    /// routine builder draws a course on the days it lasts, not on every
    /// week. `None` for what is not a course.
    pub fn course_days(&self) -> Option<[u32; 2]> {
        let Schedule::Course { length, period, .. } = self else {
            return None;
        };
        // A course is read in days or weeks only (see `parse`).
        let unit = if *period == Period::Week { 7 } else { 1 };
        Some([length.min, length.max].map(|n| n.saturating_mul(unit)))
    }

    /// The schedule that follows a course (`then once a week`), if any.
    pub fn after_course(&self) -> Option<&Schedule> {
        match self {
            Schedule::Course { then, .. } => then.as_deref(),
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
            }
            | Schedule::Cycle { course: inner, .. } => inner.off_calendar(),
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
}

#[cfg(test)]
mod tests;
