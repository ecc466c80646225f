//! Times one-edit rebuilds through `vial::incremental::Session`, the engine
//! behind `vial serve`: a product's text, a guide, a template. Reports the
//! pages re-rendered and files written, and checks the result against a
//! clean build.
//!
//!     cargo run --release --example bench_rebuild -- DIR [RUNS]
//!
//! DIR is a site, e.g. one made by `gen_corpus`. The site's files are edited
//! and restored.

use std::path::{Path, PathBuf};
use std::time::Instant;

use vial::BuildOptions;
use vial::incremental::Session;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: bench_rebuild DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut session = Session::new(BuildOptions::new(&root));
    let started = Instant::now();
    let first = session.build().unwrap_or_else(|e| panic!("{e}"));
    println!(
        "initial build: {} pages in {} ms",
        first.rendered,
        started.elapsed().as_millis()
    );

    let product = first_file(&root.join("content/products"));
    let guide = first_file(&root.join("content/guides"));
    let template = root.join("themes/default/templates/product.html");
    let template = if template.exists() {
        template
    } else {
        root.join("templates/product.html")
    };
    let cases: Vec<(&str, PathBuf, &str, &str)> = vec![
        ("product text", product, "summary: ", "summary: Edited. "),
        ("guide", guide, "\n---\n", "\n---\n\nEdited paragraph.\n"),
        (
            "template",
            template,
            "</article>",
            "<!-- edited --></article>",
        ),
    ];
    println!("| edit | pages re-rendered | files written | median ms | max ms |");
    println!("|---|---|---|---|---|");
    for (what, path, from, to) in cases {
        if !path.exists() {
            println!("| {what} | (no {} to edit) | | | |", path.display());
            continue;
        }
        let original = std::fs::read_to_string(&path).unwrap();
        let mut times = Vec::new();
        let mut last = None;
        for run in 0..runs {
            let marker = format!("{to}{run} ");
            let edited = original.replacen(from, &marker, 1);
            std::fs::write(&path, edited).unwrap();
            let t = Instant::now();
            let report = session
                .rebuild(std::slice::from_ref(&path))
                .unwrap_or_else(|e| panic!("{e}"));
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            last = Some(report);
        }
        std::fs::write(&path, &original).unwrap();
        session
            .rebuild(std::slice::from_ref(&path))
            .unwrap_or_else(|e| panic!("{e}"));
        times.sort_by(f64::total_cmp);
        let report = last.unwrap();
        println!(
            "| {what} | {} | {} | {:.1} | {:.1} |",
            report.rendered,
            report.written,
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
}

fn first_file(dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files.into_iter().next().expect("a content file")
}
