//! The translation status of a site in several languages, as warnings:
//! per other language, one summary of what has no translation file
//! (`untranslated`), one warning per translation that leaves out a text of
//! its original (`partial-translation`), and one per translated field whose
//! original changed since the translation was last saved
//! (`outdated-translation`).
//!
//! The last needs a memory: `.vial/sources/translations` keeps, for each
//! translation file, the hash of its text and of each original text it
//! translates as they were when the file was last seen to change (first
//! seen counts as changed). `vial check` and `vial build` both keep it up
//! to date: an edit checked but never built must still count as the
//! moment the translation was written. A checkout without the record (a
//! CI run) has nothing outdated. A site in one language reads and writes
//! nothing.

use std::collections::BTreeMap;
use std::path::Path;

use vial_base::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use vial_output::Place;
use vial_site::config::{Config, LanguageDecl, Untranslated};
use vial_site::load::Sources;
use vial_site::model::{Coverage, Print, Site, Status};

/// The record's file in `.vial/sources/`, and its kind.
const RECORD: &str = "translations";

/// Missing files a summary names, at most.
const EXAMPLES: usize = 3;

/// What the record says of one translation file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Written {
    /// The hash of its text when last seen to change.
    text: u64,
    /// The hash of each original text it translated then, by field.
    fields: BTreeMap<String, u64>,
}

type Record = BTreeMap<String, Written>;

/// Every translation warning of the site; keeps the record up to date.
/// Nothing for a site in one language.
pub fn report(config: &Config, sources: &Sources, site: &Site) -> Diagnostics {
    let mut out = Diagnostics::default();
    if !config.languages.several() {
        return out;
    }
    let none = Default::default();
    let mut prints = Vec::new();
    for decl in &config.languages.others {
        let words = sources.translations.get(&decl.code).unwrap_or(&none);
        let status = Status::of(site, sources, &decl.code, words);
        out.extend(untranslated(config, decl, &status.coverage));
        out.extend(status.prints.iter().filter_map(partial));
        prints.extend(status.prints);
    }
    let place = Place::sources(&config.root);
    // A record that does not open (damaged, of another version) is as
    // none: nothing is outdated, and it is written anew.
    let stored = place.read(RECORD, RECORD).ok().flatten();
    let stored = stored.as_deref().map(parse).unwrap_or_default();
    let (record, outdated) = compare(&stored, &prints);
    out.extend(outdated);
    if record != stored
        && let Err(e) = place.write(RECORD, RECORD, &format(&record))
    {
        out.push(unkept(&place, &e));
    }
    out
}

/// The one summary of what has no translation into `decl`'s language.
fn untranslated(config: &Config, decl: &LanguageDecl, coverage: &[Coverage]) -> Option<Diagnostic> {
    let lacking: Vec<&Coverage> = coverage.iter().filter(|c| !c.missing.is_empty()).collect();
    let counts: Vec<String> = lacking
        .iter()
        .map(|c| {
            let n = c.missing.len();
            format!("{n} of {} {}", c.total, c.part.noun(c.total))
        })
        .collect();
    let verb = match lacking.as_slice() {
        [one] if one.missing.len() == 1 => "has",
        [] => return None,
        _ => "have",
    };
    let examples: Vec<String> = lacking
        .iter()
        .flat_map(|c| c.missing.first())
        .chain(lacking.iter().flat_map(|c| c.missing.iter().skip(1)))
        .take(EXAMPLES)
        .map(|p| format!("`{}`", shown(p)))
        .collect();
    let code = &decl.code;
    let until = match config.languages.untranslated {
        Untranslated::Fallback => format!("the `{code}` pages show the original's words"),
        Untranslated::Omit => format!("they are left out of the `{code}` pages"),
    };
    Some(
        config
            .source
            .error(
                Code::Untranslated,
                decl.location.clone(),
                format!("{code}: {} {verb} no translation", and_list(&counts)),
            )
        .into_warning()
        .with_help(format!(
            "missing, among others: {}. A translation sits beside its original, named after it with `.{code}` before the extension, and holds only its words; until then, {until}",
            and_list(&examples)
        )),
    )
}

/// The warning of a translation that leaves out texts its original has.
fn partial(print: &Print) -> Option<Diagnostic> {
    if print.left_out.is_empty() {
        return None;
    }
    let fields: Vec<String> = print.left_out.iter().map(|f| field_name(f)).collect();
    let them = if fields.len() == 1 { "it" } else { "them" };
    Some(
        Diagnostic::error(
            Code::PartialTranslation,
            Location::file(&print.file.path),
            format!(
                "this translation leaves out {} of {}",
                and_list(&fields),
                file_name(&print.original)
            ),
        )
        .into_warning()
        .with_help(format!(
            "translate {them} here; until then its pages show the original's words"
        )),
    )
}

/// The record brought up to date with `prints`, and a warning for each
/// translated field whose original changed since its translation was last
/// saved.
fn compare(stored: &Record, prints: &[Print]) -> (Record, Vec<Diagnostic>) {
    let mut record = Record::new();
    let mut outdated = Vec::new();
    for print in prints {
        let Some(path) = print.file.path.to_str().filter(|p| !p.contains('\n')) else {
            continue;
        };
        let kept = stored.get(path);
        let Some(fields) = &print.fields else {
            // Its original is not on the site this build: it stands.
            if let Some(kept) = kept {
                record.insert(path.to_string(), kept.clone());
            }
            continue;
        };
        let now = || fields.iter().map(|f| (f.field.to_string(), f.original));
        let written = match kept {
            // Unchanged since last seen: judged against the originals then.
            Some(kept) if kept.text == print.text => {
                for f in fields {
                    if kept.fields.get(f.field).is_some_and(|&h| h != f.original) {
                        outdated.push(older(print, f.field, &f.at));
                    }
                }
                let mut kept = kept.clone();
                for (field, hash) in now() {
                    kept.fields.entry(field).or_insert(hash);
                }
                kept
            }
            // New or changed: written against the originals as they are.
            _ => Written {
                text: print.text,
                fields: now().collect(),
            },
        };
        record.insert(path.to_string(), written);
    }
    (record, outdated)
}

/// The warning of a field translated from an older text of its original.
fn older(print: &Print, field: &str, at: &Location) -> Diagnostic {
    let original = file_name(&print.original);
    print
        .file
        .error(
            Code::OutdatedTranslation,
            at.clone(),
            format!(
                "{} was translated from an older text of {original}",
                field_name(field)
            ),
        )
        .into_warning()
        .with_help(format!(
            "{original} changed since this file was last saved: update the translation, then save the file (if it still holds, change anything in it; a comment will do). The warning goes once the translation is newer than its original"
        ))
}

/// A record that could not be written: the next build cannot tell what is
/// outdated.
fn unkept(place: &Place, e: &std::io::Error) -> Diagnostic {
    let help = "vial tells an outdated translation from this record";
    crate::unkept_record(place, RECORD, "when each translation was saved", help, e)
}

/// The record's lines: each file as `<text hash> <path>`, then each field
/// it translates as `  <field> <hash>`.
fn format(record: &Record) -> Vec<u8> {
    let mut out = String::new();
    for (path, written) in record {
        out.push_str(&format!("{:016x} {path}\n", written.text));
        for (field, hash) in &written.fields {
            out.push_str(&format!("  {field} {hash:016x}\n"));
        }
    }
    out.into_bytes()
}

/// The record `format` wrote; a line it cannot have written makes it none.
fn parse(body: &str) -> Record {
    let mut record = Record::new();
    let mut last: Option<&str> = None;
    for line in body.lines() {
        let read = match line.strip_prefix("  ") {
            Some(field) => field_line(&mut record, last, field),
            None => line.split_once(' ').and_then(|(text, path)| {
                let text = u64::from_str_radix(text, 16).ok()?;
                let fields = BTreeMap::new();
                record.insert(path.to_string(), Written { text, fields });
                last = Some(path);
                Some(())
            }),
        };
        if read.is_none() {
            return Record::new();
        }
    }
    record
}

/// A field's line, `<field> <hash>`, of the file `last` names.
fn field_line(record: &mut Record, last: Option<&str>, line: &str) -> Option<()> {
    let written = record.get_mut(last?)?;
    let (name, hash) = line.split_once(' ')?;
    let hash = u64::from_str_radix(hash, 16).ok()?;
    written.fields.insert(name.to_string(), hash);
    Some(())
}

fn field_name(field: &str) -> String {
    match field {
        "body" => "the text below the front matter".to_string(),
        "image" => "the `image`'s alt text".to_string(),
        "images" => "the alt texts of `images`".to_string(),
        _ => format!("`{field}`"),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_reads_back_what_it_wrote_and_nothing_else() {
        let mut record = Record::new();
        record.insert(
            "content/products/a b.de.yaml".into(),
            Written {
                text: 7,
                fields: [
                    ("name".to_string(), 1),
                    ("usage.cautions".to_string(), u64::MAX),
                ]
                .into_iter()
                .collect(),
            },
        );
        record.insert(
            "content/guides/c.de.md".into(),
            Written {
                text: 0,
                fields: BTreeMap::new(),
            },
        );
        let body = String::from_utf8(format(&record)).unwrap();
        assert_eq!(parse(&body), record);
        for broken in [
            "  name 1\n",
            "zz a\n",
            "0000000000000001 a\n  name\n",
            "x\n",
        ] {
            assert_eq!(parse(broken), Record::new(), "{broken:?}");
        }
    }

    #[test]
    fn lists_read_as_sentences() {
        let items = |n: usize| -> Vec<String> {
            ["a", "b", "c"][..n].iter().map(|s| s.to_string()).collect()
        };
        assert_eq!(and_list(&items(1)), "a");
        assert_eq!(and_list(&items(2)), "a and b");
        assert_eq!(and_list(&items(3)), "a, b and c");
    }
}
