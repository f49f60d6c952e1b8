"""The CEU log and the credential wallet.

Every page here belongs to the signed-in person: another person's activity,
credential, membership or certificate is a 404, never a 403, and every change
is a CSRF-protected POST. Certificates are stored privately and streamed only
to their owner; a replaced, removed or deleted certificate is deleted from
storage once the change is committed.

Query budgets (asserted in tests/roadmap/test_ceu_views.py and test_wallet_views.py),
whatever the number of activities or credentials:
- CEU page and CSV export: session, user, profile, then ceu_overview's 7 (10);
- wallet: the same 10; when a credential carries an apprentice designation, also the
  profile's credentials and studied areas for the planner, the catalogue version and the
  active roadmap's steps: 14 (30 when this process must read the catalogue again, 16 queries).
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import Storage
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Q, prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from certifications.formatting import day, number
from certifications.models import CertifyingBody
from roadmap import planner
from roadmap.http import AuthedRequest
from roadmap.keeping import cycles
from roadmap.keeping.calendar_feed import calendar_feed_url
from roadmap.keeping.ceus import COUNTED_WORDS, CeuOverview, before_earned_warnings, ceu_overview, log_rows
from roadmap.keeping.forms import CeuActivityForm, HeldCredentialEditForm, MembershipDateForm, MembershipForm
from roadmap.models import (
    PLANNER_PROFILE_PREFETCH,
    PLANNER_PROFILE_SELECT,
    CareerProfile,
    CeuActivity,
    HeldCredential,
    Membership,
    RoadmapStep,
)
from roadmap.owners import profile_of
from roadmap.page_cache import private_page
from roadmap.snapshot import load_snapshot

NO_CREDENTIALS = gettext_lazy(
    "Add the credentials you hold in your profile or wallet, or mark your exam step done on your roadmap: "
    "CEUs are logged toward a credential."
)
LOG_PAGE_SIZE = 50  # activities on one page of the log (the CSV export has them all)
CSV_HEADER = (
    gettext_lazy("Date"),
    gettext_lazy("Title"),
    gettext_lazy("Provider"),
    gettext_lazy("CEUs"),
    gettext_lazy("Category"),
    gettext_lazy("Counts toward"),
    gettext_lazy("Certificate on file"),
    gettext_lazy("Counted"),
)
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# ------------------------------------------------------------ ownership


def _get_activity_for_user(request: AuthedRequest, pk: int) -> CeuActivity:
    return get_object_or_404(CeuActivity.objects.select_related("profile"), pk=pk, profile__user=request.user)


def _get_credential_for_user(request: AuthedRequest, pk: int) -> HeldCredential:
    return get_object_or_404(
        HeldCredential.objects.select_related("certification__body__ceu_policy"), pk=pk, profile__user=request.user
    )


def _get_membership_for_user(request: AuthedRequest, pk: int) -> Membership:
    return get_object_or_404(Membership.objects.select_related("body__ceu_policy"), pk=pk, profile__user=request.user)


def _credentials_of(profile: CareerProfile) -> list[HeldCredential]:
    """The profile's credentials for the activity form's checkboxes, with what the before-earned warning reads."""
    return list(profile.credentials.select_related("certification__body__ceu_policy"))


def _profile_missing(request: AuthedRequest) -> HttpResponse:
    messages.info(request, _("Tell us about yourself first: your credentials and CEUs belong to your profile."))
    return redirect("profile")


def _delete_file_after_commit(storage: Storage, name: str) -> None:
    """Delete a stored file once the transaction that stopped using it commits (never before: a rollback keeps it)."""
    if name:
        transaction.on_commit(partial(storage.delete, name))


# ------------------------------------------------------------ the CEU log


def _log_url(activity: CeuActivity) -> str:
    """The page of the log that shows the activity, scrolled to it (the log is newest first, as the model orders)."""
    newer = CeuActivity.objects.filter(
        Q(completed_on__gt=activity.completed_on) | Q(completed_on=activity.completed_on, pk__gt=activity.pk),
        profile_id=activity.profile_id,
    ).count()
    page = newer // LOG_PAGE_SIZE + 1
    return reverse("ceus:list") + (f"?page={page}" if page > 1 else "") + f"#activity-{activity.pk}"


@login_required
@private_page
@require_safe
def ceu_list(request: AuthedRequest) -> HttpResponse:
    """Progress this cycle counts every activity; the log below shows them LOG_PAGE_SIZE at a time.

    A page number that is not one (or past the end, after a delete) shows the nearest page.
    """
    today = timezone.localdate()
    profile = profile_of(request)
    overview = ceu_overview(profile, today) if profile is not None else None
    rows = Paginator(log_rows(overview) if overview else [], LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "profile": profile,
        "statuses": overview.statuses if overview else (),
        "credentials": overview.credentials if overview else [],
        "rows": rows,
        "no_credentials": NO_CREDENTIALS,
        "today": today,
    }
    return render(request, "roadmap/ceus/list.html", context)


def _activity_form_page(
    request: AuthedRequest, activity: CeuActivity, credentials: Sequence[HeldCredential]
) -> HttpResponse:
    """The add and edit pages: one form, and on success the activity saved, warnings shown, back to the log."""
    today = timezone.localdate()
    is_new = activity.pk is None
    if request.method == "POST":
        old_certificate = activity.certificate.name or ""  # the form replaces it on the instance while validating
        form = CeuActivityForm(request.POST, request.FILES, instance=activity, credentials=credentials, today=today)
        if form.is_valid():
            sent_before = False
            if is_new:
                activity, sent_before = _logged_once(form, activity.profile_id)
            else:
                with transaction.atomic():
                    activity = form.save()
                    if old_certificate != (activity.certificate.name or ""):
                        _delete_file_after_commit(activity.certificate.storage, old_certificate)
            values = {"title": activity.title, "ceus": number(activity.ceus), "date": day(activity.completed_on)}
            if sent_before:
                logged = _("Logged “%(title)s”: %(ceus)s CEUs on %(date)s, once: this page was sent twice.")
            elif is_new:
                logged = _("Logged “%(title)s”: %(ceus)s CEUs on %(date)s.")
            else:
                logged = _("Saved “%(title)s”: %(ceus)s CEUs on %(date)s.")
            messages.success(request, logged % values)
            for warning in before_earned_warnings(activity.completed_on, form.cleaned_data["credentials"]):
                messages.warning(request, warning)
            return redirect(_log_url(activity))
        status = 400
    else:
        form = CeuActivityForm(instance=activity, credentials=credentials, today=today)
        status = 200
    context = {"form": form, "activity": None if is_new else activity}
    return render(request, "roadmap/ceus/form.html", context, status=status)


def _logged_once(form: CeuActivityForm, profile_id: int) -> tuple[CeuActivity, bool]:
    """Log the add page's activity once: the activity, and whether this page had already logged it.

    The page's token makes a second submit of it (a double click, a page sent again) answer with the
    activity the first one logged instead of logging a copy. Two submits at once both find none there:
    the unique (profile, token) constraint lets one in (PostgreSQL makes the other's insert wait for it,
    then refuses it), and the other deletes the certificate it had already stored.
    """
    token = form.cleaned_data["save_token"]
    with transaction.atomic():
        twin = _logged_with(profile_id, token)
        if twin is not None:
            return twin, True
        try:
            with transaction.atomic():
                return form.save(), False
        except IntegrityError:
            certificate = form.instance.certificate
            if certificate.name:  # stored just before the refused insert: no activity will ever name it
                certificate.storage.delete(certificate.name)
            twin = _logged_with(profile_id, token)
            if twin is None:
                raise
            return twin, True


def _logged_with(profile_id: int, token: uuid.UUID | None) -> CeuActivity | None:
    return CeuActivity.objects.filter(profile_id=profile_id, save_token=token).first() if token else None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ceu_add(request: AuthedRequest) -> HttpResponse:
    profile = profile_of(request)
    if profile is None:
        return _profile_missing(request)
    credentials = _credentials_of(profile)
    if not credentials:
        messages.info(request, NO_CREDENTIALS)
        return redirect("ceus:list")
    return _activity_form_page(request, CeuActivity(profile=profile), credentials)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ceu_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = _get_activity_for_user(request, pk)
    return _activity_form_page(request, activity, _credentials_of(activity.profile))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ceu_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = _get_activity_for_user(request, pk)
    if request.method == "POST":
        with transaction.atomic():
            certificate = activity.certificate.name or ""
            activity.delete()
            _delete_file_after_commit(activity.certificate.storage, certificate)
        messages.success(request, _("Deleted “%(title)s” from your CEU log.") % {"title": activity.title})
        return redirect("ceus:list")
    facts = {
        "ceus": number(activity.ceus),
        "category": activity.get_category_display().lower(),
        "date": day(activity.completed_on),
        "provider": activity.provider,
    }
    context = {
        "heading": _("Delete “%(title)s” from your CEU log?") % {"title": activity.title},
        "details": [
            (
                _("%(ceus)s CEUs, %(category)s, completed on %(date)s, from %(provider)s.")
                if activity.provider
                else _("%(ceus)s CEUs, %(category)s, completed on %(date)s.")
            )
            % facts,
            *([_("Its certificate will be deleted too.")] if activity.certificate else []),
            _("The CEUs will no longer count toward your cycle."),
        ],
        "button": _("Delete this activity"),
        "action": reverse("ceus:delete", args=[activity.pk]),
        "cancel": _log_url(activity),
        "cancel_label": _("Keep it"),
    }
    return render(request, "roadmap/ceus/confirm_delete.html", context)


@never_cache
@login_required
@require_safe
def ceu_certificate(request: AuthedRequest, pk: int) -> FileResponse:
    activity = _get_activity_for_user(request, pk)
    if not activity.certificate:
        raise Http404(_("No certificate on file for this activity."))
    try:
        handle = activity.certificate.open("rb")
    except FileNotFoundError:
        raise Http404(_("The certificate file is missing.")) from None
    # A name built from what we know, never the stored path or the uploader's own file name.
    title = slugify(activity.title)[:60].strip("-")
    suffix = PurePath(activity.certificate.name).suffix.lower()
    filename = f"ceu-certificate-{activity.completed_on:%Y-%m-%d}{f'-{title}' if title else ''}{suffix}"
    return FileResponse(handle, as_attachment=True, filename=filename)


def _csv_cell(value: str) -> str:
    return f"'{value}" if value.startswith(CSV_FORMULA_STARTS) else value


def _ceus_text(value: Decimal) -> str:
    return f"{value.normalize():f}"


@never_cache
@login_required
@require_safe
def ceu_export(request: AuthedRequest) -> HttpResponse:
    """The whole log as CSV, newest first, for an audit: each row says whether it counts and why not."""
    today = timezone.localdate()
    profile = profile_of(request)
    rows = log_rows(ceu_overview(profile, today)) if profile is not None else []
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ceu-log-{today:%Y-%m-%d}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for row in rows:
        activity = row.activity
        cells = (
            activity.completed_on.isoformat(),
            activity.title,
            activity.provider,
            _ceus_text(activity.ceus),
            activity.get_category_display(),
            "; ".join(row.toward),
            COUNTED_WORDS["yes" if activity.certificate else "no"],
            row.counted_text,
        )
        writer.writerow([_csv_cell(str(cell)) for cell in cells])
    return response


# ------------------------------------------------------------ the wallet


@dataclass(frozen=True)
class WalletCredential:
    held: HeldCredential
    status: cycles.BodyStatus | None  # its body's current cycle; None when no CEU rule is known for the body
    counted_through: tuple[str, ...]  # when another credential replaces it for CEUs (RHIT under RHIA)
    apprentice: planner.ApprenticeProgress | None


@dataclass(frozen=True)
class MembershipRow:
    body: CertifyingBody
    membership: Membership | None  # None: required to keep a credential, and no renewal date yet
    required: bool
    lapsed: bool  # the renewal date has passed


def _wallet_credentials(profile: CareerProfile, overview: CeuOverview, today: date) -> list[WalletCredential]:
    """Each credential with its body's cycle and, for an apprentice, the way to remove the designation.

    Reads the catalogue (16 queries), what the planner needs of the profile and the active roadmap's
    steps (1) only when someone holds an apprentice designation. What the roadmap shows done counts
    (a finished course is not asked for again), and when the roadmap has the step that sends the
    proof, its date is the date shown: one schedule for the roadmap and the wallet.
    """
    by_body = {status.body: status for status in overview.statuses}
    apprentices = [h for h in overview.credentials if h.apprentice and h.certification.apprentice_designation]
    progress: dict[int, planner.ApprenticeProgress | None] = {}
    if apprentices:
        catalogue = load_snapshot()
        prefetch_related_objects([profile], *PLANNER_PROFILE_SELECT, *PLANNER_PROFILE_PREFETCH)
        steps = list(
            RoadmapStep.objects.filter(roadmap__user_id=profile.user_id, roadmap__is_active=True).only(
                "key", "status", "removes_apprentice", "planned_finish"
            )
        )
        done = [step.key for step in steps if step.status == RoadmapStep.Status.DONE]
        person = planner.with_done_steps(profile.as_planner_profile(), catalogue, done)
        for held in apprentices:
            code = held.certification.code
            # A retired certification is not in the planner's catalogue: nothing to plan from.
            if not catalogue.has(code):
                continue
            found = planner.apprentice_progress(person, catalogue, code, today)
            proof = next((s for s in steps if s.removes_apprentice == code and not s.is_finished), None)
            if found is not None and proof is not None:
                found = replace(found, removable_on=proof.planned_finish)
            progress[held.pk] = found
    rows = []
    for held in overview.credentials:
        status = by_body.get(held.certification.body.abbreviation)
        through = status.credentials if status and held.certification.code not in status.credentials else ()
        rows.append(WalletCredential(held, status, through, progress.get(held.pk)))
    return rows


def _membership_rows(overview: CeuOverview, today: date) -> list[MembershipRow]:
    """Every membership listed, then every body whose credentials need one that has no renewal date."""
    rows = [
        MembershipRow(m.body, m, bool(m.body.membership_required_to_keep), m.renews_on < today)
        for m in overview.memberships
    ]
    listed = {m.body_id for m in overview.memberships}
    for held in overview.credentials:
        body = held.certification.body
        if body.membership_required_to_keep and body.pk not in listed:
            listed.add(body.pk)
            rows.append(MembershipRow(body, None, True, False))
    return rows


@login_required
@private_page
@require_safe
def wallet(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    profile = profile_of(request)
    context: dict[str, Any] = {"profile": profile, "credentials": [], "memberships": [], "today": today}
    if profile is not None:
        overview = ceu_overview(profile, today)
        memberships = _membership_rows(overview, today)
        context.update(
            calendar_feed_url=calendar_feed_url(profile, request),
            credentials=_wallet_credentials(profile, overview, today),
            memberships=[row for row in memberships if row.membership is not None],
            missing_memberships=[row for row in memberships if row.membership is None],
        )
    return render(request, "roadmap/ceus/wallet.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def credential_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    held = _get_credential_for_user(request, pk)
    today = timezone.localdate()
    if request.method == "POST":
        form = HeldCredentialEditForm(request.POST, instance=held, today=today)
        if form.is_valid():
            held = form.save()
            code = held.certification.code
            messages.success(
                request, _("Saved your %(code)s: earned on %(date)s.") % {"code": code, "date": day(held.earned_on)}
            )
            policy = getattr(held.certification.body, "ceu_policy", None)
            if policy is not None and not policy.counts_before_certification:
                before = held.ceu_activities.filter(completed_on__lt=held.earned_on).count()
                if before:
                    messages.warning(
                        request,
                        ngettext(
                            "%(count)d logged activity is dated before you earned %(code)s on %(date)s: it does "
                            "not count toward %(code)s.",
                            "%(count)d logged activities are dated before you earned %(code)s on %(date)s: they "
                            "do not count toward %(code)s.",
                            before,
                        )
                        % {"count": before, "code": code, "date": day(held.earned_on)},
                    )
            return redirect(reverse("ceus:wallet") + f"#credential-{held.pk}")
        status = 400
    else:
        form = HeldCredentialEditForm(instance=held, today=today)
        status = 200
    return render(request, "roadmap/ceus/credential_form.html", {"form": form, "held": held}, status=status)


def _membership_saved(membership: Membership) -> str:
    return _("Saved your %(body)s membership: it renews on %(date)s.") % {
        "body": membership.body,
        "date": day(membership.renews_on),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def membership_add(request: AuthedRequest) -> HttpResponse:
    profile = profile_of(request)
    if profile is None:
        return _profile_missing(request)
    today = timezone.localdate()
    taken = list(profile.memberships.values_list("body_id", flat=True))
    membership = Membership(profile=profile)
    if request.method == "POST":
        form = MembershipForm(request.POST, instance=membership, taken=taken, today=today)
        if form.is_valid():
            try:
                with transaction.atomic():
                    membership = form.save()
            except IntegrityError:  # added in another tab since this form was shown
                form.add_error("body", _("You already listed this membership: edit its renewal date instead."))
            else:
                messages.success(request, _membership_saved(membership))
                return redirect(reverse("ceus:wallet") + "#memberships")
        status = 400
    else:
        # ?body=AAPC (from "add its renewal date" links) only preselects one of the form's own choices.
        form = MembershipForm(instance=membership, taken=taken, today=today, preselect=request.GET.get("body", ""))
        status = 200
    return render(request, "roadmap/ceus/membership_form.html", {"form": form, "membership": None}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def membership_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    membership = _get_membership_for_user(request, pk)
    today = timezone.localdate()
    if request.method == "POST":
        form = MembershipDateForm(request.POST, instance=membership, today=today)
        if form.is_valid():
            membership = form.save()
            messages.success(request, _membership_saved(membership))
            return redirect(reverse("ceus:wallet") + "#memberships")
        status = 400
    else:
        form = MembershipDateForm(instance=membership, today=today)
        status = 200
    context = {"form": form, "membership": membership}
    return render(request, "roadmap/ceus/membership_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def membership_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    membership = _get_membership_for_user(request, pk)
    body = membership.body
    if request.method == "POST":
        membership.delete()
        messages.success(request, _("Deleted your %(body)s membership renewal date.") % {"body": body})
        return redirect(reverse("ceus:wallet") + "#memberships")
    details = [_("It renews on %(date)s.") % {"date": day(membership.renews_on)}]
    if body.membership_required_to_keep:
        details.append(
            _("%(body)s needs a yearly membership to keep its credentials: the wallet will say it is missing.")
            % {"body": body}
        )
    policy = getattr(body, "ceu_policy", None)  # a body without a policy raises DoesNotExist
    if policy is not None and policy.cycle_start == cycles.CYCLE_FROM_MEMBERSHIP:
        details.append(
            _("Your %(body)s CEU cycle is counted from this date: without it we can only estimate the cycle.")
            % {"body": body}
        )
    context = {
        "heading": _("Delete your %(body)s membership renewal date?") % {"body": body},
        "details": details,
        "button": _("Delete this membership"),
        "action": reverse("ceus:membership_delete", args=[membership.pk]),
        "cancel": reverse("ceus:wallet") + "#memberships",
        "cancel_label": _("Keep it"),
    }
    return render(request, "roadmap/ceus/confirm_delete.html", context)
