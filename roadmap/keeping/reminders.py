"""Reminder e-mails: steps falling due or overdue, CEU cycles ending, memberships to renew.

`send_reminders` is run once a day by cron (`manage.py send_reminders`), on one
host or several at once. Each event is e-mailed once per user: its stable key is
claimed in ReminderLog, and committed, before the e-mail is sent. A changed date
is a new event (a re-planned step due on another day is reminded again). All of
a user's new events go into one e-mail.
"""

from __future__ import annotations

import contextlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certifications.formatting import long_day
from roadmap.http import site_url
from roadmap.keeping import cycles
from roadmap.keeping.ceus import ceu_overview, ceus_left
from roadmap.models import FINISHED, CareerProfile, HeldCredential, Membership, ReminderLog, RoadmapStep

logger = logging.getLogger(__name__)

STEP_DUE_DAYS = 7
CEU_FIRST_NOTICE_DAYS = 90
CEU_LAST_NOTICE_DAYS = 30
MEMBERSHIP_NOTICE_DAYS = 30


# ------------------------------------------------------------ shared wording


# ------------------------------------------------------------------ events


@dataclass(frozen=True)
class Event:
    key: str  # stable: the ReminderLog key, e.g. "ceu-90:AHIMA:2027-03-14"
    day: date  # the date it is about: due date, cycle end, renewal
    text: str  # one line of the e-mail
    url: str  # absolute address of the page that acts on it


def due_events(
    *,
    steps: Iterable[RoadmapStep],
    statuses: Iterable[cycles.BodyStatus],
    memberships: Iterable[Membership],
    today: date,
) -> list[Event]:
    """Every event one user should be reminded of on `today`, whether already sent or not, by date.

    No queries: steps need their roadmap (select_related) and memberships their body.
    - a step of the active roadmap, not done or skipped, planned to finish within
      the next 7 days (due) or before today (overdue);
    - a CEU cycle ending within 90 days, then again within 30 days, while CEUs remain.
      The two notices are windows (90 to 31 days left, 30 to 1): someone first seen
      with 25 days left gets the 30-day notice only, not both at once;
    - a membership renewing within the next 30 days.
    """
    events: list[Event] = []
    for step in steps:
        finish = step.planned_finish
        if finish is None or step.is_finished or not step.roadmap.is_active:
            continue
        url = site_url("roadmap:detail", step.roadmap_id, fragment=f"step-{step.pk}")
        if finish < today:
            text = _("Overdue (was due %(date)s): %(step)s") % {"date": long_day(finish), "step": step.title}
            events.append(Event(f"step-overdue:{step.pk}:{finish.isoformat()}", finish, text, url))
        elif finish <= today + timedelta(days=STEP_DUE_DAYS):
            text = _("Due %(date)s: %(step)s") % {"date": long_day(finish), "step": step.title}
            events.append(Event(f"step-due:{step.pk}:{finish.isoformat()}", finish, text, url))
    for status in statuses:
        end = status.cycle.end
        days_left = (end - today).days
        if status.status == cycles.MET or not 0 < days_left <= CEU_FIRST_NOTICE_DAYS:
            continue
        notice = CEU_LAST_NOTICE_DAYS if days_left <= CEU_LAST_NOTICE_DAYS else CEU_FIRST_NOTICE_DAYS
        text = ngettext(
            "%(body)s CEUs due by %(date)s, in %(days)d day: %(left)s",
            "%(body)s CEUs due by %(date)s, in %(days)d days: %(left)s",
            days_left,
        ) % {"body": status.body, "date": long_day(end), "days": days_left, "left": ceus_left(status)}
        events.append(Event(f"ceu-{notice}:{status.body}:{end.isoformat()}", end, text, site_url("ceus:list")))
    for membership in memberships:
        renews_on = membership.renews_on
        if today <= renews_on <= today + timedelta(days=MEMBERSHIP_NOTICE_DAYS):
            body = membership.body.abbreviation
            text = _("%(body)s membership renews %(date)s") % {"body": body, "date": long_day(renews_on)}
            events.append(Event(f"membership:{body}:{renews_on.isoformat()}", renews_on, text, site_url("ceus:wallet")))
    return sorted(events, key=lambda event: (event.day, event.key))


# ------------------------------------------------------------------ sending


@dataclass(frozen=True)
class Reminder:
    user: User
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Summary:
    sent: tuple[Reminder, ...]  # on a dry run: what would be sent
    failed: tuple[Reminder, ...] = ()
    dry_run: bool = False

    @property
    def emails(self) -> int:
        return len(self.sent)

    @property
    def events(self) -> int:
        return sum(len(reminder.events) for reminder in self.sent)


def send_reminders(*, today: date, dry_run: bool = False) -> Summary:
    """E-mail every user who wants reminders the events due today they were not reminded of yet.

    Side effects: sends at most one e-mail per user and adds a ReminderLog row per
    event in it; a dry run does neither. Users with reminders off, without an
    e-mail address or with an inactive account are skipped and nothing is logged
    for them, so turning reminders back on reminds them of what is still relevant.

    Each user's events are claimed before their e-mail is sent: the log rows are
    inserted and committed first, then the e-mail goes, and a failed send deletes
    the claim again (the events are tried on the next run). So two runs at once
    cannot both send: the second one's insert of the same keys fails on the
    unique constraint (waiting, on PostgreSQL, for the first one's commit) and
    that user is left to the first. Sending inside the transaction instead would
    send twice whenever the commit after a sent e-mail failed, and would hold the
    rows locked for as long as the mail server takes. The price: a run killed
    between its claim and its send leaves those events claimed and unsent (a
    missed reminder, never a repeated one). Outside a transaction only: inside
    one, the claim is not committed before sending.

    Queries: 3 for the run (recipients, their due steps, their memberships
    renewing soon); for each user holding a credential, their CEU cycles
    (ceu_overview: at most 7); for each user with an event, 1 (what was already
    sent) and, when there is something new, 1 insert (and 1 delete when the
    e-mail cannot be sent). None per step or per event.
    """
    wanted = CareerProfile.objects.filter(reminders_enabled=True, user__is_active=True).exclude(user__email="")
    recipients = list(
        wanted.select_related("user")
        .annotate(holds_credentials=Exists(HeldCredential.objects.filter(profile=OuterRef("pk"))))
        .order_by("user_id")
    )
    # Subqueries rather than lists of ids: no limit on the number of users.
    steps: dict[int, list[RoadmapStep]] = defaultdict(list)
    for step in (
        RoadmapStep.objects.filter(
            roadmap__user__in=wanted.values("user_id"),
            roadmap__is_active=True,
            planned_finish__lte=today + timedelta(days=STEP_DUE_DAYS),
        )
        .exclude(status__in=FINISHED)
        .select_related("roadmap")
    ):
        steps[step.roadmap.user_id].append(step)
    memberships: dict[int, list[Membership]] = defaultdict(list)
    for membership in Membership.objects.filter(
        profile__in=wanted.values("pk"),
        renews_on__range=(today, today + timedelta(days=MEMBERSHIP_NOTICE_DAYS)),
    ).select_related("body"):
        memberships[membership.profile_id].append(membership)

    sent: list[Reminder] = []
    failed: list[Reminder] = []
    connection = None if dry_run else mail.get_connection()
    with connection or contextlib.nullcontext():
        for profile in recipients:
            # In the person's language: the one they last chose on the site (CareerProfile.language).
            with translation.override(profile.language):
                statuses = ceu_overview(profile, today).statuses if profile.holds_credentials else ()
                events = due_events(
                    steps=steps[profile.user_id], statuses=statuses, memberships=memberships[profile.pk], today=today
                )
            if not events:
                continue
            try:
                with translation.override(profile.language):
                    new = _remind(profile.user, events, connection=connection)
            except IntegrityError:
                logger.warning("Reminders for user %s are being sent by another run; skipped.", profile.user_id)
                continue
            except OSError:  # smtplib.SMTPException included
                logger.exception("Could not e-mail reminders to user %s; they stay due.", profile.user_id)
                failed.append(Reminder(profile.user, tuple(events)))
                continue
            if new:
                sent.append(Reminder(profile.user, new))
    return Summary(sent=tuple(sent), failed=tuple(failed), dry_run=dry_run)


def _remind(user: User, events: list[Event], *, connection: BaseEmailBackend | None) -> tuple[Event, ...]:
    """Claim the events not yet logged for the user, then send them; without a connection (dry run) only find them.

    Raises IntegrityError when another run claimed one of them first (nothing is sent), and
    what the e-mail backend raises when it cannot send (the claim is deleted first).
    """
    keys = [event.key for event in events]
    logged = set(ReminderLog.objects.filter(user=user, key__in=keys).values_list("key", flat=True))
    new = tuple(event for event in events if event.key not in logged)
    if not new or connection is None:
        return new
    claimed = [event.key for event in new]
    with transaction.atomic():  # a savepoint when called inside a transaction: an IntegrityError leaves it usable
        ReminderLog.objects.bulk_create(ReminderLog(user=user, key=key) for key in claimed)
    try:
        _reminder_email(user, new, connection=connection).send()
    except Exception:
        ReminderLog.objects.filter(user=user, key__in=claimed).delete()
        raise
    return new


def _reminder_email(
    user: User, events: tuple[Event, ...], *, connection: BaseEmailBackend | None = None
) -> mail.EmailMessage:
    context = {
        "name": user.first_name or user.get_username(),
        "events": events,
        "count": len(events),
        "profile_url": site_url("profile"),
    }
    subject = " ".join(render_to_string("roadmap/email/reminders_subject.txt", context).split())
    return mail.EmailMessage(
        subject,
        render_to_string("roadmap/email/reminders.txt", context),
        to=[user.email],
        connection=connection,
        # RFC 3834: an automatic message, so out-of-office replies are not sent back.
        headers={"Auto-Submitted": "auto-generated"},
    )
