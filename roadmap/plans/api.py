"""A signed-in person's own roadmaps as read-only JSON (/api/v1/roadmaps/), by session or personal token.

Only the person's own: another person's roadmap is a 404, exactly like one that does not exist. What is
sent is what the roadmap page shows from the saved copy (roadmap.models): the steps' titles, phases,
statuses, dates, effort and cost, a cost nobody knows being null, never 0.

Query budgets (tests/roadmap/test_api.py), besides signing in (session and user, or the token with its user):
the list counts and reads one page of roadmaps with their step counts (2); one roadmap is the roadmap and
its steps (2).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.request import Request

from roadmap.models import Roadmap, RoadmapStep, StepStatus


class EffortSerializer(serializers.Serializer[RoadmapStep]):
    likely_hours = serializers.DecimalField(
        source="effort_hours", max_digits=8, decimal_places=2, allow_null=True, help_text="Used for the dates."
    )
    low_hours = serializers.DecimalField(source="effort_low_hours", max_digits=7, decimal_places=1, allow_null=True)
    high_hours = serializers.DecimalField(source="effort_high_hours", max_digits=7, decimal_places=1, allow_null=True)
    basis = serializers.CharField(source="effort_basis", help_text="The source's words, or our reasoning.")
    source_url = serializers.CharField(source="effort_source_url", help_text="Empty: the effort is our estimate.")
    source_title = serializers.CharField(source="effort_source_title")


class ResourceSerializer(serializers.Serializer[dict[str, Any]]):
    label = serializers.CharField()
    url = serializers.URLField()


class StepSerializer(serializers.ModelSerializer[RoadmapStep]):
    effort = EffortSerializer(source="*")
    cost = serializers.DecimalField(
        max_digits=9, decimal_places=2, allow_null=True, help_text="US dollars; null when unknown."
    )
    resources = ResourceSerializer(source="resource_links", many=True)

    class Meta:
        model = RoadmapStep
        fields = ["position", "key", "phase", "title", "why", "status", "required", "planned_start", "planned_finish",
                  "earliest_finish", "latest_finish", "completed_on", "effort", "months", "unknown_duration", "cost",
                  "earns", "removes_apprentice", "resources", "note"]  # fmt: skip


class RoadmapSerializer(serializers.ModelSerializer[Roadmap]):
    url = serializers.HyperlinkedIdentityField(view_name="api-roadmap-detail")
    page = serializers.SerializerMethodField(help_text="The roadmap's page on this site.")
    certification = serializers.SerializerMethodField()
    known_cost = serializers.DecimalField(
        max_digits=10, decimal_places=2, help_text="US dollars: the steps whose cost is known, added up."
    )
    unknown_costs = serializers.ListField(
        child=serializers.CharField(), help_text="Titles of the steps whose cost is unknown (not in known_cost)."
    )
    steps_total = serializers.IntegerField()
    steps_done = serializers.IntegerField()

    class Meta:
        model = Roadmap
        fields = ["id", "url", "page", "certification", "is_active", "start_date", "hours_per_week", "credential_on",
                  "credential_earliest", "credential_latest", "apprentice", "total_hours", "total_hours_low",
                  "total_hours_high", "known_cost", "unknown_costs", "steps_total", "steps_done", "created_at",
                  "updated_at"]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, roadmap: Roadmap) -> str:
        request: Request = self.context["request"]
        return request.build_absolute_uri(roadmap.get_absolute_url())

    @extend_schema_field({"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "string"}}})
    def get_certification(self, roadmap: Roadmap) -> dict[str, str]:
        return {"code": roadmap.certification_code, "name": roadmap.certification_name}


class RoadmapWithStepsSerializer(RoadmapSerializer):
    steps = StepSerializer(many=True)

    class Meta(RoadmapSerializer.Meta):
        fields = [*RoadmapSerializer.Meta.fields, "steps"]


@extend_schema_view(
    list=extend_schema(summary="Your roadmaps, the active one first"),
    retrieve=extend_schema(summary="One of your roadmaps, with its steps"),
)
class RoadmapViewSet(viewsets.ReadOnlyModelViewSet[Roadmap]):
    """Your own saved roadmaps. Sign in with the site's session, or send `Authorization: Token <your token>`
    (made on your account page)."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Roadmap]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator asks with nobody signed in
            return Roadmap.objects.none()
        # The ownership check: everyone else's roadmaps are simply not there (404).
        roadmaps = (
            Roadmap.objects.filter(user=self.request.user)
            .annotate(
                steps_total=Count("steps"),
                steps_done=Count("steps", filter=Q(steps__status=StepStatus.DONE)),
            )
            # The model's order, said again: Django drops it from a query that counts (GROUP BY).
            .order_by("-is_active", "-created_at", "-pk")
        )
        return roadmaps.prefetch_related("steps") if self.action == "retrieve" else roadmaps

    def get_serializer_class(self) -> Any:
        return RoadmapWithStepsSerializer if self.action == "retrieve" else RoadmapSerializer
