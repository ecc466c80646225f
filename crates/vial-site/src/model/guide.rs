//! A guide as the model holds it, and its front matter checked against the
//! site: its dates read, the products it names exist, its terms have names.

use super::redirects::aliases;
use super::term::{TermUse, terms_named};
use super::{Alias, ByKey, Images, Known, Markdown, Slug, image};
use crate::load::{Entry, ImageFiles, RawGuide};
use vial_base::diagnostic::{Code, Diagnostic, Location, suggestion};
use vial_yaml::{Origin, Spanned};

#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    pub slug: Slug,
    pub title: String,
    pub summary: String,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub author: Option<String>,
    /// Terms of the taxonomies guides may carry, by taxonomy key.
    pub terms: ByKey<Box<[TermUse]>>,
    /// Related products named in the front matter.
    pub products: Vec<Slug>,
    pub draft: bool,
    pub images: Images,
    /// Old addresses that lead here (`aliases:`).
    pub aliases: Vec<Alias>,
    pub body: Markdown,
    /// The default language's text, when `body` is a translation's: links
    /// written for it keep landing on its headings (the renderer keeps
    /// their ids in the translation).
    pub original_body: Option<Markdown>,
    pub location: Location,
    /// The hash of its file (`SourceFile::hash`), to tell an unchanged
    /// file on a rebuild.
    pub source: u64,
}

pub(super) fn guide(
    known: &Known,
    files: &ImageFiles,
    entry: &Entry<RawGuide>,
) -> Result<Guide, Vec<Diagnostic>> {
    let origin = &entry.origin;
    let front = &entry.raw.front;
    let mut problems = Vec::new();
    for date in [&front.date, &front.updated].into_iter().flatten() {
        problems.extend(not_a_date(origin, date));
    }
    for product in &front.products {
        if !known.products.has_slug(&product.value) && !known.unreadable.contains(&product.value) {
            problems.push(
                origin
                    .error(
                        Code::UnknownProduct,
                        product,
                        format!("unknown product `{}`", product.value),
                    )
                    .with_help(format!(
                        "{} (products are the files in content/products/)",
                        suggestion(&product.value, known.sorted_products().into_iter())
                    )),
            );
        }
    }
    let terms = front
        .terms
        .iter()
        .map(|t| {
            let decl = known.config.taxonomy(&t.taxonomy);
            let terms = terms_named(origin, &t.terms, decl, &mut problems);
            (t.taxonomy.as_str(), terms)
        })
        .collect();
    let images = image::images(origin, &front.images, files, &mut problems);
    let (Some(title), true) = (
        &front.title,
        problems.is_empty() && entry.problems.is_empty(),
    ) else {
        return Err(problems);
    };
    let mut products: Vec<Slug> = front.products.iter().map(|p| p.value.clone()).collect();
    products.dedup();
    Ok(Guide {
        slug: entry.slug.clone(),
        title: title.value.trim().to_string(),
        summary: front.summary.trim().to_string(),
        date: front.date.as_ref().map(|d| d.value.clone()),
        updated: front.updated.as_ref().map(|d| d.value.clone()),
        author: front.author.clone(),
        terms,
        products,
        draft: front.draft,
        images,
        aliases: aliases(origin, &front.aliases),
        body: Markdown {
            text: entry.body().to_string(),
            path: origin.file.path.clone(),
            line_offset: entry.raw.body_line_offset,
            indent: 0,
        },
        original_body: None,
        location: origin.at(title),
        source: origin.file.hash,
    })
}

/// The problem of a date written in a file, if it is not a day of the
/// calendar written `YYYY-MM-DD`.
pub(super) fn not_a_date(origin: &Origin, date: &Spanned<String>) -> Option<Diagnostic> {
    let help = match ymd(&date.value) {
        Some((year, month, day)) if (1..=12).contains(&month) => {
            if (1..=days_in(year, month)).contains(&day) {
                return None;
            }
            format!(
                "{year}-{month:02} has {} days; write dates as YYYY-MM-DD, e.g. `2026-03-01`",
                days_in(year, month)
            )
        }
        _ => "write dates as YYYY-MM-DD, e.g. `2026-03-01`".to_string(),
    };
    Some(
        origin
            .error(
                Code::InvalidValue,
                date,
                format!("`{}` is not a date", date.value),
            )
            .with_help(help),
    )
}

/// A day of the calendar written `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    ymd(s).is_some_and(|(y, m, d)| (1..=12).contains(&m) && (1..=days_in(y, m)).contains(&d))
}

/// The year, month and day of `YYYY-MM-DD`, whatever their values.
fn ymd(s: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    Some((num(y, 4)?, num(m, 2)?, num(d, 2)?))
}

/// The days of month `month` (1 to 12) of `year`, in the Gregorian calendar.
fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert!(is_date("2026-03-01"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("March 1"));
        assert!(!is_date("2026-02-30"));
        assert!(!is_date("2026-02-29"));
        assert!(is_date("2028-02-29"));
        assert!(!is_date("2100-02-29"));
        assert!(is_date("2000-02-29"));
        assert!(!is_date("2026-04-31"));
        assert!(!is_date("2026-01-00"));
    }
}
