"""A film's poster in the detail pane, decoded off the UI thread.

The poster is read (`tui.store.posters`) and decoded (`tui.widgets.poster_image`,
Pillow, the optional `filmtui[images]` extra) in a thread worker, so that an
enormous or damaged file never stops a keystroke. What was drawn is kept per
film and size: moving back to a film shows its poster at once. A film with no
poster shows nothing; one whose poster cannot be shown says why in one line.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.content import Content
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from tui.store.posters import PosterError, read_poster

if TYPE_CHECKING:
    from tui.widgets.poster_image import HalfBlocks

NEEDS_IMAGES = "Posters need the images extra: pip install 'filmtui[images]'"
_KEPT = 64
"""Posters drawn and kept (a few KB each at pane size)."""


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

    picture: HalfBlocks | None = None
    note: str = ""


def draw(request: PosterRequest) -> Drawn:
    """Read and decode a poster (in a thread worker: this can take a while)."""
    try:
        file = read_poster(request.paths)
    except PosterError as error:
        return Drawn(note=f"Poster: {error}")
    if file is None:
        return Drawn()
    try:
        from tui.widgets.poster_image import PosterImageError, decode
    except ImportError:
        return Drawn(note=NEEDS_IMAGES)
    try:
        return Drawn(picture=decode(file.data, request.width, request.height))
    except PosterImageError as error:
        return Drawn(note=f"Poster: {file.path.name} {error}")


class Poster(Static):
    """The highlighted film's poster in half blocks, a one-line note, or nothing."""

    DEFAULT_CSS = """
    Poster {
        width: auto;
        height: auto;
        margin-bottom: 1;
        display: none;
        &.-note { color: $text-muted; text-style: italic; width: 1fr; }
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
        self.run_worker(
            lambda: (request, draw(request)),
            name="poster",
            group="poster",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "poster":
            return
        event.stop()
        if event.state is not WorkerState.SUCCESS:
            return
        request, drawn = cast(tuple[PosterRequest, Drawn], event.worker.result)
        self._kept[request] = drawn
        while len(self._kept) > _KEPT:
            self._kept.popitem(last=False)
        if request == self.request:
            self._show(drawn)

    def _show(self, drawn: Drawn) -> None:
        self.drawn = drawn
        self._film_id = self.request.film_id if self.request is not None else None
        self.set_class(bool(drawn.note), "-note")
        self.display = drawn.picture is not None or bool(drawn.note)
        if drawn.picture is not None:
            self.update(drawn.picture)
        elif drawn.note:
            self.update(Content(drawn.note))
