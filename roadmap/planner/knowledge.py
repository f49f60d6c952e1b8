"""What a candidate must know: what the person already knows, and a study step for each area they lack.

Bodies say what knowledge their exams expect (a certification's `knowledge`).
A person knows an area when they say they have studied it, when training they
completed or a credential they hold covers it, when two years or more of coding
in a setting use it every day, or when an earlier part of the plan covers it.
Everything else becomes a study step before the exam, marked required or
"recommended, not required" as the body says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from .inputs import Catalogue, Certification, KnowledgeArea, KnowledgeNeed, Profile
from .messages import N_, Join, Text, catalogue_text
from .outputs import KnowledgeStatus, Step
from .vocabulary import COURSE_80H, COURSE_80H_HOURS, EXPERIENCED_MONTHS, PHASE_EDUCATION, STARTING_LEVELS, STUDY

# Our assumption, said to the person whenever it counts: two years of coding in a setting
# teach the areas that setting's coding uses every day. Two years is what AAPC accepts as
# the full experience of a CPC (an apprentice with it becomes a full CPC).
ON_THE_JOB_MONTHS = EXPERIENCED_MONTHS

STUDY_KEY = "knowledge:"
RECOMMENDED = N_("Recommended, not required:")


def with_done_steps(profile: Profile, catalogue: Catalogue, done: Iterable[str]) -> Profile:
    """The profile plus what the person finished in a saved roadmap (keys of its done steps).

    A finished course counts as the qualifications it gives and the areas it
    teaches; a finished study step as the area studied. So a re-plan never asks
    again for what was done.
    """
    keys = set(done)
    programs = [p for p in catalogue.programs if f"program:{p.slug}" in keys]
    studied = {key.removeprefix(STUDY_KEY) for key in keys if key.startswith(STUDY_KEY)}
    return replace(
        profile,
        qualifications=profile.qualifications.union(*(p.qualifications for p in programs)),
        studied=profile.studied | studied | {area for p in programs for area in p.covers},
    )


def is_beginner(profile: Profile, catalogue: Catalogue) -> bool:
    """Without two years of coding experience or an entry or core credential."""
    held = (catalogue.certification(c.code) for c in profile.credentials if catalogue.has(c.code))
    return profile.coding_months < EXPERIENCED_MONTHS and not any(cert.level in STARTING_LEVELS for cert in held)


def suits(cert: Certification, beginner: bool) -> bool:
    """Whether a certification suits the person's stage: a beginner's is entry or core, not aimed at the experienced."""
    return not beginner or (cert.level in STARTING_LEVELS and not cert.experience_expected)


def profile_qualifications(profile: Profile) -> set[str]:
    """What the person's completed training counts as (80 contact hours count as the 80-hour course)."""
    held = set(profile.qualifications)
    if profile.training_contact_hours >= COURSE_80H_HOURS:
        held.add(COURSE_80H)
    return held


@dataclass(frozen=True)
class Known:
    """The areas a person knows at some point of a plan, each with the reason.

    `now`: known before the plan starts; `planned`: covered by an earlier part of the plan.
    """

    now: Mapping[str, Text]
    planned: Mapping[str, Text]

    def __contains__(self, area: object) -> bool:
        return area in self.now or area in self.planned

    def reason(self, area: str) -> str:
        return self.now.get(area) or self.planned.get(area) or ""


def known_areas(
    profile: Profile,
    catalogue: Catalogue,
    *,
    credentials: Mapping[str, str],
    planned_programs: Iterable[str],
    planned_areas: Iterable[str],
) -> Known:
    """Everything the person knows, or will by this point of the plan.

    `credentials` maps a credential held or planned to the key of the step that
    earns it ("" when already held); the others name programs and study steps
    already in the plan.
    """
    now: dict[str, Text] = {}
    planned: dict[str, Text] = {}

    def learn(areas: Iterable[str], reason: Text, into: dict[str, Text] = now) -> None:
        for area in sorted(areas):
            if area not in now:
                into.setdefault(area, reason)

    learn(profile.studied, N_("You told us you have studied it."))
    held = profile_qualifications(profile)
    for program in catalogue.programs:
        if program.qualifications & held:
            learn(
                program.covers,
                N_("Your completed training covers it ({program} or its equivalent).", program=program.name),
            )
    for code, key in sorted(credentials.items()):
        if catalogue.has(code):
            areas = (need.area for need in catalogue.certification(code).knowledge)
            if key:
                learn(areas, N_("Your plan takes {code} first, whose exam covers it.", code=code), planned)
            else:
                learn(areas, N_("You hold {code}, whose exam covers it.", code=code))
    if profile.coding_months >= ON_THE_JOB_MONTHS and profile.coding_setting:
        on_the_job = (area.code for area in catalogue.areas if profile.coding_setting in area.used_in)
        learn(
            on_the_job,
            N_(
                "You use it at work: {months} months of coding in that setting. We count two years "
                "or more as learning it on the job: the experience AAPC asks of a full CPC.",
                months=profile.coding_months,
            ),
        )
    in_plan = set(planned_programs)
    for program in catalogue.programs:
        if program.slug in in_plan:
            learn(program.covers, N_("Your plan includes {program}, which covers it.", program=program.name), planned)
    learn(planned_areas, N_("Your plan studies it earlier."), planned)
    return Known(now, planned)


def missing(cert: Certification, catalogue: Catalogue, known: Known) -> list[tuple[KnowledgeNeed, KnowledgeArea]]:
    """The areas the certification expects that the person does not know, foundations first."""
    return [(need, area) for need, area in _expected(cert, catalogue) if area.code not in known]


def _expected(cert: Certification, catalogue: Catalogue) -> list[tuple[KnowledgeNeed, KnowledgeArea]]:
    """The certification's knowledge areas that the catalogue has, in the catalogue's order (foundations first)."""
    position = {area.code: index for index, area in enumerate(catalogue.areas)}
    found = [(need, catalogue.area(need.area)) for need in cert.knowledge]
    return sorted(((need, area) for need, area in found if area is not None), key=lambda pair: position[pair[1].code])


def study_step(cert: Certification, need: KnowledgeNeed, area: KnowledgeArea, after: Iterable[str]) -> Step:
    """A step to study one area before the exam."""
    name = catalogue_text(area.name).map(_in_a_sentence)
    why = Join([need.words, area.description])
    return Step(
        key=STUDY_KEY + area.code,
        phase=PHASE_EDUCATION,
        title=N_("Study {area}", area=name),
        why=why if need.required else Join([RECOMMENDED, why]),
        track=STUDY,
        effort_hours=area.effort.likely if area.effort else None,
        effort=area.effort,
        unknown_duration=area.effort is None,
        required=need.required,
        depends_on=tuple(after),
        resources=(need.source,) if need.source else (),
    )


def _in_a_sentence(name: str) -> str:
    """An area's name inside a sentence: "Study medical terminology", but "Study ICD-10-CM" as written."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def statuses(
    cert: Certification, catalogue: Catalogue, known: Known, study_steps: Mapping[str, str]
) -> tuple[KnowledgeStatus, ...]:
    """Each area the certification expects: the plan's step that studies it, or why the person knows it already.

    `study_steps` maps the key of each study step in the plan to its title.
    """
    found = []
    for need, area in _expected(cert, catalogue):
        step = study_steps.get(STUDY_KEY + area.code, "")
        reason = N_("Studied in this plan.") if step else known.reason(area.code) or N_("Not in this plan.")
        found.append(
            KnowledgeStatus(
                area=area.code,
                name=area.name,
                words=need.words,
                required=need.required,
                met=not step and area.code in known.now,
                reason=reason,
                source=need.source,
                step=step,
            )
        )
    return tuple(found)
