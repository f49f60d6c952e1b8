"""The people of the scale-out run, written into its database by `manage.py shell` with the instances' settings.

Run as `manage.py shell -c "from tests.scaleout.people import create; create(...)"`: it prints, as JSON,
the ids the checks need.
"""

from __future__ import annotations

import json
from datetime import date

from django.contrib.auth.models import User

from certifications.models import Certification
from roadmap.models import HeldCredential
from tests.factories import CareerProfileFactory, RoadmapFactory, RoadmapStepFactory, UserFactory

PASSWORD = "scale-out pass phrase 2027"  # a throwaway database


def create(*, reminded: int, due_on: date) -> None:
    """Maya (a CCA, for certificates and plans), Lee (who must not see them), an admin, and `reminded`
    people each with one roadmap step due on `due_on`."""
    User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    people = {}
    for username in ("maya", "lee"):
        profile = CareerProfileFactory(user=UserFactory(username=username, password=PASSWORD), reminders_enabled=False)
        people[username] = profile
    HeldCredential.objects.create(
        profile=people["maya"], certification=Certification.objects.get(code="CCA"), earned_on=date(2025, 3, 15)
    )
    for n in range(reminded):
        # No usable password: hashing one per person would take most of the run.
        user = UserFactory(username=f"reminded{n:03}", password=None)
        CareerProfileFactory(user=user, reminders_enabled=True)
        RoadmapStepFactory(
            roadmap=RoadmapFactory(user=user, is_active=True), title="Study anatomy", planned_finish=due_on
        )
    print(json.dumps({"cpc": Certification.objects.get(code="CPC").pk}))
