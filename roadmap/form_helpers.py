"""Pieces the forms of every area share: the date picker, and the `next` address to go back to."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme


def problems(form: forms.Form) -> str:
    """A form's errors as one sentence, for a message."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def date_widget() -> forms.DateInput:
    """The browser's date picker, with the value in the ISO form it posts back."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NextForm(forms.Form):
    """The `next` address to return to, kept only when it is on this site."""

    next = forms.CharField(required=False, max_length=2000)

    def __init__(self, data: Mapping[str, Any] | None = None, *, allowed_hosts: set[str], require_https: bool) -> None:
        super().__init__(data)
        self.allowed_hosts = allowed_hosts
        self.require_https = require_https

    def clean_next(self) -> str:
        # Like Django's LoginView, an unsafe address is ignored rather than refused: it is not the user's mistake.
        url: str = self.cleaned_data["next"]
        if url and url_has_allowed_host_and_scheme(url, self.allowed_hosts, require_https=self.require_https):
            return url
        return ""

    def url(self) -> str:
        """The safe `next` address, or "" when there is none (or it pointed elsewhere)."""
        return self.cleaned_data.get("next", "") if self.is_valid() else ""
