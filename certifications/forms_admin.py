"""Admin forms for the rules a single model's clean() cannot check.

A requirement's credentials are a many-to-many relation, which a model's
clean() never sees, and whether they close a prerequisite cycle depends on
other certifications; both are checked here, where the submitted values are.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db import models
from nested_admin.formsets import NestedInlineFormSet

from certifications.models import Certification, CertifyingBody, EligibilityRoute, Requirement
from certifications.services import prerequisite_path

# Which kinds use each kind-specific field.
KINDS_USING: dict[str, set[str]] = {
    field: {kind.value for kind, fields in Requirement.FIELDS_BY_KIND.items() if field in fields}
    for field in set().union(*Requirement.FIELDS_BY_KIND.values())
}

# The fields an admin edits on a requirement, in the order its kind-specific ones are read.
REQUIREMENT_FIELDS = [
    "kind",
    "education_level",
    "credentials",
    "months",
    "qualification",
    "role",
    "must_be_current",
    "licences",
    "note",
    "proof",
]


# Django 6.0 changes the default scheme of URL form fields; asking for https now
# silences the deprecation warning (an error under test) and keeps behaviour.
HTTPS_URL_FIELDS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


def https_formfield(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """Formfield callback for the admin forms below, with HTTPS_URL_FIELDS applied."""
    if isinstance(db_field, models.URLField):
        kwargs = HTTPS_URL_FIELDS[models.URLField] | kwargs
    return db_field.formfield(**kwargs)


class TabularInlineFormSet(NestedInlineFormSet):
    """A tabular inline's rows, each input named after its column.

    A tabular inline shows a field's label once, as the column heading, so no input
    has a <label>: screen readers announced them without a name (axe: "label",
    "select-name"). The name is the same label, given to the input as aria-label;
    static/careerplanner/admin.js hands it on to the autocomplete box that replaces a select.
    """

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)  # adds the "Delete" box, which needs a name too
        for name, field in form.fields.items():
            widget = field.widget
            # The add/change links' wrapper renders the widget it wraps with that widget's own attrs
            # (and a copy of the wrapper shares the original's attrs, not its copied widget's).
            while isinstance(widget, RelatedFieldWidgetWrapper):
                widget = widget.widget
            if not widget.is_hidden:
                widget.attrs.setdefault("aria-label", str(form[name].label))


class RequirementAdminForm(forms.ModelForm):
    class Meta:
        model = Requirement
        fields = ["route", *REQUIREMENT_FIELDS]

    def clean(self) -> dict[str, Any]:
        """Reject fields this kind does not use, a missing credential, and prerequisite cycles.

        May run a prerequisite query per credential listed (see _reject_self_and_cycles).
        """
        super().clean()
        cleaned_data = self.cleaned_data
        kind = cleaned_data.get("kind")
        if not kind:
            return cleaned_data
        self._reject_fields_of_other_kinds(kind, cleaned_data)
        if kind == Requirement.Kind.CREDENTIAL and "credentials" in cleaned_data:
            credentials = list(cleaned_data["credentials"])
            if not credentials:
                self.add_error("credentials", "Required for this kind of requirement.")
            route = cleaned_data.get("route")
            if route is not None:
                self._reject_self_and_cycles(route, credentials)
        return cleaned_data

    def _reject_fields_of_other_kinds(self, kind: str, cleaned_data: dict[str, Any]) -> None:
        label = Requirement.Kind(kind).label
        for field, kinds in KINDS_USING.items():
            if kind in kinds or not cleaned_data.get(field):
                continue
            if isinstance(self.fields[field], forms.BooleanField):
                message = f"Untick this: a '{label}' requirement does not use it."
            else:
                message = f"Leave this empty: a '{label}' requirement does not use it."
            self.add_error(field, message)

    def _reject_self_and_cycles(self, route: EligibilityRoute, credentials: list[Certification]) -> None:
        """Refuse a route requiring its own certification, or one that requires it in turn.

        `route` is the submitted route: on a certification's page its purpose
        and certification are the values being saved, not the stored ones.
        Runs a prerequisite query per credential listed.
        """
        certification = route.certification if route.certification_id else None
        if certification is None or certification.pk is None:
            return  # A certification being added cannot be required by anything yet.
        code = certification.code
        messages = []
        for credential in sorted(credentials, key=lambda credential: credential.code):
            if credential.pk == certification.pk:
                messages.append(f"{code} cannot require itself: remove {code} from the credentials.")
                continue
            if route.purpose != EligibilityRoute.Purpose.ELIGIBILITY:
                continue
            path = prerequisite_path(
                start=credential.pk,
                target=certification.pk,
                ignoring_requirements=[self.instance.pk] if self.instance.pk else [],
            )
            if path is not None:
                # The stored code may be the one being renamed on this very form.
                chain = " → ".join([*path[:-1], code])
                messages.append(
                    f"{credential.code} already requires {code} ({chain}), so {code} cannot require "
                    f"{credential.code}: that would be a prerequisite cycle."
                )
        for message in messages:
            self.add_error("credentials", message)


class CertifyingBodyAdminForm(forms.ModelForm):
    """Gives the membership fee the same message as every other fee.

    The model only has a check constraint for it, whose message names the
    constraint instead of the field.
    """

    class Meta:
        model = CertifyingBody
        fields = [
            "abbreviation",
            "name",
            "website",
            "membership_required_to_sit",
            "membership_required_to_keep",
            "membership_fee",
            "membership_source",
            "membership_verified_on",
        ]
        formfield_callback = https_formfield

    def clean_membership_fee(self) -> Any:
        fee = self.cleaned_data["membership_fee"]
        if fee is not None and fee < 0:
            raise forms.ValidationError("A fee cannot be negative; leave it empty if unknown.")
        return fee
