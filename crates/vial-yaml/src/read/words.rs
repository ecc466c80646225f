//! Words a document may write in several languages: a label is text
//! (`label: Repot`), or, on a site published in more than one language, a
//! group of its forms by language code (`label: {en: Repot, de:
//! Umtopfen}`). A document is read for one language at a time: a field
//! gives that language's form, or the default language's where it has
//! none, and the forms left out are remembered so that they can be
//! reported together.

use super::{Field, Reader, Spanned, Subject};
use crate::tree::{Pos, Value};
use vial_base::diagnostic::Code;

/// The languages words may be written in, and the one being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordLanguages {
    /// Every code, the default language's first.
    pub codes: Vec<String>,
    /// The language whose forms are read.
    pub reading: String,
}

impl WordLanguages {
    fn default_code(&self) -> &str {
        &self.codes[0]
    }
}

/// Words written in the default language only, or with some languages
/// left out: where, and which languages have no form of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingForms {
    pub field: String,
    pub at: Pos,
    pub codes: Vec<String>,
}

impl<'a> Reader<'a> {
    /// Reads words from now on for `languages.reading`, accepting a form
    /// for each of `languages.codes`.
    pub fn read_words_in(&mut self, languages: WordLanguages) {
        self.words = Some(languages);
    }

    /// Remembers words made from a key at `at` (`top-dress` shown as
    /// "Top-dress"): they are the default language's, with no other form.
    pub fn note_words_from_key(&mut self, field: &str, at: Pos) {
        if let Some(languages) = &self.words {
            self.missing_forms.push(MissingForms {
                field: field.to_string(),
                at,
                codes: languages.codes[1..].to_vec(),
            });
        }
    }

    /// The words read so far that leave out some language's form.
    pub fn missing_forms(&self) -> &[MissingForms] {
        &self.missing_forms
    }
}

impl<'a> Field<'a> {
    /// Words: text, or on a site in several languages, a group of forms by
    /// language code, of which the language being read is given (the
    /// default language's when it has none). A code that is not one of the
    /// site's languages, or a group without the default language's form,
    /// is reported.
    pub fn words(&self, r: &mut Reader) -> Option<Spanned<String>> {
        let languages = match (&self.node.value, &r.words) {
            (Value::Map(_), Some(languages)) => languages.clone(),
            _ => {
                let text = self.text(r);
                if text.is_some() {
                    self.note_missing(r, &[]);
                }
                return text;
            }
        };
        let Value::Map(entries) = &self.node.value else {
            return None;
        };
        let name = self.subject.name().to_string();
        let mut forms = Vec::new();
        for entry in entries {
            let code = entry.key.name.to_string();
            if !languages.codes.contains(&code) {
                r.error(
                    Code::InvalidValue,
                    entry.key.at,
                    format!("`{code}` is not one of the site's languages"),
                    format!(
                        "write `{name}` in the languages the site declares ({}), or declare `{code}` under `languages:`",
                        languages.codes.join(", ")
                    ),
                );
                continue;
            }
            let form = Field {
                subject: Subject::Field(format!("{name}: {code}").into()),
                key_at: Some(entry.key.at),
                node: &entry.value,
            };
            if let Some(text) = form.text(r) {
                forms.push((code, text));
            }
        }
        let default = languages.default_code();
        let Some(fallback) = forms.iter().find(|(c, _)| c == default) else {
            r.error(
                Code::MissingField,
                self.at(),
                format!("`{name}` has no form in the default language (`{default}`)"),
                format!("write it in the default language too, as `{default}: …`: it is shown wherever another language has none"),
            );
            return None;
        };
        let written: Vec<&str> = forms.iter().map(|(c, _)| c.as_str()).collect();
        self.note_missing(r, &written);
        let chosen = forms
            .iter()
            .find(|(c, _)| *c == languages.reading)
            .unwrap_or(fallback);
        Some(chosen.1.clone())
    }

    /// Remembers the languages besides the default one that `written`
    /// leaves out.
    fn note_missing(&self, r: &mut Reader, written: &[&str]) {
        let Some(languages) = &r.words else { return };
        let codes: Vec<String> = languages.codes[1..]
            .iter()
            .filter(|c| !written.contains(&c.as_str()))
            .cloned()
            .collect();
        if !codes.is_empty() {
            r.missing_forms.push(MissingForms {
                field: self.subject.name().to_string(),
                at: self.at(),
                codes,
            });
        }
    }
}

impl<'a> super::Fields<'a> {
    /// Optional words (see `Field::words`).
    pub fn words(
        &mut self,
        r: &mut Reader<'a>,
        name: impl Into<super::Name>,
    ) -> Option<Spanned<String>> {
        self.get(name)?.words(r)
    }
}
