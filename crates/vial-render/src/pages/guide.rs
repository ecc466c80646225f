//! A guide's page: its text with a table of contents when it is long
//! enough to need one, its terms, the products it names and who links to
//! it.

use tera::Context;

use crate::picture::Role;
use crate::views::{ContentsEntry, GuideView, LinkView, PageMeta, TermGroup};
use crate::{PageKind, Reads, Renderer};
use vial_site::link::Target;
use vial_site::model::Guide;

/// A guide with this many sections gets a table of contents.
const CONTENTS_FROM: usize = 3;

impl Renderer<'_> {
    /// The page of guide `slug`.
    pub(super) fn guide_page(
        &self,
        kind: &PageKind,
        slug: &str,
        context: &mut Context,
        reads: &mut Reads,
    ) -> (&'static str, PageMeta) {
        let guide = &self.site.guides[slug];
        let target = Target::Guide(guide.slug.clone());
        let view = self.guide_view(guide, target.clone(), reads);
        let section = self.crumb(&self.t("meta.guides", &[]), "guides/");
        let mut meta = self.article_meta(kind, "guide", guide, &target, &view, Some(section));
        meta.og_type = "article";
        context.insert("guide", &view);
        ("guide.html", meta)
    }

    /// The page of free page `slug` (`content/pages/`): held as a guide,
    /// shown as one in no section.
    pub(super) fn free_page(
        &self,
        kind: &PageKind,
        slug: &str,
        context: &mut Context,
        reads: &mut Reads,
    ) -> (&'static str, PageMeta) {
        let page = &self.site.pages[slug];
        let target = Target::Page(page.slug.clone());
        let view = self.guide_view(page, target.clone(), reads);
        let meta = self.article_meta(kind, "page", page, &target, &view, None);
        context.insert("page_content", &view);
        ("page.html", meta)
    }

    /// The meta of a guide's or free page's page: described by its
    /// summary (else its title), its trail through `section` if any.
    fn article_meta(
        &self,
        kind: &PageKind,
        name: &'static str,
        g: &Guide,
        target: &Target,
        view: &GuideView,
        section: Option<LinkView>,
    ) -> PageMeta {
        let description = if g.summary.is_empty() {
            &g.title
        } else {
            &g.summary
        };
        let mut meta = self.meta(kind, name, &g.title, description);
        let own = self.marked_crumb(&g.title, kind, target);
        meta.breadcrumbs = std::iter::once(self.home_crumb())
            .chain(section)
            .chain([own])
            .collect();
        meta.image = view.image.clone();
        meta
    }

    fn guide_view(&self, g: &Guide, target: Target, reads: &mut Reads) -> GuideView {
        reads.insert(target.clone());
        let terms = self
            .site
            .config
            .taxonomies
            .iter()
            .filter_map(|decl| {
                let terms = g.terms.get(&decl.key).filter(|t| !t.is_empty())?;
                for t in terms.iter() {
                    reads.insert(Target::Term(decl.key.clone(), t.term.slug.to_string()));
                }
                Some(TermGroup {
                    key: decl.key.clone(),
                    label: decl.label.clone(),
                    plural: decl.plural.clone(),
                    terms: terms
                        .iter()
                        .map(|used| &used.term)
                        .map(|t| self.term_view(&decl.key, t, None))
                        .collect(),
                })
            })
            .collect();
        let original = g.original_body.as_ref().map(|b| b.text.as_str());
        let (content_html, outline) = self.markdown_with_outline(&g.body.text, original, reads);
        let sections = outline.iter().filter(|h| h.level == 2).count();
        let contents = if sections >= CONTENTS_FROM {
            outline
                .into_iter()
                .filter(|h| h.level == 2 || h.level == 3)
                .map(|h| ContentsEntry {
                    text: h.text,
                    url: format!("#{}", h.id),
                    level: h.level,
                })
                .collect()
        } else {
            Vec::new()
        };
        let (image, gallery) = self.image_views(&g.images, Role::Hero);
        GuideView {
            lang: self.fallback_lang(self.site.fallback.has(&target)),
            slug: g.slug.clone(),
            title: g.title.clone(),
            url: self.target_url(&target),
            summary: g.summary.clone(),
            date: self.date(&g.date),
            updated: self.date(&g.updated),
            author: g.author.clone(),
            terms,
            image,
            gallery,
            content_html,
            contents,
            products: g
                .products
                .iter()
                .filter_map(|s| self.site.product(s))
                .map(|p| self.product_card(p, None, reads))
                .collect(),
            backlinks: self.backlinks(&target, reads),
        }
    }
}
