"""How long a poster takes from its file to half-block cells (in the worker).

    python -m benchmarks.posters [--repeat 5]

Makes photo-like posters (noise over a gradient: JPEG cannot shrink them to
nothing) of growing size, as JPEG and PNG, and times `tui.widgets.poster.draw`
(read, decode, scale, cells) for the side pane's box (40 × 17 cells) and the
full-screen one (40 × 30): the best of `--repeat` runs (a file over the
size cap is refused, and says so), and the first `import PIL` on its own.
Needs the images extra (`pip install '.[images]'`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

from tui.widgets.poster import PosterRequest, draw

SIZES = ((500, 750), (2000, 3000), (4000, 6000))
BOXES = ((40, 17), (40, 30))


def a_poster(path: Path, size: tuple[int, int]) -> Path:
    noise = Image.effect_noise(size, 64).convert("RGB")
    gradient = Image.linear_gradient("L").resize(size).convert("RGB")
    Image.blend(noise, gradient, 0.5).save(path, quality=85)
    return path


def best_of(repeat: int, request: PosterRequest) -> str:
    """The best time of `repeat` draws, or what was refused and how fast."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        drawn = draw(request)
        times.append(time.perf_counter() - started)
    shown = f"{min(times) * 1000:6.1f} ms"
    return shown if drawn.picture is not None else f"{shown} ({drawn.note})"


def import_time() -> float:
    program = "import time; t = time.perf_counter(); import PIL.Image; print(time.perf_counter()-t)"
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    return float(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    print(f"import PIL.Image: {import_time() * 1000:.0f} ms (once, in the first poster's worker)")
    with tempfile.TemporaryDirectory() as folder:
        for width, height in SIZES:
            for suffix in (".jpg", ".png"):
                path = a_poster(Path(folder) / f"{width}x{height}{suffix}", (width, height))
                kb = path.stat().st_size // 1024
                cells = []
                for box in BOXES:
                    request = PosterRequest("film", (path,), *box)
                    cells.append(f"{box[0]}×{box[1]}: {best_of(repeat, request)}")
                print(f"{width}×{height} {suffix[1:]:>4} ({kb:>6,} KB)  " + "  ".join(cells))


if __name__ == "__main__":
    main()
