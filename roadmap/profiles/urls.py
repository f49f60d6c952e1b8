"""Accounts (Django's auth views), the career profile and the way in to a plan. URL names are not namespaced."""

from django.urls import include, path

from roadmap.profiles import account_views
from roadmap.profiles import views as profile_views

urlpatterns = [
    path("accounts/signup/", profile_views.signup, name="signup"),
    # Before Django's own: the same view, rate-limited.
    path("accounts/password_reset/", account_views.password_reset, name="password_reset"),
    path("accounts/confirm-address/<str:token>/", account_views.confirm_address_link, name="confirm_address"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("account/", account_views.account, name="account"),
    path("account/address/", account_views.address_change, name="account_address"),
    path("account/api-token/", account_views.api_token_create, name="account_api_token"),
    path("account/api-token/revoke/", account_views.api_token_revoke, name="account_api_token_revoke"),
    path("account/export/", account_views.export, name="account_export"),
    path("account/delete/", account_views.delete, name="account_delete"),
    path("profile/", profile_views.profile, name="profile"),
    path("plan/<str:code>/start/", profile_views.plan_start, name="plan_start"),
]
