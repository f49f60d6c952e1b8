"""Steps as the pages show them: a planned step (preview) or a saved one (roadmap page, dashboard, shared page,
PDF) as one row shape, with its likely dates, the step of unknown length it waits on, and its forms' addresses.

No queries: the rows are built from what the view already read (roadmap_view, a plan).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.urls import reverse

from roadmap import planner
from roadmap.models import RoadmapStep
from roadmap.plans.services import RoadmapView
from roadmap.translation import saved_step_texts

STATUS_LABELS: dict[str, Any] = dict(RoadmapStep.Status.choices)
PHASES = RoadmapStep.Phase.choices


@dataclass(frozen=True)
class StepRow:
    """A step as a page shows it, one shape for a planned step (preview) and a saved one (roadmap page,
    dashboard, shared page, PDF): a saved step's own fields (`pk`, `status`, `note`...) are empty in a preview.

    `start` and `finish` are the likely projected dates; when one is unknown, `waits_for`
    names the step of unknown length it waits on ("depends on when you finish X").
    `earliest` and `latest` bound the finish when every effort takes the low, or the
    high, end of its range. `effort` is the step's hours with their source or our reasoning.
    `title` and `why` are the step's words for the page's `explain` filter: a planned step's messages, or
    a saved step's copy (in the page's language when its catalogue template is translated).
    """

    key: str
    phase: str
    start: date | None
    finish: date | None
    waits_for: str
    depends_on: tuple[str, ...]
    resources: tuple[dict[str, str], ...]
    is_next: bool = False
    is_overdue: bool = False
    earliest: date | None = None
    latest: date | None = None
    effort: planner.Effort | None = None
    # A saved step's status as the page words it, and the addresses its forms post to (empty in a preview).
    status_label: str = ""
    status_url: str = ""
    done_on_url: str = ""
    note_url: str = ""
    title: str = ""
    why: str = ""
    # What the step is, for a planned and a saved step alike.
    required: bool = True
    unknown_duration: bool = False
    months: int | None = None
    cost: Decimal | None = None
    earns: str = ""
    removes_apprentice: str = ""
    # A saved step's own: its id, where the person is with it, and their note (empty in a preview).
    pk: int | None = None
    status: str = ""
    previous_status: str = ""
    previous_status_label: str = ""
    completed_on: date | None = None
    planned_finish: date | None = None
    note: str = ""

    @property
    def finish_varies(self) -> bool:
        """Whether the finish date moves with the effort ranges: the page then says between which dates."""
        known = self.finish is not None and self.earliest is not None and self.latest is not None
        return known and (self.earliest, self.latest) != (self.finish, self.finish)


Dates = dict[str, tuple[date | None, date | None]]


def effort_of(step: planner.Step | RoadmapStep) -> planner.Effort | None:
    """The step's effort range; a single figure with nothing said about it when only the likely hours are known."""
    if isinstance(step, RoadmapStep) and step.effort_low_hours is not None and step.effort_high_hours is not None:
        url = step.effort_source_url
        source = planner.Resource(step.effort_source_title or url, url) if url else None
        return planner.Effort(step.effort_low_hours, step.effort_high_hours, step.effort_basis, source)
    if isinstance(step, planner.Step) and step.effort is not None:
        return step.effort
    if step.effort_hours is not None:
        return planner.Effort(step.effort_hours, step.effort_hours, "")
    return None


# Stands in for a step's pk when a step's address is reversed once for all the steps of a roadmap.
_ANY_STEP = 2_147_483_647


def step_address(name: str, roadmap_pk: int) -> Callable[[int], str]:
    """The address `name` for any step of the roadmap: reverse() once, then the step's pk put in its place.

    reverse() takes about 20 µs: three for each step of a 40-step page was 2.5 ms of every page view.
    """
    head, _, tail = reverse(name, args=[roadmap_pk, _ANY_STEP]).rpartition(str(_ANY_STEP))
    return lambda step_pk: f"{head}{step_pk}{tail}"


def step_addresses(roadmap_pk: int) -> Callable[[RoadmapStep], dict[str, str]]:
    status, done_on, note = (
        step_address(name, roadmap_pk)
        for name in ("roadmap:step_status", "roadmap:step_completed_on", "roadmap:step_note")
    )
    return lambda step: {"status_url": status(step.pk), "done_on_url": done_on(step.pk), "note_url": note(step.pk)}


def _saved_step_fields(step: RoadmapStep, addresses: Callable[[RoadmapStep], dict[str, str]] | None) -> dict[str, Any]:
    return {
        "pk": step.pk,
        "status": step.status,
        "status_label": STATUS_LABELS.get(step.status, step.status),
        "previous_status": step.previous_status,
        "previous_status_label": STATUS_LABELS.get(step.previous_status, step.previous_status),
        "completed_on": step.completed_on,
        "planned_finish": step.planned_finish,
        "note": step.note,
        **(addresses(step) if addresses else {}),
    }


def rows_of(
    steps: Sequence[planner.Step | RoadmapStep],
    dates: Dates,
    spans: Dates,
    *,
    next_step: RoadmapStep | None = None,
    overdue: Sequence[RoadmapStep] = (),
    addresses: Callable[[RoadmapStep], dict[str, str]] | None = None,
    texts: dict[str, tuple[str, str]] | None = None,
) -> list[StepRow]:
    """`texts`: a saved step's title and why in the page's language, by key (translation.saved_step_texts)."""
    texts = texts or {}
    titles = {step.key: texts[step.key][0] if step.key in texts else step.title for step in steps}
    depends = {step.key: tuple(step.depends_on) for step in steps}
    # Steps whose length nobody knows and that are not done: every date after them is unknown.
    blockers = [step.key for step in steps if step.unknown_duration and dates.get(step.key, (None, None))[1] is None]
    overdue_keys = {step.key for step in overdue}

    def waits_for(key: str) -> str:
        seen: set[str] = set()
        todo = list(depends[key])
        while todo:
            dep = todo.pop(0)
            if dep in seen or dep not in depends:
                continue
            seen.add(dep)
            if dep in blockers:
                return titles[dep]
            todo.extend(depends[dep])
        # Study steps also wait for the study step before them, dependency or not.
        return next((titles[b] for b in blockers if b != key), "")

    rows = []
    for step in steps:
        start, finish = dates.get(step.key, (None, None))
        earliest, latest = spans.get(step.key, (None, None))
        own_unknown = step.unknown_duration and start is not None
        rows.append(
            StepRow(
                key=step.key,
                phase=step.phase,
                required=step.required,
                unknown_duration=step.unknown_duration,
                months=step.months,
                cost=step.cost,
                earns=step.earns,
                removes_apprentice=step.removes_apprentice,
                start=start,
                finish=finish,
                waits_for="" if own_unknown or (start and finish) else waits_for(step.key),
                depends_on=tuple(titles[key] for key in step.depends_on if key in titles),
                resources=tuple(resources_of(step)),
                is_next=next_step is not None and step.key == next_step.key,
                is_overdue=step.key in overdue_keys,
                earliest=earliest,
                latest=latest,
                effort=effort_of(step),
                title=titles[step.key],
                why=texts[step.key][1] if step.key in texts else step.why,
                **(_saved_step_fields(step, addresses) if isinstance(step, RoadmapStep) else {}),
            )
        )
    return rows


def resources_of(step: planner.Step | RoadmapStep) -> list[dict[str, str]]:
    if isinstance(step, RoadmapStep):
        return [{"label": str(r.get("label", "")), "url": str(r.get("url", ""))} for r in step.resource_links()]
    return [{"label": r.label, "url": r.url} for r in step.resources]


def phases_of(rows: Sequence[StepRow]) -> list[dict[str, Any]]:
    """All four phases, in order, each with its rows (a phase may have none)."""
    return [
        {"value": value, "label": label, "rows": [row for row in rows if row.phase == value]} for value, label in PHASES
    ]


def roadmap_rows(view: RoadmapView, *, roadmap_pk: int | None = None, code: str = "") -> list[StepRow]:
    """The rows of a saved roadmap; with the addresses of each step's forms when `roadmap_pk` is given.

    `code`: the roadmap's certification, to say its steps in the page's language (saved_step_texts).
    """
    return rows_of(
        view.steps,
        view.projected,
        view.span,
        next_step=view.next_step,
        overdue=view.overdue,
        addresses=step_addresses(roadmap_pk) if roadmap_pk is not None else None,
        texts=saved_step_texts(view.steps, code) if code else None,
    )


def plan_rows(plan: planner.Plan) -> list[StepRow]:
    return rows_of(
        plan.steps,
        {s.key: (s.start, s.finish) for s in plan.steps},
        {s.key: (s.earliest_finish, s.latest_finish) for s in plan.steps},
    )


def apprentice_row(rows: Sequence[StepRow], code: str) -> StepRow | None:
    """The step that removes the apprentice designation passing `code` gives, if the plan has one."""
    return next((row for row in rows if row.removes_apprentice == code), None)
