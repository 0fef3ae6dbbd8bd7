"""A seeded, realistic synthetic film catalog in the public TinyDB layout.

    python -m benchmarks.generate N PATH [--seed S]

writes `{"films": {"1": {"id", "title", "year", "description", "fact"}, ...}}`
with N films: titles made from a few hundred words in English, with some
French/Spanish/German accents and some Cyrillic; years 1900 to 2025; two to four
sentences of description and one or two of fact (about 350 bytes a film, as a
real catalog); ids are slugs of title and year, made unique. The same N and
seed always give the same file.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from tui.model.film import slugify

DEFAULT_SEED = 5
CACHE_DIR = Path("/tmp/filmtui-bench")

ADJECTIVES = (
    "Silent",
    "Last",
    "Red",
    "Broken",
    "Distant",
    "Golden",
    "Hidden",
    "Lost",
    "Dark",
    "Endless",
    "Frozen",
    "Burning",
    "Quiet",
    "Wild",
    "Crimson",
    "Blue",
    "Strange",
    "Little",
    "Great",
    "Long",
    "Cold",
    "Bright",
    "Secret",
    "Final",
    "Forgotten",
    "Iron",
    "Velvet",
    "Hollow",
    "Sweet",
    "Bitter",
    "Electric",
    "Midnight",
    "Northern",
    "Eternal",
    "Savage",
    "Gentle",
    "Restless",
    "Invisible",
    "Starry",
    "Stellar",
)
NOUNS = (
    "Star",
    "River",
    "City",
    "Night",
    "Summer",
    "Winter",
    "Road",
    "House",
    "Garden",
    "Sea",
    "Mountain",
    "Station",
    "Orbit",
    "Planet",
    "Signal",
    "Mirror",
    "Shadow",
    "Island",
    "Train",
    "Window",
    "Letter",
    "Storm",
    "Dream",
    "Heart",
    "Voyage",
    "Empire",
    "Machine",
    "Kingdom",
    "Harbour",
    "Desert",
    "Forest",
    "Tower",
    "Frontier",
    "Comet",
    "Moon",
    "Sun",
    "Stranger",
    "Witness",
    "Detective",
    "Dancer",
    "Soldier",
    "Pilot",
    "Queen",
    "Doctor",
    "Thief",
    "Prophet",
    "Starship",
    "Stardust",
    "Starlight",
    "Spaceship",
    "Lighthouse",
    "Carnival",
    "Labyrinth",
    "Requiem",
)
PLACES = (
    "Venus",
    "Mars",
    "Paris",
    "Moscow",
    "Berlin",
    "Tokyo",
    "Rome",
    "Cairo",
    "Lisbon",
    "the North",
    "the Valley",
    "the Abyss",
    "Atlantis",
    "Alpha Centauri",
    "the Moon",
    "Saturn",
    "Vienna",
    "Istanbul",
    "Havana",
    "Kyiv",
    "Prague",
    "Warsaw",
    "Solaris",
)
NAMES = (
    "Anna",
    "Ivan",
    "Marie",
    "Pierre",
    "Elena",
    "Hans",
    "Sofia",
    "Luis",
    "Akira",
    "Nadia",
    "Tomás",
    "Zoë",
    "Björn",
    "Chloé",
    "Mikhail",
    "Olga",
    "Jean-Luc",
    "Inés",
)
ACCENTED = (
    "Café",
    "Amélie",
    "Niño",
    "Müller",
    "Château",
    "Señor",
    "Été",
    "Crème",
    "Fräulein",
    "Déjà Vu",
    "Mañana",
    "Façade",
    "Über",
    "Noël",
    "Garçon",
    "Naïve",
    "Résumé",
    "Señorita",
)
CYRILLIC = (
    "Солярис",
    "Звезда",
    "Сталкер",
    "Луна",
    "Москва",
    "Зеркало",
    "Небо",
    "Ночь",
    "Весна",
    "Дорога",
    "Путь",
    "Планета",
    "Туманность",
    "Космос",
    "Берег",
    "Остров",
    "Сон",
)
GENRES = (
    "drama",
    "comedy",
    "science-fiction adventure",
    "thriller",
    "western",
    "musical",
    "documentary",
    "romance",
    "war film",
    "horror story",
    "animated feature",
    "mystery",
    "road movie",
    "space opera",
    "satire",
    "family saga",
)
PEOPLE = (
    "a young cosmonaut",
    "an ageing detective",
    "two estranged sisters",
    "a retired pilot",
    "a small-town teacher",
    "a crew of engineers",
    "a travelling circus",
    "a lonely robot",
    "a famous violinist",
    "a stubborn farmer",
    "a group of students",
    "a disgraced doctor",
    "a border guard",
    "an exiled poet",
    "a ship's captain",
    "a chess prodigy",
)
GOALS = (
    "searches for a lost signal from deep space",
    "tries to save the family vineyard",
    "uncovers a conspiracy at the observatory",
    "must deliver a letter across a frozen continent",
    "falls in love during the last summer before the war",
    "builds a rocket from scrap metal",
    "investigates a string of impossible thefts",
    "returns home after twenty years at sea",
    "tries to reach the edge of the solar system",
    "hides a stranger from the secret police",
)
TWISTS = (
    "Nothing goes to plan.",
    "The journey changes everyone who takes it.",
    "Old secrets surface on the way.",
    "A storm strands them far from help.",
    "The truth turns out to be stranger than the legend.",
    "Time itself begins to behave oddly.",
    "Friendship is tested at every turn.",
    "The ending remains one of the most debated in cinema.",
)
FACTS = (
    "The production took {n} years to complete.",
    "It was filmed on location in {place}.",
    "The score was recorded in a single night.",
    "Only {n} prints survived into the twenty-first century.",
    "The lead actor performed all of the stunts.",
    "It was banned for {n} years before its first public screening.",
    "The special effects used miniatures built from household objects.",
    "Critics ignored it on release; it is now considered a classic.",
    "The director cast non-professional actors from {place}.",
    "A restored version premiered at a festival in {place}.",
)


def _a(word: str, capital: bool = False) -> str:
    article = "an" if word[0].lower() in "aeiou" else "a"
    return f"{article.capitalize() if capital else article} {word}"


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "ch", "sh")):
        return noun + "es"
    if noun.endswith("f"):
        return noun[:-1] + "ves"
    return noun + "s"


def _title(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.05:
        return f"{rng.choice(CYRILLIC)} {rng.choice(CYRILLIC).lower()}"
    if roll < 0.12:
        return f"{rng.choice(ACCENTED)} {rng.choice(('de', 'und', 'y', 'et'))} {rng.choice(NAMES)}"
    if roll < 0.35:
        return f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
    if roll < 0.55:
        return f"{rng.choice(NOUNS)} of {rng.choice(PLACES)}"
    if roll < 0.70:
        return f"{rng.choice(NAMES)}'s {rng.choice(NOUNS)}"
    if roll < 0.85:
        return f"{rng.choice(ADJECTIVES)} {_plural(rng.choice(NOUNS))}"
    if roll < 0.92:
        return f"{_a(rng.choice(NOUNS), capital=True)} in {rng.choice(PLACES)}"
    return f"{rng.choice(NOUNS)} {rng.randint(2, 9)}"


def _description(rng: random.Random, title: str) -> str:
    genre = rng.choice(GENRES)
    sentences = [
        f"{_a(genre, capital=True)} in which {rng.choice(PEOPLE)} {rng.choice(GOALS)}.",
        rng.choice(TWISTS),
    ]
    if rng.random() < 0.6:
        sentences.append(
            f"Set in {rng.choice(PLACES)}, “{title}” follows {rng.choice(PEOPLE)} "
            f"and {rng.choice(NAMES)}."
        )
    if rng.random() < 0.3:
        sentences.append(rng.choice(TWISTS))
    return " ".join(sentences)


def _fact(rng: random.Random) -> str:
    count = 1 if rng.random() < 0.6 else 2
    return " ".join(
        rng.choice(FACTS).format(n=rng.randint(2, 12), place=rng.choice(PLACES))
        for _ in range(count)
    )


def documents(count: int, seed: int = DEFAULT_SEED) -> Iterator[dict[str, Any]]:
    """`count` film documents, the same ones for the same seed."""
    rng = random.Random(seed)
    taken: set[str] = set()
    for _ in range(count):
        title = _title(rng)
        year = rng.randint(1900, 2025)
        film_id = slugify(title, year)
        if film_id in taken:
            n = 2
            while f"{film_id}-{n}" in taken:
                n += 1
            film_id = f"{film_id}-{n}"
        taken.add(film_id)
        yield {
            "id": film_id,
            "title": title,
            "year": year,
            "description": _description(rng, title),
            "fact": _fact(rng),
        }


def write(count: int, path: Path, seed: int = DEFAULT_SEED) -> Path:
    """Write a catalog of `count` films to `path` (TinyDB layout), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as out:
        out.write('{"films": {')
        for number, document in enumerate(documents(count, seed), 1):
            if number > 1:
                out.write(", ")
            out.write(f'"{number}": ')
            out.write(json.dumps(document, ensure_ascii=False))
        out.write("}}")
    partial.replace(path)
    return path


def cached(count: int, seed: int = DEFAULT_SEED) -> Path:
    """The catalog of `count` films in /tmp, generated the first time it is asked for."""
    path = CACHE_DIR / f"films-{count}-seed{seed}.json"
    if not path.exists():
        write(count, path, seed)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Write a seeded synthetic film catalog in the TinyDB layout.",
    )
    parser.add_argument("count", type=int, metavar="N", help="how many films")
    parser.add_argument("path", type=Path, metavar="PATH", help="the catalog file to write")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("N must be 0 or more")
    write(args.count, args.path, args.seed)
    size = args.path.stat().st_size
    print(f"{args.path}: {args.count} films, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
