use std::fs;
use std::path::Path;

use super::*;

/// Builds `files` into `dir` the way a full build does.
fn build(dir: &Path, files: &[(&str, &str)], force: bool) -> Result<Committed, Failed> {
    let mut output = Output::open(dir, force).map_err(|d| Failed {
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

fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = files_below(dir)
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(dir.join(&p)).unwrap_or_default();
            (p, text)
        })
        .collect();
    files.sort();
    files
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
    assert!(!out.join(STAGING).exists());
}

#[test]
fn a_file_edited_by_hand_is_written_again() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    build(&out, &[("index.html", "home")], false).unwrap();
    fs::write(out.join("index.html"), "edited by hand").unwrap();
    let again = build(&out, &[("index.html", "home")], false).unwrap();
    assert_eq!(again.written, 1);
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "home");
}

#[test]
fn a_file_vial_did_not_write_is_never_replaced() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    build(&out, &[("index.html", "home")], false).unwrap();
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
    assert!(empty.join(MANIFEST).is_file());

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
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    build(&out, &[("index.html", "home")], false).unwrap();
    let before = tree(&out);
    {
        let mut output = Output::open(&out, false).unwrap();
        let update = output.begin().unwrap();
        update.put("index.html", b"half a build");
        update.put("new/index.html", b"new");
    }
    assert_eq!(tree(&out), before);
    assert!(!out.join(STAGING).exists());

    let fresh = site.path().join("fresh");
    {
        let mut output = Output::open(&fresh, false).unwrap();
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
    // A first build killed halfway: the folder holds a partial manifest.
    fs::create_dir_all(out.join("old")).unwrap();
    fs::write(out.join("old/index.html"), "half").unwrap();
    Manifest {
        partial: true,
        ..Manifest::default()
    }
    .write(&out)
    .unwrap();
    // And a later build killed while staging.
    fs::create_dir_all(out.join(STAGING).join("x")).unwrap();
    fs::write(out.join(STAGING).join("x/index.html"), "staged").unwrap();
    build(&out, &[("index.html", "home")], false).unwrap();
    assert_eq!(tree(&out), [("index.html".to_string(), "home".to_string())]);
    let leftovers: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".vial-") && n != MANIFEST)
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(unix)]
#[test]
fn a_full_disk_is_one_error_and_leaves_nothing_behind() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    let mut output = Output::open(&out, false).unwrap();
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
    assert!(problem.message.contains("(and 99 more files)"), "{problem}");
    assert!(problem.help.as_deref().unwrap().contains("free some space"));
    assert_eq!(failed.previous, Previous::None);
    assert!(!out.exists());
}

#[test]
fn a_rebuild_that_names_what_went_keeps_the_rest() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    build(
        &out,
        &[
            ("index.html", "home"),
            ("a/index.html", "a"),
            ("b/index.html", "b"),
        ],
        false,
    )
    .unwrap();
    let mut output = Output::open(&out, false).unwrap();
    let update = output.begin().unwrap();
    update.put("a/index.html", b"A!");
    let gone = ["b/index.html".to_string(), "never-written.html".to_string()];
    let done = update.commit(Removal::Only(&gone)).unwrap();
    assert_eq!((done.written, done.removed), (1, 1));
    output.settle();
    let manifest = Manifest::read(&out).unwrap().unwrap();
    let mut listed: Vec<&String> = manifest.files.keys().collect();
    listed.sort();
    assert_eq!(listed, ["a/index.html", "index.html"]);
}

#[test]
fn a_rebuild_that_keeps_every_path_lists_the_new_bytes_once_settled() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    build(
        &out,
        &[("index.html", "home"), ("a/index.html", "a")],
        false,
    )
    .unwrap();
    let mut output = Output::open(&out, false).unwrap();
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
    let early = Manifest::read(&out).unwrap().unwrap();
    assert_eq!(listed(&early), ["a/index.html", "index.html"]);
    output.settle();
    let manifest = Manifest::read(&out).unwrap().unwrap();
    assert_eq!(listed(&manifest), ["a/index.html", "index.html"]);
    assert_eq!(manifest.files["a/index.html"].hash, manifest::hash(b"A!"));
    assert!(!out.join(format!("{MANIFEST}.tmp")).exists());
    // The next build knows the file is as written: nothing to write.
    let mut output = Output::open(&out, false).unwrap();
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
    let old = Manifest::read(&out).unwrap().unwrap();
    let mut output = Output::open(&out, false).unwrap();
    let update = output.begin().unwrap();
    update.put("a/index.html", b"A!");
    update.put("c/index.html", b"c");
    update
        .commit(Removal::Only(&["b/index.html".to_string()]))
        .unwrap();
    output.settle();
    let now = Manifest::read(&out).unwrap().unwrap();
    // What the folder holds if the rebuild's own manifest is never
    // written: the last one, and beside it the file it added.
    old.write(&out).unwrap();
    let added = now.files.get_key_value("c/index.html").unwrap();
    Manifest::write_added(&out, std::iter::once(added)).unwrap();
    let listed = Manifest::read(&out).unwrap().unwrap();
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
    let manifest = Manifest::read(&out).unwrap().unwrap();
    assert!(!manifest.files.contains_key("b/index.html"));
    let bookkeeping: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(MANIFEST))
        .collect();
    assert_eq!(bookkeeping, [MANIFEST], "the list of added files went");
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
    let mut output = Output::open(&out, false).unwrap();
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
        let mut output = Output::open(&out, false).unwrap();
        let update = output.begin().unwrap();
        let hash = manifest::hash(version.as_bytes());
        update.put_made("all.json", &|write| made(version, write), hash);
        let done = update.commit(Removal::Unwritten).unwrap();
        assert_eq!((done.written, done.unchanged), (1, 0));
        assert_eq!(fs::read_to_string(out.join("all.json")).unwrap(), version);
    }
    // Not made at all when the file already has its bytes.
    build(&out, &[("all.json", &text)], false).unwrap();
    let mut output = Output::open(&out, false).unwrap();
    let update = output.begin().unwrap();
    update.put_made("all.json", &|_| panic!("made again"), hash);
    let done = update.commit(Removal::Unwritten).unwrap();
    assert_eq!((done.written, done.unchanged), (0, 1));
}

#[cfg(unix)]
#[test]
fn a_big_file_is_written_over_the_one_it_replaced_last_time() {
    use std::os::unix::fs::MetadataExt;
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    build(
        &out,
        &[("products.json", "first"), ("index.html", "home")],
        false,
    )
    .unwrap();
    let mut output = Output::open(&out, false).unwrap();
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
    assert!(out.join(SPARES).is_dir());
    // A spare gone (another build cleared it) leaves the file to staging.
    fs::remove_dir_all(out.join(SPARES)).unwrap();
    let update = output.begin().unwrap();
    update.put("products.json", b"small now");
    update.commit(Removal::Only(&[])).unwrap();
    assert_eq!(
        fs::read_to_string(out.join("products.json")).unwrap(),
        "small now"
    );
    output.settle();
    drop(output);
    assert!(!out.join(SPARES).exists(), "the spares go with the session");
    // A spare left by a session that was killed goes with the next build.
    fs::create_dir_all(out.join(SPARES)).unwrap();
    fs::write(out.join(SPARES).join("0"), "old").unwrap();
    build(
        &out,
        &[("products.json", "last"), ("index.html", "home")],
        false,
    )
    .unwrap();
    assert!(!out.join(SPARES).exists());
    assert_eq!(
        fs::read_to_string(out.join("products.json")).unwrap(),
        "last"
    );
}
