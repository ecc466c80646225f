#!/usr/bin/env python3
"""Draws the pictures of the example sites: flat illustrations of their
invented products (a container shape in the product's colours with a label
that carries its name), one category picture and one guide picture per
site. Nothing here depicts a real product or brand.

    pip install pillow && python3 examples/draw_example_images.py

Writes PNG files (and one JPEG per site, the guide's) beside the content
files that name them. Run from the repository's root.
"""

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_LIGHT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SIZE = 800
# Drawn at K times the size, then scaled down: smooth edges.
K = 3


def font(size, light=False):
    return ImageFont.truetype(FONT_LIGHT if light else FONT, size * K)


class Draw:
    """ImageDraw in the coordinates of the final picture."""

    def __init__(self, canvas):
        self.d = ImageDraw.Draw(canvas)

    @staticmethod
    def _scale(points):
        return [v * K for v in points] if isinstance(points[0], (int, float)) else [
            (x * K, y * K) for x, y in points
        ]

    def rounded_rectangle(self, box, radius, **kw):
        kw = {k: (v * K if k == "width" else v) for k, v in kw.items()}
        self.d.rounded_rectangle(self._scale(box), radius=radius * K, **kw)

    def rectangle(self, box, **kw):
        self.d.rectangle(self._scale(box), **kw)

    def ellipse(self, box, **kw):
        self.d.ellipse(self._scale(box), **kw)

    def polygon(self, points, **kw):
        self.d.polygon(self._scale(points), **kw)

    def line(self, points, fill, width):
        self.d.line(self._scale(points), fill=fill, width=width * K)

    def text(self, xy, text, font, fill, anchor):
        self.d.text((xy[0] * K, xy[1] * K), text, font=font, fill=fill, anchor=anchor)

    def textlength(self, text, font):
        return self.d.textlength(text, font=font) / K


def canvas_of(width=SIZE, height=SIZE, colour=(0, 0, 0, 0)):
    mode = "RGBA" if len(colour) == 4 else "RGB"
    return Image.new(mode, (width * K, height * K), colour)


def finished(canvas, scale=0.8):
    """Scaled down to the picture's size: square pictures are drawn on an
    800 px grid and saved at 640 px, twice the width pages show them at."""
    size = (round(canvas.width / K * scale), round(canvas.height / K * scale))
    return canvas.resize(size, Image.Resampling.LANCZOS)


def lighter(colour, amount=0.35):
    return tuple(int(v + (255 - v) * amount) for v in colour[:3]) + (255,)


def shadow(canvas, box):
    """A soft oval shadow under a container standing on `box`'s bottom."""
    layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    d = Draw(layer)
    left, _, right, bottom = box
    d.ellipse((left - 30, bottom - 18, right + 30, bottom + 22), fill=(0, 0, 0, 70))
    canvas.alpha_composite(layer.filter(ImageFilter.GaussianBlur(12 * K)))


def wrap(draw, text, size, width, light=False):
    """`text` in lines no wider than `width`, shrinking the font to fit."""
    while size > 12:
        f = font(size, light)
        lines, line = [], ""
        for word in text.split():
            candidate = f"{line} {word}".strip()
            if draw.textlength(candidate, font=f) <= width:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
        if all(draw.textlength(l, font=f) <= width for l in lines) and len(lines) <= 3:
            return f, size, lines
        size -= 2
    return font(12, light), 12, [text]


def label(draw, box, name, brand, colour, ink):
    """A label on a container: the brand small, the name large."""
    left, top, right, bottom = box
    draw.rounded_rectangle(box, radius=14, fill=colour)
    inner = right - left - 36
    bf, bsize, blines = wrap(draw, brand.upper(), 20, inner, light=True)
    nf, nsize, nlines = wrap(draw, name, 34, inner)
    y = top + 22
    for line in blines:
        draw.text(((left + right) / 2, y), line, font=bf, fill=ink, anchor="ma")
        y += bsize + 6
    draw.line((left + 40, y + 4, right - 40, y + 4), fill=ink, width=2)
    y += 18
    for line in nlines:
        draw.text(((left + right) / 2, y), line, font=nf, fill=ink, anchor="ma")
        y += nsize + 6


def dropper(name, brand, glass, cap, paper, ink):
    canvas = canvas_of()
    body = (250, 300, 550, 720)
    shadow(canvas, body)
    d = Draw(canvas)
    d.rounded_rectangle(body, radius=46, fill=glass)
    d.rectangle((330, 250, 470, 310), fill=glass)
    d.rounded_rectangle((320, 175, 480, 265), radius=16, fill=cap)
    d.ellipse((355, 60, 445, 200), fill=cap)
    d.rounded_rectangle((270, 320, 300, 690), radius=14, fill=lighter(glass))
    label(d, (280, 400, 520, 640), name, brand, paper, ink)
    return finished(canvas)


def vial(name, brand, glass, cap, paper, ink):
    canvas = canvas_of()
    body = (300, 250, 500, 730)
    shadow(canvas, body)
    d = Draw(canvas)
    d.rounded_rectangle(body, radius=60, fill=glass)
    d.polygon([(330, 260), (470, 260), (430, 180), (370, 180)], fill=glass)
    d.rounded_rectangle((360, 70, 440, 190), radius=20, fill=cap)
    d.rounded_rectangle((316, 290, 340, 700), radius=12, fill=lighter(glass))
    label(d, (318, 380, 482, 620), name, brand, paper, ink)
    return finished(canvas)


def jar(name, brand, glass, cap, paper, ink):
    canvas = canvas_of()
    body = (180, 360, 620, 700)
    shadow(canvas, body)
    d = Draw(canvas)
    d.rounded_rectangle(body, radius=60, fill=glass)
    d.rounded_rectangle((170, 250, 630, 370), radius=26, fill=cap)
    d.rectangle((190, 340, 610, 372), fill=cap)
    label(d, (240, 420, 560, 650), name, brand, paper, ink)
    return finished(canvas)


def pump(name, brand, glass, cap, paper, ink):
    canvas = canvas_of()
    body = (260, 290, 540, 730)
    shadow(canvas, body)
    d = Draw(canvas)
    d.rounded_rectangle(body, radius=40, fill=glass)
    d.rounded_rectangle((340, 220, 460, 300), radius=12, fill=cap)
    d.rectangle((385, 130, 415, 225), fill=cap)
    d.rounded_rectangle((330, 100, 520, 145), radius=14, fill=cap)
    label(d, (285, 380, 515, 640), name, brand, paper, ink)
    return finished(canvas)


def tube(name, brand, glass, cap, paper, ink):
    canvas = canvas_of()
    body = (270, 130, 530, 600)
    shadow(canvas, (300, 600, 500, 730))
    d = Draw(canvas)
    d.polygon([(250, 110), (550, 110), (520, 600), (280, 600)], fill=glass)
    d.rectangle((245, 100, 555, 130), fill=glass)
    d.rounded_rectangle((300, 590, 500, 730), radius=18, fill=cap)
    label(d, (295, 230, 505, 500), name, brand, paper, ink)
    del body
    return finished(canvas)


def spray(name, brand, glass, cap, paper, ink):
    canvas = canvas_of()
    body = (250, 330, 550, 730)
    shadow(canvas, body)
    d = Draw(canvas)
    d.rounded_rectangle(body, radius=50, fill=glass)
    d.rectangle((340, 280, 460, 340), fill=cap)
    d.polygon([(330, 130), (500, 130), (520, 200), (470, 290), (330, 290)], fill=cap)
    d.polygon([(330, 140), (220, 150), (220, 190), (330, 190)], fill=cap)
    d.polygon([(430, 210), (470, 290), (420, 330), (400, 240)], fill=cap)
    label(d, (275, 410, 525, 660), name, brand, paper, ink)
    return finished(canvas)


def jug(name, brand, glass, cap, paper, ink):
    canvas = canvas_of()
    body = (220, 260, 580, 730)
    shadow(canvas, body)
    d = Draw(canvas)
    d.rounded_rectangle(body, radius=50, fill=glass)
    d.rounded_rectangle((440, 170, 600, 330), radius=50, outline=glass, width=36)
    d.rounded_rectangle((260, 150, 380, 270), radius=14, fill=cap)
    label(d, (250, 380, 550, 650), name, brand, paper, ink)
    return finished(canvas)


def bag(name, brand, glass, cap, paper, ink):
    canvas = canvas_of()
    body = (190, 150, 610, 730)
    shadow(canvas, body)
    d = Draw(canvas)
    d.polygon([(200, 190), (600, 190), (620, 730), (180, 730)], fill=glass)
    d.rectangle((190, 150, 610, 200), fill=cap)
    for x in range(200, 610, 24):
        d.line((x, 150, x + 12, 200), fill=glass, width=3)
    label(d, (240, 320, 560, 600), name, brand, paper, ink)
    return finished(canvas)


def card(name, brand, glass, cap, paper, ink):
    canvas = canvas_of()
    body = (230, 120, 570, 730)
    shadow(canvas, body)
    d = Draw(canvas)
    d.rounded_rectangle(body, radius=18, fill=glass)
    d.ellipse((380, 150, 420, 190), fill=cap)
    for y in range(560, 710, 30):
        d.line((250, y, 550, y), fill=cap, width=3)
    label(d, (260, 240, 540, 520), name, brand, paper, ink)
    return finished(canvas)


def save_png(image, path):
    # A palette of 96 colours keeps flat drawings at a few tens of KB.
    image.quantize(colors=96, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)
    print(path)


SKINCARE = "content/products"
PLANTS = "examples/houseplants/content/products"
CREAM = (250, 246, 236, 255)
DARK = (40, 38, 35, 255)

PRODUCTS = [
    (SKINCARE, "retinal-night-serum", dropper, "Retinal Night Serum", "Tarnwell Lab",
     (122, 64, 38, 255), (35, 32, 30, 255), CREAM, DARK),
    (SKINCARE, "daily-hydra-serum", dropper, "Daily Hydra Serum", "Wrenfield Skin",
     (150, 205, 226, 255), (240, 240, 240, 255), (255, 255, 255, 255), (30, 70, 100, 255)),
    (SKINCARE, "vitamin-c-morning-serum", dropper, "Vitamin C Morning Serum", "Copperbeck Botanicals",
     (236, 150, 40, 255), (90, 60, 30, 255), CREAM, DARK),
    (SKINCARE, "centella-rescue-ampoules", vial, "Centella Rescue Ampoules", "Quietmere",
     (150, 196, 150, 255), (230, 232, 226, 255), (255, 255, 255, 255), (40, 80, 50, 255)),
    (SKINCARE, "cloud-gel-moisturizer", jar, "Cloud Gel Moisturizer", "Tarnwell Lab",
     (200, 222, 240, 255), (245, 245, 248, 255), (255, 255, 255, 255), (40, 60, 100, 255)),
    (SKINCARE, "soft-milk-cleanser", pump, "Soft Milk Cleanser", "Halden & Rye",
     (238, 226, 214, 255), (120, 96, 80, 255), (255, 255, 255, 255), (90, 60, 40, 255)),
    (SKINCARE, "daylight-fluid-spf50", tube, "Daylight Fluid SPF 50", "Copperbeck Botanicals",
     (250, 212, 90, 255), (230, 120, 40, 255), (255, 255, 255, 255), (120, 60, 10, 255)),
    (PLANTS, "fernhollow-all-purpose-feed", jug, "All-Purpose Liquid Feed", "Fernhollow",
     (70, 140, 80, 255), (235, 200, 60, 255), CREAM, (30, 70, 35, 255)),
    (PLANTS, "potwright-indoor-potting-mix", bag, "Indoor Potting Mix", "Potwright",
     (150, 100, 60, 255), (110, 70, 40, 255), CREAM, (70, 45, 25, 255)),
    (PLANTS, "quillroot-neem-leaf-spray", spray, "Neem Leaf Spray", "Quillroot",
     (120, 170, 90, 255), (60, 70, 60, 255), (255, 255, 255, 255), (40, 70, 30, 255)),
    (PLANTS, "quillroot-yellow-sticky-cards", card, "Yellow Sticky Cards", "Quillroot",
     (245, 215, 40, 255), (90, 90, 60, 255), (255, 255, 255, 255), (60, 60, 20, 255)),
    (PLANTS, "sorrel-stone-cactus-feed", dropper, "Cactus & Succulent Feed", "Sorrel & Stone",
     (200, 120, 90, 255), (70, 80, 70, 255), CREAM, (90, 40, 25, 255)),
]


def texture_swatch(path, colour):
    """A gallery picture: a smear of the product's texture."""
    canvas = canvas_of()
    d = Draw(canvas)
    d.ellipse((140, 260, 660, 560), fill=colour)
    d.ellipse((200, 300, 520, 420), fill=lighter(colour, 0.3))
    d.ellipse((470, 420, 600, 500), fill=lighter(colour, 0.2))
    save_png(finished(canvas), path)


def category_picture(path):
    """The ampoule category: a row of vials, lowest to highest strength."""
    canvas = canvas_of()
    colours = [(190, 220, 200), (150, 196, 150), (236, 150, 40), (122, 64, 38)]
    for i, c in enumerate(colours):
        x = 120 + i * 150
        body = (x, 300, x + 110, 680)
        shadow(canvas, body)
        d = Draw(canvas)
        d.rounded_rectangle(body, radius=40, fill=c + (255,))
        d.polygon([(x + 15, 310), (x + 95, 310), (x + 75, 240), (x + 35, 240)], fill=c + (255,))
        d.rounded_rectangle((x + 30, 150, x + 80, 250), radius=14, fill=(60, 58, 55, 255))
        d.rounded_rectangle((x + 14, 340, x + 30, 650), radius=8, fill=lighter(c))
    save_png(finished(canvas), path)


def guide_picture(path, colours, sky, ground):
    """A wide picture for a guide: containers on a shelf, in order."""
    w, h = 1200, 630
    canvas = canvas_of(w, h, sky)
    d = Draw(canvas)
    for y in range(h):
        t = y / h
        d.line((0, y, w, y), fill=tuple(int(a + (b - a) * t) for a, b in zip(sky, ground)), width=1)
    d.rectangle((0, 470, w, 500), fill=(140, 110, 80))
    for i, c in enumerate(colours):
        x = 150 + i * 190
        height = 200 + (i % 2) * 60
        d.rounded_rectangle((x, 470 - height, x + 110, 470), radius=30, fill=c)
        d.rounded_rectangle((x + 30, 440 - height, x + 80, 480 - height), radius=10, fill=(60, 58, 55))
        d.rounded_rectangle((x + 14, 490 - height, x + 28, 450), radius=6, fill=tuple(min(255, v + 60) for v in c))
    finished(canvas, scale=1).save(path, quality=80, optimize=True, progressive=True)
    print(path)


def repot_picture(path):
    """The repotting guide: a plant in a new, bigger pot."""
    w, h = 1200, 630
    sky, ground = (226, 236, 220), (190, 210, 180)
    canvas = canvas_of(w, h, sky)
    d = Draw(canvas)
    for y in range(h):
        t = y / h
        d.line((0, y, w, y), fill=tuple(int(a + (b - a) * t) for a, b in zip(sky, ground)), width=1)
    d.polygon([(460, 360), (740, 360), (700, 580), (500, 580)], fill=(190, 100, 60))
    d.rectangle((450, 340, 750, 372), fill=(170, 85, 50))
    leaves = [(600, 180), (500, 230), (700, 230), (560, 120), (650, 130)]
    for x, y in leaves:
        d.line((600, 345, x, y), fill=(50, 110, 50), width=8)
    for shade, (x, y) in enumerate(leaves):
        d.ellipse((x - 70, y - 35, x + 70, y + 35), fill=(60 + shade * 10, 140, 70))
    d.polygon([(220, 420), (340, 420), (325, 560), (235, 560)], fill=(210, 140, 100))
    d.ellipse((250, 330, 310, 420), fill=(70, 140, 80))
    finished(canvas, scale=1).save(path, quality=80, optimize=True, progressive=True)
    print(path)


def main():
    for folder, slug, shape, name, brand, glass, cap, paper, ink in PRODUCTS:
        save_png(shape(name, brand, glass, cap, paper, ink), f"{folder}/{slug}.png")
    texture_swatch(f"{SKINCARE}/retinal-night-serum-texture.png", (214, 160, 110, 255))
    category_picture("content/categories/ampoule.png")
    guide_picture(
        "content/guides/ampoules-in-your-routine.jpg",
        [(238, 226, 214), (200, 222, 240), (150, 196, 150), (150, 205, 226), (250, 212, 90)],
        (244, 236, 228),
        (226, 214, 200),
    )
    repot_picture("examples/houseplants/content/guides/when-and-how-to-repot.jpg")


if __name__ == "__main__":
    main()
