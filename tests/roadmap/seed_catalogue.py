"""The seed catalogue as planner objects, read from the seed file without a database."""

from __future__ import annotations

from functools import cache

from certifications.seed.records import SeedFile
from roadmap import planner
from roadmap.snapshot import catalogue_from_units


@cache
def seed_catalogue() -> planner.Catalogue:
    seed = SeedFile()
    return catalogue_from_units(
        certifications=seed.certifications.values(),
        bodies=seed.bodies.values(),
        programs=seed.programs.values(),
        areas=seed.areas.values(),
        sources=seed.sources.values(),
    )
