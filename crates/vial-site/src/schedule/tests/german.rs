//! Schedules read and said in German: the words come from the theme's
//! de.yaml, as a German site reads them.

use super::*;

const DE: &str = include_str!("../../../../../themes/default/i18n/de.yaml");

fn german() -> Strings {
    strings("de", DE)
}

/// A German site's words: whole phrases, no nouns in frames.
fn vocabulary() -> Vocabulary {
    let phrases = |every: &str, every_n: Option<&str>| {
        Some(Phrases {
            every: Some(every.into()),
            every_n: every_n.map(Into::into),
        })
    };
    let mut watering = word("watering", "watering", "waterings");
    watering.phrases = phrases("bei jedem Gießen", Some("bei jedem {n}. Gießen"));
    let mut ride = word("wet-ride", "wet-ride", "wet-ride");
    ride.phrases = phrases(
        "nach jeder nassen Fahrt",
        Some("nach jeder {n}. nassen Fahrt"),
    );
    let mut hours = word("hours", "hours", "hours");
    hours.phrases = Some(Phrases {
        every: None,
        every_n: Some("alle {n} Betriebsstunden".into()),
    });
    Vocabulary {
        events: vec![watering, ride],
        measures: vec![hours],
    }
}

fn grammar() -> Arc<Grammar> {
    let (grammar, problems) = Grammar::new(&german(), &vocabulary());
    assert!(problems.is_empty(), "{problems:?}");
    grammar
}

fn read(written: &str) -> Result<Schedule, String> {
    Schedule::parse(written, &grammar())
}

fn said(written: &str) -> String {
    let schedule = read(written).unwrap_or_else(|e| panic!("{written}: {e}"));
    schedule.describe(&german(), &vocabulary())
}

#[test]
fn german_forms_read_and_are_said_in_german() {
    let cases = [
        ("täglich", "Täglich"),
        ("einmal täglich", "Täglich"),
        ("zweimal täglich", "Zweimal täglich"),
        ("3-mal täglich", "3-mal täglich"),
        ("3 mal täglich", "3-mal täglich"),
        ("jeden Tag", "Täglich"),
        ("jeden zweiten Tag", "Jeden zweiten Tag"),
        ("jede zweite Nacht", "Jeden zweiten Tag"),
        ("alle 3 Tage", "Alle 3 Tage"),
        ("alle zwei Wochen", "Alle 2 Wochen"),
        ("alle 2 Wochen", "Alle 2 Wochen"),
        ("vierzehntägig", "Alle 2 Wochen"),
        ("wöchentlich", "Einmal pro Woche"),
        ("monatlich", "Einmal im Monat"),
        ("jährlich", "Einmal im Jahr"),
        ("einmal pro Woche", "Einmal pro Woche"),
        ("2- bis 3-mal pro Woche", "2–3-mal pro Woche"),
        ("2–3-mal pro Woche", "2–3-mal pro Woche"),
        ("2 bis 3 mal pro Woche", "2–3-mal pro Woche"),
        ("zweimal im Monat", "Zweimal im Monat"),
        ("viermal im Jahr", "4-mal im Jahr"),
        ("alle 1–2 Jahre", "Alle 1–2 Jahre"),
        ("vierteljährlich", "Alle 3 Monate"),
        ("einmal", "Einmalig"),
        ("einmalig", "Einmalig"),
        ("bei Bedarf", "Bei Bedarf"),
        ("eine Kur von 3–5 Tagen", "Eine Kur von 3–5 Tagen"),
        ("Kur von 2 Wochen", "Eine Kur von 2 Wochen"),
        (
            "eine Kur von 3–5 Tagen, dann einmal pro Woche",
            "Eine Kur von 3–5 Tagen, danach einmal pro Woche",
        ),
        (
            "täglich für 10 Tage, dann wöchentlich",
            "Täglich, 10 Tage lang, danach einmal pro Woche",
        ),
        ("alle 5–7 Tage für 3 Wochen", "Alle 5–7 Tage, 3 Wochen lang"),
        ("3 Wochen lang täglich", "Täglich, 3 Wochen lang"),
        ("jeden Frühling", "Jedes Jahr im Frühling"),
        (
            "im Frühling und Herbst",
            "Jedes Jahr im Frühling und Herbst",
        ),
        (
            "im Herbst und Frühjahr",
            "Jedes Jahr im Frühling und Herbst",
        ),
        ("einmal im Frühling", "Einmalig im Frühling"),
        (
            "alle 2 Wochen im Frühling und Sommer",
            "Alle 2 Wochen im Frühling und Sommer",
        ),
        (
            "einmal im Monat im Frühling, Sommer und Herbst",
            "Einmal im Monat im Frühling, Sommer und Herbst",
        ),
        ("alle 8 Stunden", "Alle 8 Stunden"),
        ("jede Stunde", "Jede Stunde"),
        (
            "täglich für 8 Wochen, dann 4 Wochen Pause",
            "Täglich, 8 Wochen lang, dann 4 Wochen Pause, im Wechsel",
        ),
        ("bei jedem Gießen", "Bei jedem Gießen"),
        ("bei jedem 3. Gießen", "Bei jedem 3. Gießen"),
        ("nach jeder nassen Fahrt", "Nach jeder nassen Fahrt"),
        ("alle 500 Betriebsstunden", "Alle 500 Betriebsstunden"),
        ("bei jedem Gießen im Sommer", "Bei jedem Gießen im Sommer"),
    ];
    for (written, expected) in cases {
        assert_eq!(said(written), expected, "{written}");
    }
}

#[test]
fn what_german_pages_say_reads_back_as_the_same_schedule() {
    for written in [
        "täglich",
        "zweimal täglich",
        "2–3-mal täglich",
        "jeden zweiten Tag",
        "alle 3 Tage",
        "alle 8 Stunden",
        "jede Stunde",
        "einmal pro Woche",
        "2- bis 3-mal pro Woche",
        "alle 2 Wochen",
        "zweimal im Monat",
        "einmal im Jahr",
        "einmalig",
        "bei Bedarf",
        "eine Kur von 1 Tag",
        "eine Kur von 3–5 Tagen, dann einmal pro Woche",
        "täglich für 10 Tage, dann wöchentlich",
        "jeden Frühling",
        "im Frühling und Herbst",
        "einmal im Frühling",
        "alle 2 Wochen im Frühling und Sommer",
        "täglich für 8 Wochen, dann 4 Wochen Pause",
        "bei jedem 2. Gießen",
        "alle 500 Betriebsstunden",
    ] {
        let schedule = read(written).unwrap();
        let shown = schedule.describe(&german(), &vocabulary());
        assert_eq!(read(&shown).as_ref(), Ok(&schedule), "{written} → {shown}");
    }
}

#[test]
fn a_schedule_means_the_same_in_either_language() {
    let en = super::grammar_of(&Vocabulary::default());
    let pairs = [
        ("täglich", "daily"),
        ("zweimal täglich", "twice daily"),
        ("jeden zweiten Tag", "every other day"),
        ("2- bis 3-mal pro Woche", "2-3 times a week"),
        ("alle 8 Stunden", "every 8 hours"),
        (
            "eine Kur von 3–5 Tagen, dann einmal pro Woche",
            "a course of 3-5 days, then once a week",
        ),
        (
            "alle 2 Wochen im Frühling und Sommer",
            "every 2 weeks in spring and summer",
        ),
        (
            "täglich für 8 Wochen, dann 4 Wochen Pause",
            "daily for 8 weeks, then 4 weeks off",
        ),
    ];
    for (de, en_text) in pairs {
        let english = Schedule::parse(en_text, &en).unwrap();
        assert_eq!(read(de).unwrap(), english, "{de}");
        // Written once in German, said in English too.
        assert_eq!(
            read(de)
                .unwrap()
                .describe(&super::english(), &Vocabulary::default()),
            english.describe(&super::english(), &Vocabulary::default())
        );
    }
}

#[test]
fn an_unreadable_german_schedule_gets_german_examples() {
    for written in [
        "manchmal",
        "daily",
        "twice a week",
        "8 Tage pro Woche",
        "alle 5–3 Tage",
        "eine Kur von 3 Monaten",
        "bei jedem Vollmond",
        "alle 2 Wochen im Monsun",
        "zweimal",
        "täglich, dann wöchentlich",
    ] {
        let hint = read(written).unwrap_err();
        assert!(hint.contains("`jeden zweiten Tag`"), "{written}: {hint}");
        assert!(hint.contains("`2- bis 3-mal pro Woche`"), "{hint}");
        assert!(hint.contains("`bei jedem Gießen`"), "{hint}");
        assert!(hint.contains("`alle 3 Betriebsstunden`"), "{hint}");
        assert!(!hint.contains("every"), "{hint}");
    }
}

#[test]
fn nouns_without_phrases_are_a_problem_in_german() {
    let mut v = Vocabulary::default();
    let at = vial_base::diagnostic::Location {
        path: "site.yaml".into(),
        line: 9,
        column: 7,
    };
    v.events.push(Word {
        at: Some(at),
        ..word("meal", "Mahlzeit", "Mahlzeiten")
    });
    let (_, problems) = Grammar::new(&german(), &v);
    assert_eq!(problems.len(), 1);
    let problem = &problems[0];
    assert!(
        problem.message.contains("`meal` has no phrases in `de`"),
        "{problem:?}"
    );
    assert_eq!((problem.location.line, problem.location.column), (9, 7));
    assert!(problem.help.as_deref().unwrap().contains("phrases:"));
}

#[test]
fn a_language_without_a_grammar_reads_english() {
    let french = strings("fr", "schedule:\n  daily: chaque jour\n");
    let (grammar, _) = Grammar::new(&french, &Vocabulary::default());
    assert_eq!(
        Schedule::parse("twice daily", &grammar).unwrap(),
        Schedule::parse("twice daily", &super::grammar_of(&Vocabulary::default())).unwrap()
    );
}
