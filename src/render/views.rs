//! The views templates see: the contract with theme authors. Each is built
//! from the model for one page and serialized into the tera context; the
//! model itself never reaches a template.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LinkView {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    pub base_url: String,
    pub base_path: String,
    pub nav: Vec<LinkView>,
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
}

/// A product in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ProductCard {
    pub name: String,
    pub url: String,
    pub brand: String,
    pub category: LinkView,
    pub summary: String,
    /// The strength of the active a list is about, e.g. `2%`.
    pub percent: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActiveView {
    pub name: String,
    pub url: String,
    pub percent: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SpecRow {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimeView {
    pub key: &'static str,
    pub label: &'static str,
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
    pub product: LinkView,
    pub frequency: String,
    pub times: Vec<TimeView>,
    pub step: String,
    pub routine: Vec<RoutineStepView>,
    /// A sentence when the product does not sit at its step.
    pub position: Option<String>,
    pub reminders: Vec<String>,
    pub instructions_html: String,
    pub cautions: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BacklinkView {
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    pub snippet: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProductView {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub brand: LinkView,
    pub category: LinkView,
    pub summary: String,
    pub description_html: String,
    pub actives: Vec<ActiveView>,
    pub concerns: Vec<LinkView>,
    pub specs: Vec<SpecRow>,
    pub usage: UsageCard,
    pub backlinks: Vec<BacklinkView>,
    pub same_category: Vec<ProductCard>,
    pub related: Vec<ProductCard>,
    pub comparison: Option<ComparisonTable>,
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
    pub traits: Vec<TraitView>,
    pub product_count: usize,
    pub table: Option<ComparisonTable>,
    pub pagination: Option<Pagination>,
    pub comparisons: Vec<LinkView>,
    pub backlinks: Vec<BacklinkView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GuideView {
    pub slug: String,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub author: Option<String>,
    pub concerns: Vec<LinkView>,
    pub content_html: String,
    pub products: Vec<ProductCard>,
    pub backlinks: Vec<BacklinkView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GuideCard {
    pub title: String,
    pub url: String,
    pub summary: String,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryCard {
    pub name: String,
    pub url: String,
    pub summary: String,
    pub product_count: usize,
}

/// A brand, concern or active page.
#[derive(Debug, Clone, Serialize)]
pub struct TaxonView {
    /// `brand`, `concern` or `active`.
    pub kind: &'static str,
    /// `Brands`, `Concerns` or `Actives`.
    pub kind_plural: &'static str,
    pub index_url: String,
    pub name: String,
    pub url: String,
    pub what_it_does: Option<String>,
    pub description_html: String,
    pub product_count: usize,
    /// This page's share of the products.
    pub products: Vec<ProductCard>,
    pub pagination: Option<Pagination>,
    pub guides: Vec<GuideCard>,
    pub backlinks: Vec<BacklinkView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaxonCard {
    pub name: String,
    pub url: String,
    pub product_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyIndexView {
    pub kind: &'static str,
    pub kind_plural: &'static str,
    pub terms: Vec<TaxonCard>,
}

/// A comparison table. Both orientations share this shape: `columns` are the
/// header cells across the top, each row has a header cell and data cells.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ComparisonTable {
    pub caption: String,
    /// `side-by-side` (a column per product) or `rows` (a row per product).
    pub orientation: &'static str,
    pub corner: String,
    pub columns: Vec<HeaderCell>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HeaderCell {
    pub label: String,
    pub url: Option<String>,
    pub note: Option<String>,
    /// The product or category of the page the table is on.
    pub current: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TableRow {
    pub header: HeaderCell,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Cell {
    pub value: String,
    /// The value is not the same across what is being compared.
    pub differs: bool,
    /// A sort key for values that do not sort as text (numbers).
    pub sort: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// A category-versus-category page.
#[derive(Debug, Clone, Serialize)]
pub struct CompareView {
    pub title: String,
    pub url: String,
    pub left: LinkView,
    pub right: LinkView,
    pub table: ComparisonTable,
}
