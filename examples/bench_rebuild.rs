//! Times one-edit rebuilds through `vial_build::session::Session`, the engine
//! behind `vial serve`: a product's text, a guide, a template, and a
//! product's picture when the site has one (`gen_corpus --images P`).
//! Reports the pages re-rendered and files written.
//!
//!     cargo run --release --example bench_rebuild -- DIR [RUNS]
//!
//! DIR is a site, e.g. one made by `gen_corpus`. The site's files are edited
//! and restored.

use std::path::{Path, PathBuf};
use std::time::Instant;

use vial_build::BuildOptions;
use vial_build::session::Session;

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

    let product = first_file(&root.join("content/products"), "yaml");
    let guide = first_file(&root.join("content/guides"), "md");
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
    let picture = first_file(&root.join("content/products"), "jpg");
    if picture.exists() {
        time_picture_edits(&mut session, &picture, runs);
    }
}

/// Repaints a corner of a product's picture per run: the rebuild decodes
/// it, makes its variants and re-renders the pages that show it.
fn time_picture_edits(session: &mut Session, path: &Path, runs: usize) {
    let original = std::fs::read(path).unwrap();
    let decoded = image::load_from_memory(&original).unwrap().into_rgb8();
    let mut times = Vec::new();
    let mut last = None;
    for run in 0..runs {
        let mut edited = decoded.clone();
        for (x, y) in (0..32).flat_map(|x| (0..32).map(move |y| (x, y))) {
            edited.put_pixel(x, y, image::Rgb([(run * 25) as u8, 0, 255]));
        }
        let mut bytes = std::io::Cursor::new(Vec::new());
        edited
            .write_to(&mut bytes, image::ImageFormat::Jpeg)
            .unwrap();
        std::fs::write(path, bytes.into_inner()).unwrap();
        let t = Instant::now();
        let report = session
            .rebuild(&[path.to_path_buf()])
            .unwrap_or_else(|e| panic!("{e}"));
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        last = Some(report);
    }
    std::fs::write(path, &original).unwrap();
    session
        .rebuild(&[path.to_path_buf()])
        .unwrap_or_else(|e| panic!("{e}"));
    times.sort_by(f64::total_cmp);
    let report = last.unwrap();
    println!(
        "| product picture | {} | {} | {:.1} | {:.1} |",
        report.rendered,
        report.written,
        times[times.len() / 2],
        times[times.len() - 1]
    );
}

/// The first file of `dir` with the extension `ext` (a path that does not
/// exist when there is none).
fn first_file(dir: &Path, ext: &str) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
        .into_iter()
        .next()
        .unwrap_or_else(|| dir.join(format!("(no .{ext} file)")))
}
