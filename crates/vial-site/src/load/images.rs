//! The image files content names: each read once per build (or once per
//! change, for `serve`), hashed, and its header read for the format and the
//! size. No pixels are decoded here; that is `images`' job, and only when
//! its cache lacks a variant.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{ImageDecoder, ImageError, ImageReader, metadata::Orientation};
use rayon::prelude::*;

use crate::config::{Limits, PICTURE_SIDE};

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
    /// Larger than vial reads or decodes (`limits:`), with the reason.
    TooLarge(String),
    /// A symbolic link out of the site folder, with where it leads.
    Outside(PathBuf),
}

/// Every image file the content names, by path relative to the root.
#[derive(Debug, Clone, Default)]
pub struct ImageFiles {
    files: BTreeMap<PathBuf, Result<ImageFile, ImageProblem>>,
}

impl ImageFiles {
    /// Reads `paths` (relative to `root`) in parallel, each within `limits`.
    pub fn read(root: &Path, paths: BTreeSet<PathBuf>, limits: &Limits) -> Self {
        let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let mut files: BTreeMap<PathBuf, Result<ImageFile, ImageProblem>> = paths
            .into_par_iter()
            .map(|path| {
                let file = read_image(&root.join(&path), &real_root, limits);
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
    pub fn refresh(
        &mut self,
        root: &Path,
        wanted: BTreeSet<PathBuf>,
        changed: &[PathBuf],
        limits: &Limits,
    ) -> bool {
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
            self.files.extend(Self::read(root, stale, limits).files);
        }
        touched
    }
}

/// Reads one image's bytes (to hash them) and header, and checks what
/// can be checked without decoding it: that it lies in the site, that its
/// size in bytes and pixels is within `limits`, and that it is whole.
fn read_image(path: &Path, real_root: &Path, limits: &Limits) -> Result<ImageFile, ImageProblem> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ImageProblem::NotFound {
            elsewhere: Vec::new(),
        },
        _ => ImageProblem::Unreadable(vial_base::diagnostic::io_reason(&e)),
    })?;
    if meta.is_dir() {
        return Err(ImageProblem::Unreadable("it is a folder".into()));
    }
    if let Some(target) = crate::load::walk::leads_outside(real_root, path) {
        return Err(ImageProblem::Outside(target));
    }
    if meta.len() > limits.picture_file {
        return Err(ImageProblem::TooLarge(format!(
            "the file is {}, more than the {} vial reads of one picture",
            Limits::megabytes(meta.len()),
            Limits::megabytes(limits.picture_file)
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| ImageProblem::Unreadable(vial_base::diagnostic::io_reason(&e)))?;
    let not_an_image = |e: &ImageError| ImageProblem::NotAnImage(plain(e));
    let reader = ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| ImageProblem::Unreadable(vial_base::diagnostic::io_reason(&e)))?;
    let format = reader
        .format()
        .and_then(ImageFormat::of)
        .ok_or_else(|| ImageProblem::NotAnImage("it is not a PNG, JPEG or WebP file".into()))?;
    let mut decoder = reader.into_decoder().map_err(|e| not_an_image(&e))?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(ImageProblem::NotAnImage("it has no pixels".into()));
    }
    within(width, height, limits)?;
    if !is_whole(format, &bytes) {
        return Err(ImageProblem::NotAnImage(
            "the file ends too soon: it was cut off (a download or a copy that did not finish)"
                .into(),
        ));
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

/// Whether a picture of `width` × `height` pixels (from its header) may be
/// decoded: no side past what WebP holds, no more pixels than `limits`.
fn within(width: u32, height: u32, limits: &Limits) -> Result<(), ImageProblem> {
    if width > PICTURE_SIDE || height > PICTURE_SIDE {
        return Err(ImageProblem::TooLarge(format!(
            "it is {width} × {height} pixels: a picture may be at most {PICTURE_SIDE} pixels on a side"
        )));
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.picture_pixels {
        return Err(ImageProblem::TooLarge(format!(
            "it is {width} × {height} pixels ({}), more than the {} vial decodes",
            Limits::megapixels(pixels),
            Limits::megapixels(limits.picture_pixels)
        )));
    }
    Ok(())
}

/// An image error in words a person can act on: the decoders' own texts
/// can be Rust debug output (`ChunkType { type: ... }`).
pub fn plain(error: &ImageError) -> String {
    match error {
        ImageError::Unsupported(e) => format!("vial cannot read this kind of picture ({e})"),
        ImageError::Limits(_) => "it is larger than vial decodes".into(),
        ImageError::IoError(e) => vial_base::diagnostic::io_reason(e),
        _ => "the file is damaged: it does not decode as a picture".into(),
    }
}

/// Whether the file holds the whole picture its format promises: a PNG's
/// closing `IEND` chunk, a JPEG's end-of-image marker after its scans, a
/// WebP's bytes as many as its header counts. A file cut short decodes
/// without an error in some decoders, with grey where the rest was.
fn is_whole(format: ImageFormat, bytes: &[u8]) -> bool {
    match format {
        ImageFormat::Png => memchr::memmem::rfind(bytes, b"IEND").is_some(),
        ImageFormat::Webp => bytes
            .get(4..8)
            .map(|n| u32::from_le_bytes([n[0], n[1], n[2], n[3]]) as usize + 8)
            .is_some_and(|declared| declared <= bytes.len()),
        ImageFormat::Jpeg => jpeg_is_whole(bytes),
    }
}

/// Walks a JPEG's segments by their lengths (a thumbnail inside its EXIF
/// segment is skipped whole), and the coded data of each scan up to the
/// next marker, until the end-of-image marker.
fn jpeg_is_whole(bytes: &[u8]) -> bool {
    const END: u8 = 0xD9;
    const SCAN: u8 = 0xDA;
    if bytes.get(..2) != Some(&[0xFF, 0xD8][..]) {
        return false;
    }
    let mut at = 2;
    loop {
        // Fill bytes may precede a marker.
        while bytes.get(at + 1) == Some(&0xFF) && bytes.get(at) == Some(&0xFF) {
            at += 1;
        }
        let (Some(0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return false;
        };
        at += 2;
        match marker {
            END => return true,
            // Restart markers and TEM stand alone.
            0xD0..=0xD7 | 0x01 => continue,
            _ => {}
        }
        let Some(length) = bytes.get(at..at + 2) else {
            return false;
        };
        at += usize::from(u16::from_be_bytes([length[0], length[1]]));
        if marker != SCAN {
            continue;
        }
        // Coded data: 0xFF is followed by 0 (a stuffed byte), a restart
        // marker, or the marker that ends the scan.
        loop {
            let Some(found) = bytes.get(at..).and_then(|rest| memchr::memchr(0xFF, rest)) else {
                return false;
            };
            at += found;
            match bytes.get(at + 1) {
                None => return false,
                Some(0x00 | 0xD0..=0xD7) => at += 2,
                Some(_) => break,
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ExtendedColorType, ImageEncoder};

    fn encoded(format: ImageFormat, width: u32, height: u32) -> Vec<u8> {
        let pixels: Vec<u8> = (0..width * height * 3)
            .map(|i| (i * 7 % 251) as u8)
            .collect();
        let mut out = Vec::new();
        let color = ExtendedColorType::Rgb8;
        match format {
            ImageFormat::Png => image::codecs::png::PngEncoder::new(&mut out)
                .write_image(&pixels, width, height, color)
                .unwrap(),
            ImageFormat::Jpeg => image::codecs::jpeg::JpegEncoder::new(&mut out)
                .write_image(&pixels, width, height, color)
                .unwrap(),
            ImageFormat::Webp => image::codecs::webp::WebPEncoder::new_lossless(&mut out)
                .write_image(&pixels, width, height, color)
                .unwrap(),
        }
        out
    }

    fn read(bytes: &[u8]) -> Result<ImageFile, ImageProblem> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("picture");
        std::fs::write(&path, bytes).unwrap();
        let root = dir.path().canonicalize().unwrap();
        read_image(&path, &root, &Limits::default())
    }

    /// A PNG whose header claims `width` × `height`, its checksum made
    /// again to match.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut png = encoded(ImageFormat::Png, 4, 4);
        png[16..20].copy_from_slice(&width.to_be_bytes());
        png[20..24].copy_from_slice(&height.to_be_bytes());
        let crc = crc32fast::hash(&png[12..29]);
        png[29..33].copy_from_slice(&crc.to_be_bytes());
        png
    }

    #[test]
    fn whole_pictures_of_every_format_read_and_halves_do_not() {
        for format in [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Webp] {
            let bytes = encoded(format, 64, 48);
            let file = read(&bytes).unwrap_or_else(|e| panic!("{format:?}: {e:?}"));
            assert_eq!((file.width, file.height, file.format), (64, 48, format));
            let half = &bytes[..bytes.len() / 2];
            match read(half) {
                Err(ImageProblem::NotAnImage(why)) => assert!(!why.contains('{'), "{why}"),
                other => panic!("{format:?} cut in half: {other:?}"),
            }
        }
    }

    #[test]
    fn a_header_claiming_too_many_pixels_is_refused_before_decoding() {
        for (width, height) in [
            (100_000, 100_000),
            (1, 5_000_000),
            (16_384, 10),
            (8_000, 8_000),
        ] {
            match read(&png_header(width, height)) {
                Err(ImageProblem::TooLarge(why)) => assert!(why.contains("pixels"), "{why}"),
                other => panic!("{width} × {height}: {other:?}"),
            }
        }
        // A JPEG whose frame header claims 65,500 × 65,500.
        let mut jpeg = encoded(ImageFormat::Jpeg, 16, 16);
        let frame = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        jpeg[frame + 5..frame + 9].copy_from_slice(&[0xFF, 0xDC, 0xFF, 0xDC]);
        assert!(matches!(read(&jpeg), Err(ImageProblem::TooLarge(_))));
    }

    #[test]
    fn a_jpeg_end_marker_inside_a_thumbnail_does_not_count() {
        let thumbnail = encoded(ImageFormat::Jpeg, 8, 8);
        let main = encoded(ImageFormat::Jpeg, 32, 32);
        // An APP1 segment holding a whole JPEG, as EXIF thumbnails are.
        let mut with_thumbnail = main[..2].to_vec();
        with_thumbnail.extend_from_slice(&[0xFF, 0xE1]);
        with_thumbnail.extend_from_slice(&((thumbnail.len() + 2) as u16).to_be_bytes());
        with_thumbnail.extend_from_slice(&thumbnail);
        with_thumbnail.extend_from_slice(&main[2..]);
        assert!(jpeg_is_whole(&with_thumbnail));
        let cut = &with_thumbnail[..with_thumbnail.len() - 100];
        assert!(
            !jpeg_is_whole(cut),
            "the thumbnail's end is not the picture's"
        );
    }

    #[test]
    fn decoder_errors_are_words_not_debug_text() {
        let mut png = encoded(ImageFormat::Png, 16, 16);
        // A chunk type of bytes no PNG chunk has.
        let at = png.windows(4).position(|w| w == b"IDAT").unwrap();
        png[at..at + 4].copy_from_slice(&[0xD2, 0x9B, 0x3A, 0x56]);
        let text = format!("{:?}", read(&png).unwrap_err());
        assert!(!text.contains("ChunkType"), "{text}");
    }
}
