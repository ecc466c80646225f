//! Prose: sentences of advice and guide bodies (vial markdown, with wiki
//! links and `compare` / `usage` blocks that the Hugo copy rewrites).

use std::fmt::Write as _;

use crate::catalogue::{Product, capitalize};
use crate::rng::Rng;
use crate::vocab::*;

/// One sentence of advice.
pub fn sentence(rng: &mut Rng, active: usize, concern: usize, cat: &CategoryDef) -> String {
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
pub fn guide_body(
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
                out.push_str(ROUTINE_HEADER);
                for (a, b, c) in ROUTINE_ROWS.iter().take(rng.range(3, 5)) {
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
