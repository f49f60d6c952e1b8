"""The CEU rules the planner, the cycle engine and the CeuPolicy model share (roadmap/planner/ceus.py)."""

import pytest

from roadmap import planner


@pytest.mark.parametrize(
    ("singles", "extra", "cap", "total"),
    [
        ([], 4, 52, 0),
        ([36], 4, 52, 36),
        ([36, 36, 36], 4, 52, 44),
        ([36] * 7, 4, 52, 52),
        ([20, 30, 20], 10, None, 50),
        ([20, 30, 20], 10, 0, 50),  # 0 is no cap, as an empty admin field would be
        ([20, 30], None, 50, 30),
    ],
)
def test_total_is_highest_single_plus_extra_per_further_credential_capped(singles, extra, cap, total):
    assert planner.total_ceus(singles, extra_per_credential=extra, cap=cap) == total


def test_a_credential_another_one_held_replaces_is_not_counted():
    held = [("RHIT", ""), ("RHIA", "RHIT"), ("CCS", "")]
    assert planner.counted_credentials(held) == planner.CountedCredentials(("CCS", "RHIA"), frozenset({"RHIT"}))


def test_a_replaced_credential_not_held_is_still_named_as_replaced():
    assert planner.counted_credentials([("RHIA", "RHIT")]) == planner.CountedCredentials(("RHIA",), frozenset({"RHIT"}))
