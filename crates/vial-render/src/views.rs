//! The views templates see: the contract with theme authors. Each is built
//! from the model for one page and serialized into the tera context; the
//! model itself never reaches a template. Words in views come from content
//! or from the strings file (through the renderer): none are written here.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LinkView {
    pub title: String,
    pub url: String,
    /// The default language's code when the title is in its words, for
    /// want of a translation: the template marks it `lang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The default language's code when the link leads to its page, this
    /// language leaving the page out (`untranslated: omit`): `hreflang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hreflang: Option<String>,
}

impl LinkView {
    /// A link in the page's own language to a page of it.
    pub fn new(title: String, url: String) -> Self {
        LinkView {
            title,
            url,
            lang: None,
            hreflang: None,
        }
    }
}

/// A name that links to its page, unless that is the page it is on.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MaybeLink {
    pub title: String,
    pub url: Option<String>,
    /// The default language's code when the title is in its words, for
    /// want of a translation: the template marks it `lang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The default language's code when `url` leads to its page, this
    /// language leaving the page out: `hreflang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hreflang: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    pub base_url: String,
    pub base_path: String,
    /// The site's root path, the same for every language: where shared
    /// files are, and what a reader's routine is kept under in the
    /// browser (switching language keeps it).
    pub root_path: String,
    pub nav: Vec<LinkView>,
    /// The footer's menu (`menus: footer:`); empty when none is declared.
    pub footer_nav: Vec<LinkView>,
    /// The declared taxonomies, in order, for templates that list them.
    pub taxonomies: Vec<TaxonomyView>,
}

/// A declared taxonomy, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyView {
    pub key: String,
    pub label: String,
    pub plural: String,
    pub url: String,
}

/// Facts about the page being rendered.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    /// Root-relative URL, with the base path.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// `home`, `product`, `category`, `guide`, `taxonomy`, `compare`, lists...
    pub kind: &'static str,
    /// Open Graph type: `website`, `product` or `article`.
    pub og_type: &'static str,
    /// The main image of a product, category or guide page (its `og_url`
    /// is for `og:image`).
    pub image: Option<ImageView>,
    /// Search engines should not index it (the 404 page).
    pub noindex: bool,
    /// Home, then the pages above this one, then this one.
    pub breadcrumbs: Vec<LinkView>,
    /// The page's structured data, JSON-LD, safe inside a script element.
    pub jsonld: String,
    /// The page in every language the site is published in, the default
    /// one first; empty for a site in one language.
    pub alternates: Vec<crate::Alternate>,
}

/// An image with its variants, for `partials/picture.html`: a `<picture>`
/// whose `<source>` offers WebP and whose `<img>` is the fallback.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ImageView {
    pub alt: String,
    /// The widest variant in the fallback format, for `<img src>`.
    pub src: String,
    /// The size of `src`: `width` and `height` reserve the image's space.
    pub width: u32,
    pub height: u32,
    /// Every width in the fallback format: `/images/a-320.….png 320w, …`.
    pub srcset: String,
    /// The MIME type of the fallback format.
    pub mime: &'static str,
    /// Every width in WebP, for `<source type="image/webp">`; empty when
    /// the fallback is WebP itself.
    pub webp_srcset: String,
    /// How wide the default theme shows the image, for the browser to pick
    /// a width.
    pub sizes: String,
    /// Whether it may load when scrolled to. A page's main image shows
    /// above the fold: loading it lazily would only delay it.
    pub lazy: bool,
    /// The absolute URL of `src`, for `og:image`.
    pub og_url: String,
}

/// A product in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ProductCard {
    pub name: String,
    pub url: String,
    /// The term of the site's first one-term taxonomy (the brand), if any.
    pub byline: Option<String>,
    pub category: LinkView,
    pub summary: String,
    /// The strength of the term a list is about, e.g. `2%`.
    pub strength: Option<String>,
    /// What it has in common with the product of the page (similar
    /// products only), most telling first.
    pub reasons: Vec<ReasonView>,
    /// The product's main image, as a thumbnail.
    pub image: Option<ImageView>,
    /// `<category>/<slug>`: the product in the routine builder.
    pub routine_key: String,
    /// The default language's code when its words stand for want of a
    /// translation (the page's language is another): the template marks
    /// them with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The default language's code when `url` leads to its page, this
    /// language leaving the product out (a guide's `products:`):
    /// `hreflang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hreflang: Option<String>,
}

/// One thing two products have in common: `Active` and `Retinal 0.1%`.
#[derive(Debug, Clone, Serialize)]
pub struct ReasonView {
    pub label: String,
    pub value: String,
}

/// A term on a product page, linked to its page.
#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    pub name: String,
    pub url: String,
    /// Its strength on this product, with the unit, e.g. `2%`.
    pub strength: Option<String>,
    /// The default language's code when the name is in its words, for
    /// want of a translation: the template marks it `lang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The default language's code when `url` leads to its page, this
    /// language leaving the term out: `hreflang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hreflang: Option<String>,
}

/// One taxonomy's terms on a product or guide page.
#[derive(Debug, Clone, Serialize)]
pub struct TermGroup {
    pub key: String,
    pub label: String,
    pub plural: String,
    pub terms: Vec<TermView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SpecRow {
    pub key: String,
    pub label: String,
    pub value: String,
}

/// A declared time slot a product is used in.
#[derive(Debug, Clone, Serialize)]
pub struct SlotView {
    pub key: String,
    pub label: String,
}

/// One step of the routine strip on a usage card.
#[derive(Debug, Clone, Serialize)]
pub struct RoutineStepView {
    pub label: String,
    /// The product goes here.
    pub here: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct UsageCard {
    /// Linked, unless the card is on the product's own page. Its `lang`
    /// is that of the product's words: its name, instructions and
    /// cautions.
    pub product: MaybeLink,
    /// The schedule as a phrase: `Twice a week`.
    pub frequency: String,
    /// Empty when the site declares no slots.
    pub slots: Vec<SlotView>,
    /// The labels of the product's steps (empty when it names none).
    pub steps: Vec<String>,
    /// Where it goes, in words: its steps, or the place a `position` moves
    /// it to. Always the place `routine` marks.
    pub placement: String,
    /// The routine with the product in its place (empty without steps).
    pub routine: Vec<RoutineStepView>,
    /// A sentence when the product does not sit at its step.
    pub position: Option<String>,
    pub reminders: Vec<String>,
    pub instructions_html: String,
    pub cautions: Vec<String>,
    /// The site's routine rules this product breaks on its own.
    pub rule_cautions: Vec<RuleView>,
}

/// A routine rule of the site, as readers see it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleView {
    pub key: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BacklinkView {
    pub title: String,
    pub url: String,
    /// What the linking page is, in the site's words.
    pub kind: String,
    pub snippet: String,
    /// The default language's code when the linking page's words (its
    /// title and the snippet) stand for want of a translation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProductView {
    pub slug: String,
    /// `<category>/<slug>`: the product in the routine builder.
    pub routine_key: String,
    pub name: String,
    pub url: String,
    /// The term of the site's first one-term taxonomy (the brand), linked.
    pub byline: Option<LinkView>,
    pub category: LinkView,
    pub summary: String,
    pub description_html: String,
    pub image: Option<ImageView>,
    pub gallery: Vec<ImageView>,
    /// The product's terms of each taxonomy with more than one term.
    pub terms: Vec<TermGroup>,
    pub specs: Vec<SpecRow>,
    pub usage: UsageCard,
    pub backlinks: Vec<BacklinkView>,
    /// Other products of the category, but those in `similar`.
    pub same_category: Vec<ProductCard>,
    /// The products most like it (its category's first), with `reasons`.
    pub similar: Vec<ProductCard>,
    pub comparison: Option<ComparisonTable>,
    /// Where to buy it: links to shops.
    pub shop_links: Option<crate::pages::ShopLinksView>,
    /// The default language's code when its words stand for want of a
    /// translation (the page's language is another): the template marks
    /// them with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TraitView {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryView {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub summary: String,
    pub description_html: String,
    pub image: Option<ImageView>,
    pub gallery: Vec<ImageView>,
    pub traits: Vec<TraitView>,
    pub product_count: usize,
    pub table: Option<ComparisonTable>,
    pub pagination: Option<Pagination>,
    pub comparisons: Vec<LinkView>,
    pub backlinks: Vec<BacklinkView>,
    /// The default language's code when its words stand for want of a
    /// translation (the page's language is another): the template marks
    /// them with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// A date as ISO (for `datetime`) and as the language writes it.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub iso: String,
    pub shown: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GuideView {
    pub slug: String,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub date: Option<DateView>,
    pub updated: Option<DateView>,
    pub author: Option<String>,
    /// Terms of the taxonomies guides are filed under.
    pub terms: Vec<TermGroup>,
    pub image: Option<ImageView>,
    pub gallery: Vec<ImageView>,
    pub content_html: String,
    /// The guide's sections (its second- and third-level headings) when it
    /// has enough of them to need a table of contents; else empty.
    pub contents: Vec<ContentsEntry>,
    pub products: Vec<ProductCard>,
    pub backlinks: Vec<BacklinkView>,
    /// The default language's code when its words stand for want of a
    /// translation (the page's language is another): the template marks
    /// them with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// A heading in a guide's table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct ContentsEntry {
    pub text: String,
    /// `#` and the heading's id.
    pub url: String,
    /// 2 or 3.
    pub level: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct GuideCard {
    pub title: String,
    pub url: String,
    pub summary: String,
    pub date: Option<DateView>,
    /// The default language's code when its words stand for want of a
    /// translation (the page's language is another): the template marks
    /// them with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryCard {
    pub name: String,
    pub url: String,
    pub summary: String,
    pub product_count: usize,
    /// The default language's code when its words stand for want of a
    /// translation (the page's language is another): the template marks
    /// them with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// A term's page.
#[derive(Debug, Clone, Serialize)]
pub struct TaxonView {
    /// The taxonomy's key, label and plural.
    pub taxonomy: TaxonomyView,
    pub name: String,
    pub url: String,
    pub what_it_does: Option<String>,
    pub description_html: String,
    pub product_count: usize,
    /// How the products are ordered, when not by name: `5 products,
    /// highest strength first`.
    pub order_note: Option<String>,
    /// This page's share of the products.
    pub products: Vec<ProductCard>,
    pub pagination: Option<Pagination>,
    pub guides: Vec<GuideCard>,
    pub backlinks: Vec<BacklinkView>,
    /// The default language's code when its words stand for want of a
    /// translation (the page's language is another): the template marks
    /// them with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaxonCard {
    pub name: String,
    pub url: String,
    /// The line its description file gives it, if it has one.
    pub what_it_does: Option<String>,
    pub product_count: usize,
    pub guide_count: usize,
    /// The names of its first few products, in the term page's order.
    pub products: Vec<NameView>,
    /// How many more products it has than `products` names.
    pub more_products: usize,
    /// The default language's code when its words (name, what it does)
    /// stand for want of a translation: the template marks them with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// A name shown without a link.
#[derive(Debug, Clone, Serialize)]
pub struct NameView {
    pub name: String,
    /// The default language's code when the name is in its words, for
    /// want of a translation: the template marks it `lang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyIndexView {
    pub taxonomy: TaxonomyView,
    pub terms: Vec<TaxonCard>,
}

/// A comparison table. Both orientations share this shape: `columns` are the
/// header cells across the top, each row has a header cell and data cells.
/// The product a page is about comes first, its cells marked `current`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ComparisonTable {
    pub caption: String,
    /// `side-by-side` (a column per product) or `rows` (a row per product).
    pub orientation: &'static str,
    pub corner: String,
    pub columns: Vec<HeaderCell>,
    pub rows: Vec<TableRow>,
    /// Rows can be re-ordered by a column: a table with a row per product.
    pub sortable: bool,
    /// Some rows differ and some do not: hiding the equal ones helps.
    pub filterable: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HeaderCell {
    pub label: String,
    /// Where the label links to; never the page the table is on.
    pub url: Option<String>,
    pub note: Option<String>,
    /// The product or category of the page the table is on.
    pub current: bool,
    /// A product's `<category>/<slug>`: what the compare picker's tick
    /// names.
    pub pick: Option<String>,
    /// The default language's code when the label is a name in its words,
    /// for want of a translation: the template marks it `lang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The default language's code when `url` leads to its page, this
    /// language leaving the page out: `hreflang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hreflang: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TableRow {
    pub header: HeaderCell,
    pub cells: Vec<Cell>,
    /// In a table with a column per product: at least two of the row's
    /// values are given and differ.
    pub differs: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Cell {
    /// The value as shown (`value.none` when blank).
    pub value: String,
    /// No value is given.
    pub blank: bool,
    /// The cell's field has two given values that differ (never on a blank).
    pub differs: bool,
    /// A number to sort by where text order is not the right one: numbers,
    /// declared orders, schedules. Blanks sort last whatever the direction.
    pub sort: Option<f64>,
    /// The cell belongs to the product the page is about.
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// A window of the pages, not all of them: the first, the last, and
    /// the two either side of the current one. Linking every page would
    /// make each page of a list of n pages n links long, so the list's
    /// pages would grow with the square of its length.
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Page numbers are skipped between this link and the one before it.
    pub gap: bool,
}

/// How many pages either side of the current one the window links.
const PAGE_WINDOW_REACH: usize = 2;

/// The page numbers `Pagination::pages` links, in order, each with whether
/// numbers are skipped before it. A gap of a single page links that page
/// instead: an ellipsis standing for one number hides nothing.
pub fn page_window(current: usize, total: usize) -> impl Iterator<Item = (usize, bool)> {
    let low = current.saturating_sub(PAGE_WINDOW_REACH).max(1);
    let high = (current + PAGE_WINDOW_REACH).min(total);
    // Widen by one where that closes a one-page gap.
    let low = if low == 3 { 2 } else { low };
    let high = if high + 2 == total { total - 1 } else { high };
    let first = (low > 1).then_some((1, false));
    let last = (high < total).then_some((total, high + 1 < total));
    first
        .into_iter()
        .chain((low..=high).map(move |n| (n, n == low && low > 2)))
        .chain(last)
}

/// A table written in markdown, for `partials/prose_table.html`.
#[derive(Debug, Clone, Serialize)]
pub struct ProseTable {
    /// Its column headers, as a list in the site's language.
    pub columns: String,
    pub html: String,
}

/// A category-versus-category page.
#[derive(Debug, Clone, Serialize)]
pub struct CompareView {
    pub title: String,
    pub url: String,
    pub left: LinkView,
    pub right: LinkView,
    /// The verdict's summary (empty without a verdict file).
    pub summary: String,
    /// The language of the summary's words, when they are not the page's
    /// (an untranslated verdict's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary_lang: Option<String>,
    /// The language of the verdict's words, when they are not the page's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The written verdict, `content/compare/<left>-vs-<right>.md`.
    pub verdict_html: String,
    pub table: ComparisonTable,
    pub backlinks: Vec<BacklinkView>,
}

/// A category-versus-category page in the list of them.
#[derive(Debug, Clone, Serialize)]
pub struct CompareCard {
    pub title: String,
    pub url: String,
    pub summary: String,
    /// The language of the summary's words, when they are not the page's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary_lang: Option<String>,
    pub left: LinkView,
    pub right: LinkView,
}
