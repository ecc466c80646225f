//! `limits:` in site.yaml: how much vial reads of one input before it says
//! the input is too large, so that a mistake (a file pasted a thousand
//! times, a picture whose header claims 65,500 × 65,500 pixels) is an error
//! at its file, never a build that runs out of memory.

use vial_base::diagnostic::Code;
use vial_yaml::{Fields, Reader};

const MB: u64 = 1_000_000;

/// The largest side of a picture vial publishes: the most WebP holds.
pub const PICTURE_SIDE: u32 = 16_383;

/// The longest slug: a page's folder, and a comparison's two slugs with
/// `-vs-` between them, must fit in a file name (255 bytes on every common
/// file system).
pub const SLUG_LENGTH: usize = 120;

/// How much vial reads of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of a text source: a product, category, guide or term file, a
    /// template, a strings file, site.yaml itself.
    pub text_file: u64,
    /// Bytes of a picture file.
    pub picture_file: u64,
    /// Pixels of a picture, as its header gives them (decoding one takes
    /// three or four bytes per pixel).
    pub picture_pixels: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            text_file: 10 * MB,
            picture_file: 50 * MB,
            picture_pixels: 50 * MB,
        }
    }
}

impl Limits {
    /// A size in the words and unit `limits:` uses.
    pub fn megabytes(bytes: u64) -> String {
        format!("{} MB", millions(bytes))
    }

    /// A count of pixels in the words and unit `limits:` uses.
    pub fn megapixels(pixels: u64) -> String {
        format!("{} megapixels", millions(pixels))
    }
}

/// `n` in millions: whole from 10 on, else to a tenth.
fn millions(n: u64) -> String {
    let millions = n as f64 / MB as f64;
    if millions >= 10.0 {
        format!("{millions:.0}")
    } else {
        format!("{millions:.1}")
    }
}

/// Reads `limits:`: `text_file_mb`, `picture_file_mb` and
/// `picture_megapixels`, each a number above 0.
pub(super) fn read_limits<'t>(r: &mut Reader<'t>, mut group: Fields<'t>) -> Limits {
    let mut limits = Limits::default();
    let mut read = |r: &mut Reader<'t>, name: &'static str, into: &mut u64| {
        let Some(n) = group.get(name).and_then(|f| f.number(r)) else {
            return;
        };
        if n.value > 0.0 && n.value <= 100_000.0 {
            *into = (n.value * MB as f64) as u64;
        } else {
            r.error(
                Code::InvalidValue,
                n.at,
                format!("`{name}` is a number above 0"),
                format!("write, for example, `{name}: 20`"),
            );
        }
    };
    read(r, "text_file_mb", &mut limits.text_file);
    read(r, "picture_file_mb", &mut limits.picture_file);
    read(r, "picture_megapixels", &mut limits.picture_pixels);
    group.finish(r);
    limits
}
