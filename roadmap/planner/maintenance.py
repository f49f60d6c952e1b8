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
from .messages import N_, Join
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
    fastest = N_("Fastest way to remove {designation}.", designation=cert.apprentice_designation)
    builder.routes.append(replace(choice, why=Join([fastest, choice.why])))
    for index, step in enumerate(builder.steps):
        if step.key in keys:
            builder.steps[index] = replace(step, phase=PHASE_MAINTENANCE)
    proof = route_named(cert.apprentice_removal, choice.name).proof
    met = all(status.met for status in choice.requirements)
    when = (
        N_("You meet it by the exam, so send it as soon as you pass.") if met else N_("Send it once the route is met.")
    )
    gives = N_(
        "{body} gives {designation} to everyone who passes {code} and removes it when it receives proof of “{route}”.",
        body=cert.body,
        designation=cert.apprentice_designation,
        code=cert.code,
        route=choice.name,
    )
    send = builder.add(
        Step(
            key=f"apprentice:{cert.code}",
            phase=PHASE_MAINTENANCE,
            title=N_(
                "Send {body} your proof to remove {designation}",
                body=cert.body,
                designation=cert.apprentice_designation,
            ),
            why=Join([gives, N_("Send {proof}.", proof=Join(proof, "; and ")) if proof else "", when]),
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
                    title=N_(
                        "Earn {ceus} CEUs every {cycle} ({body})",
                        ceus=summary.ceus,
                        cycle=cycle_words(summary.cycle_months),
                        body=body.code,
                    ),
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
                    title=N_("Renew your {body} membership every year", body=body.code),
                    why=N_("{body} requires an active membership to keep its credentials.", body=body.name),
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
