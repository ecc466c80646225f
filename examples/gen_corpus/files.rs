//! Writing files: YAML scalars, the output folders, and the product fields
//! both sites share.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::catalogue::{Guide, Product};
use crate::vocab::{ACTIVES, CONCERNS};
use crate::wide;

/// A YAML double-quoted string.
pub fn q(s: &str) -> String {
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
pub fn block(s: &str, indent: usize) -> String {
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

pub fn num(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

pub fn list(items: &[&str]) -> String {
    format!(
        "[{}]",
        items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
    )
}

pub const MARKER: &str = ".gen_corpus";

/// Creates `dir`, or empties one this program wrote before.
pub fn prepare(dir: &Path) -> Result<(), String> {
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

pub fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// A product's actives as YAML list items (`- name:`, `percent:`), the same
/// for both sites.
pub fn write_actives(out: &mut String, p: &Product) {
    for (a, pct) in &p.actives {
        let _ = writeln!(out, "  - name: {}", q(ACTIVES[*a].0));
        if let Some(pct) = pct {
            let _ = writeln!(out, "    percent: {}", num(*pct));
        }
    }
}

/// A product's `claims:` list (the wide shape's taxonomy), if it has
/// any, the same for both sites.
pub fn write_claims(out: &mut String, p: &Product) {
    if !p.claims.is_empty() {
        let claims: Vec<String> = p.claims.iter().map(|&c| wide::claim(c)).collect();
        let claims: Vec<&str> = claims.iter().map(String::as_str).collect();
        let _ = writeln!(out, "claims: {}", list(&claims));
    }
}

/// A product's `specs:` mapping, the same for both sites.
pub fn write_specs(out: &mut String, p: &Product) {
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

/// A product's `usage:` mapping, the same for both sites but for the
/// frequency's wording.
pub fn write_usage(out: &mut String, p: &Product, frequency: &str) {
    out.push_str("usage:\n");
    let _ = writeln!(out, "  frequency: {}", q(frequency));
    let _ = writeln!(out, "  time: [{}]", p.times.join(", "));
    let _ = writeln!(out, "  step: {}", p.step);
    if let Some(pos) = p.position {
        let _ = writeln!(out, "  position: {pos}");
    }
    let _ = write!(out, "  instructions: {}", block(&p.instructions, 4));
    if !p.cautions.is_empty() {
        out.push_str("  cautions:\n");
        for c in &p.cautions {
            let _ = writeln!(out, "    - {}", q(c));
        }
    }
}

/// A guide's front matter, `---` lines included, the same for both sites
/// but for the name of the update date (`updated_key`).
pub fn guide_front_matter(g: &Guide, products: &[Product], updated_key: &str) -> String {
    let mut t = String::from("---\n");
    let _ = writeln!(t, "title: {}", q(&g.title));
    let _ = writeln!(t, "summary: {}", q(&g.summary));
    let _ = writeln!(t, "date: {}", g.date);
    if let Some(u) = &g.updated {
        let _ = writeln!(t, "{updated_key}: {u}");
    }
    let _ = writeln!(t, "author: {}", q(g.author));
    let concerns: Vec<&str> = g.concerns.iter().map(|&c| CONCERNS[c]).collect();
    let _ = writeln!(t, "concerns: {}", list(&concerns));
    let slugs: Vec<&str> = g
        .products
        .iter()
        .map(|&p| products[p].slug.as_str())
        .collect();
    let _ = writeln!(t, "products: [{}]", slugs.join(", "));
    t.push_str("---\n\n");
    t
}
