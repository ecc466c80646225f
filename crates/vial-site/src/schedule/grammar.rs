//! The words a language reads schedules with: the `grammar.schedule`
//! group of its strings file (the theme's, the site's on top), compiled
//! once, with the phrases of the site's events and measures. A language
//! whose strings have no such group reads English (the built-in theme's
//! words). Nothing here is a word of any language: every one comes from a
//! strings file or from site.yaml.

use std::sync::{Arc, OnceLock};

use super::pattern::{Numbers, Pattern};
use super::{Period, Season, Tie, Vocabulary, Word};
use crate::i18n::Strings;
use vial_base::diagnostic::{Code, Diagnostic, SourceFile};

const GROUP: &str = "grammar.schedule";

/// The start of every key of a language's schedule words: keys a site adds
/// there are words, not misspelt strings.
pub const GRAMMAR_KEYS: &str = "grammar.schedule.";

/// What a schedule may be read as, each with the patterns that read so,
/// in the order they are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Meaning {
    Once,
    AsNeeded,
    Rate,
    Every,
    EveryOther,
    Course,
    For,
    Then,
    Cycle,
    EverySeason,
    InSeasons,
}

impl Meaning {
    const ALL: [(Meaning, &'static str); 11] = [
        (Meaning::Once, "once"),
        (Meaning::AsNeeded, "as_needed"),
        (Meaning::Rate, "rate"),
        (Meaning::Every, "every"),
        (Meaning::EveryOther, "every_other"),
        (Meaning::Course, "course"),
        (Meaning::For, "for"),
        (Meaning::Then, "then"),
        (Meaning::Cycle, "cycle"),
        (Meaning::EverySeason, "every_season"),
        (Meaning::InSeasons, "in_seasons"),
    ];
}

/// A phrase of a declared event or measure, as read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Occasion {
    pub key: String,
    pub measure: bool,
    pub tie: Tie,
    pub pattern: Pattern,
    /// The phrase as declared, `{n}` as 3: an example for the help.
    pub example: String,
}

/// How one language reads schedules.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Grammar {
    pub(super) numbers: Numbers,
    pub(super) and: Vec<String>,
    pub(super) times_words: Vec<String>,
    pub(super) times: Vec<Pattern>,
    pub(super) units: Vec<(String, Period)>,
    pub(super) adverbs: Vec<(String, Period)>,
    pub(super) seasons: Vec<(String, Season)>,
    pub(super) meanings: Vec<(Meaning, Vec<Pattern>)>,
    /// Token sequences read as others (`fortnightly` as `every 2 weeks`).
    pub(super) aliases: Vec<(Vec<String>, Vec<String>)>,
    /// Phrases of declared events and measures, tried first: a site's
    /// own word wins over the calendar's (`every 100 hours` of a declared
    /// measure of hours).
    pub(super) occasions: Vec<Occasion>,
    /// Examples for the help of an unreadable schedule, in this language.
    pub(super) examples: Vec<String>,
}

/// The built-in theme's English strings: what a language without
/// `grammar.schedule` reads with.
pub fn english() -> &'static Strings {
    static ENGLISH: OnceLock<Strings> = OnceLock::new();
    ENGLISH.get_or_init(|| {
        let text = crate::default_theme::STRINGS
            .iter()
            .find(|(name, _)| *name == "en.yaml")
            .map_or("", |(_, text)| *text);
        Strings::load(
            "en",
            &[SourceFile::new("(built-in theme)/i18n/en.yaml", text)],
        )
        .0
    })
}

impl Grammar {
    /// The grammar of `strings`' language (English when it has none), with
    /// the phrases of `vocabulary`. Problems: declared words the language
    /// cannot say, reported at their line of site.yaml.
    pub fn new(strings: &Strings, vocabulary: &Vocabulary) -> (Arc<Grammar>, Vec<Diagnostic>) {
        let strings = if strings.keys_under(GROUP).is_empty() {
            english()
        } else {
            strings
        };
        let items = |key: &str| strings.items(&format!("{GROUP}.{key}"));
        let lower =
            |key: &str| -> Vec<String> { items(key).iter().map(|w| w.to_lowercase()).collect() };
        let numbers = Numbers {
            words: lower("numbers"),
            to: lower("to"),
        };
        let patterns = |key: &str| -> Vec<Pattern> {
            items(key)
                .iter()
                .map(|p| numbers.pattern(p, false))
                .collect()
        };
        let named = |group: &str, names: &[(&str, Period)]| -> Vec<(String, Period)> {
            names
                .iter()
                .flat_map(|(name, p)| {
                    lower(&format!("{group}.{name}"))
                        .into_iter()
                        .map(|w| (w, *p))
                })
                .collect()
        };
        let periods = [
            ("hour", Period::Hour),
            ("day", Period::Day),
            ("week", Period::Week),
            ("month", Period::Month),
            ("year", Period::Year),
        ];
        let seasons = [
            ("spring", Season::Spring),
            ("summer", Season::Summer),
            ("autumn", Season::Autumn),
            ("winter", Season::Winter),
        ]
        .iter()
        .flat_map(|(name, s)| {
            lower(&format!("seasons.{name}"))
                .into_iter()
                .map(|w| (w, *s))
        })
        .collect();
        let aliases = strings
            .keys_under(&format!("{GROUP}.aliases"))
            .into_iter()
            .map(|written| {
                let meant = strings.text(&format!("{GROUP}.aliases.{written}"), &[]);
                (numbers.tokens(written), numbers.tokens(&meant))
            })
            .collect();
        let (occasions, problems) = occasions(strings, &numbers, vocabulary);
        let grammar = Grammar {
            and: lower("and"),
            times_words: lower("times_words"),
            times: patterns("times"),
            units: named("units", &periods),
            adverbs: named("adverbs", &periods),
            seasons,
            meanings: Meaning::ALL
                .iter()
                .map(|(m, key)| (*m, patterns(key)))
                .collect(),
            aliases,
            occasions,
            examples: items("examples").iter().map(|e| e.to_string()).collect(),
            numbers,
        };
        (Arc::new(grammar), problems)
    }
}

/// The ties, with the key of their frame in `grammar.schedule.event`.
const TIES: [(Tie, &str); 5] = [
    (Tie::Every, ""),
    (Tie::After, "after"),
    (Tie::With, "with"),
    (Tie::Before, "before"),
    (Tie::At, "at"),
];

/// The phrases every declared event and measure is read by: its own, or
/// made from its nouns by the language's frames (when it has them).
fn occasions(
    strings: &Strings,
    numbers: &Numbers,
    vocabulary: &Vocabulary,
) -> (Vec<Occasion>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let words = (vocabulary.events.iter().map(|w| (w, false)))
        .chain(vocabulary.measures.iter().map(|w| (w, true)));
    for (word, measure) in words {
        let phrases = phrases(strings, word, measure);
        if phrases.is_empty() {
            problems.extend(cannot_say(strings, word, measure));
        }
        for (tie, _, phrase) in phrases {
            out.push(Occasion {
                key: word.key.clone(),
                measure,
                tie,
                pattern: numbers.pattern(&phrase, true),
                example: crate::i18n::fill(&phrase, &[("n", "3")]),
            });
        }
    }
    (out, problems)
}

/// A phrase of a declared word: its tie, whether it is the one for a
/// number (`every_n`) rather than for one, and its text (`{n}` left in).
pub(super) type Phrase = (Tie, bool, String);

/// Every phrase `word` is read by, the one pages show first: the declared
/// ones, or the frames of `strings` filled with its nouns.
pub(super) fn phrases(strings: &Strings, word: &Word, measure: bool) -> Vec<Phrase> {
    if let Some(declared) = &word.phrases {
        let own = [(false, &declared.every), (true, &declared.every_n)];
        return own
            .into_iter()
            .filter_map(|(many, p)| Some((Tie::Every, many, p.clone()?)))
            .collect();
    }
    let group = if measure { "measure" } else { "event" };
    let frame = |key: &str| strings.items(&format!("{GROUP}.{group}.{key}"));
    let fill =
        |frame: &str| crate::i18n::fill(frame, &[("one", &word.one), ("other", &word.other)]);
    let bases: Vec<(bool, String)> = [(false, "every"), (true, "every_n")]
        .iter()
        .flat_map(|(many, key)| frame(key).into_iter().map(move |f| (*many, fill(f))))
        .collect();
    let mut out: Vec<Phrase> = Vec::new();
    for (tie, key) in TIES {
        if measure && tie != Tie::Every {
            break;
        }
        for (many, base) in &bases {
            if tie == Tie::Every {
                out.push((tie, *many, base.clone()));
                continue;
            }
            for tied in frame(key) {
                let phrase = crate::i18n::fill(tied, &[("phrase", base)]);
                out.push((tie, *many, phrase));
            }
        }
    }
    out
}

/// A word declared with nouns only, on a language whose nouns do not fit a
/// frame: it needs whole phrases.
fn cannot_say(strings: &Strings, word: &Word, measure: bool) -> Option<Diagnostic> {
    let at = word.at.clone()?;
    let (what, example) = if measure {
        ("measure", "`phrases: {every_n: \"every {n} km\"}`")
    } else {
        (
            "event",
            "`phrases: {every: \"every watering\", every_n: \"every {n} waterings\"}`",
        )
    };
    Some(
        Diagnostic::error(
            Code::InvalidValue,
            at,
            format!(
                "the {what} `{}` has no phrases in `{}`",
                word.key,
                strings.language()
            ),
            )
            .with_help(format!(
                "its nouns (`one`, `other`) fit no frame of this language: declare the whole phrases schedules read and pages show, in its words, as {example}"
            )),
    )
}
