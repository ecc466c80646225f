//! The images a product, category or guide names, checked against the
//! files `load` found: each exists and reads as a PNG, JPEG or WebP image,
//! has alt text, and is not so large that it slows every cold build (a
//! warning). An image keeps its size and content hash: what the renderer
//! needs for `width`, `height` and `srcset`, and what tells a rebuild that
//! its file changed.

use std::path::{Component, Path, PathBuf};

use crate::load::{ImageFile, ImageFiles, ImageFormat, ImageProblem, RawImage, RawImages};
use vial_base::diagnostic::{Code, Diagnostic, Location};
use vial_yaml::Origin;

/// A file above this many bytes gets a warning.
pub const LARGE_BYTES: u64 = 5 * 1024 * 1024;
/// A file with a side above this many pixels gets a warning.
pub const LARGE_SIDE: u32 = 6000;

/// An image checked: its file exists and reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The file, relative to the site root.
    pub source: PathBuf,
    pub alt: String,
    /// As shown (the camera's orientation applied).
    pub width: u32,
    pub height: u32,
    /// A hash of the file's bytes.
    pub hash: u128,
    pub format: ImageFormat,
    /// Where the content names it, for problems found while resizing.
    pub location: Location,
}

/// The main image and the gallery of a product, category or guide. Most
/// entries have none: they hold no more than a pointer (the three fields
/// inline made every product larger).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Images(Option<Box<ImageSet>>);

#[derive(Debug, Clone, Default, PartialEq)]
struct ImageSet {
    main: Option<Image>,
    gallery: Vec<Image>,
    /// Images that are larger than they need to be.
    warnings: Vec<Diagnostic>,
}

impl Images {
    pub fn main(&self) -> Option<&Image> {
        self.0.as_ref().and_then(|set| set.main.as_ref())
    }

    pub fn gallery(&self) -> &[Image] {
        self.0.as_ref().map_or(&[], |set| &set.gallery)
    }

    /// Images that are larger than they need to be.
    pub fn warnings(&self) -> &[Diagnostic] {
        self.0.as_ref().map_or(&[], |set| &set.warnings)
    }

    /// The images with a translation's alt texts: `main`'s for the main
    /// image, `gallery`'s in order for the gallery (an empty one keeps the
    /// original's).
    pub fn with_alt_texts(&mut self, main: Option<&String>, gallery: Option<&Vec<String>>) {
        let Some(set) = self.0.as_mut() else { return };
        if let (Some(image), Some(alt)) = (set.main.as_mut(), main) {
            image.alt.clone_from(alt);
        }
        for (image, alt) in set.gallery.iter_mut().zip(gallery.into_iter().flatten()) {
            if !alt.trim().is_empty() {
                image.alt.clone_from(alt);
            }
        }
    }

    /// The main image, then the gallery.
    pub fn iter(&self) -> impl Iterator<Item = &Image> {
        self.main().into_iter().chain(self.gallery())
    }

    /// Whether every image's file still has the bytes it had: a product
    /// whose file did not change is reused on a rebuild only then.
    pub fn unchanged(&self, files: &ImageFiles) -> bool {
        self.iter()
            .all(|image| matches!(files.get(&image.source), Some(Ok(f)) if f.hash == image.hash))
    }
}

/// Checks the images `raw` names in the file of `origin`. Problems go into
/// `problems`; the images that passed come back.
pub(super) fn images(
    origin: &Origin,
    raw: &RawImages,
    files: &ImageFiles,
    problems: &mut Vec<Diagnostic>,
) -> Images {
    let mut warnings = Vec::new();
    let mut check = |raw: &RawImage| {
        let checked = image(origin, raw, files);
        match checked {
            Ok((image, warning)) => {
                warnings.extend(warning);
                image
            }
            Err(d) => {
                problems.push(d);
                None
            }
        }
    };
    let main = raw.main.as_ref().and_then(&mut check);
    let gallery: Vec<Image> = raw.gallery.iter().filter_map(&mut check).collect();
    if main.is_none() && gallery.is_empty() && warnings.is_empty() {
        return Images::default();
    }
    Images(Some(Box::new(ImageSet {
        main,
        gallery,
        warnings,
    })))
}

/// One image: its problem, or the image (`None` when its `src` or `alt`
/// was already reported) and a warning if it is large.
fn image(
    origin: &Origin,
    raw: &RawImage,
    files: &ImageFiles,
) -> Result<(Option<Image>, Option<Diagnostic>), Diagnostic> {
    let Some(path) = &raw.path else {
        return Ok((None, None));
    };
    let file: &ImageFile = match files.get(path) {
        Some(Ok(file)) => file,
        Some(Err(problem)) => return Err(file_problem(origin, raw, path, problem)),
        // Every path raw content names was read: not reached.
        None => return Ok((None, None)),
    };
    let warning = size_warning(origin, raw, file);
    let Some(alt) = &raw.alt else {
        return Ok((None, warning));
    };
    let image = Image {
        source: path.clone(),
        alt: alt.clone(),
        width: file.width,
        height: file.height,
        hash: file.hash,
        format: file.format,
        location: origin.at(&raw.src),
    };
    Ok((Some(image), warning))
}

/// Why the file at `path`, which `raw` names, cannot be shown.
fn file_problem(
    origin: &Origin,
    raw: &RawImage,
    path: &Path,
    problem: &ImageProblem,
) -> Diagnostic {
    let src = &raw.src.value;
    match problem {
        ImageProblem::NotFound { elsewhere } => origin
            .error(
                Code::ImageNotFound,
                &raw.src,
                format!("image `{src}` not found"),
            )
            .with_help(not_found_help(&origin.file.path, path, elsewhere)),
        ImageProblem::Unreadable(why) => origin
            .error(
                Code::ImageUnreadable,
                &raw.src,
                format!("cannot read image `{src}`: {why}"),
            )
            .with_help("check that the file is readable"),
        ImageProblem::NotAnImage(why) => origin
            .error(
                Code::ImageUnreadable,
                &raw.src,
                format!("cannot read image `{src}`: {why}"),
            )
            .with_help("save the picture again as PNG (drawings), JPEG (photos) or WebP"),
        ImageProblem::TooLarge(why) => origin
            .error(Code::TooLarge, &raw.src, format!("cannot use image `{src}`: {why}"))
            .with_help(
                "scale it down (pages show pictures at most 1280 px wide); if it must be this large, raise `limits: picture_megapixels` or `picture_file_mb` in site.yaml",
            ),
        ImageProblem::Outside(target) => origin
            .error(
                Code::LinkOutside,
                &raw.src,
                format!(
                    "image `{src}` is a symbolic link to `{}`, outside the site folder: vial publishes only what the site folder holds",
                    target.display()
                ),
            )
            .with_help("copy the picture into the site folder"),
    }
}

/// A warning when the file is larger than any page needs: every build
/// without the cache decodes it.
fn size_warning(origin: &Origin, raw: &RawImage, file: &ImageFile) -> Option<Diagnostic> {
    let src = &raw.src.value;
    (file.size > LARGE_BYTES || file.width.max(file.height) > LARGE_SIDE).then(|| {
        origin
            .error(
                Code::ImageTooLarge,
                &raw.src,
                format!(
                    "image `{src}` is large ({:.1} MB, {} × {} px): every build without the cache decodes it",
                    file.size as f64 / (1024.0 * 1024.0),
                    file.width,
                    file.height
                ),
            )
            .with_help(
                "scale it down to 2560 px on its longest side or less; pages show it at most 1280 px wide",
            )
            .into_warning()
    })
}

/// Where the writer may have meant: image paths are relative to the file
/// that names them.
fn not_found_help(file: &Path, missing: &Path, elsewhere: &[PathBuf]) -> String {
    let folder = file.parent().unwrap_or(Path::new(""));
    match elsewhere {
        [] => format!(
            "image paths are relative to this file's folder, `{}/`, and no file in `content/` is called `{}`",
            slashed(folder),
            missing
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        ),
        found => {
            let paths: Vec<String> = found
                .iter()
                .map(|p| format!("`{}`", slashed(&relative(folder, p))))
                .collect();
            format!(
                "did you mean {}? (image paths are relative to this file's folder, `{}/`)",
                paths.join(" or "),
                slashed(folder)
            )
        }
    }
}

/// `to` as written from the folder `from` (both relative to the root).
fn relative(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<Component> = from.components().collect();
    let to_parts: Vec<Component> = to.components().collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut path = PathBuf::new();
    for _ in common..from.len() {
        path.push("..");
    }
    for part in &to_parts[common..] {
        path.push(part);
    }
    path
}

fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_written_from_the_folder_of_the_file() {
        let from = Path::new("content/products");
        assert_eq!(
            relative(from, Path::new("content/products/a.png")),
            Path::new("a.png")
        );
        assert_eq!(
            relative(from, Path::new("content/images/a.png")),
            Path::new("../images/a.png")
        );
        assert_eq!(
            relative(from, Path::new("content/products/shots/a.png")),
            Path::new("shots/a.png")
        );
    }

    #[test]
    fn a_missing_image_names_the_files_of_that_name() {
        let help = not_found_help(
            Path::new("content/products/x.yaml"),
            Path::new("content/products/a.png"),
            &[PathBuf::from("content/images/a.png")],
        );
        assert_eq!(
            help,
            "did you mean `../images/a.png`? (image paths are relative to this file's folder, `content/products/`)"
        );
        let help = not_found_help(
            Path::new("content/products/x.yaml"),
            Path::new("content/products/a.png"),
            &[],
        );
        assert!(
            help.contains("no file in `content/` is called `a.png`"),
            "{help}"
        );
    }
}
