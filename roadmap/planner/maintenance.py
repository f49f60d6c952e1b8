"""After the exam: removing an apprentice designation, CEU cycles, membership and the body's other upkeep.

These add steps to a plan built by eligibility.Builder, after the step that
earns the credential; they run once the credential itself is planned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from .ceus import ceu_summary
from .costs import is_member, template_cost
from .eligibility import Builder
from .inputs import Certification, Route
from .outputs import CeuSummary, Step
from .vocabulary import CALENDAR, PHASE_MAINTENANCE, PURPOSE_APPRENTICE_REMOVAL, STUDY
from .wording import cycle_words


def plan_apprentice_removal(builder: Builder, cert: Certification, exam_key: str) -> tuple[str, date | None]:
    """Plan removing the apprentice designation, if passing would give one."""
    if not cert.apprentice_designation or not cert.apprentice_removal:
        return "", None
    passed = builder.scheduler.finish.get(exam_key)
    for route in cert.apprentice_removal:
        if all(builder.met_at(req, passed) for req in route.requirements):
            builder.notes.append(
                f"You pass as a full {cert.code}, not {cert.apprentice_designation}: you meet "
                f"“{route.name}” by the exam."
            )
            return "", None
    chosen = builder.choose_route(cert, cert.apprentice_removal, PURPOSE_APPRENTICE_REMOVAL, frozenset(), [exam_key])
    if chosen is None:
        return cert.apprentice_designation, None
    trial, choice, keys = chosen
    builder.adopt(trial)
    builder.routes.append(replace(choice, why=f"Fastest way to remove {cert.apprentice_designation}. {choice.why}"))
    for index, step in enumerate(builder.steps):
        if step.key in keys:
            builder.steps[index] = replace(step, phase=PHASE_MAINTENANCE)
    notes = sorted({req.text for req in _chosen_route(cert.apprentice_removal, choice.name).requirements})
    apply = builder.add(
        Step(
            key=f"apprentice:{cert.code}",
            phase=PHASE_MAINTENANCE,
            title=f"Apply to {cert.body} to remove the {cert.apprentice_designation} designation",
            why=f"Passing {cert.code} without the experience of a removal route gives "
            f"{cert.apprentice_designation}. Route: {choice.name} ({'; '.join(notes)}).",
            track=STUDY,
            effort_hours=Decimal(1),
            depends_on=tuple(keys) or (exam_key,),
        )
    )
    return cert.apprentice_designation, apply.finish


def plan_maintenance(builder: Builder, cert: Certification, exam_key: str) -> list[CeuSummary]:
    """CEU cycles and membership for every body whose credentials this plan adds."""
    summaries = []
    planned_bodies = []
    for step in builder.steps:
        if step.earns and builder.catalogue.certification(step.earns).body not in planned_bodies:
            planned_bodies.append(builder.catalogue.certification(step.earns).body)
    for body_code in planned_bodies:
        body = builder.catalogue.body(body_code)
        summary = ceu_summary(body, builder.credentials, builder.catalogue)
        passed_key = next(
            s.key
            for s in reversed(builder.steps)
            if s.earns and builder.catalogue.certification(s.earns).body == body_code
        )
        if summary is not None:
            summaries.append(summary)
            builder.add(
                Step(
                    key=f"ceu:{body.code}",
                    phase=PHASE_MAINTENANCE,
                    title=f"Earn {summary.ceus} CEUs every {cycle_words(summary.cycle_months)} ({body.code})",
                    why=summary.explanation,
                    track=CALENDAR,
                    months=summary.cycle_months,
                    depends_on=(passed_key,),
                )
            )
        if body.membership_required_to_keep:
            builder.add(
                Step(
                    key=f"membership:{body.code}",
                    phase=PHASE_MAINTENANCE,
                    title=f"Renew your {body.code} membership every year",
                    why=f"{body.name} requires an active membership to keep its credentials.",
                    track=CALENDAR,
                    months=12,
                    cost=body.membership_fee,
                    depends_on=(passed_key,),
                )
            )
    body = builder.catalogue.body(cert.body)
    for template in sorted(cert.steps, key=lambda t: t.order):
        if template.phase != PHASE_MAINTENANCE:
            continue
        builder.add(
            Step(
                key=f"maintenance:{cert.code}:{template.order}",
                phase=PHASE_MAINTENANCE,
                title=template.title,
                why=template.description,
                track=CALENDAR,
                effort_hours=template.effort_hours,
                cost=template_cost(template, cert, body, is_member(body)),
                depends_on=(exam_key,),
                resources=template.resources,
            )
        )
    return summaries


def _chosen_route(routes: Sequence[Route], name: str) -> Route:
    return next(route for route in routes if route.name == name)
