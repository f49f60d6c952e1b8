"""Writes that span several roadmap models, and the read-side helpers the pages share."""

from __future__ import annotations

import dataclasses
import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from certifications.models import CatalogueVersion, Certification
from roadmap import page_cache, planner
from roadmap.models import MAX_HOURS_PER_WEEK, CareerProfile, HeldCredential, Roadmap, RoadmapStep
from roadmap.snapshot import load_snapshot

Status = RoadmapStep.Status


# ------------------------------------------------------------------ planning


def make_plan(
    profile: CareerProfile,
    code: str,
    *,
    today: date,
    catalogue: planner.Catalogue | None = None,
    done: Sequence[str] = (),
) -> planner.Plan:
    """Plan one certification for a profile. Reads the catalogue (roadmap.snapshot) unless one is given.

    `done`: keys of steps finished in a saved roadmap being re-planned: what they taught counts as known.
    """
    catalogue = catalogue or load_snapshot()
    person = planner.with_done_steps(profile.as_planner_profile(), catalogue, done)
    return _planned(_Copy(catalogue), person, code, today)


def recommend(
    profile: CareerProfile, *, today: date, catalogue: planner.Catalogue | None = None
) -> tuple[planner.Recommendation, ...]:
    """Every certification ranked for a profile. Reads the catalogue (roadmap.snapshot) unless one is given."""
    return _recommended(_Copy(catalogue or load_snapshot()), profile.as_planner_profile(), today)


@dataclass(frozen=True, eq=False)
class _Copy:
    """A catalogue known by identity: load_snapshot hands out the same object while the version stays,
    and hashing the whole catalogue on every call would cost more than some plans."""

    catalogue: planner.Catalogue

    def __hash__(self) -> int:
        return id(self.catalogue)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Copy) and other.catalogue is self.catalogue


# The planner is pure: the same person, catalogue and day give the same plan. A person going back and
# forth between recommendations and previews (or reloading) is answered from memory; a changed profile,
# another day or a new catalogue version is a new key. The results are frozen and never changed by a page.
@functools.lru_cache(maxsize=512)
def _planned(catalogue: _Copy, person: planner.Profile, code: str, today: date) -> planner.Plan:
    return planner.plan(person, catalogue.catalogue, code, today)


@functools.lru_cache(maxsize=256)
def _recommended(catalogue: _Copy, person: planner.Profile, today: date) -> tuple[planner.Recommendation, ...]:
    return planner.recommend(person, catalogue.catalogue, today)


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value) if not f.name.startswith("_")
        }
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return str(value)  # a planner.Text is saved as its English words
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    return str(value)


def step_fields(step: planner.Step) -> dict[str, Any]:
    """A planned step as a saved step keeps it: its words in English (a saved roadmap cannot re-translate them)."""
    return {
        "phase": step.phase,
        "title": str(step.title),
        "why": str(step.why),
        "track": step.track,
        "effort_hours": step.effort_hours,
        "effort_low_hours": step.effort.low if step.effort else step.effort_hours,
        "effort_high_hours": step.effort.high if step.effort else step.effort_hours,
        "effort_basis": step.effort.basis if step.effort else "",
        "effort_source_url": step.effort.source.url if step.effort and step.effort.source else "",
        "effort_source_title": step.effort.source.label if step.effort and step.effort.source else "",
        "months": step.months,
        "unknown_duration": step.unknown_duration,
        "cost": step.cost,
        "required": step.required,
        "depends_on": list(step.depends_on),
        "resources": [{"label": r.label, "url": r.url} for r in step.resources],
        "earns": step.earns,
        "removes_apprentice": step.removes_apprentice,
        "planned_start": step.start,
        "planned_finish": step.finish,
        "earliest_finish": step.earliest_finish,
        "latest_finish": step.latest_finish,
    }


def plan_fields(plan: planner.Plan) -> dict[str, Any]:
    return {
        "credential_on": plan.credential_on,
        "credential_earliest": plan.credential_earliest,
        "credential_latest": plan.credential_latest,
        "apprentice": plan.apprentice,
        "total_hours": plan.total_hours,
        "total_hours_low": plan.total_hours_low,
        "total_hours_high": plan.total_hours_high,
        "known_cost": plan.known_cost,
        "routes": _jsonable(plan.routes),
        "knowledge": _jsonable(plan.knowledge),
        "ceus": _jsonable(plan.ceus),
        "notes": [str(note) for note in plan.notes],
        "unknown_costs": [str(title) for title in plan.unknown_costs],
        "target": _jsonable(plan.target),
    }


@transaction.atomic
def save_roadmap(*, user: User, plan: planner.Plan, profile: CareerProfile, save_token: uuid.UUID) -> Roadmap:
    """Store a plan as a new roadmap, active if the user has no active one.

    Side effects: creates a Roadmap and its steps. The save token makes a
    double submit return the roadmap saved the first time instead of a copy.
    Two plans saved at once (two tabs) are both kept, one of them active.
    Locks the user's roadmaps until the transaction ends (see activate_roadmap).
    """
    has_active = any(_lock_roadmaps_of(user.pk).values())
    existing = Roadmap.objects.filter(user=user, save_token=save_token).first()
    if existing is not None:
        return existing
    certification = Certification.objects.filter(code=plan.certification).first()
    fields = {
        "user": user,
        "save_token": save_token,
        "certification": certification,
        "certification_code": plan.certification,
        "certification_name": certification.name if certification else plan.certification,
        "start_date": plan.start,
        "hours_per_week": profile.hours_per_week,
        "saved_credential_on": plan.credential_on,
        "scheduled_on": plan.start,
        "planned_from": planned_from(profile),
        "catalogue_version": CatalogueVersion.current(),
        **plan_fields(plan),
    }
    roadmap = _inserted(fields, is_active=not has_active)
    if roadmap is None:
        # The lock above has nothing to hold before the first roadmap: another submit saved at the same
        # moment (PostgreSQL made this insert wait for it). With this token, it was this very page: answer
        # with its roadmap. Otherwise it was another plan, now the active one: keep this plan too, inactive.
        existing = Roadmap.objects.filter(user=user, save_token=save_token).first()
        if existing is not None:
            return existing
        roadmap = _inserted(fields, is_active=False)
        if roadmap is None:  # ...and this page was sent twice besides: its twin has just saved it.
            return Roadmap.objects.get(user=user, save_token=save_token)
    RoadmapStep.objects.bulk_create(
        RoadmapStep(roadmap=roadmap, key=step.key, position=index, **step_fields(step))
        for index, step in enumerate(plan.steps)
    )
    return roadmap


def _inserted(fields: dict[str, Any], *, is_active: bool) -> Roadmap | None:
    """A new roadmap; None when it would break a constraint because of a roadmap another request just saved."""
    try:
        with transaction.atomic():
            return Roadmap.objects.create(is_active=is_active, **fields)
    except IntegrityError:
        return None


def _lock_roadmaps_of(user_id: int) -> dict[int, bool]:
    """Lock the user's roadmaps until the transaction ends; each one's pk and whether it is active.

    Whoever changes which roadmap is active (a save, an activation) takes this lock first, so two such
    requests at once run one after the other, the second seeing what the first did. Taken in pk order,
    the same for everyone, so two lockers cannot deadlock. A no-op on SQLite, whose transactions take
    the write lock at once (settings: IMMEDIATE).
    """
    locked = Roadmap.objects.select_for_update().filter(user_id=user_id).order_by("pk").values_list("pk", "is_active")
    return dict(locked)


@transaction.atomic
def activate_roadmap(*, roadmap: Roadmap) -> None:
    """Make this roadmap the user's active one.

    Side effects: deactivates their other roadmaps. Locks the user's roadmaps first: two activations at
    once (two tabs) would otherwise each deactivate what they saw active, miss the other's, and break
    "one active roadmap". Queries: the lock, then the two updates.
    """
    _lock_roadmaps_of(roadmap.user_id)
    Roadmap.objects.filter(user_id=roadmap.user_id, is_active=True).exclude(pk=roadmap.pk).update(is_active=False)
    Roadmap.objects.filter(pk=roadmap.pk).update(is_active=True)
    roadmap.is_active = True


@dataclass(frozen=True)
class Replan:
    """What a re-plan changed; stored on the roadmap (as JSON) until the user dismisses it."""

    added: list[str]
    removed: list[str]
    kept_done: list[str]
    old_credential_on: date | None
    new_credential_on: date | None
    old_route: str
    new_route: str

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed) or (self.old_credential_on, self.old_route) != (
            self.new_credential_on,
            self.new_route,
        )

    def record(self) -> dict[str, Any]:
        record: dict[str, Any] = _jsonable(self)
        return record

    @classmethod
    def from_record(cls, record: object) -> Replan | None:
        """Read Roadmap.last_replan back; None when there is nothing (or nothing readable) to show."""
        if not isinstance(record, dict):
            return None

        def day(name: str) -> date | None:
            value = record.get(name)
            return date.fromisoformat(value) if isinstance(value, str) else None

        return cls(
            added=list(record.get("added", [])),
            removed=list(record.get("removed", [])),
            kept_done=list(record.get("kept_done", [])),
            old_credential_on=day("old_credential_on"),
            new_credential_on=day("new_credential_on"),
            old_route=str(record.get("old_route", "")),
            new_route=str(record.get("new_route", "")),
        )


def _main_route(routes: Sequence[dict[str, Any]], code: str) -> str:
    return next(
        (r["name"] for r in routes if r["certification"] == code and r["purpose"] == planner.PURPOSE_ELIGIBILITY), ""
    )


@transaction.atomic
def replan_roadmap(*, roadmap: Roadmap, plan: planner.Plan, profile: CareerProfile, today: date) -> Replan:
    """Re-plan a saved roadmap after a profile change.

    Steps are matched by key. Done steps stay done with their completion date
    and note; so do steps the new plan no longer needs but that were done
    (they are kept at the end). Steps in progress or skipped keep their status.
    Not-started steps the new plan drops are removed. The dates are then
    worked out again from the steps as they stand (reschedule), and become the
    new baseline. Side effects: rewrites the roadmap's steps and summary and
    records what changed.
    """
    roadmap = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
    old_steps = {step.key: step for step in roadmap.steps.all()}
    new_keys = [step.key for step in plan.steps]
    kept_done = [s for key, s in old_steps.items() if key not in new_keys and s.status == Status.DONE]
    removed = [s.title for key, s in old_steps.items() if key not in new_keys and s.status != Status.DONE]
    added = [step.title for step in plan.steps if step.key not in old_steps]
    change = Replan(
        added=added,
        removed=removed,
        kept_done=[s.title for s in kept_done],
        old_credential_on=roadmap.credential_on,
        new_credential_on=plan.credential_on,
        old_route=_main_route(roadmap.routes, roadmap.certification_code),
        new_route=_main_route(_jsonable(plan.routes), plan.certification),
    )
    RoadmapStep.objects.filter(roadmap=roadmap).exclude(key__in=[s.key for s in kept_done]).exclude(
        key__in=new_keys
    ).delete()
    # Positions are unique, and SQLite checks each row as one UPDATE moves it: park the survivors above every
    # position they hold now and every position they will get, so no row ever lands on another's.
    survivors = list(RoadmapStep.objects.filter(roadmap=roadmap))
    offset = max([len(survivors) + len(plan.steps), *(step.position for step in survivors)]) + 1
    for step in survivors:
        step.position += offset
    RoadmapStep.objects.bulk_update(survivors, ["position"])
    by_key = {step.key: step for step in survivors}
    to_create, to_update = [], []
    for index, planned in enumerate(plan.steps):
        existing = by_key.get(planned.key)
        if existing is None:
            to_create.append(RoadmapStep(roadmap=roadmap, key=planned.key, position=index, **step_fields(planned)))
            continue
        existing.position = index
        if existing.status != Status.DONE:
            # Not yet done: take the new plan's wording and figures. A done step keeps its own.
            for name, value in step_fields(planned).items():
                setattr(existing, name, value)
        to_update.append(existing)
    for index, step in enumerate(kept_done, start=len(plan.steps)):
        step.position = index
        to_update.append(step)
    update_fields = ["position", *step_fields(plan.steps[0]).keys()] if plan.steps else ["position"]
    RoadmapStep.objects.bulk_update(to_update, update_fields)
    RoadmapStep.objects.bulk_create(to_create)
    for name, value in plan_fields(plan).items():
        setattr(roadmap, name, value)
    roadmap.start_date = min(roadmap.start_date, plan.start)
    roadmap.hours_per_week = profile.hours_per_week
    roadmap.planned_from = planned_from(profile)
    roadmap.catalogue_version = CatalogueVersion.current()
    roadmap.save()
    # Done steps count as finished on their completion dates, skipped ones take no time: the plan's own
    # dates do not know that, so the banner and the baseline take the roadmap's schedule.
    reschedule(roadmap=roadmap, today=today)
    change = replace(change, new_credential_on=roadmap.credential_on)
    Roadmap.objects.filter(pk=roadmap.pk).update(saved_credential_on=roadmap.credential_on, last_replan=change.record())
    roadmap.saved_credential_on, roadmap.last_replan = roadmap.credential_on, change.record()
    return change


# ---------------------------------------------------------------- schedule


def reschedule(*, roadmap: Roadmap, today: date) -> list[RoadmapStep]:
    """Work out every step's dates again and store them: the one schedule every page, the calendar feed
    and the reminders read.

    Done steps count as finished on their completion date and skipped ones take
    no time; nothing still to do starts before `today`; each step also gets the
    earliest and latest finish its effort ranges allow. Runs after every change
    to a roadmap's steps (save, re-plan, status, completion date), so dates move
    when the person acts and stay put otherwise: a step not done by its date is
    overdue everywhere alike. Returns the steps, dated. Queries: the steps (1), then as _redate.
    """
    steps = sorted(roadmap.steps.all(), key=lambda step: step.position)
    _redate(roadmap, steps, today)
    return steps


DATE_FIELDS = ("planned_start", "planned_finish", "earliest_finish", "latest_finish")
CREDENTIAL_FIELDS = ("credential_on", "credential_earliest", "credential_latest", "scheduled_on")


def _redate(roadmap: Roadmap, steps: Sequence[RoadmapStep], today: date) -> frozenset[int]:
    """Date `steps` (all of the roadmap's, just read) as reschedule() says; return the pks of those whose dates moved.

    Stores only what moved: the steps whose dates changed, in one UPDATE (none
    when none did: bulk_update builds a CASE per field and row, which costs more
    than the scheduling), then the roadmap's credential dates and the day they
    were worked out (none when those already hold).
    """
    timings = [step.timing() for step in steps]
    start, hours = roadmap.start_date, roadmap.hours_per_week
    projected = planner.schedule(timings, start=start, hours_per_week=hours, today=today)
    span = planner.finish_span(timings, start=start, hours_per_week=hours, today=today)
    moved = []
    for step in steps:
        dates = (*projected[step.key], *span[step.key])
        if dates != tuple(getattr(step, name) for name in DATE_FIELDS):
            step.planned_start, step.planned_finish, step.earliest_finish, step.latest_finish = dates
            moved.append(step)
    if moved:
        RoadmapStep.objects.bulk_update(moved, DATE_FIELDS)
    earning = next((step for step in steps if step.earns == roadmap.certification_code), None)
    credential = (
        (earning.planned_finish, earning.earliest_finish, earning.latest_finish, today)
        if earning
        else (None, None, None, today)
    )
    if credential != tuple(getattr(roadmap, name) for name in CREDENTIAL_FIELDS):
        roadmap.credential_on, roadmap.credential_earliest, roadmap.credential_latest, roadmap.scheduled_on = credential
        roadmap.save(update_fields=CREDENTIAL_FIELDS)
    return frozenset(step.pk for step in moved)


def planned_from(profile: CareerProfile) -> dict[str, Any]:
    """The profile as the planner saw it, as JSON: a roadmap keeps it to tell when the profile has changed since.

    Reads what as_planner_profile() reads (prefetch it).
    """
    record: dict[str, Any] = _jsonable(profile.as_planner_profile())
    record.pop("start_date", None)  # moves with time; a later start re-plans nothing by itself
    if record.get("budget") is not None:  # one spelling, 3000.00, whether read from a form or the database
        record["budget"] = f"{Decimal(record['budget']):.2f}"
    return record


# ----------------------------------------------------------- step statuses


@dataclass(frozen=True)
class StepChange:
    """What a change to one step did, and the roadmap's steps as they now stand, for the page to show."""

    step: RoadmapStep
    applied: bool  # False: nothing to do, or another tab changed it first
    conflict: bool  # another tab or click changed it to something else
    steps: list[RoadmapStep]  # every step of the roadmap, in order, `step` among them, dated
    moved: frozenset[int] = frozenset()  # pks of the other steps whose dates the change moved


def read_steps(*, step: RoadmapStep) -> list[RoadmapStep]:
    """The steps of `step`'s roadmap, in order, with `step` itself among them brought up to date in place.

    One query: it stands in for step.refresh_from_db() and for reading the
    steps the schedule and the page need. The roadmap's steps must not be prefetched.
    """
    roadmap = step.roadmap
    steps = sorted(roadmap.steps.all(), key=lambda s: s.position)
    for index, fresh in enumerate(steps):
        if fresh.pk == step.pk:
            for field in RoadmapStep._meta.concrete_fields:
                setattr(step, field.attname, getattr(fresh, field.attname))
            step.roadmap = roadmap
            steps[index] = step
    return steps


def set_step_status(
    *, step: RoadmapStep, status: str, expected: str, today: date, done_on: date | None = None
) -> StepChange:
    """Move a step from `expected` to `status`, only if it is still `expected`.

    A conditional UPDATE makes double clicks and stale tabs safe: the second
    of two identical clicks finds the step already there and changes nothing;
    a click from a tab showing an older status is refused as a conflict and
    the page shows the step as it really is. Side effects: updates one step;
    for an exam step, adds (done) or removes (undone) the credential it earns;
    for the step that removes an apprentice designation, clears (done) or
    restores (undone) the designation on the credential held in the wallet;
    when anything changed, works the roadmap's dates out again (reschedule).
    A step marked done is done on `done_on` (today when not given; the form
    refuses a future date). `step` is brought up to date in place.

    Queries: the UPDATE, then the roadmap's steps (read_steps: no re-read of
    the step), and when it changed, the credential (exam and proof steps), the
    dates that moved (_redate) and the person's page version (page_cache.changed),
    all in one transaction.
    """
    completed_on = (done_on or today) if status == Status.DONE else None
    roadmap = step.roadmap
    moved: frozenset[int] = frozenset()
    with transaction.atomic():
        # The UPDATE comes first: on SQLite it takes the write lock before anything is read.
        updated = RoadmapStep.objects.filter(pk=step.pk, status=expected).update(
            status=status, previous_status=expected, completed_on=completed_on
        )
        steps = read_steps(step=step)
        if updated and step.earns and Status.DONE in (status, expected):
            _sync_earned_credential(step)
        if updated and step.removes_apprentice and Status.DONE in (status, expected):
            _sync_apprentice_designation(step)
        if updated:
            moved = _redate(roadmap, steps, today) - {step.pk}
            page_cache.changed(roadmap.user_id)
    if updated:
        return StepChange(step, applied=True, conflict=False, steps=steps, moved=moved)
    return StepChange(step, applied=False, conflict=step.status != status, steps=steps)


@transaction.atomic
def set_completed_on(*, step: RoadmapStep, day: date, today: date) -> StepChange:
    """Record the day a done step was really finished; not applied (nothing changed) if it is no longer done.

    Side effects: updates the step, the date of the credential it earned (if
    the wallet's copy came from this step) and the roadmap's dates. `step` is
    brought up to date in place. Queries as set_step_status.
    """
    updated = RoadmapStep.objects.filter(pk=step.pk, status=Status.DONE).update(completed_on=day)
    steps = read_steps(step=step)
    if not updated:
        return StepChange(step, applied=False, conflict=False, steps=steps)
    HeldCredential.objects.filter(source_step=step).update(earned_on=day)
    moved = _redate(step.roadmap, steps, today) - {step.pk}
    page_cache.changed(step.roadmap.user_id)
    return StepChange(step, applied=True, conflict=False, steps=steps, moved=moved)


def _sync_earned_credential(step: RoadmapStep) -> None:
    """An exam step marked done adds its credential to the wallet (dated the day it was marked); undone, removes it.

    A credential the person already held, or added by hand, is never touched. The credential
    is an apprentice one (CPC-A) when passing gives a designation that the roadmap's proof
    step has not removed yet.
    """
    if step.status != Status.DONE:
        HeldCredential.objects.filter(source_step=step).delete()
        return
    roadmap = step.roadmap
    profile = CareerProfile.objects.filter(user_id=roadmap.user_id).first()
    certification = Certification.objects.filter(code=step.earns).first()
    if profile is None or certification is None or profile.credentials.filter(certification=certification).exists():
        return
    HeldCredential.objects.create(
        profile=profile,
        certification=certification,
        earned_on=step.completed_on or date.today(),
        apprentice=_passes_as_apprentice(roadmap, step.earns),
        source_step=step,
    )


def _passes_as_apprentice(roadmap: Roadmap, code: str) -> bool:
    """Passing gives the roadmap's apprentice designation, unless its proof step is already done (one query)."""
    if not roadmap.apprentice or code != roadmap.certification_code:
        return False
    proof_done = RoadmapStep.objects.filter(roadmap=roadmap, removes_apprentice=code, status=Status.DONE).exists()
    return not proof_done


def _sync_apprentice_designation(step: RoadmapStep) -> None:
    """The proof step done clears the apprentice designation of the credential held; undone, it comes back.

    Only a credential the person holds is changed: none is added.
    """
    HeldCredential.objects.filter(
        profile__user__roadmaps=step.roadmap_id, certification__code=step.removes_apprentice
    ).update(apprentice=step.status != Status.DONE)


# ------------------------------------------------------------- read models


@dataclass(frozen=True)
class PhaseProgress:
    phase: str
    label: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


@dataclass(frozen=True)
class RoadmapView:
    """What the roadmap page and dashboard show, computed from the saved steps in Python."""

    steps: list[RoadmapStep]
    projected: dict[str, tuple[date | None, date | None]]  # likely (start, finish) of each step, by key
    span: dict[str, tuple[date | None, date | None]]  # (earliest, latest) finish of each step, by key
    overall: PhaseProgress
    phases: list[PhaseProgress]
    next_step: RoadmapStep | None
    overdue: list[RoadmapStep]
    credential_on: date | None
    credential_earliest: date | None = None
    credential_latest: date | None = None
    pace: Pace | None = None

    def phase_steps(self, phase: str) -> list[RoadmapStep]:
        return [step for step in self.steps if step.phase == phase]


def _progress(phase: str, label: str, steps: Sequence[RoadmapStep]) -> PhaseProgress:
    counted = [step for step in steps if step.status != Status.SKIPPED]
    return PhaseProgress(phase, label, sum(1 for s in counted if s.status == Status.DONE), len(counted))


def roadmap_view(roadmap: Roadmap, steps: Sequence[RoadmapStep], today: date) -> RoadmapView:
    """Progress, the next step and the stored schedule (see reschedule). No queries."""
    ordered = sorted(steps, key=lambda step: step.position)
    phases = [
        _progress(value, str(label), [s for s in ordered if s.phase == value])
        for value, label in RoadmapStep.Phase.choices
        if any(s.phase == value for s in ordered)
    ]
    return RoadmapView(
        steps=ordered,
        projected={step.key: (step.planned_start, step.planned_finish) for step in ordered},
        span={step.key: (step.earliest_finish, step.latest_finish) for step in ordered},
        overall=_progress("all", "Overall", ordered),
        phases=phases,
        next_step=next_step(ordered),
        overdue=[step for step in ordered if step.is_overdue(today)],
        credential_on=roadmap.credential_on,
        credential_earliest=roadmap.credential_earliest,
        credential_latest=roadmap.credential_latest,
        pace=_pace(roadmap, ordered, today),
    )


def next_step(ordered: Sequence[RoadmapStep]) -> RoadmapStep | None:
    """The step to work on next: the first in progress, else the first unfinished one whose dependencies are finished.

    `ordered`: a roadmap's steps by position. No queries.
    """
    finished = {step.key for step in ordered if step.is_finished}
    candidates = [step for step in ordered if not step.is_finished]
    return next((s for s in candidates if s.status == Status.IN_PROGRESS), None) or next(
        (s for s in candidates if all(key in finished for key in s.depends_on)), None
    )


@dataclass(frozen=True)
class Pace:
    """How the person is doing against the plan they saved, and where their real pace leads."""

    days_behind: int | None  # negative: ahead; None when a credential date is unknown
    hours_per_week: Decimal | None  # study hours a week so far; None until enough is done to tell
    credential_on: date | None  # the credential date at that pace


MIN_WEEKS_FOR_PACE = 2  # less than two weeks of work says little about a pace


def _pace(roadmap: Roadmap, steps: Sequence[RoadmapStep], today: date) -> Pace:
    """Ahead or behind the baseline, and the credential date if study goes on at the pace of the study done."""
    behind = None
    if roadmap.credential_on and roadmap.saved_credential_on:
        behind = (roadmap.credential_on - roadmap.saved_credential_on).days
    studied = [s for s in steps if s.status == Status.DONE and s.track == planner.STUDY and s.effort_hours]
    last = max((s.completed_on for s in studied if s.completed_on), default=None)
    if not studied or last is None or (last - roadmap.start_date).days < 7 * MIN_WEEKS_FOR_PACE:
        return Pace(behind, None, None)
    hours = sum((s.effort_hours for s in studied if s.effort_hours), Decimal(0))
    per_week = (hours * 7 / (last - roadmap.start_date).days).quantize(Decimal("0.1"))
    if per_week > MAX_HOURS_PER_WEEK:  # work done before the plan began, marked done since: no pace to tell
        return Pace(behind, None, None)
    projected = planner.schedule(
        [step.timing() for step in steps],
        start=roadmap.start_date,
        hours_per_week=max(int(per_week), 1),
        today=today,
    )
    earning = next((s for s in steps if s.earns == roadmap.certification_code), None)
    return Pace(behind, per_week, projected[earning.key][1] if earning else None)


def next_steps(view: RoadmapView, count: int = 3) -> list[RoadmapStep]:
    """The next `count` steps to work on: unfinished, with every dependency finished. No queries.

    Steps already in progress come first, so the first is the view's next step.
    A dependency that is not in the roadmap (a step a re-plan dropped) does not hold a step back.
    """
    keys = {step.key for step in view.steps}
    finished = {step.key for step in view.steps if step.is_finished}
    ready = [
        step
        for step in view.steps
        if not step.is_finished
        and (step.status == Status.IN_PROGRESS or all(key in finished or key not in keys for key in step.depends_on))
    ]
    ready.sort(key=lambda step: step.status != Status.IN_PROGRESS)
    return ready[:count]
