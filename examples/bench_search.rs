//! Times the search index alone: a full build of it, an update after one
//! product's summary changed, and an update after nothing changed. Prints
//! the files and bytes it writes and the CPU time the process used.
//!
//!     cargo run --release --example bench_search -- DIR [RUNS]
//!
//! DIR is a site, e.g. one made by `gen_corpus`. Nothing is written.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use std::sync::atomic::{AtomicUsize, Ordering};
use vial_build::BuildOptions;
use vial_search::Index;
use vial_site::i18n::Strings;
use vial_site::load::Sources;

/// CPU time of the whole process so far (all threads): on a busy machine
/// it says more than wall time.
fn cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: bench_search DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let options = BuildOptions::new(&root);
    let compiled = vial_build::compile(&options).unwrap_or_else(|e| panic!("{e}"));
    let config = vial_build::read_config(&options).unwrap_or_else(|e| panic!("{e}"));
    let sources = Sources::load(&config);
    let strings = Arc::new(Strings::load(&config.language, &sources.strings).0);
    let site = compiled.site;

    let mut times = Vec::new();
    let mut cpus = Vec::new();
    let mut kept = None;
    // What the last run wrote: files, shards, bytes.
    let counts = [(); 3].map(|_| AtomicUsize::new(0));
    for _ in 0..runs {
        counts.iter().for_each(|c| c.store(0, Ordering::Relaxed));
        let started = Instant::now();
        let used = cpu();
        let (index, files) = Index::build(&site, &strings, &|path, bytes, _| {
            counts[0].fetch_add(1, Ordering::Relaxed);
            counts[1].fetch_add(
                usize::from(path.starts_with("search/t/")),
                Ordering::Relaxed,
            );
            counts[2].fetch_add(bytes.len(), Ordering::Relaxed);
        });
        times.push(started.elapsed());
        cpus.push(cpu() - used);
        kept = Some((index, files));
    }
    let (mut index, files) = kept.expect("runs > 0");
    let [written, shards, bytes] = counts.map(AtomicUsize::into_inner);
    println!(
        "full index: {} records, {written} files ({shards} shards), {:.1} MB, median {} ms wall, {} ms CPU",
        site.products.len() + site.categories.len() + site.guides.len(),
        bytes as f64 / 1e6,
        median(times).as_millis(),
        median(cpus).as_millis()
    );
    index.written(files);

    let slug = site.products.keys().next().expect("a product").clone();
    let mut times = Vec::new();
    let mut cpus = Vec::new();
    let mut written = 0;
    for run in 0..runs {
        let mut edited = site.clone();
        let product = edited.products.get_mut(&slug).expect("the product");
        Arc::make_mut(product).summary = format!("Edited {run} with niacinamide.");
        let started = Instant::now();
        let used = cpu();
        let files = index.update(&edited, &strings);
        times.push(started.elapsed());
        cpus.push(cpu() - used);
        written = files.changed.len();
        index.written(files);
    }
    println!(
        "update after one product edit: {written} files changed, median {} ms wall, {} ms CPU",
        median(times).as_millis(),
        median(cpus).as_millis()
    );

    let mut times = Vec::new();
    let mut cpus = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let used = cpu();
        let files = index.update(&site, &strings);
        times.push(started.elapsed());
        cpus.push(cpu() - used);
        index.written(files);
    }
    println!(
        "update with nothing changed: median {} ms wall, {} ms CPU",
        median(times).as_millis(),
        median(cpus).as_millis()
    );
}
