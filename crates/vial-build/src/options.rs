//! What a caller asks of the driver, and what it gets back.

use std::path::PathBuf;

use vial_base::diagnostic::Diagnostics;
use vial_images as images;
use vial_output::{Committed, Previous};
use vial_site::link::Links;
use vial_site::model::Site;

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides `output` from site.yaml (relative to the root).
    pub output: Option<PathBuf>,
    /// Include guides marked `draft: true`.
    pub drafts: bool,
    /// Replace an output folder that vial did not write.
    pub force: bool,
    /// Overrides `base_url` from site.yaml (a preview deploy's address).
    pub base_url: Option<String>,
    /// Minify HTML, CSS and JavaScript.
    pub minify: bool,
    /// Publish assets under their own names, without a content hash (the
    /// preview server).
    pub plain_asset_names: bool,
    /// The most URLs one sitemap file lists (`config::SITEMAP_URLS` when
    /// `None`): for tests, which cannot build tens of thousands of pages to
    /// see a split.
    #[doc(hidden)]
    pub sitemap_urls: Option<usize>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            ..Self::default()
        }
    }
}

/// A site loaded, validated and linked, with every page rendered once (and
/// dropped: `check` renders to find template errors, not to keep pages).
#[derive(Debug)]
pub struct Compiled {
    pub site: Site,
    pub links: Links,
    pub pages_rendered: usize,
    /// Problems that do not stop the build.
    pub warnings: Diagnostics,
}

/// The outcome of a successful build.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages of the site.
    pub pages_written: usize,
    /// Pages rendered: the others read nothing that changed since the last
    /// build, whose files stand.
    pub pages_rendered: usize,
    pub output_dir: PathBuf,
    /// Files written, left alone and deleted in the output folder.
    pub files: Committed,
    /// Image variants made, and taken from the cache.
    pub images: images::Work,
    pub warnings: Diagnostics,
}

/// Why a build failed, and what became of the previous output.
#[derive(Debug)]
pub struct BuildFailure {
    pub problems: Diagnostics,
    pub previous: Previous,
}

impl From<Diagnostics> for BuildFailure {
    /// Problems found before anything was written.
    fn from(problems: Diagnostics) -> Self {
        BuildFailure {
            problems,
            previous: Previous::Untouched,
        }
    }
}
