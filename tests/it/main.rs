//! vial's integration tests, in one binary (one link of the whole
//! dependency graph, not one per file): each module builds real sites in
//! temporary folders and reads what came out.

mod common;

mod aliases;
mod bounds;
mod build;
mod corpus;
mod docs;
mod error_codes;
mod errors;
mod filters;
mod i18n;
mod images;
mod incremental;
mod language_words;
mod languages;
mod languages_omit;
mod links;
mod markdown_memory;
mod menus;
mod names;
mod output;
mod pages;
mod picker;
mod publish;
mod reminders;
mod renames;
mod routine;
mod schedules;
mod schema;
mod search;
mod search_names;
#[cfg(feature = "serve")]
mod serve;
mod shop_links;
mod similar;
mod snapshots;
mod terms;
mod translation_status;
