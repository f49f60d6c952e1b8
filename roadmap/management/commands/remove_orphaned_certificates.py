"""Delete stored certificate files that no CEU activity refers to any more.

Files are deleted when their activity or account is, once that is committed; a file can still be left
behind by a crash between the commit and the delete, or by a deletion made outside the site's views.
Only files under the certificates' folder are looked at, and only those older than --older-than minutes:
an upload is stored a moment before its activity is committed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from django.core.files.storage import Storage
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from roadmap.models import CERTIFICATES_FOLDER, CeuActivity, private_storage


def stored_files(storage: Storage, folder: str) -> Iterator[str]:
    """Every file name under `folder`, walking its subfolders (a local folder or an S3 prefix alike)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # no certificate was ever stored on this disk
        return
    for name in sorted(files):
        yield f"{folder}/{name}"
    for sub in sorted(folders):
        yield from stored_files(storage, f"{folder}/{sub}")


class Command(BaseCommand):
    help = "Delete certificate files in private storage that no CEU activity refers to. Prints each one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List what would be deleted; delete nothing.")
        parser.add_argument(
            "--older-than",
            type=int,
            default=60,
            metavar="MINUTES",
            help="Leave files stored more recently than this (default 60): their activity may not be saved yet.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        storage = private_storage()
        dry_run: bool = options["dry_run"]
        cutoff = timezone.now() - timedelta(minutes=options["older_than"])
        orphans = []
        # Read after listing: a file listed before its activity was committed is then known, not deleted.
        names = list(stored_files(storage, CERTIFICATES_FOLDER))
        referenced = set(CeuActivity.objects.exclude(certificate="").values_list("certificate", flat=True))
        for name in names:
            if name in referenced or storage.get_modified_time(name) > cutoff:
                continue
            orphans.append(name)
            if not dry_run:
                storage.delete(name)
            self.stdout.write(f"{'Would remove' if dry_run else 'Removed'} {name}")
        count = f"{len(orphans)} orphaned certificate file{'' if len(orphans) == 1 else 's'}"
        if dry_run:
            self.stdout.write(f"Dry run: would remove {count}. Nothing was deleted.")
        else:
            self.stdout.write(f"Removed {count}.")
