//! The routine builder: the page `/routine/`. No I/O.
//!
//! The page explains the builder, lists the rules the site declares and
//! the categories to find products in (all of it readable without
//! JavaScript), and holds the builder's settings as JSON: the slots and
//! steps, the rules in the form `routine-plan.js` checks them, where the data
//! lives (`data/<category>.json`, see `category_data`). The checks that
//! need two products run in the browser, on the reader's own routine;
//! those a product fails alone are worked out at build time, and shown on
//! its usage card too.

use serde::Serialize;

use super::category_data::script_json;
use super::views::{CategoryCard, PageMeta, RuleView};
use super::{PageKind, Reads, Renderer};
use vial_site::config::RuleKind;
use vial_site::model::Product;
use vial_site::model::rules::broken_alone;

/// The builder's page below the output.
pub const DIR: &str = "routine";

/// The `/routine/` page's view.
#[derive(Debug, Clone, Serialize)]
pub struct RoutineView {
    /// The builder's settings for `routine-builder.js`: JSON, safe inside a
    /// script element.
    pub settings: String,
    /// The rules the builder checks, as readers see them.
    pub rules: Vec<RuleView>,
    /// Where to find products, by name.
    pub categories: Vec<CategoryCard>,
}

#[derive(Serialize)]
struct Settings<'a> {
    /// Where the per-category files are.
    data: String,
    /// Where product pages are: this, the slug, `/`.
    products: String,
    /// Category slugs in the order of the search index's categories.
    categories: Vec<&'a str>,
    /// The declared slots' labels, then "any time of day" (where products
    /// of `time: any` go; a slot no product is in draws nothing).
    slots: Vec<String>,
    steps: Vec<&'a str>,
    rules: Vec<RuleSettings<'a>>,
}

#[derive(Serialize)]
struct RuleSettings<'a> {
    key: &'a str,
    kind: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    slot: Option<usize>,
    /// `apart`: the groups; `needs` and `above`: the group it is about.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    groups: Vec<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    steps: Vec<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    needs: Option<usize>,
}

impl Renderer<'_> {
    /// The cautions of the rules `p` breaks on its own.
    pub(super) fn rule_cautions(&self, p: &Product) -> Vec<RuleView> {
        let rules = &self.site.config.routine.rules;
        broken_alone(&self.site.config, p)
            .into_iter()
            .map(|i| RuleView {
                key: rules[i].key.clone(),
                message: rules[i].message.clone(),
            })
            .collect()
    }

    /// The routine builder's page.
    pub(super) fn routine_page(
        &self,
        kind: &PageKind,
        context: &mut tera::Context,
        reads: &mut Reads,
    ) -> (&'static str, PageMeta) {
        let view = self.routine_view(reads);
        context.insert("routine", &view);
        let title = self.t("routine.title", &[]);
        let mut meta = self.meta(
            kind,
            "routine",
            &title,
            &self.t("meta.routine_description", &[]),
        );
        meta.breadcrumbs = vec![self.home_crumb(), self.crumb(&title, &self.path_of(kind))];
        ("routine.html", meta)
    }

    fn routine_view(&self, reads: &mut Reads) -> RoutineView {
        let config = &self.site.config;
        let declared = &config.routine;
        let rules = declared
            .rules
            .iter()
            .map(|r| {
                let (groups, steps, needs) = match &r.kind {
                    RuleKind::Apart(groups) => (groups.clone(), Vec::new(), None),
                    RuleKind::OnePerStep(steps) => (Vec::new(), steps.clone(), None),
                    RuleKind::Needs { when, needs } => (vec![*when], Vec::new(), Some(*needs)),
                    RuleKind::Above { when, .. } => (vec![*when], Vec::new(), None),
                };
                RuleSettings {
                    key: &r.key,
                    kind: r.kind.key(),
                    message: &r.message,
                    slot: r.slot,
                    groups,
                    steps,
                    needs,
                }
            })
            .collect();
        let settings = Settings {
            data: self.data_url(),
            products: self.url("products/"),
            categories: self.site.categories.keys().map(String::as_str).collect(),
            slots: (config.usage.slots.iter())
                .map(|s| s.label.clone())
                .chain(
                    (!config.usage.slots.is_empty())
                        .then(|| self.strings.text("usage.any_time", &[])),
                )
                .collect(),
            steps: config
                .usage
                .steps
                .iter()
                .map(|s| s.label.as_str())
                .collect(),
            rules,
        };
        RoutineView {
            settings: script_json(&settings),
            rules: declared
                .rules
                .iter()
                .map(|r| RuleView {
                    key: r.key.clone(),
                    message: r.message.clone(),
                })
                .collect(),
            categories: self.category_cards(reads),
        }
    }
}
