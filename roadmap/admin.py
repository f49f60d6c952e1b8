"""Deleting a user in the admin deletes their certificate files too (roadmap.profiles.accounts.delete_account)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest

from roadmap.profiles.accounts import delete_account

admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        delete_account(user=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for user in queryset:
            delete_account(user=user)
