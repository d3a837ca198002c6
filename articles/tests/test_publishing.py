"""Writers draft and submit, editors approve, publish and schedule (groups from migration 0003)."""

from datetime import timedelta
from unittest import mock

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, Workflow, WorkflowPage
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage
from articles.publishing import WORKFLOW, WRITERS_COLLECTION
from home.groups import EDITORS, WRITERS

from .utils import make_article, make_author, make_index, make_reviewer, make_topic, make_user


class TestGroupsFromMigrations(TestCase):
    def test_fresh_database_has_groups_collection_and_workflow(self):
        self.assertTrue(Group.objects.filter(name=WRITERS).exists())
        self.assertTrue(Group.objects.filter(name=EDITORS).exists())
        workflow = Workflow.objects.get(name=WORKFLOW)
        clinical, editorial = (task.specific for task in workflow.tasks)
        self.assertEqual(clinical.name, "Clinical review")  # issue 17: before the editors
        self.assertEqual(list(editorial.groups.values_list("name", flat=True)), [EDITORS])
        self.assertTrue(Collection.objects.filter(name=WRITERS_COLLECTION).exists())

    def test_new_article_index_gets_the_workflow(self):
        index = make_index()
        self.assertEqual(WorkflowPage.objects.get(page=index).workflow.name, WORKFLOW)
        article = make_article(index, publish=False)
        self.assertEqual(article.get_workflow().name, WORKFLOW)

    def test_writers_upload_to_their_collection_only(self):
        writer = make_user("writer", WRITERS)
        image_permissions = policy_registry.get_by_type(get_image_model())
        collections = image_permissions.collections_user_has_permission_for(writer, "add")
        self.assertEqual([c.name for c in collections], [WRITERS_COLLECTION])
        self.assertTrue(image_permissions.user_has_permission(writer, "choose"))

    def test_editors_manage_topics_and_authors_writers_do_not(self):
        editor = make_user("editor", EDITORS)
        writer = make_user("writer", WRITERS)
        for codename in ("add_topic", "change_topic", "delete_topic", "add_author"):
            self.assertTrue(editor.has_perm(f"articles.{codename}"))
            self.assertFalse(writer.has_perm(f"articles.{codename}"))


class TestPagePermissions(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()
        cls.writer = make_user("writer", WRITERS)
        cls.editor = make_user("editor", EDITORS)
        cls.draft = make_article(cls.index, "Writer's draft", publish=False, owner=cls.writer)

    def test_writer_can_create_and_edit_own_drafts_but_not_publish(self):
        index_perms = self.index.permissions_for_user(self.writer)
        self.assertTrue(index_perms.can_add_subpage())
        self.assertFalse(index_perms.can_publish_subpage())
        draft_perms = self.draft.permissions_for_user(self.writer)
        self.assertTrue(draft_perms.can_edit())
        self.assertFalse(draft_perms.can_publish())
        self.assertFalse(draft_perms.can_unpublish())

    def test_writer_cannot_edit_someone_elses_article(self):
        other = make_article(self.index, "Editor's article", owner=self.editor)
        self.assertFalse(other.permissions_for_user(self.writer).can_edit())

    def test_editor_can_publish_schedule_and_unpublish(self):
        perms = self.draft.permissions_for_user(self.editor)
        self.assertTrue(perms.can_edit())
        self.assertTrue(perms.can_publish())
        live = make_article(self.index, "Live article", owner=self.writer)
        self.assertTrue(live.permissions_for_user(self.editor).can_unpublish())

    def test_article_groups_have_no_rights_outside_articles(self):
        home = self.index.get_parent()
        for user in (self.writer, self.editor):
            self.assertFalse(home.permissions_for_user(user).can_add_subpage())
            self.assertFalse(home.permissions_for_user(user).can_edit())


class TestWorkflowThroughTheAdmin(TestCase):
    """The admin views a writer and an editor use, driven with Django's test client."""

    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()
        cls.writer = make_user("writer", WRITERS)
        cls.editor = make_user("editor", EDITORS)
        cls.author = make_author("Maya Okafor")
        cls.topic = make_topic("Anxiety")
        cls.reviewer = make_reviewer()

    def form_data(self, action, **extra):
        data = nested_form_data(
            {
                "title": "Breathing through panic",
                "slug": "breathing-through-panic",
                "standfirst": "A slow out-breath can calm the body's alarm.",
                "hero_alt": "",
                "hero_caption": "",
                "body": streamfield(
                    [
                        ("heading", {"text": "Why it works", "level": "h2"}),
                        ("paragraph", rich_text("<p>Breathing out slowly helps.</p>")),
                        ("quote", {"quote": "In for four, out for six.", "attribution": ""}),
                    ]
                ),
                "references": streamfield([]),
                "related_links": inline_formset([]),
                "corrections": inline_formset([]),
                "comments": inline_formset([]),
                **extra,
            }
        )
        data.update(authors=[self.author.pk], topics=[self.topic.pk], **{action: "1"})
        return data

    def create_as_writer(self, action, **extra):
        self.client.force_login(self.writer)
        url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", self.index.pk))
        response = self.client.post(url, self.form_data(action, **extra))
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        return ArticlePage.objects.get(slug="breathing-through-panic")

    def approve_as(self, user, article):
        self.client.force_login(user)
        state = article.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", state.pk))
        return self.client.post(url, {"comment": "Looks good."})

    def test_writer_asking_to_publish_only_saves_a_draft(self):
        article = self.create_as_writer("action-publish")
        self.assertFalse(article.live)
        self.assertEqual(self.client.get("/articles/breathing-through-panic/").status_code, 404)

    def test_writer_submits_and_editor_approves(self):
        article = self.create_as_writer("action-submit")
        self.assertEqual(article.current_workflow_task.name, "Clinical review")
        self.approve_as(self.reviewer.user, article)
        article.refresh_from_db()
        self.assertEqual(article.current_workflow_task.name, "Editor approval")
        self.assertFalse(article.live)

        # The writer cannot approve their own submission.
        self.approve_as(self.writer, article)
        article.refresh_from_db()
        self.assertFalse(article.live)

        response = self.approve_as(self.editor, article)
        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertTrue(article.live)
        self.assertEqual(article.date_published, timezone.localdate())
        self.client.logout()
        self.assertContains(self.client.get("/articles/"), "Breathing through panic")

    def run_publish_scheduled(self, at):
        """Run the cron command as if it were `at` (patching the clock rather than waiting)."""
        with mock.patch("django.utils.timezone.now", return_value=at):
            call_command("publish_scheduled")

    def test_submitted_article_with_a_go_live_time_waits_for_publish_scheduled(self):
        go_live = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
        article = self.create_as_writer(
            "action-submit", go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M")
        )
        self.approve_as(self.reviewer.user, article)
        article.refresh_from_db()
        self.approve_as(self.editor, article)
        article.refresh_from_db()
        self.assertFalse(article.live)
        self.assertEqual(article.scheduled_revision.approved_go_live_at, go_live)

        self.run_publish_scheduled(at=go_live - timedelta(minutes=1))  # too early
        article.refresh_from_db()
        self.assertFalse(article.live)

        self.run_publish_scheduled(at=go_live + timedelta(minutes=1))
        article.refresh_from_db()
        self.assertTrue(article.live)
        self.client.logout()
        self.assertContains(self.client.get("/articles/"), "Breathing through panic")

    def test_editor_schedules_directly(self):
        article = make_article(self.index, "Scheduled piece", publish=False)
        article.go_live_at = timezone.now() + timedelta(hours=2)
        article.save_revision(user=self.editor).publish(user=self.editor)
        article.refresh_from_db()
        self.assertFalse(article.live)
        self.assertNotContains(self.client.get("/articles/feed/"), "Scheduled piece")
        self.run_publish_scheduled(at=article.go_live_at + timedelta(seconds=1))
        self.assertContains(self.client.get("/articles/feed/"), "Scheduled piece")

    def test_revisions_are_kept(self):
        article = self.create_as_writer("action-submit")
        self.assertGreaterEqual(article.revisions.count(), 1)
