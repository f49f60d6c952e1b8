"""A person's account as a whole: confirming its e-mail address, taking all its data away, deleting it.

Sign-up never says whether an address is registered. Every sign-up creates the account, signs the person
in and answers the same way; the address typed is only attached to the account once its mailbox follows
the link we send it. When the address already belongs to an account, its owner gets a note instead
("someone tried to sign up with your address"). A stranger learns nothing from the page, and nobody can
attach an address they do not read, or keep its owner from signing up, by signing up with it first.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from pathlib import PurePath
from typing import IO, Any

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail, signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from roadmap.models import CareerProfile, CeuActivity, HeldCredential, Membership, Roadmap, private_storage

CONFIRM_SALT = "roadmap.accounts.confirm-address"  # as before the move: links already sent stay valid
CONFIRM_MAX_AGE = timedelta(days=3)
# The export is written to a temporary file that stays in memory up to this size, then moves to disk:
# memory stays bounded however many certificates (up to 5 MB each) a person keeps.
EXPORT_MEMORY_BYTES = 8 * 1024 * 1024
COPY_CHUNK_BYTES = 256 * 1024


class AddressTaken(Exception):
    """The address belongs to another account (confirmed there since the link was sent)."""


# ------------------------------------------------------------ confirming an address


def confirmation_token(user: User, email: str) -> str:
    """A signed, dated token naming the account and the address: whoever opens the link reads that mailbox."""
    return signing.dumps({"user": user.pk, "email": email}, salt=CONFIRM_SALT, compress=True)


@dataclass(frozen=True)
class AddressClaim:
    user: User
    email: str


def read_confirmation_token(token: str) -> AddressClaim | None:
    """The account and address of a link made in the last CONFIRM_MAX_AGE, or None (altered, too old, gone)."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    if not isinstance(data, dict) or not isinstance(data.get("email"), str) or not isinstance(data.get("user"), int):
        return None
    user = User.objects.filter(pk=data["user"], is_active=True).first()
    return AddressClaim(user, data["email"]) if user is not None else None


def _absolute(request: HttpRequest, path: str) -> str:
    """On SITE_ROOT when it is set, else on the address this request came to (as Django's password reset does)."""
    if settings.SITE_ROOT_IS_SET:
        return settings.SITE_ROOT.rstrip("/") + path
    return request.build_absolute_uri(path)


def send_address_link(*, request: HttpRequest, user: User, email: str) -> None:
    """E-mail `email` the link that attaches it to `user`; or, when another account has it, tell that account.

    Side effects: sends one e-mail, to `email` in both cases (the other account's address is the same
    address, whatever its case). Changes nothing in the database.
    """
    owner = User.objects.filter(email__iexact=email).exclude(pk=user.pk).first()
    context: dict[str, object]
    if owner is not None:
        context = {
            "username": owner.get_username(),
            "login_url": _absolute(request, reverse("login")),
            "reset_url": _absolute(request, reverse("password_reset")),
        }
        subject = gettext("Someone tried to sign up with your e-mail address")
        body = render_to_string("registration/email/address_in_use.txt", context)
        recipient = owner.email
    else:
        context = {
            "username": user.get_username(),
            "confirm_url": _absolute(request, reverse("confirm_address", args=[confirmation_token(user, email)])),
            "days": CONFIRM_MAX_AGE.days,
        }
        subject = gettext("Confirm your e-mail address for Career Planner")
        body = render_to_string("registration/email/confirm_address.txt", context)
        recipient = email
    mail.EmailMessage(subject, body, to=[recipient], headers={"Auto-Submitted": "auto-generated"}).send()


@transaction.atomic
def confirm_address(*, user: User, email: str) -> None:
    """Attach the address to the account. Raises AddressTaken when another account has it.

    Side effects: saves user.email. Password resets and reminders go to it from now on.
    """
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise AddressTaken(email)
    user.email = email
    try:
        with transaction.atomic():
            user.save(update_fields=["email"])
    except IntegrityError:  # another account confirmed it between the check and the save
        raise AddressTaken(email) from None


# ------------------------------------------------------------ taking the data away


def _profile_data(profile: CareerProfile) -> dict[str, Any]:
    return {
        "education": profile.education,
        "completed_training": list(profile.completed_training),
        "training_contact_hours": profile.training_contact_hours,
        "studied_areas": sorted(area.code for area in profile.studied_areas.all()),
        "coding_months": profile.coding_months,
        "coding_setting": profile.coding_setting.code if profile.coding_setting else None,
        "currently_coding": profile.currently_coding,
        "other_role": profile.other_role,
        "other_role_months": profile.other_role_months,
        "currently_in_other_role": profile.currently_in_other_role,
        "licences": list(profile.licences),
        "preferred_setting": profile.preferred_setting.code if profile.preferred_setting else None,
        "hours_per_week": profile.hours_per_week,
        "budget": profile.budget,
        "start_date": profile.start_date,
        "target_date": profile.target_date,
        "reminders_enabled": profile.reminders_enabled,
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
    }


ROADMAP_FIELDS = (
    "certification_code",
    "certification_name",
    "is_active",
    "start_date",
    "hours_per_week",
    "credential_on",
    "credential_earliest",
    "credential_latest",
    "apprentice",
    "saved_credential_on",
    "total_hours",
    "total_hours_low",
    "total_hours_high",
    "known_cost",
    "unknown_costs",
    "notes",
    "created_at",
    "updated_at",
)
STEP_FIELDS = (
    "position",
    "phase",
    "title",
    "why",
    "status",
    "completed_on",
    "planned_start",
    "planned_finish",
    "effort_hours",
    "effort_low_hours",
    "effort_high_hours",
    "cost",
    "required",
    "note",
)


def _certificate_entry(activity: CeuActivity) -> str:
    """The certificate's name inside the zip: date, title and id (unique), the stored suffix."""
    title = slugify(activity.title)[:60].strip("-")
    suffix = PurePath(activity.certificate.name).suffix.lower()
    return f"certificates/{activity.completed_on:%Y-%m-%d}-{activity.pk}{f'-{title}' if title else ''}{suffix}"


def _copy_certificate(archive: zipfile.ZipFile, activity: CeuActivity, entry: str) -> bool:
    """Copy the stored file into the zip in chunks; False when storage no longer has it."""
    try:
        source = activity.certificate.open("rb")
    except FileNotFoundError:
        return False
    with source, archive.open(zipfile.ZipInfo(entry, date_time=timezone.now().timetuple()[:6]), "w") as target:
        shutil.copyfileobj(source, target, COPY_CHUNK_BYTES)
    return True


def export_account(user: User) -> IO[bytes]:
    """Everything the site keeps about `user`: data.json, and their certificates under certificates/.

    Returns an open temporary file positioned at its start; the caller closes it. Runs a fixed number of
    queries (user's profile, studied areas, credentials, memberships, activities and what they count
    toward, roadmaps, steps), then reads each certificate from storage.
    """
    profile = CareerProfile.objects.select_related("coding_setting", "preferred_setting").filter(user=user).first()
    data: dict[str, Any] = {
        "exported_at": timezone.now(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "profile": None,
        "credentials": [],
        "memberships": [],
        "ceu_activities": [],
        "roadmaps": [],
    }
    activities: list[CeuActivity] = []
    if profile is not None:
        data["profile"] = _profile_data(profile)
        data["credentials"] = [
            {
                "certification": held.certification.code,
                "name": held.certification.name,
                "earned_on": held.earned_on,
                "apprentice": held.apprentice,
            }
            for held in HeldCredential.objects.filter(profile=profile).select_related("certification")
        ]
        data["memberships"] = [
            {"body": membership.body.abbreviation, "renews_on": membership.renews_on}
            for membership in Membership.objects.filter(profile=profile).select_related("body")
        ]
        activities = list(
            CeuActivity.objects.filter(profile=profile).prefetch_related(
                Prefetch("credentials", HeldCredential.objects.select_related("certification"))
            )
        )
    roadmaps = Roadmap.objects.filter(user=user).order_by("created_at", "pk").prefetch_related("steps")
    data["roadmaps"] = [
        {
            **{name: getattr(roadmap, name) for name in ROADMAP_FIELDS},
            "steps": [{name: getattr(step, name) for name in STEP_FIELDS} for step in roadmap.steps.all()],
        }
        for roadmap in roadmaps
    ]

    spooled = tempfile.SpooledTemporaryFile(max_size=EXPORT_MEMORY_BYTES)  # noqa: SIM115 (the caller closes it)
    with zipfile.ZipFile(spooled, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for activity in activities:
            entry = _certificate_entry(activity) if activity.certificate else None
            # Certificates are PDFs and images, compressed already: stored as they are (a ZipInfo's default).
            copied = entry is not None and _copy_certificate(archive, activity, entry)
            data["ceu_activities"].append(
                {
                    "completed_on": activity.completed_on,
                    "title": activity.title,
                    "provider": activity.provider,
                    "ceus": activity.ceus,
                    "category": activity.category,
                    "counts_toward": sorted(held.certification.code for held in activity.credentials.all()),
                    "certificate": entry if copied else None,
                    **({"certificate_missing": True} if entry is not None and not copied else {}),
                }
            )
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False))
    spooled.seek(0)
    return spooled


def export_filename(user: User) -> str:
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", user.get_username()).strip("-") or "account"
    return f"career-planner-{name}-{timezone.localdate():%Y-%m-%d}.zip"


# ------------------------------------------------------------ deleting the account


@transaction.atomic
def delete_account(*, user: User) -> int:
    """Delete the user and everything of theirs; their certificates once that is committed.

    Side effects: deletes the User, and through it (CASCADE) the profile, credentials, memberships,
    CEU activities, roadmaps, steps and reminder log; deletes django-axes' failed log-in records for the
    username; after commit, deletes each certificate file from private storage (a rollback keeps them).
    Returns the number of certificate files to delete.
    """
    names = [
        name for name in CeuActivity.objects.filter(profile__user=user).values_list("certificate", flat=True) if name
    ]
    AccessAttempt.objects.filter(username=user.get_username()).delete()
    user.delete()
    storage = private_storage()
    for name in names:
        transaction.on_commit(partial(storage.delete, name))
    return len(names)
