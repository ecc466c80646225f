//! Image views: an image's variants (named by `images`, which makes them)
//! as the `src`, `srcset` and `sizes` of a `<picture>`, in the role it
//! plays on the page.

use super::Renderer;
use super::views::ImageView;
use vial_images::{Encoding, variants};
use vial_site::load::ImageFormat;
use vial_site::model::{Image, Images};

/// Where an image shows in the default theme, which says how wide it is
/// (`sizes`) and whether it is above the fold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// A product's or category's own image, beside its title.
    Main,
    /// A guide's image, across the column below its title.
    Hero,
    /// An image of a gallery.
    Gallery,
    /// A product's image in a list of products.
    Thumbnail,
}

impl Role {
    /// The `sizes` of the default theme's layout (`style.css`).
    fn sizes(self) -> &'static str {
        match self {
            Role::Main => "(max-width: 48rem) 16rem, 20rem",
            Role::Hero => "(min-width: 46rem) 42rem, calc(100vw - 2rem)",
            Role::Gallery => "9rem",
            Role::Thumbnail => "4.5rem",
        }
    }
}

impl Renderer<'_> {
    /// `image` as `role`: every variant in its srcset, the widest as `src`.
    pub(super) fn image_view(&self, image: &Image, role: Role) -> ImageView {
        let all = variants(image);
        let srcset = |webp: bool| {
            all.iter()
                .filter(|v| matches!(v.encoding, Encoding::Webp(_)) == webp)
                .map(|v| format!("{} {}w", self.shared_url(&v.path(image)), v.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let fallback = all
            .iter()
            .rfind(|v| v.encoding.format() == image.format)
            .or(all.last())
            .expect("every image has a variant");
        let path = fallback.path(image);
        ImageView {
            alt: image.alt.clone(),
            src: self.shared_url(&path),
            width: fallback.width,
            height: fallback.height,
            srcset: srcset(image.format == ImageFormat::Webp),
            mime: fallback.encoding.format().mime(),
            webp_srcset: if image.format == ImageFormat::Webp {
                String::new()
            } else {
                srcset(true)
            },
            sizes: role.sizes().to_string(),
            lazy: !matches!(role, Role::Main | Role::Hero),
            og_url: format!("{}/{path}", self.site.config.root_url),
        }
    }

    /// The main image in `main`, the gallery's in `Gallery`.
    pub(super) fn image_views(
        &self,
        images: &Images,
        main: Role,
    ) -> (Option<ImageView>, Vec<ImageView>) {
        (
            images.main().map(|i| self.image_view(i, main)),
            images
                .gallery()
                .iter()
                .map(|i| self.image_view(i, Role::Gallery))
                .collect(),
        )
    }
}
