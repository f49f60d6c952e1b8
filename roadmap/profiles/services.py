"""Writes behind the profile page that span several models."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.forms import BaseInlineFormSet

from roadmap.models import CareerProfile, HeldCredential
from roadmap.profiles.forms import CareerProfileForm


@transaction.atomic
def save_career_profile(
    *, user: User, form: CareerProfileForm, credentials: BaseInlineFormSet[HeldCredential, CareerProfile, Any]
) -> CareerProfile:
    """Save a valid profile form and its valid credentials formset, all or nothing.

    Side effects: creates the user's CareerProfile on first save, or updates it;
    sets the subjects it has studied; creates, updates and deletes that profile's HeldCredential rows as the
    formset says. Rows the formset does not own (another profile's) are never
    written: the formset's queryset is this profile's credentials only.

    Raises IntegrityError, having saved nothing, when another request saved a conflicting row (the same
    credential, or the user's first profile) after the forms were validated.
    """
    profile: CareerProfile = form.save(commit=False)
    profile.user = user
    profile.save()
    form.save_m2m()
    credentials.instance = profile
    credentials.save()
    return profile
