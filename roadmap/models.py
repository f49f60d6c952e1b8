"""A person's situation, and the roadmaps they save and follow.

A saved roadmap keeps its own copy of every step's text and figures: editing
or deleting catalogue data never changes or deletes a saved roadmap, its
statuses, notes or dates. Foreign keys to the catalogue are conveniences
(SET_NULL), never the source of a saved step's content.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from certifications.choices import CeuCategory, EducationLevel, Licence, Qualification, Role
from certifications.fields import ChoiceListField
from certifications.models import Certification, CertifyingBody, KnowledgeArea, WorkSetting
from roadmap import planner

MAX_HOURS_PER_WEEK = 80
# "en" for "en-us": a language of settings.LANGUAGES.
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE.split("-")[0]
# A shared roadmap's "last opened" is written at most this often (RoadmapShare.record_open).
SHARE_OPEN_RESOLUTION = timedelta(minutes=1)
# What CareerProfile.as_planner_profile() reads beyond the profile's own columns
# (PLANNER_PROFILE_PREFETCH follows HeldCredential, which it names).
PLANNER_PROFILE_SELECT = ("coding_setting", "preferred_setting")


def private_storage() -> Storage:
    """Where CEU certificates are kept: the "private" entry of settings.STORAGES.

    Private: never served as media, only streamed to their owner by a view
    (roadmap.keeping.views.ceu_certificate). A local folder by default, a private
    S3 bucket for several instances. The field names this function, not the
    storage, so a migration does not record where one machine keeps the files.
    """
    return storages["private"]


def supported_language(code: str | None) -> str:
    """`code` as CareerProfile.language keeps it: a language of settings.LANGUAGES ("es" for "es-mx"), else the
    default language."""
    try:
        return translation.get_supported_language_variant(code or DEFAULT_LANGUAGE)
    except LookupError:
        return DEFAULT_LANGUAGE


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CareerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="career_profile", verbose_name=_("user")
    )
    education = models.CharField(
        _("highest education"),
        max_length=20,
        choices=EducationLevel.choices,
        default=EducationLevel.HIGH_SCHOOL,
    )
    completed_training = ChoiceListField(
        _("coding training completed"),
        item_choices=Qualification.choices,
        help_text=_("Tick every kind of program you have finished."),
    )
    studied_areas = models.ManyToManyField(
        KnowledgeArea,
        blank=True,
        related_name="+",
        verbose_name=_("already studied"),
        help_text=_("Tick what you have studied in a course or use at work: plans add no study step for it."),
    )
    training_contact_hours = models.PositiveIntegerField(
        _("contact hours of coding training"),
        default=0,
        help_text=_("Total hours of instruction in coding courses you have finished (0 if none)."),
    )
    coding_months = models.PositiveIntegerField(
        _("months of coding experience"),
        default=0,
        help_text=_("Full-time months spent assigning codes (CPT, ICD-10, HCPCS) at work. Externships count."),
    )
    coding_setting = models.ForeignKey(
        WorkSetting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("setting of that experience"),
    )
    currently_coding = models.BooleanField(_("I work as a coder now"), default=False)
    other_role = models.CharField(
        _("other role"),
        max_length=40,
        choices=Role.choices,
        blank=True,
        help_text=_("A non-coding role some credentials ask for."),
    )
    other_role_months = models.PositiveIntegerField(_("months in that role"), default=0)
    currently_in_other_role = models.BooleanField(_("I work in that role now"), default=False)
    licences = ChoiceListField(_("licences"), item_choices=Licence.choices)
    preferred_setting = models.ForeignKey(
        WorkSetting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("preferred work setting"),
        help_text=_("Leave empty if any setting would do."),
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours a week for study"),
        default=10,
        help_text=format_lazy(_("Between 1 and {maximum}."), maximum=MAX_HOURS_PER_WEEK),
    )
    budget = models.DecimalField(
        _("budget (USD)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty for no set limit."),
    )
    start_date = models.DateField(_("start date"), help_text=_("When you can start."))
    target_date = models.DateField(
        _("target date"), null=True, blank=True, help_text=_("Optional: when you want to be certified.")
    )
    reminders_enabled = models.BooleanField(
        _("e-mail me reminders"), default=True, help_text=_("Steps falling due, CEU deadlines and membership renewals.")
    )
    # Reminder e-mails and the calendar feed have no request to take a language from: the last one the
    # person chose (the language switcher, or the language of the page they saved their profile on).
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=DEFAULT_LANGUAGE,
        help_text=_("The language of reminder e-mails and the calendar feed."),
    )
    calendar_token = models.CharField(
        max_length=64,
        unique=True,
        default=new_calendar_token,
        editable=False,
        help_text=_("Secret part of the private calendar feed address; regenerating it kills the old address."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("career profile")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=1) & Q(hours_per_week__lte=MAX_HOURS_PER_WEEK),
                name="profile_hours_per_week_in_range",
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0) | Q(budget__isnull=True), name="profile_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(target_date__isnull=True) | Q(target_date__gte=models.F("start_date")),
                name="profile_target_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    def get_absolute_url(self) -> str:
        return reverse("profile")

    def regenerate_calendar_token(self) -> None:
        """A new secret feed address; the old one stops working at once."""
        self.calendar_token = new_calendar_token()
        self.save(update_fields=["calendar_token", "updated_at"])

    def as_planner_profile(self) -> planner.Profile:
        """The planner's view of this profile.

        Reads the held credentials, the areas studied and both settings: select and prefetch them
        (PLANNER_PROFILE_SELECT, PLANNER_PROFILE_PREFETCH) when it runs in a view.
        """
        return planner.Profile(
            education=self.education,
            qualifications=frozenset(self.completed_training),
            training_contact_hours=self.training_contact_hours,
            coding_months=self.coding_months,
            coding_setting=self.coding_setting.code if self.coding_setting else "",
            currently_coding=self.currently_coding,
            role=self.other_role,
            role_months=self.other_role_months,
            currently_in_role=self.currently_in_other_role,
            licences=frozenset(self.licences),
            credentials=tuple(
                planner.HeldCredential(held.certification.code, held.earned_on)
                for held in sorted(self.credentials.all(), key=lambda held: held.certification.code)
            ),
            studied=frozenset(area.code for area in self.studied_areas.all()),
            preferred_setting=self.preferred_setting.code if self.preferred_setting else "",
            hours_per_week=self.hours_per_week,
            budget=self.budget,
            start_date=self.start_date,
            target_date=self.target_date,
        )


class HeldCredential(models.Model):
    profile = models.ForeignKey(CareerProfile, on_delete=models.CASCADE, related_name="credentials")
    # PROTECT: a credential someone holds cannot vanish from the catalogue under them;
    # the admin is told which users hold it and can retire it (is_active) instead.
    certification = models.ForeignKey(Certification, on_delete=models.PROTECT, related_name="holders")
    earned_on = models.DateField(_("date earned"))
    apprentice = models.BooleanField(
        _("holds the apprentice designation"),
        default=False,
        help_text=_("e.g. CPC-A: passed without the experience yet."),
    )
    source_step = models.ForeignKey(
        "RoadmapStep",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The exam step whose completion added this credential; undoing the step removes it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["certification__code"]
        verbose_name = _("held credential")
        constraints = [
            models.UniqueConstraint(fields=["profile", "certification"], name="held_credential_once_per_profile"),
        ]

    def __str__(self) -> str:
        return f"{self.certification} ({self.earned_on:%Y-%m-%d})"


# One query for the credentials with their certifications, one for the areas studied, however many there are.
PLANNER_PROFILE_PREFETCH = (
    models.Prefetch("credentials", HeldCredential.objects.select_related("certification")),
    "studied_areas",
)


class Roadmap(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roadmaps")
    certification = models.ForeignKey(
        Certification,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Link to the catalogue; the roadmap keeps its own copy of everything it shows."),
    )
    certification_code = models.CharField(_("certification"), max_length=20)
    certification_name = models.CharField(max_length=200)
    is_active = models.BooleanField(_("active"), default=False)
    save_token = models.UUIDField(
        null=True, blank=True, editable=False, help_text=_("From the save form: a double submit saves only once.")
    )
    start_date = models.DateField()
    hours_per_week = models.PositiveSmallIntegerField()
    credential_on = models.DateField(_("projected credential date"), null=True, blank=True)
    apprentice = models.CharField(_("apprentice designation on passing"), max_length=20, blank=True)
    credential_earliest = models.DateField(_("earliest credential date"), null=True, blank=True)
    credential_latest = models.DateField(_("latest credential date"), null=True, blank=True)
    saved_credential_on = models.DateField(
        _("credential date when saved"),
        null=True,
        blank=True,
        help_text=_(
            "The projected credential date when the plan was saved or last re-planned: the baseline that "
            "'ahead of' or 'behind' the plan is measured against."
        ),
    )
    scheduled_on = models.DateField(
        null=True,
        blank=True,
        help_text=_("The day the steps' dates were last worked out (roadmap.services.reschedule)."),
    )
    planned_from = models.JSONField(
        default=dict, blank=True, help_text=_("The profile the plan was made from, to tell when it has changed since.")
    )
    catalogue_version = models.PositiveIntegerField(
        default=0, help_text=_("The catalogue version (CatalogueVersion) the plan was made, or last checked, with.")
    )
    # Likely figures are the middle of ranges in tenths of an hour, so they need hundredths (86.25):
    # rounding them would round differently on SQLite and PostgreSQL.
    total_hours = models.DecimalField(_("likely hours"), max_digits=9, decimal_places=2, default=Decimal(0))
    total_hours_low = models.DecimalField(_("fewest hours"), max_digits=8, decimal_places=1, default=Decimal(0))
    total_hours_high = models.DecimalField(_("most hours"), max_digits=8, decimal_places=1, default=Decimal(0))
    known_cost = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal(0))
    # Copies of the plan's explanations, as plain JSON (see roadmap.plans.services.plan_record).
    routes = models.JSONField(default=list)
    knowledge = models.JSONField(
        default=list, help_text=_("What the exam expects: known already (and why) or studied.")
    )
    ceus = models.JSONField(default=list)
    notes = models.JSONField(default=list)
    unknown_costs = models.JSONField(default=list)
    target = models.JSONField(null=True, blank=True)
    last_replan = models.JSONField(
        null=True, blank=True, help_text=_("What changed at the last re-plan: shown once on the roadmap page.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_active", "-created_at"]
        verbose_name = _("roadmap")
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=Q(is_active=True), name="one_active_roadmap_per_user"),
            models.UniqueConstraint(fields=["user", "save_token"], name="roadmap_saved_once_per_token"),
            models.CheckConstraint(condition=Q(hours_per_week__gte=1), name="roadmap_hours_per_week_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.certification_code} roadmap of {self.user}"

    def get_absolute_url(self) -> str:
        return reverse("roadmap:detail", args=[self.pk])


def new_share_token() -> str:
    return secrets.token_urlsafe(32)


class RoadmapShare(models.Model):
    """A read-only address for one roadmap, for anyone its owner gives it to (a mentor, an employer).

    One live address per roadmap. Stopping sharing deletes the row, so the old address is a 404 at
    once; a new address replaces the token in place. The shared page (roadmap.plans.share_views.shared_roadmap)
    shows the plan, its statuses, progress and timeline: never the profile, the owner's account, their
    CEU certificates, nor their notes unless `include_notes` is ticked.
    """

    roadmap = models.OneToOneField(Roadmap, on_delete=models.CASCADE, related_name="share", verbose_name=_("roadmap"))
    token = models.CharField(
        max_length=64,
        unique=True,
        default=new_share_token,
        editable=False,
        help_text=_("Secret part of the shared page's address; a new one kills the old address."),
    )
    include_notes = models.BooleanField(
        _("include my notes"),
        default=False,
        help_text=_("Whether the shared page shows the owner's notes on the steps."),
    )
    # Not auto_now_add: a new address starts a new link, shown from when it was made.
    created_at = models.DateTimeField(_("shared since"), default=timezone.now, editable=False)
    last_opened_at = models.DateTimeField(
        _("last opened"), null=True, blank=True, editable=False, help_text=_("Recorded at most once a minute.")
    )

    class Meta:
        verbose_name = _("roadmap share")

    def __str__(self) -> str:
        return f"Shared {self.roadmap}"

    def get_absolute_url(self) -> str:
        return reverse("roadmap:shared", args=[self.token])

    def renew(self) -> None:
        """A new secret address; the old one stops working at once and the new one has never been opened."""
        self.token = new_share_token()
        self.created_at = timezone.now()
        self.last_opened_at = None
        self.save(update_fields=["token", "created_at", "last_opened_at"])

    def record_open(self, now: datetime) -> None:
        """Note that the shared page was opened: one UPDATE, at most once a minute.

        A link posted somewhere busy must not write a row on every view; the owner is told the time to the minute.
        """
        if self.last_opened_at is not None and now - self.last_opened_at < SHARE_OPEN_RESOLUTION:
            return
        self.last_opened_at = now
        self.save(update_fields=["last_opened_at"])


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Skipped")


# A step with one of these needs no more work: no reminder, no calendar event.
FINISHED = (StepStatus.DONE, StepStatus.SKIPPED)


class RoadmapStep(models.Model):
    Status = StepStatus

    class Phase(models.TextChoices):
        EDUCATION = planner.PHASE_EDUCATION, _("Education")
        EXPERIENCE = planner.PHASE_EXPERIENCE, _("Experience")
        EXAM = planner.PHASE_EXAM, _("Exam")
        MAINTENANCE = planner.PHASE_MAINTENANCE, _("Maintenance (CEUs)")

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="steps")
    key = models.CharField(max_length=100, help_text=_("Stable id from the planner; a re-plan matches steps by it."))
    position = models.PositiveSmallIntegerField()
    phase = models.CharField(max_length=20, choices=Phase.choices)
    title = models.CharField(max_length=300)
    why = models.TextField()
    track = models.CharField(max_length=20)
    effort_hours = models.DecimalField(
        _("likely effort (hours)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Used for dates."),
    )
    effort_low_hours = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    effort_high_hours = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    effort_basis = models.TextField(blank=True, help_text=_("The source's words, or our reasoning for an estimate."))
    effort_source_url = models.URLField(max_length=500, blank=True, help_text=_("Empty: the effort is our estimate."))
    effort_source_title = models.CharField(max_length=200, blank=True)
    months = models.PositiveSmallIntegerField(null=True, blank=True)
    unknown_duration = models.BooleanField(default=False)
    cost = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True, help_text=_("Empty: unknown."))
    required = models.BooleanField(default=True)
    depends_on = models.JSONField(default=list)
    resources = models.JSONField(default=list)
    earns = models.CharField(max_length=20, blank=True, help_text=_("Credential earned when this step is done."))
    removes_apprentice = models.CharField(
        max_length=20, blank=True, help_text=_("Credential whose apprentice designation is removed when this is done.")
    )
    # The schedule every page, the calendar feed and the reminders read (roadmap.plans.services.reschedule).
    planned_start = models.DateField(null=True, blank=True)
    planned_finish = models.DateField(null=True, blank=True)
    earliest_finish = models.DateField(
        null=True, blank=True, help_text=_("If every study step takes its fewest hours.")
    )
    latest_finish = models.DateField(null=True, blank=True, help_text=_("If every study step takes its most hours."))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    previous_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    note = models.TextField(_("your note"), blank=True, max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # roadmap_id, not roadmap: ordering by the relation would join the roadmap table to use its ordering.
        ordering = ["roadmap_id", "position"]
        verbose_name = _("roadmap step")
        indexes = [
            # The daily reminders and the calendar feed read only unfinished steps by their planned finish:
            # a small index, not a scan of every step (most steps of an old plan are done).
            models.Index(fields=["planned_finish"], condition=~Q(status__in=FINISHED), name="roadmap_step_open_due"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "key"], name="roadmap_step_key_unique"),
            models.UniqueConstraint(fields=["roadmap", "position"], name="roadmap_step_position_unique"),
            models.CheckConstraint(
                condition=Q(status="done") | Q(completed_on__isnull=True), name="roadmap_step_completed_only_when_done"
            ),
            models.CheckConstraint(
                condition=Q(cost__gte=0) | Q(cost__isnull=True), name="roadmap_step_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.SKIPPED)

    def timing(self) -> planner.Timing:
        return planner.Timing(
            key=self.key,
            track=self.track,
            effort_hours=self.effort_hours,
            months=self.months,
            unknown_duration=self.unknown_duration,
            depends_on=tuple(self.depends_on),
            done_on=self.completed_on if self.status == self.Status.DONE else None,
            skipped=self.status == self.Status.SKIPPED,
            effort_low=self.effort_low_hours,
            effort_high=self.effort_high_hours,
        )

    def resource_links(self) -> list[dict[str, Any]]:
        return [link for link in self.resources if isinstance(link, dict)]

    def is_overdue(self, today: date) -> bool:
        return not self.is_finished and self.planned_finish is not None and self.planned_finish < today


# ------------------------------------------------------- keeping credentials

MAX_CEUS_PER_ACTIVITY = Decimal(40)
CERTIFICATE_MAX_BYTES = 5 * 1024 * 1024
# Every certificate is stored under this folder of private storage (remove_orphaned_certificates looks only here).
CERTIFICATES_FOLDER = "ceu-certificates"


def _certificate_path(activity: CeuActivity, filename: str) -> str:
    # A random name: nothing about the user or the file leaks through the path.
    suffix = PurePath(filename).suffix.lower()
    return f"{CERTIFICATES_FOLDER}/{activity.profile_id}/{secrets.token_hex(16)}{suffix}"


class Membership(models.Model):
    """A yearly membership with a certifying body, and when it next renews."""

    profile = models.ForeignKey(CareerProfile, on_delete=models.CASCADE, related_name="memberships")
    body = models.ForeignKey(CertifyingBody, on_delete=models.PROTECT, related_name="+")
    renews_on = models.DateField(
        _("renews on"), help_text=_("The next renewal date shown in your account with the body.")
    )

    class Meta:
        ordering = ["body__abbreviation"]
        constraints = [models.UniqueConstraint(fields=["profile", "body"], name="membership_once_per_body")]

    def __str__(self) -> str:
        return f"{self.body} membership, renews {self.renews_on:%Y-%m-%d}"


class CeuActivity(models.Model):
    """A continuing-education activity a user logged, counted toward some of their credentials."""

    profile = models.ForeignKey(CareerProfile, on_delete=models.CASCADE, related_name="ceu_activities")
    completed_on = models.DateField(_("date completed"))
    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    ceus = models.DecimalField(_("CEUs"), max_digits=5, decimal_places=2)
    category = models.CharField(_("category"), max_length=20, choices=CeuCategory.choices, default=CeuCategory.GENERAL)
    credentials = models.ManyToManyField(
        HeldCredential, related_name="ceu_activities", verbose_name=_("counts toward"), blank=False
    )
    certificate = models.FileField(
        _("certificate"), upload_to=_certificate_path, storage=private_storage, blank=True, max_length=200
    )
    save_token = models.UUIDField(
        null=True, blank=True, editable=False, help_text=_("From the add form: a double submit logs the activity once.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-completed_on", "-pk"]
        verbose_name = _("CEU activity")
        verbose_name_plural = _("CEU activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(ceus__gt=0) & Q(ceus__lte=MAX_CEUS_PER_ACTIVITY), name="ceu_activity_ceus_in_range"
            ),
            models.UniqueConstraint(fields=["profile", "save_token"], name="ceu_activity_logged_once_per_token"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.ceus} CEUs, {self.completed_on:%Y-%m-%d})"


class ReminderLog(models.Model):
    """One row per reminder e-mail sent: the reminder command never sends the same event twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200, help_text=_("The event, e.g. 'ceu-90:AHIMA:2027-03-14'."))
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="reminder_once_per_event")]

    def __str__(self) -> str:
        return f"{self.key} to {self.user}"


class PageVersion(models.Model):
    """A number that goes up whenever a person's own data may have changed.

    Their rendered pages are kept under it (roadmap.page_cache): a change makes the next visit render
    afresh. Every person has one, made with them (a migration made those of the people before it).
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+")
    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Pages of user {self.user_id}, version {self.number}"
