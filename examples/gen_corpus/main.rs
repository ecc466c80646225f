//! Generates a synthetic skincare catalogue as a vial site, and optionally the
//! same content as a Hugo site, for benchmarking (see `bench/compare.sh`).
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --products 1000 --guides 200 \
//!     --out /tmp/corpus [--hugo /tmp/corpus-hugo] [--seed 42] [--images 10] \
//!     [--shape classic|long|wide]
//! ```
//!
//! `--shape classic` (the default) writes the benchmark's first corpus: for
//! the same seed, the vial site is byte-identical to what this program
//! wrote before the option existed, and so is the Hugo copy's content (its
//! config.toml and comparison partial changed to run on Hugo 0.168 too;
//! Hugo 0.111 renders the same bytes from them); `--shape
//! long` writes one shaped like the independent corpus of issue 13: four
//! categories, 1–3 paragraph product descriptions, guides of about 1,000
//! words with 5–15 product links, bulleted lists and a table (see
//! `args::Shape`); `--shape wide` is the long shape with what issue 35
//! suspects grows faster than the page count: four categories of one size,
//! 200 brands at every size, a taxonomy of 80 terms with spaces in their
//! names, 2–3 concerns a product and 1–3 a guide (see `wide.rs`).
//!
//! `--images P` gives P% of the products (spread evenly) a picture of their
//! own: a 1200 × 900 JPEG, like a product photo (the vial site only).
//!
//! Deterministic: the same arguments always write the same files. Uses only
//! the standard library (a splitmix64 PRNG, hand-parsed arguments), and
//! vial's `image` dependency to write the pictures.
//!
//! Modules: `args` (command line), `rng` (PRNG), `vocab` (the words),
//! `catalogue` (products, guides, brands in memory), `text` and
//! `long_text` (prose of the classic and long shapes),
//! `wide` (what the wide shape adds),
//! `files` (YAML and folders), `vial` and `hugo` (the two sites) with
//! `hugo_layouts` (the Hugo templates).

mod args;
mod catalogue;
mod files;
mod hugo;
mod hugo_layouts;
mod long_text;
mod rng;
mod text;
mod vial;
mod vocab;
mod wide;

use std::process::ExitCode;

use args::parse_args;
use catalogue::generate;
use hugo::write_hugo;
use vial::write_vial;

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let catalogue = generate(&args);
    let result = write_vial(&args.out, &catalogue, args.images).and_then(|n| {
        println!(
            "vial site: {} ({} files: {} products, {} guides, {} brands)",
            args.out.display(),
            n,
            catalogue.products.len(),
            catalogue.guides.len(),
            catalogue.brands.len()
        );
        match &args.hugo {
            Some(dir) => write_hugo(dir, &catalogue).map(|n| {
                println!("hugo site: {} ({n} files)", dir.display());
            }),
            None => Ok(()),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
