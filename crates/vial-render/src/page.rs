//! A page of the site: what it shows (its kind, one per template), the
//! file it is written to, its bytes and the content it read; and what is
//! kept of it once written. The vocabulary the driver and the output speak
//! with the renderer: its own place so the kinds are read in one list.

use super::body::Body;
use super::publish;
use super::reads::Reads;
use vial_site::link::Target;

/// One rendered file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub kind: PageKind,
    /// Path below the output folder, `/`-separated (`products/x/index.html`).
    pub path: String,
    pub body: Body,
    /// The content this page was built from.
    pub reads: Reads,
}

impl Page {
    /// A hash of the bytes, to tell whether a re-rendered page changed:
    /// the hash the output keeps in its manifest (`Body::hash`), so a
    /// rebuild hands it to `Update::put_pieces` instead of hashing twice.
    pub fn hash(&self) -> u64 {
        self.body.hash()
    }

    /// Forgets the bytes, keeping their hash (`hash()`, computed once by
    /// the caller that wrote them).
    pub fn record(self, hash: u64) -> PageRecord {
        PageRecord {
            hash,
            kind: self.kind,
            path: self.path,
            reads: self.reads,
        }
    }
}

/// What is kept of a page after it is written: enough to tell, on the next
/// rebuild, whether to render it again and whether its bytes changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRecord {
    pub kind: PageKind,
    pub path: String,
    pub reads: Reads,
    pub hash: u64,
}

/// What a page shows; one variant per template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    Home,
    /// A page of the product list (1-based).
    Products(usize),
    Product(String),
    Categories,
    /// A category and the page of its comparison table (1-based).
    Category(String, usize),
    /// A page of the guide list (1-based).
    Guides(usize),
    Guide(String),
    /// A free page (`content/pages/`), by its path below that folder.
    /// Called so because every HTML file written here is a page.
    FreePage(String),
    /// The index of a taxonomy (its key).
    Taxonomy(String),
    /// A term of a taxonomy (key, slug) and the page of its product list.
    Taxon(String, String, usize),
    /// Every category-versus-category page.
    CompareIndex,
    Compare(String, String),
    NotFound,
    /// Every page's URL, in one file (`sitemap.xml`).
    Sitemap,
    /// `sitemap.xml` when the pages are too many for one file: the list of
    /// the parts.
    SitemapIndex,
    /// One part of a split sitemap (1-based), `sitemap1.xml`...
    SitemapPart(usize),
    Robots,
    Feed(publish::Feed),
    Export(publish::Export),
    /// The routine builder.
    Routine,
    /// The data the theme's scripts (routine builder, compare picker) read
    /// a category's products from (its slug).
    CategoryData(String),
    /// The list of the per-category data files, for scripts on pages that
    /// draw on every category (so those pages do not list them).
    DataIndex,
    /// An old address that sends the reader on (`Site::redirects`), by the
    /// path below the base path it is at (`products/old/`).
    Redirect(String),
    /// The host's redirect file (`redirects:`), `_redirects` at the
    /// site's root: every redirect of every language.
    HostRedirects,
}

impl PageKind {
    /// The template the page is rendered with (exports have none).
    pub fn template(&self) -> Option<&'static str> {
        Some(match self {
            PageKind::Home => "index.html",
            PageKind::Products(_) => "products.html",
            PageKind::Product(_) => "product.html",
            PageKind::Categories => "categories.html",
            PageKind::Category(..) => "category.html",
            PageKind::Guides(_) => "guides.html",
            PageKind::Guide(_) => "guide.html",
            PageKind::FreePage(_) => "page.html",
            PageKind::Taxonomy(_) => "taxonomy_list.html",
            PageKind::Taxon(..) => "taxonomy.html",
            PageKind::CompareIndex => "compare_index.html",
            PageKind::Compare(..) => "compare.html",
            PageKind::NotFound => "404.html",
            PageKind::Sitemap | PageKind::SitemapPart(_) => "sitemap.xml",
            PageKind::SitemapIndex => "sitemap_index.xml",
            PageKind::Robots => "robots.txt",
            PageKind::Feed(_) => "atom.xml",
            PageKind::Routine => "routine.html",
            PageKind::Redirect(_) => "redirect.html",
            PageKind::Export(_)
            | PageKind::CategoryData(_)
            | PageKind::DataIndex
            | PageKind::HostRedirects => return None,
        })
    }

    /// Whether the page renders markdown (feeds and exports carry it
    /// too), whose `usage` and `compare` blocks and tables are drawn with
    /// the partials in `EMBED_PARTIALS`.
    pub fn may_embed(&self) -> bool {
        matches!(
            self,
            PageKind::Product(_)
                | PageKind::Category(..)
                | PageKind::Guide(_)
                | PageKind::FreePage(_)
                | PageKind::Taxon(..)
                | PageKind::Compare(..)
                | PageKind::Feed(_)
                | PageKind::Export(_)
        )
    }

    /// An HTML page (not a site file such as the sitemap or a feed).
    pub fn is_page(&self) -> bool {
        !matches!(
            self,
            PageKind::Sitemap
                | PageKind::SitemapIndex
                | PageKind::SitemapPart(_)
                | PageKind::Robots
                | PageKind::Feed(_)
                | PageKind::Export(_)
                | PageKind::CategoryData(_)
                | PageKind::DataIndex
                | PageKind::HostRedirects
        )
    }

    /// The product, category, guide, free page or term the page is the
    /// page of.
    pub fn subject(&self) -> Option<Target> {
        Some(match self {
            PageKind::Product(s) => Target::Product(s.clone()),
            PageKind::Category(s, _) => Target::Category(s.clone()),
            PageKind::Guide(s) => Target::Guide(s.clone()),
            PageKind::FreePage(s) => Target::Page(s.clone()),
            PageKind::Taxon(key, s, _) => Target::Term(key.clone(), s.clone()),
            _ => return None,
        })
    }

    /// Whether the sitemap lists the page: every page but the 404 page
    /// and the redirects (an old address is not one to index).
    pub fn in_sitemap(&self) -> bool {
        self.is_page() && !matches!(self, PageKind::NotFound | PageKind::Redirect(_))
    }

    /// A file made from every product or category (the exports), or from
    /// every redirect (`_redirects`, which a redirect added or gone from
    /// any page changes), which any change may change: it does not list
    /// what it read.
    pub fn reads_everything(&self) -> bool {
        matches!(self, PageKind::Export(_) | PageKind::HostRedirects)
    }

    /// A file made from a whole category or more: tens to thousands of
    /// times the work of a product page.
    pub(crate) fn is_large(&self) -> bool {
        matches!(
            self,
            PageKind::Export(_)
                | PageKind::CategoryData(_)
                | PageKind::DataIndex
                | PageKind::Sitemap
                | PageKind::SitemapPart(_)
                | PageKind::Feed(_)
        )
    }
}
