use std::sync::Arc;

use super::*;
use crate::i18n::Strings;

mod german;

const EN: &str = include_str!("../../../../themes/default/i18n/en.yaml");

fn word(key: &str, one: &str, other: &str) -> Word {
    Word {
        key: key.into(),
        one: one.into(),
        other: other.into(),
        label: None,
        phrases: None,
        at: None,
    }
}

fn vocabulary() -> Vocabulary {
    Vocabulary {
        events: vec![
            word("watering", "watering", "waterings"),
            word("wet-ride", "wet ride", "wet rides"),
            word("meal", "meal", "meals"),
        ],
        measures: vec![word("km", "km", "km"), word("hours", "hour", "hours")],
    }
}

fn strings(language: &str, text: &str) -> Strings {
    let file = vial_base::diagnostic::SourceFile::new(format!("{language}.yaml"), text);
    let (s, problems) = Strings::load(language, &[file]);
    assert!(problems.is_empty(), "{problems:?}");
    s
}

fn english() -> Strings {
    strings("en", EN)
}

/// The English grammar, with `v`'s words.
fn grammar_of(v: &Vocabulary) -> Arc<Grammar> {
    let (grammar, problems) = Grammar::new(&english(), v);
    assert!(problems.is_empty(), "{problems:?}");
    grammar
}

/// Reads `written` in English with the test's words.
fn read(written: &str) -> Result<Schedule, String> {
    Schedule::parse(written, &grammar_of(&vocabulary()))
}

/// Parses `written` and says it again in English.
fn said(written: &str) -> String {
    let schedule = read(written).unwrap_or_else(|e| panic!("{written}: {e}"));
    schedule.describe(&english(), &vocabulary())
}

#[test]
fn every_documented_form_reads_and_is_said_plainly() {
    let cases = [
        ("daily", "Daily"),
        ("every day", "Daily"),
        ("Once a day", "Daily"),
        ("twice daily", "Twice daily"),
        ("twice a day", "Twice daily"),
        ("3 times a day", "3 times a day"),
        ("three times daily", "3 times a day"),
        ("every other day", "Every other day"),
        ("every other night", "Every other day"),
        ("every 3 days", "Every 3 days"),
        ("every 2 weeks", "Every 2 weeks"),
        ("fortnightly", "Every 2 weeks"),
        ("every 3 months", "Every 3 months"),
        ("quarterly", "Every 3 months"),
        ("every 1-2 years", "Every 1–2 years"),
        ("every 1 to 2 years", "Every 1–2 years"),
        ("weekly", "Once a week"),
        ("once a week", "Once a week"),
        ("twice a week", "Twice a week"),
        ("2-3 times a week", "2–3 times a week"),
        ("2–3 times a week", "2–3 times a week"),
        ("3x a week", "3 times a week"),
        ("4 times per week", "4 times a week"),
        ("monthly", "Once a month"),
        ("twice a month", "Twice a month"),
        ("yearly", "Once a year"),
        ("once a year", "Once a year"),
        ("4 times a year", "4 times a year"),
        ("once", "Once"),
        ("as needed", "As needed"),
        ("course of 28 days", "A course of 28 days"),
        ("a course of 3-5 days", "A course of 3–5 days"),
        (
            "a 3–5 day course, then once a week",
            "A course of 3–5 days, then once a week",
        ),
        (
            "course of 3-5 days, then once a week",
            "A course of 3–5 days, then once a week",
        ),
        ("a 28-day course", "A course of 28 days"),
        (
            "a course of 2 weeks then weekly",
            "A course of 2 weeks, then once a week",
        ),
        ("every 5-7 days for 3 weeks", "Every 5–7 days for 3 weeks"),
        (
            "daily for 10 days, then weekly",
            "Daily for 10 days, then once a week",
        ),
        ("twice a day for 1 week", "Twice daily for 1 week"),
        ("every spring", "Every spring"),
        ("in spring and autumn", "Every spring and autumn"),
        ("in autumn and spring", "Every spring and autumn"),
        (
            "every 2 weeks in spring and summer",
            "Every 2 weeks in spring and summer",
        ),
        (
            "monthly during spring, summer and fall",
            "Once a month in spring, summer and autumn",
        ),
        ("every watering", "Every watering"),
        ("every 3 waterings", "Every 3 waterings"),
        ("after every wet ride", "After every wet ride"),
        ("with every meal", "With every meal"),
        ("every 500 km", "Every 500 km"),
        ("every 1 km", "Every 1 km"),
        ("every 100 hours", "Every 100 hours"),
        ("each watering", "Every watering"),
        ("every 3 watering", "Every 3 waterings"),
        ("after every 2 wet rides", "After every 2 wet rides"),
        ("before every meal", "Before every meal"),
        ("at every watering", "At every watering"),
        ("when needed", "As needed"),
        ("if required", "As needed"),
        ("annually", "Once a year"),
        ("nightly", "Daily"),
        ("one time a week", "Once a week"),
        ("every one to two weeks", "Every 1–2 weeks"),
        ("2 - 3 times a week", "2–3 times a week"),
        ("once in spring", "Once in spring"),
        (
            "every watering in spring and summer",
            "Every watering in spring and summer",
        ),
    ];
    for (written, expected) in cases {
        assert_eq!(said(written), expected, "{written}");
    }
}

#[test]
fn unreadable_schedules_say_what_to_write() {
    for written in [
        "sometimes",
        "",
        "8 days a week",
        "0 times a week",
        "every 5-3 days",
        "a course of 3 months",
        "every full moon",
        "every 2 weeks in monsoon",
        "twice",
        "daily, then weekly",
        "3 times an hour",
        "a course of 2 hours",
        "daily for 8 weeks, then 4 months off",
        "daily for 8 weeks then 4 weeks",
        "fortnightly fortnightly",
        // Every 2 weeks to some readers, twice a week to others.
        "biweekly",
    ] {
        let hint = read(written).unwrap_err();
        assert!(hint.contains("`every other day`"), "{written}: {hint}");
        assert!(hint.contains("`every 8 hours`"), "{written}: {hint}");
        assert!(hint.contains("`every watering`"), "{hint}");
        assert!(hint.contains("`every 3 km`"), "{hint}");
    }
}

#[test]
fn schedules_sort_most_frequent_first_and_fall_into_buckets() {
    let mut written = vec![
        "as needed",
        "monthly",
        "twice daily",
        "every watering",
        "every other day",
        "once a week",
        "daily",
        "2-3 times a week",
    ];
    written.sort_by_key(|w| read(w).unwrap().sort_key());
    assert_eq!(
        written,
        [
            "twice daily",
            "daily",
            "every other day",
            "2-3 times a week",
            "once a week",
            "monthly",
            "every watering",
            "as needed",
        ]
    );
    let bucket = |w: &str| read(w).unwrap().bucket();
    assert_eq!(bucket("twice daily"), Bucket::Daily);
    assert_eq!(bucket("every other day"), Bucket::SeveralAWeek);
    assert_eq!(bucket("2-3 times a week"), Bucket::SeveralAWeek);
    assert_eq!(bucket("once a week"), Bucket::Weekly);
    assert_eq!(bucket("every 2 weeks"), Bucket::LessOften);
    // A course is a course however many uses it adds up to.
    assert_eq!(bucket("daily for 8 weeks"), Bucket::Course);
    assert_eq!(bucket("a course of 3-5 days"), Bucket::Course);
    assert_eq!(bucket("every 7 days for 4 weeks"), Bucket::Course);
    // What follows a course is the rhythm kept.
    assert_eq!(
        bucket("a course of 3 weeks, then once a week"),
        Bucket::Weekly
    );
    // A season's rhythm, not the year's average.
    assert_eq!(bucket("daily in summer"), Bucket::Daily);
    assert_eq!(
        bucket("every 2 weeks in spring and summer"),
        Bucket::LessOften
    );
    assert_eq!(bucket("once in spring"), Bucket::LessOften);
    assert_eq!(bucket("as needed"), Bucket::AsNeeded);
    assert_eq!(bucket("every 500 km"), Bucket::OnEvent);
    assert_eq!(
        bucket("every watering in spring and summer"),
        Bucket::OnEvent
    );
    assert_eq!(
        bucket("a course of 3 weeks, then every 3 waterings"),
        Bucket::OnEvent
    );
    // A course on its own counts the days it lasts, weeks as 7 days.
    let course = |w: &str| read(w).unwrap().per_year().unwrap();
    assert_eq!(course("a course of 2 weeks"), 14.0);
    assert_eq!(course("a course of 3-5 days"), 4.0);
    // Once every 7 days for 28 days: 4 uses.
    assert!((course("every 7 days for 4 weeks") - 4.0).abs() < 1e-9);
}

#[test]
fn a_season_places_a_schedule_and_shortens_only_a_rhythm() {
    let per_year = |w: &str| read(w).unwrap().per_year().unwrap();
    assert_eq!(per_year("every spring"), 1.0);
    assert_eq!(per_year("once in spring"), 1.0);
    assert_eq!(per_year("once a year in spring"), 1.0);
    assert_eq!(per_year("in spring and autumn"), 2.0);
    assert_eq!(per_year("once in spring and autumn"), 2.0);
    // Two seasons of a fortnightly rhythm: half of its 26 uses.
    assert_eq!(per_year("every 2 weeks in spring and summer"), 13.0);
    // Three months of a monthly rhythm: 3 uses.
    assert_eq!(per_year("once a month in spring"), 3.0);
}

#[test]
fn spellings_of_one_schedule_are_equal() {
    let parse = |w: &str| read(w).unwrap();
    assert_eq!(parse("weekly"), parse("once a week"));
    assert_eq!(parse("fortnightly"), parse("every 2 weeks"));
    assert_eq!(parse("every other day"), parse("every 2 days"));
    assert_ne!(parse("every 2 weeks"), parse("twice a week"));
}

#[test]
fn weekly_rhythms_spread_over_the_week_and_rarer_ones_have_none() {
    let days = |w: &str| {
        read(w)
            .unwrap()
            .weekdays()
            .map(|d| (0..7).filter(|&i| d.contains(i)).collect::<Vec<_>>())
    };
    let every_day = Some(vec![0, 1, 2, 3, 4, 5, 6]);
    assert_eq!(days("daily"), every_day);
    assert_eq!(days("twice daily"), every_day);
    assert_eq!(days("every other day"), Some(vec![0, 2, 4, 6]));
    assert_eq!(days("every 3 days"), Some(vec![0, 3, 6]));
    // The fewer uses of a range: rest days are the safer side.
    assert_eq!(days("every 2-3 days"), Some(vec![0, 3, 6]));
    assert_eq!(days("once a week"), Some(vec![0]));
    assert_eq!(days("every 7 days"), Some(vec![0]));
    assert_eq!(days("twice a week"), Some(vec![0, 3]));
    assert_eq!(days("2-3 times a week"), Some(vec![0, 3]));
    assert_eq!(days("3 times a week"), Some(vec![0, 2, 4]));
    assert_eq!(days("6 times a week"), Some(vec![0, 1, 2, 3, 4, 5]));
    assert_eq!(days("4 times a month"), Some(vec![0]));
    // Courses keep their own rhythm while they last; a bare course is daily.
    assert_eq!(days("a course of 3-5 days"), every_day);
    assert_eq!(days("a course of 3-5 days, then once a week"), every_day);
    assert_eq!(days("every 5-7 days for 3 weeks"), Some(vec![0]));
    assert_eq!(days("twice a week in spring and summer"), Some(vec![0, 3]));
    for rarer in [
        "every 8 days",
        "every 2 weeks",
        "twice a month",
        "monthly",
        "yearly",
        "once",
        "as needed",
        "every spring",
        "every watering",
        "every 500 km",
        "every 2 weeks in spring and summer",
    ] {
        assert_eq!(days(rarer), None, "{rarer}");
    }
}

#[test]
fn hour_intervals_are_uses_a_day() {
    // A site without a measure of hours.
    let clock = grammar_of(&Vocabulary::default());
    let read = |w: &str| Schedule::parse(w, &clock);
    let said = |w: &str| {
        read(w)
            .unwrap()
            .describe(&english(), &Vocabulary::default())
    };
    assert_eq!(said("every 8 hours"), "Every 8 hours");
    assert_eq!(said("every hour"), "Every hour");
    assert_eq!(said("every 6-8 hours"), "Every 6–8 hours");
    let every_8 = read("every 8 hours").unwrap();
    // Three a day, every day.
    assert_eq!(
        every_8.per_year(),
        read("3 times a day").unwrap().per_year()
    );
    assert_eq!(every_8.bucket(), Bucket::Daily);
    assert_eq!(every_8.weekdays(), Some(Weekdays::ALL));
    // Every 48 hours is every other day.
    assert_eq!(
        read("every 48 hours").unwrap().weekdays(),
        read("every other day").unwrap().weekdays()
    );
    assert!(every_8.sort_key() < read("twice daily").unwrap().sort_key());
}

#[test]
fn a_declared_measure_of_hours_wins_over_the_clock() {
    // The test site declares `hours` as a measure: its hours are counted.
    assert_eq!(
        read("every 100 hours").unwrap(),
        Schedule::Measure {
            every: Count::one(100),
            measure: "hours".into()
        }
    );
    let clock = Vocabulary::default();
    let grammar = grammar_of(&clock);
    assert!(matches!(
        Schedule::parse("every 100 hours", &grammar).unwrap(),
        Schedule::Rate {
            period: Period::Hour,
            ..
        }
    ));
}

#[test]
fn a_cycle_counts_the_weeks_it_is_kept() {
    for (written, shown) in [
        (
            "daily for 8 weeks, then 4 weeks off",
            "Daily for 8 weeks, then 4 weeks off, repeated",
        ),
        (
            "daily for 8 weeks then 4 weeks off, repeated",
            "Daily for 8 weeks, then 4 weeks off, repeated",
        ),
        (
            "twice a week for 3 weeks, then 1 week off and repeat",
            "Twice a week for 3 weeks, then 1 week off, repeated",
        ),
        (
            "a course of 5 days, then 2 days off",
            "A course of 5 days, then 2 days off, repeated",
        ),
    ] {
        assert_eq!(said(written), shown, "{written}");
        // What pages say reads back as the same schedule.
        assert_eq!(read(shown).unwrap(), read(written).unwrap(), "{shown}");
    }
    let cycle = read("daily for 8 weeks, then 4 weeks off").unwrap();
    // 8 of every 12 weeks, daily.
    let expected = 365.0 * 8.0 / 12.0;
    assert!((cycle.per_year().unwrap() - expected).abs() < 1e-9);
    // The rhythm kept while it lasts.
    assert_eq!(cycle.bucket(), Bucket::Daily);
    assert_eq!(cycle.weekdays(), Some(Weekdays::ALL));
    assert_eq!(cycle.course_days(), None);
    let weekly = read("once a week for 6 weeks, then 6 weeks off").unwrap();
    assert_eq!(weekly.per_year(), Some(26.0));
    assert_eq!(weekly.bucket(), Bucket::Weekly);
    let bare = read("a course of 5 days, then 2 days off").unwrap();
    assert!((bare.per_year().unwrap() - 365.0 * 5.0 / 7.0).abs() < 1e-9);
}

#[test]
fn what_english_pages_say_reads_back_as_the_same_schedule() {
    for written in [
        "daily",
        "twice daily",
        "3 times a day",
        "every other day",
        "every 3 days",
        "every 8 hours",
        "2-3 times a week",
        "once a week",
        "every 2 weeks",
        "twice a month",
        "every 3 months",
        "4 times a year",
        "every 1-2 years",
        "once",
        "as needed",
        "a course of 3-5 days",
        "a course of 2 weeks, then once a week",
        "every 5-7 days for 3 weeks",
        "daily for 10 days, then weekly",
        "every spring",
        "in spring and autumn",
        "once in spring",
        "every 2 weeks in spring and summer",
        "every watering",
        "every 3 waterings",
        "after every wet ride",
        "with every meal",
        "every 500 km",
        "daily for 8 weeks, then 4 weeks off",
    ] {
        let schedule = read(written).unwrap();
        let shown = schedule.describe(&english(), &vocabulary());
        assert_eq!(read(&shown).as_ref(), Ok(&schedule), "{written} → {shown}");
    }
}

#[test]
fn declared_phrases_are_read_and_shown_whole() {
    let mut v = Vocabulary::default();
    v.events.push(Word {
        phrases: Some(Phrases {
            every: Some("after every wet ride".into()),
            every_n: Some("after every {n} wet rides".into()),
        }),
        ..word("wet-ride", "wet-ride", "wet-ride")
    });
    let grammar = grammar_of(&v);
    let ride = Schedule::parse("After every wet ride", &grammar).unwrap();
    assert_eq!(ride.describe(&english(), &v), "After every wet ride");
    let rides = Schedule::parse("after every 3 wet rides", &grammar).unwrap();
    assert_eq!(rides.describe(&english(), &v), "After every 3 wet rides");
    // Only the declared phrases: no frame glues the noun.
    assert!(Schedule::parse("every wet-ride", &grammar).is_err());
    let hint = Schedule::parse("sometimes", &grammar).unwrap_err();
    assert!(hint.contains("`after every wet ride`"), "{hint}");
}
