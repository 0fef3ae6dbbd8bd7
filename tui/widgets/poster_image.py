"""A poster decoded with Pillow and drawn in half blocks: two pixels to a cell.

Imported only when a film's poster is about to be shown (Pillow is the
optional `filmtui[images]` extra and costs some 50 ms to import), and only
from a thread worker: decoding a big JPEG takes milliseconds to seconds.
A cell is `▀` in the colour of its upper pixel over the background of its
lower one, which every terminal shows (and `filmtui serve`'s browser too).
In a terminal with graphics (`tui.graphics`) the poster is instead scaled to
the pane's pixels, for textual-image to draw: `picture`.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, UnidentifiedImageError
from rich.color import Color
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style

from tui.widgets.poster import first_line

MAX_PIXELS = 40_000_000
"""An image of more pixels (8000×5000) is refused before it is decoded."""
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
"""What Pillow may read a poster as: the common formats, and no others' decoders."""
_OPAQUE = 128  # alpha from which a pixel is drawn; below it the pane shows through

# We check the size ourselves (MAX_PIXELS, a clear note); Pillow's own warning
# about big images would only reach stderr, under the terminal UI.
warnings.simplefilter("ignore", Image.DecompressionBombWarning)

Pixel = tuple[int, int, int, int]


class PosterImageError(Exception):
    """An image that cannot be shown; the message ends a sentence naming the file."""


@dataclass(frozen=True, slots=True)
class HalfBlocks:
    """A picture of `rows` of cells, as a Rich renderable (fixed size, no wrapping)."""

    rows: tuple[tuple[Segment, ...], ...]
    width: int

    @property
    def height(self) -> int:
        return len(self.rows)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        line = Segment.line()
        for row in self.rows:
            yield from row
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)


@dataclass(frozen=True, slots=True)
class Picture:
    """A decoded image for textual-image to draw in `width` × `height` cells."""

    image: Image.Image
    width: int
    height: int


def decode(data: bytes, width: int, height: int) -> HalfBlocks:
    """The image in `data` in half blocks, scaled to fit `width` cells by `height`."""
    return half_blocks(scaled(data, (max(1, width), max(2, height * 2))))


def picture(data: bytes, width: int, height: int, cell: tuple[int, int]) -> Picture:
    """The image in `data` scaled to fit `width` cells by `height` of `cell` pixels."""
    box = (max(1, width * cell[0]), max(1, height * cell[1]))
    image = scaled(data, box)  # never more pixels than the cells hold
    # A small image fills the cells too, as in half blocks: textual-image enlarges it.
    scale = min(box[0] / image.width, box[1] / image.height)
    columns = max(1, min(width, round(image.width * scale / cell[0])))
    return Picture(image, columns, max(1, min(height, round(image.height * scale / cell[1]))))


def scaled(data: bytes, box: tuple[int, int]) -> Image.Image:
    """The image in `data`, RGBA, scaled to fit `box` pixels (aspect kept).

    Raises `PosterImageError` for what is not an image of `FORMATS`, is damaged
    or has more than `MAX_PIXELS` pixels.
    """
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as image:
            if image.width * image.height > MAX_PIXELS:
                raise PosterImageError(
                    f"is {image.width}×{image.height} pixels, more than filmtui shows"
                )
            image.draft("RGB", box)  # a JPEG decodes at 1/2 to 1/8 of its size: faster
            image.thumbnail(box)
            return image.convert("RGBA")
    except PosterImageError:
        raise
    except UnidentifiedImageError:
        raise PosterImageError("is not an image filmtui reads (JPEG, PNG, WebP, GIF)") from None
    except Image.DecompressionBombError:
        raise PosterImageError("has more pixels than filmtui shows") from None
    except Exception as error:  # a damaged file can fail anywhere in a decoder
        raise PosterImageError(f"is damaged ({first_line(error)})") from None


def half_blocks(image: Image.Image) -> HalfBlocks:
    """An RGBA image as cells of two pixels each, upper over lower."""
    width, height = image.size
    channels = iter(image.tobytes())
    pixels: list[Pixel] = list(zip(channels, channels, channels, channels, strict=True))
    rows = []
    for top in range(0, height, 2):
        upper = pixels[top * width : (top + 1) * width]
        lower = pixels[(top + 1) * width : (top + 2) * width] if top + 1 < height else []
        row = [_cell(pixel, lower[x] if lower else None) for x, pixel in enumerate(upper)]
        rows.append(tuple(Segment.simplify(row)))
    return HalfBlocks(tuple(rows), width)


def _cell(upper: Pixel, lower: Pixel | None) -> Segment:
    shown_upper = upper[3] >= _OPAQUE
    shown_lower = lower is not None and lower[3] >= _OPAQUE
    if shown_upper and shown_lower:
        return Segment("▀", _style(upper[:3], lower[:3]))  # type: ignore[index]
    if shown_upper:
        return Segment("▀", _style(upper[:3], None))
    if shown_lower:
        return Segment("▄", _style(lower[:3], None))  # type: ignore[index]
    return Segment(" ")


@lru_cache(maxsize=4096)
def _style(colour: tuple[int, ...], background: tuple[int, ...] | None) -> Style:
    return Style(
        color=Color.from_rgb(*colour),
        bgcolor=None if background is None else Color.from_rgb(*background),
    )
