//! The hint under an unknown name: the names close to it, as a person
//! misspells them, or the few there are to choose from. Every stage that
//! reads a name the site declares (a category, a spec, a step) asks here:
//! it is about names, not about any one diagnostic.

/// Up to three candidates close to a misspelt `word`, nearest first: those
/// within a small edit distance; failing any, those that share a prefix, a
/// substring or a whole word with it.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let word_lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .collect()
    };
    let own_words = words(word);
    let mut close: Vec<(usize, &str)> = Vec::new();
    let mut related: Vec<(usize, &str)> = Vec::new();
    for c in candidates {
        let lower = c.to_lowercase();
        let distance = strsim::osa_distance(&word_lower, &lower);
        if distance <= limit {
            close.push((distance, c));
        } else if (word_lower.chars().count() >= 3
            && (lower.contains(&word_lower)
                || (lower.chars().count() >= 3 && word_lower.contains(&lower))))
            || words(c).iter().any(|w| own_words.contains(w))
        {
            related.push((distance, c));
        }
    }
    // Far behind the nearest is noise: `bost-ampoule` means `boost-ampoule`,
    // not `meso-ampoule`.
    if let Some(nearest) = close.iter().map(|(d, _)| *d).min() {
        close.retain(|(d, _)| *d <= nearest + 1);
    }
    let mut best = if close.is_empty() { related } else { close };
    best.sort();
    best.dedup_by(|a, b| a.1 == b.1);
    best.into_iter().take(3).map(|(_, c)| c).collect()
}

/// The closest candidate to a misspelt `word`, if one is close enough to be
/// what the user meant.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(word, c), c))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Up to this many choices are listed in full when none is close.
const LISTED_CHOICES: usize = 8;

/// A short hint for a name that is not one of `candidates`: the nearest
/// ones ("did you mean `x`?"), else every choice when there are few, else
/// nothing useful to say.
pub fn suggestion<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let close = nearest(word, candidates.clone());
    let quoted = |names: &[&str]| {
        names
            .iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match close.as_slice() {
        [one] => format!("did you mean `{one}`?"),
        [_, ..] => format!("did you mean one of {}?", quoted(&close)),
        [] => {
            let all: Vec<&str> = candidates.into_iter().collect();
            match all.len() {
                0 => "there is nothing to choose from yet".to_string(),
                n if n <= LISTED_CHOICES => format!("expected one of {}", quoted(&all)),
                n => format!("none of the {n} names comes close"),
            }
        }
    }
}
