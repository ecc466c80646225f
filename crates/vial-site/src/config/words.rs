//! The words site.yaml declares (labels of slots, steps, taxonomies, specs
//! and their values, step descriptions, reminders, routine rules'
//! messages, the nouns and phrases of events and measures) in each of the
//! site's languages. A site in several languages may write any of them
//! as a group of forms by language code:
//!
//! ```yaml
//! steps:
//!   - key: repot
//!     label: {en: Repot, de: Umtopfen}
//! ```
//!
//! site.yaml is read once per language for its words (it is small: a
//! read takes microseconds), and only the words of that read are taken:
//! keys, paths, link names and everything else stay the default
//! language's, so every language's pages are found at the same places
//! and link the same way.

use vial_base::diagnostic::{Diagnostics, Location};
use vial_yaml::{Origin, Reader, WordLanguages};

use super::{Config, Languages};

/// Words of site.yaml written without a form in some languages.
#[derive(Debug, Clone, PartialEq)]
pub struct UntranslatedWords {
    /// The field, as in `label`.
    pub field: String,
    pub location: Location,
    /// The languages it has no form in.
    pub codes: Vec<String>,
}

/// Reads words in `reading` (the default language when `None`) from here
/// on, when the site has several languages.
pub(super) fn read_words_in(r: &mut Reader, languages: &Languages, reading: Option<&str>) {
    if languages.several() {
        r.read_words_in(WordLanguages {
            codes: languages.codes().map(str::to_string).collect(),
            reading: reading.unwrap_or(&languages.default).to_string(),
        });
    }
}

/// The words read without a form in some language.
pub(super) fn untranslated(r: &Reader, origin: &Origin) -> Vec<UntranslatedWords> {
    r.missing_forms()
        .iter()
        .map(|m| UntranslatedWords {
            field: m.field.clone(),
            location: origin.location(m.at),
            codes: m.codes.clone(),
        })
        .collect()
}

impl Config {
    /// site.yaml read again with its words in language `code`; the
    /// problems of that language's forms (an `every_n` without `{n}`)
    /// when they cannot be read.
    pub fn words_in(&self, code: &str) -> Result<Config, Diagnostics> {
        Config::parse_in(&self.root, self.source.clone(), Some(code))
    }

    /// Takes the words of `words`, the same site.yaml read in another
    /// language; nothing else changes.
    pub(super) fn adopt_words(&mut self, words: Config) {
        let usage = words.usage;
        for (slot, theirs) in self.usage.slots.iter_mut().zip(usage.slots) {
            slot.label = theirs.label;
        }
        for (step, theirs) in self.usage.steps.iter_mut().zip(usage.steps) {
            step.label = theirs.label;
            step.description = theirs.description;
        }
        for (reminder, theirs) in self.usage.reminders.iter_mut().zip(usage.reminders) {
            reminder.message = theirs.message;
        }
        // Events and measures are words through and through (their keys
        // are the same in every read).
        self.usage.vocabulary = usage.vocabulary;
        for (taxonomy, theirs) in self.taxonomies.iter_mut().zip(words.taxonomies) {
            taxonomy.label = theirs.label;
            if theirs.plural_written {
                taxonomy.plural = theirs.plural;
            }
            if let (Some(strength), Some(theirs)) = (&mut taxonomy.strength, theirs.strength) {
                strength.label = theirs.label;
            }
        }
        for (spec, theirs) in self.specs.iter_mut().zip(words.specs) {
            spec.label = theirs.label;
            // Its kind is the same in every read but for its values'
            // labels.
            spec.kind = theirs.kind;
        }
        // A menu's entries are the same in every read but for their labels.
        self.menus = words.menus;
        for (rule, theirs) in self.routine.rules.iter_mut().zip(words.routine.rules) {
            rule.message = theirs.message;
        }
        self.links.disclosure = words.links.disclosure;
    }
}
