"""Accounts (Django's auth views), the career profile and the way in to a plan. URL names are not namespaced."""

from django.urls import include, path

from roadmap import profile_views

urlpatterns = [
    path("accounts/signup/", profile_views.signup, name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("profile/", profile_views.profile, name="profile"),
    path("plan/<str:code>/start/", profile_views.plan_start, name="plan_start"),
]
