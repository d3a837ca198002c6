"""Clinical review (issue 17): reviewers, the "Clinical review" task first in the article
workflow, the articles' review fields and references; existing articles get their next review
date from their last review (or publication) and the site's interval. Nothing is recorded as a
clinical review that was not one: `reviewed_by` starts empty everywhere."""

import django.db.models.deletion
import modelsearch.index
import wagtail.fields
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def set_up(apps, schema_editor):
    from articles.models.review import add_months
    from articles.publishing import set_up_clinical_review

    # Permissions of new models are normally created after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    set_up_clinical_review(apps)

    SiteSettings = apps.get_model("home", "SiteSettings")
    ArticlePage = apps.get_model("articles", "ArticlePage")
    months = SiteSettings.objects.values_list("review_interval_months", flat=True).first() or 12
    for article in ArticlePage.objects.only("last_reviewed", "date_published"):
        start = article.last_reviewed or article.date_published
        if start:
            ArticlePage.objects.filter(pk=article.pk).update(review_due=add_months(start, months))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_article_newest_index"),
        ("wagtailcore", "0098_apitoken"),
        ("home", "0010_review_interval"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ClinicalReviewTask",
            fields=[
                (
                    "task_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.task",
                    ),
                ),
            ],
            options={
                "verbose_name": "Clinical review task",
            },
            bases=("wagtailcore.task",),
        ),
        migrations.AlterModelOptions(
            name="articlepage",
            options={
                "permissions": [
                    ("waive_clinical_review", "Can waive an article's clinical review")
                ],
                "verbose_name": "article",
            },
        ),
        migrations.AddField(
            model_name="articlepage",
            name="clinical_review_required",
            field=models.BooleanField(
                default=True,
                help_text="Untick only with a reason below: the article then skips the clinical review step.",
                verbose_name="needs clinical review",
            ),
        ),
        migrations.AddField(
            model_name="articlepage",
            name="clinical_review_waiver",
            field=models.CharField(
                blank=True,
                help_text="Why this article needs no clinical review (e.g. a site announcement).",
                max_length=250,
                verbose_name="reason for waiving",
            ),
        ),
        migrations.AddField(
            model_name="articlepage",
            name="references",
            field=wagtail.fields.StreamField(
                [("reference", 6)],
                blank=True,
                block_lookup={
                    0: ("wagtail.blocks.CharBlock", (), {"max_length": 300}),
                    1: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "The journal, publisher or organisation.",
                            "max_length": 200,
                            "required": False,
                        },
                    ),
                    2: (
                        "wagtail.blocks.IntegerBlock",
                        (),
                        {"max_value": 2100, "min_value": 1800, "required": False},
                    ),
                    3: ("wagtail.blocks.URLBlock", (), {"label": "URL", "required": False}),
                    4: (
                        "wagtail.blocks.RegexBlock",
                        (),
                        {
                            "error_messages": {
                                "invalid": "A DOI starts with “10.”, a number, then “/”."
                            },
                            "help_text": "e.g. 10.1001/jama.2020.1234 (without https://doi.org/).",
                            "label": "DOI",
                            "regex": "^10\\.\\d{4,9}/\\S+$",
                            "required": False,
                        },
                    ),
                    5: (
                        "wagtail.blocks.RegexBlock",
                        (),
                        {
                            "error_messages": {
                                "invalid": "A PubMed ID is digits only, e.g. 31234567."
                            },
                            "label": "PubMed ID",
                            "regex": "^\\d{1,9}$",
                            "required": False,
                        },
                    ),
                    6: (
                        "wagtail.blocks.StructBlock",
                        [
                            [
                                ("title", 0),
                                ("publisher", 1),
                                ("year", 2),
                                ("url", 3),
                                ("doi", 4),
                                ("pubmed_id", 5),
                            ]
                        ],
                        {},
                    ),
                },
                help_text="Sources, numbered in this order; cite one in the text as [1], [2]…",
            ),
        ),
        migrations.AddField(
            model_name="articlepage",
            name="review_due",
            field=models.DateField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="articlepage",
            name="review_interval_months",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Months between reviews; leave empty for the site’s default (Settings › Site settings).",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="articlepage",
            name="last_reviewed",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.CreateModel(
            name="ClinicalReviewer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=120)),
                ("credentials", models.CharField(help_text="e.g. PhD, LCSW, MD", max_length=120)),
                (
                    "license_type",
                    models.CharField(
                        help_text="e.g. Licensed Clinical Social Worker, Psychologist",
                        max_length=120,
                    ),
                ),
                ("license_number", models.CharField(max_length=40)),
                (
                    "license_state",
                    models.CharField(
                        choices=[
                            ("AL", "Alabama"),
                            ("AK", "Alaska"),
                            ("AZ", "Arizona"),
                            ("AR", "Arkansas"),
                            ("CA", "California"),
                            ("CO", "Colorado"),
                            ("CT", "Connecticut"),
                            ("DE", "Delaware"),
                            ("DC", "District of Columbia"),
                            ("FL", "Florida"),
                            ("GA", "Georgia"),
                            ("HI", "Hawaii"),
                            ("ID", "Idaho"),
                            ("IL", "Illinois"),
                            ("IN", "Indiana"),
                            ("IA", "Iowa"),
                            ("KS", "Kansas"),
                            ("KY", "Kentucky"),
                            ("LA", "Louisiana"),
                            ("ME", "Maine"),
                            ("MD", "Maryland"),
                            ("MA", "Massachusetts"),
                            ("MI", "Michigan"),
                            ("MN", "Minnesota"),
                            ("MS", "Mississippi"),
                            ("MO", "Missouri"),
                            ("MT", "Montana"),
                            ("NE", "Nebraska"),
                            ("NV", "Nevada"),
                            ("NH", "New Hampshire"),
                            ("NJ", "New Jersey"),
                            ("NM", "New Mexico"),
                            ("NY", "New York"),
                            ("NC", "North Carolina"),
                            ("ND", "North Dakota"),
                            ("OH", "Ohio"),
                            ("OK", "Oklahoma"),
                            ("OR", "Oregon"),
                            ("PA", "Pennsylvania"),
                            ("RI", "Rhode Island"),
                            ("SC", "South Carolina"),
                            ("SD", "South Dakota"),
                            ("TN", "Tennessee"),
                            ("TX", "Texas"),
                            ("UT", "Utah"),
                            ("VT", "Vermont"),
                            ("VA", "Virginia"),
                            ("WA", "Washington"),
                            ("WV", "West Virginia"),
                            ("WI", "Wisconsin"),
                            ("WY", "Wyoming"),
                            ("PR", "Puerto Rico"),
                            ("GU", "Guam"),
                            ("VI", "U.S. Virgin Islands"),
                        ],
                        max_length=2,
                    ),
                ),
                (
                    "active",
                    models.BooleanField(
                        default=True,
                        help_text="Untick when they stop reviewing; past reviews keep their name.",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        help_text="Their author page, if they write for the site.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="articles.author",
                    ),
                ),
                (
                    "therapist_profile",
                    models.ForeignKey(
                        blank=True,
                        help_text="Their profile in the therapist directory, if they have one.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        help_text="The admin account they approve with; it must be in the “Clinical reviewers” group.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="clinical_reviewer",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.AddField(
            model_name="articlepage",
            name="reviewed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="reviewed_articles",
                to="articles.clinicalreviewer",
            ),
        ),
        migrations.RunPython(set_up, migrations.RunPython.noop),
    ]
