//! The Hugo copy of the same content: config.toml, content files with the
//! same front matter, and the layouts of hugo_layouts.rs.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::args::Shape;
use crate::catalogue::{Catalogue, frequency_label};
use crate::files::*;
use crate::hugo_layouts::HUGO_LAYOUTS;
use crate::vocab::*;
use crate::wide;

/// Rewrites vial-only markdown for Hugo: `[[slug]]` becomes a markdown link,
/// ```` ```compare ```` and ```` ```usage ```` blocks become shortcodes.
pub fn hugo_markdown(body: &str, names: &BTreeMap<&str, &str>) -> String {
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

pub fn write_hugo(dir: &Path, cat: &Catalogue) -> Result<usize, String> {
    prepare(dir)?;
    let mut files = 0;
    let mut put = |rel: &str, text: &str| -> Result<(), String> {
        files += 1;
        write(&dir.join(rel), text)
    };
    let config = match cat.shape {
        Shape::Wide => wide::hugo_config(HUGO_CONFIG),
        _ => HUGO_CONFIG.to_string(),
    };
    put("config.toml", &config)?;
    for (rel, text) in HUGO_LAYOUTS {
        put(&format!("layouts/{rel}"), text)?;
    }
    // Category term pages carry the category's text and traits.
    for c in cat.categories.iter().map(|&c| &CATEGORIES[c]) {
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
    let mut next = vec![0usize; CATEGORIES.len()];
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
        write_claims(&mut t, p);
        write_specs(&mut t, p);
        write_usage(&mut t, p, &frequency_label(&p.frequency));
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
        let mut t = guide_front_matter(g, &cat.products, "lastmod");
        t.push_str(&hugo_markdown(&g.body, &names));
        put(&format!("content/guides/{}.md", g.slug), &t)?;
    }
    Ok(files)
}

pub const HUGO_CONFIG: &str = r#"baseURL = "https://example.org/"
title = "Generated Skincare Corpus"
languageCode = "en"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
paginate = 50
enableRobotsTXT = false
# Newer Hugo title-cases term names ("Azelaic Acid") unless told not to.
capitalizeListTitles = false

[taxonomies]
  category = "categories"
  brand = "brands"
  concern = "concerns"
  active = "actives"

[markup.goldmark.renderer]
  unsafe = true

# Hugo 0.128 and later take the page size from here, not from `paginate`
# (which older ones read); each version ignores the other's key.
[pagination]
  pagerSize = 50

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
