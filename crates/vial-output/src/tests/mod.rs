use std::fs;
use std::path::Path;

use super::manifest::{self, Manifest};
use super::update::BIG_FILE;
use super::*;
use vial_base::diagnostic::Code;

mod hostile;

/// The site folder of an output `dir` in these tests: its parent.
fn root_of(dir: &Path) -> &Path {
    dir.parent().unwrap()
}

fn open(dir: &Path, force: bool) -> Result<Output, Diagnostic> {
    Output::open(root_of(dir), dir, force)
}

fn place(dir: &Path) -> Place {
    Place::of(root_of(dir), dir)
}

/// Builds `files` into `dir` the way a full build does.
fn build(dir: &Path, files: &[(&str, &str)], force: bool) -> Result<Committed, Failed> {
    let mut output = open(dir, force).map_err(|d| Failed {
        problems: d.into(),
        previous: Previous::Untouched,
    })?;
    let update = output.begin().map_err(|d| Failed {
        problems: d.into(),
        previous: Previous::Untouched,
    })?;
    for (path, text) in files {
        update.put(path, text.as_bytes());
    }
    let committed = update.commit(Removal::Unwritten);
    output.finish_cleanup();
    committed
}

/// A site folder with `files` built into its `public/`.
fn built(files: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    build(&out, files, false).unwrap();
    (site, out)
}

/// Every file below `dir` with its text, but vial's marker and its own
/// folders.
fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| {
            !(e.depth() == 1 && e.file_name().to_string_lossy().starts_with(".vial-"))
        })
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let path = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (path, fs::read_to_string(e.path()).unwrap_or_default())
        })
        .collect();
    files.sort();
    files
}

/// vial's own entries at the top of `dir` (marker, staging, spares).
fn bookkeeping(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".vial-"))
        .collect();
    names.sort();
    names
}

fn mtime(path: &Path) -> std::time::SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn a_rebuild_writes_only_what_changed_and_deletes_only_what_vial_wrote() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    let first = build(
        &out,
        &[
            ("index.html", "home"),
            ("a/index.html", "a"),
            ("b/index.html", "b"),
        ],
        false,
    )
    .unwrap();
    assert_eq!((first.written, first.unchanged, first.removed), (3, 0, 0));
    fs::write(out.join("CNAME"), "example.org").unwrap();
    let before = mtime(&out.join("index.html"));

    let same = build(
        &out,
        &[
            ("index.html", "home"),
            ("a/index.html", "a"),
            ("b/index.html", "b"),
        ],
        false,
    )
    .unwrap();
    assert_eq!((same.written, same.unchanged, same.removed), (0, 3, 0));
    assert_eq!(mtime(&out.join("index.html")), before);

    let edit = build(
        &out,
        &[("index.html", "home"), ("a/index.html", "A!")],
        false,
    )
    .unwrap();
    assert_eq!((edit.written, edit.unchanged, edit.removed), (1, 1, 1));
    assert_eq!(
        tree(&out),
        [
            ("CNAME".to_string(), "example.org".to_string()),
            ("a/index.html".into(), "A!".into()),
            ("index.html".into(), "home".into()),
        ]
    );
    assert!(!out.join("b").exists(), "the emptied folder goes too");
    assert_eq!(bookkeeping(&out), [MARKER], "no staging left");
}

#[test]
fn a_file_edited_by_hand_is_not_overwritten_but_one_only_touched_is() {
    let (_site, out) = built(&[("index.html", "home"), ("a.html", "a")]);
    // The same bytes written again: a new time, nothing lost.
    fs::write(out.join("index.html"), "home").unwrap();
    let again = build(&out, &[("index.html", "home!"), ("a.html", "a")], false).unwrap();
    assert_eq!(again.written, 1);
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "home!");

    fs::write(out.join("index.html"), "edited by hand").unwrap();
    let before = tree(&out);
    let refused = build(&out, &[("index.html", "home"), ("a.html", "A")], false).unwrap_err();
    assert_eq!(refused.previous, Previous::Untouched);
    let problem = &refused.problems.0[0];
    assert_eq!(problem.code, Code::OutputConflict);
    assert!(
        problem.message.contains("changed since vial wrote it"),
        "{problem}"
    );
    assert!(problem.message.contains("index.html"), "{problem}");
    assert_eq!(tree(&out), before, "not even the other file changed");
    // Deleted by the person who edited it, it is written again.
    fs::remove_file(out.join("index.html")).unwrap();
    build(&out, &[("index.html", "home"), ("a.html", "A")], false).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "home");
}

#[test]
fn a_file_vial_did_not_write_is_never_replaced() {
    let (_site, out) = built(&[("index.html", "home")]);
    fs::create_dir_all(out.join("about")).unwrap();
    fs::write(out.join("about/index.html"), "mine").unwrap();
    let before = tree(&out);
    let failed = build(
        &out,
        &[("index.html", "new home"), ("about/index.html", "about")],
        false,
    )
    .unwrap_err();
    assert_eq!(failed.previous, Previous::Untouched);
    assert_eq!(failed.problems.0[0].code, Code::OutputConflict);
    assert_eq!(tree(&out), before);
}

#[test]
fn a_folder_vial_did_not_write_is_refused_unless_forced() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("docs");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("notes.txt"), "precious").unwrap();
    let refused = build(&out, &[("index.html", "home")], false).unwrap_err();
    assert_eq!(refused.problems.0[0].code, Code::OutputNotOurs);
    assert!(
        refused.problems.0[0]
            .help
            .as_deref()
            .unwrap()
            .contains("--force")
    );
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).unwrap(),
        "precious"
    );

    build(&out, &[("index.html", "home")], true).unwrap();
    assert_eq!(tree(&out), [("index.html".to_string(), "home".to_string())]);
}

#[test]
fn an_empty_folder_is_taken_and_a_file_is_refused() {
    let site = tempfile::tempdir().unwrap();
    let empty = site.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    build(&empty, &[("index.html", "home")], false).unwrap();
    assert!(empty.join(MARKER).is_file());
    assert!(Manifest::read(&place(&empty)).unwrap().is_some());

    let file = site.path().join("out.txt");
    fs::write(&file, "a file").unwrap();
    for force in [false, true] {
        let refused = build(&file, &[("index.html", "home")], force).unwrap_err();
        assert!(refused.problems.0[0].message.contains("is a file"));
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), "a file");
}

#[test]
fn an_update_dropped_before_commit_changes_nothing() {
    let (site, out) = built(&[("index.html", "home")]);
    let before = tree(&out);
    {
        let mut output = open(&out, false).unwrap();
        let update = output.begin().unwrap();
        update.put("index.html", b"half a build");
        update.put("new/index.html", b"new");
    }
    assert_eq!(tree(&out), before);
    assert_eq!(bookkeeping(&out), [MARKER]);

    let fresh = site.path().join("fresh");
    {
        let mut output = open(&fresh, false).unwrap();
        let update = output.begin().unwrap();
        update.put("index.html", b"half a first build");
    }
    assert!(
        !fresh.exists(),
        "a failed first build leaves nothing behind"
    );
}

#[test]
fn what_a_killed_build_left_is_cleared_and_the_next_build_finishes() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    // A first build killed halfway: the folder is marked, its record is
    // partial.
    let tag = 0x1234;
    fs::create_dir_all(out.join("old")).unwrap();
    fs::write(out.join("old/index.html"), "half").unwrap();
    state::write_marker(&out, tag).unwrap();
    let partial = Manifest {
        partial: true,
        ..Manifest::new(tag)
    };
    partial.write(&place(&out)).unwrap();
    // And a later build killed while staging, whose folder the state
    // names; beside it a folder of that look that vial did not make.
    let staging = ".vial-staging-00000000000000aa";
    fs::create_dir_all(out.join(staging)).unwrap();
    fs::write(out.join(staging).join("0"), "staged").unwrap();
    place(&out)
        .write("pending", "pending", format!("{staging}\n").as_bytes())
        .unwrap();
    // A first build's folder is adopted whole: its files are replaced.
    build(&out, &[("index.html", "home")], false).unwrap();
    assert_eq!(tree(&out), [("index.html".to_string(), "home".to_string())]);
    assert_eq!(bookkeeping(&out), [MARKER]);
    assert_eq!(state::read_marker(&out), Some(tag), "the same folder");

    // A folder that looks like vial's, named by a list vial did not write:
    // of what is in it, only what vial names as it does there could go.
    let foreign = ".vial-staging-00000000000000bb";
    fs::create_dir_all(out.join(foreign)).unwrap();
    fs::write(out.join(foreign).join("notes.txt"), "not vial's").unwrap();
    place(&out)
        .write("pending", "pending", format!("{foreign}\n").as_bytes())
        .unwrap();
    build(&out, &[("index.html", "home")], false).unwrap();
    assert_eq!(bookkeeping(&out), [MARKER, foreign]);
    assert_eq!(
        fs::read_to_string(out.join(foreign).join("notes.txt")).unwrap(),
        "not vial's"
    );
}

#[cfg(unix)]
#[test]
fn a_full_disk_is_one_error_and_leaves_nothing_behind() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    let mut output = open(&out, false).unwrap();
    let update = output.begin().unwrap();
    // Every page lands on /dev/full, which answers every write with ENOSPC.
    for i in 0..100 {
        std::os::unix::fs::symlink("/dev/full", out.join(format!("p{i}.html"))).unwrap();
    }
    std::thread::scope(|s| {
        for chunk in 0..4 {
            let update = &update;
            s.spawn(move || {
                for i in (chunk * 25)..(chunk * 25 + 25) {
                    update.put(&format!("p{i}.html"), b"page");
                }
            });
        }
    });
    let failed = update.commit(Removal::Unwritten).unwrap_err();
    assert_eq!(failed.problems.0.len(), 1, "{}", failed.problems);
    let problem = &failed.problems.0[0];
    assert!(problem.message.contains("the disk is full"), "{problem}");
    assert!(
        problem.message.contains(".html`"),
        "names a page: {problem}"
    );
    assert!(problem.message.contains("(and 99 more files)"), "{problem}");
    assert!(problem.help.as_deref().unwrap().contains("free some space"));
    assert_eq!(failed.previous, Previous::None);
    assert!(!out.exists());
}

#[test]
fn a_rebuild_that_names_what_went_keeps_the_rest() {
    let (_site, out) = built(&[
        ("index.html", "home"),
        ("a/index.html", "a"),
        ("b/index.html", "b"),
    ]);
    let mut output = open(&out, false).unwrap();
    let update = output.begin().unwrap();
    update.put("a/index.html", b"A!");
    let gone = ["b/index.html".to_string(), "never-written.html".to_string()];
    let done = update.commit(Removal::Only(&gone)).unwrap();
    assert_eq!((done.written, done.removed), (1, 1));
    output.settle();
    let manifest = Manifest::read(&place(&out)).unwrap().unwrap();
    let mut listed: Vec<&String> = manifest.files.keys().collect();
    listed.sort();
    assert_eq!(listed, ["a/index.html", "index.html"]);
}

#[test]
fn a_rebuild_that_keeps_every_path_lists_the_new_bytes_once_settled() {
    let (_site, out) = built(&[("index.html", "home"), ("a/index.html", "a")]);
    let mut output = open(&out, false).unwrap();
    let update = output.begin().unwrap();
    update.put("a/index.html", b"A!");
    let done = update.commit(Removal::Only(&[])).unwrap();
    assert_eq!((done.written, done.removed), (1, 0));
    // Until the write lands, the manifest on disk lists the same files.
    let listed = |manifest: &Manifest| {
        let mut paths: Vec<String> = manifest.files.keys().cloned().collect();
        paths.sort();
        paths
    };
    let early = Manifest::read(&place(&out)).unwrap().unwrap();
    assert_eq!(listed(&early), ["a/index.html", "index.html"]);
    output.settle();
    let manifest = Manifest::read(&place(&out)).unwrap().unwrap();
    assert_eq!(listed(&manifest), ["a/index.html", "index.html"]);
    assert_eq!(manifest.files["a/index.html"].hash, manifest::hash(b"A!"));
    let temporary = fs::read_dir(&place(&out).folder)
        .unwrap()
        .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"));
    assert!(!temporary);
    // The next build knows the file is as written: nothing to write.
    let mut output = open(&out, false).unwrap();
    let update = output.begin().unwrap();
    update.put("a/index.html", b"A!");
    update.put("index.html", b"home");
    let done = update.commit(Removal::Unwritten).unwrap();
    assert_eq!(done.written, 0);
}

#[test]
fn a_rebuild_whose_manifest_never_lands_leaves_a_folder_the_next_build_finishes() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    let first = [
        ("index.html", "home"),
        ("a/index.html", "a"),
        ("b/index.html", "b"),
    ];
    build(&out, &first, false).unwrap();
    let old = Manifest::read(&place(&out)).unwrap().unwrap();
    let mut output = open(&out, false).unwrap();
    let update = output.begin().unwrap();
    update.put("a/index.html", b"A!");
    update.put("c/index.html", b"c");
    update
        .commit(Removal::Only(&["b/index.html".to_string()]))
        .unwrap();
    output.settle();
    let now = Manifest::read(&place(&out)).unwrap().unwrap();
    // What the state holds if the rebuild's own manifest is never
    // written: the last one, and beside it the files it moved in.
    old.write(&place(&out)).unwrap();
    let added = ["a/index.html", "c/index.html"].map(|p| now.files.get_key_value(p).unwrap());
    Manifest::write_added(&place(&out), old.tag, added.into_iter()).unwrap();
    let listed = Manifest::read(&place(&out)).unwrap().unwrap();
    assert!(listed.files.contains_key("b/index.html"));
    assert!(listed.files.contains_key("c/index.html"));
    let next = [
        ("index.html", "home"),
        ("a/index.html", "A!"),
        ("c/index.html", "c"),
    ];
    build(&out, &next, false).unwrap();
    assert_eq!(
        tree(&out),
        [
            ("a/index.html".to_string(), "A!".to_string()),
            ("c/index.html".to_string(), "c".to_string()),
            ("index.html".to_string(), "home".to_string()),
        ]
    );
    let manifest = Manifest::read(&place(&out)).unwrap().unwrap();
    assert!(!manifest.files.contains_key("b/index.html"));
    assert!(
        !place(&out).file("added").exists(),
        "the list of added files went"
    );
}

#[test]
fn a_big_file_is_replaced_like_any_other() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    let old = "a".repeat(BIG_FILE as usize + 1);
    let new = "b".repeat(BIG_FILE as usize + 7);
    let site_with = |json: &str| {
        build(
            &out,
            &[("products.json", json), ("index.html", "home")],
            false,
        )
        .unwrap()
    };
    site_with(&old);
    let done = site_with(&new);
    assert_eq!((done.written, done.unchanged), (1, 1));
    assert_eq!(fs::read_to_string(out.join("products.json")).unwrap(), new);
    let again = site_with(&new);
    assert_eq!((again.written, again.unchanged), (0, 2));
}

#[test]
fn a_file_of_many_pieces_is_written_whole_and_kept_as_its_bytes() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    // More pieces than one system call takes, some of them empty.
    let texts: Vec<String> = (0..3000)
        .map(|n| {
            if n % 7 == 0 {
                String::new()
            } else {
                format!("{n},")
            }
        })
        .collect();
    let pieces: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
    let whole = texts.concat();
    let mut output = open(&out, false).unwrap();
    let update = output.begin().unwrap();
    update.put_pieces("all.json", &pieces, manifest::hash(whole.as_bytes()));
    update.commit(Removal::Unwritten).unwrap();
    assert_eq!(fs::read_to_string(out.join("all.json")).unwrap(), whole);
    // The same bytes in one piece are the same file: nothing to write.
    let again = build(&out, &[("all.json", &whole)], false).unwrap();
    assert_eq!((again.written, again.unchanged), (0, 1));
}

/// Hands `text` to `write` in pieces of 7 bytes.
fn made(text: &str, write: &mut dyn FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
    text.as_bytes().chunks(7).try_for_each(write)
}

#[test]
fn a_file_made_as_it_is_written_has_the_bytes_it_was_made_of() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    let text = "0123456789".repeat(1000);
    let hash = manifest::hash(text.as_bytes());
    // Into a new output, then staged over the file it replaces.
    for version in [text.as_str(), "short"] {
        let mut output = open(&out, false).unwrap();
        let update = output.begin().unwrap();
        let hash = manifest::hash(version.as_bytes());
        update.put_made("all.json", &|write| made(version, write), hash);
        let done = update.commit(Removal::Unwritten).unwrap();
        assert_eq!((done.written, done.unchanged), (1, 0));
        assert_eq!(fs::read_to_string(out.join("all.json")).unwrap(), version);
    }
    // Not made at all when the file already has its bytes.
    build(&out, &[("all.json", &text)], false).unwrap();
    let mut output = open(&out, false).unwrap();
    let update = output.begin().unwrap();
    update.put_made("all.json", &|_| panic!("made again"), hash);
    let done = update.commit(Removal::Unwritten).unwrap();
    assert_eq!((done.written, done.unchanged), (0, 1));
}

#[cfg(unix)]
#[test]
fn a_big_file_is_written_over_the_one_it_replaced_last_time() {
    use std::os::unix::fs::MetadataExt;
    let (_site, out) = built(&[("products.json", "first"), ("index.html", "home")]);
    let mut output = open(&out, false).unwrap();
    output.keep_spares();
    let inode = || fs::metadata(out.join("products.json")).unwrap().ino();
    let mut inodes = Vec::new();
    // Longer, then shorter: what is left of the spare's old bytes goes.
    // Every other version is made as it is written, in pieces.
    for (n, size) in [3, 2, 4, 1].into_iter().enumerate() {
        let json = format!("{n}").repeat(size * BIG_FILE as usize);
        let update = output.begin().unwrap();
        if n % 2 == 0 {
            update.put("products.json", json.as_bytes());
        } else {
            let hash = manifest::hash(json.as_bytes());
            update.put_made("products.json", &|write| made(&json, write), hash);
        }
        update.put("index.html", b"home");
        let paths = ["products.json".to_string()];
        let done = update.commit(Removal::Only(&paths[..0])).unwrap();
        assert_eq!((done.written, done.unchanged), (1, 1));
        assert!(fs::read_to_string(out.join("products.json")).unwrap() == json);
        inodes.push(inode());
    }
    // Each version went into the file the one before last was in.
    assert_eq!(inodes[2], inodes[0]);
    assert_eq!(inodes[3], inodes[1]);
    assert_ne!(inodes[0], inodes[1]);
    let listed = tree(&out);
    assert_eq!(listed.len(), 2, "the spare is no file of the site");
    let spares = out.join(output.spares.clone().unwrap());
    assert!(spares.is_dir());
    // A spare gone (another build cleared it) leaves the file to staging.
    fs::remove_dir_all(&spares).unwrap();
    let update = output.begin().unwrap();
    update.put("products.json", b"small now");
    update.commit(Removal::Only(&[])).unwrap();
    assert_eq!(
        fs::read_to_string(out.join("products.json")).unwrap(),
        "small now"
    );
    output.settle();
    drop(output);
    assert!(!spares.exists(), "the spares go with the session");
    // A spare left by a session that was killed goes with the next build.
    let mut output = open(&out, false).unwrap();
    output.keep_spares();
    let update = output.begin().unwrap();
    update.put("products.json", "x".repeat(BIG_FILE as usize).as_bytes());
    update.commit(Removal::Only(&[])).unwrap();
    let update = output.begin().unwrap();
    update.put("products.json", "y".repeat(BIG_FILE as usize).as_bytes());
    update.commit(Removal::Only(&[])).unwrap();
    output.settle();
    let spares = out.join(output.spares.clone().unwrap());
    assert!(spares.is_dir());
    std::mem::forget(output);
    build(
        &out,
        &[("products.json", "last"), ("index.html", "home")],
        false,
    )
    .unwrap();
    assert!(!spares.exists());
    assert_eq!(
        fs::read_to_string(out.join("products.json")).unwrap(),
        "last"
    );
}
