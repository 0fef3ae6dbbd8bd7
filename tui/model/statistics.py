"""The figures of a collection: films per decade, top genres and directors,
ratings, viewings per year and month, and the time spent watching.

Plain Python over films and the user's marks; the statistics screen and
`filmtui stats` both show what `collection_statistics` computes. The films
are counted in C where it can be (`Counter` over `map`); only the films the
user marked are looked at one by one, so a million unmarked films cost
a few hundred milliseconds.

How the watching is counted: a *viewing* is a day the film was logged as
seen (`watches`); a film marked watched with no day logged counts as one
viewing, of no known date. The watching time is the sum, over the viewings,
of the film's runtime: a film seen three times counts three times; the
viewings of films without a runtime are counted apart and add nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from heapq import nlargest
from itertools import chain, compress, islice
from operator import attrgetter

from tui.model.film import Film
from tui.model.marks import MAX_RATING, RATING_STEP, Rating, UserMarks

TOP = 10
CHUNK = 5_000
"""Films counted at a time (see `collection_statistics`)."""
"""How many genres and directors the figures name, most films first."""

RATINGS: tuple[Rating, ...] = tuple(
    int(value) if value.is_integer() else value
    for value in (halves * RATING_STEP for halves in range(1, int(MAX_RATING / RATING_STEP) + 1))
)
"""Every rating a film can have: 0.5, 1, 1.5, … 5."""

Counts = tuple[tuple[str, int], ...]
"""(name, count) pairs, in the order they are shown."""


@dataclass(frozen=True, slots=True)
class Watching:
    """What the user watched among the films."""

    films: int = 0
    """Films watched: marked watched, or with a day logged."""
    viewings: int = 0
    """Days logged, plus one for each film marked watched without a day."""
    undated: int = 0
    """Viewings of no known day (films marked watched, no day logged)."""
    minutes: int = 0
    """The runtime of the films, once per viewing."""
    without_runtime: int = 0
    """Viewings of films whose runtime is unknown: not in `minutes`."""


@dataclass(frozen=True, slots=True)
class Statistics:
    """The figures of some films."""

    films: int = 0
    decades: tuple[tuple[int, int], ...] = ()
    """(first year of the decade, films), oldest first; decades without films left out."""
    year_unknown: int = 0
    genres: Counts = ()
    """The `TOP` genres by films, most first (ties by name)."""
    directors: Counts = ()
    ratings: tuple[tuple[Rating, int], ...] = tuple((rating, 0) for rating in RATINGS)
    """(rating, films) for every rating from 0.5 to 5, even those no film has."""
    unrated: int = 0
    favourites: int = 0
    watchlist: int = 0
    watching: Watching = Watching()
    viewings_by_year: tuple[tuple[int, int], ...] = ()
    """(year, viewings) for each year with a dated viewing, oldest first."""
    viewings_by_month: Counts = ()
    """(`YYYY-MM`, viewings) for each month with a dated viewing, oldest first."""

    @property
    def rated(self) -> int:
        return self.films - self.unrated

    def last_months(self, count: int = 12) -> Counts:
        """The `count` months up to the last one with a viewing, empty months too."""
        if not self.viewings_by_month:
            return ()
        by_month = dict(self.viewings_by_month)
        year, month = map(int, self.viewings_by_month[-1][0].split("-"))
        months: list[tuple[str, int]] = []
        for _ in range(count):
            key = f"{year:04d}-{month:02d}"
            months.append((key, by_month.get(key, 0)))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
            if year < 1:
                break
        return tuple(reversed(months))


@dataclass(frozen=True, slots=True)
class Chart:
    """One figure as bars: a title, (label, count) rows, and rows shown without a bar."""

    title: str
    rows: Counts
    apart: Counts = ()
    """Counts beside the bars, not compared with them: unknown years, films not rated."""


def charts(figures: Statistics) -> tuple[Chart, ...]:
    """The figures as the screen and `filmtui stats` draw them, in that order."""
    return (
        Chart(
            "Films per decade",
            tuple((f"{decade}s", count) for decade, count in figures.decades),
            (("unknown year", figures.year_unknown),) if figures.year_unknown else (),
        ),
        Chart("Top genres", figures.genres),
        Chart("Top directors", figures.directors),
        Chart(
            "Ratings",
            tuple((rating_label(rating), count) for rating, count in figures.ratings),
            (("not rated", figures.unrated),),
        ),
        Chart(
            "Viewings per year",
            tuple((str(year), count) for year, count in figures.viewings_by_year),
        ),
        Chart("Viewings per month (the last 12)", figures.last_months()),
    )


def counted(count: int, thing: str) -> str:
    """`1 film`, `2 films`, `1,000 films`."""
    return f"{count:,} {thing}{'' if count == 1 else 's'}"


def watching_text(figures: Statistics) -> str:
    """`21 h 32 min over 10 viewings of 8 films`: the time spent watching."""
    watching = figures.watching
    return (
        f"{hours_and_minutes(watching.minutes)} over {counted(watching.viewings, 'viewing')} "
        f"of {counted(watching.films, 'film')}"
    )


def watching_note(figures: Statistics) -> str:
    """How `watching_text` counts, and what it leaves out."""
    watching = figures.watching
    text = "Each viewing counts the film's runtime once"
    if watching.undated:
        text += f"; of no known day: {watching.undated:,}"
    if watching.without_runtime:
        text += f"; of a film without a runtime, not counted: {watching.without_runtime:,}"
    return text + "."


def summary_text(figures: Statistics) -> str:
    """`14 films; rated 9, favourites 1, …`: the counts of one line."""
    return (
        f"{counted(figures.films, 'film')}; rated {figures.rated:,}, "
        f"favourites {figures.favourites:,}, on the watchlist {figures.watchlist:,}, "
        f"watched {figures.watching.films:,}"
    )


_year = attrgetter("year")
_id = attrgetter("id")
_genres = attrgetter("genres")
_directors = attrgetter("directors")


def collection_statistics(
    films: Iterable[Film], marks: Mapping[str, UserMarks], top: int = TOP
) -> Statistics:
    """The figures of `films`, with the user's `marks` on them (by film id).

    Marks of films that are not among `films` are not counted.
    """
    years: Counter[int | None] = Counter()
    genres: Counter[str] = Counter()
    directors: Counter[str] = Counter()
    marked: list[Film] = []
    count = 0
    films = iter(films)
    # A chunk at a time: each Counter.update runs in C without letting another
    # thread in, so a million films at once would hold the UI still for a while.
    while chunk := list(islice(films, CHUNK)):
        count += len(chunk)
        years.update(map(_year, chunk))
        genres.update(chain.from_iterable(map(_genres, chunk)))
        directors.update(chain.from_iterable(map(_directors, chunk)))
        marked.extend(compress(chunk, map(marks.__contains__, map(_id, chunk))))
    year_unknown = years.pop(None, 0)
    decades: Counter[int] = Counter()
    for year, films_of_year in years.items():
        assert year is not None
        decades[year - year % 10] += films_of_year
    ratings: Counter[Rating] = Counter()
    by_day: Counter[str] = Counter()
    favourites = watchlist = 0
    watched = undated = minutes = without_runtime = 0
    for film in marked:
        mine = marks[film.id]
        favourites += mine.favourite
        watchlist += mine.watchlist
        if mine.rating:
            ratings[mine.rating] += 1
        if not (mine.watched or mine.watches):
            continue
        watched += 1
        viewings = len(mine.watches) or 1
        undated += not mine.watches
        by_day.update(mine.watches)
        if film.runtime:
            minutes += film.runtime * viewings
        else:
            without_runtime += viewings
    by_month: Counter[str] = Counter()
    for day, viewings in by_day.items():
        by_month[day[:7]] += viewings
    by_year: Counter[int] = Counter()
    for month, viewings in by_month.items():
        by_year[int(month[:4])] += viewings
    return Statistics(
        films=count,
        decades=tuple(sorted(decades.items())),
        year_unknown=year_unknown,
        genres=_top(genres, top),
        directors=_top(directors, top),
        ratings=tuple((rating, ratings[rating]) for rating in RATINGS),
        unrated=count - sum(ratings.values()),
        favourites=favourites,
        watchlist=watchlist,
        watching=Watching(
            films=watched,
            viewings=sum(by_day.values()) + undated,
            undated=undated,
            minutes=minutes,
            without_runtime=without_runtime,
        ),
        viewings_by_year=tuple(sorted(by_year.items())),
        viewings_by_month=tuple(sorted(by_month.items())),
    )


def _top(counts: Counter[str], top: int) -> Counts:
    """The `top` most frequent names, most first; ties in the order of their folded name."""
    if top <= 0 or not counts:
        return ()
    # Only the names as frequent as the `top`-th are sorted: a million films may
    # have half a million directors, most of them with one film.
    least = nlargest(top, counts.values())[-1]
    ranked = sorted(
        ((name, count) for name, count in counts.items() if count >= least),
        key=lambda item: (-item[1], item[0].casefold(), item[0]),
    )
    return tuple(ranked[:top])


_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(count: int, most: int, width: int) -> str:
    """A bar of block characters, `width` cells for `most`, in eighths of a cell.

    Any count above 0 shows at least an eighth, so a bar never hides a film.
    """
    if count <= 0 or most <= 0 or width <= 0:
        return ""
    eighths = max(1, round(8 * width * min(count, most) / most))
    whole, part = divmod(eighths, 8)
    return "█" * whole + (_EIGHTHS[part] if part else "")


def rating_label(rating: Rating) -> str:
    """`★★★★½ 4.5`: a rating as stars and as a number."""
    return f"{UserMarks(rating=rating).stars} {rating:g}"


def hours_and_minutes(minutes: int) -> str:
    """`2,345 h 05 min`, `45 min`: a watching time as people say it."""
    hours, rest = divmod(minutes, 60)
    return f"{hours:,} h {rest:02d} min" if hours else f"{rest} min"
