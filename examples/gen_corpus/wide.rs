//! What the `wide` shape adds to the `long` one (see `args::Shape::Wide`):
//! a fixed number of brands named in three words, a `claims` taxonomy of
//! many terms with spaces in their names, and the lines that declare it in
//! both sites. Issue 35 suspects that term pages this large and term names
//! like these cost more per page as a site grows; this shape lets the
//! benchmark see it.

use crate::catalogue::capitalize;
use crate::rng::Rng;
use crate::vocab::{BRAND_A, BRAND_B, BRAND_C};

/// Brands of the wide shape, whatever the number of products: the
/// independent corpus of issue 35 has 200 at every size.
pub const BRANDS: usize = 200;

/// A brand name of three words, e.g. "Wren Brook Botanics".
pub fn brand_name(rng: &mut Rng) -> String {
    let a = rng.pick(BRAND_A);
    let b: &&str = rng.pick(BRAND_B);
    let c = rng.pick(BRAND_C);
    format!("{a} {} {c}", capitalize(b))
}

const CLAIM_LEADS: &[&str] = &["free of", "made without", "no added", "low in"];

const CLAIM_WHAT: &[&str] = &[
    "fragrance",
    "essential oils",
    "drying alcohol",
    "silicones",
    "mineral oil",
    "parabens",
    "sulfates",
    "synthetic dyes",
    "lanolin",
    "nut oils",
    "gluten",
    "soy",
    "beeswax",
    "microplastics",
    "talc",
    "phthalates",
    "formaldehyde releasers",
    "synthetic musks",
    "coconut derivatives",
    "palm oil",
];

/// The number of claims: every lead with every ingredient.
pub const CLAIMS: usize = CLAIM_LEADS.len() * CLAIM_WHAT.len();

/// Claim `i` (below `CLAIMS`), e.g. "made without essential oils".
pub fn claim(i: usize) -> String {
    let lead = CLAIM_LEADS[i / CLAIM_WHAT.len()];
    format!("{lead} {}", CLAIM_WHAT[i % CLAIM_WHAT.len()])
}

/// 2–6 distinct claims of a product, in claim order.
pub fn product_claims(rng: &mut Rng) -> Vec<usize> {
    let k = rng.range(2, 6);
    let mut claims = few_distinct(rng, CLAIMS, k);
    claims.sort_unstable();
    claims
}

/// `k` distinct indices of `0..n`, drawn one by one: for a few out of many
/// (a guide's links out of 50,000 products), where `Rng::sample` would
/// shuffle the whole range for each guide.
pub fn few_distinct(rng: &mut Rng, n: usize, k: usize) -> Vec<usize> {
    let k = k.min(n);
    let mut out = Vec::with_capacity(k);
    while out.len() < k {
        let i = rng.below(n);
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Adds concerns drawn from `0..all` to `concerns` until it holds `want`.
pub fn fill_concerns(rng: &mut Rng, concerns: &mut Vec<usize>, want: usize, all: usize) {
    while concerns.len() < want.min(all) {
        let c = rng.below(all);
        if !concerns.contains(&c) {
            concerns.push(c);
        }
    }
}

/// The `claims` taxonomy in vial's site.yaml, after the others.
pub fn vial_site_yaml(site: &str) -> String {
    site.replacen(
        "\nspecs:\n",
        "\n  - {key: claims, label: Claim, plural: Claims}\nspecs:\n",
        1,
    )
}

/// The `claims` taxonomy in Hugo's config.toml, after the others.
pub fn hugo_config(config: &str) -> String {
    config.replacen(
        "  active = \"actives\"\n",
        "  active = \"actives\"\n  claim = \"claims\"\n",
        1,
    )
}
