//! The pages of the last good build, with what each read, indexed both
//! ways: by page, and from each target to the pages that read it. A
//! one-product edit then finds its few dozen pages by looking up the
//! targets that changed, instead of checking the reads of every page.

use rustc_hash::{FxHashMap, FxHashSet};

use vial_render::{PageKind, PageRecord};
use vial_site::link::Target;

/// A page's place in `Ledger::records`.
type Id = u32;

#[derive(Default)]
pub struct Ledger {
    /// By id; `None` where a page went (its id is reused).
    records: Vec<Option<PageRecord>>,
    free: Vec<Id>,
    ids: FxHashMap<PageKind, Id>,
    /// The output paths the pages hold, counted: while a rebuild moves
    /// pages, two may name one path for a moment.
    paths: FxHashMap<String, u32>,
    /// The pages that read each target.
    readers: FxHashMap<Target, FxHashSet<Id>>,
    /// The pages that weighed each product without showing it.
    weighers: FxHashMap<u64, FxHashSet<Id>>,
}

impl Ledger {
    pub fn new(pages: Vec<PageRecord>) -> Self {
        let mut all = Ledger::default();
        for page in pages {
            all.insert(page);
        }
        all
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn get(&self, kind: &PageKind) -> Option<&PageRecord> {
        let id = *self.ids.get(kind)?;
        self.records[id as usize].as_ref()
    }

    pub fn contains(&self, kind: &PageKind) -> bool {
        self.ids.contains_key(kind)
    }

    pub fn kinds(&self) -> impl Iterator<Item = &PageKind> {
        self.ids.keys()
    }

    /// Whether a page is written at `path`.
    pub fn holds(&self, path: &str) -> bool {
        self.paths.contains_key(path)
    }

    /// Keeps `page`, replacing the record of the same kind, returned.
    pub fn insert(&mut self, page: PageRecord) -> Option<PageRecord> {
        if let Some(&id) = self.ids.get(&page.kind)
            && let Some(old) = self.records[id as usize].take()
        {
            // Re-indexes only what the page reads differently: after a
            // template edit, nearly every page reads what it read before.
            for target in old.reads.targets.difference(&page.reads.targets) {
                unindex(&mut self.readers, target, id);
            }
            for target in page.reads.targets.difference(&old.reads.targets) {
                self.readers.entry(target.clone()).or_default().insert(id);
            }
            if old.reads.weighed != page.reads.weighed {
                for product in &old.reads.weighed {
                    unindex(&mut self.weighers, product, id);
                }
                self.index_weighed(&page, id);
            }
            if old.path != page.path {
                self.release(&old.path);
                *self.paths.entry(page.path.clone()).or_default() += 1;
            }
            self.records[id as usize] = Some(page);
            return Some(old);
        }
        let id = match self.free.pop() {
            Some(id) => id,
            None => {
                self.records.push(None);
                (self.records.len() - 1) as Id
            }
        };
        for target in &page.reads.targets {
            self.readers.entry(target.clone()).or_default().insert(id);
        }
        self.index_weighed(&page, id);
        *self.paths.entry(page.path.clone()).or_default() += 1;
        self.ids.insert(page.kind.clone(), id);
        self.records[id as usize] = Some(page);
        None
    }

    fn index_weighed(&mut self, page: &PageRecord, id: Id) {
        for product in &page.reads.weighed {
            self.weighers.entry(*product).or_default().insert(id);
        }
    }

    fn release(&mut self, path: &str) {
        if let Some(count) = self.paths.get_mut(path) {
            *count -= 1;
            if *count == 0 {
                self.paths.remove(path);
            }
        }
    }

    /// Forgets the page of `kind`, returned, and its path.
    pub fn remove(&mut self, kind: &PageKind) -> Option<PageRecord> {
        let id = self.ids.remove(kind)?;
        let page = self.records[id as usize].take()?;
        for target in &page.reads.targets {
            unindex(&mut self.readers, target, id);
        }
        for product in &page.reads.weighed {
            unindex(&mut self.weighers, product, id);
        }
        self.release(&page.path);
        self.free.push(id);
        Some(page)
    }

    /// The pages that read one of `targets` or weighed one of `products`.
    pub fn reading<'a>(
        &'a self,
        targets: impl Iterator<Item = &'a Target>,
        products: impl Iterator<Item = &'a String>,
    ) -> impl Iterator<Item = &'a PageKind> {
        let mut found: FxHashSet<Id> = FxHashSet::default();
        for target in targets {
            found.extend(self.readers.get(target).into_iter().flatten());
        }
        for product in products {
            let number = vial_render::product_number(product);
            found.extend(self.weighers.get(&number).into_iter().flatten());
        }
        found
            .into_iter()
            .filter_map(|id| self.records[id as usize].as_ref())
            .map(|page| &page.kind)
    }
}

fn unindex<K: std::hash::Hash + Eq>(index: &mut FxHashMap<K, FxHashSet<Id>>, key: &K, id: Id) {
    if let Some(ids) = index.get_mut(key) {
        ids.remove(&id);
        if ids.is_empty() {
            index.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vial_render::Reads;

    fn page(slug: &str, path: &str, reads: &[Target], weighed: &[&str]) -> PageRecord {
        PageRecord {
            kind: PageKind::Product(slug.into()),
            path: path.into(),
            reads: Reads::of(
                reads.iter().cloned().collect(),
                weighed
                    .iter()
                    .map(|s| vial_render::product_number(s))
                    .collect(),
            ),
            hash: 0,
        }
    }

    fn reading(pages: &Ledger, targets: &[Target], products: &[&str]) -> Vec<PageKind> {
        let products: Vec<String> = products.iter().map(|s| s.to_string()).collect();
        let mut found: Vec<PageKind> = pages
            .reading(targets.iter(), products.iter())
            .cloned()
            .collect();
        found.sort();
        found
    }

    #[test]
    fn the_index_follows_pages_as_they_are_replaced_and_removed() {
        let a = Target::Product("a".into());
        let b = Target::Product("b".into());
        let mut pages = Ledger::new(vec![
            page("x", "x/index.html", std::slice::from_ref(&a), &["c"]),
            page("y", "y/index.html", &[a.clone(), b.clone()], &[]),
        ]);
        let (x, y) = (PageKind::Product("x".into()), PageKind::Product("y".into()));
        assert_eq!(
            reading(&pages, std::slice::from_ref(&a), &[]),
            [x.clone(), y.clone()]
        );
        assert_eq!(reading(&pages, &[], &["c"]), std::slice::from_ref(&x));
        // x now reads b, weighs nothing, and moved.
        let old = pages.insert(page("x", "x2/index.html", std::slice::from_ref(&b), &[]));
        assert_eq!(old.map(|p| p.path), Some("x/index.html".to_string()));
        assert_eq!(
            reading(&pages, std::slice::from_ref(&a), &[]),
            std::slice::from_ref(&y)
        );
        assert_eq!(
            reading(&pages, std::slice::from_ref(&b), &[]),
            [x.clone(), y.clone()]
        );
        assert!(reading(&pages, &[], &["c"]).is_empty());
        assert!(pages.holds("x2/index.html") && !pages.holds("x/index.html"));
        pages.remove(&y);
        assert_eq!(reading(&pages, &[a, b], &[]), std::slice::from_ref(&x));
        assert!(!pages.holds("y/index.html"));
        assert_eq!(pages.len(), 1);
        // A path named by two pages for a moment stays held by the other.
        pages.insert(page("z", "x2/index.html", &[], &[]));
        pages.remove(&x);
        assert!(pages.holds("x2/index.html"));
    }
}
