//! The static files of the theme and the site, copied as they are into the
//! output, and the names they are published under: a browser may keep a
//! stylesheet or a font for a long time once its name carries a hash of
//! its bytes (`fingerprint_assets`). Its own place because these files are
//! never parsed, only listed and, for the hash, read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::walk::list_files;
use super::{STATIC, THEMES};
use crate::config::Config;
use crate::default_theme;
use vial_base::diagnostic::Diagnostic;

/// A file copied as is into the output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum StaticFile {
    /// A file on disk, at an absolute path.
    Disk { from: PathBuf, to: PathBuf },
    /// A file of the theme built into vial.
    Builtin { bytes: &'static [u8], to: PathBuf },
}

impl StaticFile {
    pub fn target(&self) -> &Path {
        match self {
            StaticFile::Disk { to, .. } | StaticFile::Builtin { to, .. } => to,
        }
    }

    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
        match self {
            StaticFile::Builtin { bytes, .. } => Ok(std::borrow::Cow::Borrowed(bytes)),
            StaticFile::Disk { from, .. } => std::fs::read(from).map(std::borrow::Cow::Owned),
        }
    }

    /// The same file published under another name.
    fn published_as(&self, name: PathBuf) -> StaticFile {
        match self {
            StaticFile::Disk { from, .. } => StaticFile::Disk {
                from: from.clone(),
                to: name,
            },
            StaticFile::Builtin { bytes, .. } => StaticFile::Builtin { bytes, to: name },
        }
    }
}

/// Where each static file is published, by the name templates ask
/// `asset(path=...)` for (`style.css` → `style.3f9a01c2.css`).
pub type Assets = BTreeMap<String, String>;

/// Files a browser may cache for a long time once their name carries a hash
/// of their bytes.
const FINGERPRINTED: &[&str] = &[
    "css", "js", "mjs", "svg", "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "woff", "woff2",
];

/// The static files of the theme and the site, with what templates call
/// them, and the links among them that lead out of the site.
pub(super) fn list_static(config: &Config) -> (Vec<StaticFile>, Assets, Vec<Diagnostic>) {
    let mut by_target: BTreeMap<PathBuf, StaticFile> = BTreeMap::new();
    let mut problems = Vec::new();
    let theme_dir = config.root.join(THEMES).join(&config.theme);
    if theme_dir.is_dir() {
        add_static_dir(
            config,
            &theme_dir.join(STATIC),
            &mut by_target,
            &mut problems,
        );
    } else if config.theme == default_theme::DEFAULT {
        for (name, bytes) in default_theme::STATIC {
            let to = PathBuf::from(name);
            by_target.insert(to.clone(), StaticFile::Builtin { bytes, to });
        }
    }
    add_static_dir(
        config,
        &config.root.join(STATIC),
        &mut by_target,
        &mut problems,
    );
    let mut assets = Assets::new();
    let mut files = Vec::with_capacity(by_target.len());
    for file in by_target.into_values() {
        let name = file.target().to_string_lossy().replace('\\', "/");
        let hashed = config
            .fingerprint_assets
            .then(|| fingerprinted_name(&file))
            .flatten();
        // The plain name stays published too: a stylesheet's `url(font.woff2)`
        // and links from outside the site keep working.
        if let Some(hashed) = hashed {
            assets.insert(name, hashed.to_string_lossy().replace('\\', "/"));
            files.push(file.published_as(hashed));
        } else {
            assets.insert(name.clone(), name);
        }
        files.push(file);
    }
    (files, assets, problems)
}

/// `css/style.css` → `css/style.1a2b3c4d.css`, for the kinds of files a
/// browser caches; `None` for others or when the file cannot be read (the
/// copy reports that).
fn fingerprinted_name(file: &StaticFile) -> Option<PathBuf> {
    let target = file.target();
    let extension = target.extension()?.to_str()?;
    if !FINGERPRINTED.contains(&extension.to_ascii_lowercase().as_str()) {
        return None;
    }
    let bytes = file.read().ok()?;
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    let stem = target.file_stem()?.to_string_lossy();
    Some(target.with_file_name(format!("{stem}.{:08x}.{extension}", hash as u32)))
}

/// Adds the files under `dir` to `by_target`, each published at its path
/// below `dir` (replacing the theme's file of that name); links out of the
/// site go into `problems`.
fn add_static_dir(
    config: &Config,
    dir: &Path,
    by_target: &mut BTreeMap<PathBuf, StaticFile>,
    problems: &mut Vec<Diagnostic>,
) {
    let listed = list_files(&config.root, dir, &[]);
    problems.extend(listed.problems(&config.root));
    for from in listed.files {
        let to = from.strip_prefix(dir).unwrap_or(&from).to_path_buf();
        by_target.insert(to.clone(), StaticFile::Disk { from, to });
    }
}
