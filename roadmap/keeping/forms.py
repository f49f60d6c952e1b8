"""Forms for keeping credentials: CEU activities, memberships and the held credentials' dates.

Choice lists (the person's own credentials, the bodies) come from rows the view
has already loaded, so a posted id that is not among them (another person's
credential) is refused by the form like any unknown choice.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import date_format, number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from certifications.models import CertifyingBody
from roadmap.form_helpers import date_widget
from roadmap.models import CERTIFICATE_MAX_BYTES, MAX_CEUS_PER_ACTIVITY, CeuActivity, HeldCredential, Membership
from roadmap.planner import add_months

EARLIEST_DATE = datetime.date(1950, 1, 1)  # Before any of today's coding credentials existed.
MEMBERSHIP_YEARS_AHEAD = 5  # Memberships renew every year; a date further off is a typing mistake.
DATE_INVALID = _("Enter a date as YYYY-MM-DD, e.g. 2026-05-10.")
MAX_CEUS = f"{MAX_CEUS_PER_ACTIVITY.normalize():f}"

# What each accepted extension must contain: the first bytes ("magic number") of the format.
CERTIFICATE_TYPES: dict[str, tuple[str, bytes]] = {
    ".pdf": ("PDF", b"%PDF-"),
    ".png": ("PNG", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("JPEG", b"\xff\xd8\xff"),
    ".jpeg": ("JPEG", b"\xff\xd8\xff"),
}
CERTIFICATE_ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
CERTIFICATE_MAX_MB = CERTIFICATE_MAX_BYTES // (1024 * 1024)


def credential_label(held: HeldCredential) -> str:
    """'CPC — Certified Professional Coder (earned 10 May 2025)'. Reads certification: select_related it."""
    return gettext("%(code)s — %(name)s (earned %(date)s)") % {
        "code": held.certification.code,
        "name": held.certification.name,
        "date": date_format(held.earned_on),
    }


class HeldCredentialsField(forms.MultipleChoiceField):
    """Tick some of the person's own credentials, already loaded; cleans to those HeldCredential rows.

    A ModelMultipleChoiceField would query to render and again to validate; and
    an id outside the list (another person's credential) is an invalid choice.
    """

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.set_credentials(())

    def set_credentials(self, credentials: Iterable[HeldCredential]) -> None:
        self.credentials = {str(held.pk): held for held in credentials}
        self.choices = [(key, credential_label(held)) for key, held in self.credentials.items()]

    def clean(self, value: Any) -> list[HeldCredential]:
        keys = super().clean(value)
        return [self.credentials[key] for key in keys]


# ------------------------------------------------------------------ CEU activities


class CeuActivityForm(forms.ModelForm):
    ceus = forms.DecimalField(
        label=_("CEUs"),
        decimal_places=2,
        help_text=format_lazy(
            _("As printed on the certificate, e.g. 1 or 1.5. At most {maximum} for one activity."), maximum=MAX_CEUS
        ),
        error_messages={
            "required": _("Enter the number of CEUs, e.g. 1 or 1.5."),
            "invalid": _("Enter the CEUs as a number, e.g. 1 or 1.5."),
            "max_decimal_places": _("Enter CEUs with at most 2 decimal places, e.g. 1.25."),
        },
    )
    credentials = HeldCredentialsField(
        label=_("Counts toward"),
        help_text=_("The credentials this activity counts toward. Tick at least one."),
        error_messages={
            "required": _("Tick at least one credential this activity counts toward."),
            "invalid_choice": _("Tick only credentials from your own list; reload the page if it has changed."),
        },
    )
    remove_certificate = forms.BooleanField(
        label=_("Remove the certificate on file"), required=False, help_text=_("It is deleted for good when you save.")
    )
    # Made when the add page is shown: a double submit of that page logs the activity once (see ceu_views).
    # Not required: a page shown before the token existed still logs, only without that protection.
    save_token = forms.UUIDField(
        label=_("This page"),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("it arrived altered, so nothing was saved. Reload the page and log the activity again.")
        },
    )

    class Meta:
        model = CeuActivity
        fields = ("completed_on", "title", "provider", "ceus", "category", "certificate")
        labels = {"completed_on": _("Date completed"), "certificate": _("Certificate (optional)")}
        help_texts = {
            "title": _("The course, webinar or article, as the certificate names it."),
            "provider": _("Who gave it, e.g. AAPC or a local chapter. Optional."),
            "category": _("Auditing, compliance and documentation CEUs also count toward the total."),
            "certificate": format_lazy(
                _("A PDF, PNG or JPEG of at most {maximum} MB. Keep it for audits: only you can download it."),
                maximum=CERTIFICATE_MAX_MB,
            ),
        }
        widgets = {
            "completed_on": date_widget(),
            "certificate": forms.FileInput(attrs={"accept": CERTIFICATE_ACCEPT}),
        }
        error_messages = {
            "completed_on": {"required": _("Enter the date you completed the activity."), "invalid": DATE_INVALID},
            "title": {
                "required": _("Enter the activity's title, e.g. the name of the webinar."),
                "max_length": _("Keep the title to %(limit_value)d characters or fewer (it has %(show_value)d)."),
            },
            "provider": {"max_length": _("Keep the provider to %(limit_value)d characters or fewer.")},
            "category": {"invalid_choice": _("Unknown category: %(value)s. Choose one from the list.")},
            "certificate": {
                "empty": _("The file is empty: choose the certificate file again."),
                "invalid": _("No file was sent: choose the certificate file again."),
                "missing": _("No file was sent: choose the certificate file again."),
                "max_length": _(
                    "The file name is too long: rename the file (at most %(max)d characters) and try again."
                ),
            },
        }

    def __init__(self, *args: Any, credentials: Sequence[HeldCredential], today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        fields: Any = self.fields  # the stubs type them as Field
        fields["credentials"].set_credentials(credentials)
        if self.instance.pk is None:
            self.initial.setdefault("credentials", [str(held.pk) for held in credentials])
            self.initial.setdefault("save_token", uuid.uuid4())
            del fields["remove_certificate"]
        else:
            self.initial["credentials"] = [str(pk) for pk in self.instance.credentials.values_list("pk", flat=True)]
            del fields["save_token"]
            if not self.instance.certificate:
                del fields["remove_certificate"]

    def clean_completed_on(self) -> datetime.date:
        completed_on: datetime.date = self.cleaned_data["completed_on"]
        if completed_on > self.today:
            raise ValidationError(
                _("The date cannot be in the future: log an activity once you have completed it."), code="future"
            )
        if completed_on < EARLIEST_DATE:
            raise ValidationError(
                _("Check the date: it is before %(year)s.") % {"year": EARLIEST_DATE.year}, code="too_early"
            )
        return completed_on

    def clean_ceus(self) -> Decimal:
        ceus: Decimal = self.cleaned_data["ceus"]
        if ceus <= 0:
            raise ValidationError(_("Enter a positive number of CEUs, e.g. 1 or 1.5."), code="not_positive")
        if ceus > MAX_CEUS_PER_ACTIVITY:
            raise ValidationError(
                _(
                    "One activity can count for at most %(maximum)s CEUs. Enter %(maximum)s or fewer, or log the "
                    "activity in parts."
                )
                % {"maximum": MAX_CEUS},
                code="too_many",
            )
        return ceus

    def clean_certificate(self) -> Any:
        upload = self.cleaned_data.get("certificate")
        if not isinstance(upload, UploadedFile):
            return upload  # the file already on file, or none
        name = PurePath(upload.name or "").name
        kind = CERTIFICATE_TYPES.get(PurePath(name).suffix.lower())
        if kind is None:
            raise ValidationError(
                _("Upload the certificate as a PDF, PNG or JPEG file: “%(name)s” is not one.") % {"name": name},
                code="file_type",
            )
        if upload.size is not None and upload.size > CERTIFICATE_MAX_BYTES:
            raise ValidationError(
                _(
                    "The file is %(size)s MB: a certificate can be at most %(maximum)s MB. Save it as a smaller "
                    "PDF or image and try again."
                )
                % {"size": number_format(upload.size / (1024 * 1024), 1), "maximum": CERTIFICATE_MAX_MB},
                code="file_size",
            )
        label, magic = kind
        upload.seek(0)
        head = upload.read(len(magic))
        upload.seek(0)
        if head != magic:
            raise ValidationError(
                _(
                    "“%(name)s” is not really a %(kind)s file: its content does not match its name. Upload the "
                    "certificate as a PDF, PNG or JPEG file."
                )
                % {"name": name, "kind": label},
                code="file_content",
            )
        return upload

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("remove_certificate") and isinstance(data.get("certificate"), UploadedFile):
            self.add_error(
                "remove_certificate", _("Either upload a new certificate or remove the one on file, not both.")
            )
        elif data.get("remove_certificate"):
            data["certificate"] = ""
        return data

    def save(self, commit: bool = True) -> CeuActivity:
        """Saves the activity and the credentials it counts toward. The view deletes a replaced file."""
        if "save_token" in self.fields:
            self.instance.save_token = self.cleaned_data["save_token"]
        activity: CeuActivity = super().save(commit=commit)
        if commit:
            activity.credentials.set(self.cleaned_data["credentials"])
        return activity


# ------------------------------------------------------------------ memberships


def body_label(body: CertifyingBody) -> str:
    label = f"{body.abbreviation} — {body.name}"
    if body.membership_required_to_keep:
        return gettext("%(body)s (needed to keep its credentials)") % {"body": label}
    return label


class _BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return body_label(obj)


def _clean_renewal(renews_on: datetime.date, today: datetime.date) -> datetime.date:
    latest = add_months(today, 12 * MEMBERSHIP_YEARS_AHEAD)
    if renews_on > latest:
        raise ValidationError(
            _("Check the renewal date: memberships renew every year, so it should be before %(date)s.")
            % {"date": latest.isoformat()},
            code="too_late",
        )
    if renews_on < EARLIEST_DATE:
        raise ValidationError(
            _("Check the renewal date: it is before %(year)s.") % {"year": EARLIEST_DATE.year}, code="too_early"
        )
    return renews_on


MEMBERSHIP_DATE_MESSAGES = {
    "required": _("Enter the next renewal date shown in your account with the body."),
    "invalid": DATE_INVALID,
}


class MembershipForm(forms.ModelForm):
    """A new membership: the body (one not already listed) and its next renewal date."""

    body = _BodyChoiceField(
        queryset=CertifyingBody.objects.none(),
        label=_("Certifying body"),
        empty_label=_("Choose a body"),
        error_messages={
            "required": _("Choose the body you are a member of."),
            "invalid_choice": _("Choose a body from the list: you may already have listed that membership."),
        },
    )

    class Meta:
        model = Membership
        fields = ("body", "renews_on")
        labels = {"renews_on": _("Next renewal date")}
        widgets = {"renews_on": date_widget()}
        error_messages = {"renews_on": MEMBERSHIP_DATE_MESSAGES}

    def __init__(
        self,
        *args: Any,
        taken: Iterable[int],
        today: datetime.date,
        preselect: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        fields: Any = self.fields
        bodies = CertifyingBody.objects.exclude(pk__in=list(taken))
        fields["body"].queryset = bodies
        # ?body= comes from a link, or from anyone: a NUL byte is no body's name, and PostgreSQL would refuse it.
        if preselect and "\x00" not in preselect and not self.is_bound:
            self.initial["body"] = bodies.filter(abbreviation=preselect).values_list("pk", flat=True).first()

    def clean_renews_on(self) -> datetime.date:
        return _clean_renewal(self.cleaned_data["renews_on"], self.today)


class MembershipDateForm(forms.ModelForm):
    """An existing membership's next renewal date (the body stays: delete and add to change it)."""

    class Meta:
        model = Membership
        fields = ("renews_on",)
        labels = {"renews_on": _("Next renewal date")}
        widgets = {"renews_on": date_widget()}
        error_messages = {"renews_on": MEMBERSHIP_DATE_MESSAGES}

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_renews_on(self) -> datetime.date:
        return _clean_renewal(self.cleaned_data["renews_on"], self.today)


# ------------------------------------------------------------------ held credentials


class HeldCredentialEditForm(forms.ModelForm):
    """When a credential was earned (its CEU cycle may start that day) and, where it applies, the apprentice tick."""

    class Meta:
        model = HeldCredential
        fields = ("earned_on", "apprentice")
        labels = {"earned_on": _("Date earned")}
        help_texts = {"earned_on": _("The date you passed the exam, as on your certificate.")}
        widgets = {"earned_on": date_widget()}
        error_messages = {
            "earned_on": {"required": _("Enter the date you earned this credential."), "invalid": DATE_INVALID}
        }

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        designation = self.instance.certification.apprentice_designation
        fields: Any = self.fields
        if designation:
            fields["apprentice"].label = _("I still hold the %(designation)s (apprentice) designation") % {
                "designation": designation
            }
            fields["apprentice"].help_text = _("Untick once %(body)s has removed the “A” from your credential.") % {
                "body": self.instance.certification.body
            }
        else:
            del fields["apprentice"]

    def clean_earned_on(self) -> datetime.date:
        earned_on: datetime.date = self.cleaned_data["earned_on"]
        if earned_on > self.today:
            raise ValidationError(_("The date earned cannot be in the future."), code="future")
        if earned_on < EARLIEST_DATE:
            raise ValidationError(
                _("Check the date earned: it is before %(year)s.") % {"year": EARLIEST_DATE.year}, code="too_early"
            )
        return earned_on
