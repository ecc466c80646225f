//! Command-line arguments, parsed by hand (no dependency).

use std::path::PathBuf;

/// What the corpus looks like.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shape {
    /// Six categories; guides of 300-1,450 words with 5-15 product links,
    /// a list, a table, and now and then a `compare` or `usage` block;
    /// two-paragraph product descriptions. The benchmark's first corpus:
    /// the same seed always writes the same files as before `--shape`.
    Classic,
    /// Shaped like the independent corpus of issue 13: four categories;
    /// guides of about 1,000 words (900-1,170, markup included) with 5-15 product links,
    /// bulleted lists, a numbered list and a markdown table, in plain
    /// markdown (no vial-only blocks); product descriptions of 1-3
    /// paragraphs.
    Long,
    /// What issue 35 suspects grows faster than the page count on an
    /// independent corpus, beside the `long` shape's guides and
    /// descriptions: four categories of equal size (50,000 products each at
    /// 200,000), always 200 brands whatever the size (so a brand lists
    /// a thousand products at 200,000) named in three words, a `claims`
    /// taxonomy of 80 terms of two to four words (2–6 a product), 2–3
    /// concerns a product and 1–3 a guide (so concern pages list thousands
    /// of guides). See `wide.rs`.
    Wide,
}

impl Shape {
    fn parse(s: &str) -> Result<Shape, String> {
        match s {
            "classic" => Ok(Shape::Classic),
            "long" => Ok(Shape::Long),
            "wide" => Ok(Shape::Wide),
            _ => Err(format!(
                "`--shape` is `classic`, `long` or `wide`, not `{s}`"
            )),
        }
    }
}

pub struct Args {
    pub products: usize,
    pub guides: usize,
    pub out: PathBuf,
    pub hugo: Option<PathBuf>,
    pub seed: u64,
    /// The percentage of products with a picture.
    pub images: usize,
    pub shape: Shape,
}

pub const USAGE: &str = "usage: gen_corpus --products N --guides M --out DIR [--hugo DIR] [--seed S] [--images P]\n       [--shape classic|long|wide]";

pub fn parse_args() -> Result<Args, String> {
    let mut products = None;
    let mut guides = None;
    let mut out = None;
    let mut hugo = None;
    let mut seed = 42u64;
    let mut images = 0;
    let mut shape = Shape::Classic;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_string());
        }
        let value = args
            .next()
            .ok_or_else(|| format!("`{flag}` needs a value\n{USAGE}"))?;
        let number = |v: &str| {
            v.parse::<u64>()
                .map_err(|_| format!("`{flag}` needs a whole number, got `{v}`"))
        };
        match flag.as_str() {
            "--products" => products = Some(number(&value)? as usize),
            "--guides" => guides = Some(number(&value)? as usize),
            "--seed" => seed = number(&value)?,
            "--images" => images = number(&value)?.min(100) as usize,
            "--out" => out = Some(PathBuf::from(value)),
            "--hugo" => hugo = Some(PathBuf::from(value)),
            "--shape" => shape = Shape::parse(&value)?,
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let products = products.ok_or_else(|| format!("`--products` is required\n{USAGE}"))?;
    if products < 1 {
        return Err("`--products` must be at least 1".into());
    }
    Ok(Args {
        products,
        guides: guides.ok_or_else(|| format!("`--guides` is required\n{USAGE}"))?,
        out: out.ok_or_else(|| format!("`--out` is required\n{USAGE}"))?,
        hugo,
        seed,
        images,
        shape,
    })
}
