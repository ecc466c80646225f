//! The images a content file shows, as written: `image:` and `images:`,
//! each a `{src, alt}`, and the file of the site each `src` names. Its own
//! place because products, categories and guides all show images, and the
//! path rules (relative to the file, inside `content/`, a format vial
//! resizes) are one.

use std::path::{Component, Path, PathBuf};

use crate::load::CONTENT;
use vial_base::diagnostic::Code;
use vial_yaml::{Field, Fields, Reader, Spanned, Value};

/// The `image:` and `images:` of a product, category or guide.
#[derive(Debug, Default)]
pub struct RawImages {
    pub main: Option<RawImage>,
    /// The gallery, in the order written.
    pub gallery: Vec<RawImage>,
}

impl RawImages {
    /// The main image, then the gallery.
    pub fn iter(&self) -> impl Iterator<Item = &RawImage> {
        self.main.iter().chain(&self.gallery)
    }
}

/// An image as a content file names it: `{src, alt}`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawImage {
    /// As written, relative to the content file.
    pub src: Spanned<String>,
    /// The file it names, relative to the site root; `None` when `src`
    /// cannot name an image of the site (already reported).
    pub path: Option<PathBuf>,
    /// `None` when missing (already reported).
    pub alt: Option<String>,
}

/// The `image:` (one `{src, alt}`) and `images:` (a list of them) of a
/// content file at `file`.
pub(super) fn images<'t>(r: &mut Reader<'t>, top: &mut Fields<'t>, file: &Path) -> RawImages {
    let main = top
        .get("image")
        .and_then(|field| image(r, &field, "`image`", file));
    let gallery = top
        .get("images")
        .and_then(|field| field.list(r))
        .unwrap_or_default()
        .iter()
        .filter_map(|item| image(r, item, "this image of `images`", file))
        .collect();
    RawImages { main, gallery }
}

/// One `{src, alt}`; `what` names it in messages. Alt text is required:
/// there is no short form without it.
fn image<'t>(r: &mut Reader<'t>, field: &Field<'t>, what: &str, file: &Path) -> Option<RawImage> {
    if let Value::Scalar(s) = &field.node.value {
        r.error(
            Code::WrongType,
            field.at(),
            format!("{what} needs a `src` and an `alt` text"),
            format!(
                "write `{{src: {}, alt: …}}`, the alt text saying what the picture shows",
                s.text
            ),
        );
        return None;
    }
    let mut fields = field.fields(r)?;
    let src = fields.required_text(r, "src");
    let alt = match fields.get("alt") {
        None => {
            r.error(
                Code::MissingField,
                fields.at(),
                format!("{what} has no `alt` text"),
                ALT_HELP,
            );
            None
        }
        Some(alt) => match alt.text(r) {
            Some(text) if !text.value.trim().is_empty() => Some(text.value.trim().to_string()),
            Some(text) => {
                r.error(Code::MissingField, text.at, "`alt` is empty", ALT_HELP);
                None
            }
            None if alt.node.value == Value::Empty => {
                r.error(Code::MissingField, alt.at(), "`alt` is empty", ALT_HELP);
                None
            }
            // A list or a group: reported by `text`.
            None => None,
        },
    };
    fields.finish(r);
    let src = src?;
    let path = match image_path(file, &src.value) {
        Ok(path) => Some(path),
        Err((message, help)) => {
            r.error(Code::InvalidValue, src.at, message, help);
            None
        }
    };
    Some(RawImage { src, path, alt })
}

const ALT_HELP: &str =
    "add `alt: …`: a few words that say what the picture shows, for readers who cannot see it";

/// The file extensions of the images vial resizes.
pub const IMAGE_EXTENSIONS: [&str; 4] = ["png", "jpg", "jpeg", "webp"];

/// The image `src` names, relative to the site root: `src` is relative to
/// the folder of `file` (a content file) and must stay inside `content/`.
/// The error is a message and a hint.
pub fn image_path(file: &Path, src: &str) -> Result<PathBuf, (String, String)> {
    let src = src.trim();
    if src.contains("://") || src.starts_with("//") {
        return Err((
            format!("`{src}` is not a file of the site"),
            "vial resizes images kept in the site: save the picture beside this file and write its file name".into(),
        ));
    }
    if src.starts_with('/') || src.contains('\\') {
        return Err((
            format!("`{src}` is not a path relative to this file"),
            "write the path from this file's folder with `/`, as in `src: pictures/front.png` or `src: ../images/front.png`".into(),
        ));
    }
    let mut path: Vec<&str> = Vec::new();
    for part in file.parent().unwrap_or(Path::new("")).components() {
        if let Component::Normal(name) = part {
            path.push(name.to_str().unwrap_or_default());
        }
    }
    for part in src.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                path.pop();
            }
            name => path.push(name),
        }
        if path.first() != Some(&CONTENT) {
            return Err((
                format!("`{src}` leads out of the site's `content/` folder"),
                "keep images inside `content/`, beside the files that show them".into(),
            ));
        }
    }
    let extension = src
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    if !IMAGE_EXTENSIONS.contains(&extension.as_str()) {
        let help = if extension == "svg" {
            "an SVG needs no resizing: put it in `static/` and show it from markdown".to_string()
        } else {
            "save the picture as PNG (drawings), JPEG (photos) or WebP".to_string()
        };
        return Err((format!("`{src}` is not a PNG, JPEG or WebP image"), help));
    }
    Ok(path.iter().collect())
}
