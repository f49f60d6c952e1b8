"""The account page (e-mail address, API token, download my data, delete my account), confirming an address,
the rate-limited password reset and the log-in lockout page.

Query budget of the account page (GET): session, user, the API token; nothing else is read.
"""

from __future__ import annotations

import logging
import math
import smtplib
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db.models import Max
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from rest_framework.authtoken.models import Token

from careerplanner.ratelimit import RateLimit
from careerplanner.security import client_ip
from roadmap.http import AuthedRequest
from roadmap.profiles.accounts import (
    AddressTaken,
    confirm_address,
    delete_account,
    export_account,
    export_filename,
    read_confirmation_token,
    send_address_link,
)

logger = logging.getLogger(__name__)
HOUR = 60 * 60
# From one client address: enough for a class signing up together behind one school router.
SIGNUP_PER_CLIENT = RateLimit("signup-client", 20, HOUR)
RESET_PER_CLIENT = RateLimit("reset-client", 20, HOUR)
# E-mails we send one address (confirmation links, "someone tried to sign up", address changes; resets apart).
EMAILS_PER_ADDRESS = RateLimit("address-emails", 3, HOUR)
RESETS_PER_ADDRESS = RateLimit("reset-address", 3, HOUR)
# The key of an API token just made, on its way to the one page that shows it (api_token_create).
NEW_API_TOKEN_SESSION_KEY = "new_api_token"


def _minutes(wait: int) -> str:
    return ngettext("%(count)d minute", "%(count)d minutes", wait) % {"count": wait}


def too_many_from_client(what: str, wait: int) -> str:
    """`what`: "sign-ups" or "password-reset requests"."""
    if what == "sign-ups":
        refusal = _("Too many sign-ups from your network. Try again in %(wait)s.")
    else:
        refusal = _("Too many password-reset requests from your network. Try again in %(wait)s.")
    return refusal % {"wait": _minutes(wait)}


def too_many_for_address(wait: int) -> str:
    return _("We have sent enough e-mails to this address for now. Try again in %(wait)s.") % {"wait": _minutes(wait)}


# ------------------------------------------------------------ log-in lockout and password reset


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """django-axes' answer to a log-in refused by a lockout (settings.AXES_LOCKOUT_CALLABLE).

    The lockout ends LOGIN_LOCKOUT_MINUTES after the newest failure that counts toward it (attempts
    while locked out are not recorded), so the page can say how long is left.
    """
    cool_off = get_cool_off(request)
    assert cool_off is not None  # settings.AXES_COOLOFF_TIME is always set
    handler: Any = AxesProxyHandler.get_implementation()
    newest = None
    for attempts in handler.get_user_attempts(request, credentials):
        latest = attempts.aggregate(latest=Max("attempt_time"))["latest"]
        if latest is not None and (newest is None or latest > newest):
            newest = latest
    left = cool_off if newest is None else newest + cool_off - timezone.now()
    wait = max(1, math.ceil(left.total_seconds() / 60))
    return render(request, "registration/locked_out.html", {"wait": _minutes(wait)}, status=429)


class RateLimitedPasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, refused (429) past RESET_PER_CLIENT requests from one client address or
    RESETS_PER_ADDRESS for one e-mail address. The answer never says whether the address has an account."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        wait = RESET_PER_CLIENT.hit(client_ip(request))
        if wait:
            return self._refuse(too_many_from_client("password-reset requests", wait))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        wait = RESETS_PER_ADDRESS.hit(form.cleaned_data["email"])
        if wait:
            return self._refuse(too_many_for_address(wait), form)
        return super().form_valid(form)

    def _refuse(self, refusal: str, form: Any = None) -> HttpResponse:
        context = self.get_context_data(form=form or self.get_form(), refusal=refusal)
        return self.render_to_response(context, status=429)


password_reset = RateLimitedPasswordResetView.as_view()


# ------------------------------------------------------------ the account page


class AddressForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("New e-mail address"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Enter the e-mail address to use."),
            "invalid": gettext_lazy("Enter a valid e-mail address, e.g. maya@example.org."),
        },
    )
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("Password-reset links go to this address: we check it is you."),
        error_messages={"required": gettext_lazy("Enter your password.")},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self) -> str:
        return User.objects.normalize_email(self.cleaned_data["email"])

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": gettext_lazy("Enter your password to delete your account.")},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password: nothing was deleted."), code="wrong_password")
        return password


def _account_page(request: AuthedRequest, address_form: AddressForm, status: int = 200) -> HttpResponse:
    context = {
        "address_form": address_form,
        "api_token": Token.objects.filter(user=request.user).first(),
        "new_api_token": request.session.pop(NEW_API_TOKEN_SESSION_KEY, None),
    }
    return render(request, "registration/account.html", context, status=status)


@login_required
@require_safe
def account(request: AuthedRequest) -> HttpResponse:
    return _account_page(request, AddressForm(user=request.user))


@sensitive_post_parameters("password")
@login_required
@require_POST
def address_change(request: AuthedRequest) -> HttpResponse:
    """Send the link that attaches a new address; the account keeps its old one until the link is followed."""
    form = AddressForm(request.POST, user=request.user)
    if not form.is_valid():
        return _account_page(request, form, status=400)
    email = form.cleaned_data["email"]
    wait = EMAILS_PER_ADDRESS.hit(email)
    if wait:
        messages.error(request, too_many_for_address(wait))
        return _account_page(request, form, status=429)
    send_link_and_say_so(request, user=request.user, email=email)
    return redirect("account")


def send_link_and_say_so(request: HttpRequest, *, user: User, email: str) -> None:
    """Send the address's e-mail (roadmap.profiles.accounts.send_address_link) and tell the person, in words
    that are the same whether or not the address has an account. A mail server that fails is said so, not a
    server error."""
    try:
        send_address_link(request=request, user=user, email=email)
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not send the address e-mail")
        messages.warning(
            request,
            _("We could not send the link to %(email)s just now. Ask for a new one on your account page in a while.")
            % {"email": email},
        )
    else:
        messages.info(request, address_link_sent(email))


def address_link_sent(email: str) -> str:
    return _(
        "We sent a link to %(email)s: open it to confirm the address. Until then we cannot send you reminders or "
        "password-reset links there."
    ) % {"email": email}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_address_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail. A GET only shows the question (mail scanners follow links); the button confirms."""
    claim = read_confirmation_token(token)
    if claim is None:
        return render(request, "registration/confirm_address.html", {"claim": None}, status=404)
    if request.method == "POST":
        try:
            confirm_address(user=claim.user, email=claim.email)
        except AddressTaken:
            messages.error(
                request,
                _("%(email)s now belongs to another account, so it was not added to %(username)s.")
                % {"email": claim.email, "username": claim.user.get_username()},
            )
        else:
            messages.success(
                request,
                _("%(email)s is confirmed: reminders and password-reset links go there.") % {"email": claim.email},
            )
        return redirect("account" if request.user == claim.user else "login")
    return render(request, "registration/confirm_address.html", {"claim": claim})


# ------------------------------------------------------------ the API token


@login_required
@require_POST
def api_token_create(request: AuthedRequest) -> HttpResponse:
    """Make the person's token for the JSON API (/api/v1/roadmaps/) and show it once, on the account page.

    One token a person: while one exists, nothing is made (revoke it first). The key goes through the
    session to the page the browser is sent to, which takes it out as it shows it.
    """
    token, created = Token.objects.get_or_create(user=request.user)
    if created:
        request.session[NEW_API_TOKEN_SESSION_KEY] = token.key
    else:
        messages.error(request, _("You already have an API token. Revoke it first to make a new one."))
    return redirect(reverse("account") + "#api-heading")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def api_token_revoke(request: AuthedRequest) -> HttpResponse:
    """Asks first; then deletes the token, and every request that sends it is refused from then on."""
    token = Token.objects.filter(user=request.user).first()
    if token is None:
        messages.info(request, _("You have no API token to revoke."))
        return redirect("account")
    if request.method == "POST":
        token.delete()
        messages.success(request, _("Your API token is revoked: requests that send it are refused from now on."))
        return redirect("account")
    return render(request, "registration/api_token_revoke.html", {"api_token": token})


@login_required
@require_safe
def export(request: AuthedRequest) -> FileResponse:
    """All the person's data as a zip: data.json and their certificates (roadmap.profiles.accounts.export_account)."""
    archive = export_account(request.user)
    return FileResponse(archive, as_attachment=True, filename=export_filename(request.user))


@sensitive_post_parameters("password")
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: AuthedRequest) -> HttpResponse:
    """Asks for the password, then deletes the account and all its data, certificates included; signs out."""
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=request.user)
        if form.is_valid():
            username = request.user.get_username()
            delete_account(user=request.user)
            logout(request)
            deleted = _("The account %(username)s and all its data are deleted.") % {"username": username}
            messages.success(request, deleted)
            return redirect("home")
        status = 400
    else:
        form = DeleteAccountForm(user=request.user)
        status = 200
    return render(request, "registration/account_delete.html", {"form": form}, status=status)
