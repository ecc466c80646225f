//! `TestSite`: a fixture copied into a temp dir, built with the library, and
//! read back as parsed HTML.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html, Selector};
use vial_base::diagnostic::Diagnostics;
use vial_build::BuildOptions;

pub struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&from, dir.path());
        TestSite { dir }
    }

    /// The basic fixture with lists of `size` entries a page, so that a
    /// few products or guides make several pages.
    pub fn paged(size: usize) -> Self {
        let site = Self::fixture("basic");
        let config = site
            .read("site.yaml")
            .replace("usage:", &format!("lists:\n  page_size: {size}\nusage:"));
        site.write("site.yaml", &config);
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, path: &str, text: &str) -> &Self {
        let target = self.root().join(path);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::write(target, text).unwrap();
        self
    }

    /// Sets the site's `language` (the basic fixture's `site.yaml`).
    pub fn in_language(&self, language: &str) -> &Self {
        let config = self.read("site.yaml");
        let declared = format!("description: A fixture site.\nlanguage: {language}");
        self.write(
            "site.yaml",
            &config.replace("description: A fixture site.", &declared),
        )
    }

    /// The fixture in German: `language: de` and its schedules written in
    /// German, as a German site reads them.
    pub fn in_german(&self) -> &Self {
        self.in_language("de");
        for (file, english, german) in [
            ("daily-serum", "twice daily", "zweimal täglich"),
            ("meso-ampoule", "once a week", "einmal pro Woche"),
            (
                "boost-ampoule",
                "course of 3-5 days",
                "eine Kur von 3–5 Tagen",
            ),
        ] {
            let path = format!("content/products/{file}.yaml");
            let text = self.read(&path);
            let from = format!("frequency: {english}");
            assert!(text.contains(&from), "{path}");
            self.write(&path, &text.replace(&from, &format!("frequency: {german}")));
        }
        self
    }

    pub fn read(&self, path: &str) -> String {
        fs::read_to_string(self.root().join(path)).unwrap()
    }

    /// A JSON file of the output, parsed. `path` like `data/serum.json`.
    pub fn json(&self, path: &str) -> serde_json::Value {
        let text =
            fs::read_to_string(self.output().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// A product's entry in `products.json`.
    pub fn exported(&self, slug: &str) -> serde_json::Value {
        let export = self.json("products.json");
        let found = export["products"]
            .as_array()
            .and_then(|all| all.iter().find(|p| p["slug"] == slug));
        found
            .unwrap_or_else(|| panic!("{slug} is not in products.json"))
            .clone()
    }

    /// Replaces the first `from` in the file at `path` with `to`; panics
    /// if the file has no `from`.
    pub fn replace_in(&self, path: &str, from: &str, to: &str) -> &Self {
        let text = self.read(path);
        assert!(text.contains(from), "{path} has no `{from}`");
        self.write(path, &text.replacen(from, to, 1))
    }

    pub fn remove(&self, path: &str) -> &Self {
        fs::remove_file(self.root().join(path)).unwrap();
        self
    }

    /// Runs the `vial` binary with `args`, then `--root` and this site.
    pub fn run(&self, args: &[&str]) -> std::process::Output {
        run_vial(args, self.root())
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions::new(self.root())
    }

    pub fn build(&self) -> Result<vial_build::BuildReport, Diagnostics> {
        vial_build::build(&self.options()).map_err(|f| f.problems)
    }

    /// Builds and panics with the diagnostics if the build fails.
    pub fn built(&self) -> &Self {
        if let Err(e) = self.build() {
            panic!("build failed:\n{e}");
        }
        self
    }

    /// Builds, expecting failure; returns the rendered diagnostics.
    pub fn errors(&self) -> String {
        match self.build() {
            Ok(_) => panic!("build succeeded but should have failed"),
            Err(e) => e.to_string(),
        }
    }

    /// A page of the output, parsed. `url` like `/products/x/`.
    pub fn page(&self, url: &str) -> Page {
        let mut path = self.output().join(url.trim_start_matches('/'));
        if url.ends_with('/') {
            path = path.join("index.html");
        }
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Page {
            html: Html::parse_document(&text),
        }
    }

    pub fn exists(&self, url: &str) -> bool {
        let mut path = self.output().join(url.trim_start_matches('/'));
        if url.ends_with('/') {
            path = path.join("index.html");
        }
        path.exists()
    }

    /// Every file of the output with its bytes, sorted by path.
    /// Every file of the output with its bytes, but vial's manifest, which
    /// must list exactly those files.
    pub fn snapshot_output(&self) -> Vec<(PathBuf, Vec<u8>)> {
        snapshot(&self.output())
    }
}

pub struct Page {
    pub html: Html,
}

impl Page {
    /// The page's `hreflang` links: (code, absolute URL).
    pub fn hreflang(&self) -> Vec<(String, String)> {
        self.select("link[rel=alternate][hreflang]")
            .iter()
            .map(|l| {
                let attr = |name| l.value().attr(name).unwrap_or_default().to_string();
                (attr("hreflang"), attr("href"))
            })
            .collect()
    }

    pub fn select(&self, css: &str) -> Vec<ElementRef<'_>> {
        let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
        self.html.select(&selector).collect()
    }

    pub fn one(&self, css: &str) -> ElementRef<'_> {
        let found = self.select(css);
        assert_eq!(
            found.len(),
            1,
            "expected one `{css}`, found {}",
            found.len()
        );
        found[0]
    }

    /// Text of every match, whitespace collapsed.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css).into_iter().map(text).collect()
    }
}

/// Element text with whitespace collapsed.
pub fn text(element: ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Texts of the elements matching `css` below `element`.
pub fn texts_in(element: ElementRef<'_>, css: &str) -> Vec<String> {
    let selector = Selector::parse(css).unwrap();
    element.select(&selector).map(text).collect()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir` with its bytes, sorted, without vial's marker;
/// asserts that the manifest (of the site `dir` is the `public` of) lists
/// exactly these files.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, fs::read(e.path()).unwrap())
        })
        // vial's marker: the one file of its own it leaves in the output.
        .filter(|(rel, _)| rel != Path::new(vial_output::MARKER))
        .collect();
    files.sort();
    let place = vial_output::Place::of(dir.parent().unwrap(), dir);
    if let Ok(Some(manifest)) = vial_output::Manifest::read(&place) {
        let mut listed: Vec<PathBuf> = manifest.files.keys().map(PathBuf::from).collect();
        listed.sort();
        let present: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
        assert_eq!(
            listed,
            present,
            "the manifest of {} lists other files",
            dir.display()
        );
    }
    files
}

/// Runs the `vial` binary with `args`, then `--root ROOT`.
pub fn run_vial(args: &[&str], root: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_vial"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

/// A `width` × `height` picture in `format` (`png`, `jpg` or `webp`): a
/// gradient whose colours `seed` shifts, so two seeds give other bytes.
pub fn picture(width: u32, height: u32, format: &str, seed: u8) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            (x * 255 / width.max(1)) as u8,
            (y * 255 / height.max(1)) as u8,
            seed,
        ])
    });
    let format = match format {
        "png" => image::ImageFormat::Png,
        "jpg" => image::ImageFormat::Jpeg,
        "webp" => image::ImageFormat::WebP,
        other => panic!("no picture format {other}"),
    };
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(pixels)
        .write_to(&mut bytes, format)
        .unwrap();
    bytes.into_inner()
}

/// A small PNG whose header claims `width` × `height` pixels, its
/// checksum made again to match: what a few dozen bytes can claim.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = picture(4, 4, "png", 1);
    // IHDR's width and height follow the signature, the length and the type.
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32fast::hash(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

impl TestSite {
    /// Writes a file of bytes (a picture).
    pub fn write_bytes(&self, path: &str, bytes: &[u8]) -> &Self {
        let target = self.root().join(path);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::write(target, bytes).unwrap();
        self
    }
}

impl TestSite {
    /// Declares the basic fixture's concerns a closed list of two, dullness
    /// and dehydration (the two its products and guides use).
    pub fn close_concerns(&self) -> &Self {
        let config = self.read("site.yaml");
        let (open, closed) = (
            "plural: Concerns, guides: true}",
            "plural: Concerns, guides: true, closed: true}",
        );
        assert!(config.contains(open), "the fixture's concerns changed");
        self.write("site.yaml", &config.replacen(open, closed, 1));
        self.write(
            "content/concerns/dullness.yaml",
            "what_it_does: Flat, tired skin.\n",
        );
        self.write(
            "content/concerns/dehydration.yaml",
            "what_it_does: Tight skin.\n",
        )
    }
}
