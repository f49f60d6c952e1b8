"""Pieces the profile and CEU forms share."""

from __future__ import annotations

from django import forms


def date_widget() -> forms.DateInput:
    """The browser's date picker, with the value in the ISO form it posts back."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
