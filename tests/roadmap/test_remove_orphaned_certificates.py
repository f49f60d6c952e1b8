"""remove_orphaned_certificates deletes stored certificates no activity refers to, and nothing else."""

from __future__ import annotations

import io
import os
import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from roadmap.models import CERTIFICATES_FOLDER, private_storage
from tests.factories import CeuActivityFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def _store(name: str, *, hours_ago: float) -> str:
    storage = private_storage()
    saved = storage.save(name, ContentFile(PDF))
    then = time.time() - hours_ago * 3600
    os.utime(storage.path(saved), (then, then))
    return saved


@pytest.fixture
def files() -> dict[str, str]:
    """A certificate in use, two orphans (one in a folder of its own), one just uploaded, one outside the folder."""
    # The test settings' throwaway folder: other tests leave files there (their rows are rolled back).
    shutil.rmtree(Path(private_storage().location) / CERTIFICATES_FOLDER, ignore_errors=True)
    activity = CeuActivityFactory(completed_on=date(2026, 2, 1), ceus=1)
    activity.certificate.save("kept.pdf", ContentFile(PDF))
    used = activity.certificate.name
    os.utime(private_storage().path(used), (time.time() - 7200, time.time() - 7200))
    return {
        "used": used,
        "orphan": _store("ceu-certificates/999001/aaaa.pdf", hours_ago=2),
        "nested": _store("ceu-certificates/999002/old/bbbb.png", hours_ago=30),
        "fresh": _store("ceu-certificates/999003/cccc.pdf", hours_ago=0.1),
        "outside": _store("not-certificates/dddd.pdf", hours_ago=50),
    }


def _run(*args: str) -> list[str]:
    out = io.StringIO()
    call_command("remove_orphaned_certificates", *args, stdout=out)
    return out.getvalue().splitlines()


def test_only_old_files_no_activity_refers_to_are_removed(files: dict[str, str]):
    storage = private_storage()

    output = _run()

    assert output == [
        f"Removed {files['orphan']}",
        f"Removed {files['nested']}",
        "Removed 2 orphaned certificate files.",
    ]
    assert {key: storage.exists(name) for key, name in files.items()} == {
        "used": True,
        "orphan": False,
        "nested": False,
        "fresh": True,
        "outside": True,
    }
    for name in (files["used"], files["fresh"], files["outside"]):
        storage.delete(name)


def test_a_dry_run_lists_the_orphans_and_deletes_nothing(files: dict[str, str]):
    storage = private_storage()

    output = _run("--dry-run", "--older-than", "0")

    assert output == [
        f"Would remove {files['orphan']}",
        f"Would remove {files['nested']}",
        f"Would remove {files['fresh']}",
        "Dry run: would remove 3 orphaned certificate files. Nothing was deleted.",
    ]
    assert all(storage.exists(name) for name in files.values())
    for name in files.values():
        storage.delete(name)
