use super::*;

fn strings(language: &str, text: &str) -> Strings {
    let (s, problems) = Strings::load(language, &[SourceFile::new("en.yaml", text)]);
    assert!(problems.is_empty(), "{problems:?}");
    s
}

#[test]
fn forms_pick_exact_numbers_then_plural_categories() {
    let s = strings(
        "en",
        "schedule:\n  per_week:\n    \"1\": once a week\n    \"2\": twice a week\n    other: \"{n} times a week\"\n",
    );
    assert_eq!(
        s.count("schedule.per_week", Count::one(1), &[]),
        "once a week"
    );
    assert_eq!(
        s.count("schedule.per_week", Count::one(2), &[]),
        "twice a week"
    );
    assert_eq!(
        s.count("schedule.per_week", Count::one(5), &[]),
        "5 times a week"
    );
    assert_eq!(
        s.count("schedule.per_week", Count { min: 2, max: 3 }, &[]),
        "2–3 times a week"
    );
}

#[test]
fn plural_categories_follow_the_language() {
    let text = "items:\n  one: \"{n} Produkt\"\n  other: \"{n} Produkte\"\n";
    let de = strings("de", text);
    assert_eq!(de.count("items", Count::one(1), &[]), "1 Produkt");
    assert_eq!(de.count("items", Count::one(0), &[]), "0 Produkte");
}

#[test]
fn later_files_win_key_by_key() {
    let (s, problems) = Strings::load(
        "en",
        &[
            SourceFile::new("theme/en.yaml", "a: one\nb: two\n"),
            SourceFile::new("i18n/en.yaml", "b: deux\n"),
        ],
    );
    assert!(problems.is_empty());
    assert_eq!(s.text("a", &[]), "one");
    assert_eq!(s.text("b", &[]), "deux");
}

#[test]
fn placeholders_are_filled_and_dates_follow_the_language() {
    let s = strings(
        "de",
        "date:\n  months: [Januar, Februar, März]\n  format: \"{day}. {month} {year}\"\ngreet: \"Hallo {name}, {unknown}\"\n",
    );
    assert_eq!(s.date("2026-03-01"), "1. März 2026");
    assert_eq!(s.date("soon"), "soon");
    assert_eq!(s.text("greet", &[("name", "Ada")]), "Hallo Ada, {unknown}");
}

#[test]
fn missing_keys_are_reported_with_where_to_add_them() {
    let files = [SourceFile::new("themes/x/i18n/fr.yaml", "a: b\n")];
    let (s, _) = Strings::load("fr", &files);
    let problems = s.missing(&["value.yes"], &files);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("`value.yes`"));
    assert!(
        problems[0]
            .help
            .as_deref()
            .unwrap()
            .contains("i18n/fr.yaml")
    );
}
