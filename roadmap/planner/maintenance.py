"""After the exam: removing an apprentice designation, CEU cycles, membership and the body's other upkeep.

These add steps to a plan built by eligibility.Builder, after the step that
earns the credential; they run once the credential itself is planned.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from .ceus import ceu_summary
from .costs import is_member, template_cost
from .eligibility import Builder
from .inputs import Certification, route_named
from .outputs import CeuSummary, Step
from .vocabulary import CALENDAR, PHASE_MAINTENANCE, PURPOSE_APPRENTICE_REMOVAL
from .wording import cycle_words


def plan_apprentice_removal(builder: Builder, cert: Certification, exam_key: str) -> tuple[str, date | None]:
    """Plan removing the apprentice designation that passing gives (CPC-A, COC-A).

    The body gives the designation to everyone who passes and removes it when
    it receives proof, so there is always a step to send the proof, dated when
    the fastest removal route is met: the exam day itself when the person
    already meets it.
    """
    if not cert.apprentice_designation or not cert.apprentice_removal:
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
    proof = route_named(cert.apprentice_removal, choice.name).proof
    met = all(status.met for status in choice.requirements)
    when = "You meet it by the exam, so send it as soon as you pass." if met else "Send it once the route is met."
    send = builder.add(
        Step(
            key=f"apprentice:{cert.code}",
            phase=PHASE_MAINTENANCE,
            title=f"Send {cert.body} your proof to remove {cert.apprentice_designation}",
            why=f"{cert.body} gives {cert.apprentice_designation} to everyone who passes {cert.code} and removes "
            f"it when it receives proof of “{choice.name}”. "
            + (f"Send {'; and '.join(proof)}. " if proof else "")
            + when,
            track=CALENDAR,
            cost=None,  # our sources do not say whether the body charges for it
            depends_on=(exam_key, *keys),
            removes_apprentice=cert.code,
        )
    )
    return cert.apprentice_designation, send.finish


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
                effort_hours=template.effort.likely if template.effort else None,
                effort=template.effort,
                cost=template_cost(template, cert, body, is_member(body)),
                depends_on=(exam_key,),
                resources=template.resources,
            )
        )
    return summaries
