"""Forms for the public catalogue pages.

Every query-string parameter a public page reads goes through one of these
forms, so a hand-edited URL (level=xyz, codes=XYZ) gets a message naming the
problem instead of a 500. The choices come from rows the view has already
loaded: validating or rendering a form never runs a query of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from certifications.choices import Level
from certifications.models import Certification, CertifyingBody, EligibilityRoute, TrainingProgram, WorkSetting

COMPARE_MIN = 2
COMPARE_MAX = 4


class StrictCheckboxInput(forms.CheckboxInput):
    """A checkbox that hands the raw submitted value to its field.

    Django's CheckboxInput turns any value but "false" into True, so
    `no_prereq=maybe` would silently filter; TickBoxField refuses it instead.
    """

    def value_from_datadict(self, data: Mapping[str, Any], files: Mapping[str, Any], name: str) -> Any:
        return data.get(name)


class TickBoxField(forms.Field):
    """An optional tick box that accepts only the values a browser or a person would send."""

    widget = StrictCheckboxInput
    default_error_messages = {"invalid": _("Unknown value %(value)s for this tick box; tick it or leave it empty.")}
    TRUE = frozenset({"on", "1", "true", "yes"})
    FALSE = frozenset({"", "0", "false", "off", "no"})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> bool:
        if value is None or value is False:
            return False
        if value is True:
            return True
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValidationError(self.error_messages["invalid"], code="invalid", params={"value": value})


def has_eligibility_route() -> Exists:
    """True for a certification with at least one route to eligibility (a prerequisite)."""
    return Exists(
        EligibilityRoute.objects.filter(certification=OuterRef("pk"), purpose=EligibilityRoute.Purpose.ELIGIBILITY)
    )


def _filter_helper(*fields: str) -> FormHelper:
    """Filters laid out in one row on wide screens, stacked on a phone; the template owns the <form> tag."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(Row(*(Column(name, css_class="col-12 col-md-6 col-lg") for name in fields)))
    return helper


class CertificationFilterForm(forms.Form):
    setting = forms.ChoiceField(
        label=_("Work setting"),
        required=False,
        error_messages={"invalid_choice": _("Unknown work setting: %(value)s. Choose one from the list.")},
    )
    body = forms.ChoiceField(
        label=_("Certifying body"),
        required=False,
        error_messages={"invalid_choice": _("Unknown certifying body: %(value)s. Choose one from the list.")},
    )
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("Any level")), *Level.choices],
        error_messages={"invalid_choice": _("Unknown level: %(value)s. Choose one from the list.")},
    )
    no_prereq = TickBoxField(
        label=_("No prerequisites"),
        help_text=_("Only certifications you can sit without meeting a requirement first."),
        error_messages={"invalid": _("Unknown value %(value)s for “No prerequisites”; tick it or leave it empty.")},
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        settings: Iterable[WorkSetting],
        bodies: Iterable[CertifyingBody],
    ) -> None:
        super().__init__(data)
        fields: Any = self.fields  # the declared fields are ChoiceFields; the stubs type them as Field
        fields["setting"].choices = [("", _("Any work setting")), *((s.code, s.name) for s in settings)]
        fields["body"].choices = [
            ("", _("Any body")),
            *((b.abbreviation, f"{b.abbreviation} ({b.name})") for b in bodies),
        ]
        self.helper = _filter_helper("setting", "body", "level", "no_prereq")

    def is_filtering(self) -> bool:
        """Whether any filter is set (call after is_valid())."""
        return any(getattr(self, "cleaned_data", {}).values())

    def filter(self, certifications: QuerySet[Certification]) -> QuerySet[Certification]:
        """The certifications matching the cleaned filters (call after is_valid())."""
        data = self.cleaned_data
        if data["setting"]:
            certifications = certifications.filter(work_settings__code=data["setting"])
        if data["body"]:
            certifications = certifications.filter(body__abbreviation=data["body"])
        if data["level"]:
            certifications = certifications.filter(level=data["level"])
        if data["no_prereq"]:
            certifications = certifications.filter(~has_eligibility_route(), eligibility_known=True)
        return certifications


class ProgramFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of program"),
        required=False,
        choices=[("", _("Any kind")), *TrainingProgram.Kind.choices],
        error_messages={"invalid_choice": _("Unknown kind of program: %(value)s. Choose one from the list.")},
    )
    certification = forms.ChoiceField(
        label=_("Prepares for"),
        required=False,
        error_messages={"invalid_choice": _("Unknown certification code: %(value)s. Choose one from the list.")},
    )

    def __init__(self, data: Mapping[str, Any] | None = None, *, certifications: Iterable[Certification]) -> None:
        super().__init__(data)
        fields: Any = self.fields
        fields["certification"].choices = [
            ("", _("Any certification")),
            *((c.code, f"{c.code} ({c.name})") for c in certifications),
        ]
        self.helper = _filter_helper("kind", "certification")

    def is_filtering(self) -> bool:
        """Whether any filter is set (call after is_valid())."""
        return any(getattr(self, "cleaned_data", {}).values())

    def filter(self, programs: QuerySet[TrainingProgram]) -> QuerySet[TrainingProgram]:
        """The programs matching the cleaned filters (call after is_valid())."""
        data = self.cleaned_data
        if data["kind"]:
            programs = programs.filter(kind=data["kind"])
        if data["certification"]:
            programs = programs.filter(prepares_for__code=data["certification"])
        return programs


def _join(items: Sequence[str]) -> str:
    if len(items) == 1:
        return items[0]
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


class CertificationCodesField(forms.MultipleChoiceField):
    """Certification codes, in the order given; every unknown code is named, not just the first."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value: Any) -> list[str]:
        return [code for code in super().to_python(value) if code.strip()]

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        unknown = [code for code in value if not self.valid_value(code)]
        if unknown:
            raise ValidationError(
                ngettext(
                    "Unknown certification code: %(codes)s.", "Unknown certification codes: %(codes)s.", len(unknown)
                )
                % {"codes": _join(unknown)},
                code="invalid_choice",
            )


class CompareForm(forms.Form):
    codes = CertificationCodesField(
        label=_("Certifications to compare"),
        required=False,
        help_text=format_lazy(_("Tick between {fewest} and {most}."), fewest=COMPARE_MIN, most=COMPARE_MAX),
    )

    def __init__(self, data: Mapping[str, Any] | None = None, *, certifications: Iterable[Certification]) -> None:
        super().__init__(data)
        fields: Any = self.fields
        fields["codes"].choices = [(c.code, f"{c.code} ({c.name})") for c in certifications]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.field_class = "checkbox-columns"

    def clean_codes(self) -> list[str]:
        codes: list[str] = self.cleaned_data["codes"]
        repeated = sorted({code for code in codes if codes.count(code) > 1})
        if repeated:
            raise ValidationError(
                _("You chose %(codes)s more than once; choose each certification once.") % {"codes": _join(repeated)}
            )
        if not COMPARE_MIN <= len(codes) <= COMPARE_MAX:
            raise ValidationError(
                _("Choose between %(fewest)d and %(most)d certifications to compare; you chose %(chosen)d.")
                % {"fewest": COMPARE_MIN, "most": COMPARE_MAX, "chosen": len(codes)}
            )
        return codes
