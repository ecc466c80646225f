//! Tests of reading content files: image paths, alt text at its line, and
//! mutated product, guide and site.yaml files that must never panic and
//! must report every problem at a line. Apart because the mutation test and
//! its generator are long.

use std::path::Path;

use super::*;

const PRODUCT: &str = include_str!("../../../../../content/products/meso-ampoule.yaml");
const GUIDE: &str = include_str!("../../../../../content/guides/ampoules-in-your-routine.md");
const SITE: &str = include_str!("../../../../../site.yaml");

/// A small deterministic generator, so a failure reproduces.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
}

/// `text` with a few characters inserted, deleted or replaced by ones
/// that matter to YAML.
fn mutate(text: &str, rng: &mut Rng) -> String {
    const PIECES: [&str; 16] = [
        ":", " ", "\t", "\n", "-", "[", "]", "{", "}", "'", "\"", "&a ", "*a", "#", "é", "|\n",
    ];
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.next() % 4 {
        let at = rng.next() % (chars.len() + 1);
        match rng.next() % 3 {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            _ => {
                let piece = PIECES[rng.next() % PIECES.len()];
                for (i, c) in piece.chars().enumerate() {
                    chars.insert((at + i).min(chars.len()), c);
                }
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn image_paths_are_relative_to_the_file_and_stay_in_content() {
    let file = Path::new("content/products/a.yaml");
    let ok = |src: &str| image_path(file, src).unwrap();
    let problem = |src: &str| image_path(file, src).unwrap_err();
    assert_eq!(ok("a.png"), Path::new("content/products/a.png"));
    assert_eq!(
        ok("./shots/a.webp"),
        Path::new("content/products/shots/a.webp")
    );
    assert_eq!(ok("../images/a.JPG"), Path::new("content/images/a.JPG"));
    assert!(problem("../../a.png").0.contains("leads out of"));
    assert!(problem("/images/a.png").0.contains("not a path relative"));
    assert!(
        problem("https://example.org/a.png")
            .0
            .contains("not a file of the site")
    );
    assert!(problem("a.gif").0.contains("not a PNG, JPEG or WebP"));
    assert!(problem("logo.svg").1.contains("static/"));
}

fn product_problems(yaml: &str) -> Vec<String> {
    let config = crate::config::Config::parse(
        std::path::Path::new("/s"),
        SourceFile::new("site.yaml", SITE),
    )
    .unwrap();
    let file = SourceFile::new("content/products/p.yaml", yaml);
    let problems = match parse_product(&Shape::of(&config), file) {
        Ok((_, _, problems)) | Err(problems) => problems,
    };
    problems
        .iter()
        .map(|d| format!("{}:{} {}", d.location.line, d.location.column, d.message))
        .collect()
}

#[test]
fn an_image_without_alt_text_is_an_error_at_its_line() {
    let base = "name: A\nbrand: B\ncategory: serum\nusage:\n  frequency: daily\n  time: [am]\n";
    let problems = product_problems(&format!("{base}image:\n  src: a.png\n"));
    assert_eq!(problems, ["7:1 `image` has no `alt` text"]);
    let problems = product_problems(&format!(
        "{base}images:\n  - src: a.png\n    alt: A jar\n  - src: b.png\n    alt: \"\"\n"
    ));
    assert_eq!(problems, ["11:10 `alt` is empty"]);
    let problems = product_problems(&format!("{base}image: a.png\n"));
    assert_eq!(problems, ["7:8 `image` needs a `src` and an `alt` text"]);
    let problems = product_problems(&format!("{base}image:\n  src: a.png\n  alt: A jar\n"));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn mutated_files_never_panic_and_every_problem_has_a_line() {
    // VIAL_FUZZ_ROUNDS=200000 for a longer run.
    let rounds = std::env::var("VIAL_FUZZ_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000);
    let config = crate::config::Config::parse(
        std::path::Path::new("/s"),
        SourceFile::new("site.yaml", SITE),
    )
    .unwrap();
    let shape = Shape::of(&config);
    let mut rng = Rng(0x5eed_1234_abcd_9876);
    for _ in 0..rounds {
        let mutated = mutate(PRODUCT, &mut rng);
        let problems = match parse_product(&shape, SourceFile::new("p.yaml", mutated.as_str())) {
            Ok((_, _, problems)) | Err(problems) => problems,
        };
        for d in problems {
            assert!(d.location.has_line(), "{d}\nin:\n{mutated}");
        }
        let mutated = mutate(SITE, &mut rng);
        let file = SourceFile::new("site.yaml", mutated.as_str());
        if let Err(problems) = crate::config::Config::parse(std::path::Path::new("/s"), file) {
            for d in problems {
                assert!(d.location.has_line(), "{d}\nin:\n{mutated}");
            }
        }
        let mutated = mutate(GUIDE, &mut rng);
        let problems = match parse_guide(&shape, SourceFile::new("g.md", mutated.as_str())) {
            Ok((_, _, problems)) | Err(problems) => problems,
        };
        for d in problems {
            assert!(d.location.has_line(), "{d}\nin:\n{mutated}");
        }
    }
}
