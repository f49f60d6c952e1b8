"""Accounts (Django's auth views) and the career profile. URL names are not namespaced."""

from django.urls import include, path

from roadmap import profile_views

urlpatterns = [
    path("accounts/signup/", profile_views.signup, name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("profile/", profile_views.profile, name="profile"),
]
