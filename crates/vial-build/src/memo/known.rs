//! What each page read, kept small while the pages render: each target
//! by its place in a table of the site's targets.

use rustc_hash::FxHashMap;
use vial_render::{Reads, product_number};
use vial_site::link::{Links, Target};
use vial_site::model::Site;

use super::fingerprints::target_number;

/// The targets of the site by number: the members and whatever has
/// backlinks. A page may read a target that is neither (a verdict not
/// written); that one is kept as itself. While the pages render, each
/// known target is kept as its place in `numbers`: 4 bytes a read, not 8
/// (the reads are kept until the memo is made, and grow with the site).
pub struct Known {
    pub(super) places: FxHashMap<u64, u32>,
    pub(super) numbers: Vec<u64>,
}

impl Known {
    pub fn of(site: &Site, links: &Links) -> Known {
        let mut known = rustc_hash::FxHashSet::default();
        known.extend(site.products.keys().map(|slug| product_number(slug)));
        let others = site
            .categories
            .keys()
            .map(|slug| Target::Category(slug.clone()))
            .chain(site.guides.keys().map(|slug| Target::Guide(slug.clone())))
            .chain(site.pages.keys().map(|slug| Target::Page(slug.clone())))
            .chain(
                site.verdicts
                    .keys()
                    .map(|slug| Target::Compare(slug.clone())),
            )
            .chain(site.taxonomies.by_key.iter().flat_map(|(key, terms)| {
                terms
                    .keys()
                    .map(move |slug| Target::Term(key.clone(), slug.clone()))
            }))
            .chain(links.backlinks.keys().cloned());
        known.extend(others.map(|t| target_number(&t)));
        let numbers: Vec<u64> = known.into_iter().collect();
        let places = (0u32..).zip(&numbers).map(|(at, n)| (*n, at)).collect();
        Known { places, numbers }
    }

    /// What a rendered page read, as kept until the memo is made.
    pub fn page(&self, path: String, reads: &Reads) -> PageRead {
        let mut read = Vec::with_capacity(reads.targets.len());
        let mut unknown = Vec::new();
        for target in &reads.targets {
            match self.places.get(&target_number(target)) {
                Some(at) => read.push(*at),
                None => unknown.push(target.clone()),
            }
        }
        // Only products are weighed, and every one is known.
        let weighed = reads
            .weighed
            .iter()
            .filter_map(|number| self.places.get(number).copied())
            .collect();
        PageRead {
            path: path.into(),
            places: pack_places(read, weighed),
            unknown: unknown.into(),
        }
    }
}

/// What a rendered page read: known targets by place (`Known`). Kept for
/// every page to the end of the build, packed (`pack_places`): a product
/// page weighs many others, and plain `u32`s per page add up on a large
/// site.
pub struct PageRead {
    pub(super) path: Box<str>,
    /// The places read and the places weighed (`pack_places`).
    pub(super) places: Box<[u8]>,
    pub(super) unknown: Box<[Target]>,
}

/// `read` and `weighed` as one list of bytes: the length of `read`, then
/// each list sorted, without repeats, as gaps from the place before (the
/// first from zero), in `varint`s. Both are sets: the memo sorts what a
/// page read, and gives numbers to what it weighed in the order met.
fn pack_places(mut read: Vec<u32>, mut weighed: Vec<u32>) -> Box<[u8]> {
    let mut bytes = Vec::with_capacity(read.len() + weighed.len() + 4);
    read.sort_unstable();
    read.dedup();
    vial_base::varint::push(&mut bytes, read.len() as u64);
    weighed.sort_unstable();
    weighed.dedup();
    for list in [read, weighed] {
        let mut last = 0;
        for place in list {
            vial_base::varint::push(&mut bytes, u64::from(place - last));
            last = place;
        }
    }
    bytes.into()
}

/// The places read and the places weighed of `pack_places`.
pub fn unpack_places(bytes: &[u8]) -> (Vec<u32>, Vec<u32>) {
    let mut bytes = bytes.iter();
    let read_len = vial_base::varint::next(&mut bytes).unwrap_or(0) as usize;
    let mut places = Vec::new();
    let mut last = 0u32;
    while let Some(gap) = vial_base::varint::next(&mut bytes) {
        if places.len() == read_len {
            last = 0;
        }
        last += gap as u32;
        places.push(last);
    }
    let weighed = places.split_off(read_len.min(places.len()));
    (places, weighed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pages_places_come_back_as_sets() {
        let read = vec![40, 3, 70_000, 3, 0];
        let weighed = vec![9, 1 << 20, 2];
        let (r, w) = unpack_places(&pack_places(read, weighed));
        assert_eq!(r, [0, 3, 40, 70_000]);
        assert_eq!(w, [2, 9, 1 << 20]);
        assert_eq!(
            unpack_places(&pack_places(vec![], vec![5])),
            (vec![], vec![5])
        );
        assert_eq!(
            unpack_places(&pack_places(vec![5], vec![])),
            (vec![5], vec![])
        );
    }
}
