"""Submitting the catalogue admin's change forms as a browser would: read every input of the form as rendered
(with the nested inline management forms) and post it back, changed only where a test changes it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from django.test.client import Client as _Client
from django.urls import reverse

FormData = dict[str, str | list[str]]


class _ChangeFormParser(HTMLParser):
    """Collects what a browser would submit from the admin's change form."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.in_form = False
        self.values: dict[str, list[str]] = {}
        self.multiple: set[str] = set()  # Names that post a list: multiple selects, groups of checkboxes.
        self._checkboxes: set[str] = set()
        self._select: str | None = None
        self._select_options: list[tuple[str, bool]] = []
        self._select_multiple = False
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "form" and attr.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form or "disabled" in attr:
            return
        name = attr.get("name")
        if tag == "input" and name:
            kind = attr.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind == "checkbox":
                if name in self._checkboxes:
                    self.multiple.add(name)
                self._checkboxes.add(name)
            if kind in ("checkbox", "radio") and "checked" not in attr:
                return
            self._add(name, attr.get("value") or ("on" if kind in ("checkbox", "radio") else ""))
        elif tag == "select" and name:
            self._select, self._select_options, self._select_multiple = name, [], "multiple" in attr
            if "multiple" in attr:
                self.multiple.add(name)
        elif tag == "option" and self._select is not None:
            self._select_options.append((attr.get("value") or "", "selected" in attr))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self._select is not None:
            chosen = [value for value, selected in self._select_options if selected]
            if not chosen and not self._select_multiple and self._select_options:
                chosen = [self._select_options[0][0]]
            for value in chosen:
                self._add(self._select, value)
            if self._select_multiple and not chosen and _is_submitted(self._select):
                self.values[self._select] = []
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop the newline Django puts right after <textarea>.
            self._add(self._textarea, self._text.removeprefix("\n"))
            self._textarea = None

    def _add(self, name: str, value: str) -> None:
        if _is_submitted(name):
            self.values.setdefault(name, []).append(value)


def _is_submitted(name: str) -> bool:
    # The templates nested_admin keeps for "Add another" rows are not part of any submitted formset.
    return "__prefix__" not in name and "-empty-" not in name


def change_form_data(client: _Client, url: str) -> FormData:
    """GET an admin change (or add) page and return what submitting it unchanged would post."""
    response = client.get(url)
    assert response.status_code == 200
    parser = _ChangeFormParser(form_id=f"{response.context['opts'].model_name}_form")
    parser.feed(response.content.decode())
    return {
        name: values if name in parser.multiple else values[0] if values else ""
        for name, values in parser.values.items()
    }


def prefix_of(data: FormData, formset: str, pk: int) -> str:
    """The form prefix (e.g. 'routes-2-requirements-0') of the object `pk` in formsets matching `formset`."""
    pattern = re.compile(rf"^({formset}-\d+)-id$")
    matches = [m.group(1) for name, value in data.items() if (m := pattern.match(name)) and value == str(pk)]
    assert len(matches) == 1, matches
    return matches[0]


def change_url(obj: Any) -> str:
    return reverse(f"admin:certifications_{obj._meta.model_name}_change", args=[obj.pk])


def post(client: _Client, obj: Any, data: FormData) -> Any:
    return client.post(change_url(obj), data)
