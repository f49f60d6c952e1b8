"""A user's private iCalendar feed: roadmap due dates, the exam, CEU deadlines, membership renewals.

Every event is all-day and keeps the same UID while its date moves (a re-plan, a
new renewal date), so calendar apps update it instead of adding a copy.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import TRANSP, Calendar, Event, vDuration

from certifications.formatting import long_day
from roadmap.http import site_url
from roadmap.keeping.ceus import ceu_overview, ceus_left
from roadmap.models import FINISHED, CareerProfile, RoadmapStep

CALENDAR_NAME = "Career Planner"
PRODID = "-//Career Planner//Calendar feed//EN"
UID_DOMAIN = "careerplanner"
# How often calendar apps should fetch the feed again (Google and Outlook decide for themselves).
REFRESH = timedelta(hours=12)


def calendar_feed_url(profile: CareerProfile, request: HttpRequest) -> str:
    """The feed's absolute address, for the page that shows it (templates/roadmap/_calendar_feed.html).

    On SITE_ROOT when it is set, else on the address this page was asked for: SITE_ROOT's
    default would show a development server's address on a site served anywhere else.
    """
    if settings.SITE_ROOT_IS_SET:
        return site_url("ceus:calendar_feed", profile.calendar_token)
    return request.build_absolute_uri(reverse("ceus:calendar_feed", args=[profile.calendar_token]))


def build_calendar(profile: CareerProfile, *, today: date, now: datetime) -> Calendar:
    """The profile's feed, in the person's language (CareerProfile.language): calendar apps ask for it without
    one. Queries: the active roadmap's open steps (1) and ceu_overview (7)."""
    with translation.override(profile.language):
        return _build_calendar(profile, today=today, now=now)


def _build_calendar(profile: CareerProfile, *, today: date, now: datetime) -> Calendar:
    calendar = Calendar.new(name=CALENDAR_NAME, prodid=PRODID, uid=f"calendar-{profile.pk}@{UID_DOMAIN}")
    calendar.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    events: list[Event] = []

    steps = (
        RoadmapStep.objects.filter(
            roadmap__user_id=profile.user_id, roadmap__is_active=True, planned_finish__isnull=False
        )
        .exclude(status__in=FINISHED)
        .select_related("roadmap")
    )
    for step in steps:
        assert step.planned_finish is not None  # filtered above
        url = site_url("roadmap:detail", step.roadmap_id, fragment=f"step-{step.pk}")
        is_exam = bool(step.earns) and step.earns == step.roadmap.certification_code
        if is_exam:
            summary = _("Exam: %(credential)s") % {"credential": step.earns}
        else:
            summary = _("Due: %(step)s") % {"step": step.title}
        events.append(_event(f"step-{step.pk}", step.planned_finish, summary, f"{step.why}\n\n{url}", url, now))

    overview = ceu_overview(profile, today)
    for status in overview.statuses:
        url = site_url("ceus:list")
        description = _("Last day of your %(body)s CEU cycle (%(start)s to %(end)s): %(left)s.") % {
            "body": status.name,
            "start": long_day(status.cycle.start),
            "end": long_day(status.cycle.end),
            "left": ceus_left(status),
        }
        summary = _("CEUs due: %(body)s (%(left)s)") % {"body": status.body, "left": ceus_left(status)}
        events.append(_event(f"ceus-{status.body}", status.cycle.end, summary, f"{description}\n\n{url}", url, now))
    for membership in overview.memberships:
        url = site_url("ceus:wallet")
        body = membership.body
        description = _("Renew with %(body)s, then update the renewal date in your wallet.") % {"body": body.name}
        description = f"{description}\n\n{url}"
        summary = _("Renew %(body)s membership") % {"body": body.abbreviation}
        events.append(_event(f"membership-{membership.pk}", membership.renews_on, summary, description, url, now))

    for event in sorted(events, key=lambda event: (event.start, str(event.uid))):
        calendar.add_component(event)
    return calendar


def _event(uid: str, day: date, summary: str, description: str, url: str, now: datetime) -> Event:
    return Event.new(
        uid=f"{uid}@{UID_DOMAIN}",
        stamp=now,
        start=day,
        end=day + timedelta(days=1),
        summary=summary,
        description=description,
        url=url,
        # A reminder, not a meeting: it does not make the person look busy that day.
        transparency=TRANSP.TRANSPARENT,
    )
