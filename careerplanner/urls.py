from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from roadmap.profiles.views import set_language

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("admin/", admin.site.urls),
    # The language switcher (templates/base.html) posts here: Django's view keeps the choice in a cookie and
    # goes back to the page (and a signed-in person's profile keeps it for their reminders). Without a CSRF
    # token: anonymous pages are cached and shared between visitors (certifications.page_cache), and a forged
    # post could only switch a visitor's own language.
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("certifications.urls")),
    path("", include("roadmap.profiles.urls")),
    path("", include("roadmap.urls")),
    path("", include("roadmap.keeping.urls")),
    path("api/v1/", include("careerplanner.api_urls")),
]
