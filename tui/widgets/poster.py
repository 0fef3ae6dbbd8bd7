"""A film's poster in the detail pane, decoded off the UI thread.

The poster is read (`tui.store.posters`) and decoded (`tui.widgets.poster_image`,
Pillow, the optional `filmtui[images]` extra) in a thread worker, so that an
enormous or damaged file never stops a keystroke. What was drawn is kept per
film and size: moving back to a film shows its poster at once. A film with no
poster shows nothing; one whose poster cannot be shown says why in one line.

It is drawn in half blocks, or, where `tui.graphics` found a terminal that
draws pictures (Kitty's protocol or Sixel), by a textual-image widget.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from tui import graphics
from tui.safe_text import clean_line
from tui.store.posters import PosterError, read_poster

if TYPE_CHECKING:
    from tui.widgets.poster_image import HalfBlocks, Picture

NEEDS_IMAGES = "Posters need the images extra: pip install 'filmtui[images]'"
_FINISHED = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)
_KEPT = 64
"""Posters drawn in half blocks and kept (a few KB each at pane size)."""
_KEPT_PICTURES = 16
"""Posters decoded for textual-image and kept (some 600 KB each at pane size)."""


@dataclass(frozen=True, slots=True)
class PosterRequest:
    """A film's poster files, to draw in at most `width` × `height` cells."""

    film_id: str
    paths: tuple[Path, ...]
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class Drawn:
    """What a request came to: the picture, or a note on why there is none.

    Neither: the film has no poster.
    """

    picture: HalfBlocks | Picture | None = None
    note: str = ""


def draw(request: PosterRequest, cell: tuple[int, int] | None = None) -> Drawn:
    """Read and decode a poster (in a thread worker: this can take a while).

    In half blocks; or, given the `cell`'s size in pixels, for textual-image.
    """
    try:
        file = read_poster(request.paths)
    except PosterError as error:
        return Drawn(note=f"Poster: {error}")
    if file is None:
        return Drawn()
    try:
        from tui.widgets.poster_image import PosterImageError, decode, picture
    except ImportError:
        return Drawn(note=NEEDS_IMAGES)
    try:
        if cell is not None:
            return Drawn(picture=picture(file.data, request.width, request.height, cell))
        return Drawn(picture=decode(file.data, request.width, request.height))
    except PosterImageError as error:
        return Drawn(note=f"Poster: {file.path.name} {error}")


def first_line(error: BaseException | None) -> str:
    """An error's message, or its kind, in one short line."""
    lines = str(error).splitlines()
    return lines[0][:80] if lines and lines[0] else type(error).__name__


def graphic_widget(protocol: graphics.Protocol) -> Widget:
    """textual-image's widget for `protocol` (imported by `graphics.start`)."""
    from textual_image.widget import SixelImage, TGPImage

    return TGPImage(id="poster-graphic") if protocol == "kitty" else SixelImage(id="poster-graphic")


class Poster(Widget):
    """The highlighted film's poster (in half blocks or a picture), a note, or nothing."""

    DEFAULT_CSS = """
    Poster {
        width: auto;
        height: auto;
        margin-bottom: 1;
        display: none;
        #poster-cells { width: auto; height: auto; }
        #poster-graphic { display: none; }
        &.-note {
            width: 1fr;
            #poster-cells { color: $text-muted; text-style: italic; width: 1fr; }
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.request: PosterRequest | None = None
        """What is shown, or being read and decoded."""
        self.drawn = Drawn()
        """What is shown (nothing while the request is decoded)."""
        self._kept: OrderedDict[PosterRequest, Drawn] = OrderedDict()
        self._film_id: str | None = None
        """The film whose poster (or note) is shown."""
        self._drawing: PosterRequest | None = None
        """What the worker is drawing (one at a time)."""
        self._worker: Worker[Drawn] | None = None
        self._protocol = graphics.protocol()
        self._cell: tuple[int, int] | None = None
        """A terminal cell's size in pixels, when textual-image draws the pictures."""
        if self._protocol is not None:
            from textual_image._terminal import get_cell_size  # asked when imported: cached

            self._cell = (get_cell_size().width, get_cell_size().height)

    def compose(self) -> ComposeResult:
        yield Static(id="poster-cells")
        if self._protocol is not None:
            yield graphic_widget(self._protocol)

    def load(self, request: PosterRequest | None) -> None:
        """Show `request`'s poster: at once if it was drawn before, else soon."""
        if request == self.request:
            return
        self.request = request
        if request is None or not request.paths:
            self._show(Drawn())
            return
        kept = self._kept.get(request)
        if kept is not None:
            self._kept.move_to_end(request)
            self._show(kept)
            return
        if self.drawn.picture is None or self._film_id != request.film_id:
            self._show(Drawn())  # not another film's poster meanwhile; this one's at a new size
        if self._drawing is None:
            self._draw(request)

    def _draw(self, request: PosterRequest) -> None:
        """Draw one poster at a time: running past twenty films with posters
        draws the first and then the one the highlight rests on, not twenty."""
        self._drawing = request
        self._worker = self.run_worker(
            lambda: draw(request, self._cell),
            name="poster",
            group="poster",
            thread=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "poster":
            return
        event.stop()
        if worker is not self._worker or event.state not in _FINISHED or self._drawing is None:
            return
        request, self._drawing, self._worker = self._drawing, None, None
        if event.state is WorkerState.CANCELLED:  # the app is closing
            return
        if event.state is WorkerState.SUCCESS:
            drawn = cast(Drawn, worker.result)
        else:  # not a reason of draw's: a fault of filmtui's own, still one line
            drawn = Drawn(note=f"Poster cannot be shown: {first_line(worker.error)}")
        self._kept[request] = drawn
        while len(self._kept) > (_KEPT if self._cell is None else _KEPT_PICTURES):
            self._kept.popitem(last=False)
        if request == self.request:
            self._show(drawn)
        elif self.request is not None and self.request.paths and self.request not in self._kept:
            self._draw(self.request)

    def _show(self, drawn: Drawn) -> None:
        self.drawn = drawn
        self._film_id = self.request.film_id if self.request is not None else None
        self.set_class(bool(drawn.note), "-note")
        self.display = drawn.picture is not None or bool(drawn.note)
        cells = self.query_one("#poster-cells", Static)
        cells.display = self._cell is None or drawn.picture is None
        if self._cell is not None:
            self._show_graphic(cast("Picture | None", drawn.picture))
        if drawn.picture is not None and cells.display:
            cells.update(cast("HalfBlocks", drawn.picture))
        elif drawn.note:
            cells.update(Content(clean_line(drawn.note)))  # a file's name is the user's text

    def _show_graphic(self, picture: Picture | None) -> None:
        graphic: Any = self.query_one("#poster-graphic")
        graphic.display = picture is not None
        if picture is not None:
            graphic.styles.width, graphic.styles.height = picture.width, picture.height
        graphic.image = None if picture is None else picture.image
