//! An output folder, and the records vial keeps of it, as someone else may
//! have left them: nothing found there makes vial delete or change a file
//! it did not write with those bytes, or anything outside the output.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use super::*;

/// The repro of the report: lines naming files outside the output, added
/// to the record vial keeps (or to a list in the output, as older vials
/// kept it), delete nothing.
#[test]
fn a_record_naming_files_outside_the_output_deletes_nothing() {
    let (site, out) = built(&[("index.html", "home"), ("old.html", "old")]);
    let victim = site.path().join("victim.txt");
    fs::write(&victim, "keep").unwrap();
    let source = site.path().join("content/products/a.yaml");
    fs::create_dir_all(source.parent().unwrap()).unwrap();
    fs::write(&source, "name: A").unwrap();
    // An older vial's list inside the output is no record at all.
    fs::write(
        out.join(".vial-manifest"),
        "vial-output 1\n0 0 0 ../victim.txt\n0 0 0 ../content/products/a.yaml\n",
    )
    .unwrap();
    build(&out, &[("index.html", "home")], false).unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
    assert!(source.is_file());
    assert!(!out.join("old.html").exists(), "vial's own stale file goes");
    assert!(out.join(".vial-manifest").is_file(), "not vial's: it stays");

    // Lines added to the real record break its seal: the folder is no
    // longer known as vial's, and nothing is deleted.
    let manifest = place(&out).file("manifest");
    let mut text = fs::read_to_string(&manifest).unwrap();
    text.push_str("0000000000000000 0000000000000000 4 0 0 ../victim.txt\n");
    fs::write(&manifest, text).unwrap();
    let refused = build(&out, &[], false).unwrap_err();
    assert_eq!(refused.problems.0[0].code, Code::OutputNotOurs);
    assert!(refused.problems.0[0].message.contains("damaged"));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
    assert!(out.join("index.html").is_file());
}

#[test]
fn a_sealed_record_naming_a_path_out_of_the_output_is_not_vials() {
    let (site, out) = built(&[("index.html", "home")]);
    let victim = site.path().join("victim.txt");
    fs::write(&victim, "keep").unwrap();
    let tag = state::read_marker(&out).unwrap();
    let absolute = victim.display().to_string();
    for path in ["../victim.txt", absolute.as_str(), "a/../../victim.txt"] {
        let body = format!(
            "output public\ntag {tag:016x}\ncomplete\n{} {:016x} 4 0 0 {path}\n",
            "0".repeat(16),
            manifest::hash(b"keep"),
        );
        place(&out)
            .write("manifest", "manifest", body.as_bytes())
            .unwrap();
        assert!(build(&out, &[], false).is_err(), "{path}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
    }
}

/// Empty, garbage or truncated lists, and a marker with no record, do not
/// make a folder vial's.
#[test]
fn no_file_in_a_folder_makes_it_vials() {
    let site = tempfile::tempdir().unwrap();
    let mine = site.path().join("mine");
    let cases: [(&str, &[u8]); 6] = [
        (".vial-manifest", b""),
        (".vial-manifest", b"hello"),
        (".vial-manifest", b"\x00\xff\xfe binary"),
        (".vial-manifest", b"vial-output"),
        (".vial-output", b"vial-output 00000000000000ff\n"),
        (".vial-output", b"garbage"),
    ];
    for (name, bytes) in cases {
        let _ = fs::remove_dir_all(&mine);
        fs::create_dir_all(&mine).unwrap();
        fs::write(mine.join("notes.txt"), "precious").unwrap();
        fs::write(mine.join(name), bytes).unwrap();
        let refused = build(&mine, &[("index.html", "home")], false).unwrap_err();
        assert_eq!(refused.problems.0[0].code, Code::OutputNotOurs, "{name}");
        assert_eq!(
            fs::read_to_string(mine.join("notes.txt")).unwrap(),
            "precious"
        );
        assert!(!mine.join("index.html").exists());
    }
    // A marker without a record: the message says what is missing.
    state::write_marker(&mine, 0xff).unwrap();
    let refused = build(&mine, &[("index.html", "home")], false).unwrap_err();
    assert!(
        refused.problems.0[0].message.contains("no record"),
        "{}",
        refused.problems
    );
}

#[test]
fn a_file_vial_wrote_that_changed_is_left_in_place_when_stale() {
    let (_site, out) = built(&[("index.html", "home"), ("a/index.html", "a")]);
    fs::write(out.join("a/index.html"), "mine now").unwrap();
    let done = build(&out, &[("index.html", "home")], false).unwrap();
    assert_eq!(done.removed, 0);
    assert_eq!(done.left.0.len(), 1);
    let warning = &done.left.0[0];
    assert!(!warning.is_error());
    assert!(warning.message.contains("a/index.html"), "{warning}");
    assert_eq!(
        fs::read_to_string(out.join("a/index.html")).unwrap(),
        "mine now"
    );
    // No longer vial's: the next build neither deletes it nor warns.
    let next = build(&out, &[("index.html", "home")], false).unwrap();
    assert!(next.left.0.is_empty());
    assert!(out.join("a/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn a_linked_folder_inside_the_output_is_never_written_through() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    let outside = site.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("index.html"), "outside").unwrap();
    let files = [
        ("index.html", "home"),
        ("guides/index.html", "guides"),
        ("guides/a/b/index.html", "b"),
    ];
    build(&out, &files, false).unwrap();
    fs::remove_dir_all(out.join("guides")).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("guides")).unwrap();
    let changed = [
        ("index.html", "home!"),
        ("guides/index.html", "new"),
        ("guides/a/b/index.html", "b!"),
    ];
    let refused = build(&out, &changed, false).unwrap_err();
    assert_eq!(refused.previous, Previous::Untouched);
    let problem = &refused.problems.0[0];
    assert!(problem.message.contains("symbolic link"), "{problem}");
    assert_eq!(
        fs::read_to_string(outside.join("index.html")).unwrap(),
        "outside"
    );
    assert_eq!(
        fs::read_dir(&outside).unwrap().count(),
        1,
        "no folder made outside"
    );
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "home");
    // Nor is anything deleted through it.
    let done = build(&out, &[("index.html", "home")], false).unwrap();
    assert_eq!(
        fs::read_to_string(outside.join("index.html")).unwrap(),
        "outside"
    );
    assert!(!done.left.0.is_empty());
}

#[cfg(unix)]
#[test]
fn a_file_vial_wrote_turned_into_a_link_is_not_replaced_nor_followed() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    let outside = site.path().join("secret.txt");
    fs::write(&outside, "secret").unwrap();
    build(&out, &[("index.html", "home")], false).unwrap();
    fs::remove_file(out.join("index.html")).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("index.html")).unwrap();
    assert!(build(&out, &[("index.html", "new")], false).is_err());
    assert_eq!(fs::read_to_string(&outside).unwrap(), "secret");
    let done = build(&out, &[], false).unwrap();
    assert_eq!(done.removed, 0);
    assert_eq!(fs::read_to_string(&outside).unwrap(), "secret");
}

/// A small random generator: the property below runs the same cases on
/// every machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn bytes(&mut self) -> Vec<u8> {
        let len = self.below(40);
        (0..len).map(|_| self.next() as u8).collect()
    }
}

const PATHS: [&str; 8] = [
    "index.html",
    "a/index.html",
    "a/b/index.html",
    "c/index.html",
    "c/d.json",
    "e.xml",
    "f/g/h/index.html",
    "search/ab.json",
];

/// Every file and link below `dir` (not following links), with its bytes
/// or where it points; vial's state and marker aside.
fn everything(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".vial" && e.file_name() != MARKER)
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let bytes = if e.path_is_symlink() {
                fs::read_link(e.path())
                    .unwrap()
                    .into_os_string()
                    .into_encoded_bytes()
            } else {
                fs::read(e.path()).unwrap_or_default()
            };
            (e.path().to_path_buf(), bytes)
        })
        .collect()
}

/// A build of a random part of `PATHS`, with the bytes it wrote noted.
fn random_build(
    random: &mut Random,
    out: &Path,
    wrote: &mut HashMap<PathBuf, Vec<Vec<u8>>>,
    force: bool,
) -> bool {
    let mut files: Vec<(String, String)> = Vec::new();
    for p in PATHS {
        if random.below(3) > 0 {
            files.push((p.to_string(), format!("{p} {}", random.below(4))));
        }
    }
    // A path cannot be a file and a folder at once.
    let files: Vec<&(String, String)> = files
        .iter()
        .filter(|(p, _)| !files.iter().any(|(q, _)| q.starts_with(&format!("{p}/"))))
        .collect();
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let built = build(out, &borrowed, force).is_ok();
    if built {
        for (path, text) in &files {
            let versions = wrote.entry(out.join(path)).or_default();
            versions.push(text.as_bytes().to_vec());
        }
    }
    built
}

/// One hostile change to the output, its state or what lies around it.
fn tamper(random: &mut Random, site: &Path, out: &Path) {
    let place = place(out);
    let path = out.join(random.pick(&PATHS));
    let outside = site.join("outside");
    match random.below(11) {
        0 => {
            let _ = fs::create_dir_all(path.parent().unwrap());
            let _ = fs::write(&path, random.bytes());
        }
        1 => {
            let _ = fs::remove_file(&path);
        }
        #[cfg(unix)]
        2 => {
            let folder = path.parent().unwrap();
            if folder != out {
                let _ = fs::remove_dir_all(folder);
                let _ = std::os::unix::fs::symlink(&outside, folder);
            }
        }
        #[cfg(unix)]
        3 => {
            let _ = fs::remove_file(&path);
            let _ = std::os::unix::fs::symlink(outside.join("victim.txt"), &path);
        }
        4 => {
            let name = *random.pick(&["manifest", "added", "pending", "reads"]);
            let _ = place.write_bytes(name, &random.bytes());
        }
        5 => {
            let _ = fs::write(out.join(MARKER), random.bytes());
        }
        6 => {
            // A sealed record for the output's marker, naming files out of
            // it, files someone else put there, and records that match
            // their sizes but not their bytes.
            let tag = state::read_marker(out).unwrap_or(0);
            let mut body = format!("output public\ntag {tag:016x}\ncomplete\n");
            for path in [
                "../outside/victim.txt",
                "../content/a.yaml",
                "a/index.html",
                "user.txt",
            ] {
                let size = fs::metadata(out.join(path)).map_or(0, |m| m.len());
                let hash = random.next();
                body.push_str(&format!(
                    "{hash:016x} {:016x} {size} 0 0 {path}\n",
                    random.next()
                ));
            }
            let name = *random.pick(&["manifest", "added"]);
            let kind = name;
            let _ = place.write(name, kind, body.as_bytes());
        }
        7 => {
            // A folder named like vial's own, with someone's file, that a
            // forged list of vial's folders names.
            let folder = out.join(".vial-staging-0000000000000001");
            let _ = fs::create_dir_all(&folder);
            let _ = fs::write(folder.join("notes.txt"), b"someone's");
            let _ = place.write("pending", "pending", b".vial-staging-0000000000000001\n");
        }
        8 => {
            let _ = fs::write(out.join("user.txt"), random.bytes());
        }
        9 => {
            let _ = fs::write(
                out.join(".vial-manifest"),
                b"vial-output 1\n0 0 0 ../outside/victim.txt\n",
            );
        }
        _ => {
            let _ = fs::remove_dir_all(&place.folder);
        }
    }
}

/// The property the report asked for: whatever the output, its state and
/// what lies around them hold, a build deletes or changes no file outside
/// the output, and inside it only files whose bytes vial wrote there.
#[test]
fn no_tampering_makes_a_build_delete_or_change_what_vial_did_not_write() {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let (mut built, mut refused) = (0, 0);
    for case in 0..300 {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        let out = root.join("public");
        fs::create_dir_all(root.join("outside")).unwrap();
        fs::write(root.join("outside/victim.txt"), "victim").unwrap();
        fs::write(root.join("outside/index.html"), "outside").unwrap();
        fs::create_dir_all(root.join("content")).unwrap();
        fs::write(root.join("content/a.yaml"), "name: A").unwrap();
        let mut wrote = HashMap::new();
        random_build(&mut random, &out, &mut wrote, false);
        for _ in 0..1 + random.below(4) {
            tamper(&mut random, root, &out);
        }
        let before = everything(root);
        let wrote_before = wrote.clone();
        if random_build(&mut random, &out, &mut wrote, false) {
            built += 1;
        } else {
            refused += 1;
        }
        let wrote = wrote_before;
        let after = everything(root);
        for (path, bytes) in &before {
            if after.get(path) == Some(bytes) {
                continue;
            }
            let vials = path.starts_with(&out)
                && wrote
                    .get(path)
                    .is_some_and(|versions| versions.contains(bytes));
            assert!(
                vials,
                "case {case}: {} was changed or deleted",
                path.display()
            );
        }
        for path in after.keys() {
            assert!(
                before.contains_key(path) || path.starts_with(&out),
                "case {case}: {} was made outside the output",
                path.display()
            );
        }
    }
    // Both ways out were taken often: the cases are not all refused.
    assert!(
        built > 60 && refused > 60,
        "{built} built, {refused} refused"
    );
}
