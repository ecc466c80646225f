//! The default theme, built into the binary so a site without a `themes/`
//! folder (such as one made by `vial init`) builds as is. The files are the
//! ones in `themes/default/` of the repository.

pub const DEFAULT: &str = "default";

macro_rules! theme_files {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../themes/default/", $dir, "/", $name)))),*]
    };
}

/// Template name and text.
pub const TEMPLATES: &[(&str, &str)] = theme_files!("templates":
    "404.html",
    "atom.xml",
    "base.html",
    "categories.html",
    "category.html",
    "compare.html",
    "compare_index.html",
    "guide.html",
    "guides.html",
    "index.html",
    "page.html",
    "partials/backlinks.html",
    "partials/compare_bar.html",
    "partials/comparison.html",
    "partials/filters.html",
    "partials/gallery.html",
    "partials/guide_list.html",
    "partials/pagination.html",
    "partials/pick.html",
    "partials/picture.html",
    "partials/product_list.html",
    "partials/prose_table.html",
    "partials/search.html",
    "partials/usage_card.html",
    "product.html",
    "products.html",
    "redirect.html",
    "robots.txt",
    "routine.html",
    "sitemap.xml",
    "sitemap_index.xml",
    "taxonomy.html",
    "taxonomy_list.html",
);

/// UI strings files: file name and text.
pub const STRINGS: &[(&str, &str)] = theme_files!("i18n":
    "de.yaml",
    "en.yaml",
);

/// Static files: path below the output and contents.
pub const STATIC: &[(&str, &[u8])] = &[
    (
        "compare.js",
        include_bytes!("../../../themes/default/static/compare.js"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../../themes/default/static/favicon.svg"),
    ),
    (
        "filters.js",
        include_bytes!("../../../themes/default/static/filters.js"),
    ),
    (
        "noscript.css",
        include_bytes!("../../../themes/default/static/noscript.css"),
    ),
    (
        "print.css",
        include_bytes!("../../../themes/default/static/print.css"),
    ),
    (
        "routine-builder.js",
        include_bytes!("../../../themes/default/static/routine-builder.js"),
    ),
    (
        "routine-plan.js",
        include_bytes!("../../../themes/default/static/routine-plan.js"),
    ),
    (
        "routine.css",
        include_bytes!("../../../themes/default/static/routine.css"),
    ),
    (
        "routine.js",
        include_bytes!("../../../themes/default/static/routine.js"),
    ),
    (
        "search-index.js",
        include_bytes!("../../../themes/default/static/search-index.js"),
    ),
    (
        "search.js",
        include_bytes!("../../../themes/default/static/search.js"),
    ),
    (
        "style.css",
        include_bytes!("../../../themes/default/static/style.css"),
    ),
    (
        "tables.css",
        include_bytes!("../../../themes/default/static/tables.css"),
    ),
    (
        "vial.js",
        include_bytes!("../../../themes/default/static/vial.js"),
    ),
];
