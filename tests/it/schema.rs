//! `vial schema` describes what the site accepts: every file of the two
//! example sites validates against the schemas made from its own
//! site.yaml, and files with the usual mistakes do not.

use std::path::Path;

use serde_json::Value;

fn schemas(root: &Path) -> Vec<(&'static str, Value)> {
    vial_build::schemas(&vial_build::BuildOptions::new(root)).unwrap_or_else(|e| panic!("{e}"))
}

fn validator(schemas: &[(&str, Value)], name: &str) -> jsonschema::Validator {
    let schema = &schemas.iter().find(|(n, _)| *n == name).unwrap().1;
    jsonschema::validator_for(schema).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap()
}

/// The YAML between a guide's `---` fences.
fn front_matter(text: &str) -> Value {
    let rest = text.strip_prefix("---\n").unwrap();
    let end = rest.find("\n---\n").unwrap();
    yaml(&rest[..end])
}

/// The originals of a content folder: a translation (`<slug>.de.yaml`)
/// holds only words, which these schemas do not describe.
fn files(dir: &Path, extension: &str) -> Vec<(String, String)> {
    let original = |path: &Path| {
        path.file_stem()
            .is_some_and(|s| !s.to_string_lossy().contains('.'))
    };
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == extension))
                .filter(|e| original(&e.path()))
                .map(|e| {
                    (
                        e.path().display().to_string(),
                        std::fs::read_to_string(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn the_example_sites_files_validate_against_their_schemas() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for root in [repo.to_path_buf(), repo.join("examples/houseplants")] {
        let schemas = schemas(&root);
        let content = root.join("content");
        let mut checked = 0;
        for (kind, dir) in [
            ("product.json", "products"),
            ("category.json", "categories"),
        ] {
            let validator = validator(&schemas, kind);
            for (path, text) in files(&content.join(dir), "yaml") {
                let errors: Vec<String> = validator
                    .iter_errors(&yaml(&text))
                    .map(|e| e.to_string())
                    .collect();
                assert!(errors.is_empty(), "{path}: {errors:?}");
                checked += 1;
            }
        }
        for (kind, dir) in [("guide.json", "guides"), ("page.json", "pages")] {
            let validator = validator(&schemas, kind);
            for (path, text) in files(&content.join(dir), "md") {
                let errors: Vec<String> = validator
                    .iter_errors(&front_matter(&text))
                    .map(|e| e.to_string())
                    .collect();
                assert!(errors.is_empty(), "{path}: {errors:?}");
                checked += 1;
            }
        }
        assert!(checked > 15, "{}: {checked} files", root.display());
    }
}

#[test]
fn the_schemas_catch_what_the_build_catches() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schemas = schemas(repo);
    let product = validator(&schemas, "product.json");
    let good = std::fs::read_to_string(repo.join("content/products/meso-ampoule.yaml")).unwrap();
    for (from, to) in [
        ("frequency:", "frequncy:"),
        ("category: ampoule", "category: ampule"),
        ("time: [pm]", "time: [noon]"),
        ("time: [pm]", "time: noon"),
        ("step: treat", "step: polish"),
        ("name: Meso Ampoule\n", ""),
        (
            "url: https://corner-pharmacy.example/",
            "url: www.corner-pharmacy.example/",
        ),
        ("- label: Corner Pharmacy\n    url:", "- url:"),
    ] {
        assert!(good.contains(from), "{from}");
        let broken = yaml(&good.replacen(from, to, 1));
        assert!(
            !product.is_valid(&broken),
            "`{from}` → `{to}` passes the schema"
        );
    }
    // What the build reads, the schema lets pass.
    let any_time = yaml(&good.replacen("time: [pm]", "time: any", 1));
    assert!(product.is_valid(&any_time), "`time: any`");
    let sponsored = yaml(&good.replacen(
        "url: https://corner-pharmacy.example/skincare/meso-ampoule",
        "url: https://corner-pharmacy.example/skincare/meso-ampoule\n    sponsored: true",
        1,
    ));
    assert!(product.is_valid(&sponsored), "`sponsored: true`");
}
