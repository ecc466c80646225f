//! Terms a letter apart: of a taxonomy's slugs, each one used only once
//! that is a typo or a plural away from another (`spider-mite` beside
//! `spider-mites`), so the taxonomy can warn that a misspelling made a page
//! of its own. Slugs in, pairs of indexes out; no diagnostics, no I/O.

use rustc_hash::FxHashMap;

/// The shortest slug a one-letter difference counts in: below it, two
/// different words are often a letter apart (`acne`, `acme`).
const TYPO_LENGTH: usize = 5;
/// The shortest slug a plural `s` counts in (`oil`, `oils`).
const PLURAL_LENGTH: usize = 3;

/// For each slug of `slugs` whose entry in `once` is true, the index of
/// another slug it is most likely a misspelling of: a letter added, left
/// out, changed or swapped with its neighbour, or a plural `s` or `es`.
/// Of several, the one `weight` ranks highest (then the first).
///
/// Every slug's one-letter-shorter forms are looked up among those of the
/// slugs used once, so the work grows with the letters of all slugs, not
/// with the number of pairs: a site may have tens of thousands of terms.
pub(super) fn near_misses(slugs: &[&str], once: &[bool], weight: &[usize]) -> Vec<(usize, usize)> {
    let mut shorter: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, slug) in slugs.iter().enumerate().filter(|(i, _)| once[*i]) {
        for form in with_and_without_a_letter(slug) {
            shorter.entry(form).or_default().push(i);
        }
    }
    let mut best: Vec<Option<usize>> = vec![None; slugs.len()];
    let mut consider = |typo: usize, other: usize| {
        if typo != other && near(slugs[typo], slugs[other]) {
            let better = best[typo].is_none_or(|b| weight[other] > weight[b]);
            if better {
                best[typo] = Some(other);
            }
        }
    };
    if shorter.is_empty() {
        return Vec::new();
    }
    // One buffer for every form looked up: a string made for each letter
    // of each slug would be most of the work.
    let mut form = String::new();
    for (other, slug) in slugs.iter().enumerate() {
        for (cut, _) in std::iter::once((usize::MAX, ' ')).chain(slug.char_indices()) {
            form.clear();
            if cut == usize::MAX {
                form.push_str(slug);
            } else {
                let width = slug[cut..].chars().next().map_or(0, char::len_utf8);
                form.push_str(&slug[..cut]);
                form.push_str(&slug[cut + width..]);
            }
            for &typo in shorter.get(form.as_str()).into_iter().flatten() {
                consider(typo, other);
            }
        }
    }
    // `bush` and `bushes` are two letters apart: looked up directly.
    let index: FxHashMap<&str, usize> = slugs.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    for (typo, slug) in slugs.iter().enumerate().filter(|(i, _)| once[*i]) {
        let plural = format!("{slug}es");
        let singular = slug.strip_suffix("es");
        for other in [Some(plural.as_str()), singular].into_iter().flatten() {
            if let Some(&other) = index.get(other) {
                consider(typo, other);
            }
        }
    }
    best.into_iter()
        .enumerate()
        .filter_map(|(i, b)| Some((i, b?)))
        .collect()
}

/// `slug` and each form of it with one letter left out.
fn with_and_without_a_letter(slug: &str) -> impl Iterator<Item = String> + '_ {
    let at: Vec<usize> = slug.char_indices().map(|(i, _)| i).collect();
    std::iter::once(slug.to_string()).chain(at.into_iter().map(move |i| {
        let width = slug[i..].chars().next().map_or(0, char::len_utf8);
        format!("{}{}", &slug[..i], &slug[i + width..])
    }))
}

/// Whether `a` and `b` are one typo or a plural apart, and long enough
/// for that to say something.
pub(super) fn near(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let letters = short.chars().count();
    let plural = long
        .strip_prefix(short)
        .is_some_and(|end| end == "s" || end == "es");
    if plural {
        return letters >= PLURAL_LENGTH;
    }
    letters >= TYPO_LENGTH && one_edit_apart(a, b)
}

/// Whether one letter added, left out, changed, or two neighbours swapped,
/// turns `a` into `b`.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[start..], &b[start..]);
    let end = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - end], &b[..b.len() - end]);
    match (a.len(), b.len()) {
        (0, 0) => false,
        (0, 1) | (1, 0) | (1, 1) => true,
        (2, 2) => a[0] == b[1] && a[1] == b[0],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_or_a_plural_is_near_and_short_words_are_not() {
        assert!(near("spider-mite", "spider-mites"));
        assert!(near("bush", "bushes"));
        assert!(near("oils", "oil"));
        assert!(near("mealybugs", "mealybgus"));
        assert!(near("niacinamide", "niacinamid"));
        assert!(near("retinal", "retinol"));
        assert!(near("spidermites", "spider-mites"));
        assert!(!near("acne", "acme"));
        assert!(!near("am", "pm"));
        assert!(!near("thrips", "trips-x"));
        assert!(!near("fungus-gnats", "fungus-gnats"));
        assert!(!near("zinc-oxide", "zinc-pca"));
    }

    #[test]
    fn each_term_used_once_is_paired_with_the_most_used_near_one() {
        let slugs = [
            "spider-mites",
            "spider-mite",
            "spidr-mites",
            "aphids",
            "bush",
            "bushes",
        ];
        let once = [false, true, true, true, false, true];
        let weight = [5, 1, 1, 1, 2, 1];
        assert_eq!(
            near_misses(&slugs, &once, &weight),
            [(1, 0), (2, 0), (5, 4)]
        );
    }
}
