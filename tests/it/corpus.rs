//! The benchmark corpora: what `examples/gen_corpus` writes must be a site
//! vial builds without a problem, in every shape, or the benchmarks measure
//! an error message.

use std::path::PathBuf;
use std::process::Command;

use crate::common::run_vial;

/// `gen_corpus`, which `cargo test` builds beside the tests.
fn gen_corpus() -> PathBuf {
    let tests = std::env::current_exe().unwrap();
    let debug = tests.parent().and_then(|deps| deps.parent()).unwrap();
    debug.join("examples").join("gen_corpus")
}

#[test]
fn every_corpus_shape_is_a_site_that_checks_clean() {
    let generator = gen_corpus();
    assert!(generator.exists(), "no {}", generator.display());
    for shape in ["classic", "long", "wide"] {
        let dir = tempfile::tempdir().unwrap();
        let made = Command::new(&generator)
            .args([
                "--products",
                "60",
                "--guides",
                "12",
                "--seed",
                "7",
                "--shape",
                shape,
            ])
            .arg("--out")
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(
            made.status.success(),
            "{}",
            String::from_utf8_lossy(&made.stderr)
        );
        let check = run_vial(&["check"], dir.path());
        let said = String::from_utf8_lossy(&check.stderr);
        assert!(check.status.success(), "{shape}: {said}");
        // A generated site has no address to be published at; anything
        // else worth a warning is a fault of the generator.
        let warnings: Vec<&str> = (said.lines())
            .filter(|l| l.contains("warning:") && !l.contains("`base_url`"))
            .collect();
        assert!(warnings.is_empty(), "{shape}: {said}");
        if shape == "wide" {
            // What the wide shape adds: a taxonomy of terms named in
            // several words, filed on the products.
            let site = std::fs::read_to_string(dir.path().join("site.yaml")).unwrap();
            assert!(site.contains("key: claims"), "{site}");
            let filed = std::fs::read_dir(dir.path().join("content/products"))
                .unwrap()
                .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
                .filter(|text| text.contains("\nclaims: [\"") && text.contains(" "))
                .count();
            assert!(filed > 50, "{filed} of 60 products have claims");
        }
    }
}
