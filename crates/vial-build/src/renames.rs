//! Renames noticed between builds. When a content file that made a page
//! is gone and a new file of the same kind holds the same text (a file
//! renamed), or is the same file on disk (moved, then edited), the page's
//! old address keeps working: the build writes a redirect from it, and
//! says how to keep that redirect for good (`aliases:`).
//!
//! It needs a memory of the last run: `.vial/sources/addresses` keeps each
//! content file that made a page (its kind, address, text hash and
//! identity on disk) and each rename noticed and not yet declared. `vial check` and `vial
//! build` both keep it up to date, so a rename checked but never built is
//! still noticed. A checkout without the record (a CI run) notices
//! nothing, which is why the warning asks for an alias.

use std::collections::BTreeMap;
use std::path::Path;

use vial_base::diagnostic::{Code, Diagnostic, Diagnostics, SourceFile};
use vial_output::Place;
use vial_site::config::Config;
use vial_site::link::Target;
use vial_site::load::Sources;
use vial_site::model::{Redirect, Site};
use xxhash_rust::xxh3::xxh3_64;

/// The record's file in `.vial/sources/`, and its kind.
const RECORD: &str = "addresses";

/// A page's address that moved with its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The old address, below the site's base path (`products/old/`).
    pub from: String,
    /// What the file makes now.
    pub to: Target,
    /// The warning that says so, at the file.
    notice: Diagnostic,
}

impl Moved {
    /// The redirect the build writes for it.
    pub fn into_redirect(self) -> Redirect {
        Redirect {
            from: self.from,
            to: self.to,
            declared_at: None,
        }
    }
}

/// One content file that makes a page, as a run saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sighting {
    /// `product`, `guide`... or a taxonomy's key (`Target::kind`).
    kind: String,
    address: String,
    /// The hash of its text.
    text: u64,
    /// Its identity on disk (`SourceFile::identity`).
    identity: u64,
}

/// What the record holds.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Record {
    /// Each content file that made a page, by its path.
    seen: BTreeMap<String, Sighting>,
    /// Each rename not yet declared: the old address, and the file that
    /// now holds the page.
    moved: BTreeMap<String, String>,
}

/// What this run noticed, until `settle` knows which redirects stand.
pub struct Renames {
    place: Place,
    stored: Record,
    record: Record,
    moved: Vec<Moved>,
}

impl Renames {
    /// Compares the content files of `sources` with the record. Reads
    /// nothing for a run with no record (its first, or a CI checkout).
    pub fn notice(config: &Config, sources: &Sources) -> Renames {
        let place = Place::sources(&config.root);
        // A record that does not open (damaged, of another version) is as
        // none: nothing was renamed, and it is written anew.
        let stored = place.read(RECORD, RECORD).ok().flatten();
        let stored = stored.as_deref().map(parse).unwrap_or_default();
        let files = sightings(config, sources);
        let seen: BTreeMap<String, Sighting> = files
            .iter()
            .map(|(path, (_, _, sighting))| (path.clone(), sighting.clone()))
            .collect();
        let mut record = Record {
            seen,
            moved: BTreeMap::new(),
        };
        let mut moved = Vec::new();
        for (from, path) in follow(&stored, &record.seen) {
            let Some((target, file, sighting)) = files.get(&path) else {
                continue;
            };
            // Renamed back: the address is live again.
            if sighting.address == from {
                continue;
            }
            moved.push(Moved {
                notice: notice(file, &from, &sighting.address),
                from: from.clone(),
                to: target.clone(),
            });
            record.moved.insert(from, path);
        }
        Renames {
            place,
            stored,
            record,
            moved,
        }
    }

    /// The redirects of the renames that stand (`stands`: those whose page
    /// the site publishes, and whose old address is no live page and was
    /// not declared an alias), the warnings of those not yet declared, and
    /// the record to keep once the run went well.
    pub fn settle(mut self, stands: impl Fn(&Moved) -> bool) -> (Vec<Moved>, Diagnostics, Keeping) {
        self.moved.retain(stands);
        self.record
            .moved
            .retain(|from, _| self.moved.iter().any(|m| m.from == *from));
        let warnings = Diagnostics(self.moved.iter().map(|m| m.notice.clone()).collect());
        let keeping = Keeping {
            place: Some(self.place),
            record: (self.record != self.stored).then_some(self.record),
        };
        (self.moved, warnings, keeping)
    }
}

/// The record of a run, to write once the run went well: a build that
/// fails (or never opens its output) leaves the site folder as it was.
#[derive(Debug, Default)]
pub struct Keeping {
    place: Option<Place>,
    /// `None` when the record is already what it should be.
    record: Option<Record>,
}

impl Keeping {
    /// Writes the record; a warning if it cannot be kept.
    pub fn keep(self) -> Option<Diagnostic> {
        let (place, record) = (self.place?, self.record?);
        let e = place.write(RECORD, RECORD, &format(&record)).err()?;
        Some(unkept(&place, &e))
    }
}

/// Whether a product, category, guide, free page or term is in one site
/// and not the other: the only change that can be a rename.
pub fn pages_came_or_went(old: &Site, new: &Site) -> bool {
    fn terms(site: &Site) -> impl Iterator<Item = (&String, &String)> {
        let by_key = site.taxonomies.by_key.iter();
        by_key.flat_map(|(k, t)| t.keys().map(move |s| (k, s)))
    }
    old.products.len() != new.products.len()
        || old
            .products
            .keys()
            .any(|slug| !new.products.contains_key(slug))
        || !old.categories.keys().eq(new.categories.keys())
        || !old.guides.keys().eq(new.guides.keys())
        || !old.pages.keys().eq(new.pages.keys())
        || !terms(old).eq(terms(new))
}

/// Each content file that makes a page: its target, the file, and what
/// the record keeps of it.
fn sightings<'s>(
    config: &Config,
    sources: &'s Sources,
) -> BTreeMap<String, (Target, &'s SourceFile, Sighting)> {
    let mut out = BTreeMap::new();
    let mut add = |target: Target, file: &'s SourceFile| {
        let sighting = Sighting {
            kind: target.kind().to_string(),
            address: target.path(config),
            text: xxh3_64(file.text.as_bytes()),
            identity: file.identity,
        };
        out.insert(shown(&file.path), (target, file, sighting));
    };
    for e in sources.products.entries() {
        add(Target::Product(e.slug.clone()), &e.origin.file);
    }
    for e in sources.categories.entries() {
        add(Target::Category(e.slug.clone()), &e.origin.file);
    }
    for e in sources.guides.entries() {
        add(Target::Guide(e.slug.clone()), &e.origin.file);
    }
    for e in sources.pages.entries() {
        add(Target::Page(e.slug.clone()), &e.origin.file);
    }
    for (key, folder) in &sources.terms {
        for e in folder.entries() {
            add(Target::Term(key.clone(), e.slug.clone()), &e.origin.file);
        }
    }
    out
}

/// The renames that stand after this run: those of the record whose file
/// is still there (or was renamed again), and each file gone since the
/// record that one new file of its kind takes over.
fn follow(stored: &Record, seen: &BTreeMap<String, Sighting>) -> BTreeMap<String, String> {
    let successors: BTreeMap<&str, &str> = stored
        .seen
        .iter()
        .filter(|(path, _)| !seen.contains_key(*path))
        .filter_map(|(path, old)| Some((path.as_str(), successor(old, stored, seen)?)))
        .collect();
    let mut moved: BTreeMap<String, String> = BTreeMap::new();
    for (from, path) in &stored.moved {
        let now = successors.get(path.as_str()).copied().unwrap_or(path);
        if seen.contains_key(now) {
            moved.insert(from.clone(), now.to_string());
        }
    }
    for (path, now) in successors {
        moved.insert(stored.seen[path].address.clone(), now.to_string());
    }
    moved
}

/// The one file new since the record that holds `old`'s text, or else is
/// `old`'s file on disk; none when several could be.
fn successor<'a>(
    old: &Sighting,
    stored: &Record,
    seen: &'a BTreeMap<String, Sighting>,
) -> Option<&'a str> {
    let new = || {
        seen.iter()
            .filter(|(path, s)| !stored.seen.contains_key(*path) && s.kind == old.kind)
    };
    let one = |mut found: Vec<&'a str>| (found.len() == 1).then(|| found.remove(0));
    one(new()
        .filter(|(_, s)| s.text == old.text)
        .map(|(p, _)| p.as_str())
        .collect())
    .or_else(|| {
        let same_file = new().filter(|(_, s)| old.identity != 0 && s.identity == old.identity);
        one(same_file.map(|(p, _)| p.as_str()).collect())
    })
}

/// The warning of a rename: the redirect is written, but only while the
/// record remembers it.
fn notice(file: &SourceFile, from: &str, to: &str) -> Diagnostic {
    file.error(
        Code::RenamedPage,
        file.location(1, 1),
        format!("`{from}` is now `{to}`: this file was renamed, so vial writes a redirect from the old address"),
    )
    .into_warning()
    .with_help(format!(
        "add `aliases: [/{from}]` to this file to keep the redirect: vial remembers the rename only in this folder's `.vial/`, so a build elsewhere (a fresh checkout, CI) would not write it"
    ))
}

/// A record that could not be written: the next build may not notice a
/// rename.
fn unkept(place: &Place, e: &std::io::Error) -> Diagnostic {
    let help = "vial notices a renamed file from this record";
    crate::unkept_record(place, RECORD, "the site's addresses", help, e)
}

/// The record's lines: `seen <text hash> <identity> <kind> <address> <path>`
/// per content file, `moved <old address> <path>` per rename.
fn format(record: &Record) -> Vec<u8> {
    let mut out = String::new();
    for (path, s) in &record.seen {
        out.push_str(&format!(
            "seen {:016x} {:016x} {} {} {path}\n",
            s.text, s.identity, s.kind, s.address
        ));
    }
    for (from, path) in &record.moved {
        out.push_str(&format!("moved {from} {path}\n"));
    }
    out.into_bytes()
}

/// The record `format` wrote; a line it cannot have written makes it none.
fn parse(body: &str) -> Record {
    let mut record = Record::default();
    for line in body.lines() {
        if read_line(&mut record, line).is_none() {
            return Record::default();
        }
    }
    record
}

fn read_line(record: &mut Record, line: &str) -> Option<()> {
    if let Some(rest) = line.strip_prefix("seen ") {
        let mut parts = rest.splitn(5, ' ');
        let text = u64::from_str_radix(parts.next()?, 16).ok()?;
        let identity = u64::from_str_radix(parts.next()?, 16).ok()?;
        let kind = parts.next()?.to_string();
        let address = parts.next()?.to_string();
        let path = parts.next()?.to_string();
        let sighting = Sighting {
            kind,
            address,
            text,
            identity,
        };
        record.seen.insert(path, sighting);
    } else {
        let (from, path) = line.strip_prefix("moved ")?.split_once(' ')?;
        record.moved.insert(from.to_string(), path.to_string());
    }
    Some(())
}

fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sighting(kind: &str, address: &str, text: u64, identity: u64) -> Sighting {
        Sighting {
            kind: kind.into(),
            address: address.into(),
            text,
            identity,
        }
    }

    #[test]
    fn the_record_reads_back_what_it_wrote_and_nothing_else() {
        let mut record = Record::default();
        record.seen.insert(
            "content/products/a b.yaml".into(),
            sighting("product", "products/a-b/", 7, 42),
        );
        record
            .moved
            .insert("products/old/".into(), "content/products/a b.yaml".into());
        let body = String::from_utf8(format(&record)).unwrap();
        assert_eq!(parse(&body), record);
        assert_eq!(
            parse("seen zz 1 product products/x/ x.yaml"),
            Record::default()
        );
        assert_eq!(parse("renamed a b"), Record::default());
    }

    #[test]
    fn a_file_gone_is_followed_by_the_one_new_file_with_its_text_or_identity() {
        let mut stored = Record::default();
        stored.seen.insert(
            "p/old.yaml".into(),
            sighting("product", "products/old/", 1, 10),
        );
        stored.seen.insert(
            "p/kept.yaml".into(),
            sighting("product", "products/kept/", 2, 11),
        );
        stored.seen.insert(
            "g/moved.md".into(),
            sighting("guide", "guides/moved/", 3, 12),
        );
        let mut seen = BTreeMap::new();
        seen.insert(
            "p/kept.yaml".into(),
            sighting("product", "products/kept/", 2, 11),
        );
        // Same text, new name.
        seen.insert(
            "p/new.yaml".into(),
            sighting("product", "products/new/", 1, 99),
        );
        // Moved and edited: same file on disk, new text.
        seen.insert(
            "g/there.md".into(),
            sighting("guide", "guides/there/", 4, 12),
        );
        let moved = follow(&stored, &seen);
        assert_eq!(
            moved.get("products/old/").map(String::as_str),
            Some("p/new.yaml")
        );
        assert_eq!(
            moved.get("guides/moved/").map(String::as_str),
            Some("g/there.md")
        );
        assert_eq!(moved.len(), 2);
    }

    #[test]
    fn no_rename_is_guessed_between_kinds_or_among_look_alikes() {
        let mut stored = Record::default();
        stored.seen.insert(
            "p/old.yaml".into(),
            sighting("product", "products/old/", 1, 0),
        );
        let mut seen = BTreeMap::new();
        seen.insert("g/old.md".into(), sighting("guide", "guides/old/", 1, 0));
        assert!(follow(&stored, &seen).is_empty());
        seen.insert("p/a.yaml".into(), sighting("product", "products/a/", 1, 0));
        seen.insert("p/b.yaml".into(), sighting("product", "products/b/", 1, 0));
        assert!(
            follow(&stored, &seen).is_empty(),
            "two files hold the same text"
        );
    }

    #[test]
    fn a_rename_remembered_follows_its_file_and_ends_with_it() {
        let mut stored = Record::default();
        stored
            .seen
            .insert("p/b.yaml".into(), sighting("product", "products/b/", 1, 5));
        stored.moved.insert("products/a/".into(), "p/b.yaml".into());
        stored
            .moved
            .insert("products/gone/".into(), "p/deleted.yaml".into());
        let mut seen = BTreeMap::new();
        seen.insert("p/c.yaml".into(), sighting("product", "products/c/", 1, 5));
        let moved = follow(&stored, &seen);
        assert_eq!(
            moved.get("products/a/").map(String::as_str),
            Some("p/c.yaml")
        );
        assert_eq!(
            moved.get("products/b/").map(String::as_str),
            Some("p/c.yaml")
        );
        assert!(!moved.contains_key("products/gone/"));
    }
}
