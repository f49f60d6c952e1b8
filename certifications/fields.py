"""A list-of-choices model field that works the same on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext


class ChoiceListField(models.JSONField):
    """A JSON list whose items must each be one of `choices`.

    Used for small multi-valued sets that are only read in Python (never
    filtered on in SQL), e.g. the licences a requirement accepts. In forms and
    the admin it renders as a group of checkboxes.
    """

    def __init__(self, *args: Any, item_choices: Any = (), **kwargs: Any) -> None:
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def validate(self, value: Any, model_instance: Any) -> None:
        super().validate(value, model_instance)
        allowed = {key for key, _ in self.item_choices}
        if not isinstance(value, list):
            raise ValidationError(gettext("Expected a list of choices."), code="invalid")
        unknown = [item for item in value if item not in allowed]
        if unknown:
            raise ValidationError(
                gettext("Unknown choice(s): %(unknown)s."),
                code="invalid_choice",
                params={"unknown": ", ".join(map(str, unknown))},
            )

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        defaults: dict[str, Any] = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.item_choices,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
            "label": self.verbose_name.capitalize() if self.verbose_name else None,
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        # JSONField.formfield would force its own form class; skip to Field's.
        return models.Field.formfield(self, **defaults)
