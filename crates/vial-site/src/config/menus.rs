//! `menus:` of site.yaml: what the header's (`main`) and the footer's
//! (`footer`) navigation hold, entry by entry. What site.yaml alone can
//! tell is checked here (a list vial makes, a declared taxonomy, a web
//! address); whether a page or a category exists is the model's to check
//! (`model::menus`), at the entry's line.

use super::TaxonomyDecl;
use vial_base::diagnostic::{Code, Location, suggestion};
use vial_yaml::{Field, Fields, Origin, Reader};

/// The menus site.yaml declares; a menu not declared is `None` (the
/// header then shows the navigation vial makes, the footer none).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Menus {
    pub main: Option<Vec<MenuEntry>>,
    pub footer: Option<Vec<MenuEntry>>,
}

impl Menus {
    /// Whether a menu names a category (whose name it then shows).
    pub fn name_categories(&self) -> bool {
        [&self.main, &self.footer]
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| matches!(e.to, MenuTarget::Category(_)))
    }
}

/// One link of a menu.
#[derive(Debug, Clone, PartialEq)]
pub struct MenuEntry {
    pub to: MenuTarget,
    /// The words written for it, in the language being read; `None`: the
    /// name of what it leads to.
    pub label: Option<String>,
    pub location: Location,
}

/// What a menu entry leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuTarget {
    /// A free page, by its path below `content/pages/`.
    Page(String),
    /// A list vial makes: one of `LISTS`.
    List(String),
    /// A declared taxonomy's list, by its key.
    Taxonomy(String),
    Category(String),
    /// An address outside the site (`http` or `https`).
    Url(String),
}

/// The lists vial makes that a menu may name: each is also the key of its
/// theme string (`nav.<list>`) and the folder of its page.
pub const LISTS: [&str; 5] = ["products", "categories", "guides", "compare", "routine"];

/// The kinds of menu entry, as site.yaml writes them.
const KINDS: [&str; 5] = ["page", "list", "taxonomy", "category", "url"];

/// Reads `menus: {main: [...], footer: [...]}`.
pub(super) fn read_menus<'t>(
    r: &mut Reader<'t>,
    mut g: Fields<'t>,
    origin: &Origin,
    taxonomies: &[TaxonomyDecl],
) -> Menus {
    let mut menu = |name: &'static str| {
        let field = g.get(name)?;
        let entries = field.list(r).unwrap_or_default();
        let read = |f: &Field<'t>, r: &mut Reader<'t>| entry(r, f, origin, taxonomies);
        Some(entries.iter().filter_map(|f| read(f, r)).collect())
    };
    let menus = Menus {
        main: menu("main"),
        footer: menu("footer"),
    };
    g.finish(r);
    menus
}

/// One entry: one of `KINDS`, with an optional `label`.
fn entry<'t>(
    r: &mut Reader<'t>,
    field: &Field<'t>,
    origin: &Origin,
    taxonomies: &[TaxonomyDecl],
) -> Option<MenuEntry> {
    let mut g = field.fields(r)?;
    let label = g.words(r, "label");
    let written: Vec<(&str, vial_yaml::Spanned<String>)> = KINDS
        .iter()
        .filter_map(|kind| Some((*kind, g.text(r, *kind)?)))
        .collect();
    g.finish(r);
    let [(kind, value)] = written.as_slice() else {
        r.error(
            Code::InvalidValue,
            field.at(),
            "a menu entry leads to one thing",
            "write one of `page: about`, `list: products`, `taxonomy: <key>`, `category: <slug>` or `url: https://…` (with `label:`)",
        );
        return None;
    };
    let name = value.value.trim().to_string();
    let to = match *kind {
        "page" => MenuTarget::Page(name.trim_matches('/').to_string()),
        "category" => MenuTarget::Category(name),
        "list" => {
            if !LISTS.contains(&name.as_str()) {
                r.error(
                    Code::InvalidValue,
                    value.at,
                    format!("vial makes no list `{name}`"),
                    suggestion(&name, LISTS),
                );
                return None;
            }
            MenuTarget::List(name)
        }
        "taxonomy" => {
            if !taxonomies.iter().any(|t| t.key == name) {
                r.error(
                    Code::InvalidValue,
                    value.at,
                    format!("no taxonomy `{name}` is declared"),
                    suggestion(&name, taxonomies.iter().map(|t| t.key.as_str())),
                );
                return None;
            }
            MenuTarget::Taxonomy(name)
        }
        _ => {
            let web = ["http://", "https://"];
            if !web.iter().any(|s| name.to_ascii_lowercase().starts_with(s)) || name.len() < 9 {
                r.error(
                    Code::InvalidValue,
                    value.at,
                    format!("`{name}` is not a web address"),
                    "write the whole address, starting with `https://` (or `http://`)",
                );
                return None;
            }
            if label.is_none() {
                r.error(
                    Code::MissingField,
                    field.at(),
                    "a menu entry with `url:` needs a `label:`",
                    "add the words readers see for the link, as `label: Our shop`",
                );
                return None;
            }
            MenuTarget::Url(name)
        }
    };
    Some(MenuEntry {
        to,
        label: label.map(|l| l.value),
        location: origin.location(value.at),
    })
}
