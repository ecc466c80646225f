//! Micro-benchmarks of the hot stages, so a regression in one shows up on
//! its own: YAML product parsing, markdown rendering with vial's event
//! transforms, similar-products ranking, a whole in-memory build of the
//! example site (model, links and every template), `vial check` with no
//! state of an earlier build, `vial build` again with nothing changed, and
//! the output manifest `vial serve` writes after every edit. Run with
//! `cargo bench`.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use vial_base::diagnostic::SourceFile;
use vial_render::markdown::{Surroundings, render_markdown};
use vial_site::config::Config;
use vial_site::load::{Shape, parse_product};

const PRODUCT: &str = include_str!("../content/products/meso-ampoule.yaml");
const GUIDE: &str = include_str!("../content/guides/ampoules-in-your-routine.md");

/// Links resolve to a fixed page; no embeds (the template stage is measured
/// by the whole-site benchmark).
struct Flat;
impl Surroundings for Flat {
    fn link(&self, destination: &str, _: bool) -> Option<(String, String)> {
        Some((format!("/products/{destination}/"), destination.to_string()))
    }
    fn embed(&self, _: &str, _: &str) -> Option<String> {
        None
    }
}

fn yaml(c: &mut Criterion) {
    let file = SourceFile::new("content/products/meso-ampoule.yaml", PRODUCT);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = SourceFile::new("site.yaml", include_str!("../site.yaml"));
    let shape = Shape::of(&Config::parse(root, site).unwrap());
    c.bench_function("yaml: parse one product", |b| {
        b.iter(|| parse_product(&shape, file.clone()).unwrap())
    });
}

fn markdown(c: &mut Criterion) {
    c.bench_function("markdown: render one guide", |b| {
        b.iter(|| render_markdown(GUIDE, &Flat))
    });
}

/// The site at `VIAL_BENCH_ROOT` (a corpus from `examples/gen_corpus.rs`),
/// else the example site.
fn bench_root() -> std::path::PathBuf {
    std::env::var_os("VIAL_BENCH_ROOT").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        Into::into,
    )
}

/// The ranking every product page makes: profiles once, then each
/// product's most similar ones. On the example site's 19 products, or on
/// the site at `VIAL_BENCH_ROOT` (a corpus from `examples/gen_corpus.rs`):
/// the cache misses the profiles save show at catalogue scale.
fn similar(c: &mut Criterion) {
    use vial_render::similar::{Profiles, Ranking, similar};
    let root = bench_root();
    let compiled = vial_build::compile(&vial_build::BuildOptions::new(&root)).unwrap();
    let site = &compiled.site;
    let mut group = c.benchmark_group("similar");
    group.bench_function("profiles: make them for every product", |b| {
        b.iter(|| Profiles::new(site))
    });
    let ranking = Ranking::new(site, None);
    group.bench_function("similar: rank for every product", |b| {
        b.iter(|| {
            let mut reads = vial_render::Reads::default();
            site.products
                .values()
                .map(|p| similar(site, &ranking, p, &mut reads).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

fn site(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut group = c.benchmark_group("site");
    group.sample_size(20);
    group.bench_function(
        "compile the example site (load, model, links, templates)",
        |b| b.iter(|| vial_build::compile(&vial_build::BuildOptions::new(root)).unwrap()),
    );
    group.finish();
}

/// `vial check` as on a CI checkout: no memo of an earlier build (a new
/// output folder each time, so none is found), every page rendered.
fn cold_check(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let outputs = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("check");
    group.sample_size(20);
    let mut n = 0;
    group.bench_function("check the example site, no earlier build", |b| {
        b.iter(|| {
            n += 1;
            let options = vial_build::BuildOptions {
                output: Some(outputs.path().join(n.to_string())),
                ..vial_build::BuildOptions::new(root)
            };
            vial_build::check(&options).unwrap()
        })
    });
    group.finish();
}

/// `vial build` again with nothing changed: the memo spares every page,
/// and the search index stands. On the example site, or on the site at
/// `VIAL_BENCH_ROOT`, built once into a folder of its own first.
fn unchanged_build(c: &mut Criterion) {
    let root = bench_root();
    let output = tempfile::tempdir().unwrap();
    let options = vial_build::BuildOptions {
        output: Some(output.path().join("public")),
        ..vial_build::BuildOptions::new(&root)
    };
    vial_build::build(&options).unwrap();
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.bench_function("build again, nothing changed", |b| {
        b.iter(|| {
            let report = vial_build::build(&options).unwrap();
            assert_eq!(report.pages_rendered, 0);
        })
    });
    group.finish();
}

/// The manifest of a 26,000-file output (a 10,000-product site), written
/// whole, as `vial serve` writes it after each edit.
fn manifest(c: &mut Criterion) {
    use vial_output::{Manifest, Place, Record};
    let dir = tempfile::tempdir().unwrap();
    let place = Place::of(dir.path(), &dir.path().join("public"));
    std::fs::create_dir_all(&place.folder).unwrap();
    let mut manifest = Manifest::new(7);
    for i in 0..26_000u64 {
        let record = Record {
            hash: i.wrapping_mul(0x9e37_79b9_7f4a_7c15),
            content: i,
            size: 20_000 + i,
            mtime: 1_765_000_000_000_000_000 + i,
            inode: 1_000 + i,
        };
        let path = format!("products/product-number-{i}/index.html");
        manifest.files.insert(path, record);
    }
    c.bench_function("manifest: write 26,000 records", |b| {
        b.iter(|| manifest.write(&place).unwrap())
    });
}

criterion_group!(
    stages,
    yaml,
    markdown,
    similar,
    site,
    cold_check,
    unchanged_build,
    manifest
);
criterion_main!(stages);
