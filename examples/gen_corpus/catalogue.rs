//! The catalogue in memory: products, guides and brands, drawn from the
//! vocabulary with a seeded PRNG. Both sites are written from it.

use std::collections::HashSet;

use crate::args::{Args, Shape};
use crate::long_text::{long_description, long_guide_body};
use crate::rng::Rng;
use crate::text::{guide_body, sentence};
use crate::vocab::*;
use crate::wide;

pub struct Product {
    pub slug: String,
    pub name: String,
    pub brand: usize,
    pub category: usize,
    pub summary: String,
    pub description: String,
    /// (active index, percent)
    pub actives: Vec<(usize, Option<f64>)>,
    pub concerns: Vec<usize>,
    /// Indices of `wide::claim`; the wide shape only.
    pub claims: Vec<usize>,
    pub concentration: Option<&'static str>,
    pub volume: Option<f64>,
    pub preservative_free: Option<bool>,
    pub packaging: Option<&'static str>,
    pub texture: Option<&'static str>,
    pub skin_types: Option<Vec<&'static str>>,
    pub frequency: String,
    pub times: Vec<&'static str>,
    pub step: &'static str,
    pub position: Option<&'static str>,
    pub instructions: String,
    pub cautions: Vec<&'static str>,
}

pub struct Guide {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub date: String,
    pub updated: Option<String>,
    pub author: &'static str,
    pub concerns: Vec<usize>,
    pub products: Vec<usize>,
    /// vial markdown: wiki links, and in the classic shape ```compare /
    /// ```usage blocks.
    pub body: String,
}

pub struct Catalogue {
    pub shape: Shape,
    /// The categories in use (indices into `CATEGORIES`).
    pub categories: &'static [usize],
    pub brands: Vec<String>,
    pub products: Vec<Product>,
    pub guides: Vec<Guide>,
}

/// The slugs vial itself derives from names.
pub fn slugify(s: &str) -> String {
    vial_base::text::slugify(s)
}

pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Display form of a frequency, as vial shows it (for the Hugo copy).
pub fn frequency_label(f: &str) -> String {
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

pub fn date_from_day(day: usize) -> String {
    // Days from 2023-01-01 on a simplified calendar of 28-day months is
    // enough: only the format matters.
    let year = 2023 + day / (12 * 28);
    let month = 1 + (day / 28) % 12;
    let dom = 1 + day % 28;
    format!("{year:04}-{month:02}-{dom:02}")
}

pub fn generate(args: &Args) -> Catalogue {
    let mut rng = Rng::new(args.seed);
    let categories = match args.shape {
        Shape::Classic => ALL_CATEGORIES,
        Shape::Long | Shape::Wide => LONG_CATEGORIES,
    };
    // The wide shape's categories are of one size: 50,000 products each at
    // 200,000.
    let weight = |c: usize| match args.shape {
        Shape::Wide => 1,
        _ => CATEGORIES[c].weight,
    };
    let mut used: HashSet<String> = categories
        .iter()
        .map(|&c| CATEGORIES[c].slug.to_string())
        .collect();

    // Brands.
    let brand_count = match args.shape {
        Shape::Wide => wide::BRANDS,
        _ => (args.products / 50).max(1),
    };
    let mut brands = Vec::new();
    let mut brand_slugs = HashSet::new();
    while brands.len() < brand_count {
        let mut name = match args.shape {
            Shape::Wide => wide::brand_name(&mut rng),
            _ => format!(
                "{}{} {}",
                rng.pick(BRAND_A),
                rng.pick(BRAND_B),
                rng.pick(BRAND_C)
            ),
        };
        if brand_slugs.contains(&slugify(&name)) {
            name = format!("{name} {}", brands.len() + 1);
        }
        if brand_slugs.insert(slugify(&name)) {
            brands.push(name);
        }
    }

    // Products.
    let total_weight: usize = categories.iter().map(|&c| weight(c)).sum();
    let mut products = Vec::with_capacity(args.products);
    for i in 0..args.products {
        // Spread categories evenly by weight, in a shuffled-looking order.
        let mut w = (i * 37 + rng.below(7)) % total_weight;
        let mut category = 0;
        for &ci in categories {
            let weight = weight(ci);
            if w < weight {
                category = ci;
                break;
            }
            w -= weight;
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
        let claims = match args.shape {
            Shape::Wide => {
                let want = rng.range(2, 3);
                wide::fill_concerns(&mut rng, &mut concerns, want, CONCERNS.len());
                wide::product_claims(&mut rng)
            }
            _ => Vec::new(),
        };

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
        let lead = format!(
            "{name} pairs **{}** with a short list of supporting ingredients. It is\nmeant for {} and sits in the {} step of the routine.",
            main_name.to_lowercase(),
            concern_words.join(", "),
            cat.step,
        );
        let description = match args.shape {
            Shape::Classic => format!(
                "{lead}\n\n{}",
                sentence(&mut rng, main_active, concerns[0], cat)
            ),
            Shape::Long | Shape::Wide => {
                long_description(&mut rng, lead, main_active, &concerns, cat)
            }
        };
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
            claims,
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
        // Two different categories in use (classic: any two of the six).
        let ka = rng.below(categories.len());
        let kb = (ka + 1 + rng.below(categories.len() - 1)) % categories.len();
        let (ca, cb) = (categories[ka], categories[kb]);
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
        if args.shape == Shape::Wide {
            // 1–3 concerns: 20,000 guides put thousands on each concern page.
            let want = rng.range(1, 3);
            wide::fill_concerns(&mut rng, &mut concerns, want, CONCERNS.len());
        } else if rng.chance(0.4) {
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
        let links: Vec<usize> = match args.shape {
            Shape::Classic => (0..link_count).map(|_| *rng.pick(&pool)).collect(),
            // Distinct products, each linked once.
            Shape::Long => rng
                .sample(pool.len(), link_count)
                .into_iter()
                .map(|i| pool[i])
                .collect(),
            Shape::Wide => wide::few_distinct(&mut rng, pool.len(), link_count)
                .into_iter()
                .map(|i| pool[i])
                .collect(),
        };
        let mut related: Vec<usize> = Vec::new();
        let related_count = rng.range(2, 4);
        for &l in links.iter().take(related_count) {
            if !related.contains(&l) {
                related.push(l);
            }
        }
        let body = match args.shape {
            Shape::Classic => {
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
                guide_body(
                    &mut rng,
                    &products,
                    words,
                    concern,
                    active,
                    ca,
                    &links,
                    compare.as_deref(),
                    usage,
                )
            }
            Shape::Long | Shape::Wide => {
                let words = rng.range(850, 1050);
                long_guide_body(&mut rng, &products, words, concern, active, ca, &links)
            }
        };
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
        shape: args.shape,
        categories,
        brands,
        products,
        guides,
    }
}

pub fn percent(rng: &mut Rng, category: &str) -> f64 {
    let (lo, hi) = match category {
        "ampoule" => (5, 20),
        "serum" => (2, 12),
        _ => (1, 5),
    };
    let whole = rng.range(lo, hi) as f64;
    if rng.chance(0.3) { whole + 0.5 } else { whole }
}

pub fn usage_for(
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
