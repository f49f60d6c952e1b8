from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("admin/", admin.site.urls),
    path("", include("certifications.urls")),
    path("", include("roadmap.profile_urls")),
    path("", include("roadmap.urls")),
    path("", include("roadmap.ceu_urls")),
]
