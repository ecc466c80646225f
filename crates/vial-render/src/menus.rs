//! The menus site.yaml declares (`menus:`), as links every page shows: the
//! header's (in place of the navigation vial makes) and the footer's.
//! What an entry says is its `label:`, else the name of what it leads to
//! in the page's language: a list's theme string, a page's title, a
//! taxonomy's plural, a category's name.

use vial_site::config::{MenuEntry, MenuTarget};
use vial_site::link::Target;

use crate::Renderer;
use crate::views::LinkView;

impl Renderer<'_> {
    /// The links of a menu. An entry for a page left out of this build (a
    /// draft) is left out of the menu.
    pub(crate) fn menu(&self, entries: &[MenuEntry]) -> Vec<LinkView> {
        entries.iter().filter_map(|e| self.menu_link(e)).collect()
    }

    fn menu_link(&self, entry: &MenuEntry) -> Option<LinkView> {
        let site = self.site;
        let mut link = match &entry.to {
            MenuTarget::Page(slug) => {
                let page = site.pages.get(slug)?;
                self.target_link(&Target::Page(slug.clone()), &page.title)
            }
            MenuTarget::Category(slug) => self.category_link(site.categories.get(slug)?),
            MenuTarget::List(list) => LinkView::new(
                self.t(&format!("nav.{list}"), &[]),
                self.url(&format!("{list}/")),
            ),
            MenuTarget::Taxonomy(key) => {
                let view = self.taxonomy_view(site.config.taxonomy(key)?);
                LinkView::new(view.plural, view.url)
            }
            MenuTarget::Url(url) => LinkView::new(String::new(), url.clone()),
        };
        if let Some(label) = &entry.label {
            // Written for this language (or in the default one, already
            // warned about): no fallback mark.
            link.title.clone_from(label);
            link.lang = None;
        }
        Some(link)
    }
}
