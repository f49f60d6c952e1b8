"""Sign-up, the career profile, and the way from "Plan this certification" to its plan through both.
Log in, log out and passwords are Django's own views (accounts/); the account page, the rate-limited
password reset and the log-in lockout page are in account_views.

Query budget of the profile page (GET, asserted in tests/roadmap/test_profile.py):
session, user, profile, work settings, certifications, held credentials;
the same whatever the number of credentials.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.forms import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe
from django.views.i18n import set_language as django_set_language

from careerplanner.security import client_ip
from certifications.models import Certification, WorkSetting
from roadmap.form_helpers import NextForm
from roadmap.http import AuthedRequest
from roadmap.models import CareerProfile, HeldCredential, supported_language
from roadmap.owners import profile_of
from roadmap.profiles.account_views import (
    EMAILS_PER_ADDRESS,
    SIGNUP_PER_CLIENT,
    send_link_and_say_so,
    too_many_for_address,
    too_many_from_client,
)
from roadmap.profiles.forms import CareerProfileForm, HeldCredentialForm, HeldCredentialFormSet, SignupForm
from roadmap.profiles.services import save_career_profile

CREDENTIALS_PREFIX = "credentials"


def _next_url(request: HttpRequest) -> str:
    """The `next` address from the form (POST) or the query string, if it is on this site; else ""."""
    form = NextForm(
        request.POST if "next" in request.POST else request.GET,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    )
    return form.url()


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    if request.user.is_authenticated:
        return HttpResponseRedirect(next_url) if next_url else redirect("roadmap:dashboard")
    refusal = ""
    if request.method == "POST":
        form = SignupForm(request.POST)
        wait = SIGNUP_PER_CLIENT.hit(client_ip(request))
        if wait:
            refusal, status = too_many_from_client("sign-ups", wait), 429
        elif form.is_valid():
            email = form.cleaned_data["email"]
            wait = EMAILS_PER_ADDRESS.hit(email)
            if wait:
                refusal, status = too_many_for_address(wait), 429
            else:
                try:
                    with transaction.atomic():
                        user = form.save()
                except IntegrityError:
                    # Another sign-up took this username after the form's check.
                    form.add_error("username", form.instance.unique_error_message(User, ("username",)))
                    return render(request, "registration/signup.html", {"form": form, "next": next_url}, status=400)
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(
                    request,
                    _(
                        "Welcome, %(username)s! Your account is ready. "
                        "Tell us where you are now and we will plan your way to a certification."
                    )
                    % {"username": user.get_username()},
                )
                # The same answer whether or not the address has an account: see roadmap.profiles.accounts.
                send_link_and_say_so(request, user=user, email=email)
                query = f"?{urlencode({'next': next_url})}" if next_url else ""
                return HttpResponseRedirect(reverse("profile") + query)
        else:
            status = 400
    else:
        form = SignupForm()
        status = 200
    context = {"form": form, "next": next_url, "refusal": refusal}
    return render(request, "registration/signup.html", context, status=status)


def _with_next(viewname: str, next_url: str) -> str:
    return f"{reverse(viewname)}?{urlencode({'next': next_url})}"


@require_safe
def plan_start(request: HttpRequest, code: str) -> HttpResponse:
    """Where "Plan this certification" leads: the plan's preview, once there is an account and a profile.

    Whatever is missing is asked for first, with this address as `next`: sign-up (or log-in,
    linked from it), then the profile, each return here and so end on the preview.
    Queries: the certification, then session, user and profile for a signed-in visitor.
    """
    # No code holds a NUL byte, and PostgreSQL answers one in a query parameter with an error, not "none".
    if "\x00" in code or not Certification.objects.filter(code=code, is_active=True).exists():
        return render(request, "404.html", {"unknown_code": code}, status=404)
    here = reverse("plan_start", args=[code])
    if not request.user.is_authenticated:
        return HttpResponseRedirect(_with_next("signup", here))
    if not CareerProfile.objects.filter(user=request.user).exists():
        messages.info(request, _("Tell us where you stand first: your plan is worked out from your profile."))
        return HttpResponseRedirect(_with_next("profile", here))
    return redirect("roadmap:preview", code=code)


def _profile_or_new(request: AuthedRequest) -> CareerProfile:
    """The person's profile, or a new unsaved one for them, for the profile form."""
    return profile_of(request) or CareerProfile(user=request.user)


def _credential_choices(profile: CareerProfile) -> list[Certification]:
    """The active catalogue, plus any retired credential the profile already holds (so it is not lost on save)."""
    available = Q(is_active=True)
    if profile.pk is not None:
        available |= Q(pk__in=HeldCredential.objects.filter(profile=profile).values("certification"))
    return list(Certification.objects.filter(available).only("code", "name", "is_active", "apprentice_designation"))


PROFILE_CONFLICT = _(
    "Nothing was saved: your profile changed in another tab while this one was saving. "
    "Check the answers below and save again."
)


def _bound_profile_forms(
    request: AuthedRequest, career_profile: CareerProfile, *, work_settings: list[WorkSetting], today: date
) -> tuple[CareerProfileForm, BaseInlineFormSet[HeldCredential, CareerProfile, HeldCredentialForm]]:
    form = CareerProfileForm(request.POST, instance=career_profile, work_settings=work_settings, today=today)
    credentials = HeldCredentialFormSet(
        request.POST,
        instance=career_profile,
        prefix=CREDENTIALS_PREFIX,
        form_kwargs={"certifications": _credential_choices(career_profile), "today": today},
    )
    return form, credentials


def _saved_as_sent(request: AuthedRequest, *, work_settings: list[WorkSetting], today: date) -> bool:
    """Whether a refused post asks for exactly what is saved now, from a page that showed no saved credential.

    That is a page sent twice (or from two tabs alike) whose twin was saved first: the first profile, or the
    first credentials of a profile. The twin's save makes this one's refused (the profile or its credentials
    "already" exist), though nothing of it is missing: the person is told it is saved. A page that showed
    saved credentials is left to the checks (two tabs adding the same one are told which).
    Queries: the profile, the certifications offered, its credentials.
    """
    if request.POST.get(f"{CREDENTIALS_PREFIX}-INITIAL_FORMS") != "0":
        return False
    saved = _profile_or_new(request)
    if saved.pk is None:
        return False
    form = CareerProfileForm(request.POST, instance=saved, work_settings=work_settings, today=today)
    # The rows on their own, as on the page that sent them: checked against no saved credential.
    rows = HeldCredentialFormSet(
        request.POST,
        instance=CareerProfile(user=request.user),
        prefix=CREDENTIALS_PREFIX,
        form_kwargs={"certifications": _credential_choices(saved), "today": today},
    )
    if not (form.is_valid() and rows.is_valid()) or form.has_changed():
        return False
    sent = sorted(
        (row.cleaned_data["certification"].pk, row.cleaned_data["earned_on"], row.cleaned_data["apprentice"])
        for row in rows.forms
        if row.has_changed() and not row.cleaned_data.get("DELETE")
    )
    return sent == sorted(saved.credentials.values_list("certification_id", "earned_on", "apprentice"))


def _profile_saved(request: AuthedRequest, next_url: str) -> HttpResponse:
    messages.success(request, _("Your profile is saved."))
    # Never redirect(next_url): redirect() would read a bare word from the user as a URL name.
    return HttpResponseRedirect(next_url) if next_url else redirect("roadmap:recommendations")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: AuthedRequest) -> HttpResponse:
    career_profile = _profile_or_new(request)
    today = timezone.localdate()
    work_settings = list(WorkSetting.objects.all())
    next_url = _next_url(request)
    is_new = career_profile.pk is None

    if request.method == "POST":
        form, credentials = _bound_profile_forms(request, career_profile, work_settings=work_settings, today=today)
        # Validate both, so every problem is shown at once.
        status = 400
        if all([form.is_valid(), credentials.is_valid()]):
            # The page's language is the one reminders and the calendar feed are written in from now on.
            form.instance.language = supported_language(get_language())
            try:
                save_career_profile(user=request.user, form=form, credentials=credentials)
            except IntegrityError:
                if _saved_as_sent(request, work_settings=work_settings, today=today):
                    return _profile_saved(request, next_url)
                # Another tab saved between the checks and this save (the same credential, or a first profile):
                # nothing of this one was saved. Check what was sent again, against what is saved now.
                career_profile = _profile_or_new(request)
                is_new = career_profile.pk is None
                form, credentials = _bound_profile_forms(
                    request, career_profile, work_settings=work_settings, today=today
                )
                form.is_valid()
                credentials.is_valid()
                messages.error(request, PROFILE_CONFLICT)
                status = 409
            else:
                return _profile_saved(request, next_url)
        elif _saved_as_sent(request, work_settings=work_settings, today=today):
            return _profile_saved(request, next_url)
    else:
        initial = {"start_date": today} if is_new else {}
        form = CareerProfileForm(instance=career_profile, initial=initial, work_settings=work_settings, today=today)
        credentials = HeldCredentialFormSet(
            instance=career_profile,
            prefix=CREDENTIALS_PREFIX,
            form_kwargs={"certifications": _credential_choices(career_profile), "today": today},
        )
        status = 200

    context = {
        "form": form,
        "credentials": credentials,
        "is_new": is_new,
        "next": next_url,
    }
    return render(request, "roadmap/profile.html", context, status=status)


# Without a CSRF token, like Django's view it wraps (see careerplanner/urls.py): the session cookie is SameSite=Lax,
# so a post from another site comes without it and changes nothing stored.
@csrf_exempt
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch; for a signed-in person with a profile, also the language of their reminders."""
    response = django_set_language(request)
    chosen = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen is not None and request.user.is_authenticated:
        career_profile = CareerProfile.objects.filter(user=request.user).first()
        language = supported_language(chosen.value)
        if career_profile is not None and career_profile.language != language:
            career_profile.language = language
            career_profile.save(update_fields=["language"])
    return response
