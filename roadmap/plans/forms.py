"""Forms for saved roadmaps: every value a roadmap page posts goes through one of these.

The roadmap pages lay these fields out by hand (small inline forms repeated on
every step), so the forms carry the validation and the messages, not the markup.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from roadmap.models import RoadmapStep

Status = RoadmapStep.Status

NOTE_MAX_LENGTH: int = RoadmapStep._meta.get_field("note").max_length or 2000


def _status_names() -> str:
    return ", ".join(str(label) for _value, label in Status.choices)


EARLIEST_DONE_ON = datetime.date(2000, 1, 1)  # before any of today's coding credentials' current exams


def _done_on_field() -> forms.DateField:
    return forms.DateField(
        label=_("Done on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the day you finished as YYYY-MM-DD, e.g. 2027-03-06.")},
    )


def _clean_done_on(day: datetime.date | None) -> datetime.date | None:
    today = timezone.localdate()
    if day is not None and day > today:
        raise forms.ValidationError(
            _("The day you finished cannot be in the future (today is %(today)s).") % {"today": today.isoformat()}
        )
    if day is not None and day < EARLIEST_DONE_ON:
        raise forms.ValidationError(_("Enter a day after %(day)s.") % {"day": EARLIEST_DONE_ON.isoformat()})
    return day


class StepStatusForm(forms.Form):
    """One click on a status button: the status wanted and the status the person saw.

    `expected` lets the service refuse a click from a stale tab and ignore a
    double click (see roadmap.plans.services.set_step_status).
    """

    status = forms.ChoiceField(
        choices=Status.choices,
        error_messages={
            "required": _("Choose a status for this step."),
            # {names} is filled when the message is shown, in the page's language (%(value)s then by the form).
            "invalid_choice": format_lazy(
                _("“%(value)s” is not a step status; choose one of {names}."), names=lazy(_status_names, str)()
            ),
        },
    )
    expected = forms.ChoiceField(
        choices=Status.choices,
        error_messages={
            "required": _("We could not tell which status you saw; reload the page and try again."),
            "invalid_choice": _("“%(value)s” is not a step status; reload the page and try again."),
        },
    )
    done_on = _done_on_field()

    def clean_done_on(self) -> datetime.date | None:
        """The day a step marked done was finished: today when left empty, never in the future."""
        return _clean_done_on(self.cleaned_data.get("done_on"))


class CompletedOnForm(forms.Form):
    """The real day a done step was finished."""

    done_on = _done_on_field()

    def clean_done_on(self) -> datetime.date:
        day = _clean_done_on(self.cleaned_data.get("done_on"))
        if day is None:
            raise forms.ValidationError(_("Enter the day you finished, e.g. 2027-03-06."))
        return day


class StepNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Your note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=format_lazy(
            _("Only you see it. Up to {maximum} characters."),
            maximum=lazy(lambda: number_format(NOTE_MAX_LENGTH, force_grouping=True), str)(),
        ),
        error_messages={
            "max_length": _("Keep your note to %(limit_value)s characters or fewer (it has %(show_value)s)."),
        },
    )


class SavePlanForm(forms.Form):
    """The "Save this roadmap" button. The token is made when the page renders, so a resubmission saves once."""

    save_token = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This page was missing its save token: nothing was saved. Press “Save this roadmap” again."),
            "invalid": _("This page's save token was not valid: nothing was saved. Press “Save this roadmap” again."),
        },
    )


class ReplanForm(forms.Form):
    """The re-plan page's two buttons: re-plan now, or hide the summary of the last re-plan."""

    REPLAN = "replan"
    DISMISS = "dismiss"

    action = forms.ChoiceField(
        choices=[(REPLAN, _("Re-plan this roadmap")), (DISMISS, _("Hide what changed"))],
        widget=forms.HiddenInput,
        error_messages={
            "required": _("We could not tell what you wanted to do: nothing changed. Try again."),
            "invalid_choice": _("“%(value)s” is not something this page can do: nothing changed."),
        },
    )


class PagePartForm(forms.Form):
    """`?partial=progress` on the roadmap page: the progress section alone.

    The page itself no longer asks for it: a step change's htmx answer carries the section out of band.
    """

    PROGRESS = "progress"

    partial = forms.ChoiceField(
        choices=[("", _("The whole page")), (PROGRESS, _("Progress"))],
        required=False,
        error_messages={"invalid_choice": _("There is no part of the roadmap page called “%(value)s”.")},
    )


class ShareForm(forms.Form):
    """Share a roadmap, or change what its shared page shows: the one choice is whether it shows the notes."""

    include_notes = forms.BooleanField(label=_("Include my notes"), required=False)
