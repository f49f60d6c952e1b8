"""The "roadmap" URL names: the dashboard, above the areas, and the plans area's pages."""

from django.urls import path

from roadmap import dashboard
from roadmap.plans import urls as plans

app_name = "roadmap"
urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    *plans.urlpatterns,
]
