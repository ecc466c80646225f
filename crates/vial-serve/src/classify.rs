//! Which file-system events mean the site's sources changed.
//!
//! In: one watch event (its kind and absolute paths) and the `Scope` of the
//! site. Out: the source paths it names, relative to the site root, ready for
//! `Session::rebuild`. Pure: it never touches the disk, so every rule is
//! unit-tested below.
//!
//! It must never let through what vial itself writes (the output folder, its
//! staging and old siblings, `.vial-tmp` files), what editors leave beside a
//! file they save (`load::is_ignored`: vim's `.swp` and `4913`, `~`, emacs's
//! `#…#` and `.#…`, JetBrains' `___jb_tmp___`), nor a plain read: on Linux
//! notify reports reads as `Access` events, and a server that reacts to its
//! own reads rebuilds forever.

use std::path::{Component, Path, PathBuf};

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{Event, EventKind};

use vial_site::config::CONFIG_FILE;
use vial_site::load::is_ignored;

/// What the site is built from, as the watcher sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    root: PathBuf,
    output: PathBuf,
    /// Relative to the root: `site.yaml`, `content`, `templates`, `static`,
    /// `i18n` and `themes/<theme>`.
    sources: Vec<PathBuf>,
}

impl Scope {
    /// `root` and `output` absolute, as the watcher reports paths.
    pub fn new(root: impl Into<PathBuf>, output: impl Into<PathBuf>, theme: &str) -> Self {
        use vial_site::load::{SOURCE_FOLDERS, THEMES};
        let sources = std::iter::once(CONFIG_FILE)
            .chain(SOURCE_FOLDERS.into_iter().filter(|f| *f != THEMES))
            .map(PathBuf::from)
            .chain([Path::new(THEMES).join(theme)])
            .collect();
        Self {
            root: root.into(),
            output: output.into(),
            sources,
        }
    }

    /// The source path that `absolute` names, relative to the root, if a
    /// change to it can change the site. The root itself comes back empty,
    /// which `Session::rebuild` takes as "everything".
    pub fn source_path(&self, absolute: &Path) -> Option<PathBuf> {
        if absolute.starts_with(&self.output) {
            return None;
        }
        let relative = absolute.strip_prefix(&self.root).ok()?;
        // Hidden names cover the output's `.public.vial-staging` and
        // `.public.vial-old` siblings and the `.x.vial-tmp` files.
        let skipped = relative.components().any(|c| match c {
            Component::Normal(name) => is_ignored(&name.to_string_lossy()),
            _ => true,
        });
        if skipped {
            return None;
        }
        // A folder above a source (`themes` for `themes/default`) may add or
        // remove the whole source.
        self.sources
            .iter()
            .any(|s| relative.starts_with(s) || s.starts_with(relative))
            .then(|| relative.to_path_buf())
    }
}

/// What a watch event means for the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Classified {
    /// Nothing the site is built from.
    Ignored,
    /// These source paths, relative to the root, changed.
    Paths(Vec<PathBuf>),
    /// The watcher lost events: anything may have changed.
    Rescan,
}

/// Sorts one watch event.
pub fn classify(event: &Event, scope: &Scope) -> Classified {
    if event.need_rescan() {
        return Classified::Rescan;
    }
    if is_read(&event.kind) {
        return Classified::Ignored;
    }
    let paths: Vec<PathBuf> = event
        .paths
        .iter()
        .filter_map(|p| scope.source_path(p))
        .collect();
    if paths.is_empty() {
        Classified::Ignored
    } else {
        Classified::Paths(paths)
    }
}

/// Events that change no bytes: opening, reading, closing a file read, or a
/// new access time. Closing a file that was written is a change: it is the
/// one event that says a save has finished.
fn is_read(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => false,
        EventKind::Access(_) => true,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use notify::event::{CreateKind, DataChange, Flag, RemoveKind, RenameMode};

    use super::*;

    fn scope() -> Scope {
        Scope::new("/site", "/site/public", "default")
    }

    fn event(kind: EventKind, paths: &[&str]) -> Event {
        paths
            .iter()
            .fold(Event::new(kind), |e, p| e.add_path(PathBuf::from(p)))
    }

    fn modified(path: &str) -> Event {
        event(
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            &[path],
        )
    }

    fn paths(list: &[&str]) -> Classified {
        Classified::Paths(list.iter().map(PathBuf::from).collect())
    }

    #[test]
    fn sources_come_back_relative_to_the_root() {
        let s = scope();
        for path in [
            "site.yaml",
            "content/products/a.yaml",
            "content/guides/g.md",
            "templates/product.html",
            "static/img/logo.png",
            "themes/default/templates/base.html",
            "themes/default/static/style.css",
        ] {
            assert_eq!(
                classify(&modified(&format!("/site/{path}")), &s),
                paths(&[path]),
                "{path}"
            );
        }
    }

    #[test]
    fn the_output_and_its_siblings_are_ignored() {
        let s = scope();
        for path in [
            "/site/public/index.html",
            "/site/public",
            "/site/public/products/.index.html.vial-tmp",
            "/site/.public.vial-staging/index.html",
            "/site/.public.vial-old",
        ] {
            assert_eq!(classify(&modified(path), &s), Classified::Ignored, "{path}");
        }
    }

    #[test]
    fn an_output_folder_inside_the_sources_is_still_ignored() {
        let s = Scope::new("/site", "/site/static/built", "default");
        assert_eq!(
            classify(&modified("/site/static/built/index.html"), &s),
            Classified::Ignored
        );
        assert_eq!(
            classify(&modified("/site/static/a.css"), &s),
            paths(&["static/a.css"])
        );
    }

    #[test]
    fn editor_temp_files_are_ignored() {
        let s = scope();
        for name in [
            ".a.yaml.swp",
            ".a.yaml.swo",
            ".a.yaml.swx",
            "a.yaml.swpx",
            "a.yaml~",
            "4913",
            ".#a.yaml",
            "#a.yaml#",
            "a.yaml___jb_tmp___",
            "a.yaml___jb_old___",
            "a.yaml___jb_bak___",
            ".a.yaml.kate-swp",
            "a.yaml.tmp",
            ".hidden",
        ] {
            let path = format!("/site/content/products/{name}");
            assert_eq!(
                classify(&modified(&path), &s),
                Classified::Ignored,
                "{name}"
            );
        }
    }

    #[test]
    fn files_inside_hidden_folders_are_ignored() {
        assert_eq!(
            classify(&modified("/site/content/.git/HEAD"), &scope()),
            Classified::Ignored
        );
    }

    #[test]
    fn a_hidden_root_is_no_reason_to_ignore_its_files() {
        let s = Scope::new("/tmp/.tmpAbc", "/tmp/.tmpAbc/public", "default");
        assert_eq!(
            classify(&modified("/tmp/.tmpAbc/site.yaml"), &s),
            paths(&["site.yaml"])
        );
    }

    #[test]
    fn reads_are_ignored_but_a_finished_write_is_not() {
        let s = scope();
        let path = "/site/content/products/a.yaml";
        for kind in [
            AccessKind::Read,
            AccessKind::Open(AccessMode::Any),
            AccessKind::Close(AccessMode::Read),
            AccessKind::Any,
        ] {
            assert_eq!(
                classify(&event(EventKind::Access(kind), &[path]), &s),
                Classified::Ignored,
                "{kind:?}"
            );
        }
        let atime = EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime));
        assert_eq!(classify(&event(atime, &[path]), &s), Classified::Ignored);
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert_eq!(
            classify(&event(closed, &[path]), &s),
            paths(&["content/products/a.yaml"])
        );
    }

    #[test]
    fn an_atomic_save_names_the_saved_file_only() {
        let rename = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let e = event(
            rename,
            &[
                "/site/content/products/.a.yaml.swp",
                "/site/content/products/a.yaml",
            ],
        );
        assert_eq!(classify(&e, &scope()), paths(&["content/products/a.yaml"]));
    }

    #[test]
    fn a_rename_between_sources_names_both_ends() {
        let rename = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let e = event(
            rename,
            &[
                "/site/content/products/a.yaml",
                "/site/content/products/b.yaml",
            ],
        );
        assert_eq!(
            classify(&e, &scope()),
            paths(&["content/products/a.yaml", "content/products/b.yaml"])
        );
    }

    #[test]
    fn whole_folders_added_or_removed_count() {
        let s = scope();
        let created = event(EventKind::Create(CreateKind::Folder), &["/site/content"]);
        assert_eq!(classify(&created, &s), paths(&["content"]));
        let removed = event(EventKind::Remove(RemoveKind::Folder), &["/site/themes"]);
        assert_eq!(classify(&removed, &s), paths(&["themes"]));
    }

    #[test]
    fn only_the_theme_in_use_is_watched() {
        let s = scope();
        assert_eq!(
            classify(&modified("/site/themes/other/templates/base.html"), &s),
            Classified::Ignored
        );
    }

    #[test]
    fn other_files_of_the_root_are_ignored() {
        let s = scope();
        for path in [
            "/site/README.md",
            "/site/target/debug/vial",
            "/site/site.yaml.bak",
            "/elsewhere/site.yaml",
        ] {
            assert_eq!(classify(&modified(path), &s), Classified::Ignored, "{path}");
        }
    }

    #[test]
    fn the_root_itself_means_everything() {
        let removed = event(EventKind::Remove(RemoveKind::Folder), &["/site"]);
        assert_eq!(classify(&removed, &scope()), paths(&[""]));
    }

    #[test]
    fn lost_events_ask_for_a_rescan() {
        let e = Event::new(EventKind::Other).set_flag(Flag::Rescan);
        assert_eq!(classify(&e, &scope()), Classified::Rescan);
    }
}
