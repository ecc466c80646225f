//! Images resized for the web: (site) in, the bytes of every variant its
//! pages show out, each handed to a sink (the output stage).
//!
//! 1. `variants` names the variants of one image, without touching it: each
//!    width of `WIDTHS` below the original's, and the original's width up
//!    to the largest, in WebP and (unless the source is WebP) in the
//!    source's own format as the fallback. The renderer builds `srcset`
//!    from them.
//! 2. `plan` gathers the variants a site needs, grouped by source content:
//!    a picture named by ten products is decoded once.
//! 3. `process` takes each variant from the cache, `.vial/cache/images/`
//!    in the site, or decodes its source, resizes (fast_image_resize,
//!    Lanczos3), encodes, and stores it there, in parallel. A cache file
//!    is named by a hash of the source's bytes, the operation and the
//!    encoder settings (`PIPELINE`), so an unchanged image costs a file
//!    read, and a stale entry can never be taken for a fresh one.
//!
//! Besides `load` and `output`, this is the only module that touches the
//! disk: its own cache folder, and the sources it has to decode.

mod cache;
mod codec;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

pub use cache::CACHE_DIR;
use cache::Cache;
use vial_base::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use vial_base::text::slugify;
use vial_site::load::ImageFormat;
use vial_site::model::{Image, Site};

/// The widths pages may ask for, in CSS pixels at 1x and 2x: a thumbnail
/// at 2x, a column, a wide column, a hero at 2x on a laptop.
pub const WIDTHS: [u32; 4] = [320, 640, 960, 1280];

/// Bump when a change in the code or in a codec's version changes the
/// bytes a variant gets: cache entries of other versions are never read.
const PIPELINE: &str =
    "vial-images 1; image 0.25; fast_image_resize 6 lanczos3; webp 0.3 (libwebp 1.x)";

/// Where the variants go in the output.
const OUTPUT_DIR: &str = "images";
/// The longest picture name kept in a variant's file name.
const STEM_LENGTH: usize = 60;

/// How a variant is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Encoding {
    /// Lossy WebP at this quality (0-100).
    Webp(u8),
    Png,
    /// JPEG at this quality (1-100).
    Jpeg(u8),
}

/// WebP quality: the point past which files grow faster than they improve.
const WEBP_QUALITY: u8 = 82;
/// JPEG quality of the fallback, for the few browsers without WebP.
const JPEG_QUALITY: u8 = 82;

impl Encoding {
    pub fn format(self) -> ImageFormat {
        match self {
            Encoding::Webp(_) => ImageFormat::Webp,
            Encoding::Png => ImageFormat::Png,
            Encoding::Jpeg(_) => ImageFormat::Jpeg,
        }
    }

    /// The fallback for a source of `format`; none for WebP, which every
    /// browser that has `<picture>` reads.
    fn fallback(format: ImageFormat) -> Option<Encoding> {
        match format {
            ImageFormat::Png => Some(Encoding::Png),
            ImageFormat::Jpeg => Some(Encoding::Jpeg(JPEG_QUALITY)),
            ImageFormat::Webp => None,
        }
    }
}

/// One resized, encoded version of an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Variant {
    pub encoding: Encoding,
    pub width: u32,
    pub height: u32,
    /// A hash of (source bytes, size, encoding, `PIPELINE`): names the
    /// variant in the cache and in the output.
    pub key: u128,
}

impl Variant {
    fn new(image: &Image, encoding: Encoding, width: u32) -> Variant {
        let height = ((image.height as u64 * width as u64 + image.width as u64 / 2)
            / image.width as u64)
            .max(1) as u32;
        let operation = format!("{encoding:?} {width}x{height} {PIPELINE}");
        let mut bytes = image.hash.to_le_bytes().to_vec();
        bytes.extend_from_slice(operation.as_bytes());
        Variant {
            encoding,
            width,
            height,
            key: xxhash_rust::xxh3::xxh3_128(&bytes),
        }
    }

    /// Where the variant of `image` goes below the output folder:
    /// `images/<name>-<width>.<hash>.<ext>`. The hash changes with the
    /// bytes, so browsers may cache it for good.
    pub fn path(&self, image: &Image) -> String {
        // The name only helps a person reading the folder (the hash tells
        // variants apart): a long one is cut, so that the variant's name
        // still fits in a file name.
        let stem = image
            .source
            .file_stem()
            .map(|s| {
                let mut slug = slugify(&s.to_string_lossy());
                slug.truncate(STEM_LENGTH);
                slug.trim_end_matches('-').to_string()
            })
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "image".to_string());
        format!(
            "{OUTPUT_DIR}/{stem}-{}.{:016x}.{}",
            self.width,
            (self.key >> 64) as u64,
            self.encoding.format().extension()
        )
    }
}

/// The widths of an image `original` pixels wide: those of `WIDTHS` well
/// below it (a variant within 10% of the next one adds nothing), then the
/// original's width, or the largest of `WIDTHS`.
pub fn widths(original: u32) -> Vec<u32> {
    let largest = original.min(WIDTHS[WIDTHS.len() - 1]);
    let mut widths: Vec<u32> = WIDTHS
        .iter()
        .copied()
        .filter(|w| (*w as u64) * 10 < largest as u64 * 9)
        .collect();
    widths.push(largest);
    widths
}

/// Every variant of `image`: WebP first, then the fallback, each from the
/// narrowest to the widest.
pub fn variants(image: &Image) -> Vec<Variant> {
    let encodings =
        std::iter::once(Encoding::Webp(WEBP_QUALITY)).chain(Encoding::fallback(image.format));
    encodings
        .flat_map(|encoding| {
            widths(image.width)
                .into_iter()
                .map(move |w| Variant::new(image, encoding, w))
        })
        .collect()
}

/// What a source's variants need: the file, where content first names it
/// (for problems), and each variant with the output paths it goes to
/// (one per name the same bytes are saved under).
#[derive(Debug, Clone)]
struct Job {
    source: PathBuf,
    location: Location,
    hash: u128,
    format: ImageFormat,
    width: u32,
    variants: BTreeMap<Variant, BTreeSet<String>>,
}

impl Job {
    /// Whether `variant` is the source itself: a PNG at its own size is
    /// served as drawn (re-encoding a palette PNG only makes it larger).
    /// Photos are always re-encoded, which drops their camera metadata.
    fn is_source(&self, variant: &Variant) -> bool {
        self.format == ImageFormat::Png
            && variant.encoding == Encoding::Png
            && variant.width == self.width
    }
}

/// The variants a site needs, grouped by source content.
#[derive(Debug, Clone)]
pub struct Plan {
    cache: PathBuf,
    root: PathBuf,
    jobs: Vec<Job>,
}

/// What `process` did, to report it and to prove a warm build does nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// Sources decoded.
    pub decoded: usize,
    /// Variants encoded (and stored in the cache).
    pub encoded: usize,
    /// Variants read from the cache.
    pub cached: usize,
    /// Variants that are their source file as it is.
    pub copied: usize,
}

/// The variants every product, category and guide of `site` shows.
pub fn plan(site: &Site) -> Plan {
    let images = (site.categories.values().map(|c| &c.images))
        .chain(site.products.values().map(|p| &p.images))
        .chain(site.guides.values().map(|g| &g.images))
        .flat_map(|images| images.iter());
    let mut jobs: BTreeMap<u128, Job> = BTreeMap::new();
    for image in images {
        let job = jobs.entry(image.hash).or_insert_with(|| Job {
            source: image.source.clone(),
            location: image.location.clone(),
            hash: image.hash,
            format: image.format,
            width: image.width,
            variants: BTreeMap::new(),
        });
        for variant in variants(image) {
            job.variants
                .entry(variant)
                .or_default()
                .insert(variant.path(image));
        }
    }
    let root = site.config.root.clone();
    Plan {
        cache: root.join(CACHE_DIR),
        root,
        jobs: jobs.into_values().collect(),
    }
}

impl Plan {
    /// Every output path of the plan.
    pub fn paths(&self) -> BTreeSet<String> {
        self.jobs
            .iter()
            .flat_map(|job| job.variants.values().flatten().cloned())
            .collect()
    }

    /// The plan without the output paths in `done`: what a rebuild still
    /// has to write.
    pub fn without(&self, done: &BTreeSet<String>) -> Plan {
        let jobs = self
            .jobs
            .iter()
            .filter_map(|job| {
                let variants: BTreeMap<Variant, BTreeSet<String>> = job
                    .variants
                    .iter()
                    .map(|(v, paths)| (*v, paths - done))
                    .filter(|(_, paths)| !paths.is_empty())
                    .collect();
                (!variants.is_empty()).then(|| Job {
                    variants,
                    ..job.clone()
                })
            })
            .collect();
        Plan {
            jobs,
            ..self.clone()
        }
    }

    /// Deletes the cache entries the plan does not use, after a build of
    /// the whole site: the cache then holds what the site shows, not every
    /// picture it ever showed. Returns how many went.
    pub fn prune_cache(&self) -> usize {
        let used: BTreeSet<String> = self
            .jobs
            .iter()
            .flat_map(|job| job.variants.keys().map(cache::file_name))
            .collect();
        Cache::new(&self.cache).prune(&used)
    }

    /// Makes (or finds in the cache) every variant and hands each to
    /// `sink` with its output path. Every problem comes back together, each
    /// at the line that names the image.
    pub fn process(&self, sink: impl Fn(&str, &[u8]) + Sync) -> Result<Work, Diagnostics> {
        let cache = Cache::new(&self.cache);
        let counts = Counts::default();
        let problems: Vec<Diagnostic> = self
            .jobs
            .par_iter()
            .filter_map(|job| run(job, &self.root, &cache, &counts, &sink).err())
            .collect();
        if !problems.is_empty() {
            return Err(Diagnostics(problems).sorted());
        }
        Ok(counts.work())
    }
}

#[derive(Default)]
struct Counts {
    decoded: AtomicUsize,
    encoded: AtomicUsize,
    cached: AtomicUsize,
    copied: AtomicUsize,
}

impl Counts {
    fn work(&self) -> Work {
        Work {
            decoded: self.decoded.load(Ordering::Relaxed),
            encoded: self.encoded.load(Ordering::Relaxed),
            cached: self.cached.load(Ordering::Relaxed),
            copied: self.copied.load(Ordering::Relaxed),
        }
    }
}

/// A variant and the output paths it goes to.
type Destined<'a> = (&'a Variant, &'a BTreeSet<String>);

/// One source: its cached variants, then (if any is missing) one read,
/// one decode and the missing variants in parallel.
fn run(
    job: &Job,
    root: &Path,
    cache: &Cache,
    counts: &Counts,
    sink: &(impl Fn(&str, &[u8]) + Sync),
) -> Result<(), Diagnostic> {
    let mut missing = Vec::new();
    let mut copies = Vec::new();
    for (variant, paths) in &job.variants {
        if job.is_source(variant) {
            copies.push(paths);
            continue;
        }
        match cache.read(variant) {
            Some(bytes) => {
                counts.cached.fetch_add(1, Ordering::Relaxed);
                paths.iter().for_each(|p| sink(p, &bytes));
            }
            None => missing.push((variant, paths)),
        }
    }
    if missing.is_empty() && copies.is_empty() {
        return Ok(());
    }
    let problem =
        |message: String| Diagnostic::error(Code::ImageUnreadable, job.location.clone(), message);
    let shown = job.source.display();
    let bytes = std::fs::read(root.join(&job.source)).map_err(|e| {
        problem(format!(
            "cannot read image `{shown}`: {}",
            vial_base::diagnostic::io_reason(&e)
        ))
    })?;
    // Variants are named after the bytes `load` hashed: never store other
    // bytes under that name.
    if xxhash_rust::xxh3::xxh3_128(&bytes) != job.hash {
        return Err(
            problem(format!("image `{shown}` changed during the build")).with_help("build again")
        );
    }
    for paths in copies {
        counts.copied.fetch_add(1, Ordering::Relaxed);
        paths.iter().for_each(|p| sink(p, &bytes));
    }
    if missing.is_empty() {
        return Ok(());
    }
    let decoded = codec::decode(&bytes)
        .map_err(|why| problem(format!("cannot decode image `{shown}`: {why}")))?;
    counts.decoded.fetch_add(1, Ordering::Relaxed);
    // Each size is resized once, for WebP and the fallback alike.
    let mut by_size: BTreeMap<(u32, u32), Vec<Destined>> = BTreeMap::new();
    for (variant, paths) in missing {
        by_size
            .entry((variant.width, variant.height))
            .or_default()
            .push((variant, paths));
    }
    by_size
        .par_iter()
        .try_for_each(|((width, height), variants)| {
            let resized = codec::resize(&decoded, *width, *height)
                .map_err(|why| problem(format!("cannot resize image `{shown}`: {why}")))?;
            variants.par_iter().try_for_each(|(variant, paths)| {
                let encoded = codec::encode(&resized, variant.encoding)
                    .map_err(|why| problem(format!("cannot encode image `{shown}`: {why}")))?;
                counts.encoded.fetch_add(1, Ordering::Relaxed);
                cache.write(variant, &encoded);
                paths.iter().for_each(|p| sink(p, &encoded));
                Ok(())
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(width: u32, height: u32, format: ImageFormat) -> Image {
        Image {
            source: PathBuf::from("content/products/Night Shift.png"),
            alt: "A bottle".into(),
            width,
            height,
            hash: 42,
            format,
            location: Location::file("content/products/x.yaml"),
        }
    }

    #[test]
    fn widths_never_exceed_the_original() {
        assert_eq!(widths(2000), [320, 640, 960, 1280]);
        assert_eq!(widths(1280), [320, 640, 960, 1280]);
        assert_eq!(widths(800), [320, 640, 800]);
        // 640 is within 10% of 700: it would add nothing.
        assert_eq!(widths(700), [320, 700]);
        assert_eq!(widths(200), [200]);
    }

    #[test]
    fn png_and_jpeg_get_a_fallback_and_webp_does_not() {
        let png = variants(&image(800, 600, ImageFormat::Png));
        let formats: Vec<(ImageFormat, u32, u32)> = png
            .iter()
            .map(|v| (v.encoding.format(), v.width, v.height))
            .collect();
        assert_eq!(
            formats,
            [
                (ImageFormat::Webp, 320, 240),
                (ImageFormat::Webp, 640, 480),
                (ImageFormat::Webp, 800, 600),
                (ImageFormat::Png, 320, 240),
                (ImageFormat::Png, 640, 480),
                (ImageFormat::Png, 800, 600),
            ]
        );
        let jpeg = variants(&image(800, 600, ImageFormat::Jpeg));
        assert_eq!(jpeg[3].encoding, Encoding::Jpeg(JPEG_QUALITY));
        let webp = variants(&image(800, 600, ImageFormat::Webp));
        assert!(
            webp.iter()
                .all(|v| v.encoding.format() == ImageFormat::Webp)
        );
    }

    #[test]
    fn a_variant_is_named_by_its_source_bytes_and_operation() {
        let a = image(800, 600, ImageFormat::Png);
        let mut b = a.clone();
        b.hash = 43;
        let (va, vb) = (variants(&a), variants(&b));
        assert_ne!(va[0].key, vb[0].key, "other bytes, another name");
        assert_ne!(va[0].key, va[1].key, "another width, another name");
        assert_eq!(va, variants(&a), "the same every time");
        let path = va[0].path(&a);
        assert!(
            path.starts_with("images/night-shift-320.") && path.ends_with(".webp"),
            "{path}"
        );
    }

    #[test]
    fn heights_keep_the_aspect_ratio() {
        let tall = variants(&image(1000, 1500, ImageFormat::Jpeg));
        assert_eq!((tall[0].width, tall[0].height), (320, 480));
        let odd = variants(&image(333, 100, ImageFormat::Jpeg));
        assert_eq!((odd[0].width, odd[0].height), (333, 100));
    }
}
