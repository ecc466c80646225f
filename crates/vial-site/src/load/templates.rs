//! What pages are written with: the templates and the interface strings of
//! the theme (a folder of `themes/`, or the theme built into vial), each
//! replaced by the site's own file of the same name. Its own place because
//! these are read whole and again on any change to them, where content is
//! read file by file, and because a change here may touch every page
//! (`TemplateChange`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use super::walk::{self, list_files};
use super::{STRINGS, TEMPLATES, THEMES, read_source};
use crate::config::Config;
use crate::default_theme;
use vial_base::diagnostic::{Code, Diagnostic, Diagnostics, Location, SourceFile};

/// A template by the name tera knows it (`product.html`), with its file.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub name: String,
    pub file: SourceFile,
}

/// What a reload changed of the templates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum TemplateChange {
    #[default]
    Unchanged,
    /// These templates (by name) were edited, added or removed.
    Only(BTreeSet<String>),
    /// Something every template uses: the strings, or assets' names.
    All,
}

impl TemplateChange {
    pub fn any(&self) -> bool {
        *self != TemplateChange::Unchanged
    }

    pub(super) fn and(self, other: TemplateChange) -> TemplateChange {
        use TemplateChange::*;
        match (self, other) {
            (All, _) | (_, All) => All,
            (Unchanged, change) | (change, Unchanged) => change,
            (Only(mut names), Only(more)) => {
                names.extend(more);
                Only(names)
            }
        }
    }

    /// The templates whose text differs between `before` and `after`.
    pub(super) fn between(before: &[TemplateSource], after: &[TemplateSource]) -> TemplateChange {
        let texts = |templates: &[TemplateSource]| -> BTreeMap<String, Arc<str>> {
            templates
                .iter()
                .map(|t| (t.name.clone(), t.file.text.clone()))
                .collect()
        };
        let (before, after) = (texts(before), texts(after));
        let changed: BTreeSet<String> = before
            .keys()
            .chain(after.keys())
            .filter(|name| before.get(*name) != after.get(*name))
            .cloned()
            .collect();
        if changed.is_empty() {
            TemplateChange::Unchanged
        } else {
            TemplateChange::Only(changed)
        }
    }
}

/// The strings files for the site's language: the theme's (English when the
/// theme has none for it, with a warning), then the site's own
/// `i18n/<language>.yaml`.
pub(super) fn load_strings(config: &Config, problems: &mut Diagnostics) -> Vec<SourceFile> {
    let language = &config.language;
    let file_name = format!("{language}.yaml");
    let theme_dir = config.root.join(THEMES).join(&config.theme).join(STRINGS);
    let theme_file = |name: &str| -> Option<SourceFile> {
        if theme_dir.is_dir() {
            let relative = Path::new(THEMES)
                .join(&config.theme)
                .join(STRINGS)
                .join(name);
            read_inside(config, &relative).ok()
        } else if config.theme == default_theme::DEFAULT {
            default_theme::STRINGS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(n, text)| SourceFile::new(format!("(built-in theme)/i18n/{n}"), *text))
        } else {
            None
        }
    };
    let mut files = Vec::new();
    // A theme that does not exist is reported once, where it is named.
    let theme_exists =
        theme_dir.parent().is_some_and(Path::is_dir) || config.theme == default_theme::DEFAULT;
    match theme_file(&file_name) {
        _ if !theme_exists => {}
        Some(file) => files.push(file),
        None => {
            files.extend(theme_file("en.yaml"));
            problems.push(
                Diagnostic::error(
                    Code::MissingString,
                    config
                        .language_location
                        .clone()
                        .unwrap_or_else(|| Location::file(&config.source.path)),
                    format!("the theme has no strings for `{language}`; its English ones are used"),
                )
                .with_help(format!(
                    "translate them in i18n/{file_name} (the theme's i18n/en.yaml lists every key)"
                ))
                .into_warning(),
            );
        }
    }
    let site_file = Path::new(STRINGS).join(&file_name);
    if config.root.join(&site_file).is_file() {
        match read_inside(config, &site_file) {
            Ok(file) => files.push(file),
            Err(d) => problems.push(d),
        }
    }
    files
}

/// `read_source` for a file the loader names rather than finds in a walk:
/// a link out of the site folder is refused there too.
fn read_inside(config: &Config, relative: &Path) -> Result<SourceFile, Diagnostic> {
    let absolute = config.root.join(relative);
    if absolute.is_symlink() {
        let real_root = config
            .root
            .canonicalize()
            .unwrap_or_else(|_| config.root.clone());
        if let Some(target) = walk::leads_outside(&real_root, &absolute) {
            return Err(walk::outside_problem(&config.root, &absolute, &target));
        }
    }
    read_source(&config.root, relative, config.limits.text_file)
}

/// The theme's templates with the site's own in their place, file by file;
/// a theme that is not there is reported where site.yaml names it.
pub(super) fn load_templates(config: &Config, problems: &mut Diagnostics) -> Vec<TemplateSource> {
    let mut by_name: BTreeMap<String, TemplateSource> = BTreeMap::new();
    let theme_dir = config.root.join(THEMES).join(&config.theme);
    if theme_dir.is_dir() {
        read_templates(config, &theme_dir.join(TEMPLATES), &mut by_name, problems);
    } else if config.theme == default_theme::DEFAULT {
        for (name, text) in default_theme::TEMPLATES {
            let file = SourceFile::new(format!("(built-in theme)/templates/{name}"), *text);
            by_name.insert(
                name.to_string(),
                TemplateSource {
                    name: name.to_string(),
                    file,
                },
            );
        }
    } else {
        let location = config
            .theme_location
            .clone()
            .unwrap_or_else(|| Location::file(&config.source.path));
        problems.push(
            config
                .source
                .error(
                    Code::UnknownTheme,
                    location,
                    format!("theme `{}` not found", config.theme),
                )
                .with_help(format!(
                    "create `themes/{}/templates/`, or set `theme: default` (the theme built into vial)",
                    config.theme
                )),
        );
    }
    // The site's own templates replace the theme's, file by file.
    read_templates(config, &config.root.join(TEMPLATES), &mut by_name, problems);
    by_name.into_values().collect()
}

/// Adds the templates of `dir` (`html`, `xml`, `txt`) to `by_name`, each
/// under its path below `dir`, replacing one of the same name.
fn read_templates(
    config: &Config,
    dir: &Path,
    by_name: &mut BTreeMap<String, TemplateSource>,
    problems: &mut Diagnostics,
) {
    let root = &config.root;
    let listed = list_files(root, dir, &["html", "xml", "txt"]);
    problems.extend(listed.problems(root));
    for absolute in listed.files {
        let name = absolute
            .strip_prefix(dir)
            .unwrap_or(&absolute)
            .to_string_lossy()
            .replace('\\', "/");
        let relative = absolute.strip_prefix(root).unwrap_or(&absolute);
        match read_source(root, relative, config.limits.text_file) {
            Ok(file) => {
                by_name.insert(name.clone(), TemplateSource { name, file });
            }
            Err(d) => problems.push(d),
        }
    }
}
