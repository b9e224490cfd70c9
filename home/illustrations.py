"""Illustrations for the demo content, drawn here with Pillow (nothing is downloaded).

A scene is a small town in the KERN palette: a sky in a gradient of the page's accent
colour, soft circles, a data network arcing over a skyline with lit windows and trees,
and a round badge with a pictogram of the subject (a bus for mobility, a lightning bolt
for energy, speech bubbles for participation, ...). A cover is a publication's front
page: a coloured band with the kind and title in Fira Sans (KERN's typeface, from its npm
package), a scene below and the publisher at the foot. The seed varies the composition,
so that thirty solutions do not look alike, and keeps each picture the same on every run.

The demo loaders call :func:`demo_image`, which stores the picture as a Wagtail image
once (looked up by its title) and sets its focal point on the badge.
"""

from __future__ import annotations

import functools
import io
import itertools
import math
import random
import zlib
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model

# KERN's colours (sRGB approximations of its OKLCH tokens) and the text colour.
KERN_BLUE = "#2044aa"
KERN_NAVY = "#131525"
KERN_SURFACE = "#f3f4f7"
WHITE = "#ffffff"
SCALE = 2  # drawn at twice the size and scaled down: smooth edges without anti-aliasing
FONT_DIR = Path(settings.BASE_DIR) / "node_modules" / "@kern-ux" / "native" / "dist" / "fonts"


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16))


def _mix(colour: str, other: str, share: float) -> tuple[int, int, int]:
    """`colour` moved `share` of the way towards `other`."""
    a, b = _rgb(colour), _rgb(other)
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=True))


def _vivid(accent: str) -> str:
    """The accent, or KERN's blue for a grey one: pictures should not look like grey boxes."""
    red, green, blue = _rgb(accent)
    return KERN_BLUE if max(red, green, blue) - min(red, green, blue) < 40 else accent


def _font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = "FiraSans-Bold.woff2" if bold else "FiraSans-Book.woff2"
    try:
        return ImageFont.truetype(str(FONT_DIR / "fira-sans" / name), size)
    except OSError:  # a checkout without the npm packages: Pillow's own font
        return ImageFont.load_default(size)


# Pictograms: white shapes inside a badge of radius r centred on (x, y). ----------------

Pictogram = Callable[[ImageDraw.ImageDraw, float, float, float, str], None]


def _bus(d: ImageDraw.ImageDraw, x: float, y: float, r: float, bg: str) -> None:
    d.rounded_rectangle((x - .55 * r, y - .5 * r, x + .55 * r, y + .4 * r), .12 * r, fill=WHITE)
    d.rectangle((x - .42 * r, y - .35 * r, x + .42 * r, y - .02 * r), fill=bg)
    for wheel in (-.3, .3):
        d.ellipse((x + wheel * r - .12 * r, y + .32 * r, x + wheel * r + .12 * r, y + .56 * r),
                  fill=WHITE, outline=bg, width=int(.05 * r))


def _bolt(d: ImageDraw.ImageDraw, x: float, y: float, r: float, bg: str) -> None:
    d.polygon([(x + .1 * r, y - .62 * r), (x - .35 * r, y + .08 * r), (x - .02 * r, y + .08 * r),
               (x - .12 * r, y + .62 * r), (x + .35 * r, y - .1 * r), (x + .02 * r, y - .1 * r)],
              fill=WHITE)


def _speech(d: ImageDraw.ImageDraw, x: float, y: float, r: float, bg: str) -> None:
    d.rounded_rectangle((x - .6 * r, y - .5 * r, x + .15 * r, y), .12 * r, fill=WHITE)
    d.polygon([(x - .45 * r, y - .02 * r), (x - .45 * r, y + .2 * r), (x - .25 * r, y)], fill=WHITE)
    d.rounded_rectangle((x - .1 * r, y - .12 * r, x + .6 * r, y + .38 * r), .12 * r,
                        fill=_mix(bg, WHITE, .55))
    d.polygon([(x + .42 * r, y + .36 * r), (x + .45 * r, y + .56 * r), (x + .25 * r, y + .36 * r)],
              fill=_mix(bg, WHITE, .55))


def _town_hall(d: ImageDraw.ImageDraw, x: float, y: float, r: float, bg: str) -> None:
    d.polygon([(x - .6 * r, y - .2 * r), (x, y - .6 * r), (x + .6 * r, y - .2 * r)], fill=WHITE)
    for column in (-.42, -.14, .14, .42):
        d.rectangle((x + column * r - .07 * r, y - .12 * r, x + column * r + .07 * r, y + .35 * r),
                    fill=WHITE)
    d.rectangle((x - .62 * r, y + .4 * r, x + .62 * r, y + .52 * r), fill=WHITE)


def _rain(d: ImageDraw.ImageDraw, x: float, y: float, r: float, bg: str) -> None:
    d.pieslice((x - .62 * r, y - .55 * r, x + .62 * r, y + .25 * r), 180, 360, fill=WHITE)
    d.line((x, y - .15 * r, x, y + .42 * r), fill=WHITE, width=int(.09 * r))
    d.arc((x - .2 * r, y + .28 * r, x + .02 * r, y + .52 * r), 0, 180, fill=WHITE,
          width=int(.09 * r))
    for drop in (-.45, .45):
        d.ellipse((x + drop * r - .06 * r, y + .3 * r, x + drop * r + .06 * r, y + .44 * r),
                  fill=WHITE)


def _network(d: ImageDraw.ImageDraw, x: float, y: float, r: float, bg: str) -> None:
    nodes = [(x, y - .45 * r), (x - .45 * r, y + .05 * r), (x + .45 * r, y + .05 * r),
             (x - .15 * r, y + .45 * r), (x + .25 * r, y + .42 * r)]
    for a, b in ((0, 1), (0, 2), (1, 3), (2, 4), (3, 4), (1, 2), (0, 3)):
        d.line((*nodes[a], *nodes[b]), fill=WHITE, width=int(.06 * r))
    for nx, ny in nodes:
        d.ellipse((nx - .11 * r, ny - .11 * r, nx + .11 * r, ny + .11 * r), fill=WHITE)


def _book(d: ImageDraw.ImageDraw, x: float, y: float, r: float, bg: str) -> None:
    d.polygon([(x, y - .3 * r), (x - .6 * r, y - .45 * r), (x - .6 * r, y + .4 * r),
               (x, y + .52 * r)], fill=WHITE)
    d.polygon([(x, y - .3 * r), (x + .6 * r, y - .45 * r), (x + .6 * r, y + .4 * r),
               (x, y + .52 * r)], fill=_mix(bg, WHITE, .7))
    for line in (-.15, .05, .25):
        d.line((x - .48 * r, y + (line - .05) * r, x - .1 * r, y + line * r), fill=bg,
               width=int(.04 * r))


def _heart(d: ImageDraw.ImageDraw, x: float, y: float, r: float, bg: str) -> None:
    d.ellipse((x - .58 * r, y - .5 * r, x + .02 * r, y + .08 * r), fill=WHITE)
    d.ellipse((x - .02 * r, y - .5 * r, x + .58 * r, y + .08 * r), fill=WHITE)
    d.polygon([(x - .55 * r, y - .05 * r), (x + .55 * r, y - .05 * r), (x, y + .55 * r)],
              fill=WHITE)
    d.line([(x - .45 * r, y - .08 * r), (x - .18 * r, y - .08 * r), (x - .08 * r, y - .3 * r),
            (x + .06 * r, y + .12 * r), (x + .16 * r, y - .08 * r), (x + .45 * r, y - .08 * r)],
           fill=bg, width=int(.07 * r), joint="curve")


def _shop(d: ImageDraw.ImageDraw, x: float, y: float, r: float, bg: str) -> None:
    d.rectangle((x - .5 * r, y - .1 * r, x + .5 * r, y + .5 * r), fill=WHITE)
    for stripe in range(5):
        left = x - .6 * r + stripe * .24 * r
        d.pieslice((left, y - .28 * r, left + .24 * r, y + .02 * r), 0, 180,
                   fill=WHITE if stripe % 2 else _mix(bg, WHITE, .55))
        d.rectangle((left, y - .5 * r, left + .24 * r, y - .13 * r),
                    fill=WHITE if stripe % 2 else _mix(bg, WHITE, .55))
    d.rectangle((x - .12 * r, y + .15 * r, x + .12 * r, y + .5 * r), fill=bg)


def _cycle(d: ImageDraw.ImageDraw, x: float, y: float, r: float, bg: str) -> None:
    box = (x - .5 * r, y - .5 * r, x + .5 * r, y + .5 * r)
    d.arc(box, 200, 340, fill=WHITE, width=int(.12 * r))
    d.arc(box, 20, 160, fill=WHITE, width=int(.12 * r))
    for angle in (340, 160):
        a = math.radians(angle)
        tip_x, tip_y = x + .5 * r * math.cos(a), y + .5 * r * math.sin(a)
        d.regular_polygon((tip_x, tip_y, .16 * r), 3, rotation=-angle + 90, fill=WHITE)


def _calendar(d: ImageDraw.ImageDraw, x: float, y: float, r: float, bg: str) -> None:
    d.rounded_rectangle((x - .55 * r, y - .45 * r, x + .55 * r, y + .5 * r), .1 * r, fill=WHITE)
    d.rectangle((x - .55 * r, y - .3 * r, x + .55 * r, y - .15 * r), fill=_mix(bg, WHITE, .4))
    for row in range(2):
        for col in range(3):
            cx, cy = x + (col - 1) * .3 * r, y + (.05 + row * .25) * r
            d.rectangle((cx - .08 * r, cy - .07 * r, cx + .08 * r, cy + .07 * r), fill=bg)
    for ring in (-.28, .28):
        d.rounded_rectangle((x + ring * r - .05 * r, y - .6 * r, x + ring * r + .05 * r,
                             y - .35 * r), .03 * r, fill=WHITE)


def _people(d: ImageDraw.ImageDraw, x: float, y: float, r: float, bg: str) -> None:
    for offset, size, shade in ((-.38, .8, .45), (.38, .8, .45), (0, 1, 0)):
        px, s = x + offset * r, size * r
        colour = WHITE if shade == 0 else _mix(bg, WHITE, 1 - shade)
        d.ellipse((px - .15 * s, y - .42 * s, px + .15 * s, y - .12 * s), fill=colour)
        d.pieslice((px - .3 * s, y - .02 * s, px + .3 * s, y + .58 * s), 180, 360, fill=colour)


PICTOGRAMS: dict[str, Pictogram] = {
    "mobility": _bus, "energy": _bolt, "participation": _speech,
    "administration": _town_hall, "climate": _rain, "data": _network,
    "education": _book, "health": _heart, "retail": _shop, "change": _cycle,
    "calendar": _calendar, "people": _people,
}


# Scenes ------------------------------------------------------------------------------


def _gradient(size: tuple[int, int], top: tuple[int, ...], bottom: tuple[int, ...]) -> Image.Image:
    # Line by line: ten times faster than scaling a one-pixel column up.
    image = Image.new("RGB", size)
    d = ImageDraw.Draw(image)
    for row in range(size[1]):
        share = row / max(size[1] - 1, 1)
        d.line((0, row, size[0], row),
               fill=tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True)))
    return image


def _skyline(d: ImageDraw.ImageDraw, rnd: random.Random, box: tuple[float, float, float, float],
             accent: str) -> None:
    """Houses and towers along the bottom of `box`, with lit windows and trees."""
    left, top, right, bottom = box
    x = left - rnd.uniform(0, 40) * SCALE
    far, near = _mix(accent, WHITE, .55), _mix(accent, KERN_NAVY, .35)
    for layer, colour in ((0, far), (1, near)):
        x = left - rnd.uniform(0, 60) * SCALE
        while x < right:
            width = rnd.uniform(60, 150) * SCALE
            height = (bottom - top) * rnd.uniform(.3, .95 if layer == 0 else .7)
            roof = bottom - height
            d.rectangle((x, roof, x + width, bottom), fill=colour)
            if rnd.random() < .35:
                d.polygon([(x - 4 * SCALE, roof), (x + width / 2, roof - width * .35),
                           (x + width + 4 * SCALE, roof)], fill=colour)
            if layer == 1:
                for wy in range(int(roof + 14 * SCALE), int(bottom - 20 * SCALE), 26 * SCALE):
                    for wx in range(int(x + 12 * SCALE), int(x + width - 20 * SCALE), 24 * SCALE):
                        lit = rnd.random() < .55
                        d.rectangle((wx, wy, wx + 10 * SCALE, wy + 13 * SCALE),
                                    fill="#ffe9a8" if lit else _mix(accent, KERN_NAVY, .15))
            x += width + rnd.uniform(4, 30) * SCALE
            if layer == 1 and rnd.random() < .4:
                trunk = x - rnd.uniform(0, 4) * SCALE
                d.rectangle((trunk, bottom - 40 * SCALE, trunk + 6 * SCALE, bottom), fill=near)
                d.ellipse((trunk - 22 * SCALE, bottom - 86 * SCALE, trunk + 28 * SCALE,
                           bottom - 34 * SCALE), fill=_mix("#2e6b30", WHITE, .15))
                x += 30 * SCALE


def _network_arc(d: ImageDraw.ImageDraw, rnd: random.Random, width: float, height: float) -> None:
    """Connected dots over the skyline: the sensors and data of a smart city."""
    points = [(width * (i + rnd.uniform(.1, .9)) / 7,
               height * rnd.uniform(.12, .42)) for i in range(7)]
    for a, b in itertools.pairwise(points):
        d.line((*a, *b), fill=(255, 255, 255, 150), width=3 * SCALE)
    for px, py in points:
        radius = rnd.uniform(6, 11) * SCALE
        d.ellipse((px - radius, py - radius, px + radius, py + radius), fill=WHITE,
                  outline=KERN_BLUE, width=3 * SCALE)


def draw_scene(motif: str, accent: str, seed: int,
               size: tuple[int, int] = (1600, 900)) -> tuple[Image.Image, tuple[int, int]]:
    """A scene and the centre of its badge (the focal point), in final pixels."""
    rnd = random.Random(seed)
    accent = _vivid(accent)
    width, height = size[0] * SCALE, size[1] * SCALE
    image = _gradient((width, height), _mix(accent, WHITE, .72), _mix(KERN_SURFACE, WHITE, .4))
    d = ImageDraw.Draw(image, "RGBA")
    for _circle in range(3):
        cx, cy = rnd.uniform(0, width), rnd.uniform(0, height * .6)
        radius = rnd.uniform(.15, .32) * height
        d.ellipse((cx - radius, cy - radius, cx + radius, cy + radius),
                  fill=(*_mix(accent, WHITE, rnd.uniform(.35, .6)), 90))
    _network_arc(d, rnd, width, height)
    _skyline(d, rnd, (0, height * .42, width, height * .9), accent)
    d.rectangle((0, height * .9, width, height), fill=_mix(accent, KERN_NAVY, .55))
    # The badge sits left or right of centre, over the skyline.
    bx = width * rnd.choice((.28, .36, .64, .72))
    by, radius = height * .42, height * .2
    d.ellipse((bx - radius * 1.12, by - radius * 1.12, bx + radius * 1.12, by + radius * 1.12),
              fill=(255, 255, 255, 230))
    d.ellipse((bx - radius, by - radius, bx + radius, by + radius), fill=accent)
    PICTOGRAMS.get(motif, _network)(d, bx, by, radius, accent)
    final = image.reduce(SCALE)  # 2x2 pixels averaged: smooth edges, and fast
    return final, (round(bx / SCALE), round(by / SCALE))


def _wrap(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(trial) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def draw_cover(title: str, kind: str, publisher: str, motif: str, accent: str, seed: int,
               size: tuple[int, int] = (1000, 1400)) -> Image.Image:
    """A publication's front page: kind and title on a coloured band, a scene, the
    publisher at the foot."""
    width, height = size
    accent = _vivid(accent)
    cover = Image.new("RGB", size, WHITE)
    band = int(height * .42)
    d = ImageDraw.Draw(cover)
    d.rectangle((0, 0, width, band), fill=accent)
    d.rectangle((0, band, width, band + 14), fill=KERN_BLUE)
    margin = int(width * .08)
    d.text((margin, margin), kind.upper(), font=_font(38), fill=_mix(accent, WHITE, .75))
    title_font = _font(68)
    y = margin + 80
    for line in _wrap(title, title_font, width - 2 * margin)[:5]:
        d.text((margin, y), line, font=title_font, fill=WHITE)
        y += 84
    scene, _focus = draw_scene(motif, accent, seed, (width, height - band - 14 - 130))
    cover.paste(scene, (0, band + 14))
    d.rectangle((0, height - 130, width, height), fill=KERN_SURFACE)
    foot = _font(34, bold=False)
    for number, line in enumerate(_wrap(publisher, foot, width - 2 * margin)[:2]):
        d.text((margin, height - 112 + number * 44), line, font=foot, fill=KERN_NAVY)
    return cover


def store_image(title: str, picture: Image.Image, focus: tuple[int, int] | None = None):
    """The Wagtail image with this title, saved from `picture` when it is missing."""
    return store_png(title, _png(picture), picture.height, focus)


def store_png(title: str, png: bytes, height: int, focus: tuple[int, int] | None = None):
    """The Wagtail image with this title, saved from the PNG `png` (`height` pixels high)
    when it is missing."""
    model = get_image_model()
    existing = model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    slug = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")[:60]
    image = model(title=title, file=ImageFile(io.BytesIO(png), name=f"{slug}.png"))
    if focus is not None:
        image.focal_point_x, image.focal_point_y = focus
        image.focal_point_width = image.focal_point_height = round(height * .45)
    image.save()
    return image


def _png(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


@functools.lru_cache(maxsize=256)
def scene_png(motif: str, accent: str, seed: int) -> tuple[bytes, int, tuple[int, int]]:
    """A scene drawn and encoded once per process (PNG, height, focal point): drawing and
    encoding take a tenth of a demo load, and a test worker loads the demo many times."""
    picture, focus = draw_scene(motif, accent, seed)
    return _png(picture), picture.height, focus


# What each pictogram shows, for the alternative text (German, English).
MOTIF_NAMES = {
    "mobility": ("ein Bus", "a bus"), "energy": ("ein Blitz", "a lightning bolt"),
    "participation": ("zwei Sprechblasen", "two speech bubbles"),
    "administration": ("ein Rathaus", "a town hall"),
    "climate": ("ein Regenschirm im Regen", "an umbrella in the rain"),
    "data": ("ein Netz verbundener Punkte", "a network of connected points"),
    "education": ("ein aufgeschlagenes Buch", "an open book"),
    "health": ("ein Herz mit Pulslinie", "a heart with a pulse line"),
    "retail": ("ein Laden mit Markise", "a shop with an awning"),
    "change": ("zwei Pfeile im Kreis", "two arrows in a circle"),
    "calendar": ("ein Kalender", "a calendar"), "people": ("drei Personen", "three people"),
}


def scene_alt(motif: str, subject: tuple[str, str] | None = None) -> dict[str, str]:
    """The alternative text of a scene in German and English, naming its subject."""
    german, english = MOTIF_NAMES.get(motif, MOTIF_NAMES["data"])
    if subject:
        return {
            "de": f"Illustration zum Thema {subject[0]}: {german} über einer Stadtsilhouette "
                  "mit erleuchteten Fenstern",
            "en": f"Illustration on {subject[1].lower()}: {english} above a city skyline "
                  "with lit windows",
        }
    return {"de": f"Illustration: {german} über einer Stadtsilhouette mit erleuchteten Fenstern",
            "en": f"Illustration: {english} above a city skyline with lit windows"}


def seed_of(key: str) -> int:
    """A seed that stays the same on every run (hash() of a str does not)."""
    return zlib.crc32(key.encode())


def demo_image(title: str, motif: str, accent: str):
    """A demo scene stored as a Wagtail image, its focal point on the badge."""
    model = get_image_model()
    existing = model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    png, height, focus = scene_png(motif, accent, seed_of(title))
    return store_png(title, png, height, focus)


def demo_cover(title: str, kind: str, publisher: str, motif: str, accent: str):
    """A demo publication's cover stored as a Wagtail image."""
    model = get_image_model()
    existing = model.objects.filter(title=f"Cover: {title}").first()
    if existing is not None:
        return existing
    cover = draw_cover(title, kind, publisher, motif, accent, seed_of(title))
    return store_image(f"Cover: {title}", cover, (cover.width // 2, cover.height // 3))
