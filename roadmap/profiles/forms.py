"""Forms for sign-up and the career profile.

The profile page renders one profile form and one formset of held credentials.
Their choice lists (work settings, certifications) come from rows the view has
already loaded, so rendering the page runs the same number of queries however
many credentials a person holds.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm, UsernameField
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from certifications.models import Certification, WorkSetting
from roadmap.form_helpers import date_widget
from roadmap.models import MAX_HOURS_PER_WEEK, CareerProfile, HeldCredential
from roadmap.planner import add_months

MAX_MONTHS = 600  # 50 years: more than a working life, so a larger number is a typing mistake.
MAX_CONTACT_HOURS = 5000  # More than a bachelor's degree in HIM spends on coding.
START_DATE_YEARS_BACK = 10
START_DATE_YEARS_AHEAD = 5
TARGET_DATE_YEARS_AFTER_START = 20
EARLIEST_CREDENTIAL_DATE = datetime.date(1950, 1, 1)  # Before any of today's coding credentials existed.
CREDENTIAL_ROWS_EXTRA = 3
# The most credential rows one post may hold. Far more than anyone holds (the catalogue has 17), and small
# enough that a forged credentials-TOTAL_FORMS cannot make the server build and render thousands of rows.
MAX_CREDENTIAL_ROWS = 40
# The largest id a row can have (a 64-bit integer): SQLite cannot even be asked about a larger one.
MAX_ROW_ID = 2**63 - 1


# ------------------------------------------------------------------ accounts


class SignupForm(UserCreationForm):
    """Django's UserCreationForm plus an e-mail address, which password resets are sent to.

    The address is not saved with the account: it is attached once its mailbox follows the link we send
    (roadmap.profiles.accounts). So the form never says whether an address is registered.
    """

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_(
            "We send you a link to confirm it. Then password-reset links and reminders (if you want them) go there."
        ),
        error_messages={
            "required": _("Enter your e-mail address: it is how you reset a forgotten password."),
            "invalid": _("Enter a valid e-mail address, e.g. maya@example.org."),
        },
    )

    field_order = ("username", "email", "password1", "password2")

    class Meta:
        model = User
        fields = ("username",)
        field_classes = {"username": UsernameField}

    def clean_email(self) -> str:
        return User.objects.normalize_email(self.cleaned_data["email"])


# ------------------------------------------------------------------ profile


class LoadedChoiceField(forms.ChoiceField):
    """Choose one of some model rows already loaded; cleans to that row (or None).

    A ModelChoiceField runs a query each time it renders or validates; the
    credentials formset has one per row, so it would cost a query per row.
    """

    def __init__(
        self,
        *,
        objects: Sequence[models.Model] = (),
        empty_label: str | Promise = "---------",
        label_of: Any = str,
        **kwargs: Any,
    ) -> None:
        self.empty_label = empty_label
        self.label_of = label_of
        super().__init__(**kwargs)
        self.set_objects(objects)

    def set_objects(self, objects: Iterable[models.Model]) -> None:
        self.objects = {str(obj.pk): obj for obj in objects}
        choices = [(key, self.label_of(obj)) for key, obj in self.objects.items()]
        self.choices = [("", self.empty_label), *choices]

    def to_python(self, value: Any) -> models.Model | None:
        if value in self.empty_values:
            return None
        try:
            return self.objects[str(value)]
        except KeyError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from None

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def prepare_value(self, value: Any) -> Any:
        return value.pk if isinstance(value, models.Model) else value

    def has_changed(self, initial: Any, data: Any) -> bool:
        return str(self.prepare_value(initial) or "") != str(data or "")


class RowsMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses an id no row can have before it asks the database.

    Django looks the posted ids up with `pk__in`, and SQLite raises OverflowError (a 500) for an
    integer beyond 64 bits instead of finding nothing.
    """

    def clean(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            for pk in value:
                try:
                    number = int(str(pk))
                except ValueError:
                    continue  # not a number: Django's own check names it
                if not -MAX_ROW_ID <= number <= MAX_ROW_ID:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super().clean(value)


def _count_field(name: str, *, maximum: int, negative: str | Promise, too_big: str | Promise) -> forms.Field:
    """The model field's form field (label, help text) with an upper bound and plain messages."""
    model_field = CareerProfile._meta.get_field(name)
    assert isinstance(model_field, models.PositiveIntegerField)
    field = model_field.formfield(
        max_value=maximum,
        error_messages={
            "required": _("Enter a number; 0 if none."),
            "invalid": _("Enter a whole number, e.g. 12."),
            "min_value": negative,
            "max_value": too_big,
        },
    )
    assert field is not None
    return field


DATE_INVALID = _("Enter a date as YYYY-MM-DD, e.g. 2027-01-04.")


class CareerProfileForm(forms.ModelForm):
    training_contact_hours = _count_field(
        "training_contact_hours",
        maximum=MAX_CONTACT_HOURS,
        negative=_("Contact hours cannot be negative; enter 0 if you have none."),
        too_big=format_lazy(
            _("Enter {maximum} contact hours or fewer; no coding program has more."), maximum=MAX_CONTACT_HOURS
        ),
    )
    coding_months = _count_field(
        "coding_months",
        maximum=MAX_MONTHS,
        negative=_("Months of coding experience cannot be negative; enter 0 if you have none."),
        too_big=format_lazy(_("Enter {maximum} months (50 years) or fewer of coding experience."), maximum=MAX_MONTHS),
    )
    coding_setting = LoadedChoiceField(
        label=_("Setting of that experience"),
        required=False,
        empty_label=_("No experience / not sure"),
        error_messages={"invalid_choice": _("Unknown work setting: %(value)s. Choose one from the list.")},
    )
    other_role_months = _count_field(
        "other_role_months",
        maximum=MAX_MONTHS,
        negative=_("Months in that role cannot be negative; enter 0 if none."),
        too_big=format_lazy(_("Enter {maximum} months (50 years) or fewer in that role."), maximum=MAX_MONTHS),
    )
    preferred_setting = LoadedChoiceField(
        label=_("Preferred work setting"),
        required=False,
        empty_label=_("Any setting"),
        help_text=_("Leave on “Any setting” if any would do."),
        error_messages={"invalid_choice": _("Unknown work setting: %(value)s. Choose one from the list.")},
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours a week for study"),
        min_value=1,
        max_value=MAX_HOURS_PER_WEEK,
        help_text=format_lazy(
            _("Between 1 and {maximum}. Every date in your plan follows from this."), maximum=MAX_HOURS_PER_WEEK
        ),
        error_messages={
            "required": format_lazy(
                _("Enter how many hours a week you can study, between 1 and {maximum}."), maximum=MAX_HOURS_PER_WEEK
            ),
            "invalid": _("Enter a whole number of hours, e.g. 10."),
            "min_value": format_lazy(_("Enter between 1 and {maximum} hours a week."), maximum=MAX_HOURS_PER_WEEK),
            "max_value": format_lazy(_("Enter between 1 and {maximum} hours a week."), maximum=MAX_HOURS_PER_WEEK),
        },
    )
    budget = forms.DecimalField(
        label=_("Budget (USD)"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text=_("What you can spend on courses, membership and exams. Leave empty for no set limit."),
        error_messages={
            "invalid": _("Enter an amount in US dollars, e.g. 3000 or 2500.50."),
            "min_value": _("A budget cannot be negative; leave it empty for no set limit."),
            "max_digits": _("Enter a budget under 10,000,000 USD."),
            "max_whole_digits": _("Enter a budget under 10,000,000 USD."),
            "max_decimal_places": _("Enter the budget in dollars and cents (at most 2 decimal places)."),
        },
    )

    class Meta:
        model = CareerProfile
        fields = (
            "education",
            "completed_training",
            "training_contact_hours",
            "studied_areas",
            "coding_months",
            "coding_setting",
            "currently_coding",
            "other_role",
            "other_role_months",
            "currently_in_other_role",
            "licences",
            "preferred_setting",
            "hours_per_week",
            "budget",
            "start_date",
            "target_date",
            "reminders_enabled",
        )
        labels = {
            "education": _("Highest education"),
            "studied_areas": _("Already studied"),
            "other_role": _("Other role"),
            "start_date": _("Start date"),
            "target_date": _("Target date"),
        }
        help_texts = {
            "education": _("The highest level you have finished."),
            "other_role": _("Leave on “None” unless you have worked in this role."),
            "other_role_months": _("Full-time months; 0 if none."),
            "licences": _("Tick every licence you hold now."),
            "studied_areas": _(
                "Tick what you have already studied in a course or use at work: your plan adds a study "
                "step only for what you have not."
            ),
            "start_date": _("When you can start working on your plan."),
            "target_date": _("Optional: when you would like to be certified."),
        }
        widgets = {
            "start_date": date_widget(),
            "target_date": date_widget(),
            "studied_areas": forms.CheckboxSelectMultiple,
        }
        field_classes = {"studied_areas": RowsMultipleChoiceField}
        error_messages = {
            "education": {
                "required": _("Choose your highest education."),
                "invalid_choice": _("Unknown education level: %(value)s. Choose one from the list."),
            },
            "completed_training": {
                "invalid_choice": _("Unknown kind of training: %(value)s. Tick the ones from the list."),
            },
            "other_role": {"invalid_choice": _("Unknown role: %(value)s. Choose one from the list.")},
            "licences": {"invalid_choice": _("Unknown licence: %(value)s. Tick the ones from the list.")},
            "studied_areas": {
                "invalid_choice": _("Unknown subject: %(value)s. Tick the ones from the list."),
                "invalid_pk_value": _("Unknown subject: %(pk)s. Tick the ones from the list."),
            },
            "start_date": {"required": _("Enter the date you can start."), "invalid": DATE_INVALID},
            "target_date": {"invalid": DATE_INVALID},
        }

    def __init__(self, *args: Any, work_settings: Iterable[WorkSetting], today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        work_settings = list(work_settings)
        fields: Any = self.fields  # the stubs type them as Field
        fields["coding_setting"].set_objects(work_settings)
        fields["preferred_setting"].set_objects(work_settings)
        fields["other_role"].choices = [("", _("None")), *fields["other_role"].choices[1:]]

    def clean_start_date(self) -> datetime.date:
        start: datetime.date = self.cleaned_data["start_date"]
        earliest = add_months(self.today, 12 * -START_DATE_YEARS_BACK)
        latest = add_months(self.today, 12 * START_DATE_YEARS_AHEAD)
        if not earliest <= start <= latest:
            raise ValidationError(
                _("Choose a start date between %(earliest)s and %(latest)s.")
                % {"earliest": earliest.isoformat(), "latest": latest.isoformat()},
                code="out_of_range",
            )
        return start

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, target = data.get("start_date"), data.get("target_date")
        if start and target:
            if target < start:
                self.add_error("target_date", _("The target date cannot be before the start date."))
            elif target > add_months(start, 12 * TARGET_DATE_YEARS_AFTER_START):
                self.add_error(
                    "target_date",
                    _("Choose a target date within %(years)d years of the start date.")
                    % {"years": TARGET_DATE_YEARS_AFTER_START},
                )
        if "other_role" in data and not data["other_role"]:  # Absent when the role itself was refused.
            if data.get("other_role_months"):
                self.add_error(
                    "other_role_months", _("You entered months in another role: choose the role, or enter 0 months.")
                )
            if data.get("currently_in_other_role"):
                self.add_error(
                    "currently_in_other_role",
                    _("Choose the role you work in now, or untick “I work in that role now”."),
                )
        return data


# ------------------------------------------------------------------ held credentials


def certification_label(certification: Certification) -> str:
    label = f"{certification.code} — {certification.name}"
    return label if certification.is_active else gettext("%(label)s (retired)") % {"label": label}


class HeldCredentialForm(forms.ModelForm):
    """One credential row. Both fields are needed in a row that is used, but the row itself is optional:
    they are checked in clean() so the page does not mark the empty extra rows as required."""

    certification = LoadedChoiceField(
        label=_("Credential"),
        required=False,
        label_of=certification_label,
        empty_label=_("Choose a credential"),
        error_messages={"invalid_choice": _("Unknown credential. Choose one from the list.")},
    )

    class Meta:
        model = HeldCredential
        fields = ("certification", "earned_on", "apprentice")
        labels = {"earned_on": _("Date earned"), "apprentice": _("Apprentice")}
        help_texts = {"apprentice": _("Still an apprentice, e.g. CPC-A.")}
        widgets = {"earned_on": date_widget()}
        error_messages = {"earned_on": {"invalid": DATE_INVALID}}

    def __init__(
        self, *args: Any, certifications: Iterable[Certification], today: datetime.date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        fields: Any = self.fields
        fields["certification"].set_objects(certifications)
        fields["earned_on"].required = False

    def clean_earned_on(self) -> datetime.date | None:
        earned_on: datetime.date | None = self.cleaned_data["earned_on"]
        if earned_on is None:
            return None
        if earned_on > self.today:
            raise ValidationError(_("The date earned cannot be in the future."), code="future")
        if earned_on < EARLIEST_CREDENTIAL_DATE:
            raise ValidationError(
                _("Check the date earned: it is before %(year)s.") % {"year": EARLIEST_CREDENTIAL_DATE.year},
                code="too_early",
            )
        return earned_on

    def clean(self) -> dict[str, Any]:
        super().clean()
        # Only rows that were filled in get here: the formset skips unchanged extra rows.
        if "certification" not in self.errors and self.cleaned_data.get("certification") is None:
            self.add_error("certification", _("Choose the credential you earned on this date."))
        if "earned_on" not in self.errors and self.cleaned_data.get("earned_on") is None:
            self.add_error("earned_on", _("Enter the date you earned this credential."))
        certification = self.cleaned_data.get("certification")
        if self.cleaned_data.get("apprentice") and certification and not certification.apprentice_designation:
            self.add_error(
                "apprentice",
                _("%(code)s has no apprentice designation: untick “Apprentice”.") % {"code": certification.code},
            )
        return self.cleaned_data


STALE_CREDENTIAL = _("This credential is no longer in your profile (was it removed in another tab?). Reload the page.")
TAMPERED_ROWS = _(
    "The list of credentials arrived altered: its row counts do not add up. Reload the page and try again; "
    "nothing was saved."
)


class BaseHeldCredentialFormSet(BaseInlineFormSet):
    """The credentials of one profile. Its queryset is that profile's credentials only.

    A posted id outside that queryset (another person's credential, or one
    removed in another tab) never reaches the database: Django builds a new,
    unsaved row for it and skips it on save; clean() says so instead of
    dropping what the person typed.

    The row counts of the management form are the client's word: clean() refuses
    counts that cannot come from the page, and no post holds more than
    MAX_CREDENTIAL_ROWS rows (Django builds at most that many forms).
    """

    default_error_messages = {
        "missing_management_form": _(
            "The list of credentials arrived incomplete or altered (%(field_names)s). Reload the page and try "
            "again; nothing was saved."
        ),
        "too_many_forms": _("You can list at most %(num)d credentials. Remove some rows and save again."),
    }

    def add_fields(self, form: HeldCredentialForm, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove this credential")
        if "id" in form.fields:
            form.fields["id"].error_messages["invalid_choice"] = STALE_CREDENTIAL

    def _check_row_counts(self) -> None:
        """Refuse negative counts, or more rows with a saved credential than rows (Django would mis-slice them)."""
        management = self.management_form
        if not management.is_valid():
            return  # Django has already said which count is missing or not a number.
        counts: dict[str, int] = {name: value or 0 for name, value in management.cleaned_data.items()}
        if any(value < 0 for value in counts.values()) or counts["INITIAL_FORMS"] > counts["TOTAL_FORMS"]:
            raise ValidationError(TAMPERED_ROWS, code="tampered")

    def clean(self) -> None:
        self._check_row_counts()
        # What the profile holds now, read again: the rows' instances already carry what was posted.
        held_now: dict[int, int] = {}
        if self.instance.pk is not None:
            held_now = dict(HeldCredential.objects.filter(profile=self.instance).values_list("certification_id", "pk"))
        # Which posted row edits each of those.
        editing: dict[int, tuple[int, HeldCredentialForm]] = {
            form.instance.pk: (number, form)
            for number, form in enumerate(self.initial_forms, start=1)
            if not form.instance._state.adding
        }
        # Before Django's own duplicate check, which would only say "Please correct the duplicate data".
        seen: dict[int, int] = {}
        for number, form in enumerate(self.forms, start=1):
            cleaned = getattr(form, "cleaned_data", {})
            if cleaned.get("DELETE"):
                continue
            if form in self.initial_forms and form.instance._state.adding and form.has_changed():
                form.add_error(None, STALE_CREDENTIAL)
                continue
            certification = cleaned.get("certification")
            if certification is None:
                continue
            if certification.pk in seen:
                form.add_error(
                    "certification",
                    _("You listed %(code)s twice (also in row %(row)d): list each credential once.")
                    % {"code": certification.code, "row": seen[certification.pk]},
                )
                continue
            seen[certification.pk] = number
            self._check_against_saved(form, certification, held_now.get(certification.pk), editing)
        super().clean()

    def _check_against_saved(
        self,
        form: HeldCredentialForm,
        certification: Certification,
        held_pk: int | None,
        editing: dict[int, tuple[int, HeldCredentialForm]],
    ) -> None:
        """Refuse a row that would break "each credential once" in the database, which the rows alone do not show.

        Another tab may have added the credential since this page was shown (or the row counts were forged so
        that a saved row looks new). And Django saves changed rows one by one, in order: a row may not take
        the credential another row still holds until that row's change (or removal) is saved.
        """
        if held_pk is None or held_pk == form.instance.pk:
            return
        code = certification.code
        if held_pk not in editing:
            form.add_error(
                "certification",
                _("%(code)s is already in your profile (was it added in another tab?). Reload the page to see it.")
                % {"code": code},
            )
            return
        number, other = editing[held_pk]
        other_cleaned = getattr(other, "cleaned_data", {})
        other_keeps_it = not other_cleaned.get("DELETE") and other_cleaned.get("certification") == certification
        # A new row is saved after every change to a saved row, so it may take what another row gives up.
        if form.instance._state.adding or other_keeps_it:
            return  # (when the other row keeps it, the duplicate check above names both rows)
        form.add_error(
            "certification",
            _(
                "%(code)s is still in row %(row)d until you save: change one of the two rows, save, then change "
                "the other."
            )
            % {"code": code, "row": number},
        )


HeldCredentialFormSet = inlineformset_factory(
    CareerProfile,
    HeldCredential,
    form=HeldCredentialForm,
    formset=BaseHeldCredentialFormSet,
    extra=CREDENTIAL_ROWS_EXTRA,
    can_delete=True,
    max_num=MAX_CREDENTIAL_ROWS,
    validate_max=True,
    absolute_max=MAX_CREDENTIAL_ROWS,
)
