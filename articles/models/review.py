"""Clinical review: who the reviewers are, the workflow task they approve, and what an article
records of its reviews (who, when, when the next one is due).

The reviewer and the date are never typed by hand: approving the "Clinical review" task writes
them into the revision under review, so they go live with it when an editor publishes that
revision (docs/articles.md, "Clinical review").
"""

import calendar
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Task, TaskState
from wagtail.search import index

from home.groups import CLINICAL_REVIEWERS
from home.models import SiteSettings
from therapists.models import TherapistIndexPage
from therapists.states import STATES

# How soon before its due date an article counts as "due" in the report and the reminders.
DUE_SOON_DAYS = 30


def add_months(day, months):
    """The same day `months` later, or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class ClinicalReviewer(index.Indexed, models.Model):
    """A credentialed person who may approve the clinical review of articles."""

    user = models.OneToOneField(
        "auth.User",
        on_delete=models.CASCADE,
        related_name="clinical_reviewer",
        help_text="The admin account they approve with; it must be in the "
        f"“{CLINICAL_REVIEWERS}” group.",
    )
    name = models.CharField(max_length=120)
    credentials = models.CharField(max_length=120, help_text="e.g. PhD, LCSW, MD")
    license_type = models.CharField(
        max_length=120, help_text="e.g. Licensed Clinical Social Worker, Psychologist"
    )
    license_number = models.CharField(max_length=40)
    license_state = models.CharField(max_length=2, choices=STATES)
    author = models.ForeignKey(
        "articles.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Their author page, if they write for the site.",
    )
    therapist_profile = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Their profile in the therapist directory, if they have one.",
    )
    active = models.BooleanField(
        default=True, help_text="Untick when they stop reviewing; past reviews keep their name."
    )

    panels = [
        FieldPanel("user"),
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("license_type"),
        FieldPanel("license_number"),
        FieldPanel("license_state"),
        FieldPanel("author"),
        PageChooserPanel("therapist_profile"),
        FieldPanel("active"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    def __str__(self):
        return f"{self.name}, {self.credentials}"

    def clean(self):
        super().clean()
        errors = {}
        if not self.author_id and not self.therapist_profile_id:
            # Readers follow the byline's link to see who checked the article.
            errors["author"] = "Choose their author page or their directory profile (or both)."
        if self.therapist_profile_id and not (
            TherapistIndexPage.objects.ancestor_of(self.therapist_profile).exists()
        ):
            errors["therapist_profile"] = "Choose a profile page from the therapist directory."
        if errors:
            raise ValidationError(errors)

    class Meta:
        ordering = ["name"]


def reviewer_for(user):
    """The active reviewer record of a user in the Clinical reviewers group, else None."""
    if not user or not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_clinical_reviewer", {})
    if "record" not in cache:
        cache["record"] = ClinicalReviewer.objects.filter(
            user=user, active=True, user__groups__name=CLINICAL_REVIEWERS
        ).first()
    return cache["record"]


def record_review(page, reviewer, today=None):
    """Write the reviewer (None for a waived review) and today's date into the page's latest
    revision, which the next task starts from and the editor publishes."""
    revision = page.get_latest_revision()
    revision.content["reviewed_by"] = reviewer.pk if reviewer else None
    revision.content["last_reviewed"] = (today or timezone.localdate()).isoformat()
    revision.save(update_fields=["content"])


def wrote(reviewer, page):
    """Whether the reviewer is one of the article's authors (in its latest revision): a clinician
    never reviews their own article (the editorial policy says so)."""
    if reviewer is None or reviewer.author_id is None:
        return False
    revision = page.get_latest_revision()
    if revision is None:
        return page.specific.authors.filter(pk=reviewer.author_id).exists()
    # The revision names its authors by pk: no need to rebuild the page from it (this runs for
    # every article in the reviewer's task lists).
    return reviewer.author_id in revision.content.get("authors", [])


class ClinicalReviewTask(Task):
    """Approved by a credentialed reviewer; skipped (and recorded as an editorial review) for an
    article whose clinical review an editor waived."""

    def start(self, workflow_state, user=None):
        article = workflow_state.content_object.get_latest_revision_as_object()
        if getattr(article, "clinical_review_required", True):
            return super().start(workflow_state, user=user)
        record_review(workflow_state.content_object, None)
        return TaskState.objects.create(
            workflow_state=workflow_state,
            task=self,
            revision=workflow_state.content_object.get_latest_revision(),
            status=TaskState.STATUS_SKIPPED,
            finished_at=timezone.now(),
            finished_by=user,
            comment=f"Waived: {article.clinical_review_waiver}",
        )

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            reviewer = reviewer_for(user)
            if reviewer is None:
                raise PermissionDenied("Only a clinical reviewer can approve this step.")
            if wrote(reviewer, task_state.workflow_state.content_object):
                raise PermissionDenied("You wrote this article: another reviewer approves it.")
            record_review(task_state.workflow_state.content_object, reviewer)
        return super().on_action(task_state, user, action_name, **kwargs)

    def user_can_access_editor(self, obj, user):
        return reviewer_for(user) is not None

    def locked_for_user(self, obj, user):
        return not (user.is_superuser or reviewer_for(user) is not None)

    def user_can_lock(self, obj, user):
        return reviewer_for(user) is not None

    def get_actions(self, obj, user):
        reviewer = reviewer_for(user)
        if reviewer is None or wrote(reviewer, obj):
            return []
        return [
            ("reject", "Request changes", True),
            ("approve", "Approve", False),
            ("approve", "Approve with comment", True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if reviewer_for(user) is None:
            return TaskState.objects.none()
        return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)

    @classmethod
    def get_description(cls):
        return (
            "Members of the Clinical reviewers group with a reviewer record approve it; "
            "skipped for articles whose clinical review an editor waived"
        )

    class Meta:
        verbose_name = "Clinical review task"


class ReviewFields(models.Model):
    """What an article records of its reviews; ArticlePage inherits it."""

    clinical_review_required = models.BooleanField(
        "needs clinical review",
        default=True,
        help_text="Untick only with a reason below: the article then skips the clinical "
        "review step.",
    )
    clinical_review_waiver = models.CharField(
        "reason for waiving",
        max_length=250,
        blank=True,
        help_text="Why this article needs no clinical review (e.g. a site announcement).",
    )
    reviewed_by = models.ForeignKey(
        ClinicalReviewer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_articles",
        editable=False,
    )
    last_reviewed = models.DateField(null=True, blank=True, editable=False)
    review_interval_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Months between reviews; leave empty for the site’s default "
        "(Settings › Site settings).",
    )
    # Kept in step by save() so the report and reminders filter in the database.
    review_due = models.DateField(null=True, blank=True, editable=False, db_index=True)

    review_panels = [
        FieldPanel("clinical_review_required", permission="articles.waive_clinical_review"),
        FieldPanel("clinical_review_waiver", permission="articles.waive_clinical_review"),
        FieldPanel("review_interval_months"),
    ]

    def clean_review_fields(self, errors):
        if not self.clinical_review_required and not self.clinical_review_waiver.strip():
            errors["clinical_review_waiver"] = "Say why this article needs no clinical review."
        if self.review_interval_months is not None and not 1 <= self.review_interval_months <= 60:
            errors["review_interval_months"] = "Choose between 1 and 60 months."

    def update_review_due(self, default_months=None):
        """Months after the last review, or after publication for an article never reviewed."""
        start = self.last_reviewed or getattr(self, "date_published", None)
        if start is None:
            self.review_due = None
            return
        months = self.review_interval_months
        if months is None:
            months = (
                default_months
                or SiteSettings.objects.values_list("review_interval_months", flat=True).first()
                or 12
            )
        self.review_due = add_months(start, months)

    @property
    def review_overdue(self):
        return self.review_due is not None and self.review_due < timezone.localdate()

    class Meta:
        abstract = True
