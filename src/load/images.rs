//! The image files content names: each read once per build (or once per
//! change, for `serve`), hashed, and its header read for the format and the
//! size. No pixels are decoded here; that is `images`' job, and only when
//! its cache lacks a variant.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{ImageDecoder, ImageReader, metadata::Orientation};
use rayon::prelude::*;

/// The formats vial reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Webp,
}

impl ImageFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Webp => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Webp => "image/webp",
        }
    }

    fn of(format: image::ImageFormat) -> Option<ImageFormat> {
        match format {
            image::ImageFormat::Png => Some(ImageFormat::Png),
            image::ImageFormat::Jpeg => Some(ImageFormat::Jpeg),
            image::ImageFormat::WebP => Some(ImageFormat::Webp),
            _ => None,
        }
    }
}

/// An image file as found: what it is, not its pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFile {
    /// A hash of the file's bytes: the same bytes, the same variants.
    pub hash: u128,
    /// Bytes on disk.
    pub size: u64,
    pub format: ImageFormat,
    /// As shown, once the camera's orientation is applied.
    pub width: u32,
    pub height: u32,
}

/// Why an image cannot be used; the words finish "cannot read `x.png`: ".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageProblem {
    /// No such file; files of the same name elsewhere in `content/`.
    NotFound { elsewhere: Vec<PathBuf> },
    /// Not readable (permissions, a folder), with the reason.
    Unreadable(String),
    /// Readable, but not an image vial can decode, with the reason.
    NotAnImage(String),
}

/// Every image file the content names, by path relative to the root.
#[derive(Debug, Clone, Default)]
pub struct ImageFiles {
    files: BTreeMap<PathBuf, Result<ImageFile, ImageProblem>>,
}

impl ImageFiles {
    /// Reads `paths` (relative to `root`) in parallel.
    pub fn read(root: &Path, paths: BTreeSet<PathBuf>) -> Self {
        let mut files: BTreeMap<PathBuf, Result<ImageFile, ImageProblem>> = paths
            .into_par_iter()
            .map(|path| {
                let file = read_image(&root.join(&path));
                (path, file)
            })
            .collect();
        let missing: Vec<&PathBuf> = files
            .iter()
            .filter(|(_, f)| matches!(f, Err(ImageProblem::NotFound { .. })))
            .map(|(path, _)| path)
            .collect();
        if !missing.is_empty() {
            let found = same_names(root, &missing);
            for (path, file) in files.iter_mut() {
                if let Err(ImageProblem::NotFound { elsewhere }) = file {
                    *elsewhere = found.get(&file_name(path)).cloned().unwrap_or_default();
                }
            }
        }
        ImageFiles { files }
    }

    /// The file at `path`, as last read; `None` if nothing names it.
    pub fn get(&self, path: &Path) -> Option<&Result<ImageFile, ImageProblem>> {
        self.files.get(path)
    }

    /// Brings the set up to date: reads the paths `wanted` that were not
    /// read yet or that `changed` (files or folders, relative to the root)
    /// touches, and forgets the paths nobody names any more. Returns whether
    /// any file was read again or forgotten.
    pub fn refresh(&mut self, root: &Path, wanted: BTreeSet<PathBuf>, changed: &[PathBuf]) -> bool {
        let before = self.files.len();
        self.files.retain(|path, _| wanted.contains(path));
        let mut touched = self.files.len() != before;
        let stale: BTreeSet<PathBuf> = wanted
            .into_iter()
            .filter(|path| {
                !self.files.contains_key(path) || changed.iter().any(|c| path.starts_with(c))
            })
            .collect();
        if !stale.is_empty() {
            touched = true;
            self.files.extend(Self::read(root, stale).files);
        }
        touched
    }
}

/// Reads one image's bytes (to hash them) and header.
fn read_image(path: &Path) -> Result<ImageFile, ImageProblem> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ImageProblem::NotFound {
            elsewhere: Vec::new(),
        },
        _ if path.is_dir() => ImageProblem::Unreadable("it is a folder".into()),
        _ => ImageProblem::Unreadable(crate::diagnostic::io_reason(&e)),
    })?;
    let not_an_image = |e: &dyn std::fmt::Display| ImageProblem::NotAnImage(e.to_string());
    let reader = ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| not_an_image(&e))?;
    let format = reader
        .format()
        .and_then(ImageFormat::of)
        .ok_or_else(|| ImageProblem::NotAnImage("it is not a PNG, JPEG or WebP file".into()))?;
    let mut decoder = reader.into_decoder().map_err(|e| not_an_image(&e))?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(ImageProblem::NotAnImage("it has no pixels".into()));
    }
    let (width, height) = match decoder.orientation().unwrap_or(Orientation::NoTransforms) {
        Orientation::Rotate90
        | Orientation::Rotate270
        | Orientation::Rotate90FlipH
        | Orientation::Rotate270FlipH => (height, width),
        _ => (width, height),
    };
    Ok(ImageFile {
        hash: xxhash_rust::xxh3::xxh3_128(&bytes),
        size: bytes.len() as u64,
        format,
        width,
        height,
    })
}

/// A file name as compared to find a missing file elsewhere: letter case
/// aside.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Files in `content/` named like one of `missing`, up to three per name,
/// relative to the root: the file the writer meant is often one of them.
/// One walk of `content/`, however many files are missing.
fn same_names(root: &Path, missing: &[&PathBuf]) -> BTreeMap<String, Vec<PathBuf>> {
    let wanted: BTreeSet<String> = missing.iter().map(|p| file_name(p)).collect();
    let mut found: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    let files = walkdir::WalkDir::new(root.join(super::CONTENT))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file());
    for entry in files {
        let name = file_name(entry.path());
        if !wanted.contains(&name) {
            continue;
        }
        let paths = found.entry(name).or_default();
        if let (true, Ok(relative)) = (paths.len() < 3, entry.path().strip_prefix(root)) {
            paths.push(relative.to_path_buf());
        }
    }
    found
}
