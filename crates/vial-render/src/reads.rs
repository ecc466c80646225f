//! What a page was made from, so that a rebuild renders again only the
//! pages a change touches.

use std::collections::BTreeSet;

use vial_site::link::Target;

/// What one page read of the site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    /// Content the page shows, links to or lists.
    pub targets: BTreeSet<Target>,
    /// Products the page weighed as similar-product candidates without
    /// showing them, by number (`product_number`). It depends only on what
    /// ranks them (`similar::same_ranking`), so editing their text leaves
    /// it as it is; most pages that weigh a product do not show it. A list,
    /// not a set: a page weighs each candidate once, and a set of a product
    /// page's candidates cost more to fill than to search. Numbers, not
    /// slugs: no slug is copied for each candidate of each page. Two
    /// products of one number would only make a rebuild render a page it
    /// need not.
    pub weighed: Vec<u64>,
    /// Reads that keep nothing (`Reads::ignoring`): what a page read is
    /// kept for the next build's memo, and `vial check` keeps none. Set,
    /// recording costs nothing: filling and freeing the sets was a
    /// noticeable part of a check (see bench/README.md).
    ignoring: bool,
}

/// A product's number: the hash of its slug, the same in every build.
pub fn product_number(slug: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(slug.as_bytes(), 1)
}

impl Reads {
    /// What a page read, as a memo kept it.
    pub fn of(targets: BTreeSet<Target>, weighed: Vec<u64>) -> Reads {
        Reads {
            targets,
            weighed,
            ignoring: false,
        }
    }

    /// Reads that record nothing, for a render nothing is remembered of.
    pub fn ignoring() -> Reads {
        Reads {
            ignoring: true,
            ..Reads::default()
        }
    }

    pub fn insert(&mut self, target: Target) {
        if !self.ignoring {
            self.targets.insert(target);
        }
    }

    /// Notes that the page weighed the product of `number`.
    pub fn weigh(&mut self, number: u64) {
        if !self.ignoring {
            self.weighed.push(number);
        }
    }

    /// Adds what another part of the page read.
    pub fn merge(&mut self, other: Reads) {
        if !self.ignoring {
            self.targets.extend(other.targets);
            self.weighed.extend(other.weighed);
        }
    }

    /// Whether the page read one of `stale`'s targets, or weighed one of
    /// the `reranked` products (by number).
    pub fn any_of(&self, stale: &BTreeSet<Target>, reranked: &[u64]) -> bool {
        intersect(&self.targets, stale)
            || (!reranked.is_empty() && self.weighed.iter().any(|p| reranked.contains(p)))
    }
}

impl Extend<Target> for Reads {
    fn extend<I: IntoIterator<Item = Target>>(&mut self, targets: I) {
        if !self.ignoring {
            self.targets.extend(targets);
        }
    }
}

/// Whether two sets meet. Walks the smaller and looks up in the larger: a
/// list page reads hundreds of targets, an edit usually stales a handful.
fn intersect<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> bool {
    let (small, large) = if a.len() < b.len() { (a, b) } else { (b, a) };
    small.iter().any(|t| large.contains(t))
}
