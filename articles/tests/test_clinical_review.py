"""Clinical review in the article workflow (issue 17, item 1): who may approve it, what it
records, the byline and JSON-LD it produces, and waiving it."""

import json
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticlePage, ClinicalReviewer
from home.groups import EDITORS, WRITERS

from .utils import make_article, make_author, make_index, make_reviewer, make_user, soup


class TestClinicalReviewStep(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()
        cls.writer = make_user("writer", WRITERS)
        cls.editor = make_user("editor", EDITORS)
        cls.reviewer = make_reviewer("rita", "Rita Alvarez", "PsyD")

    def submit(self, **fields):
        article = make_article(self.index, "Sleep and mood", publish=False, **fields)
        article.owner = self.writer
        article.save()
        article.save_revision(user=self.writer)
        article.get_workflow().start(article, self.writer)
        article.refresh_from_db()
        return article

    def act(self, user, article, action="approve"):
        self.client.force_login(user)
        state = article.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, action, state.pk))
        response = self.client.post(url, {"comment": ""})
        article.refresh_from_db()
        return response

    def test_reviewer_approves_then_editor_publishes_and_page_shows_who_and_when(self):
        article = self.submit()
        self.assertEqual(article.current_workflow_task.name, "Clinical review")

        # Editors see no approve action at this step; the reviewer's dashboard lists it.
        self.assertEqual(
            article.current_workflow_task.specific.get_actions(article, self.editor), []
        )
        self.act(self.editor, article)
        self.assertEqual(article.current_workflow_task.name, "Clinical review")
        self.client.force_login(self.reviewer.user)
        self.assertContains(self.client.get("/admin/"), "Sleep and mood")

        self.act(self.reviewer.user, article)
        self.assertEqual(article.current_workflow_task.name, "Editor approval")
        self.act(self.editor, article)
        self.assertTrue(article.live)

        article = ArticlePage.objects.get(pk=article.pk)
        today = timezone.localdate()
        self.assertEqual(article.reviewed_by, self.reviewer)
        self.assertEqual(article.last_reviewed, today)

        self.client.logout()
        page = soup(self.client.get(article.url))
        byline = page.find(class_="byline__review")
        self.assertIn(
            "Clinically reviewed by Rita Alvarez, PsyD on", byline.get_text(" ", strip=True)
        )
        self.assertEqual(byline.find("a")["href"], "/articles/authors/rita-alvarez/")
        self.assertEqual(byline.find("time")["datetime"], today.isoformat())
        self.assertIsNone(page.find(class_="byline__overdue"))

        data = json.loads(page.find("script", type="application/ld+json").string)
        web_page = data["mainEntityOfPage"]
        self.assertEqual(web_page["@type"], "MedicalWebPage")
        self.assertEqual(web_page["lastReviewed"], today.isoformat())
        self.assertEqual(web_page["reviewedBy"]["name"], "Rita Alvarez")
        self.assertEqual(web_page["reviewedBy"]["honorificSuffix"], "PsyD")
        self.assertTrue(web_page["reviewedBy"]["url"].endswith("/articles/authors/rita-alvarez/"))

    def test_reviewer_requesting_changes_sends_it_back_unreviewed(self):
        article = self.submit()
        self.act(self.reviewer.user, article, action="reject")
        self.assertEqual(article.current_workflow_state.status, "needs_changes")
        self.assertIsNone(ArticlePage.objects.get(pk=article.pk).reviewed_by)

    def test_reviewer_group_without_record_or_inactive_cannot_approve(self):
        article = self.submit()
        self.reviewer.active = False
        self.reviewer.save()
        user = get_user_model().objects.get(pk=self.reviewer.user.pk)
        task = article.current_workflow_task.specific
        self.assertEqual(task.get_actions(article, user), [])
        with self.assertRaises(PermissionDenied):
            task.on_action(article.current_workflow_task_state, user, "approve")

    def test_a_reviewer_never_approves_their_own_article(self):
        article = self.submit(authors=[self.reviewer.author])
        user = get_user_model().objects.get(pk=self.reviewer.user.pk)
        task = article.current_workflow_task.specific
        self.assertEqual(task.get_actions(article, user), [])
        with self.assertRaises(PermissionDenied):
            task.on_action(article.current_workflow_task_state, user, "approve")
        other = make_reviewer("omar", "Omar Haddad", "MD")
        self.act(other.user, article)
        self.assertEqual(article.current_workflow_task.name, "Editor approval")

    def test_waived_article_skips_clinical_review_and_records_no_reviewer(self):
        article = self.submit(
            clinical_review_required=False, clinical_review_waiver="A site announcement."
        )
        self.assertEqual(article.current_workflow_task.name, "Editor approval")
        self.act(self.editor, article)
        article = ArticlePage.objects.get(pk=article.pk)
        self.assertTrue(article.live)
        self.assertIsNone(article.reviewed_by)
        self.assertEqual(article.last_reviewed, timezone.localdate())
        page = soup(self.client.get(article.url))
        self.assertIsNone(page.find(class_="byline__review"))

    def test_waiving_needs_a_reason(self):
        article = make_article(self.index, publish=False)
        article.clinical_review_required = False
        with self.assertRaises(ValidationError) as raised:
            article.full_clean()
        self.assertIn("clinical_review_waiver", raised.exception.message_dict)

    def test_only_editors_see_the_waiver_fields(self):
        article = make_article(self.index, publish=False)
        article.owner = self.writer
        article.save()
        edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
        self.client.force_login(self.writer)
        self.assertNotContains(self.client.get(edit), 'name="clinical_review_required"')
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(edit), 'name="clinical_review_required"')


class TestClinicalReviewer(TestCase):
    def test_reviewer_must_link_their_page(self):
        user = get_user_model().objects.create_user("dr", "dr@example.com", "pw")
        reviewer = ClinicalReviewer(
            user=user,
            name="Dr Who",
            credentials="MD",
            license_type="Psychiatrist",
            license_number="A1",
            license_state="NY",
        )
        with self.assertRaises(ValidationError) as raised:
            reviewer.full_clean()
        self.assertIn("author", raised.exception.message_dict)
        reviewer.author = make_author("Dr Who", credentials="MD")
        reviewer.full_clean()

    def test_editors_manage_reviewers(self):
        editor = make_user("editor", EDITORS)
        self.assertTrue(editor.has_perm("articles.add_clinicalreviewer"))
        self.assertFalse(make_user("writer", WRITERS).has_perm("articles.add_clinicalreviewer"))

    def test_old_hand_typed_review_date_still_shows_month_and_year(self):
        index = make_index()
        article = make_article(index, last_reviewed=date(2026, 3, 1))
        page = soup(self.client.get(article.url))
        byline = " ".join(page.find(class_="byline").get_text(" ").split())
        self.assertIn("Last reviewed March 2026", byline)
