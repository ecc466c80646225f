//! Terms of a taxonomy as the model holds them: a name shown to readers and
//! the slug of its page, and the checks every file that names terms shares
//! (each slug once, two names for one page refused, a slug that fits a file
//! name). Its own place because products and guides both name terms, and
//! the taxonomies gather them.

use std::collections::BTreeMap;

use compact_str::CompactString;

use crate::config::{Config, SLUG_LENGTH, TaxonomyDecl};
use crate::load::{RawTerm, RawTerms};
use vial_base::diagnostic::{Code, Diagnostic};
use vial_base::text::{capitalize, format_number, slugify};
use vial_yaml::{Origin, Spanned};

/// A name shown to readers and the slug its taxonomy page lives at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Term {
    pub name: CompactString,
    pub slug: CompactString,
}

impl Term {
    /// A term as written. A name written as a slug (`fine-lines`) reads as
    /// words (`Fine lines`), and a name written all in small letters starts
    /// with a capital (`spider mites` as `Spider mites`, like `aphids` as
    /// `Aphids`): one list never mixes the two. A name with a capital
    /// anywhere (`MTB`, `pH`) is kept as written. Inner runs of spaces
    /// collapse.
    pub fn new(name: &str) -> Self {
        let written = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let slug = slugify(name);
        let name = if written == slug {
            title_from_slug(&slug)
        } else if written.chars().any(char::is_uppercase) {
            written
        } else {
            capitalize(&written)
        };
        Term {
            name: name.into(),
            slug: slug.into(),
        }
    }
}

/// Whether two names that make one slug are one name written two ways:
/// the same but for letter case, spaces, `-` and `_` (`Fine lines`,
/// `fine-lines`). Others (`Crème` and `Creme`, `C++` and `C`) would put
/// two things on one page under one of their names.
pub fn same_name(a: &str, b: &str) -> bool {
    fn folded(name: &str) -> impl Iterator<Item = char> + '_ {
        name.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|word| !word.is_empty())
            .flat_map(|word| std::iter::once(' ').chain(word.chars().flat_map(char::to_lowercase)))
    }
    folded(a).eq(folded(b))
}

/// A term on a product, with the number it carries there (a strength).
#[derive(Debug, Clone, PartialEq)]
pub struct TermUse {
    pub term: Term,
    pub strength: Option<f64>,
    /// Line and column of the product's file that name it.
    pub at: (u32, u32),
}

/// `dry-skin` becomes `Dry skin`, for terms named only by slug.
fn title_from_slug(slug: &str) -> String {
    capitalize(&slug.replace('-', " "))
}

/// A taxonomy's terms as written, each slug once; strengths checked.
pub(super) fn term_uses(
    config: &Config,
    origin: &Origin,
    raw: &RawTerms,
    problems: &mut Vec<Diagnostic>,
) -> Box<[TermUse]> {
    let decl = config.taxonomy(&raw.taxonomy);
    let mut out = Vec::new();
    for (term, written) in named(origin, &raw.terms, decl, problems) {
        if let Some(strength) = &written.strength
            && strength.value < 0.0
        {
            let label = decl
                .and_then(|d| d.strength.as_ref())
                .map_or("strength", |s| s.label.as_str());
            problems.push(
                origin
                    .error(
                        Code::InvalidValue,
                        strength,
                        format!("{label} {} is below zero", format_number(strength.value)),
                    )
                    .with_help("write a number of zero or more"),
            );
            continue;
        }
        out.push(TermUse {
            term,
            strength: written.strength.as_ref().map(|s| s.value),
            at: line_and_column(origin, &written.name),
        });
    }
    out.into_boxed_slice()
}

/// The terms of a guide's taxonomy, as written, each slug once, with
/// where each is written (a guide's terms carry no strength).
pub(super) fn terms_named(
    origin: &Origin,
    written: &[RawTerm],
    decl: Option<&TaxonomyDecl>,
    problems: &mut Vec<Diagnostic>,
) -> Box<[TermUse]> {
    named(origin, written, decl, problems)
        .into_iter()
        .map(|(term, one)| TermUse {
            term,
            strength: None,
            at: line_and_column(origin, &one.name),
        })
        .collect()
}

/// Where `name` is written in its file; the line and column alone: a
/// `Location` per use would copy the file's path each time.
fn line_and_column(origin: &Origin, name: &Spanned<String>) -> (u32, u32) {
    let at = name.at;
    ((at.line + origin.line_offset) as u32, at.column as u32)
}

/// Each term written, with its slug checked (`term_slug`), and each slug
/// once: the same name written twice is one term, two names that make one
/// slug are a problem.
fn named<'r>(
    origin: &Origin,
    written: &'r [RawTerm],
    decl: Option<&TaxonomyDecl>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(Term, &'r RawTerm)> {
    let mut seen: BTreeMap<CompactString, &str> = BTreeMap::new();
    let mut out = Vec::new();
    for one in written {
        let term = Term::new(&one.name.value);
        if let Err(problem) = term_slug(origin, &one.name, &term.slug) {
            problems.push(problem);
            continue;
        }
        match seen.get(&term.slug) {
            None => {
                seen.insert(term.slug.clone(), &one.name.value);
                out.push((term, one));
            }
            Some(first) if !same_name(first, &one.name.value) => {
                let path = decl.map_or(String::new(), |d| format!("{}/", d.path));
                problems.push(one_slug(
                    origin,
                    &one.name,
                    first,
                    &format!("{path}{}", term.slug),
                ));
            }
            Some(_) => {}
        }
    }
    out
}

/// A term's slug is a folder's name: it must have a letter or a digit,
/// and fit in a file name.
fn term_slug(origin: &Origin, name: &Spanned<String>, slug: &str) -> Result<(), Diagnostic> {
    if slug.is_empty() {
        return Err(origin
            .error(Code::MissingField, name, "this term has no name")
            .with_help("write a name with at least one letter or digit"));
    }
    if slug.len() > SLUG_LENGTH {
        return Err(origin
            .error(
                Code::TooLarge,
                name,
                format!(
                    "this name makes an address of {} characters; vial allows {SLUG_LENGTH}",
                    slug.len()
                ),
            )
            .with_help(
                "write a shorter name; a description file of the term can give it a longer one to show (`name:`)",
            ));
    }
    Ok(())
}

/// Two names, written in one file, that make one page's address.
fn one_slug(origin: &Origin, name: &Spanned<String>, first: &str, address: &str) -> Diagnostic {
    origin
        .error(
            Code::DuplicateSlug,
            name,
            format!(
                "`{}` and `{first}` are two names for one page, `{address}/`",
                name.value
            ),
        )
        .with_help("write the term the same way everywhere; or, if they are two things, name them apart by a letter or a digit")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_name_written_two_ways_is_one_name() {
        assert!(same_name("Fine lines", "fine-lines"));
        assert!(same_name(" Hyaluronic  Acid", "hyaluronic_acid"));
        assert!(same_name("ÖLIGE HAUT", "ölige haut"));
        assert!(!same_name("Crème", "Creme"));
        assert!(!same_name("C++", "C"));
    }

    #[test]
    fn terms_written_as_slugs_read_as_words() {
        assert_eq!(Term::new("fine-lines").name, "Fine lines");
        assert_eq!(Term::new("Fungus  gnats").name, "Fungus gnats");
        assert_eq!(Term::new("Fungus  gnats").slug, "fungus-gnats");
    }

    #[test]
    fn small_letters_start_with_a_capital_and_capitals_are_kept() {
        assert_eq!(Term::new("spider mites").name, "Spider mites");
        assert_eq!(Term::new("aphids").name, "Aphids");
        assert_eq!(Term::new("MTB").name, "MTB");
        assert_eq!(Term::new("pH balance").name, "pH balance");
        assert_eq!(Term::new("ölige haut").name, "Ölige haut");
    }
}
