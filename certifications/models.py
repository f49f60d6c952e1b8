"""The certification catalogue: who certifies, what they certify, and the rules.

Conventions that hold for every model here:
- A figure that came from the outside world (a fee, an exam format, a CEU
  count) sits next to the Source it came from and the date it was last
  verified. A figure nobody has verified is NULL, never 0, and pages show it
  as "check with the provider".
- Eligibility is data: a certification has zero or more alternative routes,
  each a set of requirements that must all hold. No code names a certification.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from certifications.choices import (
    CeuCategory,
    EducationLevel,
    Level,
    Licence,
    Qualification,
    Role,
)
from certifications.fields import ChoiceListField
from roadmap import planner


def money_field(verbose_name: str, help_text: str) -> models.DecimalField[Decimal | None, Decimal | None]:
    """An amount in US dollars; NULL means unknown and is shown as "check with the provider"."""
    return models.DecimalField(verbose_name, max_digits=9, decimal_places=2, null=True, blank=True, help_text=help_text)


# Catalogue texts shown to users have a Spanish twin, `<field>_es` (certifications/translation.py picks one).
SPANISH_HELP = "Spanish translation of the {what}. Leave empty and Spanish pages show the English, with a note."


class Confidence(models.TextChoices):
    HIGH = "high", "High: the certifying body or a government page"
    MEDIUM = "medium", "Medium: a reputable secondary source"
    LOW = "low", "Low: blogs, prep sites"


class Source(models.Model):
    """A public page a figure in the catalogue was taken from."""

    key = models.CharField(
        "key",
        max_length=20,
        unique=True,
        help_text="Short id used by the seed file and in admin lists, e.g. S44.",
    )
    title = models.CharField("title", max_length=200, help_text="What the page is, e.g. 'AHIMA: CCS eligibility'.")
    url = models.URLField("URL", max_length=500, help_text="Address of the page the figures were read from.")
    confidence = models.CharField(
        "confidence",
        max_length=10,
        choices=Confidence.choices,
        help_text="How far this page can be trusted. Only medium or high confidence figures are shown to users.",
    )
    as_of = models.CharField(
        "as of",
        max_length=100,
        blank=True,
        help_text="The date or period the page itself states, e.g. '2020' or 'data as of 12/31/2023'. "
        "Blank if undated.",
    )

    class Meta:
        ordering = ["key"]
        verbose_name = "source"

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"


class WorkSetting(models.Model):
    """A kind of workplace a certification prepares coders for."""

    code = models.SlugField(
        "code", max_length=40, unique=True, help_text="Stable identifier used in URLs and profiles."
    )
    name = models.CharField("name", max_length=100, help_text="Shown to users, e.g. 'Hospital inpatient'.")
    description = models.TextField("description", blank=True, help_text="One sentence on the work done there.")
    order = models.PositiveSmallIntegerField("order", default=0, help_text="Position in lists and filters.")

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "work setting"

    def __str__(self) -> str:
        return self.name


class EffortRange(models.Model):
    """Study effort as a range of hours, with where the figures come from.

    Every range has either a source (a published course length: college credit
    hours, a body's or school's course page) or no source and a basis that says
    it is our estimate and why. Pages show "our estimate" for the latter.
    """

    effort_low_hours = models.DecimalField(
        "effort from (hours)",
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Fewest hours of study or work this usually takes. Empty (with 'to') when it takes no planned time.",
    )
    effort_high_hours = models.DecimalField(
        "effort to (hours)",
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Most hours it usually takes. The same as 'from' when the source gives one figure.",
    )
    effort_source = models.ForeignKey(
        "Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="effort source",
        help_text="The page the hours come from. Leave empty only for our own estimate.",
    )
    effort_basis = models.TextField(
        "how the hours were reached",
        blank=True,
        help_text="What the source says (e.g. '3 college credits: 45 hours in class and 90 of study'); without a "
        "source, one sentence of our reasoning. Required whenever hours are given.",
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(effort_low_hours__isnull=True, effort_high_hours__isnull=True)
                | Q(effort_low_hours__gt=0, effort_high_hours__gte=models.F("effort_low_hours")),
                name="%(class)s_effort_range_valid",
                violation_error_message="Give both hours, 'from' above zero and 'to' at least 'from', or neither.",
            ),
        ]

    @property
    def effort_is_estimate(self) -> bool:
        return self.effort_low_hours is not None and self.effort_source_id is None

    def effort_errors(self) -> dict[str, str]:
        """Validation messages for the effort fields, for clean()."""
        low, high = self.effort_low_hours, self.effort_high_hours
        if low is None and high is None:
            return {}
        if low is None or high is None:
            return {"effort_high_hours" if high is None else "effort_low_hours": "Give both hours, or neither."}
        if low <= 0:
            return {"effort_low_hours": "Effort must be above zero; leave both empty if it takes no planned time."}
        if high < low:
            return {"effort_high_hours": "'To' cannot be less than 'from'."}
        if not self.effort_basis.strip():
            return {"effort_basis": "Say what the source says, or, for our own estimate, one sentence of reasoning."}
        return {}


class KnowledgeArea(EffortRange):
    """Something a candidate must know for an exam, e.g. medical terminology or ICD-10-PCS.

    Certifications list the areas their body expects; programs list the areas
    they teach; a profile lists the areas a person has studied. The planner adds
    a study step for every expected area a person lacks.
    """

    code = models.SlugField("code", max_length=60, unique=True, help_text="Stable identifier, e.g. 'icd-10-pcs'.")
    name = models.CharField("name", max_length=120, help_text="As a person would say it, e.g. 'Medical terminology'.")
    description = models.TextField("description", blank=True, help_text="What studying it covers, in a sentence.")
    name_es = models.CharField("name (Spanish)", max_length=120, blank=True, help_text=SPANISH_HELP.format(what="name"))
    description_es = models.TextField(
        "description (Spanish)", blank=True, help_text=SPANISH_HELP.format(what="description")
    )
    order = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Foundations first: the order steps are planned and areas are listed in."
    )
    used_in = models.ManyToManyField(
        WorkSetting,
        blank=True,
        related_name="+",
        verbose_name="learned on the job in",
        help_text="Settings whose daily coding work uses it: two years of coding there count as having learned it.",
    )

    class Meta(EffortRange.Meta):
        ordering = ["order", "code"]
        verbose_name = "knowledge area"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if errors := self.effort_errors():
            raise ValidationError(errors)


class CertifyingBody(models.Model):
    name = models.CharField(
        "name", max_length=200, help_text="Full name, e.g. 'American Academy of Professional Coders'."
    )
    abbreviation = models.CharField(
        "abbreviation", max_length=20, unique=True, help_text="As used on the body's site, e.g. AAPC."
    )
    website = models.URLField("website", help_text="Home page of the body.")
    membership_required_to_sit = models.BooleanField(
        "membership required to sit the exam",
        null=True,
        blank=True,
        help_text="Leave unknown unless a medium or high confidence source says so.",
    )
    membership_required_to_keep = models.BooleanField(
        "membership required to keep the credential",
        null=True,
        blank=True,
        help_text="Whether yearly membership is needed to keep a credential active.",
    )
    membership_fee = money_field(
        "yearly membership fee (USD)", help_text="Leave empty when unknown; users see 'check with the provider'."
    )
    membership_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="membership source",
        help_text="Where the membership rule and fee come from.",
    )
    membership_verified_on = models.DateField(
        "membership facts verified on", null=True, blank=True, help_text="When someone last checked the source."
    )

    class Meta:
        ordering = ["abbreviation"]
        verbose_name = "certifying body"
        verbose_name_plural = "certifying bodies"
        constraints = [
            models.CheckConstraint(
                condition=Q(membership_fee__gte=0),
                name="body_membership_fee_not_negative",
                violation_error_message="A fee cannot be negative; leave it empty if unknown.",
            ),
        ]

    def __str__(self) -> str:
        return self.abbreviation


class CeuPolicy(models.Model):
    """How a body's credentials are kept: the cycle and the multi-credential rule.

    Total CEUs for a person holding several of the body's credentials =
    min(max_ceus, highest single requirement + extra_credential_ceus x (n - 1)).
    That one formula covers AAPC (36, +4 each, max 52) and AHIMA (highest, +10
    each, max 50).
    """

    class CycleStart(models.TextChoices):
        EXAM_DATE = "exam_date", "The day the exam is passed"
        MEMBERSHIP_RENEWAL = "membership_renewal", "The membership renewal date (first cycle pro-rated)"

    body = models.OneToOneField(
        CertifyingBody, on_delete=models.CASCADE, related_name="ceu_policy", verbose_name="body"
    )
    cycle_months = models.PositiveSmallIntegerField(
        "cycle length (months)", help_text="Length of one reporting cycle, e.g. 24 for two years, 12 for yearly."
    )
    cycle_start = models.CharField(
        "cycle starts on",
        max_length=30,
        choices=CycleStart.choices,
        default=CycleStart.EXAM_DATE,
        help_text="The date the first cycle counts from.",
    )
    prorate_first_cycle = models.BooleanField(
        "first cycle is pro-rated", default=False, help_text="AAPC pro-rates the first cycle after certification."
    )
    first_cycle_min_months = models.PositiveSmallIntegerField(
        "shortest first cycle (months)",
        default=12,
        help_text="For cycles reported on the membership renewal date: the first cycle ends on the first renewal "
        "at least this many months after passing. An assumption where the body does not publish its rule; "
        "say so in the pro-rating assumption.",
    )
    prorate_note = models.TextField(
        "pro-rating assumption",
        blank=True,
        help_text="Shown to users when the exact pro-rating rule is not published; say what we assume.",
    )
    extra_credential_ceus = models.PositiveSmallIntegerField(
        "CEUs added per extra credential",
        null=True,
        blank=True,
        help_text="AAPC 4, AHIMA 10. Leave empty if the body has no published multi-credential rule.",
    )
    max_ceus = models.PositiveSmallIntegerField(
        "maximum CEUs per cycle",
        null=True,
        blank=True,
        help_text="Cap on the multi-credential total (AAPC 52, AHIMA 50). Empty means no cap.",
    )
    counts_before_certification = models.BooleanField(
        "CEUs earned before certification count",
        default=False,
        help_text="AAPC and ACDIS reject CEUs earned before the credential was earned.",
    )
    carry_over = models.BooleanField(
        "extra CEUs carry over to the next cycle", default=False, help_text="None of the seeded bodies allow it."
    )
    recertification_fee = money_field(
        "recertification fee (USD)", help_text="Per cycle, for non-members. Empty when unknown."
    )
    recertification_fee_member = money_field(
        "recertification fee for members (USD)", help_text="Per cycle. Empty when unknown."
    )
    notes = models.TextField("rules in plain words", blank=True, help_text="Other rules users must know, one per line.")
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="source",
        help_text="Where the rule comes from.",
    )
    verified_on = models.DateField("verified on", null=True, blank=True, help_text="When someone last checked it.")

    class Meta:
        verbose_name = "CEU policy"
        verbose_name_plural = "CEU policies"
        constraints = [
            models.CheckConstraint(
                condition=Q(cycle_months__gt=0),
                name="ceu_policy_cycle_positive",
                violation_error_message="A CEU cycle must last at least one month.",
            ),
            models.CheckConstraint(
                condition=Q(recertification_fee__gte=0) & Q(recertification_fee_member__gte=0)
                | Q(recertification_fee__isnull=True)
                | Q(recertification_fee_member__isnull=True),
                name="ceu_policy_fees_not_negative",
                violation_error_message="A fee cannot be negative; leave it empty if unknown.",
            ),
        ]

    def __str__(self) -> str:
        return f"CEU policy of {self.body}"

    def clean(self) -> None:
        if self.cycle_months == 0:
            raise ValidationError({"cycle_months": "A CEU cycle must last at least one month."})
        for field in ("recertification_fee", "recertification_fee_member"):
            value = getattr(self, field)
            if value is not None and value < 0:
                raise ValidationError({field: "A fee cannot be negative; leave it empty if unknown."})

    def total_ceus(self, single_requirements: list[int]) -> int:
        """CEUs per cycle for someone holding credentials with these single requirements."""
        return planner.total_ceus(
            single_requirements, extra_per_credential=self.extra_credential_ceus, cap=self.max_ceus
        )


# The fields of a certification that cite a source, each for one group of its facts (the detail page,
# the API, the admin and the seed all read this list).
CERTIFICATION_SOURCES = ("eligibility_source", "exam_source", "fee_source", "salary_source", "ceu_source")


class Certification(models.Model):
    code = models.CharField(
        "code", max_length=20, unique=True, help_text="The credential's letters as the body writes them, e.g. CCS-P."
    )
    name = models.CharField("full name", max_length=200, help_text="e.g. Certified Coding Specialist.")
    body = models.ForeignKey(
        CertifyingBody,
        on_delete=models.PROTECT,
        related_name="certifications",
        verbose_name="certifying body",
        help_text="A body with certifications cannot be deleted.",
    )
    level = models.CharField("level", max_length=20, choices=Level.choices, help_text="Where it sits in a career.")
    work_settings = models.ManyToManyField(
        WorkSetting,
        related_name="certifications",
        blank=True,
        verbose_name="work settings",
        help_text="Workplaces this credential prepares coders for.",
    )
    summary = models.TextField("summary", help_text="Two or three plain sentences: what holders do and who it is for.")
    summary_es = models.TextField("summary (Spanish)", blank=True, help_text=SPANISH_HELP.format(what="summary"))
    is_active = models.BooleanField(
        "shown to users", default=True, help_text="Untick to hide a retired credential from new plans and pages."
    )

    eligibility_known = models.BooleanField(
        "eligibility is verified",
        default=True,
        help_text="Untick when the official eligibility text is not verified: users are told to check with the body "
        "instead of being told there is no prerequisite.",
    )
    eligibility_note = models.TextField(
        "eligibility note", blank=True, help_text="Anything about eligibility the routes cannot say."
    )
    eligibility_note_es = models.TextField(
        "eligibility note (Spanish)", blank=True, help_text=SPANISH_HELP.format(what="eligibility note")
    )
    eligibility_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="eligibility source",
        help_text="Where the eligibility routes come from.",
    )

    apprentice_designation = models.CharField(
        "apprentice designation",
        max_length=20,
        blank=True,
        help_text="e.g. CPC-A: given to those who pass without the experience of an apprentice-removal route.",
    )

    experience_expected = models.BooleanField(
        "aimed at experienced coders",
        default=False,
        help_text="Tick when the body describes it as for people with coding experience or training, or it builds "
        "on a core credential: it then ranks below entry and core credentials for beginners.",
    )
    audience_note = models.CharField(
        "who it is for",
        max_length=300,
        blank=True,
        help_text="Shown on a beginner's recommendation card, e.g. 'Usually taken after CPC and coding experience.'",
    )
    audience_note_es = models.CharField(
        "who it is for (Spanish)",
        max_length=300,
        blank=True,
        help_text=SPANISH_HELP.format(what="'who it is for' note"),
    )

    exam_items = models.PositiveSmallIntegerField(
        "exam questions", null=True, blank=True, help_text="Number of questions or items. Empty when unknown."
    )
    exam_minutes = models.PositiveSmallIntegerField(
        "exam length (minutes)", null=True, blank=True, help_text="Empty when unknown."
    )
    exam_open_book = models.BooleanField(
        "open code book", null=True, blank=True, help_text="Whether code books may be used. Unknown when unsure."
    )
    exam_delivery = models.CharField(
        "delivery", max_length=200, blank=True, help_text="e.g. 'In person at a test centre or online, proctored'."
    )
    exam_format_note = models.TextField(
        "exam format note", blank=True, help_text="Detail the numbers cannot say, e.g. '40 questions + 7 cases'."
    )
    exam_format_note_es = models.TextField(
        "exam format note (Spanish)", blank=True, help_text=SPANISH_HELP.format(what="exam format note")
    )
    exam_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="exam format source",
        help_text="Where the exam format comes from.",
    )
    exam_verified_on = models.DateField("exam format verified on", null=True, blank=True)

    exam_fee_member = money_field("exam fee, members (USD)", help_text="Empty when unknown.")
    exam_fee_non_member = money_field("exam fee, non-members (USD)", help_text="Empty when unknown.")
    fee_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="fee source",
        help_text="Where the fees come from.",
    )
    fee_as_of = models.CharField(
        "fees as of", max_length=100, blank=True, help_text="The period the source gives the fees for."
    )
    fee_verified_on = models.DateField("fees verified on", null=True, blank=True)

    salary = models.PositiveIntegerField(
        "salary (USD a year)", null=True, blank=True, help_text="A survey figure. Empty when none is reliable."
    )
    salary_basis = models.CharField(
        "salary basis", max_length=100, blank=True, help_text="e.g. 'average, AAPC salary survey'."
    )
    salary_year = models.PositiveSmallIntegerField("salary year", null=True, blank=True)
    salary_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="salary source",
    )

    ceus_per_cycle = models.PositiveSmallIntegerField(
        "CEUs per cycle (this credential alone)",
        null=True,
        blank=True,
        help_text="The single-credential requirement; the body's CEU policy adds the multi-credential rule.",
    )
    ceu_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="CEU source",
    )
    ceu_verified_on = models.DateField("CEU figures verified on", null=True, blank=True)
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name="replaces",
        help_text="Earning this credential replaces that one for recertification (RHIA replaces RHIT).",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "certification"
        constraints = [
            models.CheckConstraint(
                condition=Q(exam_fee_member__gte=0) | Q(exam_fee_member__isnull=True),
                name="certification_member_fee_not_negative",
                violation_error_message="A fee cannot be negative; leave it empty if unknown.",
            ),
            models.CheckConstraint(
                condition=Q(exam_fee_non_member__gte=0) | Q(exam_fee_non_member__isnull=True),
                name="certification_non_member_fee_not_negative",
                violation_error_message="A fee cannot be negative; leave it empty if unknown.",
            ),
            models.CheckConstraint(
                condition=Q(exam_minutes__gt=0) | Q(exam_minutes__isnull=True),
                name="certification_exam_minutes_positive",
                violation_error_message="An exam cannot last zero minutes; leave it empty if unknown.",
            ),
            models.CheckConstraint(
                condition=~Q(supersedes=models.F("pk")),
                name="certification_does_not_supersede_itself",
                violation_error_message="A certification cannot replace itself.",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("certifications:detail", args=[self.code])

    def clean(self) -> None:
        errors = {}
        for field in ("exam_fee_member", "exam_fee_non_member"):
            value = getattr(self, field)
            if value is not None and value < Decimal(0):
                errors[field] = "A fee cannot be negative; leave it empty if unknown."
        if self.exam_minutes == 0:
            errors["exam_minutes"] = "An exam cannot last zero minutes; leave it empty if unknown."
        if self.pk and self.supersedes_id == self.pk:
            errors["supersedes"] = "A certification cannot replace itself."
        if errors:
            raise ValidationError(errors)

    @property
    def exam_hours(self) -> Decimal | None:
        if self.exam_minutes is None:
            return None
        return (Decimal(self.exam_minutes) / 60).normalize()


class EligibilityRoute(models.Model):
    """One way to meet a goal: all of its requirements must hold.

    A certification may have several routes per purpose; meeting any one is
    enough. A certification with no eligibility route has no prerequisite.
    """

    class Purpose(models.TextChoices):
        ELIGIBILITY = "eligibility", _("Eligibility to sit the exam")
        RECOMMENDED = "recommended", _("Recommended preparation (not required)")
        APPRENTICE_REMOVAL = "apprentice_removal", _("Removing the apprentice designation")

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="routes", verbose_name="certification"
    )
    purpose = models.CharField("purpose", max_length=30, choices=Purpose.choices, default=Purpose.ELIGIBILITY)
    order = models.PositiveSmallIntegerField("order", default=1, help_text="Position among routes of this purpose.")
    name = models.CharField(
        "name", max_length=200, help_text="Plain words shown to users, e.g. 'CCA plus one year of coding experience'."
    )
    name_es = models.CharField("name (Spanish)", max_length=200, blank=True, help_text=SPANISH_HELP.format(what="name"))
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="source"
    )

    class Meta:
        ordering = ["certification", "purpose", "order"]
        verbose_name = "eligibility route"
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "purpose", "order"],
                name="route_order_unique_per_certification_purpose",
                violation_error_message="Two routes of the same purpose cannot share an order number.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certification}: {self.name}"


class Requirement(models.Model):
    class Kind(models.TextChoices):
        EDUCATION = "education", _("Minimum education level")
        CREDENTIAL = "credential", _("Holds one of these credentials")
        CODING_EXPERIENCE = "coding_experience", _("Months of coding experience")
        PROGRAM = "program", _("Completed a kind of program")
        ROLE_EXPERIENCE = "role_experience", _("Months working in a role")
        LICENCE = "licence", _("Holds one of these licences")

    # Which fields each kind uses; the admin form and clean() enforce it.
    FIELDS_BY_KIND = {
        Kind.EDUCATION: {"education_level"},
        Kind.CREDENTIAL: {"credentials"},
        Kind.CODING_EXPERIENCE: {"months"},
        Kind.PROGRAM: {"qualification"},
        Kind.ROLE_EXPERIENCE: {"role", "months", "must_be_current"},
        Kind.LICENCE: {"licences"},
    }

    route = models.ForeignKey(
        EligibilityRoute, on_delete=models.CASCADE, related_name="requirements", verbose_name="route"
    )
    kind = models.CharField("kind", max_length=30, choices=Kind.choices)
    education_level = models.CharField(
        "education level", max_length=20, choices=EducationLevel.choices, blank=True, help_text="For 'education'."
    )
    credentials = models.ManyToManyField(
        Certification,
        blank=True,
        related_name="required_by",
        verbose_name="credentials",
        help_text="For 'credential': holding any one of these is enough.",
    )
    months = models.PositiveSmallIntegerField(
        "months", null=True, blank=True, help_text="For coding or role experience: months of full-time work."
    )
    qualification = models.CharField(
        "program", max_length=40, choices=Qualification.choices, blank=True, help_text="For 'program'."
    )
    role = models.CharField("role", max_length=40, choices=Role.choices, blank=True, help_text="For 'role experience'.")
    must_be_current = models.BooleanField(
        "must currently work in the role", default=False, help_text="For 'role experience' (e.g. CCDS)."
    )
    licences = ChoiceListField(
        "licences", item_choices=Licence.choices, help_text="For 'licence': holding any one of these is enough."
    )
    note = models.CharField(
        "note", max_length=300, blank=True, help_text="Detail shown to users, e.g. 'in an allied-health field'."
    )
    proof = models.CharField(
        "proof to send",
        max_length=300,
        blank=True,
        help_text="For apprentice removal: what the body wants as proof, e.g. 'employer letters on company "
        "letterhead, signed and dated'.",
    )

    class Meta:
        ordering = ["route", "pk"]
        verbose_name = "requirement"
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=["coding_experience", "role_experience"]) | Q(months__gt=0),
                name="requirement_experience_months_positive",
                violation_error_message="An experience requirement needs at least one month.",
            ),
        ]

    def __str__(self) -> str:
        return self.describe()

    def clean(self) -> None:
        if not self.kind:
            return
        missing = {
            "education_level": self.kind == self.Kind.EDUCATION and not self.education_level,
            "months": self.kind in (self.Kind.CODING_EXPERIENCE, self.Kind.ROLE_EXPERIENCE) and not self.months,
            "qualification": self.kind == self.Kind.PROGRAM and not self.qualification,
            "role": self.kind == self.Kind.ROLE_EXPERIENCE and not self.role,
            "licences": self.kind == self.Kind.LICENCE and not self.licences,
        }
        errors = {
            field: "Required for this kind of requirement." for field, is_missing in missing.items() if is_missing
        }
        if errors:
            raise ValidationError(errors)

    def describe(self, credential_codes: list[str] | None = None) -> str:
        """Plain words for this requirement.

        Reads self.credentials (one query) unless credential_codes is given;
        list pages pass the prefetched codes.
        """
        kind = self.Kind
        if self.kind == kind.EDUCATION:
            text = gettext("Education: %(level)s") % {"level": EducationLevel(self.education_level).label}
        elif self.kind == kind.CREDENTIAL:
            codes = credential_codes if credential_codes is not None else [c.code for c in self.credentials.all()]
            text = gettext("Holds %(credentials)s") % {"credentials": _one_of(codes)}
        elif self.kind == kind.CODING_EXPERIENCE:
            text = gettext("%(months)s of coding experience") % {"months": _months(self.months)}
        elif self.kind == kind.PROGRAM:
            text = gettext("Completed: %(program)s") % {"program": Qualification(self.qualification).label}
        elif self.kind == kind.ROLE_EXPERIENCE:
            values = {"months": _months(self.months), "role": Role(self.role).label}
            if self.must_be_current:
                text = gettext("%(months)s as a %(role)s, and currently working in that role") % values
            else:
                text = gettext("%(months)s as a %(role)s") % values
        else:
            text = gettext("Licence: %(licences)s") % {
                "licences": _one_of([str(Licence(value).label) for value in self.licences])
            }
        return f"{text} ({self.note})" if self.note else text


def _one_of(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items) or gettext("(no credential chosen)")
    return gettext("%(items)s or %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _months(months: int | None) -> str:
    if months and months % 12 == 0:
        years = months // 12
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    count = months or 0
    return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}


class CeuMinimum(models.Model):
    """CEUs of one category that must be inside a certification's total."""

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="ceu_minimums", verbose_name="certification"
    )
    category = models.CharField("category", max_length=20, choices=CeuCategory.choices)
    ceus = models.PositiveSmallIntegerField("CEUs", help_text="e.g. 16 auditing CEUs for CPMA.")

    class Meta:
        ordering = ["certification", "category"]
        verbose_name = "CEU category minimum"
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "category"],
                name="ceu_minimum_unique_category",
                violation_error_message="This certification already has a minimum for that category.",
            ),
            models.CheckConstraint(
                condition=Q(ceus__gt=0),
                name="ceu_minimum_positive",
                violation_error_message="A CEU minimum must be at least 1.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certification}: {self.ceus} {self.get_category_display().lower()} CEUs"


class CertificationKnowledge(models.Model):
    """An area of knowledge a certification's body expects of a candidate, in the body's words."""

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="knowledge", verbose_name="certification"
    )
    area = models.ForeignKey(
        KnowledgeArea, on_delete=models.PROTECT, related_name="expected_by", verbose_name="knowledge area"
    )
    required = models.BooleanField(
        "required",
        default=False,
        help_text="Tick only when the body requires it to sit the exam; otherwise plans say 'recommended, not "
        "required'.",
    )
    words = models.CharField(
        "the body's words",
        max_length=300,
        help_text="What the body says about it, quoted or closely paraphrased, e.g. 'AAPC expects a high-level "
        "knowledge of medical terminology'.",
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+", verbose_name="source")

    class Meta:
        ordering = ["certification", "area__order", "area__code"]
        verbose_name = "expected knowledge"
        verbose_name_plural = "expected knowledge"
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "area"],
                name="certification_knowledge_once_per_area",
                violation_error_message="This certification already lists that knowledge area.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certification}: {self.area}"


class TrainingProgram(models.Model):
    class Kind(models.TextChoices):
        HIGH_SCHOOL_EQUIVALENCY = "high_school_equivalency", _("High-school equivalency (GED/HiSET)")
        COURSE = "course", _("Course")
        CERTIFICATE = "certificate", _("Certificate")
        ASSOCIATE_DEGREE = "associate_degree", _("Associate degree")
        BACHELOR_DEGREE = "bachelor_degree", _("Bachelor's degree")
        POST_BACCALAUREATE = "post_baccalaureate", _("Post-baccalaureate certificate")
        MASTER_DEGREE = "master_degree", _("Master's degree")
        PRACTICE_PLATFORM = "practice_platform", _("Practice platform")

    class Delivery(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")
        VARIES = "varies", _("Varies by school")

    class Approval(models.TextChoices):
        NONE = "", _("None")
        CAHIIM = "cahiim", _("CAHIIM-accredited")
        AHIMA_PCAP = "ahima_pcap", _("AHIMA PCAP-approved")
        AAPC = "aapc", _("AAPC (own or approved provider)")

    name = models.CharField("name", max_length=200, help_text="e.g. 'CPC preparation course (80 contact hours)'.")
    slug = models.SlugField("slug", max_length=80, unique=True, help_text="Stable identifier used by the seed file.")
    provider = models.CharField(
        "provider", max_length=200, help_text="Who runs it, or e.g. 'Any CAHIIM-accredited college' for a kind."
    )
    kind = models.CharField("kind", max_length=30, choices=Kind.choices)
    delivery = models.CharField("delivery", max_length=20, choices=Delivery.choices, default=Delivery.VARIES)
    description = models.TextField("description", blank=True)
    description_es = models.TextField(
        "description (Spanish)", blank=True, help_text=SPANISH_HELP.format(what="description")
    )
    url = models.URLField("web page", max_length=500, blank=True)
    contact_hours = models.PositiveSmallIntegerField(
        "contact hours", null=True, blank=True, help_text="Hours of instruction. Empty when unknown."
    )
    duration_months = models.PositiveSmallIntegerField(
        "typical duration (months)",
        null=True,
        blank=True,
        help_text="Calendar months a full course of study takes (degrees). Empty when unknown.",
    )
    cost = money_field("cost (USD)", help_text="Total tuition or price. Empty when unknown.")
    approval = models.CharField(
        "approval / accreditation", max_length=20, choices=Approval.choices, blank=True, default=Approval.NONE
    )
    qualifications = ChoiceListField(
        "gives the qualifications",
        item_choices=Qualification.choices,
        help_text="What completing it counts as, for eligibility and apprentice-removal requirements.",
    )
    awards_education_level = models.CharField(
        "awards education level",
        max_length=20,
        choices=EducationLevel.choices,
        blank=True,
        help_text="For degrees and high-school equivalency: the education level a graduate holds.",
    )
    admission_education_level = models.CharField(
        "admission requires",
        max_length=20,
        choices=EducationLevel.choices,
        blank=True,
        help_text="Minimum education level to enrol, e.g. a high-school diploma.",
    )
    prepares_for = models.ManyToManyField(
        Certification,
        blank=True,
        related_name="programs",
        verbose_name="prepares for",
        help_text="Certifications whose exam it prepares for.",
    )
    covers = models.ManyToManyField(
        KnowledgeArea,
        blank=True,
        related_name="programs",
        verbose_name="teaches",
        help_text="Knowledge areas a graduate has studied: plans add no separate step for these.",
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    verified_on = models.DateField("verified on", null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "training program"
        constraints = [
            models.CheckConstraint(
                condition=Q(cost__gte=0) | Q(cost__isnull=True),
                name="program_cost_not_negative",
                violation_error_message="A cost cannot be negative; leave it empty if unknown.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.cost is not None and self.cost < 0:
            raise ValidationError({"cost": "A cost cannot be negative; leave it empty if unknown."})


class StepTemplate(EffortRange):
    """A step every plan for a certification contains, in the exam or maintenance phase.

    Effort is a range of hours with its source or, without one, our stated
    reasoning (used to date a plan); costs are provider figures and carry a source.
    """

    class Phase(models.TextChoices):
        EXAM = "exam", _("Exam")
        MAINTENANCE = "maintenance", _("Maintenance (CEUs)")

    class CostFrom(models.TextChoices):
        OWN = "", "The cost field of this step (empty: unknown)"
        NONE = "none", "No cost of its own"
        EXAM_FEE = "exam_fee", "The certification's exam fee"
        MEMBERSHIP_FEE = "membership_fee", "The body's membership fee"
        RECERTIFICATION_FEE = "recertification_fee", "The body's recertification fee"

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="step_templates", verbose_name="certification"
    )
    phase = models.CharField("phase", max_length=20, choices=Phase.choices)
    order = models.PositiveSmallIntegerField(
        "order", help_text="Position of the step in the plan; unique per certification."
    )
    title = models.CharField("title", max_length=200)
    title_es = models.CharField(
        "title (Spanish)", max_length=200, blank=True, help_text=SPANISH_HELP.format(what="title")
    )
    description = models.TextField("why this step", help_text="Shown as 'why is this here?' on the roadmap.")
    description_es = models.TextField(
        "why this step (Spanish)", blank=True, help_text=SPANISH_HELP.format(what="'why this step' text")
    )
    cost_from = models.CharField(
        "cost comes from",
        max_length=20,
        choices=CostFrom.choices,
        blank=True,
        default=CostFrom.OWN,
        help_text="Take the cost from the catalogue so a fee is edited in one place.",
    )
    cost = money_field("cost (USD)", help_text="Only when 'cost comes from' is this step. Empty when unknown.")

    class Meta(EffortRange.Meta):
        ordering = ["certification", "order"]
        verbose_name = "step template"
        constraints = [
            *EffortRange.Meta.constraints,
            models.UniqueConstraint(
                fields=["certification", "order"],
                name="step_template_order_unique",
                violation_error_message="Another step of this certification already has that order number.",
            ),
            models.CheckConstraint(
                condition=Q(cost__gte=0) | Q(cost__isnull=True),
                name="step_template_cost_not_negative",
                violation_error_message="A cost cannot be negative; leave it empty if unknown.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certification} #{self.order}: {self.title}"

    def clean(self) -> None:
        if self.cost is not None and self.cost < 0:
            raise ValidationError({"cost": "A cost cannot be negative; leave it empty if unknown."})
        errors = self.effort_errors()
        if self.cost is not None and self.cost_from:
            errors["cost"] = "Leave the cost empty when it comes from the catalogue."
        if errors:
            raise ValidationError(errors)


class ResourceLink(models.Model):
    step_template = models.ForeignKey(
        StepTemplate, on_delete=models.CASCADE, related_name="resources", verbose_name="step template"
    )
    label = models.CharField("label", max_length=200)
    url = models.URLField("URL", max_length=500)

    class Meta:
        ordering = ["step_template", "pk"]
        verbose_name = "resource link"

    def __str__(self) -> str:
        return self.label


class CatalogueVersion(models.Model):
    """A number that goes up whenever the catalogue changes: admin saves and deletes, and the seed loader.

    Saved roadmaps remember the version they were planned with, so a page can tell
    cheaply whether the catalogue may have changed under them.
    """

    number = models.PositiveIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "catalogue version"

    def __str__(self) -> str:
        return f"Catalogue version {self.number}"

    @classmethod
    def current(cls) -> int:
        """The version now (one query); 0 before anything was ever changed.

        Read on every catalogue page and signed-in page, so in plain SQL: the ORM's query building cost
        more than the query itself.
        """
        with connections[router.db_for_read(cls)].cursor() as cursor:
            cursor.execute(f"SELECT number FROM {cls._meta.db_table} WHERE id = 1")
            row = cursor.fetchone()
        return int(row[0]) if row else 0

    @classmethod
    def bump(cls) -> None:
        """Count one more change (one or two queries)."""
        if not cls.objects.filter(pk=1).update(number=models.F("number") + 1):
            cls.objects.get_or_create(pk=1, defaults={"number": 1})


class SeedState(models.Model):
    """What the seed loader last wrote for one catalogue record.

    The loader compares a record's current values with what it wrote to tell
    an admin's edit (left alone) from an untouched seeded record.
    """

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=100)
    written = models.JSONField(default=dict, help_text="The record as the loader last wrote it, in seed shape.")
    applied_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "seed state"
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="seed_state_unique_record")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"
