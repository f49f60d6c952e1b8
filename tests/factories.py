"""One minimal factory per model. Codes are sequences so they never collide with the seed catalogue."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import factory

from certifications import models as catalogue

if TYPE_CHECKING:
    from roadmap.models import CareerProfile


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = catalogue.Source

    key = factory.Sequence(lambda n: f"T{n}")
    title = factory.Sequence(lambda n: f"Test source {n}")
    url = factory.Sequence(lambda n: f"https://example.org/source/{n}")
    confidence = catalogue.Confidence.HIGH


class WorkSettingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = catalogue.WorkSetting

    code = factory.Sequence(lambda n: f"setting-{n}")
    name = factory.Sequence(lambda n: f"Setting {n}")


class CertifyingBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = catalogue.CertifyingBody

    abbreviation = factory.Sequence(lambda n: f"TB{n}")
    name = factory.Sequence(lambda n: f"Test Body {n}")
    website = "https://example.org/"


class CeuPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = catalogue.CeuPolicy

    body = factory.SubFactory(CertifyingBodyFactory)
    cycle_months = 24
    source = factory.SubFactory(SourceFactory)


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = catalogue.Certification

    code = factory.Sequence(lambda n: f"TC{n}")
    name = factory.Sequence(lambda n: f"Test Certification {n}")
    body = factory.SubFactory(CertifyingBodyFactory)
    level = "core"
    summary = "A certification made for a test."


class EligibilityRouteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = catalogue.EligibilityRoute

    certification = factory.SubFactory(CertificationFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = "A route"


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = catalogue.Requirement

    route = factory.SubFactory(EligibilityRouteFactory)
    kind = catalogue.Requirement.Kind.CODING_EXPERIENCE
    months = 12


class CeuMinimumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = catalogue.CeuMinimum

    certification = factory.SubFactory(CertificationFactory)
    category = "auditing"
    ceus = 16


class TrainingProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = catalogue.TrainingProgram

    name = factory.Sequence(lambda n: f"Test program {n}")
    slug = factory.Sequence(lambda n: f"test-program-{n}")
    provider = "Test School"
    kind = catalogue.TrainingProgram.Kind.COURSE


class StepTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = catalogue.StepTemplate

    certification = factory.SubFactory(CertificationFactory)
    phase = catalogue.StepTemplate.Phase.EXAM
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Step {n}")
    description = "Why the step is there."


class ResourceLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = catalogue.ResourceLink

    step_template = factory.SubFactory(StepTemplateFactory)
    label = "A resource"
    url = "https://example.org/resource"


# ------------------------------------------------------------------ roadmap


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class CareerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "roadmap.CareerProfile"

    user = factory.SubFactory(UserFactory)
    education = "high_school"
    hours_per_week = 10
    start_date = datetime.date(2027, 1, 4)


class HeldCredentialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "roadmap.HeldCredential"

    profile = factory.SubFactory(CareerProfileFactory)
    certification = factory.SubFactory(CertificationFactory)
    earned_on = datetime.date(2024, 3, 15)


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "roadmap.Roadmap"

    user = factory.SubFactory(UserFactory)
    certification_code = "TC"
    certification_name = "Test Certification"
    start_date = datetime.date(2027, 1, 4)
    hours_per_week = 10


class RoadmapStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "roadmap.RoadmapStep"

    roadmap = factory.SubFactory(RoadmapFactory)
    key = factory.Sequence(lambda n: f"step:{n}")
    position = factory.Sequence(lambda n: n)
    phase = "exam"
    title = factory.Sequence(lambda n: f"Step {n}")
    why = "Because the plan needs it."
    track = "study"
    effort_hours = 2


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "roadmap.Membership"

    profile = factory.SubFactory(CareerProfileFactory)
    body = factory.SubFactory(CertifyingBodyFactory)
    renews_on = datetime.date(2027, 3, 1)


class CeuActivityFactory(factory.django.DjangoModelFactory):
    """`credentials=[held, ...]` sets the credentials the activity counts toward (none by default)."""

    class Meta:
        model = "roadmap.CeuActivity"
        skip_postgeneration_save = True  # the hook below writes the many-to-many rows; the row itself is saved

    profile = factory.SubFactory(CareerProfileFactory)
    completed_on = datetime.date(2026, 10, 1)
    title = "Webinar"
    ceus = Decimal("1.5")

    @factory.post_generation
    def credentials(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.credentials.set(extracted)  # type: ignore[attr-defined]


# ------------------------------------------------------------------ personas (personas.md)


def maya_profile(**fields: Any) -> CareerProfile:
    """P1 Maya: high school, 10 h a week, budget 3,000, physician office, starts 4 Jan 2027.

    Reads the seed's physician-office setting, so the database must hold the seed catalogue.
    """
    values: dict[str, Any] = {
        "education": "high_school",
        "hours_per_week": 10,
        "budget": 3000,
        "preferred_setting": catalogue.WorkSetting.objects.get(code="physician-office"),
        "start_date": datetime.date(2027, 1, 4),
        **fields,
    }
    profile: CareerProfile = CareerProfileFactory(**values)
    return profile
