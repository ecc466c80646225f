//! Embeds the bundled example sites in the binary, so `vial init --example
//! NAME` can copy one anywhere: the skincare site at the repository's root
//! (site.yaml and content/) and each folder under examples/ with a
//! site.yaml.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    link_position_dependent();
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let mut code = String::from("/// Example sites: name, then (path, bytes) of each file.\n");
    code.push_str("pub const EXAMPLES: &[(&str, &[ExampleFile])] = &[\n");
    let mut sites: Vec<(String, PathBuf)> = vec![("skincare".into(), root.clone())];
    if let Ok(entries) = std::fs::read_dir(root.join("examples")) {
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.join("site.yaml").is_file())
            .collect();
        found.sort();
        for dir in found {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            sites.push((name, dir));
        }
    }
    for (name, dir) in sites {
        writeln!(code, "    ({name:?}, &[").unwrap();
        let mut files = vec![dir.join("site.yaml")];
        collect(&dir.join("content"), &mut files);
        for file in files {
            let relative = file
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            writeln!(
                code,
                "        ({relative:?}, include_bytes!({:?})),",
                file.display().to_string()
            )
            .unwrap();
        }
        code.push_str("    ]),\n");
        println!("cargo:rerun-if-changed={}", dir.join("site.yaml").display());
        println!("cargo:rerun-if-changed={}", dir.join("content").display());
    }
    code.push_str("];\n");
    println!("cargo:rerun-if-changed=examples");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("examples.rs");
    std::fs::write(out, code).unwrap();
}

/// Links the `vial` executable position-dependent on Linux. minify-html's
/// entity table is 9.5 MB of pointers: in a position-independent executable
/// the loader rewrites every one of them at start-up, so each run, minifying
/// or not, carried 12 MB of written pages (a tenth of a 10,000-product
/// build's peak). Linked at a fixed address the table stays on disk until
/// it is read. Go links its executables this way; the price is that the
/// executable's own code does not move between runs (its libraries, stack
/// and heap still do). Only the executable: tests and proc-macros are
/// linked as before.
fn link_position_dependent() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

/// Every YAML, markdown and image file below `dir`, sorted.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, files);
        } else if path.extension().is_some_and(|e| {
            ["yaml", "yml", "md", "png", "jpg", "jpeg", "webp"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        }) {
            files.push(path);
        }
    }
}
