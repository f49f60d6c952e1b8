"""/api/v1/: the catalogue (certifications.api), a person's own roadmaps (roadmap.plans.api), the OpenAPI schema and
its browsable page (Swagger UI from the drf-spectacular-sidecar package, its start-up script a file of its
own so that the Content-Security-Policy needs no inline script)."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from certifications import api as catalogue_api
from roadmap.plans import api as roadmap_api

router = DefaultRouter()
router.include_format_suffixes = False  # JSON only: no /certifications.json beside /certifications/
router.register("certifications", catalogue_api.CertificationViewSet, basename="api-certification")
router.register("ceu-policies", catalogue_api.CeuPolicyViewSet, basename="api-ceu-policy")
router.register("programs", catalogue_api.ProgramViewSet, basename="api-program")
router.register("sources", catalogue_api.SourceViewSet, basename="api-source")
router.register("roadmaps", roadmap_api.RoadmapViewSet, basename="api-roadmap")

urlpatterns = [
    path("schema/", SpectacularJSONAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    *router.urls,
]
