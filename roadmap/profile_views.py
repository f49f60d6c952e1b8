"""Sign-up, the career profile, and the way from "Plan this certification" to its plan through both.
Log in, log out and passwords are Django's own views (accounts/).

Query budget of the profile page (GET, asserted in tests/roadmap/test_profile.py):
session, user, profile, work settings, certifications, held credentials;
the same whatever the number of credentials.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from certifications.models import Certification, WorkSetting
from roadmap.models import CareerProfile, HeldCredential
from roadmap.profile_forms import CareerProfileForm, HeldCredentialFormSet, NextForm, SignupForm
from roadmap.profile_services import save_career_profile

CREDENTIALS_PREFIX = "credentials"


class AuthedRequest(HttpRequest):
    """What a view under @login_required may assume."""

    user: User


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
    if request.method == "POST":
        form = SignupForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    user = form.save()
            except IntegrityError:
                # Another sign-up with this address won the race past the form's check.
                form.add_error("email", SignupForm.DUPLICATE_EMAIL)
                return render(request, "registration/signup.html", {"form": form, "next": next_url}, status=400)
            login(request, user)
            messages.success(
                request,
                f"Welcome, {user.get_username()}! Your account is ready. "
                "Tell us where you are now and we will plan your way to a certification.",
            )
            query = f"?{urlencode({'next': next_url})}" if next_url else ""
            return HttpResponseRedirect(reverse("profile") + query)
        status = 400
    else:
        form = SignupForm()
        status = 200
    return render(request, "registration/signup.html", {"form": form, "next": next_url}, status=status)


def _with_next(viewname: str, next_url: str) -> str:
    return f"{reverse(viewname)}?{urlencode({'next': next_url})}"


@require_safe
def plan_start(request: HttpRequest, code: str) -> HttpResponse:
    """Where "Plan this certification" leads: the plan's preview, once there is an account and a profile.

    Whatever is missing is asked for first, with this address as `next`: sign-up (or log-in,
    linked from it), then the profile, each return here and so end on the preview.
    Queries: the certification, then session, user and profile for a signed-in visitor.
    """
    if not Certification.objects.filter(code=code, is_active=True).exists():
        return render(request, "404.html", {"unknown_code": code}, status=404)
    here = reverse("plan_start", args=[code])
    if not request.user.is_authenticated:
        return HttpResponseRedirect(_with_next("signup", here))
    if not CareerProfile.objects.filter(user=request.user).exists():
        messages.info(request, "Tell us where you stand first: your plan is worked out from your profile.")
        return HttpResponseRedirect(_with_next("profile", here))
    return redirect("roadmap:preview", code=code)


def _get_profile_for_user(request: AuthedRequest) -> CareerProfile:
    """The signed-in user's profile, or a new unsaved one for them. There is no id: nobody else's is reachable."""
    try:
        return CareerProfile.objects.get(user=request.user)
    except CareerProfile.DoesNotExist:
        return CareerProfile(user=request.user)


def _credential_choices(profile: CareerProfile) -> list[Certification]:
    """The active catalogue, plus any retired credential the profile already holds (so it is not lost on save)."""
    available = Q(is_active=True)
    if profile.pk is not None:
        available |= Q(pk__in=HeldCredential.objects.filter(profile=profile).values("certification"))
    return list(Certification.objects.filter(available).only("code", "name", "is_active", "apprentice_designation"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: AuthedRequest) -> HttpResponse:
    career_profile = _get_profile_for_user(request)
    today = timezone.localdate()
    work_settings = list(WorkSetting.objects.all())
    credential_kwargs = {"certifications": _credential_choices(career_profile), "today": today}
    next_url = _next_url(request)
    is_new = career_profile.pk is None

    if request.method == "POST":
        form = CareerProfileForm(request.POST, instance=career_profile, work_settings=work_settings, today=today)
        credentials = HeldCredentialFormSet(
            request.POST, instance=career_profile, prefix=CREDENTIALS_PREFIX, form_kwargs=credential_kwargs
        )
        # Validate both, so every problem is shown at once.
        if all([form.is_valid(), credentials.is_valid()]):
            save_career_profile(user=request.user, form=form, credentials=credentials)
            messages.success(request, "Your profile is saved.")
            # Never redirect(next_url): redirect() would read a bare word from the user as a URL name.
            return HttpResponseRedirect(next_url) if next_url else redirect("roadmap:recommendations")
        status = 400
    else:
        initial = {"start_date": today} if is_new else {}
        form = CareerProfileForm(instance=career_profile, initial=initial, work_settings=work_settings, today=today)
        credentials = HeldCredentialFormSet(
            instance=career_profile, prefix=CREDENTIALS_PREFIX, form_kwargs=credential_kwargs
        )
        status = 200

    context = {
        "form": form,
        "credentials": credentials,
        "is_new": is_new,
        "next": next_url,
    }
    return render(request, "roadmap/profile.html", context, status=status)
