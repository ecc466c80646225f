//! Generates a synthetic skincare catalogue as a vial site, and optionally the
//! same content as a Hugo site, for benchmarking (see `bench/compare.sh`).
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --products 1000 --guides 200 \
//!     --out /tmp/corpus [--hugo /tmp/corpus-hugo] [--seed 42] [--images 10]
//! ```
//!
//! `--images P` gives P% of the products (spread evenly) a picture of their
//! own: a 1200 × 900 JPEG, like a product photo (the vial site only).
//!
//! Deterministic: the same arguments always write the same files. Uses only
//! the standard library (a splitmix64 PRNG, hand-parsed arguments), and
//! vial's `image` dependency to write the pictures.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// ---------------------------------------------------------------------------
// Arguments

struct Args {
    products: usize,
    guides: usize,
    out: PathBuf,
    hugo: Option<PathBuf>,
    seed: u64,
    /// The percentage of products with a picture.
    images: usize,
}

const USAGE: &str =
    "usage: gen_corpus --products N --guides M --out DIR [--hugo DIR] [--seed S] [--images P]";

fn parse_args() -> Result<Args, String> {
    let mut products = None;
    let mut guides = None;
    let mut out = None;
    let mut hugo = None;
    let mut seed = 42u64;
    let mut images = 0;
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
    })
}

// ---------------------------------------------------------------------------
// PRNG: splitmix64

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5eed_c0de_1234_5678)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `k` distinct indices of `0..n`, in random order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all
    }
}

// ---------------------------------------------------------------------------
// Vocabulary

struct CategoryDef {
    slug: &'static str,
    name: &'static str,
    step: &'static str,
    /// Share of products, in percent.
    weight: usize,
    nouns: &'static [&'static str],
    summary: &'static str,
    description: &'static str,
    traits: &'static [(&'static str, &'static str)],
    concentration: &'static [&'static str],
    volumes: &'static [f64],
    textures: &'static [&'static str],
    packaging: &'static [&'static str],
}

const CATEGORIES: &[CategoryDef] = &[
    CategoryDef {
        slug: "serum",
        name: "Serum",
        step: "treat",
        weight: 30,
        nouns: &["Serum", "Booster", "Concentrate", "Drops"],
        summary: "A light, concentrated treatment for everyday use.",
        description: "A serum carries a **useful dose of actives** in a light base that sinks in\nquickly. It sits after cleansing and toning and before moisturizer, and most\nserums are gentle enough to use every day.\n\nPick a serum for the concern that matters most to you and give it a few\nweeks before judging the result.",
        traits: &[
            ("Strength of actives", "Moderate to high"),
            ("Texture", "Watery to gel"),
            ("How often", "Daily, once or twice"),
            ("Where in the routine", "After toner, before moisturizer"),
        ],
        concentration: &["low", "medium", "high"],
        volumes: &[15.0, 30.0, 50.0],
        textures: &["water", "gel", "milky", "oil"],
        packaging: &[
            "Dropper bottle",
            "Pump bottle",
            "Squeeze tube",
            "Airless pump",
        ],
    },
    CategoryDef {
        slug: "ampoule",
        name: "Ampoule",
        step: "treat",
        weight: 20,
        nouns: &["Ampoule", "Ampoules", "Shot", "Vials"],
        summary: "A high-strength treatment in small single doses, used in short bursts.",
        description: "An ampoule is a **serum with the volume turned up**: a denser dose of\nactives, often without fillers or preservatives, sealed into tiny vials.\n\nUse ampoules as a short course or on a spaced-out schedule rather than\nevery day.",
        traits: &[
            ("Strength of actives", "High to very high"),
            ("Fillers and preservatives", "Often left out entirely"),
            ("Packaging", "Tiny single-dose vials"),
            ("How often", "A course of a few days, or about once a week"),
            (
                "Where in the routine",
                "After cleansing, before moisturizer",
            ),
        ],
        concentration: &["high", "very-high"],
        volumes: &[1.0, 1.5, 2.0, 2.5],
        textures: &["water", "gel", "oil"],
        packaging: &[
            "Five single-dose vials",
            "Seven single-dose vials",
            "Single-dose vial",
            "Glass ampoules",
        ],
    },
    CategoryDef {
        slug: "cleanser",
        name: "Cleanser",
        step: "cleanse",
        weight: 12,
        nouns: &["Cleanser", "Wash", "Cleansing Gel", "Cleansing Milk"],
        summary: "The first step, which clears away oil, sunscreen and grime.",
        description: "A cleanser prepares the skin for everything that follows. A gentle\nformula that leaves the face **comfortable, not tight**, keeps the barrier in\ngood shape for the treatment step.",
        traits: &[
            (
                "Job in the routine",
                "Removes sunscreen, makeup, oil and dirt",
            ),
            ("How often", "Morning and evening"),
            ("What to look for", "A formula that leaves skin comfortable"),
        ],
        concentration: &["low"],
        volumes: &[100.0, 150.0, 200.0],
        textures: &["gel", "milky", "oil", "cream"],
        packaging: &["Pump bottle", "Squeeze tube", "Bottle"],
    },
    CategoryDef {
        slug: "toner",
        name: "Toner",
        step: "tone",
        weight: 10,
        nouns: &["Toner", "Essence", "Mist", "Lotion"],
        summary: "A watery layer that rebalances skin after cleansing.",
        description: "A toner adds a **first layer of water** and light actives after\ncleansing, so that what follows spreads evenly.",
        traits: &[
            ("Job in the routine", "Rehydrates and preps the skin"),
            ("How often", "Morning and evening"),
            ("Texture", "Watery"),
        ],
        concentration: &["low", "medium"],
        volumes: &[100.0, 150.0, 200.0],
        textures: &["water", "milky"],
        packaging: &["Bottle", "Spray bottle", "Pump bottle"],
    },
    CategoryDef {
        slug: "moisturizer",
        name: "Moisturizer",
        step: "moisturize",
        weight: 15,
        nouns: &["Cream", "Gel Cream", "Moisturizer", "Balm"],
        summary: "The cream or gel that seals in water and the treatment beneath it.",
        description: "A moisturizer closes the routine before sunscreen. It softens the\nskin, slows water loss and helps **hold the treatment step in place**.",
        traits: &[
            (
                "Job in the routine",
                "Seals in moisture and supports the barrier",
            ),
            ("How often", "Morning and evening"),
            ("Texture", "From light gels to rich creams"),
        ],
        concentration: &["low", "medium"],
        volumes: &[30.0, 50.0, 75.0],
        textures: &["gel", "milky", "cream"],
        packaging: &["Jar", "Airless jar", "Squeeze tube", "Airless pump"],
    },
    CategoryDef {
        slug: "sunscreen",
        name: "Sunscreen",
        step: "protect",
        weight: 13,
        nouns: &[
            "Sunscreen SPF50",
            "Fluid SPF50",
            "Shield SPF30",
            "Sun Milk SPF50",
        ],
        summary: "The last morning step, which protects everything underneath.",
        description: "Sunscreen is the **last step of every morning routine**, and the one\nthat makes strong treatments safe to use.",
        traits: &[
            ("Job in the routine", "Protects from UV light"),
            ("How often", "Every morning, reapplied outdoors"),
            ("Where in the routine", "Always last"),
        ],
        concentration: &["low"],
        volumes: &[30.0, 40.0, 50.0],
        textures: &["milky", "cream", "gel"],
        packaging: &["Squeeze tube", "Pump bottle"],
    },
];

/// Active name, the word used in product names, and related concerns.
const ACTIVES: &[(&str, &str, &[usize])] = &[
    ("Hyaluronic acid", "Hyaluronic", &[1, 10]),
    ("Niacinamide", "Niacinamide", &[4, 7, 9]),
    ("Vitamin C", "Vitamin C", &[0, 6]),
    ("Retinal", "Retinal", &[5, 8, 11]),
    ("Retinol", "Retinol", &[5, 8]),
    ("Peptides", "Peptide", &[5, 11]),
    ("Ceramides", "Ceramide", &[3, 10]),
    ("Squalane", "Squalane", &[10, 1]),
    ("Centella asiatica extract", "Centella", &[2, 3]),
    ("Panthenol", "Panthenol", &[3, 1]),
    ("Zinc PCA", "Zinc", &[4, 9]),
    ("Azelaic acid", "Azelaic", &[2, 4, 6]),
    ("Salicylic acid", "Salicylic", &[4, 7]),
    ("Glycolic acid", "Glycolic", &[8, 0]),
    ("Lactic acid", "Lactic", &[8, 0, 10]),
    ("Tranexamic acid", "Tranexamic", &[6, 0]),
    ("Allantoin", "Allantoin", &[3, 2]),
    ("Bakuchiol", "Bakuchiol", &[5, 11]),
    ("Zinc oxide", "Mineral", &[2, 3]),
    ("Glycerin", "Glycerin", &[1, 10]),
];

const CONCERNS: &[&str] = &[
    "dullness",
    "dehydration",
    "redness",
    "sensitivity",
    "breakouts",
    "fine lines",
    "dark spots",
    "enlarged pores",
    "uneven texture",
    "oiliness",
    "dryness",
    "loss of firmness",
];

const PREFIXES: &[&str] = &[
    "Daily",
    "Deep",
    "Calm",
    "Bright",
    "Pure",
    "Velvet",
    "Cloud",
    "Glow",
    "Quiet",
    "Clear",
    "Soft",
    "Dew",
    "Night",
    "Morning",
    "Intensive",
    "Gentle",
    "Balance",
    "Rescue",
    "Barrier",
    "Silk",
    "Fresh",
    "Smooth",
    "Radiant",
    "Firming",
    "Hydra",
    "Aqua",
    "Renew",
    "Even",
    "Steady",
    "Light",
    "Rich",
    "First",
    "Final",
    "Micro",
    "Meso",
    "Nordic",
    "Alpine",
    "Coastal",
    "Urban",
    "Still",
];

const BRAND_A: &[&str] = &[
    "Wren", "Quiet", "Tarn", "Eco", "Lumen", "Aster", "Bram", "Cedar", "Dune", "Fern", "Gale",
    "Haze", "Iris", "Juniper", "Kestrel", "Linden", "Moss", "Nettle", "Oak", "Pebble", "Quill",
    "Rowan", "Sage", "Thistle", "Umber", "Vale", "Willow", "Yarrow", "Zephyr", "Alder",
];
const BRAND_B: &[&str] = &[
    "field", "mere", "well", "brook", "stone", "wood", "haven", "ridge", "moor", "glen",
];
const BRAND_C: &[&str] = &[
    "Skin",
    "Lab",
    "Botanics",
    "Apothecary",
    "Skincare",
    "Studio",
];

const SKIN_TYPES: &[&str] = &["normal", "dry", "oily", "combination", "sensitive"];

const CAUTIONS: &[&str] = &[
    "Stop if your skin stings or turns red.",
    "Patch-test first if you react easily.",
    "Wear sunscreen during the day while using it.",
    "Do not combine with other strong acids on the same night.",
    "Avoid the eye area.",
    "Not recommended during pregnancy without advice.",
    "If redness persists for more than a few days, see a dermatologist.",
    "Keep the opened vial in the fridge and finish it within a day.",
];

const INSTRUCTIONS: &[&str] = &[
    "Smooth a thin layer over clean skin and let it **settle for a minute** before the next step.",
    "Press two or three drops into the face with your palms; **do not rub**.",
    "Use one vial on clean, dry skin, then follow with a plain moisturizer.",
    "Massage over damp skin for thirty seconds and rinse with **lukewarm water**.",
    "Sweep over the face with your hands or a cotton pad after cleansing.",
    "Apply a generous layer, about **two finger lengths**, as the last step of the morning.",
    "Warm a small amount between your fingers and pat it over face and neck.",
    "Start every other evening for the first week, then build up as your skin allows.",
];

const AUTHORS: &[&str] = &[
    "The editors",
    "Mira Okafor",
    "Jonas Lind",
    "Ana Ribeiro",
    "Sam Keller",
];

const SEASONS: &[&str] = &["winter", "summer", "travel", "city", "spring"];

// ---------------------------------------------------------------------------
// The catalogue

struct Product {
    slug: String,
    name: String,
    brand: usize,
    category: usize,
    summary: String,
    description: String,
    /// (active index, percent)
    actives: Vec<(usize, Option<f64>)>,
    concerns: Vec<usize>,
    concentration: Option<&'static str>,
    volume: Option<f64>,
    preservative_free: Option<bool>,
    packaging: Option<&'static str>,
    texture: Option<&'static str>,
    skin_types: Option<Vec<&'static str>>,
    frequency: String,
    times: Vec<&'static str>,
    step: &'static str,
    position: Option<&'static str>,
    instructions: String,
    cautions: Vec<&'static str>,
}

struct Guide {
    slug: String,
    title: String,
    summary: String,
    date: String,
    updated: Option<String>,
    author: &'static str,
    concerns: Vec<usize>,
    products: Vec<usize>,
    /// vial markdown: wiki links and ```compare / ```usage blocks.
    body: String,
}

struct Catalogue {
    brands: Vec<String>,
    products: Vec<Product>,
    guides: Vec<Guide>,
}

/// The slugs vial itself derives from names.
fn slugify(s: &str) -> String {
    vial::model::slugify(s)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Display form of a frequency, as vial shows it (for the Hugo copy).
fn frequency_label(f: &str) -> String {
    match f {
        "daily" => "Daily".into(),
        "twice daily" => "Twice daily".into(),
        "as needed" => "As needed".into(),
        "once a week" => "Once a week".into(),
        "twice a week" => "Twice a week".into(),
        f if f.starts_with("course of ") => {
            format!("A course of {}", &f["course of ".len()..]).replace('-', "–")
        }
        f => f.to_string(),
    }
}

fn date_from_day(day: usize) -> String {
    // Days from 2023-01-01 on a simplified calendar of 28-day months is
    // enough: only the format matters.
    let year = 2023 + day / (12 * 28);
    let month = 1 + (day / 28) % 12;
    let dom = 1 + day % 28;
    format!("{year:04}-{month:02}-{dom:02}")
}

fn generate(args: &Args) -> Catalogue {
    let mut rng = Rng::new(args.seed);
    let mut used: HashSet<String> = CATEGORIES.iter().map(|c| c.slug.to_string()).collect();

    // Brands.
    let brand_count = (args.products / 50).max(1);
    let mut brands = Vec::new();
    let mut brand_slugs = HashSet::new();
    while brands.len() < brand_count {
        let mut name = format!(
            "{}{} {}",
            rng.pick(BRAND_A),
            rng.pick(BRAND_B),
            rng.pick(BRAND_C)
        );
        if brand_slugs.contains(&slugify(&name)) {
            name = format!("{name} {}", brands.len() + 1);
        }
        if brand_slugs.insert(slugify(&name)) {
            brands.push(name);
        }
    }

    // Products.
    let total_weight: usize = CATEGORIES.iter().map(|c| c.weight).sum();
    let mut products = Vec::with_capacity(args.products);
    for i in 0..args.products {
        // Spread categories evenly by weight, in a shuffled-looking order.
        let mut w = (i * 37 + rng.below(7)) % total_weight;
        let mut category = 0;
        for (ci, c) in CATEGORIES.iter().enumerate() {
            if w < c.weight {
                category = ci;
                break;
            }
            w -= c.weight;
        }
        let cat = &CATEGORIES[category];
        let main_active = rng.below(ACTIVES.len());
        let base = format!(
            "{} {} {}",
            rng.pick(PREFIXES),
            ACTIVES[main_active].1,
            rng.pick(cat.nouns)
        );
        let mut name = base.clone();
        let mut n = 2;
        while used.contains(&slugify(&name)) {
            name = format!("{base} No. {n}");
            n += 1;
        }
        let slug = slugify(&name);
        used.insert(slug.clone());

        let mut actives = vec![(main_active, Some(percent(&mut rng, cat.slug)))];
        let extras = rng.range(0, 3);
        for extra in rng.sample(ACTIVES.len(), extras) {
            if extra != main_active {
                let p = rng.chance(0.5).then(|| percent(&mut rng, "toner"));
                actives.push((extra, p));
            }
        }
        if cat.slug == "sunscreen" && actives.iter().all(|a| a.0 != 18) && rng.chance(0.5) {
            actives.push((18, Some(rng.range(5, 20) as f64)));
        }
        let mut concerns: Vec<usize> = Vec::new();
        for &(a, _) in actives.iter().take(2) {
            let c = *rng.pick(ACTIVES[a].2);
            if !concerns.contains(&c) {
                concerns.push(c);
            }
        }
        if rng.chance(0.3) {
            let c = rng.below(CONCERNS.len());
            if !concerns.contains(&c) {
                concerns.push(c);
            }
        }

        let (frequency, times, position) = usage_for(&mut rng, cat.slug, ACTIVES[main_active].0);
        let skin: Vec<&str> = {
            let k = rng.range(1, 4);
            let mut idx = rng.sample(SKIN_TYPES.len(), k);
            idx.sort();
            idx.into_iter().map(|k| SKIN_TYPES[k]).collect()
        };
        // Now and then a spec is left out, so tables show gaps.
        let omit = if rng.chance(0.1) { rng.below(6) } else { 99 };
        let main_name = ACTIVES[main_active].0;
        let concern_words: Vec<&str> = concerns.iter().map(|&c| CONCERNS[c]).collect();
        let summary = format!(
            "A {} {} built around {} for {}.",
            rng.pick(&[
                "gentle",
                "focused",
                "light",
                "rich",
                "simple",
                "concentrated"
            ]),
            cat.name.to_lowercase(),
            main_name.to_lowercase(),
            concern_words.join(" and ")
        );
        let description = format!(
            "{name} pairs **{}** with a short list of supporting ingredients. It is\nmeant for {} and sits in the {} step of the routine.\n\n{}",
            main_name.to_lowercase(),
            concern_words.join(", "),
            cat.step,
            sentence(&mut rng, main_active, concerns[0], cat)
        );
        let mut cautions = Vec::new();
        let caution_count = rng.range(0, 2);
        for k in rng.sample(CAUTIONS.len(), caution_count) {
            cautions.push(CAUTIONS[k]);
        }
        products.push(Product {
            slug,
            name,
            brand: rng.below(brands.len()),
            category,
            summary,
            description,
            actives,
            concerns,
            concentration: (omit != 0).then(|| *rng.pick(cat.concentration)),
            volume: (omit != 1).then(|| *rng.pick(cat.volumes)),
            preservative_free: (omit != 2)
                .then(|| rng.chance(if cat.slug == "ampoule" { 0.8 } else { 0.2 })),
            packaging: (omit != 3).then(|| *rng.pick(cat.packaging)),
            texture: (omit != 4).then(|| *rng.pick(cat.textures)),
            skin_types: (omit != 5).then_some(skin),
            frequency,
            times,
            step: cat.step,
            position,
            instructions: rng.pick(INSTRUCTIONS).to_string(),
            cautions,
        });
    }

    // Index: products per concern and per category, for guides.
    let mut by_concern: Vec<Vec<usize>> = vec![Vec::new(); CONCERNS.len()];
    let mut by_category: Vec<Vec<usize>> = vec![Vec::new(); CATEGORIES.len()];
    for (i, p) in products.iter().enumerate() {
        for &c in &p.concerns {
            by_concern[c].push(i);
        }
        by_category[p.category].push(i);
    }

    // Guides.
    let mut guides = Vec::with_capacity(args.guides);
    for g in 0..args.guides {
        let concern = rng.below(CONCERNS.len());
        let active = rng.below(ACTIVES.len());
        let active2 = (active + 1 + rng.below(ACTIVES.len() - 1)) % ACTIVES.len();
        let ca = rng.below(CATEGORIES.len());
        let cb = (ca + 1 + rng.below(CATEGORIES.len() - 1)) % CATEGORIES.len();
        let cname = CONCERNS[concern];
        let an = ACTIVES[active].0;
        let base = match rng.below(7) {
            0 => format!("How to use {} in your routine", an.to_lowercase()),
            1 => format!(
                "{} or {}? Choosing for {cname}",
                CATEGORIES[ca].name,
                CATEGORIES[cb].name.to_lowercase()
            ),
            2 => format!("A routine for {cname}"),
            3 => format!("What {} really does", an.to_lowercase()),
            4 => format!(
                "Layering {} and {}",
                an.to_lowercase(),
                ACTIVES[active2].0.to_lowercase()
            ),
            5 => format!("{}: a {} plan", capitalize(cname), rng.pick(SEASONS)),
            _ => format!(
                "When to reach for a{} {}",
                if "aeiou".contains(&CATEGORIES[ca].slug[..1]) {
                    "n"
                } else {
                    ""
                },
                CATEGORIES[ca].name.to_lowercase()
            ),
        };
        let mut title = base.clone();
        let mut n = 2;
        while used.contains(&slugify(&title)) {
            title = format!("{base}, part {n}");
            n += 1;
        }
        let slug = slugify(&title);
        used.insert(slug.clone());

        let mut concerns = vec![concern];
        if rng.chance(0.4) {
            let c2 = rng.below(CONCERNS.len());
            if c2 != concern {
                concerns.push(c2);
            }
        }
        // Products the guide talks about: mostly ones for its concern.
        let pool = if by_concern[concern].len() >= 15 {
            &by_concern[concern]
        } else {
            &by_category[ca]
        };
        let pool: Vec<usize> = if pool.len() >= 2 {
            pool.clone()
        } else {
            (0..products.len()).collect()
        };
        let link_count = rng.range(5, 15);
        let links: Vec<usize> = (0..link_count).map(|_| *rng.pick(&pool)).collect();
        let mut related: Vec<usize> = Vec::new();
        let related_count = rng.range(2, 4);
        for &l in links.iter().take(related_count) {
            if !related.contains(&l) {
                related.push(l);
            }
        }
        let compare = rng.chance(0.4).then(|| {
            let members = if by_category[ca].len() >= 2 {
                &by_category[ca]
            } else {
                &pool
            };
            let k = rng.range(2, 4).min(members.len());
            rng.sample(members.len(), k)
                .into_iter()
                .map(|i| members[i])
                .collect::<Vec<_>>()
        });
        let usage = rng.chance(0.4).then(|| *rng.pick(&links));
        let words = rng.range(300, 1450);
        let body = guide_body(
            &mut rng,
            &products,
            words,
            concern,
            active,
            ca,
            &links,
            compare.as_deref(),
            usage,
        );
        let day = rng.below(3 * 12 * 28);
        let updated = rng
            .chance(0.3)
            .then(|| date_from_day(day + rng.range(1, 60)));
        guides.push(Guide {
            slug,
            summary: format!(
                "Plain advice on {cname}, {} and where they fit in a routine ({}).",
                an.to_lowercase(),
                g + 1
            ),
            title,
            date: date_from_day(day),
            updated,
            author: AUTHORS[rng.below(AUTHORS.len())],
            concerns,
            products: related,
            body,
        });
    }

    Catalogue {
        brands,
        products,
        guides,
    }
}

fn percent(rng: &mut Rng, category: &str) -> f64 {
    let (lo, hi) = match category {
        "ampoule" => (5, 20),
        "serum" => (2, 12),
        _ => (1, 5),
    };
    let whole = rng.range(lo, hi) as f64;
    if rng.chance(0.3) { whole + 0.5 } else { whole }
}

fn usage_for(
    rng: &mut Rng,
    category: &str,
    active: &str,
) -> (String, Vec<&'static str>, Option<&'static str>) {
    let night_only = matches!(
        active,
        "Retinal" | "Retinol" | "Glycolic acid" | "Lactic acid"
    );
    let both = vec!["am", "pm"];
    let (freq, times): (String, Vec<&str>) = match category {
        "cleanser" => {
            if rng.chance(0.7) {
                ("twice daily".into(), both)
            } else {
                ("daily".into(), vec!["pm"])
            }
        }
        "toner" | "moisturizer" => {
            if rng.chance(0.6) {
                ("twice daily".into(), both)
            } else {
                ("daily".into(), vec![*rng.pick(&["am", "pm"])])
            }
        }
        "sunscreen" => ("daily".into(), vec!["am"]),
        "serum" => match rng.below(5) {
            0 => ("twice daily".into(), both),
            1 | 2 => ("daily".into(), vec![*rng.pick(&["am", "pm"])]),
            3 => (format!("{} times a week", rng.range(2, 5)), vec!["pm"]),
            _ => ("as needed".into(), both),
        },
        _ => match rng.below(6) {
            0 => ("course of 3-5 days".into(), vec!["pm"]),
            1 => (format!("course of {} days", rng.range(5, 10)), vec!["pm"]),
            2 => ("once a week".into(), vec!["pm"]),
            3 => ("twice a week".into(), vec!["pm"]),
            4 => (
                format!("{} times a week", rng.range(1, 3)),
                vec!["am", "pm"],
            ),
            _ => ("as needed".into(), both),
        },
    };
    let times = if night_only && times.contains(&"am") {
        vec!["pm"]
    } else {
        times
    };
    let position = (matches!(category, "ampoule" | "serum") && rng.chance(0.12)).then_some("last");
    (freq, times, position)
}

/// One sentence of advice.
fn sentence(rng: &mut Rng, active: usize, concern: usize, cat: &CategoryDef) -> String {
    let a = ACTIVES[active].0.to_lowercase();
    let c = CONCERNS[concern];
    let cat_name = cat.name.to_lowercase();
    let step = cat.step;
    match rng.below(16) {
        0 => format!(
            "{} is one of the better studied ingredients for {c}.",
            capitalize(&a)
        ),
        1 => format!(
            "Most people see a difference with {a} after four to eight weeks of steady use."
        ),
        2 => format!(
            "A {cat_name} belongs in the {step} step, after cleansing and before anything heavier."
        ),
        3 => "If your skin feels tight or stings, step back to every other day and watch how it settles.".to_string(),
        4 => "Strength matters less than consistency: a modest dose used every day beats a strong one used once.".to_string(),
        5 => format!("For {c}, introduce one new product at a time so you can tell what helps."),
        6 => "Layer thinner textures first and let each one sink in for a minute before the next.".to_string(),
        7 => format!(
            "Morning routines should always end with sunscreen, especially when you use {a}."
        ),
        8 => format!(
            "Look at the full ingredient list rather than the name on the box: {cat_name} is not a regulated term."
        ),
        9 => "Skin that is already irritated needs fewer steps, not more, so keep the rest of the routine plain.".to_string(),
        10 => "A patch test on the jaw line for a few evenings will catch most reactions early.".to_string(),
        11 => format!("Pairing {a} with a simple moisturizer makes it easier to tolerate."),
        12 => format!(
            "Dermatologists often suggest starting low with {a} and increasing only once the skin is comfortable."
        ),
        13 => "Seasonal changes can shift how your skin reacts, so review the routine every few months.".to_string(),
        14 => format!(
            "There is no need to use every active at once; pick the one that matches {c} best."
        ),
        _ => "Keep notes for a few weeks: when your skin improves, you will know which step made the difference.".to_string(),
    }
}

#[allow(clippy::too_many_arguments)]
fn guide_body(
    rng: &mut Rng,
    products: &[Product],
    target_words: usize,
    concern: usize,
    active: usize,
    category: usize,
    links: &[usize],
    compare: Option<&[usize]>,
    usage: Option<usize>,
) -> String {
    let cat = &CATEGORIES[category];
    let mut out = String::new();
    let mut words = 0usize;
    let count = |s: &str| s.split_whitespace().count();
    let mut pending_links: Vec<usize> = links.to_vec();
    pending_links.reverse();
    const HEADINGS: &[&str] = &[
        "Why it matters",
        "What to look for",
        "How often",
        "Where it goes in the routine",
        "Getting started",
        "Common mistakes",
        "Combining products",
        "When to stop",
        "What the research says",
        "Adjusting over time",
        "Morning and evening",
        "Products worth a look",
    ];
    let headings = rng.sample(HEADINGS.len(), HEADINGS.len());
    let mut section = 0usize;
    let mut placed_list = false;
    let mut placed_ol = false;
    let mut placed_table = false;
    let mut placed_compare = compare.is_none();
    let mut placed_usage = usage.is_none();

    // Sections until the word budget and every required element are placed.
    loop {
        let done = words >= target_words
            && pending_links.is_empty()
            && placed_list
            && placed_table
            && placed_compare
            && placed_usage;
        if done || section >= 40 {
            break;
        }
        if section > 0 || rng.chance(0.5) {
            let h = HEADINGS[headings[section % headings.len()]];
            let h = if section >= headings.len() {
                format!("{h} ({})", section / headings.len() + 1)
            } else {
                h.to_string()
            };
            let _ = writeln!(out, "## {h}\n");
            words += count(&h);
        }
        section += 1;
        // One or two paragraphs.
        for _ in 0..rng.range(1, 2) {
            if words >= target_words && pending_links.is_empty() {
                break;
            }
            let mut para = String::new();
            for s in 0..rng.range(2, 5) {
                if s > 0 {
                    para.push(' ');
                }
                para.push_str(&sentence(rng, active, concern, cat));
            }
            if let Some(p) = pending_links.pop() {
                let (lead, tail) = *rng.pick(&[
                    ("For example,", "fits this well."),
                    ("A good place to start is", "."),
                    ("Many readers get on well with", "."),
                    ("If you want one product to try,", "is a sensible pick."),
                    ("One option that works for most skin types is", "."),
                ]);
                let sep = if tail == "." { "" } else { " " };
                let _ = write!(para, " {lead} [[{}]]{sep}{tail}", products[p].slug);
                if rng.chance(0.5)
                    && let Some(p2) = pending_links.pop()
                {
                    let _ = write!(para, " Compare it with [[{}]].", products[p2].slug);
                }
            }
            words += count(&para);
            let _ = writeln!(out, "{para}\n");
        }
        {
            let slot = section % 5;
            if !placed_list && (slot == 1 || words >= target_words) {
                for _ in 0..rng.range(3, 5) {
                    let item = sentence(rng, active, concern, cat);
                    words += count(&item);
                    let _ = writeln!(out, "- {item}");
                }
                out.push('\n');
                placed_list = true;
            }
            if !placed_table && (slot == 2 || words >= target_words) {
                out.push_str("| Step | What it does | How often |\n|---|---|---|\n");
                let rows: [(&str, &str, &str); 5] = [
                    (
                        "Cleanse",
                        "Clears away oil and sunscreen",
                        "Morning and evening",
                    ),
                    ("Tone", "Adds a first layer of water", "Morning and evening"),
                    ("Treat", "Targets one concern", "Daily or in short courses"),
                    ("Moisturize", "Seals everything in", "Morning and evening"),
                    ("Protect", "Blocks UV light", "Every morning"),
                ];
                for (a, b, c) in rows.iter().take(rng.range(3, 5)) {
                    let _ = writeln!(out, "| {a} | {b} | {c} |");
                    words += count(a) + count(b) + count(c);
                }
                out.push('\n');
                placed_table = true;
            }
            if !placed_compare && (slot == 3 || words >= target_words) {
                let slugs: Vec<&str> = compare
                    .unwrap_or_default()
                    .iter()
                    .map(|&i| products[i].slug.as_str())
                    .collect();
                let _ = writeln!(
                    out,
                    "How they compare:\n\n```compare\nproducts: [{}]\n```\n",
                    slugs.join(", ")
                );
                placed_compare = true;
            }
            if !placed_usage && (slot == 4 || words >= target_words) {
                let _ = writeln!(
                    out,
                    "How to use it:\n\n```usage\nproduct: {}\n```\n",
                    products[usage.unwrap_or(0)].slug
                );
                placed_usage = true;
            }
            if !placed_ol && (slot == 0 || words >= target_words) {
                for (k, step) in [
                    "Cleanse",
                    "Apply the treatment",
                    "Moisturize",
                    "Protect in the morning",
                ]
                .iter()
                .enumerate()
                {
                    let _ = writeln!(out, "{}. {step}.", k + 1);
                    words += 4;
                }
                out.push('\n');
                placed_ol = true;
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Writing

/// A YAML double-quoted string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A YAML literal block scalar at `indent` spaces.
fn block(s: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::from("|\n");
    for line in s.lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{pad}{line}");
        }
    }
    out
}

fn num(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn list(items: &[&str]) -> String {
    format!(
        "[{}]",
        items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
    )
}

const MARKER: &str = ".gen_corpus";

/// Creates `dir`, or empties one this program wrote before.
fn prepare(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .next()
            .is_none();
        if !empty {
            if !dir.join(MARKER).exists() {
                return Err(format!(
                    "{} exists and was not written by gen_corpus; choose an empty or new folder",
                    dir.display()
                ));
            }
            fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
    }
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    fs::write(dir.join(MARKER), "written by examples/gen_corpus.rs\n")
        .map_err(|e| format!("{}: {e}", dir.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

const SITE_YAML: &str = "title: Generated Skincare Corpus
base_url: https://example.org
description: A generated knowledge base about skincare products, for benchmarking.
language: en
comparison:
  side_by_side_max: 6
  page_size: 50
usage:
  slots:
    - {key: am, label: Morning}
    - {key: pm, label: Evening}
  steps: [cleanse, tone, treat, moisturize, protect]
  reminders:
    am:
      - Finish a morning routine with sunscreen, especially after a treatment step.
    pm:
      - Pick one strong active for the evening rather than layering several on the same night.
taxonomies:
  - {key: brand, label: Brand, plural: Brands, single: true, required: true, path: brands}
  - {key: concerns, label: Concern, plural: Concerns, guides: true}
  - key: actives
    label: Active
    plural: Actives
    strength: {field: percent, label: Strength, unit: \"%\", order: descending}
specs:
  - key: concentration
    label: Concentration
    type: enum
    values: [low, medium, high, {key: very-high, label: Very high}]
  - key: volume
    label: Volume
    type: number
    unit: ml
  - key: preservative_free
    label: Preservative-free
    type: bool
  - key: packaging
    label: Packaging
    type: text
  - key: texture
    label: Texture
    type: enum
    values: [water, gel, milky, oil, cream]
  - key: skin_types
    label: Skin types
    type: list
compare:
  - [serum, ampoule]
routine:
  groups:
    retinoids: {actives: [retinal, retinol]}
    acids: {actives: [glycolic-acid, lactic-acid, salicylic-acid]}
    ampoules: {categories: [ampoule]}
    sunscreens: {steps: [protect]}
    retinol: {actives: [retinol]}
  rules:
    - key: retinoid-and-acid
      message: A retinoid and an exfoliating acid on the same evening irritate; keep them on different nights.
      apart: [retinoids, acids]
      slot: pm
    - key: sunscreen-after-ampoule
      message: An ampoule in the morning is followed by sunscreen.
      when: ampoules
      needs: sunscreens
      slot: am
    - key: one-ampoule-at-a-time
      message: One ampoule at a time.
      apart: [ampoules]
    - key: strong-retinol
      message: Retinol above 0.5% is strong; start slowly.
      when: retinol
      above: 0.5
";

/// A product photo stand-in: a bottle-like shape on a gradient, with grain,
/// in colours that depend on `n`, so no two pictures share their bytes.
fn photo(n: usize) -> Vec<u8> {
    let (width, height) = (1200u32, 900u32);
    let mut rng = Rng::new(n as u64);
    let tint = [
        rng.next_u64() as u8,
        rng.next_u64() as u8,
        rng.next_u64() as u8,
    ];
    let pixels = image::RgbImage::from_fn(width, height, |x, y| {
        let (dx, dy) = (x as i64 - 600, y as i64 - 470);
        let inside = dx * dx * 4 + dy * dy < 300 * 300 && (y as i64) > 150;
        let grain = ((x.wrapping_mul(2654435761) ^ y.wrapping_mul(40503)) >> 13) as u8 % 12;
        let base = |c: u8, i: usize| {
            let shade = if inside {
                c
            } else {
                200 + (y * 40 / height) as u8 - i as u8 * 10
            };
            shade.saturating_add(grain)
        };
        image::Rgb([base(tint[0], 0), base(tint[1], 1), base(tint[2], 2)])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&pixels)
        .expect("JPEG into memory");
    out
}

fn write_vial(dir: &Path, cat: &Catalogue, images: usize) -> Result<usize, String> {
    prepare(dir)?;
    write(&dir.join("site.yaml"), SITE_YAML)?;
    let mut files = 1;
    for c in CATEGORIES {
        let mut y = String::new();
        let _ = writeln!(y, "name: {}", q(c.name));
        let _ = writeln!(y, "summary: {}", q(c.summary));
        let _ = write!(y, "description: {}", block(c.description, 2));
        y.push_str("traits:\n");
        for (n, v) in c.traits {
            let _ = writeln!(y, "  - name: {}\n    value: {}", q(n), q(v));
        }
        write(&dir.join(format!("content/categories/{}.yaml", c.slug)), &y)?;
        files += 1;
    }
    for (i, p) in cat.products.iter().enumerate() {
        let mut yaml = product_yaml(p, &cat.brands);
        // Exactly `images`% of the products, spread over the catalogue.
        let picture =
            (i * images / 100 != (i + 1) * images / 100).then(|| format!("{}.jpg", p.slug));
        if let Some(name) = &picture {
            let _ = write!(
                yaml,
                "image:\n  src: {name}\n  alt: {}\n",
                q(&format!("A bottle of {}", p.name))
            );
        }
        write(
            &dir.join(format!("content/products/{}.yaml", p.slug)),
            &yaml,
        )?;
        files += 1;
        if let Some(name) = picture {
            let path = dir.join("content/products").join(name);
            fs::write(&path, photo(i)).map_err(|e| format!("{}: {e}", path.display()))?;
            files += 1;
        }
    }
    for g in &cat.guides {
        let mut t = String::from("---\n");
        let _ = writeln!(t, "title: {}", q(&g.title));
        let _ = writeln!(t, "summary: {}", q(&g.summary));
        let _ = writeln!(t, "date: {}", g.date);
        if let Some(u) = &g.updated {
            let _ = writeln!(t, "updated: {u}");
        }
        let _ = writeln!(t, "author: {}", q(g.author));
        let concerns: Vec<&str> = g.concerns.iter().map(|&c| CONCERNS[c]).collect();
        let _ = writeln!(t, "concerns: {}", list(&concerns));
        let products: Vec<&str> = g
            .products
            .iter()
            .map(|&p| cat.products[p].slug.as_str())
            .collect();
        let _ = writeln!(t, "products: [{}]", products.join(", "));
        t.push_str("---\n\n");
        t.push_str(&g.body);
        write(&dir.join(format!("content/guides/{}.md", g.slug)), &t)?;
        files += 1;
    }
    Ok(files)
}

/// A product's actives as YAML list items (`- name:`, `percent:`), the same
/// for both sites.
fn write_actives(out: &mut String, p: &Product) {
    for (a, pct) in &p.actives {
        let _ = writeln!(out, "  - name: {}", q(ACTIVES[*a].0));
        if let Some(pct) = pct {
            let _ = writeln!(out, "    percent: {}", num(*pct));
        }
    }
}

/// A product's `specs:` mapping, the same for both sites.
fn write_specs(out: &mut String, p: &Product) {
    out.push_str("specs:\n");
    if let Some(v) = p.concentration {
        let _ = writeln!(out, "  concentration: {v}");
    }
    if let Some(v) = p.volume {
        let _ = writeln!(out, "  volume: {}", num(v));
    }
    if let Some(v) = p.preservative_free {
        let _ = writeln!(out, "  preservative_free: {v}");
    }
    if let Some(v) = p.packaging {
        let _ = writeln!(out, "  packaging: {}", q(v));
    }
    if let Some(v) = p.texture {
        let _ = writeln!(out, "  texture: {v}");
    }
    if let Some(v) = &p.skin_types {
        let _ = writeln!(out, "  skin_types: [{}]", v.join(", "));
    }
}

fn product_yaml(p: &Product, brands: &[String]) -> String {
    let cat = &CATEGORIES[p.category];
    let mut y = String::new();
    let _ = writeln!(y, "name: {}", q(&p.name));
    let _ = writeln!(y, "brand: {}", q(&brands[p.brand]));
    let _ = writeln!(y, "category: {}", cat.slug);
    let _ = writeln!(y, "summary: {}", q(&p.summary));
    let _ = write!(y, "description: {}", block(&p.description, 2));
    y.push_str("actives:\n");
    write_actives(&mut y, p);
    let concerns: Vec<&str> = p.concerns.iter().map(|&c| CONCERNS[c]).collect();
    let _ = writeln!(y, "concerns: {}", list(&concerns));
    write_specs(&mut y, p);
    y.push_str("usage:\n");
    let _ = writeln!(y, "  frequency: {}", q(&p.frequency));
    let _ = writeln!(y, "  time: [{}]", p.times.join(", "));
    let _ = writeln!(y, "  step: {}", p.step);
    if let Some(pos) = p.position {
        let _ = writeln!(y, "  position: {pos}");
    }
    let _ = write!(y, "  instructions: {}", block(&p.instructions, 4));
    if !p.cautions.is_empty() {
        y.push_str("  cautions:\n");
        for c in &p.cautions {
            let _ = writeln!(y, "    - {}", q(c));
        }
    }
    y
}

// ---------------------------------------------------------------------------
// The Hugo copy

/// Rewrites vial-only markdown for Hugo: `[[slug]]` becomes a markdown link,
/// ```` ```compare ```` and ```` ```usage ```` blocks become shortcodes.
fn hugo_markdown(body: &str, names: &BTreeMap<&str, &str>) -> String {
    let mut out = String::with_capacity(body.len() + body.len() / 4);
    let mut lines = body.lines();
    while let Some(line) = lines.next() {
        if line == "```compare" || line == "```usage" {
            let inner = lines.next().unwrap_or("");
            let _fence = lines.next();
            if let Some(list) = inner.strip_prefix("products: [") {
                let args: Vec<String> = list
                    .trim_end_matches(']')
                    .split(',')
                    .map(|s| format!("\"{}\"", s.trim()))
                    .collect();
                let _ = writeln!(out, "{{{{< compare {} >}}}}", args.join(" "));
            } else if let Some(slug) = inner.strip_prefix("product: ") {
                let _ = writeln!(out, "{{{{< usage \"{}\" >}}}}", slug.trim());
            }
            continue;
        }
        let mut rest = line;
        while let Some(start) = rest.find("[[") {
            let Some(len) = rest[start + 2..].find("]]") else {
                break;
            };
            let slug = &rest[start + 2..start + 2 + len];
            out.push_str(&rest[..start]);
            let name = names.get(slug).copied().unwrap_or(slug);
            let _ = write!(out, "[{name}](/products/{slug}/)");
            rest = &rest[start + 2 + len + 2..];
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}

fn write_hugo(dir: &Path, cat: &Catalogue) -> Result<usize, String> {
    prepare(dir)?;
    let mut files = 0;
    let mut put = |rel: &str, text: &str| -> Result<(), String> {
        files += 1;
        write(&dir.join(rel), text)
    };
    put("config.toml", HUGO_CONFIG)?;
    for (rel, text) in HUGO_LAYOUTS {
        put(&format!("layouts/{rel}"), text)?;
    }
    // Category term pages carry the category's text and traits.
    for c in CATEGORIES {
        let mut t = String::from("---\n");
        let _ = writeln!(t, "title: {}", q(c.name));
        let _ = writeln!(t, "summary: {}", q(c.summary));
        t.push_str("traits:\n");
        for (n, v) in c.traits {
            let _ = writeln!(t, "  - name: {}\n    value: {}", q(n), q(v));
        }
        t.push_str("---\n\n");
        t.push_str(c.description);
        t.push('\n');
        put(&format!("content/categories/{}/_index.md", c.slug), &t)?;
    }
    put("content/products/_index.md", "---\ntitle: Products\n---\n")?;
    put("content/guides/_index.md", "---\ntitle: Guides\n---\n")?;
    put(
        "content/serum-vs-ampoule.md",
        "---\ntitle: Serum vs Ampoule\ntype: compare\nlayout: compare\nurl: /compare/serum-vs-ampoule/\nleft: serum\nright: ampoule\n---\n",
    )?;
    // Name order within each category: the weight Hugo sorts by, so a
    // product finds its neighbours without scanning its category (vial
    // looks its position up in an index; Hugo templates have none).
    let mut order: Vec<usize> = (0..cat.products.len()).collect();
    order.sort_by_key(|&i| {
        (
            cat.products[i].name.to_lowercase(),
            cat.products[i].slug.clone(),
        )
    });
    let mut weight = vec![0usize; cat.products.len()];
    let mut next = [0usize; 6];
    for &i in &order {
        let c = cat.products[i].category;
        next[c] += 1;
        weight[i] = next[c];
    }
    for (i, p) in cat.products.iter().enumerate() {
        let c = &CATEGORIES[p.category];
        let mut t = String::from("---\n");
        let _ = writeln!(t, "title: {}", q(&p.name));
        let _ = writeln!(t, "summary: {}", q(&p.summary));
        let _ = writeln!(t, "weight: {}", weight[i]);
        let _ = writeln!(t, "categories_weight: {}", weight[i]);
        let _ = writeln!(t, "categories: [{}]", c.slug);
        let _ = writeln!(t, "category: {}", c.slug);
        let _ = writeln!(t, "brands: [{}]", q(&cat.brands[p.brand]));
        let _ = writeln!(t, "brand: {}", q(&cat.brands[p.brand]));
        let names: Vec<&str> = p.actives.iter().map(|a| ACTIVES[a.0].0).collect();
        let _ = writeln!(t, "actives: {}", list(&names));
        t.push_str("active_strengths:\n");
        write_actives(&mut t, p);
        // One param per active strength, so a term page can sort by it.
        for (a, pct) in &p.actives {
            if let Some(pct) = pct {
                let key = ACTIVES[*a].0.to_lowercase().replace([' ', '-'], "_");
                let _ = writeln!(t, "pct_{key}: {}", num(*pct));
            }
        }
        let concerns: Vec<&str> = p.concerns.iter().map(|&c| CONCERNS[c]).collect();
        let _ = writeln!(t, "concerns: {}", list(&concerns));
        write_specs(&mut t, p);
        t.push_str("usage:\n");
        let _ = writeln!(t, "  frequency: {}", q(&frequency_label(&p.frequency)));
        let _ = writeln!(t, "  time: [{}]", p.times.join(", "));
        let _ = writeln!(t, "  step: {}", p.step);
        if let Some(pos) = p.position {
            let _ = writeln!(t, "  position: {pos}");
        }
        let _ = write!(t, "  instructions: {}", block(&p.instructions, 4));
        if !p.cautions.is_empty() {
            t.push_str("  cautions:\n");
            for c in &p.cautions {
                let _ = writeln!(t, "    - {}", q(c));
            }
        }
        t.push_str("---\n\n");
        t.push_str(&p.description);
        t.push('\n');
        put(&format!("content/products/{}.md", p.slug), &t)?;
    }
    let names: BTreeMap<&str, &str> = cat
        .products
        .iter()
        .map(|p| (p.slug.as_str(), p.name.as_str()))
        .collect();
    for g in &cat.guides {
        let mut t = String::from("---\n");
        let _ = writeln!(t, "title: {}", q(&g.title));
        let _ = writeln!(t, "summary: {}", q(&g.summary));
        let _ = writeln!(t, "date: {}", g.date);
        if let Some(u) = &g.updated {
            let _ = writeln!(t, "lastmod: {u}");
        }
        let _ = writeln!(t, "author: {}", q(g.author));
        let concerns: Vec<&str> = g.concerns.iter().map(|&c| CONCERNS[c]).collect();
        let _ = writeln!(t, "concerns: {}", list(&concerns));
        let products: Vec<&str> = g
            .products
            .iter()
            .map(|&p| cat.products[p].slug.as_str())
            .collect();
        let _ = writeln!(t, "products: [{}]", products.join(", "));
        t.push_str("---\n\n");
        t.push_str(&hugo_markdown(&g.body, &names));
        put(&format!("content/guides/{}.md", g.slug), &t)?;
    }
    Ok(files)
}

const HUGO_CONFIG: &str = r#"baseURL = "https://example.org/"
title = "Generated Skincare Corpus"
languageCode = "en"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
paginate = 50
enableRobotsTXT = false

[taxonomies]
  category = "categories"
  brand = "brands"
  concern = "concerns"
  active = "actives"

[markup.goldmark.renderer]
  unsafe = true

[related]
  threshold = 20
  includeNewer = true
  toLower = true
  [[related.indices]]
    name = "concerns"
    weight = 100
  [[related.indices]]
    name = "actives"
    weight = 100

[params]
  description = "A generated knowledge base about skincare products, for benchmarking."
  sideBySideMax = 6
  [params.routine]
    steps = ["cleanse", "tone", "treat", "moisturize", "protect"]
    [params.routine.reminders]
      am = ["Finish a morning routine with sunscreen, especially after a treatment step."]
      pm = ["Pick one strong active for the evening rather than layering several on the same night."]
  [[params.specs]]
    key = "concentration"
    label = "Concentration"
  [[params.specs]]
    key = "volume"
    label = "Volume"
    unit = "ml"
  [[params.specs]]
    key = "preservative_free"
    label = "Preservative-free"
    type = "bool"
  [[params.specs]]
    key = "packaging"
    label = "Packaging"
  [[params.specs]]
    key = "texture"
    label = "Texture"
  [[params.specs]]
    key = "skin_types"
    label = "Skin types"
    type = "list"
"#;

/// Minimal templates that render what vial's default theme renders.
const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "_default/baseof.html",
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
</head>
<body class="page-{{ .Kind }}">
<header class="site-header"><a class="site-title" href="/">{{ site.Title }}</a>
<nav><ul>{{ range slice "products" "categories" "guides" "concerns" "actives" "brands" }}<li><a href="/{{ . }}/">{{ humanize . }}</a></li>{{ end }}</ul></nav>
</header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer class="site-footer"><p>{{ site.Title }} — {{ site.Params.description }}</p></footer>
</body>
</html>
"#,
    ),
    (
        "partials/product_list.html",
        r#"<ul class="product-list">
{{ range . }}{{ $cat := index .Params.categories 0 }}
  <li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
    <span class="meta">{{ .Params.brand }} · <a href="/categories/{{ $cat }}/">{{ humanize $cat }}</a></span>
    {{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
  </li>
{{ end }}
</ul>
"#,
    ),
    (
        "partials/usage_card.html",
        r#"{{ $u := .Params.usage }}{{ $label := humanize $u.step }}
<aside class="usage-card">
  <h2 class="usage-title">How to use <a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
  <dl class="usage-facts">
    <div><dt>How often</dt><dd>{{ $u.frequency }}</dd></div>
    <div><dt>Time of day</dt><dd>{{ range $i, $t := $u.time }}{{ if $i }} and {{ end }}<span class="time time-{{ $t }}">{{ if eq $t "am" }}Morning{{ else }}Evening{{ end }}</span>{{ end }}</dd></div>
    <div><dt>Routine step</dt><dd>{{ $label }}</dd></div>
  </dl>
  <ol class="routine">
  {{ if eq $u.position "first" }}<li class="here"><strong>{{ $label }} ({{ .Title }})</strong></li>{{ end }}
  {{ range site.Params.routine.steps }}{{ if and (eq . $u.step) (not $u.position) }}<li class="here"><strong>{{ humanize . }}</strong></li>{{ else }}<li>{{ humanize . }}</li>{{ end }}
  {{ end }}
  {{ if eq $u.position "last" }}<li class="here"><strong>{{ $label }} ({{ .Title }})</strong></li>{{ end }}
  </ol>
  {{ if eq $u.position "last" }}<p class="usage-position">Goes on as the very last step, over everything else.</p>{{ end }}
  {{ if eq $u.position "first" }}<p class="usage-position">Goes on first, before the rest of the routine.</p>{{ end }}
  {{ with $u.instructions }}<div class="usage-instructions">{{ . | markdownify }}</div>{{ end }}
  {{ $rem := slice }}{{ range $u.time }}{{ $rem = $rem | append (index site.Params.routine.reminders .) }}{{ end }}
  {{ with $rem }}<ul class="usage-reminders">{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
  {{ with $u.cautions }}<div class="usage-cautions"><h3>Cautions</h3><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul></div>{{ end }}
</aside>
"#,
    ),
    (
        // dict "pages" Pages "caption" string. A column per product up to
        // sideBySideMax products, a row per product above; cells whose
        // field differs between products are marked, as vial does.
        "partials/comparison.html",
        r#"{{- $pages := .pages -}}
{{- $current := .current | default "" -}}
{{- $grid := slice -}}
{{- range $p := $pages -}}
{{- $row := slice -}}
{{- range site.Params.specs -}}
{{- $v := index $p.Params.specs .key -}}
{{- $s := "—" -}}
{{- if eq $v nil }}{{ else if eq .type "bool" }}{{ $s = cond $v "Yes" "No" }}{{ else if eq .type "list" }}{{ $s = string (delimit $v ", ") }}{{ else }}{{ $s = string $v }}{{ end -}}
{{- $row = $row | append $s -}}
{{- end -}}
{{- $u := $p.Params.usage -}}
{{- $row = $row | append $u.frequency -}}
{{- $times := slice }}{{ range $u.time }}{{ $times = $times | append (cond (eq . "am") "Morning" "Evening") }}{{ end -}}
{{- $row = $row | append (string (delimit $times " & ")) -}}
{{- $step := humanize $u.step }}{{ with $u.position }}{{ $step = printf "%s (%s)" $step . }}{{ end -}}
{{- $row = $row | append $step -}}
{{- $grid = $grid | append (slice $row) -}}
{{- end -}}
{{- $labels := slice -}}
{{- range site.Params.specs }}{{ $labels = $labels | append (cond (isset . "unit") (printf "%s (%s)" .label (.unit | default "")) .label) }}{{ end -}}
{{- $labels = $labels | append (slice "How often" "Time of day" "Routine step") -}}
{{- $differs := slice -}}
{{- range $i, $l := $labels -}}
{{- $col := slice }}{{ range $grid }}{{ $col = $col | append (index . $i) }}{{ end -}}
{{- $differs = $differs | append (gt (len (uniq $col)) 1) -}}
{{- end -}}
<div class="table-scroll">
<table class="comparison">
  <caption>{{ .caption }}</caption>
{{- if le (len $pages) site.Params.sideBySideMax -}}
  <thead><tr><th scope="col">Product</th>{{ range $pages }}<th scope="col"{{ if eq .RelPermalink $current }} class="current" aria-current="page"{{ end }}><a href="{{ .RelPermalink }}">{{ .Title }}</a><span class="note">{{ .Params.brand }}</span></th>{{ end }}</tr></thead>
  <tbody>
{{- range $i, $l := $labels }}{{ $d := index $differs $i -}}
    <tr><th scope="row">{{ $l }}</th>{{ range $grid }}<td{{ if $d }} class="differs"{{ end }}>{{ index . $i }}</td>{{ end }}</tr>
{{- end -}}
  </tbody>
{{- else -}}
  <thead><tr><th scope="col">Product</th>{{ range $labels }}<th scope="col">{{ . }}</th>{{ end }}</tr></thead>
  <tbody>
{{- range $j, $p := $pages }}{{ $row := index $grid $j -}}
    <tr><th scope="row"{{ if eq $p.RelPermalink $current }} class="current" aria-current="page"{{ end }}><a href="{{ $p.RelPermalink }}">{{ $p.Title }}</a><span class="note">{{ $p.Params.brand }}</span></th>{{ range $i, $c := $row }}<td{{ if index $differs $i }} class="differs"{{ end }}>{{ $c }}</td>{{ end }}</tr>
{{- end -}}
  </tbody>
{{- end -}}
</table>
</div>
"#,
    ),
    (
        "products/single.html",
        r#"{{ define "main" }}{{ $cat := index .Params.categories 0 }}{{ $catName := humanize $cat }}
<article class="product">
  <header class="page-header">
    <p class="breadcrumb"><a href="/categories/{{ $cat }}/">{{ $catName }}</a></p>
    <h1>{{ .Title }}</h1>
    <p class="byline">by <a href="/brands/{{ urlize .Params.brand }}/">{{ .Params.brand }}</a></p>
    {{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
  </header>
  <div class="product-main">
    <div class="prose">{{ .Content }}</div>
    <section class="actives"><h2>Actives</h2><ul class="chips">
    {{ range .Params.active_strengths }}<li><a href="/actives/{{ urlize .name }}/">{{ .name }}</a>{{ with .percent }} <span class="strength">{{ . }}%</span>{{ end }}</li>{{ end }}
    </ul></section>
    <section class="concerns"><h2>Concerns</h2><ul class="chips">
    {{ range .Params.concerns }}<li><a href="/concerns/{{ urlize . }}/">{{ . }}</a></li>{{ end }}
    </ul></section>
    <section class="specs"><h2>Specs</h2><dl class="spec-list">
    {{ $specs := .Params.specs }}
    {{ range site.Params.specs }}{{ $v := index $specs .key }}{{ if ne $v nil }}<div><dt>{{ .label }}</dt><dd>{{ if eq .type "bool" }}{{ cond $v "Yes" "No" }}{{ else if eq .type "list" }}{{ delimit $v ", " }}{{ else }}{{ $v }}{{ end }}{{ with .unit }} {{ . }}{{ end }}</dd></div>{{ end }}{{ end }}
    </dl></section>
  </div>
  <div class="product-side" id="usage">{{ partial "usage_card.html" . }}</div>
  {{ $members := (index site.Taxonomies.categories $cat).Pages }}
  {{ $n := len $members }}
  {{ $pos := sub .Weight 1 }}
  {{ $start := sub $pos 2 }}{{ if gt $start (sub $n 4) }}{{ $start = sub $n 4 }}{{ end }}{{ if lt $start 0 }}{{ $start = 0 }}{{ end }}
  {{ $neighbours := first 4 (after $start $members) }}
  {{ if gt (len $neighbours) 1 }}
  <section class="product-comparison"><h2>Compared with similar products</h2>
    {{ partial "comparison.html" (dict "pages" $neighbours "current" .RelPermalink "caption" (printf "%s next to other %s products" .Title (lower $catName))) }}
    <p><a href="/categories/{{ $cat }}/">Compare every {{ lower $catName }} →</a></p>
  </section>
  {{ end }}
  {{ $related := slice }}
  {{ $self := .Permalink }}
  {{ range .Params.concerns }}{{ $taken := 0 }}{{ range first 12 (index site.Taxonomies.concerns (urlize .)).Pages }}{{ if and (lt $taken 2) (lt (len $related) 6) (ne .Params.category $cat) (ne .Permalink $self) (not (in $related .)) }}{{ $related = $related | append . }}{{ $taken = add $taken 1 }}{{ end }}{{ end }}{{ end }}
  {{ range .Params.actives }}{{ $taken := 0 }}{{ range first 12 (index site.Taxonomies.actives (urlize .)).Pages }}{{ if and (lt $taken 2) (lt (len $related) 6) (ne .Params.category $cat) (ne .Permalink $self) (not (in $related .)) }}{{ $related = $related | append . }}{{ $taken = add $taken 1 }}{{ end }}{{ end }}{{ end }}
  {{ with $related }}<section class="related"><h2>Shares a concern or an active</h2>{{ partial "product_list.html" . }}</section>{{ end }}
  {{ $same := slice }}
  {{ $from := sub $pos 6 }}{{ if gt $from (sub $n 13) }}{{ $from = sub $n 13 }}{{ end }}{{ if lt $from 0 }}{{ $from = 0 }}{{ end }}
  {{ range first 13 (after $from $members) }}{{ if and (lt (len $same) 12) (ne .Permalink $.Permalink) }}{{ $same = $same | append . }}{{ end }}{{ end }}
  {{ with $same }}<section class="same-category"><h2>More in {{ $catName }}</h2>{{ partial "product_list.html" . }}</section>{{ end }}
</article>
{{ end }}
"#,
    ),
    (
        "categories/term.html",
        r#"{{ define "main" }}
<article class="category">
  <header class="page-header"><p class="breadcrumb"><a href="/categories/">Categories</a></p><h1>{{ .Title }}</h1>{{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}</header>
  <div class="prose">{{ .Content }}</div>
  <section class="traits"><h2>At a glance</h2><dl class="spec-list">{{ range .Params.traits }}<div><dt>{{ .name }}</dt><dd>{{ .value }}</dd></div>{{ end }}</dl>
  {{ if in (slice "serum" "ampoule") (urlize .Title) }}<p><a class="button" href="/compare/serum-vs-ampoule/">Serum vs Ampoule</a></p>{{ end }}</section>
  {{ $all := .Pages }}{{ $count := len $all }}
  <section class="category-products"><h2>{{ $count }} product{{ if ne $count 1 }}s{{ end }}</h2>
  {{ if le $count site.Params.sideBySideMax }}
    {{ partial "comparison.html" (dict "pages" $all "caption" (printf "%s compared" .Title)) }}
  {{ else }}
    {{ $pager := .Paginate $all }}
    {{ $caption := printf "%s compared" .Title }}{{ if gt $pager.TotalPages 1 }}{{ $caption = printf "%s compared (page %d of %d)" .Title $pager.PageNumber $pager.TotalPages }}{{ end }}
    {{ partial "comparison.html" (dict "pages" $pager.Pages "caption" $caption) }}
    {{ if gt $pager.TotalPages 1 }}
    <nav class="pagination">
      {{ if $pager.HasPrev }}<a rel="prev" href="{{ $pager.Prev.URL }}">← Previous</a>{{ end }}
      {{ range $pager.Pagers }}{{ if eq .PageNumber $pager.PageNumber }}<span aria-current="page">{{ .PageNumber }}</span>{{ else }}<a href="{{ .URL }}">{{ .PageNumber }}</a>{{ end }} {{ end }}
      {{ if $pager.HasNext }}<a rel="next" href="{{ $pager.Next.URL }}">Next →</a>{{ end }}
    </nav>
    {{ end }}
  {{ end }}
  </section>
</article>
{{ end }}
"#,
    ),
    (
        "_default/term.html",
        r#"{{ define "main" }}
<article class="taxon">
  <header class="page-header"><p class="breadcrumb"><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></p><h1>{{ .Title }}</h1></header>
  {{ $products := where .Pages "Section" "products" }}
  {{ $sorted := $products.ByTitle }}
  {{ $key := printf "pct_%s" (replace (urlize .Title) "-" "_") }}
  {{ if eq .Data.Plural "actives" }}{{ $sorted = sort $products (printf "Params.%s" $key) "desc" }}{{ end }}
  {{ $pager := .Paginate $sorted 100 }}
  <section><h2>{{ len $products }} products{{ if eq .Data.Plural "actives" }}, strongest first{{ end }}</h2>
  {{ if eq .Data.Plural "actives" }}<ul class="product-list">{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with index .Params $key }} <span class="strength">{{ . }}%</span>{{ end }} <span class="meta">{{ .Params.brand }} · <a href="/categories/{{ .Params.category }}/">{{ humanize .Params.category }}</a></span>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ul>
  {{ else }}{{ partial "product_list.html" $pager.Pages }}{{ end }}
  {{ if gt $pager.TotalPages 1 }}<nav class="pagination">{{ if $pager.HasPrev }}<a rel="prev" href="{{ $pager.Prev.URL }}">← Previous</a>{{ end }}{{ range $pager.Pagers }}<a href="{{ .URL }}">{{ .PageNumber }}</a> {{ end }}{{ if $pager.HasNext }}<a rel="next" href="{{ $pager.Next.URL }}">Next →</a>{{ end }}</nav>{{ end }}
  </section>
  {{ with where .Pages "Section" "guides" }}<section><h2>Guides</h2><ul class="guide-list">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></section>{{ end }}
</article>
{{ end }}
"#,
    ),
    (
        "_default/terms.html",
        r#"{{ define "main" }}
<header class="page-header"><h1>{{ .Title }}</h1></header>
<ul class="term-list">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count">{{ .Count }}</span></li>{{ end }}
</ul>
{{ end }}
"#,
    ),
    (
        "_default/list.html",
        r#"{{ define "main" }}
<header class="page-header"><h1>{{ .Title }}</h1></header>
{{ if eq .Section "products" }}
  {{ $pager := .Paginate .Pages.ByTitle 100 }}
  {{ partial "product_list.html" $pager.Pages }}
  {{ if gt $pager.TotalPages 1 }}<nav class="pagination">{{ if $pager.HasPrev }}<a rel="prev" href="{{ $pager.Prev.URL }}">← Previous</a>{{ end }}{{ range $pager.Pagers }}<a href="{{ .URL }}">{{ .PageNumber }}</a> {{ end }}{{ if $pager.HasNext }}<a rel="next" href="{{ $pager.Next.URL }}">Next →</a>{{ end }}</nav>{{ end }}
{{ else }}
  <ul class="guide-list">{{ range .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ul>
{{ end }}
{{ end }}
"#,
    ),
    (
        "guides/single.html",
        r#"{{ define "main" }}
<article class="guide">
  <header class="page-header">
    <p class="breadcrumb"><a href="/guides/">Guides</a></p>
    <h1>{{ .Title }}</h1>
    {{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
    <p class="meta">{{ .Params.author }} · <time>{{ .Date.Format "2006-01-02" }}</time>{{ if ne .Lastmod .Date }} · updated <time>{{ .Lastmod.Format "2006-01-02" }}</time>{{ end }}</p>
    <ul class="chips">{{ range .Params.concerns }}<li><a href="/concerns/{{ urlize . }}/">{{ . }}</a></li>{{ end }}</ul>
  </header>
  <div class="prose">{{ .Content }}</div>
  {{ $products := slice }}{{ range .Params.products }}{{ with site.GetPage (printf "/products/%s" .) }}{{ $products = $products | append . }}{{ end }}{{ end }}
  {{ with $products }}<section class="guide-products"><h2>Products in this guide</h2>{{ partial "product_list.html" . }}</section>{{ end }}
</article>
{{ end }}
"#,
    ),
    (
        "compare/compare.html",
        r#"{{ define "main" }}
{{ $left := site.GetPage (printf "/categories/%s" .Params.left) }}{{ $right := site.GetPage (printf "/categories/%s" .Params.right) }}
<header class="page-header"><h1>{{ .Title }}</h1></header>
<table class="comparison"><caption>{{ $left.Title }} vs {{ $right.Title }}</caption>
<thead><tr><th>Category</th><th><a href="{{ $left.RelPermalink }}">{{ $left.Title }}</a></th><th><a href="{{ $right.RelPermalink }}">{{ $right.Title }}</a></th></tr></thead>
<tbody>
{{ range $left.Params.traits }}{{ $n := .name }}<tr><th>{{ .name }}</th><td>{{ .value }}</td><td>{{ $v := "—" }}{{ range $right.Params.traits }}{{ if eq .name $n }}{{ $v = .value }}{{ end }}{{ end }}{{ $v }}</td></tr>{{ end }}
<tr><th>Products on this site</th><td>{{ len $left.Pages }}</td><td>{{ len $right.Pages }}</td></tr>
</tbody></table>
{{ end }}
"#,
    ),
    (
        "index.html",
        r#"{{ define "main" }}
<section class="hero"><h1>{{ site.Title }}</h1><p>{{ site.Params.description }}</p><p>{{ len (where site.RegularPages "Section" "products") }} products</p></section>
<section><h2>Categories</h2><ul>{{ range site.Taxonomies.categories.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Page.Params.summary }} ({{ .Count }})</li>{{ end }}</ul></section>
<section><h2>Latest guides</h2><ul>{{ range first 6 (where site.RegularPages "Section" "guides").ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></section>
{{ end }}
"#,
    ),
    (
        "404.html",
        r#"{{ define "main" }}<h1>Page not found</h1><p><a href="/">Home</a></p>{{ end }}
"#,
    ),
    (
        "shortcodes/compare.html",
        r#"{{ $pages := slice }}{{ range .Params }}{{ with site.GetPage (printf "/products/%s" .) }}{{ $pages = $pages | append . }}{{ end }}{{ end }}{{ partial "comparison.html" (dict "pages" $pages "caption" "Products compared") }}"#,
    ),
    (
        "shortcodes/usage.html",
        r#"{{ with site.GetPage (printf "/products/%s" (.Get 0)) }}{{ partial "usage_card.html" . }}{{ end }}"#,
    ),
];

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
