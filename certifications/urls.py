from django.urls import path

from certifications import views

app_name = "certifications"
urlpatterns = [
    path("certifications/", views.certification_list, name="list"),
    path("certifications/<str:code>/", views.certification_detail, name="detail"),
    path("compare/", views.compare, name="compare"),
    path("programs/", views.program_list, name="programs"),
]
