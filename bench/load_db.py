"""The database side of bench/load.py: its users before the load, and the check of its writes after it.

bench/load.py runs these through `manage.py shell -c` with the load's own environment (its database,
never the product's), so they read and write what the two instances served. Each prints one line of
JSON, the last line of its output, for the load script to read.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db.models import Count

from roadmap.models import CareerProfile, CeuActivity, HeldCredential, Roadmap, RoadmapStep


def create(*, usernames: list[str], password: str) -> None:
    """Users with that password and no profile (each virtual user fills in its own through the site).

    One hash for them all: hashing a password takes a good part of a second, once per user would be minutes.
    """
    hashed = make_password(password)
    User.objects.bulk_create(User(username=name, email=f"{name}@example.org", password=hashed) for name in usernames)
    print(json.dumps({"users": User.objects.filter(username__in=usernames).count()}))


def check(*, records: str) -> None:
    """Compare what each virtual user recorded (a JSON file, see bench/load.py's Record) with the database.

    Lost: a write the site acknowledged that is not there (or, for a step, a status other than the last one
    acknowledged). Duplicated: a write stored more than once, or a row no virtual user asked for.
    Prints {"lost": {kind: [what]}, "duplicated": {kind: [what]}, "checked": {kind: count}}.
    """
    lost: dict[str, list[str]] = {"profile": [], "credential": [], "ceu": [], "roadmap": [], "step": []}
    duplicated: dict[str, list[str]] = {"ceu": [], "roadmap": []}
    checked: Counter[str] = Counter()
    for record in json.loads(Path(records).read_text())["users"]:
        name = record["username"]
        _check_profile(record, lost, checked)
        _check_ceus(record, lost, duplicated, checked)
        _check_roadmaps(record, lost, duplicated, checked)
        statuses = dict(
            RoadmapStep.objects.filter(pk__in=[int(pk) for pk in record["steps"]], roadmap__user__username=name)
            .values_list("pk", "status")
            .iterator()
        )
        for pk, status in record["steps"].items():
            checked["step"] += 1
            if statuses.get(int(pk)) != status:
                lost["step"].append(f"{name}: step {pk} is {statuses.get(int(pk))}, last acknowledged {status}")
    print(json.dumps({"lost": lost, "duplicated": duplicated, "checked": checked}))


def _check_profile(record: dict[str, Any], lost: dict[str, list[str]], checked: Counter[str]) -> None:
    name = record["username"]
    if record["hours_per_week"] is None:
        return
    checked["profile"] += 1
    profile = CareerProfile.objects.filter(user__username=name).first()
    if profile is None or profile.hours_per_week != record["hours_per_week"]:
        found = "none" if profile is None else f"{profile.hours_per_week} hours a week"
        lost["profile"].append(f"{name}: profile {found}, last acknowledged {record['hours_per_week']} hours a week")
    for code in record["credentials"]:
        checked["credential"] += 1
        if not HeldCredential.objects.filter(profile__user__username=name, certification__code=code).exists():
            lost["credential"].append(f"{name}: {code}, added through the profile, is not held")


def _check_ceus(
    record: dict[str, Any], lost: dict[str, list[str]], duplicated: dict[str, list[str]], checked: Counter[str]
) -> None:
    name = record["username"]
    stored = Counter(CeuActivity.objects.filter(profile__user__username=name).values_list("title", flat=True))
    for title, attempt in record["ceus"].items():
        checked["ceu"] += 1
        count = stored.pop(title, 0)
        if attempt["acked"] and count == 0:
            lost["ceu"].append(f"{name}: “{title}”")
        if count > 1:
            twice = " (double-submitted)" if attempt["double"] else ""
            duplicated["ceu"].append(f"{name}: “{title}” stored {count} times{twice}")
    duplicated["ceu"].extend(f"{name}: “{title}” stored, never submitted" for title in stored)


def _check_roadmaps(
    record: dict[str, Any], lost: dict[str, list[str]], duplicated: dict[str, list[str]], checked: Counter[str]
) -> None:
    name = record["username"]
    stored: dict[str, tuple[int, int]] = {}
    rows = Roadmap.objects.filter(user__username=name).annotate(steps_count=Count("steps"))
    for token, pk, steps in rows.values_list("save_token", "pk", "steps_count"):
        if token is None:  # the save form always sends a token
            duplicated["roadmap"].append(f"{name}: roadmap {pk} stored without a save token")
        else:
            stored[str(token)] = (pk, steps)
    for token, attempt in record["roadmaps"].items():
        checked["roadmap"] += 1
        found = stored.pop(token, None)
        if attempt["pk"] is None:  # not acknowledged: stored or not, nothing was promised
            continue
        if found is None or found[0] != attempt["pk"]:
            lost["roadmap"].append(f"{name}: roadmap {attempt['pk']} (save token {token}) is not there")
        elif found[1] < attempt["steps"]:
            lost["roadmap"].append(
                f"{name}: roadmap {found[0]} has {found[1]} steps, its page showed {attempt['steps']}"
            )
    duplicated["roadmap"].extend(
        f"{name}: roadmap {pk} (save token {token}) stored, never submitted" for token, (pk, _) in stored.items()
    )
