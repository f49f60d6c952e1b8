import uuid
from datetime import date
from decimal import Decimal

import pytest

from roadmap.keeping import cycles
from roadmap.keeping.ceus import ceu_overview
from roadmap.models import HeldCredential
from roadmap.plans.services import make_plan, save_roadmap, set_step_status
from tests.factories import CareerProfileFactory
from tests.roadmap.helpers import hold, log_activity, member_of

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def test_overview_counts_each_body_with_its_own_rule():
    profile = CareerProfileFactory()
    cca = hold(profile, "CCA", date(2025, 3, 15))
    ccs = hold(profile, "CCS", date(2025, 9, 1))
    cpc = hold(profile, "CPC", date(2025, 5, 10))
    member_of(profile, "AAPC", date(2026, 3, 1))
    early = log_activity(profile, date(2025, 5, 1), "5", cpc)
    log_activity(profile, date(2026, 1, 10), "12", cca, ccs)
    log_activity(profile, date(2026, 2, 1), "10", cpc)
    overview = ceu_overview(profile, TODAY)
    assert [(s.body, s.credentials, s.required, s.earned, s.cycle.end) for s in overview.statuses] == [
        ("AAPC", ("CPC",), 32, Decimal(10), date(2027, 2, 28)),
        ("AHIMA", ("CCA", "CCS"), 30, Decimal(12), date(2027, 3, 14)),
    ]
    assert overview.statuses[0].prorated is True
    assert overview.status_of(early) == "AAPC: dated before CPC was earned: it does not count"


@pytest.mark.parametrize("n", [1, 20])
def test_overview_runs_a_fixed_number_of_queries(django_assert_num_queries, n):
    profile = CareerProfileFactory()
    cca = hold(profile, "CCA", date(2025, 3, 15))
    for day in range(n):
        log_activity(profile, date(2026, 1, 1 + day), "1", cca)
    with django_assert_num_queries(7):
        overview = ceu_overview(profile, TODAY)
    assert overview.statuses[0].earned == Decimal(n)


def test_marking_the_exam_step_done_adds_the_credential_and_undo_removes_it():
    profile = CareerProfileFactory(start_date=date(2027, 1, 4))
    roadmap = save_roadmap(user=profile.user, plan=make_plan(profile, "CPC", today=TODAY), profile=profile,
                           save_token=uuid.uuid4())  # fmt: skip
    sit = roadmap.steps.get(earns="CPC")
    set_step_status(step=sit, status="done", expected="not_started", today=date(2027, 3, 15))
    held = HeldCredential.objects.get(profile=profile)
    assert (held.certification.code, held.earned_on, held.apprentice, held.source_step_id) == (
        "CPC",
        date(2027, 3, 15),
        True,
        sit.pk,
    )
    status = ceu_overview(profile, date(2027, 4, 1)).statuses[0]
    assert (status.body, status.required, status.status) == ("AAPC", 36, cycles.ON_TRACK)
    set_step_status(step=sit, status="not_started", expected="done", today=date(2027, 3, 16))
    assert HeldCredential.objects.filter(profile=profile).exists() is False


def test_a_credential_added_by_hand_is_not_touched_by_the_exam_step():
    profile = CareerProfileFactory(start_date=date(2027, 1, 4))
    roadmap = save_roadmap(user=profile.user, plan=make_plan(profile, "CCA", today=TODAY), profile=profile,
                           save_token=uuid.uuid4())  # fmt: skip
    by_hand = hold(profile, "CCA", date(2027, 2, 1))
    sit = roadmap.steps.get(earns="CCA")
    set_step_status(step=sit, status="done", expected="not_started", today=date(2027, 3, 1))
    set_step_status(step=sit, status="not_started", expected="done", today=date(2027, 3, 2))
    assert list(HeldCredential.objects.filter(profile=profile).values_list("pk", "earned_on")) == [
        (by_hand.pk, date(2027, 2, 1))
    ]
