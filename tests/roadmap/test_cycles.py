"""The CEU cycle engine at its boundaries. No database: rules are built here as the seed has them."""

from datetime import date
from decimal import Decimal

import pytest

from roadmap.keeping import cycles
from roadmap.keeping.cycles import Activity, BodyRule, Credential, Cycle

AAPC = BodyRule(
    "AAPC",
    "American Academy of Professional Coders",
    cycle_months=24,
    cycle_start=cycles.CYCLE_FROM_MEMBERSHIP,
    prorate_first_cycle=True,
    first_cycle_min_months=12,
    prorate_note="We assume the requirement scales with the months of your first cycle.",
    extra_credential_ceus=4,
    max_ceus=52,
)
AHIMA = BodyRule("AHIMA", "AHIMA", cycle_months=24, extra_credential_ceus=10, max_ceus=50)
ACDIS = BodyRule("ACDIS", "ACDIS", cycle_months=24)
NHA = BodyRule("NHA", "NHA", cycle_months=24)
AMBA = BodyRule("AMBA", "AMBA", cycle_months=12)


def cred(code: str, body: str, earned: date, ceus: int, minimums=(), supersedes="") -> Credential:
    return Credential(code, body, earned, ceus, tuple(minimums), supersedes)


def log(key: int, day: date, ceus: str, codes: tuple[str, ...], category: str = "general") -> Activity:
    return Activity(key, day, Decimal(ceus), category, codes)


CCA = cred("CCA", "AHIMA", date(2025, 3, 15), 20)


# ------------------------------------------------------------ cycle dates


def test_ahima_cycle_runs_two_years_from_the_day_the_exam_was_passed():
    status = cycles.body_status(AHIMA, [CCA], [], date(2026, 1, 10))
    assert (status.cycle, status.required) == (Cycle(date(2025, 3, 15), date(2027, 3, 14)), 20)


def test_the_next_cycle_starts_the_day_after_the_last_one_ends():
    status = cycles.body_status(AHIMA, [CCA], [], date(2027, 3, 15))
    assert status.cycle == Cycle(date(2027, 3, 15), date(2029, 3, 14))


def test_a_cycle_can_end_on_29_february():
    passed_1_march = cred("CCS", "AHIMA", date(2026, 3, 1), 20)
    status = cycles.body_status(AHIMA, [passed_1_march], [], date(2027, 6, 1))
    assert status.cycle == Cycle(date(2026, 3, 1), date(2028, 2, 29))


def test_month_end_anchors_do_not_drift_over_many_cycles():
    leap_day = cred("CMRS", "AMBA", date(2024, 2, 29), 15)
    ends = [cycles.body_status(AMBA, [leap_day], [], day).cycle for day in
            (date(2024, 6, 1), date(2025, 6, 1), date(2026, 6, 1), date(2027, 6, 1))]  # fmt: skip
    assert ends == [
        Cycle(date(2024, 2, 29), date(2025, 2, 27)),
        Cycle(date(2025, 2, 28), date(2026, 2, 27)),
        Cycle(date(2026, 2, 28), date(2027, 2, 27)),
        Cycle(date(2027, 2, 28), date(2028, 2, 28)),
    ]


def test_end_of_month_pass_gives_a_cycle_ending_the_day_before_the_anniversary():
    passed_31_january = cred("CCA", "AHIMA", date(2025, 1, 31), 20)
    assert cycles.body_status(AHIMA, [passed_31_january], [], date(2025, 2, 1)).cycle == Cycle(
        date(2025, 1, 31), date(2027, 1, 30)
    )


# ------------------------------------------------------------- counting CEUs


def test_ceus_dated_on_the_first_and_last_day_of_the_cycle_count():
    activities = [
        log(1, date(2025, 3, 15), "5", ("CCA",)),
        log(2, date(2027, 3, 14), "4", ("CCA",)),
        log(3, date(2027, 3, 15), "7", ("CCA",)),
        log(4, date(2025, 3, 14), "3", ("CCA",)),
    ]
    status = cycles.body_status(AHIMA, [CCA], activities, date(2027, 3, 14))
    assert (status.earned, status.counted) == (Decimal(9), (1, 2))
    assert status.not_counted == (
        (4, "dated before CCA was earned: it does not count"),
        (3, "dated after this cycle ends"),
    )


def test_ceus_do_not_carry_over_to_the_next_cycle():
    activities = [log(1, date(2026, 5, 1), "30", ("CCA",)), log(2, date(2027, 4, 1), "2", ("CCA",))]
    status = cycles.body_status(AHIMA, [CCA], activities, date(2027, 5, 1))
    assert (status.earned, status.remaining) == (Decimal(2), Decimal(18))
    assert status.not_counted == ((1, "from an earlier cycle: CEUs do not carry over"),)


def test_activities_for_another_body_are_ignored():
    activities = [log(1, date(2026, 1, 1), "10", ("CPC",))]
    status = cycles.body_status(AHIMA, [CCA], activities, date(2026, 2, 1))
    assert (status.earned, status.not_counted) == (Decimal(0), ())


# ---------------------------------------------------------- AAPC pro-rating


CPC = cred("CPC", "AAPC", date(2025, 5, 10), 36)
RENEWS = date(2026, 3, 1)  # the member's renewal day and month


def test_aapc_first_cycle_ends_on_a_renewal_date_and_is_pro_rated():
    status = cycles.body_status(AAPC, [CPC], [], date(2025, 6, 1), renewal=RENEWS)
    assert status.cycle == Cycle(date(2025, 5, 10), date(2027, 2, 28))
    assert (status.prorated, status.required) == (True, 32)  # 36 x 21 months / 24, rounded up
    assert status.assumption == AAPC.prorate_note


def test_aapc_cycles_after_the_first_are_full_two_years_on_the_renewal_date():
    status = cycles.body_status(AAPC, [CPC], [], date(2027, 3, 1), renewal=RENEWS)
    assert (status.cycle, status.required, status.prorated) == (Cycle(date(2027, 3, 1), date(2029, 2, 28)), 36, False)


def test_aapc_without_a_renewal_date_counts_from_the_exam_and_says_so():
    status = cycles.body_status(AAPC, [CPC], [], date(2025, 6, 1))
    assert (status.cycle, status.required) == (Cycle(date(2025, 5, 10), date(2027, 5, 9)), 36)
    assert status.assumption.startswith("Add your AAPC membership renewal date")


def test_aapc_rejects_ceus_earned_before_certification():
    activities = [log(1, date(2025, 5, 9), "10", ("CPC",)), log(2, date(2025, 5, 10), "2", ("CPC",))]
    status = cycles.body_status(AAPC, [CPC], activities, date(2025, 6, 1), renewal=RENEWS)
    assert (status.earned, status.not_counted) == (Decimal(2), ((1, "dated before CPC was earned: it does not count"),))


# ------------------------------------------------------ several credentials


def test_aapc_two_credentials_need_40_with_16_auditing_inside():
    cpma = cred("CPMA", "AAPC", date(2025, 5, 10), 36, [("auditing", 16)])
    activities = [
        log(1, date(2025, 7, 1), "30", ("CPC", "CPMA")),
        log(2, date(2025, 8, 1), "10", ("CPMA",), "auditing"),
    ]
    status = cycles.body_status(AAPC, [CPC, cpma], activities, date(2025, 9, 1))
    assert (status.credentials, status.required, status.earned) == (("CPC", "CPMA"), 40, Decimal(40))
    (auditing,) = status.categories
    assert (auditing.category, auditing.required, auditing.earned, auditing.remaining) == (
        "auditing",
        16,
        Decimal(10),
        Decimal(6),
    )
    assert status.status != cycles.MET  # the total is reached but the auditing minimum is not


@pytest.mark.parametrize(("count", "total"), [(1, 36), (2, 40), (3, 44), (4, 48), (5, 52), (6, 52)])
def test_aapc_totals_for_one_to_six_credentials(count, total):
    held = [cred(f"C{n}", "AAPC", date(2025, 1, 1), 36) for n in range(count)]
    assert cycles.required_ceus(AAPC, held) == total


def test_ahima_totals_take_the_highest_single_plus_ten_each_up_to_50():
    rhia = cred("RHIA", "AHIMA", date(2024, 1, 1), 30)
    cdip = cred("CDIP", "AHIMA", date(2024, 6, 1), 30)
    ccs = cred("CCS", "AHIMA", date(2025, 1, 1), 20)
    ccsp = cred("CCS-P", "AHIMA", date(2025, 2, 1), 20)
    assert cycles.required_ceus(AHIMA, [CCA, ccs]) == 30
    assert cycles.required_ceus(AHIMA, [rhia, cdip]) == 40
    assert cycles.required_ceus(AHIMA, [rhia, ccs, ccsp]) == 50
    assert cycles.required_ceus(AHIMA, [rhia, cdip, ccs, ccsp]) == 50


def test_rhia_replaces_rhit_and_keeps_the_first_cycle_date():
    rhit = cred("RHIT", "AHIMA", date(2023, 6, 1), 20)
    rhia = cred("RHIA", "AHIMA", date(2025, 9, 1), 30, supersedes="RHIT")
    status = cycles.body_status(AHIMA, [rhit, rhia], [], date(2025, 10, 1))
    assert (status.credentials, status.required) == (("RHIA",), 30)


def test_other_bodies_requirements():
    ccds = cred("CCDS", "ACDIS", date(2025, 1, 1), 30)
    cbcs = cred("CBCS", "NHA", date(2025, 1, 1), 10)
    cmrs = cred("CMRS", "AMBA", date(2025, 1, 1), 15)
    today = date(2025, 6, 1)
    assert [
        (s.body, s.required, s.cycle.end) for s in cycles.statuses([ACDIS, NHA, AMBA], [ccds, cbcs, cmrs], [], today)
    ] == [
        ("ACDIS", 30, date(2026, 12, 31)),
        ("AMBA", 15, date(2025, 12, 31)),
        ("NHA", 10, date(2026, 12, 31)),
    ]


# ------------------------------------------------------------------ status


def test_status_on_track_when_ceus_keep_pace_with_the_cycle():
    activities = [log(1, date(2025, 6, 1), "6", ("CCA",))]
    assert cycles.body_status(AHIMA, [CCA], activities, date(2025, 9, 15)).status == cycles.ON_TRACK


def test_status_behind_when_ceus_lag_the_cycle():
    assert cycles.body_status(AHIMA, [CCA], [], date(2026, 3, 15)).status == cycles.BEHIND


def test_status_due_soon_within_90_days_of_the_end():
    status = cycles.body_status(AHIMA, [CCA], [], date(2026, 12, 14))
    assert (status.status, status.label) == (cycles.DUE_SOON, "Due within 90 days")


def test_status_met_when_every_ceu_is_in():
    activities = [log(1, date(2025, 6, 1), "20", ("CCA",))]
    status = cycles.body_status(AHIMA, [CCA], activities, date(2027, 3, 1))
    assert (status.status, status.remaining) == (cycles.MET, Decimal(0))


def test_status_overdue_shortly_after_a_cycle_ended_unmet():
    activities = [log(1, date(2026, 1, 1), "12", ("CCA",))]
    status = cycles.body_status(AHIMA, [CCA], activities, date(2027, 4, 1))
    assert status.status == cycles.OVERDUE
    assert status.previous is not None
    assert (status.previous.cycle.end, status.previous.remaining) == (date(2027, 3, 14), Decimal(8))


def test_an_unmet_cycle_long_past_is_no_longer_flagged():
    status = cycles.body_status(AHIMA, [CCA], [], date(2027, 9, 1))
    assert (status.previous, status.status) == (None, cycles.ON_TRACK)


def test_credentials_earned_in_the_future_are_not_tracked_yet():
    later = cred("CCS", "AHIMA", date(2030, 1, 1), 20)
    assert cycles.statuses([AHIMA], [later], [], date(2026, 1, 1)) == ()


def test_behind_allows_a_quarter_of_the_requirement_as_slack():
    halfway = date(2026, 3, 14)  # 365 of 730 days: an even pace is 10 of 20 CEUs
    just_enough = [log(1, date(2025, 6, 1), "5", ("CCA",))]
    too_few = [log(1, date(2025, 6, 1), "4.99", ("CCA",))]
    assert cycles.body_status(AHIMA, [CCA], just_enough, halfway).status == cycles.ON_TRACK
    assert cycles.body_status(AHIMA, [CCA], too_few, halfway).status == cycles.BEHIND


def test_an_unknown_requirement_never_makes_a_cycle_overdue():
    unknown = cred("CDIP", "AHIMA", date(2025, 3, 15), None)  # type: ignore[arg-type]
    status = cycles.body_status(AHIMA, [unknown], [], date(2027, 4, 1))
    assert (status.required, status.previous, status.status) == (None, None, cycles.ON_TRACK)
