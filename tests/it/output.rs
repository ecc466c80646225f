//! The output folder: vial never writes into the site's sources, never
//! replaces a folder or file it did not write, says truthfully what became
//! of the previous output when a build fails, and is never stuck after one.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TestSite, snapshot};

fn vial(site: &TestSite, args: &[&str]) -> Output {
    site.run(args)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file of the site folder with its bytes (the output excluded).
fn sources(site: &TestSite) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(site.root())
        .into_iter()
        .filter_entry(|e| e.file_name() != "public")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            (e.path().to_path_buf(), bytes)
        })
        .collect();
    files.sort();
    assert!(files.len() > 5, "the fixture has sources");
    files
}

#[test]
fn an_output_inside_the_sources_is_refused_by_check_and_build() {
    let site = TestSite::fixture("basic");
    let text = site.read("site.yaml");
    site.write("site.yaml", &format!("{text}output: content\n"));
    let before = sources(&site);
    for command in ["check", "build"] {
        let out = vial(&site, &[command]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        let errors = stderr(&out);
        let line = text.lines().count() + 1;
        assert!(
            errors.contains(&format!("site.yaml:{line}:9: error: the output folder")),
            "{command}: {errors}"
        );
        assert!(errors.contains("is `content/`"), "{errors}");
        assert!(errors.contains("change `output:` in site.yaml"), "{errors}");
    }
    assert_eq!(sources(&site), before, "no source file changed");
}

#[test]
fn output_flags_naming_the_sources_or_the_root_are_refused() {
    let site = TestSite::fixture("basic");
    let root = site.root().to_string_lossy().into_owned();
    let parent = site.root().parent().unwrap().to_string_lossy().into_owned();
    let before = sources(&site);
    for output in [
        "content",
        "content/products",
        ".",
        "./public/..",
        &root,
        "..",
        &parent,
        "templates",
        "static",
        "themes/default",
    ] {
        let out = vial(&site, &["build", "--output", output]);
        assert_eq!(out.status.code(), Some(1), "--output {output}");
        let errors = stderr(&out);
        assert!(
            errors.starts_with("--output: error: the output folder"),
            "--output {output}: {errors}"
        );
        assert!(
            errors.contains("pass another folder to `--output`"),
            "{errors}"
        );
    }
    assert_eq!(sources(&site), before, "no source file changed");
}

#[cfg(unix)]
#[test]
fn a_symlink_to_the_sources_is_seen_through() {
    let site = TestSite::fixture("basic");
    std::os::unix::fs::symlink(site.root().join("content"), site.root().join("out")).unwrap();
    let before = sources(&site);
    let out = vial(&site, &["build", "--output", "out"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is `content/`"), "{}", stderr(&out));
    assert_eq!(sources(&site), before);
}

/// Every folder the loader reads is guarded, `i18n/` among them, and
/// vial's own `.vial/`, in `build` and `check`, forced or not (`serve`:
/// see tests/serve.rs).
#[test]
fn no_folder_the_site_is_read_from_can_be_the_output_even_when_forced() {
    let site = TestSite::fixture("basic");
    site.write("i18n/en.yaml", "site:\n  search: Find\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(site.root().join("i18n"), site.root().join("linked")).unwrap();
    let before = sources(&site);
    let mut outputs = vec!["i18n", ".vial", ".vial/cache"];
    if cfg!(unix) {
        outputs.push("linked");
    }
    for output in outputs {
        for args in [
            &["build", "--force", "--output", output][..],
            &["check", "--output", output][..],
        ] {
            let out = vial(&site, args);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
            assert!(
                stderr(&out).contains("error: the output folder"),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
    assert_eq!(sources(&site), before, "no source file changed");
    assert!(site.root().join("i18n/en.yaml").is_file());
}

#[test]
fn a_folder_vial_did_not_write_is_kept_unless_forced() {
    let site = TestSite::fixture("basic");
    site.write("public/notes/mine.txt", "my notes");
    let out = vial(&site, &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let errors = stderr(&out);
    assert!(
        errors.contains("already exists and vial did not write it"),
        "{errors}"
    );
    assert!(errors.contains("vial build --force"), "{errors}");
    assert!(errors.contains("nothing was changed"), "{errors}");
    assert_eq!(site.read("public/notes/mine.txt"), "my notes");

    // check warns, and writes nothing.
    let check = vial(&site, &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(stderr(&check).contains("warning: the output folder"));

    let forced = vial(&site, &["build", "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert!(!site.root().join("public/notes").exists());
    assert!(site.root().join("public/index.html").is_file());
}

#[test]
fn an_output_that_is_a_file_is_left_alone() {
    let site = TestSite::fixture("basic");
    site.write("out.txt", "not a folder");
    for args in [
        &["build", "--output", "out.txt"][..],
        &["build", "--output", "out.txt", "--force"],
    ] {
        let out = vial(&site, args);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("is a file, not a folder"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(site.read("out.txt"), "not a folder");
    let hidden: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("vial"))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[test]
fn files_vial_did_not_write_survive_rebuilds_and_unchanged_pages_keep_their_time() {
    let site = TestSite::fixture("basic");
    site.built();
    site.write("public/CNAME", "notes.example.org");
    let index = site.output().join("index.html");
    let written = std::fs::metadata(&index).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    let report = site.build().unwrap();
    assert_eq!(report.files.written, 0, "nothing changed, nothing written");
    assert_eq!(
        std::fs::metadata(&index).unwrap().modified().unwrap(),
        written
    );
    assert_eq!(site.read("public/CNAME"), "notes.example.org");
}

/// Every entry below `dir` (folders too, and `dir` itself) with its
/// modification time.
fn mtimes(dir: &Path) -> Vec<(PathBuf, std::time::SystemTime)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            (
                e.path().to_path_buf(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_build_with_nothing_changed_touches_nothing_in_the_output() {
    let site = TestSite::fixture("basic");
    site.built();
    let before = mtimes(&site.output());
    assert!(before.iter().any(|(p, _)| p.ends_with(vial_output::MARKER)));
    let place = vial_output::Place::of(site.root(), &site.output());
    assert!(place.file(vial_output::MEMO).is_file());
    assert!(place.file("manifest").is_file());
    let state = mtimes(&place.folder);
    std::thread::sleep(Duration::from_millis(20));
    site.built();
    assert_eq!(
        mtimes(&site.output()),
        before,
        "no file, folder or manifest is written when nothing changed"
    );
    assert_eq!(mtimes(&place.folder), state, "the record and memo stand");
}

fn user_id() -> String {
    let out = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// `vial` run as an unprivileged user: root may write anywhere, so a
/// read-only folder means nothing to it.
fn vial_unprivileged(root: &Path, args: &[&str]) -> Option<Output> {
    if user_id() != "0" {
        return Some(crate::common::run_vial(args, root));
    }
    let chown = Command::new("chown")
        .args(["-R", "65534:65534"])
        .arg(root)
        .status()
        .ok()?;
    if !chown.success() {
        return None;
    }
    Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_vial"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .ok()
}

#[cfg(unix)]
#[test]
fn a_read_only_output_is_reported_truthfully_and_the_next_build_recovers() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::fixture("basic");
    site.built();
    let text = site.read("content/products/meso-ampoule.yaml");
    site.write(
        "content/products/meso-ampoule.yaml",
        &text.replace("Lastlight Ampoule", "Lastlight Ampoule Two"),
    );
    let Some(_) = vial_unprivileged(site.root(), &["check"]) else {
        eprintln!("skipped: cannot run vial as an unprivileged user here");
        return;
    };
    let before = snapshot(&site.output());
    let set_mode = |mode: u32| {
        std::fs::set_permissions(site.output(), std::fs::Permissions::from_mode(mode)).unwrap();
    };
    set_mode(0o555);
    let out = vial_unprivileged(site.root(), &["build"]).unwrap();
    assert_eq!(out.status.code(), Some(1));
    let errors = stderr(&out);
    assert!(
        errors.contains("error: cannot write into") && errors.contains("the folder is read-only"),
        "{errors}"
    );
    assert!(
        !errors.contains(":1:1"),
        "no fake line on a folder: {errors}"
    );
    assert!(errors.contains("chmod u+w"), "{errors}");
    assert!(errors.contains("nothing was changed"), "{errors}");
    assert_eq!(snapshot(&site.output()), before, "the old site is intact");

    set_mode(0o755);
    let out = vial_unprivileged(site.root(), &["build"]).unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        site.read("public/products/meso-ampoule/index.html")
            .contains("Lastlight Ampoule Two")
    );
}

/// A site with `count` more products, so that a build takes a while.
fn big_site(count: usize) -> TestSite {
    let site = TestSite::fixture("basic");
    let text = site.read("content/products/meso-ampoule.yaml");
    for i in 0..count {
        site.write(
            &format!("content/products/extra-{i}.yaml"),
            &text.replace("Lastlight Ampoule", &format!("Extra Ampoule {i}")),
        );
    }
    site
}

/// Starts a build and kills it once `ready` holds (or after a while).
fn kill_build_when(site: &TestSite, ready: impl Fn() -> bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vial"))
        .args(["build", "--root"])
        .arg(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ready() && Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".vial-") && n != vial_output::MARKER)
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_killed_build_leaves_nothing_that_stops_or_litters_the_next() {
    let site = big_site(1500);
    // Killed during a first build.
    kill_build_when(&site, || site.output().join("products").is_dir());
    let first = vial(&site, &["build"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let clean = snapshot(&site.output());

    // Killed while staging the changes of a later build.
    let text = site.read("site.yaml");
    site.write(
        "site.yaml",
        &text.replace("Test Notes", "Test Notes, renamed"),
    );
    let staging = || {
        std::fs::read_dir(site.output()).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".vial-staging")
        })
    };
    kill_build_when(&site, staging);
    site.write("site.yaml", &text);
    let again = vial(&site, &["build"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(leftovers(&site.output()), Vec::<String>::new());
    assert!(
        snapshot(&site.output()) == clean,
        "the output equals a clean build"
    );

    // Killed while moving the changed files in: the folder may hold old and
    // new pages, every one of them known to vial, and the next build
    // finishes the job (no file "not written by vial" in its way).
    site.write(
        "site.yaml",
        &text.replace("Test Notes", "Test Notes, renamed"),
    );
    let home = site.output().join("index.html");
    kill_build_when(&site, || {
        std::fs::read_to_string(&home).is_ok_and(|t| t.contains("Test Notes, renamed"))
    });
    let finished = vial(&site, &["build"]);
    assert_eq!(finished.status.code(), Some(0), "{}", stderr(&finished));
    let renamed = snapshot(&site.output());
    let pages = renamed.iter().filter(|(p, _)| p.ends_with("index.html"));
    for (path, bytes) in pages {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            text.contains("Test Notes, renamed"),
            "{} is old",
            path.display()
        );
    }
    site.write("site.yaml", &text);
    let back = vial(&site, &["build"]);
    assert_eq!(back.status.code(), Some(0), "{}", stderr(&back));
    assert!(snapshot(&site.output()) == clean, "back to the clean build");
}

#[test]
fn check_closes_with_one_line_on_every_run_and_keeps_machine_output_clean() {
    let site = TestSite::fixture("basic");
    let closing = |out: &std::process::Output, stream: &[u8]| {
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(stream)
            .lines()
            .last()
            .unwrap_or("")
            .to_string()
    };
    // A check of a site never built renders every page; after a build, only
    // what changed: both say the same.
    let first = site.run(&["check"]);
    site.built();
    let second = site.run(&["check"]);
    assert_eq!(closing(&first, &first.stdout), "no errors");
    assert_eq!(closing(&second, &second.stdout), "no errors");
    // A machine format's stdout is its records only (the fixture's
    // placeholder `base_url` is one); the closing line is on stderr.
    for (format, record) in [("json", "{"), ("github", "::")] {
        let out = site.run(&["check", "--format", format]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.is_empty(), "{format}: no records");
        assert!(
            stdout.lines().all(|l| l.starts_with(record)),
            "{format}:\n{stdout}"
        );
        assert_eq!(closing(&out, &out.stderr), "no errors", "{format}");
        let build = site.run(&["build", "--format", format]);
        let stdout = String::from_utf8_lossy(&build.stdout);
        assert!(
            stdout.lines().all(|l| l.starts_with(record)),
            "{format}:\n{stdout}"
        );
        assert!(
            closing(&build, &build.stderr).starts_with("built "),
            "{format}"
        );
    }
}
