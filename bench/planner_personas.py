"""How long the planner takes for the personas P1-P5 (issue 3), and for their recommendations.

Run:  .venv/bin/python bench/planner_personas.py [--repeat N]
Prints figures; asserts nothing. Reads the seed file, no database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerplanner.settings_test")

import django

django.setup()

from roadmap import planner  # noqa: E402
from tests.roadmap.seed_catalogue import seed_catalogue  # noqa: E402
from tests.roadmap.test_planner import P1_MAYA, P2_DANIEL, P3_ROSA, P4_PRIYA, P5_JAMES, TODAY  # noqa: E402

PERSONAS = {
    "P1 Maya / CPC": (P1_MAYA, "CPC"),
    "P2 Daniel / CCS": (P2_DANIEL, "CCS"),
    "P3 Rosa / CCA": (P3_ROSA, "CCA"),
    "P4 Priya / CCS": (P4_PRIYA, "CCS"),
    "P5 James / CPC": (P5_JAMES, "CPC"),
}


def timed(repeat: int, call: object) -> tuple[float, float]:
    """Median and best wall-clock milliseconds over `repeat` runs."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()  # type: ignore[operator]
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    catalogue = seed_catalogue()
    print(f"planner, {len(catalogue.certifications)} certifications, {args.repeat} runs each (ms)")
    print(f"{'persona':<18} {'plan median':>12} {'plan best':>10} {'steps':>6} {'recommend median':>17}")
    for name, (profile, code) in PERSONAS.items():
        median, best = timed(args.repeat, lambda p=profile, c=code: planner.plan(p, catalogue, c, TODAY))
        steps = len(planner.plan(profile, catalogue, code, TODAY).steps)
        rec_median, _ = timed(max(args.repeat // 10, 3), lambda p=profile: planner.recommend(p, catalogue, TODAY))
        print(f"{name:<18} {median:>12.2f} {best:>10.2f} {steps:>6} {rec_median:>17.1f}")


if __name__ == "__main__":
    main()
