//! The vial site: site.yaml, category, product and guide files, and the
//! optional product photos.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::args::Shape;
use crate::catalogue::{Catalogue, Product};
use crate::files::*;
use crate::rng::Rng;
use crate::vocab::*;
use crate::wide;

pub const SITE_YAML: &str = "title: Generated Skincare Corpus
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
    - message: Finish a morning routine with sunscreen, especially after a treatment step.
      slots: [am]
      steps: [treat, moisturize]
    - message: Pick one strong active for the evening rather than layering several on the same night.
      slots: [pm]
      steps: [treat]
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
pub fn photo(n: usize) -> Vec<u8> {
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

pub fn write_vial(dir: &Path, cat: &Catalogue, images: usize) -> Result<usize, String> {
    prepare(dir)?;
    let site = match cat.shape {
        Shape::Wide => wide::vial_site_yaml(SITE_YAML),
        _ => SITE_YAML.to_string(),
    };
    write(&dir.join("site.yaml"), &site)?;
    let mut files = 1;
    for c in cat.categories.iter().map(|&c| &CATEGORIES[c]) {
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
        let mut t = guide_front_matter(g, &cat.products, "updated");
        t.push_str(&g.body);
        write(&dir.join(format!("content/guides/{}.md", g.slug)), &t)?;
        files += 1;
    }
    Ok(files)
}

pub fn product_yaml(p: &Product, brands: &[String]) -> String {
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
    write_claims(&mut y, p);
    write_specs(&mut y, p);
    write_usage(&mut y, p, &p.frequency);
    y
}
