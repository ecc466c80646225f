//! Pixels in and out: decoding a source (with its camera orientation
//! applied), resizing with fast_image_resize, and encoding a variant as
//! WebP (libwebp), PNG or JPEG (the `image` crate).

use std::io::Cursor;

use fast_image_resize::images::{Image as Pixels, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageReader};

use super::Encoding;
use vial_site::load::image_error_words as plain;

/// Pixels: 8-bit RGB, or RGBA when the source has an alpha channel.
pub(super) struct Decoded {
    width: u32,
    height: u32,
    alpha: bool,
    pixels: Vec<u8>,
}

impl Decoded {
    fn pixel_type(&self) -> PixelType {
        if self.alpha {
            PixelType::U8x4
        } else {
            PixelType::U8x3
        }
    }
}

/// Decodes a picture whose header `load` checked, within limits of its
/// own all the same: a decoder never allocates past a side of
/// `PICTURE_SIDE` pixels or what such a picture takes.
pub(super) fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let side = vial_site::config::PICTURE_SIDE;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(side);
    limits.max_image_height = Some(side);
    limits.max_alloc = Some(u64::from(side) * u64::from(side) * 4);
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| vial_base::diagnostic::io_reason(&e))?;
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| plain(&e))?;
    let orientation = decoder.orientation().map_err(|e| plain(&e))?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| plain(&e))?;
    image.apply_orientation(orientation);
    let (width, height) = (image.width(), image.height());
    let alpha = image.color().has_alpha();
    let pixels = if alpha {
        image.into_rgba8().into_raw()
    } else {
        image.into_rgb8().into_raw()
    };
    Ok(Decoded {
        width,
        height,
        alpha,
        pixels,
    })
}

/// `source` at `width` × `height`: its pixels, in its layout.
pub(super) fn resize(source: &Decoded, width: u32, height: u32) -> Result<Decoded, String> {
    if (width, height) == (source.width, source.height) {
        return Ok(Decoded {
            pixels: source.pixels.clone(),
            ..*source
        });
    }
    let from = ImageRef::new(
        source.width,
        source.height,
        &source.pixels,
        source.pixel_type(),
    )
    .map_err(|e| e.to_string())?;
    let mut to = Pixels::new(width, height, source.pixel_type());
    // Alpha is premultiplied while resizing, so transparent edges keep
    // their colour.
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new()
        .resize(&from, &mut to, &options)
        .map_err(|e| e.to_string())?;
    Ok(Decoded {
        width,
        height,
        alpha: source.alpha,
        pixels: to.into_vec(),
    })
}

/// `image` (already at the variant's size) in the variant's encoding.
pub(super) fn encode(image: &Decoded, encoding: Encoding) -> Result<Vec<u8>, String> {
    let (width, height, pixels) = (image.width, image.height, image.pixels.as_slice());
    let color = if image.alpha {
        ExtendedColorType::Rgba8
    } else {
        ExtendedColorType::Rgb8
    };
    let mut out = Vec::new();
    match encoding {
        Encoding::Webp(quality) => {
            let layout = if image.alpha {
                webp::PixelLayout::Rgba
            } else {
                webp::PixelLayout::Rgb
            };
            let encoded = webp::Encoder::new(pixels, layout, width, height)
                .encode_simple(false, quality as f32)
                .map_err(|_| "the WebP encoder cannot save a picture of this size".to_string())?;
            out.extend_from_slice(&encoded);
        }
        Encoding::Png => {
            PngEncoder::new_with_quality(&mut out, CompressionType::Best, PngFilter::Adaptive)
                .write_image(pixels, width, height, color)
                .map_err(|e| plain(&e))?;
        }
        Encoding::Jpeg(quality) => {
            JpegEncoder::new_with_quality(&mut out, quality)
                .write_image(pixels, width, height, color)
                .map_err(|e| plain(&e))?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32, alpha: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let (color, channels) = if alpha {
            (ExtendedColorType::Rgba8, 4)
        } else {
            (ExtendedColorType::Rgb8, 3)
        };
        let pixels: Vec<u8> = (0..width * height * channels)
            .map(|i| (i % 251) as u8)
            .collect();
        PngEncoder::new(&mut out)
            .write_image(&pixels, width, height, color)
            .unwrap();
        out
    }

    fn decoded_size(bytes: &[u8]) -> (u32, u32) {
        let image = image::load_from_memory(bytes).unwrap();
        (image.width(), image.height())
    }

    #[test]
    fn every_encoding_makes_an_image_of_the_variant_size() {
        for alpha in [false, true] {
            let source = decode(&png(50, 40, alpha)).unwrap();
            for encoding in [Encoding::Webp(80), Encoding::Png, Encoding::Jpeg(80)] {
                if alpha && encoding == Encoding::Jpeg(80) {
                    continue;
                }
                let bytes = encode(&resize(&source, 25, 20).unwrap(), encoding).unwrap();
                assert_eq!(decoded_size(&bytes), (25, 20), "{encoding:?}");
                let format = image::guess_format(&bytes).unwrap();
                assert_eq!(
                    format.extensions_str()[0],
                    match encoding {
                        Encoding::Webp(_) => "webp",
                        Encoding::Png => "png",
                        Encoding::Jpeg(_) => "jpg",
                    }
                );
            }
        }
    }

    #[test]
    fn bytes_that_are_no_image_are_a_problem_not_a_panic() {
        assert!(decode(b"not an image").is_err());
        let mut truncated = png(50, 40, false);
        truncated.truncate(60);
        assert!(decode(&truncated).is_err());
    }
}
