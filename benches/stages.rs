//! Micro-benchmarks of the hot stages, so a regression in one shows up on
//! its own: YAML product parsing, markdown rendering with vial's event
//! transforms, and a whole in-memory build of the example site (model,
//! links and every template). Run with `cargo bench`.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use vial::config::Config;
use vial::diagnostic::SourceFile;
use vial::load::{Shape, parse_product};
use vial::render::markdown::{Surroundings, render_markdown};

const PRODUCT: &str = include_str!("../content/products/meso-ampoule.yaml");
const GUIDE: &str = include_str!("../content/guides/ampoules-in-your-routine.md");

/// Links resolve to a fixed page; no embeds (the template stage is measured
/// by the whole-site benchmark).
struct Flat;
impl Surroundings for Flat {
    fn link(&self, destination: &str) -> Option<(String, String)> {
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

fn site(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut group = c.benchmark_group("site");
    group.sample_size(20);
    group.bench_function(
        "compile the example site (load, model, links, templates)",
        |b| b.iter(|| vial::compile(&vial::BuildOptions::new(root)).unwrap()),
    );
    group.finish();
}

criterion_group!(stages, yaml, markdown, site);
criterion_main!(stages);
