"""Reminder e-mails (roadmap/keeping/reminders.py and `manage.py send_reminders`): one e-mail per user per run,
each event once, the links that act on it, and who gets nothing."""

from __future__ import annotations

import datetime
import smtplib
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from io import StringIO
from typing import Any, ClassVar

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends import locmem
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from roadmap.keeping.reminders import send_reminders
from roadmap.models import CareerProfile, ReminderLog, Roadmap, RoadmapStep
from tests.factories import CareerProfileFactory, RoadmapFactory, RoadmapStepFactory, UserFactory
from tests.roadmap.helpers import hold, log_activity, member_of

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 1)
SITE = "https://planner.example"
OFF_LINE = f"You get these reminders because they are on in your profile. To turn them off: {SITE}/profile/"


@pytest.fixture(autouse=True)
def _site_and_clock(settings: Any) -> Iterator[None]:
    settings.SITE_ROOT = SITE + "/"  # a trailing slash must not double up in links
    with time_machine.travel(datetime.datetime(2027, 3, 1, 6, tzinfo=datetime.UTC), tick=False):
        yield


def _person(username: str, *, email: str | None = None, first_name: str = "", **fields: Any) -> CareerProfile:
    user = UserFactory(
        username=username, first_name=first_name, email=f"{username}@example.org" if email is None else email
    )
    return CareerProfileFactory(user=user, **fields)


def _roadmap(profile: CareerProfile, *, active: bool = True) -> Roadmap:
    return RoadmapFactory(user=profile.user, is_active=active, certification_code="CPC")


def _step(roadmap: Roadmap, title: str, finish: date | None, status: str = "not_started") -> RoadmapStep:
    return RoadmapStepFactory(roadmap=roadmap, title=title, planned_finish=finish, status=status,
                              completed_on=finish if status == "done" else None)  # fmt: skip


def _logged() -> set[tuple[str, str]]:
    return set(ReminderLog.objects.values_list("user__username", "key"))


def _email(name: str, *events: tuple[str, str]) -> str:
    """The whole expected body: `events` are (line, link) pairs."""
    count = "One thing needs" if len(events) == 1 else f"{len(events)} things need"
    listed = "".join(f"\n- {line}\n  {link}\n" for line, link in events)
    return f"Hello {name},\n\n{count} your attention:\n{listed}\n{OFF_LINE}\n\nCareer Planner\n"


# ------------------------------------------------------------------ steps


def test_steps_due_within_a_week_are_emailed_in_one_message_linking_to_each_step():
    maya = _person("maya")
    roadmap = _roadmap(maya)
    today = _step(roadmap, "Study anatomy", TODAY)
    week = _step(roadmap, "Take the practice exam", TODAY + timedelta(days=7))
    _step(roadmap, "Sit the CPC exam", TODAY + timedelta(days=8))

    summary = send_reminders(today=TODAY)

    assert (summary.emails, summary.events) == (1, 2)
    assert [(m.subject, m.to, m.from_email, m.extra_headers) for m in mail.outbox] == [
        ("Career Planner: 2 reminders", ["maya@example.org"], "Career Planner <noreply@localhost>",
         {"Auto-Submitted": "auto-generated"}),
    ]  # fmt: skip
    assert mail.outbox[0].body == _email(
        "maya",
        ("Due 1 March 2027: Study anatomy", f"{SITE}/roadmaps/{roadmap.pk}/#step-{today.pk}"),
        ("Due 8 March 2027: Take the practice exam", f"{SITE}/roadmaps/{roadmap.pk}/#step-{week.pk}"),
    )
    assert _logged() == {
        ("maya", f"step-due:{today.pk}:2027-03-01"),
        ("maya", f"step-due:{week.pk}:2027-03-08"),
    }


def test_an_overdue_step_is_emailed_with_a_link_to_it():
    maya = _person("maya", first_name="Maya")
    roadmap = _roadmap(maya)
    late = _step(roadmap, "Study anatomy", date(2027, 2, 20))

    send_reminders(today=TODAY)

    assert [(m.subject, m.to) for m in mail.outbox] == [("Career Planner: 1 reminder", ["maya@example.org"])]
    assert mail.outbox[0].body == _email(
        "Maya",
        ("Overdue (was due 20 February 2027): Study anatomy", f"{SITE}/roadmaps/{roadmap.pk}/#step-{late.pk}"),
    )
    assert _logged() == {("maya", f"step-overdue:{late.pk}:2027-02-20")}


def test_running_twice_sends_nothing_new():
    maya = _person("maya")
    roadmap = _roadmap(maya)
    _step(roadmap, "Study anatomy", date(2027, 2, 20))
    _step(roadmap, "Sit the CPC exam", TODAY + timedelta(days=3))
    member_of(maya, "AAPC", TODAY + timedelta(days=10))
    send_reminders(today=TODAY)
    logged = _logged()

    again = send_reminders(today=TODAY)
    next_day = send_reminders(today=TODAY + timedelta(days=1))

    assert (again.emails, again.events, next_day.emails, next_day.events) == (0, 0, 0, 0)
    assert len(mail.outbox) == 1
    assert (ReminderLog.objects.count(), _logged()) == (3, logged)


def test_a_due_step_is_reminded_again_once_it_is_overdue_and_after_a_replan_moves_it():
    maya = _person("maya")
    step = _step(_roadmap(maya), "Study anatomy", date(2027, 3, 5))
    send_reminders(today=TODAY)
    send_reminders(today=date(2027, 3, 6))
    RoadmapStep.objects.filter(pk=step.pk).update(planned_finish=date(2027, 3, 20))
    send_reminders(today=date(2027, 3, 14))

    assert [m.body.splitlines()[4] for m in mail.outbox] == [
        "- Due 5 March 2027: Study anatomy",
        "- Overdue (was due 5 March 2027): Study anatomy",
        "- Due 20 March 2027: Study anatomy",
    ]
    assert {key for _, key in _logged()} == {
        f"step-due:{step.pk}:2027-03-05",
        f"step-overdue:{step.pk}:2027-03-05",
        f"step-due:{step.pk}:2027-03-20",
    }


def test_done_and_skipped_steps_and_steps_of_an_inactive_roadmap_are_not_reminded():
    maya = _person("maya")
    roadmap = _roadmap(maya)
    _step(roadmap, "Done early", TODAY + timedelta(days=2), status="done")
    _step(roadmap, "Skipped", date(2027, 2, 1), status="skipped")
    _step(roadmap, "Not dated", None)
    _step(_roadmap(maya, active=False), "Other plan", TODAY + timedelta(days=2))

    summary = send_reminders(today=TODAY)

    assert (summary.emails, mail.outbox, _logged()) == (0, [], set())


def test_marking_a_step_done_after_it_was_reminded_stops_its_overdue_reminder():
    maya = _person("maya")
    step = _step(_roadmap(maya), "Study anatomy", date(2027, 3, 5))
    send_reminders(today=TODAY)
    RoadmapStep.objects.filter(pk=step.pk).update(status="done", completed_on=date(2027, 3, 5))

    summary = send_reminders(today=date(2027, 3, 10))

    assert (summary.emails, len(mail.outbox)) == (0, 1)


# ------------------------------------------------------------------- CEUs


def test_ceu_90_day_and_30_day_reminders_are_separate_emails():
    # CCA (AHIMA, 20 CEUs per 2 years) passed 15 March 2025: the cycle ends 14 March 2027.
    maya = _person("maya")
    cca = hold(maya, "CCA", date(2025, 3, 15))
    log_activity(cca.profile, date(2026, 1, 10), "7.5", cca)
    end = date(2027, 3, 14)

    at_85 = send_reminders(today=end - timedelta(days=85))
    at_25 = send_reminders(today=end - timedelta(days=25))
    at_20 = send_reminders(today=end - timedelta(days=20))

    assert [(s.emails, s.events) for s in (at_85, at_25, at_20)] == [(1, 1), (1, 1), (0, 0)]
    assert [m.body for m in mail.outbox] == [
        _email("maya", ("AHIMA CEUs due by 14 March 2027, in 85 days: 12.5 to go", f"{SITE}/ceus/")),
        _email("maya", ("AHIMA CEUs due by 14 March 2027, in 25 days: 12.5 to go", f"{SITE}/ceus/")),
    ]
    assert _logged() == {("maya", "ceu-90:AHIMA:2027-03-14"), ("maya", "ceu-30:AHIMA:2027-03-14")}


def test_someone_first_seen_with_25_days_left_gets_the_30_day_reminder_only():
    maya = _person("maya")
    hold(maya, "CCA", date(2025, 3, 15))

    send_reminders(today=date(2027, 3, 14) - timedelta(days=25))

    assert [m.body.splitlines()[4] for m in mail.outbox] == ["- AHIMA CEUs due by 14 March 2027, in 25 days: 20 to go"]
    assert _logged() == {("maya", "ceu-30:AHIMA:2027-03-14")}


@pytest.mark.parametrize(
    ("days_left", "keys"),
    [
        (91, set()),
        (90, {"ceu-90:AHIMA:2028-02-29"}),
        (31, {"ceu-90:AHIMA:2028-02-29"}),
        (30, {"ceu-30:AHIMA:2028-02-29"}),
        (1, {"ceu-30:AHIMA:2028-02-29"}),
        (0, set()),
    ],
)
def test_ceu_reminder_windows_for_a_cycle_ending_on_29_february(days_left, keys):
    # CCA passed 1 March 2026: the two-year cycle's last day is 29 February 2028.
    maya = _person("maya")
    hold(maya, "CCA", date(2026, 3, 1))

    send_reminders(today=date(2028, 2, 29) - timedelta(days=days_left))

    assert {key for _, key in _logged()} == keys
    assert len(mail.outbox) == len(keys)


def test_a_ceu_cycle_with_every_ceu_in_is_not_reminded():
    maya = _person("maya")
    cca = hold(maya, "CCA", date(2025, 3, 15))
    log_activity(cca.profile, date(2026, 1, 10), "20", cca)

    summary = send_reminders(today=date(2027, 2, 1))

    assert (summary.emails, mail.outbox, _logged()) == (0, [], set())


# ------------------------------------------------------------- memberships


def test_a_membership_renewing_within_30_days_is_reminded_with_a_link_to_the_wallet():
    maya = _person("maya")
    member_of(maya, "AAPC", TODAY + timedelta(days=30))
    member_of(maya, "AHIMA", TODAY + timedelta(days=31))

    send_reminders(today=TODAY)

    assert [m.body for m in mail.outbox] == [
        _email("maya", ("AAPC membership renews 31 March 2027", f"{SITE}/wallet/")),
    ]
    assert _logged() == {("maya", "membership:AAPC:2027-03-31")}


# ------------------------------------------------------------------ who


def test_each_user_gets_one_email_with_all_their_events_and_none_of_anyone_elses():
    maya = _person("maya")
    maya_roadmap = _roadmap(maya)
    maya_step = _step(maya_roadmap, "Maya's step", TODAY + timedelta(days=1))
    member_of(maya, "AAPC", TODAY + timedelta(days=5))
    cca = hold(maya, "CCA", date(2025, 3, 15))
    log_activity(cca.profile, date(2026, 1, 10), "8", cca)
    lee = _person("lee")
    lee_roadmap = _roadmap(lee)
    lee_step = _step(lee_roadmap, "Lee's step", date(2027, 2, 27))

    summary = send_reminders(today=TODAY)

    assert [(r.user.username, [e.key for e in r.events]) for r in summary.sent] == [
        ("maya", [f"step-due:{maya_step.pk}:2027-03-02", "membership:AAPC:2027-03-06", "ceu-30:AHIMA:2027-03-14"]),
        ("lee", [f"step-overdue:{lee_step.pk}:2027-02-27"]),
    ]
    assert [(m.to, m.body) for m in mail.outbox] == [
        (
            ["maya@example.org"],
            _email(
                "maya",
                ("Due 2 March 2027: Maya's step", f"{SITE}/roadmaps/{maya_roadmap.pk}/#step-{maya_step.pk}"),
                ("AAPC membership renews 6 March 2027", f"{SITE}/wallet/"),
                ("AHIMA CEUs due by 14 March 2027, in 13 days: 12 to go", f"{SITE}/ceus/"),
            ),
        ),
        (
            ["lee@example.org"],
            _email(
                "lee",
                (
                    "Overdue (was due 27 February 2027): Lee's step",
                    f"{SITE}/roadmaps/{lee_roadmap.pk}/#step-{lee_step.pk}",
                ),
            ),
        ),
    ]


def test_reminders_off_sends_and_logs_nothing_and_turning_them_on_reminds_what_is_still_relevant():
    maya = _person("maya", reminders_enabled=False)
    roadmap = _roadmap(maya)
    _step(roadmap, "Missed while off", date(2027, 2, 20))
    _step(roadmap, "Passed while off", TODAY + timedelta(days=1), status="done")

    off = send_reminders(today=TODAY)
    CareerProfile.objects.filter(pk=maya.pk).update(reminders_enabled=True)
    on = send_reminders(today=TODAY + timedelta(days=1))

    assert (off.emails, on.emails) == (0, 1)
    assert [m.body.splitlines()[2:5] for m in mail.outbox] == [
        ["One thing needs your attention:", "", "- Overdue (was due 20 February 2027): Missed while off"]
    ]


def test_a_user_without_an_email_address_is_skipped():
    nobody = _person("nobody", email="")
    _step(_roadmap(nobody), "Study anatomy", TODAY)
    lee = _person("lee")
    _step(_roadmap(lee), "Lee's step", TODAY)

    summary = send_reminders(today=TODAY)

    assert [r.user.username for r in summary.sent] == ["lee"]
    assert [m.to for m in mail.outbox] == [["lee@example.org"]]
    assert {username for username, _ in _logged()} == {"lee"}


class BrokenBackend(BaseEmailBackend):
    """An SMTP server that is down: Django's backend interface, not our code."""

    def send_messages(self, email_messages: Any) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_an_email_that_cannot_be_sent_is_not_logged_so_the_next_run_sends_it(settings, caplog):
    maya = _person("maya")
    step = _step(_roadmap(maya), "Study anatomy", TODAY)
    settings.EMAIL_BACKEND = "tests.roadmap.test_reminders.BrokenBackend"

    broken = send_reminders(today=TODAY)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    fixed = send_reminders(today=TODAY)

    assert [(r.user.username, [e.key for e in r.events]) for r in broken.failed] == [
        ("maya", [f"step-due:{step.pk}:2027-03-01"])
    ]
    assert [record.getMessage() for record in caplog.records] == [
        f"Could not e-mail reminders to user {maya.user_id}; they stay due."
    ]
    assert (broken.emails, fixed.emails, len(mail.outbox)) == (0, 1, 1)
    assert _logged() == {("maya", f"step-due:{step.pk}:2027-03-01")}


class WitnessBackend(BaseEmailBackend):
    """A mail server that notes, as each message goes, whether a transaction is open and what the log holds."""

    seen: ClassVar[list[tuple[bool, set[tuple[str, str]]]]] = []

    def send_messages(self, email_messages: Any) -> int:
        for _message in email_messages:
            self.seen.append((transaction.get_connection().in_atomic_block, _logged()))
        return len(email_messages)


@pytest.mark.django_db(transaction=True)
def test_an_email_goes_only_once_its_events_are_claimed_and_committed(settings):
    """So a run starting while it goes finds them taken: sending inside the claim's transaction would
    send twice whenever that commit failed after the e-mail went."""
    step = _step(_roadmap(_person("maya")), "Study anatomy", TODAY)
    settings.EMAIL_BACKEND = "tests.roadmap.test_reminders.WitnessBackend"
    WitnessBackend.seen.clear()

    summary = send_reminders(today=TODAY)

    assert (summary.emails, WitnessBackend.seen) == (1, [(False, {("maya", f"step-due:{step.pk}:2027-03-01")})])


class SlowBackend(locmem.EmailBackend):
    """A mail server that takes a moment per message, so that two runs overlap."""

    def send_messages(self, messages: Any) -> int:
        time.sleep(0.005 * len(messages))
        return super().send_messages(messages)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two runs writing at once need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_email_once(settings):
    people = [f"person{n:02}" for n in range(40)]
    for username in people:
        _step(_roadmap(_person(username)), "Study anatomy", TODAY)
    settings.EMAIL_BACKEND = "tests.roadmap.test_reminders.SlowBackend"
    start = threading.Barrier(2)
    summaries: list[Any] = []

    def run() -> None:
        try:
            start.wait()
            summaries.append(send_reminders(today=TODAY))
        finally:
            connections.close_all()  # this thread's own connection

    runs = [threading.Thread(target=run) for _ in range(2)]
    for thread in runs:
        thread.start()
    for thread in runs:
        thread.join()

    assert sorted(to for message in mail.outbox for to in message.to) == [f"{u}@example.org" for u in people]
    assert (sum(summary.emails for summary in summaries), ReminderLog.objects.count()) == (40, 40)


@pytest.mark.parametrize("n", [5, 40])
def test_reminders_run_a_fixed_number_of_queries_whatever_the_number_of_steps(django_assert_num_queries, n):
    maya = _person("maya")
    roadmap = _roadmap(maya)
    for day in range(n):
        _step(roadmap, f"Step {day}", TODAY - timedelta(days=day))
    hold(maya, "CCA", date(2025, 3, 15))
    member_of(maya, "AAPC", TODAY + timedelta(days=5))
    _step(_roadmap(_person("lee")), "Lee's step", TODAY)

    # The run: recipients, steps, memberships (3). Maya: her CEU overview (5: with no CEU logged, the
    # activities' prefetches do not run), what was already sent, then her insert inside a savepoint (3,
    # the test's transaction turns the per-user transaction into a savepoint). Lee: the same without CEUs.
    with django_assert_num_queries(3 + (5 + 1 + 3) + (1 + 3)):
        summary = send_reminders(today=TODAY)

    assert (summary.emails, summary.events) == (2, n + 3)


# ----------------------------------------------------------------- command


def test_command_sends_and_prints_its_summary():
    maya = _person("maya")
    _step(_roadmap(maya), "Study anatomy", TODAY)
    member_of(maya, "AAPC", TODAY + timedelta(days=5))
    _step(_roadmap(_person("lee")), "Lee's step", TODAY + timedelta(days=2))
    out = StringIO()

    call_command("send_reminders", "--date", "2027-03-01", stdout=out)
    call_command("send_reminders", stdout=out)  # today, from the frozen clock: nothing new

    assert out.getvalue().splitlines() == [
        "Reminders for 2027-03-01: sent 2 e-mails about 3 events.",
        "Reminders for 2027-03-01: sent 0 e-mails about 0 events.",
    ]
    assert len(mail.outbox) == 2


def test_dry_run_lists_what_it_would_send_and_sends_and_logs_nothing():
    maya = _person("maya")
    step = _step(_roadmap(maya), "Study anatomy", date(2027, 2, 20))
    out = StringIO()

    call_command("send_reminders", "--dry-run", "--date", "2027-03-01", stdout=out)

    assert out.getvalue().splitlines() == [
        "maya@example.org:",
        f"  step-overdue:{step.pk}:2027-02-20  Overdue (was due 20 February 2027): Study anatomy",
        "Dry run for 2027-03-01: would send 1 e-mail about 1 event. Nothing was sent or logged.",
    ]
    assert (mail.outbox, _logged()) == ([], set())


def test_command_refuses_a_malformed_date():
    with pytest.raises(CommandError) as error:
        call_command("send_reminders", "--date", "1/3/2027")

    assert str(error.value) == "Error: argument --date: '1/3/2027' is not a date written YYYY-MM-DD"
