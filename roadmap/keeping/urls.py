"""Keeping credentials: the wallet, the CEU log, and the private calendar feed."""

from django.urls import path

from roadmap.keeping import calendar_views, pdf_views
from roadmap.keeping import views as ceu_views

app_name = "ceus"
urlpatterns = [
    path("ceus/", ceu_views.ceu_list, name="list"),
    path("ceus/add/", ceu_views.ceu_add, name="add"),
    path("ceus/<int:pk>/edit/", ceu_views.ceu_edit, name="edit"),
    path("ceus/<int:pk>/delete/", ceu_views.ceu_delete, name="delete"),
    path("ceus/<int:pk>/certificate/", ceu_views.ceu_certificate, name="certificate"),
    path("ceus/export.csv", ceu_views.ceu_export, name="export"),
    path("ceus/record.pdf", pdf_views.ceu_pdf, name="pdf"),
    path("wallet/", ceu_views.wallet, name="wallet"),
    path("wallet/credentials/<int:pk>/", ceu_views.credential_edit, name="credential_edit"),
    path("wallet/memberships/add/", ceu_views.membership_add, name="membership_add"),
    path("wallet/memberships/<int:pk>/", ceu_views.membership_edit, name="membership_edit"),
    path("wallet/memberships/<int:pk>/delete/", ceu_views.membership_delete, name="membership_delete"),
    path("calendar/<str:token>.ics", calendar_views.feed, name="calendar_feed"),
    path("calendar/regenerate/", calendar_views.regenerate, name="calendar_regenerate"),
]
