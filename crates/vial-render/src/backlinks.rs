//! Who links to a page: the pages whose text names it, each with its
//! title as its own page shows it, what kind of page it is, and the words
//! around the link. The link stage found them; this puts them in the
//! site's words for the page's "linked from" list.

use super::views::BacklinkView;
use super::{Reads, Renderer};
use vial_site::link::{Backlink, Target};

impl Renderer<'_> {
    /// What a linking page is, in the site's words.
    fn kind_label(&self, target: &Target) -> String {
        match target {
            Target::Term(key, _) => self
                .site
                .config
                .taxonomy(key)
                .map_or_else(|| key.clone(), |t| t.label.to_lowercase()),
            page => self.t(&format!("kind.{}", page.kind()), &[]),
        }
    }

    /// The title of a page that links somewhere, as its page shows it.
    fn title_of(&self, target: &Target, reads: &mut Reads) -> String {
        let pair = match target {
            Target::Compare(slug) => self
                .site
                .config
                .category_pairs
                .iter()
                .find(|p| p.slug() == *slug),
            _ => None,
        };
        match pair {
            Some(pair) => {
                let (l, r) = (
                    &self.site.categories[&pair.left],
                    &self.site.categories[&pair.right],
                );
                reads.insert(Target::Category(l.slug.clone()));
                reads.insert(Target::Category(r.slug.clone()));
                self.t("meta.compare", &[("left", &l.name), ("right", &r.name)])
            }
            None => self.resolver.title(target),
        }
    }

    pub(crate) fn backlinks(&self, target: &Target, reads: &mut Reads) -> Vec<BacklinkView> {
        self.links
            .backlinks_of(target)
            .iter()
            // A page this language leaves out links nowhere in it.
            .filter(|b| !self.site.omits(&b.from))
            .map(|Backlink { from, snippet }| {
                reads.insert(from.clone());
                BacklinkView {
                    lang: self.fallback_lang(self.site.fallback.has(from)),
                    title: self.title_of(from, reads),
                    url: self.target_url(from),
                    kind: self.kind_label(from),
                    snippet: snippet.to_string(),
                }
            })
            .collect()
    }
}
