"""Signed-in pages, rendered once per change and kept until the next.

A person's roadmap page, dashboard, CEU page, preview and recommendations depend only on their own data,
the catalogue, the day (dates are projected and steps fall overdue against today), the language, the
deployed code and, through the forms' CSRF token, their CSRF secret. So the rendered page is kept in the
cache under all of these (careerplanner.page_cache). Their data's part is their PageVersion, which goes up:
- after every request by a signed-in person that may change something (any method but GET, HEAD,
  OPTIONS and TRACE), whatever it wrote and however: ChangesMiddleware, once per request;
- whenever a row of theirs is saved or deleted otherwise (the admin, commands): the signal receivers
  below, per row.
Served from the cache: one query (both versions) after the session and the user, and no rendering.

Not kept: htmx fragments, answers other than 200, pages with a message waiting, pages whose rendering
changed the session or set a cookie (the "Undo" offered once after a change), and visitors who have no
CSRF cookie yet (their page makes one).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from functools import wraps
from typing import Any, ParamSpec

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connections, router
from django.db.models import F, ForeignKey, Model, Q
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.utils import timezone

from careerplanner.page_cache import CACHE_SECONDS, CachedPage, answer, keep, page_key
from certifications.models import CatalogueVersion
from roadmap.models import (
    CareerProfile,
    CeuActivity,
    HeldCredential,
    Membership,
    PageVersion,
    Roadmap,
    RoadmapShare,
    RoadmapStep,
)

P = ParamSpec("P")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")

# Every model whose rows a person's pages show, and the way from a row to its owner.
OWNERS: dict[type[Model], str] = {
    CareerProfile: "user_id",
    HeldCredential: "profile__user_id",
    Membership: "profile__user_id",
    CeuActivity: "profile__user_id",
    Roadmap: "user_id",
    RoadmapStep: "roadmap__user_id",
    RoadmapShare: "roadmap__user_id",
}

_VERSIONS_SQL = (
    f"SELECT (SELECT number FROM {CatalogueVersion._meta.db_table} WHERE id = 1), "
    f"(SELECT number FROM {PageVersion._meta.db_table} WHERE user_id = %s)"
)
_ADD_SQL = f"INSERT INTO {PageVersion._meta.db_table} (user_id, number) VALUES (%s, 0) ON CONFLICT (user_id) DO NOTHING"
_BUMP_SQL = f"UPDATE {PageVersion._meta.db_table} SET number = number + 1 WHERE user_id = %s"


def versions(user_id: int) -> tuple[int, int]:
    """The catalogue's version and the person's (one query; a first visit adds the person's row)."""
    with connections[router.db_for_read(PageVersion)].cursor() as cursor:
        cursor.execute(_VERSIONS_SQL, [user_id])
        catalogue, own = cursor.fetchone()
    if own is None:  # a person made without the signal below (bulk or in SQL): their row, now
        _add(user_id)
    return int(catalogue or 0), int(own or 0)


def _add(user_id: int) -> None:
    with connections[router.db_for_write(PageVersion)].cursor() as cursor:
        cursor.execute(_ADD_SQL, [user_id])


def bump(user_id: int) -> None:
    """The person's kept pages are out of date (one query; every person has a row, made with them)."""
    with connections[router.db_for_write(PageVersion)].cursor() as cursor:
        cursor.execute(_BUMP_SQL, [user_id])


def _csrf_secret(request: HttpRequest) -> str | None:
    secret = request.META.get("CSRF_COOKIE")
    return hashlib.sha256(secret.encode()).hexdigest()[:16] if isinstance(secret, str) and secret else None


def _key(request: HttpRequest, today: date) -> str | None:
    """The page's key, or None when this request's page is not one to keep or serve kept."""
    user = request.user
    csrf = _csrf_secret(request)
    if request.method not in ("GET", "HEAD") or not user.is_authenticated or csrf is None:
        return None
    if request.headers.get("HX-Request") or len(get_messages(request)):
        return None
    catalogue, own = versions(user.pk)
    return page_key("private-page", catalogue, user.pk, own, today.isoformat(), csrf, request=request)


def private_page(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponseBase]:
    """Serve a signed-in GET of the view from the cache while nothing it depends on changed."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        request = args[0]
        assert isinstance(request, HttpRequest)
        key = _key(request, timezone.localdate())
        if key is None:
            return view(*args, **kwargs)
        page: CachedPage | None = cache.get(key)
        if page is None:
            response = view(*args, **kwargs)
            if response.status_code != 200 or response.streaming or response.cookies or request.session.modified:
                return response
            page = keep(response)
            cache.set(key, page, CACHE_SECONDS)
        get_token(request)  # as rendering the page's forms does: the CSRF cookie's expiry is renewed
        return answer(request, page, conditional=False)

    return wrapper


@dataclass
class _Changes:
    """Whose pages a request changed: people by id, and rows' parents (a roadmap, a profile) by id.

    `bumped`: the people whose version went up with the change itself (changed()), in its transaction.
    """

    users: set[int] = field(default_factory=set)
    parents: dict[tuple[type[Model], str], set[Any]] = field(default_factory=dict)
    bumped: set[int] = field(default_factory=set)

    def bump(self) -> None:
        """All of them, in one query (after the request's writes were committed); none already bumped."""
        if not self.parents:
            for user_id in self.users - self.bumped:
                bump(user_id)
            return
        owners = Q(user_id__in=self.users - self.bumped)
        for (model, path), pks in self.parents.items():
            owners |= Q(user_id__in=model._default_manager.filter(pk__in=pks).values(path))
        PageVersion.objects.filter(owners).update(number=F("number") + 1)


_changes: ContextVar[_Changes | None] = ContextVar("page_changes", default=None)


def changed(user_id: int) -> None:
    """The person's pages are out of date, said by a write in its own transaction (one query in it, none after).

    A change that writes with queryset updates (no signal) calls this inside its transaction.atomic():
    the version goes up with the change or not at all, and ChangesMiddleware has no query left to run
    for this person after the request.
    """
    bump(user_id)
    changes = _changes.get()
    if changes is not None:
        changes.bumped.add(user_id)


class ChangesMiddleware:
    """After each request by a signed-in person that may change something, their kept pages are out of date.

    Once per request, whatever the view wrote (saves, queryset updates, bulk writes) and whether or not it
    succeeded; for the person signed in before the request and the one after it (signing in and out), and
    for the owners of the rows it saved or deleted (an admin's request changes other people's pages).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        changes = _Changes()
        token = _changes.set(changes)
        try:
            before = request.user.pk
            response = self.get_response(request)
            changes.users |= {pk for pk in (before, request.user.pk) if pk is not None}
        finally:
            _changes.reset(token)
        changes.bump()
        return response


def _row_changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    """A row of someone's was saved or deleted: found through its parent's id, since a deleted row is gone.

    During a request that may change something, counted with the request's other changes (one query at its
    end); otherwise (the shell, commands) at once.
    """
    first, _, rest = OWNERS[sender].partition("__")
    changes = _changes.get() or _Changes()
    if not rest:
        changes.users.add(getattr(instance, first))
    else:
        parent = sender._meta.get_field(first)
        assert isinstance(parent, ForeignKey)
        assert isinstance(parent.related_model, type)
        changes.parents.setdefault((parent.related_model, rest), set()).add(getattr(instance, parent.attname))
    if _changes.get() is None:
        changes.bump()


def _user_saved(sender: type[Model], instance: Model, created: bool, **kwargs: Any) -> None:
    if created:
        _add(instance.pk)
        return
    changes = _changes.get()
    if changes is None:
        bump(instance.pk)  # the menu shows the username
    else:
        changes.users.add(instance.pk)


def connect() -> None:
    """Called once, from the app's ready()."""
    for model in OWNERS:
        post_save.connect(_row_changed, sender=model, dispatch_uid=f"page-version-save-{model.__name__}")
        post_delete.connect(_row_changed, sender=model, dispatch_uid=f"page-version-delete-{model.__name__}")
    post_save.connect(_user_saved, sender=get_user_model(), dispatch_uid="page-version-user")
