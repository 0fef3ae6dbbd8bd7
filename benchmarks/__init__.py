"""Benchmarks for filmtui: `python -m benchmarks` prints the figures of issue 5.

`python -m benchmarks.generate N PATH` writes a synthetic catalog of N films.
Benchmarks print figures; they never pass or fail, and CI never runs them.
"""
