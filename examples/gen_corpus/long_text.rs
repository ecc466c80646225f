//! Prose of the `long` shape: product descriptions of 1–3 paragraphs, and
//! guides of about 1,000 words in plain markdown (headings, paragraphs with
//! 5–15 product links, bulleted lists, a numbered list and a table), like
//! the independent corpus of issue 13. Sentences come from a larger word
//! stock than the classic shape's, so the text (and a search index over
//! it) is less repetitive.

use std::fmt::Write as _;

use crate::catalogue::{Product, capitalize, frequency_label};
use crate::rng::Rng;
use crate::text::sentence;
use crate::vocab::*;

const OPENERS: &[&str] = &[
    "In practice,",
    "For most people,",
    "Over a few weeks,",
    "On sensitive skin,",
    "In winter,",
    "After a long day,",
    "As a rule,",
    "In our experience,",
    "Put simply,",
    "Once the skin has settled,",
    "With a little patience,",
    "On oily skin,",
    "Early on,",
    "Later in the routine,",
];

const SUBJECTS: &[&str] = &[
    "{a}",
    "a {cat}",
    "the {step} step",
    "a plain moisturizer",
    "a broad-spectrum sunscreen",
    "a gentle cleanser",
    "the evening routine",
    "the morning routine",
    "skin prone to {c}",
    "a short routine",
    "a richer texture",
    "a lighter formula",
    "a fragrance-free product",
    "a modest concentration",
    "the second cleanse",
];

const VERBS: &[&str] = &[
    "helps with",
    "tends to calm",
    "works best alongside",
    "rarely fixes",
    "softens",
    "supports",
    "evens out",
    "can aggravate",
    "gradually improves",
    "makes room for",
    "takes the edge off",
    "protects against",
    "does little for",
    "pairs well with",
    "is no substitute for",
];

const OBJECTS: &[&str] = &[
    "{c}",
    "a compromised barrier",
    "tightness after cleansing",
    "flaking around the nose",
    "shine by midday",
    "uneven tone",
    "rough patches on the cheeks",
    "visible redness",
    "the next step",
    "{a}",
    "dehydrated skin",
    "the first signs of {c}",
    "congested pores along the chin",
    "a dull complexion in the afternoon",
];

const TAILS: &[&str] = &[
    "",
    " when used consistently",
    " within a month",
    " if the dose stays modest",
    " on most skin types",
    " without much fuss",
    " as long as sunscreen follows",
    " once the skin adjusts",
    " for many readers",
    ", according to most dermatologists",
    " in humid weather",
    " during the colder months",
];

/// Headings of the long guides beside the classic `HEADINGS`.
const MORE_HEADINGS: &[&str] = &[
    "Reading the label",
    "Textures and layering",
    "Sensitive skin",
    "Travel and changes of climate",
    "What to expect in the first month",
    "Questions readers ask",
];

/// One sentence built from the word stock above, now and then with
/// emphasis, or a classic sentence of advice.
fn long_sentence(rng: &mut Rng, active: usize, concern: usize, cat: &CategoryDef) -> String {
    if rng.chance(0.35) {
        return sentence(rng, active, concern, cat);
    }
    let fill = |s: &str| {
        s.replace("{a}", &ACTIVES[active].0.to_lowercase())
            .replace("{c}", CONCERNS[concern])
            .replace("{cat}", &cat.name.to_lowercase())
            .replace("{step}", cat.step)
    };
    let subject = fill(SUBJECTS[rng.below(SUBJECTS.len())]);
    let verb = *rng.pick(VERBS);
    let mut object = fill(OBJECTS[rng.below(OBJECTS.len())]);
    match rng.below(8) {
        0 => object = format!("**{object}**"),
        1 => object = format!("*{object}*"),
        _ => {}
    }
    let tail = *rng.pick(TAILS);
    if rng.chance(0.4) {
        format!("{} {subject} {verb} {object}{tail}.", rng.pick(OPENERS))
    } else {
        format!("{} {verb} {object}{tail}.", capitalize(&subject))
    }
}

fn paragraph(
    rng: &mut Rng,
    sentences: usize,
    active: usize,
    concern: usize,
    cat: &CategoryDef,
) -> String {
    let mut para = String::new();
    for s in 0..sentences {
        if s > 0 {
            para.push(' ');
        }
        para.push_str(&long_sentence(rng, active, concern, cat));
    }
    para
}

/// A product description of 1–3 paragraphs: `lead` (the classic opening)
/// with a sentence or two more, then up to two paragraphs of 2–4 sentences.
pub fn long_description(
    rng: &mut Rng,
    lead: String,
    active: usize,
    concerns: &[usize],
    cat: &CategoryDef,
) -> String {
    let mut out = lead;
    let extra = rng.range(1, 2);
    out.push(' ');
    out.push_str(&paragraph(rng, extra, active, concerns[0], cat));
    for k in 1..rng.range(1, 3) {
        let concern = concerns[k % concerns.len()];
        let n = rng.range(2, 4);
        let _ = write!(out, "\n\n{}", paragraph(rng, n, active, concern, cat));
    }
    out
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A guide body of about `target_words` words linking to every product of
/// `links` once (in paragraphs, a bulleted list and a table).
pub fn long_guide_body(
    rng: &mut Rng,
    products: &[Product],
    target_words: usize,
    concern: usize,
    active: usize,
    category: usize,
    links: &[usize],
) -> String {
    let cat = &CATEGORIES[category];
    let mut out = String::new();
    let mut count = 0usize;
    let mut pending: Vec<usize> = links.iter().rev().copied().collect();
    let all: Vec<&str> = HEADINGS.iter().chain(MORE_HEADINGS).copied().collect();
    let headings = rng.sample(all.len(), all.len());
    let (mut advice_list, mut product_list, mut numbered, mut table) = (false, false, false, false);

    // An introduction without a heading.
    let n = rng.range(3, 5);
    let intro = paragraph(rng, n, active, concern, cat);
    count += words(&intro);
    let _ = writeln!(out, "{intro}\n");

    let mut section = 0usize;
    loop {
        let placed = advice_list && product_list && numbered && table;
        if (count >= target_words && pending.is_empty() && placed) || section >= 60 {
            break;
        }
        let h = all[headings[section % headings.len()]];
        let h = if section >= headings.len() {
            format!("{h} ({})", section / headings.len() + 1)
        } else {
            h.to_string()
        };
        count += words(&h);
        let _ = writeln!(out, "## {h}\n");
        section += 1;
        for _ in 0..rng.range(1, 3) {
            if count >= target_words && pending.is_empty() {
                break;
            }
            let n = rng.range(3, 6);
            let mut para = paragraph(rng, n, active, concern, cat);
            // Spread the links over the words left (a paragraph is about
            // 75 words); past the target, every paragraph takes one.
            let left = target_words.saturating_sub(count).max(1);
            let want = pending.len() as f64 * 75.0 / left as f64;
            if rng.chance(want.clamp(0.3, 1.0))
                && let Some(p) = pending.pop()
            {
                let (lead, tail) = *rng.pick(&[
                    ("For example,", " fits this well."),
                    ("A good place to start is", "."),
                    ("Readers often mention", "."),
                    ("If you want one product to try,", " is a sensible pick."),
                    ("On the lighter side there is", "."),
                ]);
                let _ = write!(para, " {lead} [[{}]]{tail}", products[p].slug);
            }
            count += words(&para);
            let _ = writeln!(out, "{para}\n");
        }
        // The lists and the table, one kind per section, early on.
        match section % 4 {
            1 if !advice_list => {
                for _ in 0..rng.range(3, 6) {
                    let item = long_sentence(rng, active, concern, cat);
                    count += words(&item);
                    let _ = writeln!(out, "- {item}");
                }
                out.push('\n');
                advice_list = true;
            }
            2 if !table => {
                count += product_table(rng, &mut out, products, &mut pending);
                table = true;
            }
            // A second bulleted list: of products while links are left.
            3 if !product_list => {
                if pending.is_empty() {
                    out.push_str("Signs that it is working:\n\n");
                } else {
                    out.push_str("Worth a look:\n\n");
                }
                for _ in 0..rng.range(2, 4) {
                    let item = long_sentence(rng, active, concern, cat);
                    count += words(&item);
                    match pending.pop() {
                        Some(p) => {
                            count += 1;
                            let _ = writeln!(out, "- [[{}]]: {item}", products[p].slug);
                        }
                        None => {
                            let _ = writeln!(out, "- {item}");
                        }
                    }
                }
                out.push('\n');
                product_list = true;
            }
            0 if !numbered => {
                for (k, step) in [
                    "Cleanse with lukewarm water",
                    "Apply the treatment to dry skin",
                    "Wait a minute, then moisturize",
                    "Finish with sunscreen in the morning",
                ]
                .iter()
                .enumerate()
                {
                    let _ = writeln!(out, "{}. {step}.", k + 1);
                    count += words(step);
                }
                out.push('\n');
                numbered = true;
            }
            _ => {}
        }
    }
    out
}

/// A markdown table of up to four linked products of `pending` (taken from
/// it), or of the routine's steps when fewer than two are left. Returns the
/// words written.
fn product_table(
    rng: &mut Rng,
    out: &mut String,
    products: &[Product],
    pending: &mut Vec<usize>,
) -> usize {
    let mut count = 0;
    if pending.len() >= 2 {
        out.push_str("| Product | Category | Main active | How often |\n|---|---|---|---|\n");
        for _ in 0..rng.range(2, 4) {
            let Some(p) = pending.pop() else { break };
            let p = &products[p];
            let cat = CATEGORIES[p.category].name;
            let active = ACTIVES[p.actives[0].0].0;
            let often = frequency_label(&p.frequency);
            count += 1 + words(cat) + words(active) + words(&often);
            let _ = writeln!(out, "| [[{}]] | {cat} | {active} | {often} |", p.slug);
        }
    } else {
        out.push_str(ROUTINE_HEADER);
        for (a, b, c) in ROUTINE_ROWS {
            count += words(a) + words(b) + words(c);
            let _ = writeln!(out, "| {a} | {b} | {c} |");
        }
    }
    out.push('\n');
    count
}
