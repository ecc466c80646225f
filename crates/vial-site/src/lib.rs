//! The site as vial understands it: `site.yaml` read (`config`), the files
//! loaded (`load`), checked into a typed model (`model`) and cross-linked
//! (`link`), with the schedules, interface strings and markdown dialect
//! they are written in.

pub mod config;
pub mod default_theme;
pub mod i18n;
pub mod link;
pub mod load;
pub mod markdown;
pub mod model;
pub mod schedule;
pub mod schema;
pub mod words;
