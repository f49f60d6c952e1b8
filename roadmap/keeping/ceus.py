"""CEU tracking read from the database, through the pure cycle engine (roadmap/keeping/cycles.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext, gettext_lazy

from certifications.formatting import day, number
from certifications.models import CeuPolicy
from roadmap.keeping import cycles
from roadmap.models import CareerProfile, CeuActivity, HeldCredential, Membership
from roadmap.translation import translate_message


def body_rules() -> list[cycles.BodyRule]:
    """Every body's cycle rule, from its CEU policy (one query)."""
    return [
        cycles.BodyRule(
            code=policy.body.abbreviation,
            name=policy.body.name,
            cycle_months=policy.cycle_months,
            cycle_start=policy.cycle_start,
            prorate_first_cycle=policy.prorate_first_cycle,
            first_cycle_min_months=policy.first_cycle_min_months,
            prorate_note=policy.prorate_note,
            extra_credential_ceus=policy.extra_credential_ceus,
            max_ceus=policy.max_ceus,
            counts_before_certification=policy.counts_before_certification,
        )
        for policy in CeuPolicy.objects.select_related("body")
    ]


def cycle_credential(held: HeldCredential) -> cycles.Credential:
    """Reads certification, its body, replaced credential and CEU minimums: prefetch them for lists."""
    certification = held.certification
    return cycles.Credential(
        code=certification.code,
        body=certification.body.abbreviation,
        earned_on=held.earned_on,
        ceus_per_cycle=certification.ceus_per_cycle,
        minimums=tuple((m.category, m.ceus) for m in certification.ceu_minimums.all()),
        supersedes=certification.supersedes.code if certification.supersedes else "",
    )


@dataclass(frozen=True)
class CeuOverview:
    statuses: tuple[cycles.BodyStatus, ...]
    activities: list[CeuActivity]
    credentials: list[HeldCredential]
    memberships: list[Membership]
    not_counted: dict[int, list[str]]  # activity pk -> why it does not count

    def status_of(self, activity: CeuActivity) -> str:
        reasons = self.not_counted.get(activity.pk)
        return "; ".join(reasons) if reasons else ""

    def counted_for(self, activity: CeuActivity) -> tuple[str, ...]:
        """The bodies whose current cycle counts this activity, e.g. ("AAPC",)."""
        return tuple(status.body for status in self.statuses if activity.pk in status.counted)


def ceu_overview(profile: CareerProfile, today: date) -> CeuOverview:
    """Per-body cycle status and the CEU log, in a fixed number of queries (7) whatever the log's size.

    Why an activity does not count (not_counted) is said in the active language.
    """
    credentials = list(
        profile.credentials.select_related("certification__body", "certification__supersedes").prefetch_related(
            "certification__ceu_minimums"
        )
    )
    memberships = list(profile.memberships.select_related("body"))
    activities = list(profile.ceu_activities.prefetch_related("credentials__certification"))
    logged = [
        cycles.Activity(
            key=activity.pk,
            completed_on=activity.completed_on,
            ceus=activity.ceus,
            category=activity.category,
            credentials=tuple(held.certification.code for held in activity.credentials.all()),
        )
        for activity in activities
    ]
    statuses = cycles.statuses(
        body_rules(),
        [cycle_credential(held) for held in credentials],
        logged,
        today,
        renewals={m.body.abbreviation: m.renews_on for m in memberships},
    )
    not_counted: dict[int, list[str]] = {}
    for status in statuses:
        for key, reason in status.not_counted:
            not_counted.setdefault(key, []).append(f"{status.body}: {translate_message(reason)}")
    return CeuOverview(statuses, activities, credentials, memberships, not_counted)


def before_earned_warnings(completed_on: date, credentials: Iterable[HeldCredential]) -> list[str]:
    """Why an activity dated `completed_on` will not count toward some of these credentials: it is
    dated before the credential was earned, and its body counts no CEUs from before certification.

    Reads certification.body.ceu_policy: select_related("certification__body__ceu_policy").
    """
    warnings = []
    for held in sorted(credentials, key=lambda held: held.certification.code):
        policy = getattr(held.certification.body, "ceu_policy", None)  # a body without a policy raises DoesNotExist
        if policy is None or policy.counts_before_certification or completed_on >= held.earned_on:
            continue
        code = held.certification.code
        warnings.append(
            gettext("It does not count toward %(code)s: it is dated before you earned %(code)s on %(date)s.")
            % {"code": code, "date": day(held.earned_on)}
        )
    return warnings


def ceus_left(status: cycles.BodyStatus) -> str:
    """What is left to do in a body's current cycle, in a few words ("12 to go")."""
    remaining = status.remaining
    if status.status == cycles.MET:
        return gettext("all in")
    if remaining is None:
        return gettext("check how many you need")
    if remaining == 0:
        return gettext("category minimums to go")
    return gettext("%(ceus)s to go") % {"ceus": number(remaining)}


# How the log and the export say whether an activity counts (LogRow.counted).
COUNTED_WORDS = {"yes": gettext_lazy("yes"), "partly": gettext_lazy("partly"), "no": gettext_lazy("no")}


@dataclass(frozen=True)
class LogRow:
    """An activity as the log and the export show it: what it counts toward, and whether it counts."""

    activity: CeuActivity
    toward: tuple[str, ...]  # credential codes
    counted: str  # "yes", "partly" or "no"
    reason: str  # why it does not count (or only in part); "" when it counts

    @property
    def counted_text(self) -> str:
        said = str(COUNTED_WORDS[self.counted])
        return said if not self.reason else f"{said}: {self.reason}"


def log_rows(overview: CeuOverview) -> list[LogRow]:
    """Each activity of the log with whether it counts, in part, or not at all, and why (the log, the CSV
    export and the CEU record PDF all say it so). No queries: the overview holds what it reads."""
    rows = []
    for activity in overview.activities:
        toward = tuple(sorted(held.certification.code for held in activity.credentials.all()))
        reasons = overview.status_of(activity)
        counted_for = overview.counted_for(activity)
        if not toward:
            counted, reason = "no", gettext("it counts toward none of the credentials you hold: edit it to choose one")
        elif counted_for and reasons:
            counted = "partly"
            reason = gettext("counted for %(bodies)s; %(reasons)s") % {
                "bodies": ", ".join(counted_for),
                "reasons": reasons,
            }
        elif counted_for:
            counted, reason = "yes", ""
        elif reasons:
            counted, reason = "no", reasons
        else:
            counted = "no"
            reason = gettext("no CEU rule is known for %(credentials)s: check with the certifying body") % {
                "credentials": "/".join(toward)
            }
        rows.append(LogRow(activity, toward, counted, reason))
    return rows
