from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from certifications.seed.loader import load_catalogue
from certifications.seed.records import SEED_FILE


class Command(BaseCommand):
    help = (
        "Load the certification catalogue from the seed file. Safe to run again: records an admin "
        "changed are left alone and reported, unless --update is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--update",
            action="store_true",
            help="Overwrite records an admin changed (or restore ones an admin deleted) with the seed file's values.",
        )
        parser.add_argument("--file", type=Path, default=SEED_FILE, help="Seed file to load (TOML).")

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_catalogue(path=options["file"], update=options["update"])
        for line in report.lines():
            self.stdout.write(line)
